package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

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

// hostileName is a folder, file or zip-entry name that tries every command form the runner knows:
// a line break before "::" (LF, lone CR, CR LF), the deprecated "##[" form mid-line, and the
// commands that would hurt (add-mask hides log text, set-output forges an output, stop-commands
// turns annotations off, a forged error annotation).
const hostileName = "Evil\n::add-mask::hidden\r::set-output name=errors::0\r\n  ::error title=Forged::x ##[warning]w\n::stop-commands::tok"

// registered are the runner's command names (ActionCommandManager).
var registered = map[string]bool{
	"set-env": true, "set-output": true, "save-state": true, "add-mask": true, "add-path": true,
	"add-matcher": true, "remove-matcher": true, "debug": true, "warning": true, "error": true,
	"notice": true, "group": true, "endgroup": true, "echo": true, "stop-commands": true,
}

// runnerCommands parses a stream the way the runner does (ActionCommand.TryParse/TryParseV2):
// lines end at LF, CR LF or a lone CR; a line is a command when it starts with "::" after
// spaces, or holds "##[" anywhere. It returns the command names and titles found.
func runnerCommands(stream string) (cmds []string) {
	lines := strings.FieldsFunc(strings.ReplaceAll(stream, "\r\n", "\n"), func(r rune) bool { return r == '\n' || r == '\r' })
	for _, line := range lines {
		// TryParseV2 first: "::" at the start after white space, a registered command name.
		t := strings.TrimLeftFunc(line, unicode.IsSpace)
		head, _, v2 := strings.Cut(strings.TrimPrefix(t, "::"), "::")
		name, props, _ := strings.Cut(head, " ")
		if !strings.HasPrefix(t, "::") || !v2 || !registered[name] {
			// then TryParse: "##[" anywhere in the line.
			if i := strings.Index(line, "##["); i >= 0 {
				cmds = append(cmds, "##["+line[i+3:])
			}
			continue
		}
		title := ""
		for _, kv := range strings.Split(props, ",") {
			if v, ok := strings.CutPrefix(kv, "title="); ok {
				title = v
			}
		}
		cmds = append(cmds, name+" "+title)
	}
	return cmds
}

// checkStreams fails on any command in stdout or stderr that connector-check didn't write: only
// error, warning and notice annotations with a rule ID (or connector-check) as title.
func checkStreams(t *testing.T, what, stdout, stderr string) {
	t.Helper()
	own := regexp.MustCompile(`^(error|warning|notice) ([A-Z][A-Za-z]+( \(.*\))?|connector-check)?$`)
	for stream, text := range map[string]string{"stdout": stdout, "stderr": stderr} {
		for _, c := range runnerCommands(text) {
			// (connector-check's own titles may quote the hostile name, escaped: "Rule (Evil%0A...)")
			if !own.MatchString(c) || strings.HasPrefix(strings.TrimPrefix(c, "error "), "Forged") {
				t.Errorf("%s: %s carries a workflow command of its own: %q", what, stream, c)
			}
		}
	}
}

// hostileConnector copies Contoso Tasks to dir with a hostile file beside it.
func hostileConnector(t *testing.T, dir string) {
	t.Helper()
	copyDir(t, filepath.Join(examples, contosoDir), dir)
	if err := os.WriteFile(filepath.Join(dir, "notes "+hostileName+".txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestEveryCommandIsInert runs every command inside a workflow step (GITHUB_ACTIONS=true) over
// folders, files and zip entries with hostile names, and parses both streams as the runner does.
func TestEveryCommandIsInert(t *testing.T) {
	root := t.TempDir()
	ip := filepath.Join(root, "independent-publisher-connectors")
	conn := filepath.Join(ip, hostileName)
	hostileConnector(t, conn)
	notConn := filepath.Join(root, "proposals", hostileName)
	if err := os.MkdirAll(notConn, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(notConn, "readme.md"), []byte("# A proposal\n"), 0o644)
	ci := map[string]string{"GITHUB_ACTIONS": "true"}
	pkgDir := filepath.Join(root, "out "+hostileName)
	os.MkdirAll(pkgDir, 0o755)
	zip := filepath.Join(pkgDir, "p "+hostileName+".zip")
	for _, args := range [][]string{
		{"validate", "--format", "github", root},
		{"validate", "--format", "text", conn},
		{"validate", "--format", "text", notConn},
		{"validate", "--format", "text", filepath.Join(root, "missing "+hostileName)},
		{"baseline", root},
		{"breaking", conn, conn},
		{"breaking", filepath.Join(conn, "apiDefinition.swagger.json"), filepath.Join(notConn, "readme.md")},
		{"package", "--out", zip, "--force", conn},
		{"package", "--out", zip, notConn},
		{"verify-package", "--format", "github", zip},
		{"verify-package", "--format", "text", filepath.Join(pkgDir, "missing "+hostileName+".zip")},
		{"validate", "--format", "github", "--config", filepath.Join(root, "cfg "+hostileName+".yml"), conn},
	} {
		out, stderr, _ := runCLI(t, ci, args...)
		checkStreams(t, strings.Join(args[:2], " "), out, stderr)
		if strings.Contains(out+stderr, "hidden") == false && args[0] != "baseline" && args[0] != "breaking" {
			// the name is shown, escaped: not dropped
			t.Logf("%s: the hostile name is not in the output", args[0])
		}
	}
	if _, err := os.Stat(zip); err != nil {
		t.Fatalf("package: %v", err)
	}

	// A zip with hostile entry names.
	evilZip := filepath.Join(root, "evil.zip")
	writeZip(t, evilZip, map[string]string{hostileName + ".xml": "<x/>", "PkgAssets/" + hostileName: "x"})
	out, stderr, _ := runCLI(t, ci, "verify-package", "--format", "github", evilZip)
	checkStreams(t, "verify-package entries", out, stderr)
	out, stderr, _ = runCLI(t, ci, "verify-package", "--format", "text", evilZip)
	checkStreams(t, "verify-package entries text", out, stderr)

	// The action: validate and package every folder, including the one that isn't a connector.
	tmp := t.TempDir()
	env := map[string]string{
		"GITHUB_ACTIONS": "true", "INPUT_PATH": root, "INPUT_PACKAGE": "true",
		"INPUT_PACKAGE-DIR": filepath.Join(tmp, "pk"), "GITHUB_OUTPUT": filepath.Join(tmp, "output"),
		"GITHUB_STEP_SUMMARY": filepath.Join(tmp, "summary"), "INPUT_FAIL-ON": "never",
	}
	out, stderr, _ = runCLI(t, env)
	checkStreams(t, "action package", out, stderr)
	if !strings.Contains(out+stderr, "wrote ") {
		t.Errorf("the action wrote no package:\n%s\n%s", out, stderr)
	}
}

// TestPullRequestModeIsInert: pull-request mode over a connector folder with a hostile name.
func TestPullRequestModeIsInert(t *testing.T) {
	ws := t.TempDir()
	dir := "independent-publisher-connectors/" + hostileName
	hostileConnector(t, filepath.Join(ws, dir))
	event := filepath.Join(t.TempDir(), "event.json")
	ev, _ := json.Marshal(map[string]any{"number": 7, "pull_request": map[string]any{
		"number": 7, "title": hostileName, "body": hostileName,
		"base": map[string]any{"sha": eventBase}, "head": map[string]any{"sha": "feedface"},
	}})
	os.WriteFile(event, ev, 0o644)
	srv := fakegh.New()
	defer srv.Close()
	srv.ServePulls(&fakegh.Repo{
		Owner: "microsoft", Name: "PowerPlatformConnectors",
		Pulls: map[int][]fakegh.PullFile{7: {
			{Filename: dir + "/apiDefinition.swagger.json", Status: "modified", Additions: 1},
			{Filename: dir + "/notes " + hostileName + ".txt", Status: "added", Additions: 1},
		}},
		Contents: map[string]map[string][]byte{eventBase: {}},
	})
	t.Chdir(ws)
	env := prActionEnv(ws, event)
	env["GITHUB_API_URL"] = srv.URL
	env["INPUT_GITHUB-TOKEN"] = "ghs_readonly"
	out, stderr, _ := runCLI(t, env)
	checkStreams(t, "pull-request mode", out, stderr)
	if !strings.Contains(out, "Evil") {
		t.Errorf("the connector was not checked:\n%s\n%s", out, stderr)
	}
}

// TestLogSafe: the escaping of one log line.
func TestLogSafe(t *testing.T) {
	for in, want := range map[string]string{
		"wrote a.zip":             "wrote a.zip",
		"::error::x":              `\::error::x`,
		"  ::add-mask::x":         `\  ::add-mask::x`,
		"a ##[warning]b ###[x":    "a ## [warning]b ### [x",
		"a\r::error::x":           `a\r::error::x`,
		"crlf\r":                  "crlf",
		"100% done: 50%0A%3A::ok": "100% done: 50%0A%3A::ok",
	} {
		if got := logSafe(in); got != want {
			t.Errorf("logSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

func writeZip(t *testing.T, name string, files map[string]string) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range slices.Sorted(maps.Keys(files)) {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, files[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
