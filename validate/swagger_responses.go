package validate

import (
	"mime"
	"strings"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// opResponse is one response of an operation, after following a #/responses reference.
type opResponse struct {
	code   string
	member *jsonpos.Member // the status-code key in the operation
	node   *jsonpos.Node
	ptr    string // where the response is written
}

func (sp *schemaPass) responses(o *op) []opResponse {
	rs := o.node.Get("responses")
	if !rs.Is(jsonpos.Object) {
		return nil
	}
	out := make([]opResponse, 0, len(rs.Members))
	for i := range rs.Members {
		m := &rs.Members[i]
		n, ptr, _ := sp.s.resolve(m.Value, jsonpos.Join(o.ptr, "responses", m.Name))
		out = append(out, opResponse{code: m.Name, member: m, node: n, ptr: ptr})
	}
	return out
}

// isDynamicSchema: the schema, or its $ref target, carries x-ms-dynamic-schema or -properties.
func (sp *schemaPass) isDynamicSchema(n *jsonpos.Node) bool {
	if n.Get("x-ms-dynamic-schema") != nil || n.Get("x-ms-dynamic-properties") != nil {
		return true
	}
	r, _, _ := sp.s.resolve(n, "")
	return r.Get("x-ms-dynamic-schema") != nil || r.Get("x-ms-dynamic-properties") != nil
}

var defaultResponseHasSchema = newRule(Rule{
	ID: "DefaultResponseHasSchema", Severity: Warning, Kinds: Publishable, Section: "6", New: Error,
	Summary: "The default response has a schema; move it to 200/201 and keep default as a description only.",
	Basis:   BasisListing, BasisReason: "certification review",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:26:131", Pointer: "/paths/~1tasks/post/responses/default/schema", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, \"default\": {\"description\": \"Error\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, \"default\": {\"description\": \"Error\"}}\n"},
		}},
	},
})

var operationHasManyResponsesWithSchema = newRule(Rule{
	ID: "OperationHasManyResponsesWithSchema", Severity: Notice, Kinds: AllKinds, Section: "6",
	Summary: "More than one response of an operation has a schema; the designer uses only one.",
	Basis:   BasisIgnored, BasisReason: "the designer uses one",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:26:9", Pointer: "/paths/~1tasks/post/responses", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, \"400\": {\"description\": \"Bad\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, \"400\": {\"description\": \"Bad\"}}\n"},
		}},
	},
})

func checkResponses(p *pass) {
	if swaggerRoot(p.c) == nil {
		return
	}
	sp := newSchemaPass(p)
	f := sp.f
	rootProduces := sp.s.root.Get("produces")
	for _, o := range sp.s.ops {
		rs := sp.responses(o)
		var codes [4]string
		withSchema := codes[:0] // the codes of the responses with a schema
		var success *opResponse // the 200 or 201 response
		only204 := false
		for i := range rs {
			r := &rs[i]
			sch := r.node.Get("schema")
			if sch != nil {
				withSchema = append(withSchema, r.code)
			}
			switch r.code {
			case "default":
				if m := r.node.Member("schema"); m != nil {
					sp.reportOnce(defaultResponseHasSchema, name(f, m, r.ptr+"/schema"),
						`the "default" response has a schema, which the designer shows as the output; move the schema to 200 or 201 and keep "default" as a description only`)
				}
			case "200", "201":
				if success == nil || success.node.Get("schema") == nil {
					success = r
				}
			case "204":
				only204 = true
			}
			sp.checkResponseHeaders(r)
			sp.checkResponseExamples(o, r, rootProduces)
		}
		if len(withSchema) > 1 {
			p.report(operationHasManyResponsesWithSchema, name(f, o.node.Member("responses"), o.ptr+"/responses"),
				"responses %s all have a schema, but the designer uses only one; keep the schema on the success response", strings.Join(withSchema, ", "))
		}
		sp.checkSuccessSchema(o, rs, success, only204)
	}
}

var schemaDefinitionSetIncorrectly = newRule(Rule{
	ID: "SchemaDefinitionSetIncorrectly", Severity: Warning, Kinds: Publishable, Section: "6", New: Error,
	Summary: "A non-internal operation has no success schema (200/201) or x-ms-notification-content; DELETE, 204-only and responseless operations are exempt.",
	Basis:   BasisListing, BasisReason: "pull-request checklist: response schemas",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:26:23", Pointer: "/paths/~1tasks/post/responses/200", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\"}}\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"204\": {\"description\": \"No content\"}}\n"},
		}},
	},
})

var responseSchemaEmpty = newRule(Rule{
	ID: "ResponseSchemaEmpty", Severity: Warning, Kinds: Publishable, Section: "6", New: Error,
	Summary: "A non-dynamic success schema is {} or an object without properties, additionalProperties, allOf or $ref.",
	Basis:   BasisListing, BasisReason: "pull-request checklist: response schemas",
	Example: Example{
		BadCase: &Case{Kind: Certified, At: "apiDefinition.swagger.json:26:52", Pointer: "/paths/~1tasks/post/responses/200/schema", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {}}}\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"object\", \"x-ms-dynamic-schema\": {\"operationId\": \"ListTasks\", \"value-path\": \"id\"}}}}\n"},
		}},
	},
})

func (sp *schemaPass) checkSuccessSchema(o *op, rs []opResponse, success *opResponse, only204 bool) {
	f := sp.f
	nc, ncPtr := notificationContent(o)
	var sch *jsonpos.Node
	var schPtr string
	switch {
	case success != nil && success.node.Get("schema") != nil:
		sch, schPtr = success.node.Get("schema"), success.ptr+"/schema"
	case nc != nil && nc.Get("schema") != nil:
		sch, schPtr = nc.Get("schema"), ncPtr+"/schema"
	}
	if sch == nil {
		if o.internal || o.method == "delete" || len(rs) == 0 || (only204 && success == nil) || nc != nil {
			return
		}
		where := name(f, o.node.Member("responses"), o.ptr+"/responses")
		if success != nil {
			where = name(f, success.member, jsonpos.Join(o.ptr, "responses", success.code))
		}
		p := sp.pass
		p.report(schemaDefinitionSetIncorrectly, where,
			"%s %s has no response schema, so flows can't use its output; add a schema to the 200 (or 201) response, or use 204 if it returns no body", strings.ToUpper(o.method), o.path)
		return
	}
	if sp.isDynamicSchema(sch) {
		return
	}
	r, rptr, problem := sp.s.resolve(sch, schPtr)
	if problem != refOK || !r.Is(jsonpos.Object) {
		return
	}
	typ := str(r.Get("type"))
	if typ != "" && typ != "object" {
		return
	}
	for _, k := range []string{"additionalProperties", "allOf", "$ref", "items", "x-ms-dynamic-schema", "x-ms-dynamic-properties"} {
		if r.Get(k) != nil {
			return
		}
	}
	if ps := r.Get("properties"); ps.Is(jsonpos.Object) && len(ps.Members) > 0 {
		return
	}
	what := "is an object without properties"
	if len(r.Members) == 0 {
		what = "is {}"
	}
	sp.reportOnce(responseSchemaEmpty, parent(f, rptr),
		"the success schema %s, so flows get no output fields; describe the properties the response returns", what)
}

var responseHeadersAreNotUnique = newRule(Rule{
	ID: "ResponseHeadersAreNotUnique", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "Two headers of one response differ only in letter case.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:26:92", Pointer: "/paths/~1tasks/post/responses/200/headers/x-id", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"headers\": {\"X-Id\": {\"type\": \"string\"}, \"x-id\": {\"type\": \"string\"}}, \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"headers\": {\"X-Id\": {\"type\": \"string\"}, \"X-Etag\": {\"type\": \"string\"}}, \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n"},
		}},
	},
})

func (sp *schemaPass) checkResponseHeaders(r *opResponse) {
	hs := r.node.Get("headers")
	if !hs.Is(jsonpos.Object) {
		return
	}
	first := map[string]*jsonpos.Member{}
	for i := range hs.Members {
		m := &hs.Members[i]
		key := strings.ToLower(m.Name)
		prev, dup := first[key]
		if !dup {
			first[key] = m
			continue
		}
		if prev.Name == m.Name {
			continue // an exact duplicate key: JsonDuplicateKey reports it
		}
		l, c := sp.f.JSON.Lines.Position(prev.NameStart)
		sp.reportOnce(responseHeadersAreNotUnique, name(sp.f, m, jsonpos.Join(r.ptr, "headers", m.Name)),
			"header %q repeats %q (header names ignore case); keep one of them", m.Name, prev.Name).
			related(sp.f.Path, l, c, "first declaration")
	}
}

func mediaType(s string) string {
	if t, _, err := mime.ParseMediaType(s); err == nil {
		return t
	}
	return strings.ToLower(strings.TrimSpace(s))
}

var responseExampleMustBeProducedByOperation = newRule(Rule{
	ID: "ResponseExampleMustBeProducedByOperation", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "A responses.*.examples media type isn't in the effective produces (application/json when none is declared).",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:26:65", Pointer: "/paths/~1tasks/post/responses/200/examples/application~1xml", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"examples\": {\"application/xml\": \"<task/>\"}, \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"examples\": {\"application/json\": {\"id\": \"1\"}}, \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n"},
		}},
	},
})

func (sp *schemaPass) checkResponseExamples(o *op, r *opResponse, rootProduces *jsonpos.Node) {
	ex := r.node.Get("examples")
	if !ex.Is(jsonpos.Object) || len(ex.Members) == 0 {
		return
	}
	produces := o.node.Get("produces")
	if produces == nil {
		produces = rootProduces
	}
	allowed := map[string]bool{}
	var list []string
	if produces.Is(jsonpos.Array) {
		for _, it := range produces.Items {
			if s, ok := it.Str(); ok {
				allowed[mediaType(s)] = true
				list = append(list, s)
			}
		}
	} else {
		allowed["application/json"] = true // the platform's default
		list = []string{"application/json"}
	}
	for i := range ex.Members {
		m := &ex.Members[i]
		if !allowed[mediaType(m.Name)] {
			sp.reportOnce(responseExampleMustBeProducedByOperation, name(sp.f, m, jsonpos.Join(r.ptr, "examples", m.Name)),
				"example for %q, but the operation produces only %s; use a produced media type or add it to \"produces\"", m.Name, quoteList(list))
		}
	}
}
