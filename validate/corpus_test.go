package validate

import (
	"cmp"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// corpusDir is ../shared/corpus from the module root: real published connectors, data only.
const corpusDir = "../../shared/corpus"

var writeCalibration = flag.String("calibration", "", "write the per-rule corpus tables of TestCorpus to this Markdown file (docs/calibration.md)")

func needCorpus(tb testing.TB) {
	tb.Helper()
	if _, err := os.Stat(corpusDir); err != nil {
		tb.Skip("../shared/corpus is absent")
	}
}

// corpusHalf is one of the two halves of the corpus, fixed in advance for this project: within
// each kind folder, the connector folder names sorted in byte order; even positions (0, 2, 4, ...)
// are the tuning half, odd positions the held-back half. Rules are tuned only on the tuning half;
// the held-back half is only reported, and the corpus gate is measured on it.
type corpusHalf uint8

const (
	tuningHalf corpusHalf = iota
	heldBackHalf
)

func (h corpusHalf) String() string {
	if h == tuningHalf {
		return "tuning"
	}
	return "held-back"
}

func (h corpusHalf) title() string {
	if h == tuningHalf {
		return "Tuning"
	}
	return "Held-back"
}

// corpusKindDirs are the kind folders the split runs over, each on its own.
var corpusKindDirs = []string{"certified-connectors", "independent-publisher-connectors"}

// splitCorpus assigns every connector folder under dir's kind folders to its half, keyed
// "<kind folder>/<folder name>".
func splitCorpus(dir string) (map[string]corpusHalf, error) {
	halves := map[string]corpusHalf{}
	for _, kindDir := range corpusKindDirs {
		entries, err := os.ReadDir(filepath.Join(dir, kindDir))
		if err != nil {
			return nil, err
		}
		var names []string
		for _, e := range entries {
			if e.IsDir() {
				names = append(names, e.Name())
			}
		}
		slices.Sort(names) // byte order, whatever os.ReadDir returned
		for i, name := range names {
			halves[kindDir+"/"+name] = corpusHalf(i % 2)
		}
	}
	return halves, nil
}

// halfOf is the half of a connector path ("../../shared/corpus/certified-connectors/X").
func halfOf(halves map[string]corpusHalf, connector string) (corpusHalf, bool) {
	kindDir, name := path.Split(strings.TrimSuffix(connector, "/"))
	h, ok := halves[path.Base(kindDir)+"/"+name]
	return h, ok
}

// halfStats is what TestCorpus measures on one half.
type halfStats struct {
	half       corpusHalf
	connectors map[string]Kind
	// Connectors with an error finding: any, and (catalog sections 3 and up) in the swagger or
	// in the other files.
	errored, swaggerErr, otherErr map[string]bool
	// reviewed: connectors with an error from a rule outside pendingSeverityReview, i.e. what
	// remains once the severities the policy no longer supports are corrected (a projection).
	reviewed map[string]bool
	findings []Finding
}

func newHalfStats(h corpusHalf) *halfStats {
	return &halfStats{half: h, connectors: map[string]Kind{}, errored: map[string]bool{},
		swaggerErr: map[string]bool{}, otherErr: map[string]bool{}, reviewed: map[string]bool{}}
}

func (s *halfStats) add(f Finding) {
	s.findings = append(s.findings, f)
	if f.Severity != Error {
		return
	}
	s.errored[f.Connector] = true
	if !slices.Contains(pendingSeverityReview, f.Rule) {
		s.reviewed[f.Connector] = true
	}
	// Files that are objectively broken (not JSON, not UTF-8, misnamed or missing: catalog
	// sections 1 and 2) don't count against the per-family bars.
	if r, _ := LookupRule(f.Rule); r.Section == "1" || r.Section == "2" {
		return
	}
	if strings.HasSuffix(strings.ToLower(f.File), ".swagger.json") {
		s.swaggerErr[f.Connector] = true
	} else {
		s.otherErr[f.Connector] = true
	}
}

func (s *halfStats) share(set map[string]bool) float64 {
	return float64(len(set)) / float64(len(s.connectors))
}

func (s *halfStats) summary() string {
	return fmt.Sprintf("%s half: %d connectors, %d findings; with an error: %s (swagger %d, other files %d); "+
		"without the rules pending severity review: %s",
		s.half, len(s.connectors), len(s.findings), share(len(s.errored), len(s.connectors)), len(s.swaggerErr), len(s.otherErr),
		share(len(s.reviewed), len(s.connectors)))
}

// splitResult divides a corpus run's connectors and findings into the two halves.
func splitResult(t *testing.T, res *Result) [2]*halfStats {
	t.Helper()
	halves, err := splitCorpus(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	stats := [2]*halfStats{newHalfStats(tuningHalf), newHalfStats(heldBackHalf)}
	for _, c := range res.Connectors {
		h, ok := halfOf(halves, c.Path)
		if !ok {
			t.Fatalf("connector %s is in neither half", c.Path)
		}
		stats[h].connectors[c.Path] = c.Kind
	}
	for _, f := range res.Findings {
		h, ok := halfOf(halves, f.Connector)
		if !ok {
			t.Fatalf("finding on %s, which is in neither half", f.Connector)
		}
		stats[h].add(f)
	}
	return stats
}

// Bars on the held-back half, which the rules were never tuned on. Each is the goal; the gate
// enforces a ceiling no lower than the goal.
const (
	// familyErrorBar: at most this share of connectors gets an error-severity content finding in
	// its swagger, and at most this share one in the other files (apiProperties, readme, script,
	// icon); catalog sections 1 and 2 (broken files) don't count. Measured with the rule
	// corrections of issue 12: swagger 2 of 250 (0.8%), other files 3 of 250 (1.2%).
	familyErrorBar     = 0.03
	familyErrorCeiling = familyErrorBar
	// anyErrorGoal is issue 12's goal: at most 5% of published connectors get any error.
	anyErrorGoal = 0.05
	// anyErrorCeiling: measured with the rule corrections and ArrayDuplicateValue as listing
	// policy, 12 of 250 (4.8%), each a real defect (docs/calibration.md); before the corrections
	// 19 of 250 (7.6%).
	anyErrorCeiling = anyErrorGoal
)

// gate fails the test when share exceeds the ceiling, and logs it when it only misses the goal.
func gate(t *testing.T, share, goal, ceiling float64, what string) {
	t.Helper()
	if share <= goal {
		return
	}
	msg := fmt.Sprintf("%.1f%% of held-back published connectors get %s (goal at most %.0f%%); look for false positives",
		100*share, what, 100*goal)
	if share > ceiling {
		t.Errorf("%s; the gate allows %.1f%%", msg, 100*ceiling)
	} else {
		t.Logf("%s; not yet enforced: the gate allows %.1f%% (issue 12)", msg, 100*ceiling)
	}
}

// TestCorpus runs every rule over the published connectors: nothing may fail to load, and
// error-severity findings (which fail a check) must stay rare on the held-back half, because
// Microsoft accepted these connectors. The per-rule tables of both halves are logged with -v.
func TestCorpus(t *testing.T) {
	needCorpus(t)
	res, err := Run([]string{corpusDir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Connectors) < 400 {
		t.Fatalf("only %d connectors discovered", len(res.Connectors))
	}
	stats := splitResult(t, res)
	tuning, held := stats[tuningHalf], stats[heldBackHalf]
	t.Logf("%s\n%s\n\ntuning half:\n%s\nheld-back half:\n%s", tuning.summary(), held.summary(),
		CorpusTable(tuning.connectors, tuning.findings), CorpusTable(held.connectors, held.findings))
	gate(t, held.share(held.swaggerErr), familyErrorBar, familyErrorCeiling, "an error finding in the swagger")
	gate(t, held.share(held.otherErr), familyErrorBar, familyErrorCeiling, "an error finding in the other files")
	gate(t, held.share(held.errored), anyErrorGoal, anyErrorCeiling, "an error finding")
	doc, err := os.ReadFile("../docs/calibration.md")
	if err == nil {
		if missing := unexplainedErrorRules(string(doc), stats); len(missing) > 0 {
			t.Errorf("error rules fire on the corpus without a stated defect in docs/calibration.md (section %q): %s",
				defectsHeading, strings.Join(missing, ", "))
		}
	}
	if *writeCalibration != "" {
		old, _ := os.ReadFile(*writeCalibration)
		if err := os.WriteFile(*writeCalibration, []byte(calibrationDoc(stats, string(old))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const calibrationHeader = `# Calibration on published connectors

Generated by ` + "`go test ./validate -run TestCorpus -calibration ../docs/calibration.md`" + ` over
../shared/corpus (a snapshot of microsoft/PowerPlatformConnectors; not part of this repository), up to
the hand-written section at the end, which regeneration keeps.

Severities are set by the [severity policy](severity.md), never by these counts; the counts check the
verdicts. The corpus is split in two halves fixed in advance: within each kind folder, the connector
folder names sorted in byte order; even positions are the **tuning** half, odd positions the
**held-back** half. Rules are tuned only on the tuning half; the held-back half is only reported, and
the corpus gate of the tests is measured on it.

| half | connectors | with an error finding | without the rules pending severity review |
|---|---|---|---|
| tuning | %d | %s | %s |
| held-back | %d | %s | %s |

The last column is a projection: connectors with an error from a rule that is not in
` + "`pendingSeverityReview`" + ` (validate/export_test.go), the rules whose error severity the policy no
longer supports and which are still to be lowered.

Each row of the tables counts the connectors a rule flags at that severity, by kind.
`

// defectsHeading starts the hand-written section, which -calibration keeps as it is.
const defectsHeading = "## The defect behind each error on the corpus"

func calibrationDoc(stats [2]*halfStats, old string) string {
	tuning, held := stats[tuningHalf], stats[heldBackHalf]
	var sb strings.Builder
	fmt.Fprintf(&sb, calibrationHeader,
		len(tuning.connectors), share(len(tuning.errored), len(tuning.connectors)), share(len(tuning.reviewed), len(tuning.connectors)),
		len(held.connectors), share(len(held.errored), len(held.connectors)), share(len(held.reviewed), len(held.connectors)))
	for _, s := range []*halfStats{held, tuning} {
		fmt.Fprintf(&sb, "\n## %s half\n\n%s", s.half.title(), CorpusTable(s.connectors, s.findings))
	}
	sb.WriteString("\n## Error findings\n\nThe error-severity findings on the corpus, by rule and connector: how many, and the first.\n")
	for _, s := range []*halfStats{held, tuning} {
		fmt.Fprintf(&sb, "\n### %s half\n\n", s.half.title())
		sb.WriteString(errorFindingsList(s.findings))
	}
	sb.WriteString("\n")
	if i := strings.Index(old, defectsHeading); i >= 0 {
		sb.WriteString(old[i:])
	} else {
		sb.WriteString(defectsHeading + "\n\nHand-written: for each error rule above, the defect it finds (or why it is a false alarm).\n")
	}
	return sb.String()
}

// errorFindingsList is one line per rule and connector with an error finding: the count and the
// first finding's place and message.
func errorFindingsList(findings []Finding) string {
	type key struct{ rule, connector string }
	first := map[key]Finding{}
	count := map[key]int{}
	var keys []key
	for _, f := range findings {
		if f.Severity != Error {
			continue
		}
		k := key{f.Rule, f.Connector}
		if count[k] == 0 {
			first[k] = f
			keys = append(keys, k)
		}
		count[k]++
	}
	if len(keys) == 0 {
		return "None.\n"
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.rule, b.rule), cmp.Compare(a.connector, b.connector))
	})
	var sb strings.Builder
	for _, k := range keys {
		f := first[k]
		loc := strings.TrimPrefix(f.File, corpusDir+"/")
		if f.Line > 0 {
			loc += fmt.Sprintf(":%d", f.Line)
		}
		msg := strings.Join(strings.Fields(f.Message), " ")
		if len(msg) > 160 {
			msg = strings.ToValidUTF8(msg[:160], "") + "..."
		}
		more := ""
		if n := count[k]; n > 1 {
			more = fmt.Sprintf(" (%d findings; the first)", n)
		}
		fmt.Fprintf(&sb, "- `%s` %s%s: %s\n", k.rule, escapeDocText(loc), more, escapeDocText(msg))
	}
	return sb.String()
}

// unexplainedErrorRules lists the error rules that fire on either half but aren't named (as
// `Rule`) in the hand-written section of the calibration doc.
func unexplainedErrorRules(doc string, stats [2]*halfStats) []string {
	i := strings.Index(doc, defectsHeading)
	if i < 0 {
		i = len(doc)
	}
	written := doc[i:]
	var missing []string
	for _, s := range stats {
		for _, f := range s.findings {
			if f.Severity == Error && !strings.Contains(written, "`"+f.Rule+"`") && !slices.Contains(missing, f.Rule) {
				missing = append(missing, f.Rule)
			}
		}
	}
	slices.Sort(missing)
	return missing
}

var docEscaper = strings.NewReplacer("<", "&lt;", ">", "&gt;", "*", "\\*", "_", "\\_", "[", "\\[", "]", "\\]", "`", "'", "|", "\\|")

func escapeDocText(s string) string { return docEscaper.Replace(s) }

// CorpusTable counts, per rule and severity, the connectors flagged by kind, out of the given
// connectors.
func CorpusTable(connectors map[string]Kind, findings []Finding) string {
	type key struct{ rule, sev string }
	flagged := map[key]map[string]Kind{}
	for _, f := range findings {
		k := key{f.Rule, f.Severity.String()}
		if flagged[k] == nil {
			flagged[k] = map[string]Kind{}
		}
		flagged[k][f.Connector] = connectors[f.Connector]
	}
	total := map[Kind]int{}
	for _, k := range connectors {
		total[k]++
	}
	var rows []string
	for k, conns := range flagged {
		n := map[Kind]int{}
		for _, kind := range conns {
			n[kind]++
		}
		rows = append(rows, fmt.Sprintf("| %s | %s | %s | %s |", k.rule, k.sev,
			share(n[Certified], total[Certified]), share(n[IndependentPublisher], total[IndependentPublisher])))
	}
	slices.Sort(rows)
	return "| rule | severity | certified | independent publisher |\n|---|---|---|---|\n" + strings.Join(rows, "\n") + "\n"
}

func share(n, total int) string {
	if total == 0 {
		return "0"
	}
	return fmt.Sprintf("%d/%d (%.1f%%)", n, total, 100*float64(n)/float64(total))
}

// TestSplitCorpus pins the split: byte order (upper case before lower case, ASCII before the rest),
// per kind folder, even positions tuning; files are not connectors.
func TestSplitCorpus(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"certified-connectors/b", "certified-connectors/a", "certified-connectors/B", "certified-connectors/Ä",
		"independent-publisher-connectors/z", "independent-publisher-connectors/y"} {
		if err := os.MkdirAll(filepath.Join(dir, p), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "certified-connectors", "0.md"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	halves, err := splitCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]corpusHalf{
		"certified-connectors/B": tuningHalf, "certified-connectors/a": heldBackHalf,
		"certified-connectors/b": tuningHalf, "certified-connectors/Ä": heldBackHalf,
		"independent-publisher-connectors/y": tuningHalf, "independent-publisher-connectors/z": heldBackHalf,
	}
	if fmt.Sprint(halves) != fmt.Sprint(want) {
		t.Errorf("splitCorpus = %v, want %v", halves, want)
	}
	if h, ok := halfOf(halves, "../x/certified-connectors/a"); !ok || h != heldBackHalf {
		t.Errorf("halfOf = %v, %v", h, ok)
	}
	if _, ok := halfOf(halves, "../x/custom-connectors/a"); ok {
		t.Error("a custom connector is in no half")
	}
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
