package validate

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// settingsSchema is paconn's settings.json, with the environment GUID and URLs made strict.
//
//go:embed schemas/settings.schema.json
var settingsSchemaJSON []byte

var settingsSchema = sync.OnceValue(func() *jsonschema.Schema {
	return compileSchema("settings.schema.json", settingsSchemaJSON)
})

var settingsFileIncluded = newRule(Rule{
	ID: "SettingsFileIncluded", Severity: Warning, Kinds: Publishable, Section: "13",
	Summary: "settings.json (paconn's argument store) is in the connector folder; it may leak an environment id.",
	Basis:   BasisHeuristic,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "settings.json", Pointer: "-", Edits: []Edit{
			{File: SettingsName, New: "{\"apiDefinition\": \"apiDefinition.swagger.json\"}"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SettingsName, New: "{\"apiDefinition\": \"apiDefinition.swagger.json\"}"},
		}},
	},
})

// checkSettings covers settings.json (rules.md §13): paconn's local argument store, which
// doesn't belong in a published connector and may leak an environment id.
func checkSettings(p *pass) {
	f := p.c.Settings
	if f == nil {
		return
	}
	p.report(settingsFileIncluded, whole(f.Path),
		"%s is paconn's local settings file (it may hold your environment id); remove it from the connector folder and pass the values on the paconn command line", f.Name)
	if f.JSON == nil {
		return
	}
	for _, pr := range f.JSON.Problems { // the core JSON rules only read the swagger and apiProperties
		jsonProblem(p, f, pr)
	}
	checkSchema(p, f, settingsSchema(), settingsViolation)
}

var settingsFileInvalid = newRule(Rule{
	ID: "SettingsFileInvalid", Severity: Warning, Kinds: AllKinds, Section: "13",
	Summary: "settings.json has keys paconn doesn't know, or an environment that isn't a GUID, a URL that isn't absolute, an API version other than 2016-11-01.",
	Basis:   BasisIgnored, BasisReason: "only paconn reads it",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "settings.json:2:18", Pointer: "/environment", Edits: []Edit{
			{File: SettingsName, New: "{\n  \"environment\": \"prod\",\n  \"output\": \"x\"\n}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SettingsName, New: "{\"connectorId\": \"shared_contoso\", \"environment\": \"Default-2d1e2f3a-0b1c-4d5e-8f90-a1b2c3d4e5f6\", \"apiProperties\": \"apiProperties.json\", \"apiDefinition\": \"apiDefinition.swagger.json\", \"icon\": \"icon.png\", \"script\": \"script.csx\", \"powerAppsUrl\": \"https://api.powerapps.com\", \"powerAppsApiVersion\": \"2016-11-01\", \"flowUrl\": \"https://api.flow.microsoft.com\", \"flowApiVersion\": \"2016-11-01\"}"},
		}},
	},
})

func settingsViolation(p *pass, f *File, v schemaViolation) {
	where := v.where(f)
	var msg string
	switch v.Keyword {
	case "additionalProperties":
		msg = fmt.Sprintf("%q is not a paconn setting; remove it (known: connectorId, environment, apiProperties, apiDefinition, icon, script, powerAppsUrl, powerAppsApiVersion, flowUrl, flowApiVersion)", v.Prop)
	case "type":
		msg = fmt.Sprintf("%s must be %s, not %s", displayPtr(v.Ptr), wantTypes(v.Kind), kindOf(v.Node))
	case "pattern":
		switch v.Ptr {
		case "/environment":
			msg = fmt.Sprintf("environment %s is not an environment id (a GUID, optionally prefixed Default-)", jsonText(f, v.Node))
		default:
			msg = fmt.Sprintf("%s %s is not an absolute http(s) URL", v.Ptr[1:], jsonText(f, v.Node))
		}
	case "enum":
		msg = fmt.Sprintf("%s %s is not supported; paconn uses \"2016-11-01\"", displayPtr(v.Ptr), jsonText(f, v.Node))
	default:
		msg = fmt.Sprintf("%s: %s", displayPtr(v.Ptr), v.Detail)
	}
	p.report(settingsFileInvalid, where, "%s", msg)
}
