package validate

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// swObj is the kind of Swagger 2.0 object a JSON object is, which decides which keys and which
// x-ms extensions belong in it.
type swObj uint8

const (
	objRoot swObj = iota + 1
	objInfo
	objContact
	objLicense
	objPathItem
	objOperation
	objParameter
	objItems // the items of a non-body parameter or header
	objSchema
	objResponse
	objHeader
	objSecurityScheme
	objTag
	objExternalDocs
)

var objNames = map[swObj]string{
	objRoot: "the root", objInfo: "info", objContact: "contact", objLicense: "license",
	objPathItem: "a path item", objOperation: "an operation", objParameter: "a parameter",
	objItems: "parameter items", objSchema: "a schema", objResponse: "a response", objHeader: "a header",
	objSecurityScheme: "a security scheme", objTag: "a tag", objExternalDocs: "externalDocs",
}

// swPath is the pointer of the object being visited, kept as a stack of escaped tokens so that
// a pointer string is only built when a rule reports something.
type swPath struct{ toks []string }

// String is the RFC 6901 pointer.
func (p *swPath) String() string {
	if len(p.toks) == 0 {
		return ""
	}
	return "/" + strings.Join(p.toks, "/")
}

// Child is the pointer of member key of the object.
func (p *swPath) Child(key string) string { return p.String() + "/" + jsonpos.EscapeToken(key) }

func (p *swPath) push(tok string) { p.toks = append(p.toks, tok) }
func (p *swPath) pop()            { p.toks = p.toks[:len(p.toks)-1] }

// walkSwaggerObjects visits every Swagger object of the document where it is written: $refs are
// not followed, so each object is visited once and findings point where the text is. Maps (paths,
// definitions, properties, headers, scopes) are entered but not visited themselves, so their keys
// (property and header names) are never taken for Swagger keys. Values of x- extensions are
// skipped, except the schema inside x-ms-notification-content. The path is only valid during
// the visit.
func walkSwaggerObjects(root *jsonpos.Node, visit func(kind swObj, n *jsonpos.Node, at *swPath)) {
	if !root.Is(jsonpos.Object) {
		return
	}
	path := &swPath{toks: make([]string, 0, 32)}
	budget := 200000 // objects; the walk is linear, this only bounds hostile input
	var obj func(kind swObj, n *jsonpos.Node)
	child := func(kind swObj, n *jsonpos.Node, tok string) {
		if !n.Is(jsonpos.Object) {
			return
		}
		path.push(tok)
		obj(kind, n)
		path.pop()
	}
	notification := func(n *jsonpos.Node) { // x-ms-notification-content.schema
		if s := n.Get("x-ms-notification-content").Get("schema"); s.Is(jsonpos.Object) {
			path.push("x-ms-notification-content")
			child(objSchema, s, "schema")
			path.pop()
		}
	}
	mapOf := func(kind swObj, n *jsonpos.Node, key string) {
		if !n.Is(jsonpos.Object) {
			return
		}
		path.push(key)
		for i := range n.Members {
			m := &n.Members[i]
			if kind != objPathItem || !strings.HasPrefix(m.Name, "x-") {
				child(kind, m.Value, jsonpos.EscapeToken(m.Name))
			}
		}
		path.pop()
	}
	listOf := func(kind swObj, n *jsonpos.Node, key string) {
		if !n.Is(jsonpos.Array) {
			return
		}
		path.push(key)
		for i, it := range n.Items {
			child(kind, it, strconv.Itoa(i))
		}
		path.pop()
	}
	obj = func(kind swObj, n *jsonpos.Node) {
		if budget <= 0 || len(path.toks) > 400 {
			return
		}
		budget--
		visit(kind, n, path)
		switch kind {
		case objRoot:
			child(objInfo, n.Get("info"), "info")
			child(objExternalDocs, n.Get("externalDocs"), "externalDocs")
			mapOf(objPathItem, n.Get("paths"), "paths")
			mapOf(objSchema, n.Get("definitions"), "definitions")
			mapOf(objParameter, n.Get("parameters"), "parameters")
			mapOf(objResponse, n.Get("responses"), "responses")
			mapOf(objSecurityScheme, n.Get("securityDefinitions"), "securityDefinitions")
			listOf(objTag, n.Get("tags"), "tags")
		case objInfo:
			child(objContact, n.Get("contact"), "contact")
			child(objLicense, n.Get("license"), "license")
		case objPathItem:
			listOf(objParameter, n.Get("parameters"), "parameters")
			for i := range n.Members {
				if m := &n.Members[i]; isHTTPMethod(m.Name) {
					child(objOperation, m.Value, m.Name)
				}
			}
			notification(n)
		case objOperation:
			listOf(objParameter, n.Get("parameters"), "parameters")
			mapOf(objResponse, n.Get("responses"), "responses")
			child(objExternalDocs, n.Get("externalDocs"), "externalDocs")
			notification(n)
		case objParameter:
			child(objSchema, n.Get("schema"), "schema")
			child(objItems, n.Get("items"), "items")
		case objItems, objHeader:
			child(objItems, n.Get("items"), "items")
		case objResponse:
			child(objSchema, n.Get("schema"), "schema")
			mapOf(objHeader, n.Get("headers"), "headers")
		case objSchema:
			mapOf(objSchema, n.Get("properties"), "properties")
			if items := n.Get("items"); items.Is(jsonpos.Array) {
				listOf(objSchema, items, "items")
			} else {
				child(objSchema, items, "items")
			}
			child(objSchema, n.Get("additionalProperties"), "additionalProperties")
			child(objSchema, n.Get("not"), "not")
			child(objExternalDocs, n.Get("externalDocs"), "externalDocs")
			listOf(objSchema, n.Get("allOf"), "allOf")
			listOf(objSchema, n.Get("anyOf"), "anyOf")
			listOf(objSchema, n.Get("oneOf"), "oneOf")
		case objTag:
			child(objExternalDocs, n.Get("externalDocs"), "externalDocs")
		}
	}
	obj(objRoot, root)
}

// xmsPlacement lists the known x-ms extensions (rules.md §7.1) with the objects they belong in;
// nil means the place isn't checked (AI-era keys whose shape Microsoft doesn't publish).
var xmsPlacement = map[string][]swObj{
	"x-ms-summary":                      {objParameter, objItems, objSchema, objResponse, objHeader},
	"x-ms-visibility":                   {objOperation, objParameter, objItems, objSchema, objHeader}, // headers are outputs too
	"x-ms-url-encoding":                 {objParameter},
	"x-ms-dynamic-values":               {objParameter, objItems, objSchema},
	"x-ms-trigger":                      {objOperation},
	"x-ms-notification-content":         {objPathItem, objOperation},
	"x-ms-notification-url":             nil, // NotificationUrlNotAllowedInThisPosition (§7.2) owns its place
	"x-ms-dynamic-schema":               {objSchema, objParameter},
	"x-ms-dynamic-properties":           {objSchema, objParameter}, // on a parameter: DynamicExtensionDefinitionNotAllowedInParameter
	"x-ms-api-annotation":               {objInfo, objOperation},
	"x-ms-dynamic-list":                 {objParameter, objItems, objSchema},
	"x-ms-enum-values":                  {objParameter, objItems, objSchema},
	"x-ms-capabilities":                 {objRoot, objOperation},
	"x-ms-trigger-hint":                 {objOperation},
	"x-ms-trigger-metadata":             {objOperation},
	"x-ms-pageable":                     {objOperation},
	"x-ms-no-generic-test":              {objOperation},
	"x-ms-safe-operation":               {objOperation},
	"x-ms-deployment-version":           {objInfo},
	"x-ms-test-value":                   {objParameter, objItems, objSchema},
	"x-ms-dynamic-tree":                 {objParameter, objItems, objSchema},
	"x-ms-editor":                       {objSchema, objParameter},
	"x-ms-media-kind":                   {objSchema, objParameter},
	"x-ms-docs":                         {objRoot},
	"x-ms-trigger-value":                {objParameter},
	"x-ms-notification":                 {objOperation},
	"x-ms-operation-context":            {objOperation},
	"x-ms-localizeDefaultValue":         {objParameter, objItems, objSchema},
	"x-ms-connector-metadata":           {objRoot},
	"x-ms-require-user-confirmation":    nil,
	"x-ms-openai-data":                  nil,
	"x-ms-openai-manifest":              nil,
	"x-ms-openai-published-to-copilots": nil,
	"x-ms-keywords":                     nil,
	"x-ms-parameterized-host":           nil,
}

// autoRestExtensions are x-ms keys of Azure's AutoRest that the platform ignores: they are
// reported as unknown, never as misspellings of a platform key.
var autoRestExtensions = map[string]bool{
	"x-ms-parameter-location": true, "x-ms-skip-url-encoding": true, "x-ms-enum": true,
	"x-ms-client-name": true, "x-ms-examples": true, "x-ms-paths": true, "x-ms-odata": true,
	"x-ms-long-running-operation": true, "x-ms-azure-resource": true, "x-ms-mutability": true,
	"x-ms-discriminator-value": true, "x-ms-client-flatten": true, "x-ms-parameter-grouping": true,
}

var knownXms = slices.Sorted(maps.Keys(xmsPlacement))

// closestXms is the known extension nearest to key (ignoring case) within edit distance 2.
func closestXms(key string) (string, bool) {
	low := strings.ToLower(key)
	best, bestD := "", 3
	for _, k := range knownXms {
		if d := editDistance(low, strings.ToLower(k), bestD); d < bestD {
			best, bestD = k, d
		}
	}
	return best, best != ""
}

// mayBeExtension is a cheap first test for intendedExtension: the key starts with x, X, m or M.
func mayBeExtension(key string) bool {
	return key != "" && (key[0]|0x20 == 'x' || key[0]|0x20 == 'm')
}

// intendedExtension returns the extension a key was clearly meant to be when it lacks an exact
// "x-" prefix: "X-ms-summary", "x_ms_summary", "ms-summary", "x-MS-visibility", "X-Foo".
func intendedExtension(key string) (string, bool) {
	if strings.HasPrefix(key, "x-") {
		return "", false
	}
	low := strings.ToLower(key)
	norm := strings.ReplaceAll(low, "_", "-")
	switch {
	case strings.HasPrefix(norm, "x-"):
		return "x-" + key[2:], true
	case strings.HasPrefix(norm, "xms-"):
		return "x-ms-" + key[4:], true
	case strings.HasPrefix(norm, "ms-"):
		if _, ok := xmsPlacement["x-"+norm]; ok {
			return "x-" + norm, true
		}
	}
	return "", false
}

func placesOf(kinds []swObj) string {
	var names []string
	for _, k := range kinds {
		if k == objItems {
			continue
		}
		names = append(names, objNames[k])
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

var extensionNameNotValid = newRule(Rule{
	ID: "ExtensionNameNotValid", Severity: Error, Kinds: AllKinds, Section: "3",
	Summary: "A key clearly meant as an extension without an exact lower-case x- prefix (X-ms-…, x_ms_…, ms-summary).",
	Basis:   BasisRejected, BasisReason: srcSchema + ": a key without the x- prefix is not an extension",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:25:73", Pointer: "/paths/~1tasks/post/parameters/0/X-ms-summary", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"X-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

var xmsExtensionMisspelled = newRule(Rule{
	ID: "XmsExtensionMisspelled", Severity: Warning, Kinds: AllKinds, Section: "3",
	Fix:     fixMisspelledExtension,
	Summary: "An x-ms-* key within edit distance 2 of a known extension (x-ms-visbility); the platform silently ignores it.",
	Basis:   BasisIgnored, BasisReason: "the platform ignores the misspelled key",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:49:149", Pointer: "/parameters/taskId/x-ms-url-encodng", Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encodng\": \"single\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

var xmsExtensionUnknown = newRule(Rule{
	ID: "XmsExtensionUnknown", Severity: Notice, Kinds: AllKinds, Section: "3",
	Summary: "An x-ms-* key that is no Power Platform extension (AutoRest keys included); the set is open.",
	Basis:   BasisInfo, BasisReason: "the set is open",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:41:25", Pointer: "/definitions/Task/x-ms-enum", Edits: []Edit{
			{File: SwaggerName, Old: "      \"type\": \"object\",\n", New: "      \"type\": \"object\", \"x-ms-enum\": {\"name\": \"Task\"},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"minLength\": 1, \"maxLength\": 9, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

var xmsExtensionMisplaced = newRule(Rule{
	ID: "XmsExtensionMisplaced", Severity: Warning, Kinds: AllKinds, Section: "7",
	Summary: "A known x-ms extension in a place the platform ignores it (rules.md §7.1), e.g. x-ms-trigger on a parameter.",
	Basis:   BasisIgnored, BasisReason: "the platform ignores the extension there",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:16:34", Pointer: "/paths/~1tasks/get/x-ms-summary", Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"List tasks\", \"x-ms-summary\": \"List tasks\",\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"List tasks\", \"x-ms-visibility\": \"important\", \"x-ms-trigger\": \"batch\",\n"},
		}},
	},
})

// extensionNamesIn reports keys of one Swagger object that were meant as extensions but aren't
// named like one, misspelled and unknown x-ms keys, known x-ms keys in a place the platform
// ignores them, and x-ms-visibility values (rules.md §3, §7.1, §7.2).
func extensionNamesIn(p *pass, f *File, kind swObj, n *jsonpos.Node, at *swPath) {
	for i := range n.Members {
		m := &n.Members[i]
		key := m.Name
		if !strings.HasPrefix(key, "x-ms-") && (strings.HasPrefix(key, "x-") || !mayBeExtension(key)) {
			continue
		}
		if want, ok := intendedExtension(key); ok {
			if kind == objSchema && !strings.HasPrefix(strings.ToLower(key), "x-ms") && !strings.HasPrefix(strings.ToLower(key), "x_ms") {
				continue // an open object: "X-Foo" next to a schema's keywords is ignored, not an extension
			}
			p.report(extensionNameNotValid, name(f, m, at.Child(key)),
				"%q looks like an extension but extension keys must start with lower-case \"x-\"; rename it %q", key, want)
			continue
		}
		if !strings.HasPrefix(key, "x-ms-") {
			continue // maxLength, minimum...
		}
		if key == "x-ms-visibility" && !validVisibility(m.Value) {
			checkVisibilityValue(p, f, m.Value, at.Child(key))
		}
		places, known := xmsPlacement[key]
		if known && (places == nil || slices.Contains(places, kind) || ownedPlacement(key, kind)) {
			continue
		}
		mptr := at.Child(key)
		switch {
		case known:
			if places != nil && !slices.Contains(places, kind) && !ownedPlacement(key, kind) {
				p.report(xmsExtensionMisplaced, name(f, m, mptr),
					"%s has no effect on %s; the platform reads it only on %s: move it there or remove it", key, objNames[kind], placesOf(places))
			}
		case autoRestExtensions[key]:
			p.report(xmsExtensionUnknown, name(f, m, mptr),
				"%s is an AutoRest extension that Power Platform ignores; remove it unless another tool needs it", key)
		default:
			if want, ok := closestXms(key); ok {
				p.report(xmsExtensionMisspelled, name(f, m, mptr),
					"%q is not an extension the platform knows, so it is silently ignored; did you mean %q?", key, want)
			} else {
				p.report(xmsExtensionUnknown, name(f, m, mptr),
					"%s is not a Power Platform extension, so the platform ignores it; check the name or remove it", key)
			}
		}
	}
}

// ownedPlacement is a misplacement that a more specific rule of §7.2 reports.
func ownedPlacement(key string, kind swObj) bool {
	return kind == objParameter && (key == "x-ms-dynamic-schema" || key == "x-ms-dynamic-properties")
}

var visibilityValues = []string{"important", "advanced", "internal"}

func validVisibility(v *jsonpos.Node) bool {
	s, ok := v.Str()
	return ok && slices.Contains(visibilityValues, s)
}

var xmsVisibilityInvalid = newRule(Rule{
	ID: "XmsVisibilityInvalid", Severity: Error, Kinds: AllKinds, Section: "7",
	Fix:     fixVisibilityCase,
	Summary: "x-ms-visibility is not important, advanced or internal (none, a typo); \"\" (the same as no value) and a case-only variant, which the platform accepts, are notices.",
	Basis:   BasisRejected, BasisReason: "the repository's swagger schema (x-ms-visibility enum; \"\" and a case-only variant: notice)",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:16:53", Pointer: "/paths/~1tasks/get/x-ms-visibility", Severity: Notice, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"List tasks\", \"x-ms-visibility\": \"\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"x-ms-visibility\": \"advanced\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

func checkVisibilityValue(p *pass, f *File, v *jsonpos.Node, ptr string) {
	s, ok := v.Str()
	if !ok {
		p.report(xmsVisibilityInvalid, value(f, v, ptr),
			"x-ms-visibility must be a string, not %s: use \"important\", \"advanced\" or \"internal\", or remove it for normal visibility", article(v.Kind))
		return
	}
	if slices.Contains(visibilityValues, s) {
		return
	}
	for _, want := range visibilityValues {
		if strings.EqualFold(s, want) { // the platform reads the value ignoring case
			p.reportAs(xmsVisibilityInvalid, Notice, value(f, v, ptr),
				"x-ms-visibility %q works (the platform ignores case), but the documented spelling is %q", s, want)
			return
		}
	}
	if strings.TrimSpace(s) == "" { // the same as no value: normal visibility
		p.reportAs(xmsVisibilityInvalid, Notice, value(f, v, ptr),
			"x-ms-visibility is empty, which means normal visibility, as no value does; remove it, or use \"important\", \"advanced\" or \"internal\"")
		return
	}
	p.report(xmsVisibilityInvalid, value(f, v, ptr),
		"x-ms-visibility %q is not a visibility; use \"important\", \"advanced\" or \"internal\", or remove it for normal visibility", s)
}
