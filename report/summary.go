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
	// Budget bounds the summary's size in bytes; 0 means summaryBudget (under the job summary's
	// 1 MiB). A PR comment or a check run's summary needs less (about 64 KB).
	Budget int
	// RulesURL is the rule reference (docs/rules.md) that rule IDs link to, with #ruleid anchors;
	// "" links to the reference in connector-check's repository.
	RulesURL string
}

// DefaultRulesURL is the rule reference in connector-check's repository.
var DefaultRulesURL = DefaultInformationURI + "/blob/main/docs/rules.md"

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
	// groupMin is how many findings of one rule in one operation are shown as one row group.
	groupMin = 3
	// groupListMax bounds the places listed in a group's row.
	groupListMax = 100
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
	budget := summaryBudget
	if opts.Budget > 0 {
		budget = opts.Budget
	}
	if len(cleanList) > budget/4 { // a long list of clean connectors gives way to the findings
		cleanList = "**" + plural(len(clean), "connector") + " without findings.**\n\n"
	}
	if len(withFindings) > 1 {
		if ov := overviewMarkdown(withFindings); len(ov) < budget/8 {
			sb.WriteString(ov)
		}
	}
	limit := budget - len(cleanList) - len(footer) - noteReserve
	omitted := 0
	for _, s := range withFindings {
		if omitted > 0 { // out of room: count the rest without rendering it
			omitted += len(s.findings)
			continue
		}
		omitted = writeSection(&sb, s, opts, limit)
	}
	sb.WriteString(cleanList)
	if omitted > 0 {
		limitText := "GitHub's 1 MiB limit"
		if budget < summaryBudget {
			limitText = "GitHub's size limit"
		}
		sb.WriteString("**Truncated:** " + plural(omitted, "finding") +
			" left out to keep this summary under " + limitText + ". " +
			"The JSON report (the `report-json` output) and the job log have all of them.\n\n")
	}
	sb.WriteString(footer)
	return sb.String()
}

// overviewMarkdown is a table of the connectors with findings and their counts, folded when long,
// so a run over many connectors shows at a glance where the errors are.
func overviewMarkdown(secs []section) string {
	var sb strings.Builder
	if len(secs) > foldRows {
		sb.WriteString("<details><summary>" + plural(len(secs), "connector") + " with findings</summary>\n\n")
	}
	sb.WriteString("| Connector | Errors | Warnings | Notices |\n| --- | --: | --: | --: |\n")
	for _, s := range secs {
		sb.WriteString("| " + sectionTitle(s) + " | " + strconv.Itoa(s.counts.Errors) + " | " +
			strconv.Itoa(s.counts.Warnings) + " | " + strconv.Itoa(s.counts.Notices) + " |\n")
	}
	if len(secs) > foldRows {
		sb.WriteString("\n</details>\n")
	}
	sb.WriteString("\n")
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

// row is one line of a findings table: one finding, or a group of findings of one rule in one
// operation (40 parameters without a summary make one row, not 40).
type row struct {
	findings []*validate.Finding
	label    string // the operation of a group, e.g. "GET /items"
}

// groupRows turns a connector's findings into table rows, in file order; the findings of one
// rule and severity in one operation of one file, when there are at least groupMin, share the
// row of the first of them.
func groupRows(fs []validate.Finding) []row {
	type key struct{ file, rule, op string }
	count := map[key]int{}
	keys := make([]key, len(fs))
	for i := range fs {
		op := operationOf(&fs[i])
		if op == "" {
			continue
		}
		keys[i] = key{fs[i].File, fs[i].Rule + "\x00" + fs[i].Severity.String(), op}
		count[keys[i]]++
	}
	var rows []row
	at := map[key]int{}
	for i := range fs {
		f := &fs[i]
		k := keys[i]
		if k.op == "" || count[k] < groupMin {
			rows = append(rows, row{findings: []*validate.Finding{f}})
			continue
		}
		if j, ok := at[k]; ok {
			rows[j].findings = append(rows[j].findings, f)
			continue
		}
		at[k] = len(rows)
		rows = append(rows, row{findings: []*validate.Finding{f}, label: operationLabel(k.op)})
	}
	return rows
}

// operationOf is the pointer of the operation a finding is in ("/paths/~1items/get"), or "".
func operationOf(f *validate.Finding) string {
	if !f.HasPointer || !strings.HasPrefix(f.Pointer, "/paths/") {
		return ""
	}
	segs := strings.SplitN(f.Pointer, "/", 5) // "", paths, path, method, rest
	if len(segs) < 4 {
		return ""
	}
	return strings.Join(segs[:4], "/")
}

// operationLabel is "GET /items" for "/paths/~1items/get".
func operationLabel(op string) string {
	segs := strings.Split(op, "/")
	unescape := strings.NewReplacer("~1", "/", "~0", "~")
	return strings.ToUpper(unescape.Replace(segs[3])) + " " + unescape.Replace(segs[2])
}

// writeSection writes a connector's heading, counts and findings table while the builder stays
// within limit, and returns how many of its findings did not fit.
func writeSection(sb *strings.Builder, s section, opts SummaryOptions, limit int) (omitted int) {
	rows := groupRows(s.findings)
	fold := len(rows) > foldRows
	var open strings.Builder
	open.WriteString("### " + sectionTitle(s) + "\n\n")
	open.WriteString(countsText(s.counts) + "\n\n")
	if fold {
		open.WriteString("<details><summary>" + plural(len(s.findings), "finding") + "</summary>\n\n")
	}
	open.WriteString("| Rule | Severity | Location | Message |\n| --- | --- | --- | --- |\n")
	closing := "\n"
	if fold {
		closing = "\n</details>\n\n"
	}
	for i, r := range rows {
		line := tableRow(r, s.path, opts)
		extra := len(line) + len(closing)
		if i == 0 {
			extra += open.Len() // the heading only goes out with at least one row
		}
		if sb.Len()+extra > limit {
			if i > 0 {
				sb.WriteString(closing)
			}
			for _, rest := range rows[i:] {
				omitted += len(rest.findings)
			}
			return omitted
		}
		if i == 0 {
			sb.WriteString(open.String())
		}
		sb.WriteString(line)
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

// location is a finding's place relative to its connector ("apiDefinition.swagger.json:12") and,
// with a link base, its link to the line at the checked commit.
func location(f *validate.Finding, connector, linkBase string) (text, link string) {
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
	if linkBase != "" {
		link = linkBase + escapeURLPath(f.File) + anchor
	}
	return loc, link
}

func linked(text, link string) string {
	if link == "" {
		return text
	}
	return "[" + text + "](" + link + ")"
}

// cellMessage is a finding's message with its related places, escaped for a table cell.
// A related place at another commit (the base version of a breaking change) names the commit and,
// with a link base, links to the file at that commit.
func cellMessage(f *validate.Finding, connector, linkBase string) string {
	// Escape sequences are shown as in the text line; line breaks become spaces.
	esc := func(s string) string { return escapeMarkdown(showControls(s, false)) }
	msg := esc(messageWithPointer(f))
	for _, r := range f.Related {
		place := strings.TrimPrefix(r.File, connector+"/")
		if r.Line > 0 {
			place += ":" + strconv.Itoa(r.Line) + ":" + strconv.Itoa(r.Column)
		}
		if r.Commit == "" {
			msg += esc(" (related: " + place + ": " + r.Message + ")")
			continue
		}
		link := ""
		if base := commitLinkBase(linkBase, r.Commit); base != "" {
			link = base + escapeURLPath(r.File)
			if r.Line > 0 {
				link += "#L" + strconv.Itoa(r.Line)
			}
		}
		msg += esc(" (related: ") + linked(esc(place+" at "+shortCommit(r.Commit)), link) + esc(": "+r.Message+")")
	}
	return msg
}

// commitLinkBase is linkBase (.../blob/SHA/) for another commit, or "".
func commitLinkBase(linkBase, commit string) string {
	i := strings.LastIndex(strings.TrimSuffix(linkBase, "/"), "/")
	if linkBase == "" || i < 0 || strings.ContainsAny(commit, "/?# ") {
		return ""
	}
	return linkBase[:i+1] + url.PathEscape(commit) + "/"
}

func shortCommit(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}

// ruleCell links a rule ID to its entry in the rule reference.
func ruleCell(id string, opts SummaryOptions) string {
	base := opts.RulesURL
	if base == "" {
		base = DefaultRulesURL
	}
	return "[" + escapeMarkdown(id) + "](" + base + "#" + url.PathEscape(strings.ToLower(id)) + ")"
}

// tableRow is one row: | Rule | Severity | Location | Message |. A group shows its count and
// operation, the first message, and every place with its own message in a folded list.
func tableRow(r row, connector string, opts SummaryOptions) string {
	f := r.findings[0]
	loc, link := location(f, connector, opts.LinkBase)
	locCell := linked(escapeMarkdown(loc), link)
	msg := cellMessage(f, connector, opts.LinkBase)
	if len(r.findings) > 1 {
		// The list shows what differs: the line and the message without the part all of them
		// share (" has no x-ms-summary; add ..."), which the first message above shows in full.
		msgs := make([]string, len(r.findings))
		for i, g := range r.findings {
			msgs[i] = g.Message
		}
		cut := commonSuffixAtSpace(msgs)
		var list strings.Builder
		for i, g := range r.findings {
			if i == groupListMax {
				list.WriteString("<br>and " + plural(len(r.findings)-i, "more") + " (JSON report)")
				break
			}
			l, lk := location(g, connector, opts.LinkBase)
			if g.File == f.File && g.Line > 0 {
				l = "line " + strconv.Itoa(g.Line)
			}
			if i > 0 {
				list.WriteString("<br>")
			}
			m := g.Message[:len(g.Message)-cut]
			if cut > 0 {
				m += " …"
			}
			list.WriteString(linked(escapeMarkdown(l), lk) + ": " + escapeMarkdown(showControls(m, false)))
		}
		msg = "**" + strconv.Itoa(len(r.findings)) + "×** in " + escapeMarkdown(r.label) + ", first: " + msg +
			" <details><summary>all " + strconv.Itoa(len(r.findings)) + "</summary>" + list.String() + "</details>"
	}
	return "| " + ruleCell(f.Rule, opts) + " | " + f.Severity.String() + " | " + locCell + " | " + msg + " |\n"
}

// commonSuffixAtSpace is the length of the longest suffix that every message shares and that
// starts at a space, leaving each message something before it; 0 when there is none.
func commonSuffixAtSpace(msgs []string) int {
	n := len(msgs[0])
	for _, m := range msgs[1:] {
		k := 0
		for k < n && k < len(m) && m[len(m)-1-k] == msgs[0][len(msgs[0])-1-k] {
			k++
		}
		n = k
	}
	for n > 0 {
		// Back off to a suffix that starts with a space and leaves text in front in every message.
		ok := true
		for _, m := range msgs {
			if len(m)-n <= 0 || m[len(m)-n] != ' ' {
				ok = false
				break
			}
		}
		if ok {
			return n
		}
		n--
	}
	return 0
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
