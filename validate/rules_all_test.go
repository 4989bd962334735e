package validate_test

// The tests over every rule run in an external test package that imports packaging, so that the
// package rules it declares (and registers) are among validate.Rules().

import (
	"slices"
	"strings"
	"testing"

	_ "github.com/connector-check/connector-check/package" // registers the package rules
	"github.com/connector-check/connector-check/validate"
)

// errorSeverities are the severities a rule can have for some connector other than a new
// submission: its default and its per-kind defaults.
func errorSeverities(r *validate.Rule) bool {
	if r.Severity == validate.Error {
		return true
	}
	for _, s := range r.PerKind {
		if s == validate.Error {
			return true
		}
	}
	return false
}

// TestRuleBasis holds every rule to the severity policy (docs/severity.md): each states its basis,
// an error stands on a basis that justifies one, and listing policy or style reaches an error only
// through New (a new submission).
func TestRuleBasis(t *testing.T) {
	for _, r := range validate.Rules() {
		if r.Basis == validate.BasisNone {
			t.Errorf("%s has no basis: set Basis in its declaration", r.ID)
			continue
		}
		if r.New == validate.Error && r.Basis == validate.BasisStyle {
			t.Errorf("%s: style is never an error, not even for a new submission", r.ID)
		}
		if !errorSeverities(&r) || r.Basis.JustifiesError() {
			continue
		}
		if slices.Contains(validate.PendingSeverityReview, r.ID) {
			continue
		}
		t.Errorf("%s is an error (default %s, per kind %v) on basis %q: make it a warning (New: Error for listing policy), or show that it is rejected or broken",
			r.ID, r.Severity, r.PerKind, r.Basis)
	}
	for _, id := range validate.PendingSeverityReview {
		r, ok := validate.LookupRule(id)
		if !ok {
			t.Errorf("pendingSeverityReview names %s, which is no registered rule", id)
			continue
		}
		if !errorSeverities(r) || r.Basis.JustifiesError() {
			t.Errorf("%s is reviewed (severity %s, basis %s): remove it from pendingSeverityReview", id, r.Severity, r.Basis)
		}
	}
}

func TestBasisNames(t *testing.T) {
	seen := map[string]bool{}
	for _, b := range validate.Bases() {
		if b.String() == "" || b.Meaning() == "" || seen[b.String()] {
			t.Errorf("basis %d: name %q, meaning %q", b, b.String(), b.Meaning())
		}
		seen[b.String()] = true
	}
	if validate.BasisNone.String() != "" || validate.Basis(200).String() != "" {
		t.Error("validate.BasisNone and unknown bases have no name")
	}
}

// TestRuleExamples: every rule has an example (for a registered rule, with a bad and a good
// snippet that differ), shown in docs/rules.md.
func TestRuleExamples(t *testing.T) {
	for _, r := range validate.Rules() {
		e, ok := validate.RuleExample(r.ID)
		if !ok {
			continue
		}
		id := r.ID
		_, lang, bad, good := e.Snippets()
		if strings.TrimSpace(bad) == "" || strings.TrimSpace(good) == "" || bad == good || lang == "" {
			t.Errorf("%s: an example needs a language and different, non-empty bad and good snippets", id)
		}
		if strings.Contains(bad+good, "```") {
			t.Errorf("%s: a snippet may not hold a code fence", id)
		}
	}
	// Every example is executed: a bad and a good Case (no text-only example), run by TestRules
	// (one folder), TestBreakingRules (Change), internal/prmode's TestPullRequestExamples (PR) or
	// package/'s TestPackageExamples (Package), by the kind of the rule's scope.
	for _, r := range validate.Rules() {
		bad, good := r.Example.BadCase, r.Example.GoodCase
		if bad == nil || good == nil {
			t.Errorf("%s: the example must be a BadCase and a GoodCase that the tests run", r.ID)
			continue
		}
		for _, c := range []*validate.Case{bad, good} {
			var harness validate.Scope // the scope of the harness that runs the case
			switch {
			case c.Change:
				harness = validate.ScopeBreaking
			case c.PR != nil:
				harness = validate.ScopePullRequest
			case c.Package != nil:
				harness = validate.ScopePackage
			}
			if harness != r.Scope {
				t.Errorf("%s: a case of a rule of scope %d is checked as scope %d (Change, PR or Package)", r.ID, r.Scope, harness)
			}
		}
		if bad.At == "" && bad.Pointer == "" && bad.PR == nil && bad.Package == nil && !bad.Change {
			t.Errorf("%s: the bad case says where the finding is: At and Pointer (\"-\": none)", r.ID)
		}
	}
	var missing []string
	for _, r := range validate.Rules() {
		if _, ok := validate.RuleExample(r.ID); !ok {
			missing = append(missing, r.ID)
		}
	}
	slices.Sort(missing)
	t.Logf("examples for %d of %d rules", len(validate.Rules())-len(missing), len(validate.Rules()))
	if len(missing) > 0 {
		t.Logf("rules without an example: %s", strings.Join(missing, ", "))
		t.Errorf("%d rules lack an example", len(missing))
	}
}

// TestRuleScopes keeps the documentation's sections and the behaviour's scopes in step: code
// decides by Scope, the docs group by Section, and a rule moved in one must be moved in the other.
func TestRuleScopes(t *testing.T) {
	want := map[string]validate.Scope{"14": validate.ScopePackage, "15": validate.ScopeBreaking, "16": validate.ScopePullRequest}
	for _, r := range validate.Rules() {
		if r.Scope != want[r.Section] {
			t.Errorf("%s: section %s, scope %d; want scope %d", r.ID, r.Section, r.Scope, want[r.Section])
		}
	}
}
