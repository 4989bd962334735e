package validate

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// swaggerRoot returns the swagger's root object, or nil when there is no parsed swagger object
// (the loader's findings already say why).
func swaggerRoot(c *Connector) *jsonpos.Node {
	if c.Swagger == nil || c.Swagger.JSON == nil || !c.Swagger.JSON.Root.Is(jsonpos.Object) {
		return nil
	}
	return c.Swagger.JSON.Root
}

var requiredPropertyMissing = newRule(Rule{
	ID: "RequiredPropertyMissing", Severity: Error, Kinds: AllKinds, Section: "3",
	Summary: "A field Swagger 2.0 requires is missing: swagger, info, info.title, info.version, paths.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:3:3", Pointer: "/info", Edits: []Edit{
			{File: SwaggerName, Old: "    \"version\": \"1.0\",\n", New: "    \n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

func checkSwaggerDocument(p *pass) {
	f := p.c.Swagger
	if f == nil || f.JSON == nil || f.JSON.Root == nil {
		return
	}
	root := f.JSON.Root
	if root.Kind != jsonpos.Object {
		p.report(jsonTypeIncorrect, value(f, root, ""), "the swagger must be a JSON object, not %s", article(root.Kind))
		return
	}
	checkSpecVersion(p, f, root)
	for _, key := range []string{"info", "paths"} {
		m := root.Member(key)
		switch {
		case m == nil:
			p.report(requiredPropertyMissing, parent(f, ""), "the swagger has no %q; Swagger 2.0 requires it", key)
		case m.Value.Kind != jsonpos.Object:
			p.report(jsonTypeIncorrect, value(f, m.Value, "/"+key), "%q must be an object, not %s", key, article(m.Value.Kind))
		}
	}
	if info := root.Get("info"); info.Is(jsonpos.Object) {
		checkInfoTitle(p, f, info)
		checkInfoVersion(p, f, info)
		checkInfoDescription(p, f, info)
	}
}

var specificationVersionIncorrect = newRule(Rule{
	ID: "SpecificationVersionIncorrect", Severity: Error, Kinds: AllKinds, Section: "3",
	Summary: `swagger must be the string "2.0"; OpenAPI 3 (an openapi key) is rejected.`,
	Basis:   BasisRejected, BasisReason: "only OpenAPI 2.0 is supported (custom connector FAQ)",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:2:14", Pointer: "/swagger", Edits: []Edit{
			{File: SwaggerName, Old: "  \"swagger\": \"2.0\",\n", New: "  \"swagger\": 2.0,\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

func checkSpecVersion(p *pass, f *File, root *jsonpos.Node) {
	if m := root.Member("openapi"); m != nil {
		p.report(specificationVersionIncorrect, name(f, m, "/openapi"),
			"this is an OpenAPI 3 document; custom connectors accept only Swagger 2.0: convert it and declare \"swagger\": \"2.0\"")
		return
	}
	m := root.Member("swagger")
	if m == nil {
		p.report(requiredPropertyMissing, parent(f, ""), `the swagger has no "swagger" version; add "swagger": "2.0"`)
		return
	}
	if s, ok := m.Value.Str(); !ok || s != "2.0" {
		p.report(specificationVersionIncorrect, value(f, m.Value, "/swagger"),
			`"swagger" is %s; it must be the string "2.0"`, f.Data[m.Value.Start:m.Value.End])
	}
}

// stringField returns the string member key of obj, reporting a missing or non-string value.
// It returns ok=false when there is nothing further to check.
func stringField(p *pass, f *File, obj *jsonpos.Node, objPtr, key string, missingRule *Rule, missingMsg string) (string, *jsonpos.Node, string, bool) {
	ptr := jsonpos.Join(objPtr, key)
	m := obj.Member(key)
	if m == nil {
		if missingRule != nil {
			p.report(missingRule, parent(f, objPtr), "%s", missingMsg)
		}
		return "", nil, ptr, false
	}
	s, ok := m.Value.Str()
	if !ok {
		p.report(jsonTypeIncorrect, value(f, m.Value, ptr), "%s must be a string, not %s", ptr, article(m.Value.Kind))
		return "", nil, ptr, false
	}
	return s, m.Value, ptr, true
}

const maxTitleLength = 30

var requiredValueEmpty = newRule(Rule{
	ID: "RequiredValueEmpty", Severity: Error, Kinds: AllKinds, Section: "3",
	Summary: "A required string is empty or white space (info.title, info.version, operationId).",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:4:14", Pointer: "/info/title", Edits: []Edit{
			{File: SwaggerName, Old: "    \"title\": \"Contoso Tasks\",\n", New: "    \"title\": \"  \",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

var fieldLengthExceeded = newRule(Rule{
	ID: "FieldLengthExceeded", Severity: Warning, Kinds: Publishable, Section: "3", New: Error, MsRule: "FieldLengthExceeded",
	Summary: "info.title is longer than 30 characters after trimming.",
	Basis:   BasisListing, BasisReason: "title policy; " + srcCarried,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:4:14", Pointer: "/info/title", Severity: Warning, Edits: []Edit{
			{File: SwaggerName, Old: "    \"title\": \"Contoso Tasks\",\n", New: "    \"title\": \"Contoso Tasks and Projects Manager Pro\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "    \"title\": \"Contoso Tasks\",\n", New: "    \"title\": \" Contoso Tasks and Projects Pro \",\n"},
		}},
	},
})

var valueMustEndWithAlphanumeric = newRule(Rule{
	ID: "ValueMustEndWithAlphanumeric", Severity: Warning, Kinds: Publishable, Section: "3", New: Error,
	Summary: "The title ends in white space, a control character or punctuation other than ) or ].",
	Basis:   BasisListing, BasisReason: "title policy",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:4:14", Pointer: "/info/title", Severity: Warning, Edits: []Edit{
			{File: SwaggerName, Old: "    \"title\": \"Contoso Tasks\",\n", New: "    \"title\": \"Contoso Tasks.\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "    \"title\": \"Contoso Tasks\",\n", New: "    \"title\": \"Contoso (Canada)\",\n"},
		}},
	},
})

func checkInfoTitle(p *pass, f *File, info *jsonpos.Node) {
	title, n, ptr, ok := stringField(p, f, info, "/info", "title", requiredPropertyMissing,
		"info has no title; add the connector's display name (at most 30 characters)")
	if !ok {
		return
	}
	trimmed := strings.TrimSpace(title)
	if trimmed == "" {
		p.report(requiredValueEmpty, value(f, n, ptr), "info.title is empty; set the connector's display name (at most 30 characters)")
		return
	}
	if l := utf8.RuneCountInString(trimmed); l > maxTitleLength {
		p.report(fieldLengthExceeded, value(f, n, ptr),
			"info.title is %d characters long; shorten it to at most %d (the name shown in the designer)", l, maxTitleLength)
	}
	for _, w := range restrictedWords(trimmed, true, publishedByMicrosoft(p.c)) {
		w.report(p, value(f, n, ptr), "info.title")
	}
	last, _ := utf8.DecodeLastRuneInString(title)
	if !unicode.IsLetter(last) && !unicode.IsDigit(last) && last != ')' && last != ']' {
		p.report(valueMustEndWithAlphanumeric, value(f, n, ptr),
			"info.title ends with %q; end it with a letter or digit (a closing bracket is fine)", string(last))
	}
}

func checkInfoVersion(p *pass, f *File, info *jsonpos.Node) {
	v, n, ptr, ok := stringField(p, f, info, "/info", "version", requiredPropertyMissing,
		`info has no version; add one, e.g. "version": "1.0"`)
	if ok && strings.TrimSpace(v) == "" {
		p.report(requiredValueEmpty, value(f, n, ptr), `info.version is empty; set it, e.g. "1.0"`)
	}
}

const minDescription, maxDescription = 30, 500

var infoDescriptionMissing = newRule(Rule{
	ID: "InfoDescriptionMissing", Severity: Warning, Kinds: Publishable, Section: "3", New: Error, MsRule: "RequiredPropertyMissing",
	Summary: "info.description is absent.",
	Basis:   BasisListing, BasisReason: "description policy; " + srcCarried,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:3:3", Pointer: "/info", Severity: Warning, Edits: []Edit{
			{File: SwaggerName, Old: "    \"description\": \"Create, list and complete tasks in Contoso Tasks from your flows.\",\n", New: "    \n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "    \"description\": \"Create, list and complete tasks in Contoso Tasks from your flows.\",\n", New: "    \n"},
		}},
	},
})

var fieldLengthNotInRange = newRule(Rule{
	ID: "FieldLengthNotInRange", Severity: Warning, Kinds: Publishable, Section: "3", New: Error,
	Summary: "info.description is outside 30 to 500 characters after trimming.",
	Basis:   BasisListing, BasisReason: "description policy; " + srcCarried,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:5:20", Pointer: "/info/description", Severity: Warning, Edits: []Edit{
			{File: SwaggerName, Old: "    \"description\": \"Create, list and complete tasks in Contoso Tasks from your flows.\",\n", New: "    \"description\": \"Tasks.\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

func checkInfoDescription(p *pass, f *File, info *jsonpos.Node) {
	desc, n, ptr, ok := stringField(p, f, info, "/info", "description", infoDescriptionMissing,
		"info has no description; add 30 to 500 characters saying what the service does and what the connector offers")
	if !ok {
		return
	}
	l := utf8.RuneCountInString(strings.TrimSpace(desc))
	switch {
	case l < minDescription:
		p.report(fieldLengthNotInRange, value(f, n, ptr),
			"info.description is %d characters long; write at least %d (what the service does and what the connector offers)", l, minDescription)
	case l > maxDescription:
		p.report(fieldLengthNotInRange, value(f, n, ptr),
			"info.description is %d characters long; shorten it to at most %d and move details to the readme", l, maxDescription)
	}
	for _, w := range restrictedWords(desc, false, publishedByMicrosoft(p.c)) {
		w.report(p, value(f, n, ptr), "info.description")
	}
}

type restricted struct {
	text     string
	probable bool // a probable product name: a warning even for a new submission
	fix      string
}

var valueContainsRestrictedWords = newRule(Rule{
	ID: "ValueContainsRestrictedWords", Severity: Warning, Kinds: Publishable, Section: "3", New: Error,
	Summary: "The title contains API or Connector, or the title or description a Power Platform product name (Power Apps, Power Automate, ...); connectors published by Microsoft are exempt from the product names.",
	Basis:   BasisListing, BasisReason: "title policy; " + srcCarried,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:4:14", Pointer: "/info/title", Severity: Warning, Edits: []Edit{
			{File: SwaggerName, Old: "    \"title\": \"Contoso Tasks\",\n", New: "    \"title\": \"Contoso Tasks API\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, New: true, Edits: []Edit{
			{File: SwaggerName, Old: "    \"description\": \"Create, list and complete tasks in Contoso Tasks from your flows.\",\n", New: "    \"description\": \"Create, list and complete tasks in Contoso Tasks from Logic Apps.\",\n"},
		}},
	},
})

// report adds the finding: listing policy, so the rule's severity (a warning for a published
// connector, an error for a new submission), and a warning for a probable product name.
func (w restricted) report(p *pass, where at, field string) {
	if w.probable {
		p.reportAs(valueContainsRestrictedWords, Warning, where, "%s contains %q; %s", field, w.text, w.fix)
		return
	}
	p.report(valueContainsRestrictedWords, where, "%s contains %q; %s", field, w.text, w.fix)
}

var (
	// Whole words, ignoring case; \b keeps "RapidAPI" and "Connectors365" out.
	titleWords = regexp.MustCompile(`(?i)\b(apis?|connectors?)\b`)
	// Power Platform product names the certification team rejects (confirmed) or probably rejects
	// (rules.md §3). Logic Apps is an Azure product, not a Power Platform one: connectors name it.
	confirmedProducts = regexp.MustCompile(`(?i)\b(power ?apps|power automate|microsoft flow)\b`)
	probableProducts  = regexp.MustCompile(`(?i)\b(power bi|power pages|power platform|power virtual agents|copilot studio|dataverse)\b`)
	// microsoftPublisher matches a publisher field naming Microsoft itself.
	microsoftPublisher = regexp.MustCompile(`(?i)^\s*microsoft(\s+corp(oration)?\.?)?\s*$`)
)

// publishedByMicrosoft reports whether apiProperties names Microsoft as the publisher: its own
// connectors (Dataverse, Power BI, ...) are about the products and may name them.
func publishedByMicrosoft(c *Connector) bool {
	_, props := apiProperties(c)
	s, _ := props.Get("publisher").Str()
	return microsoftPublisher.MatchString(s)
}

func restrictedWords(s string, isTitle, byMicrosoft bool) []restricted {
	var out []restricted
	if isTitle {
		for _, w := range titleWords.FindAllString(s, -1) {
			out = append(out, restricted{w, false, "remove it: every connector is an API connector, and the word is reserved"})
		}
	}
	if byMicrosoft {
		return out
	}
	for _, w := range confirmedProducts.FindAllString(s, -1) {
		out = append(out, restricted{w, false, "remove the Power Platform product name: connectors work across products and must not name them"})
	}
	for _, w := range probableProducts.FindAllString(s, -1) {
		out = append(out, restricted{w, true, "remove the Power Platform product name unless the service is about it: certification usually rejects it"})
	}
	return out
}

// article names a JSON value's kind for a message: "an object", "a string", "null".
func article(k jsonpos.Kind) string { return articleName(k.String()) }

// articleName puts "a" or "an" before a JSON or Swagger type name ("an integer", "a string");
// null stays bare.
func articleName(t string) string {
	switch {
	case t == "null":
		return "null"
	case t != "" && strings.ContainsRune("aeiou", rune(t[0])):
		return "an " + t
	}
	return "a " + t
}
