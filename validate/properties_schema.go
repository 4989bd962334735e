package validate

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/connector-check/connector-check/internal/jsonpos"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// apiPropertiesSchema is the shape of apiProperties.json as the platform accepts it today. The
// repository's own schema is stale (it rejects 134 of 1,011 published files, rules.md §9), so
// this one is written from the documentation and the corpus.
//
//go:embed schemas/apiProperties.schema.json
var apiPropertiesSchemaJSON []byte

var apiPropertiesSchema = sync.OnceValue(func() *jsonschema.Schema {
	return compileSchema("apiProperties.schema.json", apiPropertiesSchemaJSON)
})

// apiProperties returns apiProperties.json and its "properties" object, or nil when the root has
// the wrong shape (ApiPropertiesRootInvalid, reported by checkBrandColor, says so).
func apiProperties(c *Connector) (*File, *jsonpos.Node) {
	f := c.Properties
	if f == nil || f.JSON == nil {
		return nil, nil
	}
	props := f.JSON.Root.Get("properties")
	if !props.Is(jsonpos.Object) {
		return nil, nil
	}
	return f, props
}

// checkPropertiesSchema validates apiProperties.json against the embedded schema.
func checkPropertiesSchema(p *pass) {
	if f, _ := apiProperties(p.c); f != nil {
		checkSchema(p, f, apiPropertiesSchema(), propertiesViolation)
	}
}

// knownProperties are the keys the platform reads under "properties".
var knownProperties = []string{"iconBrandColor", "capabilities", "connectionParameters", "publisher", "stackOwner",
	"policyTemplateInstances", "scriptOperations", "connectionParameterSets", "script"}

var apiPropertiesUnknownProperty = newRule(Rule{
	ID: "ApiPropertiesUnknownProperty", Severity: Warning, Kinds: AllKinds, Section: "9",
	Summary: "A key under properties that the platform doesn't read (stackowner, website, token:clientId); the known ones are iconBrandColor, capabilities, connectionParameters, publisher, stackOwner, policyTemplateInstances, scriptOperations, connectionParameterSets, script.",
	Basis:   BasisIgnored, BasisReason: "the platform doesn't read the key",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiProperties.json:4:25", Pointer: "/properties/stackowner", Edits: []Edit{
			{File: PropertiesName, Old: "    \"capabilities\": [],\n", New: "    \"capabilities\": [], \"stackowner\": \"Contoso\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: PropertiesName, Old: "    \"capabilities\": [],\n", New: "    \"capabilities\": [], \"scriptOperations\": [], \"connectionParameterSets\": {\"uiDefinition\": {}, \"values\": [{\"name\": \"a\", \"uiDefinition\": {}, \"parameters\": {}}]},\n"},
		}},
	},
})

var capabilitiesInvalid = newRule(Rule{
	ID: "CapabilitiesInvalid", Severity: Error, Kinds: AllKinds, Section: "9",
	Summary: "capabilities isn't an array of strings (error); a value outside actions, triggers, gateway, cloud only (warning).",
	Basis:   BasisRejected, BasisReason: srcProps,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiProperties.json:4:21", Pointer: "/properties/capabilities", Edits: []Edit{
			{File: PropertiesName, Old: "    \"capabilities\": [],\n", New: "    \"capabilities\": \"actions\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: PropertiesName, Old: "    \"capabilities\": [],\n", New: "    \"capabilities\": [\"actions\", \"Cloud Only\"],\n"},
		}},
	},
})

var connectionParameterNameInvalid = newRule(Rule{
	ID: "ConnectionParameterNameInvalid", Severity: Error, Kinds: AllKinds, Section: "9",
	Summary: "A connection parameter name isn't letters, digits and _ (or the name:sub form such as token:TenantId).",
	Basis:   BasisRejected, BasisReason: srcProps,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiProperties.json:8:7", Pointer: "/properties/connectionParameters/api~1key", Edits: []Edit{
			{File: PropertiesName, Old: "      \"api_key\": {\n", New: "      \"api/key\": {\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: PropertiesName, Old: "      \"api_key\": {\n", New: "      \"token:TenantId\": {\n"},
		}},
	},
})

var connectionParameterTypeInvalid = newRule(Rule{
	ID: "ConnectionParameterTypeInvalid", Severity: Error, Kinds: AllKinds, Section: "9",
	Summary: "A connection parameter's type is missing or not string, securestring, int, bool, oauthSetting, gatewaySetting (a case-only difference: notice).",
	Basis:   BasisRejected, BasisReason: srcProps,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiProperties.json:9:17", Pointer: "/properties/connectionParameters/api_key/type", Edits: []Edit{
			{File: PropertiesName, Old: "        \"type\": \"securestring\",\n", New: "        \"type\": \"secret\",\n"},
		}},
		GoodCase: &Case{Kind: Certified, Edits: []Edit{
			exampleOAuthSwagger,
			oauthPropertiesWith("          \"identityProvider\": \"oauth2\",\n          \"clientId\": \"[[DUMMY]]\",\n          \"scopes\": [\"tasks.read\"],\n          \"redirectMode\": \"GlobalPerConnector\",\n          \"customParameters\": {\n            \"authorizationUrl\": {\"value\": \"https://login.contoso.com/authorize\"},\n            \"tokenUrl\": {\"value\": \"https://login.contoso.com/token\"},\n            \"refreshUrl\": {\"value\": \"https://login.contoso.com/token\"}\n          }\n        },"),
		}},
	},
})

var connectionParameterSetsInvalid = newRule(Rule{
	ID: "ConnectionParameterSetsInvalid", Severity: Error, Kinds: AllKinds, Section: "9",
	Summary: "connectionParameterSets isn't {uiDefinition, values: [{name, uiDefinition, parameters}]}.",
	Basis:   BasisRejected, BasisReason: srcProps,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiProperties.json:4:25", Pointer: "/properties/connectionParameterSets", Edits: []Edit{
			{File: PropertiesName, Old: "    \"capabilities\": [],\n", New: "    \"capabilities\": [], \"connectionParameterSets\": {\"uiDefinition\": {}},\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: PropertiesName, Old: "    \"capabilities\": [],\n", New: "    \"capabilities\": [], \"connectionParameterSets\": {\"uiDefinition\": {\"displayName\": \"Authentication\"}, \"values\": [{\"name\": \"key\", \"uiDefinition\": {}, \"parameters\": {\"api_key\": {\"type\": \"securestring\"}}}]},\n"},
		}},
	},
})

var policyTemplateParameterMissing = newRule(Rule{
	ID: "PolicyTemplateParameterMissing", Severity: Error, Kinds: AllKinds, Section: "9",
	Summary: "A policy template instance lacks a required x-ms-apimTemplateParameter.*, or its x-ms-apimTemplate-policySection isn't Request/Response (setheader: also Failure).",
	Basis:   BasisBroken, BasisReason: "the policy template can't be instantiated",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiProperties.json:4:81", Pointer: "/properties/policyTemplateInstances/0/parameters", Edits: []Edit{
			{File: PropertiesName, Old: "    \"capabilities\": [],\n", New: "    \"capabilities\": [], \"policyTemplateInstances\": [{\"templateId\": \"setheader\", \"parameters\": {\"x-ms-apimTemplateParameter.name\": \"X-Ver\"}}],\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: PropertiesName, Old: "    \"capabilities\": [],\n", New: "    \"capabilities\": [], \"policyTemplateInstances\": [{\"templateId\": \"SetHeader\", \"parameters\": {\"x-ms-apimTemplateParameter.name\": \"X-Ver\", \"x-ms-apimTemplateParameter.value\": \"2\", \"x-ms-apimTemplate-policySection\": \"Failure\"}}],\n"},
		}},
	},
})

// propertiesViolation maps a schema violation of apiProperties.json to its catalog rule. The
// schema's $defs names are the keys; violations that a semantic rule already reports are dropped.
func propertiesViolation(p *pass, f *File, v schemaViolation) {
	s, where := v.Schema, v.where(f)
	switch {
	case !strings.HasPrefix(s, "/$defs/"),
		s == "/$defs/properties/type", s == "/$defs/properties/required",
		strings.HasPrefix(s, "/$defs/properties/properties/iconBrandColor/"):
		// The root shape and iconBrandColor: ApiPropertiesRootInvalid and IconBrandColor*.
		return

	case s == "/$defs/properties/additionalProperties":
		hint := "remove it, or move it where it belongs"
		for _, k := range knownProperties {
			if strings.EqualFold(k, v.Prop) {
				hint = fmt.Sprintf("the platform reads %q: fix the letter case", k)
			}
		}
		p.report(apiPropertiesUnknownProperty, where, "%q is not an apiProperties.json property, so the platform ignores it; %s (known: %s)",
			v.Prop, hint, strings.Join(knownProperties, ", "))

	case strings.HasPrefix(s, "/$defs/capabilities/"):
		if v.Keyword == "pattern" {
			p.reportAs(capabilitiesInvalid, Warning, where, "capability %s is not one of actions, triggers, gateway, cloud only; remove it or use one of those", jsonText(f, v.Node))
			return
		}
		p.reportAs(capabilitiesInvalid, Error, where, "capabilities must be an array of strings (paconn rejects it otherwise: ApiDefinitionCapabilitiesInvalid), not %s; most connectors use []", kindOf(v.Node))

	case s == "/$defs/connectionParameters/propertyNames":
		// Published connectors use "API Key" and "x-Auth-Email" (2/500), so the platform takes
		// spaces, dashes and dots: a warning; anything else stays an error.
		sev := Error
		if acceptedParameterName.MatchString(v.Prop) {
			sev = Warning
		}
		p.reportAs(connectionParameterNameInvalid, sev, where,
			"connection parameter name %q may hold only letters, digits and _ (or the name:sub form, e.g. token:TenantId); rename it, e.g. %q",
			v.Prop, suggestParameterName(v.Prop))

	case s == "/$defs/connectionParameter/required":
		p.report(connectionParameterTypeInvalid, where,
			"connection parameter %s has no type; add one of string, securestring, int, bool, oauthSetting, gatewaySetting", lastToken(v.Ptr))
	case strings.HasPrefix(s, "/$defs/connectionParameter/properties/type/"):
		if str, ok := v.Node.Str(); ok {
			for _, t := range connectionParameterTypes {
				if strings.EqualFold(t, str) {
					p.reportAs(connectionParameterTypeInvalid, Notice, where, "connection parameter type %q differs from %q only in letter case; write %q", str, t, t)
					return
				}
			}
		}
		p.report(connectionParameterTypeInvalid, where,
			"connection parameter type %s is not one of string, securestring, int, bool, oauthSetting, gatewaySetting; use securestring for keys and passwords", jsonText(f, v.Node))

	case strings.HasPrefix(s, "/$defs/connectionParameterSets/"):
		p.report(connectionParameterSetsInvalid, where, "%s; connectionParameterSets is {\"uiDefinition\": {...}, \"values\": [{\"name\", \"uiDefinition\", \"parameters\": {...}}, ...]}",
			setsProblem(v))

	case strings.HasPrefix(s, "/$defs/oAuthSettings/properties/scopes/"):
		p.report(oAuthSettingsShapeInvalid, where, "oAuthSettings.scopes must be an array of strings, not %s; e.g. [\"offline_access\"] or []", kindOf(v.Node))

	case strings.HasPrefix(s, "/$defs/policyTemplateInstance/allOf/"):
		tmpl := "this policy"
		if n, _ := f.JSON.Lookup(policyInstancePtr(v.Ptr)); n != nil {
			if id, ok := n.Get("templateId").Str(); ok {
				tmpl = id
			}
		}
		switch {
		case v.Keyword == "required" && v.Prop == "parameters":
			p.report(policyTemplateParameterMissing, where, "policy %s has no parameters object; add \"parameters\": {...} with its x-ms-apimTemplateParameter.* values", tmpl)
		case v.Keyword == "required":
			p.report(policyTemplateParameterMissing, where, "policy %s needs %q; add it to parameters (see the policy-templates documentation)", tmpl, v.Prop)
		default:
			want := "Request or Response"
			if strings.EqualFold(tmpl, "setheader") {
				want = "Request, Response or Failure"
			}
			p.report(policyTemplateParameterMissing, where, "x-ms-apimTemplate-policySection %s is not valid for %s; use %s", jsonText(f, v.Node), tmpl, want)
		}
	case s == "/$defs/policyTemplateInstance/required", strings.HasPrefix(s, "/$defs/policyTemplateInstance/properties/templateId/"):
		if v.Keyword == "type" {
			p.report(jsonTypeIncorrect, where, "templateId must be a string, not %s", kindOf(v.Node))
			return
		}
		p.report(policyTemplateIdUnknown, where, "this policy template instance has no templateId; name one of the documented templates (e.g. setheader, routerequesttoendpoint)")

	case v.Keyword == "type" && strings.HasSuffix(v.Ptr, "/oAuthSettings/redirectUrl") && globalPerConnector(f, v.Ptr):
		p.reportAs(jsonTypeIncorrect, Warning, where, "%s must be a string, not %s; with redirectMode GlobalPerConnector the platform ignores it: remove it",
			displayPtr(v.Ptr), kindOf(v.Node))
	case v.Keyword == "type":
		p.report(jsonTypeIncorrect, where, "%s must be %s, not %s", displayPtr(v.Ptr), wantTypes(v.Kind), kindOf(v.Node))
	case v.Keyword == "enum", v.Keyword == "const", v.Keyword == "pattern":
		p.report(jsonValueNotInEnum, where, "%s is %s, which is not an allowed value: %s", displayPtr(v.Ptr), jsonText(f, v.Node), allowedValues(s))
	default:
		p.report(jsonTypeIncorrect, where, "%s: %s", displayPtr(v.Ptr), v.Detail)
	}
}

var acceptedParameterName = regexp.MustCompile(`^[0-9A-Za-z_][0-9A-Za-z_ .-]*$`)

var connectionParameterTypes = []string{"string", "securestring", "int", "bool", "oauthSetting", "gatewaySetting"}

// allowedValues words the value sets of the schema's enum-like patterns.
func allowedValues(schemaPtr string) string {
	switch {
	case strings.Contains(schemaPtr, "/redirectMode/"):
		return "Global, Direct or GlobalPerConnector (new OAuth connectors: GlobalPerConnector)"
	case strings.Contains(schemaPtr, "/constraints/"):
		return `"true" or "false"`
	}
	return "see the documentation"
}

func setsProblem(v schemaViolation) string {
	switch v.Keyword {
	case "required":
		return fmt.Sprintf("%s lacks %q", displayPtr(v.Ptr), v.Prop)
	case "minItems":
		return "connectionParameterSets.values is empty: list at least one authentication option"
	case "minLength":
		return "a connection parameter set's name is empty"
	case "type":
		return fmt.Sprintf("%s must be %s, not %s", displayPtr(v.Ptr), wantTypes(v.Kind), kindOf(v.Node))
	}
	return displayPtr(v.Ptr) + ": " + v.Detail
}

// policyInstancePtr cuts a pointer below /properties/policyTemplateInstances/N back to the instance.
func policyInstancePtr(ptr string) string {
	const prefix = "/properties/policyTemplateInstances/"
	if !strings.HasPrefix(ptr, prefix) {
		return ptr
	}
	rest := ptr[len(prefix):]
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		rest = rest[:i]
	}
	return prefix + rest
}

func wantTypes(k jsonschema.ErrorKind) string {
	t, ok := k.(*kind.Type)
	if !ok || len(t.Want) == 0 {
		return "another type"
	}
	words := make([]string, len(t.Want))
	for i, w := range t.Want {
		words[i] = articleName(w)
	}
	return strings.Join(words, " or ")
}

func kindOf(n *jsonpos.Node) string {
	if n == nil {
		return "missing"
	}
	return article(n.Kind)
}

// jsonText is a value as written in the file, shortened for messages.
func jsonText(f *File, n *jsonpos.Node) string {
	if n == nil {
		return "(missing)"
	}
	s := string(f.Data[n.Start:n.End])
	if utf8.RuneCountInString(s) > 60 {
		return clip(s, 57)
	}
	return s
}

// displayPtr is a pointer for messages; the root is "the file".
func displayPtr(ptr string) string {
	if ptr == "" {
		return "the file"
	}
	return ptr
}

func lastToken(ptr string) string {
	toks, _ := jsonpos.SplitPointer(ptr)
	if len(toks) == 0 {
		return `""`
	}
	return fmt.Sprintf("%q", toks[len(toks)-1])
}

// suggestParameterName replaces the characters a connection parameter name can't hold.
func suggestParameterName(s string) string {
	var sb strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_':
			sb.WriteRune(r)
		case r == ' ', r == '-', r == '.':
			sb.WriteByte('_')
		}
	}
	if sb.Len() == 0 {
		return "api_key"
	}
	return sb.String()
}

// globalPerConnector reports whether the oAuthSettings holding the member at ptr has redirectMode
// GlobalPerConnector (compared ignoring case), under which the platform makes the redirect URL.
func globalPerConnector(f *File, ptr string) bool {
	settings, _ := f.JSON.Lookup(parentPointer(ptr))
	mode, _ := settings.Get("redirectMode").Str()
	return strings.EqualFold(mode, "GlobalPerConnector")
}
