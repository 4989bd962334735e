package report

import (
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/connector-check/connector-check/validate"
)

// SummaryOptions configure the job summary.
type SummaryOptions struct {
	// LinkBase prefixes a repository path to make a link to the file at the checked commit
	// (https://github.com/OWNER/REPO/blob/SHA/); "" writes no links.
	LinkBase string
	Version  string
}

const (
	// summaryBudget keeps the summary well under GitHub's 1 MiB per step: over that the upload
	// fails and the reader gets nothing.
	summaryBudget = 900 << 10
	// foldRows is the table size above which a table is folded into <details>, so one noisy
	// connector doesn't push the others off the page.
	foldRows = 20
	// cleanListBudget bounds the list of connectors without findings; past it only the count is
	// shown (a whole-repository run has over a thousand connectors).
	cleanListBudget = 64 << 10
	// noteReserve is room kept for the truncation note.
	noteReserve = 1 << 10
)

// section is one connector's share of the summary.
type section struct {
	path     string
	kind     string // "" when findings name a connector the result doesn't list
	counts   validate.Counts
	findings []validate.Finding
}

// Summary renders the result as GitHub-flavoured Markdown for $GITHUB_STEP_SUMMARY: the totals,
// a table of findings per connector in file order, the connectors without findings, and a footer.
// Connector text is escaped so it can't break a table or inject HTML. The output is deterministic
// and stays under summaryBudget; rows past it are counted in a note pointing at the JSON report.
func Summary(res *validate.Result, opts SummaryOptions) string {
	withFindings, clean := sections(res)

	cleanList := cleanListMarkdown(clean)
	footer := "---\n\n<sub>connector-check</sub>\n"
	if opts.Version != "" {
		footer = "---\n\n<sub>connector-check " + escapeMarkdown(opts.Version) + "</sub>\n"
	}

	var sb strings.Builder
	sb.WriteString("## connector-check\n\n")
	if len(res.Findings) == 0 {
		sb.WriteString("**" + plural(len(res.Connectors), "connector") + " checked: no findings.**\n\n")
	} else {
		sb.WriteString("**" + Tally(res) + "**\n\n")
	}
	limit := summaryBudget - len(cleanList) - len(footer) - noteReserve
	omitted := 0
	for _, s := range withFindings {
		if omitted > 0 { // out of room: count the rest without rendering it
			omitted += len(s.findings)
			continue
		}
		omitted = writeSection(&sb, s, opts.LinkBase, limit)
	}
	sb.WriteString(cleanList)
	if omitted > 0 {
		sb.WriteString("**Truncated:** " + plural(omitted, "finding") +
			" left out to keep this summary under GitHub's 1 MiB limit. " +
			"The JSON report (the `report-json` output) has all of them.\n\n")
	}
	sb.WriteString(footer)
	return sb.String()
}

// sections groups findings by connector, in the result's connector order; findings of a connector
// the result doesn't list come last, in order of appearance, so none is lost.
func sections(res *validate.Result) (withFindings, clean []section) {
	byPath := map[string]int{}
	all := make([]section, 0, len(res.Connectors))
	for _, c := range res.Connectors {
		if _, dup := byPath[c.Path]; dup {
			continue
		}
		byPath[c.Path] = len(all)
		all = append(all, section{path: c.Path, kind: c.Kind.String(), counts: c.Counts})
	}
	listed := len(all)
	for _, f := range res.Findings {
		i, ok := byPath[f.Connector]
		if !ok {
			i = len(all)
			byPath[f.Connector] = i
			all = append(all, section{path: f.Connector})
		}
		if i >= listed {
			all[i].counts.Add(f.Severity)
		}
		all[i].findings = append(all[i].findings, f)
	}
	for _, s := range all {
		if len(s.findings) == 0 {
			clean = append(clean, s)
		} else {
			withFindings = append(withFindings, s)
		}
	}
	return withFindings, clean
}

// writeSection writes a connector's heading, counts and findings table while the builder stays
// within limit, and returns how many of its findings did not fit.
func writeSection(sb *strings.Builder, s section, linkBase string, limit int) (omitted int) {
	fold := len(s.findings) > foldRows
	var open strings.Builder
	open.WriteString("### " + sectionTitle(s) + "\n\n")
	open.WriteString(countsText(s.counts) + "\n\n")
	if fold {
		open.WriteString("<details><summary>" + plural(len(s.findings), "finding") + "</summary>\n\n")
	}
	open.WriteString("| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n")
	closing := "\n"
	if fold {
		closing = "\n</details>\n\n"
	}
	for i := range s.findings {
		row := tableRow(&s.findings[i], s.path, linkBase)
		extra := len(row) + len(closing)
		if i == 0 {
			extra += open.Len() // the heading only goes out with at least one row
		}
		if sb.Len()+extra > limit {
			if i > 0 {
				sb.WriteString(closing)
			}
			return len(s.findings) - i
		}
		if i == 0 {
			sb.WriteString(open.String())
		}
		sb.WriteString(row)
	}
	sb.WriteString(closing)
	return 0
}

func sectionTitle(s section) string {
	t := escapeMarkdown(s.path)
	if s.kind != "" {
		t += " (" + escapeMarkdown(s.kind) + ")"
	}
	return t
}

// tableRow is one finding as a table row: | Severity | Rule | Location | Message |.
func tableRow(f *validate.Finding, connector, linkBase string) string {
	// The heading names the connector, so the location is shown relative to it; the link keeps
	// the repository path.
	loc := strings.TrimPrefix(f.File, connector+"/")
	if f.File == connector { // a finding about the folder itself
		loc = path.Base(connector) + "/"
	}
	anchor := ""
	if f.Line > 0 {
		loc += ":" + strconv.Itoa(f.Line)
		anchor = "#L" + strconv.Itoa(f.Line)
	}
	locCell := escapeMarkdown(loc)
	if linkBase != "" {
		locCell = "[" + locCell + "](" + linkBase + escapeURLPath(f.File) + anchor + ")"
	}
	msg := messageWithPointer(f)
	for _, r := range f.Related {
		msg += " (related: " + strings.TrimPrefix(r.File, connector+"/")
		if r.Line > 0 {
			msg += ":" + strconv.Itoa(r.Line) + ":" + strconv.Itoa(r.Column)
		}
		msg += ": " + r.Message + ")"
	}
	// Escape sequences are shown as in the text line; line breaks become spaces.
	msg = showControls(msg, false)
	return "| " + f.Severity.String() + " | " + escapeMarkdown(f.Rule) + " | " + locCell + " | " +
		escapeMarkdown(msg) + " |\n"
}

// cleanListMarkdown lists the connectors without findings, one line each, folded when long and
// cut down to a count when it would take too much of the budget.
func cleanListMarkdown(clean []section) string {
	if len(clean) == 0 {
		return ""
	}
	title := plural(len(clean), "connector") + " without findings"
	var items strings.Builder
	for _, s := range clean {
		items.WriteString("- " + sectionTitle(s) + "\n")
	}
	if items.Len() > cleanListBudget {
		return "**" + title + ".**\n\n"
	}
	if len(clean) > foldRows {
		return "<details><summary>" + title + "</summary>\n\n" + items.String() + "\n</details>\n\n"
	}
	return "**" + title + ":**\n\n" + items.String() + "\n"
}

// markdownEscaper makes connector text inert in a table cell, heading or list item:
//   - | would end the cell (\| is the GFM table escape), and \ is doubled so text ending in a
//     backslash can't swallow the escape that follows;
//   - < > & become entities, so neither tags (</details>, <script>) nor entities get through;
//   - a backtick would open a code span, in which the other escapes stop working;
//   - * _ [ ] ~ # would start emphasis, links, strikethrough (JSON pointers have ~1) or close a
//     heading;
//   - line breaks end the row, so they and the other control characters become spaces.
var markdownEscaper = func() *strings.Replacer {
	pairs := []string{
		`\`, `\\`, "|", `\|`,
		"<", "&lt;", ">", "&gt;", "&", "&amp;", "`", "&#96;",
		"*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "~", `\~`, "#", `\#`,
	}
	for c := rune(0); c < 0x20; c++ {
		pairs = append(pairs, string(c), " ")
	}
	return strings.NewReplacer(append(pairs, "\x7f", " ")...)
}()

func escapeMarkdown(s string) string { return markdownEscaper.Replace(s) }

// escapeURLPath escapes each segment of a repository path for a link: folder names have spaces
// and apostrophes (Africa's Talking SMS), and ( ) would end the Markdown link. & is escaped too,
// since Markdown would decode an entity such as &lt; in a link destination.
func escapeURLPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(url.PathEscape(s), "&", "%26")
	}
	return strings.Join(segs, "/")
}
