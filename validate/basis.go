package validate

// Basis is the clause of the severity policy (docs/severity.md) a rule's severity stands on. Only
// BasisRejected, BasisBroken and BasisProcess justify an error for every connector; listing policy
// is a warning that a new submission escalates to an error (Rule.New); the rest are warnings or
// notices.
type Basis uint8

const (
	BasisNone Basis = iota
	// BasisRejected: the platform or the certification pipeline rejects the input (documented, or
	// evidently: the platform's own reader can't read it). Policy clause (a).
	BasisRejected
	// BasisBroken: it certainly does not work as the author meant (a reference to nothing, a
	// callback the platform never fills, a secret-shaped literal). Policy clause (b).
	BasisBroken
	// BasisProcess: the upstream repository's pull-request process stops the pull request (its
	// title, branch, scope); clause (a) applied to the submission rather than to the connector.
	BasisProcess
	// BasisListing: listing or certification policy that published connectors demonstrably
	// carry (title words, lengths, readme sections, colors, metadata): a warning, an error only
	// for a new submission.
	BasisListing
	// BasisIgnored: the platform ignores or coerces the value, so it works, though not as written.
	BasisIgnored
	// BasisHeuristic: probably a mistake, but not certainly.
	BasisHeuristic
	// BasisStyle: a convention of readability or consistency.
	BasisStyle
	// BasisInfo: information about the run or an open set of values, not a defect.
	BasisInfo
)

var basisNames = [...]string{
	BasisNone: "", BasisRejected: "rejected", BasisBroken: "broken", BasisProcess: "process",
	BasisListing: "listing", BasisIgnored: "ignored", BasisHeuristic: "heuristic", BasisStyle: "style",
	BasisInfo: "info",
}

// String is the basis's name as shown by `connector-check rules` ("rejected").
func (b Basis) String() string {
	if int(b) < len(basisNames) {
		return basisNames[b]
	}
	return ""
}

// JustifiesError reports whether the basis allows the error severity for every connector.
func (b Basis) JustifiesError() bool {
	return b == BasisRejected || b == BasisBroken || b == BasisProcess
}

// Bases lists every basis in policy order, for documentation.
func Bases() []Basis {
	return []Basis{BasisRejected, BasisBroken, BasisProcess, BasisListing, BasisIgnored, BasisHeuristic, BasisStyle, BasisInfo}
}

// BasisMeaning is one line on what the basis means and the severity it supports.
func (b Basis) Meaning() string {
	switch b {
	case BasisRejected:
		return "The platform or the certification pipeline rejects it (documented, or its own reader can't read it): error."
	case BasisBroken:
		return "It certainly does not work as the author meant (a reference to nothing, a callback never filled, a secret-shaped literal): error."
	case BasisProcess:
		return "The upstream repository's pull-request process stops the pull request: error (only in pull-request mode)."
	case BasisListing:
		return "Listing or certification policy that published connectors carry: warning, error only for a new submission."
	case BasisIgnored:
		return "The platform ignores or coerces it, so it works but not as written: warning or notice."
	case BasisHeuristic:
		return "Probably a mistake, but not certainly: warning or notice."
	case BasisStyle:
		return "Style and consistency: notice (warning where a guideline asks for it)."
	case BasisInfo:
		return "Information about the run or an open set of values: notice."
	}
	return ""
}

type basisEntry struct {
	basis  Basis
	reason string // why, when the name alone doesn't say (a source, the part that stays an error)
}

func rejected(reason string) basisEntry  { return basisEntry{BasisRejected, reason} }
func broken(reason string) basisEntry    { return basisEntry{BasisBroken, reason} }
func process(reason string) basisEntry   { return basisEntry{BasisProcess, reason} }
func listing(reason string) basisEntry   { return basisEntry{BasisListing, reason} }
func ignored(reason string) basisEntry   { return basisEntry{BasisIgnored, reason} }
func heuristic(reason string) basisEntry { return basisEntry{BasisHeuristic, reason} }
func style(reason string) basisEntry     { return basisEntry{BasisStyle, reason} }
func info(reason string) basisEntry      { return basisEntry{BasisInfo, reason} }

// Sources named in the reasons.
const (
	srcSV      = "Swagger Validator"                  // certification-swagger-validator-rules: every PR and the ISV portal
	srcSchema  = "Swagger 2.0 schema"                 // applied by paconn validate and the Swagger Validator
	srcProps   = "apiProperties schema"               // the repository's schemas/apiProperties.schema.json
	srcFAQ     = "documented limit"                   // custom connector FAQ
	srcCode    = "documented custom-code requirement" // Write code in a custom connector
	srcPkg     = "package import"                     // Dataverse solution import, ConnectorPackageValidator
	srcFlows   = "flows built on the published version stop working"
	srcCarried = "published connectors carry it"
)

// ruleBasis states, for every registered rule, the policy clause its severity stands on. A rule
// whose findings vary in severity is classified by its highest one; the reason names the part
// that is lower. Kept apart from the registry rows so that severities and bases are reviewed
// side by side; TestRuleBasis keeps the two in step.
var ruleBasis = map[string]basisEntry{
	// §1 Files and folder layout
	"ConnectorKindUnresolved":    info(""),
	"ExtraFileInConnectorFolder": listing("the repository's folder layout"),
	"FileNameCaseMismatch":       listing("tools on case-insensitive file systems find it; the repository's convention is the exact name"),
	"FileNameMisspelled":         rejected("the repository's CI selects files by exact name (a misnamed script or readme: warning)"),
	"FileTooLarge":               rejected("script.csx: the documented 1 MB limit of custom code (a swagger over 32 MiB is not read)"),
	"SwaggerTooLarge":            heuristic("Microsoft states no size limit for the swagger; 1 MiB is the script's"),
	"FileUnreadable":             broken("a link, FIFO or device is not a file the platform can read"),
	"FindingsLimitExceeded":      info(""),
	"FolderNameTitleMismatch":    style(""),
	"RequiredFileMissing":        rejected("the repository's CI and paconn need both files"),
	"SubfolderInConnectorFolder": listing("the repository's folder layout"),
	"ReadmeMissing":              listing("repository README requirement; " + srcCarried),

	// §2 JSON syntax
	"FileEncodingInvalid":           broken("the text shows as mojibake"),
	"JsonBomPresent":                style("Microsoft tooling accepts it"),
	"JsonCommentPresent":            rejected("paconn validate and strict JSON parsers reject it"),
	"JsonControlCharacterInString":  rejected("paconn validate and strict JSON parsers reject it"),
	"JsonDuplicateKey":              broken("one of two differing values is silently lost (identical values: warning)"),
	"JsonNonAsciiWhitespace":        rejected("paconn validate and strict JSON parsers reject it"),
	"JsonDuplicateDocumentationKey": ignored("the last value wins, and it only documents"),
	"JsonNonFiniteNumber":           rejected("paconn validate and strict JSON parsers reject it"),
	"JsonSyntaxInvalid":             rejected("no JSON reader can read it"),
	"JsonTrailingComma":             rejected("paconn validate and strict JSON parsers reject it"),

	// §3 Swagger document
	"AdditionalPropertyNotAllowed":                      rejected(srcSchema),
	"ArrayDuplicateValue":                               listing("Microsoft's swagger validator flags it, but published connectors carry it and the platform reads the list with the repeat"),
	"BasePathNotValid":                                  rejected(srcSchema),
	"ConnectorMetadataMissing":                          listing("certification metadata; " + srcCarried),
	"ConnectorMetadataPropertiesMissing":                listing("certification metadata; " + srcCarried),
	"ConnectorMetadataPropertyNameCase":                 style(""),
	"ConsumesMissing":                                   ignored("the platform assumes application/json"),
	"ContactEmailNotValid":                              broken("the address can't receive mail"),
	"ContactFieldMissing":                               listing(""),
	"ContactMissing":                                    listing("certification metadata; " + srcCarried),
	"ExtensionNameNotValid":                             rejected(srcSchema + ": a key without the x- prefix is not an extension"),
	"FieldLengthExceeded":                               listing("title policy; " + srcCarried),
	"FieldLengthNotInRange":                             listing("description policy; " + srcCarried),
	"HostMissing":                                       broken("no backend URL can be built"),
	"HostNameNotValid":                                  rejected(srcSchema),
	"HostNotProduction":                                 heuristic(""),
	"HostPlaceholderUnresolved":                         heuristic(""),
	"InfoDescriptionFormatting":                         listing(""),
	"InfoDescriptionMissing":                            listing("description policy; " + srcCarried),
	"InvalidConnectorCategory":                          listing("certification metadata"),
	"JsonTypeIncorrect":                                 rejected(srcSchema),
	"JsonValueNotInEnum":                                rejected(srcSchema + " and the apiProperties schema"),
	"MimeTypeNotCompatibleWithRequestContentSchemaType": heuristic(""),
	"MimeTypeNotSupported":                              info("the set is open"),
	"MimeTypeNotValid":                                  rejected(srcSV),
	"RequiredPropertyMissing":                           rejected(srcSchema),
	"RequiredValueEmpty":                                rejected(srcSV),
	"SchemeHttpUsed":                                    listing("certification expects HTTPS"),
	"SchemeNotSupported":                                rejected("the platform calls backends over http or https only"),
	"SchemeNotValid":                                    rejected(srcSchema),
	"SchemesArrayEmpty":                                 rejected(srcSV),
	"SpecificationVersionIncorrect":                     rejected("only OpenAPI 2.0 is supported (custom connector FAQ)"),
	"TagRedefined":                                      rejected(srcSchema),
	"TooManyConnectorCategories":                        listing("certification metadata"),
	"UrlNotValid":                                       broken("the value cannot work as a link (a stray space: warning)"),
	"ValueContainsRestrictedWords":                      listing("title policy; " + srcCarried),
	"ValueMustBeInEnglish":                              listing(""),
	"ValueMustEndWithAlphanumeric":                      listing("title policy"),
	"XmsExtensionMisspelled":                            ignored("the platform ignores the misspelled key"),
	"XmsExtensionUnknown":                               info("the set is open"),

	// §4 Operations and paths
	"ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations": rejected(srcSV),
	"ApiAnnotationExtensionReplacementInfoMissingApiProperty":         rejected(srcSV),
	"ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty": rejected(srcSV),
	"BodyOrFormDataParameterInFetchOperationNotAllowed":               rejected(srcSV + ": formData on a GET (a body parameter, which the platform drops: warning)"),
	"DeprecatedOperationNotMarked":                                    listing(""),
	"DuplicateOperationPath":                                          rejected(srcSV + "; the two can't be routed apart"),
	"OperationDescriptionMissing":                                     listing("documentation policy"),
	"OperationFamilyHasDuplicateRevisions":                            rejected(srcSV),
	"OperationFamilyHasManyActiveOperations":                          rejected(srcSV),
	"OperationFamilyHasManyActiveProductionOperations":                rejected(srcSV),
	"OperationFamilyHasManyEmptyRevisions":                            rejected(srcSV),
	"OperationIdNotUnique":                                            rejected("operations are addressed by operationId, ignoring case"),
	"OperationIdRequired":                                             rejected(srcSV),
	"OperationIdSanitized":                                            style(""),
	"OperationIdShouldEndWithRevision":                                style(""),
	"OperationIdTooLong":                                              rejected(srcSV),
	"OperationPathContainsUnsupportedCharacters":                      rejected(srcSV),
	"OperationPathMayNotContainQueryOrFragment":                       rejected(srcSV),
	"OperationPathMustStartWithSlash":                                 rejected(srcSchema),
	"OperationPathTemplateNotValid":                                   rejected(srcSV),
	"OperationPathVariablesContainDefaults":                           rejected(srcSV),
	"OperationRevisionEmpty":                                          rejected(srcSV + " (a family of one operation: warning)"),
	"OperationStatusAheadOfConnector":                                 rejected(srcSV),
	"OperationSummaryMissing":                                         listing("documentation policy"),
	"OperationSummaryStyle":                                           style(""),
	"OperationSummaryTooLong":                                         listing("summary policy; the Swagger Validator applies it to new submissions"),
	"PartialDuplicateOperationPath":                                   heuristic(""),
	"PathItemRefNotSuppored":                                          rejected(srcSV),
	"PathRedefined":                                                   rejected(srcSV),
	"RestrictedCharactersInSummary":                                   listing("summary policy; the Swagger Validator applies it to new submissions"),
	"SummaryEqualsDescription":                                        style(""),
	"TextLengthGuidelineExceeded":                                     listing("connector string guidance"),
	"TotalOperationsCountExceedsMaxAllowed":                           rejected(srcFAQ),
	"AllowEmptyValueOnlyValidForQueryFormData":                        rejected(srcSchema),
	"BodyParameterPropertyNotValid":                                   rejected(srcSchema),
	"BodyParameterSchemaRequired":                                     rejected(srcSchema),
	"BodyParameterSummaryMissing":                                     style(""),
	"CollectionFormatValueNotSupported":                               rejected(srcSV),
	"ConnectionIdParameterNotAllowed":                                 rejected("the platform reserves connectionId"),
	"DefaultValueMustMatchType":                                       ignored("the platform coerces the value"),
	"DescriptionRepeatsName":                                          style(""),
	"FileParameterMustBeInFormData":                                   rejected(srcSchema),
	"InternalParameterWithoutDefault":                                 broken("nobody can supply the value"),
	"InternalPropertyWithDefaultOptional":                             ignored("the default is dropped"),
	"InvalidEnumValue":                                                ignored(""),
	"InvalidFormDataParameterName":                                    rejected(srcSV),
	"NonBodyParameterSchemaNotValid":                                  rejected(srcSchema),
	"OperationMissingPathParameter":                                   rejected(srcSV + "; the path can't be filled"),
	"OperationParameterNameIsAmbiguous":                               rejected(srcSV),
	"OperationParametersContainDuplicateParameter":                    rejected(srcSV),
	"OperationParametersContainMultipleBodyParameters":                rejected(srcSchema),
	"ParameterDescriptionMissing":                                     listing("documentation policy; " + srcCarried),
	"ParameterListContainsFormDataAndBody":                            rejected(srcSchema),
	"ParameterRefLoopNotAllowed":                                      rejected(srcSV),
	"ParameterReferenceNotFound":                                      broken("the $ref resolves to nothing"),
	"ParameterReferenceNotValid":                                      rejected(srcSV),
	"ParameterSummaryMissing":                                         listing("documentation policy; " + srcCarried),
	"PathParameterMissingEncoding":                                    style(""),
	"PathParameterMustBeRequired":                                     rejected(srcSchema),
	"PathParameterNotDefinedInTemplate":                               rejected(srcSV),
	"PathParametersContainDuplicateParameter":                         rejected(srcSV),
	"PathParametersContainMultipleBodyParameters":                     rejected(srcSchema),
	"PropertyMustBeRequired":                                          ignored("the default is dropped"),
	"QueryParameterEncodingNotSupported":                              ignored(""),
	"RequiredReadOnlyPropertyNotAllowedAsInput":                       rejected(srcSV),
	"StringBinaryNotSupportedForFormUrlEncoded":                       rejected(srcSV),

	// §6 Responses and schemas
	"AdditionalPropertyNotAllowedAdjacentToRef": ignored("Swagger 2.0 ignores keys beside $ref"),
	"ArrayHasNoItems":                                 rejected(srcSchema),
	"BodySchemaCountExceedsMaxAllowed":                rejected(srcFAQ),
	"DefaultResponseHasSchema":                        listing("certification review"),
	"DiscriminatorMustBeARequiredStringProperty":      rejected(srcSV),
	"EnumMustContainAtLeastOneElement":                rejected(srcSchema),
	"ExclusiveMaximumRequiresMaximum":                 rejected(srcSV),
	"ExclusiveMinimumRequiresMinimum":                 rejected(srcSV),
	"FilterFunctionsPropertyEmpty":                    rejected(srcSV),
	"FilterFunctionsPropertyHasDuplicates":            rejected(srcSV),
	"FilterFunctionsPropertyInInputSchema":            rejected(srcSV),
	"InvalidStringBinaryProperty":                     ignored(""),
	"JsonPointerNotValid":                             broken("the $ref resolves to nothing"),
	"MaxItemsMustBeGreaterThanOrEqualToZero":          rejected(srcSchema),
	"MaxLengthMustBeGreaterThanOrEqualToZero":         rejected(srcSchema),
	"MaxPropertiesMustBeGreaterThanOrEqualToZero":     rejected(srcSchema),
	"MinItemsMustBeGreaterThanOrEqualToZero":          rejected(srcSchema),
	"MinItemsShouldBeLessThanOrEqualToMaxItems":       rejected(srcSV + "; no value is valid"),
	"MinLengthMustBeGreaterThanOrEqualToZero":         rejected(srcSchema),
	"MinLengthShouldBeLessThanOrEqualToMaxLength":     rejected(srcSV + "; no value is valid"),
	"MinPropertiesMustBeGreaterThanOrEqualToZero":     rejected(srcSchema),
	"MinimumShouldBeLessThanOrEqualToMaximum":         rejected(srcSV + "; no value is valid"),
	"MultipleOfMustBeGreaterThanZero":                 rejected(srcSchema),
	"OperationHasManyResponsesWithSchema":             ignored("the designer uses one"),
	"OperationMustHaveResponse":                       listing("certification review; " + srcCarried),
	"OperationSchemaCountExceedsMaxAllowed":           rejected(srcFAQ),
	"OperationShouldHaveSuccessfulResponse":           listing("certification review"),
	"PatternShouldBeValidRegularExpression":           rejected(srcSV),
	"PatternTooLong":                                  heuristic("a resource limit of connector-check, not of the platform: the pattern goes unchecked"),
	"RequiredLoopInSchemaNotAllowed":                  rejected(srcSV + "; no finite value is valid"),
	"RequiredPropertyArrayEmpty":                      rejected(srcSchema),
	"RequiredPropertyDefinitionMissing":               rejected(srcSV),
	"RequiredPropertyNotOnObject":                     ignored(""),
	"ResponseExampleMustBeProducedByOperation":        rejected(srcSV),
	"ResponseHeadersAreNotUnique":                     rejected(srcSV),
	"ResponseMustBeDefaultOrHttpStatusCode":           rejected(srcSchema),
	"ResponseRefLoopNotAllowed":                       rejected(srcSV),
	"ResponseReferenceNotFound":                       broken("the $ref resolves to nothing"),
	"ResponseReferenceNotValid":                       rejected(srcSV),
	"ResponseSchemaEmpty":                             listing("pull-request checklist: response schemas"),
	"SchemaDefinitionSetIncorrectly":                  listing("pull-request checklist: response schemas"),
	"SchemaRefLoopNotAllowed":                         rejected(srcSV),
	"SchemaReferenceNotFound":                         broken("the $ref resolves to nothing"),
	"SchemaReferenceNotValid":                         rejected(srcSV),
	"SchemaTypeFileNotValid":                          rejected(srcSV),
	"SwaggerKeywordNotSupported":                      ignored(""),
	"TotalSchemaCountExceedsMaxAllowed":               rejected(srcFAQ),
	"UnrecognizedTypeFormat":                          ignored(""),
	"DuplicateEnumValuesInExtension":                  rejected(srcSV),
	"DynamicExtensionDefinitionNotAllowedInParameter": rejected(srcSV),

	// §7 x-ms extensions
	"DynamicListExtensionRequiredForAmbiguousReferences":          ignored("the legacy extension can't tell the two apart"),
	"DynamicListExtensionRequiredForNonParameterReferences":       ignored("the legacy extension can't address a body property"),
	"DynamicPropertiesExtensionRequiredForAmbiguousReferences":    ignored("the legacy extension can't tell the two apart"),
	"DynamicPropertiesExtensionRequiredForNonParameterReferences": ignored("the legacy extension can't address a body property"),
	"DynamicPropertiesExtensionRequiredForPropertiesValuePath":    ignored(""),
	"DynamicPropertiesItemValuePathMismatch":                      broken("the two extensions disagree on where the schema is"),
	"DynamicTreeExtensionMissing":                                 ignored(""),
	"DynamicValuesTargetInvalid":                                  broken("the values have no single source"),
	"InvalidCustomEditorExtensionDictionaryValue":                 rejected(srcSV),
	"InvalidEnumValuesExtensionValue":                             rejected(srcSV),
	"InvalidNextLinkNameValue":                                    rejected(srcSV),
	"InvokedOperationShouldProduceArray":                          heuristic(""),
	"InvokedOperationShouldProduceProperty":                       heuristic(""),
	"MissingEnumValuesDisplayName":                                rejected(srcSV),
	"NotificationExtensionNotSupportedInWebhookOperation":         rejected(srcSV),
	"NotificationExtensionSupportedForTriggerOnly":                rejected(srcSV),
	"NotificationOperationMustBeWebhook":                          rejected(srcSV),
	"NotificationUrlNotAllowedInThisPosition":                     ignored("a callback-URL marker outside a webhook's request is inert"),
	"NotificationUrlNotInternal":                                  rejected(srcSV),
	"NotificationUrlNotRequired":                                  rejected(srcSV),
	"NotificationUrlNotString":                                    rejected(srcSV),
	"OperationIdNotFound":                                         broken("the operationId resolves to nothing"),
	"OperationMissingRequiredProperty":                            broken("the target operation can't be called"),
	"OperationMustHaveNotificationContentExtension":               rejected(srcSV),
	"OperationParameterNameNotFound":                              broken("the key resolves to nothing"),
	"OperationParameterRequiredMismatch":                          heuristic(""),
	"OperationParameterStaticTypeMismatch":                        heuristic(""),
	"OperationParameterTypeMismatch":                              heuristic(""),
	"SelectedItemValuePathNotAllowedInThisPosition":               rejected(srcSV),
	"SourcePropertyInternal":                                      heuristic(""),
	"WebhookOperationsMissingNotificationUrlProperty":             broken("the platform has nowhere to put the callback URL"),
	"XmsExtensionMisplaced":                                       ignored("the platform ignores the extension there"),
	"XmsVisibilityInvalid":                                        rejected("the repository's swagger schema (x-ms-visibility enum; \"\" and a case-only variant: notice)"),

	// §8 Security definitions
	"ApiKeyGatewayNotSupported":                    heuristic(""),
	"AuthSchemeMismatch":                           heuristic(""),
	"IndependentPublisherOAuth":                    listing("independent-publisher program"),
	"OAuthFlowNotSupported":                        rejected("the platform has no client-credentials sign-in for connections (implicit: warning)"),
	"OAuthSecurityRequirementValueMustBeScopeName": ignored("the platform ignores requirement scopes; " + srcCarried),
	"SecurityRequirementMustBeDefined":             ignored(""),
	"SecurityRequirementMustHaveEmptyValue":        ignored("the platform ignores scopes on an apiKey or basic requirement"),
	"SecurityRequirementMustHaveValue":             rejected(srcSchema),
	"SecuritySchemePropertyNotValid":               rejected(srcSchema),
	"SecuritySchemePropertyRequired":               rejected(srcSchema + " (oauth2 without scopes: warning)"),

	// §9 apiProperties.json
	"ApiPropertiesRootInvalid":         rejected(srcProps),
	"ApiPropertiesUnknownProperty":     ignored("the platform doesn't read the key"),
	"CapabilitiesInvalid":              rejected(srcProps),
	"ConnectionParameterNameInvalid":   rejected(srcProps),
	"ConnectionParameterSetsInvalid":   rejected(srcProps),
	"ConnectionParameterTypeInvalid":   rejected(srcProps),
	"ConstraintValueNotString":         listing("certification has rejected it; " + srcCarried),
	"IconBrandColorInvalid":            rejected(srcProps),
	"IconBrandColorMissing":            rejected(srcProps),
	"IconBrandColorNotAllowed":         listing("brand-color policy; " + srcCarried),
	"IpPublisherEqualsStackOwner":      listing(""),
	"OAuthClientIdCommitted":           listing("independent publishers ship a placeholder; a client id is no secret"),
	"OAuthClientSecretCommitted":       broken("a secret-shaped literal"),
	"OAuthIdentityProviderUnknown":     info("the set is open"),
	"OAuthRedirectModeNotPerConnector": listing("new OAuth connectors"),
	"OAuthSettingsShapeInvalid":        heuristic(""),
	"PolicyOperationNotFound":          broken("the policy names an operation that doesn't exist"),
	"PolicyTemplateIdUnknown":          heuristic(""),
	"PolicyTemplateInstancesEmpty":     ignored(""),
	"PolicyTemplateParameterMissing":   broken("the policy template can't be instantiated"),
	"PublisherMissing":                 listing("certification metadata; " + srcCarried),
	"PublisherValueSuspicious":         heuristic(""),
	"ScriptFileMissing":                broken("the operations meant for custom code run without it"),
	"ScriptOperationNotFound":          broken("the operationId resolves to nothing"),
	"ScriptOperationsMissing":          info(""),
	"SecretParameterNotSecure":         heuristic(""),
	"StackOwnerMissing":                listing("certification metadata; " + srcCarried),

	// §10 readme.md, §11 intro.md
	"ReadmeHeadingMissingSpace": style(""),
	"ReadmeHeadingStructure":    style(""),
	"ReadmeLinkBroken":          heuristic("the file may be added elsewhere"),
	"ReadmeOAuthStepsMissing":   listing(""),
	"ReadmePlaceholderText":     listing(""),
	"ReadmeSectionMissing":      listing("readme template"),
	"IntroDuplicatesReadme":     listing(""),
	"IntroLeadInvalid":          listing(""),
	"IntroListsOperations":      listing(""),
	"IntroMissing":              rejected("the certification package holds intro.md (" + srcPkg + ")"),
	"IntroSectionMissing":       listing(""),

	// §12 script.csx
	"ScriptClassMissing":                   rejected(srcCode + " (a class not named Script: warning)"),
	"ScriptExecuteAsyncMissing":            rejected(srcCode),
	"ScriptFullyQualifiedTypeNotSupported": heuristic(""),
	"ScriptHttpClientCreated":              listing(srcCode + ": use Context.SendAsync"),
	"ScriptLongRunningCall":                heuristic("custom code must finish within 5 seconds"),
	"ScriptNamespaceNotSupported":          rejected("reviewers reject namespaces outside the documented list at deployment (a using the script never uses: warning)"),
	"ScriptOperationIdUnknown":             heuristic(""),

	// §13 Icon and settings.json
	"IconBackgroundInvalid": listing("icon policy for certified connectors"),
	"IconDimensionsInvalid": listing("icon policy for certified connectors"),
	"IconFormatInvalid":     rejected("the certification package needs a PNG icon"),
	"IconNotAllowed":        process("pull-request checklist: independent publishers submit no icon; Microsoft applies a generic one"),
	"IconTooLarge":          rejected("certification policy 5000.2.1.2: icons up to 1 MB"),
	"SettingsFileIncluded":  heuristic(""),
	"SettingsFileInvalid":   ignored("only paconn reads it"),

	// §14 package.zip
	"ConnectorSolutionMissing":         rejected(srcPkg),
	"FlowSolutionMissing":              rejected(srcPkg),
	"PackageAssetsFolderName":          listing(""),
	"PackageAssetsLayoutInvalid":       rejected(srcPkg),
	"PackageConnectorIdMismatch":       broken("the solutions refer to different connectors"),
	"PackageConnectorMismatch":         heuristic(""),
	"PackageContentTypeMissing":        ignored(""),
	"PackageCustomPropertiesMissing":   rejected(srcPkg),
	"PackageDeployerLayoutInvalid":     rejected(srcPkg),
	"PackageFlowMissingConnector":      broken("the flow doesn't use the connector it certifies"),
	"PackageIconMissing":               rejected(srcPkg),
	"PackageBrandColorMissing":         rejected("Dataverse import fails without iconbrandcolor"),
	"PackageColumnTooLong":             rejected("Dataverse column limits: the import fails"),
	"PackageConnectionParametersEmpty": heuristic(""),
	"PackageSolutionsInconsistent":     ignored("the last import wins"),
	"PackageNotReadable":               rejected("the zip can't be opened"),
	"PackageOperationNotFound":         broken("the flow calls an operation that doesn't exist"),
	"PackageOuterLayoutInvalid":        rejected(srcPkg),
	"PackagePolicyTemplateFileEmpty":   ignored(""),
	"PackageWorkflowsMismatch":         rejected(srcPkg),
	"PluginSolutionMissing":            rejected(srcPkg),
	"SolutionFilesMissing":             rejected(srcPkg),
	"SolutionFoldersMismatch":          rejected(srcPkg),
	"SolutionManaged":                  listing("certification expects unmanaged solutions"),
	"SolutionMissingDependencies":      heuristic(""),
	"ZipEntryPathUnsafe":               rejected("an unsafe entry name is refused by extraction (backslashes, __MACOSX: warning)"),

	// §15 Breaking changes
	"AuthenticationChanged":      broken("existing connections stop working; the auth type can't change on an update"),
	"ConnectionParameterRemoved": heuristic(""),
	"InputDeleted":               heuristic("existing flows still send it"),
	"InputEnumAdded":             broken(srcFlows),
	"InputEnumValueRemoved":      broken(srcFlows),
	"InputMadeInternal":          heuristic(""),
	"InputMadeRequired":          broken(srcFlows),
	"InputTypeChanged":           heuristic(""),
	"OperationDeleted":           broken(srcFlows + " (deprecated or internal: warning)"),
	"OperationIdChanged":         broken(srcFlows),
	"OperationMadeInternal":      heuristic(""),
	"BodyParameterRenamed":       broken(srcFlows),
	"OutputNumberTypeChanged":    heuristic("still a JSON number"),
	"OutputEnumRemoved":          broken(srcFlows),
	"OutputFieldDeleted":         broken(srcFlows),
	"OutputFormatChanged":        broken(srcFlows),
	"OutputTypeChanged":          broken(srcFlows),
	"ParameterLocationChanged":   broken(srcFlows),
	"PathTemplateChanged":        broken(srcFlows),
	"RequiredInputAdded":         broken(srcFlows),
	"TitleChanged":               rejected("reviewers refuse it: the title is locked after publication"),

	// §16 Pull-request checks
	"PrBaseBranchNotDev":           process("pull requests target dev"),
	"PrChecklistIncomplete":        process(""),
	"PrConnectorFolderRenamed":     process("a published folder can't move"),
	"PrConnectorRootInvalid":       process(""),
	"PrContextUnavailable":         info(""),
	"PrFileOutsideConnectorFolder": process(""),
	"PrIpPackageCount":             process("independent-publisher submissions"),
	"PrMultipleConnectors":         process("one connector per pull request"),
	"PrProposalNotReady":           process(""),
	"PrReadmeNotUpdated":           process(""),
	"PrScreenshotsMissing":         process(""),
	"PrSettingsChanged":            process("the check's own settings change only in a reviewed change of their own: read at the base, applied after the merge"),
	"PrTitleInvalid":               process("independent-publisher title pattern"),
	"PrProposalContactMissing":     process("independent-publisher article: proposals looking for collaborators"),
	"PrProposalDetailsMissing":     process("independent-publisher article: as many details as possible"),
	"PrProposalIntroMissing":       process("independent-publisher article: a proposal is an intro.md"),
	"ConnectorAlreadyExists":       process("independent-publisher article: extend the existing connector (certified: warning)"),
	"ConnectorNameNearExisting":    heuristic("did you mean to update it?"),
	"PublisherChanged":             process("independent-publisher article: updates come from the same publisher (certified: warning)"),
	"SecretLiteralDetected":        broken("a secret-shaped literal (high-entropy literals: warning)"),
}

func init() {
	for i := range registry {
		if e, ok := ruleBasis[registry[i].ID]; ok {
			registry[i].Basis, registry[i].BasisReason = e.basis, e.reason
		}
	}
}
