package report

import (
	"bytes"
	"encoding/json"
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
