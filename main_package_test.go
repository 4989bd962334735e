package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPackageEndToEnd: package builds a zip that verify-package accepts; a second build is
// byte-identical; a folder with errors gets no package unless --force.
func TestPackageEndToEnd(t *testing.T) {
	dir := t.TempDir()
	clean := examples + "/independent-publisher-connectors/Contoso Tasks"
	out := filepath.Join(dir, "package.zip")
	_, stderr, code := runCLI(t, nil, "package", "--out", out, clean)
	if code != exitOK || !strings.Contains(stderr, "wrote "+out) {
		t.Fatalf("package: exit %d, stderr %q", code, stderr)
	}
	first, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runCLI(t, nil, "verify-package", "--format", "json", "--fail-on", "warning", out, "--connector", clean)
	if code != exitOK {
		t.Fatalf("verify-package: exit %d, stderr %q, stdout %s", code, stderr, stdout)
	}
	var rep struct {
		Findings []struct{ Rule, Severity, File string }
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		if f.Severity != "notice" || !strings.HasPrefix(f.File, filepath.ToSlash(out)+"!") {
			t.Errorf("verify-package finding %+v", f)
		}
	}
	if _, _, code := runCLI(t, nil, "package", "--out", out, clean); code != exitOK {
		t.Fatalf("second build: exit %d", code)
	}
	second, _ := os.ReadFile(out)
	if sha256.Sum256(first) != sha256.Sum256(second) {
		t.Error("two builds differ")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the output folder holds %d entries, want only package.zip (no temporary files)", len(entries))
	}

	// Refusal: error findings, no file, and no temporary file left behind.
	broken := examples + "/independent-publisher-connectors/Broken Tasks"
	refused := filepath.Join(dir, "broken.zip")
	stdout, stderr, code = runCLI(t, nil, "package", "--out", refused, broken)
	if code != exitFindings || !strings.Contains(stderr, "not written") || !strings.Contains(stdout, "error") {
		t.Errorf("broken connector: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(refused); !os.IsNotExist(err) {
		t.Error("a package was written for a connector with errors")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the refused build left files: %d entries", len(entries))
	}

	// Drift: verify-package next to a folder whose swagger changed since the build.
	moved := filepath.Join(dir, "independent-publisher-connectors", "Contoso Tasks")
	if err := os.MkdirAll(moved, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"apiDefinition.swagger.json", "apiProperties.json", "readme.md", "intro.md"} {
		data, _ := os.ReadFile(filepath.Join(clean, name))
		if name == "apiDefinition.swagger.json" {
			data = bytes.Replace(data, []byte(`"api.contosotasks.io"`), []byte(`"api2.contosotasks.io"`), 1)
		}
		os.WriteFile(filepath.Join(moved, name), data, 0o644)
	}
	inFolder := filepath.Join(moved, "ContosoTasks.zip")
	os.WriteFile(inFolder, first, 0o644)
	stdout, _, code = runCLI(t, nil, "verify-package", "--fail-on", "warning", inFolder)
	if code != exitFindings || !strings.Contains(stdout, "PackageConnectorMismatch") || !strings.Contains(stdout, `host "api.contosotasks.io" in the package, "api2.contosotasks.io" in the folder`) {
		t.Errorf("drift: exit %d, output %s", code, stdout)
	}
	// validate looks into the zip too.
	stdout, _, _ = runCLI(t, nil, "validate", moved)
	if !strings.Contains(stdout, "ContosoTasks.zip!package.zip!PkgAssets/ConnectorSolution.zip!Connector/") || !strings.Contains(stdout, "PackageConnectorMismatch") {
		t.Errorf("validate didn't verify the package in the folder:\n%s", stdout)
	}
	// A broken old package in the folder doesn't block the rebuild that replaces it; another
	// one is reported but doesn't block either.
	os.WriteFile(inFolder, []byte("not a zip"), 0o644)
	os.WriteFile(filepath.Join(moved, "Old.zip"), []byte("not a zip"), 0o644)
	stdout, stderr, code = runCLI(t, nil, "package", "--fail-on", "never", "--out", inFolder, moved)
	if code != exitOK || strings.Count(stdout, "PackageNotReadable") != 1 || !strings.Contains(stdout, "Old.zip") || !strings.Contains(stderr, "wrote") {
		t.Errorf("rebuild over a broken package: exit %d, stdout %s, stderr %q", code, stdout, stderr)
	}
	if _, _, code := runCLI(t, nil, "verify-package", "--fail-on", "warning", inFolder); code != exitOK {
		t.Errorf("the rebuilt package has findings: exit %d", code)
	}
}

func TestPackageUsageErrors(t *testing.T) {
	clean := examples + "/independent-publisher-connectors/Contoso Tasks"
	out := filepath.Join(t.TempDir(), "p.zip")
	for _, args := range [][]string{
		{"package"},
		{"package", "--out", out, "--publisher-prefix", "Bad Prefix", clean},
		{"package", "--out", out, "--option-value-prefix", "5", clean},
		{"package", "--out", out, "--solution-version", "one", clean},
		{"package", "--out", out, "--operation", "Nope", clean},
		{"package", "--out", out, "--format", "xml", clean},
		{"package", "--out", out, "internal"},
		{"verify-package"},
		{"verify-package", "testdata/does-not-exist.zip"},
	} {
		if _, stderr, code := runCLI(t, nil, args...); code != exitError || stderr == "" {
			t.Errorf("%q: exit %d, stderr %q", args, code, stderr)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a usage error wrote a package")
	}
	// Not a zip: a finding, exit 1.
	bad := filepath.Join(t.TempDir(), "bad.zip")
	os.WriteFile(bad, []byte("not a zip"), 0o644)
	if stdout, _, code := runCLI(t, nil, "verify-package", bad); code != exitFindings || !strings.Contains(stdout, "PackageNotReadable") {
		t.Errorf("not a zip: exit %d, %s", code, stdout)
	}
}

// TestActionPackage: with the input package true, the action builds one package per connector
// and lists them in the packages output.
func TestActionPackage(t *testing.T) {
	tmp := t.TempDir()
	output := filepath.Join(tmp, "output")
	env := map[string]string{
		"GITHUB_ACTIONS":      "true",
		"INPUT_PATH":          examples + "/independent-publisher-connectors/Contoso Tasks",
		"INPUT_PACKAGE":       "true",
		"INPUT_PACKAGE-DIR":   filepath.Join(tmp, "pk"),
		"GITHUB_OUTPUT":       output,
		"GITHUB_STEP_SUMMARY": filepath.Join(tmp, "summary"),
	}
	stdout, stderr, code := runCLI(t, env)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q, stdout %s", code, stderr, stdout)
	}
	outs, _ := os.ReadFile(output)
	want := "packages=" + `["` + filepath.ToSlash(filepath.Join(tmp, "pk", "Contoso Tasks.zip")) + `"]`
	if !strings.Contains(string(outs), want) {
		t.Errorf("outputs = %q, want %q", outs, want)
	}
	if _, err := os.Stat(filepath.Join(tmp, "pk", "Contoso Tasks.zip")); err != nil {
		t.Error(err)
	}
	if !strings.Contains(stdout, "::notice") || !strings.Contains(stdout, "title=FlowSolutionMissing (package.zip!PkgAssets/FlowSolution.zip)") {
		t.Errorf("annotations:\n%s", stdout)
	}
}

// TestActionPackageNames: package-dir holds one <folder name>.zip per connector, so a second folder
// of the same name gets an error instead of overwriting the first one's package, and a folder
// under two of the paths is packaged once.
func TestActionPackageNames(t *testing.T) {
	tmp := t.TempDir()
	src := os.DirFS(examples + "/independent-publisher-connectors/Contoso Tasks")
	for _, repo := range []string{"a", "b"} {
		if err := os.CopyFS(filepath.Join(tmp, repo, "independent-publisher-connectors", "Contoso Tasks"), src); err != nil {
			t.Fatal(err)
		}
	}
	output := filepath.Join(tmp, "output")
	env := map[string]string{
		"GITHUB_ACTIONS":    "true",
		"INPUT_PATH":        filepath.Join(tmp, "a") + "\n" + filepath.Join(tmp, "a", "independent-publisher-connectors") + "\n" + filepath.Join(tmp, "b"),
		"INPUT_PACKAGE":     "true",
		"INPUT_PACKAGE-DIR": filepath.Join(tmp, "pk"),
		"INPUT_FAIL-ON":     "never",
		"GITHUB_OUTPUT":     output,
	}
	stdout, stderr, code := runCLI(t, env)
	if code != exitFindings || strings.Count(stdout, "is already the package of") != 1 {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", code, stderr, stdout)
	}
	outs, _ := os.ReadFile(output)
	var built []string
	_, list, _ := strings.Cut(string(outs), "packages=")
	if err := json.Unmarshal([]byte(strings.TrimSpace(list)), &built); err != nil || len(built) != 1 {
		t.Errorf("packages output %q (%v)", outs, err)
	}
}
