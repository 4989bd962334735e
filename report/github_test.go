package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/connector-check/connector-check/validate"
)

// command is a workflow command as the runner reads it (actions/runner ActionCommand.TryParseV2).
type command struct {
	name  string
	props map[string]string
	data  string
}

// parseCommand mirrors TryParseV2, treating every name as registered: after leading white space a
// line starting with "::" is a command; the first "::" after that ends the name and properties.
func parseCommand(line string) (command, bool) {
	line = strings.TrimLeftFunc(line, unicode.IsSpace)
	if !strings.HasPrefix(line, "::") {
		return command{}, false
	}
	end := strings.Index(line[2:], "::")
	if end < 0 {
		return command{}, false
	}
	info, data := line[2:2+end], line[2+end+2:]
	c := command{name: info, props: map[string]string{}, data: unescapeRunner(data, "%0D", "\r", "%0A", "\n", "%25", "%")}
	if name, props, ok := strings.Cut(info, " "); ok {
		c.name = name
		for _, p := range strings.Split(strings.TrimSpace(props), ",") {
			if k, v, ok := strings.Cut(p, "="); ok {
				c.props[k] = unescapeRunner(v, "%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
			}
		}
	}
	return c, true
}

// unescapeRunner undoes escaping in the runner's order: one full replacement per mapping.
func unescapeRunner(s string, pairs ...string) string {
	for i := 0; i < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, pairs[i], pairs[i+1])
	}
	return s
}

// wellFormed is one of our annotation commands: properties hold no raw : or , (they are escaped).
var wellFormed = regexp.MustCompile(`^::(error|warning|notice) [A-Za-z]+=[^,:]*(,[A-Za-z]+=[^,:]*)*::`)

// annotatedPairs splits GitHub output into, per finding, its plain line and its annotation line
// ("" when the budget left it out), following AnnotationBudget.
func annotatedPairs(t *testing.T, out string, findings []validate.Finding) (plain, cmds []string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	chosen, omitted := AnnotationBudget(findings, AnnotationsPerSeverity, AnnotationsPerStep)
	want := len(findings)
	for _, c := range chosen {
		if c {
			want++
		}
	}
	if omitted > 0 {
		want++
	}
	if len(lines) != want {
		t.Fatalf("got %d lines for %d findings, want %d:\n%s", len(lines), len(findings), want, out)
	}
	j := 0
	for i := range findings {
		plain = append(plain, lines[j])
		j++
		if chosen[i] {
			cmds = append(cmds, lines[j])
			j++
		} else {
			cmds = append(cmds, "")
		}
	}
	return plain, cmds
}

// checkGitHubOutput asserts that out is, per finding, one plain line that no runner parser takes
// for a command and then, when the budget chose it, one well-formed annotation carrying it.
func checkGitHubOutput(t *testing.T, out string, findings []validate.Finding) {
	t.Helper()
	if strings.Contains(out, "\r") {
		t.Fatalf("raw CR in output: the runner would split the line there")
	}
	plains, cmds := annotatedPairs(t, out, findings)
	for i, f := range findings {
		plain, cmdLine := plains[i], cmds[i]
		if c, ok := parseCommand(plain); ok {
			t.Errorf("plain line %d is a %q command: %s", i, c.name, plain)
		}
		if strings.Contains(plain, "##[") {
			t.Errorf("plain line %d holds a legacy ##[ command: %s", i, plain)
		}
		if cmdLine == "" {
			continue
		}
		if !wellFormed.MatchString(cmdLine) {
			t.Errorf("line %d is not a well-formed annotation: %s", 2*i+1, cmdLine)
			continue
		}
		c, _ := parseCommand(cmdLine)
		if c.name != f.Severity.String() && !(f.Severity == 0 && c.name == "notice") {
			t.Errorf("annotation %d is %s, want %s", i, c.name, f.Severity)
		}
		// A finding inside a package is annotated on the zip, with the entry in the title.
		wantFile, wantTitle := f.File, f.Rule
		if zipFile, entry, ok := strings.Cut(f.File, "!"); ok {
			wantFile, wantTitle = zipFile, f.Rule+" ("+entry+")"
		}
		if c.props["title"] != wantTitle {
			t.Errorf("annotation %d title = %q, want %q", i, c.props["title"], wantTitle)
		}
		// The runner drops or trims some file values; only injection matters for those.
		checkFile := wantFile != "" && !strings.HasPrefix(wantFile, "=") && strings.TrimSpace(wantFile) == wantFile
		if checkFile && c.props["file"] != wantFile {
			t.Errorf("annotation %d file = %q, want %q", i, c.props["file"], wantFile)
		}
		if want := showControls(messageWithPointer(&f), false); c.data != want {
			t.Errorf("annotation %d message = %q, want %q", i, c.data, want)
		}
	}
}

func TestGitHubNoInjection(t *testing.T) {
	res := fixture()
	checkGitHubOutput(t, render(t, "github", res), res.Findings)
}

func TestGitHubFields(t *testing.T) {
	res := fixture()
	_, cmds := annotatedPairs(t, render(t, "github", res), res.Findings)
	for i, f := range res.Findings {
		if cmds[i] == "" {
			continue
		}
		c, _ := parseCommand(cmds[i])
		var want []string
		switch {
		case f.Line == 0:
			want = []string{"file", "title"}
		case f.Line == f.EndLine:
			want = []string{"col", "endColumn", "endLine", "file", "line", "title"}
		default:
			want = []string{"endLine", "file", "line", "title"}
		}
		var got []string
		for _, k := range []string{"col", "endColumn", "endLine", "file", "line", "title"} {
			if _, ok := c.props[k]; ok {
				got = append(got, k)
			}
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("finding %d (line %d-%d): fields %v, want %v", i, f.Line, f.EndLine, got, want)
		}
	}
}

func TestWorkflowSafe(t *testing.T) {
	for in, want := range map[string]string{
		"a.json:1:2: error [R] fine":  "a.json:1:2: error [R] fine",
		"::error::pwned":              `\::error::pwned`,
		" \t\u00a0::error::pwned":     "\\ \t\u00a0::error::pwned",
		"x ##[error]pwned":            "x ## [error]pwned",
		"x ###[[##[error]pwned":       "x ### [[## [error]pwned",
		"::a ##[b":                    `\::a ## [b`,
		"file: error [R] a::b::c##x[": "file: error [R] a::b::c##x[",
	} {
		if got := workflowSafe(in); got != want {
			t.Errorf("workflowSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzGitHub(f *testing.F) {
	f.Add("x\n::error::pwned", "a/b.json", "/p", 3, 3)
	f.Add("%0A::error::pwned%", "::error::x,y:z", "", 0, 0)
	f.Add("\r\n::stop-commands::tok", " ::notice::", "/a~1b", 2, 5)
	f.Add("##[error]x ##[add-mask]y", "%25%3A%2C", "/%0A", 1, 1)
	f.Fuzz(func(t *testing.T, msg, file, ptr string, line, endLine int) {
		fs := []validate.Finding{{
			Rule: "JsonDuplicateKey", Severity: validate.Error, Connector: "c", File: file,
			Line: line, Column: 1, EndLine: endLine, EndColumn: 2,
			Pointer: ptr, HasPointer: ptr != "", Message: msg,
		}}
		var buf bytes.Buffer
		if err := GitHub(&buf, &validate.Result{Findings: fs}); err != nil {
			t.Fatal(err)
		}
		checkGitHubOutput(t, buf.String(), fs)
	})
}
