package validate

import (
	"regexp"
	"strings"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// propertiesObject returns apiProperties.json's "properties" object, reporting a wrong root shape.
func propertiesObject(p *pass) (*File, *jsonpos.Node) {
	f := p.c.Properties
	if f == nil || f.JSON == nil || f.JSON.Root == nil {
		return nil, nil
	}
	root := f.JSON.Root
	if root.Kind != jsonpos.Object {
		p.report("ApiPropertiesRootInvalid", value(f, root, ""), `apiProperties.json must be an object {"properties": {...}}, not %s`, article(root.Kind))
		return nil, nil
	}
	for i := range root.Members {
		m := &root.Members[i]
		if m.Name != "properties" && m.Name != "$schema" {
			p.report("ApiPropertiesRootInvalid", name(f, m, jsonpos.Join("", m.Name)),
				"%q doesn't belong at the root of apiProperties.json; move it inside \"properties\" (only $schema may stand beside it)", m.Name)
		}
	}
	props := root.Member("properties")
	if props == nil {
		p.report("ApiPropertiesRootInvalid", parent(f, ""), `apiProperties.json has no "properties" object; wrap its settings in {"properties": {...}}`)
		return nil, nil
	}
	if props.Value.Kind != jsonpos.Object {
		p.report("ApiPropertiesRootInvalid", value(f, props.Value, "/properties"), `"properties" must be an object, not %s`, article(props.Value.Kind))
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

func checkBrandColor(p *pass) {
	f, props := propertiesObject(p)
	if props == nil {
		return
	}
	color, n, ptr, ok := stringField(p, f, props, "/properties", "iconBrandColor", "IconBrandColorMissing",
		`apiProperties.json has no iconBrandColor; add "iconBrandColor": "`+suggestedColor(p.c.Kind)+`"`)
	if !ok {
		return
	}
	if !hexColor.MatchString(color) {
		p.report("IconBrandColorInvalid", value(f, n, ptr),
			"iconBrandColor %q isn't a #rrggbb hex color; write six hex digits, e.g. %q", color, suggestedColor(p.c.Kind))
		return
	}
	lc := strings.ToLower(color)
	switch p.c.Kind {
	case IndependentPublisher:
		if lc != ipBrandColor {
			p.report("IconBrandColorNotAllowed", value(f, n, ptr),
				"independent-publisher connectors must use iconBrandColor %q (Microsoft applies the generic icon); change %q to %q", ipBrandColor, color, ipBrandColor)
		}
	case Certified:
		switch lc {
		case defaultBrandColor, whiteBrandColor:
			p.report("IconBrandColorNotAllowed", value(f, n, ptr),
				"iconBrandColor %q is not allowed for certified connectors (it is the default blue or white); use your brand's color, matching the icon background", color)
		case ipBrandColor:
			p.reportAs("IconBrandColorNotAllowed", Notice, value(f, n, ptr),
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
