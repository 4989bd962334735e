package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/validate"
)

// TestWholeFileFindingsHaveNoZeroPosition: a finding about a whole file or folder keeps line 0 in
// JSON (documented) but no other format shows it as line 0: text, workflow commands and the job
// summary name just the file, SARIF places it on line 1.
func TestWholeFileFindingsHaveNoZeroPosition(t *testing.T) {
	res := &validate.Result{
		Connectors: []validate.ConnectorResult{{Path: "c", Kind: validate.Certified}},
		Findings: []validate.Finding{
			{Rule: "RequiredFileMissing", Severity: validate.Error, Connector: "c", File: "c/apiProperties.json", Message: "m",
				Related: []validate.Related{{File: "c/apidefinition.swagger.json", Message: "r"}}},
			{Rule: "ReadmeMissing", Severity: validate.Warning, Connector: "c", File: "c", Message: "m2"},
		},
	}
	var text, gh, sarif, js bytes.Buffer
	for _, err := range []error{Text(&text, res), GitHub(&gh, res), SARIF(&sarif, res, SARIFOptions{}), JSON(&js, res, Tool{})} {
		if err != nil {
			t.Fatal(err)
		}
	}
	summary := Summary(res, SummaryOptions{LinkBase: "https://github.com/o/r/blob/abc/"})
	for name, out := range map[string]string{"text": text.String(), "github": gh.String(), "sarif": sarif.String(), "summary": summary} {
		for _, bad := range []string{":0:0", ":0:", ":0 ", "line=0", "col=0", `"startLine": 0`, "#L0"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s output shows a zero position (%q):\n%s", name, bad, out)
			}
		}
	}
	if !strings.Contains(text.String(), "c/apiProperties.json: error [RequiredFileMissing] m\n") {
		t.Errorf("text: want the file alone:\n%s", text.String())
	}
	if !strings.Contains(gh.String(), "::error file=c/apiProperties.json,title=RequiredFileMissing::m") {
		t.Errorf("github: want the file alone:\n%s", gh.String())
	}
	if strings.Count(sarif.String(), `"startLine": 1`) != 3 { // two results and the related location
		t.Errorf("sarif: want line 1 for each whole-file location:\n%s", sarif.String())
	}
	if !strings.Contains(js.String(), `"line": 0`) {
		t.Errorf("json: whole-file findings keep line 0:\n%s", js.String())
	}
}
