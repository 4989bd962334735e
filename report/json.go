package report

import (
	"encoding/json"
	"io"

	"github.com/connector-check/connector-check/validate"
)

// The JSON report is a contract other tools parse: add fields, never rename or drop them.
type jsonReport struct {
	Tool       jsonTool        `json:"tool"`
	Connectors []jsonConnector `json:"connectors"` // [] rather than null when empty
	Findings   []jsonFinding   `json:"findings"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonConnector struct {
	Path     string `json:"path"`
	Kind     string `json:"kind"`
	Errors   int    `json:"errors"`
	Warnings int    `json:"warnings"`
	Notices  int    `json:"notices"`
}

type jsonFinding struct {
	Rule      string `json:"rule"`
	Severity  string `json:"severity"`
	Connector string `json:"connector"`
	File      string `json:"file"`
	// Positions are always present; 0 means a finding about a whole file or folder.
	Line      int `json:"line"`
	Column    int `json:"column"`
	EndLine   int `json:"endLine"`
	EndColumn int `json:"endColumn"`
	// Pointer is a *string so the root pointer "" is still written: absent means "not JSON".
	Pointer    *string       `json:"pointer,omitempty"`
	Message    string        `json:"message"`
	MsRule     string        `json:"msRule,omitempty"`
	PolicyCode string        `json:"policyCode,omitempty"`
	Related    []jsonRelated `json:"related,omitempty"`
	// Introduced is set when the run compared the change with its base (pull-request mode,
	// --base --new-only): true for what the change brings, false for what the base had.
	Introduced *bool `json:"introduced,omitempty"`
}

type jsonRelated struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
	Commit  string `json:"commit,omitempty"`
}

// JSON writes the whole result as one indented JSON document.
func JSON(w io.Writer, res *validate.Result, tool Tool) error {
	out := jsonReport{
		Tool:       jsonTool(tool),
		Connectors: make([]jsonConnector, 0, len(res.Connectors)),
		Findings:   make([]jsonFinding, 0, len(res.Findings)),
	}
	for _, c := range res.Connectors {
		out.Connectors = append(out.Connectors, jsonConnector{
			Path: c.Path, Kind: c.Kind.String(),
			Errors: c.Errors, Warnings: c.Warnings, Notices: c.Notices,
		})
	}
	for _, f := range res.Findings {
		jf := jsonFinding{
			Rule: f.Rule, Severity: f.Severity.String(), Connector: f.Connector, File: f.File,
			Line: f.Line, Column: f.Column, EndLine: f.EndLine, EndColumn: f.EndColumn,
			Message: f.Message, MsRule: f.MsRule, PolicyCode: f.PolicyCode,
		}
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
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Messages quote connector text with < > &; \u003c in a report helps nobody.
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
