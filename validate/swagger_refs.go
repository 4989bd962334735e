package validate

import (
	"strings"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// Keys whose children are named by the author (a property called "example" is a schema, not an
// example), and keys whose values are data, where a "$ref" member is just data.
var (
	refNameMaps = map[string]bool{"properties": true, "definitions": true, "parameters": true, "responses": true,
		"paths": true, "headers": true, "securityDefinitions": true, "patternProperties": true}
	refDataKeys = map[string]bool{"example": true, "examples": true, "x-example": true, "x-ms-examples": true,
		"default": true, "enum": true, "x-ms-test-value": true, "const": true}
)

// checkSchemaRefs reports every $ref of the file that is not a parameter or path-item
// reference (§5 and §4 check those): schema references must point at #/definitions and
// response references at #/responses, inside this file.
func checkSchemaRefs(p *pass) {
	root := swaggerRoot(p.c)
	if root == nil {
		return
	}
	sp := newSchemaPass(p)
	// The walk keeps the path as tokens and builds a pointer only for a $ref it finds: most of
	// the file has none, and building every pointer would dominate the cost.
	var path jsonpos.Path
	var nameBuf []string // reused: checkRef doesn't keep the tokens
	names := func() []string {
		nameBuf = nameBuf[:0]
		for _, t := range path {
			nameBuf = append(nameBuf, t.Name)
		}
		return nameBuf
	}
	var walk func(n *jsonpos.Node, nameMap bool)
	walk = func(n *jsonpos.Node, nameMap bool) {
		if len(path) > 256 {
			return
		}
		switch n.Kind {
		case jsonpos.Array:
			for i, it := range n.Items {
				path = append(path, jsonpos.Step{Index: i})
				walk(it, false)
				path = path[:len(path)-1]
			}
		case jsonpos.Object:
			for i := range n.Members {
				m := &n.Members[i]
				if !nameMap {
					if m.Name == "$ref" {
						if ref, ok := m.Value.Str(); ok {
							sp.checkRef(n, path.Pointer, names(), ref, m)
						}
						continue
					}
					if refDataKeys[m.Name] || (strings.HasPrefix(m.Name, "x-") && m.Name != "x-ms-notification-content") {
						continue
					}
				}
				if m.Value.Kind != jsonpos.Object && m.Value.Kind != jsonpos.Array {
					continue
				}
				path = append(path, jsonpos.Step{Name: m.Name, Index: -1})
				walk(m.Value, !nameMap && refNameMaps[m.Name] && m.Value.Is(jsonpos.Object))
				path = path[:len(path)-1]
			}
		}
	}
	walk(root, false)
}

// refKind classifies where a $ref is written by the pointer tokens of its object.
func refKind(t []string) string {
	switch {
	case len(t) == 2 && t[0] == "paths":
		return "pathItem"
	case len(t) == 2 && (t[0] == "parameters" || t[0] == "responses"):
		return t[0]
	case len(t) == 4 && t[0] == "paths" && t[2] == "parameters",
		len(t) == 5 && t[0] == "paths" && t[3] == "parameters":
		return "parameters"
	case len(t) == 5 && t[0] == "paths" && t[3] == "responses":
		return "responses"
	}
	return "schema"
}

var responseReferenceNotFound = newRule(Rule{
	ID: "ResponseReferenceNotFound", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "A response $ref points at nothing in the file.",
	Basis:   BasisBroken, BasisReason: "the $ref resolves to nothing",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:26:39", Pointer: "/paths/~1tasks/post/responses/200/$ref", Edits: []Edit{
			{File: SwaggerName, Old: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n", New: "        \"responses\": {\"200\": {\"$ref\": \"#/responses/Nope\"}}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n        \"description\": \"Gets one task by its ID.\",\n        \"parameters\": [{\"$ref\": \"#/parameters/taskId\"}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    }\n  },\n  \"definitions\": {\n    \"Task\": {\n      \"type\": \"object\",\n      \"properties\": {\n        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n      }\n    }\n  },\n  \"parameters\": {\n", New: "        \"responses\": {\"200\": {\"$ref\": \"#/responses/Ok\"}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n        \"description\": \"Gets one task by its ID.\",\n        \"parameters\": [{\"$ref\": \"#/parameters/taskId\"}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    }\n  },\n  \"definitions\": {\n    \"Task\": {\n      \"type\": \"object\",\n      \"properties\": {\n        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n      }\n    }\n  },\n  \"responses\": {\"Ok\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}, \"parameters\": {\n"},
		}},
	},
})

var responseReferenceNotValid = newRule(Rule{
	ID: "ResponseReferenceNotValid", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "A response $ref is external, malformed or not #/responses/...",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:26:39", Pointer: "/paths/~1tasks/post/responses/200/$ref", Edits: []Edit{
			{File: SwaggerName, Old: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n", New: "        \"responses\": {\"200\": {\"$ref\": \"#/definitions/Task\"}}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n        \"description\": \"Gets one task by its ID.\",\n        \"parameters\": [{\"$ref\": \"#/parameters/taskId\"}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    }\n  },\n  \"definitions\": {\n    \"Task\": {\n      \"type\": \"object\",\n      \"properties\": {\n        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n      }\n    }\n  },\n  \"parameters\": {\n", New: "        \"responses\": {\"200\": {\"$ref\": \"#/responses/Ok\"}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n        \"description\": \"Gets one task by its ID.\",\n        \"parameters\": [{\"$ref\": \"#/parameters/taskId\"}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    }\n  },\n  \"definitions\": {\n    \"Task\": {\n      \"type\": \"object\",\n      \"properties\": {\n        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n      }\n    }\n  },\n  \"responses\": {\"Ok\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}, \"parameters\": {\n"},
		}},
	},
})

var responseRefLoopNotAllowed = newRule(Rule{
	ID: "ResponseRefLoopNotAllowed", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "A #/responses entry is itself a $ref.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:48:32", Pointer: "/responses/Ok/$ref", Edits: []Edit{
			{File: SwaggerName, Old: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n        \"description\": \"Gets one task by its ID.\",\n        \"parameters\": [{\"$ref\": \"#/parameters/taskId\"}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    }\n  },\n  \"definitions\": {\n    \"Task\": {\n      \"type\": \"object\",\n      \"properties\": {\n        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n      }\n    }\n  },\n  \"parameters\": {\n", New: "        \"responses\": {\"200\": {\"$ref\": \"#/responses/Ok\"}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n        \"description\": \"Gets one task by its ID.\",\n        \"parameters\": [{\"$ref\": \"#/parameters/taskId\"}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    }\n  },\n  \"definitions\": {\n    \"Task\": {\n      \"type\": \"object\",\n      \"properties\": {\n        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n      }\n    }\n  },\n  \"responses\": {\"Ok\": {\"$ref\": \"#/responses/Real\"}, \"Real\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}, \"parameters\": {\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n        \"description\": \"Gets one task by its ID.\",\n        \"parameters\": [{\"$ref\": \"#/parameters/taskId\"}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    }\n  },\n  \"definitions\": {\n    \"Task\": {\n      \"type\": \"object\",\n      \"properties\": {\n        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n      }\n    }\n  },\n  \"parameters\": {\n", New: "        \"responses\": {\"200\": {\"$ref\": \"#/responses/Ok\"}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n        \"description\": \"Gets one task by its ID.\",\n        \"parameters\": [{\"$ref\": \"#/parameters/taskId\"}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    }\n  },\n  \"definitions\": {\n    \"Task\": {\n      \"type\": \"object\",\n      \"properties\": {\n        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n      }\n    }\n  },\n  \"responses\": {\"Ok\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}, \"parameters\": {\n"},
		}},
	},
})

var schemaReferenceNotFound = newRule(Rule{
	ID: "SchemaReferenceNotFound", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "A schema $ref points at nothing in the file (every one is reported).",
	Basis:   BasisBroken, BasisReason: "the $ref resolves to nothing",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:18:98", Pointer: "/paths/~1tasks/get/responses/200/schema/items/$ref", Edits: []Edit{
			{File: SwaggerName, Old: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n", New: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Tasks\"}}}}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n", New: "        \"id\": {\"type\": \"string\", \"example\": {\"$ref\": \"#/nowhere\"}, \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n"},
		}},
	},
})

var schemaReferenceNotValid = newRule(Rule{
	ID: "SchemaReferenceNotValid", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "A schema $ref points outside the file or outside #/definitions/.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:18:98", Pointer: "/paths/~1tasks/get/responses/200/schema/items/$ref", Edits: []Edit{
			{File: SwaggerName, Old: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n", New: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"common.json#/definitions/Task\"}}}}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n", New: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task/properties/id\"}}}}\n"},
		}},
	},
})

var schemaRefLoopNotAllowed = newRule(Rule{
	ID: "SchemaRefLoopNotAllowed", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "A definition is only a $ref (to another definition, or around a loop).",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:39:38", Pointer: "/definitions/Alias/$ref", Edits: []Edit{
			{File: SwaggerName, Old: "  \"definitions\": {\n", New: "  \"definitions\": { \"Alias\": {\"$ref\": \"#/definitions/Task\"},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "  \"definitions\": {\n", New: "  \"definitions\": { \"Alias\": {\"allOf\": [{\"$ref\": \"#/definitions/Task\"}]},\n"},
		}},
	},
})

var jsonPointerNotValid = newRule(Rule{
	ID: "JsonPointerNotValid", Severity: Error, Kinds: AllKinds, Section: "6",
	Summary: "A $ref fragment is not a JSON pointer (#definitions/X, bad ~ escapes).",
	Basis:   BasisBroken, BasisReason: "the $ref resolves to nothing",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:18:98", Pointer: "/paths/~1tasks/get/responses/200/schema/items/$ref", Edits: []Edit{
			{File: SwaggerName, Old: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n", New: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#definitions/Task\"}}}}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n        \"description\": \"Gets one task by its ID.\",\n        \"parameters\": [{\"$ref\": \"#/parameters/taskId\"}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    }\n  },\n  \"definitions\": {\n", New: "        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/A~1B\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n        \"description\": \"Gets one task by its ID.\",\n        \"parameters\": [{\"$ref\": \"#/parameters/taskId\"}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    }\n  },\n  \"definitions\": { \"A/B\": {\"type\": \"object\", \"properties\": {\"x\": {\"type\": \"string\"}}},\n"},
		}},
	},
})

// checkRef checks one $ref; pointer builds the pointer of the object holding it (most
// references are fine, so it is built only to report).
func (sp *schemaPass) checkRef(holder *jsonpos.Node, pointer func() string, tokens []string, ref string, m *jsonpos.Member) {
	kind := refKind(tokens)
	if kind == "pathItem" || kind == "parameters" {
		return
	}
	_, problem := sp.s.lookupRef(ref)
	if problem == refOK && (kind == "responses" && strings.HasPrefix(ref, "#/responses/") && len(tokens) != 2 ||
		kind == "schema" && strings.HasPrefix(ref, "#/definitions/") && !(len(tokens) == 2 && tokens[0] == "definitions")) {
		return // a valid reference: nothing to report
	}
	ptr := pointer()
	where := value(sp.f, m.Value, ptr+"/$ref")
	if kind == "responses" {
		switch {
		case problem == refExternal:
			sp.report(responseReferenceNotValid, where, "response reference %q points outside this file; the platform takes a single file: define it under #/responses", ref)
		case problem == refMalformed || !strings.HasPrefix(ref, "#/responses/"):
			sp.report(responseReferenceNotValid, where, "response reference %q must have the form #/responses/Name", ref)
		case problem == refNotFound:
			sp.report(responseReferenceNotFound, where, "response reference %q points at nothing; define %s or fix the name", ref, ref[1:])
		case len(tokens) == 2:
			sp.report(responseRefLoopNotAllowed, where, "a #/responses entry may not itself be a reference; write the response here")
		}
		return
	}
	switch {
	case problem == refExternal:
		sp.report(schemaReferenceNotValid, where, "schema reference %q points outside this file; the platform takes a single file: copy the schema under #/definitions", ref)
	case problem == refMalformed:
		sp.report(jsonPointerNotValid, where, "%q is not a valid JSON pointer reference; write it as #/definitions/Name (with ~1 for / and ~0 for ~ in names)", ref)
	case !strings.HasPrefix(ref, "#/definitions/"):
		sp.report(schemaReferenceNotValid, where, "schema reference %q must point under #/definitions/", ref)
	case problem == refNotFound:
		sp.report(schemaReferenceNotFound, where, "schema reference %q points at nothing; add definition %q or fix the name", ref, defName(ref))
	case len(tokens) == 2 && tokens[0] == "definitions":
		if _, _, pr := sp.s.resolve(holder, ptr); pr == refLoop {
			sp.report(schemaRefLoopNotAllowed, where, "definition %q refers to itself through a chain of references; write the schema out in one of them", tokens[1])
		} else if len(holder.Members) == 1 {
			sp.report(schemaRefLoopNotAllowed, where, "definition %q is only a reference to %s; refer to %s directly instead", tokens[1], ref, defName(ref))
		}
	}
}

func defName(ref string) string {
	toks, _ := jsonpos.SplitPointer(strings.TrimPrefix(ref, "#"))
	if len(toks) >= 2 {
		return toks[1]
	}
	return ref
}
