package validate

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// Anchors in goodSwagger (helpers_test.go) that the schema cases edit; the line is where each sits.
const (
	sListResp    = `{"200": {"description": "OK", "schema": {"type": "array", "items": {"$ref": "#/definitions/Task"}}}}` // 18: ListTasks responses
	sListOp      = `"operationId": "ListTasks",`                                                                          // 15
	sCreateOp    = `"operationId": "CreateTask",`                                                                         // 21
	sBodySchema  = `"schema": {"$ref": "#/definitions/Task"}}]`                                                           // 25: CreateTask body
	sCreateResp  = `{"200": {"description": "OK", "schema": {"$ref": "#/definitions/Task"}}}`                             // 26: CreateTask responses
	sTaskPath    = `"/tasks/{taskId}": {`                                                                                 // 29
	sDefs        = `"definitions": {`                                                                                     // 39
	sTaskType    = `"type": "object",`                                                                                    // 41: Task
	sID          = `"id": {"type": "string",`                                                                             // 43: Task.id
	sTitle       = `"title": {"type": "string",`                                                                          // 44: Task.title
	sRootParams  = `"parameters": {`                                                                                      // 48
	sTaskIDParam = `"x-ms-url-encoding": "single"}`                                                                       // 49: end of #/parameters/taskId
)

// hook is a webhook trigger that no rule flags; inserted before /tasks/{taskId} (it becomes line 29).
const hook = `"/hooks": {"x-ms-notification-content": {"description": "Task", "schema": {"$ref": "#/definitions/Task"}}, "post": {"operationId": "OnTask", "summary": "When a task is created", "description": "Triggers when a task is created.", "x-ms-trigger": "single", "parameters": [{"name": "body", "in": "body", "required": true, "x-ms-summary": "Subscription", "schema": {"type": "object", "required": ["url"], "properties": {"url": {"type": "string", "x-ms-notification-url": true, "x-ms-visibility": "internal"}}}}], "responses": {"201": {"description": "Created"}}}},
    "/tasks/{taskId}": {`

// withHook adds the webhook, then applies the edits to the result.
func withHook(pairs ...string) func(t *testing.T) map[string]string {
	return swaggerEdit(append([]string{sTaskPath, hook}, pairs...)...)
}

// dv puts an x-ms-dynamic-values (or any extension members) on #/parameters/taskId.
func onTaskID(members string) func(t *testing.T) map[string]string {
	return swaggerEdit(sTaskIDParam, `"x-ms-url-encoding": "single", `+members+`}`)
}

// bigDefinitions builds definitions whose expansion is fan^depth schemas, used by one body.
func bigSchemas(fan, depth int) func(t *testing.T) map[string]string {
	return func(t *testing.T) map[string]string {
		var defs strings.Builder
		for d := 0; d < depth; d++ {
			fmt.Fprintf(&defs, `"L%d": {"type": "object", "properties": {`, d)
			for i := 0; i < fan; i++ {
				if i > 0 {
					defs.WriteString(", ")
				}
				if d+1 < depth {
					fmt.Fprintf(&defs, `"p%d": {"$ref": "#/definitions/L%d"}`, i, d+1)
				} else {
					fmt.Fprintf(&defs, `"p%d": {"type": "string"}`, i)
				}
			}
			defs.WriteString("}},\n")
		}
		return map[string]string{SwaggerName: edit(t, goodSwagger, sBodySchema, `"schema": {"$ref": "#/definitions/L0"}}]`, sDefs, sDefs+"\n"+defs.String())}
	}
}

// schemaCases (schemaListCases and boundCases) are the firing and non-firing cases of the schema rules.
var schemaCases = slices.Concat(schemaListCases, responseCodeCases)

var schemaListCases = []ruleCase{
	// §6 responses
	{rule: "DefaultResponseHasSchema", name: "through #/responses: reported where written", kind: C, files: swaggerEdit(sCreateResp, `{"200": {"description": "OK", "schema": {"$ref": "#/definitions/Task"}}, "default": {"$ref": "#/responses/Error"}}`, sRootParams, `"responses": {"Error": {"description": "Error", "schema": {"$ref": "#/definitions/Task"}}}, `+sRootParams), fire: true, at: SwaggerName + ":48:51", ptr: "/responses/Error/schema"},
	{rule: "DefaultResponseHasSchema", name: "custom connectors are exempt", kind: CU, files: swaggerEdit(sCreateResp, `{"default": {"description": "Error", "schema": {"$ref": "#/definitions/Task"}}}`)},

	{rule: "SchemaDefinitionSetIncorrectly", name: "internal operation", kind: IP, files: swaggerEdit(sCreateResp, `{"200": {"description": "OK"}}`, sCreateOp, sCreateOp+` "x-ms-visibility": "internal",`)},

	{rule: "ResponseSchemaEmpty", name: "object without properties, through $ref", kind: IP, files: swaggerEdit(sCreateResp, `{"200": {"description": "OK", "schema": {"$ref": "#/definitions/Empty"}}}`, sDefs, sDefs+` "Empty": {"type": "object"},`), fire: true, at: SwaggerName + ":39:20", ptr: "/definitions/Empty"},

	{rule: "ResponseExampleMustBeProducedByOperation", name: "produced with charset", kind: CU, files: swaggerEdit(sCreateResp, `{"200": {"description": "OK", "examples": {"text/plain": "x"}, "schema": {"$ref": "#/definitions/Task"}}}`, sCreateOp, sCreateOp+` "produces": ["text/plain; charset=utf-8"],`)},

	{rule: "ResponseReferenceNotValid", name: "external", kind: CU, files: swaggerEdit(sCreateResp, `{"200": {"$ref": "common.json#/responses/Ok"}}`), fire: true, at: SwaggerName + ":26:39", ptr: "/paths/~1tasks/post/responses/200/$ref"},

	// §6 references
	{rule: "SchemaReferenceNotFound", name: "in an unused definition", kind: CU, files: swaggerEdit(sDefs, sDefs+` "Unused": {"$ref": "#/definitions/Gone"},`), fire: true, at: SwaggerName + ":39:39", ptr: "/definitions/Unused/$ref"},

	{rule: "SchemaReferenceNotValid", name: "not under definitions", kind: CU, files: swaggerEdit(`"#/definitions/Task"}}}}`, `"#/parameters/taskId"}}}}`), fire: true, at: SwaggerName + ":18:98", ptr: "/paths/~1tasks/get/responses/200/schema/items/$ref"},

	{rule: "SchemaRefLoopNotAllowed", name: "two definitions referring to each other", kind: CU, files: swaggerEdit(sDefs, sDefs+` "A": {"$ref": "#/definitions/B"}, "B": {"$ref": "#/definitions/A"},`), fire: true, at: SwaggerName + ":39:34", ptr: "/definitions/A/$ref"},

	// §6 schemas

	{rule: "ArrayHasNoItems", name: "array parameter without items", kind: CU, files: swaggerEdit(sListOp, sListOp+` "parameters": [{"name": "ids", "in": "query", "type": "array"}],`), fire: true, at: SwaggerName + ":15:83", ptr: "/paths/~1tasks/get/parameters/0/type"},

	{rule: "BodySchemaCountExceedsMaxAllowed", name: "600 properties", kind: CU, files: bigSchemas(600, 1), fire: true, at: SwaggerName + ":25:97", ptr: "/paths/~1tasks/post/parameters/0/schema"},
	{rule: "BodySchemaCountExceedsMaxAllowed", name: "500 properties", kind: CU, files: bigSchemas(500, 1)},
	{rule: "OperationSchemaCountExceedsMaxAllowed", name: "30x30x30", kind: CU, files: bigSchemas(30, 3), fire: true, at: SwaggerName + ":20:7", ptr: "/paths/~1tasks/post"},
	{rule: "OperationSchemaCountExceedsMaxAllowed", name: "20x20x20", kind: CU, files: bigSchemas(20, 3)},
	{rule: "TotalSchemaCountExceedsMaxAllowed", name: "5 levels of 25", kind: CU, files: bigSchemas(25, 5), fire: true, at: SwaggerName + ":12:3", ptr: "/paths"},
	{rule: "TotalSchemaCountExceedsMaxAllowed", name: "30x30x30", kind: CU, files: bigSchemas(30, 3)},

	// §7.2 dynamic extensions
	{rule: "DynamicValuesTargetInvalid", name: "two targets", kind: CU, files: onTaskID(`"x-ms-dynamic-values": {"operationId": "ListTasks", "capability": "file-picker", "value-path": "id"}`), fire: true, at: SwaggerName + ":49:180", ptr: "/parameters/taskId/x-ms-dynamic-values"},

	{rule: "OperationIdNotFound", name: "x-ms-operation-context", kind: CU, files: swaggerEdit(sListOp, sListOp+` "x-ms-operation-context": {"simulate": {"operationId": "Nope"}},`), fire: true, at: SwaggerName + ":15:92", ptr: "/paths/~1tasks/get/x-ms-operation-context/simulate/operationId"},

	{rule: "OperationParameterNameNotFound", name: "x-ms-dynamic-tree browse", kind: CU, files: onTaskID(`"x-ms-dynamic-tree": {"open": {"operationId": "ListTasks"}, "browse": {"operationId": "GetTask", "parameters": {"id": {"selectedItemValuePath": "id"}}}}`), fire: true, at: SwaggerName + ":49:292", ptr: "/parameters/taskId/x-ms-dynamic-tree/browse/parameters/id"},
	{rule: "OperationParameterNameNotFound", name: "body/<prop> in x-ms-dynamic-list", kind: CU, files: onTaskID(`"x-ms-dynamic-list": {"operationId": "CreateTask", "parameters": {"body/title": {"value": "x"}}, "itemValuePath": "id"}`)},
	{rule: "OperationParameterNameNotFound", name: "body/<prop> that resolves to nothing", kind: CU, files: onTaskID(`"x-ms-dynamic-list": {"operationId": "CreateTask", "parameters": {"body/name": {"value": "x"}}, "itemValuePath": "id"}`), fire: true, at: SwaggerName + ":49:246", ptr: "/parameters/taskId/x-ms-dynamic-list/parameters/body~1name"},
	{rule: "OperationParameterNameNotFound", name: "known parameter", kind: CU, files: swaggerEdit(sTaskIDParam, `"x-ms-url-encoding": "single", "x-ms-dynamic-values": {"operationId": "ListTasks", "parameters": {"top": 10}, "value-path": "id"}}`, sListOp, sListOp+` "parameters": [{"name": "top", "in": "query", "type": "integer"}],`)},

	{rule: "InvalidNextLinkNameValue", name: "@odata.nextLink", kind: CU, files: swaggerEdit(sListOp, sListOp+` "x-ms-pageable": {"nextLinkName": "@odata.nextLink"},`)},

	// §7.2 webhooks
	{rule: "WebhookOperationsMissingNotificationUrlProperty", name: "POST trigger in polling mode", kind: CU, files: swaggerEdit(`"summary": "Create a task",`, `"summary": "Create a task", "x-ms-trigger": "batch", "x-ms-trigger-metadata": {"kind": "query", "mode": "polling"},`)},
	{rule: "OperationMustHaveNotificationContentExtension", name: "callback URL but polling mode", kind: CU, files: withHook(`"x-ms-notification-content": {"description": "Task", "schema": {"$ref": "#/definitions/Task"}}, `, ``, `"x-ms-trigger": "single", "parameters"`, `"x-ms-trigger": "single", "x-ms-trigger-metadata": {"mode": "Polling"}, "parameters"`)},
	{rule: "OperationMustHaveNotificationContentExtension", name: "on the path item", kind: CU, files: withHook()},
	{rule: "NotificationUrlNotAllowedInThisPosition", name: "in a response: inert, a warning", kind: CU, files: withHook(sID, sID+` "x-ms-notification-url": true,`), fire: true, at: SwaggerName + ":44:34", ptr: "/definitions/Task/properties/id/x-ms-notification-url", sev: Warning},

	// §7.2 enum values and editor
}

// TestSchemaRulesTolerateMalformed: the schema rules never panic on values of the wrong type,
// dangling or looping references, or deep nesting.
func TestSchemaRulesTolerateMalformed(t *testing.T) {
	deep := strings.Repeat(`{"type": "object", "properties": {"a": `, 300) + `{}` + strings.Repeat(`}}`, 300)
	for i, sw := range []string{
		`{"swagger": "2.0", "paths": {"/a": {"get": {"parameters": 1, "responses": []}}}}`,
		`{"swagger": "2.0", "paths": {"/a": {"post": {"x-ms-trigger": "single", "parameters": [{"in": "body", "schema": 5}, {"$ref": 7}, null], "responses": {"200": {"$ref": "#/responses/x"}, "default": "x"}}}}, "responses": {"x": {"$ref": "#/responses/x"}}}`,
		`{"swagger": "2.0", "paths": {"/a": {"get": {"responses": {"200": {"schema": {"$ref": "#/definitions/A"}, "headers": [1], "examples": "x"}}}}}, "definitions": {"A": {"$ref": "#/definitions/B"}, "B": {"allOf": [{"$ref": "#/definitions/A"}], "required": [1, "x"], "properties": {"x": {"$ref": "#/definitions/B"}}}}}`,
		`{"swagger": "2.0", "paths": {"/a": {"get": {"responses": {"200": {"schema": ` + deep + `}}}}}}`,
		`{"swagger": "2.0", "paths": {"/a": {"get": {"parameters": [{"name": "p", "in": "query", "type": "string", "x-ms-dynamic-values": {"operationId": 3, "parameters": [1]}, "x-ms-dynamic-list": "x", "x-ms-dynamic-tree": {"open": 1, "browse": {"operationId": "nope"}}, "x-ms-enum-values": [1, {"value": {}}], "pattern": "(?<"}], "x-ms-notification": {"operationId": "a"}, "x-ms-pageable": {"nextLinkName": 1}, "responses": {"200": {"schema": {"x-ms-dynamic-schema": {"operationId": "a"}, "x-ms-dynamic-properties": 1, "items": 1, "minimum": "x", "maximum": 1e999}}}}}}, "x-ms-capabilities": {"testConnection": 1}}`,
		`[]`, `{"swagger": "2.0", "definitions": [], "paths": []}`,
	} {
		dir := makeConnector(t, CU, map[string]string{SwaggerName: sw})
		c, err := Load(dir, "c", 0)
		if err != nil {
			t.Fatal(err)
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("swagger %d: panic %v", i, r)
				}
			}()
			p := newPass(c, nil, false)
			for _, run := range []check{checkResponses, checkResponseCodes, checkSchemaRefs, checkSchemas} {
				run(p)
			}
		}()
	}
}

// TestSchemaFindingsOncePerWrittenNode: a definition used by every operation (in requests and
// responses) is checked at each use but reported once, where it is written.
func TestSchemaFindingsOncePerWrittenNode(t *testing.T) {
	sw := edit(t, goodSwagger, sID, sID+` "format": "guid",`, sTitle, `"tags": {"type": "array"}, `+sTitle)
	fs := checkDir(t, makeConnector(t, CU, map[string]string{SwaggerName: sw}), 0)
	count := map[string][]string{}
	for _, f := range fs {
		count[f.Rule] = append(count[f.Rule], f.Pointer)
	}
	for rule, want := range map[string]string{
		"UnrecognizedTypeFormat": "/definitions/Task/properties/id/format",
		"ArrayHasNoItems":        "/definitions/Task/properties/tags/type",
	} {
		if got := count[rule]; len(got) != 1 || got[0] != want {
			t.Errorf("%s reported at %v, want once at %s", rule, got, want)
		}
	}
}

// responseCodeCases: responses declared, a 2xx among them, keys that are status codes.
var responseCodeCases = []ruleCase{
	{rule: "OperationMustHaveResponse", name: "no responses key: C warning", kind: C, files: swaggerEdit(`"responses": `+sCreateResp, `"x-ms-visibility": "advanced"`), fire: true, at: SwaggerName + ":20:7", ptr: "/paths/~1tasks/post", sev: Warning},
	{rule: "OperationMustHaveResponse", name: "new submission: error", kind: C, isNew: true, files: swaggerEdit(sCreateResp, `{}`), fire: true, at: SwaggerName + ":26:22", ptr: "/paths/~1tasks/post/responses", sev: Error},
}
