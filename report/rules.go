package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/connector-check/connector-check/validate"
)

// kindOrder is the catalog's order of kinds, for deterministic lists.
var kindOrder = []validate.Kind{validate.Certified, validate.IndependentPublisher, validate.Custom}

// cellSpace keeps a tab or line break in registry text from breaking the table's columns.
var cellSpace = strings.NewReplacer("\t", " ", "\r", " ", "\n", " ")

// RulesText writes the rule registry as an aligned table: ID, default severity (with per-kind
// defaults), its basis in the severity policy, the kinds it applies to and its summary.
func RulesText(w io.Writer, rules []validate.Rule) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	tw.Write([]byte("RULE\tSEVERITY\tBASIS\tAPPLIES TO\tFIX\tSUMMARY\n"))
	for i := range rules {
		r := &rules[i]
		fix := "-"
		if r.Fixable() {
			fix = "yes"
		}
		row := []string{r.ID, severityText(r), r.Basis.String(), r.Kinds.Short(), fix, r.Summary}
		for j := range row {
			row[j] = cellSpace.Replace(row[j])
		}
		tw.Write([]byte(strings.Join(row, "\t") + "\n"))
	}
	return tw.Flush() // tabwriter keeps the first write error and returns it here
}

// severityText is the default severity followed by per-kind defaults and the escalation for new
// submissions: "warning (IP: error; new: error)".
func severityText(r *validate.Rule) string {
	var over []string
	for _, k := range kindOrder {
		if s, ok := r.PerKind[k]; ok {
			over = append(over, k.Short()+": "+s.String())
		}
	}
	var more []string
	if len(over) > 0 {
		more = append(more, strings.Join(over, ", "))
	}
	if r.New != 0 {
		more = append(more, "new: "+r.New.String())
	}
	if len(more) == 0 {
		return r.Severity.String()
	}
	return r.Severity.String() + " (" + strings.Join(more, "; ") + ")"
}

// basisText is the basis with its reason for the rules doc: "rejected: Swagger Validator".
func basisText(r *validate.Rule) string {
	if r.BasisReason == "" {
		return r.Basis.String()
	}
	return r.Basis.String() + ": " + escapeMarkdown(r.BasisReason)
}

func newSeverity(r validate.Rule) string {
	if r.New == 0 {
		return ""
	}
	return r.New.String()
}

type jsonRule struct {
	ID         string            `json:"id"`
	Severity   string            `json:"severity"`
	PerKind    map[string]string `json:"perKind,omitempty"` // encoding/json sorts map keys
	AppliesTo  []string          `json:"appliesTo"`
	Summary    string            `json:"summary"`
	MsRule     string            `json:"msRule,omitempty"`
	PolicyCode string            `json:"policyCode,omitempty"`
	Section    string            `json:"section"`
	// NewSeverity: the severity for a new submission (--new, or a connector absent at the PR base).
	NewSeverity string `json:"newSeverity,omitempty"`
	// Basis: the clause of the severity policy (docs/severity.md) the severity stands on.
	Basis       string `json:"basis"`
	BasisReason string `json:"basisReason,omitempty"`
	// Fixable: `connector-check fix` can fix the rule's findings (where a fix is unambiguous).
	Fixable bool `json:"fixable,omitempty"`
}

// RulesJSON writes the rule registry as an indented JSON array, in the given order.
func RulesJSON(w io.Writer, rules []validate.Rule) error {
	out := make([]jsonRule, 0, len(rules))
	for _, r := range rules {
		jr := jsonRule{
			ID: r.ID, Severity: r.Severity.String(), AppliesTo: []string{},
			Summary: r.Summary, MsRule: r.MsRule, PolicyCode: r.Policy, Section: r.Section,
			NewSeverity: newSeverity(r), Basis: r.Basis.String(), BasisReason: r.BasisReason,
			Fixable: r.Fixable(),
		}
		for _, k := range kindOrder {
			if r.AppliesTo(k) {
				jr.AppliesTo = append(jr.AppliesTo, k.String())
			}
			if s, ok := r.PerKind[k]; ok {
				if jr.PerKind == nil {
					jr.PerKind = map[string]string{}
				}
				jr.PerKind[k.String()] = s.String()
			}
		}
		out = append(out, jr)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// RulesMarkdown writes the rule reference (docs/rules.md): the rules grouped by catalog section,
// in section order, each with its default severity, the kinds it applies to and what it checks.
func RulesMarkdown(w io.Writer, rules []validate.Rule) error {
	bySection := map[string][]*validate.Rule{}
	var sections []string
	for i := range rules {
		r := &rules[i]
		if _, ok := bySection[r.Section]; !ok {
			sections = append(sections, r.Section)
		}
		bySection[r.Section] = append(bySection[r.Section], r)
	}
	slices.SortFunc(sections, func(a, b string) int {
		na, _ := strconv.Atoi(a)
		nb, _ := strconv.Atoi(b)
		return cmp.Or(cmp.Compare(na, nb), cmp.Compare(a, b))
	})
	var sb strings.Builder
	sb.WriteString("<!-- Generated from the rule registry (validate/registry.go) by `go generate`; do not edit. -->\n")
	sb.WriteString("# connector-check rules\n\n")
	fmt.Fprintf(&sb, "%d rules. Severities follow the [severity policy](severity.md): **error** fails the check (the platform or the certification pipeline rejects it, "+
		"or it certainly doesn't work as meant); **warning** is listing policy (an error only for a new submission: \"new: error\"), "+
		"something the platform ignores or coerces, or a probable mistake; **notice** is style or information. "+
		"The basis column names the policy clause each severity stands on:\n\n", len(rules))
	for _, b := range validate.Bases() {
		fmt.Fprintf(&sb, "- **%s**: %s\n", b, b.Meaning())
	}
	sb.WriteString("\nApplies to: C certified, IP independent publisher, CU custom. **Fixable** rules have a verified fix that `connector-check fix` applies where it is unambiguous (see the README). `connector-check rules` prints the same list.\n")
	for _, sec := range sections {
		fmt.Fprintf(&sb, "\n## %s. %s\n\n| Rule | Severity | Basis | Applies to | What is checked |\n|---|---|---|---|---|\n", sec, validate.SectionTitle(sec))
		for _, r := range bySection[sec] {
			summary := escapeMarkdown(r.Summary)
			if r.Fixable() {
				summary += " **Fixable** with `connector-check fix`."
			}
			if _, ok := validate.RuleExample(r.ID); ok {
				summary += " [Example](#" + strings.ToLower(r.ID) + "-example)"
			}
			fmt.Fprintf(&sb, "| <a id=\"%s\"></a>`%s` | %s | %s | %s | %s |\n",
				strings.ToLower(r.ID), r.ID, severityText(r), basisText(r), r.Kinds.Short(), summary)
		}
		writeExamples(&sb, bySection[sec])
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

// writeExamples writes the bad and good examples of the rules that have one, after their
// section's table (not folded: the table's links jump to them).
func writeExamples(sb *strings.Builder, rules []*validate.Rule) {
	first := true
	for _, r := range rules {
		e, ok := validate.RuleExample(r.ID)
		if !ok {
			continue
		}
		if first {
			sb.WriteString("\n### Examples\n")
			first = false
		}
		file, lang, bad, good := e.Snippets()
		fmt.Fprintf(sb, "\n#### <a id=\"%s-example\"></a>`%s`", strings.ToLower(r.ID), r.ID)
		if file != "" {
			fmt.Fprintf(sb, " (%s)", escapeMarkdown(file))
		}
		fmt.Fprintf(sb, "\n\nBad:\n\n```%s\n%s\n```\n\nGood:\n\n```%s\n%s\n```\n", lang, bad, lang, good)
	}
}
