package report

import (
	"strconv"
	"strings"

	"github.com/connector-check/connector-check/validate"
)

// DigestOptions configure the pull request comment.
type DigestOptions struct {
	FailOn   validate.Severity
	Compared bool // the run tells new findings from old ones (see SummaryOptions)
	// HeadSHA is the commit the comment describes (the pull request's head).
	HeadSHA string
	// RunURL links to the workflow run, whose page shows the job summary with every finding.
	RunURL   string
	LinkBase string
	Version  string
	RulesURL string
}

// digestListMax bounds each list of the digest.
const digestListMax = 10

// Digest is the sticky pull request comment: the verdict, the commit it describes, the new
// errors and the breaking changes (at most digestListMax of each), and a link to the run's job
// summary, which has everything. It is short on purpose: a comment is read on the conversation
// tab, next to the reviewers' comments. Connector text is escaped as in the summary.
func Digest(res *validate.Result, opts DigestOptions) string {
	verdict, failing := Verdict(res, opts.FailOn, opts.Compared || hasOld(res))
	icon := "✅ "
	if failing {
		icon = "❌ "
	}
	var sb strings.Builder
	sb.WriteString("### " + icon + "connector-check: " + verdict + "\n\n")
	commit := "the checked commit"
	if sha := opts.HeadSHA; sha != "" {
		if isHex(sha) {
			commit = "commit " + sha[:min(len(sha), 12)]
			if opts.LinkBase != "" {
				// LinkBase is .../blob/SHA/: the commit page is .../commit/SHA.
				if base, _, ok := strings.Cut(opts.LinkBase, "/blob/"); ok {
					commit = "commit [" + sha[:min(len(sha), 12)] + "](" + base + "/commit/" + sha + ")"
				}
			}
		} else {
			commit = "commit " + escapeMarkdown(sha)
		}
	}
	sb.WriteString("Checked " + commit + " (the head of this pull request): " + Tally(res) + oldCounts(res) + ".\n\n")

	var errs, breaking []*validate.Finding
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Inherited || f.Baselined {
			continue
		}
		switch {
		case IsBreaking(f):
			breaking = append(breaking, f)
		case f.Severity == validate.Error:
			errs = append(errs, f)
		}
	}
	so := SummaryOptions{LinkBase: opts.LinkBase, RulesURL: opts.RulesURL}
	list := func(title string, fs []*validate.Finding) {
		if len(fs) == 0 {
			return
		}
		sb.WriteString("**" + title + " (" + strconv.Itoa(len(fs)) + ")**\n\n")
		for i, f := range fs {
			if i == digestListMax {
				sb.WriteString("- and " + plural(len(fs)-i, "more") + " in the job summary\n")
				break
			}
			item := "- "
			if !IsPullRequestLevel(f) {
				loc, link := location(f, "", opts.LinkBase)
				item += linked(escapeMarkdown(loc), link) + ": "
			}
			sb.WriteString(item + escapeMarkdown(showControls(f.Message, false)) + " (" + ruleCell(f.Rule, so) + ")\n")
		}
		sb.WriteString("\n")
	}
	label := "Errors"
	if opts.Compared || hasOld(res) {
		label = "New errors"
	}
	list(label, errs)
	list("Breaking changes", breaking)
	if opts.RunURL != "" {
		sb.WriteString("[Every finding: the job summary of this run](" + opts.RunURL + ")\n\n")
	}
	v := "connector-check"
	if opts.Version != "" {
		v += " " + escapeMarkdown(opts.Version)
	}
	sb.WriteString("<sub>" + v + " · this comment is updated on every run</sub>\n")
	return sb.String()
}

func isHex(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F') {
			return false
		}
	}
	return true
}
