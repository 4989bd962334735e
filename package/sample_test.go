package packaging

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/validate"
)

// sampleFlow builds a package from Contoso Tasks with the swagger's paths replaced, verifies it
// and returns the generated flow's definition.
func sampleFlow(t *testing.T, paths, definitions string) (map[string]any, []validate.Finding) {
	t.Helper()
	dir := copyConnector(t, tasksDir, "independent-publisher-connectors", nil)
	sw := `{"swagger": "2.0", "info": {"title": "Contoso Tasks", "description": "Tasks.", "version": "1.0"}, "host": "api.contoso.com", "basePath": "/", "schemes": ["https"], "paths": ` + paths + `, "definitions": ` + definitions + `, "securityDefinitions": {"api_key": {"type": "apiKey", "in": "header", "name": "X-Key"}}}`
	dir = copyConnector(t, dir, "independent-publisher-connectors", map[string]string{validate.SwaggerName: sw})
	c := load(t, dir)
	data, fs, err := Build(c, BuildOptions{})
	if err != nil || data == nil {
		t.Fatalf("build: %v\n%s", err, describe(fs))
	}
	if vs := Verify("package.zip", data, Options{Connector: c, ConnectorPath: c.Path}); len(errorsIn(vs)) > 0 {
		t.Errorf("verify:\n%s", describe(vs))
	}
	flow := unzipAll(t, unzipAll(t, unzipAll(t, data)[1].data)[3].data)
	for _, e := range flow {
		if strings.HasPrefix(e.name, "Workflows/") {
			var doc struct {
				Properties struct {
					Definition map[string]any `json:"definition"`
				} `json:"properties"`
			}
			if err := json.Unmarshal(e.data, &doc); err != nil {
				t.Fatal(err)
			}
			return doc.Properties.Definition, fs
		}
	}
	t.Fatal("no workflow")
	return nil, nil
}

// TestSampleFlowTriggerOnly: a connector whose only visible operations are triggers gets a
// flow started by the first trigger, with a Compose of its body (issue 16).
func TestSampleFlowTriggerOnly(t *testing.T) {
	def, fs := sampleFlow(t, `{
		"/hooks": {"post": {"operationId": "WhenTaskCreated", "x-ms-trigger": "single", "parameters": [
			{"name": "body", "in": "body", "required": true, "schema": {"type": "object", "required": ["url", "project"], "properties": {
				"url": {"type": "string", "x-ms-notification-url": true, "x-ms-visibility": "internal"},
				"project": {"type": "integer", "minimum": 5}}}}],
			"responses": {"201": {"description": "Created"}}}},
		"/internal": {"get": {"operationId": "ListProjects", "x-ms-visibility": "internal", "responses": {"200": {"description": "OK"}}}}}`, `{}`)
	trig, _ := def["triggers"].(map[string]any)["WhenTaskCreated"].(map[string]any)
	if trig == nil || trig["type"] != "OpenApiConnectionWebhook" {
		t.Fatalf("triggers = %v", def["triggers"])
	}
	params := trig["inputs"].(map[string]any)["parameters"]
	if !reflect.DeepEqual(params, map[string]any{"body/project": 5.0}) {
		t.Errorf("trigger parameters = %v", params)
	}
	if c, _ := def["actions"].(map[string]any)["Compose"].(map[string]any); c == nil || c["inputs"] != "@triggerBody()" {
		t.Errorf("actions = %v", def["actions"])
	}
	if !strings.Contains(describe(fs), "the trigger WhenTaskCreated and a Compose of its body") {
		t.Errorf("notice:\n%s", describe(fs))
	}
}

// TestSampleValues: required parameters get values of their type and required body fields
// are filled (issue 16: every value was "sample <name>" and bodies were left out).
func TestSampleValues(t *testing.T) {
	def, _ := sampleFlow(t, `{
		"/tasks/{id}": {"parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}],
			"post": {"operationId": "UpdateTask", "parameters": [
				{"name": "count", "in": "query", "required": true, "type": "integer"},
				{"name": "ratio", "in": "query", "required": true, "type": "number", "maximum": 0.5},
				{"name": "done", "in": "query", "required": true, "type": "boolean"},
				{"name": "state", "in": "query", "required": true, "type": "string", "enum": ["open", "closed"]},
				{"name": "due", "in": "header", "required": true, "type": "string", "format": "date-time"},
				{"name": "optional", "in": "query", "type": "string"},
				{"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Task"}}],
			"responses": {"200": {"description": "OK"}}}}}`,
		`{"Task": {"type": "object", "required": ["owner", "tags", "parent"], "properties": {
			"owner": {"type": "object", "required": ["email"], "properties": {"email": {"type": "string", "format": "email"}, "name": {"type": "string"}}},
			"tags": {"type": "array", "items": {"type": "string", "default": "urgent"}},
			"parent": {"$ref": "#/definitions/Task"},
			"note": {"type": "string"}}}}`)
	params := def["actions"].(map[string]any)["UpdateTask"].(map[string]any)["inputs"].(map[string]any)["parameters"]
	want := map[string]any{
		"id": "sample id", "count": 1.0, "ratio": 0.5, "done": false, "state": "open", "due": "2024-01-01T00:00:00Z",
		"body/owner/email": "someone@example.com", "body/tags": []any{"urgent"}, "body/parent": map[string]any{},
	}
	if !reflect.DeepEqual(params, want) {
		t.Errorf("parameters =\n%v\nwant\n%v", params, want)
	}
}
