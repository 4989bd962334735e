package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/validate"
)

// manyFindings makes n findings of each severity, interleaved, in file order.
func manyFindings(errors, warnings, notices int) *validate.Result {
	res := &validate.Result{}
	line := 1
	add := func(sev validate.Severity) {
		res.Findings = append(res.Findings, validate.Finding{
			Rule: "R" + sev.String(), Severity: sev, Connector: "c", File: "c/apiDefinition.swagger.json",
			Line: line, Column: 1, EndLine: line, EndColumn: 2, Message: fmt.Sprintf("finding on line %d", line),
		})
		res.Counts.Add(sev)
		line++
	}
	for i := 0; i < max(errors, warnings, notices); i++ {
		if i < notices {
			add(validate.Notice)
		}
		if i < warnings {
			add(validate.Warning)
		}
		if i < errors {
			add(validate.Error)
		}
	}
	return res
}

func TestAnnotationCaps(t *testing.T) {
	for _, tc := range []struct {
		e, w, n                   int
		wantE, wantW, wantN, more int
	}{
		{e: 3, w: 2, n: 1, wantE: 3, wantW: 2, wantN: 1},
		{e: 10, w: 10, n: 10, wantE: 10, wantW: 10, wantN: 10},
		{e: 25, w: 0, n: 0, wantE: 10, wantN: 1, more: 15},
		{e: 12, w: 40, n: 40, wantE: 10, wantW: 10, wantN: 10, more: 63},
		{e: 0, w: 0, n: 11, wantN: 10, more: 2},
	} {
		t.Run(fmt.Sprintf("%d-%d-%d", tc.e, tc.w, tc.n), func(t *testing.T) {
			res := manyFindings(tc.e, tc.w, tc.n)
			var out bytes.Buffer
			if err := GitHub(&out, res); err != nil {
				t.Fatal(err)
			}
			count := map[string]int{}
			plain := 0
			lastLine := map[string]int{}
			var countNotice string
			for _, l := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
				c, ok := parseCommand(l)
				if !ok {
					plain++
					continue
				}
				count[c.name]++
				if c.props["title"] == "connector-check" {
					countNotice = c.data
					continue
				}
				// Within a severity, file order.
				var n int
				fmt.Sscan(c.props["line"], &n)
				if n <= lastLine[c.name] {
					t.Errorf("%s annotations out of file order: line %d after %d", c.name, n, lastLine[c.name])
				}
				lastLine[c.name] = n
			}
			if plain != len(res.Findings) {
				t.Errorf("%d plain lines for %d findings: every finding must be printed", plain, len(res.Findings))
			}
			if count["error"] != tc.wantE || count["warning"] != tc.wantW || count["notice"] != tc.wantN {
				t.Errorf("annotations error/warning/notice = %d/%d/%d, want %d/%d/%d",
					count["error"], count["warning"], count["notice"], tc.wantE, tc.wantW, tc.wantN)
			}
			if total := count["error"] + count["warning"] + count["notice"]; total > AnnotationsPerStep {
				t.Errorf("%d annotations in one step, over %d", total, AnnotationsPerStep)
			}
			if tc.more == 0 && countNotice != "" {
				t.Errorf("unexpected count notice %q", countNotice)
			}
			if tc.more > 0 && !strings.HasPrefix(countNotice, fmt.Sprintf("%d more finding", tc.more)) {
				t.Errorf("count notice %q, want it to count %d more findings", countNotice, tc.more)
			}
		})
	}
}

func TestAnnotationBudgetMostSevereFirst(t *testing.T) {
	// With a small total the errors take every slot before any warning.
	res := manyFindings(5, 5, 5)
	chosen, omitted := AnnotationBudget(res.Findings, 10, 6)
	for i, c := range chosen {
		if c && res.Findings[i].Severity != validate.Error {
			t.Errorf("finding %d (%s) annotated while errors were left out", i, res.Findings[i].Severity)
		}
	}
	if omitted != 10 {
		t.Errorf("omitted %d, want 10 (5 errors annotated, 1 slot for the count notice)", omitted)
	}
}

// TestAnnotationBudgetBaselinedAndDegraded reproduces two defects: baselined notices were still
// annotated, and the notice that explains a degraded run came after ten others and was dropped.
func TestAnnotationBudgetBaselinedAndDegraded(t *testing.T) {
	res := manyFindings(0, 0, 12)
	for i := range 3 {
		res.Findings[i].Baselined = true
	}
	res.Findings = append(res.Findings, validate.Finding{Rule: "PrContextUnavailable", Severity: validate.Notice, File: "/github/workflow/event.json", Message: "no token"})
	chosen, omitted := AnnotationBudget(res.Findings, 10, 30)
	for i := range 3 {
		if chosen[i] {
			t.Errorf("baselined finding %d annotated", i)
		}
	}
	if !chosen[len(chosen)-1] {
		t.Errorf("the degraded-run notice was not annotated")
	}
	if omitted != 0 { // 10 candidates besides the 3 baselined ones: all fit
		t.Errorf("omitted %d, want 0: baselined findings are not left out, they are not annotated at all", omitted)
	}
	// Reserving a slot for the caller's own notice (the fork's "token may not write").
	var out bytes.Buffer
	if err := GitHubWith(&out, res, GitHubOptions{ReserveNotices: 1}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "::notice "); n > AnnotationsPerSeverity-1 {
		t.Errorf("%d notices written, want at most %d so the caller's notice is kept", n, AnnotationsPerSeverity-1)
	}
}
