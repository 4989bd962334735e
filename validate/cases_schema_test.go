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
var schemaCases = slices.Concat(schemaListCases, boundCases, responseCodeCases)

var schemaListCases = []ruleCase{
	// §6 responses
	{rule: "DefaultResponseHasSchema", name: "default with schema", kind: IP, files: swaggerEdit(sCreateResp, `{"200": {"description": "OK", "schema": {"$ref": "#/definitions/Task"}}, "default": {"description": "Error", "schema": {"$ref": "#/definitions/Task"}}}`), fire: true, at: SwaggerName + ":26:131", ptr: "/paths/~1tasks/post/responses/default/schema"},
	{rule: "DefaultResponseHasSchema", name: "through #/responses: reported where written", kind: C, files: swaggerEdit(sCreateResp, `{"200": {"description": "OK", "schema": {"$ref": "#/definitions/Task"}}, "default": {"$ref": "#/responses/Error"}}`, sRootParams, `"responses": {"Error": {"description": "Error", "schema": {"$ref": "#/definitions/Task"}}}, `+sRootParams), fire: true, at: SwaggerName + ":48:51", ptr: "/responses/Error/schema"},
	{rule: "DefaultResponseHasSchema", name: "default without schema", kind: IP, files: swaggerEdit(sCreateResp, `{"200": {"description": "OK", "schema": {"$ref": "#/definitions/Task"}}, "default": {"description": "Error"}}`)},
	{rule: "DefaultResponseHasSchema", name: "custom connectors are exempt", kind: CU, files: swaggerEdit(sCreateResp, `{"default": {"description": "Error", "schema": {"$ref": "#/definitions/Task"}}}`)},

	{rule: "SchemaDefinitionSetIncorrectly", name: "200 without schema", kind: IP, files: swaggerEdit(sCreateResp, `{"200": {"description": "OK"}}`), fire: true, at: SwaggerName + ":26:23", ptr: "/paths/~1tasks/post/responses/200"},
	{rule: "SchemaDefinitionSetIncorrectly", name: "only 204", kind: IP, files: swaggerEdit(sCreateResp, `{"204": {"description": "No content"}}`)},
	{rule: "SchemaDefinitionSetIncorrectly", name: "internal operation", kind: IP, files: swaggerEdit(sCreateResp, `{"200": {"description": "OK"}}`, sCreateOp, sCreateOp+` "x-ms-visibility": "internal",`)},

	{rule: "ResponseSchemaEmpty", name: "{}", kind: C, files: swaggerEdit(sCreateResp, `{"200": {"description": "OK", "schema": {}}}`), fire: true, at: SwaggerName + ":26:52", ptr: "/paths/~1tasks/post/responses/200/schema"},
	{rule: "ResponseSchemaEmpty", name: "object without properties, through $ref", kind: IP, files: swaggerEdit(sCreateResp, `{"200": {"description": "OK", "schema": {"$ref": "#/definitions/Empty"}}}`, sDefs, sDefs+` "Empty": {"type": "object"},`), fire: true, at: SwaggerName + ":39:20", ptr: "/definitions/Empty"},
	{rule: "ResponseSchemaEmpty", name: "dynamic schema", kind: IP, files: swaggerEdit(sCreateResp, `{"200": {"description": "OK", "schema": {"type": "object", "x-ms-dynamic-schema": {"operationId": "ListTasks", "value-path": "id"}}}}`)},

	{rule: "OperationHasManyResponsesWithSchema", name: "200 and 400", kind: CU, files: swaggerEdit(sCreateResp, `{"200": {"description": "OK", "schema": {"$ref": "#/definitions/Task"}}, "400": {"description": "Bad", "schema": {"$ref": "#/definitions/Task"}}}`), fire: true, at: SwaggerName + ":26:9", ptr: "/paths/~1tasks/post/responses"},
	{rule: "OperationHasManyResponsesWithSchema", name: "one schema", kind: CU, files: swaggerEdit(sCreateResp, `{"200": {"description": "OK", "schema": {"$ref": "#/definitions/Task"}}, "400": {"description": "Bad"}}`)},

	{rule: "ResponseHeadersAreNotUnique", name: "X-Id and x-id", kind: CU, files: swaggerEdit(sCreateResp, `{"200": {"description": "OK", "headers": {"X-Id": {"type": "string"}, "x-id": {"type": "string"}}, "schema": {"$ref": "#/definitions/Task"}}}`), fire: true, at: SwaggerName + ":26:92", ptr: "/paths/~1tasks/post/responses/200/headers/x-id"},
	{rule: "ResponseHeadersAreNotUnique", name: "distinct", kind: CU, files: swaggerEdit(sCreateResp, `{"200": {"description": "OK", "headers": {"X-Id": {"type": "string"}, "X-Etag": {"type": "string"}}, "schema": {"$ref": "#/definitions/Task"}}}`)},

	{rule: "ResponseExampleMustBeProducedByOperation", name: "xml example, json produced", kind: CU, files: swaggerEdit(sCreateResp, `{"200": {"description": "OK", "examples": {"application/xml": "<task/>"}, "schema": {"$ref": "#/definitions/Task"}}}`), fire: true, at: SwaggerName + ":26:65", ptr: "/paths/~1tasks/post/responses/200/examples/application~1xml"},
	{rule: "ResponseExampleMustBeProducedByOperation", name: "json example", kind: CU, files: swaggerEdit(sCreateResp, `{"200": {"description": "OK", "examples": {"application/json": {"id": "1"}}, "schema": {"$ref": "#/definitions/Task"}}}`)},
	{rule: "ResponseExampleMustBeProducedByOperation", name: "produced with charset", kind: CU, files: swaggerEdit(sCreateResp, `{"200": {"description": "OK", "examples": {"text/plain": "x"}, "schema": {"$ref": "#/definitions/Task"}}}`, sCreateOp, sCreateOp+` "produces": ["text/plain; charset=utf-8"],`)},

	{rule: "ResponseReferenceNotFound", name: "missing", kind: CU, files: swaggerEdit(sCreateResp, `{"200": {"$ref": "#/responses/Nope"}}`), fire: true, at: SwaggerName + ":26:39", ptr: "/paths/~1tasks/post/responses/200/$ref"},
	{rule: "ResponseReferenceNotFound", name: "present", kind: CU, files: swaggerEdit(sCreateResp, `{"200": {"$ref": "#/responses/Ok"}}`, sRootParams, `"responses": {"Ok": {"description": "OK", "schema": {"$ref": "#/definitions/Task"}}}, `+sRootParams)},

	{rule: "ResponseReferenceNotValid", name: "points at a definition", kind: CU, files: swaggerEdit(sCreateResp, `{"200": {"$ref": "#/definitions/Task"}}`), fire: true, at: SwaggerName + ":26:39", ptr: "/paths/~1tasks/post/responses/200/$ref"},
	{rule: "ResponseReferenceNotValid", name: "external", kind: CU, files: swaggerEdit(sCreateResp, `{"200": {"$ref": "common.json#/responses/Ok"}}`), fire: true, at: SwaggerName + ":26:39", ptr: "/paths/~1tasks/post/responses/200/$ref"},
	{rule: "ResponseReferenceNotValid", name: "#/responses", kind: CU, files: swaggerEdit(sCreateResp, `{"200": {"$ref": "#/responses/Ok"}}`, sRootParams, `"responses": {"Ok": {"description": "OK", "schema": {"$ref": "#/definitions/Task"}}}, `+sRootParams)},

	{rule: "ResponseRefLoopNotAllowed", name: "entry is a $ref", kind: CU, files: swaggerEdit(sCreateResp, `{"200": {"$ref": "#/responses/Ok"}}`, sRootParams, `"responses": {"Ok": {"$ref": "#/responses/Real"}, "Real": {"description": "OK", "schema": {"$ref": "#/definitions/Task"}}}, `+sRootParams), fire: true, at: SwaggerName + ":48:32", ptr: "/responses/Ok/$ref"},
	{rule: "ResponseRefLoopNotAllowed", name: "plain entries", kind: CU, files: swaggerEdit(sCreateResp, `{"200": {"$ref": "#/responses/Ok"}}`, sRootParams, `"responses": {"Ok": {"description": "OK", "schema": {"$ref": "#/definitions/Task"}}}, `+sRootParams)},

	// §6 references
	{rule: "SchemaReferenceNotFound", name: "misspelled definition", kind: CU, files: swaggerEdit(`"#/definitions/Task"}}}}`, `"#/definitions/Tasks"}}}}`), fire: true, at: SwaggerName + ":18:98", ptr: "/paths/~1tasks/get/responses/200/schema/items/$ref"},
	{rule: "SchemaReferenceNotFound", name: "in an unused definition", kind: CU, files: swaggerEdit(sDefs, sDefs+` "Unused": {"$ref": "#/definitions/Gone"},`), fire: true, at: SwaggerName + ":39:39", ptr: "/definitions/Unused/$ref"},
	{rule: "SchemaReferenceNotFound", name: "a property called $ref in an example is data", kind: CU, files: swaggerEdit(sID, `"id": {"type": "string", "example": {"$ref": "#/nowhere"},`)},

	{rule: "SchemaReferenceNotValid", name: "external file", kind: CU, files: swaggerEdit(`"#/definitions/Task"}}}}`, `"common.json#/definitions/Task"}}}}`), fire: true, at: SwaggerName + ":18:98", ptr: "/paths/~1tasks/get/responses/200/schema/items/$ref"},
	{rule: "SchemaReferenceNotValid", name: "not under definitions", kind: CU, files: swaggerEdit(`"#/definitions/Task"}}}}`, `"#/parameters/taskId"}}}}`), fire: true, at: SwaggerName + ":18:98", ptr: "/paths/~1tasks/get/responses/200/schema/items/$ref"},
	{rule: "SchemaReferenceNotValid", name: "a property of a definition", kind: CU, files: swaggerEdit(`"#/definitions/Task"}}}}`, `"#/definitions/Task/properties/id"}}}}`)},

	{rule: "SchemaRefLoopNotAllowed", name: "definition that is only a $ref", kind: CU, files: swaggerEdit(sDefs, sDefs+` "Alias": {"$ref": "#/definitions/Task"},`), fire: true, at: SwaggerName + ":39:38", ptr: "/definitions/Alias/$ref"},
	{rule: "SchemaRefLoopNotAllowed", name: "two definitions referring to each other", kind: CU, files: swaggerEdit(sDefs, sDefs+` "A": {"$ref": "#/definitions/B"}, "B": {"$ref": "#/definitions/A"},`), fire: true, at: SwaggerName + ":39:34", ptr: "/definitions/A/$ref"},
	{rule: "SchemaRefLoopNotAllowed", name: "allOf around a $ref", kind: CU, files: swaggerEdit(sDefs, sDefs+` "Alias": {"allOf": [{"$ref": "#/definitions/Task"}]},`)},

	{rule: "JsonPointerNotValid", name: "no slash after #", kind: CU, files: swaggerEdit(`"#/definitions/Task"}}}}`, `"#definitions/Task"}}}}`), fire: true, at: SwaggerName + ":18:98", ptr: "/paths/~1tasks/get/responses/200/schema/items/$ref"},
	{rule: "JsonPointerNotValid", name: "escaped name", kind: CU, files: swaggerEdit(`"#/definitions/Task"}}}}`, `"#/definitions/A~1B"}}}}`, sDefs, sDefs+` "A/B": {"type": "object", "properties": {"x": {"type": "string"}}},`)},

	// §6 schemas
	{rule: "AdditionalPropertyNotAllowedAdjacentToRef", name: "description next to $ref", kind: CU, files: swaggerEdit(sBodySchema, `"schema": {"$ref": "#/definitions/Task", "description": "The task."}}]`), fire: true, at: SwaggerName + ":25:138", ptr: "/paths/~1tasks/post/parameters/0/schema/description"},
	{rule: "AdditionalPropertyNotAllowedAdjacentToRef", name: "bare $ref", kind: CU},

	{rule: "ArrayHasNoItems", name: "array property", kind: CU, files: swaggerEdit(sTitle, `"tags": {"type": "array"}, `+sTitle), fire: true, at: SwaggerName + ":44:18", ptr: "/definitions/Task/properties/tags/type"},
	{rule: "ArrayHasNoItems", name: "array parameter without items", kind: CU, files: swaggerEdit(sListOp, sListOp+` "parameters": [{"name": "ids", "in": "query", "type": "array"}],`), fire: true, at: SwaggerName + ":15:83", ptr: "/paths/~1tasks/get/parameters/0/type"},
	{rule: "ArrayHasNoItems", name: "with items", kind: CU, files: swaggerEdit(sTitle, `"tags": {"type": "array", "items": {"type": "string"}}, `+sTitle)},

	{rule: "RequiredPropertyArrayEmpty", name: "required: []", kind: CU, files: swaggerEdit(sTaskType, sTaskType+` "required": [],`), fire: true, at: SwaggerName + ":41:37", ptr: "/definitions/Task/required"},
	{rule: "RequiredPropertyArrayEmpty", name: "required: [id]", kind: CU, files: swaggerEdit(sTaskType, sTaskType+` "required": ["id"],`)},

	{rule: "RequiredPropertyNotOnObject", name: "on an array", kind: CU, files: swaggerEdit(sTitle, `"tags": {"type": "array", "items": {"type": "string"}, "required": ["name"]}, `+sTitle), fire: true, at: SwaggerName + ":44:64", ptr: "/definitions/Task/properties/tags/required"},
	{rule: "RequiredPropertyNotOnObject", name: "on an object", kind: CU, files: swaggerEdit(sTaskType, sTaskType+` "required": ["id"],`)},

	{rule: "RequiredPropertyDefinitionMissing", name: "undeclared name", kind: CU, files: swaggerEdit(sTaskType, sTaskType+` "required": ["id", "due"],`), fire: true, at: SwaggerName + ":41:44", ptr: "/definitions/Task/required/1"},
	{rule: "RequiredPropertyDefinitionMissing", name: "declared through allOf", kind: CU, files: swaggerEdit(sDefs, sDefs+` "Dated": {"allOf": [{"$ref": "#/definitions/Task"}], "required": ["title"]},`)},

	{rule: "RequiredLoopInSchemaNotAllowed", name: "required parent of the same type", kind: CU, files: swaggerEdit(sTaskType, sTaskType+` "required": ["parent"],`, sTitle, `"parent": {"$ref": "#/definitions/Task"}, `+sTitle), fire: true, at: SwaggerName + ":41:38", ptr: "/definitions/Task/required/0"},
	{rule: "RequiredLoopInSchemaNotAllowed", name: "optional parent", kind: CU, files: swaggerEdit(sTitle, `"parent": {"$ref": "#/definitions/Task"}, `+sTitle)},

	{rule: "EnumMustContainAtLeastOneElement", name: "enum: []", kind: CU, files: swaggerEdit(sTitle, sTitle+` "enum": [],`), fire: true, at: SwaggerName + ":44:45", ptr: "/definitions/Task/properties/title/enum"},
	{rule: "EnumMustContainAtLeastOneElement", name: "enum with values", kind: CU, files: swaggerEdit(sTitle, sTitle+` "enum": ["a"],`)},

	{rule: "UnrecognizedTypeFormat", name: "guid", kind: CU, files: swaggerEdit(sID, sID+` "format": "guid",`), fire: true, at: SwaggerName + ":43:44", ptr: "/definitions/Task/properties/id/format"},
	{rule: "UnrecognizedTypeFormat", name: "uuid", kind: CU, files: swaggerEdit(sID, sID+` "format": "uuid",`)},

	{rule: "InvalidStringBinaryProperty", name: "binary property of a body", kind: CU, files: swaggerEdit(sTitle, sTitle+` "format": "binary",`), fire: true, at: SwaggerName + ":44:47", ptr: "/definitions/Task/properties/title/format"},
	{rule: "InvalidStringBinaryProperty", name: "binary body", kind: CU, files: swaggerEdit(sBodySchema, `"schema": {"type": "string", "format": "binary"}}]`)},

	{rule: "SchemaTypeFileNotValid", name: "file property of a body", kind: CU, files: swaggerEdit(sTitle, `"title": {"type": "file",`), fire: true, at: SwaggerName + ":44:27", ptr: "/definitions/Task/properties/title/type"},
	{rule: "SchemaTypeFileNotValid", name: "formData file", kind: CU, files: swaggerEdit(`{"name": "body", "in": "body", "required": true, "x-ms-summary": "Task", `+sBodySchema, `{"name": "file", "in": "formData", "type": "file", "x-ms-summary": "File"}]`)},

	{rule: "SwaggerKeywordNotSupported", name: "uniqueItems", kind: CU, files: swaggerEdit(sTitle, `"tags": {"type": "array", "uniqueItems": true, "items": {"type": "string"}}, `+sTitle), fire: true, at: SwaggerName + ":44:35", ptr: "/definitions/Task/properties/tags/uniqueItems"},
	{rule: "SwaggerKeywordNotSupported", name: "plain array", kind: CU, files: swaggerEdit(sTitle, `"tags": {"type": "array", "items": {"type": "string"}}, `+sTitle)},

	{rule: "DiscriminatorMustBeARequiredStringProperty", name: "not required", kind: CU, files: swaggerEdit(sTaskType, sTaskType+` "discriminator": "id",`), fire: true, at: SwaggerName + ":41:42", ptr: "/definitions/Task/discriminator"},
	{rule: "DiscriminatorMustBeARequiredStringProperty", name: "required string", kind: CU, files: swaggerEdit(sTaskType, sTaskType+` "discriminator": "id", "required": ["id"],`)},

	{rule: "PatternShouldBeValidRegularExpression", name: "unclosed class", kind: CU, files: swaggerEdit(sTitle, sTitle+` "pattern": "[a-z",`), fire: true, at: SwaggerName + ":44:48", ptr: "/definitions/Task/properties/title/pattern"},
	{rule: "PatternShouldBeValidRegularExpression", name: "lookahead (RE2 would reject it)", kind: CU, files: swaggerEdit(sTitle, sTitle+` "pattern": "^(?=.*\\d)\\w+$",`)},
	{rule: "PatternTooLong", name: "1,001 nested groups", kind: CU, files: swaggerEdit(sTitle, sTitle+` "pattern": "`+strings.Repeat("(", 500)+"a"+strings.Repeat(")", 500)+`",`), fire: true, at: SwaggerName + ":44:48", ptr: "/definitions/Task/properties/title/pattern"},
	{rule: "PatternTooLong", name: "1,000 characters", kind: CU, files: swaggerEdit(sTitle, sTitle+` "pattern": "`+strings.Repeat("a", 1000)+`",`)},

	{rule: "FilterFunctionsPropertyInInputSchema", name: "in the body", kind: CU, files: swaggerEdit(sTitle, sTitle+` "x-ms-capabilities": {"filterFunctions": ["eq"]},`), fire: true, at: SwaggerName + ":44:59", ptr: "/definitions/Task/properties/title/x-ms-capabilities/filterFunctions"},
	{rule: "FilterFunctionsPropertyInInputSchema", name: "in a response", kind: CU, files: swaggerEdit(sListResp, `{"200": {"description": "OK", "schema": {"type": "array", "items": {"type": "object", "properties": {"n": {"type": "string", "x-ms-capabilities": {"filterFunctions": ["eq"]}}}}}}}`)},
	{rule: "FilterFunctionsPropertyEmpty", name: "empty", kind: CU, files: swaggerEdit(sListResp, `{"200": {"description": "OK", "schema": {"type": "array", "items": {"type": "object", "properties": {"n": {"type": "string", "x-ms-capabilities": {"filterFunctions": []}}}}}}}`), fire: true, at: SwaggerName + ":18:188", ptr: "/paths/~1tasks/get/responses/200/schema/items/properties/n/x-ms-capabilities/filterFunctions"},
	{rule: "FilterFunctionsPropertyEmpty", name: "listed", kind: CU, files: swaggerEdit(sListResp, `{"200": {"description": "OK", "schema": {"type": "array", "items": {"type": "object", "properties": {"n": {"type": "string", "x-ms-capabilities": {"filterFunctions": ["eq"]}}}}}}}`)},
	{rule: "FilterFunctionsPropertyHasDuplicates", name: "eq twice", kind: CU, files: swaggerEdit(sListResp, `{"200": {"description": "OK", "schema": {"type": "array", "items": {"type": "object", "properties": {"n": {"type": "string", "x-ms-capabilities": {"filterFunctions": ["eq", "ne", "eq"]}}}}}}}`), fire: true, at: SwaggerName + ":18:201", ptr: "/paths/~1tasks/get/responses/200/schema/items/properties/n/x-ms-capabilities/filterFunctions/2"},
	{rule: "FilterFunctionsPropertyHasDuplicates", name: "distinct", kind: CU, files: swaggerEdit(sListResp, `{"200": {"description": "OK", "schema": {"type": "array", "items": {"type": "object", "properties": {"n": {"type": "string", "x-ms-capabilities": {"filterFunctions": ["eq", "ne"]}}}}}}}`)},

	{rule: "BodySchemaCountExceedsMaxAllowed", name: "600 properties", kind: CU, files: bigSchemas(600, 1), fire: true, at: SwaggerName + ":25:97", ptr: "/paths/~1tasks/post/parameters/0/schema"},
	{rule: "BodySchemaCountExceedsMaxAllowed", name: "500 properties", kind: CU, files: bigSchemas(500, 1)},
	{rule: "OperationSchemaCountExceedsMaxAllowed", name: "30x30x30", kind: CU, files: bigSchemas(30, 3), fire: true, at: SwaggerName + ":20:7", ptr: "/paths/~1tasks/post"},
	{rule: "OperationSchemaCountExceedsMaxAllowed", name: "20x20x20", kind: CU, files: bigSchemas(20, 3)},
	{rule: "TotalSchemaCountExceedsMaxAllowed", name: "5 levels of 25", kind: CU, files: bigSchemas(25, 5), fire: true, at: SwaggerName + ":12:3", ptr: "/paths"},
	{rule: "TotalSchemaCountExceedsMaxAllowed", name: "30x30x30", kind: CU, files: bigSchemas(30, 3)},

	// §7.2 dynamic extensions
	{rule: "DynamicValuesTargetInvalid", name: "no target", kind: CU, files: onTaskID(`"x-ms-dynamic-values": {"value-path": "id"}`), fire: true, at: SwaggerName + ":49:180", ptr: "/parameters/taskId/x-ms-dynamic-values"},
	{rule: "DynamicValuesTargetInvalid", name: "two targets", kind: CU, files: onTaskID(`"x-ms-dynamic-values": {"operationId": "ListTasks", "capability": "file-picker", "value-path": "id"}`), fire: true, at: SwaggerName + ":49:180", ptr: "/parameters/taskId/x-ms-dynamic-values"},
	{rule: "DynamicValuesTargetInvalid", name: "operationId", kind: CU, files: onTaskID(`"x-ms-dynamic-values": {"operationId": "ListTasks", "value-path": "id", "value-title": "title"}`)},

	{rule: "OperationIdNotFound", name: "misspelled target", kind: CU, files: onTaskID(`"x-ms-dynamic-values": {"operationId": "ListTask", "value-path": "id"}`), fire: true, at: SwaggerName + ":49:219", ptr: "/parameters/taskId/x-ms-dynamic-values/operationId"},
	{rule: "OperationIdNotFound", name: "x-ms-operation-context", kind: CU, files: swaggerEdit(sListOp, sListOp+` "x-ms-operation-context": {"simulate": {"operationId": "Nope"}},`), fire: true, at: SwaggerName + ":15:92", ptr: "/paths/~1tasks/get/x-ms-operation-context/simulate/operationId"},
	{rule: "OperationIdNotFound", name: "existing target", kind: CU, files: onTaskID(`"x-ms-dynamic-values": {"operationId": "ListTasks", "value-path": "id"}`)},

	{rule: "OperationParameterNameNotFound", name: "unknown parameter", kind: CU, files: onTaskID(`"x-ms-dynamic-values": {"operationId": "ListTasks", "parameters": {"q": "x"}, "value-path": "id"}`), fire: true, at: SwaggerName + ":49:247", ptr: "/parameters/taskId/x-ms-dynamic-values/parameters/q"},
	{rule: "OperationParameterNameNotFound", name: "x-ms-dynamic-tree browse", kind: CU, files: onTaskID(`"x-ms-dynamic-tree": {"open": {"operationId": "ListTasks"}, "browse": {"operationId": "GetTask", "parameters": {"id": {"selectedItemValuePath": "id"}}}}`), fire: true, at: SwaggerName + ":49:292", ptr: "/parameters/taskId/x-ms-dynamic-tree/browse/parameters/id"},
	{rule: "OperationParameterNameNotFound", name: "legacy bare body property of the target", kind: CU, files: onTaskID(`"x-ms-dynamic-values": {"operationId": "CreateTask", "parameters": {"title": "x"}, "value-path": "id"}`)},
	{rule: "OperationParameterNameNotFound", name: "body/<prop> in x-ms-dynamic-list", kind: CU, files: onTaskID(`"x-ms-dynamic-list": {"operationId": "CreateTask", "parameters": {"body/title": {"value": "x"}}, "itemValuePath": "id"}`)},
	{rule: "OperationParameterNameNotFound", name: "body/<prop> that resolves to nothing", kind: CU, files: onTaskID(`"x-ms-dynamic-list": {"operationId": "CreateTask", "parameters": {"body/name": {"value": "x"}}, "itemValuePath": "id"}`), fire: true, at: SwaggerName + ":49:246", ptr: "/parameters/taskId/x-ms-dynamic-list/parameters/body~1name"},
	{rule: "OperationParameterNameNotFound", name: "known parameter", kind: CU, files: swaggerEdit(sTaskIDParam, `"x-ms-url-encoding": "single", "x-ms-dynamic-values": {"operationId": "ListTasks", "parameters": {"top": 10}, "value-path": "id"}}`, sListOp, sListOp+` "parameters": [{"name": "top", "in": "query", "type": "integer"}],`)},

	{rule: "OperationMissingRequiredProperty", name: "taskId not supplied", kind: CU, files: swaggerEdit(sListOp, sListOp+` "parameters": [{"name": "other", "in": "query", "type": "string", "x-ms-dynamic-values": {"operationId": "GetTask", "value-path": "id"}}],`), fire: true, at: SwaggerName + ":15:103", ptr: "/paths/~1tasks/get/parameters/0/x-ms-dynamic-values"},
	{rule: "OperationMissingRequiredProperty", name: "taskId supplied", kind: CU, files: swaggerEdit(sListOp, sListOp+` "parameters": [{"name": "other", "in": "query", "type": "string", "x-ms-dynamic-values": {"operationId": "GetTask", "parameters": {"taskId": "1"}, "value-path": "id"}}],`)},

	{rule: "OperationParameterTypeMismatch", name: "integer source, string target", kind: CU, files: swaggerEdit(sListOp, sListOp+` "parameters": [{"name": "n", "in": "query", "required": true, "type": "integer"}, {"name": "other", "in": "query", "type": "string", "x-ms-dynamic-values": {"operationId": "GetTask", "parameters": {"taskId": {"parameter": "n"}}, "value-path": "id"}}],`), fire: true, at: SwaggerName + ":15:245", ptr: "/paths/~1tasks/get/parameters/1/x-ms-dynamic-values/parameters/taskId"},
	{rule: "OperationParameterTypeMismatch", name: "string source", kind: CU, files: swaggerEdit(sListOp, sListOp+` "parameters": [{"name": "n", "in": "query", "required": true, "type": "string"}, {"name": "other", "in": "query", "type": "string", "x-ms-dynamic-values": {"operationId": "GetTask", "parameters": {"taskId": {"parameter": "n"}}, "value-path": "id"}}],`)},
	{rule: "OperationParameterRequiredMismatch", name: "optional source", kind: CU, files: swaggerEdit(sListOp, sListOp+` "parameters": [{"name": "n", "in": "query", "type": "string"}, {"name": "other", "in": "query", "type": "string", "x-ms-dynamic-values": {"operationId": "GetTask", "parameters": {"taskId": {"parameter": "n"}}, "value-path": "id"}}],`), fire: true, at: SwaggerName + ":15:226", ptr: "/paths/~1tasks/get/parameters/1/x-ms-dynamic-values/parameters/taskId"},
	{rule: "OperationParameterRequiredMismatch", name: "required source", kind: CU, files: swaggerEdit(sListOp, sListOp+` "parameters": [{"name": "n", "in": "query", "required": true, "type": "string"}, {"name": "other", "in": "query", "type": "string", "x-ms-dynamic-values": {"operationId": "GetTask", "parameters": {"taskId": {"parameter": "n"}}, "value-path": "id"}}],`)},
	{rule: "OperationParameterStaticTypeMismatch", name: "text for an integer", kind: CU, files: swaggerEdit(sTaskIDParam, `"x-ms-url-encoding": "single", "x-ms-dynamic-values": {"operationId": "ListTasks", "parameters": {"top": "ten"}, "value-path": "id"}}`, sListOp, sListOp+` "parameters": [{"name": "top", "in": "query", "type": "integer"}],`), fire: true, at: SwaggerName + ":49:254", ptr: "/parameters/taskId/x-ms-dynamic-values/parameters/top"},
	{rule: "OperationParameterStaticTypeMismatch", name: "number for an integer", kind: CU, files: swaggerEdit(sTaskIDParam, `"x-ms-url-encoding": "single", "x-ms-dynamic-values": {"operationId": "ListTasks", "parameters": {"top": {"value": 10}}, "value-path": "id"}}`, sListOp, sListOp+` "parameters": [{"name": "top", "in": "query", "type": "integer"}],`)},
	{rule: "SourcePropertyInternal", name: "reference to an internal body property", kind: CU, files: swaggerEdit(sID, sID+` "x-ms-visibility": "internal",`, sTitle, sTitle+` "x-ms-dynamic-list": {"operationId": "GetTask", "parameters": {"taskId": {"parameterReference": "body/id"}}, "itemValuePath": "id"},`), fire: true, at: SwaggerName + ":44:133", ptr: "/definitions/Task/properties/title/x-ms-dynamic-list/parameters/taskId/parameterReference"},
	{rule: "SourcePropertyInternal", name: "visible property", kind: CU, files: swaggerEdit(sTitle, sTitle+` "x-ms-dynamic-list": {"operationId": "GetTask", "parameters": {"taskId": {"parameterReference": "body/id"}}, "itemValuePath": "id"},`)},

	{rule: "InvokedOperationShouldProduceArray", name: "no such collection", kind: CU, files: onTaskID(`"x-ms-dynamic-values": {"operationId": "CreateTask", "value-collection": "value", "value-path": "id"}`), fire: true, at: SwaggerName + ":49:253", ptr: "/parameters/taskId/x-ms-dynamic-values/value-collection"},
	{rule: "InvokedOperationShouldProduceArray", name: "array response", kind: CU, files: onTaskID(`"x-ms-dynamic-values": {"operationId": "ListTasks", "value-path": "id"}`)},
	{rule: "InvokedOperationShouldProduceProperty", name: "no such item property", kind: CU, files: onTaskID(`"x-ms-dynamic-values": {"operationId": "ListTasks", "value-path": "name", "value-title": "title"}`), fire: true, at: SwaggerName + ":49:246", ptr: "/parameters/taskId/x-ms-dynamic-values/value-path"},
	{rule: "InvokedOperationShouldProduceProperty", name: "item properties", kind: CU, files: onTaskID(`"x-ms-dynamic-values": {"operationId": "ListTasks", "value-path": "id", "value-title": "title"}`)},

	{rule: "DynamicListExtensionRequiredForNonParameterReferences", name: "body property", kind: CU, files: swaggerEdit(sTitle, sTitle+` "x-ms-dynamic-values": {"operationId": "GetTask", "parameters": {"taskId": {"parameter": "id"}}, "value-path": "id"},`), fire: true, at: SwaggerName + ":44:126", ptr: "/definitions/Task/properties/title/x-ms-dynamic-values/parameters/taskId/parameter"},
	{rule: "DynamicListExtensionRequiredForNonParameterReferences", name: "with x-ms-dynamic-list", kind: CU, files: swaggerEdit(sTitle, sTitle+` "x-ms-dynamic-values": {"operationId": "GetTask", "parameters": {"taskId": {"parameter": "id"}}, "value-path": "id"}, "x-ms-dynamic-list": {"operationId": "GetTask", "parameters": {"taskId": {"parameterReference": "body/id"}}},`)},
	{rule: "DynamicListExtensionRequiredForAmbiguousReferences", name: "both a parameter and a property", kind: CU, files: swaggerEdit(sTitle, sTitle+` "x-ms-dynamic-values": {"operationId": "GetTask", "parameters": {"taskId": {"parameter": "id"}}, "value-path": "id"},`, `"x-ms-summary": "Task", `+sBodySchema, `"x-ms-summary": "Task", `+sBodySchema[:len(sBodySchema)-1]+`, {"name": "id", "in": "query", "type": "string"}]`), fire: true, at: SwaggerName + ":44:126", ptr: "/definitions/Task/properties/title/x-ms-dynamic-values/parameters/taskId/parameter"},
	{rule: "DynamicListExtensionRequiredForAmbiguousReferences", name: "only a property", kind: CU, files: swaggerEdit(sTitle, sTitle+` "x-ms-dynamic-values": {"operationId": "GetTask", "parameters": {"taskId": {"parameter": "id"}}, "value-path": "id"},`)},
	{rule: "DynamicPropertiesExtensionRequiredForNonParameterReferences", name: "body property", kind: CU, files: swaggerEdit(sTitle, `"meta": {"type": "object", "x-ms-dynamic-schema": {"operationId": "GetTask", "parameters": {"taskId": {"parameter": "id"}}, "value-path": "schema"}}, `+sTitle), fire: true, at: SwaggerName + ":44:125", ptr: "/definitions/Task/properties/meta/x-ms-dynamic-schema/parameters/taskId/parameter"},
	{rule: "DynamicPropertiesExtensionRequiredForNonParameterReferences", name: "with x-ms-dynamic-properties", kind: CU, files: swaggerEdit(sTitle, `"meta": {"type": "object", "x-ms-dynamic-schema": {"operationId": "GetTask", "parameters": {"taskId": {"parameter": "id"}}, "value-path": "schema"}, "x-ms-dynamic-properties": {"operationId": "GetTask", "parameters": {"taskId": {"parameterReference": "body/id"}}, "itemValuePath": "schema"}}, `+sTitle)},
	{rule: "DynamicPropertiesExtensionRequiredForAmbiguousReferences", name: "both a parameter and a property", kind: CU, files: swaggerEdit(sTitle, `"meta": {"type": "object", "x-ms-dynamic-schema": {"operationId": "GetTask", "parameters": {"taskId": {"parameter": "id"}}, "value-path": "schema"}}, `+sTitle, `"x-ms-summary": "Task", `+sBodySchema, `"x-ms-summary": "Task", `+sBodySchema[:len(sBodySchema)-1]+`, {"name": "id", "in": "query", "type": "string"}]`), fire: true, at: SwaggerName + ":44:125", ptr: "/definitions/Task/properties/meta/x-ms-dynamic-schema/parameters/taskId/parameter"},
	{rule: "DynamicPropertiesExtensionRequiredForAmbiguousReferences", name: "only a property", kind: CU, files: swaggerEdit(sTitle, `"meta": {"type": "object", "x-ms-dynamic-schema": {"operationId": "GetTask", "parameters": {"taskId": {"parameter": "id"}}, "value-path": "schema"}}, `+sTitle)},
	{rule: "DynamicPropertiesExtensionRequiredForPropertiesValuePath", name: "schema/properties", kind: CU, files: swaggerEdit(sTitle, `"meta": {"type": "object", "x-ms-dynamic-schema": {"operationId": "GetTask", "parameters": {"taskId": "1"}, "value-path": "schema/properties"}}, `+sTitle), fire: true, at: SwaggerName + ":44:131", ptr: "/definitions/Task/properties/meta/x-ms-dynamic-schema/value-path"},
	{rule: "DynamicPropertiesExtensionRequiredForPropertiesValuePath", name: "with x-ms-dynamic-properties", kind: CU, files: swaggerEdit(sTitle, `"meta": {"type": "object", "x-ms-dynamic-schema": {"operationId": "GetTask", "parameters": {"taskId": "1"}, "value-path": "schema/properties"}, "x-ms-dynamic-properties": {"operationId": "GetTask", "parameters": {"taskId": {"value": "1"}}, "itemValuePath": "schema"}}, `+sTitle)},
	{rule: "DynamicPropertiesItemValuePathMismatch", name: "other path", kind: CU, files: swaggerEdit(sTitle, `"meta": {"type": "object", "x-ms-dynamic-schema": {"operationId": "GetTask", "parameters": {"taskId": "1"}, "value-path": "schema/properties"}, "x-ms-dynamic-properties": {"operationId": "GetTask", "parameters": {"taskId": {"value": "1"}}, "itemValuePath": "definition"}}, `+sTitle), fire: true, at: SwaggerName + ":44:266", ptr: "/definitions/Task/properties/meta/x-ms-dynamic-properties/itemValuePath"},
	{rule: "DynamicPropertiesItemValuePathMismatch", name: "matching path", kind: CU, files: swaggerEdit(sTitle, `"meta": {"type": "object", "x-ms-dynamic-schema": {"operationId": "GetTask", "parameters": {"taskId": "1"}, "value-path": "schema/properties"}, "x-ms-dynamic-properties": {"operationId": "GetTask", "parameters": {"taskId": {"value": "1"}}, "itemValuePath": "schema"}}, `+sTitle)},
	{rule: "DynamicExtensionDefinitionNotAllowedInParameter", name: "on the body parameter", kind: CU, files: swaggerEdit(`"x-ms-summary": "Task", `+sBodySchema, `"x-ms-summary": "Task", "x-ms-dynamic-schema": {"operationId": "GetTask", "parameters": {"taskId": "1"}, "value-path": "schema"}, `+sBodySchema), fire: true, at: SwaggerName + ":25:97", ptr: "/paths/~1tasks/post/parameters/0/x-ms-dynamic-schema"},
	{rule: "DynamicExtensionDefinitionNotAllowedInParameter", name: "inside the schema", kind: CU, files: swaggerEdit(sBodySchema, `"schema": {"type": "object", "x-ms-dynamic-schema": {"operationId": "GetTask", "parameters": {"taskId": "1"}, "value-path": "schema"}}}]`)},
	{rule: "DynamicTreeExtensionMissing", name: "file-picker without tree", kind: CU, files: onTaskID(`"x-ms-dynamic-values": {"capability": "file-picker", "value-path": "Id"}`), fire: true, at: SwaggerName + ":49:218", ptr: "/parameters/taskId/x-ms-dynamic-values/capability"},
	{rule: "DynamicTreeExtensionMissing", name: "file-picker with tree", kind: CU, files: onTaskID(`"x-ms-dynamic-values": {"capability": "file-picker", "value-path": "Id"}, "x-ms-dynamic-tree": {"settings": {"canSelectLeafNodes": true}, "open": {"operationId": "ListTasks", "itemValuePath": "id"}, "browse": {"operationId": "ListTasks", "itemValuePath": "id"}}`)},
	{rule: "SelectedItemValuePathNotAllowedInThisPosition", name: "in open", kind: CU, files: onTaskID(`"x-ms-dynamic-tree": {"open": {"operationId": "ListTasks", "parameters": {"x": {"selectedItemValuePath": "id"}}}}`), fire: true, at: SwaggerName + ":49:260", ptr: "/parameters/taskId/x-ms-dynamic-tree/open/parameters/x/selectedItemValuePath"},
	{rule: "SelectedItemValuePathNotAllowedInThisPosition", name: "in browse", kind: CU, files: onTaskID(`"x-ms-dynamic-tree": {"open": {"operationId": "ListTasks"}, "browse": {"operationId": "ListTasks", "parameters": {"x": {"selectedItemValuePath": "id"}}}}`)},
	{rule: "InvalidNextLinkNameValue", name: "next", kind: CU, files: swaggerEdit(sListOp, sListOp+` "x-ms-pageable": {"nextLinkName": "next"},`), fire: true, at: SwaggerName + ":15:71", ptr: "/paths/~1tasks/get/x-ms-pageable/nextLinkName"},
	{rule: "InvalidNextLinkNameValue", name: "NextLink: the platform ignores case", kind: CU, files: swaggerEdit(sListOp, sListOp+` "x-ms-pageable": {"nextLinkName": "NextLink"},`)},
	{rule: "InvalidNextLinkNameValue", name: "@odata.nextLink", kind: CU, files: swaggerEdit(sListOp, sListOp+` "x-ms-pageable": {"nextLinkName": "@odata.nextLink"},`)},

	// §7.2 webhooks
	{rule: "WebhookOperationsMissingNotificationUrlProperty", name: "no callback property", kind: CU, files: withHook(`"x-ms-notification-url": true, `, ``), fire: true, at: SwaggerName + ":29:112", ptr: "/paths/~1hooks/post"},
	{rule: "WebhookOperationsMissingNotificationUrlProperty", name: "callback property", kind: CU, files: withHook()},
	{rule: "WebhookOperationsMissingNotificationUrlProperty", name: "POST trigger in polling mode", kind: CU, files: swaggerEdit(`"summary": "Create a task",`, `"summary": "Create a task", "x-ms-trigger": "batch", "x-ms-trigger-metadata": {"kind": "query", "mode": "polling"},`)},
	{rule: "OperationMustHaveNotificationContentExtension", name: "POST trigger without the webhook contract is polled", kind: CU, files: swaggerEdit(`"summary": "Create a task",`, `"summary": "Create a task", "x-ms-trigger": "batch",`)},
	{rule: "OperationMustHaveNotificationContentExtension", name: "callback URL but polling mode", kind: CU, files: withHook(`"x-ms-notification-content": {"description": "Task", "schema": {"$ref": "#/definitions/Task"}}, `, ``, `"x-ms-trigger": "single", "parameters"`, `"x-ms-trigger": "single", "x-ms-trigger-metadata": {"mode": "Polling"}, "parameters"`)},
	{rule: "OperationMustHaveNotificationContentExtension", name: "no notification content", kind: CU, files: withHook(`"x-ms-notification-content": {"description": "Task", "schema": {"$ref": "#/definitions/Task"}}, `, ``), fire: true, at: SwaggerName + ":29:16", ptr: "/paths/~1hooks/post"},
	{rule: "OperationMustHaveNotificationContentExtension", name: "on the path item", kind: CU, files: withHook()},
	{rule: "NotificationUrlNotAllowedInThisPosition", name: "in a response: inert, a warning", kind: CU, files: withHook(sID, sID+` "x-ms-notification-url": true,`), fire: true, at: SwaggerName + ":44:34", ptr: "/definitions/Task/properties/id/x-ms-notification-url", sev: Warning},
	{rule: "NotificationUrlNotAllowedInThisPosition", name: "in the webhook body", kind: CU, files: withHook()},
	{rule: "NotificationUrlNotAllowedInThisPosition", name: "in a polled trigger's body: warning", kind: CU, files: withHook(`"x-ms-notification-content": {"description": "Task", "schema": {"$ref": "#/definitions/Task"}}, `, ``, `"x-ms-trigger": "single", "parameters"`, `"x-ms-trigger": "single", "x-ms-trigger-metadata": {"mode": "Polling"}, "parameters"`), fire: true, at: SwaggerName + ":29:397", ptr: "/paths/~1hooks/post/parameters/0/schema/properties/url/x-ms-notification-url", sev: Warning},
	{rule: "NotificationUrlNotInternal", name: "visible", kind: CU, files: withHook(`, "x-ms-visibility": "internal"}}}}]`, `}}}}]`), fire: true, at: SwaggerName + ":29:447", ptr: "/paths/~1hooks/post/parameters/0/schema/properties/url/x-ms-notification-url"},
	{rule: "NotificationUrlNotInternal", name: "internal", kind: CU, files: withHook()},
	{rule: "NotificationUrlNotRequired", name: "optional", kind: CU, files: withHook(`"required": ["url"], `, ``), fire: true, at: SwaggerName + ":29:426", ptr: "/paths/~1hooks/post/parameters/0/schema/properties/url/x-ms-notification-url"},
	{rule: "NotificationUrlNotRequired", name: "required", kind: CU, files: withHook()},
	{rule: "NotificationUrlNotString", name: "integer", kind: CU, files: withHook(`"url": {"type": "string"`, `"url": {"type": "integer"`), fire: true, at: SwaggerName + ":29:448", ptr: "/paths/~1hooks/post/parameters/0/schema/properties/url/x-ms-notification-url"},
	{rule: "NotificationUrlNotString", name: "string", kind: CU, files: withHook()},
	{rule: "NotificationExtensionSupportedForTriggerOnly", name: "on an action", kind: CU, files: withHook(sListOp, sListOp+` "x-ms-notification": {"operationId": "OnTask"},`), fire: true, at: SwaggerName + ":15:37", ptr: "/paths/~1tasks/get/x-ms-notification"},
	{rule: "NotificationExtensionSupportedForTriggerOnly", name: "on a polling trigger", kind: CU, files: withHook(sListOp, sListOp+` "x-ms-trigger": "batch", "x-ms-notification": {"operationId": "OnTask"},`)},
	{rule: "NotificationExtensionNotSupportedInWebhookOperation", name: "on the webhook", kind: CU, files: withHook(`"x-ms-trigger": "single", "parameters"`, `"x-ms-trigger": "single", "x-ms-notification": {"operationId": "OnTask"}, "parameters"`), fire: true, at: SwaggerName + ":29:260", ptr: "/paths/~1hooks/post/x-ms-notification"},
	{rule: "NotificationExtensionNotSupportedInWebhookOperation", name: "on a polling trigger", kind: CU, files: withHook(sListOp, sListOp+` "x-ms-trigger": "batch", "x-ms-notification": {"operationId": "OnTask"},`)},
	{rule: "NotificationOperationMustBeWebhook", name: "names an action", kind: CU, files: withHook(sListOp, sListOp+` "x-ms-trigger": "batch", "x-ms-notification": {"operationId": "GetTask"},`), fire: true, at: SwaggerName + ":15:99", ptr: "/paths/~1tasks/get/x-ms-notification/operationId"},
	{rule: "NotificationOperationMustBeWebhook", name: "names the webhook", kind: CU, files: withHook(sListOp, sListOp+` "x-ms-trigger": "batch", "x-ms-notification": {"operationId": "OnTask"},`)},

	// §7.2 enum values and editor
	{rule: "InvalidEnumValuesExtensionValue", name: "value not in enum", kind: CU, files: onTaskID(`"enum": ["a", "b"], "x-ms-enum-values": [{"value": "c", "displayName": "C"}]`), fire: true, at: SwaggerName + ":49:231", ptr: "/parameters/taskId/x-ms-enum-values/0/value"},
	{rule: "InvalidEnumValuesExtensionValue", name: "value in enum", kind: CU, files: onTaskID(`"enum": ["a", "b"], "x-ms-enum-values": [{"value": "a", "displayName": "A"}]`)},
	{rule: "MissingEnumValuesDisplayName", name: "no displayName", kind: CU, files: onTaskID(`"enum": ["a"], "x-ms-enum-values": [{"value": "a"}]`), fire: true, at: SwaggerName + ":49:216", ptr: "/parameters/taskId/x-ms-enum-values/0"},
	{rule: "MissingEnumValuesDisplayName", name: "displayName", kind: CU, files: onTaskID(`"enum": ["a"], "x-ms-enum-values": [{"value": "a", "displayName": "A"}]`)},
	{rule: "DuplicateEnumValuesInExtension", name: "a twice", kind: CU, files: onTaskID(`"enum": ["a"], "x-ms-enum-values": [{"value": "a", "displayName": "A"}, {"value": "a", "displayName": "A again"}]`), fire: true, at: SwaggerName + ":49:262", ptr: "/parameters/taskId/x-ms-enum-values/1/value"},
	{rule: "DuplicateEnumValuesInExtension", name: "distinct", kind: CU, files: onTaskID(`"enum": ["a", "b"], "x-ms-enum-values": [{"value": "a", "displayName": "A"}, {"value": "b", "displayName": "B"}]`)},
	{rule: "InvalidCustomEditorExtensionDictionaryValue", name: "on a string", kind: CU, files: swaggerEdit(sTitle, sTitle+` "x-ms-editor": "dictionary",`), fire: true, at: SwaggerName + ":44:52", ptr: "/definitions/Task/properties/title/x-ms-editor"},
	{rule: "InvalidCustomEditorExtensionDictionaryValue", name: "object with additionalProperties", kind: CU, files: swaggerEdit(sTitle, `"meta": {"type": "object", "additionalProperties": {"type": "string"}, "x-ms-editor": "dictionary"}, `+sTitle)},
}

// boundCases: one firing and one quiet case for each min/max rule, on Task.title.
var boundCases = func() []ruleCase {
	var out []ruleCase
	for _, b := range []struct{ rule, bad, good string }{
		{"MinimumShouldBeLessThanOrEqualToMaximum", `"minimum": 5, "maximum": 2,`, `"minimum": 2, "maximum": 2,`},
		{"MinLengthShouldBeLessThanOrEqualToMaxLength", `"minLength": 5, "maxLength": 2,`, `"minLength": 1, "maxLength": 2,`},
		{"MinItemsShouldBeLessThanOrEqualToMaxItems", `"minItems": 5, "maxItems": 2,`, `"minItems": 0, "maxItems": 2,`},
		{"MaxLengthMustBeGreaterThanOrEqualToZero", `"maxLength": -1,`, `"maxLength": 0,`},
		{"MinLengthMustBeGreaterThanOrEqualToZero", `"minLength": -1,`, `"minLength": 0,`},
		{"MaxItemsMustBeGreaterThanOrEqualToZero", `"maxItems": -1,`, `"maxItems": 3,`},
		{"MinItemsMustBeGreaterThanOrEqualToZero", `"minItems": -2,`, `"minItems": 1,`},
		{"MaxPropertiesMustBeGreaterThanOrEqualToZero", `"maxProperties": -1,`, `"maxProperties": 1,`},
		{"MinPropertiesMustBeGreaterThanOrEqualToZero", `"minProperties": -1,`, `"minProperties": 1,`},
		{"MultipleOfMustBeGreaterThanZero", `"multipleOf": 0,`, `"multipleOf": 0.5,`},
		{"ExclusiveMaximumRequiresMaximum", `"exclusiveMaximum": true,`, `"exclusiveMaximum": true, "maximum": 3,`},
		{"ExclusiveMinimumRequiresMinimum", `"exclusiveMinimum": true,`, `"exclusiveMinimum": true, "minimum": 3,`},
	} {
		out = append(out,
			ruleCase{rule: b.rule, name: "bad bound", kind: CU, files: swaggerEdit(sTitle, sTitle+" "+b.bad), fire: true, at: boundAt(b.bad), ptr: "/definitions/Task/properties/title/" + strings.Trim(strings.SplitN(b.bad, ":", 2)[0], `"`)},
			ruleCase{rule: b.rule, name: "good bound", kind: CU, files: swaggerEdit(sTitle, sTitle+" "+b.good)})
	}
	return out
}()

// boundAt is where a bad bound inserted after Task.title's type is reported: the value, or the
// key for exclusiveMaximum/exclusiveMinimum (line 44; the inserted text starts at column 37).
func boundAt(bad string) string {
	key := strings.SplitN(bad, ":", 2)[0]
	col := 37
	if !strings.HasPrefix(key, `"exclusive`) {
		col += len(key) + 2
	}
	return fmt.Sprintf("%s:44:%d", SwaggerName, col)
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
			p := &pass{c: c}
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
	{rule: "OperationMustHaveResponse", name: "empty responses: IP warning", kind: IP, files: swaggerEdit(sCreateResp, `{}`), fire: true, at: SwaggerName + ":26:22", ptr: "/paths/~1tasks/post/responses"},
	{rule: "OperationMustHaveResponse", name: "no responses key: C warning", kind: C, files: swaggerEdit(`"responses": `+sCreateResp, `"x-ms-visibility": "advanced"`), fire: true, at: SwaggerName + ":20:7", ptr: "/paths/~1tasks/post", sev: Warning},
	{rule: "OperationMustHaveResponse", name: "internal operation", kind: IP, files: swaggerEdit(`"responses": `+sCreateResp, `"x-ms-visibility": "internal"`)},
	{rule: "OperationMustHaveResponse", name: "new submission: error", kind: C, isNew: true, files: swaggerEdit(sCreateResp, `{}`), fire: true, at: SwaggerName + ":26:22", ptr: "/paths/~1tasks/post/responses", sev: Error},
	{rule: "OperationShouldHaveSuccessfulResponse", name: "default only", kind: IP, files: swaggerEdit(sCreateResp, `{"default": {"description": "Error"}}`), fire: true, at: SwaggerName + ":26:9", ptr: "/paths/~1tasks/post/responses"},
	{rule: "OperationShouldHaveSuccessfulResponse", name: "204", kind: IP, files: swaggerEdit(sCreateResp, `{"204": {"description": "Created"}}`)},
	{rule: "ResponseMustBeDefaultOrHttpStatusCode", name: "2XX", kind: CU, files: swaggerEdit(sCreateResp, `{"200": {"description": "OK", "schema": {"$ref": "#/definitions/Task"}}, "2XX": {"description": "Any success"}}`), fire: true, at: SwaggerName + ":26:95", ptr: "/paths/~1tasks/post/responses/2XX"},
	{rule: "ResponseMustBeDefaultOrHttpStatusCode", name: "default and x- keys", kind: CU, files: swaggerEdit(sCreateResp, `{"200": {"description": "OK", "schema": {"$ref": "#/definitions/Task"}}, "default": {"description": "Error"}, "x-note": 1}`)},
}
