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

func summaryOf(n int) string { return `"summary": "` + strings.Repeat("a", n) + `",` }

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
	{rule: "OperationIdSanitized", name: "underscore: notice", kind: IP, files: swaggerEdit(`"ListTasks"`, `"List_Tasks"`), fire: true, at: SwaggerName + ":15:24", ptr: "/paths/~1tasks/get/operationId", sev: Notice},
	{rule: "OperationIdSanitized", name: "dot: warning", kind: CU, files: swaggerEdit(`"ListTasks"`, `"tasks.list"`), fire: true, at: SwaggerName + ":15:24", ptr: "/paths/~1tasks/get/operationId", sev: Warning},
	{rule: "OperationIdSanitized", name: "letters and digits", kind: IP, files: swaggerEdit(`"ListTasks"`, `"ListTasks2"`)},

	{rule: "OperationIdTooLong", name: "128 characters", kind: CU, files: swaggerEdit(`"ListTasks"`, `"`+strings.Repeat("L", 128)+`"`), fire: true, at: SwaggerName + ":15:24", ptr: "/paths/~1tasks/get/operationId"},
	{rule: "OperationIdTooLong", name: "127 characters", kind: IP, files: swaggerEdit(`"ListTasks"`, `"`+strings.Repeat("L", 127)+`"`)},

	{rule: "OperationIdShouldEndWithRevision", name: "revision 2 without V2", kind: IP, files: swaggerEdit(getSum, getSum+` "x-ms-api-annotation": {"family": "GetTask", "revision": 2},`), fire: true, at: SwaggerName + ":31:24", ptr: "/paths/~1tasks~1{taskId}/get/operationId"},
	{rule: "OperationIdShouldEndWithRevision", name: "revision 2 with V2", kind: IP, files: swaggerEdit(`"GetTask"`, `"GetTaskV2"`, getSum, getSum+` "x-ms-api-annotation": {"family": "GetTask", "revision": 2},`)},
	{rule: "OperationIdShouldEndWithRevision", name: "V12 is not V2", kind: IP, files: swaggerEdit(`"GetTask"`, `"GetTaskV12"`, getSum, getSum+` "x-ms-api-annotation": {"family": "GetTask", "revision": 2},`), fire: true, at: SwaggerName + ":31:24", ptr: "/paths/~1tasks~1{taskId}/get/operationId"},

	{rule: "OperationSummaryMissing", name: "no summary", kind: IP, files: swaggerEdit(listSum, ``), fire: true, at: SwaggerName + ":14:7", ptr: "/paths/~1tasks/get", sev: Warning},
	{rule: "OperationSummaryMissing", name: "internal operation", kind: IP, files: swaggerEdit(listSum, `"x-ms-visibility": "internal",`)},
	{rule: "OperationSummaryMissing", name: "Internal in another case is internal", kind: IP, files: swaggerEdit(listSum, `"x-ms-visibility": "Internal",`)},
	{rule: "OperationSummaryMissing", name: "custom connector", kind: CU, files: swaggerEdit(listSum, ``)},
	{rule: "OperationSummaryMissing", name: "no summary, new: error", kind: IP, isNew: true, files: swaggerEdit(listSum, ``), fire: true, at: SwaggerName + ":14:7", ptr: "/paths/~1tasks/get", sev: Error},

	{rule: "OperationDescriptionMissing", name: "no description", kind: C, files: swaggerEdit(listDesc, ``), fire: true, at: SwaggerName + ":14:7", ptr: "/paths/~1tasks/get"},
	{rule: "OperationDescriptionMissing", name: "internal operation", kind: IP, files: swaggerEdit(listDesc, `"x-ms-visibility": "internal",`)},

	{rule: "RestrictedCharactersInSummary", name: "ampersand", kind: IP, files: swaggerEdit(`"List tasks"`, `"List tasks & projects"`), fire: true, at: SwaggerName + ":16:20", ptr: "/paths/~1tasks/get/summary"},
	{rule: "RestrictedCharactersInSummary", name: "and", kind: IP, files: swaggerEdit(`"List tasks"`, `"List tasks and projects"`)},

	{rule: "OperationSummaryTooLong", name: "120 characters", kind: IP, files: swaggerEdit(listSum, summaryOf(120)), fire: true, at: SwaggerName + ":16:20", ptr: "/paths/~1tasks/get/summary"},
	{rule: "OperationSummaryTooLong", name: "119 characters", kind: IP, files: swaggerEdit(listSum, summaryOf(119))},

	{rule: "TextLengthGuidelineExceeded", name: "81-character summary", kind: IP, files: swaggerEdit(listSum, summaryOf(81)), fire: true, at: SwaggerName + ":16:20", ptr: "/paths/~1tasks/get/summary"},
	{rule: "TextLengthGuidelineExceeded", name: "81-character x-ms-summary", kind: C, files: swaggerEdit(`"x-ms-summary": "Task ID", "description": "The ID of the task.", "x-ms-url`, `"x-ms-summary": "`+strings.Repeat("T", 81)+`", "description": "The ID of the task.", "x-ms-url`), fire: true, at: SwaggerName + ":49:100", ptr: "/parameters/taskId/x-ms-summary"},
	{rule: "TextLengthGuidelineExceeded", name: "81-character body property label", kind: IP, files: swaggerEdit(`"x-ms-summary": "Title"`, `"x-ms-summary": "`+strings.Repeat("T", 81)+`"`), fire: true, at: SwaggerName + ":44:53", ptr: "/definitions/Task/properties/title/x-ms-summary"},
	{rule: "TextLengthGuidelineExceeded", name: "80 characters", kind: IP, files: swaggerEdit(listSum, summaryOf(80))},

	{rule: "OperationSummaryStyle", name: "trailing period: IP warning", kind: IP, files: swaggerEdit(`"List tasks"`, `"List tasks."`), fire: true, at: SwaggerName + ":16:20", ptr: "/paths/~1tasks/get/summary"},
	{rule: "OperationSummaryStyle", name: "colon: C notice", kind: C, files: swaggerEdit(`"List tasks"`, `"Tasks: list"`), fire: true, at: SwaggerName + ":16:20", ptr: "/paths/~1tasks/get/summary", sev: Notice},
	{rule: "OperationSummaryStyle", name: "trailing ? is left to RestrictedCharactersInSummary", kind: IP, files: swaggerEdit(`"List tasks"`, `"List tasks?"`)},
	{rule: "OperationSummaryStyle", name: "parentheses, hyphen, apostrophe", kind: IP, files: swaggerEdit(`"List tasks"`, `"List user's to-do tasks (all)"`)},

	{rule: "SummaryEqualsDescription", name: "same text", kind: IP, files: swaggerEdit(`"Lists the tasks of the signed-in user."`, `"list Tasks"`), fire: true, at: SwaggerName + ":17:24", ptr: "/paths/~1tasks/get/description"},
	{rule: "SummaryEqualsDescription", name: "different text", kind: IP},

	{rule: "BodyOrFormDataParameterInFetchOperationNotAllowed", name: "GET with a body: dropped, a warning", kind: CU, files: swaggerEdit(listParams(`{"name": "filter", "in": "body", "schema": {"type": "object"}}`)...), fire: true, at: SwaggerName + ":17:106", ptr: "/paths/~1tasks/get/parameters/0/in", sev: Warning},
	{rule: "BodyOrFormDataParameterInFetchOperationNotAllowed", name: "GET with formData: error", kind: CU, files: swaggerEdit(listParams(`{"name": "filter", "in": "formData", "type": "string"}`)...), fire: true, at: SwaggerName + ":17:106", ptr: "/paths/~1tasks/get/parameters/0/in", sev: Error},
	{rule: "BodyOrFormDataParameterInFetchOperationNotAllowed", name: "POST with a body", kind: CU},

	{rule: "TotalOperationsCountExceedsMaxAllowed", name: "257 operations", kind: CU, files: swaggerEdit(`"paths": {`, manyPaths(254)), fire: true, at: SwaggerName + ":12:3", ptr: "/paths"},
	{rule: "TotalOperationsCountExceedsMaxAllowed", name: "256 operations", kind: CU, files: swaggerEdit(`"paths": {`, manyPaths(253))},

	{rule: "OperationPathMustStartWithSlash", name: "no slash", kind: CU, files: swaggerEdit(`"/tasks/{taskId}": {`, `"tasks/{taskId}": {`), fire: true, at: SwaggerName + ":29:5", ptr: "/paths/tasks~1{taskId}"},
	{rule: "OperationPathMustStartWithSlash", name: "slash", kind: CU},

	{rule: "OperationPathMayNotContainQueryOrFragment", name: "query string", kind: CU, files: swaggerEdit(`"/tasks": {`, `"/tasks?all=true": {`), fire: true, at: SwaggerName + ":13:5", ptr: "/paths/~1tasks?all=true"},
	{rule: "OperationPathMayNotContainQueryOrFragment", name: "plain", kind: CU},

	{rule: "OperationPathContainsUnsupportedCharacters", name: "asterisk", kind: CU, files: swaggerEdit(`"/tasks": {`, `"/tasks*": {`), fire: true, at: SwaggerName + ":13:5", ptr: "/paths/~1tasks*"},
	{rule: "OperationPathContainsUnsupportedCharacters", name: "plain", kind: CU},

	{rule: "OperationPathTemplateNotValid", name: "unclosed brace", kind: CU, files: swaggerEdit(`"/tasks/{taskId}": {`, `"/tasks/{taskId": {`), fire: true, at: SwaggerName + ":29:5", ptr: "/paths/~1tasks~1{taskId"},
	{rule: "OperationPathTemplateNotValid", name: "variable across a slash", kind: CU, files: swaggerEdit(`"/tasks/{taskId}": {`, `"/tasks/{task/Id}": {`), fire: true, at: SwaggerName + ":29:5", ptr: "/paths/~1tasks~1{task~1Id}"},
	{rule: "OperationPathTemplateNotValid", name: "balanced", kind: CU},

	{rule: "OperationPathVariablesContainDefaults", name: "default value", kind: CU, files: swaggerEdit(`"/tasks/{taskId}": {`, `"/tasks/{taskId=1}": {`), fire: true, at: SwaggerName + ":29:5", ptr: "/paths/~1tasks~1{taskId=1}"},
	{rule: "OperationPathVariablesContainDefaults", name: "plain variable", kind: CU},

	{rule: "PathRedefined", name: "letter case", kind: CU, files: swaggerEdit(`"/tasks/{taskId}": {`, `"/Tasks": {`), fire: true, at: SwaggerName + ":29:5", ptr: "/paths/~1Tasks"},
	{rule: "PathRedefined", name: "distinct paths", kind: CU},

	{rule: "DuplicateOperationPath", name: "variable names differ", kind: CU, files: swaggerEdit(`"/tasks/{taskId}": {`, `"/tasks/{id}": {"get": {"operationId": "GetById", "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}], "responses": {}}}, "/tasks/{taskId}": {`), fire: true, at: SwaggerName + ":30:7", ptr: "/paths/~1tasks~1{taskId}/get"},
	{rule: "DuplicateOperationPath", name: "other method", kind: CU, files: swaggerEdit(`"/tasks/{taskId}": {`, `"/tasks/{id}": {"delete": {"operationId": "DeleteTask", "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}], "responses": {}}}, "/tasks/{taskId}": {`)},

	{rule: "PartialDuplicateOperationPath", name: "crossing variables", kind: CU, files: swaggerEdit(`"/tasks/{taskId}": {`, `"/a/{x}/c": {"get": {"operationId": "A", "responses": {}}}, "/a/b/{y}": {"get": {"operationId": "B", "responses": {}}}, "/tasks/{taskId}": {`), fire: true, at: SwaggerName + ":29:78", ptr: "/paths/~1a~1b~1{y}/get"},
	{rule: "PartialDuplicateOperationPath", name: "fixed segment beside a variable", kind: CU, files: swaggerEdit(`"/tasks/{taskId}": {`, `"/a/{x}": {"get": {"operationId": "A", "responses": {}}}, "/a/b": {"get": {"operationId": "B", "responses": {}}}, "/tasks/{taskId}": {`)},

	{rule: "PathItemRefNotSuppored", name: "path item $ref", kind: CU, files: swaggerEdit(`"/tasks/{taskId}": {`, `"/tasks/{taskId}": {"$ref": "#/x-paths/t",`), fire: true, at: SwaggerName + ":29:25", ptr: "/paths/~1tasks~1{taskId}/$ref"},
	{rule: "PathItemRefNotSuppored", name: "inline", kind: CU},

	{rule: "DeprecatedOperationNotMarked", name: "deprecated without link", kind: IP, files: swaggerEdit(listSum, listSum+` "deprecated": true,`), fire: true, at: SwaggerName + ":16:48", ptr: "/paths/~1tasks/get/deprecated"},
	{rule: "DeprecatedOperationNotMarked", name: "marked and linked", kind: IP, files: swaggerEdit(listSum, `"summary": "List tasks (deprecated)", "deprecated": true, `+fam+`"revision": 1},`)},

	{rule: "ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations", name: "not deprecated", kind: CU, files: swaggerEdit(listSum, listSum+` "x-ms-api-annotation": {"replacement": {"api": "tasks", "operationId": "GetTask"}},`), fire: true, at: SwaggerName + ":16:58", ptr: "/paths/~1tasks/get/x-ms-api-annotation/replacement"},
	{rule: "ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations", name: "deprecated", kind: CU, files: swaggerEdit(listSum, listSum+` "deprecated": true, "x-ms-api-annotation": {"replacement": {"api": "tasks", "operationId": "GetTask"}},`)},

	{rule: "ApiAnnotationExtensionReplacementInfoMissingApiProperty", name: "no api", kind: CU, files: swaggerEdit(listSum, listSum+` "deprecated": true, "x-ms-api-annotation": {"replacement": {"operationId": "GetTask"}},`), fire: true, at: SwaggerName + ":16:78", ptr: "/paths/~1tasks/get/x-ms-api-annotation/replacement"},
	{rule: "ApiAnnotationExtensionReplacementInfoMissingApiProperty", name: "complete", kind: CU, files: swaggerEdit(listSum, listSum+` "deprecated": true, "x-ms-api-annotation": {"replacement": {"api": "tasks", "operationId": "GetTask"}},`)},

	{rule: "ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty", name: "no operationId", kind: CU, files: swaggerEdit(listSum, listSum+` "deprecated": true, "x-ms-api-annotation": {"replacement": {"api": "tasks"}},`), fire: true, at: SwaggerName + ":16:78", ptr: "/paths/~1tasks/get/x-ms-api-annotation/replacement"},
	{rule: "ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty", name: "complete", kind: CU, files: swaggerEdit(listSum, listSum+` "deprecated": true, "x-ms-api-annotation": {"replacement": {"api": "tasks", "operationId": "GetTask"}},`)},

	{rule: "OperationFamilyHasDuplicateRevisions", name: "two revision 1", kind: CU, files: swaggerEdit(listSum, listSum+` `+fam+`"revision": 1},`, getSum, getSum+` `+fam+`"revision": 1},`), fire: true, at: SwaggerName + ":32:89", ptr: "/paths/~1tasks~1{taskId}/get/x-ms-api-annotation/revision"},
	{rule: "OperationFamilyHasDuplicateRevisions", name: "revisions 1 and 2", kind: CU, files: swaggerEdit(listSum, listSum+` `+fam+`"revision": 1},`, getSum, getSum+` `+fam+`"revision": 2},`)},

	{rule: "OperationFamilyHasManyActiveOperations", name: "three active", kind: CU, files: swaggerEdit(listSum, listSum+` `+fam+`"revision": 1},`, `"summary": "Create a task",`, `"summary": "Create a task", `+fam+`"revision": 2},`, getSum, getSum+` `+fam+`"revision": 3},`), fire: true, at: SwaggerName + ":32:68", ptr: "/paths/~1tasks~1{taskId}/get/x-ms-api-annotation/family"},
	{rule: "OperationFamilyHasManyActiveOperations", name: "oldest deprecated", kind: CU, files: swaggerEdit(listSum, listSum+` "deprecated": true, `+fam+`"revision": 1},`, `"summary": "Create a task",`, `"summary": "Create a task", `+fam+`"revision": 2},`, getSum, getSum+` `+fam+`"revision": 3},`)},

	{rule: "OperationFamilyHasManyActiveProductionOperations", name: "two Production", kind: CU, files: swaggerEdit(listSum, listSum+` `+fam+`"revision": 1, "status": "Production"},`, getSum, getSum+` `+fam+`"revision": 2, "status": "Production"},`), fire: true, at: SwaggerName + ":32:102", ptr: "/paths/~1tasks~1{taskId}/get/x-ms-api-annotation/status"},
	{rule: "OperationFamilyHasManyActiveProductionOperations", name: "Production and Preview", kind: CU, files: swaggerEdit(listSum, listSum+` `+fam+`"revision": 1, "status": "Production"},`, getSum, getSum+` `+fam+`"revision": 2, "status": "Preview"},`)},

	{rule: "OperationFamilyHasManyEmptyRevisions", name: "two without revision", kind: CU, files: swaggerEdit(listSum, listSum+` `+fam+`"status": "Preview"},`, getSum, getSum+` `+fam+`"status": "Preview"},`), fire: true, at: SwaggerName + ":32:68", ptr: "/paths/~1tasks~1{taskId}/get/x-ms-api-annotation/family"},
	{rule: "OperationFamilyHasManyEmptyRevisions", name: "one without revision", kind: CU, files: swaggerEdit(listSum, listSum+` `+fam+`"status": "Preview"},`, getSum, getSum+` `+fam+`"revision": 2},`)},

	{rule: "OperationRevisionEmpty", name: "family of one without revision: warning", kind: CU, files: swaggerEdit(listSum, listSum+` `+fam+`"status": "Preview"},`), fire: true, at: SwaggerName + ":16:68", ptr: "/paths/~1tasks/get/x-ms-api-annotation/family", sev: Warning},
	{rule: "OperationRevisionEmpty", name: "family of two, one without revision: error", kind: CU, files: swaggerEdit(listSum, listSum+` `+fam+`"status": "Preview"},`, getSum, getSum+` `+fam+`"revision": 2},`), fire: true, at: SwaggerName + ":16:68", ptr: "/paths/~1tasks/get/x-ms-api-annotation/family", sev: Error},
	{rule: "OperationRevisionEmpty", name: "revision set", kind: CU, files: swaggerEdit(listSum, listSum+` `+fam+`"revision": 1},`)},

	{rule: "OperationStatusAheadOfConnector", name: "Production under Preview", kind: CU, files: swaggerEdit(`"version": "1.0",`, `"version": "1.0", "x-ms-api-annotation": {"status": "Preview"},`, listSum, listSum+` "x-ms-api-annotation": {"status": "Production"},`), fire: true, at: SwaggerName + ":16:68", ptr: "/paths/~1tasks/get/x-ms-api-annotation/status"},
	{rule: "OperationStatusAheadOfConnector", name: "production under preview, any case", kind: CU, files: swaggerEdit(`"version": "1.0",`, `"version": "1.0", "x-ms-api-annotation": {"status": "preview"},`, listSum, listSum+` "x-ms-api-annotation": {"status": "production"},`), fire: true, at: SwaggerName + ":16:68", ptr: "/paths/~1tasks/get/x-ms-api-annotation/status"},
	{rule: "JsonValueNotInEnum", name: "annotation status production: notice", kind: CU, files: swaggerEdit(listSum, listSum+` "x-ms-api-annotation": {"status": "production"},`), fire: true, at: SwaggerName + ":16:68", ptr: "/paths/~1tasks/get/x-ms-api-annotation/status", sev: Notice},
	{rule: "OperationStatusAheadOfConnector", name: "Production under Production", kind: CU, files: swaggerEdit(`"version": "1.0",`, `"version": "1.0", "x-ms-api-annotation": {"status": "Production"},`, listSum, listSum+` "x-ms-api-annotation": {"status": "Production"},`)},

	// §5 Parameters
	{rule: "ParameterSummaryMissing", name: "inline: published IP, warning", kind: IP, files: swaggerEdit(listParams(`{"name": "q", "in": "query", "type": "string", "description": "Text to search for."}`)...), fire: true, at: SwaggerName + ":17:81", ptr: "/paths/~1tasks/get/parameters/0"},
	{rule: "ParameterSummaryMissing", name: "through $ref: reported at the definition, C warning", kind: C, files: swaggerEdit(`"x-ms-summary": "Task ID", "description": "The ID of the task.", "x-ms-url`, `"description": "The ID of the task.", "x-ms-url`), fire: true, at: SwaggerName + ":49:5", ptr: "/parameters/taskId"},
	{rule: "ParameterSummaryMissing", name: "internal parameter", kind: IP, files: swaggerEdit(listParams(`{"name": "q", "in": "query", "type": "string", "x-ms-visibility": "internal", "default": "x", "required": true}`)...)},
	{rule: "ParameterSummaryMissing", name: "body parameter", kind: IP, files: swaggerEdit(`"x-ms-summary": "Task", `, ``)},

	{rule: "ParameterDescriptionMissing", name: "inline: published IP, warning", kind: IP, files: swaggerEdit(listParams(`{"name": "q", "in": "query", "type": "string", "x-ms-summary": "Search Query"}`)...), fire: true, at: SwaggerName + ":17:81", ptr: "/paths/~1tasks/get/parameters/0"},
	{rule: "ParameterDescriptionMissing", name: "C warning", kind: C, files: swaggerEdit(listParams(`{"name": "q", "in": "query", "type": "string", "x-ms-summary": "Search Query"}`)...), fire: true, at: SwaggerName + ":17:81", ptr: "/paths/~1tasks/get/parameters/0", sev: Warning},
	{rule: "ParameterDescriptionMissing", name: "internal operation", kind: IP, files: swaggerEdit(listParams(`{"name": "q", "in": "query", "type": "string", "x-ms-summary": "Search Query"}`, listSum, listSum+` "x-ms-visibility": "internal",`)...)},

	{rule: "BodyParameterSummaryMissing", name: "no x-ms-summary", kind: IP, files: swaggerEdit(`"x-ms-summary": "Task", `, ``), fire: true, at: SwaggerName + ":25:24", ptr: "/paths/~1tasks/post/parameters/0"},
	{rule: "BodyParameterSummaryMissing", name: "labelled", kind: IP},

	{rule: "DescriptionRepeatsName", name: "description is the name", kind: IP, files: swaggerEdit(`"The ID of the task.", "x-ms-url`, `"Task Id.", "x-ms-url`), fire: true, at: SwaggerName + ":49:126", ptr: "/parameters/taskId/description"},
	{rule: "DescriptionRepeatsName", name: "description is the x-ms-summary", kind: IP, files: swaggerEdit(listParams(query(`"type": "string"`), `"description": "Text to search for."`, `"description": "search query"`)...), fire: true, at: SwaggerName + ":17:157", ptr: "/paths/~1tasks/get/parameters/0/description"},
	{rule: "DescriptionRepeatsName", name: "a real description", kind: IP},

	{rule: "PathParameterMustBeRequired", name: "required false", kind: CU, files: swaggerEdit(`"in": "path", "required": true`, `"in": "path", "required": false`), fire: true, at: SwaggerName + ":49:60", ptr: "/parameters/taskId/required"},
	{rule: "PathParameterMustBeRequired", name: "required absent", kind: CU, files: swaggerEdit(`"in": "path", "required": true`, `"in": "path"`), fire: true, at: SwaggerName + ":49:5", ptr: "/parameters/taskId"},
	{rule: "PathParameterMustBeRequired", name: "required", kind: CU},

	{rule: "PathParameterNotDefinedInTemplate", name: "no {x} in /tasks", kind: CU, files: swaggerEdit(listParams(`{"name": "x", "in": "path", "required": true, "type": "string"}`)...), fire: true, at: SwaggerName + ":17:90", ptr: "/paths/~1tasks/get/parameters/0/name"},
	{rule: "PathParameterNotDefinedInTemplate", name: "in the template", kind: CU},

	{rule: "OperationMissingPathParameter", name: "{list} undeclared", kind: CU, files: swaggerEdit(`"/tasks": {`, `"/tasks/{list}": {`), fire: true, at: SwaggerName + ":14:7", ptr: "/paths/~1tasks~1{list}/get"},
	{rule: "OperationMissingPathParameter", name: "declared through $ref", kind: CU},

	{rule: "PathParameterMissingEncoding", name: "no x-ms-url-encoding", kind: CU, files: swaggerEdit(`, "x-ms-url-encoding": "single"}`, `}`), fire: true, at: SwaggerName + ":49:5", ptr: "/parameters/taskId"},
	{rule: "PathParameterMissingEncoding", name: "single", kind: CU},

	{rule: "QueryParameterEncodingNotSupported", name: "on a query parameter", kind: CU, files: swaggerEdit(listParams(query(`"type": "string", "x-ms-url-encoding": "single"`))...), fire: true, at: SwaggerName + ":17:198", ptr: "/paths/~1tasks/get/parameters/0/x-ms-url-encoding"},
	{rule: "QueryParameterEncodingNotSupported", name: "plain query parameter", kind: CU, files: swaggerEdit(listParams(goodQuery)...)},

	{rule: "ConnectionIdParameterNotAllowed", name: "ConnectionId", kind: CU, files: swaggerEdit(listParams(`{"name": "ConnectionId", "in": "query", "type": "string"}`)...), fire: true, at: SwaggerName + ":17:90", ptr: "/paths/~1tasks/get/parameters/0/name"},
	{rule: "ConnectionIdParameterNotAllowed", name: "connection", kind: CU, files: swaggerEdit(listParams(`{"name": "connection", "in": "query", "type": "string"}`)...)},

	{rule: "OperationParametersContainDuplicateParameter", name: "q twice", kind: CU, files: swaggerEdit(listParams(goodQuery + `, ` + goodQuery)...), fire: true, at: SwaggerName + ":17:199", ptr: "/paths/~1tasks/get/parameters/1"},
	{rule: "OperationParametersContainDuplicateParameter", name: "same name, other location", kind: CU, files: swaggerEdit(listParams(goodQuery + `, {"name": "q", "in": "header", "type": "string"}`)...)},

	{rule: "PathParametersContainDuplicateParameter", name: "q twice at path level", kind: CU, files: swaggerEdit(`"/tasks": {`, `"/tasks": {"parameters": [`+goodQuery+`, `+goodQuery+`],`), fire: true, at: SwaggerName + ":13:149", ptr: "/paths/~1tasks/parameters/1"},
	{rule: "PathParametersContainDuplicateParameter", name: "once at path level", kind: CU, files: swaggerEdit(`"/tasks": {`, `"/tasks": {"parameters": [`+goodQuery+`],`)},

	{rule: "OperationParametersContainMultipleBodyParameters", name: "two bodies", kind: CU, files: swaggerEdit(createBody, `"schema": {"$ref": "#/definitions/Task"}}, {"name": "extra", "in": "body", "schema": {"type": "object"}}],`), fire: true, at: SwaggerName + ":25:140", ptr: "/paths/~1tasks/post/parameters/1"},
	{rule: "OperationParametersContainMultipleBodyParameters", name: "one body", kind: CU},

	{rule: "PathParametersContainMultipleBodyParameters", name: "two bodies at path level", kind: CU, files: swaggerEdit(`"/tasks": {`, `"/tasks": {"parameters": [{"name": "a", "in": "body", "schema": {}}, {"name": "b", "in": "body", "schema": {}}],`), fire: true, at: SwaggerName + ":13:74", ptr: "/paths/~1tasks/parameters/1"},
	{rule: "PathParametersContainMultipleBodyParameters", name: "one body at path level", kind: CU, files: swaggerEdit(`"/tasks": {`, `"/tasks": {"parameters": [{"name": "a", "in": "body", "schema": {}}],`)},

	{rule: "ParameterListContainsFormDataAndBody", name: "body and formData", kind: CU, files: swaggerEdit(createBody, `"schema": {"$ref": "#/definitions/Task"}}, {"name": "file", "in": "formData", "type": "file"}],`), fire: true, at: SwaggerName + ":25:163", ptr: "/paths/~1tasks/post/parameters/1/in"},
	{rule: "ParameterListContainsFormDataAndBody", name: "body only", kind: CU},

	{rule: "BodyParameterSchemaRequired", name: "no schema", kind: CU, files: swaggerEdit(`, "schema": {"$ref": "#/definitions/Task"}}],`, `}],`), fire: true, at: SwaggerName + ":25:24", ptr: "/paths/~1tasks/post/parameters/0"},
	{rule: "BodyParameterSchemaRequired", name: "schema", kind: CU},

	{rule: "BodyParameterPropertyNotValid", name: "type beside schema", kind: CU, files: swaggerEdit(createBody, `"type": "object", `+createBody), fire: true, at: SwaggerName + ":25:97", ptr: "/paths/~1tasks/post/parameters/0/type"},
	{rule: "BodyParameterPropertyNotValid", name: "schema only", kind: CU},

	{rule: "NonBodyParameterSchemaNotValid", name: "query with schema", kind: CU, files: swaggerEdit(listParams(query(`"schema": {"type": "string"}`))...), fire: true, at: SwaggerName + ":17:180", ptr: "/paths/~1tasks/get/parameters/0/schema"},
	{rule: "NonBodyParameterSchemaNotValid", name: "query with type", kind: CU, files: swaggerEdit(listParams(goodQuery)...)},

	{rule: "FileParameterMustBeInFormData", name: "file in query", kind: CU, files: swaggerEdit(listParams(query(`"type": "file"`))...), fire: true, at: SwaggerName + ":17:188", ptr: "/paths/~1tasks/get/parameters/0/type"},
	{rule: "FileParameterMustBeInFormData", name: "file in formData", kind: CU, files: swaggerEdit(createBody, `"schema": {"$ref": "#/definitions/Task"}}, {"name": "file", "in": "formData", "type": "file"}],`)},

	{rule: "InvalidFormDataParameterName", name: "non-ASCII", kind: CU, files: swaggerEdit(createBody, `"schema": {"$ref": "#/definitions/Task"}}, {"name": "pièce", "in": "formData", "type": "file"}],`), fire: true, at: SwaggerName + ":25:149", ptr: "/paths/~1tasks/post/parameters/1/name"},
	{rule: "InvalidFormDataParameterName", name: "ASCII", kind: CU, files: swaggerEdit(createBody, `"schema": {"$ref": "#/definitions/Task"}}, {"name": "piece", "in": "formData", "type": "file"}],`)},

	{rule: "StringBinaryNotSupportedForFormUrlEncoded", name: "binary in a urlencoded form", kind: CU, files: swaggerEdit(`["application/json"]`, `["application/x-www-form-urlencoded"]`, createBody, `"schema": {"$ref": "#/definitions/Task"}}, {"name": "doc", "in": "formData", "type": "string", "format": "binary"}],`), fire: true, at: SwaggerName + ":25:202", ptr: "/paths/~1tasks/post/parameters/1/format"},
	{rule: "StringBinaryNotSupportedForFormUrlEncoded", name: "binary in multipart", kind: CU, files: swaggerEdit(`["application/json"]`, `["multipart/form-data"]`, createBody, `"schema": {"$ref": "#/definitions/Task"}}, {"name": "doc", "in": "formData", "type": "string", "format": "binary"}],`)},

	{rule: "AllowEmptyValueOnlyValidForQueryFormData", name: "on a path parameter", kind: CU, files: swaggerEdit(taskIDEnd, `"x-ms-url-encoding": "single", "allowEmptyValue": true}`), fire: true, at: SwaggerName + ":49:180", ptr: "/parameters/taskId/allowEmptyValue"},
	{rule: "AllowEmptyValueOnlyValidForQueryFormData", name: "on a query parameter", kind: CU, files: swaggerEdit(listParams(query(`"type": "string", "allowEmptyValue": true`))...)},

	{rule: "DefaultValueMustMatchType", name: "quoted integer", kind: CU, files: swaggerEdit(listParams(query(`"type": "integer", "default": "10"`))...), fire: true, at: SwaggerName + ":17:210", ptr: "/paths/~1tasks/get/parameters/0/default"},
	{rule: "DefaultValueMustMatchType", name: "body property, at the definition", kind: CU, files: swaggerEdit(`"title": {"type": "string",`, `"title": {"type": "string", "default": 5,`), fire: true, at: SwaggerName + ":44:48", ptr: "/definitions/Task/properties/title/default"},
	{rule: "DefaultValueMustMatchType", name: "integer", kind: CU, files: swaggerEdit(listParams(query(`"type": "integer", "default": 10`))...)},

	{rule: "InvalidEnumValue", name: "string among integers", kind: CU, files: swaggerEdit(listParams(query(`"type": "integer", "enum": [1, "2"]`))...), fire: true, at: SwaggerName + ":17:211", ptr: "/paths/~1tasks/get/parameters/0/enum/1"},
	{rule: "InvalidEnumValue", name: "integers", kind: CU, files: swaggerEdit(listParams(query(`"type": "integer", "enum": [1, 2]`))...)},

	{rule: "CollectionFormatValueNotSupported", name: "unknown format", kind: CU, files: swaggerEdit(listParams(query(`"type": "array", "items": {"type": "string"}, "collectionFormat": "comma"`))...), fire: true, at: SwaggerName + ":17:246", ptr: "/paths/~1tasks/get/parameters/0/collectionFormat"},
	{rule: "CollectionFormatValueNotSupported", name: "multi in a header", kind: CU, files: swaggerEdit(listParams(`{"name": "h", "in": "header", "type": "array", "items": {"type": "string"}, "collectionFormat": "multi"}`)...), fire: true, at: SwaggerName + ":17:177", ptr: "/paths/~1tasks/get/parameters/0/collectionFormat"},
	{rule: "CollectionFormatValueNotSupported", name: "multi in query", kind: CU, files: swaggerEdit(listParams(query(`"type": "array", "items": {"type": "string"}, "collectionFormat": "multi"`))...)},

	{rule: "InternalParameterWithoutDefault", name: "internal required", kind: CU, files: swaggerEdit(listParams(`{"name": "v", "in": "query", "type": "string", "required": true, "x-ms-visibility": "internal"}`)...), fire: true, at: SwaggerName + ":17:81", ptr: "/paths/~1tasks/get/parameters/0"},
	{rule: "InternalParameterWithoutDefault", name: "INTERNAL required", kind: CU, files: swaggerEdit(listParams(`{"name": "v", "in": "query", "type": "string", "required": true, "x-ms-visibility": "INTERNAL"}`)...), fire: true, at: SwaggerName + ":17:81", ptr: "/paths/~1tasks/get/parameters/0"},
	{rule: "InternalParameterWithoutDefault", name: "with default", kind: CU, files: swaggerEdit(listParams(`{"name": "v", "in": "query", "type": "string", "required": true, "x-ms-visibility": "internal", "default": "2"}`)...)},

	{rule: "PropertyMustBeRequired", name: "internal optional with default", kind: CU, files: swaggerEdit(listParams(`{"name": "v", "in": "query", "type": "string", "x-ms-visibility": "internal", "default": "2"}`)...), fire: true, at: SwaggerName + ":17:81", ptr: "/paths/~1tasks/get/parameters/0"},
	{rule: "PropertyMustBeRequired", name: "internal required with default", kind: CU, files: swaggerEdit(listParams(`{"name": "v", "in": "query", "type": "string", "required": true, "x-ms-visibility": "internal", "default": "2"}`)...)},

	{rule: "InternalPropertyWithDefaultOptional", name: "optional internal property", kind: CU, files: swaggerEdit(`"title": {"type": "string",`, `"title": {"type": "string", "x-ms-visibility": "internal", "default": "x",`), fire: true, at: SwaggerName + ":44:37", ptr: "/definitions/Task/properties/title/x-ms-visibility"},
	{rule: "InternalPropertyWithDefaultOptional", name: "required internal property", kind: CU, files: swaggerEdit(`"title": {"type": "string",`, `"title": {"type": "string", "x-ms-visibility": "internal", "default": "x",`, `"type": "object",`, `"type": "object", "required": ["title"],`)},

	{rule: "RequiredReadOnlyPropertyNotAllowedAsInput", name: "readOnly and required", kind: CU, files: swaggerEdit(`"id": {"type": "string",`, `"id": {"type": "string", "readOnly": true,`, `"type": "object",`, `"type": "object", "required": ["id"],`), fire: true, at: SwaggerName + ":43:46", ptr: "/definitions/Task/properties/id/readOnly"},
	{rule: "RequiredReadOnlyPropertyNotAllowedAsInput", name: "required $ref to a readOnly definition", kind: CU, files: swaggerEdit(`"type": "object",`, `"type": "object", "required": ["owner"],`, `"properties": {`, `"properties": {"owner": {"$ref": "#/definitions/User"},`, `"definitions": {`, `"definitions": {"User": {"readOnly": true, "type": "object"},`), fire: true, at: SwaggerName + ":39:40", ptr: "/definitions/User/readOnly"},
	{rule: "RequiredReadOnlyPropertyNotAllowedAsInput", name: "readOnly only", kind: CU, files: swaggerEdit(`"id": {"type": "string",`, `"id": {"type": "string", "readOnly": true,`)},

	{rule: "OperationParameterNameIsAmbiguous", name: "body.title", kind: CU, files: swaggerEdit(createBody, `"schema": {"$ref": "#/definitions/Task"}}, {"name": "body.title", "in": "query", "type": "string"}],`), fire: true, at: SwaggerName + ":25:149", ptr: "/paths/~1tasks/post/parameters/1/name"},
	{rule: "OperationParameterNameIsAmbiguous", name: "title beside body.title", kind: CU, files: swaggerEdit(createBody, `"schema": {"$ref": "#/definitions/Task"}}, {"name": "title", "in": "query", "type": "string"}],`)},

	{rule: "ParameterReferenceNotFound", name: "missing target", kind: CU, files: swaggerEdit(`"#/parameters/taskId"`, `"#/parameters/task"`), fire: true, at: SwaggerName + ":34:33", ptr: "/paths/~1tasks~1{taskId}/get/parameters/0/$ref"},
	{rule: "ParameterReferenceNotFound", name: "target exists", kind: CU},

	{rule: "ParameterReferenceNotValid", name: "other file", kind: CU, files: swaggerEdit(`"#/parameters/taskId"`, `"common.json#/parameters/taskId"`), fire: true, at: SwaggerName + ":34:33", ptr: "/paths/~1tasks~1{taskId}/get/parameters/0/$ref"},
	{rule: "ParameterReferenceNotValid", name: "outside #/parameters", kind: CU, files: swaggerEdit(`"#/parameters/taskId"`, `"#/x-params/taskId"`, `"parameters": {`, `"x-params": {"taskId": {"name": "taskId", "in": "path", "required": true, "type": "string"}}, "parameters": {`), fire: true, at: SwaggerName + ":34:33", ptr: "/paths/~1tasks~1{taskId}/get/parameters/0/$ref"},
	{rule: "ParameterReferenceNotValid", name: "#/parameters", kind: CU},

	{rule: "ParameterRefLoopNotAllowed", name: "definition is a $ref", kind: CU, files: swaggerEdit(`"parameters": {`, `"parameters": {"alias": {"$ref": "#/parameters/taskId"},`), fire: true, at: SwaggerName + ":48:36", ptr: "/parameters/alias/$ref"},
	{rule: "ParameterRefLoopNotAllowed", name: "definition is an object", kind: CU},
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
