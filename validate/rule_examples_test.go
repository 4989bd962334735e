package validate

import (
	"slices"
	"strings"
	"testing"
)

// TestRuleExamples: every rule has an example (for a registered rule, with a bad and a good
// snippet that differ), shown in docs/rules.md.
func TestRuleExamples(t *testing.T) {
	for id, e := range ruleExamples {
		if _, ok := LookupRule(id); !ok {
			t.Errorf("example for unregistered rule %q", id)
		}
		if strings.TrimSpace(e.Bad) == "" || strings.TrimSpace(e.Good) == "" || e.Bad == e.Good || e.Lang == "" {
			t.Errorf("%s: an example needs a language and different, non-empty bad and good snippets", id)
		}
		if strings.Contains(e.Bad+e.Good, "```") {
			t.Errorf("%s: a snippet may not hold a code fence", id)
		}
	}
	var missing []string
	for _, r := range Rules() {
		if _, ok := ruleExamples[r.ID]; !ok {
			missing = append(missing, r.ID)
		}
	}
	slices.Sort(missing)
	t.Logf("examples for %d of %d rules", len(Rules())-len(missing), len(Rules()))
	if len(missing) > 0 {
		t.Logf("rules without an example: %s", strings.Join(missing, ", "))
		t.Errorf("%d rules lack an example", len(missing))
	}
}
