package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/connector-check/connector-check/internal/goldenfile"
)

// loadVersion loads testdata/breaking/<case>/<which>.json (and <which>.properties.json when present).
func loadVersion(t *testing.T, dir, name, which string) *Connector {
	t.Helper()
	files := map[string][]byte{}
	data, err := os.ReadFile(filepath.Join(dir, which+".json"))
	if err != nil {
		t.Fatal(err)
	}
	files[SwaggerName] = data
	if props, err := os.ReadFile(filepath.Join(dir, which+".properties.json")); err == nil {
		files[PropertiesName] = props
	}
	c := FromFiles(name, dir, IndependentPublisher, files, which+".json")
	if c.Properties != nil {
		c.Properties.Path = c.FilePath(which + ".properties.json")
	}
	return c
}

func formatFindings(fs []Finding) string {
	var sb strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&sb, "%s:%d:%d-%d:%d %s [%s] %s (%s)\n", f.File, f.Line, f.Column, f.EndLine, f.EndColumn, f.Severity, f.Rule, f.Message, f.Pointer)
		for _, r := range f.Related {
			fmt.Fprintf(&sb, "    related %s:%d %s\n", r.File, r.Line, r.Message)
		}
	}
	return sb.String()
}

// TestBreakingGolden compares each pair under testdata/breaking with its expected.txt.
func TestBreakingGolden(t *testing.T) {
	dirs, err := filepath.Glob("testdata/breaking/*")
	if err != nil || len(dirs) == 0 {
		t.Fatal("no golden cases", err)
	}
	seen := map[string]bool{}
	for _, dir := range dirs {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			fs := Breaking(loadVersion(t, dir, name, "old"), loadVersion(t, dir, name, "new"))
			for _, f := range fs {
				seen[f.Rule] = true
			}
			got := []byte(formatFindings(fs))
			goldenfile.Check(t, filepath.Join(dir, "expected.txt"), got)
		})
	}
	for _, r := range rulesInSection("15") {
		if !seen[r.ID] {
			t.Errorf("no golden case shows %s", r.ID)
		}
	}
}

// TestCorpusBreakingSelf compares every published connector with itself (two separate loads):
// nothing may be reported.
func TestCorpusBreakingSelf(t *testing.T) {
	needCorpus(t)
	dirs, err := Discover(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	compared := 0
	var prev *Connector
	var inBreaking time.Duration
	for _, d := range dirs {
		old, err1 := Load(d, d, 0)
		new, err2 := Load(d, d, 0)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if swaggerRoot(new) != nil {
			compared++
		}
		t0 := time.Now()
		fs := Breaking(old, new)
		inBreaking += time.Since(t0)
		if len(fs) > 0 {
			t.Errorf("%s compared with itself:\n%s", d, describe(fs))
		}
		if prev != nil {
			Breaking(prev, new) // two unrelated connectors: anything may differ, nothing may panic
		}
		prev = old
	}
	t.Logf("%d connectors (%d with a swagger) compared with themselves: %v in Breaking, %v in all (loading twice, cross comparisons)", len(dirs), compared, inBreaking, time.Since(start))
}
