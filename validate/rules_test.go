package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// ruleCase is one firing or non-firing case of one rule. Firing cases give the exact position
// (file inside the connector, line, column) and JSON pointer of the expected finding.
type ruleCase struct {
	rule  string
	name  string
	kind  Kind // 0: the connector sits in no kind folder
	files func(t *testing.T) map[string]string
	fire  bool
	at    string   // "file:line:col" ("file" alone for whole-file findings; "" for the folder)
	ptr   string   // expected pointer ("-" when the finding has none)
	sev   Severity // expected severity (0: the rule's default for the kind)
	// packaging checks the folder as the packaging code does (CheckForPackage), for the rules that
	// only run when a certification package is built or checked (IntroMissing).
	packaging bool
	// isNew checks the folder as a new submission (the ↑new escalation).
	isNew bool
}

func swaggerEdit(pairs ...string) func(t *testing.T) map[string]string {
	return func(t *testing.T) map[string]string {
		return map[string]string{SwaggerName: edit(t, goodSwagger, pairs...)}
	}
}

func propertiesEdit(pairs ...string) func(t *testing.T) map[string]string {
	return func(t *testing.T) map[string]string {
		return map[string]string{PropertiesName: edit(t, goodProperties, pairs...)}
	}
}

func files(kv ...string) func(t *testing.T) map[string]string {
	return func(t *testing.T) map[string]string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
}

const (
	IP = IndependentPublisher
	C  = Certified
	CU = Custom
)

// ruleCases are every rule's example (its bad and good Case) and every family's further cases;
// each family keeps its table in cases_<family>_test.go.
var ruleCases = slices.Concat(exampleCases(), coreCases, documentCases, operationCases, schemaCases, securityCases,
	propertiesCases, markdownCases, scriptCases, layoutCases, packageCases, breakingCases, prCases)

// exampleCases are the bad and the good case of each rule's example: the documented examples
// run as tests.
func exampleCases() []ruleCase {
	var out []ruleCase
	for _, r := range Rules() {
		bad, good := r.Example.BadCase, r.Example.GoodCase
		if bad == nil || good == nil || bad.Change || bad.PR != nil || bad.Package != nil {
			continue // no example, a breaking change's (exampleBreakCases) or a pull request's (internal/prmode) or a package's (package/)
		}
		out = append(out,
			ruleCase{rule: r.ID, name: "example: bad", kind: bad.Kind, isNew: bad.New, packaging: bad.Packaging, files: caseFiles(bad),
				fire: true, at: bad.At, ptr: bad.Pointer, sev: bad.Severity},
			ruleCase{rule: r.ID, name: "example: good", kind: good.Kind, isNew: good.New, packaging: good.Packaging, files: caseFiles(good)})
	}
	return out
}

func caseFiles(c *Case) func(t *testing.T) map[string]string {
	return func(t *testing.T) map[string]string {
		m, err := c.Files()
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
}

// manyOperations is the good swagger with n more operations that lack an operationId.
func manyOperations(n int) func(t *testing.T) map[string]string {
	return func(t *testing.T) map[string]string {
		var sb strings.Builder
		for i := range n {
			fmt.Fprintf(&sb, `"/x%d": {"get": {"responses": {"200": {"description": "OK"}}}},`, i)
		}
		return map[string]string{SwaggerName: edit(t, goodSwagger, `"paths": {`, `"paths": {`+sb.String())}
	}
}

var coreCases = []ruleCase{
	// The ↑new escalation (Rule.New): a new submission gets an error where a published one gets a warning.
	{rule: "FindingsLimitExceeded", name: "501 operations without operationId", kind: CU, files: manyOperations(MaxFindingsPerRule + 1), fire: true, at: "", ptr: "-", sev: Error},
	{rule: "FindingsLimitExceeded", name: "500 are listed", kind: CU, files: manyOperations(MaxFindingsPerRule)},

	{rule: "RequiredFileMissing", name: "misspelled is reported as such", kind: IP, files: files(SwaggerName, absent, "apiDefination.swagger.json", goodSwagger)},

	{rule: "FileNameMisspelled", name: "Script.cs: a warning to rename it", kind: C, files: files("Script.cs", "class Script {}"), fire: true, at: "Script.cs", ptr: "-", sev: Warning},
	{rule: "FileNameMisspelled", name: "Readme.md.txt", kind: IP, files: files(ReadmeName, absent, "Readme.md.txt", goodReadme), fire: true, at: "Readme.md.txt", ptr: "-", sev: Warning},
	{rule: "FileNameMisspelled", name: "Readme.md.txt, new: error", kind: IP, isNew: true, files: files(ReadmeName, absent, "Readme.md.txt", goodReadme), fire: true, at: "Readme.md.txt", ptr: "-", sev: Error},
	{rule: "FileNameMisspelled", name: "apiProperties misspelled: error", kind: IP, files: files(PropertiesName, absent, "apiPropertes.json", goodProperties), fire: true, at: "apiPropertes.json", ptr: "-", sev: Error},

	{rule: "FileTooLarge", name: "script over 1 MiB", kind: IP, files: files(ScriptName, goodScript+"\n//"+strings.Repeat("x", 1<<20)), fire: true, at: ScriptName, ptr: "-"},
	{rule: "FileTooLarge", name: "swagger over 1 MiB is SwaggerTooLarge's", kind: IP, files: func(t *testing.T) map[string]string {
		return map[string]string{SwaggerName: goodSwagger + strings.Repeat(" ", 1<<20)}
	}},
	{rule: "FileTooLarge", name: "small swagger", kind: IP},

	{rule: "SwaggerTooLarge", name: "swagger over 1 MiB", kind: IP, files: func(t *testing.T) map[string]string {
		return map[string]string{SwaggerName: goodSwagger + strings.Repeat(" ", 1<<20)}
	}, fire: true, at: SwaggerName, ptr: "-"},
	{rule: "SwaggerTooLarge", name: "small swagger", kind: IP},

	{rule: "ReadmeMissing", name: "no readme: new, error", kind: C, isNew: true, files: files(ReadmeName, absent), fire: true, at: "", ptr: "-", sev: Error},
	{rule: "ReadmeMissing", name: "custom, new: still a warning", kind: CU, isNew: true, files: files(ReadmeName, absent), fire: true, at: "", ptr: "-", sev: Warning},
	{rule: "ReadmeMissing", name: "custom: warning", kind: CU, files: files(ReadmeName, absent), fire: true, at: "", ptr: "-", sev: Warning},

	{rule: "JsonSyntaxInvalid", name: "unclosed object", kind: IP, files: propertiesEdit("  }\n}\n", "  }\n"), fire: true, at: PropertiesName + ":19:1", ptr: "-"},

	{rule: "JsonTrailingComma", name: "in object", kind: IP, files: swaggerEdit(`"title": "Contoso Tasks",`, `"title": "Contoso Tasks", "x-a": {"b": 1,},`), fire: true, at: SwaggerName + ":4:45", ptr: "/info/x-a"},
	{rule: "JsonTrailingComma", name: "file not JSON even so: no pointer", kind: IP, files: swaggerEdit(`["https"]`, `["https",]`, `"swagger": "2.0",`, `"swagger": "2.0"`), fire: true, at: SwaggerName + ":11:22", ptr: "-"},

	{rule: "JsonControlCharacterInString", name: "raw tab in a key", kind: IP, files: swaggerEdit(`"basePath": "/v1",`, "\"x-a\tb\": 1, \"basePath\": \"/v1\","), fire: true, at: SwaggerName + ":10:7", ptr: "/x-a b"}, // the lenient tree's name, where the tab is blanked

	{rule: "JsonCommentPresent", name: "in an array", kind: IP, files: swaggerEdit(`["https"]`, `["https" /* only */]`), fire: true, at: SwaggerName + ":11:23", ptr: "/schemes"},

	{rule: "JsonDuplicateKey", name: "identical values: warning", kind: IP, files: swaggerEdit(`"operationId": "ListTasks",`, `"operationId": "ListTasks", "operationId":"ListTasks",`), fire: true, at: SwaggerName + ":15:37", ptr: "/paths/~1tasks/get/operationId", sev: Warning},
	{rule: "JsonDuplicateKey", name: "a property named description stays an error", kind: IP, files: swaggerEdit(`"title": {"type": "string",`, `"description": {"type": "string"}, "description": {"type": "integer"}, "title": {"type": "string",`), fire: true, at: SwaggerName + ":44:44", ptr: "/definitions/Task/properties/description"},
	{rule: "JsonDuplicateKey", name: "operationId changes behaviour", kind: IP, files: swaggerEdit(`"operationId": "ListTasks",`, `"operationId": "ListTasks", "operationId": "GetTasks",`), fire: true, at: SwaggerName + ":15:37", ptr: "/paths/~1tasks/get/operationId"},
	{rule: "JsonDuplicateKey", name: "same key in sibling objects", kind: IP},

	{rule: "JsonNonAsciiWhitespace", name: "em space in an array", kind: IP, files: swaggerEdit(`["https"]`, "[\u2003\"https\"]"), fire: true, at: SwaggerName + ":11:15", ptr: "/schemes"},
	{rule: "HostMissing", name: "content rules run beside a trailing comma", kind: IP, files: swaggerEdit(`"host": "api.tasksapp.io",`, `"host": "",`, `["https"]`, `["https",]`), fire: true, at: SwaggerName + ":9:11", ptr: "/host"},

	{rule: "FileEncodingInvalid", name: "Latin-1 swagger", kind: IP, files: swaggerEdit(`"Create, list`, "\"Cr\xf8ate, list"), fire: true, at: SwaggerName + ":5:23", ptr: "-"},

	{rule: "SpecificationVersionIncorrect", name: "OpenAPI 3", kind: IP, files: swaggerEdit(`"swagger": "2.0"`, `"openapi": "3.0.1"`), fire: true, at: SwaggerName + ":2:3", ptr: "/openapi"},

	{rule: "RequiredPropertyMissing", name: "no swagger key", kind: IP, files: swaggerEdit(`"swagger": "2.0",`, ``), fire: true, at: SwaggerName + ":1:1", ptr: ""},

	{rule: "RequiredValueEmpty", name: "empty operationId", kind: IP, files: swaggerEdit(`"ListTasks"`, `""`), fire: true, at: SwaggerName + ":15:24", ptr: "/paths/~1tasks/get/operationId"},

	{rule: "JsonTypeIncorrect", name: "paths array", kind: CU, files: func(t *testing.T) map[string]string {
		return map[string]string{SwaggerName: `{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": []}`}
	}, fire: true, at: SwaggerName + ":1:69", ptr: "/paths"},

	{rule: "FieldLengthExceeded", name: "38 characters: new, error", kind: IP, isNew: true, files: swaggerEdit(`"Contoso Tasks"`, `"Contoso Tasks and Projects Manager Pro"`), fire: true, at: SwaggerName + ":4:14", ptr: "/info/title", sev: Error},
	{rule: "FieldLengthExceeded", name: "custom connectors are exempt", kind: CU, files: swaggerEdit(`"Contoso Tasks"`, `"Contoso Tasks and Projects Manager Pro"`)},

	{rule: "ValueContainsRestrictedWords", name: "API in title: new, error", kind: IP, isNew: true, files: swaggerEdit(`"Contoso Tasks"`, `"Contoso Tasks API"`), fire: true, at: SwaggerName + ":4:14", ptr: "/info/title", sev: Error},
	{rule: "ValueContainsRestrictedWords", name: "product in description: new, error", kind: C, isNew: true, files: swaggerEdit(`from your flows.`, `from Power Automate.`), fire: true, at: SwaggerName + ":5:20", ptr: "/info/description", sev: Error},
	{rule: "ValueContainsRestrictedWords", name: "product in description: published, warning", kind: C, files: swaggerEdit(`from your flows.`, `from Power Automate.`), fire: true, at: SwaggerName + ":5:20", ptr: "/info/description", sev: Warning},
	{rule: "ValueContainsRestrictedWords", name: "probable product: warning even when new", kind: IP, isNew: true, files: swaggerEdit(`from your flows.`, `from the Power Platform.`), fire: true, at: SwaggerName + ":5:20", ptr: "/info/description", sev: Warning},
	{rule: "ValueContainsRestrictedWords", name: "published by Microsoft: product names allowed", kind: C, isNew: true, files: func(t *testing.T) map[string]string {
		return map[string]string{SwaggerName: edit(t, goodSwagger, `from your flows.`, `from Power Automate.`), PropertiesName: edit(t, goodProperties, `"publisher": "Jane Doe"`, `"publisher": "Microsoft Corporation"`)}
	}},
	{rule: "ValueContainsRestrictedWords", name: "inside a word", kind: IP, files: swaggerEdit(`"Contoso Tasks"`, `"RapidAPI Tasks"`)},

	{rule: "ValueMustEndWithAlphanumeric", name: "trailing period: new, error", kind: IP, isNew: true, files: swaggerEdit(`"Contoso Tasks"`, `"Contoso Tasks."`), fire: true, at: SwaggerName + ":4:14", ptr: "/info/title", sev: Error},
	{rule: "ValueMustEndWithAlphanumeric", name: "trailing space", kind: C, files: swaggerEdit(`"Contoso Tasks"`, `"Contoso Tasks "`), fire: true, at: SwaggerName + ":4:14", ptr: "/info/title"},

	{rule: "InfoDescriptionMissing", name: "no description: new, error", kind: C, isNew: true, files: swaggerEdit(`"description": "Create, list and complete tasks in Contoso Tasks from your flows.",`, ``), fire: true, at: SwaggerName + ":3:3", ptr: "/info", sev: Error},

	{rule: "FieldLengthNotInRange", name: "too short: new, error", kind: IP, isNew: true, files: swaggerEdit(`"Create, list and complete tasks in Contoso Tasks from your flows."`, `"Tasks."`), fire: true, at: SwaggerName + ":5:20", ptr: "/info/description", sev: Error},
	{rule: "FieldLengthNotInRange", name: "too long", kind: C, files: swaggerEdit(`from your flows.`, strings.Repeat("x", 500)), fire: true, at: SwaggerName + ":5:20", ptr: "/info/description"},

	{rule: "IconBrandColorNotAllowed", name: "certified white: published, warning", kind: C, files: propertiesEdit(`"#da3b01"`, `"#FFFFFF"`), fire: true, at: PropertiesName + ":3:23", ptr: "/properties/iconBrandColor", sev: Warning},
	{rule: "IconBrandColorNotAllowed", name: "certified white: new, error", kind: C, isNew: true, files: propertiesEdit(`"#da3b01"`, `"#FFFFFF"`), fire: true, at: PropertiesName + ":3:23", ptr: "/properties/iconBrandColor", sev: Error},
	{rule: "IconBrandColorNotAllowed", name: "certified with the IP color: notice", kind: C, fire: true, at: PropertiesName + ":3:23", ptr: "/properties/iconBrandColor", sev: Notice},
	{rule: "IconBrandColorNotAllowed", name: "custom may use any", kind: CU, files: propertiesEdit(`"#da3b01"`, `"#007ee5"`)},
}

func TestRules(t *testing.T) {
	for _, tc := range ruleCases {
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			var fs map[string]string
			if tc.files != nil {
				fs = tc.files(t)
			}
			dir := makeConnector(t, tc.kind, fs)
			c, err := Load(dir, "c", 0)
			if err != nil {
				t.Fatal(err)
			}
			c.New = tc.isNew
			all := Check(c)
			if tc.packaging {
				all = CheckForPackage(c, nil)
			}
			f, ok := caseFinding(t, tc.rule, tc.fire, tc.at, all)
			if !ok {
				return
			}
			if tc.ptr == "-" {
				if f.HasPointer {
					t.Errorf("pointer = %q, want none", f.Pointer)
				}
			} else if !f.HasPointer || f.Pointer != tc.ptr {
				t.Errorf("pointer = %q (has %v), want %q", f.Pointer, f.HasPointer, tc.ptr)
			}
			want := tc.sev
			if want == 0 {
				r, _ := LookupRule(tc.rule)
				k := tc.kind
				if k == 0 {
					k = Custom
				}
				want = r.SeverityFor(k)
			}
			if f.Severity != want {
				t.Errorf("severity = %s, want %s", f.Severity, want)
			}
			if f.Message == "" || f.Connector != "c" {
				t.Errorf("finding lacks message or connector: %+v", f)
			}
		})
	}
}

// caseFinding checks one rule case against all the findings of its run: a non-firing case
// (fire false) must have none of the rule's findings, and ok is false; a firing case must have
// one, the first at "name:line:col" (splitAt), which it returns for the case's further checks.
func caseFinding(t *testing.T, rule string, fire bool, at string, all []Finding) (f Finding, ok bool) {
	t.Helper()
	var got []Finding
	for _, f := range all {
		if f.Rule == rule {
			got = append(got, f)
		}
	}
	if !fire {
		if len(got) > 0 {
			t.Fatalf("%s fired, want nothing:\n%s", rule, describe(got))
		}
		return Finding{}, false
	}
	if len(got) == 0 {
		t.Fatalf("%s did not fire; all findings:\n%s", rule, describe(all))
	}
	f = got[0]
	wantFile, wantLine, wantCol := splitAt(t, at)
	if f.File != wantFile || f.Line != wantLine || f.Column != wantCol {
		t.Errorf("position = %s:%d:%d, want %s:%d:%d\n%s", f.File, f.Line, f.Column, wantFile, wantLine, wantCol, describe(got))
	}
	return f, true
}

// splitAt parses "name:line:col" relative to the test connector "c".
func splitAt(t *testing.T, s string) (file string, line, col int) {
	t.Helper()
	if s == "" {
		return "c", 0, 0
	}
	parts := strings.Split(s, ":")
	file = "c/" + parts[0]
	if len(parts) == 3 {
		line, col = atoi(t, parts[1]), atoi(t, parts[2])
	}
	return file, line, col
}

func atoi(t *testing.T, s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			t.Fatalf("bad number %q", s)
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// casesElsewhere are catalog sections whose rules don't fit a single connector folder (package
// zips, version pairs, pull requests); their packages keep tables of their own, each with a test
// like this one.
var casesElsewhere = map[string]bool{"14": true, "15": true, "16": true}

// TestEveryRuleHasCases keeps the registry and the tests in step: each rule needs a case that
// fires and one that doesn't.
func TestEveryRuleHasCases(t *testing.T) {
	fires, quiet := map[string]bool{}, map[string]bool{}
	for _, tc := range ruleCases {
		if _, ok := LookupRule(tc.rule); !ok {
			t.Errorf("case %q names unregistered rule %s", tc.name, tc.rule)
		}
		if tc.fire {
			fires[tc.rule] = true
		} else {
			quiet[tc.rule] = true
		}
	}
	for _, id := range RuleIDs() {
		if r, _ := LookupRule(id); casesElsewhere[r.Section] {
			continue
		}
		if !fires[id] {
			t.Errorf("rule %s has no firing case", id)
		}
		if !quiet[id] {
			t.Errorf("rule %s has no non-firing case", id)
		}
	}
}

// TestGoodConnectorIsClean guards the fixtures: the base connector must produce no finding.
func TestGoodConnectorIsClean(t *testing.T) {
	for _, k := range []Kind{IP, C, CU} {
		var props map[string]string
		if k == C { // the IP color is a notice for certified connectors
			props = map[string]string{PropertiesName: edit(t, goodProperties, "#da3b01", "#4f6bed")}
		}
		if fs := checkDir(t, makeConnector(t, k, props), 0); len(fs) > 0 {
			t.Errorf("%s: base connector has findings:\n%s", k, describe(fs))
		}
	}
}

func TestFindingsCapKeepsTheVerdict(t *testing.T) {
	dir := makeConnector(t, CU, manyOperations(MaxFindingsPerRule+7)(t))
	fs := checkDir(t, dir, 0)
	n := 0
	var limit *Finding
	for i, f := range fs {
		switch f.Rule {
		case "OperationIdRequired":
			n++
		case "FindingsLimitExceeded":
			limit = &fs[i]
		}
	}
	if n != MaxFindingsPerRule || limit == nil || !strings.HasPrefix(limit.Message, "7 more OperationIdRequired findings") || limit.Severity != Error {
		t.Fatalf("kept %d OperationIdRequired, limit finding %+v", n, limit)
	}
}

func TestLongMessagesAreCut(t *testing.T) {
	title := strings.Repeat("é", MaxMessageLength)
	fs := checkDir(t, makeConnector(t, IP, swaggerEdit(`"title": "Contoso Tasks"`, `"title": "`+title+`"`)(t)), 0)
	for _, f := range fs {
		if len(f.Message) > MaxMessageLength+len("…") || !utf8.ValidString(f.Message) {
			t.Errorf("%s message is %d bytes (valid UTF-8: %v)", f.Rule, len(f.Message), utf8.ValidString(f.Message))
		}
	}
}

// TestProposalFolderIsNotAConnector: a sweep of the upstream repository meets proposal folders
// ("Proposal - <Name> (Independent Publisher)" with only a readme or intro.md). They get one
// RequiredFileMissing notice, not two errors; a proposal-named folder with a swagger is checked
// as a connector.
func TestProposalFolderIsNotAConnector(t *testing.T) {
	for _, tc := range []struct {
		name     string
		files    map[string]string
		want     int
		severity Severity
	}{
		{"readme only", map[string]string{SwaggerName: absent, PropertiesName: absent}, 1, Notice},
		{"swagger but no apiProperties", map[string]string{PropertiesName: absent}, 1, Error},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := makeConnector(t, IP, tc.files)
			prop := filepath.Join(filepath.Dir(dir), "Proposal - Contoso Tasks (Independent Publisher)")
			if err := os.Rename(dir, prop); err != nil {
				t.Fatal(err)
			}
			c, err := Load(prop, "c", 0)
			if err != nil {
				t.Fatal(err)
			}
			var got []Finding
			for _, f := range Check(c) {
				if f.Rule == "RequiredFileMissing" {
					got = append(got, f)
				}
			}
			if len(got) != tc.want || got[0].Severity != tc.severity {
				t.Fatalf("got %s, want %d RequiredFileMissing at %s", describe(got), tc.want, tc.severity)
			}
		})
	}
}

// TestChecksIndependent: checks give the same findings in reverse order (lateChecks still run
// after them), so no check depends on another's findings or on the order of the list.
func TestChecksIndependent(t *testing.T) {
	for _, tc := range ruleCases {
		var fs map[string]string
		if tc.files != nil {
			fs = tc.files(t)
		}
		c, err := Load(makeConnector(t, tc.kind, fs), "c", 0)
		if err != nil {
			t.Fatal(err)
		}
		c.New = tc.isNew
		want := describe(Check(c))
		p := newPass(c, nil, true)
		for i := len(checks) - 1; i >= 0; i-- {
			checks[i](p)
		}
		for _, run := range lateChecks {
			run(p)
		}
		if got := describe(p.limitedFindings()); got != want {
			t.Errorf("%s/%s: checks in reverse order found\n%s\nin order\n%s", tc.rule, tc.name, got, want)
		}
	}
}
