package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// makeConnector writes a connector folder and returns its path. files maps names to contents; the
// value "<absent>" removes a default file, and "-> target" makes a symbolic link.
func makeConnector(t testing.TB, kind Kind, files map[string]string) string {
	t.Helper()
	all := map[string]string{
		SwaggerName:    goodSwagger,
		PropertiesName: goodProperties,
		ReadmeName:     goodReadme,
	}
	for name, content := range files {
		all[name] = content
	}
	dir := filepath.Join(t.TempDir(), kindFolder[kind], "Contoso Tasks")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range all {
		if content == absent {
			continue
		}
		if target, ok := strings.CutPrefix(content, "-> "); ok {
			if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil { // "images/a.png"
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// check loads and checks one connector folder.
func checkDir(t testing.TB, dir string, kind Kind) []Finding {
	t.Helper()
	c, err := Load(dir, "c", kind)
	if err != nil {
		t.Fatal(err)
	}
	return Check(c)
}

// edit applies old->new replacements to s, failing the test when old is not in s.
func edit(t testing.TB, s string, pairs ...string) string {
	t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("fixture edit: %q not found", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

func describe(fs []Finding) string {
	var sb strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&sb, "  %s:%d:%d-%d:%d %s [%s] %s (%s)\n", f.File, f.Line, f.Column, f.EndLine, f.EndColumn, f.Severity, f.Rule, f.Message, f.Pointer)
	}
	return sb.String()
}

// mustRule is the registered rule with that ID (the cases name rules by ID, as findings do).
func mustRule(id string) *Rule {
	r, ok := LookupRule(id)
	if !ok {
		panic("validate: unregistered rule " + id)
	}
	return r
}
