package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// corpusDir is ../shared/corpus from the module root: real published connectors, data only.
const corpusDir = "../../shared/corpus"

func needCorpus(tb testing.TB) {
	tb.Helper()
	if _, err := os.Stat(corpusDir); err != nil {
		tb.Skip("../shared/corpus is absent")
	}
}

// TestCorpus runs every rule over the published connectors: nothing may fail to load, and
// error-severity findings (which fail a check) must stay rare, because Microsoft accepted these
// connectors. The per-rule table is logged with -v.
func TestCorpus(t *testing.T) {
	needCorpus(t)
	res, err := Run([]string{corpusDir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Connectors) < 400 {
		t.Fatalf("only %d connectors discovered", len(res.Connectors))
	}
	errored := map[string]bool{}
	for _, f := range res.Findings {
		if f.Severity == Error {
			errored[f.Connector] = true
		}
	}
	t.Logf("%d connectors, %d findings, %d connectors with an error\n%s",
		len(res.Connectors), len(res.Findings), len(errored), CorpusTable(res))
	if share := float64(len(errored)) / float64(len(res.Connectors)); share > 0.05 {
		t.Errorf("%.1f%% of published connectors get an error finding; look for false positives", 100*share)
	}
}

// CorpusTable counts, per rule and severity, the connectors flagged by kind.
func CorpusTable(res *Result) string {
	type key struct{ rule, sev string }
	flagged := map[key]map[string]Kind{}
	kinds := map[string]Kind{}
	for _, c := range res.Connectors {
		kinds[c.Path] = c.Kind
	}
	for _, f := range res.Findings {
		k := key{f.Rule, f.Severity.String()}
		if flagged[k] == nil {
			flagged[k] = map[string]Kind{}
		}
		flagged[k][f.Connector] = kinds[f.Connector]
	}
	total := map[Kind]int{}
	for _, k := range kinds {
		total[k]++
	}
	var rows []string
	for k, conns := range flagged {
		n := map[Kind]int{}
		for _, kind := range conns {
			n[kind]++
		}
		rows = append(rows, fmt.Sprintf("| %s | %s | %d/%d | %d/%d |", k.rule, k.sev,
			n[Certified], total[Certified], n[IndependentPublisher], total[IndependentPublisher]))
	}
	slices.Sort(rows)
	return "| rule | severity | certified | independent publisher |\n|---|---|---|---|\n" + strings.Join(rows, "\n")
}

func BenchmarkCorpus(b *testing.B) {
	needCorpus(b)
	var size int64
	filepath.Walk(corpusDir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			size += info.Size()
		}
		return nil
	})
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run([]string{corpusDir}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
