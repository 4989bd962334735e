package validate

// securityCases are the firing and non-firing cases of the security rules.
var securityCases = []ruleCase{
	{rule: "SecuritySchemePropertyRequired", name: "apiKey in cookie", kind: CU, files: swaggerEdit(`"in": "header"`, `"in": "cookie"`), fire: true, at: SwaggerName + ":52:41", ptr: "/securityDefinitions/api_key/in"},
	{rule: "SecuritySchemePropertyRequired", name: "oauth2 without tokenUrl", kind: C, files: oauthSwaggerEdit(`"tokenUrl": "https://login.contoso.com/token", `, ``), fire: true, at: SwaggerName + ":52:5", ptr: "/securityDefinitions/oauth2_auth"},
	{rule: "SecuritySchemePropertyRequired", name: "oauth2 without scopes: warning", kind: C, files: oauthSwaggerEdit(`, "scopes": {"tasks.read": "Read tasks"}`, ``, `["tasks.read"]`, `[]`), fire: true, at: SwaggerName + ":52:5", ptr: "/securityDefinitions/oauth2_auth", sev: Warning},

	{rule: "SecuritySchemePropertyNotValid", name: "tokenUrl on implicit", kind: C, files: oauthSwaggerEdit(`"accessCode"`, `"implicit"`), fire: true, at: SwaggerName + ":52:118", ptr: "/securityDefinitions/oauth2_auth/tokenUrl"},

	{rule: "SecurityRequirementMustBeDefined", name: "certified: warning", kind: C, files: swaggerEdit(`"description": "Creates a task.",`, `"description": "Creates a task.", "security": [{"undefined": []}],`), fire: true, at: SwaggerName + ":23:57", ptr: "/paths/~1tasks/post/security/0/undefined"},

	{rule: "OAuthFlowNotSupported", name: "implicit: warning", kind: C, files: oauthSwaggerEdit(`"accessCode"`, `"implicit"`), fire: true, at: SwaggerName + ":52:47", ptr: "/securityDefinitions/oauth2_auth/flow", sev: Warning},

	{rule: "AuthSchemeMismatch", name: "apiKey without securestring", kind: IP, files: propertiesEdit(`"securestring"`, `"string"`), fire: true, at: PropertiesName + ":7:5", ptr: "/properties/connectionParameters"},
	{rule: "AuthSchemeMismatch", name: "secret without scheme", kind: IP, files: swaggerEdit(`"api_key": {"type": "apiKey", "in": "header", "name": "X-API-Key"}`, ``, `"security": [{"api_key": []}],`, ``), fire: true, at: PropertiesName + ":9:17", ptr: "/properties/connectionParameters/api_key/type"},
	{rule: "AuthSchemeMismatch", name: "paired OAuth", kind: C, files: oauthConnector()},

	{rule: "IndependentPublisherOAuth", name: "OAuth", kind: IP, files: oauthConnector(), fire: true, at: SwaggerName + ":52:29", ptr: "/securityDefinitions/oauth2_auth/type"},
}
