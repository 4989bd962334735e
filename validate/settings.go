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

// checkSettings covers settings.json (rules.md §13): paconn's local argument store, which
// doesn't belong in a published connector and may leak an environment id.
func checkSettings(p *pass) {
	f := p.c.Settings
	if f == nil {
		return
	}
	p.report("SettingsFileIncluded", whole(f.Path),
		"%s is paconn's local settings file (it may hold your environment id); remove it from the connector folder and pass the values on the paconn command line", f.Name)
	if f.JSON == nil {
		return
	}
	for _, pr := range f.JSON.Problems { // the core JSON rules only read the swagger and apiProperties
		jsonProblem(p, f, pr)
	}
	checkSchema(p, f, settingsSchema(), settingsViolation)
}

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
	p.report("SettingsFileInvalid", where, "%s", msg)
}
