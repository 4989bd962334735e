package validate

import (
	"slices"
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

// walkSwaggerObjects visits every Swagger object of the document where it is written: $refs are
// not followed, so each object is visited once and findings point where the text is. Maps (paths,
// definitions, properties, headers, scopes) are entered but not visited themselves, so their keys
// (property and header names) are never taken for Swagger keys. Values of x- extensions are
// skipped, except the schema inside x-ms-notification-content.
func walkSwaggerObjects(root *jsonpos.Node, visit func(kind swObj, n *jsonpos.Node, ptr string)) {
	if !root.Is(jsonpos.Object) {
		return
	}
	budget := 200000 // nodes; a hostile file can't make the walk run away (it is linear anyway)
	var obj func(kind swObj, n *jsonpos.Node, ptr string, depth int)
	mapOf := func(kind swObj, n *jsonpos.Node, ptr string, depth int) {
		if n.Is(jsonpos.Object) {
			for i := range n.Members {
				m := &n.Members[i]
				if kind != objPathItem || !strings.HasPrefix(m.Name, "x-") {
					obj(kind, m.Value, jsonpos.Join(ptr, m.Name), depth+1)
				}
			}
		}
	}
	listOf := func(kind swObj, n *jsonpos.Node, ptr string, depth int) {
		if n.Is(jsonpos.Array) {
			for i, it := range n.Items {
				obj(kind, it, jsonpos.Index(ptr, i), depth+1)
			}
		}
	}
	obj = func(kind swObj, n *jsonpos.Node, ptr string, depth int) {
		if !n.Is(jsonpos.Object) || budget <= 0 || depth > 200 {
			return
		}
		budget--
		visit(kind, n, ptr)
		child := func(key string, k swObj) { obj(k, n.Get(key), ptr+"/"+jsonpos.EscapeToken(key), depth+1) }
		switch kind {
		case objRoot:
			child("info", objInfo)
			child("externalDocs", objExternalDocs)
			mapOf(objPathItem, n.Get("paths"), "/paths", depth)
			mapOf(objSchema, n.Get("definitions"), "/definitions", depth)
			mapOf(objParameter, n.Get("parameters"), "/parameters", depth)
			mapOf(objResponse, n.Get("responses"), "/responses", depth)
			mapOf(objSecurityScheme, n.Get("securityDefinitions"), "/securityDefinitions", depth)
			listOf(objTag, n.Get("tags"), "/tags", depth)
		case objInfo:
			child("contact", objContact)
			child("license", objLicense)
		case objPathItem:
			listOf(objParameter, n.Get("parameters"), ptr+"/parameters", depth)
			for i := range n.Members {
				if m := &n.Members[i]; isHTTPMethod(m.Name) {
					obj(objOperation, m.Value, jsonpos.Join(ptr, m.Name), depth+1)
				}
			}
			obj(objSchema, n.Get("x-ms-notification-content").Get("schema"), ptr+"/x-ms-notification-content/schema", depth+1)
		case objOperation:
			listOf(objParameter, n.Get("parameters"), ptr+"/parameters", depth)
			mapOf(objResponse, n.Get("responses"), ptr+"/responses", depth)
			child("externalDocs", objExternalDocs)
			obj(objSchema, n.Get("x-ms-notification-content").Get("schema"), ptr+"/x-ms-notification-content/schema", depth+1)
		case objParameter:
			child("schema", objSchema)
			child("items", objItems)
		case objItems, objHeader:
			child("items", objItems)
		case objResponse:
			child("schema", objSchema)
			mapOf(objHeader, n.Get("headers"), ptr+"/headers", depth)
		case objSchema:
			mapOf(objSchema, n.Get("properties"), ptr+"/properties", depth)
			if items := n.Get("items"); items.Is(jsonpos.Array) {
				listOf(objSchema, items, ptr+"/items", depth)
			} else {
				child("items", objSchema)
			}
			child("additionalProperties", objSchema)
			child("not", objSchema)
			child("externalDocs", objExternalDocs)
			for _, k := range []string{"allOf", "anyOf", "oneOf"} {
				listOf(objSchema, n.Get(k), ptr+"/"+k, depth)
			}
		case objTag:
			child("externalDocs", objExternalDocs)
		}
	}
	obj(objRoot, root, "", 0)
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

var knownXms = func() []string {
	var out []string
	for k := range xmsPlacement {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}()

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

// editDistance is the Levenshtein distance of a and b, or limit when it is at least limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
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

// checkExtensionNames reports keys meant as extensions but not named like one, misspelled and
// unknown x-ms keys, known x-ms keys in a place the platform ignores them, and x-ms-visibility
// values (rules.md §3, §7.1, §7.2).
func checkExtensionNames(p *pass) {
	root := swaggerRoot(p.c)
	if root == nil {
		return
	}
	f := p.c.Swagger
	walkSwaggerObjects(root, func(kind swObj, n *jsonpos.Node, ptr string) {
		for i := range n.Members {
			m := &n.Members[i]
			key := m.Name
			mptr := ptr + "/" + jsonpos.EscapeToken(key)
			if want, ok := intendedExtension(key); ok {
				if kind == objSchema && !strings.HasPrefix(strings.ToLower(key), "x-ms") && !strings.HasPrefix(strings.ToLower(key), "x_ms") {
					continue // an open object: "X-Foo" next to a schema's keywords is ignored, not an extension
				}
				p.report("ExtensionNameNotValid", name(f, m, mptr),
					"%q looks like an extension but extension keys must start with lower-case \"x-\"; rename it %q", key, want)
				continue
			}
			if !strings.HasPrefix(key, "x-ms-") {
				continue
			}
			if key == "x-ms-visibility" {
				checkVisibilityValue(p, f, m.Value, mptr)
			}
			places, known := xmsPlacement[key]
			switch {
			case known:
				if places != nil && !slices.Contains(places, kind) && !ownedPlacement(key, kind) {
					p.report("XmsExtensionMisplaced", name(f, m, mptr),
						"%s has no effect on %s; the platform reads it only on %s: move it there or remove it", key, objNames[kind], placesOf(places))
				}
			case autoRestExtensions[key]:
				p.report("XmsExtensionUnknown", name(f, m, mptr),
					"%s is an AutoRest extension that Power Platform ignores; remove it unless another tool needs it", key)
			default:
				if want, ok := closestXms(key); ok {
					p.report("XmsExtensionMisspelled", name(f, m, mptr),
						"%q is not an extension the platform knows, so it is silently ignored; did you mean %q?", key, want)
				} else {
					p.report("XmsExtensionUnknown", name(f, m, mptr),
						"%s is not a Power Platform extension, so the platform ignores it; check the name or remove it", key)
				}
			}
		}
	})
}

// ownedPlacement is a misplacement that a more specific rule of §7.2 reports.
func ownedPlacement(key string, kind swObj) bool {
	return kind == objParameter && (key == "x-ms-dynamic-schema" || key == "x-ms-dynamic-properties")
}

var visibilityValues = []string{"important", "advanced", "internal"}

func checkVisibilityValue(p *pass, f *File, v *jsonpos.Node, ptr string) {
	s, ok := v.Str()
	if !ok {
		p.report("XmsVisibilityInvalid", value(f, v, ptr),
			"x-ms-visibility must be a string, not %s: use \"important\", \"advanced\" or \"internal\", or remove it for normal visibility", article(v.Kind))
		return
	}
	if slices.Contains(visibilityValues, s) {
		return
	}
	for _, want := range visibilityValues {
		if strings.EqualFold(s, want) {
			p.reportAs("XmsVisibilityInvalid", Warning, value(f, v, ptr),
				"x-ms-visibility %q is case-sensitive; write %q", s, want)
			return
		}
	}
	if strings.TrimSpace(s) == "" {
		p.report("XmsVisibilityInvalid", value(f, v, ptr),
			"x-ms-visibility is empty; remove it for normal visibility, or use \"important\", \"advanced\" or \"internal\"")
		return
	}
	p.report("XmsVisibilityInvalid", value(f, v, ptr),
		"x-ms-visibility %q is not a visibility; use \"important\", \"advanced\" or \"internal\", or remove it for normal visibility", s)
}
