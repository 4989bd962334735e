package report

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/validate"
)

func TestRulesText(t *testing.T) {
	rules := validate.Rules()
	var buf bytes.Buffer
	if err := RulesText(&buf, rules); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != len(rules)+1 {
		t.Fatalf("got %d lines, want a header and %d rules", len(lines), len(rules))
	}
	col := strings.Index(lines[0], "SEVERITY")
	for i, r := range rules {
		line := lines[i+1]
		if !strings.HasPrefix(line, r.ID+" ") {
			t.Errorf("line %d doesn't start with %s: %s", i+1, r.ID, line)
		}
		if !strings.HasPrefix(line[col:], severityText(&r)+" ") {
			t.Errorf("%s: severity not aligned under SEVERITY: %s", r.ID, line)
		}
		if bcol := strings.Index(lines[0], "BASIS"); r.Basis.String() == "" || !strings.HasPrefix(line[bcol:], r.Basis.String()+" ") {
			t.Errorf("%s: basis %q not aligned under BASIS: %s", r.ID, r.Basis, line)
		}
		if !strings.HasSuffix(line, r.Summary) {
			t.Errorf("%s: summary missing: %s", r.ID, line)
		}
	}
}

func TestSeverityAndKinds(t *testing.T) {
	r := validate.Rule{ID: "X", Severity: validate.Warning, Kinds: validate.Publishable, Basis: validate.BasisListing,
		PerKind: map[validate.Kind]validate.Severity{validate.IndependentPublisher: validate.Error, validate.Certified: validate.Notice}}
	if got, want := severityText(&r), "warning (C: notice, IP: error)"; got != want {
		t.Errorf("severityText = %q, want %q", got, want)
	}
	var buf bytes.Buffer
	if err := RulesText(&buf, []validate.Rule{r}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "warning (C: notice, IP: error)  listing  C, IP") {
		t.Errorf("applies-to not shown as C, IP:\n%s", buf.String())
	}
}

func TestRulesJSON(t *testing.T) {
	rules := validate.Rules()
	var buf bytes.Buffer
	if err := RulesJSON(&buf, rules); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rules) {
		t.Fatalf("got %d rules, want %d", len(got), len(rules))
	}
	for i, r := range rules {
		g := got[i]
		if g["id"] != r.ID || g["severity"] != r.Severity.String() || g["summary"] != r.Summary || g["section"] != r.Section {
			t.Errorf("rule %d = %v, want %s", i, g, r.ID)
		}
		var applies []any
		for _, k := range kindOrder {
			if r.AppliesTo(k) {
				applies = append(applies, k.String())
			}
		}
		if !reflect.DeepEqual(g["appliesTo"], applies) {
			t.Errorf("%s: appliesTo = %v, want %v", r.ID, g["appliesTo"], applies)
		}
		perKind := map[string]any{}
		for k, s := range r.PerKind {
			perKind[k.String()] = s.String()
		}
		if pk, ok := g["perKind"]; ok != (len(r.PerKind) > 0) || (ok && !reflect.DeepEqual(pk, perKind)) {
			t.Errorf("%s: perKind = %v, want %v", r.ID, pk, perKind)
		}
		if g["basis"] != r.Basis.String() || r.Basis.String() == "" {
			t.Errorf("%s: basis = %v, want %q", r.ID, g["basis"], r.Basis)
		}
		for key, val := range map[string]string{"msRule": r.MsRule, "policyCode": r.Policy, "basisReason": r.BasisReason} {
			if v, ok := g[key]; ok != (val != "") || (ok && v != val) {
				t.Errorf("%s: %s = %v, want %q", r.ID, key, v, val)
			}
		}
	}
}

func TestSeverityTextShowsEscalations(t *testing.T) {
	r := validate.Rule{ID: "X", Severity: validate.Warning,
		PerKind: map[validate.Kind]validate.Severity{validate.IndependentPublisher: validate.Error}, New: validate.Error}
	if got, want := severityText(&r), "warning (IP: error; new: error)"; got != want {
		t.Errorf("severityText = %q, want %q", got, want)
	}
}
