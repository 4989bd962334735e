package report

import (
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/connector-check/connector-check/validate"
)

// SARIFOptions configure the SARIF log.
type SARIFOptions struct {
	Tool Tool
	// Rules describe the rules (validate.Rules()); the ones the findings use are listed, in this
	// order, and results refer to them by index.
	Rules []validate.Rule
	// Fingerprints, parallel to the findings, are stable fingerprints that don't depend on line
	// numbers (baseline.Fingerprinter); nil writes no partialFingerprints.
	Fingerprints []string
	// InformationURI is the tool's home page; rule help links go to its docs/rules.md.
	InformationURI string
	// RulesRef is the tag or branch whose docs/rules.md rule help links point at (the
	// release's own tag); "" means main.
	RulesRef string
}

// DefaultInformationURI is where the rule reference lives.
const DefaultInformationURI = "https://github.com/connector-check/connector-check"

// SARIF 2.1.0 shapes (only the properties written).
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	Results    []sarifResult `json:"results"`
	ColumnKind string        `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	SemanticVer    string      `json:"semanticVersion,omitempty"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	HelpURI              string         `json:"helpUri,omitempty"`
	DefaultConfiguration sarifRuleConf  `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties,omitempty"`
}

type sarifRuleConf struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	// BaselineState is "new" or "unchanged" when the run compared the change with its base.
	BaselineState string         `json:"baselineState,omitempty"`
	Properties    map[string]any `json:"properties,omitempty"`
}

type sarifLocation struct {
	ID               *int           `json:"id,omitempty"`
	PhysicalLocation sarifPhysical  `json:"physicalLocation"`
	Message          *sarifText     `json:"message,omitempty"`
	Properties       map[string]any `json:"properties,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifA       `json:"artifactLocation"`
	Region           *sarifRegion `json:"region,omitempty"`
}

type sarifA struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// FingerprintKey names connector-check's fingerprint in partialFingerprints.
const FingerprintKey = "connectorCheckFingerprint/v1"

func sarifLevel(s validate.Severity) string {
	switch s {
	case validate.Error:
		return "error"
	case validate.Warning:
		return "warning"
	}
	return "note"
}

// SARIF writes a SARIF 2.1.0 log for GitHub code scanning: one run, the rules that fired with
// their metadata from the registry and help links, and one result per finding. URIs are the findings' repository-relative
// paths (relative to %SRCROOT%), regions use 1-based lines and code-point columns with an
// exclusive endColumn (SARIF's own convention, columnKind unicodeCodePoints), and each result has
// a line-independent partial fingerprint, numbered when one fingerprint occurs more than once.
func SARIF(w io.Writer, res *validate.Result, opts SARIFOptions) error {
	info := opts.InformationURI
	if info == "" {
		info = DefaultInformationURI
	}
	driver := sarifDriver{Name: opts.Tool.Name, Version: opts.Tool.Version, InformationURI: info, Rules: []sarifRule{}}
	if driver.Name == "" {
		driver.Name = "connector-check"
	}
	if v := strings.TrimPrefix(opts.Tool.Version, "v"); isSemver(v) {
		driver.SemanticVer = v
	}
	index := map[string]int{}
	addRule := func(r *validate.Rule) {
		index[r.ID] = len(driver.Rules)
		help := RuleHelpURLAt(info, opts.RulesRef, r.ID)
		full := r.Summary
		if r.Policy != "" {
			full += " (certification policy " + r.Policy + ")"
		}
		props := map[string]any{"tags": kindTags(r)}
		if r.MsRule != "" {
			props["msRule"] = r.MsRule
		}
		driver.Rules = append(driver.Rules, sarifRule{
			ID: r.ID, Name: r.ID,
			ShortDescription:     sarifText{Text: r.Summary},
			FullDescription:      sarifText{Text: full},
			Help:                 sarifText{Text: r.Summary + " See " + help, Markdown: r.Summary + "\n\n[" + r.ID + " in the rule reference](" + help + ")"},
			HelpURI:              help,
			DefaultConfiguration: sarifRuleConf{Level: sarifLevel(r.Severity)},
			Properties:           props,
		})
	}
	used := map[string]bool{}
	for i := range res.Findings {
		if !IsPullRequestLevel(&res.Findings[i]) {
			used[res.Findings[i].Rule] = true
		}
	}
	for i := range opts.Rules {
		if used[opts.Rules[i].ID] {
			addRule(&opts.Rules[i])
		}
	}
	run := sarifRun{Results: []sarifResult{}, ColumnKind: "unicodeCodePoints"}
	seen := map[string]int{}
	for i := range res.Findings {
		f := &res.Findings[i]
		if IsPullRequestLevel(f) {
			// About the pull request, not a place in the repository (the event payload): code
			// scanning has nowhere to put it. The job summary and the annotations carry it.
			continue
		}
		if _, ok := index[f.Rule]; !ok { // a rule the caller didn't list: describe it minimally
			r := validate.Rule{ID: f.Rule, Severity: f.Severity, Summary: f.Rule}
			if reg, ok := validate.LookupRule(f.Rule); ok {
				r = *reg
			}
			addRule(&r)
		}
		sr := sarifResult{
			RuleID: f.Rule, RuleIndex: index[f.Rule], Level: sarifLevel(f.Severity),
			Message:   sarifText{Text: messageWithPointer(f)},
			Locations: []sarifLocation{{PhysicalLocation: physical(f.File, f.Line, f.Column, f.EndLine, f.EndColumn)}},
		}
		if f.HasPointer {
			sr.Properties = map[string]any{"pointer": f.Pointer}
		}
		if f.Inherited || f.Introduced {
			if sr.Properties == nil {
				sr.Properties = map[string]any{}
			}
			sr.Properties["introduced"] = f.Introduced
			sr.BaselineState = "new"
			if f.Inherited {
				sr.BaselineState = "unchanged"
			}
		}
		for j, r := range f.Related {
			id := j + 1
			loc := sarifLocation{
				ID: &id, PhysicalLocation: physical(r.File, r.Line, r.Column, r.Line, 0), Message: &sarifText{Text: r.Message},
			}
			if r.Commit != "" {
				// The place is in another version of the file: a region would point into the
				// checked one, so the line goes into the message.
				loc.PhysicalLocation = physical(r.File, 0, 0, 0, 0)
				loc.Message = &sarifText{Text: r.Message + " (line " + strconv.Itoa(r.Line) + " at commit " + r.Commit + ")"}
			}
			sr.RelatedLocations = append(sr.RelatedLocations, loc)
		}
		if i < len(opts.Fingerprints) && opts.Fingerprints[i] != "" {
			fp := opts.Fingerprints[i]
			seen[fp]++
			if n := seen[fp]; n > 1 {
				fp += ":" + strconv.Itoa(n)
			}
			sr.PartialFingerprints = map[string]string{FingerprintKey: fp}
		}
		run.Results = append(run.Results, sr)
	}
	run.Tool.Driver = driver
	log := sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

// physical is a SARIF physical location. Every location has a region: GitHub code scanning needs
// region.startLine to place an alert (sarif-sdk rule GH1003), so a finding about a whole file or
// folder (line 0) points at line 1.
func physical(file string, line, col, endLine, endCol int) sarifPhysical {
	p := sarifPhysical{ArtifactLocation: artifact(file)}
	if line <= 0 {
		p.Region = &sarifRegion{StartLine: 1}
		return p
	}
	r := &sarifRegion{StartLine: line}
	if col > 0 {
		r.StartColumn = col
	}
	if endLine >= line {
		r.EndLine = endLine
	}
	if endCol > 0 && (endLine > line || endCol > col) {
		r.EndColumn = endCol
	}
	p.Region = r
	return p
}

// artifact is a repository-relative URI (percent-encoded per segment: folder names have spaces)
// relative to %SRCROOT%; an absolute path becomes a file URI.
func artifact(file string) sarifA {
	file = strings.TrimPrefix(file, "./")
	// A colon in the first segment would read as a URI scheme.
	uri := strings.ReplaceAll(escapeURLPath(file), ":", "%3A")
	if strings.HasPrefix(file, "/") {
		return sarifA{URI: "file://" + uri}
	}
	return sarifA{URI: uri, URIBaseID: "%SRCROOT%"}
}

func kindTags(r *validate.Rule) []string {
	tags := []string{}
	for _, k := range kindOrder {
		if r.AppliesTo(k) {
			tags = append(tags, k.String())
		}
	}
	return tags
}

// RuleHelpURL links to a rule's entry in docs/rules.md under the tool's repository URL.
func RuleHelpURL(repoURL, id string) string { return RuleHelpURLAt(repoURL, "", id) }

// RuleHelpURLAt links to a rule's entry in docs/rules.md at ref (a release tag; "" is main).
func RuleHelpURLAt(repoURL, ref, id string) string {
	if ref == "" {
		ref = "main"
	}
	return strings.TrimRight(repoURL, "/") + "/blob/" + ref + "/docs/rules.md#" + strings.ToLower(id)
}

func isSemver(v string) bool {
	core, _, _ := strings.Cut(v, "-")
	core, _, _ = strings.Cut(core, "+")
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if _, err := strconv.Atoi(p); err != nil || p == "" {
			return false
		}
	}
	return true
}
