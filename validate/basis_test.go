package validate

import (
	"slices"
	"testing"
)

// pendingSeverityReview lists the rules whose severity the policy no longer supports: an error
// (by default, for a kind, or both) on a basis that is not rejected, broken or process. The rule
// corrections of issue 12 (merged) left these two as they were; the severity owner decides, then
// removes them here. Adding to the list needs the same review: prefer fixing the severity (listing
// policy: warning, New: Error).
var pendingSeverityReview = []string{}

// errorSeverities are the severities a rule can have for some connector other than a new
// submission: its default and its per-kind defaults.
func errorSeverities(r *Rule) bool {
	if r.Severity == Error {
		return true
	}
	for _, s := range r.PerKind {
		if s == Error {
			return true
		}
	}
	return false
}

// TestRuleBasis holds every rule to the severity policy (docs/severity.md): each states its basis,
// an error stands on a basis that justifies one, and listing policy or style reaches an error only
// through New (a new submission).
func TestRuleBasis(t *testing.T) {
	for _, r := range Rules() {
		if r.Basis == BasisNone {
			t.Errorf("%s has no basis: add it to ruleBasis (basis.go)", r.ID)
			continue
		}
		if r.New == Error && r.Basis == BasisStyle {
			t.Errorf("%s: style is never an error, not even for a new submission", r.ID)
		}
		if !errorSeverities(&r) || r.Basis.JustifiesError() {
			continue
		}
		if slices.Contains(pendingSeverityReview, r.ID) {
			continue
		}
		t.Errorf("%s is an error (default %s, per kind %v) on basis %q: make it a warning (New: Error for listing policy), or show that it is rejected or broken",
			r.ID, r.Severity, r.PerKind, r.Basis)
	}
	for id := range ruleBasis {
		if _, ok := LookupRule(id); !ok {
			t.Errorf("ruleBasis names %s, which is no registered rule", id)
		}
	}
	for _, id := range pendingSeverityReview {
		r, ok := LookupRule(id)
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
	for _, b := range Bases() {
		if b.String() == "" || b.Meaning() == "" || seen[b.String()] {
			t.Errorf("basis %d: name %q, meaning %q", b, b.String(), b.Meaning())
		}
		seen[b.String()] = true
	}
	if BasisNone.String() != "" || Basis(200).String() != "" {
		t.Error("BasisNone and unknown bases have no name")
	}
}
