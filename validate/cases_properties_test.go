package validate

import "testing"

// oauthProperties is goodProperties with an OAuth connection parameter instead of the API key;
// with oauthSwagger it makes a clean OAuth connector (for certified and custom kinds).
const oauthProperties = `{
  "properties": {
    "iconBrandColor": "#da3b01",
    "capabilities": [],
    "publisher": "Jane Doe",
    "stackOwner": "Contoso",
    "connectionParameters": {
      "token": {
        "type": "oauthSetting",
        "oAuthSettings": {
          "identityProvider": "oauth2",
          "clientId": "[[DUMMY]]",
          "scopes": ["tasks.read"],
          "redirectMode": "GlobalPerConnector",
          "customParameters": {
            "authorizationUrl": {"value": "https://login.contoso.com/authorize"},
            "tokenUrl": {"value": "https://login.contoso.com/token"},
            "refreshUrl": {"value": "https://login.contoso.com/token"}
          }
        },
        "uiDefinition": {"displayName": "Sign in", "description": "Sign in with Contoso.", "tooltip": "Sign in", "constraints": {"required": "true"}}
      }
    }
  }
}
`

// oauthSwagger turns goodSwagger's API key into an OAuth 2.0 authorization-code scheme.
var oauthSwagger = []string{
	`"api_key": {"type": "apiKey", "in": "header", "name": "X-API-Key"}`,
	`"oauth2_auth": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://login.contoso.com/authorize", "tokenUrl": "https://login.contoso.com/token", "scopes": {"tasks.read": "Read tasks"}}`,
	`"security": [{"api_key": []}]`, `"security": [{"oauth2_auth": ["tasks.read"]}]`,
}

// oauthConnector is the OAuth connector with edits to its apiProperties.json.
func oauthConnector(pairs ...string) func(t *testing.T) map[string]string {
	return func(t *testing.T) map[string]string {
		return map[string]string{SwaggerName: edit(t, goodSwagger, oauthSwagger...), PropertiesName: edit(t, oauthProperties, pairs...)}
	}
}

// oauthSwaggerEdit is the OAuth connector with further edits to its swagger.
func oauthSwaggerEdit(pairs ...string) func(t *testing.T) map[string]string {
	return func(t *testing.T) map[string]string {
		return map[string]string{SwaggerName: edit(t, edit(t, goodSwagger, oauthSwagger...), pairs...), PropertiesName: oauthProperties}
	}
}

// withPolicies adds policyTemplateInstances (written on line 4 of goodProperties).
func withPolicies(list string) func(t *testing.T) map[string]string {
	return propertiesEdit(`"capabilities": [],`, `"capabilities": [], "policyTemplateInstances": `+list+`,`)
}

// propertiesCases are the firing and non-firing cases of the properties rules.
var propertiesCases = []ruleCase{
	{rule: "JsonValueNotInEnum", name: "constraint yes", kind: IP, files: propertiesEdit(`"required": "true"`, `"required": "yes"`), fire: true, at: PropertiesName + ":14:74", ptr: "/properties/connectionParameters/api_key/uiDefinition/constraints/required"},
	{rule: "JsonValueNotInEnum", name: "redirectMode PerConnector", kind: C, files: oauthConnector(`"GlobalPerConnector"`, `"PerConnector"`), fire: true, at: PropertiesName + ":14:27", ptr: "/properties/connectionParameters/token/oAuthSettings/redirectMode"},
	{rule: "JsonValueNotInEnum", name: "constraint False", kind: IP, files: propertiesEdit(`"required": "true"`, `"required": "False"`)},
	{rule: "JsonTypeIncorrect", name: "redirectUrl array beside GlobalPerConnector: ignored, warning", kind: C, files: oauthConnector(`"redirectMode": "GlobalPerConnector",`, `"redirectMode": "GlobalPerConnector", "redirectUrl": ["https://global.consent.azure-apim.net/redirect"],`), fire: true, at: PropertiesName + ":14:64", ptr: "/properties/connectionParameters/token/oAuthSettings/redirectUrl", sev: Warning},
	{rule: "JsonTypeIncorrect", name: "redirectUrl array beside Global: error", kind: C, files: oauthConnector(`"redirectMode": "GlobalPerConnector",`, `"redirectMode": "Global", "redirectUrl": ["https://global.consent.azure-apim.net/redirect"],`), fire: true, at: PropertiesName + ":14:52", ptr: "/properties/connectionParameters/token/oAuthSettings/redirectUrl", sev: Error},

	{rule: "PublisherMissing", name: "certified empty: warning", kind: C, files: propertiesEdit(`"Jane Doe"`, `" "`), fire: true, at: PropertiesName + ":5:18", ptr: "/properties/publisher"},

	{rule: "StackOwnerMissing", name: "IP without stackOwner: error", kind: IP, files: propertiesEdit(`"stackOwner": "Contoso",`, ``), fire: true, at: PropertiesName + ":2:3", ptr: "/properties"},
	{rule: "StackOwnerMissing", name: "certified empty: warning", kind: C, files: propertiesEdit(`"Contoso"`, `""`), fire: true, at: PropertiesName + ":6:19", ptr: "/properties/stackOwner"},

	{rule: "PublisherValueSuspicious", name: "non-ASCII stackOwner", kind: C, files: propertiesEdit(`"Contoso"`, `"Contoso Åland"`), fire: true, at: PropertiesName + ":6:19", ptr: "/properties/stackOwner"},

	{rule: "CapabilitiesInvalid", name: "unknown value: warning", kind: IP, files: propertiesEdit(`"capabilities": [],`, `"capabilities": ["action"],`), fire: true, at: PropertiesName + ":4:22", ptr: "/properties/capabilities/0", sev: Warning},

	{rule: "ConnectionParameterNameInvalid", name: "space: warning", kind: IP, files: propertiesEdit(`"api_key": {`, `"API Key": {`), fire: true, at: PropertiesName + ":8:7", ptr: "/properties/connectionParameters/API Key", sev: Warning},

	{rule: "ConnectionParameterTypeInvalid", name: "case only: notice", kind: IP, files: propertiesEdit(`"securestring"`, `"secureString"`), fire: true, at: PropertiesName + ":9:17", ptr: "/properties/connectionParameters/api_key/type", sev: Notice},
	{rule: "ConnectionParameterTypeInvalid", name: "no type", kind: CU, files: propertiesEdit(`"type": "securestring",`, ``), fire: true, at: PropertiesName + ":8:7", ptr: "/properties/connectionParameters/api_key"},

	{rule: "ConnectionParameterSetsInvalid", name: "option without name", kind: IP, files: propertiesEdit(`"capabilities": [],`, `"capabilities": [], "connectionParameterSets": {"uiDefinition": {}, "values": [{"uiDefinition": {}, "parameters": {}}]},`), fire: true, at: PropertiesName + ":4:84", ptr: "/properties/connectionParameterSets/values/0"},

	{rule: "OAuthSettingsShapeInvalid", name: "scopes a string", kind: C, files: oauthConnector(`["tasks.read"]`, `"tasks.read"`), fire: true, at: PropertiesName + ":13:21", ptr: "/properties/connectionParameters/token/oAuthSettings/scopes"},

	{rule: "OAuthRedirectModeNotPerConnector", name: "Global", kind: C, files: oauthConnector(`"GlobalPerConnector"`, `"Global"`), fire: true, at: PropertiesName + ":14:27", ptr: "/properties/connectionParameters/token/oAuthSettings/redirectMode"},
	{rule: "OAuthRedirectModeNotPerConnector", name: "absent", kind: IP, files: oauthConnector(`"redirectMode": "GlobalPerConnector",`, ``), fire: true, at: PropertiesName + ":10:9", ptr: "/properties/connectionParameters/token/oAuthSettings"},

	{rule: "OAuthClientIdCommitted", name: "published IP: warning", kind: IP, files: oauthConnector(`"[[DUMMY]]"`, `"Iv1.8a61f9b3a7aba766"`), fire: true, at: PropertiesName + ":12:23", ptr: "/properties/connectionParameters/token/oAuthSettings/clientId", sev: Warning},
	{rule: "OAuthClientIdCommitted", name: "new IP: error", kind: IP, isNew: true, files: oauthConnector(`"[[DUMMY]]"`, `"Iv1.8a61f9b3a7aba766"`), fire: true, at: PropertiesName + ":12:23", ptr: "/properties/connectionParameters/token/oAuthSettings/clientId", sev: Error},

	{rule: "OAuthClientIdCommitted", name: "short dummy abc", kind: IP, files: oauthConnector(`"[[DUMMY]]"`, `"abc"`)},
	{rule: "OAuthClientSecretCommitted", name: "placeholder", kind: C, files: oauthConnector(`"clientId": "[[DUMMY]]",`, `"clientId": "[[DUMMY]]", "clientSecret": "<client secret>",`)},

	{rule: "PolicyTemplateIdUnknown", name: "no templateId", kind: IP, files: withPolicies(`[{"title": "x"}]`), fire: true, at: PropertiesName + ":4:53", ptr: "/properties/policyTemplateInstances/0"},

	{rule: "PolicyTemplateParameterMissing", name: "no parameters", kind: IP, files: withPolicies(`[{"templateId": "routerequesttoendpoint"}]`), fire: true, at: PropertiesName + ":4:53", ptr: "/properties/policyTemplateInstances/0"},
	{rule: "PolicyTemplateParameterMissing", name: "Failure section outside setheader", kind: IP, files: withPolicies(`[{"templateId": "dynamichosturl", "parameters": {"x-ms-apimTemplateParameter.urlTemplate": "https://x", "x-ms-apimTemplate-policySection": "Failure"}}]`), fire: true, at: PropertiesName + ":4:191", ptr: "/properties/policyTemplateInstances/0/parameters/x-ms-apimTemplate-policySection"},

	{rule: "PolicyOperationNotFound", name: "case-only match: warning", kind: IP, files: withPolicies(`[{"templateId": "routerequesttoendpoint", "parameters": {"x-ms-apimTemplate-operationName": ["listtasks"], "x-ms-apimTemplateParameter.newPath": "/v2/tasks"}}]`), fire: true, at: PropertiesName + ":4:145", ptr: "/properties/policyTemplateInstances/0/parameters/x-ms-apimTemplate-operationName/0", sev: Warning},

	{rule: "ScriptFileMissing", name: "with script.csx", kind: IP, files: func(t *testing.T) map[string]string {
		return map[string]string{PropertiesName: edit(t, goodProperties, `"capabilities": [],`, `"capabilities": [], "scriptOperations": ["ListTasks"],`), ScriptName: goodScript}
	}},

	{rule: "ScriptOperationNotFound", name: "unknown operation: error", kind: IP, files: func(t *testing.T) map[string]string {
		return map[string]string{PropertiesName: edit(t, goodProperties, `"capabilities": [],`, `"capabilities": [], "scriptOperations": ["ListTask"],`), ScriptName: goodScript}
	}, fire: true, at: PropertiesName + ":4:46", ptr: "/properties/scriptOperations/0", sev: Error},
}
