package validate

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/connector-check/connector-check/internal/jsonpos"
	"github.com/dlclark/regexp2"
)

// schemaCtx says where a schema (or schema-like parameter or header object) is used.
type schemaCtx uint8

const (
	ctxBody       schemaCtx = iota + 1 // the schema of a body parameter
	ctxFormData                        // a formData parameter object
	ctxParam                           // a query, path or header parameter object
	ctxResponse                        // a response schema or x-ms-notification-content schema
	ctxHeader                          // a response header object
	ctxDefinition                      // a definition no operation uses
)

func (c schemaCtx) input() bool { return c == ctxBody || c == ctxFormData || c == ctxParam }

// schemaVisit is one schema met while walking what the operations use.
type schemaVisit struct {
	schemaNode
	ctx   schemaCtx
	op    *op    // the first operation using it (nil for unused definitions)
	param *param // the parameter it belongs to (input contexts)
	top   bool   // the root of a body, parameter or response schema
}

// schemaPass reports schema findings once per written node and rule: a definition used by
// twenty operations is checked at every use but reported once, where it is written.
type schemaPass struct {
	*pass
	s    *spec
	f    *File
	done map[string]bool
	seen map[walkKey]bool // nodes already walked in a context
}

type walkKey struct {
	node *jsonpos.Node // the schema where it is written (one node per written pointer)
	ctx  schemaCtx
	top  bool
}

func newSchemaPass(p *pass) *schemaPass {
	return &schemaPass{pass: p, s: p.c.spec(), f: p.c.Swagger, done: map[string]bool{}}
}

// once reports whether rule has not been reported at ptr yet, and marks it.
func (sp *schemaPass) once(rule *Rule, ptr string) bool {
	k := rule.ID + "\x00" + ptr
	if sp.done[k] {
		return false
	}
	sp.done[k] = true
	return true
}

// reportOnce reports rule at where unless it was reported at the same pointer already.
func (sp *schemaPass) reportOnce(rule *Rule, where at, format string, args ...any) *Finding {
	if !sp.once(rule, where.pointer) {
		return nil
	}
	return sp.report(rule, where, format, args...)
}

// keyAt points at member key of obj (written at objPtr), or at obj when it has no such member.
func (sp *schemaPass) keyAt(obj *jsonpos.Node, objPtr, key string) at {
	if m := obj.Member(key); m != nil {
		return name(sp.f, m, jsonpos.Join(objPtr, key))
	}
	return parent(sp.f, objPtr)
}

// valueAt points at the value of member key of obj.
func (sp *schemaPass) valueAt(obj *jsonpos.Node, objPtr, key string) at {
	if m := obj.Member(key); m != nil {
		return value(sp.f, m.Value, jsonpos.Join(objPtr, key))
	}
	return parent(sp.f, objPtr)
}

// walkUses visits every schema the operations use, then every definition none of them uses.
// A node already walked in the same context is not walked again, so the walk is linear in the
// size of the file however often definitions are shared.
func (sp *schemaPass) walkUses(visit func(v schemaVisit)) {
	s := sp.s
	used := map[string]bool{} // the definitions the operations use, by escaped name
	if sp.seen == nil {
		// The walk marks about one schema node per 150 bytes of a typical swagger: sizing the
		// map for that up front spares its growth (a twentieth of the schema checks' time).
		sp.seen = make(map[walkKey]bool, len(sp.f.Data)/150)
	}
	walk := func(n *jsonpos.Node, ptr string, ctx schemaCtx, o *op, p *param) {
		s.walkSchema(n, ptr, func(sn schemaNode) bool {
			top := sn.loc.pathEmpty()
			key := walkKey{sn.node, ctx, top}
			if sn.loc.isTopDefinition() {
				used[strings.TrimPrefix(sn.ptr(), "/definitions/")] = true // the escaped name
			}
			if sp.seen[key] {
				return false
			}
			sp.seen[key] = true
			visit(schemaVisit{schemaNode: sn, ctx: ctx, op: o, param: p, top: top})
			return true
		})
	}
	for _, o := range s.ops {
		for _, p := range o.params {
			switch p.in {
			case "body":
				if sch := p.node.Get("schema"); sch != nil {
					walk(sch, p.ptr+"/schema", ctxBody, o, p)
				}
			case "formData":
				walk(p.node, p.ptr, ctxFormData, o, p)
			default:
				walk(p.node, p.ptr, ctxParam, o, p)
			}
		}
		if rs := o.node.Get("responses"); rs.Is(jsonpos.Object) {
			for i := range rs.Members {
				m := &rs.Members[i]
				r, rp, _ := s.resolve(m.Value, jsonpos.Join(o.ptr, "responses", m.Name))
				if sch := r.Get("schema"); sch != nil {
					walk(sch, rp+"/schema", ctxResponse, o, nil)
				}
				if hs := r.Get("headers"); hs.Is(jsonpos.Object) {
					for j := range hs.Members {
						walk(hs.Members[j].Value, jsonpos.Join(rp, "headers", hs.Members[j].Name), ctxHeader, o, nil)
					}
				}
			}
		}
		if nc, ncPtr := notificationContent(o); nc != nil {
			if sch := nc.Get("schema"); sch != nil {
				walk(sch, ncPtr+"/schema", ctxResponse, o, nil)
			}
		}
	}
	if defs := s.root.Get("definitions"); defs.Is(jsonpos.Object) {
		for i := range defs.Members {
			m := &defs.Members[i]
			if !used[jsonpos.EscapeToken(m.Name)] {
				walk(m.Value, jsonpos.Join("/definitions", m.Name), ctxDefinition, nil, nil)
			}
		}
	}
}

// notificationContent is the x-ms-notification-content of a webhook: on the operation or,
// as usual, on its path item.
func notificationContent(o *op) (*jsonpos.Node, string) {
	if n := o.node.Get("x-ms-notification-content"); n.Is(jsonpos.Object) {
		return n, o.ptr + "/x-ms-notification-content"
	}
	if n := o.pathItem.Get("x-ms-notification-content"); n.Is(jsonpos.Object) {
		return n, o.pathPtr + "/x-ms-notification-content"
	}
	return nil, ""
}

func checkSchemas(p *pass) {
	if swaggerRoot(p.c) == nil {
		return
	}
	sp := newSchemaPass(p)
	var withRequired []writtenSchema // schemas with required properties, for the loop check
	sp.walkUses(func(v schemaVisit) {
		sp.checkSchemaNode(v)
		sp.checkExtensionsAt(v)
		if v.ctx != ctxParam && v.ctx != ctxFormData && v.ctx != ctxHeader && v.node.Get("required").Is(jsonpos.Array) {
			withRequired = append(withRequired, writtenSchema{v.node, v.ptr()})
		}
	})
	sp.checkRequiredLoops(withRequired)
	sp.checkSchemaCounts()
	sp.checkDynamicOps()
	sp.checkWebhooks()
}

var typeFormats = map[string]map[string]bool{
	"integer": {"int32": true, "int64": true},
	"number":  {"float": true, "double": true},
	"string": {"byte": true, "binary": true, "date": true, "date-time": true, "password": true, "date-no-tz": true,
		"email": true, "html": true, "uri": true, "uuid": true},
}

var additionalPropertyNotAllowedAdjacentToRef = newRule(Rule{
	ID: "AdditionalPropertyNotAllowedAdjacentToRef", Severity: Warning, Kinds: AllKinds, Section: "6",
	Summary: "Keys next to a schema $ref (often description); Swagger 2.0 ignores them.",
	Basis:   BasisIgnored, BasisReason: "Swagger 2.0 ignores keys beside $ref",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:25:138", Pointer: "/paths/~1tasks/post/parameters/0/schema/description", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\", \"description\": \"The task.\"}}],\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

var arrayHasNoItems = newRule(Rule{
	ID: "ArrayHasNoItems", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "type: array without items.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:18", Pointer: "/definitions/Task/properties/tags/type", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"tags\": {\"type\": \"array\"}, \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"tags\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}, \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

var enumMustContainAtLeastOneElement = newRule(Rule{
	ID: "EnumMustContainAtLeastOneElement", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "enum: [].",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:45", Pointer: "/definitions/Task/properties/title/enum", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"enum\": [], \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"enum\": [\"a\"], \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

var unrecognizedTypeFormat = newRule(Rule{
	ID: "UnrecognizedTypeFormat", Severity: Warning, Kinds: AllKinds, Section: "6",
	Summary: "A format outside the type's list (integer: int32/int64; number: float/double; string: byte, binary, date, date-time, password, date-no-tz, email, html, uri, uuid).",
	Basis:   BasisIgnored,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:43:44", Pointer: "/definitions/Task/properties/id/format", Edits: []Edit{
			{File: SwaggerName, Old: "        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n", New: "        \"id\": {\"type\": \"string\", \"format\": \"guid\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n", New: "        \"id\": {\"type\": \"string\", \"format\": \"uuid\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n"},
		}},
	},
})

var invalidStringBinaryProperty = newRule(Rule{
	ID: "InvalidStringBinaryProperty", Severity: Warning, Kinds: AllKinds, Section: "6",
	Summary: "A string/binary schema below the top level of a request body or formData parameter.",
	Basis:   BasisIgnored,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:47", Pointer: "/definitions/Task/properties/title/format", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"format\": \"binary\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"type\": \"string\", \"format\": \"binary\"}}],\n"},
		}},
	},
})

var schemaTypeFileNotValid = newRule(Rule{
	ID: "SchemaTypeFileNotValid", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "type: file other than on a formData parameter or at the root of a response schema.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:27", Pointer: "/definitions/Task/properties/title/type", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"file\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n", New: "        \"parameters\": [{\"name\": \"file\", \"in\": \"formData\", \"type\": \"file\", \"x-ms-summary\": \"File\"}],\n"},
		}},
	},
})

var swaggerKeywordNotSupported = newRule(Rule{
	ID: "SwaggerKeywordNotSupported", Severity: Warning, Kinds: AllKinds, Section: "6",
	Summary: "A keyword the platform rejects: uniqueItems.",
	Basis:   BasisIgnored,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:35", Pointer: "/definitions/Task/properties/tags/uniqueItems", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"tags\": {\"type\": \"array\", \"uniqueItems\": true, \"items\": {\"type\": \"string\"}}, \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"tags\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}, \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

var patternShouldBeValidRegularExpression = newRule(Rule{
	ID: "PatternShouldBeValidRegularExpression", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "pattern doesn't compile as a .NET regular expression (regexp2; lookarounds are fine).",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:48", Pointer: "/definitions/Task/properties/title/pattern", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"pattern\": \"[a-z\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"pattern\": \"^(?=.*\\\\d)\\\\w+$\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

// Basis: a resource limit of connector-check, not of the platform. Compiling a pattern costs
// memory in proportion to its nesting (four 2 MB nested-group patterns took 1 GB), and the
// longest published pattern is about 200 characters; a longer one is generated or hostile,
// and since it goes unchecked (PatternShouldBeValidRegularExpression can't tell), a warning.
var patternTooLong = newRule(Rule{
	ID: "PatternTooLong", Severity: Warning, Kinds: AllKinds, Section: "6",
	Summary: "pattern is longer than 1,000 characters, so connector-check doesn't compile it and can't tell whether it is valid.",
	Basis:   BasisHeuristic, BasisReason: "a resource limit of connector-check, not of the platform: the pattern goes unchecked",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:48", Pointer: "/definitions/Task/properties/title/pattern", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"pattern\": \"((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"pattern\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

// checkSchemaNode applies the §6 rules that look at one schema node.
func (sp *schemaPass) checkSchemaNode(v schemaVisit) {
	n, ptr := v.node, v.ptr // ptr() is built only when something is reported
	f := sp.f
	typ := str(n.Get("type"))
	paramObject := (v.ctx == ctxParam || v.ctx == ctxFormData || v.ctx == ctxHeader) && v.top

	// $ref with siblings: Swagger 2.0 ignores everything next to a reference.
	holder, holderPtr := v.refNode, v.usePtr
	if holder == nil && n.Get("$ref") != nil {
		holder, holderPtr = n, ptr
	}
	if holder != nil && !paramObject {
		var sib []string
		var first *jsonpos.Member
		for i := range holder.Members {
			if m := &holder.Members[i]; m.Name != "$ref" {
				sib = append(sib, m.Name)
				if first == nil {
					first = m
				}
			}
		}
		if first != nil && sp.once(additionalPropertyNotAllowedAdjacentToRef, holderPtr()) {
			sp.report(additionalPropertyNotAllowedAdjacentToRef, name(f, first, jsonpos.Join(holderPtr(), first.Name)),
				"%s sits next to $ref and is ignored (Swagger 2.0 ignores siblings of $ref); move it into the referenced definition or drop it", quoteList(sib))
		}
	}

	if typ == "array" && n.Get("items") == nil {
		sp.reportOnce(arrayHasNoItems, sp.keyAt(n, ptr(), "type"),
			`this array has no "items"; add one describing its elements (e.g. "items": {"type": "string"})`)
	}
	if !paramObject && n.Get("required").Is(jsonpos.Array) {
		sp.checkRequired(n, ptr(), typ)
	}
	if e := n.Get("enum"); e.Is(jsonpos.Array) && len(e.Items) == 0 {
		sp.reportOnce(enumMustContainAtLeastOneElement, sp.valueAt(n, ptr(), "enum"),
			`"enum" is empty, so no value is valid; list the allowed values or remove "enum"`)
	}
	if format, ok := n.Get("format").Str(); ok {
		if allowed, known := typeFormats[typ]; known && !allowed[format] {
			sp.reportOnce(unrecognizedTypeFormat, sp.valueAt(n, ptr(), "format"),
				"format %q is not a format of type %q; use one of %s, or drop the format", format, typ, formatList(typ))
		}
	}
	if typ == "string" && str(n.Get("format")) == "binary" && !v.top && (v.ctx == ctxBody || v.ctx == ctxFormData) {
		sp.reportOnce(invalidStringBinaryProperty, sp.valueAt(n, ptr(), "format"),
			"a binary string below the top level of a request body is not supported; send the file as the whole body (a top-level binary schema) or as a base64 \"format\": \"byte\" string")
	}
	if typ == "file" && v.ctx != ctxDefinition && !(v.top && (v.ctx == ctxFormData || v.ctx == ctxResponse)) {
		sp.reportOnce(schemaTypeFileNotValid, sp.valueAt(n, ptr(), "type"),
			`"type": "file" is only valid on a formData parameter or at the root of a response schema; use "type": "string", "format": "binary" here`)
	}
	if m := n.Member("uniqueItems"); m != nil {
		sp.reportOnce(swaggerKeywordNotSupported, name(f, m, ptr()+"/uniqueItems"),
			`"uniqueItems" is not supported by the connector platform; remove it`)
	}
	if d, ok := n.Get("discriminator").Str(); ok && !paramObject {
		sp.checkDiscriminator(n, ptr(), d)
	}
	sp.checkBounds(n, ptr)
	if pat, ok := n.Get("pattern").Str(); ok && len(pat) > maxPatternLength {
		if sp.once(patternTooLong, ptr()) {
			sp.report(patternTooLong, sp.valueAt(n, ptr(), "pattern"),
				"pattern is %d bytes long; connector-check compiles patterns of at most %d, so this one is not checked: shorten it (a character class or a quantifier instead of listed alternatives) or remove it",
				len(pat), maxPatternLength)
		}
	} else if ok {
		if err := compilePattern(pat); err != nil && sp.once(patternShouldBeValidRegularExpression, ptr()) {
			sp.report(patternShouldBeValidRegularExpression, sp.valueAt(n, ptr(), "pattern"),
				"pattern is not a valid regular expression (%s); fix or remove it", err)
		}
	}
	if caps := n.Get("x-ms-capabilities"); caps.Is(jsonpos.Object) {
		sp.checkFilterFunctions(v, caps, ptr()+"/x-ms-capabilities")
	}
}

func formatList(typ string) string {
	switch typ {
	case "integer":
		return "int32, int64"
	case "number":
		return "float, double"
	}
	return "byte, binary, date, date-time, password, date-no-tz, email, html, uri, uuid"
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// schemaProperties collects the properties a schema declares itself and through allOf (after
// following $refs), bounded against cycles.
func (sp *schemaPass) schemaProperties(n *jsonpos.Node, ptr string) (props map[string]*jsonpos.Node, open bool) {
	props = map[string]*jsonpos.Node{}
	seen := map[string]bool{}
	var add func(n *jsonpos.Node, ptr string, depth int)
	add = func(n *jsonpos.Node, ptr string, depth int) {
		n, ptr, problem := sp.s.resolve(n, ptr)
		if problem != refOK || !n.Is(jsonpos.Object) || seen[ptr] || depth > 16 {
			open = open || problem != refOK
			return
		}
		seen[ptr] = true
		if ps := n.Get("properties"); ps.Is(jsonpos.Object) {
			for i := range ps.Members {
				props[ps.Members[i].Name] = ps.Members[i].Value
			}
		}
		if n.Get("x-ms-dynamic-schema") != nil || n.Get("x-ms-dynamic-properties") != nil {
			open = true
		}
		if all := n.Get("allOf"); all.Is(jsonpos.Array) {
			for i, it := range all.Items {
				add(it, jsonpos.Index(ptr+"/allOf", i), depth+1)
			}
		}
	}
	add(n, ptr, 0)
	return props, open
}

var requiredPropertyArrayEmpty = newRule(Rule{
	ID: "RequiredPropertyArrayEmpty", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "required: [] on a schema.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:41:37", Pointer: "/definitions/Task/required", Edits: []Edit{
			{File: SwaggerName, Old: "      \"type\": \"object\",\n", New: "      \"type\": \"object\", \"required\": [],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "      \"type\": \"object\",\n", New: "      \"type\": \"object\", \"required\": [\"id\"],\n"},
		}},
	},
})

// The catalog says error (0 on its snapshot); here it flags 2/104 certified connectors (1.9%:
// Blueink, IN-D KYC-India). Swagger ignores required on a non-object, as it ignores keys
// beside $ref (AdditionalPropertyNotAllowedAdjacentToRef, a warning): warning.
var requiredPropertyNotOnObject = newRule(Rule{
	ID: "RequiredPropertyNotOnObject", Severity: Warning, Kinds: AllKinds, Section: "6",
	Summary: "A required array on a schema whose type isn't object.",
	Basis:   BasisIgnored,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:64", Pointer: "/definitions/Task/properties/tags/required", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"tags\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}, \"required\": [\"name\"]}, \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "      \"type\": \"object\",\n", New: "      \"type\": \"object\", \"required\": [\"id\"],\n"},
		}},
	},
})

var requiredPropertyDefinitionMissing = newRule(Rule{
	ID: "RequiredPropertyDefinitionMissing", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "A required name that is not in properties (own or through allOf).",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:41:44", Pointer: "/definitions/Task/required/1", Edits: []Edit{
			{File: SwaggerName, Old: "      \"type\": \"object\",\n", New: "      \"type\": \"object\", \"required\": [\"id\", \"due\"],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "  \"definitions\": {\n", New: "  \"definitions\": { \"Dated\": {\"allOf\": [{\"$ref\": \"#/definitions/Task\"}], \"required\": [\"title\"]},\n"},
		}},
	},
})

func (sp *schemaPass) checkRequired(n *jsonpos.Node, ptr, typ string) {
	m := n.Member("required")
	if m == nil || !m.Value.Is(jsonpos.Array) {
		return
	}
	rptr := ptr + "/required"
	if len(m.Value.Items) == 0 {
		sp.reportOnce(requiredPropertyArrayEmpty, value(sp.f, m.Value, rptr),
			`"required" is an empty array; remove it or list the required property names`)
		return
	}
	if typ != "" && typ != "object" {
		sp.reportOnce(requiredPropertyNotOnObject, name(sp.f, m, rptr),
			`"required" lists properties, but this schema is of type %q; move it to the object schema that has those properties`, typ)
		return
	}
	props, open := sp.schemaProperties(n, ptr)
	if open {
		return
	}
	for i, it := range m.Value.Items {
		pn, ok := it.Str()
		if !ok {
			continue
		}
		if _, has := props[pn]; !has {
			sp.reportOnce(requiredPropertyDefinitionMissing, value(sp.f, it, jsonpos.Index(rptr, i)),
				"required property %q is not defined in \"properties\"; define it or remove it from \"required\"", pn)
		}
	}
}

var discriminatorMustBeARequiredStringProperty = newRule(Rule{
	ID: "DiscriminatorMustBeARequiredStringProperty", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "discriminator doesn't name a required string property of the schema.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:41:42", Pointer: "/definitions/Task/discriminator", Edits: []Edit{
			{File: SwaggerName, Old: "      \"type\": \"object\",\n", New: "      \"type\": \"object\", \"discriminator\": \"id\",\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "      \"type\": \"object\",\n", New: "      \"type\": \"object\", \"discriminator\": \"id\", \"required\": [\"id\"],\n"},
		}},
	},
})

func (sp *schemaPass) checkDiscriminator(n *jsonpos.Node, ptr, d string) {
	req := false
	if r := n.Get("required"); r.Is(jsonpos.Array) {
		for _, it := range r.Items {
			if s, _ := it.Str(); s == d {
				req = true
			}
		}
	}
	props, _ := sp.schemaProperties(n, ptr)
	prop := props[d]
	typ := ""
	if prop != nil {
		rn, _, _ := sp.s.resolve(prop, "")
		typ = str(rn.Get("type"))
	}
	if !req || prop == nil || typ != "string" {
		sp.reportOnce(discriminatorMustBeARequiredStringProperty, sp.valueAt(n, ptr, "discriminator"),
			"discriminator %q must name a property of this schema that is of type string and listed in \"required\"", d)
	}
}

// number returns a numeric member's value.
func number(n *jsonpos.Node, key string) (float64, *jsonpos.Member, bool) {
	m := n.Member(key)
	if m == nil || !m.Value.Is(jsonpos.Number) {
		return 0, nil, false
	}
	v, err := strconv.ParseFloat(m.Value.Text, 64)
	return v, m, err == nil
}

var minimumShouldBeLessThanOrEqualToMaximum = newRule(Rule{
	ID: "MinimumShouldBeLessThanOrEqualToMaximum", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "minimum is greater than maximum.",
	Basis:   BasisRejected, BasisReason: srcSV + "; no value is valid",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:48", Pointer: "/definitions/Task/properties/title/minimum", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"minimum\": 5, \"maximum\": 2, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"minimum\": 2, \"maximum\": 2, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

var minLengthShouldBeLessThanOrEqualToMaxLength = newRule(Rule{
	ID: "MinLengthShouldBeLessThanOrEqualToMaxLength", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "minLength is greater than maxLength.",
	Basis:   BasisRejected, BasisReason: srcSV + "; no value is valid",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:50", Pointer: "/definitions/Task/properties/title/minLength", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"minLength\": 5, \"maxLength\": 2, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"minLength\": 1, \"maxLength\": 2, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

var minItemsShouldBeLessThanOrEqualToMaxItems = newRule(Rule{
	ID: "MinItemsShouldBeLessThanOrEqualToMaxItems", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "minItems is greater than maxItems.",
	Basis:   BasisRejected, BasisReason: srcSV + "; no value is valid",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:49", Pointer: "/definitions/Task/properties/title/minItems", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"minItems\": 5, \"maxItems\": 2, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"minItems\": 0, \"maxItems\": 2, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

var maxLengthMustBeGreaterThanOrEqualToZero = newRule(Rule{
	ID: "MaxLengthMustBeGreaterThanOrEqualToZero", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "maxLength is negative.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:50", Pointer: "/definitions/Task/properties/title/maxLength", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"maxLength\": -1, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"maxLength\": 0, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

var minLengthMustBeGreaterThanOrEqualToZero = newRule(Rule{
	ID: "MinLengthMustBeGreaterThanOrEqualToZero", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "minLength is negative.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:50", Pointer: "/definitions/Task/properties/title/minLength", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"minLength\": -1, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"minLength\": 0, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

var maxItemsMustBeGreaterThanOrEqualToZero = newRule(Rule{
	ID: "MaxItemsMustBeGreaterThanOrEqualToZero", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "maxItems is negative.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:49", Pointer: "/definitions/Task/properties/title/maxItems", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"maxItems\": -1, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"maxItems\": 3, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

var minItemsMustBeGreaterThanOrEqualToZero = newRule(Rule{
	ID: "MinItemsMustBeGreaterThanOrEqualToZero", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "minItems is negative.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:49", Pointer: "/definitions/Task/properties/title/minItems", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"minItems\": -2, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"minItems\": 1, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

var maxPropertiesMustBeGreaterThanOrEqualToZero = newRule(Rule{
	ID: "MaxPropertiesMustBeGreaterThanOrEqualToZero", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "maxProperties is negative.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:54", Pointer: "/definitions/Task/properties/title/maxProperties", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"maxProperties\": -1, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"maxProperties\": 1, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

var minPropertiesMustBeGreaterThanOrEqualToZero = newRule(Rule{
	ID: "MinPropertiesMustBeGreaterThanOrEqualToZero", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "minProperties is negative.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:54", Pointer: "/definitions/Task/properties/title/minProperties", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"minProperties\": -1, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"minProperties\": 1, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

var multipleOfMustBeGreaterThanZero = newRule(Rule{
	ID: "MultipleOfMustBeGreaterThanZero", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "multipleOf is 0 or negative.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:51", Pointer: "/definitions/Task/properties/title/multipleOf", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"multipleOf\": 0, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"multipleOf\": 0.5, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

var exclusiveMaximumRequiresMaximum = newRule(Rule{
	ID: "ExclusiveMaximumRequiresMaximum", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "exclusiveMaximum: true without maximum.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:37", Pointer: "/definitions/Task/properties/title/exclusiveMaximum", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"exclusiveMaximum\": true, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"exclusiveMaximum\": true, \"maximum\": 3, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

var exclusiveMinimumRequiresMinimum = newRule(Rule{
	ID: "ExclusiveMinimumRequiresMinimum", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "exclusiveMinimum: true without minimum.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:37", Pointer: "/definitions/Task/properties/title/exclusiveMinimum", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"exclusiveMinimum\": true, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"exclusiveMinimum\": true, \"minimum\": 3, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

// checkBounds checks a schema's numeric bounds; ptr (where the schema is written) is called
// only to report.
func (sp *schemaPass) checkBounds(n *jsonpos.Node, ptr func() string) {
	if !hasBoundKeyword(n) {
		return // most schemas: one scan of the members instead of one per keyword
	}
	f := sp.f
	pairs := []struct {
		lo, hi string
		rule   *Rule
	}{
		{"minimum", "maximum", minimumShouldBeLessThanOrEqualToMaximum},
		{"minLength", "maxLength", minLengthShouldBeLessThanOrEqualToMaxLength},
		{"minItems", "maxItems", minItemsShouldBeLessThanOrEqualToMaxItems},
	}
	for _, pr := range pairs {
		lo, lm, ok1 := number(n, pr.lo)
		hi, _, ok2 := number(n, pr.hi)
		if ok1 && ok2 && lo > hi {
			sp.reportOnce(pr.rule, value(f, lm.Value, jsonpos.Join(ptr(), pr.lo)),
				"%s (%s) is greater than %s (%s), so no value is valid; swap or correct them", pr.lo, lm.Value.Text, pr.hi, strconv.FormatFloat(hi, 'g', -1, 64))
		}
	}
	for _, k := range []struct {
		key  string
		rule *Rule
	}{
		{"maxLength", maxLengthMustBeGreaterThanOrEqualToZero}, {"minLength", minLengthMustBeGreaterThanOrEqualToZero},
		{"maxItems", maxItemsMustBeGreaterThanOrEqualToZero}, {"minItems", minItemsMustBeGreaterThanOrEqualToZero},
		{"maxProperties", maxPropertiesMustBeGreaterThanOrEqualToZero}, {"minProperties", minPropertiesMustBeGreaterThanOrEqualToZero},
	} {
		if v, m, ok := number(n, k.key); ok && v < 0 {
			sp.reportOnce(k.rule, value(f, m.Value, jsonpos.Join(ptr(), k.key)), "%s is %s; it must be 0 or more", k.key, m.Value.Text)
		}
	}
	if v, m, ok := number(n, "multipleOf"); ok && v <= 0 {
		sp.reportOnce(multipleOfMustBeGreaterThanZero, value(f, m.Value, ptr()+"/multipleOf"), "multipleOf is %s; it must be greater than 0", m.Value.Text)
	}
	for _, k := range []struct {
		excl, bound string
		rule        *Rule
	}{
		{"exclusiveMaximum", "maximum", exclusiveMaximumRequiresMaximum},
		{"exclusiveMinimum", "minimum", exclusiveMinimumRequiresMinimum},
	} {
		if m := n.Member(k.excl); m != nil && m.Value.Is(jsonpos.Bool) && m.Value.Text == "true" && n.Get(k.bound) == nil {
			sp.reportOnce(k.rule, name(f, m, jsonpos.Join(ptr(), k.excl)), "%s is set but there is no %s; add %s or remove %s", k.excl, k.bound, k.bound, k.excl)
		}
	}
}

// hasBoundKeyword reports whether the schema has a member checkBounds looks at.
func hasBoundKeyword(n *jsonpos.Node) bool {
	for i := range n.Members {
		switch n.Members[i].Name {
		case "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems",
			"minProperties", "maxProperties", "multipleOf", "exclusiveMaximum", "exclusiveMinimum":
			return true
		}
	}
	return false
}

// maxPatternLength bounds what compilePattern is given (PatternTooLong): the regexp2 compiler's
// memory grows with the nesting, so a 2 MB pattern of nested groups took 250 MB.
const maxPatternLength = 1000

// compilePattern compiles a pattern with a .NET-compatible engine (the platform's), not RE2,
// which rejects lookarounds and backreferences that the platform accepts.
func compilePattern(pat string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	re, err := regexp2.Compile(pat, regexp2.None)
	if err == nil {
		re.MatchTimeout = time.Second
	}
	return err
}

var filterFunctionsPropertyEmpty = newRule(Rule{
	ID: "FilterFunctionsPropertyEmpty", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "x-ms-capabilities.filterFunctions is an empty array.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:18:188", Pointer: "/paths/~1tasks/get/responses/200/schema/items/properties/n/x-ms-capabilities/filterFunctions", Edits: []Edit{
			{File: SwaggerName, Old: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n", New: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"string\", \"x-ms-capabilities\": {\"filterFunctions\": []}}}}}}}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n", New: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"string\", \"x-ms-capabilities\": {\"filterFunctions\": [\"eq\"]}}}}}}}\n"},
		}},
	},
})

var filterFunctionsPropertyHasDuplicates = newRule(Rule{
	ID: "FilterFunctionsPropertyHasDuplicates", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "x-ms-capabilities.filterFunctions lists a function twice.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:18:201", Pointer: "/paths/~1tasks/get/responses/200/schema/items/properties/n/x-ms-capabilities/filterFunctions/2", Edits: []Edit{
			{File: SwaggerName, Old: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n", New: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"string\", \"x-ms-capabilities\": {\"filterFunctions\": [\"eq\", \"ne\", \"eq\"]}}}}}}}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n", New: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"string\", \"x-ms-capabilities\": {\"filterFunctions\": [\"eq\", \"ne\"]}}}}}}}\n"},
		}},
	},
})

var filterFunctionsPropertyInInputSchema = newRule(Rule{
	ID: "FilterFunctionsPropertyInInputSchema", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "x-ms-capabilities.filterFunctions in a request schema; it is only valid in responses.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:59", Pointer: "/definitions/Task/properties/title/x-ms-capabilities/filterFunctions", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"x-ms-capabilities\": {\"filterFunctions\": [\"eq\"]}, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n", New: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"string\", \"x-ms-capabilities\": {\"filterFunctions\": [\"eq\"]}}}}}}}\n"},
		}},
	},
})

func (sp *schemaPass) checkFilterFunctions(v schemaVisit, caps *jsonpos.Node, capsPtr string) {
	m := caps.Member("filterFunctions")
	if m == nil {
		return
	}
	ptr := capsPtr + "/filterFunctions"
	if v.ctx.input() {
		sp.reportOnce(filterFunctionsPropertyInInputSchema, name(sp.f, m, ptr),
			"filterFunctions is only valid in response schemas; remove it from this request schema")
		return
	}
	if !m.Value.Is(jsonpos.Array) {
		return
	}
	if len(m.Value.Items) == 0 {
		sp.reportOnce(filterFunctionsPropertyEmpty, value(sp.f, m.Value, ptr), "filterFunctions is empty; list the supported functions (e.g. \"eq\") or remove it")
		return
	}
	seen := map[string]bool{}
	for i, it := range m.Value.Items {
		s, ok := it.Str()
		if !ok {
			continue
		}
		if seen[s] {
			sp.reportOnce(filterFunctionsPropertyHasDuplicates, value(sp.f, it, jsonpos.Index(ptr, i)), "filterFunctions lists %q twice; remove the repeat", s)
		}
		seen[s] = true
	}
}

// checkRequiredLoops finds schemas that require themselves through a chain of required
// properties: no finite instance can satisfy them.
type writtenSchema struct {
	node *jsonpos.Node
	ptr  string
}

var requiredLoopInSchemaNotAllowed = newRule(Rule{
	ID: "RequiredLoopInSchemaNotAllowed", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "Required properties lead back to the same schema through $refs, so no finite value is valid.",
	Basis:   BasisRejected, BasisReason: srcSV + "; no finite value is valid",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:41:38", Pointer: "/definitions/Task/required/0", Edits: []Edit{
			{File: SwaggerName, Old: "      \"type\": \"object\",\n      \"properties\": {\n        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "      \"type\": \"object\", \"required\": [\"parent\"],\n      \"properties\": {\n        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n        \"parent\": {\"$ref\": \"#/definitions/Task\"}, \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"parent\": {\"$ref\": \"#/definitions/Task\"}, \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

func (sp *schemaPass) checkRequiredLoops(nodes []writtenSchema) {
	type edge struct {
		to   string
		item *jsonpos.Node
		ptr  string // the required entry
	}
	graph := map[string][]edge{}
	for _, v := range nodes {
		if _, done := graph[v.ptr]; done {
			continue
		}
		graph[v.ptr] = nil
		r := v.node.Get("required")
		props := v.node.Get("properties")
		if !r.Is(jsonpos.Array) || !props.Is(jsonpos.Object) {
			continue
		}
		for i, it := range r.Items {
			pn, _ := it.Str()
			pv := props.Get(pn)
			if pv == nil {
				continue
			}
			_, to, problem := sp.s.resolve(pv, jsonpos.Join(v.ptr, "properties", pn))
			if problem == refOK {
				graph[v.ptr] = append(graph[v.ptr], edge{to: to, item: it, ptr: jsonpos.Index(v.ptr+"/required", i)})
			}
		}
	}
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var dfs func(u string, depth int)
	dfs = func(u string, depth int) {
		color[u] = grey
		for _, e := range graph[u] {
			switch {
			case color[e.to] == grey:
				sp.reportOnce(requiredLoopInSchemaNotAllowed, value(sp.f, e.item, e.ptr),
					"required property %q leads back to %s, so a valid value would be infinitely deep; make one property of the loop optional", e.item.Text, e.to)
			case color[e.to] == white && depth < 1000:
				dfs(e.to, depth+1)
			}
		}
		color[u] = black
	}
	for _, v := range nodes {
		if color[v.ptr] == white {
			dfs(v.ptr, 0)
		}
	}
}

// Schema count limits of the platform (per body, per operation, per file).
const (
	maxBodySchemas      = 512
	maxOperationSchemas = 16384
	maxTotalSchemas     = 256 * 16384
	schemaCountCap      = 1 << 40
)

// schemaCount is the number of schemas below n with $refs expanded (what the platform counts),
// memoised per node so shared definitions are counted in linear time. Keys are nodes, not
// pointers: building a pointer per node would cost more than the count.
//
// memo holds each counted schema's total, and -1 for the schemas on the path being counted (a
// cycle back to one of them counts 0).
func (sp *schemaPass) schemaCount(n *jsonpos.Node, memo map[*jsonpos.Node]int64) int64 {
	node, _, problem := sp.s.resolve(n, "")
	if problem != refOK || !node.Is(jsonpos.Object) {
		return 1
	}
	if c, ok := memo[node]; ok {
		return max(c, 0)
	}
	memo[node] = -1
	total := int64(1)
	add := func(c int64) { total = min(total+c, schemaCountCap) }
	if props := node.Get("properties"); props.Is(jsonpos.Object) {
		for i := range props.Members {
			add(sp.schemaCount(props.Members[i].Value, memo))
		}
	}
	if items := node.Get("items"); items.Is(jsonpos.Object) {
		add(sp.schemaCount(items, memo))
	}
	if ap := node.Get("additionalProperties"); ap.Is(jsonpos.Object) {
		add(sp.schemaCount(ap, memo))
	}
	if all := node.Get("allOf"); all.Is(jsonpos.Array) {
		for _, it := range all.Items {
			add(sp.schemaCount(it, memo))
		}
	}
	memo[node] = total
	return total
}

var bodySchemaCountExceedsMaxAllowed = newRule(Rule{
	ID: "BodySchemaCountExceedsMaxAllowed", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "A body expands to more than 512 schemas (properties and items, $refs resolved).",
	Basis:   BasisRejected, BasisReason: srcFAQ,
	Example: Example{ // CreateTask's body is a Task
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:25:97", Pointer: "/paths/~1tasks/post/parameters/0/schema", Edits: []Edit{
			{File: SwaggerName, Old: taskProperties, Gen: "repeat:600", New: `"p%d": {"type": "string"}, `},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: taskProperties, Gen: "repeat:400", New: `"p%d": {"type": "string"}, `},
		}},
	},
})

var operationSchemaCountExceedsMaxAllowed = newRule(Rule{
	ID: "OperationSchemaCountExceedsMaxAllowed", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "An operation expands to more than 16,384 schemas.",
	Basis:   BasisRejected, BasisReason: srcFAQ,
	Example: Example{ // a Task holds n Subs of n properties each: ListTasks returns Tasks
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:14:7", Pointer: "/paths/~1tasks/get", Edits: []Edit{
			{File: SwaggerName, Old: `"definitions": {`, New: `"definitions": {` + "\n    " + `"Sub": {"type": "object", "properties": {"s": {"type": "string"}}},`},
			{File: SwaggerName, Old: `"Sub": {"type": "object", "properties": {`, Gen: "repeat:130", New: `"s%d": {"type": "string"}, `},
			{File: SwaggerName, Old: taskProperties, Gen: "repeat:130", New: `"p%d": {"$ref": "#/definitions/Sub"}, `},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: `"definitions": {`, New: `"definitions": {` + "\n    " + `"Sub": {"type": "object", "properties": {"s": {"type": "string"}}},`},
			{File: SwaggerName, Old: `"Sub": {"type": "object", "properties": {`, Gen: "repeat:80", New: `"s%d": {"type": "string"}, `},
			{File: SwaggerName, Old: taskProperties, Gen: "repeat:80", New: `"p%d": {"$ref": "#/definitions/Sub"}, `},
		}},
	},
})

var totalSchemaCountExceedsMaxAllowed = newRule(Rule{
	ID: "TotalSchemaCountExceedsMaxAllowed", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "The operations expand to more than 256 x 16,384 schemas in total.",
	Basis:   BasisRejected, BasisReason: srcFAQ,
	Example: Example{ // a Task holds n Subs of n Leafs of n properties each; 3 operations use Task (CreateTask twice)
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:12:3", Pointer: "/paths", Edits: []Edit{
			{File: SwaggerName, Old: `"definitions": {`, New: `"definitions": {` + "\n    " + `"Sub": {"type": "object", "properties": {"s": {"type": "string"}}},` + "\n    " + `"Leaf": {"type": "object", "properties": {"l": {"type": "string"}}},`},
			{File: SwaggerName, Old: `"Leaf": {"type": "object", "properties": {`, Gen: "repeat:110", New: `"l%d": {"type": "string"}, `},
			{File: SwaggerName, Old: `"Sub": {"type": "object", "properties": {`, Gen: "repeat:110", New: `"s%d": {"$ref": "#/definitions/Leaf"}, `},
			{File: SwaggerName, Old: taskProperties, Gen: "repeat:110", New: `"p%d": {"$ref": "#/definitions/Sub"}, `},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: `"definitions": {`, New: `"definitions": {` + "\n    " + `"Sub": {"type": "object", "properties": {"s": {"type": "string"}}},` + "\n    " + `"Leaf": {"type": "object", "properties": {"l": {"type": "string"}}},`},
			{File: SwaggerName, Old: `"Leaf": {"type": "object", "properties": {`, Gen: "repeat:20", New: `"l%d": {"type": "string"}, `},
			{File: SwaggerName, Old: `"Sub": {"type": "object", "properties": {`, Gen: "repeat:20", New: `"s%d": {"$ref": "#/definitions/Leaf"}, `},
			{File: SwaggerName, Old: taskProperties, Gen: "repeat:20", New: `"p%d": {"$ref": "#/definitions/Sub"}, `},
		}},
	},
})

// taskProperties is where the examples of the schema-count rules add properties to the good
// connector's Task.
const taskProperties = "\"Task\": {\n      \"type\": \"object\",\n      \"properties\": {"

func (sp *schemaPass) checkSchemaCounts() {
	memo := make(map[*jsonpos.Node]int64, len(sp.f.Data)/300)
	var fileTotal int64
	for _, o := range sp.s.ops {
		var opTotal int64
		for _, p := range o.params {
			if p.in != "body" {
				opTotal++
				continue
			}
			sch := p.node.Get("schema")
			if sch == nil {
				continue
			}
			c := sp.schemaCount(sch, memo)
			opTotal += c
			if c > maxBodySchemas {
				sp.reportOnce(bodySchemaCountExceedsMaxAllowed, sp.keyAt(p.node, p.ptr, "schema"),
					"this body expands to %d schemas (properties and items, references resolved); the platform allows %d: split the operation or flatten the schema", c, maxBodySchemas)
			}
		}
		if rs := o.node.Get("responses"); rs.Is(jsonpos.Object) {
			for i := range rs.Members {
				m := &rs.Members[i]
				r, _, _ := sp.s.resolve(m.Value, "")
				if sch := r.Get("schema"); sch != nil {
					opTotal += sp.schemaCount(sch, memo)
				}
			}
		}
		opTotal = min(opTotal, schemaCountCap)
		if opTotal > maxOperationSchemas {
			sp.reportOnce(operationSchemaCountExceedsMaxAllowed, name(sp.f, o.member, o.ptr),
				"this operation expands to %d schemas (parameters, body and responses, references resolved); the platform allows %d: split it or flatten its schemas", opTotal, maxOperationSchemas)
		}
		fileTotal = min(fileTotal+opTotal, schemaCountCap)
	}
	if fileTotal > maxTotalSchemas {
		sp.reportOnce(totalSchemaCountExceedsMaxAllowed, parent(sp.f, "/paths"),
			"the operations expand to %d schemas in total; the platform allows %d per file: flatten shared definitions or split the connector", fileTotal, maxTotalSchemas)
	}
}
