package report

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/connector-check/connector-check/validate"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

// summaryCSS approximates GitHub's Markdown styles (fonts, table borders, zebra rows, details),
// enough to judge the layout of a job summary.
const summaryCSS = `body{font-family:-apple-system,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;font-size:14px;
line-height:1.5;color:#1f2328;max-width:1012px;margin:24px auto;padding:0 32px}
h2{border-bottom:1px solid #d1d9e0;padding-bottom:.3em}h3{margin-top:24px}
table{border-collapse:collapse;display:block;width:max-content;max-width:100%;overflow:auto}
th,td{border:1px solid #d1d9e0;padding:6px 13px;vertical-align:top}th{font-weight:600}
tr:nth-child(2n){background:#f6f8fa}a{color:#0969da;text-decoration:none}
code{background:#eff1f3;border-radius:6px;padding:.2em .4em;font-size:85%}
details summary{cursor:pointer}sub{color:#59636e}`

// RenderSummaryHTML renders job-summary Markdown as GitHub does as far as layout goes (GFM, raw
// HTML such as <details> kept) into a standalone HTML page.
func RenderSummaryHTML(md string) (string, error) {
	var buf bytes.Buffer
	gm := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe()))
	if err := gm.Convert([]byte(md), &buf); err != nil {
		return "", err
	}
	return "<!doctype html><meta charset=utf-8><style>" + summaryCSS + "</style><body>" + buf.String() + "</body>", nil
}

// screenshot renders page to a PNG with headless Chromium (Debian's chromium package).
func screenshot(chromium, page, png string, width, height int) error {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
		"--disable-dev-shm-usage", fmt.Sprintf("--window-size=%d,%d", width, height), "--screenshot="+png, "file://"+page)
	cmd.Env = append(os.Environ(), "HOME="+filepath.Dir(page))
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%v: %s", err, out)
	}
	return nil
}

// TestSummaryScreenshot renders job summaries to HTML and takes headless Chromium screenshots,
// for a person to look at: SUMMARY_SCREENSHOT_DIR keeps them (default: a temporary folder), and
// SUMMARY_MD adds a summary file of your own (e.g. from a run with a fake GITHUB_STEP_SUMMARY).
// It skips when chromium is not installed (apt-get install chromium).
//
//	SUMMARY_SCREENSHOT_DIR=/tmp/shots go test ./report -run TestSummaryScreenshot -v
func TestSummaryScreenshot(t *testing.T) {
	chromium := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			chromium = p
			break
		}
	}
	if chromium == "" {
		t.Skip("chromium is not installed")
	}
	if testing.Short() {
		t.Skip("starts a browser")
	}
	dir := os.Getenv("SUMMARY_SCREENSHOT_DIR")
	keep := dir != ""
	if !keep {
		dir = t.TempDir()
	}
	dir, _ = filepath.Abs(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	link := "https://github.com/o/r/blob/0123abc/"
	pages := map[string]string{
		"fixture": Summary(fixture(), SummaryOptions{LinkBase: link, Version: "v1.2.3", FailOn: validate.Error}),
		"grouped": Summary(groupedResult(), SummaryOptions{LinkBase: link, Version: "v1.2.3", FailOn: validate.Error}),
		// The three runs a reader meets: a failing pull request, a passing one that carries
		// findings from its base branch, and a sweep of the whole repository.
		"pr-failing": Summary(prFixture(), SummaryOptions{LinkBase: link, Version: "v1.2.3", FailOn: validate.Error,
			EventFile: "/github/workflow/event.json"}),
		"pr-passing-inherited": Summary(passingPRResult(), SummaryOptions{LinkBase: link, Version: "v1.2.3", FailOn: validate.Error,
			EventFile: "/github/workflow/event.json", Compared: true}),
		"repository": Summary(repositoryResult(), SummaryOptions{LinkBase: link, Version: "v1.2.3", FailOn: validate.Error}),
		"pr-comment": Digest(prFixture(), DigestOptions{FailOn: validate.Error, HeadSHA: "0123abcdef0123abcdef0123abcdef0123abcdef",
			RunURL: "https://github.com/o/r/actions/runs/99", LinkBase: link, Version: "v1.2.3"}),
	}
	// The same page with every <details> open, to see the folded lists.
	pages["grouped-open"] = strings.ReplaceAll(pages["grouped"], "<details>", "<details open>")
	if p := os.Getenv("SUMMARY_MD"); p != "" {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		pages["custom"] = string(data)
	}
	pages["pr-passing-inherited-open"] = strings.ReplaceAll(pages["pr-passing-inherited"], "<details>", "<details open>")
	if !keep { // an ordinary test run checks that rendering works on three pages; a person looks at all
		pages = map[string]string{"pr-failing": pages["pr-failing"], "pr-passing-inherited": pages["pr-passing-inherited"], "repository": pages["repository"]}
	}
	for name, md := range pages {
		page, err := RenderSummaryHTML(md)
		if err != nil {
			t.Fatal(err)
		}
		htmlPath := filepath.Join(dir, "summary-"+name+".html")
		png := strings.TrimSuffix(htmlPath, ".html") + ".png"
		if err := os.WriteFile(htmlPath, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		height := 2400
		if name == "pr-comment" || name == "pr-failing" || name == "pr-passing-inherited" {
			height = 1400
		}
		if err := screenshot(chromium, htmlPath, png, 1280, height); err != nil {
			t.Fatalf("chromium: %v", err)
		}
		st, err := os.Stat(png)
		if err != nil || st.Size() < 10<<10 {
			t.Fatalf("no screenshot of %s (%v)", name, err)
		}
		t.Logf("%s: %s", name, png)
	}
}

// groupedResult is a connector with many findings in one operation, plus a second connector.
func groupedResult() *validate.Result {
	const conn = "independent-publisher-connectors/Many Params"
	var findings []validate.Finding
	for i := range 40 {
		findings = append(findings, validate.Finding{
			Rule: "ParameterSummaryMissing", Severity: validate.Warning, Connector: conn,
			File: conn + "/apiDefinition.swagger.json", Line: 10 + i, Column: 5, EndLine: 10 + i, EndColumn: 9,
			HasPointer: true, Pointer: fmt.Sprintf("/paths/~1items~1{id}/get/parameters/%d", i),
			Message: fmt.Sprintf("parameter \"p%d\" has no x-ms-summary; add a short Title Case label", i),
		})
	}
	findings = append(findings, validate.Finding{
		Rule: "FieldLengthExceeded", Severity: validate.Error, Connector: conn,
		File: conn + "/apiDefinition.swagger.json", Line: 4, Column: 14, EndLine: 4, EndColumn: 56,
		HasPointer: true, Pointer: "/info/title",
		Message: "info.title is 40 characters long; shorten it to at most 30 (the name shown in the designer)",
	})
	validate.SortFindings(findings)
	return resultOf([]validate.ConnectorResult{
		{Path: conn, Kind: validate.IndependentPublisher},
		{Path: "certified-connectors/Clean One", Kind: validate.Certified},
	}, findings)
}

// passingPRResult is a pull request that adds an operation cleanly to a connector with findings
// from before: only inherited findings and a new notice.
func passingPRResult() *validate.Result {
	const conn = "certified-connectors/Contoso Billing"
	swagger := conn + "/apiDefinition.swagger.json"
	fs := []validate.Finding{
		{Rule: "ReadmeSectionMissing", Severity: validate.Error, Connector: conn, File: conn + "/readme.md", Line: 1, Column: 1, EndLine: 1, EndColumn: 10,
			Message: `the readme has no "Known Issues" section; add a heading "## Known Issues"`, Inherited: true},
		{Rule: "ContactMissing", Severity: validate.Warning, Connector: conn, File: swagger, Line: 3, Column: 11, EndLine: 3, EndColumn: 12,
			HasPointer: true, Pointer: "/info", Message: "info has no contact; add contact.name, contact.url and contact.email", Inherited: true},
		{Rule: "SummaryNotTitleCase", Severity: validate.Notice, Connector: conn, File: swagger, Line: 88, Column: 20, EndLine: 88, EndColumn: 40,
			HasPointer: true, Pointer: "/paths/~1invoices~1{id}/get/summary", Message: `summary "get invoice" is not in Title Case; write "Get Invoice"`},
	}
	for i := range 6 {
		fs = append(fs, validate.Finding{Rule: "ParameterSummaryMissing", Severity: validate.Warning, Connector: conn, File: swagger,
			Line: 40 + i, Column: 9, EndLine: 40 + i, EndColumn: 15, HasPointer: true,
			Pointer: fmt.Sprintf("/paths/~1invoices/get/parameters/%d", i), Message: fmt.Sprintf("parameter \"p%d\" has no x-ms-summary; add a short Title Case label", i), Inherited: true})
	}
	validate.SortFindings(fs)
	return resultOf([]validate.ConnectorResult{{Path: conn, Kind: validate.Certified}}, fs)
}

// repositoryResult is a sweep over many connectors: a few errors among many warnings and notices.
func repositoryResult() *validate.Result {
	var conns []validate.ConnectorResult
	var fs []validate.Finding
	for c := range 60 {
		path := fmt.Sprintf("independent-publisher-connectors/Connector %02d", c)
		conns = append(conns, validate.ConnectorResult{Path: path, Kind: validate.IndependentPublisher})
		if c%4 == 3 {
			continue // clean
		}
		swagger := path + "/apiDefinition.swagger.json"
		for i := range 4 {
			fs = append(fs, validate.Finding{Rule: "SummaryNotTitleCase", Severity: validate.Notice, Connector: path, File: swagger,
				Line: 10 + i, Column: 5, EndLine: 10 + i, EndColumn: 9, HasPointer: true,
				Pointer: fmt.Sprintf("/paths/~1a%d/get/summary", i), Message: "summary is not in Title Case"})
		}
		if c%3 == 0 {
			fs = append(fs, validate.Finding{Rule: "OperationIdNotUnique", Severity: validate.Error, Connector: path, File: swagger,
				Line: 120, Column: 7, EndLine: 120, EndColumn: 20, HasPointer: true, Pointer: "/paths/~1items/post/operationId",
				Message: `operationId "CreateItem" is used by 2 operations; make it unique`})
		}
		if c%2 == 0 {
			fs = append(fs, validate.Finding{Rule: "ContactMissing", Severity: validate.Warning, Connector: path, File: swagger,
				Line: 3, Column: 11, EndLine: 3, EndColumn: 12, HasPointer: true, Pointer: "/info",
				Message: "info has no contact; add contact.name, contact.url and contact.email"})
		}
	}
	validate.SortFindings(fs)
	return resultOf(conns, fs)
}
