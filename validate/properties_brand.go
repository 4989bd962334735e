package validate

import (
	"regexp"
	"strings"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

var apiPropertiesRootInvalid = newRule(Rule{
	ID: "ApiPropertiesRootInvalid", Severity: Error, Kinds: AllKinds, Section: "9",
	Summary: "The root of apiProperties.json isn't {\"properties\": {...}} (only $schema may stand beside it).",
	Basis:   BasisRejected, BasisReason: srcProps,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiProperties.json:1:1", Pointer: "", Edits: []Edit{
			{File: PropertiesName, New: "{\"iconBrandColor\": \"#da3b01\"}"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: PropertiesName, Old: "  \"properties\": {\n", New: "  \"$schema\": \"x\", \"properties\": {\n"},
		}},
	},
})

// propertiesObject returns apiProperties.json's "properties" object, reporting a wrong root shape.
func propertiesObject(p *pass) (*File, *jsonpos.Node) {
	f := p.c.Properties
	if f == nil || f.JSON == nil || f.JSON.Root == nil {
		return nil, nil
	}
	root := f.JSON.Root
	if root.Kind != jsonpos.Object {
		p.report(apiPropertiesRootInvalid, value(f, root, ""), `apiProperties.json must be an object {"properties": {...}}, not %s`, article(root.Kind))
		return nil, nil
	}
	for i := range root.Members {
		m := &root.Members[i]
		if m.Name != "properties" && m.Name != "$schema" {
			p.report(apiPropertiesRootInvalid, name(f, m, jsonpos.Join("", m.Name)),
				"%q doesn't belong at the root of apiProperties.json; move it inside \"properties\" (only $schema may stand beside it)", m.Name)
		}
	}
	props := root.Member("properties")
	if props == nil {
		p.report(apiPropertiesRootInvalid, parent(f, ""), `apiProperties.json has no "properties" object; wrap its settings in {"properties": {...}}`)
		return nil, nil
	}
	if props.Value.Kind != jsonpos.Object {
		p.report(apiPropertiesRootInvalid, value(f, props.Value, "/properties"), `"properties" must be an object, not %s`, article(props.Value.Kind))
		return nil, nil
	}
	return f, props.Value
}

var hexColor = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

const (
	ipBrandColor      = "#da3b01"
	defaultBrandColor = "#007ee5"
	whiteBrandColor   = "#ffffff"
)

var iconBrandColorMissing = newRule(Rule{
	ID: "IconBrandColorMissing", Severity: Error, Kinds: AllKinds, Section: "9",
	Summary: "properties.iconBrandColor is absent.",
	Basis:   BasisRejected, BasisReason: srcProps,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiProperties.json:2:3", Pointer: "/properties", Edits: []Edit{
			{File: PropertiesName, Old: "    \"iconBrandColor\": \"#da3b01\",\n", New: "    \n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

var iconBrandColorInvalid = newRule(Rule{
	ID: "IconBrandColorInvalid", Severity: Error, Kinds: AllKinds, Section: "9", Policy: "5000.2.1.1",
	Summary: "iconBrandColor isn't a #rrggbb hex color.",
	Basis:   BasisRejected, BasisReason: srcProps,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiProperties.json:3:23", Pointer: "/properties/iconBrandColor", Edits: []Edit{
			{File: PropertiesName, Old: "    \"iconBrandColor\": \"#da3b01\",\n", New: "    \"iconBrandColor\": \"#da3b0\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: PropertiesName, Old: "    \"iconBrandColor\": \"#da3b01\",\n", New: "    \"iconBrandColor\": \"#DA3B01\",\n"},
		}},
	},
})

var iconBrandColorNotAllowed = newRule(Rule{
	ID: "IconBrandColorNotAllowed", Severity: Warning, Kinds: Publishable, Section: "9", New: Error,
	Fix:     fixBrandColor,
	Summary: "Independent publishers must use #da3b01; certified connectors must not use #007ee5 or #ffffff (#da3b01: notice).",
	Basis:   BasisListing, BasisReason: "brand-color policy; " + srcCarried,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiProperties.json:3:23", Pointer: "/properties/iconBrandColor", Edits: []Edit{
			{File: PropertiesName, Old: "    \"iconBrandColor\": \"#da3b01\",\n", New: "    \"iconBrandColor\": \"#007ee5\",\n"},
		}},
		GoodCase: &Case{Kind: Certified, Edits: []Edit{
			{File: PropertiesName, Old: "    \"iconBrandColor\": \"#da3b01\",\n", New: "    \"iconBrandColor\": \"#4f6bed\",\n"},
		}},
	},
})

func checkBrandColor(p *pass) {
	f, props := propertiesObject(p)
	if props == nil {
		return
	}
	color, n, ptr, ok := stringField(p, f, props, "/properties", "iconBrandColor", iconBrandColorMissing,
		`apiProperties.json has no iconBrandColor; add "iconBrandColor": "`+suggestedColor(p.c.Kind)+`"`)
	if !ok {
		return
	}
	if !hexColor.MatchString(color) {
		p.report(iconBrandColorInvalid, value(f, n, ptr),
			"iconBrandColor %q isn't a #rrggbb hex color; write six hex digits, e.g. %q", color, suggestedColor(p.c.Kind))
		return
	}
	lc := strings.ToLower(color)
	switch p.c.Kind {
	case IndependentPublisher:
		if lc != ipBrandColor {
			p.report(iconBrandColorNotAllowed, value(f, n, ptr),
				"independent-publisher connectors must use iconBrandColor %q (Microsoft applies the generic icon); change %q to %q", ipBrandColor, color, ipBrandColor)
		}
	case Certified:
		switch lc {
		case defaultBrandColor, whiteBrandColor:
			p.report(iconBrandColorNotAllowed, value(f, n, ptr),
				"iconBrandColor %q is not allowed for certified connectors (it is the default blue or white); use your brand's color, matching the icon background", color)
		case ipBrandColor:
			p.reportAs(iconBrandColorNotAllowed, Notice, value(f, n, ptr),
				"iconBrandColor %q is the independent-publisher color; a certified connector should use its own brand color, matching the icon background", color)
		}
	}
}

func suggestedColor(k Kind) string {
	if k == IndependentPublisher {
		return ipBrandColor
	}
	return "#4f6bed"
}
