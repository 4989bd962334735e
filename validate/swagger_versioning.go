package validate

import (
	"strconv"
	"strings"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// Operation versioning (x-ms-api-annotation): a changed operation keeps its old version marked
// deprecated and adds a successor in the same family with a higher revision.

// annotation is an operation's x-ms-api-annotation.
type annotation struct {
	o        *op
	node     *jsonpos.Node
	ptr      string
	family   string
	revision *jsonpos.Node // nil when absent
	rev      int           // 0 when absent or not a positive integer
	status   string
}

var operationIdShouldEndWithRevision = newRule(Rule{
	ID: "OperationIdShouldEndWithRevision", Severity: Warning, Kinds: AllKinds, Section: "4",
	Summary: "x-ms-api-annotation.revision is r > 1 but the operationId doesn't end in V<r>.",
	Basis:   BasisStyle,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:31:24", Pointer: "/paths/~1tasks~1{taskId}/get/operationId", Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"Get a task\",\n", New: "        \"summary\": \"Get a task\", \"x-ms-api-annotation\": {\"family\": \"GetTask\", \"revision\": 2},\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n", New: "        \"operationId\": \"GetTaskV2\",\n        \"summary\": \"Get a task\", \"x-ms-api-annotation\": {\"family\": \"GetTask\", \"revision\": 2},\n"},
		}},
	},
})

var operationStatusAheadOfConnector = newRule(Rule{
	ID: "OperationStatusAheadOfConnector", Severity: Error, Kinds: AllKinds, Section: "4",
	Summary: "An operation's annotation status is Production while info's is Preview.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:16:68", Pointer: "/paths/~1tasks/get/x-ms-api-annotation/status", Edits: []Edit{
			{File: SwaggerName, Old: "    \"version\": \"1.0\",\n    \"contact\": {\"name\": \"Jane Doe\", \"url\": \"https://contoso.com\", \"email\": \"jane@contoso.com\"}\n  },\n  \"host\": \"api.tasksapp.io\",\n  \"basePath\": \"/v1\",\n  \"schemes\": [\"https\"],\n  \"paths\": {\n    \"/tasks\": {\n      \"get\": {\n        \"operationId\": \"ListTasks\",\n        \"summary\": \"List tasks\",\n", New: "    \"version\": \"1.0\", \"x-ms-api-annotation\": {\"status\": \"Preview\"},\n    \"contact\": {\"name\": \"Jane Doe\", \"url\": \"https://contoso.com\", \"email\": \"jane@contoso.com\"}\n  },\n  \"host\": \"api.tasksapp.io\",\n  \"basePath\": \"/v1\",\n  \"schemes\": [\"https\"],\n  \"paths\": {\n    \"/tasks\": {\n      \"get\": {\n        \"operationId\": \"ListTasks\",\n        \"summary\": \"List tasks\", \"x-ms-api-annotation\": {\"status\": \"Production\"},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "    \"version\": \"1.0\",\n    \"contact\": {\"name\": \"Jane Doe\", \"url\": \"https://contoso.com\", \"email\": \"jane@contoso.com\"}\n  },\n  \"host\": \"api.tasksapp.io\",\n  \"basePath\": \"/v1\",\n  \"schemes\": [\"https\"],\n  \"paths\": {\n    \"/tasks\": {\n      \"get\": {\n        \"operationId\": \"ListTasks\",\n        \"summary\": \"List tasks\",\n", New: "    \"version\": \"1.0\", \"x-ms-api-annotation\": {\"status\": \"Production\"},\n    \"contact\": {\"name\": \"Jane Doe\", \"url\": \"https://contoso.com\", \"email\": \"jane@contoso.com\"}\n  },\n  \"host\": \"api.tasksapp.io\",\n  \"basePath\": \"/v1\",\n  \"schemes\": [\"https\"],\n  \"paths\": {\n    \"/tasks\": {\n      \"get\": {\n        \"operationId\": \"ListTasks\",\n        \"summary\": \"List tasks\", \"x-ms-api-annotation\": {\"status\": \"Production\"},\n"},
		}},
	},
})

func checkSwaggerVersioning(p *pass) {
	s := p.c.spec()
	if s.root == nil {
		return
	}
	f := s.f
	// Statuses are compared ignoring case, as the platform reads them ("production" works).
	infoStatus := strings.ToLower(str(s.root.Get("info").Get("x-ms-api-annotation").Get("status")))
	families := map[string][]*annotation{}
	var order []string
	for _, o := range s.ops {
		ann := o.node.Get("x-ms-api-annotation")
		if ann == nil && !o.deprecated {
			continue // most operations: nothing to build
		}
		a := &annotation{o: o, ptr: o.ptr + "/x-ms-api-annotation", node: ann}
		if a.node.Is(jsonpos.Object) {
			a.family = strings.TrimSpace(str(a.node.Get("family")))
			a.revision = a.node.Get("revision")
			if a.revision.Is(jsonpos.Number) {
				if r, err := strconv.Atoi(a.revision.Text); err == nil && r > 0 {
					a.rev = r
				}
			}
			a.status = strings.ToLower(str(a.node.Get("status")))
			checkReplacement(p, f, a)
			if a.status == "production" && infoStatus == "preview" {
				p.report(operationStatusAheadOfConnector, value(f, a.node.Get("status"), a.ptr+"/status"),
					"%s: the operation is Production but the connector (info.x-ms-api-annotation.status) is Preview; use Preview or promote the connector", o.label())
			}
			if a.rev > 1 && o.id != "" && !hasRevisionSuffix(o.id, a.rev) {
				p.report(operationIdShouldEndWithRevision, value(f, o.node.Get("operationId"), o.ptr+"/operationId"),
					"%s: revision %d of its family should have an operationId ending in V%d (e.g. %sV%d)", o.label(), a.rev, a.rev, o.id, a.rev)
			}
			if a.family != "" {
				if _, ok := families[a.family]; !ok {
					order = append(order, a.family)
				}
				families[a.family] = append(families[a.family], a)
			}
		}
		if o.deprecated {
			checkDeprecatedMarked(p, f, a)
		}
	}
	for _, fam := range order {
		checkFamily(p, f, fam, families[fam])
	}
}

func hasRevisionSuffix(id string, rev int) bool {
	suffix := "v" + strconv.Itoa(rev)
	lower := strings.ToLower(id)
	if !strings.HasSuffix(lower, suffix) {
		return false
	}
	// "ListV12" must not pass for revision 2.
	rest := lower[:len(lower)-len(suffix)]
	return rest == "" || rest[len(rest)-1] < '0' || rest[len(rest)-1] > '9'
}

var apiAnnotationExtensionReplacementInfoForNonDeprecatedOperations = newRule(Rule{
	ID: "ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations", Severity: Error, Kinds: AllKinds, Section: "4",
	Summary: "x-ms-api-annotation.replacement on an operation that isn't deprecated.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:16:58", Pointer: "/paths/~1tasks/get/x-ms-api-annotation/replacement", Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"List tasks\", \"x-ms-api-annotation\": {\"replacement\": {\"api\": \"tasks\", \"operationId\": \"GetTask\"}},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"List tasks\", \"deprecated\": true, \"x-ms-api-annotation\": {\"replacement\": {\"api\": \"tasks\", \"operationId\": \"GetTask\"}},\n"},
		}},
	},
})

var apiAnnotationExtensionReplacementInfoMissingApiProperty = newRule(Rule{
	ID: "ApiAnnotationExtensionReplacementInfoMissingApiProperty", Severity: Error, Kinds: AllKinds, Section: "4",
	Summary: "x-ms-api-annotation.replacement has no api.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:16:78", Pointer: "/paths/~1tasks/get/x-ms-api-annotation/replacement", Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"List tasks\", \"deprecated\": true, \"x-ms-api-annotation\": {\"replacement\": {\"operationId\": \"GetTask\"}},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"List tasks\", \"deprecated\": true, \"x-ms-api-annotation\": {\"replacement\": {\"api\": \"tasks\", \"operationId\": \"GetTask\"}},\n"},
		}},
	},
})

var apiAnnotationExtensionReplacementInfoMissingOperationIdProperty = newRule(Rule{
	ID: "ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty", Severity: Error, Kinds: AllKinds, Section: "4",
	Summary: "x-ms-api-annotation.replacement has no operationId.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:16:78", Pointer: "/paths/~1tasks/get/x-ms-api-annotation/replacement", Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"List tasks\", \"deprecated\": true, \"x-ms-api-annotation\": {\"replacement\": {\"api\": \"tasks\"}},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"List tasks\", \"deprecated\": true, \"x-ms-api-annotation\": {\"replacement\": {\"api\": \"tasks\", \"operationId\": \"GetTask\"}},\n"},
		}},
	},
})

func checkReplacement(p *pass, f *File, a *annotation) {
	m := a.node.Member("replacement")
	if m == nil {
		return
	}
	ptr := a.ptr + "/replacement"
	if !a.o.deprecated {
		p.report(apiAnnotationExtensionReplacementInfoForNonDeprecatedOperations, name(f, m, ptr),
			"%s: the operation names a replacement but isn't deprecated; add \"deprecated\": true or remove replacement", a.o.label())
	}
	if !m.Value.Is(jsonpos.Object) {
		return
	}
	if m.Value.Member("api") == nil {
		p.report(apiAnnotationExtensionReplacementInfoMissingApiProperty, name(f, m, ptr),
			"%s: replacement has no api; add the API name of the connector that holds the replacement", a.o.label())
	}
	if m.Value.Member("operationId") == nil {
		p.report(apiAnnotationExtensionReplacementInfoMissingOperationIdProperty, name(f, m, ptr),
			"%s: replacement has no operationId; add the operationId of the operation that replaces this one", a.o.label())
	}
}

var deprecatedOperationNotMarked = newRule(Rule{
	ID: "DeprecatedOperationNotMarked", Severity: Notice, Kinds: AllKinds, Section: "4",
	Summary: `A deprecated operation has no "(deprecated)" in its summary, or no replacement or family link to its successor.`,
	Basis:   BasisListing,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:16:48", Pointer: "/paths/~1tasks/get/deprecated", Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"List tasks\", \"deprecated\": true,\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"List tasks (deprecated)\", \"deprecated\": true, \"x-ms-api-annotation\": {\"family\": \"Tasks\", \"revision\": 1},\n"},
		}},
	},
})

func checkDeprecatedMarked(p *pass, f *File, a *annotation) {
	o := a.o
	var missing []string
	if !strings.Contains(strings.ToLower(str(o.node.Get("summary"))), "(deprecated)") {
		missing = append(missing, `"(deprecated)" in its summary`)
	}
	if a.family == "" && a.node.Get("replacement") == nil {
		missing = append(missing, "an x-ms-api-annotation family or replacement linking to its successor")
	}
	if len(missing) == 0 {
		return
	}
	p.report(deprecatedOperationNotMarked, value(f, o.node.Get("deprecated"), o.ptr+"/deprecated"),
		"%s: the operation is deprecated but has no %s; add it so users find the successor", o.label(), strings.Join(missing, " and no "))
}

var operationFamilyHasDuplicateRevisions = newRule(Rule{
	ID: "OperationFamilyHasDuplicateRevisions", Severity: Error, Kinds: AllKinds, Section: "4",
	Summary: "Two operations of one x-ms-api-annotation family share a revision.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:32:89", Pointer: "/paths/~1tasks~1{taskId}/get/x-ms-api-annotation/revision", Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n", New: "        \"summary\": \"List tasks\", \"x-ms-api-annotation\": {\"family\": \"Tasks\", \"revision\": 1},\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\", \"x-ms-api-annotation\": {\"family\": \"Tasks\", \"revision\": 1},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n", New: "        \"summary\": \"List tasks\", \"x-ms-api-annotation\": {\"family\": \"Tasks\", \"revision\": 1},\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\", \"x-ms-api-annotation\": {\"family\": \"Tasks\", \"revision\": 2},\n"},
		}},
	},
})

var operationFamilyHasManyActiveOperations = newRule(Rule{
	ID: "OperationFamilyHasManyActiveOperations", Severity: Error, Kinds: AllKinds, Section: "4",
	Summary: "An operation family has more than 2 operations that aren't deprecated.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:32:68", Pointer: "/paths/~1tasks~1{taskId}/get/x-ms-api-annotation/family", Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n", New: "        \"summary\": \"List tasks\", \"x-ms-api-annotation\": {\"family\": \"Tasks\", \"revision\": 1},\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\", \"x-ms-api-annotation\": {\"family\": \"Tasks\", \"revision\": 2},\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\", \"x-ms-api-annotation\": {\"family\": \"Tasks\", \"revision\": 3},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n", New: "        \"summary\": \"List tasks\", \"deprecated\": true, \"x-ms-api-annotation\": {\"family\": \"Tasks\", \"revision\": 1},\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\", \"x-ms-api-annotation\": {\"family\": \"Tasks\", \"revision\": 2},\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\", \"x-ms-api-annotation\": {\"family\": \"Tasks\", \"revision\": 3},\n"},
		}},
	},
})

var operationFamilyHasManyActiveProductionOperations = newRule(Rule{
	ID: "OperationFamilyHasManyActiveProductionOperations", Severity: Error, Kinds: AllKinds, Section: "4",
	Summary: "An operation family has more than 1 non-deprecated operation with status Production.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:32:102", Pointer: "/paths/~1tasks~1{taskId}/get/x-ms-api-annotation/status", Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n", New: "        \"summary\": \"List tasks\", \"x-ms-api-annotation\": {\"family\": \"Tasks\", \"revision\": 1, \"status\": \"Production\"},\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\", \"x-ms-api-annotation\": {\"family\": \"Tasks\", \"revision\": 2, \"status\": \"Production\"},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n", New: "        \"summary\": \"List tasks\", \"x-ms-api-annotation\": {\"family\": \"Tasks\", \"revision\": 1, \"status\": \"Production\"},\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\", \"x-ms-api-annotation\": {\"family\": \"Tasks\", \"revision\": 2, \"status\": \"Preview\"},\n"},
		}},
	},
})

var operationFamilyHasManyEmptyRevisions = newRule(Rule{
	ID: "OperationFamilyHasManyEmptyRevisions", Severity: Error, Kinds: AllKinds, Section: "4",
	Summary: "An operation family has more than 1 operation without a revision.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:32:68", Pointer: "/paths/~1tasks~1{taskId}/get/x-ms-api-annotation/family", Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n", New: "        \"summary\": \"List tasks\", \"x-ms-api-annotation\": {\"family\": \"Tasks\", \"status\": \"Preview\"},\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\", \"x-ms-api-annotation\": {\"family\": \"Tasks\", \"status\": \"Preview\"},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n", New: "        \"summary\": \"List tasks\", \"x-ms-api-annotation\": {\"family\": \"Tasks\", \"status\": \"Preview\"},\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\", \"x-ms-api-annotation\": {\"family\": \"Tasks\", \"revision\": 2},\n"},
		}},
	},
})

var operationRevisionEmpty = newRule(Rule{
	ID: "OperationRevisionEmpty", Severity: Error, Kinds: AllKinds, Section: "4",
	Summary: "An operation has an x-ms-api-annotation family but no revision (warning when it is the family's only operation).",
	Basis:   BasisRejected, BasisReason: srcSV + " (a family of one operation: warning)",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:16:68", Pointer: "/paths/~1tasks/get/x-ms-api-annotation/family", Severity: Warning, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"List tasks\", \"x-ms-api-annotation\": {\"family\": \"Tasks\", \"status\": \"Preview\"},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"List tasks\", \"x-ms-api-annotation\": {\"family\": \"Tasks\", \"revision\": 1},\n"},
		}},
	},
})

func checkFamily(p *pass, f *File, fam string, ops []*annotation) {
	byRev := map[int]*annotation{}
	active, activeProd, empty := 0, 0, 0
	for _, a := range ops {
		o := a.o
		famAt := value(f, a.node.Get("family"), a.ptr+"/family")
		if a.revision == nil {
			empty++
			sev := Error
			if len(ops) == 1 {
				sev = Warning // a family of one: nothing to tell apart, the platform takes it as revision 1
			}
			p.reportAs(operationRevisionEmpty, sev, famAt,
				"%s: the operation is in family %q but has no revision; add \"revision\": 1 for the first version and higher ones for successors", o.label(), fam)
			if empty == 2 {
				p.report(operationFamilyHasManyEmptyRevisions, famAt,
					"%s: family %q has more than one operation without a revision; number them", o.label(), fam)
			}
		} else if a.rev > 0 {
			if prev, dup := byRev[a.rev]; dup {
				l, col := f.JSON.Lines.Position(prev.revision.Start)
				p.report(operationFamilyHasDuplicateRevisions, value(f, a.revision, a.ptr+"/revision"),
					"%s: revision %d of family %q is also used by %s (line %d); give each version its own revision", o.label(), a.rev, fam, prev.o.label(), l).
					related(f.Path, l, col, "revision of "+prev.o.label())
			} else {
				byRev[a.rev] = a
			}
		}
		if o.deprecated {
			continue
		}
		active++
		if active == 3 {
			p.report(operationFamilyHasManyActiveOperations, famAt,
				"%s: family %q has more than 2 operations that aren't deprecated; mark the older versions \"deprecated\": true", o.label(), fam)
		}
		if a.status == "production" {
			if activeProd++; activeProd == 2 {
				p.report(operationFamilyHasManyActiveProductionOperations, value(f, a.node.Get("status"), a.ptr+"/status"),
					"%s: family %q has more than one active Production operation; deprecate the older one", o.label(), fam)
			}
		}
	}
}
