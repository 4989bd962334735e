package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/validate"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchema compiles the SARIF 2.1.0 JSON schema shipped in testdata (the schemastore copy of
// the OASIS schema, sarif-2.1.0-rtm.5, as vendored by the npm package @microsoft/jest-sarif).
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func sarifOf(t *testing.T, res *validate.Result, fps []string) []byte {
	t.Helper()
	var buf bytes.Buffer
	err := SARIF(&buf, res, SARIFOptions{Tool: Tool{Name: "connector-check", Version: "v1.2.3"}, Rules: validate.Rules(), Fingerprints: fps})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSARIFSchemaValid(t *testing.T) {
	schema := sarifSchema(t)
	res := fixture()
	fps := make([]string, len(res.Findings))
	for i := range fps {
		fps[i] = "fp" + string(rune('a'+i%3))
	}
	for name, out := range map[string][]byte{
		"fixture": sarifOf(t, res, fps),
		"empty":   sarifOf(t, &validate.Result{}, nil),
	} {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("%s: SARIF log is not valid against the 2.1.0 schema: %v", name, err)
		}
	}
	golden(t, "sarif.golden", string(sarifOf(t, res, fps)))
}

func TestSARIFContent(t *testing.T) {
	res := fixture()
	fps := make([]string, len(res.Findings))
	for i := range fps {
		fps[i] = "same"
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID      string `json:"id"`
						HelpURI string `json:"helpUri"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
						Region           *struct {
							StartLine, StartColumn, EndLine, EndColumn int
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(sarifOf(t, res, fps), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	for _, r := range run.Tool.Driver.Rules {
		if reg, ok := validate.LookupRule(r.ID); !ok || !strings.HasSuffix(r.HelpURI, "docs/rules.md#"+strings.ToLower(reg.ID)) {
			t.Errorf("rule %s: helpUri %q", r.ID, r.HelpURI)
		}
	}
	seen := map[string]bool{}
	wholeFile := false
	for i, r := range run.Results {
		f := res.Findings[i]
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID || r.RuleID != f.Rule {
			t.Errorf("result %d: rule %s at index %d", i, r.RuleID, r.RuleIndex)
		}
		uri := r.Locations[0].PhysicalLocation.ArtifactLocation.URI
		if strings.HasPrefix(uri, "/") || strings.Contains(uri, " ") {
			t.Errorf("result %d: uri %q is not a repository-relative URI reference", i, uri)
		}
		// GitHub code scanning shows a result only with region.startLine (sarif-sdk's GH1003): a
		// finding about a whole file (line 0) is placed on line 1, without columns.
		switch reg := r.Locations[0].PhysicalLocation.Region; {
		case reg == nil:
			t.Errorf("result %d: no region for a finding at line %d", i, f.Line)
		case f.Line == 0:
			wholeFile = true
			if reg.StartLine != 1 || reg.StartColumn != 0 || reg.EndColumn != 0 {
				t.Errorf("result %d: whole-file finding has region %+v, want startLine 1 only", i, *reg)
			}
		default:
			if reg.StartLine != f.Line || reg.StartColumn != f.Column {
				t.Errorf("result %d: region starts %d:%d, want %d:%d", i, reg.StartLine, reg.StartColumn, f.Line, f.Column)
			}
			if reg.EndColumn != 0 && f.EndLine == f.Line && reg.EndColumn != f.EndColumn {
				t.Errorf("result %d: endColumn %d, want the finding's exclusive %d", i, reg.EndColumn, f.EndColumn)
			}
		}
		fp := r.PartialFingerprints[FingerprintKey]
		if seen[fp] {
			t.Errorf("result %d: fingerprint %q repeated", i, fp)
		}
		seen[fp] = true
	}
	if !wholeFile {
		t.Error("the fixture has no whole-file finding")
	}
	if got := run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI; !strings.Contains(got, "%20") {
		t.Logf("first uri %s", got)
	}
}

// gitHubSARIFProblems checks a SARIF log against GitHub code scanning's documented upload
// requirements ("SARIF support for code scanning" on docs.github.com, and the GH rules of
// microsoft/sarif-sdk's validator that mirror them), beyond the 2.1.0 schema:
//   - version 2.1.0, tool.driver.name set, at most 25,000 results per run;
//   - every result has a ruleId, message.text and at least one location;
//   - locations[0] is a physical location with a non-empty artifactLocation.uri that is
//     repository-relative (uriBaseId %SRCROOT%), not an absolute path or a file: URI outside
//     the checkout (GH1004), and a region with startLine >= 1 (GH1003);
//   - regions are well-formed: endLine >= startLine, columns >= 1, endColumn > startColumn on
//     one line;
//   - every related location has a region too.
func gitHubSARIFProblems(data []byte) []string {
	type region struct{ StartLine, StartColumn, EndLine, EndColumn int }
	type loc struct {
		PhysicalLocation *struct {
			ArtifactLocation struct {
				URI       string `json:"uri"`
				URIBaseID string `json:"uriBaseId"`
			} `json:"artifactLocation"`
			Region *region `json:"region"`
		} `json:"physicalLocation"`
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct{ Name string } `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID  string `json:"ruleId"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations        []loc `json:"locations"`
				RelatedLocations []loc `json:"relatedLocations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		return []string{err.Error()}
	}
	var out []string
	bad := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	if log.Version != "2.1.0" {
		bad("version %q", log.Version)
	}
	checkLoc := func(where string, l loc) {
		p := l.PhysicalLocation
		if p == nil {
			bad("%s: no physicalLocation", where)
			return
		}
		uri := p.ArtifactLocation.URI
		switch {
		case uri == "":
			bad("%s: empty artifactLocation.uri", where)
		case strings.HasPrefix(uri, "/") || strings.HasPrefix(uri, "file:") || strings.Contains(uri, "event.json"):
			bad("%s: uri %q is not repository-relative", where, uri)
		case p.ArtifactLocation.URIBaseID != "%SRCROOT%":
			bad("%s: uriBaseId %q, want %%SRCROOT%%", where, p.ArtifactLocation.URIBaseID)
		}
		r := p.Region
		switch {
		case r == nil:
			bad("%s: no region (GH1003)", where)
		case r.StartLine < 1:
			bad("%s: region.startLine %d", where, r.StartLine)
		case r.EndLine != 0 && r.EndLine < r.StartLine:
			bad("%s: endLine %d before startLine %d", where, r.EndLine, r.StartLine)
		case r.StartColumn < 0 || r.EndColumn < 0:
			bad("%s: negative column", where)
		case r.EndColumn != 0 && (r.EndLine == 0 || r.EndLine == r.StartLine) && r.EndColumn <= r.StartColumn:
			bad("%s: endColumn %d not after startColumn %d", where, r.EndColumn, r.StartColumn)
		}
	}
	for i, run := range log.Runs {
		if run.Tool.Driver.Name == "" {
			bad("run %d: no tool.driver.name", i)
		}
		if len(run.Results) > 25000 {
			bad("run %d: %d results, GitHub takes at most 25,000", i, len(run.Results))
		}
		for j, r := range run.Results {
			where := fmt.Sprintf("result %d (%s)", j, r.RuleID)
			if r.RuleID == "" || r.Message.Text == "" {
				bad("%s: no ruleId or message.text", where)
			}
			if len(r.Locations) == 0 {
				bad("%s: no location", where)
				continue
			}
			checkLoc(where, r.Locations[0])
			for k, rl := range r.RelatedLocations {
				checkLoc(fmt.Sprintf("%s related %d", where, k), rl)
			}
		}
	}
	return out
}

// TestSARIFMeetsGitHubRequirements reproduces the defects: whole-file findings had no region and
// PR-level findings were alerts on file:///github/workflow/event.json.
func TestSARIFMeetsGitHubRequirements(t *testing.T) {
	res := prFixture()
	res.Findings = append(res.Findings, fixture().Findings...)
	out := sarifOf(t, res, nil)
	for _, p := range gitHubSARIFProblems(out) {
		t.Error(p)
	}
	for _, rule := range []string{"PrTitleInvalid", "PrContextUnavailable", "PrFileOutsideConnectorFolder"} {
		if bytes.Contains(out, []byte(`"ruleId": "`+rule+`"`)) {
			t.Errorf("PR-level finding %s written to SARIF", rule)
		}
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := sarifSchema(t).Validate(inst); err != nil {
		t.Errorf("not valid against the 2.1.0 schema: %v", err)
	}
}
