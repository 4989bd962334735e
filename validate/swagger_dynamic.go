package validate

import (
	"maps"
	"slices"
	"strings"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// §7.2: x-ms-dynamic-values, -list, -schema, -properties and -tree must point at existing
// operations with matching parameters; x-ms-enum-values, x-ms-editor and x-ms-pageable values.

func (o *op) param(name string) *param {
	for _, p := range o.params {
		if p.name == name {
			return p
		}
	}
	return nil
}

// paramType is a parameter's type: its own for query/path/header, its schema's for a body.
func (sp *schemaPass) paramType(p *param) string {
	if p.in == "body" {
		r, _, _ := sp.s.resolve(p.node.Get("schema"), "")
		return str(r.Get("type"))
	}
	return str(p.node.Get("type"))
}

// isInternal reports x-ms-visibility: internal, compared ignoring case as the platform does.
func isInternal(n *jsonpos.Node) bool {
	return strings.EqualFold(str(n.Get("x-ms-visibility")), "internal")
}

var dynamicPropertiesExtensionRequiredForPropertiesValuePath = newRule(Rule{
	ID: "DynamicPropertiesExtensionRequiredForPropertiesValuePath", Severity: Warning, Kinds: AllKinds, Section: "7",
	Summary: "x-ms-dynamic-schema value-path ends in properties, without x-ms-dynamic-properties.",
	Basis:   BasisIgnored,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:131", Pointer: "/definitions/Task/properties/meta/x-ms-dynamic-schema/value-path", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"meta\": {\"type\": \"object\", \"x-ms-dynamic-schema\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": \"1\"}, \"value-path\": \"schema/properties\"}}, \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"meta\": {\"type\": \"object\", \"x-ms-dynamic-schema\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": \"1\"}, \"value-path\": \"schema/properties\"}, \"x-ms-dynamic-properties\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": {\"value\": \"1\"}}, \"itemValuePath\": \"schema\"}}, \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

var dynamicPropertiesItemValuePathMismatch = newRule(Rule{
	ID: "DynamicPropertiesItemValuePathMismatch", Severity: Error, Kinds: AllKinds, Section: "7",
	Summary: "x-ms-dynamic-properties itemValuePath isn't the x-ms-dynamic-schema value-path minus its trailing /properties.",
	Basis:   BasisBroken, BasisReason: "the two extensions disagree on where the schema is",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:266", Pointer: "/definitions/Task/properties/meta/x-ms-dynamic-properties/itemValuePath", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"meta\": {\"type\": \"object\", \"x-ms-dynamic-schema\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": \"1\"}, \"value-path\": \"schema/properties\"}, \"x-ms-dynamic-properties\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": {\"value\": \"1\"}}, \"itemValuePath\": \"definition\"}}, \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"meta\": {\"type\": \"object\", \"x-ms-dynamic-schema\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": \"1\"}, \"value-path\": \"schema/properties\"}, \"x-ms-dynamic-properties\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": {\"value\": \"1\"}}, \"itemValuePath\": \"schema\"}}, \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

var invalidCustomEditorExtensionDictionaryValue = newRule(Rule{
	ID: "InvalidCustomEditorExtensionDictionaryValue", Severity: Error, Kinds: AllKinds, Section: "7",
	Summary: "x-ms-editor: dictionary on a schema that isn't an object with additionalProperties.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:52", Pointer: "/definitions/Task/properties/title/x-ms-editor", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"x-ms-editor\": \"dictionary\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"meta\": {\"type\": \"object\", \"additionalProperties\": {\"type\": \"string\"}, \"x-ms-editor\": \"dictionary\"}, \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

// checkExtensionsAt checks the x-ms extensions written on one parameter or schema.
func (sp *schemaPass) checkExtensionsAt(v schemaVisit) {
	n, ptr := v.node, v.ptr // ptr() is built only when something is reported
	if dv := n.Get("x-ms-dynamic-values"); dv.Is(jsonpos.Object) {
		sp.checkDynamicValues(v, dv, ptr()+"/x-ms-dynamic-values")
	}
	if dl := n.Get("x-ms-dynamic-list"); dl.Is(jsonpos.Object) {
		dlPtr := ptr() + "/x-ms-dynamic-list"
		if t := sp.dynamicTarget(dl, dlPtr); t != nil {
			sp.checkDynamicParams(v, t, dl, dlPtr, true)
			sp.checkInvoked(t, dl, dlPtr, "itemsPath", "itemValuePath", "itemTitlePath")
		}
	}
	ds, dp := n.Get("x-ms-dynamic-schema"), n.Get("x-ms-dynamic-properties")
	if ds.Is(jsonpos.Object) {
		dsPtr := ptr() + "/x-ms-dynamic-schema"
		if t := sp.dynamicTarget(ds, dsPtr); t != nil {
			sp.checkDynamicParams(v, t, ds, dsPtr, dp.Is(jsonpos.Object))
		}
		if vp, ok := ds.Get("value-path").Str(); ok && !dp.Is(jsonpos.Object) && (vp == "properties" || strings.HasSuffix(vp, "/properties")) {
			sp.reportOnce(dynamicPropertiesExtensionRequiredForPropertiesValuePath, sp.valueAt(ds, dsPtr, "value-path"),
				`value-path %q ends in "properties"; add x-ms-dynamic-properties with "itemValuePath": %q beside x-ms-dynamic-schema`, vp, strings.TrimSuffix(strings.TrimSuffix(vp, "properties"), "/"))
		}
	}
	if dp.Is(jsonpos.Object) {
		dpPtr := ptr() + "/x-ms-dynamic-properties"
		if t := sp.dynamicTarget(dp, dpPtr); t != nil {
			sp.checkDynamicParams(v, t, dp, dpPtr, true)
		}
		if ds.Is(jsonpos.Object) {
			vp, ok1 := ds.Get("value-path").Str()
			ivp, ok2 := dp.Get("itemValuePath").Str()
			want := strings.TrimSuffix(strings.TrimSuffix(vp, "properties"), "/")
			if ok1 && ok2 && ivp != want {
				sp.reportOnce(dynamicPropertiesItemValuePathMismatch, sp.valueAt(dp, dpPtr, "itemValuePath"),
					"itemValuePath %q doesn't match the x-ms-dynamic-schema value-path %q; set it to %q", ivp, vp, want)
			}
		}
	}
	if tree := n.Get("x-ms-dynamic-tree"); tree.Is(jsonpos.Object) {
		treePtr := ptr() + "/x-ms-dynamic-tree"
		for _, part := range []string{"open", "browse"} {
			if pn := tree.Get(part); pn.Is(jsonpos.Object) && pn.Get("operationId") != nil {
				if t := sp.dynamicTarget(pn, treePtr+"/"+part); t != nil {
					sp.checkDynamicParams(v, t, pn, treePtr+"/"+part, true)
				}
			}
		}
		for i := range tree.Members {
			if m := &tree.Members[i]; m.Name != "browse" {
				sp.noSelectedItemValuePath(m.Value, jsonpos.Join(treePtr, m.Name), 0)
			}
		}
	}
	if ev := n.Get("x-ms-enum-values"); ev.Is(jsonpos.Array) {
		sp.checkEnumValues(n, ptr(), ev)
	}
	if ed, ok := n.Get("x-ms-editor").Str(); ok && ed == "dictionary" {
		typ := str(n.Get("type"))
		if ap := n.Get("additionalProperties"); (typ != "" && typ != "object") || ap == nil || (ap.Is(jsonpos.Bool) && ap.Text == "false") {
			sp.reportOnce(invalidCustomEditorExtensionDictionaryValue, sp.valueAt(n, ptr(), "x-ms-editor"),
				`"x-ms-editor": "dictionary" needs an object schema with "additionalProperties" (the value schema); add it or remove the editor`)
		}
	}
	sp.checkNotificationURL(v)
}

var operationIdNotFound = newRule(Rule{
	ID: "OperationIdNotFound", Severity: Error, Kinds: AllKinds, Section: "7",
	Summary: "The operationId named by x-ms-dynamic-*, x-ms-notification, x-ms-capabilities or x-ms-operation-context doesn't exist.",
	Basis:   BasisBroken, BasisReason: "the operationId resolves to nothing",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:49:219", Pointer: "/parameters/taskId/x-ms-dynamic-values/operationId", Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"x-ms-dynamic-values\": {\"operationId\": \"ListTask\", \"value-path\": \"id\"}}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"x-ms-dynamic-values\": {\"operationId\": \"ListTasks\", \"value-path\": \"id\"}}\n"},
		}},
	},
})

// dynamicTarget returns the operation an extension's operationId names, reporting one that
// doesn't exist.
func (sp *schemaPass) dynamicTarget(ext *jsonpos.Node, extPtr string) *op {
	m := ext.Member("operationId")
	if m == nil {
		return nil
	}
	id, ok := m.Value.Str()
	if !ok {
		return nil
	}
	if t := sp.s.byID[id]; t != nil {
		return t
	}
	sp.reportOnce(operationIdNotFound, value(sp.f, m.Value, extPtr+"/operationId"),
		"no operation has operationId %q; name an existing operation (operationIds are case-sensitive)%s", id, sp.suggestOp(id))
	return nil
}

func (sp *schemaPass) suggestOp(id string) string {
	for _, o := range sp.s.ops {
		if o.id != "" && strings.EqualFold(o.id, id) {
			return ": did you mean " + o.id + "?"
		}
	}
	return ""
}

var dynamicValuesTargetInvalid = newRule(Rule{
	ID: "DynamicValuesTargetInvalid", Severity: Error, Kinds: AllKinds, Section: "7",
	Summary: "x-ms-dynamic-values has zero, or more than one, of operationId, builtInOperation, capability.",
	Basis:   BasisBroken, BasisReason: "the values have no single source",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:49:180", Pointer: "/parameters/taskId/x-ms-dynamic-values", Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"x-ms-dynamic-values\": {\"value-path\": \"id\"}}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"x-ms-dynamic-values\": {\"operationId\": \"ListTasks\", \"value-path\": \"id\", \"value-title\": \"title\"}}\n"},
		}},
	},
})

var dynamicTreeExtensionMissing = newRule(Rule{
	ID: "DynamicTreeExtensionMissing", Severity: Warning, Kinds: AllKinds, Section: "7",
	Summary: "capability: file-picker without x-ms-dynamic-tree.",
	Basis:   BasisIgnored,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:49:218", Pointer: "/parameters/taskId/x-ms-dynamic-values/capability", Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"x-ms-dynamic-values\": {\"capability\": \"file-picker\", \"value-path\": \"Id\"}}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"x-ms-dynamic-values\": {\"capability\": \"file-picker\", \"value-path\": \"Id\"}, \"x-ms-dynamic-tree\": {\"settings\": {\"canSelectLeafNodes\": true}, \"open\": {\"operationId\": \"ListTasks\", \"itemValuePath\": \"id\"}, \"browse\": {\"operationId\": \"ListTasks\", \"itemValuePath\": \"id\"}}}\n"},
		}},
	},
})

func (sp *schemaPass) checkDynamicValues(v schemaVisit, dv *jsonpos.Node, dvPtr string) {
	var targets []string
	for _, k := range []string{"operationId", "builtInOperation", "capability"} {
		if dv.Get(k) != nil {
			targets = append(targets, k)
		}
	}
	if len(targets) != 1 {
		what := "none"
		if len(targets) > 1 {
			what = strings.Join(targets, " and ")
		}
		sp.reportOnce(dynamicValuesTargetInvalid, parent(sp.f, dvPtr),
			"x-ms-dynamic-values needs exactly one of operationId, builtInOperation or capability; it has %s", what)
	}
	if c, _ := dv.Get("capability").Str(); c == "file-picker" && v.node.Get("x-ms-dynamic-tree") == nil {
		sp.reportOnce(dynamicTreeExtensionMissing, sp.valueAt(dv, dvPtr, "capability"),
			`"capability": "file-picker" needs an x-ms-dynamic-tree beside x-ms-dynamic-values (open and browse operations) for the new designer`)
	}
	if ps := dv.Get("parameters"); ps.Is(jsonpos.Object) {
		sp.noSelectedItemValuePath(ps, dvPtr+"/parameters", 0)
	}
	t := sp.dynamicTarget(dv, dvPtr)
	if t == nil {
		return
	}
	sp.checkDynamicParams(v, t, dv, dvPtr, v.node.Get("x-ms-dynamic-list").Is(jsonpos.Object))
	sp.checkInvoked(t, dv, dvPtr, "value-collection", "value-path", "value-title")
}

var selectedItemValuePathNotAllowedInThisPosition = newRule(Rule{
	ID: "SelectedItemValuePathNotAllowedInThisPosition", Severity: Error, Kinds: AllKinds, Section: "7",
	Summary: "selectedItemValuePath outside x-ms-dynamic-tree.browse.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:49:260", Pointer: "/parameters/taskId/x-ms-dynamic-tree/open/parameters/x/selectedItemValuePath", Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"x-ms-dynamic-tree\": {\"open\": {\"operationId\": \"ListTasks\", \"parameters\": {\"x\": {\"selectedItemValuePath\": \"id\"}}}}}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"x-ms-dynamic-tree\": {\"open\": {\"operationId\": \"ListTasks\"}, \"browse\": {\"operationId\": \"ListTasks\", \"parameters\": {\"x\": {\"selectedItemValuePath\": \"id\"}}}}}\n"},
		}},
	},
})

func (sp *schemaPass) noSelectedItemValuePath(n *jsonpos.Node, ptr string, depth int) {
	if depth > 8 {
		return
	}
	switch n.Kind {
	case jsonpos.Object:
		for i := range n.Members {
			m := &n.Members[i]
			if m.Name == "selectedItemValuePath" {
				sp.reportOnce(selectedItemValuePathNotAllowedInThisPosition, name(sp.f, m, jsonpos.Join(ptr, m.Name)),
					"selectedItemValuePath is only allowed in the parameters of x-ms-dynamic-tree.browse; move it there or use {\"parameter\": ...}")
				continue
			}
			sp.noSelectedItemValuePath(m.Value, jsonpos.Join(ptr, m.Name), depth+1)
		}
	case jsonpos.Array:
		for i, it := range n.Items {
			sp.noSelectedItemValuePath(it, jsonpos.Index(ptr, i), depth+1)
		}
	}
}

// bodyProperty finds a property of an operation's body schema by a slash path
// ("body/Environment" or "Environment").
func (sp *schemaPass) bodyProperty(o *op, path string) *jsonpos.Node {
	if o == nil {
		return nil
	}
	for _, p := range o.params {
		if p.in != "body" {
			continue
		}
		path = strings.TrimPrefix(path, p.name+"/")
		path = strings.TrimPrefix(path, "body/")
		return sp.schemaAt(p.node.Get("schema"), path)
	}
	return nil
}

// schemaAt walks a slash-separated property path from a schema (after following $refs and
// merging allOf); nil when some step isn't declared.
func (sp *schemaPass) schemaAt(n *jsonpos.Node, path string) *jsonpos.Node {
	cur, _, _ := sp.s.resolve(n, "")
	if path == "" {
		return cur
	}
	for _, seg := range strings.Split(path, "/") {
		props, _ := sp.schemaProperties(cur, "")
		next := props[seg]
		if next == nil {
			return nil
		}
		cur, _, _ = sp.s.resolve(next, "")
	}
	return cur
}

var operationParameterNameNotFound = newRule(Rule{
	ID: "OperationParameterNameNotFound", Severity: Error, Kinds: AllKinds, Section: "7",
	Summary: "A dynamic extension's parameters key is neither a parameter of the target operation nor a property of its body (\"body/<prop>\", or a bare legacy name); the message lists the names that resolve.",
	Basis:   BasisBroken, BasisReason: "the key resolves to nothing",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:49:247", Pointer: "/parameters/taskId/x-ms-dynamic-values/parameters/q", Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"x-ms-dynamic-values\": {\"operationId\": \"ListTasks\", \"parameters\": {\"q\": \"x\"}, \"value-path\": \"id\"}}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"x-ms-dynamic-values\": {\"operationId\": \"CreateTask\", \"parameters\": {\"title\": \"x\"}, \"value-path\": \"id\"}}\n"},
		}},
	},
})

var operationMissingRequiredProperty = newRule(Rule{
	ID: "OperationMissingRequiredProperty", Severity: Error, Kinds: AllKinds, Section: "7",
	Summary: "A required, default-less non-body parameter of the target operation isn't supplied by the dynamic extension.",
	Basis:   BasisBroken, BasisReason: "the target operation can't be called",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:15:103", Pointer: "/paths/~1tasks/get/parameters/0/x-ms-dynamic-values", Edits: []Edit{
			{File: SwaggerName, Old: "        \"operationId\": \"ListTasks\",\n", New: "        \"operationId\": \"ListTasks\", \"parameters\": [{\"name\": \"other\", \"in\": \"query\", \"type\": \"string\", \"x-ms-dynamic-values\": {\"operationId\": \"GetTask\", \"value-path\": \"id\"}}],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"operationId\": \"ListTasks\",\n", New: "        \"operationId\": \"ListTasks\", \"parameters\": [{\"name\": \"other\", \"in\": \"query\", \"type\": \"string\", \"x-ms-dynamic-values\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": \"1\"}, \"value-path\": \"id\"}}],\n"},
		}},
	},
})

// checkDynamicParams compares an extension's parameters with the target operation's. modern
// says the extension is (or has beside it) the newer form, x-ms-dynamic-list or -properties,
// which says unambiguously where each value comes from.
func (sp *schemaPass) checkDynamicParams(v schemaVisit, t *op, ext *jsonpos.Node, extPtr string, modern bool) {
	f := sp.f
	ps := ext.Get("parameters")
	psPtr := extPtr + "/parameters"
	supplied := map[string]bool{}
	extName := extPtr[strings.LastIndex(extPtr, "/")+1:]
	if ps.Is(jsonpos.Object) {
		for i := range ps.Members {
			m := &ps.Members[i]
			supplied[m.Name] = true
			mPtr := jsonpos.Join(psPtr, m.Name)
			tp := t.param(m.Name)
			if tp == nil {
				// A key may name a property of the target's body: "body/<prop>" in the modern
				// extensions, a bare name in the legacy ones beside them.
				if sp.bodyProperty(t, m.Name) != nil {
					continue
				}
				sp.reportOnce(operationParameterNameNotFound, name(f, m, mPtr),
					"%s has no parameter or body property %q; use one of%s", t.id, m.Name, sp.resolvableNames(t))
				continue
			}
			sp.checkParamSource(v, t, tp, m, mPtr, extName, modern)
		}
	}
	for _, tp := range t.params {
		if !tp.required || supplied[tp.name] || tp.in == "body" || tp.node.Get("default") != nil {
			continue
		}
		sp.reportOnce(operationMissingRequiredProperty, sp.keyAt(ext, extPtr, "parameters"),
			"%s requires parameter %q, which has no default; supply it in parameters (a value or a reference)", t.id, tp.name)
	}
}

// resolvableNames lists what a dynamic extension's parameters key may name on operation o: its
// parameters and, as "body/<prop>", the top-level properties of its body.
func (sp *schemaPass) resolvableNames(o *op) string {
	var names []string
	for _, p := range o.params {
		if p.name == "" {
			continue
		}
		if p.in != "body" {
			names = append(names, p.name)
			continue
		}
		props, _ := sp.schemaProperties(p.node.Get("schema"), "")
		for _, k := range slices.Sorted(maps.Keys(props)) {
			names = append(names, "body/"+k)
		}
	}
	if len(names) == 0 {
		return " nothing (it takes no parameters)"
	}
	return " " + strings.Join(names, ", ")
}

var operationParameterTypeMismatch = newRule(Rule{
	ID: "OperationParameterTypeMismatch", Severity: Warning, Kinds: AllKinds, Section: "7",
	Summary: "A dynamic parameter's source has another type than the target parameter.",
	Basis:   BasisHeuristic,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:15:245", Pointer: "/paths/~1tasks/get/parameters/1/x-ms-dynamic-values/parameters/taskId", Edits: []Edit{
			{File: SwaggerName, Old: "        \"operationId\": \"ListTasks\",\n", New: "        \"operationId\": \"ListTasks\", \"parameters\": [{\"name\": \"n\", \"in\": \"query\", \"required\": true, \"type\": \"integer\"}, {\"name\": \"other\", \"in\": \"query\", \"type\": \"string\", \"x-ms-dynamic-values\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": {\"parameter\": \"n\"}}, \"value-path\": \"id\"}}],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"operationId\": \"ListTasks\",\n", New: "        \"operationId\": \"ListTasks\", \"parameters\": [{\"name\": \"n\", \"in\": \"query\", \"required\": true, \"type\": \"string\"}, {\"name\": \"other\", \"in\": \"query\", \"type\": \"string\", \"x-ms-dynamic-values\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": {\"parameter\": \"n\"}}, \"value-path\": \"id\"}}],\n"},
		}},
	},
})

var operationParameterRequiredMismatch = newRule(Rule{
	ID: "OperationParameterRequiredMismatch", Severity: Warning, Kinds: AllKinds, Section: "7",
	Summary: "A required target parameter is fed from an optional source.",
	Basis:   BasisHeuristic,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:15:226", Pointer: "/paths/~1tasks/get/parameters/1/x-ms-dynamic-values/parameters/taskId", Edits: []Edit{
			{File: SwaggerName, Old: "        \"operationId\": \"ListTasks\",\n", New: "        \"operationId\": \"ListTasks\", \"parameters\": [{\"name\": \"n\", \"in\": \"query\", \"type\": \"string\"}, {\"name\": \"other\", \"in\": \"query\", \"type\": \"string\", \"x-ms-dynamic-values\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": {\"parameter\": \"n\"}}, \"value-path\": \"id\"}}],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"operationId\": \"ListTasks\",\n", New: "        \"operationId\": \"ListTasks\", \"parameters\": [{\"name\": \"n\", \"in\": \"query\", \"required\": true, \"type\": \"string\"}, {\"name\": \"other\", \"in\": \"query\", \"type\": \"string\", \"x-ms-dynamic-values\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": {\"parameter\": \"n\"}}, \"value-path\": \"id\"}}],\n"},
		}},
	},
})

var sourcePropertyInternal = newRule(Rule{
	ID: "SourcePropertyInternal", Severity: Warning, Kinds: AllKinds, Section: "7",
	Summary: "A parameterReference names an internal property of a non-internal operation.",
	Basis:   BasisHeuristic,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:133", Pointer: "/definitions/Task/properties/title/x-ms-dynamic-list/parameters/taskId/parameterReference", Edits: []Edit{
			{File: SwaggerName, Old: "        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"id\": {\"type\": \"string\", \"x-ms-visibility\": \"internal\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n        \"title\": {\"type\": \"string\", \"x-ms-dynamic-list\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": {\"parameterReference\": \"body/id\"}}, \"itemValuePath\": \"id\"}, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"x-ms-dynamic-list\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": {\"parameterReference\": \"body/id\"}}, \"itemValuePath\": \"id\"}, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

// checkParamSource compares one supplied value with the target parameter tp.
func (sp *schemaPass) checkParamSource(v schemaVisit, t *op, tp *param, m *jsonpos.Member, mPtr, extName string, modern bool) {
	f := sp.f
	tType := sp.paramType(tp)
	src := m.Value
	if src.Is(jsonpos.Object) {
		if val := src.Member("value"); val != nil {
			sp.checkStatic(tType, tp, val.Value, mPtr+"/value")
			return
		}
		ref, isParam := src.Get("parameter").Str()
		pref, isRef := src.Get("parameterReference").Str()
		if !isParam && !isRef {
			return
		}
		var srcNode *jsonpos.Node
		srcRequired := false
		if isParam {
			var asParam *param
			if v.op != nil {
				asParam = v.op.param(ref)
			}
			asBody := sp.bodyProperty(v.op, ref)
			if v.param != nil && v.param.in == "body" && v.ctx == ctxBody {
				asBody = sp.siblingProperty(v, ref)
			}
			// A reference to a body property, or to a name that is both a parameter and a
			// body property, needs the modern extension to say which.
			ambiguous := asParam != nil && asBody != nil
			if (ambiguous || asParam == nil && asBody != nil) && !modern {
				id, fix := dynamicListExtensionRequiredForNonParameterReferences, "x-ms-dynamic-list with parameterReference"
				if ambiguous {
					id = dynamicListExtensionRequiredForAmbiguousReferences
				}
				if extName != "x-ms-dynamic-values" {
					id, fix = dynamicPropertiesExtensionRequiredForNonParameterReferences, "x-ms-dynamic-properties with parameterReference"
					if ambiguous {
						id = dynamicPropertiesExtensionRequiredForAmbiguousReferences
					}
				}
				how := "refers to a body property, not a parameter"
				if ambiguous {
					how = "names both a parameter and a body property"
				}
				sp.reportOnce(id, value(f, src.Get("parameter"), mPtr+"/parameter"), "%q %s; add %s to say which", ref, how, fix)
			}
			if asParam == nil {
				return
			}
			srcRequired = asParam.required
			if asParam.in == "body" {
				srcNode, _, _ = sp.s.resolve(asParam.node.Get("schema"), "")
			} else {
				srcNode = asParam.node
			}
		} else {
			if v.op == nil {
				return
			}
			if p := v.op.param(pref); p != nil {
				srcNode, srcRequired = p.node, p.required
				if p.in == "body" {
					srcNode, _, _ = sp.s.resolve(p.node.Get("schema"), "")
				}
			} else if srcNode = sp.bodyProperty(v.op, pref); srcNode == nil {
				return
			} else {
				srcRequired = true // required along a body path is not tracked; don't guess
				if isInternal(srcNode) && !v.op.internal {
					sp.reportOnce(sourcePropertyInternal, value(f, src.Get("parameterReference"), mPtr+"/parameterReference"),
						"%q is an internal property, so users can't set it in %s; refer to a visible property or make the operation internal", pref, v.op.id)
				}
			}
		}
		sType := str(srcNode.Get("type"))
		if sType != "" && tType != "" && sType != tType && !(sType == "integer" && tType == "number") {
			sp.reportOnce(operationParameterTypeMismatch, value(f, src, mPtr),
				"the source is of type %s but %s's parameter %q is %s; use a source of the same type", sType, t.id, tp.name, tType)
		}
		if tp.required && !srcRequired && tp.node.Get("default") == nil {
			sp.reportOnce(operationParameterRequiredMismatch, value(f, src, mPtr),
				"%s requires %q, but the source is optional; make the source required or give the target a default", t.id, tp.name)
		}
		return
	}
	sp.checkStatic(tType, tp, src, mPtr)
}

// siblingProperty finds a property of the body that holds the visited schema: the schema's
// siblings, then the body root.
func (sp *schemaPass) siblingProperty(v schemaVisit, name string) *jsonpos.Node {
	if v.param == nil {
		return nil
	}
	root := v.param.node.Get("schema")
	if i := strings.LastIndex(v.path(), "."); i >= 0 {
		if n := sp.schemaAt(root, strings.ReplaceAll(v.path()[:i], ".", "/")+"/"+name); n != nil {
			return n
		}
	}
	return sp.schemaAt(root, name)
}

var operationParameterStaticTypeMismatch = newRule(Rule{
	ID: "OperationParameterStaticTypeMismatch", Severity: Warning, Kinds: AllKinds, Section: "7",
	Summary: "A static dynamic-parameter value has the wrong type for the target parameter.",
	Basis:   BasisHeuristic,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:49:254", Pointer: "/parameters/taskId/x-ms-dynamic-values/parameters/top", Edits: []Edit{
			{File: SwaggerName, New: "{\n  \"swagger\": \"2.0\",\n  \"info\": {\n    \"title\": \"Contoso Tasks\",\n    \"description\": \"Create, list and complete tasks in Contoso Tasks from your flows.\",\n    \"version\": \"1.0\",\n    \"contact\": {\"name\": \"Jane Doe\", \"url\": \"https://contoso.com\", \"email\": \"jane@contoso.com\"}\n  },\n  \"host\": \"api.tasksapp.io\",\n  \"basePath\": \"/v1\",\n  \"schemes\": [\"https\"],\n  \"paths\": {\n    \"/tasks\": {\n      \"get\": {\n        \"operationId\": \"ListTasks\", \"parameters\": [{\"name\": \"top\", \"in\": \"query\", \"type\": \"integer\"}],\n        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n        \"description\": \"Gets one task by its ID.\",\n        \"parameters\": [{\"$ref\": \"#/parameters/taskId\"}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    }\n  },\n  \"definitions\": {\n    \"Task\": {\n      \"type\": \"object\",\n      \"properties\": {\n        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n      }\n    }\n  },\n  \"parameters\": {\n    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"x-ms-dynamic-values\": {\"operationId\": \"ListTasks\", \"parameters\": {\"top\": \"ten\"}, \"value-path\": \"id\"}}\n  },\n  \"securityDefinitions\": {\n    \"api_key\": {\"type\": \"apiKey\", \"in\": \"header\", \"name\": \"X-API-Key\"}\n  },\n  \"security\": [{\"api_key\": []}],\n  \"x-ms-connector-metadata\": [\n    {\"propertyName\": \"Website\", \"propertyValue\": \"https://contoso.com\"},\n    {\"propertyName\": \"Privacy policy\", \"propertyValue\": \"https://contoso.com/privacy\"},\n    {\"propertyName\": \"Categories\", \"propertyValue\": \"Productivity\"}\n  ]\n}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, New: "{\n  \"swagger\": \"2.0\",\n  \"info\": {\n    \"title\": \"Contoso Tasks\",\n    \"description\": \"Create, list and complete tasks in Contoso Tasks from your flows.\",\n    \"version\": \"1.0\",\n    \"contact\": {\"name\": \"Jane Doe\", \"url\": \"https://contoso.com\", \"email\": \"jane@contoso.com\"}\n  },\n  \"host\": \"api.tasksapp.io\",\n  \"basePath\": \"/v1\",\n  \"schemes\": [\"https\"],\n  \"paths\": {\n    \"/tasks\": {\n      \"get\": {\n        \"operationId\": \"ListTasks\", \"parameters\": [{\"name\": \"top\", \"in\": \"query\", \"type\": \"integer\"}],\n        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n        \"description\": \"Gets one task by its ID.\",\n        \"parameters\": [{\"$ref\": \"#/parameters/taskId\"}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    }\n  },\n  \"definitions\": {\n    \"Task\": {\n      \"type\": \"object\",\n      \"properties\": {\n        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n      }\n    }\n  },\n  \"parameters\": {\n    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"x-ms-dynamic-values\": {\"operationId\": \"ListTasks\", \"parameters\": {\"top\": {\"value\": 10}}, \"value-path\": \"id\"}}\n  },\n  \"securityDefinitions\": {\n    \"api_key\": {\"type\": \"apiKey\", \"in\": \"header\", \"name\": \"X-API-Key\"}\n  },\n  \"security\": [{\"api_key\": []}],\n  \"x-ms-connector-metadata\": [\n    {\"propertyName\": \"Website\", \"propertyValue\": \"https://contoso.com\"},\n    {\"propertyName\": \"Privacy policy\", \"propertyValue\": \"https://contoso.com/privacy\"},\n    {\"propertyName\": \"Categories\", \"propertyValue\": \"Productivity\"}\n  ]\n}\n"},
		}},
	},
})

func (sp *schemaPass) checkStatic(tType string, tp *param, val *jsonpos.Node, ptr string) {
	bad := false
	switch tType {
	case "integer", "number":
		bad = val.Kind != jsonpos.Number && !(val.Kind == jsonpos.String && isNumeric(val.Text))
	case "boolean":
		bad = val.Kind != jsonpos.Bool && !(val.Kind == jsonpos.String && (val.Text == "true" || val.Text == "false"))
	case "string":
		bad = val.Kind == jsonpos.Object || val.Kind == jsonpos.Array
	}
	if bad {
		sp.reportOnce(operationParameterStaticTypeMismatch, value(sp.f, val, ptr),
			"this static value is %s, but parameter %q is of type %s; give %s value", article(val.Kind), tp.name, tType, articleName(tType))
	}
}

func isNumeric(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		if !(c >= '0' && c <= '9') && c != '.' && !(i == 0 && c == '-') {
			return false
		}
	}
	return true
}

var invokedOperationShouldProduceArray = newRule(Rule{
	ID: "InvokedOperationShouldProduceArray", Severity: Warning, Kinds: AllKinds, Section: "7",
	Summary: "value-collection/itemsPath isn't an array in the target's success schema.",
	Basis:   BasisHeuristic,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:49:253", Pointer: "/parameters/taskId/x-ms-dynamic-values/value-collection", Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"x-ms-dynamic-values\": {\"operationId\": \"CreateTask\", \"value-collection\": \"value\", \"value-path\": \"id\"}}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"x-ms-dynamic-values\": {\"operationId\": \"ListTasks\", \"value-path\": \"id\"}}\n"},
		}},
	},
})

var invokedOperationShouldProduceProperty = newRule(Rule{
	ID: "InvokedOperationShouldProduceProperty", Severity: Warning, Kinds: AllKinds, Section: "7",
	Summary: "value-path, value-title, itemValuePath or itemTitlePath isn't a property of the target's items.",
	Basis:   BasisHeuristic,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:49:246", Pointer: "/parameters/taskId/x-ms-dynamic-values/value-path", Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"x-ms-dynamic-values\": {\"operationId\": \"ListTasks\", \"value-path\": \"name\", \"value-title\": \"title\"}}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"x-ms-dynamic-values\": {\"operationId\": \"ListTasks\", \"value-path\": \"id\", \"value-title\": \"title\"}}\n"},
		}},
	},
})

// checkInvoked checks that the target's success schema has the collection and item properties
// an extension reads.
func (sp *schemaPass) checkInvoked(t *op, ext *jsonpos.Node, extPtr, collKey, valueKey, titleKey string) {
	var sch *jsonpos.Node
	for _, r := range sp.s.successResponses(t) {
		if r.code == "200" || r.code == "201" {
			if sch = r.node.Get("schema"); sch != nil {
				break
			}
		}
	}
	if sch == nil || sp.isDynamicSchema(sch) {
		return
	}
	coll := str(ext.Get(collKey))
	arr := sp.schemaAt(sch, coll)
	if arr == nil {
		r, _, _ := sp.s.resolve(sch, "")
		if _, open := sp.schemaProperties(sch, ""); open || (r.Get("properties") == nil && r.Get("allOf") == nil) {
			return // nothing declared to compare with
		}
		sp.reportOnce(invokedOperationShouldProduceArray, sp.valueAt(ext, extPtr, collKey),
			"%s's response has no %q; point %s at an array property of that response", t.id, coll, collKey)
		return
	}
	typ := str(arr.Get("type"))
	if typ != "array" {
		if typ != "" || arr.Get("properties") != nil {
			where := sp.valueAt(ext, extPtr, collKey)
			if ext.Get(collKey) == nil {
				where = parent(sp.f, extPtr)
			}
			what := "the response root"
			if coll != "" {
				what = "\"" + coll + "\""
			}
			sp.reportOnce(invokedOperationShouldProduceArray, where,
				"%s in %s's response is not an array; set %s to the path of the array of items", what, t.id, collKey)
		}
		return
	}
	item, _, _ := sp.s.resolve(arr.Get("items"), "")
	if !item.Is(jsonpos.Object) {
		return
	}
	if _, open := sp.schemaProperties(item, ""); open || item.Get("additionalProperties") != nil {
		return
	}
	if ps := item.Get("properties"); !ps.Is(jsonpos.Object) && item.Get("allOf") == nil {
		return // items without declared properties: nothing to compare
	}
	for _, k := range []string{valueKey, titleKey} {
		p, ok := ext.Get(k).Str()
		if !ok || p == "" {
			continue
		}
		if sp.schemaAt(item, p) == nil {
			sp.reportOnce(invokedOperationShouldProduceProperty, sp.valueAt(ext, extPtr, k),
				"the items of %s's response have no property %q; use one of their properties", t.id, p)
		}
	}
}

var invalidEnumValuesExtensionValue = newRule(Rule{
	ID: "InvalidEnumValuesExtensionValue", Severity: Error, Kinds: AllKinds, Section: "7",
	Summary: "An x-ms-enum-values value isn't in enum.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:49:231", Pointer: "/parameters/taskId/x-ms-enum-values/0/value", Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"enum\": [\"a\", \"b\"], \"x-ms-enum-values\": [{\"value\": \"c\", \"displayName\": \"C\"}]}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"enum\": [\"a\", \"b\"], \"x-ms-enum-values\": [{\"value\": \"a\", \"displayName\": \"A\"}]}\n"},
		}},
	},
})

var missingEnumValuesDisplayName = newRule(Rule{
	ID: "MissingEnumValuesDisplayName", Severity: Error, Kinds: AllKinds, Section: "7",
	Summary: "An x-ms-enum-values entry has no displayName.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:49:216", Pointer: "/parameters/taskId/x-ms-enum-values/0", Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"enum\": [\"a\"], \"x-ms-enum-values\": [{\"value\": \"a\"}]}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"enum\": [\"a\"], \"x-ms-enum-values\": [{\"value\": \"a\", \"displayName\": \"A\"}]}\n"},
		}},
	},
})

var duplicateEnumValuesInExtension = newRule(Rule{
	ID: "DuplicateEnumValuesInExtension", Severity: Error, Kinds: AllKinds, Section: "7",
	Summary: "x-ms-enum-values lists a value twice.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:49:262", Pointer: "/parameters/taskId/x-ms-enum-values/1/value", Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"enum\": [\"a\"], \"x-ms-enum-values\": [{\"value\": \"a\", \"displayName\": \"A\"}, {\"value\": \"a\", \"displayName\": \"A again\"}]}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\"}\n", New: "    \"taskId\": {\"name\": \"taskId\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\", \"x-ms-url-encoding\": \"single\", \"enum\": [\"a\", \"b\"], \"x-ms-enum-values\": [{\"value\": \"a\", \"displayName\": \"A\"}, {\"value\": \"b\", \"displayName\": \"B\"}]}\n"},
		}},
	},
})

func (sp *schemaPass) checkEnumValues(n *jsonpos.Node, ptr string, ev *jsonpos.Node) {
	f := sp.f
	evPtr := ptr + "/x-ms-enum-values"
	enum := n.Get("enum")
	inEnum := map[string]bool{}
	if enum.Is(jsonpos.Array) {
		for _, it := range enum.Items {
			inEnum[string(f.Data[it.Start:it.End])] = true
			if it.Kind == jsonpos.String {
				inEnum[it.Text] = true
			}
		}
	}
	seen := map[string]bool{}
	for i, it := range ev.Items {
		iPtr := jsonpos.Index(evPtr, i)
		if !it.Is(jsonpos.Object) {
			continue
		}
		vm := it.Member("value")
		if it.Get("displayName") == nil {
			sp.reportOnce(missingEnumValuesDisplayName, value(f, it, iPtr),
				"this x-ms-enum-values entry has no displayName; add the label users see")
		}
		if vm == nil {
			continue
		}
		raw := string(f.Data[vm.Value.Start:vm.Value.End])
		key := raw
		if vm.Value.Kind == jsonpos.String {
			key = vm.Value.Text
		}
		if seen[key] {
			sp.reportOnce(duplicateEnumValuesInExtension, value(f, vm.Value, iPtr+"/value"), "value %s is listed twice in x-ms-enum-values; remove the repeat", raw)
		}
		seen[key] = true
		if enum.Is(jsonpos.Array) && !inEnum[key] {
			sp.reportOnce(invalidEnumValuesExtensionValue, value(f, vm.Value, iPtr+"/value"),
				"x-ms-enum-values lists %s, which is not in \"enum\"; add it to enum or fix the value", raw)
		}
	}
}

var dynamicExtensionDefinitionNotAllowedInParameter = newRule(Rule{
	ID: "DynamicExtensionDefinitionNotAllowedInParameter", Severity: Error, Kinds: AllKinds, Section: "7",
	Summary: "x-ms-dynamic-schema/-properties on the body parameter object rather than inside its schema.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:25:97", Pointer: "/paths/~1tasks/post/parameters/0/x-ms-dynamic-schema", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"x-ms-dynamic-schema\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": \"1\"}, \"value-path\": \"schema\"}, \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"type\": \"object\", \"x-ms-dynamic-schema\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": \"1\"}, \"value-path\": \"schema\"}}}],\n"},
		}},
	},
})

var invalidNextLinkNameValue = newRule(Rule{
	ID: "InvalidNextLinkNameValue", Severity: Error, Kinds: AllKinds, Section: "7",
	Summary: "x-ms-pageable nextLinkName isn't nextLink or @odata.nextLink (compared ignoring case, as the platform does).",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:15:71", Pointer: "/paths/~1tasks/get/x-ms-pageable/nextLinkName", Edits: []Edit{
			{File: SwaggerName, Old: "        \"operationId\": \"ListTasks\",\n", New: "        \"operationId\": \"ListTasks\", \"x-ms-pageable\": {\"nextLinkName\": \"next\"},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"operationId\": \"ListTasks\",\n", New: "        \"operationId\": \"ListTasks\", \"x-ms-pageable\": {\"nextLinkName\": \"NextLink\"},\n"},
		}},
	},
})

var notificationExtensionSupportedForTriggerOnly = newRule(Rule{
	ID: "NotificationExtensionSupportedForTriggerOnly", Severity: Error, Kinds: AllKinds, Section: "7",
	Summary: "x-ms-notification on an operation that isn't a trigger.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:15:37", Pointer: "/paths/~1tasks/get/x-ms-notification", Edits: []Edit{
			{File: SwaggerName, Old: "        \"operationId\": \"ListTasks\",\n        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n", New: "        \"operationId\": \"ListTasks\", \"x-ms-notification\": {\"operationId\": \"OnTask\"},\n        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/hooks\": {\"x-ms-notification-content\": {\"description\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, \"post\": {\"operationId\": \"OnTask\", \"summary\": \"When a task is created\", \"description\": \"Triggers when a task is created.\", \"x-ms-trigger\": \"single\", \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Subscription\", \"schema\": {\"type\": \"object\", \"required\": [\"url\"], \"properties\": {\"url\": {\"type\": \"string\", \"x-ms-notification-url\": true, \"x-ms-visibility\": \"internal\"}}}}], \"responses\": {\"201\": {\"description\": \"Created\"}}}},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"operationId\": \"ListTasks\",\n        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n", New: "        \"operationId\": \"ListTasks\", \"x-ms-trigger\": \"batch\", \"x-ms-notification\": {\"operationId\": \"OnTask\"},\n        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/hooks\": {\"x-ms-notification-content\": {\"description\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, \"post\": {\"operationId\": \"OnTask\", \"summary\": \"When a task is created\", \"description\": \"Triggers when a task is created.\", \"x-ms-trigger\": \"single\", \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Subscription\", \"schema\": {\"type\": \"object\", \"required\": [\"url\"], \"properties\": {\"url\": {\"type\": \"string\", \"x-ms-notification-url\": true, \"x-ms-visibility\": \"internal\"}}}}], \"responses\": {\"201\": {\"description\": \"Created\"}}}},\n"},
		}},
	},
})

var notificationExtensionNotSupportedInWebhookOperation = newRule(Rule{
	ID: "NotificationExtensionNotSupportedInWebhookOperation", Severity: Error, Kinds: AllKinds, Section: "7",
	Summary: "x-ms-notification on a webhook operation.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:29:260", Pointer: "/paths/~1hooks/post/x-ms-notification", Edits: []Edit{
			{File: SwaggerName, Old: "      }\n    },\n", New: "      }\n    },\n    \"/hooks\": {\"x-ms-notification-content\": {\"description\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, \"post\": {\"operationId\": \"OnTask\", \"summary\": \"When a task is created\", \"description\": \"Triggers when a task is created.\", \"x-ms-trigger\": \"single\", \"x-ms-notification\": {\"operationId\": \"OnTask\"}, \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Subscription\", \"schema\": {\"type\": \"object\", \"required\": [\"url\"], \"properties\": {\"url\": {\"type\": \"string\", \"x-ms-notification-url\": true, \"x-ms-visibility\": \"internal\"}}}}], \"responses\": {\"201\": {\"description\": \"Created\"}}}},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"operationId\": \"ListTasks\",\n        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n", New: "        \"operationId\": \"ListTasks\", \"x-ms-trigger\": \"batch\", \"x-ms-notification\": {\"operationId\": \"OnTask\"},\n        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/hooks\": {\"x-ms-notification-content\": {\"description\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, \"post\": {\"operationId\": \"OnTask\", \"summary\": \"When a task is created\", \"description\": \"Triggers when a task is created.\", \"x-ms-trigger\": \"single\", \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Subscription\", \"schema\": {\"type\": \"object\", \"required\": [\"url\"], \"properties\": {\"url\": {\"type\": \"string\", \"x-ms-notification-url\": true, \"x-ms-visibility\": \"internal\"}}}}], \"responses\": {\"201\": {\"description\": \"Created\"}}}},\n"},
		}},
	},
})

var notificationOperationMustBeWebhook = newRule(Rule{
	ID: "NotificationOperationMustBeWebhook", Severity: Error, Kinds: AllKinds, Section: "7",
	Summary: "x-ms-notification names an operation that isn't a webhook.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:15:99", Pointer: "/paths/~1tasks/get/x-ms-notification/operationId", Edits: []Edit{
			{File: SwaggerName, Old: "        \"operationId\": \"ListTasks\",\n        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n", New: "        \"operationId\": \"ListTasks\", \"x-ms-trigger\": \"batch\", \"x-ms-notification\": {\"operationId\": \"GetTask\"},\n        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/hooks\": {\"x-ms-notification-content\": {\"description\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, \"post\": {\"operationId\": \"OnTask\", \"summary\": \"When a task is created\", \"description\": \"Triggers when a task is created.\", \"x-ms-trigger\": \"single\", \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Subscription\", \"schema\": {\"type\": \"object\", \"required\": [\"url\"], \"properties\": {\"url\": {\"type\": \"string\", \"x-ms-notification-url\": true, \"x-ms-visibility\": \"internal\"}}}}], \"responses\": {\"201\": {\"description\": \"Created\"}}}},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"operationId\": \"ListTasks\",\n        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n", New: "        \"operationId\": \"ListTasks\", \"x-ms-trigger\": \"batch\", \"x-ms-notification\": {\"operationId\": \"OnTask\"},\n        \"summary\": \"List tasks\",\n        \"description\": \"Lists the tasks of the signed-in user.\",\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/Task\"}}}}\n      },\n      \"post\": {\n        \"operationId\": \"CreateTask\",\n        \"summary\": \"Create a task\",\n        \"description\": \"Creates a task.\",\n        \"consumes\": [\"application/json\"],\n        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/hooks\": {\"x-ms-notification-content\": {\"description\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, \"post\": {\"operationId\": \"OnTask\", \"summary\": \"When a task is created\", \"description\": \"Triggers when a task is created.\", \"x-ms-trigger\": \"single\", \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Subscription\", \"schema\": {\"type\": \"object\", \"required\": [\"url\"], \"properties\": {\"url\": {\"type\": \"string\", \"x-ms-notification-url\": true, \"x-ms-visibility\": \"internal\"}}}}], \"responses\": {\"201\": {\"description\": \"Created\"}}}},\n"},
		}},
	},
})

// checkDynamicOps checks operation-level extensions: dynamic extensions on a body parameter
// object, x-ms-pageable, x-ms-notification, x-ms-operation-context and the root x-ms-capabilities.
func (sp *schemaPass) checkDynamicOps() {
	f := sp.f
	seenParam := map[string]bool{}
	for _, o := range sp.s.ops {
		for _, p := range o.params {
			if p.in != "body" || seenParam[p.ptr] {
				continue
			}
			seenParam[p.ptr] = true
			for _, k := range []string{"x-ms-dynamic-schema", "x-ms-dynamic-properties"} {
				if m := p.node.Member(k); m != nil {
					sp.reportOnce(dynamicExtensionDefinitionNotAllowedInParameter, name(f, m, jsonpos.Join(p.ptr, k)),
						"%s belongs inside the body parameter's \"schema\", not on the parameter; move it there", k)
				}
			}
		}
		if pg := o.node.Get("x-ms-pageable"); pg.Is(jsonpos.Object) {
			if nl := pg.Member("nextLinkName"); nl != nil {
				// The platform matches the name ignoring case.
				if s, ok := nl.Value.Str(); ok && !strings.EqualFold(s, "nextLink") && !strings.EqualFold(s, "@odata.nextLink") {
					sp.reportOnce(invalidNextLinkNameValue, value(f, nl.Value, o.ptr+"/x-ms-pageable/nextLinkName"),
						`nextLinkName is %q; the platform supports only "nextLink" and "@odata.nextLink": return the next page link under one of those names (e.g. with a policy)`, s)
				}
			}
		}
		if n := o.node.Get("x-ms-notification"); n.Is(jsonpos.Object) {
			nPtr := o.ptr + "/x-ms-notification"
			where := name(f, o.node.Member("x-ms-notification"), nPtr)
			switch {
			case o.trigger == "":
				sp.reportOnce(notificationExtensionSupportedForTriggerOnly, where, "x-ms-notification only applies to trigger operations; remove it or add x-ms-trigger")
			case sp.isWebhook(o):
				sp.reportOnce(notificationExtensionNotSupportedInWebhookOperation, where, "x-ms-notification names a webhook for a polling trigger; a webhook operation can't carry it: remove it")
			default:
				if t := sp.dynamicTarget(n, nPtr); t != nil && !sp.isWebhook(t) {
					sp.reportOnce(notificationOperationMustBeWebhook, sp.valueAt(n, nPtr, "operationId"),
						"x-ms-notification names %s, which is not a webhook (a non-GET x-ms-trigger operation); name the webhook registration operation", t.id)
				}
			}
		}
		if oc := o.node.Get("x-ms-operation-context"); oc.Is(jsonpos.Object) {
			if sim := oc.Get("simulate"); sim.Is(jsonpos.Object) {
				sp.dynamicTarget(sim, o.ptr+"/x-ms-operation-context/simulate")
			}
		}
	}
	if caps := sp.s.root.Get("x-ms-capabilities"); caps.Is(jsonpos.Object) {
		for _, k := range []string{"testConnection", "file-picker"} {
			c := caps.Get(k)
			cPtr := "/x-ms-capabilities/" + k
			if c.Get("operationId") != nil {
				sp.dynamicTarget(c, cPtr)
			}
			for _, part := range []string{"open", "browse"} {
				if pn := c.Get(part); pn.Get("operationId") != nil {
					sp.dynamicTarget(pn, cPtr+"/"+part)
				}
			}
		}
	}
}

var dynamicListExtensionRequiredForAmbiguousReferences = newRule(Rule{
	ID: "DynamicListExtensionRequiredForAmbiguousReferences", Severity: Warning, Kinds: AllKinds, Section: "7",
	Summary: "x-ms-dynamic-values refers to a name that is both a parameter and a body property, without x-ms-dynamic-list.",
	Basis:   BasisIgnored, BasisReason: "the legacy extension can't tell the two apart",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:126", Pointer: "/definitions/Task/properties/title/x-ms-dynamic-values/parameters/taskId/parameter", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n        \"description\": \"Gets one task by its ID.\",\n        \"parameters\": [{\"$ref\": \"#/parameters/taskId\"}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    }\n  },\n  \"definitions\": {\n    \"Task\": {\n      \"type\": \"object\",\n      \"properties\": {\n        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, {\"name\": \"id\", \"in\": \"query\", \"type\": \"string\"}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n        \"description\": \"Gets one task by its ID.\",\n        \"parameters\": [{\"$ref\": \"#/parameters/taskId\"}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    }\n  },\n  \"definitions\": {\n    \"Task\": {\n      \"type\": \"object\",\n      \"properties\": {\n        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n        \"title\": {\"type\": \"string\", \"x-ms-dynamic-values\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": {\"parameter\": \"id\"}}, \"value-path\": \"id\"}, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"x-ms-dynamic-values\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": {\"parameter\": \"id\"}}, \"value-path\": \"id\"}, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

var dynamicListExtensionRequiredForNonParameterReferences = newRule(Rule{
	ID: "DynamicListExtensionRequiredForNonParameterReferences", Severity: Warning, Kinds: AllKinds, Section: "7",
	Summary: "x-ms-dynamic-values refers to a body property, without x-ms-dynamic-list.",
	Basis:   BasisIgnored, BasisReason: "the legacy extension can't address a body property",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:126", Pointer: "/definitions/Task/properties/title/x-ms-dynamic-values/parameters/taskId/parameter", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"x-ms-dynamic-values\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": {\"parameter\": \"id\"}}, \"value-path\": \"id\"}, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"title\": {\"type\": \"string\", \"x-ms-dynamic-values\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": {\"parameter\": \"id\"}}, \"value-path\": \"id\"}, \"x-ms-dynamic-list\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": {\"parameterReference\": \"body/id\"}}}, \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

var dynamicPropertiesExtensionRequiredForAmbiguousReferences = newRule(Rule{
	ID: "DynamicPropertiesExtensionRequiredForAmbiguousReferences", Severity: Warning, Kinds: AllKinds, Section: "7",
	Summary: "x-ms-dynamic-schema refers to a name that is both a parameter and a body property, without x-ms-dynamic-properties.",
	Basis:   BasisIgnored, BasisReason: "the legacy extension can't tell the two apart",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:125", Pointer: "/definitions/Task/properties/meta/x-ms-dynamic-schema/parameters/taskId/parameter", Edits: []Edit{
			{File: SwaggerName, Old: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n        \"description\": \"Gets one task by its ID.\",\n        \"parameters\": [{\"$ref\": \"#/parameters/taskId\"}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    }\n  },\n  \"definitions\": {\n    \"Task\": {\n      \"type\": \"object\",\n      \"properties\": {\n        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, {\"name\": \"id\", \"in\": \"query\", \"type\": \"string\"}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    },\n    \"/tasks/{taskId}\": {\n      \"get\": {\n        \"operationId\": \"GetTask\",\n        \"summary\": \"Get a task\",\n        \"description\": \"Gets one task by its ID.\",\n        \"parameters\": [{\"$ref\": \"#/parameters/taskId\"}],\n        \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}}\n      }\n    }\n  },\n  \"definitions\": {\n    \"Task\": {\n      \"type\": \"object\",\n      \"properties\": {\n        \"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},\n        \"meta\": {\"type\": \"object\", \"x-ms-dynamic-schema\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": {\"parameter\": \"id\"}}, \"value-path\": \"schema\"}}, \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"meta\": {\"type\": \"object\", \"x-ms-dynamic-schema\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": {\"parameter\": \"id\"}}, \"value-path\": \"schema\"}}, \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})

var dynamicPropertiesExtensionRequiredForNonParameterReferences = newRule(Rule{
	ID: "DynamicPropertiesExtensionRequiredForNonParameterReferences", Severity: Warning, Kinds: AllKinds, Section: "7",
	Summary: "x-ms-dynamic-schema refers to a body property, without x-ms-dynamic-properties.",
	Basis:   BasisIgnored, BasisReason: "the legacy extension can't address a body property",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:44:125", Pointer: "/definitions/Task/properties/meta/x-ms-dynamic-schema/parameters/taskId/parameter", Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"meta\": {\"type\": \"object\", \"x-ms-dynamic-schema\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": {\"parameter\": \"id\"}}, \"value-path\": \"schema\"}}, \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n", New: "        \"meta\": {\"type\": \"object\", \"x-ms-dynamic-schema\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": {\"parameter\": \"id\"}}, \"value-path\": \"schema\"}, \"x-ms-dynamic-properties\": {\"operationId\": \"GetTask\", \"parameters\": {\"taskId\": {\"parameterReference\": \"body/id\"}}, \"itemValuePath\": \"schema\"}}, \"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}\n"},
		}},
	},
})
