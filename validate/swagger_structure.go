package validate

import (
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// swaggerSchemaJSON is Swagger 2.0 plus the x-ms extensions as published connectors use them. The
// repository's own schema is stale (it rejects x-ms-openai-*, format guid and other accepted
// shapes), so this one is written for connector-check: it types and closes the Swagger objects
// and leaves every value that a dedicated rule checks unconstrained, so nothing is reported twice.
//
//go:embed schemas/swagger.schema.json
var swaggerSchemaJSON []byte

var swaggerSchema = sync.OnceValue(func() *jsonschema.Schema {
	return compileSchema("swagger.schema.json", swaggerSchemaJSON)
})

// checkSwaggerStructure validates the swagger against the embedded schema and maps each failed
// assertion to its catalog rule at the value's position.
func checkSwaggerStructure(p *pass) {
	if swaggerRoot(p.c) == nil {
		return
	}
	f := p.c.Swagger
	for _, v := range swaggerViolations(f) {
		mapSwaggerViolation(p, f, v)
	}
}

// checkSwaggerObjects runs the rules that look at one Swagger object at a time, in one walk.
// It runs before checkSwaggerStructure, which leaves out what these already reported.
func checkSwaggerObjects(p *pass) {
	root := swaggerRoot(p.c)
	if root == nil {
		return
	}
	f := p.c.Swagger
	walkSwaggerObjects(root, func(kind swObj, n *jsonpos.Node, at *swPath) {
		extensionNamesIn(p, f, kind, n, at)
		docURLIn(p, f, kind, n, at)
		englishIn(p, f, kind, n, at)
		refableRequiredIn(p, f, kind, n, at)
		duplicatesIn(p, f, kind, n, at)
		if kind == objSchema {
			schemaObjectIn(p, f, n, at)
		}
	})
}

// swaggerViolations validates the swagger's structure. It is schemaViolations over a pruned
// instance: example data, schema objects and the values of extensions the schema doesn't
// constrain are replaced by empty values of the same JSON type (a large swagger is mostly
// those), and the validator only runs when the reduced schema (fastSchema) can't vouch for the
// file. Together they keep the structural check to a few percent of a corpus run.
func swaggerViolations(f *File) []schemaViolation {
	if fastSwaggerSchema().passes(f.JSON.Root, "", false, 0) {
		return nil
	}
	return violationsOf(f, swaggerSchema().Validate(structureInstance(f.JSON.Root, "", false)))
}

// schemaExtensions are the x- keys whose values the embedded schema checks.
var schemaExtensions = map[string]bool{
	"x-ms-connector-metadata": true, "x-ms-capabilities": true, "x-ms-docs": true, "x-ms-api-annotation": true,
	"x-ms-notification-content": true, "x-ms-dynamic-values": true, "x-ms-dynamic-list": true,
	"x-ms-dynamic-schema": true, "x-ms-dynamic-properties": true, "x-ms-dynamic-tree": true,
	"x-ms-trigger": true, "x-ms-trigger-hint": true, "x-ms-url-encoding": true, "x-ms-media-kind": true,
	"x-ms-summary": true, "x-ms-enum-values": true, "x-ms-pageable": true, "x-ms-no-generic-test": true,
	"x-ms-safe-operation": true, "x-ms-deployment-version": true,
}

// prunedKeys hold data, not Swagger: their values are never looked into. Schema objects
// ("schema" and the definitions) are pruned too: schemaObjectIn types them.
var prunedKeys = map[string]bool{"example": true, "examples": true, "default": true, "enum": true, "x-ms-test-value": true}

// mapKeys are the objects whose member names are names (of properties, paths, definitions...),
// not keywords: a property called "default" or "example" is a schema, and is kept.
var mapKeys = map[string]bool{"properties": true, "definitions": true, "parameters": true, "responses": true, "paths": true, "headers": true, "securityDefinitions": true}

// structureInstance converts the tree like instance does, pruning what the schema never reads.
// key is the member name n is the value of; inMap says that name is a name, not a keyword.
func structureInstance(n *jsonpos.Node, key string, inMap bool) any {
	if n == nil {
		return nil
	}
	prune := !inMap && (prunedKeys[key] || key == "schema" || strings.HasPrefix(key, "x-") && !schemaExtensions[key])
	if key == "definitions" && !inMap && n.Kind == jsonpos.Object { // schemas: typed by schemaObjectIn
		m := make(map[string]any, len(n.Members))
		for i := range n.Members {
			m[n.Members[i].Name] = structureInstance(n.Members[i].Value, "schema", false)
		}
		return m
	}
	switch n.Kind {
	case jsonpos.Object:
		if prune {
			return map[string]any{}
		}
		m := make(map[string]any, len(n.Members))
		members := mapKeys[key] && !inMap
		for i := range n.Members {
			name := n.Members[i].Name
			if !members && strings.HasPrefix(name, "x-") && !schemaExtensions[name] {
				continue // any x- key is allowed and none of these is looked into: leave it out
			}
			m[name] = structureInstance(n.Members[i].Value, name, members)
		}
		return m
	case jsonpos.Array:
		if prune {
			return []any{}
		}
		a := make([]any, len(n.Items))
		for i, it := range n.Items {
			a[i] = structureInstance(it, "", false)
		}
		return a
	}
	return instance(n)
}

// refableRequiredIn reports what Swagger 2.0 requires of parameters and responses that are not
// $ref objects (done by hand: the schema would need a conditional per object, which made the
// validation several times slower).
func refableRequiredIn(p *pass, f *File, kind swObj, n *jsonpos.Node, at *swPath) {
	if n.Member("$ref") != nil {
		return
	}
	switch kind {
	case objParameter:
		var missing []string
		for _, k := range []string{"name", "in"} {
			if n.Member(k) == nil {
				missing = append(missing, k)
			}
		}
		in, _ := n.Get("in").Str()
		if in != "" && in != "body" && n.Member("type") == nil && n.Member("schema") == nil {
			missing = append(missing, "type")
		}
		for _, k := range missing {
			p.report(requiredPropertyMissing, parent(f, at.String()),
				"%s has no %q; Swagger 2.0 requires it of every %s", describePointer(at.String()), k, paramKindFor(k, in))
		}
	case objResponse:
		if n.Member("description") == nil {
			p.report(requiredPropertyMissing, parent(f, at.String()),
				"%s has no \"description\"; Swagger 2.0 requires one for every response (e.g. \"OK\")", describePointer(at.String()))
		}
	}
}

func paramKindFor(k, in string) string {
	if k == "type" {
		return in + " parameter"
	}
	return "parameter"
}

var jsonTypeIncorrect = newRule(Rule{
	ID: "JsonTypeIncorrect", Severity: Error, Kinds: AllKinds, Section: "3",
	Summary: "A value has the wrong JSON type for Swagger 2.0 (info.title not a string, paths not an object).",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:4:14", Pointer: "/info/title", Edits: []Edit{
			{File: SwaggerName, Old: "    \"title\": \"Contoso Tasks\",\n", New: "    \"title\": 42,\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

var additionalPropertyNotAllowed = newRule(Rule{
	ID: "AdditionalPropertyNotAllowed", Severity: Error, Kinds: AllKinds, Section: "3",
	Summary: "A non-x- key that Swagger 2.0 doesn't define in a closed object: root, info, contact, license, operation, parameter, response, security scheme, tag, externalDocs.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:10:22", Pointer: "/basepath", Edits: []Edit{
			{File: SwaggerName, Old: "  \"basePath\": \"/v1\",\n", New: "  \"basePath\": \"/v1\", \"basepath\": \"/v1\",\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "  \"swagger\": \"2.0\",\n", New: "  \"openapi\": \"3.0.1\",\n"},
		}},
	},
})

// JsonValueNotInEnum: a value outside its set, in apiProperties.json (the properties schema)
// and the swagger (mapSwaggerViolation).
var jsonValueNotInEnum = newRule(Rule{
	ID: "JsonValueNotInEnum", Severity: Error, Kinds: AllKinds, Section: "3",
	Summary: "A value outside its allowed set: swagger parameter in, schema type, x-ms-trigger, x-ms-url-encoding, annotation status, x-ms-media-kind, security scheme type; apiProperties OAuth flow, redirectMode, constraint strings.",
	Basis:   BasisRejected, BasisReason: srcSchema + " and the apiProperties schema",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:49:40", Pointer: "/parameters/taskId/in", Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"Path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"List tasks\", \"x-ms-trigger\": \"batch\",\n"},
		}},
	},
})

func mapSwaggerViolation(p *pass, f *File, v schemaViolation) {
	var rule *Rule
	var msg string
	what := describePointer(v.Ptr)
	switch k := v.Kind.(type) {
	case *kind.Required:
		if strings.HasPrefix(v.Ptr, "/x-ms-connector-metadata/") && v.Node.MemberFold(v.Prop) != nil {
			return // the platform reads the key ignoring case; ConnectorMetadataPropertyNameCase notes it
		}
		rule = requiredPropertyMissing
		msg = fmt.Sprintf("%s has no %q; Swagger 2.0 requires it", what, v.Prop)
	case *kind.Type:
		rule = jsonTypeIncorrect
		got := "null"
		if v.Node != nil {
			got = article(v.Node.Kind)
		}
		msg = fmt.Sprintf("%s must be %s, not %s", what, typeList(k.Want), got)
	case *kind.Enum:
		rule = jsonValueNotInEnum
		msg = fmt.Sprintf("%s is %s; use one of %s", what, rawValue(f, v.Node), enumList(k.Want))
		if s, ok := v.Node.Str(); ok && strings.HasSuffix(v.Ptr, "/x-ms-api-annotation/status") {
			for _, w := range k.Want {
				if ws, _ := w.(string); strings.EqualFold(ws, s) { // the platform reads it ignoring case
					p.reportAs(rule, Notice, v.where(f), "%s is %q, which works (the platform ignores case); the documented spelling is %q", what, s, ws)
					return
				}
			}
		}
	case *kind.Const:
		rule = jsonValueNotInEnum
		msg = fmt.Sprintf("%s is %s; use %s", what, rawValue(f, v.Node), enumList([]any{k.Want}))
	case *kind.AdditionalProperties:
		if _, ok := intendedExtension(v.Prop); ok || v.Ptr == "/openapi" {
			return // ExtensionNameNotValid and SpecificationVersionIncorrect say it better
		}
		rule = additionalPropertyNotAllowed
		msg = fmt.Sprintf("%q is not a Swagger 2.0 field of %s, so the platform rejects or ignores it; fix its name (fields are case-sensitive), or prefix it with \"x-\" if it is your own extension",
			v.Prop, describePointer(parentPointer(v.Ptr)))
	default:
		return
	}
	where := v.where(f)
	for i := range p.findings {
		if g := &p.findings[i]; g.Rule == rule.ID && g.File == f.Path && g.Pointer == where.pointer {
			return // a hand-written rule already reported it
		}
	}
	if _, ok := v.Kind.(*kind.Type); ok && strings.HasSuffix(v.Ptr, "/x-ms-summary") && v.Node != nil && (v.Node.Is(jsonpos.Number) || v.Node.Is(jsonpos.Bool)) {
		p.reportAs(rule, Warning, where, "%s is %s, which the platform shows as text; quote it", what, article(v.Node.Kind))
		return
	}
	p.report(rule, where, "%s", msg)
}

func parentPointer(ptr string) string {
	if i := strings.LastIndexByte(ptr, '/'); i >= 0 {
		return ptr[:i]
	}
	return ""
}

// describePointer names a place for a message: "the root", or the pointer itself.
func describePointer(ptr string) string {
	if ptr == "" {
		return "the root"
	}
	return ptr
}

func typeList(want []string) string {
	out := make([]string, len(want))
	for i, w := range want {
		switch w {
		case "object", "array", "integer":
			out[i] = "an " + w
		default:
			out[i] = "a " + w
		}
	}
	return strings.Join(out, " or ")
}

func enumList(want []any) string {
	out := make([]string, len(want))
	for i, w := range want {
		out[i] = fmt.Sprintf("%q", fmt.Sprint(w))
	}
	return strings.Join(out, ", ")
}

func rawValue(f *File, n *jsonpos.Node) string {
	if n == nil {
		return "missing"
	}
	return clip(string(f.Data[n.Start:n.End]), 40)
}

// duplicateKeys are the arrays whose entries must be unique (rules.md §3 ArrayDuplicateValue).
var duplicateKeys = map[string]bool{"schemes": true, "consumes": true, "produces": true, "enum": true, "required": true}

// duplicatesIn reports repeated entries of schemes, consumes, produces, enum, required and
// security scope lists, wherever a Swagger object holds them.
func duplicatesIn(p *pass, f *File, k swObj, n *jsonpos.Node, at *swPath) {
	for i := range n.Members {
		m := &n.Members[i]
		if !m.Value.Is(jsonpos.Array) {
			continue
		}
		if duplicateKeys[m.Name] && (m.Name != "required" || k == objSchema) {
			reportDuplicates(p, f, m.Value, at, m.Name, m.Name)
		}
		if m.Name != "security" || k != objRoot && k != objOperation {
			continue
		}
		for j, req := range m.Value.Items {
			for s := range req.Members { // nil for a non-object
				sm := &req.Members[s]
				if sm.Value.Is(jsonpos.Array) {
					at.push("security")
					at.push(strconv.Itoa(j))
					reportDuplicates(p, f, sm.Value, at, sm.Name, "the scopes of "+sm.Name)
					at.pop()
					at.pop()
				}
			}
		}
	}
}

var arrayDuplicateValue = newRule(Rule{
	ID: "ArrayDuplicateValue", Severity: Warning, Kinds: AllKinds, Section: "3", New: Error,
	Summary: "A repeated entry in schemes, consumes, produces, enum, required or a security scope list.",
	Basis:   BasisListing, BasisReason: "Microsoft's swagger validator flags it, but published connectors carry it and the platform reads the list with the repeat",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, New: true, At: "apiDefinition.swagger.json:44:51", Pointer: "/definitions/Task/properties/title/enum/1", Severity: Error, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"enum\": [\"a\", \"a\"], \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"enum\": [\"a\", \"A\", 1, \"1\"], \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

// reportDuplicates reports repeated entries of the array at member key of the object at at.
func reportDuplicates(p *pass, f *File, arr *jsonpos.Node, at *swPath, key, what string) {
	if len(arr.Items) < 2 {
		return
	}
	ptr := ""
	seen := make(map[valueKey]*jsonpos.Node, len(arr.Items))
	for i, it := range arr.Items {
		k := canonicalJSON(f, it)
		if first, dup := seen[k]; dup {
			if ptr == "" {
				ptr = at.Child(key)
			}
			l, col := f.JSON.Lines.Position(first.Start)
			p.report(arrayDuplicateValue, value(f, it, jsonpos.Index(ptr, i)),
				"%s lists %s twice (first at line %d); remove the repeat", what, clip(string(f.Data[it.Start:it.End]), 40), l).
				related(f.Path, l, col, "first occurrence")
			continue
		}
		seen[k] = it
	}
}

// canonicalJSON is a comparison key for a value: strings by their decoded text, numbers and
// literals by their text, containers by their bytes without white space.
// A scalar's key aliases its text (no allocation: arrays are mostly short lists of strings).
func canonicalJSON(f *File, n *jsonpos.Node) valueKey {
	switch n.Kind {
	case jsonpos.String:
		return valueKey{'s', n.Text}
	case jsonpos.Number, jsonpos.Bool, jsonpos.Null:
		return valueKey{'n', n.Text}
	}
	return valueKey{'c', strings.Join(strings.Fields(string(f.Data[n.Start:n.End])), "")}
}

// valueKey is canonicalJSON's key: the kind of value ('s' string, 'n' other scalar, 'c'
// container) and its text.
type valueKey struct {
	kind byte
	text string
}

// schemaKeyTypes are the JSON types the keywords of a schema object take. Schema objects are
// most of a swagger, so they are typed here, in the one walk, rather than by the embedded JSON
// Schema: converting them for the validator alone took longer than every other rule together.
var schemaKeyTypes = map[string][]jsonpos.Kind{
	"format": {jsonpos.String}, "title": {jsonpos.String}, "description": {jsonpos.String},
	"pattern": {jsonpos.String}, "discriminator": {jsonpos.String}, "x-ms-summary": {jsonpos.String},
	"$ref":     {jsonpos.String},
	"required": {jsonpos.Array}, "enum": {jsonpos.Array}, "allOf": {jsonpos.Array}, "x-ms-enum-values": {jsonpos.Array},
	"properties": {jsonpos.Object}, "x-ms-dynamic-values": {jsonpos.Object}, "x-ms-dynamic-properties": {jsonpos.Object},
	"x-ms-dynamic-tree": {jsonpos.Object}, "x-ms-dynamic-schema": {jsonpos.Object}, "x-ms-dynamic-list": {jsonpos.Object},
	"items":                {jsonpos.Object, jsonpos.Array},
	"additionalProperties": {jsonpos.Object, jsonpos.Bool},
	"readOnly":             {jsonpos.Bool},
	"maximum":              {jsonpos.Number}, "minimum": {jsonpos.Number}, "maxLength": {jsonpos.Number}, "minLength": {jsonpos.Number},
	"maxItems": {jsonpos.Number}, "minItems": {jsonpos.Number},
}

var (
	// JSON Schema's "null" is valid in Swagger 2.0 schema objects (which take JSON Schema's types).
	schemaTypes = []string{"string", "number", "integer", "boolean", "array", "object", "file", "null"}
	mediaKinds  = []string{"image", "audio"}
)

// schemaObjectIn types the keywords of one schema object (JsonTypeIncorrect, JsonValueNotInEnum,
// RequiredPropertyMissing for the operationId of x-ms-dynamic-schema and x-ms-dynamic-list).
func schemaObjectIn(p *pass, f *File, n *jsonpos.Node, at *swPath) {
	for i := range n.Members {
		m := &n.Members[i]
		want, ok := schemaKeyTypes[m.Name]
		if ok && !slices.Contains(want, m.Value.Kind) {
			kinds := make([]string, len(want))
			for j, k := range want {
				kinds[j] = k.String()
			}
			ptr := at.Child(m.Name)
			if m.Name == "x-ms-summary" && (m.Value.Is(jsonpos.Number) || m.Value.Is(jsonpos.Bool)) {
				p.reportAs(jsonTypeIncorrect, Warning, value(f, m.Value, ptr), "%s is %s, which the platform shows as text; quote it", ptr, article(m.Value.Kind))
				continue
			}
			p.report(jsonTypeIncorrect, value(f, m.Value, ptr), "%s must be %s, not %s", ptr, typeList(kinds), article(m.Value.Kind))
			continue
		}
		switch m.Name {
		case "type":
			enumValue(p, f, m.Value, at, m.Name, schemaTypes)
		case "x-ms-media-kind":
			enumValue(p, f, m.Value, at, m.Name, mediaKinds)
		case "required":
			for j, it := range m.Value.Items {
				if !it.Is(jsonpos.String) {
					ptr := jsonpos.Index(at.Child(m.Name), j)
					p.report(jsonTypeIncorrect, value(f, it, ptr), "%s must be a string (a property name), not %s", ptr, article(it.Kind))
				}
			}
		case "x-ms-dynamic-schema", "x-ms-dynamic-list":
			if m.Value.Member("operationId") == nil {
				p.report(requiredPropertyMissing, name(f, m, at.Child(m.Name)),
					"%s has no \"operationId\"; name the operation that returns the values", m.Name)
			}
		}
	}
}

// enumValue reports a keyword value outside its set.
func enumValue(p *pass, f *File, v *jsonpos.Node, at *swPath, key string, allowed []string) {
	s, ok := v.Str()
	if ok && slices.Contains(allowed, s) {
		return
	}
	ptr := at.Child(key)
	if !ok {
		p.report(jsonTypeIncorrect, value(f, v, ptr), "%s must be a string, not %s", ptr, article(v.Kind))
		return
	}
	want := make([]any, len(allowed))
	for i, a := range allowed {
		want[i] = a
	}
	p.report(jsonValueNotInEnum, value(f, v, ptr), "%s is %s; use one of %s", ptr, rawValue(f, v), enumList(want))
}

// The validator allocates for every value it visits, which made it the costliest rule of a
// corpus run, and almost every published swagger passes it. So the swagger is first checked
// against a plain copy of the compiled schema (fastSchema) that understands only the keywords
// swagger.schema.json uses; when that finds nothing, the validator has nothing to find either.
// A keyword it doesn't understand makes it give up, and the validator runs as before.

// fastSchema is a compiled schema reduced to type, enum, required, properties, ^x- pattern
// properties, additionalProperties, items and $ref.
type fastSchema struct {
	ok         bool // every keyword is understood
	never      bool // the false schema
	types      []string
	enum       []string
	required   []string
	props      map[string]*fastSchema
	xProps     *fastSchema // patternProperties "^x-"
	closed     bool        // additionalProperties: false
	additional *fastSchema
	items      *fastSchema
	ref        *fastSchema
}

var fastSwaggerSchema = sync.OnceValue(func() *fastSchema {
	return newFastSchema(swaggerSchema(), map[*jsonschema.Schema]*fastSchema{})
})

func newFastSchema(s *jsonschema.Schema, seen map[*jsonschema.Schema]*fastSchema) *fastSchema {
	if fs, ok := seen[s]; ok {
		return fs
	}
	fs := &fastSchema{ok: true}
	seen[s] = fs
	if s.Bool != nil {
		fs.never = !*s.Bool
		return fs
	}
	if s.Const != nil || s.Not != nil || len(s.AllOf)+len(s.AnyOf)+len(s.OneOf) > 0 || s.If != nil || s.Format != nil ||
		s.MaxProperties != nil || s.MinProperties != nil || s.PropertyNames != nil || len(s.Dependencies)+len(s.DependentRequired)+len(s.DependentSchemas) > 0 ||
		s.UnevaluatedProperties != nil || s.UnevaluatedItems != nil || s.MinItems != nil || s.MaxItems != nil || s.UniqueItems ||
		s.Contains != nil || s.AdditionalItems != nil || len(s.PrefixItems) > 0 || s.MinLength != nil || s.MaxLength != nil ||
		s.Pattern != nil || s.ContentEncoding != nil || s.ContentMediaType != nil || s.Maximum != nil || s.Minimum != nil ||
		s.ExclusiveMaximum != nil || s.ExclusiveMinimum != nil || s.MultipleOf != nil || s.RecursiveRef != nil || s.DynamicRef != nil ||
		len(s.Extensions) > 0 {
		fs.ok = false
		return fs
	}
	if s.Ref != nil {
		fs.ref = newFastSchema(s.Ref, seen)
	}
	if s.Types != nil {
		fs.types = s.Types.ToStrings()
	}
	if s.Enum != nil {
		for _, v := range s.Enum.Values {
			str, isStr := v.(string)
			if !isStr {
				fs.ok = false
				return fs
			}
			fs.enum = append(fs.enum, str)
		}
	}
	fs.required = s.Required
	if len(s.Properties) > 0 {
		fs.props = make(map[string]*fastSchema, len(s.Properties))
		for k, v := range s.Properties {
			fs.props[k] = newFastSchema(v, seen)
		}
	}
	for re, v := range s.PatternProperties {
		if re.String() != "^x-" {
			fs.ok = false
			return fs
		}
		fs.xProps = newFastSchema(v, seen)
	}
	switch ap := s.AdditionalProperties.(type) {
	case bool:
		fs.closed = !ap
	case *jsonschema.Schema:
		fs.additional = newFastSchema(ap, seen)
	}
	switch it := s.Items.(type) {
	case nil:
	case *jsonschema.Schema:
		fs.items = newFastSchema(it, seen)
	default:
		fs.ok = false
	}
	if s.Items2020 != nil {
		fs.items = newFastSchema(s.Items2020, seen)
	}
	return fs
}

// passes reports whether the value n, converted as structureInstance converts it (key and inMap
// as there), certainly satisfies fs. false means "not certain": run the validator.
func (fs *fastSchema) passes(n *jsonpos.Node, key string, inMap bool, depth int) bool {
	if n == nil || depth > 200 {
		return false
	}
	if fs.ref != nil && !fs.ref.passes(n, key, inMap, depth+1) {
		return false
	}
	if !fs.ok || fs.never {
		return false
	}
	if fs.types != nil && !slices.Contains(fs.types, jsonType(n)) && !(n.Kind == jsonpos.Number && slices.Contains(fs.types, "number")) {
		return false
	}
	if fs.enum != nil && (n.Kind != jsonpos.String || !slices.Contains(fs.enum, n.Text)) {
		return false
	}
	prune := !inMap && (prunedKeys[key] || key == "schema" || strings.HasPrefix(key, "x-") && !schemaExtensions[key])
	switch n.Kind {
	case jsonpos.Object:
		if prune {
			return len(fs.required) == 0
		}
		members := mapKeys[key] && !inMap
		for i := range n.Members {
			m := &n.Members[i]
			if !members && strings.HasPrefix(m.Name, "x-") && !schemaExtensions[m.Name] {
				continue
			}
			childKey, childInMap := m.Name, members
			if key == "definitions" && !inMap { // as structureInstance: each definition is a pruned schema
				childKey, childInMap = "schema", false
			}
			sub, named := fs.props[m.Name]
			isX := fs.xProps != nil && strings.HasPrefix(m.Name, "x-")
			if isX && !fs.xProps.passes(m.Value, childKey, childInMap, depth+1) {
				return false
			}
			switch {
			case named:
			case isX:
				continue
			case fs.closed:
				return false
			default:
				sub = fs.additional
			}
			if sub != nil && !sub.passes(m.Value, childKey, childInMap, depth+1) {
				return false
			}
		}
		for _, r := range fs.required {
			if n.Member(r) == nil || !members && strings.HasPrefix(r, "x-") && !schemaExtensions[r] {
				return false
			}
		}
	case jsonpos.Array:
		if prune || fs.items == nil {
			return true
		}
		for _, it := range n.Items {
			if !fs.items.passes(it, "", false, depth+1) {
				return false
			}
		}
	}
	return true
}

// jsonType is a node's JSON Schema type; a number without fraction or exponent is an integer.
func jsonType(n *jsonpos.Node) string {
	switch n.Kind {
	case jsonpos.Null:
		return "null"
	case jsonpos.Bool:
		return "boolean"
	case jsonpos.Number:
		if !strings.ContainsAny(n.Text, ".eE") {
			return "integer"
		}
		return "number"
	case jsonpos.String:
		return "string"
	case jsonpos.Object:
		return "object"
	case jsonpos.Array:
		return "array"
	}
	return ""
}
