package report

import (
	"strings"
	"testing"

	"github.com/connector-check/connector-check/validate"
)

// A related place at the base commit links to the file at that commit, never at the checked one.
func TestSummaryRelatedAtCommit(t *testing.T) {
	const swagger = "certified-connectors/Contoso/apiDefinition.swagger.json"
	const base = "3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b"
	f := validate.Finding{Rule: "OperationDeleted", Severity: validate.Error, Connector: "certified-connectors/Contoso", File: swagger, Line: 18, Column: 3,
		Message: "operation GetTask (GET /tasks) was deleted",
		Related: []validate.Related{{File: swagger, Line: 61, Column: 24, Message: "the deleted operation", Commit: base}}}
	got := cellMessage(&f, f.Connector, "https://github.com/o/r/blob/9f2c1d0e/")
	want := "(related: [apiDefinition.swagger.json:61:24 at 3a4b5c6d7e8f](https://github.com/o/r/blob/" + base + "/certified-connectors/Contoso/apiDefinition.swagger.json#L61)"
	if !strings.Contains(got, want) {
		t.Errorf("got %s\nwant %s", got, want)
	}
	if got := cellMessage(&f, f.Connector, ""); !strings.Contains(got, "apiDefinition.swagger.json:61:24 at 3a4b5c6d7e8f: the deleted operation") || strings.Contains(got, "](") {
		t.Errorf("without links: %s", got)
	}
}
