package report

import (
	"cmp"
	"fmt"
	"net/url"
	"path"
	"slices"
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
	// FailOn is the severity at or above which the run fails (fail-on); 0 means never. The
	// verdict on the first line is computed from it the way the exit code is.
	FailOn validate.Severity
	// EventFile is the event payload's path: findings about the pull request itself point there
	// and are shown without a location.
	EventFile string
	// Compared says the run tells new findings from old ones (pull-request mode, a baseline):
	// the verdict counts "new" errors.
	Compared bool
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
	// sectionReserve is what a connector's heading and counts cost at most, beside its title, and
	// tableReserve what a table's header and its <details> wrapper cost, when the budget is
	// shared out.
	sectionReserve = 100
	tableReserve   = 250
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

// IsPullRequestLevel reports whether a finding is about the pull request as a whole (its title,
// description, base branch, the set of files, a part of the check that was skipped) rather than
// about a place in a connector's files: a §16 rule's finding without a line outside the
// connector's folder. Such findings have no place in the repository: the summary lists them
// under "Pull request" and SARIF leaves them out.
func IsPullRequestLevel(f *validate.Finding) bool {
	if f.File == "" {
		return true
	}
	r, ok := validate.LookupRule(f.Rule)
	if !ok || r.Scope != validate.ScopePullRequest || f.Line > 0 {
		return false
	}
	return f.Connector == "" || (f.File != f.Connector && !strings.HasPrefix(f.File, f.Connector+"/"))
}

// IsBreaking reports whether a finding is a breaking change (§15).
func IsBreaking(f *validate.Finding) bool {
	r, ok := validate.LookupRule(f.Rule)
	return ok && r.Scope == validate.ScopeBreaking
}

// folded reports whether a finding goes into a connector's folded part: notices, inherited
// and baselined findings.
func folded(f *validate.Finding) bool {
	return f.Inherited || f.Baselined || (f.Severity != validate.Error && f.Severity != validate.Warning)
}

// Verdict is the run's outcome in one line, computed like the exit code: "Failing: 3 new errors
// (fail-on: error)" or "Passing (fail-on: error)". Inherited findings (already on the base
// branch) never fail a pull request: they are counted beside the verdict, not in it.
func Verdict(res *validate.Result, failOn validate.Severity, compared bool) (text string, failing bool) {
	var fresh validate.Counts
	inherited := 0
	for i := range res.Findings {
		f := &res.Findings[i]
		if failOn == 0 || f.Severity < failOn {
			continue
		}
		if f.Inherited {
			inherited++
			continue
		}
		fresh.Add(f.Severity)
	}
	on := "(fail-on: " + failOnText(failOn) + ")"
	if fresh.Errors+fresh.Warnings+fresh.Notices == 0 {
		return "Passing " + on, false
	}
	adj := ""
	if compared {
		adj = "new "
	}
	var parts []string
	for _, p := range []struct {
		n    int
		noun string
	}{{fresh.Errors, "error"}, {fresh.Warnings, "warning"}, {fresh.Notices, "notice"}} {
		if p.n > 0 {
			parts = append(parts, plural(p.n, adj+p.noun))
		}
	}
	return "Failing: " + andList(parts) + " " + on, true
}

// Failing reports whether the result fails at failOn: a finding at or above it that is not
// inherited from the base branch. The exit code and the verdict both use it.
func Failing(res *validate.Result, failOn validate.Severity) bool {
	_, failing := Verdict(res, failOn, false)
	return failing
}

func failOnText(s validate.Severity) string {
	if s == 0 {
		return "never"
	}
	return s.String()
}

func andList(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// Summary renders the result as GitHub-flavoured Markdown for $GITHUB_STEP_SUMMARY. In order:
// the verdict, the totals, the findings about the pull request itself, the breaking changes, an
// overview of the connectors with findings, and per connector a table of its new errors and
// warnings sorted by severity, file and line, with its notices, inherited and baselined findings
// folded below; then the connectors without findings and a footer. Connector text is escaped so
// it can't break a table, inject HTML, mention anyone or make a link. The output is
// deterministic and stays under the budget: when it is short, the errors of every connector go
// in first, then warnings, then notices, and a note counts what was left out of each.
func Summary(res *validate.Result, opts SummaryOptions) string {
	budget := summaryBudget
	if opts.Budget > 0 {
		budget = opts.Budget
	}
	var prLevel, breaking []validate.Finding
	rest := &validate.Result{Connectors: res.Connectors}
	for _, f := range res.Findings {
		switch {
		case IsPullRequestLevel(&f):
			prLevel = append(prLevel, f)
		case IsBreaking(&f):
			breaking = append(breaking, f)
		default:
			rest.Findings = append(rest.Findings, f)
		}
	}
	withFindings, clean := sections(rest)
	// Connectors with new errors first, then with new warnings, then the rest; in path order.
	slices.SortStableFunc(withFindings, func(a, b section) int { return cmp.Compare(rank(b), rank(a)) })

	cleanList := cleanListMarkdown(clean)
	footer := "---\n\n<sub>connector-check</sub>\n"
	if opts.Version != "" {
		footer = "---\n\n<sub>connector-check " + escapeMarkdown(opts.Version) + "</sub>\n"
	}

	var sb strings.Builder
	verdict, failing := Verdict(res, opts.FailOn, opts.Compared || hasOld(res))
	icon := "✅ "
	if failing {
		icon = "❌ "
	}
	sb.WriteString("## " + icon + verdict + "\n\n")
	if len(res.Findings) == 0 {
		sb.WriteString("connector-check: " + plural(len(res.Connectors), "connector") + " checked, no findings.\n\n")
	} else {
		sb.WriteString("connector-check: " + Tally(res) + oldCounts(res) + ".")
		if inheritedCount(res) > 0 {
			sb.WriteString(" Inherited findings were already on the base branch: they don't fail the pull request and are folded under each connector.")
		}
		sb.WriteString("\n\n")
	}
	if t := SuppressedText(res.Suppressed); t != "" {
		sb.WriteString(escapeMarkdown(t) + ".\n\n")
	}
	if len(cleanList) > budget/4 { // a long list of clean connectors gives way to the findings
		cleanList = "**" + plural(len(clean), "connector") + " without findings.**\n\n"
	}
	overview := ""
	if len(withFindings) > 1 {
		if ov := overviewMarkdown(withFindings); len(ov) < budget/8 {
			overview = ov
		}
	}
	header := sb.String()
	limit := budget - len(header) - len(overview) - len(cleanList) - len(footer) - noteReserve
	render := func(limit int) (string, bool) {
		var sb strings.Builder
		sb.WriteString(header)

		// Share the budget out: every finding's row costs its own length, and the first finding of
		// a section also its heading; errors go first, then warnings, then notices.
		type part struct {
			title    string
			findings []validate.Finding
		}
		parts := []part{{"Pull request", prLevel}, {"Breaking changes", breaking}}
		for _, s := range withFindings {
			parts = append(parts, part{sectionTitle(s), s.findings})
		}
		keep := make([][]bool, len(parts))
		for i := range parts {
			keep[i] = make([]bool, len(parts[i].findings))
		}
		opened := make([]bool, len(parts))
		tables := map[[2]int]bool{} // part, table (main, notices, inherited, baselined)
		table := func(f *validate.Finding) int {
			switch {
			case f.Baselined:
				return 3
			case f.Inherited:
				return 2
			case folded(f):
				return 1
			}
			return 0
		}
		used := 0
		var left validate.Counts
		for _, tier := range []func(*validate.Finding) bool{
			func(f *validate.Finding) bool { return f.Severity == validate.Error && !f.Inherited && !f.Baselined },
			func(f *validate.Finding) bool { return f.Severity == validate.Error },
			func(f *validate.Finding) bool { return f.Severity == validate.Warning && !f.Inherited && !f.Baselined },
			func(f *validate.Finding) bool { return f.Severity == validate.Warning },
			func(f *validate.Finding) bool { return true },
		} {
			for i, p := range parts {
				for j := range p.findings {
					f := &p.findings[j]
					if keep[i][j] || !tier(f) {
						continue
					}
					cost := len(tableRow(row{findings: []*validate.Finding{f}}, "", opts))
					if !opened[i] {
						cost += sectionReserve + len(p.title)
					}
					tk := [2]int{i, table(f)}
					if !tables[tk] {
						cost += tableReserve
					}
					if used+cost > limit {
						continue
					}
					used += cost
					opened[i] = true
					tables[tk] = true
					keep[i][j] = true
				}
			}
		}
		kept := func(i int) []validate.Finding {
			var out []validate.Finding
			for j, f := range parts[i].findings {
				if keep[i][j] {
					out = append(out, f)
				} else {
					left.Add(f.Severity)
				}
			}
			return out
		}

		if fs := kept(0); len(fs) > 0 {
			writePullRequest(&sb, fs, opts)
		}
		if fs := kept(1); len(fs) > 0 {
			writeBreaking(&sb, fs, opts)
		}
		sb.WriteString(overview)
		for i, s := range withFindings {
			if fs := kept(i + 2); len(fs) > 0 {
				s.findings = fs
				writeSection(&sb, s, opts)
			}
		}
		sb.WriteString(cleanList)
		if n := left.Errors + left.Warnings + left.Notices; n > 0 {
			limitText := "GitHub's 1 MiB limit"
			if budget < summaryBudget {
				limitText = "GitHub's size limit"
			}
			var what []string
			for _, p := range []struct {
				n    int
				noun string
			}{{left.Errors, "error"}, {left.Warnings, "warning"}, {left.Notices, "notice"}} {
				if p.n > 0 {
					what = append(what, plural(p.n, p.noun))
				}
			}
			sb.WriteString("**Truncated:** " + plural(n, "finding") + " left out (" + andList(what) +
				") to keep this summary under " + limitText + "; errors went in first, then warnings, then notices. " +
				"The JSON report (the `report-json` output) and the job log have all of them.\n\n")
		}
		sb.WriteString(footer)
		n := left.Errors + left.Warnings + left.Notices
		return sb.String(), n > 0
	}
	// Rows are costed one finding each, but grouped rows are shorter: while findings were left
	// out and room is left, share the room out again (a few rounds at most).
	out, cut := render(limit)
	for range 3 {
		room := budget - len(out)
		if !cut || room < 4<<10 {
			break
		}
		next, nextCut := render(limit + room - 2<<10)
		if len(next) > budget {
			break
		}
		out, cut = next, nextCut
		limit += room - 2<<10
	}
	return out
}

// hasOld reports whether any finding is inherited or baselined.
func hasOld(res *validate.Result) bool {
	for i := range res.Findings {
		if res.Findings[i].Inherited || res.Findings[i].Baselined {
			return true
		}
	}
	return false
}

func inheritedCount(res *validate.Result) int {
	n := 0
	for i := range res.Findings {
		if res.Findings[i].Inherited && !res.Findings[i].Baselined {
			n++
		}
	}
	return n
}

// oldCounts is " (4 inherited from the base branch and 2 in the baseline)" or "".
func oldCounts(res *validate.Result) string {
	inh, base := 0, 0
	for i := range res.Findings {
		switch {
		case res.Findings[i].Baselined:
			base++
		case res.Findings[i].Inherited:
			inh++
		}
	}
	var parts []string
	if inh > 0 {
		parts = append(parts, strconv.Itoa(inh)+" inherited from the base branch")
	}
	if base > 0 {
		parts = append(parts, strconv.Itoa(base)+" in the baseline")
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + andList(parts) + ")"
}

// rank orders sections: 3 with a new error, 2 with a new warning, 1 otherwise.
func rank(s section) int {
	r := 1
	for i := range s.findings {
		f := &s.findings[i]
		if folded(f) {
			continue
		}
		if f.Severity == validate.Error {
			return 3
		}
		r = 2
	}
	return r
}

// sortBySeverity orders findings by severity (most severe first), then file, line and column.
func sortBySeverity(fs []validate.Finding) {
	slices.SortStableFunc(fs, func(a, b validate.Finding) int {
		return cmp.Or(cmp.Compare(b.Severity, a.Severity), cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
}

// writePullRequest writes the findings about the pull request itself: no location, since they
// point at the event payload (or a file listed in the message).
func writePullRequest(sb *strings.Builder, fs []validate.Finding, opts SummaryOptions) {
	sortBySeverity(fs)
	sb.WriteString("### Pull request\n\n| Rule | Severity | Message |\n| --- | --- | --- |\n")
	for i := range fs {
		f := &fs[i]
		msg := cellMessage(f, "", opts.LinkBase)
		if f.File != "" && f.File != opts.EventFile && !path.IsAbs(f.File) && path.Base(f.File) != "event.json" && !strings.Contains(f.Message, f.File) {
			msg = escapeMarkdown(f.File) + ": " + msg
		}
		sb.WriteString("| " + ruleCell(f.Rule, opts) + " | " + severityCell(f) + " | " + msg + " |\n")
	}
	sb.WriteString("\n")
}

// writeBreaking writes the breaking changes, one table for all connectors.
func writeBreaking(sb *strings.Builder, fs []validate.Finding, opts SummaryOptions) {
	sortBySeverity(fs)
	connectors := map[string]bool{}
	for _, f := range fs {
		connectors[f.Connector] = true
	}
	rel := ""
	if len(connectors) == 1 {
		rel = fs[0].Connector
	}
	sb.WriteString("### Breaking changes\n\n")
	if rel != "" {
		sb.WriteString(plural(len(fs), "breaking change") + " in " + escapeMarkdown(rel) +
			": existing flows and apps that use these operations would stop working.\n\n")
	} else {
		sb.WriteString(plural(len(fs), "breaking change") + ": existing flows and apps that use these operations would stop working.\n\n")
	}
	writeTable(sb, groupRows(fs), rel, opts)
	sb.WriteString("\n")
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
			sortBySeverity(s.findings)
			withFindings = append(withFindings, s)
		}
	}
	return withFindings, clean
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

// writeSection writes a connector's heading, counts and findings: a table of its new errors
// and warnings, then its notices, inherited and baselined findings each folded in <details>.
func writeSection(sb *strings.Builder, s section, opts SummaryOptions) {
	sb.WriteString("### " + sectionTitle(s) + "\n\n")
	var main, notices, inherited, baselined []validate.Finding
	for _, f := range s.findings {
		switch {
		case f.Baselined:
			baselined = append(baselined, f)
		case f.Inherited:
			inherited = append(inherited, f)
		case folded(&f):
			notices = append(notices, f)
		default:
			main = append(main, f)
		}
	}
	counts := countsText(s.counts)
	var old []string
	if len(inherited) > 0 {
		old = append(old, strconv.Itoa(len(inherited))+" inherited")
	}
	if len(baselined) > 0 {
		old = append(old, strconv.Itoa(len(baselined))+" baselined")
	}
	if len(old) > 0 {
		counts += " (" + andList(old) + ")"
	}
	if len(main) == 0 {
		counts += ". No new errors or warnings."
	}
	sb.WriteString(counts + "\n\n")
	if len(main) > 0 {
		// Errors are never folded: a long list folds only its warnings.
		var errs, warns []validate.Finding
		for _, f := range main {
			if f.Severity == validate.Error {
				errs = append(errs, f)
			} else {
				warns = append(warns, f)
			}
		}
		errRows, warnRows := groupRows(errs), groupRows(warns)
		if len(errRows)+len(warnRows) <= foldRows || len(warnRows) == 0 {
			writeTable(sb, append(errRows, warnRows...), s.path, opts)
		} else {
			if len(errRows) > 0 {
				writeTable(sb, errRows, s.path, opts)
				sb.WriteString("\n")
			}
			sb.WriteString("<details><summary>" + plural(len(warns), "warning") + "</summary>\n\n")
			writeTable(sb, warnRows, s.path, opts)
			sb.WriteString("\n</details>")
		}
		sb.WriteString("\n")
	}
	for _, g := range []struct {
		fs    []validate.Finding
		title string
	}{
		{notices, plural(len(notices), "notice")},
		{inherited, plural(len(inherited), "inherited finding") + " (already on the base branch)"},
		{baselined, plural(len(baselined), "baselined finding") + " (recorded in the baseline)"},
	} {
		if len(g.fs) == 0 {
			continue
		}
		sb.WriteString("<details><summary>" + g.title + "</summary>\n\n")
		writeTable(sb, groupRows(g.fs), s.path, opts)
		sb.WriteString("\n</details>\n\n")
	}
}

// writeTable writes a findings table; locations are shown relative to connector ("" = the
// repository root).
func writeTable(sb *strings.Builder, rows []row, connector string, opts SummaryOptions) {
	sb.WriteString("| Rule | Severity | Location | Message | JSON path |\n| --- | --- | --- | --- | --- |\n")
	for _, r := range rows {
		sb.WriteString(tableRow(r, connector, opts))
	}
}

func sectionTitle(s section) string {
	if s.path == "" { // findings in files outside every connector folder (a secret in a PR's file)
		return "Files outside connector folders"
	}
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
	loc := f.File
	if connector != "" {
		loc = strings.TrimPrefix(f.File, connector+"/")
	}
	if f.File == connector && connector != "" { // a finding about the folder itself
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

// cellMessage is a finding's message with its related places, escaped for a table cell (the
// JSON pointer has a column of its own). A related place at another commit (the base version of
// a breaking change) names the commit and, with a link base, links to the file at that commit.
func cellMessage(f *validate.Finding, connector, linkBase string) string {
	// Escape sequences are shown as in the text line; line breaks become spaces.
	esc := func(s string) string { return escapeMarkdown(showControls(s, false)) }
	msg := esc(f.Message)
	for _, r := range f.Related {
		place := r.File
		if connector != "" {
			place = strings.TrimPrefix(place, connector+"/")
		}
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

// tableRow is one row: | Rule | Severity | Location | Message | JSON path |. A group shows its
// count, the first message, and every place with its own message in a folded list; its JSON path
// is the operation.
func tableRow(r row, connector string, opts SummaryOptions) string {
	f := r.findings[0]
	loc, link := location(f, connector, opts.LinkBase)
	locCell := linked(escapeMarkdown(loc), link)
	msg := cellMessage(f, connector, opts.LinkBase)
	where := ""
	if f.HasPointer {
		where = escapeMarkdown(prettyPointer(f.Pointer))
	}
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
		msg = "**" + strconv.Itoa(len(r.findings)) + "×**, first: " + msg +
			" <details><summary>all " + strconv.Itoa(len(r.findings)) + "</summary>" + list.String() + "</details>"
		where = escapeMarkdown(r.label)
	}
	return "| " + ruleCell(f.Rule, opts) + " | " + severityCell(f) + " | " + locCell + " | " + msg + " | " + where + " |\n"
}

// severityCell is the severity, with "inherited" or "baselined" when the finding is old.
func severityCell(f *validate.Finding) string {
	s := f.Severity.String()
	switch {
	case f.Baselined:
		s += " (baselined)"
	case f.Inherited:
		s += " (inherited)"
	}
	return s
}

// prettyPointer shows a JSON pointer so that it reads and wraps: "/paths/~1items/get/parameters/0"
// is "GET /items › parameters › 0", "/info/title" is "info › title", the root "(document)".
func prettyPointer(p string) string {
	if p == "" {
		return "(document)"
	}
	unescape := strings.NewReplacer("~1", "/", "~0", "~")
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	var out []string
	if len(segs) >= 3 && segs[0] == "paths" {
		out = append(out, operationLabel("/"+strings.Join(segs[:3], "/")))
		segs = segs[3:]
	}
	for _, s := range segs {
		out = append(out, unescape.Replace(s))
	}
	return strings.Join(out, " › ")
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
	pairs = append(pairs, "\x7f", " ")
	// Neutralized, so that connector text can't notify people or make links: a zero-width space
	// (as an entity, which the escaping above doesn't touch) after @ stops @user and @org/team
	// mentions (GitHub's mention filter needs a name right after the @) and inside "://" and
	// "www." stops GFM's autolinks of bare URLs.
	pairs = append(pairs, "@", "@&#8203;", "://", ":&#8203;//")
	for _, w := range []string{"www.", "WWW.", "Www."} {
		pairs = append(pairs, w, w[:3]+"&#8203;.")
	}
	// Bidirectional controls (right-to-left override and friends) would reorder the text
	// around them ("Trojan Source"); they are shown by their code point instead.
	for _, r := range []rune{0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069} {
		pairs = append(pairs, string(r), fmt.Sprintf("&lt;U+%04X&gt;", r))
	}
	return strings.NewReplacer(pairs...)
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
