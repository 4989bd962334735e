package baseline

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/connector-check/connector-check/validate"
)

// FuzzLoad: the baseline file is in the pull request; any bytes give a baseline or an error, and
// applying a baseline never panics.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		`{"version": 1, "findings": [{"rule": "JsonBomPresent", "file": "a/b.json", "fingerprint": "x"}]}`,
		`{"version": 1, "findings": []}`, `{"version": 2}`, `[]`, `{"findings": null}`, ``, `{"version": 1e400}`,
	} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	res := &validate.Result{
		Connectors: []validate.ConnectorResult{{Path: "c"}},
		Findings: []validate.Finding{
			{Rule: "JsonBomPresent", Severity: validate.Warning, Connector: "c", File: "c/apiDefinition.swagger.json", Line: 1, Column: 1},
			{Rule: "JsonBomPresent", Severity: validate.Error, Connector: "c", File: "c/apiDefinition.swagger.json", Line: 3},
		},
	}
	fp := &Fingerprinter{ReadFile: func(string) ([]byte, error) { return []byte("{\n  \"a\": 1\n}\n"), nil }}
	f.Fuzz(func(t *testing.T, data []byte) {
		name := filepath.Join(dir, "baseline.json")
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := Load(name)
		if err != nil {
			return
		}
		out, n := Apply(res, b, fp)
		if n < 0 || n > len(res.Findings) || len(out.Findings) != len(res.Findings) {
			t.Fatalf("Apply: %d baselined, %d findings", n, len(out.Findings))
		}
	})
}
