package validate

// documentRules: §3 swagger document: info, host, schemes, MIME, connector metadata; the structural Swagger 2.0 schema; x-ms extension names and placement.
var documentRules = []Rule{
	// §3 info.contact, URLs, wording
	{ID: "ContactMissing", Severity: Warning, Kinds: Publishable, Section: "3", New: Error, MsRule: "RequiredPropertyMissing",
		Summary: "info.contact is absent."},
	{ID: "ContactFieldMissing", Severity: Warning, Kinds: Publishable, Section: "3", MsRule: "RequiredPropertyMissing",
		Summary: "info.contact lacks name, url or email (or one is empty)."},
	{ID: "ContactEmailNotValid", Severity: Error, Kinds: AllKinds, Section: "3",
		Summary: "contact.email is present but not a valid ASCII email address."},
	{ID: "UrlNotValid", Severity: Error, Kinds: AllKinds, Section: "3",
		Summary: "contact.url, the Website or Privacy policy metadata, x-ms-docs[].url or externalDocs.url is not an absolute http(s) URL (no scheme, a misspelled one, free text); a URL that only needs trimming or a space encoded: warning."},
	{ID: "ValueMustBeInEnglish", Severity: Warning, Kinds: Publishable, Section: "3",
		Summary: "Heuristic: the title, description, an operation summary or an x-ms-summary has non-Latin-script letters or mostly non-ASCII letters."},
	{ID: "InfoDescriptionFormatting", Severity: Warning, Kinds: Publishable, Section: "3", Policy: "5000.2.3.6",
		Summary: "info.description contains line breaks, URLs or emoji."},

	// §3 x-ms-connector-metadata
	{ID: "ConnectorMetadataMissing", Severity: Warning, Kinds: Publishable, Section: "3", New: Error,
		Summary: "There is no top-level x-ms-connector-metadata."},
	{ID: "ConnectorMetadataPropertiesMissing", Severity: Warning, Kinds: Publishable, Section: "3", New: Error, MsRule: "RequiredPropertyMissing",
		Summary: "x-ms-connector-metadata has no Website, Privacy policy or Categories entry (names compared ignoring case), or the entry's propertyValue is empty."},
	{ID: "ConnectorMetadataPropertyNameCase", Severity: Notice, Kinds: Publishable, Section: "3",
		Summary: "A metadata propertyName differs from Website, Privacy policy or Categories only by letter case, or a propertyName/propertyValue key is spelled in another case; the platform reads both ignoring case."},
	{ID: "InvalidConnectorCategory", Severity: Warning, Kinds: Publishable, Section: "3", New: Error,
		Summary: "A ;-separated category is not one of the 19 certification categories (a case-only difference: notice)."},
	{ID: "TooManyConnectorCategories", Severity: Warning, Kinds: Publishable, Section: "3", New: Error,
		Summary: "Categories lists more than 2 categories, or none."},

	// §3 host, basePath, schemes
	{ID: "HostMissing", Severity: Error, Kinds: AllKinds, Section: "3",
		Summary: "host is absent or empty; the backend URL is built from schemes, host and basePath."},
	{ID: "HostNameNotValid", Severity: Error, Kinds: AllKinds, Section: "3",
		Summary: "host is not a bare host name with an optional :port (no scheme, path, braces or spaces)."},
	{ID: "HostPlaceholderUnresolved", Severity: Warning, Kinds: AllKinds, Section: "3",
		Summary: "A placeholder host (your…, example, contoso, a single label) with no dynamichosturl/routerequesttoendpoint policy, script.csx or x-ms-parameterized-host to replace it."},
	{ID: "HostNotProduction", Severity: Warning, Kinds: Publishable, Section: "3",
		Summary: "Heuristic: a host label names a non-production environment (dev, test, staging, sandbox, uat, qa, preprod)."},
	{ID: "BasePathNotValid", Severity: Error, Kinds: AllKinds, Section: "3",
		Summary: "basePath is present but doesn't start with /."},
	{ID: "SchemesArrayEmpty", Severity: Error, Kinds: AllKinds, Section: "3",
		Summary: "schemes is an empty array."},
	{ID: "SchemeNotValid", Severity: Error, Kinds: AllKinds, Section: "3",
		Summary: "A scheme other than http or https."},
	{ID: "SchemeNotSupported", Severity: Error, Kinds: AllKinds, Section: "3",
		Summary: "A WebSocket scheme (ws, wss)."},
	{ID: "SchemeHttpUsed", Severity: Warning, Kinds: Publishable, Section: "3",
		Summary: "http is listed; HTTPS with TLS 1.2+ is expected."},

	// §3 tags, arrays, MIME types
	{ID: "TagRedefined", Severity: Error, Kinds: AllKinds, Section: "3",
		Summary: "The top-level tags name the same tag twice."},
	{ID: "ArrayDuplicateValue", Severity: Warning, Kinds: AllKinds, Section: "3", New: Error,
		Summary: "A repeated entry in schemes, consumes, produces, enum, required or a security scope list."},
	{ID: "MimeTypeNotValid", Severity: Error, Kinds: AllKinds, Section: "3",
		Summary: "A consumes or produces entry isn't a type/subtype[;params] MIME type."},
	{ID: "MimeTypeNotSupported", Severity: Notice, Kinds: AllKinds, Section: "3",
		Summary: "A consumes value other than JSON forms, text/plain, multipart/form-data or application/x-www-form-urlencoded."},
	{ID: "ConsumesMissing", Severity: Notice, Kinds: AllKinds, Section: "3",
		Summary: "An operation has a body or formData parameter but no effective consumes."},
	{ID: "MimeTypeNotCompatibleWithRequestContentSchemaType", Severity: Warning, Kinds: AllKinds, Section: "3",
		Summary: "formData parameters without a form MIME type in consumes, or a body parameter with only form MIME types."},

	// §3 structure (the embedded Swagger 2.0 schema) and extension names
	{ID: "AdditionalPropertyNotAllowed", Severity: Error, Kinds: AllKinds, Section: "3",
		Summary: "A non-x- key that Swagger 2.0 doesn't define in a closed object: root, info, contact, license, operation, parameter, response, security scheme, tag, externalDocs."},
	{ID: "ExtensionNameNotValid", Severity: Error, Kinds: AllKinds, Section: "3",
		Summary: "A key clearly meant as an extension without an exact lower-case x- prefix (X-ms-…, x_ms_…, ms-summary)."},
	{ID: "XmsExtensionMisspelled", Severity: Warning, Kinds: AllKinds, Section: "3",
		Summary: "An x-ms-* key within edit distance 2 of a known extension (x-ms-visbility); the platform silently ignores it."},
	{ID: "XmsExtensionUnknown", Severity: Notice, Kinds: AllKinds, Section: "3",
		Summary: "An x-ms-* key that is no Power Platform extension (AutoRest keys included); the set is open."},

	// §7 x-ms extensions
	{ID: "XmsExtensionMisplaced", Severity: Warning, Kinds: AllKinds, Section: "7",
		Summary: "A known x-ms extension in a place the platform ignores it (rules.md §7.1), e.g. x-ms-trigger on a parameter."},
	{ID: "XmsVisibilityInvalid", Severity: Error, Kinds: AllKinds, Section: "7",
		Summary: "x-ms-visibility is not important, advanced or internal (none, a typo); \"\" (the same as no value) and a case-only variant, which the platform accepts, are notices."},
}

// documentChecks run the document rules. The structural check runs last so that it can leave out
// what the hand-written rules already reported.
var documentChecks = []check{checkSwaggerMetadata, checkSwaggerHost, checkSwaggerObjects, checkSwaggerStructure}
