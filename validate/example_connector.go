package validate

// The good test connector: a connector folder that no rule flags. Each rule's example and test
// cases are edits of it (Case), so that every expected position can be read off these texts.

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

// goodScript is a clean script.csx; positions below are read off it.
const goodScript = `using System.Net;
using Newtonsoft.Json.Linq;

public class Script : ScriptBase
{
    public override async Task<HttpResponseMessage> ExecuteAsync()
    {
        if (this.Context.OperationId == "ListTasks")
        {
            var response = await this.Context.SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);
            return response;
        }
        // new HttpClient() in a comment, "CreateTask" == this.Context.OperationId
        var note = @"Thread.Sleep(10000); using System.Data; "" new HttpClient()";
        return new HttpResponseMessage(HttpStatusCode.BadRequest);
    }
}
`

// goodIntro follows Microsoft's intro.md template; line numbers below are read off it.
const goodIntro = `Contoso Tasks keeps the tasks of a team in one place, with due dates, owners and reminders.

## Prerequisites
You need a Contoso Tasks account.

## How to get credentials
Open Settings, then API, and copy your API key.

## Get started with your connector
Create a flow that lists your tasks.

## Known issues and limitations
None so far.

## Common errors and remedies
A 401 error means the API key is wrong.

## FAQ
None yet.
`

// kindFolder maps a kind to the repository folder that implies it ("" = none: kind unresolved).
var kindFolder = map[Kind]string{
	Certified:            "certified-connectors",
	IndependentPublisher: "independent-publisher-connectors",
	Custom:               "custom-connectors",
}

// absent as an edit's new content removes the file; "-> target" makes it a symbolic link.
const absent = "<absent>"

// goodFiles are the files of the good test connector's folder.
func goodFiles() map[string]string {
	return map[string]string{SwaggerName: goodSwagger, PropertiesName: goodProperties, ReadmeName: goodReadme}
}

// goodBases are texts an edit can start a file from (Edit.From): the folder's files, and a clean
// script.csx and intro.md, which the folder doesn't have.
var goodBases = map[string]string{
	SwaggerName: goodSwagger, PropertiesName: goodProperties, ReadmeName: goodReadme,
	ScriptName: goodScript, IntroName: goodIntro,
}

// exampleOAuthSwagger is an edit of the good connector's swagger that replaces its API key by an OAuth 2
// authorization-code scheme; the connection examples start from it.
var exampleOAuthSwagger = Edit{File: SwaggerName,
	Old: "    \"api_key\": {\"type\": \"apiKey\", \"in\": \"header\", \"name\": \"X-API-Key\"}\n  },\n  \"security\": [{\"api_key\": []}],\n",
	New: "    \"oauth2_auth\": {\"type\": \"oauth2\", \"flow\": \"accessCode\", \"authorizationUrl\": \"https://login.contoso.com/authorize\", \"tokenUrl\": \"https://login.contoso.com/token\", \"scopes\": {\"tasks.read\": \"Read tasks\"}}\n  },\n  \"security\": [{\"oauth2_auth\": [\"tasks.read\"]}],\n"}

// oauthPropertiesWith is an apiProperties.json whose one connection parameter, token, is an
// oauthSetting; settings is the text of its oAuthSettings from the line after the opening brace
// to the closing brace.
func oauthPropertiesWith(settings string) Edit {
	return Edit{File: PropertiesName,
		New: "{\n  \"properties\": {\n    \"iconBrandColor\": \"#da3b01\",\n    \"capabilities\": [],\n    \"publisher\": \"Jane Doe\",\n    \"stackOwner\": \"Contoso\",\n    \"connectionParameters\": {\n      \"token\": {\n        \"type\": \"oauthSetting\",\n        \"oAuthSettings\": {\n" +
			settings +
			"\n        \"uiDefinition\": {\"displayName\": \"Sign in\", \"description\": \"Sign in with Contoso.\", \"tooltip\": \"Sign in\", \"constraints\": {\"required\": \"true\"}}\n      }\n    }\n  }\n}\n"}
}
