package validate

import (
	"regexp"
	"strings"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

var basePathNotValid = newRule(Rule{
	ID: "BasePathNotValid", Severity: Error, Kinds: AllKinds, Section: "3",
	Summary: "basePath is present but doesn't start with /.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:10:15", Pointer: "/basePath", Edits: []Edit{
			{File: SwaggerName, Old: "  \"basePath\": \"/v1\",\n", New: "  \"basePath\": \"v1\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "  \"basePath\": \"/v1\",\n", New: "  \"basePath\": \"/\",\n"},
		}},
	},
})

// checkSwaggerHost covers host, basePath, schemes and the MIME types of consumes and produces
// (rules.md §3). The backend URL is scheme://host/basePath, so each part must be well formed.
func checkSwaggerHost(p *pass) {
	root := swaggerRoot(p.c)
	if root == nil {
		return
	}
	f := p.c.Swagger
	checkHost(p, f, root)
	if bp := root.Get("basePath"); bp.Is(jsonpos.String) && !strings.HasPrefix(bp.Text, "/") {
		p.report(basePathNotValid, value(f, bp, "/basePath"),
			"basePath %q must start with \"/\" (e.g. \"/v1\"); remove it if the API sits at the root of the host", bp.Text)
	}
	checkSchemes(p, f, root.Member("schemes"), "/schemes")
	checkMimeList(p, f, root.Member("consumes"), "/consumes", true)
	checkMimeList(p, f, root.Member("produces"), "/produces", false)
	for _, o := range p.c.spec().ops {
		// (The pointers are built only for an operation that has the member.)
		if m := o.node.Member("schemes"); m != nil {
			checkSchemes(p, f, m, o.ptr+"/schemes")
		}
		if m := o.node.Member("consumes"); m != nil {
			checkMimeList(p, f, m, o.ptr+"/consumes", true)
		}
		if m := o.node.Member("produces"); m != nil {
			checkMimeList(p, f, m, o.ptr+"/produces", false)
		}
		checkRequestContent(p, f, root, o)
	}
}

// hostPattern is the Swagger 2.0 host: a name or address with an optional port, nothing else.
var hostPattern = regexp.MustCompile(`^[^{}/ :\\]+(?::\d+)?$`)

var hostMissing = newRule(Rule{
	ID: "HostMissing", Severity: Error, Kinds: AllKinds, Section: "3",
	Summary: "host is absent or empty; the backend URL is built from schemes, host and basePath.",
	Basis:   BasisBroken, BasisReason: "no backend URL can be built",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:9:11", Pointer: "/host", Edits: []Edit{
			{File: SwaggerName, Old: "  \"host\": \"api.tasksapp.io\",\n", New: "  \"host\":\u2003\"\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

var hostNameNotValid = newRule(Rule{
	ID: "HostNameNotValid", Severity: Error, Kinds: AllKinds, Section: "3",
	Summary: "host is not a bare host name with an optional :port (no scheme, path, braces or spaces).",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:9:11", Pointer: "/host", Edits: []Edit{
			{File: SwaggerName, Old: "  \"host\": \"api.tasksapp.io\",\n", New: "  \"host\": \"https://api.tasksapp.io/v1\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "  \"host\": \"api.tasksapp.io\",\n", New: "  \"host\": \"api.tasksapp.io:8443\",\n"},
		}},
	},
})

var hostPlaceholderUnresolved = newRule(Rule{
	ID: "HostPlaceholderUnresolved", Severity: Warning, Kinds: AllKinds, Section: "3",
	Summary: "A placeholder host (your…, example, contoso, a single label) with no dynamichosturl/routerequesttoendpoint policy, script.csx or x-ms-parameterized-host to replace it.",
	Basis:   BasisHeuristic,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:9:11", Pointer: "/host", Edits: []Edit{
			{File: SwaggerName, Old: "  \"host\": \"api.tasksapp.io\",\n", New: "  \"host\": \"yourinstance.tasksapp.io\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "  \"host\": \"api.tasksapp.io\",\n", New: "  \"host\": \"yourinstance.tasksapp.io\",\n"},
			{File: ScriptName, From: ScriptName, Old: "using System.Net;\nusing Newtonsoft.Json.Linq;\n\npublic class Script : ScriptBase\n{\n    public override async Task<HttpResponseMessage> ExecuteAsync()\n    {\n        if (this.Context.OperationId == \"ListTasks\")\n        {\n            var response = await this.Context.SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);\n            return response;\n        }\n        // new HttpClient() in a comment, \"CreateTask\" == this.Context.OperationId\n        var note = @\"Thread.Sleep(10000); using System.Data; \"\" new HttpClient()\";\n        return new HttpResponseMessage(HttpStatusCode.BadRequest);\n    }\n}\n", New: "public class Script : ScriptBase {}"},
		}},
	},
})

var hostNotProduction = newRule(Rule{
	ID: "HostNotProduction", Severity: Warning, Kinds: Publishable, Section: "3",
	Summary: "Heuristic: a host label names a non-production environment (dev, test, staging, sandbox, uat, qa, preprod).",
	Basis:   BasisHeuristic,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:9:11", Pointer: "/host", Edits: []Edit{
			{File: SwaggerName, Old: "  \"host\": \"api.tasksapp.io\",\n", New: "  \"host\": \"api.dev.tasksapp.io\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "  \"host\": \"api.tasksapp.io\",\n", New: "  \"host\": \"api.tasksapp.dev\",\n"},
		}},
	},
})

func checkHost(p *pass, f *File, root *jsonpos.Node) {
	m := root.Member("host")
	if m == nil {
		p.report(hostMissing, parent(f, ""),
			`the swagger has no host; add the API's host name, e.g. "host": "api.contoso.com" (the backend URL is built from schemes, host and basePath)`)
		return
	}
	host, ok := m.Value.Str()
	if !ok {
		return // the structural schema reports the type
	}
	if strings.TrimSpace(host) == "" {
		p.report(hostMissing, value(f, m.Value, "/host"), `host is empty; set the API's host name, e.g. "api.contoso.com"`)
		return
	}
	if !hostPattern.MatchString(host) {
		p.report(hostNameNotValid, value(f, m.Value, "/host"),
			"host %q must be a bare host name with an optional :port, without scheme, path, braces or spaces; move a path to basePath and the scheme to schemes", host)
		return
	}
	name := strings.ToLower(host)
	if i := strings.IndexByte(name, ':'); i >= 0 {
		name = name[:i]
	}
	if isPlaceholderHost(name) && !hostSupplied(p.c, root) {
		p.report(hostPlaceholderUnresolved, value(f, m.Value, "/host"),
			"host %q is a placeholder and nothing replaces it (no dynamichosturl or routerequesttoendpoint policy, script.csx or x-ms-parameterized-host); set the real host or add a dynamichosturl policy", host)
	}
	if label := nonProductionLabel(name); label != "" && p.c.Kind != Custom {
		p.report(hostNotProduction, value(f, m.Value, "/host"),
			"host %q looks like a %s environment; certified connectors must call the production service", host, label)
	}
}

func isPlaceholderHost(name string) bool {
	if !strings.Contains(name, ".") {
		return true // a single label: localhost, "host", "DefinedInConnectionParameters"
	}
	for _, l := range strings.Split(name, ".") {
		if strings.HasPrefix(l, "your") || l == "example" || l == "contoso" || strings.Contains(l, "placeholder") {
			return true
		}
	}
	return false
}

// hostSupplied reports whether something other than the host field provides the backend URL.
func hostSupplied(c *Connector, root *jsonpos.Node) bool {
	if c.Script != nil || root.Member("x-ms-parameterized-host") != nil {
		return true
	}
	_, props := apiProperties(c)
	pols := props.Get("policyTemplateInstances")
	if !pols.Is(jsonpos.Array) {
		return false
	}
	for _, pol := range pols.Items {
		id := strings.ToLower(str(pol.Get("templateId")))
		if id == "dynamichosturl" || id == "routerequesttoendpoint" {
			return true
		}
	}
	return false
}

var nonProductionLabels = map[string]string{
	"dev": "development", "develop": "development", "development": "development",
	"test": "test", "testing": "test", "qa": "QA", "uat": "UAT",
	"stage": "staging", "staging": "staging", "stg": "staging",
	"sandbox": "sandbox", "preprod": "pre-production",
}

// nonProductionLabel returns the kind of environment that a subdomain label, or a hyphenated
// part of one, names. The registered domain (the last two labels) is left out: dev.to, swapi.dev
// and the-one-api.dev are production services.
func nonProductionLabel(name string) string {
	labels := strings.Split(name, ".")
	if len(labels) <= 2 {
		return ""
	}
	sub := strings.Join(labels[:len(labels)-2], ".")
	for _, part := range strings.FieldsFunc(sub, func(r rune) bool { return r == '.' || r == '-' }) {
		if env, ok := nonProductionLabels[strings.TrimRight(part, "0123456789")]; ok {
			return env
		}
	}
	return ""
}

var schemesArrayEmpty = newRule(Rule{
	ID: "SchemesArrayEmpty", Severity: Error, Kinds: AllKinds, Section: "3",
	Summary: "schemes is an empty array.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:11:14", Pointer: "/schemes", Edits: []Edit{
			{File: SwaggerName, Old: "  \"schemes\": [\"https\"],\n", New: "  \"schemes\": [],\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

var schemeNotValid = newRule(Rule{
	ID: "SchemeNotValid", Severity: Error, Kinds: AllKinds, Section: "3",
	Summary: "A scheme other than http or https.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:11:24", Pointer: "/schemes/1", Edits: []Edit{
			{File: SwaggerName, Old: "  \"schemes\": [\"https\"],\n", New: "  \"schemes\": [\"https\", \"ftp\"],\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

var schemeNotSupported = newRule(Rule{
	ID: "SchemeNotSupported", Severity: Error, Kinds: AllKinds, Section: "3",
	Summary: "A WebSocket scheme (ws, wss).",
	Basis:   BasisRejected, BasisReason: "the platform calls backends over http or https only",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:11:15", Pointer: "/schemes/0", Edits: []Edit{
			{File: SwaggerName, Old: "  \"schemes\": [\"https\"],\n", New: "  \"schemes\": [\"wss\"],\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

var schemeHttpUsed = newRule(Rule{
	ID: "SchemeHttpUsed", Severity: Warning, Kinds: Publishable, Section: "3",
	Summary: "http is listed; HTTPS with TLS 1.2+ is expected.",
	Basis:   BasisListing, BasisReason: "certification expects HTTPS",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:11:24", Pointer: "/schemes/1", Edits: []Edit{
			{File: SwaggerName, Old: "  \"schemes\": [\"https\"],\n", New: "  \"schemes\": [\"https\", \"http\"],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "  \"schemes\": [\"https\"],\n", New: "  \"schemes\": [\"https\", \"http\"],\n"},
		}},
	},
})

func checkSchemes(p *pass, f *File, m *jsonpos.Member, ptr string) {
	if m == nil || !m.Value.Is(jsonpos.Array) {
		return
	}
	if len(m.Value.Items) == 0 {
		p.report(schemesArrayEmpty, value(f, m.Value, ptr), `schemes is empty; list "https" (or remove the key to use the scheme the connector was imported with)`)
		return
	}
	for i, it := range m.Value.Items {
		s, ok := it.Str()
		if !ok {
			continue // the structural schema reports the type
		}
		iptr := jsonpos.Index(ptr, i)
		switch s {
		case "https":
		case "http":
			p.report(schemeHttpUsed, value(f, it, iptr), `"http" sends data unencrypted; serve the API over HTTPS (TLS 1.2 or later) and list only "https"`)
		case "ws", "wss":
			p.report(schemeNotSupported, value(f, it, iptr), "%q: connectors don't support WebSockets; use \"https\"", s)
		default:
			p.report(schemeNotValid, value(f, it, iptr), "%q is not a scheme connectors can use; write \"https\"", s)
		}
	}
}

// mimePattern is type/subtype with optional parameters (RFC 6838 token characters).
var mimePattern = regexp.MustCompile(`^[A-Za-z0-9!#$&^_.+*-]+/[A-Za-z0-9!#$&^_.+*-]+\s*(;\s*[A-Za-z0-9!#$&^_.+*-]+\s*=\s*("[^"]*"|[^;\s]*)\s*)*;?\s*$`)

// supportedConsumes says whether a request MIME type is one the platform serialises.
func supportedConsumes(mt string) bool {
	base := mimeBase(mt)
	switch base {
	case "application/json", "text/json", "text/plain", "multipart/form-data", "application/x-www-form-urlencoded":
		return true
	}
	return strings.HasSuffix(base, "+json")
}

// mimeBase is a MIME type without its parameters, lower-cased ("Application/JSON; charset=utf-8"
// -> "application/json").
func mimeBase(mt string) string {
	base := strings.ToLower(strings.TrimSpace(mt))
	if i := strings.IndexByte(base, ';'); i >= 0 {
		base = strings.TrimSpace(base[:i])
	}
	return base
}

func isFormMime(mt string) bool {
	b := mimeBase(mt)
	return b == "multipart/form-data" || b == "application/x-www-form-urlencoded"
}

var mimeTypeNotValid = newRule(Rule{
	ID: "MimeTypeNotValid", Severity: Error, Kinds: AllKinds, Section: "3",
	Summary: "A consumes or produces entry isn't a type/subtype[;params] MIME type.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:24:22", Pointer: "/paths/~1tasks/post/consumes/0", Edits: []Edit{
			{File: SwaggerName, Old: "        \"consumes\": [\"application/json\"],\n", New: "        \"consumes\": [\"application json\"],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"consumes\": [\"application/json\"],\n", New: "        \"consumes\": [\"application/json; charset=utf-8\"],\n"},
		}},
	},
})

var mimeTypeNotSupported = newRule(Rule{
	ID: "MimeTypeNotSupported", Severity: Notice, Kinds: AllKinds, Section: "3",
	Summary: "A consumes value other than JSON forms, text/plain, multipart/form-data or application/x-www-form-urlencoded.",
	Basis:   BasisInfo, BasisReason: "the set is open",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:24:22", Pointer: "/paths/~1tasks/post/consumes/0", Edits: []Edit{
			{File: SwaggerName, Old: "        \"consumes\": [\"application/json\"],\n", New: "        \"consumes\": [\"application/xml\"],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"consumes\": [\"application/json\"],\n", New: "        \"consumes\": [\"application/vnd.api+json\"],\n"},
		}},
	},
})

func checkMimeList(p *pass, f *File, m *jsonpos.Member, ptr string, consumes bool) {
	if m == nil || !m.Value.Is(jsonpos.Array) {
		return
	}
	key := "produces"
	if consumes {
		key = "consumes"
	}
	for i, it := range m.Value.Items {
		s, ok := it.Str()
		if !ok {
			continue
		}
		iptr := jsonpos.Index(ptr, i)
		if !mimePattern.MatchString(s) {
			p.report(mimeTypeNotValid, value(f, it, iptr),
				"%s entry %q is not a MIME type; write type/subtype, e.g. \"application/json\"", key, s)
			continue
		}
		if consumes && !supportedConsumes(s) {
			p.report(mimeTypeNotSupported, value(f, it, iptr),
				"consumes %q: the designer builds request bodies only as JSON, text/plain, multipart/form-data or application/x-www-form-urlencoded; prefer one of those", s)
		}
	}
}

var consumesMissing = newRule(Rule{
	ID: "ConsumesMissing", Severity: Notice, Kinds: AllKinds, Section: "3",
	Summary: "An operation has a body or formData parameter but no effective consumes.",
	Basis:   BasisIgnored, BasisReason: "the platform assumes application/json",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:20:7", Pointer: "/paths/~1tasks/post", Edits: []Edit{
			{File: SwaggerName, Old: "        \"consumes\": [\"application/json\"],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "  \"schemes\": [\"https\"],\n  \"paths\": {\n    \"/tasks\": {\n      \"get\": {\n        \"operationId\": \"ListTasks\",\n        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n", New: "  \"schemes\": [\"https\"], \"consumes\": [\"application/json\"],\n  \"paths\": {\n    \"/tasks\": {\n      \"get\": {\n        \"operationId\": \"ListTasks\",\n        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n"},
		}},
	},
})

var mimeTypeNotCompatibleWithRequestContentSchemaType = newRule(Rule{
	ID: "MimeTypeNotCompatibleWithRequestContentSchemaType", Severity: Warning, Kinds: AllKinds, Section: "3",
	Summary: "formData parameters without a form MIME type in consumes, or a body parameter with only form MIME types.",
	Basis:   BasisHeuristic,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:25:24", Pointer: "/paths/~1tasks/post/parameters/0", Edits: []Edit{
			{File: SwaggerName, Old: "        \"consumes\": [\"application/json\"],\n", New: "        \"consumes\": [\"application/x-www-form-urlencoded\"],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"consumes\": [\"application/json\"],\n", New: "        \"consumes\": [\"application/json\", \"multipart/form-data\"],\n"},
		}},
	},
})

// checkRequestContent compares an operation's body and formData parameters with its effective
// consumes (the operation's own list, else the root's).
func checkRequestContent(p *pass, f *File, root *jsonpos.Node, o *op) {
	var body, form *param
	for _, pa := range o.params {
		switch pa.in {
		case "body":
			if body == nil {
				body = pa
			}
		case "formData":
			if form == nil {
				form = pa
			}
		}
	}
	if body == nil && form == nil {
		return
	}
	list := root.Get("consumes")
	if m := o.node.Member("consumes"); m != nil {
		list = m.Value
	}
	var types []string
	if list.Is(jsonpos.Array) {
		for _, it := range list.Items {
			if s, ok := it.Str(); ok && strings.TrimSpace(s) != "" {
				types = append(types, s)
			}
		}
	}
	what := "a body"
	if body == nil {
		what = "formData"
	}
	if len(types) == 0 {
		p.report(consumesMissing, name(f, o.member, o.ptr),
			"%s %s has %s parameter but no consumes; add \"consumes\": [%s]", strings.ToUpper(o.method), o.path, what, suggestedConsumes(body != nil))
		return
	}
	anyForm, allForm := false, true
	for _, t := range types {
		if isFormMime(t) {
			anyForm = true
		} else {
			allForm = false
		}
	}
	if form != nil && !anyForm {
		n, _ := f.JSON.Lookup(form.usePtr)
		p.report(mimeTypeNotCompatibleWithRequestContentSchemaType, value(f, n, form.usePtr),
			"formData parameter %q is sent with %s, which is not a form type; add \"multipart/form-data\" or \"application/x-www-form-urlencoded\" to consumes", form.name, strings.Join(types, ", "))
	}
	if body != nil && allForm {
		n, _ := f.JSON.Lookup(body.usePtr)
		p.report(mimeTypeNotCompatibleWithRequestContentSchemaType, value(f, n, body.usePtr),
			"body parameter %q is sent with only form types (%s); use formData parameters, or consume \"application/json\"", body.name, strings.Join(types, ", "))
	}
}

func suggestedConsumes(body bool) string {
	if body {
		return `"application/json"`
	}
	return `"multipart/form-data"`
}
