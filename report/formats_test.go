package report

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/validate"
)

func TestFormatterRegistry(t *testing.T) {
	if got, want := Names(), []string{"text", "json", "github", "sarif"}; !slices.Equal(got, want) {
		t.Errorf("Names() = %q, want %q", got, want)
	}
	if got, want := RulesNames(), []string{"text", "json", "markdown"}; !slices.Equal(got, want) {
		t.Errorf("RulesNames() = %q, want %q", got, want)
	}
	for _, name := range []string{"", "TEXT", "markdown", "xml"} {
		if _, ok := Lookup(name); ok {
			t.Errorf("Lookup(%q) found a formatter", name)
		}
	}
	if _, ok := LookupRules("sarif"); ok {
		t.Error(`LookupRules("sarif") found a formatter`)
	}
	// Each registered format writes what its function writes.
	res := &validate.Result{Findings: []validate.Finding{{Rule: "OperationIdMissing", Severity: validate.Error,
		Connector: "c", File: "c/apiDefinition.swagger.json", Line: 3, Column: 5, Message: "m"}}}
	res.Counts.Add(validate.Error)
	tool := Tool{Name: "connector-check", Version: "1.0.0"}
	direct := map[string]func(*bytes.Buffer) error{
		"text":   func(b *bytes.Buffer) error { return Text(b, res) },
		"json":   func(b *bytes.Buffer) error { return JSON(b, res, tool) },
		"github": func(b *bytes.Buffer) error { return GitHubWith(b, res, GitHubOptions{ReserveNotices: 1}) },
		"sarif": func(b *bytes.Buffer) error {
			return SARIF(b, res, SARIFOptions{Tool: tool, Rules: validate.Rules(), Fingerprints: []string{"fp"}})
		},
	}
	opts := Options{Tool: tool, GitHub: GitHubOptions{ReserveNotices: 1},
		Fingerprints: func(fs []validate.Finding) []string { return []string{"fp"} }}
	for _, name := range Names() {
		f, ok := Lookup(name)
		if !ok {
			t.Fatalf("Lookup(%q) found nothing", name)
		}
		var got, want bytes.Buffer
		if err := f(&got, res, opts); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := direct[name](&want); err != nil {
			t.Fatalf("%s direct: %v", name, err)
		}
		if got.String() != want.String() {
			t.Errorf("%s through the registry:\n%s\nwant:\n%s", name, got.String(), want.String())
		}
	}
}

func TestFormatProperties(t *testing.T) {
	if got := strings.Join(OneReportNames(), ","); got != "text,json,github" {
		t.Errorf("OneReportNames = %s", got)
	}
	for _, n := range Names() {
		if WorkflowCommands(n) != (n == "github") {
			t.Errorf("WorkflowCommands(%s) = %v", n, WorkflowCommands(n))
		}
	}
}
