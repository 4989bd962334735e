package validate

import (
	"os"
	"testing"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

const (
	goodContact  = `"version": "1.0",` + "\n" + `    "contact": {"name": "Jane Doe", "url": "https://contoso.com", "email": "jane@contoso.com"}`
	goodMetadata = `,` + "\n" + `  "x-ms-connector-metadata": [` + "\n" +
		`    {"propertyName": "Website", "propertyValue": "https://contoso.com"},` + "\n" +
		`    {"propertyName": "Privacy policy", "propertyValue": "https://contoso.com/privacy"},` + "\n" +
		`    {"propertyName": "Categories", "propertyValue": "Productivity"}` + "\n" + `  ]`
	categoriesEntry = `,` + "\n" + `    {"propertyName": "Categories", "propertyValue": "Productivity"}`
	opConsumes      = `"consumes": ["application/json"],` + "\n" + `        `
)

// documentCases are the firing and non-firing cases of the document rules.
var documentCases = []ruleCase{
	{rule: "ContactMissing", name: "no contact: certified warning", kind: C, files: swaggerEdit(goodContact, `"version": "1.0"`), fire: true, at: SwaggerName + ":3:3", ptr: "/info"},
	{rule: "ContactMissing", name: "custom connectors are exempt", kind: CU, files: swaggerEdit(goodContact, `"version": "1.0"`)},

	{rule: "ContactFieldMissing", name: "empty email", kind: C, files: swaggerEdit(`"jane@contoso.com"`, `" "`), fire: true, at: SwaggerName + ":7:5", ptr: "/info/contact"},

	{rule: "ContactEmailNotValid", name: "non-ASCII", kind: IP, files: swaggerEdit(`"jane@contoso.com"`, `"jäne@contoso.com"`), fire: true, at: SwaggerName + ":7:76", ptr: "/info/contact/email"},

	{rule: "UrlNotValid", name: "misspelled scheme in Website", kind: C, files: swaggerEdit(`"propertyValue": "https://contoso.com"}`, `"propertyValue": "htpts://contoso.com"}`), fire: true, at: SwaggerName + ":56:50", ptr: "/x-ms-connector-metadata/0/propertyValue"},
	{rule: "UrlNotValid", name: "externalDocs", kind: CU, files: swaggerEdit(`"summary": "List tasks",`, `"summary": "List tasks", "externalDocs": {"url": "Not Available"},`), fire: true, at: SwaggerName + ":16:58", ptr: "/paths/~1tasks/get/externalDocs/url"},
	{rule: "UrlNotValid", name: "trailing space: warning to trim", kind: C, files: swaggerEdit(`"propertyValue": "https://contoso.com"}`, `"propertyValue": "https://contoso.com "}`), fire: true, at: SwaggerName + ":56:50", ptr: "/x-ms-connector-metadata/0/propertyValue", sev: Warning},
	{rule: "UrlNotValid", name: "embedded space: warning to encode", kind: C, files: swaggerEdit(`"https://contoso.com/privacy"`, `"https://contoso.com/privacy policy"`), fire: true, at: SwaggerName + ":57:57", ptr: "/x-ms-connector-metadata/1/propertyValue", sev: Warning},
	{rule: "UrlNotValid", name: "free text with spaces stays an error", kind: C, files: swaggerEdit(`"https://contoso.com/privacy"`, `"Not Available"`), fire: true, at: SwaggerName + ":57:57", ptr: "/x-ms-connector-metadata/1/propertyValue", sev: Error},

	{rule: "InfoDescriptionFormatting", name: "line break", kind: C, files: swaggerEdit(`from your flows.`, `from your flows.\nMore to come.`), fire: true, at: SwaggerName + ":5:20", ptr: "/info/description"},

	{rule: "ValueMustBeInEnglish", name: "Cyrillic letter in a Latin word", kind: C, files: swaggerEdit(`"x-ms-summary": "Title"`, `"x-ms-summary": "Тitle"`), fire: true, at: SwaggerName + ":44:53", ptr: "/definitions/Task/properties/title/x-ms-summary"},

	{rule: "ConnectorMetadataMissing", name: "absent: certified warning", kind: C, files: swaggerEdit(goodMetadata, ``), fire: true, at: SwaggerName + ":1:1", ptr: "", sev: Warning},

	{rule: "ConnectorMetadataPropertiesMissing", name: "empty Privacy policy", kind: C, files: swaggerEdit(`"https://contoso.com/privacy"`, `" "`), fire: true, at: SwaggerName + ":57:57", ptr: "/x-ms-connector-metadata/1/propertyValue"},

	{rule: "ConnectorMetadataPropertyNameCase", name: "PropertyName key", kind: IP, files: swaggerEdit(`{"propertyName": "Categories"`, `{"PropertyName": "Categories"`), fire: true, at: SwaggerName + ":58:6", ptr: "/x-ms-connector-metadata/2/PropertyName"},
	{rule: "ConnectorMetadataPropertiesMissing", name: "PropertyName/PropertyValue keys count", kind: IP, files: swaggerEdit(`{"propertyName": "Categories", "propertyValue"`, `{"PropertyName": "Categories", "PropertyValue"`)},
	{rule: "RequiredPropertyMissing", name: "PropertyName key: read ignoring case", kind: IP, files: swaggerEdit(`{"propertyName": "Categories"`, `{"PropertyName": "Categories"`)},

	{rule: "InvalidConnectorCategory", name: "case only: notice", kind: C, files: swaggerEdit(`"Productivity"}`, `"productivity"}`), fire: true, at: SwaggerName + ":58:53", ptr: "/x-ms-connector-metadata/2/propertyValue", sev: Notice},

	{rule: "TooManyConnectorCategories", name: "none", kind: C, files: swaggerEdit(`"Productivity"}`, `";"}`), fire: true, at: SwaggerName + ":58:53", ptr: "/x-ms-connector-metadata/2/propertyValue"},

	{rule: "HostMissing", name: "absent", kind: CU, files: swaggerEdit(`"host": "api.tasksapp.io",`, ``), fire: true, at: SwaggerName + ":1:1", ptr: ""},
	{rule: "HostMissing", name: "empty", kind: IP, files: swaggerEdit(`"api.tasksapp.io"`, `""`), fire: true, at: SwaggerName + ":9:11", ptr: "/host"},

	{rule: "HostNameNotValid", name: "template braces", kind: CU, files: swaggerEdit(`"api.tasksapp.io"`, `"{instance}.tasksapp.io"`), fire: true, at: SwaggerName + ":9:11", ptr: "/host"},

	{rule: "HostPlaceholderUnresolved", name: "single label", kind: CU, files: swaggerEdit(`"api.tasksapp.io"`, `"DefinedInConnectionParameters"`), fire: true, at: SwaggerName + ":9:11", ptr: "/host"},
	{rule: "HostPlaceholderUnresolved", name: "dynamichosturl policy", kind: IP, files: func(t *testing.T) map[string]string {
		return map[string]string{
			SwaggerName:    edit(t, goodSwagger, `"api.tasksapp.io"`, `"example.com"`),
			PropertiesName: edit(t, goodProperties, `"capabilities": [],`, `"capabilities": [], "policyTemplateInstances": [{"templateId": "dynamichosturl", "parameters": {"x-ms-apimTemplateParameter.urlTemplate": "https://@connectionParameters('host')"}}],`),
		}
	}},

	{rule: "HostNotProduction", name: "hyphenated staging", kind: C, files: swaggerEdit(`"api.tasksapp.io"`, `"tasks-staging.azurewebsites.net"`), fire: true, at: SwaggerName + ":9:11", ptr: "/host"},
	{rule: "HostNotProduction", name: "custom connectors are exempt", kind: CU, files: swaggerEdit(`"api.tasksapp.io"`, `"api.dev.tasksapp.io"`)},

	{rule: "SchemeHttpUsed", name: "operation schemes", kind: C, files: swaggerEdit(`"summary": "List tasks",`, `"summary": "List tasks", "schemes": ["http"],`), fire: true, at: SwaggerName + ":16:46", ptr: "/paths/~1tasks/get/schemes/0"},

	{rule: "ArrayDuplicateValue", name: "schemes", kind: IP, files: swaggerEdit(`["https"]`, `["https", "https"]`), fire: true, at: SwaggerName + ":11:24", ptr: "/schemes/1"},
	{rule: "ArrayDuplicateValue", name: "required", kind: CU, files: swaggerEdit(`"type": "object",`, `"type": "object", "required": ["id", "title", "id"],`), fire: true, at: SwaggerName + ":41:53", ptr: "/definitions/Task/required/2"},
	{rule: "ArrayDuplicateValue", name: "scopes", kind: CU, files: swaggerEdit(`[{"api_key": []}]`, `[{"api_key": ["a", "a"]}]`), fire: true, at: SwaggerName + ":54:34", ptr: "/security/0/api_key/1"},

	{rule: "MimeTypeNotCompatibleWithRequestContentSchemaType", name: "formData without a form type", kind: CU, files: swaggerEdit(`{"name": "body", "in": "body", "required": true, "x-ms-summary": "Task", "schema": {"$ref": "#/definitions/Task"}}`, `{"name": "file", "in": "formData", "type": "file"}`), fire: true, at: SwaggerName + ":25:24", ptr: "/paths/~1tasks/post/parameters/0"},

	{rule: "JsonValueNotInEnum", name: "x-ms-trigger", kind: CU, files: swaggerEdit(`"summary": "List tasks",`, `"summary": "List tasks", "x-ms-trigger": "polling",`), fire: true, at: SwaggerName + ":16:50", ptr: "/paths/~1tasks/get/x-ms-trigger"},

	{rule: "RequiredPropertyMissing", name: "response description", kind: CU, files: swaggerEdit(`{"200": {"description": "OK", "schema": {"type": "array"`, `{"200": {"schema": {"type": "array"`), fire: true, at: SwaggerName + ":18:23", ptr: "/paths/~1tasks/get/responses/200"},
	{rule: "RequiredPropertyMissing", name: "parameter type", kind: CU, files: swaggerEdit(`"required": true, "type": "string",`, `"required": true,`), fire: true, at: SwaggerName + ":49:5", ptr: "/parameters/taskId"},
	{rule: "JsonTypeIncorrect", name: "required as a string", kind: CU, files: swaggerEdit(`"in": "body", "required": true`, `"in": "body", "required": "true"`), fire: true, at: SwaggerName + ":25:67", ptr: "/paths/~1tasks/post/parameters/0/required"},
	{rule: "JsonTypeIncorrect", name: "metadata as an object", kind: C, files: swaggerEdit(goodMetadata, `, "x-ms-connector-metadata": {}`), fire: true, at: SwaggerName + ":54:61", ptr: "/x-ms-connector-metadata"},
	{rule: "JsonTypeIncorrect", name: "numeric x-ms-summary of a property: shown as text, warning", kind: CU, files: swaggerEdit(`"x-ms-summary": "Title"`, `"x-ms-summary": 42`), fire: true, at: SwaggerName + ":44:53", ptr: "/definitions/Task/properties/title/x-ms-summary", sev: Warning},
	{rule: "JsonTypeIncorrect", name: "numeric x-ms-summary of a parameter: warning", kind: CU, files: swaggerEdit(listParams(`{"name": "top", "in": "query", "type": "integer", "x-ms-summary": 10}`)...), fire: true, at: SwaggerName + ":17:147", ptr: "/paths/~1tasks/get/parameters/0/x-ms-summary", sev: Warning},
	{rule: "JsonValueNotInEnum", name: "schema type null is JSON Schema's", kind: CU, files: swaggerEdit(`"title": {"type": "string",`, `"title": {"type": "null",`)},

	{rule: "AdditionalPropertyNotAllowed", name: "operation sumary", kind: CU, files: swaggerEdit(`"summary": "List tasks",`, `"summary": "List tasks", "sumary": "List tasks",`), fire: true, at: SwaggerName + ":16:34", ptr: "/paths/~1tasks/get/sumary"},
	{rule: "AdditionalPropertyNotAllowed", name: "x- keys and schema keywords", kind: CU, files: swaggerEdit(`"basePath": "/v1",`, `"basePath": "/v1", "x-basepath": "/v1",`, `"type": "object",`, `"type": "object", "example": {"id": "1"}, "title": "Task",`)},
	{rule: "AdditionalPropertyNotAllowed", name: "ExtensionNameNotValid owns X-ms", kind: CU, files: swaggerEdit(`"x-ms-summary": "Task",`, `"X-ms-summary": "Task",`)},

	{rule: "ExtensionNameNotValid", name: "ms-visibility", kind: CU, files: swaggerEdit(`"summary": "List tasks",`, `"summary": "List tasks", "ms-visibility": "advanced",`), fire: true, at: SwaggerName + ":16:34", ptr: "/paths/~1tasks/get/ms-visibility"},

	{rule: "XmsExtensionMisspelled", name: "trailing colon", kind: CU, files: swaggerEdit(`"x-ms-summary": "Title"`, `"x-ms-summary:": "Title"`), fire: true, at: SwaggerName + ":44:37", ptr: "/definitions/Task/properties/title/x-ms-summary:"},

	{rule: "XmsExtensionUnknown", name: "x-ms-navigationProperty", kind: CU, files: swaggerEdit(`"type": "object",`, `"type": "object", "x-ms-navigationProperty": true,`), fire: true, at: SwaggerName + ":41:25", ptr: "/definitions/Task/x-ms-navigationProperty"},
	{rule: "XmsExtensionUnknown", name: "own x- keys", kind: CU, files: swaggerEdit(`"type": "object",`, `"type": "object", "x-contoso-table": "tasks",`)},

	{rule: "XmsExtensionMisplaced", name: "x-ms-trigger on a parameter", kind: CU, files: swaggerEdit(`"x-ms-url-encoding": "single"`, `"x-ms-url-encoding": "single", "x-ms-trigger": "single"`), fire: true, at: SwaggerName + ":49:180", ptr: "/parameters/taskId/x-ms-trigger"},

	{rule: "XmsVisibilityInvalid", name: "none on a property", kind: IP, files: swaggerEdit(`"x-ms-summary": "Title"`, `"x-ms-summary": "Title", "x-ms-visibility": "none"`), fire: true, at: SwaggerName + ":44:81", ptr: "/definitions/Task/properties/title/x-ms-visibility"},
	{rule: "XmsVisibilityInvalid", name: "case only: notice", kind: IP, files: swaggerEdit(`"x-ms-summary": "Title"`, `"x-ms-summary": "Title", "x-ms-visibility": "Advanced"`), fire: true, at: SwaggerName + ":44:81", ptr: "/definitions/Task/properties/title/x-ms-visibility", sev: Notice},
}

// TestSwaggerPrefilterSound guards the shortcut of swaggerViolations: whenever the reduced schema
// vouches for a swagger, the full validator must find nothing (every rule case's swagger, and the
// corpus when it is present).
func TestSwaggerPrefilterSound(t *testing.T) {
	check := func(name string, data []byte) {
		doc := jsonpos.Parse(data)
		if doc.Root == nil {
			return
		}
		if !fastSwaggerSchema().passes(doc.Root, "", false, 0) {
			return
		}
		err := swaggerSchema().Validate(structureInstance(doc.Root, "", false))
		if err != nil {
			t.Errorf("%s: the prefilter passed a swagger the validator rejects: %v", name, err)
		}
	}
	fired := 0
	for _, tc := range ruleCases {
		if tc.files == nil {
			continue
		}
		if s, ok := tc.files(t)[SwaggerName]; ok {
			check(tc.rule+"/"+tc.name, []byte(s))
			if !fastSwaggerSchema().passes(jsonpos.Parse([]byte(s)).Root, "", false, 0) {
				fired++
			}
		}
	}
	if fired == 0 {
		t.Error("the prefilter vouched for every case; it should reject the structural ones")
	}
	if _, err := os.Stat(corpusDir); err == nil {
		dirs, _ := Discover(corpusDir)
		for _, d := range dirs {
			c, err := Load(d, d, 0)
			if err == nil && c.Swagger != nil && c.Swagger.JSON != nil {
				check(c.Swagger.Path, c.Swagger.Data)
			}
		}
	}
}

// TestSwaggerShapesNeverPanic replaces every value of goodSwagger in turn by a value of each
// other JSON type and runs every rule: malformed input must give findings, never a panic; the
// structural schema must not repeat a type or enum finding that a hand-written rule made; and the
// prefilter must never vouch for a variant the validator rejects.
func TestSwaggerShapesNeverPanic(t *testing.T) {
	base := jsonpos.Parse([]byte(goodSwagger))
	var spans [][2]int
	var collect func(n *jsonpos.Node)
	collect = func(n *jsonpos.Node) {
		spans = append(spans, [2]int{n.Start, n.End})
		for i := range n.Members {
			collect(n.Members[i].Value)
		}
		for _, it := range n.Items {
			collect(it)
		}
	}
	collect(base.Root)
	props := jsonpos.Parse([]byte(goodProperties))
	total := 0
	defer func() { t.Logf("%d variants", total) }()
	for _, sp := range spans {
		for _, repl := range []string{`null`, `7`, `"x"`, `[]`, `{}`, `[{"$ref": "#/definitions/Task"}]`, `{"x-ms-visibility": 1, "$ref": 2}`} {
			data := []byte(goodSwagger[:sp[0]] + repl + goodSwagger[sp[1]:])
			doc := jsonpos.Parse(data)
			c := &Connector{Path: "c", Kind: IP, KindResolved: true,
				Swagger:    &File{Name: SwaggerName, Path: "c/" + SwaggerName, Data: data, JSON: doc, Lines: doc.Lines},
				Properties: &File{Name: PropertiesName, Path: "c/" + PropertiesName, Data: []byte(goodProperties), JSON: props, Lines: props.Lines}}
			seen := map[string]bool{}
			total++
			if doc.Root != nil && fastSwaggerSchema().passes(doc.Root, "", false, 0) {
				if err := swaggerSchema().Validate(structureInstance(doc.Root, "", false)); err != nil {
					t.Errorf("the prefilter passed a swagger the validator rejects (replacing %q with %s): %v", goodSwagger[sp[0]:sp[1]], repl, err)
				}
			}
			for _, f := range Check(c) {
				if f.Rule != "JsonTypeIncorrect" && f.Rule != "JsonValueNotInEnum" && f.Rule != "AdditionalPropertyNotAllowed" {
					continue
				}
				key := f.Rule + " " + f.Pointer
				if seen[key] {
					t.Errorf("%s reported twice at %q (replacing %q with %s)", f.Rule, f.Pointer, goodSwagger[sp[0]:sp[1]], repl)
				}
				seen[key] = true
			}
		}
	}
}
