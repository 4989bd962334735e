package validate

import (
	"strings"
	"unicode"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// connParam is one connection parameter of apiProperties.json, from connectionParameters or
// from one option of connectionParameterSets.
type connParam struct {
	name   string
	ptr    string
	member *jsonpos.Member
	node   *jsonpos.Node // the parameter's value (any JSON type)
	typ    string        // its "type" when a string
}

// connectionParams lists every connection parameter in file order: the top-level ones, then
// those of each connectionParameterSets option.
func connectionParams(props *jsonpos.Node) []connParam {
	var out []connParam
	add := func(obj *jsonpos.Node, ptr string) {
		if !obj.Is(jsonpos.Object) {
			return
		}
		for i := range obj.Members {
			m := &obj.Members[i]
			cp := connParam{name: m.Name, ptr: jsonpos.Join(ptr, m.Name), member: m, node: m.Value}
			cp.typ, _ = m.Value.Get("type").Str()
			out = append(out, cp)
		}
	}
	add(props.Get("connectionParameters"), "/properties/connectionParameters")
	if values := props.Get("connectionParameterSets").Get("values"); values.Is(jsonpos.Array) {
		for i, v := range values.Items {
			add(v.Get("parameters"), jsonpos.Join(jsonpos.Index("/properties/connectionParameterSets/values", i), "parameters"))
		}
	}
	return out
}

var secretParameterNotSecure = newRule(Rule{
	ID: "SecretParameterNotSecure", Severity: Warning, Kinds: AllKinds, Section: "9",
	Summary: "A connection parameter named like a secret (…key, …secret, password, …token) has type string instead of securestring.",
	Basis:   BasisHeuristic,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiProperties.json:9:17", Pointer: "/properties/connectionParameters/api_key/type", Edits: []Edit{
			{File: PropertiesName, Old: "        \"type\": \"securestring\",\n", New: "        \"type\": \"string\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: PropertiesName, Old: "      \"api_key\": {\n        \"type\": \"securestring\",\n", New: "      \"region\": {\n        \"type\": \"string\",\n"},
		}},
	},
})

var constraintValueNotString = newRule(Rule{
	ID: "ConstraintValueNotString", Severity: Warning, Kinds: AllKinds, Section: "9",
	Fix:     fixConstraintValue,
	Summary: `uiDefinition.constraints.required or .hidden is a JSON boolean instead of "true"/"false" (certification has rejected it).`,
	Basis:   BasisListing, BasisReason: "certification has rejected it; " + srcCarried,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiProperties.json:14:74", Pointer: "/properties/connectionParameters/api_key/uiDefinition/constraints/required", Edits: []Edit{
			{File: PropertiesName, Old: "          \"constraints\": {\"tabIndex\": 2, \"clearText\": false, \"required\": \"true\"}\n", New: "          \"constraints\": {\"tabIndex\": 2, \"clearText\": false, \"required\": true}\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

func checkConnectionParameters(p *pass) {
	f, props := apiProperties(p.c)
	if props == nil {
		return
	}
	for _, cp := range connectionParams(props) {
		if cp.typ == "string" && looksSecret(cp.name) {
			p.report(secretParameterNotSecure, value(f, cp.node.Get("type"), cp.ptr+"/type"),
				"connection parameter %q looks like a secret but has type \"string\", so it is stored and shown in clear text; use \"securestring\"", cp.name)
		}
		constraints := cp.node.Get("uiDefinition").Get("constraints")
		for _, key := range []string{"required", "hidden"} {
			if n := constraints.Get(key); n.Is(jsonpos.Bool) {
				p.report(constraintValueNotString, value(f, n, cp.ptr+"/uiDefinition/constraints/"+key),
					"constraints.%s is the JSON boolean %s; write the string \"%s\" (certification has rejected booleans here)", key, n.Text, n.Text)
			}
		}
		if o := cp.node.Get("oAuthSettings"); o.Is(jsonpos.Object) {
			checkOAuthSettings(p, f, cp, o, cp.ptr+"/oAuthSettings")
		}
	}
}

// secretWords end a parameter name that holds a credential (api_key, accessToken, password).
var secretWords = map[string]bool{"key": true, "apikey": true, "secret": true, "password": true, "passwd": true,
	"pwd": true, "token": true, "passphrase": true}

// looksSecret reports whether the last word of a parameter name is a credential word. token:*
// names are OAuth sub-settings (token:TenantId), not secrets themselves.
func looksSecret(name string) bool {
	if strings.Contains(name, ":") {
		return false
	}
	words := splitWords(name)
	return len(words) > 0 && secretWords[words[len(words)-1]]
}

// splitWords splits snake_case, kebab-case, spaced and camelCase names into lower-case words.
func splitWords(s string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
			continue
		case unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || (i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1]))):
			flush()
		}
		cur = append(cur, r)
	}
	flush()
	return words
}

// identityProviders are the providers documented for apiProperties.json; the set is open.
var identityProviders = []string{"oauth2", "oauth2generic", "aad", "aadcertificate", "facebook"}

var oAuthIdentityProviderUnknown = newRule(Rule{
	ID: "OAuthIdentityProviderUnknown", Severity: Notice, Kinds: AllKinds, Section: "9",
	Summary: "identityProvider isn't one of oauth2, oauth2generic, aad, aadcertificate, facebook (the set is open).",
	Basis:   BasisInfo, BasisReason: "the set is open",
	Example: Example{
		BadCase: &Case{Kind: Certified, At: "apiProperties.json:11:31", Pointer: "/properties/connectionParameters/token/oAuthSettings/identityProvider", Edits: []Edit{
			exampleOAuthSwagger,
			oauthPropertiesWith("          \"identityProvider\": \"DocuSign\",\n          \"clientId\": \"[[DUMMY]]\",\n          \"scopes\": [\"tasks.read\"],\n          \"redirectMode\": \"GlobalPerConnector\",\n          \"customParameters\": {\n            \"authorizationUrl\": {\"value\": \"https://login.contoso.com/authorize\"},\n            \"tokenUrl\": {\"value\": \"https://login.contoso.com/token\"},\n            \"refreshUrl\": {\"value\": \"https://login.contoso.com/token\"}\n          }\n        },"),
		}},
		GoodCase: &Case{Kind: Certified, Edits: []Edit{
			exampleOAuthSwagger,
			oauthPropertiesWith("          \"identityProvider\": \"aad\",\n          \"clientId\": \"[[DUMMY]]\",\n          \"scopes\": [\"tasks.read\"],\n          \"redirectMode\": \"GlobalPerConnector\",\n          \"customParameters\": {\n            \"authorizationUrl\": {\"value\": \"https://login.contoso.com/authorize\"},\n            \"tokenUrl\": {\"value\": \"https://login.contoso.com/token\"},\n            \"refreshUrl\": {\"value\": \"https://login.contoso.com/token\"}\n          }\n        },"),
		}},
	},
})

var oAuthSettingsShapeInvalid = newRule(Rule{
	ID: "OAuthSettingsShapeInvalid", Severity: Warning, Kinds: AllKinds, Section: "9",
	Summary: "oAuthSettings lacks what its provider needs (aad: customParameters.resourceUri; oauth2: authorization, token and refresh URLs), scopes isn't a string array, or aadcertificate is used by a non-first-party connector.",
	Basis:   BasisHeuristic,
	Example: Example{
		BadCase: &Case{Kind: Certified, At: "apiProperties.json:15:11", Pointer: "/properties/connectionParameters/token/oAuthSettings/customParameters", Edits: []Edit{
			exampleOAuthSwagger,
			oauthPropertiesWith("          \"identityProvider\": \"oauth2\",\n          \"clientId\": \"[[DUMMY]]\",\n          \"scopes\": [\"tasks.read\"],\n          \"redirectMode\": \"GlobalPerConnector\",\n          \"customParameters\": {\n            \"authorizationUrl\": {\"value\": \"https://login.contoso.com/authorize\"},\n            \"tokenUrl\": {\"value\": \"https://login.contoso.com/token\"}\n          }\n        },"),
		}},
		GoodCase: &Case{Kind: Certified, Edits: []Edit{
			exampleOAuthSwagger,
			oauthPropertiesWith("          \"identityProvider\": \"aad\",\n          \"clientId\": \"[[DUMMY]]\",\n          \"scopes\": [\"tasks.read\"],\n          \"redirectMode\": \"GlobalPerConnector\",\n          \"customParameters\": {\n            \"authorizationUrl\": {\"value\": \"https://login.contoso.com/authorize\"},\n            \"tokenUrl\": {\"value\": \"https://login.contoso.com/token\"},\n            \"resourceUri\": {\"value\": \"https://login.contoso.com/token\"}\n          }\n        },"),
		}},
	},
})

var oAuthRedirectModeNotPerConnector = newRule(Rule{
	ID: "OAuthRedirectModeNotPerConnector", Severity: Notice, Kinds: Publishable, Section: "9", New: Warning,
	Summary: "redirectMode is absent, Global or Direct; new OAuth connectors must use GlobalPerConnector.",
	Basis:   BasisListing, BasisReason: "new OAuth connectors",
	Example: Example{
		BadCase: &Case{Kind: Certified, New: true, At: "apiProperties.json:14:27", Pointer: "/properties/connectionParameters/token/oAuthSettings/redirectMode", Severity: Warning, Edits: []Edit{
			exampleOAuthSwagger,
			oauthPropertiesWith("          \"identityProvider\": \"oauth2\",\n          \"clientId\": \"[[DUMMY]]\",\n          \"scopes\": [\"tasks.read\"],\n          \"redirectMode\": \"Global\",\n          \"customParameters\": {\n            \"authorizationUrl\": {\"value\": \"https://login.contoso.com/authorize\"},\n            \"tokenUrl\": {\"value\": \"https://login.contoso.com/token\"},\n            \"refreshUrl\": {\"value\": \"https://login.contoso.com/token\"}\n          }\n        },"),
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			exampleOAuthSwagger,
			oauthPropertiesWith("          \"identityProvider\": \"oauth2\",\n          \"clientId\": \"[[DUMMY]]\",\n          \"scopes\": [\"tasks.read\"],\n          \"redirectMode\": \"Global\",\n          \"customParameters\": {\n            \"authorizationUrl\": {\"value\": \"https://login.contoso.com/authorize\"},\n            \"tokenUrl\": {\"value\": \"https://login.contoso.com/token\"},\n            \"refreshUrl\": {\"value\": \"https://login.contoso.com/token\"}\n          }\n        },"),
		}},
	},
})

var oAuthClientIdCommitted = newRule(Rule{
	ID: "OAuthClientIdCommitted", Severity: Warning, Kinds: Publishable, Section: "9", New: Error,
	Summary: "oAuthSettings.clientId looks issued (12+ characters, letters and digits) rather than a placeholder ([[DUMMY]], empty, <...>, test).",
	Basis:   BasisListing, BasisReason: "independent publishers ship a placeholder; a client id is no secret",
	Example: Example{
		BadCase: &Case{Kind: Certified, At: "apiProperties.json:12:23", Pointer: "/properties/connectionParameters/token/oAuthSettings/clientId", Edits: []Edit{
			exampleOAuthSwagger,
			oauthPropertiesWith("          \"identityProvider\": \"oauth2\",\n          \"clientId\": \"6145b6dc-1ce4-43b1-a4b5-a19b8440096a\",\n          \"scopes\": [\"tasks.read\"],\n          \"redirectMode\": \"GlobalPerConnector\",\n          \"customParameters\": {\n            \"authorizationUrl\": {\"value\": \"https://login.contoso.com/authorize\"},\n            \"tokenUrl\": {\"value\": \"https://login.contoso.com/token\"},\n            \"refreshUrl\": {\"value\": \"https://login.contoso.com/token\"}\n          }\n        },"),
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			exampleOAuthSwagger,
			oauthPropertiesWith("          \"identityProvider\": \"oauth2\",\n          \"clientId\": \"Enter your client ID\",\n          \"scopes\": [\"tasks.read\"],\n          \"redirectMode\": \"GlobalPerConnector\",\n          \"customParameters\": {\n            \"authorizationUrl\": {\"value\": \"https://login.contoso.com/authorize\"},\n            \"tokenUrl\": {\"value\": \"https://login.contoso.com/token\"},\n            \"refreshUrl\": {\"value\": \"https://login.contoso.com/token\"}\n          }\n        },"),
		}},
	},
})

var oAuthClientSecretCommitted = newRule(Rule{
	ID: "OAuthClientSecretCommitted", Severity: Error, Kinds: AllKinds, Section: "9",
	Summary: "oAuthSettings.clientSecret holds a secret-shaped value (12+ characters, letters and digits, no placeholder wording); short dummies (test, xxx, none) are placeholders.",
	Basis:   BasisBroken, BasisReason: "a secret-shaped literal",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiProperties.json:12:52", Pointer: "/properties/connectionParameters/token/oAuthSettings/clientSecret", Edits: []Edit{
			exampleOAuthSwagger,
			oauthPropertiesWith("          \"identityProvider\": \"oauth2\",\n          \"clientId\": \"[[DUMMY]]\", \"clientSecret\": \"s3cr3t-Value\",\n          \"scopes\": [\"tasks.read\"],\n          \"redirectMode\": \"GlobalPerConnector\",\n          \"customParameters\": {\n            \"authorizationUrl\": {\"value\": \"https://login.contoso.com/authorize\"},\n            \"tokenUrl\": {\"value\": \"https://login.contoso.com/token\"},\n            \"refreshUrl\": {\"value\": \"https://login.contoso.com/token\"}\n          }\n        },"),
		}},
		GoodCase: &Case{Kind: Certified, Edits: []Edit{
			exampleOAuthSwagger,
			oauthPropertiesWith("          \"identityProvider\": \"oauth2\",\n          \"clientId\": \"[[DUMMY]]\", \"clientSecret\": \"test\",\n          \"scopes\": [\"tasks.read\"],\n          \"redirectMode\": \"GlobalPerConnector\",\n          \"customParameters\": {\n            \"authorizationUrl\": {\"value\": \"https://login.contoso.com/authorize\"},\n            \"tokenUrl\": {\"value\": \"https://login.contoso.com/token\"},\n            \"refreshUrl\": {\"value\": \"https://login.contoso.com/token\"}\n          }\n        },"),
		}},
	},
})

func checkOAuthSettings(p *pass, f *File, cp connParam, o *jsonpos.Node, ptr string) {
	idp, hasIdp := o.Get("identityProvider").Str()
	switch {
	case o.Member("identityProvider") == nil:
		p.report(oAuthSettingsShapeInvalid, parent(f, ptr), "oAuthSettings of %q has no identityProvider; add one, e.g. \"oauth2\" or \"aad\"", cp.name)
	case hasIdp && !containsFold(identityProviders, idp):
		p.report(oAuthIdentityProviderUnknown, value(f, o.Get("identityProvider"), ptr+"/identityProvider"),
			"identityProvider %q is not one of the documented %s; check the spelling (other providers exist, so this is only a notice)", idp, strings.Join(identityProviders, ", "))
	}
	custom := o.Get("customParameters")
	switch strings.ToLower(idp) {
	case "aad":
		if custom.Get("resourceUri") == nil {
			p.report(oAuthSettingsShapeInvalid, oauthParentAt(f, o, ptr),
				"the aad identity provider needs customParameters.resourceUri (the resource the token is for, e.g. {\"value\": \"https://graph.microsoft.com\"})")
		}
	case "oauth2":
		var missing []string
		for _, k := range []string{"authorizationUrl", "tokenUrl", "refreshUrl"} {
			if custom.Get(k) == nil && custom.Get(k+"Template") == nil {
				missing = append(missing, k)
			}
		}
		if len(missing) > 0 {
			p.report(oAuthSettingsShapeInvalid, oauthParentAt(f, o, ptr),
				"the oauth2 identity provider needs customParameters %s (each {\"value\": \"https://...\"}, or the *Template form)", strings.Join(missing, ", "))
		}
	case "aadcertificate":
		if fp, _ := o.Get("properties").Get("IsFirstParty").Str(); !strings.EqualFold(fp, "true") {
			p.report(oAuthSettingsShapeInvalid, value(f, o.Get("identityProvider"), ptr+"/identityProvider"),
				"aadcertificate is for Microsoft first-party connectors only; use \"aad\" (or \"oauth2\")")
		}
	}

	rm := o.Member("redirectMode")
	mode, isStr := o.Get("redirectMode").Str() // a wrong type is the schema's finding
	switch {
	case rm == nil:
		p.report(oAuthRedirectModeNotPerConnector, parent(f, ptr),
			"oAuthSettings of %q has no redirectMode, so the shared global redirect URI is used; add \"redirectMode\": \"GlobalPerConnector\" (mandatory for new OAuth connectors since February 2024)", cp.name)
	case isStr && (strings.EqualFold(mode, "Global") || strings.EqualFold(mode, "Direct")):
		p.report(oAuthRedirectModeNotPerConnector, value(f, rm.Value, ptr+"/redirectMode"),
			"redirectMode %q: use \"GlobalPerConnector\" (mandatory for new OAuth connectors since February 2024) and register the per-connector redirect URI with the identity provider", mode)
	}

	if id, ok := o.Get("clientId").Str(); ok && credentialShaped(id) {
		p.report(oAuthClientIdCommitted, value(f, o.Get("clientId"), ptr+"/clientId"),
			"clientId %q looks like a real value; replace it with a placeholder such as \"[[DUMMY]]\" and give the real one to Microsoft at certification", id)
	}
	if secret, ok := o.Get("clientSecret").Str(); ok && credentialShaped(secret) {
		p.report(oAuthClientSecretCommitted, value(f, o.Get("clientSecret"), ptr+"/clientSecret"),
			"clientSecret holds what looks like a real secret; remove it from apiProperties.json, and rotate it if it was ever pushed (a pushed commit stays in the history)")
	}
}

// oauthParentAt points at customParameters when present, else at the oAuthSettings key.
func oauthParentAt(f *File, o *jsonpos.Node, ptr string) at {
	if m := o.Member("customParameters"); m != nil {
		return name(f, m, ptr+"/customParameters")
	}
	return parent(f, ptr)
}

// placeholderHints are fragments of the placeholders published connectors use instead of a real
// client ID or secret ("[[DUMMY]]", "<Enter your client ID>", "{{clientId}}", "PLACEHOLDER_CLIENTID").
var placeholderHints = []string{"dummy", "placeholder", "your", "enter", "client id", "clientid", "client_id",
	"client secret", "clientsecret", "client_secret", "xxx", "null", "none", "redacted", "todo", "changeme", "insert", "here", "sample", "example"}

// isPlaceholder reports whether a committed client ID or secret is a stand-in, not a value.
func isPlaceholder(s string) bool {
	t := strings.TrimSpace(s)
	if t == "" || strings.ContainsAny(t, "[]<>{}") {
		return true
	}
	l := strings.ToLower(t)
	for _, h := range placeholderHints {
		if strings.Contains(l, h) {
			return true
		}
	}
	return strings.Trim(l, "0-") == "" // 00000000-0000-...
}

// minCredentialLength: client IDs and secrets that identity providers issue are longer (a GUID
// is 36, GitHub's client ID 20, Azure's secrets 40); shorter values are dummies (test, abc123).
const minCredentialLength = 12

// credentialShaped reports whether a client ID or secret looks issued rather than a stand-in: no
// placeholder wording, at least minCredentialLength characters without white space, and both
// letters and digits, or mixed-case letters.
func credentialShaped(s string) bool {
	t := strings.TrimSpace(s)
	if isPlaceholder(t) || len(t) < minCredentialLength || strings.ContainsAny(t, " \t") {
		return false
	}
	var lower, upper, digit bool
	for _, r := range t {
		switch {
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= 'A' && r <= 'Z':
			upper = true
		case r >= '0' && r <= '9':
			digit = true
		}
	}
	return digit && (lower || upper) || lower && upper
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
