package report

import (
	"io"

	"github.com/connector-check/connector-check/validate"
)

// Options are what a formatter may need besides the result; each formatter reads only its own
// fields.
type Options struct {
	Tool Tool // json, sarif
	// Rules describe the rules for sarif; nil means validate.Rules().
	Rules []validate.Rule
	// Fingerprints gives sarif's stable fingerprints of the findings (baseline.Fingerprinter's
	// Fingerprints); nil writes none.
	Fingerprints func([]validate.Finding) []string
	// RulesRef is the tag or branch sarif's rule help links point at ("" means main).
	RulesRef string
	GitHub   GitHubOptions // github
}

// Formatter writes the result of a run in one output format.
type Formatter func(w io.Writer, res *validate.Result, opts Options) error

// formatters are the output formats of a run, in the order the help text lists them. A new
// format is one row here (and a golden test beside the others).
var formatters = registry[Formatter]{
	{"text", func(w io.Writer, res *validate.Result, _ Options) error { return Text(w, res) }},
	{"json", func(w io.Writer, res *validate.Result, o Options) error { return JSON(w, res, o.Tool) }},
	{"github", func(w io.Writer, res *validate.Result, o Options) error { return GitHubWith(w, res, o.GitHub) }},
	{"sarif", sarifFormatter},
}

func sarifFormatter(w io.Writer, res *validate.Result, o Options) error {
	opts := SARIFOptions{Tool: o.Tool, Rules: o.Rules, RulesRef: o.RulesRef}
	if opts.Rules == nil {
		opts.Rules = validate.Rules()
	}
	if o.Fingerprints != nil {
		opts.Fingerprints = o.Fingerprints(res.Findings)
	}
	return SARIF(w, res, opts)
}

// Lookup returns the formatter of an output format name (lower case), or false.
func Lookup(name string) (Formatter, bool) { return formatters.lookup(name) }

// Names are the output format names, in the order the help text lists them.
func Names() []string { return formatters.names() }

// OneReportNames are the formats of the commands that report on one comparison or one package
// (breaking, package, verify-package): every format but sarif, which only validate offers.
func OneReportNames() []string {
	var out []string
	for _, n := range formatters.names() {
		if n != "sarif" {
			out = append(out, n)
		}
	}
	return out
}

// WorkflowCommands reports whether the output format name is workflow commands meant for the
// runner (github): it goes past the log escaping, and a run in it is a workflow step's (job
// summary, outputs, API reporting).
func WorkflowCommands(name string) bool { return name == "github" }

// RulesFormatter writes the rule catalog (the rules command) in one format.
type RulesFormatter func(w io.Writer, rules []validate.Rule) error

// rulesFormatters are the formats of the rule catalog, in the order the help text lists them.
var rulesFormatters = registry[RulesFormatter]{
	{"text", RulesText},
	{"json", RulesJSON},
	{"markdown", RulesMarkdown},
}

// LookupRules returns the rule catalog's formatter of a format name (lower case), or false.
func LookupRules(name string) (RulesFormatter, bool) { return rulesFormatters.lookup(name) }

// RulesNames are the rule catalog's format names, in the order the help text lists them.
func RulesNames() []string { return rulesFormatters.names() }

// registry is a list of named formatters.
type registry[F any] []struct {
	name string
	f    F
}

func (r registry[F]) lookup(name string) (F, bool) {
	for _, e := range r {
		if e.name == name {
			return e.f, true
		}
	}
	var zero F
	return zero, false
}

func (r registry[F]) names() []string {
	out := make([]string, len(r))
	for i, e := range r {
		out[i] = e.name
	}
	return out
}
