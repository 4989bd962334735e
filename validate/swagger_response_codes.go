package validate

import (
	"strings"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

var operationMustHaveResponse = newRule(Rule{
	ID: "OperationMustHaveResponse", Severity: Warning, Kinds: AllKinds, Section: "6", New: Error,
	Summary: "A non-internal operation has no responses, or an empty responses object.",
	Basis:   BasisListing, BasisReason: "certification review; " + srcCarried,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:26:22", Pointer: "/paths/~1tasks/post/responses", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {}\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"x-ms-visibility\": \"internal\"\n"},
		}},
	},
})

var operationShouldHaveSuccessfulResponse = newRule(Rule{
	ID: "OperationShouldHaveSuccessfulResponse", Severity: Warning, Kinds: AllKinds, Section: "6", New: Error,
	Summary: "An operation has no 2xx response (default alone doesn't count).",
	Basis:   BasisListing, BasisReason: "certification review",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:26:9", Pointer: "/paths/~1tasks/post/responses", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"default\": {\"description\": \"Error\"}}\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"204\": {\"description\": \"Created\"}}\n"},
		}},
	},
})

var responseMustBeDefaultOrHttpStatusCode = newRule(Rule{
	ID: "ResponseMustBeDefaultOrHttpStatusCode", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "A response key is neither a three-digit HTTP status code nor default.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:26:95", Pointer: "/paths/~1tasks/post/responses/2XX", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, \"2XX\": {\"description\": \"Any success\"}}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, \"default\": {\"description\": \"Error\"}, \"x-note\": 1}\n"},
		}},
	},
})

// checkResponseCodes: every operation declares responses, at least one of them a 2xx (the
// designer builds an action's outputs from it), under keys that are status codes or default.
func checkResponseCodes(p *pass) {
	s := p.c.spec()
	if s.root == nil {
		return
	}
	for _, o := range s.ops {
		who := o.label()
		rs := o.node.Member("responses")
		if rs == nil || (rs.Value.Is(jsonpos.Object) && len(rs.Value.Members) == 0) {
			if o.internal {
				continue
			}
			where := name(s.f, o.member, o.ptr)
			if rs != nil {
				where = value(s.f, rs.Value, o.ptr+"/responses")
			}
			p.report(operationMustHaveResponse, where,
				`%s: the operation declares no responses; add at least "200": {"description": "OK", "schema": {...}} (or "204" when nothing is returned)`, who)
			continue
		}
		if !rs.Value.Is(jsonpos.Object) {
			continue // a type error, reported by the structural check
		}
		success := false
		for i := range rs.Value.Members {
			m := &rs.Value.Members[i]
			switch {
			case m.Name == "default" || strings.HasPrefix(m.Name, "x-"):
			case len(m.Name) == 3 && m.Name[0] >= '1' && m.Name[0] <= '5' && isDigits(m.Name):
				success = success || m.Name[0] == '2'
			default:
				p.report(responseMustBeDefaultOrHttpStatusCode, name(s.f, m, jsonpos.Join(o.ptr, "responses", m.Name)),
					"%s: response key %q is neither an HTTP status code (three digits, e.g. 200) nor default; rename it", who, m.Name)
			}
		}
		if !success && !o.internal {
			p.report(operationShouldHaveSuccessfulResponse, name(s.f, rs, o.ptr+"/responses"),
				`%s: no 2xx response (default alone doesn't count); add "200" with the result's schema, or "204" when nothing is returned`, who)
		}
	}
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
