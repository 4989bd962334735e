package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNewSubmission: --new turns the catalog's ↑new rules into errors (here: a certified
// connector without stackOwner, a warning for a published connector).
func TestNewSubmission(t *testing.T) {
	src := filepath.Join("testdata", "connectors", "independent-publisher-connectors", "Contoso Tasks")
	dir := filepath.Join(t.TempDir(), "certified-connectors", "Contoso Tasks")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"apiDefinition.swagger.json", "apiProperties.json", "readme.md"} {
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "apiProperties.json" {
			data = []byte(strings.Replace(string(data), `"#da3b01"`, `"#4f6bed"`, 1))
			data = []byte(strings.Replace(string(data), `"stackOwner"`, `"stack-owner-removed"`, 1))
		}
		os.WriteFile(filepath.Join(dir, name), data, 0o644)
	}
	out, _, code := runCLI(t, nil, "validate", "--fail-on", "error", dir)
	if !strings.Contains(out, "warning [StackOwnerMissing]") {
		t.Fatalf("published: exit %d\n%s", code, out)
	}
	out, _, code = runCLI(t, nil, "validate", "--new", dir)
	if code != exitFindings || !strings.Contains(out, "error [StackOwnerMissing]") {
		t.Fatalf("--new: exit %d\n%s", code, out)
	}
}
