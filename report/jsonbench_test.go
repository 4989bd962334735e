package report

import (
	"io"
	"strconv"
	"testing"

	"github.com/connector-check/connector-check/validate"
)

// BenchmarkJSON encodes a report of 20,000 findings, about the published repository at 2x.
func BenchmarkJSON(b *testing.B) {
	res := &validate.Result{}
	for i := range 20000 {
		res.Findings = append(res.Findings, validate.Finding{Rule: "ParameterSummaryMissing", Severity: validate.Warning,
			Connector: "independent-publisher-connectors/Contoso " + strconv.Itoa(i%1000), File: "apiDefinition.swagger.json",
			Line: i, Column: 7, EndLine: i, EndColumn: 40, HasPointer: true, Pointer: "/paths/~1tasks/get/parameters/0",
			Message: "ListTasks: the parameter \"pageSize\" has no x-ms-summary; add one (\"Page Size\")."})
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := JSON(io.Discard, res, Tool{Name: "connector-check", Version: "v1"}); err != nil {
			b.Fatal(err)
		}
	}
}
