package validate

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// Parameters are checked where they are used (an operation's effective parameters, path level
// merged in) and reported where they are written: a parameter under #/parameters that many
// operations use is reported once per rule, at its definition, naming the first operation.

var collectionFormats = map[string]bool{"csv": true, "ssv": true, "tsv": true, "pipes": true, "multi": true}

func checkSwaggerParameters(p *pass) {
	s := p.c.spec()
	if s.root == nil {
		return
	}
	seen := dedupe{}
	checkParameterDefinitions(p, s)
	for _, o := range s.ops {
		checkParameterLists(p, s, o, seen)
		urlencoded := consumesFormURLEncoded(s, o)
		for _, prm := range o.params {
			if prm.refErr != refOK || (prm.ref != "" && !strings.HasPrefix(prm.ref, "#/parameters/")) {
				checkParameterRef(p, s, o, prm, seen)
			}
			if !prm.node.Is(jsonpos.Object) || prm.node.Member("$ref") != nil {
				continue // unresolved: nothing more to check
			}
			checkParameter(p, s, o, prm, seen, urlencoded)
		}
	}
}

var parameterRefLoopNotAllowed = newRule(Rule{
	ID: "ParameterRefLoopNotAllowed", Severity: Error, Kinds: AllKinds, Section: "5",
	Summary: "A #/parameters entry is itself a $ref (or a parameter $ref chain loops).",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:48:36", Pointer: "/parameters/alias/$ref", Edits: []Edit{
			{File: SwaggerName, Old: "  \"parameters\": {\n", New: "  \"parameters\": {\"alias\": {\"$ref\": \"#/parameters/taskId\"},\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

// checkParameterDefinitions reports #/parameters entries that are references themselves.
func checkParameterDefinitions(p *pass, s *spec) {
	defs := s.root.Get("parameters")
	if !defs.Is(jsonpos.Object) {
		return
	}
	for i := range defs.Members {
		m := &defs.Members[i]
		if ref := m.Value.Member("$ref"); ref != nil && m.Value.Is(jsonpos.Object) {
			ptr := jsonpos.Join("/parameters", m.Name, "$ref")
			p.report(parameterRefLoopNotAllowed, value(s.f, ref.Value, ptr),
				"#/parameters/%s is itself a $ref; write the parameter object here, or reference its target directly", m.Name)
		}
	}
}

var parameterReferenceNotFound = newRule(Rule{
	ID: "ParameterReferenceNotFound", Severity: Error, Kinds: AllKinds, Section: "5",
	Summary: "A parameter $ref points at nothing.",
	Basis:   BasisBroken, BasisReason: "the $ref resolves to nothing",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:34:33", Pointer: "/paths/~1tasks~1{taskId}/get/parameters/0/$ref", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"$ref\": \"#/parameters/taskId\"}],\n", New: "        \"parameters\": [{\"$ref\": \"#/parameters/task\"}],\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

var parameterReferenceNotValid = newRule(Rule{
	ID: "ParameterReferenceNotValid", Severity: Error, Kinds: AllKinds, Section: "5",
	Summary: "A parameter $ref isn't a local #/parameters/... pointer.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:34:33", Pointer: "/paths/~1tasks~1{taskId}/get/parameters/0/$ref", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"$ref\": \"#/parameters/taskId\"}],\n", New: "        \"parameters\": [{\"$ref\": \"common.json#/parameters/taskId\"}],\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

func checkParameterRef(p *pass, s *spec, o *op, prm *param, seen dedupe) {
	f := s.f
	entry, _ := f.JSON.Lookup(prm.usePtr)
	refNode := entry.Get("$ref")
	if refNode == nil {
		return
	}
	at := value(f, refNode, prm.usePtr+"/$ref")
	switch {
	case prm.refErr == refNotFound:
		if seen.first(parameterReferenceNotFound.ID, prm.usePtr) {
			p.report(parameterReferenceNotFound, at, "%s: parameter $ref %q points at nothing; define it under #/parameters or fix the name", o.label(), prm.ref)
		}
	case prm.refErr == refLoop:
		if seen.first(parameterRefLoopNotAllowed.ID, prm.usePtr) {
			p.report(parameterRefLoopNotAllowed, at, "%s: parameter $ref %q leads into a loop of references; point it at a parameter object", o.label(), prm.ref)
		}
	case prm.refErr == refExternal || prm.refErr == refMalformed || !strings.HasPrefix(prm.ref, "#/parameters/"):
		if seen.first(parameterReferenceNotValid.ID, prm.usePtr) {
			p.report(parameterReferenceNotValid, at,
				"%s: parameter $ref %q isn't a local #/parameters/... reference; the platform takes one file: move the parameter under #/parameters", o.label(), prm.ref)
		}
	}
}

var operationParametersContainDuplicateParameter = newRule(Rule{
	ID: "OperationParametersContainDuplicateParameter", Severity: Error, Kinds: AllKinds, Section: "5",
	Summary: "Two parameters of an operation share name and in.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:17:199", Pointer: "/paths/~1tasks/get/parameters/1", Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"type\": \"string\", \"x-ms-summary\": \"Search Query\", \"description\": \"Text to search for.\"}, {\"name\": \"q\", \"in\": \"query\", \"type\": \"string\", \"x-ms-summary\": \"Search Query\", \"description\": \"Text to search for.\"}],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"type\": \"string\", \"x-ms-summary\": \"Search Query\", \"description\": \"Text to search for.\"}, {\"name\": \"q\", \"in\": \"header\", \"type\": \"string\"}],\n"},
		}},
	},
})

var pathParametersContainDuplicateParameter = newRule(Rule{
	ID: "PathParametersContainDuplicateParameter", Severity: Error, Kinds: AllKinds, Section: "5",
	Summary: "Two path-level parameters share name and in.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:13:149", Pointer: "/paths/~1tasks/parameters/1", Edits: []Edit{
			{File: SwaggerName, Old: "    \"/tasks\": {\n", New: "    \"/tasks\": {\"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"type\": \"string\", \"x-ms-summary\": \"Search Query\", \"description\": \"Text to search for.\"}, {\"name\": \"q\", \"in\": \"query\", \"type\": \"string\", \"x-ms-summary\": \"Search Query\", \"description\": \"Text to search for.\"}],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "    \"/tasks\": {\n", New: "    \"/tasks\": {\"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"type\": \"string\", \"x-ms-summary\": \"Search Query\", \"description\": \"Text to search for.\"}],\n"},
		}},
	},
})

var operationParametersContainMultipleBodyParameters = newRule(Rule{
	ID: "OperationParametersContainMultipleBodyParameters", Severity: Error, Kinds: AllKinds, Section: "5",
	Summary: "An operation has more than one body parameter.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:25:140", Pointer: "/paths/~1tasks/post/parameters/1", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, {\"name\": \"extra\", \"in\": \"body\", \"schema\": {\"type\": \"object\"}}],\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

var pathParametersContainMultipleBodyParameters = newRule(Rule{
	ID: "PathParametersContainMultipleBodyParameters", Severity: Error, Kinds: AllKinds, Section: "5",
	Summary: "A path item declares more than one body parameter.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:13:74", Pointer: "/paths/~1tasks/parameters/1", Edits: []Edit{
			{File: SwaggerName, Old: "    \"/tasks\": {\n", New: "    \"/tasks\": {\"parameters\": [{\"name\": \"a\", \"in\": \"body\", \"schema\": {}}, {\"name\": \"b\", \"in\": \"body\", \"schema\": {}}],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "    \"/tasks\": {\n", New: "    \"/tasks\": {\"parameters\": [{\"name\": \"a\", \"in\": \"body\", \"schema\": {}}],\n"},
		}},
	},
})

var parameterListContainsFormDataAndBody = newRule(Rule{
	ID: "ParameterListContainsFormDataAndBody", Severity: Error, Kinds: AllKinds, Section: "5",
	Summary: "An operation has both body and formData parameters.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:25:163", Pointer: "/paths/~1tasks/post/parameters/1/in", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, {\"name\": \"file\", \"in\": \"formData\", \"type\": \"file\"}],\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

// checkParameterLists checks an operation's parameter lists as lists: duplicates, several
// bodies, body beside formData.
func checkParameterLists(p *pass, s *spec, o *op, seen dedupe) {
	f := s.f
	if seen.first("path-level", o.pathPtr) {
		pathList := s.paramList(o.pathItem.Get("parameters"), o.pathPtr+"/parameters", true)
		duplicateParams(p, f, pathList, pathParametersContainDuplicateParameter, "path "+o.path)
		bodies := 0
		for _, prm := range pathList {
			if prm.in == "body" {
				if bodies++; bodies == 2 {
					p.report(pathParametersContainMultipleBodyParameters, parent(f, prm.usePtr),
						"path %s declares more than one body parameter; a request has one body: keep one and model the rest as its properties", o.path)
				}
			}
		}
	}
	var opList []*param // the operation's own list: its effective parameters hold all of it
	for _, prm := range o.params {
		if !prm.pathLevel {
			opList = append(opList, prm)
		}
	}
	duplicateParams(p, f, opList, operationParametersContainDuplicateParameter, o.label())
	var body, form *param
	bodies := 0
	for _, prm := range o.params {
		switch prm.in {
		case "body":
			bodies++
			if bodies == 2 && !prm.pathLevel {
				p.report(operationParametersContainMultipleBodyParameters, parent(f, prm.usePtr),
					"%s: parameter %q is a second body parameter (the first is %q); a request has one body: keep one and model the rest as its properties", o.label(), prm.name, body.name)
			}
			if body == nil {
				body = prm
			}
		case "formData":
			if form == nil {
				form = prm
			}
		}
	}
	if body != nil && form != nil && seen.first(parameterListContainsFormDataAndBody.ID, form.ptr) {
		p.report(parameterListContainsFormDataAndBody, value(f, form.node.Get("in"), form.ptr+"/in"),
			"%s: formData parameter %q beside body parameter %q; a request body is either a form or a schema: keep one kind", o.label(), form.name, body.name)
	}
}

func duplicateParams(p *pass, f *File, list []*param, rule *Rule, owner string) {
	type key struct{ name, in string }
	first := map[key]*param{}
	for _, prm := range list {
		if prm.name == "" || prm.in == "" {
			continue
		}
		k := key{prm.name, prm.in}
		if prm.in == "header" {
			k.name = strings.ToLower(k.name) // HTTP header names ignore case
		}
		if prev, ok := first[k]; ok {
			n, _ := f.JSON.Lookup(prev.usePtr)
			at := parent(f, prm.usePtr)
			fd := p.report(rule, at, "%s: parameter %q (in: %s) is declared twice; remove one of them", owner, prm.name, prm.in)
			if n != nil {
				l, col := f.JSON.Lines.Position(n.Start)
				fd.related(f.Path, l, col, "first declaration")
			}
			continue
		}
		first[k] = prm
	}
}

// consumesFormURLEncoded reports whether the operation (or, without its own consumes, the
// swagger) consumes application/x-www-form-urlencoded.
func consumesFormURLEncoded(s *spec, o *op) bool {
	c := o.node.Get("consumes")
	if c == nil {
		c = s.root.Get("consumes")
	}
	if !c.Is(jsonpos.Array) {
		return false
	}
	for _, it := range c.Items {
		if v, ok := it.Str(); ok && strings.HasPrefix(strings.ToLower(strings.TrimSpace(v)), "application/x-www-form-urlencoded") {
			return true
		}
	}
	return false
}

var textLengthGuidelineExceeded = newRule(Rule{
	ID: "TextLengthGuidelineExceeded", Severity: Warning, Kinds: Publishable, Section: "4",
	Summary: "An operation summary, or the x-ms-summary of a parameter or body property, is over 80 characters.",
	Basis:   BasisListing, BasisReason: "connector string guidance",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:16:20", Pointer: "/paths/~1tasks/get/summary", Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\n"},
		}},
	},
})

var parameterSummaryMissing = newRule(Rule{
	ID: "ParameterSummaryMissing", Severity: Warning, Kinds: Publishable, Section: "5", New: Error, MsRule: "RequiredPropertyMissing",
	Fix:     fixParameterSummary,
	Summary: "A non-body, non-internal parameter of a non-internal operation has no x-ms-summary.",
	Basis:   BasisListing, BasisReason: "documentation policy; " + srcCarried,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:17:81", Pointer: "/paths/~1tasks/get/parameters/0", Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"type\": \"string\", \"description\": \"Text to search for.\"}],\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"type\": \"string\", \"x-ms-visibility\": \"internal\", \"default\": \"x\", \"required\": true}],\n"},
		}},
	},
})

var parameterDescriptionMissing = newRule(Rule{
	ID: "ParameterDescriptionMissing", Severity: Warning, Kinds: Publishable, Section: "5", New: Error, MsRule: "RequiredPropertyMissing",
	Summary: "A non-body, non-internal parameter of a non-internal operation has no description.",
	Basis:   BasisListing, BasisReason: "documentation policy; " + srcCarried,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:17:81", Pointer: "/paths/~1tasks/get/parameters/0", Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"type\": \"string\", \"x-ms-summary\": \"Search Query\"}],\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"summary\": \"List tasks\", \"x-ms-visibility\": \"internal\",\n        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"type\": \"string\", \"x-ms-summary\": \"Search Query\"}],\n"},
		}},
	},
})

var bodyParameterSummaryMissing = newRule(Rule{
	ID: "BodyParameterSummaryMissing", Severity: Notice, Kinds: Publishable, Section: "5",
	Summary: "A body parameter has no x-ms-summary.",
	Basis:   BasisStyle,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:25:24", Pointer: "/paths/~1tasks/post/parameters/0", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

var descriptionRepeatsName = newRule(Rule{
	ID: "DescriptionRepeatsName", Severity: Notice, Kinds: Publishable, Section: "5",
	Summary: "A parameter description only repeats its name or x-ms-summary (ignoring case and camelCase).",
	Basis:   BasisStyle,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:49:126", Pointer: "/parameters/taskId/description", Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"Task Id.\", \"x-ms-url-encoding\": \"single\"}\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

var pathParameterMustBeRequired = newRule(Rule{
	ID: "PathParameterMustBeRequired", Severity: Error, Kinds: AllKinds, Section: "5",
	Fix:     fixPathParameterRequired,
	Summary: "An in: path parameter without required: true.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:49:60", Pointer: "/parameters/taskId/required", Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": false, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

var pathParameterMissingEncoding = newRule(Rule{
	ID: "PathParameterMissingEncoding", Severity: Notice, Kinds: AllKinds, Section: "5",
	Fix:     fixPathParameterEncoding,
	Summary: "A path parameter without x-ms-url-encoding (single is recommended).",
	Basis:   BasisStyle,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:49:5", Pointer: "/parameters/taskId", Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

var queryParameterEncodingNotSupported = newRule(Rule{
	ID: "QueryParameterEncodingNotSupported", Severity: Warning, Kinds: AllKinds, Section: "5",
	Summary: "x-ms-url-encoding on a query parameter; query values are always single-encoded.",
	Basis:   BasisIgnored,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:17:198", Pointer: "/paths/~1tasks/get/parameters/0/x-ms-url-encoding", Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"x-ms-summary\": \"Search Query\", \"description\": \"Text to search for.\", \"type\": \"string\", \"x-ms-url-encoding\": \"single\"}],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"type\": \"string\", \"x-ms-summary\": \"Search Query\", \"description\": \"Text to search for.\"}],\n"},
		}},
	},
})

var connectionIdParameterNotAllowed = newRule(Rule{
	ID: "ConnectionIdParameterNotAllowed", Severity: Error, Kinds: AllKinds, Section: "5",
	Summary: "A parameter named connectionId (ignoring case); the platform reserves it.",
	Basis:   BasisRejected, BasisReason: "the platform reserves connectionId",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:17:90", Pointer: "/paths/~1tasks/get/parameters/0/name", Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"ConnectionId\", \"in\": \"query\", \"type\": \"string\"}],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"connection\", \"in\": \"query\", \"type\": \"string\"}],\n"},
		}},
	},
})

var bodyParameterSchemaRequired = newRule(Rule{
	ID: "BodyParameterSchemaRequired", Severity: Error, Kinds: AllKinds, Section: "5",
	Summary: "A body parameter has no schema.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:25:24", Pointer: "/paths/~1tasks/post/parameters/0", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\"}],\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

var bodyParameterPropertyNotValid = newRule(Rule{
	ID: "BodyParameterPropertyNotValid", Severity: Error, Kinds: AllKinds, Section: "5",
	Summary: "A body parameter has type, format, items, enum or default beside its schema.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:25:97", Pointer: "/paths/~1tasks/post/parameters/0/type", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"type\": \"object\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

var nonBodyParameterSchemaNotValid = newRule(Rule{
	ID: "NonBodyParameterSchemaNotValid", Severity: Error, Kinds: AllKinds, Section: "5",
	Summary: "A non-body parameter has a schema.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:17:180", Pointer: "/paths/~1tasks/get/parameters/0/schema", Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"x-ms-summary\": \"Search Query\", \"description\": \"Text to search for.\", \"schema\": {\"type\": \"string\"}}],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"type\": \"string\", \"x-ms-summary\": \"Search Query\", \"description\": \"Text to search for.\"}],\n"},
		}},
	},
})

var fileParameterMustBeInFormData = newRule(Rule{
	ID: "FileParameterMustBeInFormData", Severity: Error, Kinds: AllKinds, Section: "5",
	Summary: "A type: file parameter outside formData.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:17:188", Pointer: "/paths/~1tasks/get/parameters/0/type", Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"x-ms-summary\": \"Search Query\", \"description\": \"Text to search for.\", \"type\": \"file\"}],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, {\"name\": \"file\", \"in\": \"formData\", \"type\": \"file\"}],\n"},
		}},
	},
})

var invalidFormDataParameterName = newRule(Rule{
	ID: "InvalidFormDataParameterName", Severity: Error, Kinds: AllKinds, Section: "5",
	Summary: "A formData parameter name with non-US-ASCII characters.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:25:149", Pointer: "/paths/~1tasks/post/parameters/1/name", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, {\"name\": \"pièce\", \"in\": \"formData\", \"type\": \"file\"}],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, {\"name\": \"piece\", \"in\": \"formData\", \"type\": \"file\"}],\n"},
		}},
	},
})

var stringBinaryNotSupportedForFormUrlEncoded = newRule(Rule{
	ID: "StringBinaryNotSupportedForFormUrlEncoded", Severity: Error, Kinds: AllKinds, Section: "5",
	Summary: "A string/binary parameter in an operation that consumes application/x-www-form-urlencoded.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:25:202", Pointer: "/paths/~1tasks/post/parameters/1/format", Edits: []Edit{
			{File: SwaggerName, Old: "        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n", New: "        \"consumes\": [\"application/x-www-form-urlencoded\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, {\"name\": \"doc\", \"in\": \"formData\", \"type\": \"string\", \"format\": \"binary\"}],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n", New: "        \"consumes\": [\"multipart/form-data\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, {\"name\": \"doc\", \"in\": \"formData\", \"type\": \"string\", \"format\": \"binary\"}],\n"},
		}},
	},
})

var allowEmptyValueOnlyValidForQueryFormData = newRule(Rule{
	ID: "AllowEmptyValueOnlyValidForQueryFormData", Severity: Error, Kinds: AllKinds, Section: "5",
	Summary: "allowEmptyValue on a parameter outside query or formData.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:49:180", Pointer: "/parameters/taskId/allowEmptyValue", Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"allowEmptyValue\": true}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"x-ms-summary\": \"Search Query\", \"description\": \"Text to search for.\", \"type\": \"string\", \"allowEmptyValue\": true}],\n"},
		}},
	},
})

var internalParameterWithoutDefault = newRule(Rule{
	ID: "InternalParameterWithoutDefault", Severity: Error, Kinds: AllKinds, Section: "5",
	Summary: "An internal, required, non-body parameter without a default: nobody can supply the value.",
	Basis:   BasisBroken, BasisReason: "nobody can supply the value",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:17:81", Pointer: "/paths/~1tasks/get/parameters/0", Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"v\", \"in\": \"query\", \"type\": \"string\", \"required\": true, \"x-ms-visibility\": \"internal\"}],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"v\", \"in\": \"query\", \"type\": \"string\", \"required\": true, \"x-ms-visibility\": \"internal\", \"default\": \"2\"}],\n"},
		}},
	},
})

var propertyMustBeRequired = newRule(Rule{
	ID: "PropertyMustBeRequired", Severity: Warning, Kinds: AllKinds, Section: "5",
	Summary: "An internal parameter with a default that isn't required, so the default is dropped.",
	Basis:   BasisIgnored, BasisReason: "the default is dropped",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:17:81", Pointer: "/paths/~1tasks/get/parameters/0", Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"v\", \"in\": \"query\", \"type\": \"string\", \"x-ms-visibility\": \"internal\", \"default\": \"2\"}],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"v\", \"in\": \"query\", \"type\": \"string\", \"required\": true, \"x-ms-visibility\": \"internal\", \"default\": \"2\"}],\n"},
		}},
	},
})

func checkParameter(p *pass, s *spec, o *op, prm *param, seen dedupe, urlencoded bool) {
	f := s.f
	n, ptr := prm.node, prm.ptr
	// Most rules depend on the parameter alone: they run at its first use. The few that depend
	// on the operation too (its visibility, its consumes) run at every use and report once.
	// Only a parameter reached through a $ref or declared on the path item can be used more than
	// once; an operation's own is seen once and needs no entry (a swagger of 24,000 operations
	// kept some 100,000 of them).
	shared := prm.ref != "" || prm.pathLevel
	firstUse := !shared || seen.first("parameter", ptr)
	once := func(*Rule) bool { return firstUse }
	onceOp := func(rule *Rule) bool { return !shared || seen.first(rule.ID, ptr) }
	who := lazyWho{o, prm}
	internal := isInternal(n)
	visible := !internal && !o.internal

	if strings.EqualFold(prm.name, "connectionId") && once(connectionIdParameterNotAllowed) {
		p.report(connectionIdParameterNotAllowed, value(f, n.Get("name"), ptr+"/name"),
			"%s is reserved: the platform supplies connectionId itself; rename the parameter", who)
	}
	switch prm.in {
	case "path":
		if !prm.required && once(pathParameterMustBeRequired) {
			where := parent(f, ptr)
			if r := n.Get("required"); r != nil {
				where = value(f, r, ptr+"/required")
			}
			p.report(pathParameterMustBeRequired, where, "%s is in the path, so it must be \"required\": true", who)
		}
		if n.Member("x-ms-url-encoding") == nil && once(pathParameterMissingEncoding) {
			p.report(pathParameterMissingEncoding, parent(f, ptr),
				"%s has no x-ms-url-encoding; add \"x-ms-url-encoding\": \"single\" (or \"double\" when the value may contain /)", who)
		}
	case "query":
		if m := n.Member("x-ms-url-encoding"); m != nil && once(queryParameterEncodingNotSupported) {
			p.report(queryParameterEncodingNotSupported, name(f, m, ptr+"/x-ms-url-encoding"),
				"%s is a query parameter; query values are always single-encoded: remove x-ms-url-encoding", who)
		}
	}
	if m := n.Member("allowEmptyValue"); m != nil && prm.in != "query" && prm.in != "formData" && prm.in != "" && once(allowEmptyValueOnlyValidForQueryFormData) {
		p.report(allowEmptyValueOnlyValidForQueryFormData, name(f, m, ptr+"/allowEmptyValue"),
			"%s is in %s; allowEmptyValue applies only to query and formData parameters: remove it", who, prm.in)
	}

	// What people read.
	summary, hasSummary := n.Get("x-ms-summary").Str()
	if prm.in == "body" {
		if n.Member("x-ms-summary") == nil && once(bodyParameterSummaryMissing) {
			p.report(bodyParameterSummaryMissing, parent(f, ptr),
				"%s (the body) has no x-ms-summary; add a short Title Case label (e.g. \"Task\")", who)
		}
	} else if visible && prm.in != "" {
		if n.Member("x-ms-summary") == nil && onceOp(parameterSummaryMissing) {
			p.report(parameterSummaryMissing, parent(f, ptr),
				"%s has no x-ms-summary; add a short Title Case label (e.g. %q)", who, titleCase(prm.name))
		}
		if n.Member("description") == nil && onceOp(parameterDescriptionMissing) {
			p.report(parameterDescriptionMissing, parent(f, ptr),
				"%s has no description; add a sentence saying what value to give, shown as the field's tooltip", who)
		}
	}
	if hasSummary && utf8.RuneCountInString(summary) > guidelineSummaryLimit && once(textLengthGuidelineExceeded) {
		p.report(textLengthGuidelineExceeded, value(f, n.Get("x-ms-summary"), ptr+"/x-ms-summary"),
			"%s has an x-ms-summary of %d characters; keep the label to %d or fewer and move detail to the description",
			who, utf8.RuneCountInString(summary), guidelineSummaryLimit)
	}
	// (A description longer than twice the longer label plus a few separators can't equal either.)
	if d, ok := n.Get("description").Str(); ok && strings.TrimSpace(d) != "" && len(d) <= 2*max(len(prm.name), len(summary))+4 && once(descriptionRepeatsName) {
		dw := words(d)
		what := ""
		switch {
		case dw == words(prm.name):
			what = "name"
		case hasSummary && dw == words(summary):
			what = "x-ms-summary"
		}
		if what != "" {
			p.report(descriptionRepeatsName, value(f, n.Get("description"), ptr+"/description"),
				"%s has a description that only repeats its %s; say what value to give and in which format", who, what)
		}
	}

	// Shape.
	switch prm.in {
	case "body":
		if n.Member("schema") == nil {
			if once(bodyParameterSchemaRequired) {
				p.report(bodyParameterSchemaRequired, parent(f, ptr), "%s is a body parameter without a schema; add \"schema\" describing the body", who)
			}
		}
		for _, k := range []string{"type", "format", "items", "enum", "default"} {
			if m := n.Member(k); m != nil {
				if once(bodyParameterPropertyNotValid) {
					p.report(bodyParameterPropertyNotValid, name(f, m, jsonpos.Join(ptr, k)),
						"%s is a body parameter with %q; a body is described only by its schema: move %q into the schema", who, k, k)
				}
				break
			}
		}
		checkBodySchema(p, s, o, prm, seen)
	case "query", "header", "path", "formData":
		if m := n.Member("schema"); m != nil && once(nonBodyParameterSchemaNotValid) {
			p.report(nonBodyParameterSchemaNotValid, name(f, m, ptr+"/schema"),
				"%s is in %s and has a schema; only body parameters take one: use type (and items) instead", who, prm.in)
		}
	}
	typ := str(n.Get("type"))
	if typ == "file" && prm.in != "formData" && prm.in != "" && once(fileParameterMustBeInFormData) {
		p.report(fileParameterMustBeInFormData, value(f, n.Get("type"), ptr+"/type"),
			"%s has type file but is in %s; file parameters must be in: formData (or use a body with format binary)", who, prm.in)
	}
	if prm.in == "formData" && !isASCII(prm.name) && once(invalidFormDataParameterName) {
		p.report(invalidFormDataParameterName, value(f, n.Get("name"), ptr+"/name"),
			"%s is a formData parameter with non-US-ASCII characters in its name; use ASCII letters, digits, - and _", who)
	}
	if urlencoded && typ == "string" && str(n.Get("format")) == "binary" && onceOp(stringBinaryNotSupportedForFormUrlEncoded) {
		p.report(stringBinaryNotSupportedForFormUrlEncoded, value(f, n.Get("format"), ptr+"/format"),
			"%s is string/binary but the operation consumes application/x-www-form-urlencoded; send binary content as multipart/form-data or a body", who)
	}
	if firstUse && hasAny(n, "collectionFormat", "items") {
		checkCollectionFormat(p, f, n, ptr, prm.in, who)
	}
	if firstUse && hasAny(n, "default", "enum", "items") {
		checkTypedValues(p, f, n, ptr, who)
	}

	// Internal parameters: the platform fills them from their default.
	if internal && prm.in != "body" {
		hasDefault := n.Member("default") != nil
		switch {
		case prm.required && !hasDefault:
			if once(internalParameterWithoutDefault) {
				p.report(internalParameterWithoutDefault, parent(f, ptr),
					"%s is internal and required but has no default, so nobody can supply it; add a default or make it visible", who)
			}
		case !prm.required && hasDefault:
			if once(propertyMustBeRequired) {
				p.report(propertyMustBeRequired, parent(f, ptr),
					"%s is internal with a default but not required, so the default is never sent; add \"required\": true", who)
			}
		}
	}
}

var collectionFormatValueNotSupported = newRule(Rule{
	ID: "CollectionFormatValueNotSupported", Severity: Error, Kinds: AllKinds, Section: "5",
	Summary: "collectionFormat outside csv, ssv, tsv, pipes, multi, or multi outside query and formData.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:17:246", Pointer: "/paths/~1tasks/get/parameters/0/collectionFormat", Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"x-ms-summary\": \"Search Query\", \"description\": \"Text to search for.\", \"type\": \"array\", \"items\": {\"type\": \"string\"}, \"collectionFormat\": \"comma\"}],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"x-ms-summary\": \"Search Query\", \"description\": \"Text to search for.\", \"type\": \"array\", \"items\": {\"type\": \"string\"}, \"collectionFormat\": \"multi\"}],\n"},
		}},
	},
})

// checkCollectionFormat checks collectionFormat on a parameter and on its items.
func checkCollectionFormat(p *pass, f *File, n *jsonpos.Node, ptr, in string, who fmt.Stringer) {
	for depth := 0; n.Is(jsonpos.Object) && depth < 8; depth++ {
		if cf := n.Get("collectionFormat"); cf != nil {
			v, _ := cf.Str()
			cptr := ptr + "/collectionFormat"
			switch {
			case !collectionFormats[v]:
				p.report(collectionFormatValueNotSupported, value(f, cf, cptr),
					"%s has collectionFormat %s; use one of csv, ssv, tsv, pipes or multi", who, string(f.Data[cf.Start:cf.End]))
			case v == "multi" && depth == 0 && in != "query" && in != "formData" && in != "":
				p.report(collectionFormatValueNotSupported, value(f, cf, cptr),
					"%s is in %s; collectionFormat multi works only in query and formData: use csv", who, in)
			}
		}
		items := n.Get("items")
		if items == nil {
			return
		}
		n, ptr = items, ptr+"/items"
	}
}

var defaultValueMustMatchType = newRule(Rule{
	ID: "DefaultValueMustMatchType", Severity: Warning, Kinds: AllKinds, Section: "5",
	Summary: "A default of the wrong JSON type for the parameter's or body property's type (\"10\" for an integer).",
	Basis:   BasisIgnored, BasisReason: "the platform coerces the value",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:17:210", Pointer: "/paths/~1tasks/get/parameters/0/default", Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"x-ms-summary\": \"Search Query\", \"description\": \"Text to search for.\", \"type\": \"integer\", \"default\": \"10\"}],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"x-ms-summary\": \"Search Query\", \"description\": \"Text to search for.\", \"type\": \"integer\", \"default\": 10}],\n"},
		}},
	},
})

var invalidEnumValue = newRule(Rule{
	ID: "InvalidEnumValue", Severity: Warning, Kinds: AllKinds, Section: "5",
	Summary: "An enum member of the wrong JSON type for the parameter's or body property's type.",
	Basis:   BasisIgnored,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:17:211", Pointer: "/paths/~1tasks/get/parameters/0/enum/1", Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"x-ms-summary\": \"Search Query\", \"description\": \"Text to search for.\", \"type\": \"integer\", \"enum\": [1, \"2\"]}],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"x-ms-summary\": \"Search Query\", \"description\": \"Text to search for.\", \"type\": \"integer\", \"enum\": [1, 2]}],\n"},
		}},
	},
})

// checkTypedValues checks default and enum against type on a parameter (or schema) and its
// items.
func checkTypedValues(p *pass, f *File, n *jsonpos.Node, ptr string, who fmt.Stringer) {
	for depth := 0; n.Is(jsonpos.Object) && depth < 8; depth++ {
		typ, ok := n.Get("type").Str()
		if !ok {
			return
		}
		if d := n.Get("default"); d != nil && !matchesType(d, typ) {
			p.report(defaultValueMustMatchType, value(f, d, ptr+"/default"),
				"%s has default %s, which isn't of type %s; write it as %s", who, clip(string(f.Data[d.Start:d.End]), 40), typ, example(typ, d))
		}
		if e := n.Get("enum"); e.Is(jsonpos.Array) {
			for i, it := range e.Items {
				if !matchesType(it, typ) {
					p.report(invalidEnumValue, value(f, it, jsonpos.Index(ptr+"/enum", i)),
						"%s has enum value %s, which isn't of type %s; write it as %s", who, clip(string(f.Data[it.Start:it.End]), 40), typ, example(typ, it))
					break // one per enum: the rest usually share the mistake
				}
			}
		}
		items := n.Get("items")
		if items == nil {
			return
		}
		n, ptr = items, ptr+"/items"
	}
}

// matchesType reports whether a JSON value fits a Swagger type (null is tolerated: x-nullable).
func matchesType(v *jsonpos.Node, typ string) bool {
	switch v.Kind {
	case jsonpos.Null:
		return true
	case jsonpos.String:
		return typ == "string" || typ == "file"
	case jsonpos.Number:
		if typ == "integer" {
			return isIntegral(v.Text)
		}
		return typ == "number"
	case jsonpos.Bool:
		return typ == "boolean"
	case jsonpos.Array:
		return typ == "array"
	case jsonpos.Object:
		return typ == "object"
	}
	return true
}

// isIntegral: a number literal without a fraction ("10", "10.0"); exponents are left alone.
func isIntegral(lit string) bool {
	if strings.ContainsAny(lit, "eE") {
		return true
	}
	_, frac, _ := strings.Cut(lit, ".")
	return strings.Trim(frac, "0") == ""
}

// example suggests how to write v as typ.
func example(typ string, v *jsonpos.Node) string {
	switch typ {
	case "integer", "number":
		if v.Kind == jsonpos.String {
			return "a JSON number without quotes (" + v.Text + ")"
		}
		return "a JSON number"
	case "boolean":
		if v.Kind == jsonpos.String {
			return "true or false without quotes"
		}
		return "true or false"
	case "string":
		if v.Kind == jsonpos.Number || v.Kind == jsonpos.Bool {
			return "a quoted string (\"" + v.Text + "\")"
		}
		return "a quoted string"
	}
	return "a " + typ
}

var internalPropertyWithDefaultOptional = newRule(Rule{
	ID: "InternalPropertyWithDefaultOptional", Severity: Warning, Kinds: AllKinds, Section: "5",
	Summary: "An internal body-schema property with a default that isn't required, so the default is dropped.",
	Basis:   BasisIgnored, BasisReason: "the default is dropped",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:37", Pointer: "/definitions/Task/properties/title/x-ms-visibility", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"x-ms-visibility\": \"internal\", \"default\": \"x\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "      \"type\": \"object\",\n      \"properties\": {\n        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "      \"type\": \"object\", \"required\": [\"title\"],\n      \"properties\": {\n        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n        \"title\": {\"type\": \"string\", \"x-ms-visibility\": \"internal\", \"default\": \"x\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

var requiredReadOnlyPropertyNotAllowedAsInput = newRule(Rule{
	ID: "RequiredReadOnlyPropertyNotAllowedAsInput", Severity: Error, Kinds: AllKinds, Section: "5",
	Summary: "A body-schema property that is both readOnly and required.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:43:46", Pointer: "/definitions/Task/properties/id/readOnly", Edits: []Edit{
			{File: SwaggerName, Old: "      \"type\": \"object\",\n      \"properties\": {\n        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n", New: "      \"type\": \"object\", \"required\": [\"id\"],\n      \"properties\": {\n        \"id\": {\"type\": \"string\", \"readOnly\": true, \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n", New: "        \"id\": {\"type\": \"string\", \"readOnly\": true, \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n"},
		}},
	},
})

var operationParameterNameIsAmbiguous = newRule(Rule{
	ID: "OperationParameterNameIsAmbiguous", Severity: Error, Kinds: AllKinds, Section: "5",
	Summary: "A parameter name equals the dotted path of a body property in the same operation.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:25:149", Pointer: "/paths/~1tasks/post/parameters/1/name", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, {\"name\": \"body.title\", \"in\": \"query\", \"type\": \"string\"}],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, {\"name\": \"title\", \"in\": \"query\", \"type\": \"string\"}],\n"},
		}},
	},
})

// checkBodySchema checks the properties of a body parameter's schema: readOnly and required at
// once, internal optional properties with a default, typed defaults and enums, and parameter
// names that collide with a property path.
func checkBodySchema(p *pass, s *spec, o *op, prm *param, seen dedupe) {
	f := s.f
	sch := prm.node.Get("schema")
	if !sch.Is(jsonpos.Object) {
		return
	}
	names := map[string]*param{}
	for _, q := range o.params {
		if q.in != "body" && strings.HasPrefix(q.name, prm.name+".") {
			names[q.name] = q
		}
	}
	// Each place a schema is used (its usePtr: a property, items, a body's schema) is walked once
	// per connector: what lies below it and its required flag are the same at every visit, and
	// findings are reported once where they are written. So a definition shared by many bodies
	// costs one walk; only an operation with dotted parameter names needs its own.
	s.walkSchema(sch, prm.ptr+"/schema", func(sn schemaNode) bool {
		if len(names) == 0 && !seen.first("schema", sn.usePtr()) {
			return false
		}
		// Below a $ref target everything is the same at every use (the target's pointers, its
		// required lists): a definition shared by 4,000 bodies is walked once, not 4,000 times.
		descend := len(names) > 0 || !sn.loc.viaRef || seen.first("schema target", sn.ptr())
		n := sn.node
		where := func() fmt.Stringer {
			return stringer(func() string {
				if sn.depth == 0 {
					return o.label() + ": body schema of " + quote(prm.name)
				}
				return o.label() + ": body property " + quote(sn.path())
			})
		}
		if sn.depth > 0 {
			if ro := n.Get("readOnly"); sn.required && ro.Is(jsonpos.Bool) && ro.Text == "true" && seen.first(requiredReadOnlyPropertyNotAllowedAsInput.ID, sn.ptr()) {
				p.report(requiredReadOnlyPropertyNotAllowedAsInput, value(f, ro, sn.ptr()+"/readOnly"),
					"%s is readOnly and required in a request body, so no valid request exists; drop it from required (or drop readOnly)", where())
			}
			if xs, ok := n.Get("x-ms-summary").Str(); ok && utf8.RuneCountInString(xs) > guidelineSummaryLimit && seen.first(textLengthGuidelineExceeded.ID, sn.ptr()) {
				p.report(textLengthGuidelineExceeded, value(f, n.Get("x-ms-summary"), sn.ptr()+"/x-ms-summary"),
					"%s has an x-ms-summary of %d characters; keep the label to %d or fewer and move detail to the description",
					where(), utf8.RuneCountInString(xs), guidelineSummaryLimit)
			}
			if isInternal(n) && n.Member("default") != nil && !sn.required && seen.first(internalPropertyWithDefaultOptional.ID, sn.ptr()) {
				p.report(internalPropertyWithDefaultOptional, name(f, n.Member("x-ms-visibility"), sn.ptr()+"/x-ms-visibility"),
					"%s is internal with a default but not required, so the default is never sent; list it in its parent's required array", where())
			}
			// The designer flattens body properties to "<body>.<path>"; a parameter of that name
			// collides. (A path parameter "id" beside a body property "id" is fine: 11 published
			// connectors do it.)
			if len(names) > 0 {
				dotted := prm.name + "." + sn.path()
				if q, ok := names[dotted]; ok && seen.first(operationParameterNameIsAmbiguous.ID, q.ptr) {
					p.report(operationParameterNameIsAmbiguous, value(f, q.node.Get("name"), q.ptr+"/name"),
						"%s: parameter %q has the same name as body property %q; the designer can't tell them apart: rename the parameter", o.label(), q.name, dotted)
				}
			}
		}
		if (n.Member("default") != nil || n.Member("enum") != nil) && seen.first(defaultValueMustMatchType.ID, sn.ptr()) {
			checkTypedValues(p, f, n, sn.ptr(), where())
		}
		return descend
	})
}

// words normalises a label for comparison: camelCase and separators split, lower case, trailing
// period dropped ("taskId" and "Task ID." are both "task id").
func words(s string) string {
	var sb strings.Builder
	sb.Grow(len(s) + len(s)/4) // room for the spaces camelCase adds: one allocation
	prevLower := false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if unicode.IsUpper(r) && prevLower {
				sb.WriteByte(' ')
			}
			sb.WriteRune(unicode.ToLower(r))
			prevLower = unicode.IsLower(r) || unicode.IsDigit(r)
		default:
			if sb.Len() > 0 && !strings.HasSuffix(sb.String(), " ") {
				sb.WriteByte(' ')
			}
			prevLower = false
		}
	}
	return strings.TrimSpace(sb.String())
}

// titleCase suggests a label for a parameter name ("taskId" -> "Task Id").
func titleCase(name string) string {
	w := strings.Fields(words(name))
	for i, x := range w {
		r, size := utf8.DecodeRuneInString(x)
		w[i] = string(unicode.ToUpper(r)) + x[size:]
	}
	if len(w) == 0 {
		return "Name"
	}
	return strings.Join(w, " ")
}

func quote(s string) string { return strconv.Quote(s) }

// lazyWho names a parameter in messages ("GetTask: parameter \"q\""), built only when a finding
// needs it.
type lazyWho struct {
	o   *op
	prm *param
}

func (w lazyWho) String() string { return w.o.label() + ": parameter " + quote(w.prm.name) }

// stringer defers building a message fragment until a finding needs it.
type stringer func() string

func (f stringer) String() string { return f() }

func hasAny(n *jsonpos.Node, keys ...string) bool {
	for _, k := range keys {
		if n.Member(k) != nil {
			return true
		}
	}
	return false
}
