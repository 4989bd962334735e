package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/validate"
)

func TestParseErrorsHavePositions(t *testing.T) {
	src := `rules:
  JsonBomPresent: off
  JsonBOMPresent: warning
  NoSuchRule: error
  OperationIdNotUnique: fatal
  IconBrandColorNotAllowed:
    certified: warning
    publisher: off
ignore:
  - rule: JsonDuplicateKey
    pointer: paths/x
  - {}
  - path: "[x"
kinds:
  - path: "my/*"
    kind: premium
colour: blue
`
	_, err := Parse("cfg.yml", []byte(src))
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("got %v, want Errors", err)
	}
	want := []string{
		`cfg.yml:3:3: unknown rule ID "JsonBOMPresent"`,
		`did you mean JsonBomPresent?`,
		`cfg.yml:4:3: unknown rule ID "NoSuchRule"`,
		`cfg.yml:5:25: unknown severity "fatal" (want off, notice, warning or error)`,
		`cfg.yml:8:5: unknown key "publisher" under IconBrandColorNotAllowed`,
		`cfg.yml:11:14: pointer "paths/x" is not a JSON pointer`,
		`cfg.yml:12:5: an ignore entry needs at least one of rule, path or pointer`,
		`cfg.yml:13:11: bad path glob "[x"`,
		`cfg.yml:16:11: unknown kind "premium"`,
		`cfg.yml:17:1: unknown key "colour"`,
	}
	got := err.Error()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("errors lack %q; got:\n%s", w, got)
		}
	}
}

func TestParseSyntaxError(t *testing.T) {
	_, err := Parse("cfg.yml", []byte("rules:\n  a: [\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "cfg.yml:") {
		t.Fatalf("got %v, want a positioned syntax error", err)
	}
	_, err = Parse("cfg.yml", []byte("- a\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "cfg.yml:1:1: the configuration must be a mapping") {
		t.Fatalf("got %v", err)
	}
}

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		glob, path string
		want       bool
	}{
		{"certified-connectors/Foo", "certified-connectors/Foo/apiDefinition.swagger.json", true},
		{"certified-connectors/*", "certified-connectors/Foo/readme.md", true},
		{"certified-connectors/F*", "independent-publisher-connectors/Foo", false},
		{"**/readme.md", "certified-connectors/Foo/readme.md", true},
		{"**/*.json", "a/b/c.json", true},
		{"./a/**", "a", true},
		{"a/**/c", "a/c", true},
		{"a/**/c", "a/x/y/c/d", true},
		{"a/*/c", "a/x/y/c", false},
		{"*.md", "a/readme.md", false},
	} {
		if got := Match(tc.glob, tc.path); got != tc.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tc.glob, tc.path, got, tc.want)
		}
	}
}

func TestApply(t *testing.T) {
	cfg, err := Parse("c.yml", []byte(`
rules:
  JsonBomPresent: off
  IconBrandColorNotAllowed:
    severity: warning
    independent-publisher: error
  OperationIdNotUnique: notice
ignore:
  - rule: JsonDuplicateKey
    path: "ip/Legacy*"
    pointer: /paths
kinds:
  - path: "elsewhere/*"
    kind: certified
`))
	if err != nil {
		t.Fatal(err)
	}
	f := func(conn, rule string, sev validate.Severity, ptr string) validate.Finding {
		return validate.Finding{Rule: rule, Severity: sev, Connector: conn, File: conn + "/apiDefinition.swagger.json",
			Pointer: ptr, HasPointer: ptr != "-"}
	}
	res := &validate.Result{
		Connectors: []validate.ConnectorResult{
			{Path: "c/A", Kind: validate.Certified}, {Path: "ip/Legacy X", Kind: validate.IndependentPublisher},
		},
		Findings: []validate.Finding{
			f("c/A", "JsonBomPresent", validate.Notice, ""),
			f("c/A", "IconBrandColorNotAllowed", validate.Error, "/properties/iconBrandColor"),
			f("c/A", "OperationIdNotUnique", validate.Error, "/paths/~1a/get/operationId"),
			f("ip/Legacy X", "IconBrandColorNotAllowed", validate.Error, "/properties/iconBrandColor"),
			f("ip/Legacy X", "JsonDuplicateKey", validate.Error, "/paths/~1a"),
			f("ip/Legacy X", "JsonDuplicateKey", validate.Error, "/info"),
			f("ip/Legacy X", "JsonDuplicateKey", validate.Error, "/pathsX"),
		},
	}
	before := len(res.Findings)
	out := cfg.Apply(res)
	if len(res.Findings) != before {
		t.Fatal("Apply changed its input")
	}
	var got []string
	for _, f := range out.Findings {
		got = append(got, f.Connector+" "+f.Rule+" "+f.Severity.String()+" "+f.Pointer)
	}
	want := []string{
		"c/A IconBrandColorNotAllowed warning /properties/iconBrandColor",
		"c/A OperationIdNotUnique notice /paths/~1a/get/operationId",
		"ip/Legacy X IconBrandColorNotAllowed error /properties/iconBrandColor",
		"ip/Legacy X JsonDuplicateKey error /info",
		"ip/Legacy X JsonDuplicateKey error /pathsX",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if out.Counts != (validate.Counts{Errors: 3, Warnings: 1, Notices: 1}) {
		t.Errorf("counts %+v", out.Counts)
	}
	if out.Connectors[0].Counts != (validate.Counts{Warnings: 1, Notices: 1}) {
		t.Errorf("connector counts %+v", out.Connectors[0].Counts)
	}
	if k := cfg.KindFor("elsewhere/Foo"); k != validate.Certified {
		t.Errorf("KindFor = %v", k)
	}
	if k := cfg.KindFor("certified-connectors/Foo"); k != 0 {
		t.Errorf("KindFor = %v, want 0", k)
	}
}

// Issue 17: a configuration planted as a link to an endless stream (/dev/zero reached 1.2 GiB;
// /proc/self/fd/1 blocked until the job timed out) is refused at once with an error naming it.
func TestLoadRefusesLinks(t *testing.T) {
	dir := t.TempDir()
	for _, target := range []string{"/dev/zero", "/proc/self/fd/1"} {
		p := filepath.Join(dir, DefaultName)
		os.Remove(p)
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
		_, err := Find(dir)
		var ce Errors
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), "not a regular file") || ce[0].File != p {
			t.Errorf("-> %s: %v", target, err)
		}
	}
	big := filepath.Join(dir, "big.yml")
	os.WriteFile(big, []byte("rules: {}\n"+strings.Repeat("#", MaxSize)), 0o644)
	if _, err := Load(big); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("over MaxSize: %v", err)
	}
}

// TestParseTooLarge is the flow-style attack: 33 MB of "{ignore: [{rule: X, path: a}, ...]}"
// took 20 s and 1.4 GB. Past MaxSize the file is refused before YAML sees it.
func TestParseTooLarge(t *testing.T) {
	entry := "{rule: JsonBomPresent, path: a}, "
	data := []byte("{ignore: [" + strings.Repeat(entry, MaxSize/len(entry)+1) + "]}")
	_, err := Parse("big.yml", data)
	if err == nil || !strings.Contains(err.Error(), "at most 1048576 are read") {
		t.Fatalf("got %v", err)
	}
	small := []byte("{ignore: [" + strings.Repeat(entry, 1000) + "]}")
	if cfg, err := Parse("small.yml", small); err != nil || len(cfg.Ignore) != 1000 {
		t.Fatalf("a small flow-style file: %v", err)
	}
}

// A YAML syntax error was reported at 1:1 (or the line of the enclosing construct, column 1)
// instead of where the parser stopped; a misspelt key got no suggestion.
func TestConfigSyntaxErrorPositionAndSuggestions(t *testing.T) {
	for _, tc := range []struct {
		yaml      string
		line, col int
		msg       string
	}{
		{"rules: {a: b\n", 2, 1, "did not find expected ',' or '}'"},
		{"rules:\n  A: error\n  B: [warning\nignore:\n", 4, 7, "did not find expected ',' or ']'"},
		{"kinds:\n  - path: x\n   kind: y\n", 3, 4, "did not find expected '-' indicator"},
		{"kindz:\n  - path: x\n    kind: custom\n", 1, 1, "did you mean kinds?"},
		{"ignore:\n  - rul: JsonBomPresent\n", 2, 5, "did you mean rule?"},
		{"kinds:\n  - path: x\n    kind: certifed\n", 3, 11, "did you mean certified?"},
	} {
		_, err := Parse("cc.yml", []byte(tc.yaml))
		var es Errors
		if !errors.As(err, &es) || len(es) == 0 {
			t.Errorf("%q: err %v", tc.yaml, err)
			continue
		}
		e := es[0]
		if e.Line != tc.line || e.Column != tc.col || !strings.Contains(e.Msg, tc.msg) {
			t.Errorf("%q: %d:%d %q, want %d:%d %q", tc.yaml, e.Line, e.Column, e.Msg, tc.line, tc.col, tc.msg)
		}
	}
}

func TestAcknowledgeBreaking(t *testing.T) {
	cfg, err := Parse("c.yml", []byte(`acknowledge-breaking:
  - connector: "./certified-connectors/Contoso Tasks/"
    operation: ListTasks
    rule: OutputFieldDeleted
    reason: agreed
  - connector: Contoso Tasks
    operation: "*"
    reason: v2 of the API
`))
	if err != nil {
		t.Fatal(err)
	}
	want := []validate.Acknowledgement{
		{Connector: "certified-connectors/Contoso Tasks", Operation: "ListTasks", Rule: "OutputFieldDeleted", Reason: "agreed", Source: "c.yml:2"},
		{Connector: "Contoso Tasks", Operation: "*", Reason: "v2 of the API", Source: "c.yml:6"},
	}
	if !reflect.DeepEqual(cfg.Acknowledge, want) {
		t.Errorf("got %+v", cfg.Acknowledge)
	}
	for bad, msg := range map[string]string{
		"acknowledge-breaking: [{connector: X, operation: A}]":                                  "needs reason",
		"acknowledge-breaking: [{operation: A, reason: r}]":                                     "needs connector",
		"acknowledge-breaking: [{connector: X, reason: r}]":                                     "needs operation",
		"acknowledge-breaking: [{connector: X, operation: A, reason: r, rule: Nope}]":           `rule "Nope" is not a breaking-change rule`,
		"acknowledge-breaking: [{connector: X, operation: A, reason: r, rule: JsonBomPresent}]": "not a breaking-change rule",
		"acknowledge-breaking: [{connector: X, operation: A, reason: r, colour: b}]":            `unknown key "colour"`,
		"acknowledge-breaking: {connector: X}":                                                  "is a list",
	} {
		if _, err := Parse("c.yml", []byte(bad)); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%s: got %v, want %q", bad, err, msg)
		}
	}
}
