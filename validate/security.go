package validate

import (
	"fmt"
	"strings"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// secScheme is one entry of the swagger's securityDefinitions.
type secScheme struct {
	name   string
	typ    string // "basic", "apiKey" or "oauth2"; "" for anything else
	ptr    string
	member *jsonpos.Member
	node   *jsonpos.Node
}

// securitySchemes lists the swagger's security schemes in file order. A scheme whose type is
// missing or unknown has typ "" (the swagger's structural rules report it).
func securitySchemes(c *Connector) []secScheme {
	defs := swaggerRoot(c).Get("securityDefinitions")
	if !defs.Is(jsonpos.Object) {
		return nil
	}
	var out []secScheme
	for i := range defs.Members {
		m := &defs.Members[i]
		s := secScheme{name: m.Name, ptr: jsonpos.Join("/securityDefinitions", m.Name), member: m, node: m.Value}
		if t, ok := m.Value.Get("type").Str(); ok && (t == "basic" || t == "apiKey" || t == "oauth2") {
			s.typ = t
		}
		out = append(out, s)
	}
	return out
}

// oauthFlows maps each OAuth 2.0 flow of Swagger 2.0 to the URLs it needs.
var oauthFlows = map[string]struct{ authorizationURL, tokenURL bool }{
	"implicit":    {authorizationURL: true},
	"password":    {tokenURL: true},
	"application": {tokenURL: true},
	"accessCode":  {authorizationURL: true, tokenURL: true},
}

// schemeKeys are the fixed fields of a Swagger 2.0 security scheme; a key outside them is an
// AdditionalPropertyNotAllowed of the structural rules, not this family's.
var schemeKeys = map[string]bool{"type": true, "description": true, "name": true, "in": true, "flow": true,
	"authorizationUrl": true, "tokenUrl": true, "scopes": true}

// checkSecurityDefinitions covers the schemes themselves (rules.md §8).
func checkSecurityDefinitions(p *pass) {
	f := p.c.Swagger
	for _, s := range securitySchemes(p.c) {
		if s.typ == "" {
			continue
		}
		allowed := map[string]bool{"type": true, "description": true}
		switch s.typ {
		case "apiKey":
			allowed["name"], allowed["in"] = true, true
			if s.node.Member("name") == nil {
				p.report("SecuritySchemePropertyRequired", name(f, s.member, s.ptr),
					"apiKey scheme %q has no name; add the header or query parameter that carries the key, e.g. \"name\": \"X-API-Key\"", s.name)
			}
			in := s.node.Member("in")
			where, _ := s.node.Get("in").Str()
			switch {
			case in == nil:
				p.report("SecuritySchemePropertyRequired", name(f, s.member, s.ptr),
					"apiKey scheme %q has no \"in\"; add \"in\": \"header\" (or \"query\")", s.name)
			case where != "header" && where != "query":
				p.report("SecuritySchemePropertyRequired", value(f, in.Value, s.ptr+"/in"),
					"apiKey scheme %q has \"in\": %s; it must be \"header\" or \"query\"", s.name, jsonText(f, in.Value))
			}
		case "oauth2":
			allowed["flow"], allowed["scopes"] = true, true
			fm := s.node.Member("flow")
			flow, _ := s.node.Get("flow").Str()
			need, known := oauthFlows[flow]
			switch {
			case fm == nil:
				p.report("SecuritySchemePropertyRequired", name(f, s.member, s.ptr),
					"oauth2 scheme %q has no flow; add \"flow\": \"accessCode\" (authorization code, what connectors use)", s.name)
			case !known:
				p.report("JsonValueNotInEnum", value(f, fm.Value, s.ptr+"/flow"),
					"flow %s is not an OAuth 2.0 flow of Swagger 2.0; use \"accessCode\" (or implicit, password, application)", jsonText(f, fm.Value))
			case flow == "application":
				p.reportAs("OAuthFlowNotSupported", Error, value(f, fm.Value, s.ptr+"/flow"),
					"the application flow (client credentials) is not supported by custom connectors; use \"accessCode\", or an API key")
			case flow == "implicit":
				p.reportAs("OAuthFlowNotSupported", Warning, value(f, fm.Value, s.ptr+"/flow"),
					"the implicit flow is deprecated and the platform signs in with the authorization code flow; use \"accessCode\" with a tokenUrl")
			}
			if s.node.Member("scopes") == nil { // the platform reads no scopes as none: a warning
				p.reportAs("SecuritySchemePropertyRequired", Warning, name(f, s.member, s.ptr),
					"oauth2 scheme %q has no scopes; add \"scopes\": {} (or the scopes it uses, each with a description)", s.name)
			}
			if known {
				allowed["authorizationUrl"], allowed["tokenUrl"] = need.authorizationURL, need.tokenURL
				for _, k := range []struct {
					key  string
					need bool
				}{{"authorizationUrl", need.authorizationURL}, {"tokenUrl", need.tokenURL}} {
					if k.need && s.node.Member(k.key) == nil {
						p.report("SecuritySchemePropertyRequired", name(f, s.member, s.ptr),
							"oauth2 scheme %q (flow %s) has no %s; add the identity provider's URL", s.name, flow, k.key)
					}
				}
			} else {
				allowed["authorizationUrl"], allowed["tokenUrl"] = true, true
			}
		}
		for i := range s.node.Members {
			m := &s.node.Members[i]
			if schemeKeys[m.Name] && !allowed[m.Name] {
				what := map[string]string{"basic": "a basic scheme", "apiKey": "an apiKey scheme", "oauth2": "an oauth2 scheme"}[s.typ]
				if flow, ok := s.node.Get("flow").Str(); ok && s.typ == "oauth2" {
					what = "an oauth2 scheme with flow " + flow
				}
				p.report("SecuritySchemePropertyNotValid", name(f, m, jsonpos.Join(s.ptr, m.Name)),
					"%q doesn't belong in %s; remove it", m.Name, what)
			}
		}
	}
}

// checkSecurityRequirements checks the root and operation "security" lists against the schemes.
func checkSecurityRequirements(p *pass) {
	root := swaggerRoot(p.c)
	if root == nil {
		return
	}
	f := p.c.Swagger
	schemes := map[string]secScheme{}
	var names []string // in file order, for the hint
	for _, s := range securitySchemes(p.c) {
		schemes[s.name] = s
		names = append(names, s.name)
	}
	lists := []struct {
		n   *jsonpos.Node
		ptr string
	}{{root.Get("security"), "/security"}}
	for _, op := range p.c.spec().ops {
		lists = append(lists, struct {
			n   *jsonpos.Node
			ptr string
		}{op.node.Get("security"), op.ptr + "/security"})
	}
	// An undefined name is reported once, at its first use, with the other uses as related places
	// (a wizard-exported swagger repeats it in every operation).
	type use struct {
		m   *jsonpos.Member
		ptr string
	}
	undefined := map[string][]use{}
	var order []string
	reportUndefined := func() {
		for _, n := range order {
			uses := undefined[n]
			hint := "securityDefinitions is empty"
			if len(schemes) > 0 {
				hint = "defined: " + strings.Join(names, ", ")
			}
			more := ""
			if len(uses) > 1 {
				more = fmt.Sprintf(" (%d uses)", len(uses))
			}
			fd := p.report("SecurityRequirementMustBeDefined", name(f, uses[0].m, uses[0].ptr),
				"security requirement %q%s names no scheme of securityDefinitions (%s); the platform ignores it: fix the name or define the scheme", n, more, hint)
			for _, u := range uses[1:min(len(uses), 11)] {
				l, c := f.JSON.Lines.Position(u.m.NameStart)
				fd.related(f.Path, l, c, "also used here")
			}
		}
	}
	for _, l := range lists {
		if !l.n.Is(jsonpos.Array) {
			continue
		}
		for i, req := range l.n.Items {
			if !req.Is(jsonpos.Object) {
				continue
			}
			rptr := jsonpos.Index(l.ptr, i)
			for j := range req.Members {
				m := &req.Members[j]
				mptr := jsonpos.Join(rptr, m.Name)
				s, ok := schemes[m.Name]
				if !ok {
					if undefined[m.Name] == nil {
						order = append(order, m.Name)
					}
					undefined[m.Name] = append(undefined[m.Name], use{m, mptr})
					continue
				}
				switch {
				case m.Value.Is(jsonpos.Null):
					p.report("SecurityRequirementMustHaveValue", value(f, m.Value, mptr),
						"security requirement %q is null; write [] (or, for OAuth, the scopes it needs)", m.Name)
				case !m.Value.Is(jsonpos.Array):
				case s.typ != "oauth2" && s.typ != "" && len(m.Value.Items) > 0:
					p.report("SecurityRequirementMustHaveEmptyValue", value(f, m.Value, mptr),
						"%q is a %s scheme, which has no scopes; its requirement must be []", m.Name, s.typ)
				case s.typ == "oauth2":
					scopes := s.node.Get("scopes")
					for k, sc := range m.Value.Items {
						name, ok := sc.Str()
						if ok && scopes.Is(jsonpos.Object) && scopes.Member(name) == nil {
							p.report("OAuthSecurityRequirementValueMustBeScopeName", value(f, sc, jsonpos.Index(mptr, k)),
								"scope %q is not among the scopes of %q; add it to securityDefinitions.%s.scopes or remove it here", name, m.Name, m.Name)
						}
					}
				}
			}
		}
	}
	reportUndefined()
}

// checkAuthPairing compares the swagger's schemes with apiProperties' connection parameters
// (rules.md §8's pairing table) and flags OAuth for independent publishers and the gateway.
func checkAuthPairing(p *pass) {
	schemes := securitySchemes(p.c)
	pf, props := apiProperties(p.c)
	var params []connParam
	if props != nil {
		params = connectionParams(props)
	}
	sf := p.c.Swagger
	var oauthScheme, apiKeyScheme *secScheme
	types := map[string]bool{}
	for i := range schemes {
		s := &schemes[i]
		switch s.typ {
		case "oauth2":
			if oauthScheme == nil {
				oauthScheme = s
			}
		case "apiKey":
			if apiKeyScheme == nil {
				apiKeyScheme = s
			}
		}
		if s.typ != "" {
			types[s.typ] = true
		}
	}
	var oauthParam *connParam
	for i := range params {
		if strings.EqualFold(params[i].typ, "oauthSetting") {
			oauthParam = &params[i]
			break
		}
	}

	if p.c.Kind == IndependentPublisher {
		switch {
		case oauthScheme != nil:
			p.report("IndependentPublisherOAuth", value(sf, oauthScheme.node.Get("type"), oauthScheme.ptr+"/type"),
				"this independent-publisher connector uses OAuth; new independent-publisher OAuth connectors are paused in favour of an API key or basic auth (existing ones must document the app registration in the readme)")
		case oauthParam != nil:
			p.report("IndependentPublisherOAuth", value(pf, oauthParam.node.Get("type"), oauthParam.ptr+"/type"),
				"this independent-publisher connector uses OAuth (an oauthSetting parameter); new independent-publisher OAuth connectors are paused in favour of an API key or basic auth")
		}
	}

	if props != nil {
		if capm := props.Member("capabilities"); capm != nil && capm.Value.Is(jsonpos.Array) {
			for i, c := range capm.Value.Items {
				if s, ok := c.Str(); !ok || !strings.EqualFold(s, "gateway") {
					continue
				}
				ptr := jsonpos.Index("/properties/capabilities", i)
				if apiKeyScheme != nil {
					p.report("ApiKeyGatewayNotSupported", value(pf, c, ptr),
						"the gateway capability doesn't work with API-key authentication (scheme %q); use basic or Windows authentication for on-premises data, or drop \"gateway\"", apiKeyScheme.name)
				}
				if p.c.Script != nil {
					p.report("ApiKeyGatewayNotSupported", value(pf, c, ptr),
						"the gateway capability doesn't work with custom code (script.csx); drop one of them")
				}
			}
		}
	}

	// The pairing is only checked when both files are there and the connection has one option.
	if swaggerRoot(p.c) == nil || props == nil || props.Member("connectionParameterSets") != nil {
		return
	}
	paramsAt := parent(pf, "/properties/connectionParameters")
	if props.Member("connectionParameters") == nil {
		paramsAt = parent(pf, "/properties")
	}
	switch {
	case oauthScheme != nil && oauthParam == nil:
		p.report("AuthSchemeMismatch", value(sf, oauthScheme.node.Get("type"), oauthScheme.ptr+"/type"),
			"the swagger declares OAuth (%q) but apiProperties.json has no oauthSetting connection parameter; add \"token\": {\"type\": \"oauthSetting\", \"oAuthSettings\": {...}}", oauthScheme.name)
	case oauthParam != nil && oauthScheme == nil:
		p.report("AuthSchemeMismatch", value(pf, oauthParam.node.Get("type"), oauthParam.ptr+"/type"),
			"apiProperties.json declares OAuth (%q) but the swagger has no oauth2 securityDefinitions; add an oauth2 scheme (flow accessCode) so that the definition documents the authentication", oauthParam.name)
	}
	if len(types) > 1 {
		p.report("AuthSchemeMismatch", parent(sf, "/securityDefinitions"),
			"the swagger declares several kinds of authentication (%s); offer them as connectionParameterSets in apiProperties.json, or keep one", strings.Join(sortedKeys(types), ", "))
		return
	}
	var secure, user, password bool
	for _, cp := range params {
		switch {
		case strings.EqualFold(cp.name, "username"):
			user = true
		case strings.EqualFold(cp.name, "password"):
			password = true
		}
		if strings.EqualFold(cp.typ, "securestring") {
			secure = true
		}
	}
	switch {
	case types["apiKey"] && !secure:
		p.report("AuthSchemeMismatch", paramsAt,
			"the swagger's apiKey scheme %q has no securestring connection parameter to fill it; add one, e.g. \"api_key\": {\"type\": \"securestring\", ...}", apiKeyScheme.name)
	case types["basic"] && (!user || !password):
		p.report("AuthSchemeMismatch", paramsAt,
			"the swagger declares basic authentication but the connection parameters lack username (string) and password (securestring); add them")
	case len(types) == 0 && p.c.Script == nil && props.Member("policyTemplateInstances") == nil:
		// With no scheme, a key reaches the service only through a policy or the script.
		for _, cp := range params {
			if strings.EqualFold(cp.typ, "securestring") && !strings.Contains(cp.name, ":") {
				p.report("AuthSchemeMismatch", value(pf, cp.node.Get("type"), cp.ptr+"/type"),
					"connection parameter %q is a secret but the swagger declares no security scheme, policy or script that sends it; add an apiKey (or basic) scheme to securityDefinitions, or remove the parameter", cp.name)
				break
			}
		}
	}
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for _, k := range []string{"apiKey", "basic", "oauth2"} {
		if m[k] {
			out = append(out, k)
		}
	}
	return out
}
