package packaging

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/validate"
)

var caseKindFolder = map[validate.Kind]string{
	validate.Certified:            "certified-connectors",
	validate.IndependentPublisher: "independent-publisher-connectors",
	validate.Custom:               "custom-connectors",
}

// writeFolder writes a connector folder of kind k holding files (validate's absent: left out).
func writeFolder(t *testing.T, k validate.Kind, files map[string]string) *validate.Connector {
	t.Helper()
	dir := filepath.Join(t.TempDir(), caseKindFolder[k], "Contoso Tasks")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		if content == "<absent>" {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return load(t, dir)
}

// packageEdit applies one PackageEdit to a package.
func packageEdit(t *testing.T, pkg []byte, pe validate.PackageEdit) []byte {
	t.Helper()
	parts := strings.Split(pe.Entry, "!")
	if len(parts) < 2 || parts[0] != "package.zip" {
		t.Fatalf("entry %q: want package.zip!...", pe.Entry)
	}
	prefix := parts[len(parts)-1]
	text, err := pe.Text()
	if err != nil {
		t.Fatal(err)
	}
	return edit(t, pkg, parts[1:len(parts)-1], func(es []zent) []zent {
		switch {
		case pe.Remove:
			return without(prefix)(es)
		case pe.Rename != "":
			return rename(prefix, pe.Rename)(es)
		}
		hit := false
		for i := range es {
			if !strings.HasPrefix(es[i].name, prefix) {
				continue
			}
			hit = true
			if pe.Old == "" {
				es[i].data = []byte(text)
				continue
			}
			at := bytes.Index(es[i].data, []byte(pe.Old))
			if at < 0 {
				t.Fatalf("%s: %s has no %q", pe.Entry, es[i].name, pe.Old)
			}
			if pe.Gen != "" {
				at += len(pe.Old)
				es[i].data = []byte(string(es[i].data[:at]) + text + string(es[i].data[at:]))
			} else {
				es[i].data = bytes.Replace(es[i].data, []byte(pe.Old), []byte(text), 1)
			}
		}
		if !hit {
			if pe.Old != "" {
				t.Fatalf("%s: no such entry", pe.Entry)
			}
			es = append(es, zent{name: prefix, data: []byte(text)})
		}
		return es
	})
}

// runPackageCase builds the package of a package case's folder, edits it and verifies it against
// the folder.
func runPackageCase(t *testing.T, c *validate.Case) []validate.Finding {
	t.Helper()
	files, err := c.Files()
	if err != nil {
		t.Fatal(err)
	}
	folder := writeFolder(t, c.Kind, files)
	from := folder
	if c.Package.Stale {
		good, _ := (&validate.Case{}).Files()
		from = writeFolder(t, c.Kind, good)
	}
	pkg, fs, err := Build(from, BuildOptions{Label: "package.zip"})
	if err != nil || pkg == nil {
		t.Fatalf("build: %v\n%s", err, describe(fs))
	}
	for _, pe := range c.Package.Edits {
		pkg = packageEdit(t, pkg, pe)
	}
	opts := Options{Kind: c.Kind, Connector: folder, ConnectorPath: folder.Path}
	if c.Package.Plugin {
		opts.Plugin = PluginYes
	}
	return Verify("package.zip", pkg, opts)
}

// TestPackageExamples runs the documented examples of the package rules: the bad case fires the
// rule in the entry At names (a prefix of the finding's file), the good case doesn't fire it.
func TestPackageExamples(t *testing.T) {
	n := 0
	for _, r := range validate.Rules() {
		bad, good := r.Example.BadCase, r.Example.GoodCase
		if bad == nil || bad.Package == nil {
			continue
		}
		n++
		t.Run(r.ID+"/bad", func(t *testing.T) {
			all := runPackageCase(t, bad)
			want := bad.Severity
			if want == 0 {
				want = r.SeverityFor(bad.Kind)
			}
			var got []string
			for _, f := range all {
				if f.Rule != r.ID {
					continue
				}
				if bad.At != "" && strings.HasPrefix(f.File, bad.At) && f.Severity == want {
					return
				}
				got = append(got, fmt.Sprintf("%s at %q: %s", f.Severity, f.File, f.Message))
			}
			t.Errorf("want %s %s at %q..., got %v\nall:\n%s", want, r.ID, bad.At, got, describe(all))
		})
		t.Run(r.ID+"/good", func(t *testing.T) {
			for _, f := range runPackageCase(t, good) {
				if f.Rule == r.ID {
					t.Errorf("want no %s, got %s at %s: %s", r.ID, f.Severity, f.File, f.Message)
				}
			}
		})
	}
	if n == 0 {
		t.Error("no package example")
	}
}
