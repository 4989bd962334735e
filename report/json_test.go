package report

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/validate"
)

func TestJSONRoundTrip(t *testing.T) {
	res := fixture()
	out := render(t, "json", res)
	if !strings.HasSuffix(out, "}\n") {
		t.Errorf("the report doesn't end in a newline")
	}
	if strings.Contains(out, `\u003c`) {
		t.Errorf("HTML escaping is on: < was written as \\u003c")
	}

	var typed jsonReport
	if err := json.Unmarshal([]byte(out), &typed); err != nil {
		t.Fatal(err)
	}
	if typed.Tool != (jsonTool{Name: "connector-check", Version: "v1.2.3"}) {
		t.Errorf("tool = %+v", typed.Tool)
	}
	if len(typed.Connectors) != len(res.Connectors) || len(typed.Findings) != len(res.Findings) {
		t.Fatalf("got %d connectors and %d findings, want %d and %d",
			len(typed.Connectors), len(typed.Findings), len(res.Connectors), len(res.Findings))
	}
	for i, c := range res.Connectors {
		want := jsonConnector{Path: c.Path, Kind: c.Kind.String(), Errors: c.Errors, Warnings: c.Warnings, Notices: c.Notices}
		if typed.Connectors[i] != want {
			t.Errorf("connector %d = %+v, want %+v", i, typed.Connectors[i], want)
		}
	}
	for i, f := range res.Findings {
		got := typed.Findings[i]
		back := validate.Finding{
			Rule: got.Rule, Connector: got.Connector, File: got.File,
			Line: got.Line, Column: got.Column, EndLine: got.EndLine, EndColumn: got.EndColumn,
			Message: got.Message, MsRule: got.MsRule, PolicyCode: got.PolicyCode,
		}
		back.Severity, _ = validate.ParseSeverity(got.Severity)
		if got.Pointer != nil {
			back.Pointer, back.HasPointer = *got.Pointer, true
		}
		for _, r := range got.Related {
			back.Related = append(back.Related, validate.Related(r))
		}
		if !reflect.DeepEqual(back, f) {
			t.Errorf("finding %d did not survive the round trip:\n got %+v\nwant %+v", i, back, f)
		}
	}

	// The contract by key: pointer exactly when HasPointer; positions always; optional keys
	// only when set.
	var raw struct{ Findings []map[string]any }
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	for i, f := range res.Findings {
		m := raw.Findings[i]
		if _, ok := m["pointer"]; ok != f.HasPointer {
			t.Errorf("finding %d: pointer present = %v, HasPointer = %v", i, ok, f.HasPointer)
		}
		for _, k := range []string{"rule", "severity", "connector", "file", "line", "column", "endLine", "endColumn", "message"} {
			if _, ok := m[k]; !ok {
				t.Errorf("finding %d: %q missing", i, k)
			}
		}
		for k, set := range map[string]bool{"msRule": f.MsRule != "", "policyCode": f.PolicyCode != "", "related": len(f.Related) > 0} {
			if _, ok := m[k]; ok != set {
				t.Errorf("finding %d: %q present = %v, want %v", i, k, ok, set)
			}
		}
	}
}

func TestJSONEmpty(t *testing.T) {
	out := render(t, "json", &validate.Result{})
	for _, want := range []string{`"connectors": []`, `"findings": []`} {
		if !strings.Contains(out, want) {
			t.Errorf("empty report lacks %s:\n%s", want, out)
		}
	}
}

// wholeDocument is the JSON report as encoding/json writes the whole jsonReport at once: the
// bytes JSON writes one element at a time must be these.
func wholeDocument(t *testing.T, res *validate.Result, tool Tool) string {
	t.Helper()
	out := jsonReport{Tool: jsonTool(tool), Connectors: []jsonConnector{}, Findings: []jsonFinding{}}
	for _, c := range res.Connectors {
		out.Connectors = append(out.Connectors, jsonConnector{Path: c.Path, Kind: c.Kind.String(),
			Errors: c.Errors, Warnings: c.Warnings, Notices: c.Notices})
	}
	for _, f := range res.Findings {
		jf := jsonFinding{Rule: f.Rule, Severity: f.Severity.String(), Connector: f.Connector, File: f.File,
			Line: f.Line, Column: f.Column, EndLine: f.EndLine, EndColumn: f.EndColumn,
			Message: f.Message, MsRule: f.MsRule, PolicyCode: f.PolicyCode}
		if f.HasPointer {
			jf.Pointer = &f.Pointer
		}
		for _, r := range f.Related {
			jf.Related = append(jf.Related, jsonRelated(r))
		}
		if f.Inherited || f.Introduced {
			introduced := f.Introduced
			jf.Introduced = &introduced
		}
		out.Findings = append(out.Findings, jf)
	}
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		t.Fatal(err)
	}
	return sb.String()
}

func TestJSONSameAsWholeDocument(t *testing.T) {
	odd := fixture()
	odd.Findings = append(odd.Findings,
		validate.Finding{Rule: "X", Connector: "c", File: "c/\xff\u2028\u2029\x00\t", Message: "<>&\"\\ \x7f é \U0001F600",
			Related: []validate.Related{{File: "a", Message: "m", Commit: "abc"}, {File: "b"}}, Introduced: true},
		validate.Finding{Rule: "Y", Connector: "c", File: "c", Inherited: true, HasPointer: true, Pointer: "/a~1b/0"})
	tool := Tool{Name: "connector-check", Version: "v1.2.3"}
	for name, res := range map[string]*validate.Result{
		"fixture": odd, "empty": {}, "no findings": {Connectors: odd.Connectors},
		"no connectors": {Findings: odd.Findings},
	} {
		var sb strings.Builder
		if err := JSON(&sb, res, tool); err != nil {
			t.Fatal(err)
		}
		if want := wholeDocument(t, res, tool); sb.String() != want {
			t.Errorf("%s: the report differs from encoding/json's whole document:\n got %s\nwant %s", name, sb.String(), want)
		}
	}
}

// FuzzJSONString holds the report's string quoting to encoding/json's (HTML escaping off).
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "<>&", "\"\\\b\f\n\r\t\x00\x1f\x7f", "\xff\xfe", "\u2028\u2029", "é\U0001F600", "\xe2\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var sb strings.Builder
		enc := json.NewEncoder(&sb)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got, want := string(appendString(nil, s)), strings.TrimSuffix(sb.String(), "\n"); got != want {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}
