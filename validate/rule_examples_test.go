package validate

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestRuleExamples checks the examples that exist (for a registered rule, with both a bad and a
// good snippet that differ) and lists the rules that have none yet. Examples are optional per rule
// for now; set CONNECTOR_CHECK_REQUIRE_EXAMPLES=1 to make a missing one fail.
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
		if testingRequireExamples() {
			t.Errorf("%d rules lack an example", len(missing))
		}
	}
}

func testingRequireExamples() bool { return os.Getenv("CONNECTOR_CHECK_REQUIRE_EXAMPLES") == "1" }
