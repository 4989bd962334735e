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

	// The overview, then one table per connector with findings: Africa's Talking, Big and the
	// ::warning folder.
	if n := strings.Count(out, "<table>"); n != 4 {
		t.Errorf("got %d tables, want 4:\n%s", n, out)
	}
	for _, tr := range trRE.FindAllStringSubmatch(out, -1) {
		if n := len(cellRE.FindAllString(tr[1], -1)); n != 4 {
			t.Errorf("a row has %d cells, want 4: %s", n, tr[0])
		}
	}
	if rows := strings.Count(out, "<tr>"); rows != len(res.Findings)+3+4 {
		t.Errorf("got %d rows, want %d findings + 3 headers + an overview of 3 connectors", rows, len(res.Findings))
	}
	for _, bad := range []string{"<script", "<em>", "<del>", `href="javascript`} {
		if strings.Contains(lower, bad) {
			t.Errorf("connector text became markup: %s found in\n%s", bad, out)
		}
	}
	// Only the Big connector's table is folded; the hostile </details> stays text.
	if o, c := strings.Count(out, "<details>"), strings.Count(out, "</details>"); o != 1 || c != 1 {
		t.Errorf("got %d <details> and %d </details>, want 1 each", o, c)
	}
	for _, want := range []string{
		"&lt;/details&gt;&lt;script&gt;",
		"a|b",
		"<h3>independent-publisher-connectors/Africa's Talking SMS (independent-publisher)</h3>",
		`href="https://github.com/o/r/blob/0123abc/independent-publisher-connectors/Africa%27s%20Talking%20SMS/apiDefinition.swagger.json#L12"`,
		"ValuePath: /paths/~1items/get/operationId",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("rendered summary lacks %s", want)
		}
	}
}

func TestSummaryClean(t *testing.T) {
	res := resultOf([]validate.ConnectorResult{{Path: "certified-connectors/A", Kind: validate.Certified}}, nil)
	md := Summary(res, SummaryOptions{Version: "v1"})
	for _, want := range []string{"## connector-check\n", "**1 connector checked: no findings.**", "- certified-connectors/A (certified)\n", "connector-check v1"} {
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
		"<strong>40×</strong> in GET /items/{id}, first: parameter",
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
