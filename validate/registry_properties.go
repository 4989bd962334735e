package validate

// propertiesRules: §9 apiProperties.json, §13 settings.json.
var propertiesRules = []Rule{
	// §3: a value outside its set, in apiProperties.json (the schema) and the swagger (the swagger
	// document family reports it too; the entry lives here once).
	{ID: "JsonValueNotInEnum", Severity: Error, Kinds: AllKinds, Section: "3",
		Summary: "A value outside its allowed set: swagger parameter in, schema type, x-ms-trigger, x-ms-url-encoding, annotation status, x-ms-media-kind, security scheme type; apiProperties OAuth flow, redirectMode, constraint strings."},

	// §9 apiProperties.json
	{ID: "ApiPropertiesUnknownProperty", Severity: Warning, Kinds: AllKinds, Section: "9",
		Summary: "A key under properties that the platform doesn't read (stackowner, website, token:clientId); the known ones are iconBrandColor, capabilities, connectionParameters, publisher, stackOwner, policyTemplateInstances, scriptOperations, connectionParameterSets, script."},
	{ID: "PublisherMissing", Severity: Warning, Kinds: Publishable, Section: "9", New: Error,
		Summary: "publisher is absent or empty (IP: your name; C: the company)."},
	{ID: "StackOwnerMissing", Severity: Warning, Kinds: Publishable, Section: "9", New: Error,
		Summary: "stackOwner (the company that owns the backend service) is absent or empty."},
	{ID: "IpPublisherEqualsStackOwner", Severity: Warning, Kinds: IndependentPublisher, Section: "9",
		Summary: "An independent publisher's publisher equals stackOwner; an independent publisher doesn't own the service."},
	{ID: "PublisherValueSuspicious", Severity: Notice, Kinds: Publishable, Section: "9",
		Summary: "An independent publisher's publisher ends in a company suffix (Inc, Ltd, GmbH...), or publisher/stackOwner has non-ASCII characters."},
	{ID: "CapabilitiesInvalid", Severity: Error, Kinds: AllKinds, Section: "9",
		Summary: "capabilities isn't an array of strings (error); a value outside actions, triggers, gateway, cloud only (warning)."},
	{ID: "ConnectionParameterNameInvalid", Severity: Error, Kinds: AllKinds, Section: "9",
		Summary: "A connection parameter name isn't letters, digits and _ (or the name:sub form such as token:TenantId)."},
	{ID: "ConnectionParameterTypeInvalid", Severity: Error, Kinds: AllKinds, Section: "9",
		Summary: "A connection parameter's type is missing or not string, securestring, int, bool, oauthSetting, gatewaySetting (a case-only difference: notice)."},
	{ID: "SecretParameterNotSecure", Severity: Warning, Kinds: AllKinds, Section: "9",
		Summary: "A connection parameter named like a secret (…key, …secret, password, …token) has type string instead of securestring."},
	{ID: "ConstraintValueNotString", Severity: Warning, Kinds: AllKinds, Section: "9",
		Summary: `uiDefinition.constraints.required or .hidden is a JSON boolean instead of "true"/"false" (certification has rejected it).`},
	{ID: "ConnectionParameterSetsInvalid", Severity: Error, Kinds: AllKinds, Section: "9",
		Summary: "connectionParameterSets isn't {uiDefinition, values: [{name, uiDefinition, parameters}]}."},
	{ID: "OAuthIdentityProviderUnknown", Severity: Notice, Kinds: AllKinds, Section: "9",
		Summary: "identityProvider isn't one of oauth2, oauth2generic, aad, aadcertificate, facebook (the set is open)."},
	{ID: "OAuthSettingsShapeInvalid", Severity: Warning, Kinds: AllKinds, Section: "9",
		Summary: "oAuthSettings lacks what its provider needs (aad: customParameters.resourceUri; oauth2: authorization, token and refresh URLs), scopes isn't a string array, or aadcertificate is used by a non-first-party connector."},
	{ID: "OAuthRedirectModeNotPerConnector", Severity: Notice, Kinds: Publishable, Section: "9", New: Warning,
		Summary: "redirectMode is absent, Global or Direct; new OAuth connectors must use GlobalPerConnector."},
	{ID: "OAuthClientIdCommitted", Severity: Warning, Kinds: Publishable, Section: "9", New: Error,
		Summary: "oAuthSettings.clientId looks issued (12+ characters, letters and digits) rather than a placeholder ([[DUMMY]], empty, <...>, test)."},
	{ID: "OAuthClientSecretCommitted", Severity: Error, Kinds: AllKinds, Section: "9",
		Summary: "oAuthSettings.clientSecret holds a secret-shaped value (12+ characters, letters and digits, no placeholder wording); short dummies (test, xxx, none) are placeholders."},
	{ID: "PolicyTemplateIdUnknown", Severity: Warning, Kinds: AllKinds, Section: "9",
		Summary: "A policy templateId is missing or not one of the 13 documented templates (compared ignoring case)."},
	{ID: "PolicyTemplateParameterMissing", Severity: Error, Kinds: AllKinds, Section: "9",
		Summary: "A policy template instance lacks a required x-ms-apimTemplateParameter.*, or its x-ms-apimTemplate-policySection isn't Request/Response (setheader: also Failure)."},
	{ID: "PolicyOperationNotFound", Severity: Error, Kinds: AllKinds, Section: "9",
		Summary: "An x-ms-apimTemplate-operationName entry isn't an operationId of the swagger (a case-only match: warning naming the right spelling)."},
	{ID: "PolicyTemplateInstancesEmpty", Severity: Warning, Kinds: Publishable, Section: "9",
		Summary: "policyTemplateInstances is [], which is exported as an empty policy file (5000.1.1.16)."},
	{ID: "ScriptFileMissing", Severity: Error, Kinds: AllKinds, Section: "9",
		Summary: "scriptOperations or script is set but the folder has no script.csx."},
	{ID: "ScriptOperationNotFound", Severity: Error, Kinds: AllKinds, Section: "9",
		Summary: "A scriptOperations (or script.operationIds) entry isn't an operationId of the swagger (a case-only match: warning naming the right spelling)."},
	{ID: "ScriptOperationsMissing", Severity: Notice, Kinds: AllKinds, Section: "9",
		Summary: "The folder has script.csx but apiProperties.json has no scriptOperations."},

	// §13 settings.json
	{ID: "SettingsFileIncluded", Severity: Warning, Kinds: Publishable, Section: "13",
		Summary: "settings.json (paconn's argument store) is in the connector folder; it may leak an environment id."},
	{ID: "SettingsFileInvalid", Severity: Warning, Kinds: AllKinds, Section: "13",
		Summary: "settings.json has keys paconn doesn't know, or an environment that isn't a GUID, a URL that isn't absolute, an API version other than 2016-11-01."},
}

// propertiesChecks run the properties rules.
var propertiesChecks = []check{
	checkPropertiesSchema,
	checkPublisher,
	checkConnectionParameters,
	checkPolicyTemplates,
	checkScriptOperations,
	checkSettings,
}
