package report

import (
	"strings"
	"testing"

	"github.com/connector-check/connector-check/validate"
)

// TestDigest reproduces the defect: the PR comment was the whole summary (15 KB) and didn't say
// which commit it describes.
func TestDigest(t *testing.T) {
	res := prFixture()
	for range 5 { // many notices must not make the comment long
		res.Findings = append(res.Findings, res.Findings[len(res.Findings)-1])
	}
	md := Digest(res, DigestOptions{
		FailOn: validate.Error, HeadSHA: "0123456789abcdef0123456789abcdef01234567",
		RunURL: "https://github.com/o/r/actions/runs/99", LinkBase: "https://github.com/o/r/blob/0123456789abcdef0123456789abcdef01234567/",
	})
	first, _, _ := strings.Cut(md, "\n")
	if first != "### ❌ connector-check: Failing: 7 new errors (fail-on: error)" {
		t.Errorf("first line %q", first)
	}
	for _, want := range []string{
		"commit [0123456789ab](https://github.com/o/r/commit/0123456789abcdef0123456789abcdef01234567)",
		"**New errors (4)**", "**Breaking changes (3)**",
		"(https://github.com/o/r/actions/runs/99)",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("digest lacks %q:\n%s", want, md)
		}
	}
	for _, old := range []string{"SummaryNotTitleCase", "ContactMissing", "event.json"} {
		if strings.Contains(md, old) {
			t.Errorf("digest lists %s:\n%s", old, md)
		}
	}
	if len(md) > 4000 {
		t.Errorf("digest is %d bytes", len(md))
	}
}
