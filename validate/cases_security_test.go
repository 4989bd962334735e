package validate

import "testing"

// securityCases are the firing and non-firing cases of the security rules.
var securityCases = []ruleCase{
	{rule: "SecuritySchemePropertyRequired", name: "apiKey without name", kind: IP, files: swaggerEdit(`, "name": "X-API-Key"`, ``), fire: true, at: SwaggerName + ":52:5", ptr: "/securityDefinitions/api_key"},
	{rule: "SecuritySchemePropertyRequired", name: "apiKey in cookie", kind: CU, files: swaggerEdit(`"in": "header"`, `"in": "cookie"`), fire: true, at: SwaggerName + ":52:41", ptr: "/securityDefinitions/api_key/in"},
	{rule: "SecuritySchemePropertyRequired", name: "oauth2 without tokenUrl", kind: C, files: oauthSwaggerEdit(`"tokenUrl": "https://login.contoso.com/token", `, ``), fire: true, at: SwaggerName + ":52:5", ptr: "/securityDefinitions/oauth2_auth"},
	{rule: "SecuritySchemePropertyRequired", name: "oauth2 without scopes: warning", kind: C, files: oauthSwaggerEdit(`, "scopes": {"tasks.read": "Read tasks"}`, ``, `["tasks.read"]`, `[]`), fire: true, at: SwaggerName + ":52:5", ptr: "/securityDefinitions/oauth2_auth", sev: Warning},
	{rule: "SecuritySchemePropertyRequired", name: "complete oauth2", kind: C, files: oauthConnector()},

	{rule: "SecuritySchemePropertyNotValid", name: "flow on apiKey", kind: IP, files: swaggerEdit(`"in": "header",`, `"in": "header", "flow": "accessCode",`), fire: true, at: SwaggerName + ":52:51", ptr: "/securityDefinitions/api_key/flow"},
	{rule: "SecuritySchemePropertyNotValid", name: "tokenUrl on implicit", kind: C, files: oauthSwaggerEdit(`"accessCode"`, `"implicit"`), fire: true, at: SwaggerName + ":52:118", ptr: "/securityDefinitions/oauth2_auth/tokenUrl"},
	{rule: "SecuritySchemePropertyNotValid", name: "description", kind: IP, files: swaggerEdit(`"in": "header",`, `"in": "header", "description": "The API key",`)},

	{rule: "SecurityRequirementMustBeDefined", name: "IP: error", kind: IP, files: swaggerEdit(`[{"api_key": []}]`, `[{"apikey": []}]`), fire: true, at: SwaggerName + ":54:17", ptr: "/security/0/apikey"},
	{rule: "SecurityRequirementMustBeDefined", name: "certified: warning", kind: C, files: swaggerEdit(`"description": "Creates a task.",`, `"description": "Creates a task.", "security": [{"undefined": []}],`), fire: true, at: SwaggerName + ":23:57", ptr: "/paths/~1tasks/post/security/0/undefined"},
	{rule: "SecurityRequirementMustBeDefined", name: "defined", kind: IP},

	{rule: "SecurityRequirementMustHaveEmptyValue", name: "apiKey with scopes", kind: IP, files: swaggerEdit(`[{"api_key": []}]`, `[{"api_key": ["read"]}]`), fire: true, at: SwaggerName + ":54:28", ptr: "/security/0/api_key"},
	{rule: "SecurityRequirementMustHaveEmptyValue", name: "empty", kind: IP},

	{rule: "SecurityRequirementMustHaveValue", name: "null", kind: IP, files: swaggerEdit(`[{"api_key": []}]`, `[{"api_key": null}]`), fire: true, at: SwaggerName + ":54:28", ptr: "/security/0/api_key"},
	{rule: "SecurityRequirementMustHaveValue", name: "empty list", kind: IP},

	{rule: "OAuthSecurityRequirementValueMustBeScopeName", name: "undeclared scope", kind: C, files: oauthSwaggerEdit(`["tasks.read"]`, `["tasks.read", "tasks.write"]`), fire: true, at: SwaggerName + ":54:47", ptr: "/security/0/oauth2_auth/1"},
	{rule: "OAuthSecurityRequirementValueMustBeScopeName", name: "declared scope", kind: C, files: oauthConnector()},

	{rule: "OAuthFlowNotSupported", name: "application", kind: C, files: oauthSwaggerEdit(`"flow": "accessCode", "authorizationUrl": "https://login.contoso.com/authorize",`, `"flow": "application",`), fire: true, at: SwaggerName + ":52:47", ptr: "/securityDefinitions/oauth2_auth/flow"},
	{rule: "OAuthFlowNotSupported", name: "implicit: warning", kind: C, files: oauthSwaggerEdit(`"accessCode"`, `"implicit"`), fire: true, at: SwaggerName + ":52:47", ptr: "/securityDefinitions/oauth2_auth/flow", sev: Warning},
	{rule: "OAuthFlowNotSupported", name: "accessCode", kind: C, files: oauthConnector()},

	{rule: "ApiKeyGatewayNotSupported", name: "gateway with an API key", kind: IP, files: propertiesEdit(`"capabilities": [],`, `"capabilities": ["gateway"],`), fire: true, at: PropertiesName + ":4:22", ptr: "/properties/capabilities/0"},
	{rule: "ApiKeyGatewayNotSupported", name: "actions", kind: IP, files: propertiesEdit(`"capabilities": [],`, `"capabilities": ["actions"],`)},

	{rule: "AuthSchemeMismatch", name: "OAuth only in the swagger", kind: C, files: swaggerEdit(oauthSwagger...), fire: true, at: SwaggerName + ":52:29", ptr: "/securityDefinitions/oauth2_auth/type"},
	{rule: "AuthSchemeMismatch", name: "apiKey without securestring", kind: IP, files: propertiesEdit(`"securestring"`, `"string"`), fire: true, at: PropertiesName + ":7:5", ptr: "/properties/connectionParameters"},
	{rule: "AuthSchemeMismatch", name: "secret without scheme", kind: IP, files: swaggerEdit(`"api_key": {"type": "apiKey", "in": "header", "name": "X-API-Key"}`, ``, `"security": [{"api_key": []}],`, ``), fire: true, at: PropertiesName + ":9:17", ptr: "/properties/connectionParameters/api_key/type"},
	{rule: "AuthSchemeMismatch", name: "secret sent by a policy", kind: IP, files: func(t *testing.T) map[string]string {
		return map[string]string{
			SwaggerName:    edit(t, goodSwagger, `"api_key": {"type": "apiKey", "in": "header", "name": "X-API-Key"}`, ``, `"security": [{"api_key": []}],`, ``),
			PropertiesName: edit(t, goodProperties, `"capabilities": [],`, `"capabilities": [], "policyTemplateInstances": [{"templateId": "setheader", "parameters": {"x-ms-apimTemplateParameter.name": "X-API-Key", "x-ms-apimTemplateParameter.value": "@connectionParameters('api_key')"}}],`),
		}
	}},
	{rule: "AuthSchemeMismatch", name: "paired OAuth", kind: C, files: oauthConnector()},

	{rule: "IndependentPublisherOAuth", name: "OAuth", kind: IP, files: oauthConnector(), fire: true, at: SwaggerName + ":52:29", ptr: "/securityDefinitions/oauth2_auth/type"},
	{rule: "IndependentPublisherOAuth", name: "certified", kind: C, files: oauthConnector()},
}
