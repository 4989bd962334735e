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

	{rule: "ApiPropertiesUnknownProperty", name: "stackowner", kind: IP, files: propertiesEdit(`"capabilities": [],`, `"capabilities": [], "stackowner": "Contoso",`), fire: true, at: PropertiesName + ":4:25", ptr: "/properties/stackowner"},
	{rule: "ApiPropertiesUnknownProperty", name: "known keys", kind: IP, files: propertiesEdit(`"capabilities": [],`, `"capabilities": [], "scriptOperations": [], "connectionParameterSets": {"uiDefinition": {}, "values": [{"name": "a", "uiDefinition": {}, "parameters": {}}]},`)},

	{rule: "PublisherMissing", name: "IP without publisher: error", kind: IP, files: propertiesEdit(`"publisher": "Jane Doe",`, ``), fire: true, at: PropertiesName + ":2:3", ptr: "/properties"},
	{rule: "PublisherMissing", name: "certified empty: warning", kind: C, files: propertiesEdit(`"Jane Doe"`, `" "`), fire: true, at: PropertiesName + ":5:18", ptr: "/properties/publisher"},
	{rule: "PublisherMissing", name: "custom connectors are exempt", kind: CU, files: propertiesEdit(`"publisher": "Jane Doe",`, ``)},

	{rule: "StackOwnerMissing", name: "IP without stackOwner: error", kind: IP, files: propertiesEdit(`"stackOwner": "Contoso",`, ``), fire: true, at: PropertiesName + ":2:3", ptr: "/properties"},
	{rule: "StackOwnerMissing", name: "certified empty: warning", kind: C, files: propertiesEdit(`"Contoso"`, `""`), fire: true, at: PropertiesName + ":6:19", ptr: "/properties/stackOwner"},
	{rule: "StackOwnerMissing", name: "present", kind: IP},

	{rule: "IpPublisherEqualsStackOwner", name: "same name", kind: IP, files: propertiesEdit(`"Contoso"`, `"jane doe"`), fire: true, at: PropertiesName + ":6:19", ptr: "/properties/stackOwner"},
	{rule: "IpPublisherEqualsStackOwner", name: "certified may", kind: C, files: propertiesEdit(`"Jane Doe"`, `"Contoso"`)},

	{rule: "PublisherValueSuspicious", name: "IP company suffix", kind: IP, files: propertiesEdit(`"Jane Doe"`, `"Contoso Ltd."`), fire: true, at: PropertiesName + ":5:18", ptr: "/properties/publisher"},
	{rule: "PublisherValueSuspicious", name: "non-ASCII stackOwner", kind: C, files: propertiesEdit(`"Contoso"`, `"Contoso Åland"`), fire: true, at: PropertiesName + ":6:19", ptr: "/properties/stackOwner"},
	{rule: "PublisherValueSuspicious", name: "certified company", kind: C, files: propertiesEdit(`"Jane Doe"`, `"Contoso Inc"`)},

	{rule: "CapabilitiesInvalid", name: "a string", kind: CU, files: propertiesEdit(`"capabilities": [],`, `"capabilities": "actions",`), fire: true, at: PropertiesName + ":4:21", ptr: "/properties/capabilities"},
	{rule: "CapabilitiesInvalid", name: "unknown value: warning", kind: IP, files: propertiesEdit(`"capabilities": [],`, `"capabilities": ["action"],`), fire: true, at: PropertiesName + ":4:22", ptr: "/properties/capabilities/0", sev: Warning},
	{rule: "CapabilitiesInvalid", name: "known values in any case", kind: IP, files: propertiesEdit(`"capabilities": [],`, `"capabilities": ["actions", "Cloud Only"],`)},

	{rule: "ConnectionParameterNameInvalid", name: "slash", kind: IP, files: propertiesEdit(`"api_key": {`, `"api/key": {`), fire: true, at: PropertiesName + ":8:7", ptr: "/properties/connectionParameters/api~1key"},
	{rule: "ConnectionParameterNameInvalid", name: "space: warning", kind: IP, files: propertiesEdit(`"api_key": {`, `"API Key": {`), fire: true, at: PropertiesName + ":8:7", ptr: "/properties/connectionParameters/API Key", sev: Warning},
	{rule: "ConnectionParameterNameInvalid", name: "name:sub form", kind: IP, files: propertiesEdit(`"api_key": {`, `"token:TenantId": {`)},

	{rule: "ConnectionParameterTypeInvalid", name: "unknown type", kind: IP, files: propertiesEdit(`"securestring"`, `"secret"`), fire: true, at: PropertiesName + ":9:17", ptr: "/properties/connectionParameters/api_key/type"},
	{rule: "ConnectionParameterTypeInvalid", name: "case only: notice", kind: IP, files: propertiesEdit(`"securestring"`, `"secureString"`), fire: true, at: PropertiesName + ":9:17", ptr: "/properties/connectionParameters/api_key/type", sev: Notice},
	{rule: "ConnectionParameterTypeInvalid", name: "no type", kind: CU, files: propertiesEdit(`"type": "securestring",`, ``), fire: true, at: PropertiesName + ":8:7", ptr: "/properties/connectionParameters/api_key"},
	{rule: "ConnectionParameterTypeInvalid", name: "oauthSetting", kind: C, files: oauthConnector()},

	{rule: "SecretParameterNotSecure", name: "api_key as string", kind: IP, files: propertiesEdit(`"securestring"`, `"string"`), fire: true, at: PropertiesName + ":9:17", ptr: "/properties/connectionParameters/api_key/type"},
	{rule: "SecretParameterNotSecure", name: "region as string", kind: IP, files: propertiesEdit(`"api_key": {`, `"region": {`, `"securestring"`, `"string"`)},

	{rule: "ConstraintValueNotString", name: "boolean required", kind: IP, files: propertiesEdit(`"required": "true"`, `"required": true`), fire: true, at: PropertiesName + ":14:74", ptr: "/properties/connectionParameters/api_key/uiDefinition/constraints/required"},
	{rule: "ConstraintValueNotString", name: "boolean clearText is normal", kind: IP},

	{rule: "ConnectionParameterSetsInvalid", name: "no values", kind: IP, files: propertiesEdit(`"capabilities": [],`, `"capabilities": [], "connectionParameterSets": {"uiDefinition": {}},`), fire: true, at: PropertiesName + ":4:25", ptr: "/properties/connectionParameterSets"},
	{rule: "ConnectionParameterSetsInvalid", name: "option without name", kind: IP, files: propertiesEdit(`"capabilities": [],`, `"capabilities": [], "connectionParameterSets": {"uiDefinition": {}, "values": [{"uiDefinition": {}, "parameters": {}}]},`), fire: true, at: PropertiesName + ":4:84", ptr: "/properties/connectionParameterSets/values/0"},
	{rule: "ConnectionParameterSetsInvalid", name: "complete", kind: IP, files: propertiesEdit(`"capabilities": [],`, `"capabilities": [], "connectionParameterSets": {"uiDefinition": {"displayName": "Authentication"}, "values": [{"name": "key", "uiDefinition": {}, "parameters": {"api_key": {"type": "securestring"}}}]},`)},

	{rule: "OAuthIdentityProviderUnknown", name: "DocuSign", kind: C, files: oauthConnector(`"identityProvider": "oauth2"`, `"identityProvider": "DocuSign"`), fire: true, at: PropertiesName + ":11:31", ptr: "/properties/connectionParameters/token/oAuthSettings/identityProvider"},
	{rule: "OAuthIdentityProviderUnknown", name: "aad", kind: C, files: oauthConnector(`"identityProvider": "oauth2"`, `"identityProvider": "aad"`)},

	{rule: "OAuthSettingsShapeInvalid", name: "oauth2 without refreshUrl", kind: C, files: oauthConnector(`,
            "refreshUrl": {"value": "https://login.contoso.com/token"}`, ``), fire: true, at: PropertiesName + ":15:11", ptr: "/properties/connectionParameters/token/oAuthSettings/customParameters"},
	{rule: "OAuthSettingsShapeInvalid", name: "scopes a string", kind: C, files: oauthConnector(`["tasks.read"]`, `"tasks.read"`), fire: true, at: PropertiesName + ":13:21", ptr: "/properties/connectionParameters/token/oAuthSettings/scopes"},
	{rule: "OAuthSettingsShapeInvalid", name: "aad with resourceUri", kind: C, files: oauthConnector(`"identityProvider": "oauth2"`, `"identityProvider": "aad"`, `"refreshUrl"`, `"resourceUri"`)},

	{rule: "OAuthRedirectModeNotPerConnector", name: "Global", kind: C, files: oauthConnector(`"GlobalPerConnector"`, `"Global"`), fire: true, at: PropertiesName + ":14:27", ptr: "/properties/connectionParameters/token/oAuthSettings/redirectMode"},
	{rule: "OAuthRedirectModeNotPerConnector", name: "absent", kind: IP, files: oauthConnector(`"redirectMode": "GlobalPerConnector",`, ``), fire: true, at: PropertiesName + ":10:9", ptr: "/properties/connectionParameters/token/oAuthSettings"},
	{rule: "OAuthRedirectModeNotPerConnector", name: "custom connectors are exempt", kind: CU, files: oauthConnector(`"GlobalPerConnector"`, `"Global"`)},

	{rule: "OAuthClientIdCommitted", name: "GUID", kind: C, files: oauthConnector(`"[[DUMMY]]"`, `"6145b6dc-1ce4-43b1-a4b5-a19b8440096a"`), fire: true, at: PropertiesName + ":12:23", ptr: "/properties/connectionParameters/token/oAuthSettings/clientId"},
	{rule: "OAuthClientIdCommitted", name: "published IP: warning", kind: IP, files: oauthConnector(`"[[DUMMY]]"`, `"Iv1.8a61f9b3a7aba766"`), fire: true, at: PropertiesName + ":12:23", ptr: "/properties/connectionParameters/token/oAuthSettings/clientId", sev: Warning},
	{rule: "OAuthClientIdCommitted", name: "new IP: error", kind: IP, isNew: true, files: oauthConnector(`"[[DUMMY]]"`, `"Iv1.8a61f9b3a7aba766"`), fire: true, at: PropertiesName + ":12:23", ptr: "/properties/connectionParameters/token/oAuthSettings/clientId", sev: Error},
	{rule: "OAuthClientIdCommitted", name: "placeholder", kind: IP, files: oauthConnector(`"[[DUMMY]]"`, `"Enter your client ID"`)},

	{rule: "OAuthClientSecretCommitted", name: "literal secret", kind: CU, files: oauthConnector(`"clientId": "[[DUMMY]]",`, `"clientId": "[[DUMMY]]", "clientSecret": "s3cr3t-Value",`), fire: true, at: PropertiesName + ":12:52", ptr: "/properties/connectionParameters/token/oAuthSettings/clientSecret"},
	{rule: "OAuthClientSecretCommitted", name: "short dummy test", kind: C, files: oauthConnector(`"clientId": "[[DUMMY]]",`, `"clientId": "[[DUMMY]]", "clientSecret": "test",`)},
	{rule: "OAuthClientIdCommitted", name: "short dummy abc", kind: IP, files: oauthConnector(`"[[DUMMY]]"`, `"abc"`)},
	{rule: "OAuthClientSecretCommitted", name: "placeholder", kind: C, files: oauthConnector(`"clientId": "[[DUMMY]]",`, `"clientId": "[[DUMMY]]", "clientSecret": "<client secret>",`)},

	{rule: "PolicyTemplateIdUnknown", name: "misspelled", kind: IP, files: withPolicies(`[{"templateId": "setheaders", "title": "x", "parameters": {}}]`), fire: true, at: PropertiesName + ":4:68", ptr: "/properties/policyTemplateInstances/0/templateId"},
	{rule: "PolicyTemplateIdUnknown", name: "no templateId", kind: IP, files: withPolicies(`[{"title": "x"}]`), fire: true, at: PropertiesName + ":4:53", ptr: "/properties/policyTemplateInstances/0"},
	{rule: "PolicyTemplateIdUnknown", name: "case variant", kind: IP, files: withPolicies(`[{"templateId": "dynamicHostUrl", "parameters": {"x-ms-apimTemplateParameter.urlTemplate": "https://@connectionParameters('host')"}}]`)},

	{rule: "PolicyTemplateParameterMissing", name: "setheader without value", kind: IP, files: withPolicies(`[{"templateId": "setheader", "parameters": {"x-ms-apimTemplateParameter.name": "X-Ver"}}]`), fire: true, at: PropertiesName + ":4:81", ptr: "/properties/policyTemplateInstances/0/parameters"},
	{rule: "PolicyTemplateParameterMissing", name: "no parameters", kind: IP, files: withPolicies(`[{"templateId": "routerequesttoendpoint"}]`), fire: true, at: PropertiesName + ":4:53", ptr: "/properties/policyTemplateInstances/0"},
	{rule: "PolicyTemplateParameterMissing", name: "Failure section outside setheader", kind: IP, files: withPolicies(`[{"templateId": "dynamichosturl", "parameters": {"x-ms-apimTemplateParameter.urlTemplate": "https://x", "x-ms-apimTemplate-policySection": "Failure"}}]`), fire: true, at: PropertiesName + ":4:191", ptr: "/properties/policyTemplateInstances/0/parameters/x-ms-apimTemplate-policySection"},
	{rule: "PolicyTemplateParameterMissing", name: "setheader on failure", kind: IP, files: withPolicies(`[{"templateId": "SetHeader", "parameters": {"x-ms-apimTemplateParameter.name": "X-Ver", "x-ms-apimTemplateParameter.value": "2", "x-ms-apimTemplate-policySection": "Failure"}}]`)},

	{rule: "PolicyOperationNotFound", name: "misspelled operation", kind: IP, files: withPolicies(`[{"templateId": "routerequesttoendpoint", "parameters": {"x-ms-apimTemplate-operationName": ["ListTask"], "x-ms-apimTemplateParameter.newPath": "/v2/tasks"}}]`), fire: true, at: PropertiesName + ":4:145", ptr: "/properties/policyTemplateInstances/0/parameters/x-ms-apimTemplate-operationName/0"},
	{rule: "PolicyOperationNotFound", name: "case-only match: warning", kind: IP, files: withPolicies(`[{"templateId": "routerequesttoendpoint", "parameters": {"x-ms-apimTemplate-operationName": ["listtasks"], "x-ms-apimTemplateParameter.newPath": "/v2/tasks"}}]`), fire: true, at: PropertiesName + ":4:145", ptr: "/properties/policyTemplateInstances/0/parameters/x-ms-apimTemplate-operationName/0", sev: Warning},
	{rule: "PolicyOperationNotFound", name: "existing operation", kind: IP, files: withPolicies(`[{"templateId": "routerequesttoendpoint", "parameters": {"x-ms-apimTemplate-operationName": ["ListTasks"], "x-ms-apimTemplateParameter.newPath": "/v2/tasks"}}]`)},

	{rule: "PolicyTemplateInstancesEmpty", name: "empty list", kind: C, files: withPolicies(`[]`), fire: true, at: PropertiesName + ":4:52", ptr: "/properties/policyTemplateInstances"},
	{rule: "PolicyTemplateInstancesEmpty", name: "custom connectors are exempt", kind: CU, files: withPolicies(`[]`)},

	{rule: "ScriptFileMissing", name: "scriptOperations without script", kind: IP, files: propertiesEdit(`"capabilities": [],`, `"capabilities": [], "scriptOperations": ["ListTasks"],`), fire: true, at: PropertiesName + ":4:25", ptr: "/properties/scriptOperations"},
	{rule: "ScriptFileMissing", name: "Script.cs beside scriptOperations: FileNameMisspelled's alone", kind: C, files: func(t *testing.T) map[string]string {
		return map[string]string{PropertiesName: edit(t, goodProperties, `"capabilities": [],`, `"capabilities": [], "scriptOperations": ["ListTasks"],`), "Script.cs": "class Script {}"}
	}},
	{rule: "ScriptFileMissing", name: "with script.csx", kind: IP, files: func(t *testing.T) map[string]string {
		return map[string]string{PropertiesName: edit(t, goodProperties, `"capabilities": [],`, `"capabilities": [], "scriptOperations": ["ListTasks"],`), ScriptName: goodScript}
	}},

	{rule: "ScriptOperationNotFound", name: "case-only match: warning", kind: IP, files: func(t *testing.T) map[string]string {
		return map[string]string{PropertiesName: edit(t, goodProperties, `"capabilities": [],`, `"capabilities": [], "scriptOperations": ["listTasks"],`), ScriptName: goodScript}
	}, fire: true, at: PropertiesName + ":4:46", ptr: "/properties/scriptOperations/0", sev: Warning},
	{rule: "ScriptOperationNotFound", name: "unknown operation: error", kind: IP, files: func(t *testing.T) map[string]string {
		return map[string]string{PropertiesName: edit(t, goodProperties, `"capabilities": [],`, `"capabilities": [], "scriptOperations": ["ListTask"],`), ScriptName: goodScript}
	}, fire: true, at: PropertiesName + ":4:46", ptr: "/properties/scriptOperations/0", sev: Error},
	{rule: "ScriptOperationNotFound", name: "script.operationIds", kind: IP, files: func(t *testing.T) map[string]string {
		return map[string]string{PropertiesName: edit(t, goodProperties, `"capabilities": [],`, `"capabilities": [], "script": {"language": "CSharpScript", "operationIds": ["GetTask"]},`), ScriptName: goodScript}
	}},

	{rule: "ScriptOperationsMissing", name: "script without list", kind: IP, files: files(ScriptName, goodScript), fire: true, at: PropertiesName + ":2:3", ptr: "/properties"},
	{rule: "ScriptOperationsMissing", name: "no script", kind: IP},

	{rule: "SettingsFileIncluded", name: "settings.json", kind: IP, files: files(SettingsName, `{"apiDefinition": "apiDefinition.swagger.json"}`), fire: true, at: SettingsName, ptr: "-"},
	{rule: "SettingsFileIncluded", name: "custom connectors may keep it", kind: CU, files: files(SettingsName, `{"apiDefinition": "apiDefinition.swagger.json"}`)},

	{rule: "SettingsFileInvalid", name: "unknown key and bad environment", kind: CU, files: files(SettingsName, "{\n  \"environment\": \"prod\",\n  \"output\": \"x\"\n}\n"), fire: true, at: SettingsName + ":2:18", ptr: "/environment"},
	{rule: "SettingsFileInvalid", name: "paconn settings", kind: CU, files: files(SettingsName, `{"connectorId": "shared_contoso", "environment": "Default-2d1e2f3a-0b1c-4d5e-8f90-a1b2c3d4e5f6", "apiProperties": "apiProperties.json", "apiDefinition": "apiDefinition.swagger.json", "icon": "icon.png", "script": "script.csx", "powerAppsUrl": "https://api.powerapps.com", "powerAppsApiVersion": "2016-11-01", "flowUrl": "https://api.flow.microsoft.com", "flowApiVersion": "2016-11-01"}`)},
}
