package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/settings"
	packaging "github.com/connector-check/connector-check/package"
)

// The CLI defects a new user hits, each reproduced.
func TestCLIDefects(t *testing.T) {
	contoso := examples + "/" + contosoDir
	t.Run("rules --help", func(t *testing.T) {
		out, stderr, code := runCLI(t, nil, "rules", "--help")
		if code != exitOK || strings.Contains(out+stderr, "Usage of rules") || !strings.Contains(out+stderr, "Usage: connector-check rules") {
			t.Errorf("exit %d, output %q", code, out+stderr)
		}
	})
	t.Run("version --help", func(t *testing.T) {
		out, stderr, code := runCLI(t, nil, "version", "--help")
		if code != exitOK || !strings.Contains(out+stderr, "Usage: connector-check version") {
			t.Errorf("exit %d, output %q", code, out+stderr)
		}
	})
	t.Run("breaking with one argument", func(t *testing.T) {
		_, stderr, code := runCLI(t, nil, "breaking", contoso)
		if code != exitError || !strings.Contains(stderr, "NEW is missing") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	})
	t.Run("--format JSON", func(t *testing.T) {
		for _, args := range [][]string{
			{"validate", "--format", "JSON", contoso},
			{"rules", "--format", "Markdown"},
			{"validate", "--format", "text", "--fail-on", "Error", contoso},
		} {
			_, stderr, code := runCLI(t, nil, args...)
			if code == exitError {
				t.Errorf("%v: exit 2, %s", args, stderr)
			}
		}
	})
	t.Run("validate FILE", func(t *testing.T) {
		_, stderr, code := runCLI(t, nil, "validate", contoso+"/apiDefinition.swagger.json")
		if code != exitError || !strings.Contains(stderr, "connector-check validate '"+contoso+"'") {
			t.Errorf("exit %d, stderr %q: want the folder suggested", code, stderr)
		}
	})
}

// The package command's defects, each reproduced.
func TestPackageDefects(t *testing.T) {
	src := filepath.Join(wdBefore, examples, contosoDir)
	tmp := t.TempDir()
	conn := filepath.Join(tmp, "independent-publisher-connectors", "Contoso Tasks")
	copyDir(t, src, conn)

	t.Run("no intro.md: no false template warning", func(t *testing.T) {
		c2 := filepath.Join(tmp, "nointro", "independent-publisher-connectors", "Contoso Tasks")
		copyDir(t, src, c2)
		os.Remove(filepath.Join(c2, "intro.md"))
		stdout, _, code := runCLI(t, nil, "package", "--out", filepath.Join(tmp, "x.zip"), c2)
		if code != exitFindings || !strings.Contains(stdout, "IntroMissing") || strings.Contains(stdout, "a template was packaged") {
			t.Errorf("exit %d:\n%s", code, stdout)
		}
	})
	t.Run("default --out inside the connector folder", func(t *testing.T) {
		t.Chdir(conn)
		_, stderr, code := runCLI(t, nil, "package", ".")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if _, err := os.Stat("package.zip"); err == nil {
			t.Errorf("package.zip written inside the connector folder")
		}
		if _, err := os.Stat(filepath.Join(filepath.Dir(conn), "Contoso Tasks.zip")); err != nil {
			t.Errorf("no package beside the folder: %v (%s)", err, stderr)
		}
		// Run from elsewhere, the default stays package.zip in the working directory.
		if got := packaging.DefaultOut(filepath.Join(wdBefore, examples, contosoDir)); got != "package.zip" {
			t.Errorf("packaging.DefaultOut from outside = %q", got)
		}
	})
	pkg := filepath.Join(filepath.Dir(conn), "Contoso Tasks.zip")
	t.Run("verify-package says it passed", func(t *testing.T) {
		_, stderr, code := runCLI(t, nil, "verify-package", "--connector", conn, pkg)
		if code != exitOK || !strings.Contains(stderr, "Contoso Tasks.zip: verified with the independent-publisher rules against "+filepath.ToSlash(conn)+": passes (0 errors, 0 warnings") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	})
	t.Run("verify-package says what drifted", func(t *testing.T) {
		editFile(t, filepath.Join(conn, "apiDefinition.swagger.json"), `"summary": "List tasks"`, `"summary": "List all tasks"`)
		stdout, _, code := runCLI(t, nil, "verify-package", "--fail-on", "warning", "--connector", conn, pkg)
		if code == exitOK || !strings.Contains(stdout, "PackageConnectorMismatch") || !strings.Contains(stdout, "/paths/~1tasks/get/summary") {
			t.Errorf("exit %d:\n%s", code, stdout)
		}
	})
	t.Run("kind of a certified package outside its folder", func(t *testing.T) {
		cert := filepath.Join(wdBefore, examples, africasDir)
		out := filepath.Join(t.TempDir(), "africa.zip")
		if _, stderr, code := runCLI(t, nil, "package", "--force", "--fail-on", "never", "--out", out, cert); code != exitOK {
			t.Fatalf("package: exit %d %s", code, stderr)
		}
		stdout, stderr, _ := runCLI(t, nil, "verify-package", "--format", "json", out)
		if strings.Contains(stdout, `"kind": "independent-publisher"`) || !strings.Contains(stdout, `"kind": "certified"`) {
			t.Errorf("kind not certified:\n%s\n%s", stdout, stderr)
		}
	})
}

// A baseline recorded with other paths matched nothing, silently; different missing readme
// sections shared one fingerprint.
func TestBaselineDefects(t *testing.T) {
	tmp := t.TempDir()
	conn := filepath.Join(tmp, "independent-publisher-connectors", "Broken Tasks")
	copyDir(t, filepath.Join(wdBefore, examples, "independent-publisher-connectors", "Broken Tasks"), conn)
	base := filepath.Join(tmp, "baseline.json")
	t.Chdir(tmp)
	if _, stderr, code := runCLI(t, nil, "baseline", "--output", base, "independent-publisher-connectors"); code != exitOK {
		t.Fatalf("baseline: %d %s", code, stderr)
	}
	data, _ := os.ReadFile(base)
	total := strings.Count(string(data), `"fingerprint"`)
	_, stderr, _ := runCLI(t, nil, "validate", "--baseline", base, "independent-publisher-connectors")
	if want := "matched"; !strings.Contains(stderr, want) || strings.Contains(stderr, " 0 of ") {
		t.Errorf("same paths: stderr %q", stderr)
	}
	// The same connector given by another path: nothing matches, and it says so.
	t.Chdir(filepath.Join(tmp, "independent-publisher-connectors"))
	_, stderr, _ = runCLI(t, nil, "validate", "--baseline", base, "Broken Tasks")
	if want := "0 of " + settings.Plural(total, "recorded finding") + " matched"; !strings.Contains(stderr, want) {
		t.Errorf("stderr %q lacks %q", stderr, want)
	}
}
