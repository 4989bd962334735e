package resultset

import (
	"testing"

	"github.com/connector-check/connector-check/validate"
)

func TestAddDeduplicatesAndRecounts(t *testing.T) {
	res := &validate.Result{Connectors: []validate.ConnectorResult{{Path: "c/A"}, {Path: "c/B"}}}
	a := validate.Finding{Rule: "X", Severity: validate.Error, Connector: "c/A", File: "c/A/f", Line: 2, Message: "m"}
	b := validate.Finding{Rule: "Y", Severity: validate.Warning, Connector: "c/B", File: "c/B/f", Line: 1, Message: "m"}
	Add(res, []validate.Finding{a, b, a})
	if len(res.Findings) != 2 {
		t.Fatalf("%d findings, want 2 (the repeat dropped): %+v", len(res.Findings), res.Findings)
	}
	if res.Counts.Errors != 1 || res.Counts.Warnings != 1 {
		t.Errorf("counts %+v", res.Counts)
	}
	if res.Connectors[0].Errors != 1 || res.Connectors[1].Warnings != 1 {
		t.Errorf("connector counts %+v", res.Connectors)
	}
	Add(res, []validate.Finding{a}) // already there
	if len(res.Findings) != 2 {
		t.Errorf("a finding already in the result was added again")
	}
	res.Findings = res.Findings[:1]
	Recount(res)
	if res.Counts.Errors+res.Counts.Warnings != 1 {
		t.Errorf("recount %+v", res.Counts)
	}
}

func TestOf(t *testing.T) {
	res := Of("c/A", validate.Certified, []validate.Finding{
		{Rule: "Y", Severity: validate.Notice, File: "c/A/b"},
		{Rule: "X", Severity: validate.Error, File: "c/A/a"},
	})
	if len(res.Connectors) != 1 || res.Connectors[0].Path != "c/A" || res.Connectors[0].Kind != validate.Certified {
		t.Fatalf("connectors %+v", res.Connectors)
	}
	if res.Counts.Errors != 1 || res.Counts.Notices != 1 || res.Connectors[0].Counts != res.Counts {
		t.Errorf("counts %+v / %+v", res.Counts, res.Connectors[0].Counts)
	}
	if res.Findings[0].File != "c/A/a" {
		t.Errorf("not sorted: %+v", res.Findings)
	}
}
