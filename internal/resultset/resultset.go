// Package resultset merges findings that are found outside validate.Run (pull-request rules,
// breaking changes, secret scans, packaging) into a validate.Result, keeping its order and
// counts consistent.
package resultset

import "github.com/connector-check/connector-check/validate"

// Add merges findings into a result: sorted again, counts per connector and in total redone. A
// finding already in the result (the PR's secret scan of a file that validation scanned too) is
// not added twice.
func Add(res *validate.Result, extra []validate.Finding) {
	if len(extra) == 0 {
		return
	}
	type key struct {
		rule, file, msg                   string
		line, col, endLine, endCol, sever int
	}
	have := map[key]bool{}
	for _, f := range res.Findings {
		have[key{f.Rule, f.File, f.Message, f.Line, f.Column, f.EndLine, f.EndColumn, int(f.Severity)}] = true
	}
	for _, f := range extra {
		k := key{f.Rule, f.File, f.Message, f.Line, f.Column, f.EndLine, f.EndColumn, int(f.Severity)}
		if !have[k] {
			have[k] = true
			res.Findings = append(res.Findings, f)
		}
	}
	res.Findings = validate.SortFindings(res.Findings)
	Recount(res)
}

// Recount recomputes the totals of res from its findings.
func Recount(res *validate.Result) {
	res.Counts = validate.Counts{}
	idx := map[string]int{}
	for i := range res.Connectors {
		res.Connectors[i].Counts = validate.Counts{}
		idx[res.Connectors[i].Path] = i
	}
	for _, f := range res.Findings {
		res.Counts.Add(f.Severity)
		if i, ok := idx[f.Connector]; ok {
			res.Connectors[i].Add(f.Severity)
		}
	}
}

// Of is the result of one connector with findings fs.
func Of(connector string, kind validate.Kind, fs []validate.Finding) *validate.Result {
	fs = validate.SortFindings(fs)
	cr := validate.ConnectorResult{Path: connector, Kind: kind}
	for _, f := range fs {
		cr.Add(f.Severity)
	}
	return &validate.Result{Connectors: []validate.ConnectorResult{cr}, Findings: fs, Counts: cr.Counts}
}
