package validate

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// Handles into goodSwagger for the operation cases (each edit keeps the line count, so the
// positions below can be read off goodSwagger).
const (
	listDesc   = `"description": "Lists the tasks of the signed-in user.",` // line 17, ListTasks
	listSum    = `"summary": "List tasks",`                                 // line 16
	getSum     = `"summary": "Get a task",`                                 // line 32, GetTask
	createBody = `"schema": {"$ref": "#/definitions/Task"}}],`              // line 25, end of CreateTask's parameters
	taskIDEnd  = `"x-ms-url-encoding": "single"}`                           // line 49, #/parameters/taskId
	goodQuery  = `{"name": "q", "in": "query", "type": "string", "x-ms-summary": "Search Query", "description": "Text to search for."}`
)

// listParams gives ListTasks a parameters array (its first entry opens at 17:81).
func listParams(params string, more ...string) []string {
	return append([]string{listDesc, listDesc + ` "parameters": [` + params + `],`}, more...)
}

func query(extra string) string {
	return `{"name": "q", "in": "query", "x-ms-summary": "Search Query", "description": "Text to search for.", ` + extra + `}`
}

// manyPaths adds n one-line operations before /tasks.
func manyPaths(n int) string {
	var sb strings.Builder
	sb.WriteString(`"paths": {`)
	for i := range n {
		sb.WriteString(`"/p` + strings.Repeat("x", i) + `": {"get": {"operationId": "P` + strings.Repeat("x", i) + `", "responses": {}}},`)
	}
	return sb.String()
}

const fam = `"x-ms-api-annotation": {"family": "Tasks", `

// operationCases are the firing and non-firing cases of the operation rules.
var operationCases = []ruleCase{
	// §4 Operations and paths
	{rule: "OperationIdSanitized", name: "dot: warning", kind: CU, files: swaggerEdit(`"ListTasks"`, `"tasks.list"`), fire: true, at: SwaggerName + ":15:24", ptr: "/paths/~1tasks/get/operationId", sev: Warning},

	{rule: "OperationIdShouldEndWithRevision", name: "V12 is not V2", kind: IP, files: swaggerEdit(`"GetTask"`, `"GetTaskV12"`, getSum, getSum+` "x-ms-api-annotation": {"family": "GetTask", "revision": 2},`), fire: true, at: SwaggerName + ":31:24", ptr: "/paths/~1tasks~1{taskId}/get/operationId"},

	{rule: "OperationSummaryMissing", name: "Internal in another case is internal", kind: IP, files: swaggerEdit(listSum, `"x-ms-visibility": "Internal",`)},
	{rule: "OperationSummaryMissing", name: "custom connector", kind: CU, files: swaggerEdit(listSum, ``)},
	{rule: "OperationSummaryMissing", name: "no summary, new: error", kind: IP, isNew: true, files: swaggerEdit(listSum, ``), fire: true, at: SwaggerName + ":14:7", ptr: "/paths/~1tasks/get", sev: Error},

	{rule: "TextLengthGuidelineExceeded", name: "81-character x-ms-summary", kind: C, files: swaggerEdit(`"x-ms-summary": "Task ID", "description": "The ID of the task.", "x-ms-url`, `"x-ms-summary": "`+strings.Repeat("T", 81)+`", "description": "The ID of the task.", "x-ms-url`), fire: true, at: SwaggerName + ":49:100", ptr: "/parameters/taskId/x-ms-summary"},
	{rule: "TextLengthGuidelineExceeded", name: "81-character body property label", kind: IP, files: swaggerEdit(`"x-ms-summary": "Title"`, `"x-ms-summary": "`+strings.Repeat("T", 81)+`"`), fire: true, at: SwaggerName + ":44:53", ptr: "/definitions/Task/properties/title/x-ms-summary"},

	{rule: "OperationSummaryStyle", name: "colon: C notice", kind: C, files: swaggerEdit(`"List tasks"`, `"Tasks: list"`), fire: true, at: SwaggerName + ":16:20", ptr: "/paths/~1tasks/get/summary", sev: Notice},
	{rule: "OperationSummaryStyle", name: "parentheses, hyphen, apostrophe", kind: IP, files: swaggerEdit(`"List tasks"`, `"List user's to-do tasks (all)"`)},

	{rule: "BodyOrFormDataParameterInFetchOperationNotAllowed", name: "GET with formData: error", kind: CU, files: swaggerEdit(listParams(`{"name": "filter", "in": "formData", "type": "string"}`)...), fire: true, at: SwaggerName + ":17:106", ptr: "/paths/~1tasks/get/parameters/0/in", sev: Error},

	{rule: "TotalOperationsCountExceedsMaxAllowed", name: "257 operations", kind: CU, files: swaggerEdit(`"paths": {`, manyPaths(254)), fire: true, at: SwaggerName + ":12:3", ptr: "/paths"},
	{rule: "TotalOperationsCountExceedsMaxAllowed", name: "256 operations", kind: CU, files: swaggerEdit(`"paths": {`, manyPaths(253))},

	{rule: "OperationPathTemplateNotValid", name: "variable across a slash", kind: CU, files: swaggerEdit(`"/tasks/{taskId}": {`, `"/tasks/{task/Id}": {`), fire: true, at: SwaggerName + ":29:5", ptr: "/paths/~1tasks~1{task~1Id}"},

	{rule: "OperationRevisionEmpty", name: "family of two, one without revision: error", kind: CU, files: swaggerEdit(listSum, listSum+` `+fam+`"status": "Preview"},`, getSum, getSum+` `+fam+`"revision": 2},`), fire: true, at: SwaggerName + ":16:68", ptr: "/paths/~1tasks/get/x-ms-api-annotation/family", sev: Error},

	{rule: "OperationStatusAheadOfConnector", name: "production under preview, any case", kind: CU, files: swaggerEdit(`"version": "1.0",`, `"version": "1.0", "x-ms-api-annotation": {"status": "preview"},`, listSum, listSum+` "x-ms-api-annotation": {"status": "production"},`), fire: true, at: SwaggerName + ":16:68", ptr: "/paths/~1tasks/get/x-ms-api-annotation/status"},
	{rule: "JsonValueNotInEnum", name: "annotation status production: notice", kind: CU, files: swaggerEdit(listSum, listSum+` "x-ms-api-annotation": {"status": "production"},`), fire: true, at: SwaggerName + ":16:68", ptr: "/paths/~1tasks/get/x-ms-api-annotation/status", sev: Notice},

	// §5 Parameters
	{rule: "ParameterSummaryMissing", name: "through $ref: reported at the definition, C warning", kind: C, files: swaggerEdit(`"x-ms-summary": "Task ID", "description": "The ID of the task.", "x-ms-url`, `"description": "The ID of the task.", "x-ms-url`), fire: true, at: SwaggerName + ":49:5", ptr: "/parameters/taskId"},
	{rule: "ParameterSummaryMissing", name: "body parameter", kind: IP, files: swaggerEdit(`"x-ms-summary": "Task", `, ``)},

	{rule: "ParameterDescriptionMissing", name: "C warning", kind: C, files: swaggerEdit(listParams(`{"name": "q", "in": "query", "type": "string", "x-ms-summary": "Search Query"}`)...), fire: true, at: SwaggerName + ":17:81", ptr: "/paths/~1tasks/get/parameters/0", sev: Warning},

	{rule: "DescriptionRepeatsName", name: "description is the x-ms-summary", kind: IP, files: swaggerEdit(listParams(query(`"type": "string"`), `"description": "Text to search for."`, `"description": "search query"`)...), fire: true, at: SwaggerName + ":17:157", ptr: "/paths/~1tasks/get/parameters/0/description"},

	{rule: "PathParameterMustBeRequired", name: "required absent", kind: CU, files: swaggerEdit(`"in": "path", "required": true`, `"in": "path"`), fire: true, at: SwaggerName + ":49:5", ptr: "/parameters/taskId"},

	{rule: "DefaultValueMustMatchType", name: "body property, at the definition", kind: CU, files: swaggerEdit(`"title": {"type": "string",`, `"title": {"type": "string", "default": 5,`), fire: true, at: SwaggerName + ":44:48", ptr: "/definitions/Task/properties/title/default"},

	{rule: "CollectionFormatValueNotSupported", name: "multi in a header", kind: CU, files: swaggerEdit(listParams(`{"name": "h", "in": "header", "type": "array", "items": {"type": "string"}, "collectionFormat": "multi"}`)...), fire: true, at: SwaggerName + ":17:177", ptr: "/paths/~1tasks/get/parameters/0/collectionFormat"},

	{rule: "InternalParameterWithoutDefault", name: "INTERNAL required", kind: CU, files: swaggerEdit(listParams(`{"name": "v", "in": "query", "type": "string", "required": true, "x-ms-visibility": "INTERNAL"}`)...), fire: true, at: SwaggerName + ":17:81", ptr: "/paths/~1tasks/get/parameters/0"},

	{rule: "RequiredReadOnlyPropertyNotAllowedAsInput", name: "required $ref to a readOnly definition", kind: CU, files: swaggerEdit(`"type": "object",`, `"type": "object", "required": ["owner"],`, `"properties": {`, `"properties": {"owner": {"$ref": "#/definitions/User"},`, `"definitions": {`, `"definitions": {"User": {"readOnly": true, "type": "object"},`), fire: true, at: SwaggerName + ":39:40", ptr: "/definitions/User/readOnly"},

	{rule: "ParameterReferenceNotValid", name: "outside #/parameters", kind: CU, files: swaggerEdit(`"#/parameters/taskId"`, `"#/x-params/taskId"`, `"parameters": {`, `"x-params": {"taskId": {"name": "taskId", "in": "path", "required": true, "type": "string"}}, "parameters": {`), fire: true, at: SwaggerName + ":34:33", ptr: "/paths/~1tasks~1{taskId}/get/parameters/0/$ref"},
}

// TestParameterReportedOnceWhereWritten: a #/parameters entry used by two operations is checked
// at each use but reported once, at its definition; inline repeats stay one finding each, every
// message prefixed with its operation so a summary can group them.
func TestParameterReportedOnceWhereWritten(t *testing.T) {
	sw := edit(t, goodSwagger,
		`"x-ms-summary": "Task ID", "description": "The ID of the task.", "x-ms-url`, `"description": "The ID of the task.", "x-ms-url`,
		`"/tasks/{taskId}": {`, `"/tasks/{taskId}": {"delete": {"operationId": "DeleteTask", "summary": "Delete a task", "description": "Deletes a task.", "parameters": [{"$ref": "#/parameters/taskId"}], "responses": {"204": {"description": "Deleted"}}},`,
		listDesc, listDesc+` "parameters": [{"name": "a", "in": "query", "type": "string", "description": "A."}, {"name": "b", "in": "query", "type": "string", "description": "B."}],`)
	var got []string
	for _, f := range checkDir(t, makeConnector(t, IP, map[string]string{SwaggerName: sw}), 0) {
		if f.Rule == "ParameterSummaryMissing" {
			got = append(got, fmt.Sprintf("%d:%d %s", f.Line, f.Column, f.Message[:strings.Index(f.Message, " has")]))
		}
	}
	want := []string{
		`17:81 ListTasks: parameter "a"`,
		`17:150 ListTasks: parameter "b"`,
		`49:5 DeleteTask: parameter "taskId"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("ParameterSummaryMissing findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestOperationRulesTolerateMalformedInput: every node may be missing or of another type.
func TestOperationRulesTolerateMalformedInput(t *testing.T) {
	for _, sw := range []string{
		`{"swagger": "2.0", "paths": {"": {}, "{": {"get": 1}, "}{x}/": {"get": {"parameters": "x"}}, "/a": []}}`,
		`{"swagger": "2.0", "paths": {"/a/{b}": {"parameters": [1, null, "a", {"$ref": 5}, {"in": 3}, {"$ref": "#/parameters/p"}], "get": {"parameters": [{"name": 1, "in": "path"}, {"in": "body", "schema": []}, {"in": "query", "type": "array", "items": {"items": {"collectionFormat": 3}}, "enum": 1, "default": {}}], "summary": 5, "description": [], "operationId": {}}}}, "parameters": {"p": {"$ref": "#/parameters/p"}}}`,
		`{"swagger": "2.0", "info": {"x-ms-api-annotation": 1}, "paths": {"/a": {"get": {"operationId": "A", "deprecated": true, "x-ms-api-annotation": {"family": 3, "revision": "1", "replacement": 5}}, "post": {"deprecated": "yes", "x-ms-api-annotation": {"family": "F", "replacement": {"api": null}}, "consumes": "x", "parameters": [{"in": "body", "name": "b", "schema": {"$ref": "#/definitions/L"}}, {"in": "query", "name": "b.x"}]}}}, "definitions": {"L": {"properties": {"x": {"$ref": "#/definitions/L"}, "y": 1}, "required": "x"}}}`,
		`[]`, `{"paths": 1}`, `{"paths": {"/a": {"$ref": 1, "get": {"responses": {}}}}}`,
	} {
		dir := makeConnector(t, IP, map[string]string{SwaggerName: sw})
		_ = checkDir(t, dir, 0) // must not panic
	}
}
