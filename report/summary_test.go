package report

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/validate"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

// toHTML renders Markdown the way GitHub does as far as it matters here: GFM tables and
// strikethrough, and raw HTML passed through (GitHub keeps <details>), so any HTML that got
// past the escaping would show up in the output.
func toHTML(t *testing.T, md string) string {
	t.Helper()
	var buf bytes.Buffer
	gm := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough), goldmark.WithRendererOptions(html.WithUnsafe()))
	if err := gm.Convert([]byte(md), &buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

var (
	trRE   = regexp.MustCompile(`(?s)<tr>(.*?)</tr>`)
	cellRE = regexp.MustCompile(`<t[dh][ >]`)
)

func TestSummaryRendersSafely(t *testing.T) {
	res := fixture()
	out := toHTML(t, render(t, "summary", res))
	lower := strings.ToLower(out)

	// The overview, then per connector with findings (Africa's Talking, Big and the ::warning
	// folder) a table of errors and warnings and a folded one of notices: Africa's Talking has
	// no notices, Big only notices.
	if n := strings.Count(out, "<table>"); n != 5 {
		t.Errorf("got %d tables, want 5:\n%s", n, out)
	}
	for _, tr := range trRE.FindAllStringSubmatch(out, -1) {
		if n := len(cellRE.FindAllString(tr[1], -1)); n != 5 && !strings.Contains(tr[0], "Connector") && !strings.Contains(tr[0], "(custom) |") {
			if n != 4 { // the overview has 4 columns
				t.Errorf("a row has %d cells, want 5: %s", n, tr[0])
			}
		}
	}
	if rows := strings.Count(out, "<tr>"); rows != len(res.Findings)+4+4 {
		t.Errorf("got %d rows, want %d findings + 4 headers + an overview of 3 connectors", rows, len(res.Findings))
	}
	for _, bad := range []string{"<script", "<em>", "<del>", `href="javascript`} {
		if strings.Contains(lower, bad) {
			t.Errorf("connector text became markup: %s found in\n%s", bad, out)
		}
	}
	// The notices of Big and of the ::warning folder are folded; the hostile </details> stays text.
	if o, c := strings.Count(out, "<details>"), strings.Count(out, "</details>"); o != 2 || c != 2 {
		t.Errorf("got %d <details> and %d </details>, want 2 each", o, c)
	}
	for _, want := range []string{
		"&lt;/details&gt;&lt;script&gt;",
		"a|b",
		"<h3>independent-publisher-connectors/Africa's Talking SMS (independent-publisher)</h3>",
		`href="https://github.com/o/r/blob/0123abc/independent-publisher-connectors/Africa%27s%20Talking%20SMS/apiDefinition.swagger.json#L12"`,
		"<td>GET /items › operationId</td>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("rendered summary lacks %s", want)
		}
	}
}

func TestSummaryClean(t *testing.T) {
	res := resultOf([]validate.ConnectorResult{{Path: "certified-connectors/A", Kind: validate.Certified}}, nil)
	md := Summary(res, SummaryOptions{Version: "v1"})
	for _, want := range []string{"## ✅ Passing (fail-on: never)\n", "1 connector checked, no findings.", "- certified-connectors/A (certified)\n", "connector-check v1"} {
		if !strings.Contains(md, want) {
			t.Errorf("summary lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "| Severity") {
		t.Errorf("a clean summary has a findings table:\n%s", md)
	}
}

func TestSummaryWithoutLinks(t *testing.T) {
	md := Summary(fixture(), SummaryOptions{})
	if strings.Contains(md, "](https://github.com/o/") || strings.Contains(md, "#L") {
		t.Errorf("file links written without a LinkBase")
	}
	if !strings.Contains(md, "| [RequiredFileMissing]("+DefaultRulesURL+"#requiredfilemissing) | error | apiProperties.json | ") {
		t.Errorf("whole-file location not shown as the bare file:\n%s", md)
	}
}

var truncatedRE = regexp.MustCompile(`\*\*Truncated:\*\* (\d+) findings left out`)

func TestSummaryBudget(t *testing.T) {
	const connectors, perConnector = 500, 100 // 50,000 findings
	var conns []validate.ConnectorResult
	var findings []validate.Finding
	for c := range connectors {
		path := fmt.Sprintf("independent-publisher-connectors/Connector %03d", c)
		conns = append(conns, validate.ConnectorResult{Path: path, Kind: validate.IndependentPublisher})
		for i := range perConnector {
			findings = append(findings, validate.Finding{
				Rule: "OperationIdNotUnique", Severity: validate.Error, Connector: path,
				File: path + "/apiDefinition.swagger.json", Line: i + 1, Column: 3, EndLine: i + 1, EndColumn: 9,
				HasPointer: true, Pointer: fmt.Sprintf("/paths/~1items~1%d/get/operationId", i),
				Message: strings.Repeat("An operationId is used by more than one operation <&|>. ", 3),
			})
		}
	}
	res := resultOf(conns, findings)
	md := Summary(res, SummaryOptions{LinkBase: "https://github.com/o/r/blob/0123abc/", Version: "v1.2.3"})
	if len(md) > summaryBudget {
		t.Errorf("summary is %d bytes, over the %d budget", len(md), summaryBudget)
	}
	m := truncatedRE.FindStringSubmatch(md)
	if m == nil || !strings.Contains(md, "JSON report") {
		t.Fatalf("no truncation note pointing at the JSON report:\n%s", md[len(md)-2000:])
	}
	omitted, _ := strconv.Atoi(m[1])
	rows := strings.Count(md, " | error | ")
	if rows+omitted != len(findings) {
		t.Errorf("%d rows shown + %d left out != %d findings", rows, omitted, len(findings))
	}
	if !strings.HasSuffix(md, "<sub>connector-check v1.2.3</sub>\n") {
		t.Errorf("footer missing after truncation")
	}
	// The cut must leave well-formed Markdown: every <details> closed, every table intact.
	out := toHTML(t, md)
	if o, c := strings.Count(out, "<details>"), strings.Count(out, "</details>"); o != c {
		t.Errorf("%d <details> but %d </details>", o, c)
	}
	if got := strings.Count(out, "<tr>"); got != rows+strings.Count(out, "<table>")+connectors {
		t.Errorf("%d table rows rendered, want %d findings + headers", got, rows)
	}
}

func TestEscapeMarkdown(t *testing.T) {
	for in, want := range map[string]string{
		"a|b":                   `a\|b`,
		`a\|b`:                  `a\\\|b`,
		"x\r\ny":                "x  y",
		"</details><script>":    "&lt;/details&gt;&lt;script&gt;",
		"`code`":                "&#96;code&#96;",
		"&lt;":                  "&amp;lt;",
		"[l](javascript:x) *b*": `\[l\](javascript:x) \*b\*`,
		"Africa's Talking SMS":  "Africa's Talking SMS",
	} {
		if got := escapeMarkdown(in); got != want {
			t.Errorf("escapeMarkdown(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSummaryGroupsPerOperation(t *testing.T) {
	const conn = "independent-publisher-connectors/Many Params"
	var findings []validate.Finding
	for i := range 40 {
		findings = append(findings, validate.Finding{
			Rule: "ParameterSummaryMissing", Severity: validate.Warning, Connector: conn,
			File: conn + "/apiDefinition.swagger.json", Line: 10 + i, Column: 5, EndLine: 10 + i, EndColumn: 9,
			HasPointer: true, Pointer: fmt.Sprintf("/paths/~1items~1{id}/get/parameters/%d", i),
			Message: fmt.Sprintf("parameter \"p%d\" has no x-ms-summary", i),
		})
	}
	// Two of another rule in the same operation stay separate rows (fewer than groupMin).
	for i := range 2 {
		findings = append(findings, validate.Finding{
			Rule: "OperationIdNotUnique", Severity: validate.Error, Connector: conn,
			File: conn + "/apiDefinition.swagger.json", Line: 100 + i, Column: 5, EndLine: 100 + i, EndColumn: 9,
			HasPointer: true, Pointer: "/paths/~1items~1{id}/get/operationId", Message: "dup",
		})
	}
	res := resultOf([]validate.ConnectorResult{{Path: conn, Kind: validate.IndependentPublisher}}, findings)
	md := Summary(res, SummaryOptions{LinkBase: "https://github.com/o/r/blob/abc/"})
	out := toHTML(t, md)
	if rows := strings.Count(out, "<tr>"); rows != 1+1+2 {
		t.Errorf("%d rows, want a header, one group row and 2 single rows:\n%s", rows, md)
	}
	for _, want := range []string{
		"<strong>40×</strong>, first: parameter",
		"<td>GET /items/{id}</td>",
		"<details><summary>all 40</summary>",
		`#L49">line 49</a>: parameter &quot;p39&quot; …`,
		`<a href="` + DefaultRulesURL + `#parametersummarymissing">ParameterSummaryMissing</a>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("rendered summary lacks %s:\n%s", want, out)
		}
	}
}

func TestSummarySmallBudget(t *testing.T) {
	res := groupedResult()
	for range 3 { // more rows than fit in 4 KB
		res.Findings = append(res.Findings, res.Findings...)
	}
	md := Summary(res, SummaryOptions{Budget: 4096, LinkBase: "https://github.com/o/r/blob/abc/"})
	if len(md) > 4096 {
		t.Errorf("summary is %d bytes, over its 4096 budget", len(md))
	}
	if !strings.Contains(md, "**Truncated:**") || !strings.Contains(md, "GitHub's size limit") {
		t.Errorf("no truncation note:\n%s", md)
	}
}

// prFixture is a failing pull request: two findings about the PR itself (one pointing at the
// event payload), three breaking changes, and a connector with eleven legacy notices, inherited
// errors and warnings, and new errors in file order after its notices.
func prFixture() *validate.Result {
	const conn = "independent-publisher-connectors/Acme"
	swagger := conn + "/apiDefinition.swagger.json"
	fs := []validate.Finding{
		{Rule: "PrTitleInvalid", Severity: validate.Error, Connector: conn, File: "/github/workflow/event.json",
			Message: `PR title "acme" doesn't follow the independent-publisher pattern`},
		{Rule: "PrContextUnavailable", Severity: validate.Notice, File: "/github/workflow/event.json",
			Message: "the token may not read the base commit"},
		{Rule: "PrFileOutsideConnectorFolder", Severity: validate.Error, File: "README.md",
			Message: "README.md (modified) is outside every connector folder; revert it"},
	}
	for i, op := range []string{"ListItems", "GetItem", "DeleteItem"} {
		fs = append(fs, validate.Finding{Rule: "OperationDeleted", Severity: validate.Error, Connector: conn,
			File: swagger, Line: 30 + i, Column: 7, EndLine: 30 + i, EndColumn: 12, HasPointer: true,
			Pointer: "/paths/~1" + op + "/get", Message: "operation " + op + " was removed; existing flows that call it break"})
	}
	for i := range 11 {
		fs = append(fs, validate.Finding{Rule: "SummaryNotTitleCase", Severity: validate.Notice, Connector: conn,
			File: swagger, Line: 3 + i, Column: 5, EndLine: 3 + i, EndColumn: 9, HasPointer: true,
			Pointer: fmt.Sprintf("/paths/~1a%d/get/summary", i), Message: "summary is not in Title Case", Inherited: true})
	}
	fs = append(fs,
		validate.Finding{Rule: "ContactMissing", Severity: validate.Warning, Connector: conn, File: swagger, Line: 2,
			Column: 3, EndLine: 2, EndColumn: 9, HasPointer: true, Pointer: "/info", Message: "info has no contact", Inherited: true},
		validate.Finding{Rule: "OperationIdNotUnique", Severity: validate.Error, Connector: conn, File: swagger, Line: 90,
			Column: 3, EndLine: 90, EndColumn: 9, HasPointer: true, Pointer: "/paths/~1b/get/operationId", Message: "operationId \"Get\" is used twice; make it unique"},
		validate.Finding{Rule: "ParameterSummaryMissing", Severity: validate.Warning, Connector: conn, File: swagger, Line: 50,
			Column: 3, EndLine: 50, EndColumn: 9, HasPointer: true, Pointer: "/paths/~1b/get/parameters/0", Message: "parameter \"id\" has no x-ms-summary"},
		validate.Finding{Rule: "ReadmeSectionMissing", Severity: validate.Notice, Connector: conn, File: conn + "/readme.md",
			Message: "(baseline) the readme has no Known issues section", Baselined: true},
		validate.Finding{Rule: "FieldLengthExceeded", Severity: validate.Error, Connector: conn, File: swagger, Line: 1,
			Column: 1, EndLine: 1, EndColumn: 9, HasPointer: true, Pointer: "/info/title", Message: "info.title is too long"},
	)
	validate.SortFindings(fs)
	return resultOf([]validate.ConnectorResult{{Path: conn, Kind: validate.IndependentPublisher}}, fs)
}

func TestSummaryLeadsWithTheVerdict(t *testing.T) {
	res := prFixture()
	md := Summary(res, SummaryOptions{FailOn: validate.Error, LinkBase: "https://github.com/o/r/blob/abc/", EventFile: "/github/workflow/event.json"})
	first, _, _ := strings.Cut(md, "\n")
	// New errors: the PR title, the file outside, 3 breaking changes, operationId, title.
	if want := "## ❌ Failing: 7 new errors (fail-on: error)"; first != want {
		t.Errorf("first line %q, want %q", first, want)
	}
	pass := Summary(res, SummaryOptions{FailOn: 0})
	if first, _, _ := strings.Cut(pass, "\n"); first != "## ✅ Passing (fail-on: never)" {
		t.Errorf("first line %q", first)
	}
	// Order: the pull request, the breaking changes, then the connector.
	iPR, iBreak, iConn := strings.Index(md, "### Pull request"), strings.Index(md, "### Breaking changes"), strings.Index(md, "### independent-publisher-connectors/Acme")
	if iPR < 0 || iBreak < iPR || iConn < iBreak {
		t.Fatalf("sections out of order (%d, %d, %d):\n%s", iPR, iBreak, iConn, md)
	}
	prPart, breakPart, connPart := md[iPR:iBreak], md[iBreak:iConn], md[iConn:]
	if strings.Contains(prPart, "event.json") || strings.Contains(md, "### \n") {
		t.Errorf("the PR section links the event payload or a heading is empty:\n%s", prPart)
	}
	if !strings.Contains(prPart, "README.md (modified)") || strings.Contains(prPart, "README.md: README.md") {
		t.Errorf("a PR finding about a file doesn't name it:\n%s", prPart)
	}
	if n := strings.Count(breakPart, "OperationDeleted"); n != 3 {
		t.Errorf("%d breaking changes in their group, want 3:\n%s", n, breakPart)
	}
	if strings.Contains(connPart, "OperationDeleted") {
		t.Errorf("a breaking change is repeated in the connector's table")
	}
	// In the connector: errors first (title at line 1, then operationId at 90), then warnings;
	// inherited and baselined findings and notices are folded.
	main, foldedPart, _ := strings.Cut(connPart, "<details>")
	iTitle, iOpID, iParam := strings.Index(main, "FieldLengthExceeded"), strings.Index(main, "OperationIdNotUnique"), strings.Index(main, "ParameterSummaryMissing")
	if iTitle < 0 || iOpID < iTitle || iParam < iOpID {
		t.Errorf("connector table not sorted by severity, then line:\n%s", main)
	}
	for _, old := range []string{"SummaryNotTitleCase", "ContactMissing", "ReadmeSectionMissing"} {
		if strings.Contains(main, old) || !strings.Contains(foldedPart, old) {
			t.Errorf("%s is not folded:\n%s", old, connPart)
		}
	}
	for _, want := range []string{"12 inherited findings (already on the base branch)</summary>", "1 baselined finding", "warning (inherited)"} {
		if !strings.Contains(connPart, want) {
			t.Errorf("connector part lacks %q:\n%s", want, connPart)
		}
	}
	if strings.Contains(md, "ValuePath") || !strings.Contains(md, "| info › title |") {
		t.Errorf("the pointer is not in its own column:\n%s", md)
	}
	// Well-formed: every <details> closed.
	out := toHTML(t, md)
	if o, c := strings.Count(out, "<details>"), strings.Count(out, "</details>"); o != c {
		t.Errorf("%d <details> but %d </details>", o, c)
	}
}

// TestSummaryBudgetErrorsFirst reproduces a whole-repository run where notices of alphabetically
// early connectors filled the budget and 4 of 170 errors reached the summary.
func TestSummaryBudgetErrorsFirst(t *testing.T) {
	var conns []validate.ConnectorResult
	var fs []validate.Finding
	for c := range 170 {
		path := fmt.Sprintf("independent-publisher-connectors/C%03d", c)
		conns = append(conns, validate.ConnectorResult{Path: path, Kind: validate.IndependentPublisher})
		swagger := path + "/apiDefinition.swagger.json"
		for i := range 40 {
			fs = append(fs, validate.Finding{Rule: "SummaryNotTitleCase", Severity: validate.Notice, Connector: path,
				File: swagger, Line: i + 1, Column: 1, EndLine: i + 1, EndColumn: 5, HasPointer: true,
				Pointer: fmt.Sprintf("/definitions/D%d/summary", i), Message: strings.Repeat("notice text ", 10)})
		}
		fs = append(fs, validate.Finding{Rule: "OperationIdNotUnique", Severity: validate.Error, Connector: path,
			File: swagger, Line: 999, Column: 1, EndLine: 999, EndColumn: 5, Message: "operationId used twice"})
		fs = append(fs, validate.Finding{Rule: "ContactMissing", Severity: validate.Warning, Connector: path,
			File: swagger, Line: 2, Column: 1, EndLine: 2, EndColumn: 5, Message: "no contact"})
	}
	res := resultOf(conns, fs)
	md := Summary(res, SummaryOptions{Budget: 300 << 10, FailOn: validate.Error, LinkBase: "https://github.com/o/r/blob/abc/"})
	if len(md) > 300<<10 {
		t.Errorf("summary is %d bytes, over its budget", len(md))
	}
	if n := strings.Count(md, "OperationIdNotUnique]("); n != 170 {
		t.Errorf("%d of 170 errors in the summary", n)
	}
	if n := strings.Count(md, "ContactMissing]("); n != 170 {
		t.Errorf("%d of 170 warnings in the summary (there is room for them)", n)
	}
	shown := strings.Count(md, "SummaryNotTitleCase](")
	want := fmt.Sprintf("**Truncated:** %d findings left out (%d notices)", 170*40-shown, 170*40-shown)
	if !strings.Contains(md, want) {
		t.Errorf("no note %q:\n%s", want, md[len(md)-1000:])
	}
}

func TestSummaryNeutralizesMentionsLinksAndBidi(t *testing.T) {
	const conn = "independent-publisher-connectors/Acme"
	res := resultOf([]validate.ConnectorResult{{Path: conn, Kind: validate.IndependentPublisher}}, []validate.Finding{{
		Rule: "ContactMissing", Severity: validate.Warning, Connector: conn, File: conn + "/apiDefinition.swagger.json",
		Message: "ping @octocat and @github/security, see https://evil.example/x and www.evil.example; \u202egnp.exe",
	}})
	md := Summary(res, SummaryOptions{})
	for _, bad := range []string{"@octocat", "@github/", "https://evil", "www.evil", "\u202e"} {
		if strings.Contains(md, bad) {
			t.Errorf("summary keeps %q live:\n%s", bad, md)
		}
	}
	out := toHTML(t, md)
	if strings.Contains(out, `href="https://evil`) || strings.Contains(out, `href="http://www.evil`) {
		t.Errorf("a bare URL became a link:\n%s", out)
	}
	if !strings.Contains(md, "&lt;U+202E&gt;") {
		t.Errorf("the right-to-left override isn't shown:\n%s", md)
	}
}

// A pull request with only inherited findings passes: they were on the base branch already.
func TestVerdictInheritedDoesNotFail(t *testing.T) {
	res := passingPRResult()
	md := Summary(res, SummaryOptions{FailOn: validate.Error, Compared: true})
	if first, _, _ := strings.Cut(md, "\n"); first != "## ✅ Passing (fail-on: error)" {
		t.Errorf("first line %q", first)
	}
	if Failing(res, validate.Error) {
		t.Errorf("Failing with only inherited errors")
	}
	if !strings.Contains(md, "(8 inherited). No new errors or warnings.") {
		t.Errorf("section counts don't say what is inherited:\n%s", md)
	}
	for i := range res.Findings {
		if res.Findings[i].Severity == validate.Error {
			res.Findings[i].Inherited = false
		}
	}
	if !Failing(res, validate.Error) {
		t.Errorf("a new error doesn't fail")
	}
}

// A finding in a file outside every connector folder (a secret in a changed workflow file) had
// an empty "### " heading and an unnamed overview row.
func TestSummaryNamesFilesOutsideConnectors(t *testing.T) {
	res := prFixture()
	res.Findings = append(res.Findings, validate.Finding{Rule: "SecretLiteralDetected", Severity: validate.Error,
		File: ".github/workflows/ci.yml", Line: 4, Column: 9, EndLine: 4, EndColumn: 30, Message: "a GitHub token (ghp_a1…) is committed here"})
	res.Counts.Add(validate.Error)
	md := Summary(res, SummaryOptions{FailOn: validate.Error})
	if strings.Contains(md, "### \n") || regexp.MustCompile(`\n\|  \| \d`).MatchString(md) {
		t.Errorf("empty heading or unnamed row:\n%s", md)
	}
	if !strings.Contains(md, "### Files outside connector folders") || !strings.Contains(md, ".github/workflows/ci.yml:4") {
		t.Errorf("the outside file's finding isn't shown under its own heading:\n%s", md)
	}
}

// TestSummaryNeverFoldsErrors: a connector with one error among many warnings (a published
// connector with a misnamed swagger and 38 warnings) shows the error outside every <details>;
// only the warnings fold.
func TestSummaryNeverFoldsErrors(t *testing.T) {
	const conn = "independent-publisher-connectors/Many Warnings"
	fs := []validate.Finding{{Rule: "FileNameMisspelled", Severity: validate.Error, Connector: conn, File: conn + "/CQC.swagger.json",
		Message: `"CQC.swagger.json" looks like a misspelling of apiDefinition.swagger.json; rename it`}}
	for i := range foldRows + 5 {
		fs = append(fs, validate.Finding{Rule: "ContactFieldMissing", Severity: validate.Warning, Connector: conn, File: conn + "/apiProperties.json",
			Line: 10 + i, Column: 3, EndLine: 10 + i, EndColumn: 4, Message: fmt.Sprintf("warning number %d", i)})
	}
	validate.SortFindings(fs)
	md := Summary(resultOf([]validate.ConnectorResult{{Path: conn, Kind: validate.IndependentPublisher}}, fs), SummaryOptions{FailOn: validate.Error})
	errAt := strings.Index(md, "looks like a misspelling")
	if errAt < 0 {
		t.Fatalf("the error is not in the summary:\n%s", md)
	}
	if open, closed := strings.Count(md[:errAt], "<details"), strings.Count(md[:errAt], "</details>"); open != closed {
		t.Errorf("the error row is inside a <details> (%d open, %d closed before it):\n%s", open, closed, md)
	}
	if !strings.Contains(md, "<summary>"+strconv.Itoa(foldRows+5)+" warnings</summary>") {
		t.Errorf("the warnings are not folded:\n%s", md)
	}
}
