package validate

import (
	"maps"
	"slices"
)

// Rule is the registry's record of one rule: the single source of its ID, default severity,
// applies-to and summary. `connector-check rules` and the docs are generated from it.
type Rule struct {
	ID       string
	Severity Severity          // default severity
	PerKind  map[Kind]Severity // kind-specific defaults (the catalog's ↑IP and "C:notice")
	Kinds    Kinds             // kinds the rule applies to
	Summary  string            // one line: what is checked
	MsRule   string            // Microsoft's generic name when the ID refines it (RequiredPropertyMissing)
	Policy   string            // certification policy code
	Section  string            // section of the rule catalog (rules.md)
	// New is the severity for a new submission when it is higher (the catalog's ↑new: error;
	// "new: warning"): the connector folder is absent at the pull request's merge base, or --new
	// is given. 0: no escalation.
	New Severity
	// Basis is the clause of the severity policy (docs/severity.md) the severity stands on, and
	// BasisReason says why when the clause alone doesn't; both are filled from ruleBasis
	// (basis.go) at init.
	Basis       Basis
	BasisReason string
	// Fix, when set, derives the edit or rename that removes one of the rule's findings, or
	// reports that no fix is unambiguous for it (validate/fix.go sets it).
	Fix Fixer
}

// SeverityFor is the rule's default severity for a connector of kind k.
func (r *Rule) SeverityFor(k Kind) Severity {
	if s, ok := r.PerKind[k]; ok {
		return s
	}
	return r.Severity
}

// AppliesTo reports whether the rule runs for kind k.
func (r *Rule) AppliesTo(k Kind) bool { return r.Kinds&k != 0 }

var ipError = map[Kind]Severity{IndependentPublisher: Error}

// registry lists every rule connector-check implements, grouped as in the rule catalog. Each
// family of rules keeps its table beside its code (registry_<family>.go).
var registry = slices.Concat(
	coreRules,
	documentRules,   // §3 swagger document, structure and x-ms extension names
	operationRules,  // §4 operations and paths, §5 parameters
	schemaRules,     // §6 responses and schemas, §7.2 extension semantics
	securityRules,   // §8 security definitions and cross-file auth
	propertiesRules, // §9 apiProperties.json, §13 settings.json
	markdownRules,   // §10 readme.md, §11 intro.md
	scriptRules,     // §12 script.csx
	layoutRules,     // §1 folder layout, §13 icon
	packageRules,    // §14 package.zip
	breakingRules,   // §15 breaking changes
	prRules,         // §16 pull-request checks
)

// coreRules are the foundation's rules: files, JSON syntax and the first document rules.
var coreRules = []Rule{
	// §1 Files and folder layout
	{ID: "ConnectorKindUnresolved", Severity: Notice, Kinds: AllKinds, Section: "1",
		Summary: "The kind can't be derived from the path or --kind, so custom (base rules only) is assumed."},
	{ID: "RequiredFileMissing", Severity: Error, Kinds: AllKinds, Section: "1", Policy: "5000.1.1.3",
		Summary: "apiDefinition.swagger.json or apiProperties.json is absent (a misspelled variant counts as absent)."},
	{ID: "FileNameCaseMismatch", Severity: Warning, Kinds: AllKinds, Section: "1",
		Summary: "A canonical file exists only in another letter case (apidefinition.swagger.json, Script.csx); readmes are exempt."},
	{ID: "FileNameMisspelled", Severity: Error, Kinds: AllKinds, Section: "1",
		Summary: "A misspelled canonical file name that the platform won't pick up: error for the swagger and apiProperties (apiDefination.swagger.json), warning for others (Script.cs; a readme: error when new)."},
	{ID: "FileUnreadable", Severity: Error, Kinds: AllKinds, Section: "1",
		Summary: "A connector file is a symbolic link, FIFO or device, or can't be read; it is not followed, and the platform needs a plain file."},
	{ID: "FileTooLarge", Severity: Error, Kinds: AllKinds, Section: "1",
		Summary: "script.csx is over the platform's documented 1 MiB (1,048,576 bytes), or the swagger is over 32 MiB and isn't read."},
	{ID: "SwaggerTooLarge", Severity: Warning, Kinds: AllKinds, Section: "1",
		Summary: "The swagger is over 1 MiB (1,048,576 bytes); Microsoft states that limit for script.csx, not for swaggers."},
	{ID: "FindingsLimitExceeded", Severity: Notice, Kinds: AllKinds, Section: "1",
		Summary: "One rule produced more findings on one connector than are listed (500 per rule, 5,000 per connector); the rest are counted here, at the highest severity among them."},
	{ID: "ReadmeMissing", Severity: Warning, Kinds: AllKinds, Section: "10", New: Error, Policy: "5000.1.1.2",
		Summary: "The connector folder has no readme.md (in any letter case); error for a new certified or independent-publisher submission."},

	// §2 JSON syntax
	{ID: "JsonSyntaxInvalid", Severity: Error, Kinds: AllKinds, Section: "2", Policy: "5000.2.6.2",
		Summary: "The file isn't JSON, even when parsed leniently; the position is where the parser stopped."},
	{ID: "JsonTrailingComma", Severity: Error, Kinds: AllKinds, Section: "2",
		Summary: "A comma before } or ]."},
	{ID: "JsonControlCharacterInString", Severity: Error, Kinds: AllKinds, Section: "2",
		Summary: "An unescaped control character (U+0000 to U+001F, such as a raw tab) inside a string."},
	{ID: "JsonCommentPresent", Severity: Error, Kinds: AllKinds, Section: "2",
		Summary: "A // or /* */ comment; JSON has none."},
	{ID: "JsonNonFiniteNumber", Severity: Error, Kinds: AllKinds, Section: "2",
		Summary: "NaN or Infinity, which JSON does not allow."},
	{ID: "JsonDuplicateKey", Severity: Error, Kinds: AllKinds, Section: "2",
		Summary: "A key repeated in one object: error if the values differ (one is lost), warning if they are identical; documentation keys are JsonDuplicateDocumentationKey's."},
	{ID: "JsonDuplicateDocumentationKey", Severity: Warning, Kinds: AllKinds, Section: "2",
		Summary: "A description, summary, x-ms-summary or title repeated in one object: only the text shown is at stake (the last one wins)."},
	{ID: "JsonNonAsciiWhitespace", Severity: Error, Kinds: AllKinds, Section: "2",
		Summary: "Non-ASCII white space (U+00A0, U+2003, U+3000...) between tokens; .NET readers skip it, JSON and paconn validate don't. The rest of the file is still checked."},
	{ID: "JsonBomPresent", Severity: Notice, Kinds: AllKinds, Section: "2",
		Summary: "The file starts with a UTF-8 byte order mark; Microsoft tooling accepts it, many JSON parsers don't."},
	{ID: "FileEncodingInvalid", Severity: Error, Kinds: AllKinds, Section: "2",
		Summary: "A text file isn't valid UTF-8 (Latin-1 text shows as mojibake such as Br�nn�ysund)."},

	// §3 Swagger document
	{ID: "SpecificationVersionIncorrect", Severity: Error, Kinds: AllKinds, Section: "3",
		Summary: `swagger must be the string "2.0"; OpenAPI 3 (an openapi key) is rejected.`},
	{ID: "RequiredPropertyMissing", Severity: Error, Kinds: AllKinds, Section: "3",
		Summary: "A field Swagger 2.0 requires is missing: swagger, info, info.title, info.version, paths."},
	{ID: "RequiredValueEmpty", Severity: Error, Kinds: AllKinds, Section: "3",
		Summary: "A required string is empty or white space (info.title, info.version, operationId)."},
	{ID: "JsonTypeIncorrect", Severity: Error, Kinds: AllKinds, Section: "3",
		Summary: "A value has the wrong JSON type for Swagger 2.0 (info.title not a string, paths not an object)."},
	{ID: "FieldLengthExceeded", Severity: Warning, Kinds: Publishable, Section: "3", New: Error, MsRule: "FieldLengthExceeded",
		Summary: "info.title is longer than 30 characters after trimming."},
	{ID: "ValueContainsRestrictedWords", Severity: Warning, Kinds: Publishable, Section: "3", New: Error,
		Summary: "The title contains API or Connector, or the title or description a Power Platform product name (Power Apps, Power Automate, ...); connectors published by Microsoft are exempt from the product names."},
	{ID: "ValueMustEndWithAlphanumeric", Severity: Warning, Kinds: Publishable, Section: "3", New: Error,
		Summary: "The title ends in white space, a control character or punctuation other than ) or ]."},
	{ID: "InfoDescriptionMissing", Severity: Warning, Kinds: Publishable, Section: "3", New: Error, MsRule: "RequiredPropertyMissing",
		Summary: "info.description is absent."},
	{ID: "FieldLengthNotInRange", Severity: Warning, Kinds: Publishable, Section: "3", New: Error,
		Summary: "info.description is outside 30 to 500 characters after trimming."},

	// §4 Operations
	{ID: "OperationIdRequired", Severity: Error, Kinds: AllKinds, Section: "4",
		Summary: "An operation has no operationId."},
	{ID: "OperationIdNotUnique", Severity: Error, Kinds: AllKinds, Section: "4",
		Summary: "An operationId is used by more than one operation, compared exactly or ignoring case."},

	// §9 apiProperties.json
	{ID: "ApiPropertiesRootInvalid", Severity: Error, Kinds: AllKinds, Section: "9",
		Summary: "The root of apiProperties.json isn't {\"properties\": {...}} (only $schema may stand beside it)."},
	{ID: "IconBrandColorMissing", Severity: Error, Kinds: AllKinds, Section: "9",
		Summary: "properties.iconBrandColor is absent."},
	{ID: "IconBrandColorInvalid", Severity: Error, Kinds: AllKinds, Section: "9", Policy: "5000.2.1.1",
		Summary: "iconBrandColor isn't a #rrggbb hex color."},
	{ID: "IconBrandColorNotAllowed", Severity: Warning, Kinds: Publishable, Section: "9", New: Error,
		Summary: "Independent publishers must use #da3b01; certified connectors must not use #007ee5 or #ffffff (#da3b01: notice)."},
}

// sectionTitles name the sections of the rule catalog that rules are grouped by.
var sectionTitles = map[string]string{
	"1": "Files and folder layout", "2": "JSON syntax", "3": "Swagger document: info, host, schemes, metadata",
	"4": "Operations and paths", "5": "Parameters", "6": "Responses and schemas", "7": "x-ms extensions",
	"8": "Security definitions", "9": "apiProperties.json", "10": "readme.md", "11": "intro.md",
	"12": "script.csx", "13": "Icon and settings.json", "14": "package.zip", "15": "Breaking changes",
	"16": "Pull-request checks",
}

// SectionTitle is the title of a catalog section ("3" -> "Swagger document: ...").
func SectionTitle(section string) string {
	if t, ok := sectionTitles[section]; ok {
		return t
	}
	return "Section " + section
}

var byID = func() map[string]*Rule {
	m := make(map[string]*Rule, len(registry))
	for i := range registry {
		r := &registry[i]
		if _, dup := m[r.ID]; dup {
			panic("validate: rule registered twice: " + r.ID)
		}
		m[r.ID] = r
	}
	return m
}()

// Rules returns every registered rule, sorted by ID.
func Rules() []Rule {
	out := slices.Clone(registry)
	slices.SortFunc(out, func(a, b Rule) int {
		if a.ID < b.ID {
			return -1
		}
		if a.ID > b.ID {
			return 1
		}
		return 0
	})
	return out
}

// LookupRule returns the rule with that ID.
func LookupRule(id string) (*Rule, bool) {
	r, ok := byID[id]
	return r, ok
}

// RuleIDs returns every registered rule ID, sorted.
func RuleIDs() []string { return slices.Sorted(maps.Keys(byID)) }
