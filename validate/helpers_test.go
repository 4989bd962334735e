package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goodSwagger is a minimal connector swagger that no rule flags; cases edit it with strings.Replace
// so that every expected position below can be read off this text.
const goodSwagger = `{
  "swagger": "2.0",
  "info": {
    "title": "Contoso Tasks",
    "description": "Create, list and complete tasks in Contoso Tasks from your flows.",
    "version": "1.0",
    "contact": {"name": "Jane Doe", "url": "https://contoso.com", "email": "jane@contoso.com"}
  },
  "host": "api.tasksapp.io",
  "basePath": "/v1",
  "schemes": ["https"],
  "paths": {
    "/tasks": {
      "get": {
        "operationId": "ListTasks",
        "summary": "List tasks",
        "description": "Lists the tasks of the signed-in user.",
        "responses": {"200": {"description": "OK", "schema": {"type": "array", "items": {"$ref": "#/definitions/Task"}}}}
      },
      "post": {
        "operationId": "CreateTask",
        "summary": "Create a task",
        "description": "Creates a task.",
        "consumes": ["application/json"],
        "parameters": [{"name": "body", "in": "body", "required": true, "x-ms-summary": "Task", "schema": {"$ref": "#/definitions/Task"}}],
        "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Task"}}}
      }
    },
    "/tasks/{taskId}": {
      "get": {
        "operationId": "GetTask",
        "summary": "Get a task",
        "description": "Gets one task by its ID.",
        "parameters": [{"$ref": "#/parameters/taskId"}],
        "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Task"}}}
      }
    }
  },
  "definitions": {
    "Task": {
      "type": "object",
      "properties": {
        "id": {"type": "string", "x-ms-summary": "Task ID", "description": "The ID of the task."},
        "title": {"type": "string", "x-ms-summary": "Title", "description": "The title of the task."}
      }
    }
  },
  "parameters": {
    "taskId": {"name": "taskId", "in": "path", "required": true, "type": "string", "x-ms-summary": "Task ID", "description": "The ID of the task.", "x-ms-url-encoding": "single"}
  },
  "securityDefinitions": {
    "api_key": {"type": "apiKey", "in": "header", "name": "X-API-Key"}
  },
  "security": [{"api_key": []}],
  "x-ms-connector-metadata": [
    {"propertyName": "Website", "propertyValue": "https://contoso.com"},
    {"propertyName": "Privacy policy", "propertyValue": "https://contoso.com/privacy"},
    {"propertyName": "Categories", "propertyValue": "Productivity"}
  ]
}
`

const goodProperties = `{
  "properties": {
    "iconBrandColor": "#da3b01",
    "capabilities": [],
    "publisher": "Jane Doe",
    "stackOwner": "Contoso",
    "connectionParameters": {
      "api_key": {
        "type": "securestring",
        "uiDefinition": {
          "displayName": "API Key",
          "description": "The API key for your Contoso Tasks account.",
          "tooltip": "Provide your API key",
          "constraints": {"tabIndex": 2, "clearText": false, "required": "true"}
        }
      }
    }
  }
}
`

// goodReadme has every section of the repository's readme template for both kinds.
const goodReadme = `# Contoso Tasks
Contoso Tasks keeps the tasks of a team in one place. This connector lets flows create, list and complete them.

## Publisher: Jane Doe

## Prerequisites
You need a Contoso Tasks account.

## Supported Operations
### List tasks
Lists the tasks of the signed-in user.
### Create a task
Creates a task.
### Get a task
Gets one task by its ID.

## Obtaining Credentials
Sign in to Contoso Tasks, open Settings, then API, and copy your API key.

## Known Issues and Limitations
None so far.

## Deployment Instructions
Run ` + "`paconn create --api-def apiDefinition.swagger.json --api-prop apiProperties.json`" + `.
`

// kindFolder maps a kind to the repository folder that implies it ("" = none: kind unresolved).
var kindFolder = map[Kind]string{
	Certified:            "certified-connectors",
	IndependentPublisher: "independent-publisher-connectors",
	Custom:               "custom-connectors",
}

// makeConnector writes a connector folder and returns its path. files maps names to contents; the
// value "<absent>" removes a default file, and "-> target" makes a symbolic link.
func makeConnector(t testing.TB, kind Kind, files map[string]string) string {
	t.Helper()
	all := map[string]string{
		SwaggerName:    goodSwagger,
		PropertiesName: goodProperties,
		ReadmeName:     goodReadme,
	}
	for name, content := range files {
		all[name] = content
	}
	dir := filepath.Join(t.TempDir(), kindFolder[kind], "Contoso Tasks")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range all {
		if content == absent {
			continue
		}
		if target, ok := strings.CutPrefix(content, "-> "); ok {
			if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil { // "images/a.png"
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const absent = "<absent>"

// check loads and checks one connector folder.
func checkDir(t testing.TB, dir string, kind Kind) []Finding {
	t.Helper()
	c, err := Load(dir, "c", kind)
	if err != nil {
		t.Fatal(err)
	}
	return Check(c)
}

// edit applies old->new replacements to s, failing the test when old is not in s.
func edit(t testing.TB, s string, pairs ...string) string {
	t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("fixture edit: %q not found", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

func describe(fs []Finding) string {
	var sb strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&sb, "  %s:%d:%d-%d:%d %s [%s] %s (%s)\n", f.File, f.Line, f.Column, f.EndLine, f.EndColumn, f.Severity, f.Rule, f.Message, f.Pointer)
	}
	return sb.String()
}

// mustRule is the registered rule with that ID (the cases name rules by ID, as findings do).
func mustRule(id string) *Rule {
	r, ok := LookupRule(id)
	if !ok {
		panic("validate: unregistered rule " + id)
	}
	return r
}
