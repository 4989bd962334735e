package validate

import (
	"fmt"
	"strings"
	"testing"
)

// breakCase is one firing or non-firing case of a §15 rule: goodSwagger (and goodProperties)
// edited into an old and a new version. at is "old|new/file:line:col".
type breakCase struct {
	rule, name         string
	kind               Kind // 0 = IP
	old, new           []string
	oldProps, newProps []string
	fire               bool
	at                 string
	sev                Severity
}

// A query parameter for ListTasks, edited by the cases below.
const listDescription = `"description": "Lists the tasks of the signed-in user.",`

func withParam(p string) []string {
	return []string{listDescription, listDescription + ` "parameters": [` + p + `],`}
}

var breakCases = append(exampleBreakCases(), []breakCase{
	{rule: "OperationDeleted", name: "deprecated: warning", old: []string{`"operationId": "GetTask",`, `"operationId": "GetTask", "deprecated": true,`},
		new: []string{`"get": {
        "operationId": "GetTask"`, `"x-get": {
        "operationId": "GetTask"`}, fire: true, at: "new/apiDefinition.swagger.json:29:5", sev: Warning},
	{rule: "OperationDeleted", name: "the whole path gone", old: []string{`"/tasks/{taskId}": {`, `"/archive": {"get": {"operationId": "ListArchive", "responses": {"200": {"description": "OK"}}}}, "/tasks/{taskId}": {`}, fire: true, at: "new/apiDefinition.swagger.json:12:3"},

	{rule: "PathTemplateChanged", name: "method changed", new: []string{`"get": {
        "operationId": "GetTask"`, `"post": {
        "operationId": "GetTask"`}, fire: true, at: "new/apiDefinition.swagger.json:30:7"},
	{rule: "PathTemplateChanged", name: "variable renamed", new: []string{`"/tasks/{taskId}": {`, `"/tasks/{id}": {`}},

	{rule: "RequiredInputAdded", name: "required body property", new: []string{`"type": "object",`, `"type": "object", "required": ["due"],`, `"properties": {`, `"properties": {"due": {"type": "string"},`}, fire: true, at: "new/apiDefinition.swagger.json:42:22"},
	{rule: "RequiredInputAdded", name: "optional", new: withParam(`{"name": "project", "in": "query", "type": "string"}`)},

	{rule: "InputMadeRequired", name: "body property via $ref", new: []string{`"type": "object",`, `"type": "object", "required": ["title"],`}, fire: true, at: "new/apiDefinition.swagger.json:44:9"},
	{rule: "InputMadeRequired", name: "inside an optional body", old: []string{`"in": "body", "required": true,`, `"in": "body",`}, new: []string{`"in": "body", "required": true,`, `"in": "body",`, `"type": "object",`, `"type": "object", "required": ["title"],`}, fire: true, at: "new/apiDefinition.swagger.json:44:9"},

	{rule: "InputTypeChanged", name: "format added", old: withParam(`{"name": "n", "in": "query", "type": "string"}`), new: withParam(`{"name": "n", "in": "query", "type": "string", "format": "date-time"}`), fire: true, at: "new/apiDefinition.swagger.json:17:138", sev: Notice},
	{rule: "InputTypeChanged", name: "number narrowed", old: withParam(`{"name": "n", "in": "query", "type": "number"}`), new: withParam(`{"name": "n", "in": "query", "type": "integer"}`), fire: true, at: "new/apiDefinition.swagger.json:17:118"},
	{rule: "InputTypeChanged", name: "description edited", old: withParam(`{"name": "n", "in": "query", "type": "string", "description": "A"}`), new: withParam(`{"name": "n", "in": "query", "type": "string", "description": "B"}`)},

	{rule: "InputDeleted", name: "unchanged", old: withParam(`{"name": "n", "in": "query", "type": "string"}`), new: withParam(`{"name": "n", "in": "query", "type": "string"}`)},

	{rule: "OutputFieldDeleted", name: "a name with a dot", old: []string{`"properties": {`, `"properties": {"@odata.count": {"type": "integer"},`}, fire: true, at: "new/apiDefinition.swagger.json:26:52"},
	{rule: "OutputFieldDeleted", name: "removed from the 200 response, still in the 207", old: []string{`"parameters": [{"$ref": "#/parameters/taskId"}],
        "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Task"}}}`, `"parameters": [{"$ref": "#/parameters/taskId"}],
        "responses": {"200": {"description": "OK", "schema": {"type": "object", "properties": {"id": {"type": "string"}, "title": {"type": "string"}}}}, "207": {"description": "OK", "schema": {"$ref": "#/definitions/Task"}}}`},
		new: []string{`"parameters": [{"$ref": "#/parameters/taskId"}],
        "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Task"}}}`, `"parameters": [{"$ref": "#/parameters/taskId"}],
        "responses": {"200": {"description": "OK", "schema": {"type": "object", "properties": {"id": {"type": "string"}}}}, "207": {"description": "OK", "schema": {"$ref": "#/definitions/Task"}}}`}, fire: true, at: "new/apiDefinition.swagger.json:35:52"},

	{rule: "OutputNumberTypeChanged", name: "integer to number", old: []string{`"id": {"type": "string"`, `"id": {"type": "integer"`}, new: []string{`"id": {"type": "string"`, `"id": {"type": "number"`}, fire: true, at: "new/apiDefinition.swagger.json:43:24"},
	{rule: "OutputTypeChanged", name: "integer to number", old: []string{`"id": {"type": "string"`, `"id": {"type": "integer"`}, new: []string{`"id": {"type": "string"`, `"id": {"type": "number"`}},
	{rule: "OutputTypeChanged", name: "implicit response became an array", old: []string{`"schema": {"type": "array", "items": {"$ref": "#/definitions/Task"}}`, `"schema": {"description": "The tasks."}`}, fire: true, at: "new/apiDefinition.swagger.json:18:71"},

	{rule: "AuthenticationChanged", name: "connection parameter type", newProps: []string{`"type": "securestring"`, `"type": "string"`}, fire: true, at: "new/apiProperties.json:9:17"},
	{rule: "AuthenticationChanged", name: "header renamed", new: []string{`"X-API-Key"`, `"X-Key"`}},
}...)

// exampleBreakCases are the bad and the good case of each breaking rule's example: the
// documented examples run as tests.
func exampleBreakCases() []breakCase {
	var out []breakCase
	for _, r := range Rules() {
		bad, good := r.Example.BadCase, r.Example.GoodCase
		if bad == nil || good == nil || !bad.Change {
			continue
		}
		out = append(out, changeCase(r.ID, "example: bad", bad, true), changeCase(r.ID, "example: good", good, false))
	}
	return out
}

func changeCase(rule, name string, c *Case, fire bool) breakCase {
	pairs := func(edits []Edit, file string) []string {
		var out []string
		for _, e := range edits {
			if e.File == file {
				out = append(out, e.Old, e.New)
			}
		}
		return out
	}
	return breakCase{rule: rule, name: name, kind: c.Kind, fire: fire, at: c.At, sev: c.Severity,
		old: pairs(c.Base, SwaggerName), oldProps: pairs(c.Base, PropertiesName),
		new: pairs(c.Edits, SwaggerName), newProps: pairs(c.Edits, PropertiesName)}
}

func breakingPair(t *testing.T, bc breakCase) (*Connector, *Connector) {
	kind := bc.kind
	if kind == 0 {
		kind = IndependentPublisher
	}
	mk := func(path string, sw, props []string) *Connector {
		return FromFiles(path, path, kind, map[string][]byte{
			SwaggerName:    []byte(edit(t, goodSwagger, sw...)),
			PropertiesName: []byte(edit(t, goodProperties, props...)),
		}, "")
	}
	return mk("old", bc.old, bc.oldProps), mk("new", bc.new, bc.newProps)
}

func TestBreakingRules(t *testing.T) {
	for _, bc := range breakCases {
		t.Run(bc.rule+"/"+bc.name, func(t *testing.T) {
			old, new := breakingPair(t, bc)
			fs := Breaking(old, new)
			var got []Finding
			for _, f := range fs {
				if f.Rule == bc.rule {
					got = append(got, f)
				}
			}
			if !bc.fire {
				if len(got) > 0 {
					t.Fatalf("want no %s, got:\n%s", bc.rule, describe(fs))
				}
				return
			}
			want := bc.sev
			if want == 0 {
				want = mustRule(bc.rule).SeverityFor(new.Kind)
			}
			for _, f := range got {
				if fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column) == bc.at && f.Severity == want {
					return
				}
			}
			t.Fatalf("want %s %s at %s, got:\n%s", want, bc.rule, bc.at, describe(fs))
		})
	}
}

// TestEveryBreakingRuleHasCases: §15 is exempt from TestEveryRuleHasCases; this is its own.
func TestEveryBreakingRuleHasCases(t *testing.T) {
	fire, quiet := map[string]bool{}, map[string]bool{}
	for _, bc := range breakCases {
		if bc.fire {
			fire[bc.rule] = true
		} else {
			quiet[bc.rule] = true
		}
	}
	for _, r := range rulesInSection("15") {
		if !fire[r.ID] || !quiet[r.ID] {
			t.Errorf("%s needs a firing and a non-firing case in breakCases (fire %v, non-firing %v)", r.ID, fire[r.ID], quiet[r.ID])
		}
		if r.Section != "15" {
			t.Errorf("%s: section %q, want 15", r.ID, r.Section)
		}
	}
}

// TestBreakingSelfIsClean: a connector compared with itself has no breaking change.
func TestBreakingSelfIsClean(t *testing.T) {
	old, new := breakingPair(t, breakCase{})
	if fs := Breaking(old, new); len(fs) > 0 {
		t.Fatalf("self comparison:\n%s", describe(fs))
	}
}

// TestBreakingCapped: a definition shared by many operations gives one finding per operation and
// field, bounded per rule like Check's findings.
func TestBreakingCapped(t *testing.T) {
	var paths []string
	for i := range 300 {
		paths = append(paths, fmt.Sprintf(`"/t%d": {"get": {"operationId": "Op%d", "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Task"}}}}}`, i, i))
	}
	mk := func(props string) *Connector {
		sw := `{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {` + strings.Join(paths, ",") +
			`}, "definitions": {"Task": {"type": "object", "properties": {` + props + `}}}}`
		return FromFiles("c", "c", IndependentPublisher, map[string][]byte{SwaggerName: []byte(sw)}, "")
	}
	fs := Breaking(mk(`"a": {"type": "string"}, "b": {"type": "string"}, "k": {"type": "string"}`), mk(`"k": {"type": "string"}`))
	n, limit := 0, 0
	for _, f := range fs {
		switch f.Rule {
		case "OutputFieldDeleted":
			n++
		case "FindingsLimitExceeded":
			limit++
			if !strings.Contains(f.Message, "100 more OutputFieldDeleted findings") {
				t.Errorf("limit: %s", f.Message)
			}
		}
	}
	if n != MaxFindingsPerRule || limit != 1 {
		t.Errorf("%d OutputFieldDeleted, %d limit findings", n, limit)
	}
}
