package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/connector-check/connector-check/internal/ghapi/fakegh"
)

// hostileTitle is connector text that tries every way out of its field: a workflow command after
// a line break (raw and percent-encoded), HTML that closes the summary's <details> and runs a
// script, and Markdown table and link syntax.
const hostileTitle = "Evil\\r\\n::error::pwned %0A::add-mask::x </details><script>alert(1)</script> | cell | [x](javascript:alert(1)) <img src=x onerror=alert(1)> ::"

// TestInjectionIsEscaped runs the action on a connector whose title and folder name are hostile
// and checks every output: log lines and annotations, the job summary, the PR comment, the check
// run and SARIF.
func TestInjectionIsEscaped(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "independent-publisher-connectors", "Evil\n::error::folder <details> %0A |")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join("testdata", "connectors", "independent-publisher-connectors", "Contoso Tasks")
	for _, name := range []string{"apiDefinition.swagger.json", "apiProperties.json", "readme.md"} {
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "apiDefinition.swagger.json" {
			data = bytes.Replace(data, []byte(`"title": "Contoso Tasks"`), []byte(`"title": "`+hostileTitle+`"`), 1)
		}
		os.WriteFile(filepath.Join(dir, name), data, 0o644)
	}
	s := fakegh.New()
	defer s.Close()
	r := fakegh.AddReports(s)
	sarif := filepath.Join(t.TempDir(), "cc.sarif")
	// fail-on: warning, as the title policy is a warning for a published connector.
	env := actionEnv(t, s.URL, map[string]string{"INPUT_PATH": root, "INPUT_SARIF-FILE": sarif, "INPUT_FAIL-ON": "warning"})
	out, stderr, code := runCLI(t, env)
	if code != exitFindings || !strings.Contains(out, "FieldLengthExceeded") {
		t.Fatalf("exit %d\n%s%s", code, out, stderr)
	}

	// The log: every line that starts with :: is one of connector-check's own annotations.
	own := regexp.MustCompile(`^::(error|warning|notice)( [^:]*)?::`)
	for _, line := range strings.Split(out+stderr, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if strings.HasPrefix(line, "::") && !own.MatchString(line) {
			t.Errorf("a log line starts a workflow command: %q", line)
		}
		if strings.Contains(line, "\r") {
			t.Errorf("a raw carriage return in the log: %q", line)
		}
	}

	// The summary and the comment: rendered HTML has no script, no event handler, no javascript:
	// link, and every <details> is closed by connector-check, not by the connector.
	summary, err := os.ReadFile(env["GITHUB_STEP_SUMMARY"])
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Comments[42]) != 1 || len(r.CheckRuns) != 1 {
		t.Fatalf("comments %d, check runs %d", len(r.Comments[42]), len(r.CheckRuns))
	}
	for what, md := range map[string]string{"summary": string(summary), "comment": r.Comments[42][0].Body} {
		var html bytes.Buffer
		md2 := goldmark.New(goldmark.WithExtensions(extension.GFM))
		if err := md2.Convert([]byte(md), &html); err != nil {
			t.Fatal(err)
		}
		h := html.String()
		for _, bad := range []string{"<script", "<img", `href="javascript:`, "<details> %"} {
			if strings.Contains(h, bad) {
				t.Errorf("%s: rendered HTML contains %q", what, bad)
			}
		}
		if open, closed := strings.Count(md, "<details"), strings.Count(md, "</details>"); open != closed {
			t.Errorf("%s: %d <details> but %d </details>", what, open, closed)
		}
	}

	// SARIF: valid JSON that keeps the text, escaped by the encoder.
	data, err := os.ReadFile(sarif)
	if err != nil {
		t.Fatal(err)
	}
	var log map[string]any
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("SARIF is not JSON: %v", err)
	}
	if !bytes.Contains(data, []byte(`pwned`)) {
		t.Errorf("SARIF lost the connector's text")
	}
}
