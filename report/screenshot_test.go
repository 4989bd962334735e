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
	pages := map[string]string{
		"fixture": Summary(fixture(), SummaryOptions{LinkBase: "https://github.com/o/r/blob/0123abc/", Version: "v1.2.3"}),
		"grouped": Summary(groupedResult(), SummaryOptions{LinkBase: "https://github.com/o/r/blob/0123abc/", Version: "v1.2.3"}),
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
	if !keep { // an ordinary test run checks that rendering works on one page; a person looks at all
		pages = map[string]string{"grouped-open": pages["grouped-open"]}
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
		if err := screenshot(chromium, htmlPath, png, 1280, 2400); err != nil {
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
