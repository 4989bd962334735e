package validate

import (
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// Breaking compares two versions of one connector and reports the changes that break existing
// flows (catalog §15, docs/breaking.md). Every finding points into the new version: a change where
// it shows, and something deleted at its nearest surviving parent (the path item, the parent
// property, "paths"), with its old place as a related location in the old file. One finding is
// reported per removed or changed item; grouping them is the report's job. The findings carry the
// new connector's path and kind. Operations and schemas are compared only when both swaggers are
// JSON objects (the lenient parse suffices).
func Breaking(old, new *Connector) []Finding {
	cs := BreakingChanges(old, new)
	out := make([]Finding, len(cs))
	for i := range cs {
		out[i] = cs[i].Finding
	}
	return out
}

// Change is one breaking-change finding with the operationId it is about ("" for a change to the
// whole connector: title, authentication, connection parameters).
type Change struct {
	Finding
	Operation string
}

// BreakingChanges is Breaking with the operation of each finding, for acknowledgements
// (AcknowledgeBreaking). The order is the findings' order.
func BreakingChanges(old, new *Connector) []Change {
	p := newPass(new, nil, false)
	b := &breaking{p: p, old: old, new: new}
	if swaggerRoot(old) != nil && swaggerRoot(new) != nil {
		b.title()
		b.operations()
		b.securityDefinitions()
	}
	b.connectionParameters()
	if b.skipped > 0 {
		b.report("", Warning, findingsLimitExceeded, whole(new.Path),
			"the inputs and outputs of %d more operations were not compared for breaking changes (at most %d fields per connector are); compare those operations on their own",
			b.skipped, maxBreakingFields)
	}
	cs := make([]Change, len(p.findings))
	for i := range p.findings {
		cs[i] = Change{Finding: p.findings[i], Operation: b.ops[i]}
	}
	slices.SortStableFunc(cs, func(a, b Change) int { return compareFindings(a.Finding, b.Finding) })
	cs = slices.CompactFunc(cs, func(a, b Change) bool {
		return a.Operation == b.Operation && compareFindings(a.Finding, b.Finding) == 0
	})
	return capChanges(new, cs)
}

// capChanges bounds the findings like Check does (capFindings): a definition shared by every
// operation of a large swagger gives one finding per operation and field.
func capChanges(c *Connector, cs []Change) []Change {
	if len(cs) <= MaxFindingsPerRule {
		return cs
	}
	fs := make([]Finding, len(cs))
	ops := make(map[string]string, len(cs))
	key := func(f *Finding) string {
		return fmt.Sprintf("%s\x00%s\x00%d\x00%d\x00%s\x00%s", f.Rule, f.File, f.Line, f.Column, f.Pointer, f.Message)
	}
	for i := range cs {
		fs[i] = cs[i].Finding
		ops[key(&fs[i])] = cs[i].Operation
	}
	capped := capFindings(c.subject(), fs, nil)
	if len(capped) == len(fs) {
		return cs
	}
	out := make([]Change, len(capped))
	for i := range capped {
		out[i] = Change{Finding: capped[i], Operation: ops[key(&capped[i])]}
	}
	return out
}

type breaking struct {
	p        *pass
	old, new *Connector
	ops      []string // the operationId of each finding in p.findings
	// fields counts the input and output fields compared so far; past maxBreakingFields the
	// fields of further operations are not compared (skipped counts those operations).
	fields, skipped int
}

// report adds a finding about operation opID (""), with the rule's severity, or sev when it is set.
func (b *breaking) report(opID string, sev Severity, id *Rule, where at, format string, args ...any) *Finding {
	n := len(b.p.findings)
	var f *Finding
	if sev == 0 {
		f = b.p.report(id, where, format, args...)
	} else {
		f = b.p.reportAs(id, sev, where, format, args...)
	}
	if len(b.p.findings) > n {
		b.ops = append(b.ops, opID)
	}
	return f
}

// oldPlace adds the place of n in the old file as a related location.
func (b *breaking) oldPlace(f *Finding, of *File, n *jsonpos.Node, msg string) {
	if f == nil || of == nil || of.JSON == nil || n == nil {
		return
	}
	l, c := of.JSON.Lines.Position(n.Start)
	f.related(of.Path, l, c, msg)
}

// maxBreakingFields bounds the field comparisons of one connector. Every operation's fields are
// compared on their own (the findings name the operation), so 1,000 operations over one
// 5,000-property definition are 10 million comparisons; the most published connector needs
// about 30,000.
const maxBreakingFields = 1_000_000

// versionHint is the fix every finding on an operation carries.
func versionHint(o *op) string {
	family, rev := o.id, 1
	if a := o.node.Get("x-ms-api-annotation"); a.Is(jsonpos.Object) {
		if f := str(a.Get("family")); f != "" {
			family = f
		}
		if r := a.Get("revision"); r.Is(jsonpos.Number) {
			if n, err := strconv.Atoi(r.Text); err == nil && n > 0 {
				rev = n
			}
		}
	}
	return fmt.Sprintf(`version the operation instead: keep %s as it was with "deprecated": true, and add %s with the change and "x-ms-api-annotation": {"family": %q, "revision": %d}`,
		o.id, nextVersionID(o.id), family, rev+1)
}

var versionSuffix = regexp.MustCompile(`V([0-9]+)$`)

// nextVersionID is the operationId of the next version: ListTasks -> ListTasksV2, ListTasksV2 -> ListTasksV3.
func nextVersionID(id string) string {
	if m := versionSuffix.FindStringSubmatchIndex(id); m != nil {
		if n, err := strconv.Atoi(id[m[2]:m[3]]); err == nil {
			return id[:m[0]] + "V" + strconv.Itoa(n+1)
		}
	}
	return id + "V2"
}

// templateOf is a path with its variable names blanked: /items/{id} and /items/{itemId} are one template.
var pathVar = regexp.MustCompile(`\{[^}]*\}`)

func templateOf(path string) string { return pathVar.ReplaceAllString(path, "{}") }

func opLabel(o *op) string { return strings.ToUpper(o.method) + " " + o.path }

// at the operationId value of o, or its method key.
func opAt(f *File, o *op) at {
	if n := o.node.Get("operationId"); n != nil {
		return value(f, n, o.ptr+"/operationId")
	}
	return name(f, o.member, o.ptr)
}

var titleChanged = newRule(Rule{
	ID: "TitleChanged", Severity: Warning, Kinds: Publishable, Section: "15", Scope: ScopeBreaking,
	Summary: "info.title changed; reviewers accept a new title only with a reason (a renamed folder is PrConnectorFolderRenamed).",
	Basis:   BasisRejected, BasisReason: "reviewers refuse it: the title is locked after publication",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, Change: true, At: "new/apiDefinition.swagger.json:4:14", Edits: []Edit{
			{File: SwaggerName, Old: "\"title\": \"Contoso Tasks\"", New: "\"title\": \"Contoso Todo\""},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Change: true, Edits: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Create, list", New: "\"description\": \"Create, read, list"},
		}},
	},
})

func (b *breaking) title() {
	ot := strings.TrimSpace(str(swaggerRoot(b.old).Get("info").Get("title")))
	n := swaggerRoot(b.new).Get("info").Get("title")
	nt := strings.TrimSpace(str(n))
	if ot == "" || nt == "" || ot == nt {
		return
	}
	b.report("", 0, titleChanged, value(b.new.Swagger, n, "/info/title"),
		"info.title changed from %q to %q; the title of a published connector changes only when Microsoft's reviewers accept it: restore %q, or say in the pull request why the title changes", ot, nt, ot)
}

// effectivePath is an operation's URL path below the host as a template: basePath joined with
// the path key, so moving a segment between them is no change.
func effectivePath(c *Connector, p string) string {
	bp := strings.TrimRight(str(swaggerRoot(c).Get("basePath")), "/")
	return templateOf(bp + p)
}

var operationDeleted = newRule(Rule{
	ID: "OperationDeleted", Severity: Error, Kinds: AllKinds, Section: "15", Scope: ScopeBreaking,
	Summary: "An operationId of the old version is gone (warning when the old operation was deprecated or internal).",
	Basis:   BasisBroken, BasisReason: srcFlows + " (deprecated or internal: warning)",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, Change: true, At: "new/apiDefinition.swagger.json:29:5", Edits: []Edit{
			{File: SwaggerName, Old: "\"get\": {\n        \"operationId\": \"GetTask\"", New: "\"x-get\": {\n        \"operationId\": \"GetTask\""},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Change: true},
	},
})

var operationIdChanged = newRule(Rule{
	ID: "OperationIdChanged", Severity: Error, Kinds: AllKinds, Section: "15", Scope: ScopeBreaking,
	Summary: "The same path and method has a different operationId; flows refer to operations by it.",
	Basis:   BasisBroken, BasisReason: srcFlows,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, Change: true, At: "new/apiDefinition.swagger.json:31:24", Edits: []Edit{
			{File: SwaggerName, Old: "\"operationId\": \"GetTask\"", New: "\"operationId\": \"FetchTask\""},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Change: true, Edits: []Edit{
			{File: SwaggerName, Old: "\"/tasks/{taskId}\": {", New: "\"/tasks/{taskId}/x\": {\"get\": {\"operationId\": \"Extra\", \"responses\": {\"200\": {\"description\": \"OK\"}}}}, \"/tasks/{taskId}\": {"},
		}},
	},
})

func (b *breaking) operations() {
	os, ns := b.old.spec(), b.new.spec()
	of, nf := b.old.Swagger, b.new.Swagger
	for _, o := range os.ops {
		if o.id == "" {
			continue
		}
		if n := ns.byID[o.id]; n != nil {
			b.compareOperation(o, n)
			continue
		}
		// An unmatched pair on the same path and method is a renamed operation.
		var renamed *op
		for _, n := range ns.ops {
			if n.method == o.method && effectivePath(b.new, n.path) == effectivePath(b.old, o.path) && n.id != "" && os.byID[n.id] == nil {
				renamed = n
				break
			}
		}
		if renamed != nil {
			f := b.report(o.id, 0, operationIdChanged, opAt(nf, renamed),
				"operationId of %s changed from %s to %s; flows refer to operations by operationId, so restore %s, or keep it (\"deprecated\": true) and add %s as a new operation in the same x-ms-api-annotation family with a higher revision",
				opLabel(renamed), o.id, renamed.id, o.id, renamed.id)
			b.oldPlace(f, of, o.node.Get("operationId"), "the old operationId")
			b.compareOperation(o, renamed)
			continue
		}
		sev := Error
		why := "flows that use it break"
		if o.deprecated || o.internal {
			sev = Warning
			why = "it was deprecated or internal, but flows may still use it"
		}
		f := b.report(o.id, sev, operationDeleted, b.survivingParent(o),
			"operation %s (%s) was deleted; %s: restore it and mark it \"deprecated\": true (and \"x-ms-visibility\": \"internal\" to hide it) instead of deleting it",
			o.id, opLabel(o), why)
		n := o.node.Get("operationId")
		if n == nil {
			n = o.node
		}
		b.oldPlace(f, of, n, "the deleted operation")
	}
}

// survivingParent is where something of the old operation o that is gone shows in the new file:
// its path item when the path is still there, else "paths", else the root.
func (b *breaking) survivingParent(o *op) at {
	nf := b.new.Swagger
	for _, ptr := range []string{o.pathPtr, "/paths"} {
		if n, _ := nf.JSON.Lookup(ptr); n != nil {
			return parent(nf, ptr)
		}
	}
	return parent(nf, "")
}

var pathTemplateChanged = newRule(Rule{
	ID: "PathTemplateChanged", Severity: Error, Kinds: AllKinds, Section: "15", Scope: ScopeBreaking,
	Summary: "An operation's path template or HTTP method changed (renaming a path variable alone doesn't count).",
	Basis:   BasisBroken, BasisReason: srcFlows,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, Change: true, At: "new/apiDefinition.swagger.json:30:7", Edits: []Edit{
			{File: SwaggerName, Old: "\"/tasks/{taskId}\": {", New: "\"/todo/{taskId}\": {"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Change: true, Edits: []Edit{
			{File: SwaggerName, Old: "\"basePath\": \"/v1\"", New: "\"basePath\": \"/\""},
			{File: SwaggerName, Old: "\"/tasks\": {", New: "\"/v1/tasks\": {"},
			{File: SwaggerName, Old: "\"/tasks/{taskId}\": {", New: "\"/v1/tasks/{taskId}\": {"},
		}},
	},
})

var operationMadeInternal = newRule(Rule{
	ID: "OperationMadeInternal", Severity: Notice, Kinds: AllKinds, Section: "15", Scope: ScopeBreaking,
	Summary: "An operation became x-ms-visibility: internal, the retirement path for an operation.",
	Basis:   BasisHeuristic,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, Change: true, At: "new/apiDefinition.swagger.json:31:54", Edits: []Edit{
			{File: SwaggerName, Old: "\"operationId\": \"GetTask\",", New: "\"operationId\": \"GetTask\", \"x-ms-visibility\": \"internal\","},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Change: true, Edits: []Edit{
			{File: SwaggerName, Old: "\"operationId\": \"GetTask\",", New: "\"operationId\": \"GetTask\", \"deprecated\": true,"},
		}},
	},
})

func (b *breaking) compareOperation(o, n *op) {
	nf := b.new.Swagger
	if o.method != n.method || effectivePath(b.old, o.path) != effectivePath(b.new, n.path) {
		b.report(n.id, 0, pathTemplateChanged, name(nf, n.member, n.ptr),
			"%s moved from %s to %s; Logic Apps workflows store the method and path they call; %s", n.id, opLabel(o), opLabel(n), versionHint(o))
	}
	if !o.internal && n.internal {
		b.report(n.id, 0, operationMadeInternal, value(nf, n.node.Get("x-ms-visibility"), n.ptr+"/x-ms-visibility"),
			"%s became internal: existing flows keep working, but it can no longer be added to new ones; this is the retirement path (mark it \"deprecated\": true too, and point to its replacement in the description)", n.id)
	}
	if b.fields > maxBreakingFields {
		b.skipped++
		return
	}
	b.compareInputs(o, n)
	b.compareOutputs(o, n)
}

// field is one input or output of an operation: a parameter, or a property of a body or
// response schema.
type field struct {
	key   string // in:name for parameters, body:path for body properties, path for outputs
	label string // for messages: query parameter "top", body property "address.city"
	path  string // schema property path ("" for a parameter or the schema root)
	up    string // the path of the property above (for a property)
	param *param // set for parameters
	node  *jsonpos.Node
	ptr   string // where node is written
	use   string // where it is used (the property entry or the parameter's array entry)

	// required: a parameter's required; a body property listed in its parent's required array
	// (items of an array count as required), whether or not the levels above are required.
	// internal: the field or a level above it is x-ms-visibility internal (flows never set it).
	required, hasDefault, internal bool
}

func (fl *field) typ() string    { return str(fl.node.Get("type")) }
func (fl *field) format() string { return str(fl.node.Get("format")) }

// keyAt is where the field shows: a parameter's name value, a property's key.
func (fl *field) keyAt(f *File) at {
	if fl.param != nil {
		if n := fl.node.Get("name"); n != nil {
			return value(f, n, fl.ptr+"/name")
		}
	}
	return parent(f, fl.use)
}

// memberAt is where member k of the field shows, or the field's key when k is absent.
func (fl *field) memberAt(f *File, k string) at {
	if n := fl.node.Get(k); n != nil {
		return value(f, n, jsonpos.Join(fl.ptr, k))
	}
	return fl.keyAt(f)
}

// parentOf is the property path of the schema above sn (allOf members share their parent's
// path, so they are skipped). Property names may hold dots (@odata.count), so the path text
// can't be split.
func parentOf(sn schemaNode) string {
	pth := sn.path()
	for l := sn.loc.parent; l != nil; l = l.parent {
		if p := l.path(); p != pth {
			return p
		}
	}
	return ""
}

// jsonKind is the kind of JSON value a schema describes: object, array, string, number (integer
// and number alike), boolean, file; inferred from properties or items when there is no type;
// "" when nothing says.
func jsonKind(n *jsonpos.Node) string {
	switch t := str(n.Get("type")); t {
	case "integer", "number":
		return "number"
	case "":
		switch {
		case n.Get("properties") != nil || n.Get("additionalProperties") != nil:
			return "object"
		case n.Get("items") != nil:
			return "array"
		}
		return ""
	default:
		return t
	}
}

// numberRank orders numeric types by the values they accept: int32 < other integers < number.
func numberRank(typ, format string) int {
	switch {
	case typ == "integer" && format == "int32":
		return 1
	case typ == "integer":
		return 2
	}
	return 3
}

func bodyParam(o *op) *param {
	for _, p := range o.params {
		if p.in == "body" {
			return p
		}
	}
	return nil
}

func (s *spec) inputs(o *op) ([]*field, map[string]*field) {
	var list []*field
	for _, p := range o.params {
		if p.in == "body" {
			s.schemaFields(p.node.Get("schema"), p.ptr+"/schema", "body:", p.required, isInternal(p.node), &list)
			continue
		}
		list = append(list, &field{
			key: p.in + ":" + p.name, label: fmt.Sprintf("%s parameter %q", p.in, p.name), param: p,
			node: p.node, ptr: p.ptr, use: p.usePtr, required: p.required,
			hasDefault: p.node.Get("default") != nil, internal: isInternal(p.node),
		})
	}
	return list, index(list)
}

func index(list []*field) map[string]*field {
	m := make(map[string]*field, len(list))
	for _, f := range list {
		if _, dup := m[f.key]; !dup {
			m[f.key] = f
		}
	}
	return m
}

// schemaFields adds the properties of the schema at n (and the root itself) as fields.
func (s *spec) schemaFields(n *jsonpos.Node, ptr, prefix string, rootRequired, rootInternal bool, list *[]*field) {
	if n == nil {
		return
	}
	// A schema reached through $ref gives the same fields at every use but the root's use
	// pointer: a definition shared by 1,000 operations is walked once (it took 78 s).
	if target, _, problem := s.resolve(n, ptr); problem == refOK && target != n && target.Is(jsonpos.Object) {
		key := fieldsKey{target, prefix, rootRequired, rootInternal}
		fs, ok := s.fieldMemo[key]
		if !ok {
			s.walkFields(n, ptr, prefix, rootRequired, rootInternal, &fs)
			if s.fieldMemo == nil {
				s.fieldMemo = map[fieldsKey][]*field{}
			}
			s.fieldMemo[key] = fs
		}
		if len(fs) > 0 {
			root := *fs[0] // the walk visits the root first
			root.use = ptr
			*list = append(*list, &root)
			*list = append(*list, fs[1:]...)
		}
		return
	}
	s.walkFields(n, ptr, prefix, rootRequired, rootInternal, list)
}

// fieldsKey is a memoized schemaFields walk: the schema a $ref leads to and the walk's settings.
type fieldsKey struct {
	node               *jsonpos.Node
	prefix             string
	required, internal bool
}

func (s *spec) walkFields(n *jsonpos.Node, ptr, prefix string, rootRequired, rootInternal bool, list *[]*field) {
	internal := map[string]bool{}
	s.walkSchema(n, ptr, func(sn schemaNode) bool {
		pth := sn.path()
		r, in, up := rootRequired, rootInternal || isInternal(sn.node), ""
		if pth != "" {
			r = sn.required || strings.HasSuffix(pth, "[]")
			up = parentOf(sn)
			in = in || internal[up]
		}
		if prev, seen := internal[pth]; !seen || !prev {
			internal[pth] = in
		}
		label := "body"
		if prefix != "body:" {
			label = "output"
		}
		if pth != "" {
			label += fmt.Sprintf(" property %q", pth)
		}
		*list = append(*list, &field{
			key: prefix + pth, label: label, path: pth, up: up, node: sn.node, ptr: sn.ptr(), use: sn.usePtr(),
			required: r, hasDefault: sn.node.Get("default") != nil, internal: in,
		})
		return true
	})
}

var parameterLocationChanged = newRule(Rule{
	ID: "ParameterLocationChanged", Severity: Error, Kinds: AllKinds, Section: "15", Scope: ScopeBreaking,
	Summary: "A parameter's `in` changed.",
	Basis:   BasisBroken, BasisReason: srcFlows,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, Change: true, At: "new/apiDefinition.swagger.json:49:40", Edits: []Edit{
			{File: SwaggerName, Old: "\"in\": \"path\"", New: "\"in\": \"query\""},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Change: true, Base: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"type\": \"string\"}],"},
		}, Edits: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"type\": \"string\"}],"},
		}},
	},
})

var requiredInputAdded = newRule(Rule{
	ID: "RequiredInputAdded", Severity: Error, Kinds: AllKinds, Section: "15", Scope: ScopeBreaking,
	Summary: "A new required parameter or body property without a default.",
	Basis:   BasisBroken, BasisReason: srcFlows,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, Change: true, At: "new/apiDefinition.swagger.json:17:90", Edits: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"project\", \"in\": \"query\", \"required\": true, \"type\": \"string\"}],"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Change: true, Edits: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"project\", \"in\": \"query\", \"required\": true, \"type\": \"string\", \"default\": \"all\"}],"},
		}},
	},
})

var inputMadeRequired = newRule(Rule{
	ID: "InputMadeRequired", Severity: Error, Kinds: AllKinds, Section: "15", Scope: ScopeBreaking,
	Summary: "An optional input became required (without a default).",
	Basis:   BasisBroken, BasisReason: srcFlows,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, Change: true, At: "new/apiDefinition.swagger.json:17:140", Base: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"p\", \"in\": \"query\", \"type\": \"string\"}],"},
		}, Edits: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"p\", \"in\": \"query\", \"type\": \"string\", \"required\": true}],"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Change: true, Base: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"p\", \"in\": \"query\", \"type\": \"string\", \"required\": true}],"},
		}, Edits: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"p\", \"in\": \"query\", \"type\": \"string\"}],"},
		}},
	},
})

var bodyParameterRenamed = newRule(Rule{
	ID: "BodyParameterRenamed", Severity: Error, Kinds: AllKinds, Section: "15", Scope: ScopeBreaking,
	Summary: "The body parameter's name changed; flows store body fields under it (`<name>/<field>`).",
	Basis:   BasisBroken, BasisReason: srcFlows,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, Change: true, At: "new/apiDefinition.swagger.json:25:33", Edits: []Edit{
			{File: SwaggerName, Old: "{\"name\": \"body\", \"in\": \"body\"", New: "{\"name\": \"task\", \"in\": \"body\""},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Change: true, Edits: []Edit{
			{File: SwaggerName, Old: "\"x-ms-summary\": \"Task\", \"schema\"", New: "\"x-ms-summary\": \"New task\", \"schema\""},
		}},
	},
})

var inputDeleted = newRule(Rule{
	ID: "InputDeleted", Severity: Warning, Kinds: AllKinds, Section: "15", Scope: ScopeBreaking,
	Summary: "An input was removed; existing flows still send it (an input that was internal already doesn't count).",
	Basis:   BasisHeuristic, BasisReason: "existing flows still send it",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, Change: true, At: "new/apiDefinition.swagger.json:14:7", Severity: Warning, Base: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"n\", \"in\": \"query\", \"type\": \"string\"}],"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Change: true, Base: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"n\", \"in\": \"query\", \"type\": \"string\", \"x-ms-visibility\": \"internal\", \"default\": \"x\"}],"},
		}},
	},
})

var inputMadeInternal = newRule(Rule{
	ID: "InputMadeInternal", Severity: Notice, Kinds: AllKinds, Section: "15", Scope: ScopeBreaking,
	Summary: "An input became x-ms-visibility: internal, the retirement path for an input.",
	Basis:   BasisHeuristic,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, Change: true, At: "new/apiDefinition.swagger.json:17:147", Base: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"n\", \"in\": \"query\", \"type\": \"string\"}],"},
		}, Edits: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"n\", \"in\": \"query\", \"type\": \"string\", \"x-ms-visibility\": \"internal\"}],"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Change: true, Base: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"n\", \"in\": \"query\", \"type\": \"string\", \"x-ms-visibility\": \"important\"}],"},
		}, Edits: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"n\", \"in\": \"query\", \"type\": \"string\", \"x-ms-visibility\": \"advanced\"}],"},
		}},
	},
})

func (b *breaking) compareInputs(o, n *op) {
	of, nf := b.old.Swagger, b.new.Swagger
	if ob, nb := bodyParam(o), bodyParam(n); ob != nil && nb != nil && ob.name != nb.name && !isInternal(ob.node) {
		f := b.report(n.id, 0, bodyParameterRenamed, value(nf, nb.node.Get("name"), nb.ptr+"/name"),
			"%s: the body parameter was renamed from %q to %q; Power Automate flows store body fields as \"%s/<field>\", so every value they set is lost: restore the name %q, or %s",
			n.id, ob.name, nb.name, ob.name, ob.name, versionHint(o))
		b.oldPlace(f, of, ob.node.Get("name"), "the old name")
	}
	olist, omap := b.old.spec().inputs(o)
	nlist, nmap := b.new.spec().inputs(n)
	b.fields += len(olist) + len(nlist)
	moved := map[string]bool{} // old keys matched by a location change
	for _, nfl := range nlist {
		if nmap[nfl.key] != nfl {
			continue // a second schema for the same key (allOf, another response): the first counts
		}
		ofl := omap[nfl.key]
		if ofl == nil {
			if nfl.param != nil {
				if prev := findMoved(olist, nmap, nfl); prev != nil {
					moved[prev.key] = true
					b.report(n.id, 0, parameterLocationChanged, nfl.memberAt(nf, "in"),
						"%s: parameter %q moved from %s to %s; flows send it in the old place; %s", n.id, nfl.param.name, prev.param.in, nfl.param.in, versionHint(o))
					continue
				}
			}
			if !nfl.required || nfl.hasDefault || nfl.internal {
				continue
			}
			if nfl.path != "" && omap[prefixOf(nfl.key)+nfl.up] == nil {
				continue // inside a new property: that one is reported
			}
			b.report(n.id, 0, requiredInputAdded, nfl.keyAt(nf),
				"%s: new required %s has no default, so existing flows that don't send it break; make it optional, give it a \"default\", or %s", n.id, nfl.label, versionHint(o))
			continue
		}
		if !ofl.required && nfl.required && !nfl.hasDefault && !nfl.internal {
			where := nfl.memberAt(nf, "required")
			if nfl.param == nil {
				where = nfl.keyAt(nf)
			}
			b.report(n.id, 0, inputMadeRequired, where,
				"%s: %s became required, so existing flows that leave it out break; keep it optional, give it a \"default\", or %s", n.id, nfl.label, versionHint(o))
		}
		b.compareEnums(o, n, ofl, nfl)
		b.compareInputType(o, n, ofl, nfl)
		if !ofl.internal && nfl.internal {
			b.report(n.id, 0, inputMadeInternal, nfl.memberAt(nf, "x-ms-visibility"),
				"%s: %s became internal: it no longer shows in the designer; this is the retirement path for an input (give it a \"default\" if the API still needs a value)", n.id, nfl.label)
		}
	}
	for _, ofl := range olist {
		if nmap[ofl.key] != nil || moved[ofl.key] || ofl.internal {
			continue // kept, moved, or internal already (flows never set it)
		}
		if ofl.path != "" && nmap[prefixOf(ofl.key)+ofl.up] == nil {
			continue // the property above it is gone too: that one is reported
		}
		where := name(nf, n.member, n.ptr)
		if ofl.path != "" {
			if pf := nmap[prefixOf(ofl.key)+ofl.up]; pf != nil {
				where = parent(nf, pf.use)
			}
		}
		f := b.report(n.id, 0, inputDeleted, where,
			"%s: %s was removed; existing flows still send it: keep it (\"x-ms-visibility\": \"internal\" hides it), or %s", n.id, ofl.label, versionHint(o))
		b.oldPlace(f, of, ofl.node, "the removed input")
	}
}

var inputTypeChanged = newRule(Rule{
	ID: "InputTypeChanged", Severity: Warning, Kinds: AllKinds, Section: "15", Scope: ScopeBreaking,
	Summary: "An input's JSON kind changed, or its number type accepts fewer values (a notice when only a string's format changed).",
	Basis:   BasisHeuristic,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, Change: true, At: "new/apiDefinition.swagger.json:17:118", Base: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"n\", \"in\": \"query\", \"type\": \"string\"}],"},
		}, Edits: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"n\", \"in\": \"query\", \"type\": \"integer\"}],"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Change: true, Base: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"n\", \"in\": \"query\", \"type\": \"integer\", \"format\": \"int32\"}],"},
		}, Edits: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"n\", \"in\": \"query\", \"type\": \"number\", \"format\": \"double\"}],"},
		}},
	},
})

// compareInputType reports an input whose JSON kind changed, or whose number type now accepts
// fewer values; a number that accepts more is no change, a string's new format a notice.
func (b *breaking) compareInputType(o, n *op, ofl, nfl *field) {
	nf := b.new.Swagger
	ok, nk := jsonKind(ofl.node), jsonKind(nfl.node)
	ot, nt, ofm, nfm := ofl.typ(), nfl.typ(), ofl.format(), nfl.format()
	switch {
	case ok != "" && nk != "" && ok != nk:
		b.report(n.id, 0, inputTypeChanged, nfl.memberAt(nf, "type"),
			"%s: %s type changed from %s to %s; values existing flows send may no longer be accepted; %s", n.id, nfl.label, ot, orNone(nt), versionHint(o))
	case ok == "number" && nk == "number":
		if numberRank(nt, nfm) < numberRank(ot, ofm) {
			where := nfl.memberAt(nf, "type")
			if ot == nt {
				where = nfl.memberAt(nf, "format")
			}
			b.report(n.id, 0, inputTypeChanged, where,
				"%s: %s narrowed from %s to %s; numbers existing flows send may no longer be accepted; %s", n.id, nfl.label, typeText(ot, ofm), typeText(nt, nfm), versionHint(o))
		}
	case ofm != nfm && nfm != "":
		b.report(n.id, Notice, inputTypeChanged, nfl.memberAt(nf, "format"),
			"%s: %s format changed from %s to %s; check that the values existing flows send still match it", n.id, nfl.label, orNone(ofm), nfm)
	}
}

func typeText(typ, format string) string {
	if format == "" {
		return orNone(typ)
	}
	return typ + " (" + format + ")"
}

func prefixOf(key string) string {
	if i := strings.IndexByte(key, ':'); i >= 0 {
		return key[:i+1]
	}
	return ""
}

// findMoved is an old parameter with the same name as nfl in another location (not the body) that
// the new version no longer has.
func findMoved(olist []*field, nmap map[string]*field, nfl *field) *field {
	if nfl.param.in == "body" {
		return nil
	}
	for _, ofl := range olist {
		if ofl.param != nil && ofl.param.name == nfl.param.name && ofl.param.in != nfl.param.in && ofl.param.in != "body" && nmap[ofl.key] == nil {
			return ofl
		}
	}
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// enumValues are an enum's values as JSON text (strings quoted), or nil with false when there is no enum.
func enumValues(n *jsonpos.Node) ([]string, bool) {
	e := n.Get("enum")
	if !e.Is(jsonpos.Array) {
		return nil, false
	}
	out := make([]string, 0, len(e.Items))
	for _, it := range e.Items {
		if it.Is(jsonpos.String) {
			out = append(out, strconv.Quote(it.Text))
		} else {
			out = append(out, it.Text)
		}
	}
	return out, true
}

var inputEnumValueRemoved = newRule(Rule{
	ID: "InputEnumValueRemoved", Severity: Error, Kinds: AllKinds, Section: "15", Scope: ScopeBreaking,
	Summary: "A value was removed from an input's enum.",
	Basis:   BasisBroken, BasisReason: srcFlows,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, Change: true, At: "new/apiDefinition.swagger.json:17:136", Base: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"s\", \"in\": \"query\", \"type\": \"string\", \"enum\": [\"open\", \"done\"]}],"},
		}, Edits: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"s\", \"in\": \"query\", \"type\": \"string\", \"enum\": [\"open\"]}],"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Change: true, Base: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"s\", \"in\": \"query\", \"type\": \"string\", \"enum\": [\"open\"]}],"},
		}, Edits: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"s\", \"in\": \"query\", \"type\": \"string\", \"enum\": [\"open\", \"done\"]}],"},
		}},
	},
})

var inputEnumAdded = newRule(Rule{
	ID: "InputEnumAdded", Severity: Error, Kinds: AllKinds, Section: "15", Scope: ScopeBreaking,
	Summary: "An enum was added to a previously free input.",
	Basis:   BasisBroken, BasisReason: srcFlows,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, Change: true, At: "new/apiDefinition.swagger.json:17:136", Base: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"s\", \"in\": \"query\", \"type\": \"string\"}],"},
		}, Edits: []Edit{
			{File: SwaggerName, Old: "\"description\": \"Lists the tasks of the signed-in user.\",", New: "\"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"s\", \"in\": \"query\", \"type\": \"string\", \"enum\": [\"open\"]}],"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Change: true, Base: []Edit{
			{File: SwaggerName, Old: "\"schema\": {\"type\": \"array\"", New: "\"schema\": {\"type\": \"object\", \"properties\": {\"s\": {\"type\": \"string\"}}, \"x\": {\"type\": \"array\""},
		}, Edits: []Edit{
			{File: SwaggerName, Old: "\"schema\": {\"type\": \"array\"", New: "\"schema\": {\"type\": \"object\", \"properties\": {\"s\": {\"type\": \"string\", \"enum\": [\"a\"]}}, \"x\": {\"type\": \"array\""},
		}},
	},
})

func (b *breaking) compareEnums(o, n *op, ofl, nfl *field) {
	nf := b.new.Swagger
	ov, oHas := enumValues(ofl.node)
	nv, nHas := enumValues(nfl.node)
	switch {
	case !oHas && nHas:
		b.report(n.id, 0, inputEnumAdded, nfl.memberAt(nf, "enum"),
			"%s: %s now only accepts %s; values existing flows send may not be among them: drop the enum (x-ms-dynamic-values or a description can suggest values), or %s", n.id, nfl.label, strings.Join(nv, ", "), versionHint(o))
	case oHas && nHas:
		for _, v := range ov {
			if !slices.Contains(nv, v) {
				b.report(n.id, 0, inputEnumValueRemoved, nfl.memberAt(nf, "enum"),
					"%s: %s no longer accepts %s, which existing flows may send; keep the value, or %s", n.id, nfl.label, v, versionHint(o))
			}
		}
	}
}

// outputs are the properties of an operation's output schema (that of its lowest 2xx response
// with a schema: the one the designer offers as outputs) and of x-ms-notification-content.
func (s *spec) outputs(o *op) ([]*field, map[string]*field, []string) {
	var list []*field
	var roots []string // where each output schema is used, for the position of a missing top-level field
	var primary *response
	rs := s.successResponses(o)
	for i := range rs {
		if rs[i].node.Get("schema") != nil && (primary == nil || rs[i].code < primary.code) {
			primary = &rs[i]
		}
	}
	if primary != nil {
		s.schemaFields(primary.node.Get("schema"), primary.ptr+"/schema", "", false, false, &list)
		roots = append(roots, primary.ptr+"/schema")
	}
	if nc := o.node.Get("x-ms-notification-content"); nc.Is(jsonpos.Object) {
		ptr := o.ptr + "/x-ms-notification-content"
		n, at, _ := s.resolve(nc, ptr)
		if sch := n.Get("schema"); sch != nil {
			s.schemaFields(sch, at+"/schema", "", false, false, &list)
			roots = append(roots, at+"/schema")
		}
	}
	return list, index(list), roots
}

var outputFieldDeleted = newRule(Rule{
	ID: "OutputFieldDeleted", Severity: Error, Kinds: AllKinds, Section: "15", Scope: ScopeBreaking,
	Summary: "A property vanished from the success schema or x-ms-notification-content.",
	Basis:   BasisBroken, BasisReason: srcFlows,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, Change: true, At: "new/apiDefinition.swagger.json:18:80", Edits: []Edit{
			{File: SwaggerName, Old: "\"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},", New: "\"id\": {\"type\": \"string\", \"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"}"},
			{File: SwaggerName, Old: "\"title\": {\"type\": \"string\", \"x-ms-summary\": \"Title\", \"description\": \"The title of the task.\"}", New: ""},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Change: true, Edits: []Edit{
			{File: SwaggerName, Old: "\"properties\": {", New: "\"properties\": {\"due\": {\"type\": \"string\"},"},
		}},
	},
})

var outputTypeChanged = newRule(Rule{
	ID: "OutputTypeChanged", Severity: Error, Kinds: AllKinds, Section: "15", Scope: ScopeBreaking,
	Summary: "An output's JSON kind changed (string, number, boolean, object, array), or an output without a type became an array.",
	Basis:   BasisBroken, BasisReason: srcFlows,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, Change: true, At: "new/apiDefinition.swagger.json:43:24", Edits: []Edit{
			{File: SwaggerName, Old: "\"id\": {\"type\": \"string\"", New: "\"id\": {\"type\": \"integer\""},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Change: true, Edits: []Edit{
			{File: SwaggerName, Old: "\"x-ms-summary\": \"Task ID\", \"description\": \"The ID of the task.\"},", New: "\"x-ms-summary\": \"Task Id\", \"description\": \"The task's ID.\"},"},
		}},
	},
})

var outputNumberTypeChanged = newRule(Rule{
	ID: "OutputNumberTypeChanged", Severity: Notice, Kinds: AllKinds, Section: "15", Scope: ScopeBreaking,
	Summary: "An output number's type or format changed (int32 to int64, integer to number, float to double, a format added or dropped); it is still a JSON number.",
	Basis:   BasisHeuristic, BasisReason: "still a JSON number",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, Change: true, At: "new/apiDefinition.swagger.json:43:45", Base: []Edit{
			{File: SwaggerName, Old: "\"id\": {\"type\": \"string\"", New: "\"id\": {\"type\": \"integer\", \"format\": \"int32\""},
		}, Edits: []Edit{
			{File: SwaggerName, Old: "\"id\": {\"type\": \"string\"", New: "\"id\": {\"type\": \"integer\", \"format\": \"int64\""},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Change: true, Edits: []Edit{
			{File: SwaggerName, Old: "\"id\": {\"type\": \"string\"", New: "\"id\": {\"type\": \"integer\""},
		}},
	},
})

var outputFormatChanged = newRule(Rule{
	ID: "OutputFormatChanged", Severity: Notice, Kinds: AllKinds, Section: "15", Scope: ScopeBreaking,
	Summary: "An output's format changed (a string's date-time, uuid, ...); flows read the same JSON value.",
	Basis:   BasisBroken, BasisReason: srcFlows,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, Change: true, At: "new/apiDefinition.swagger.json:43:44", Edits: []Edit{
			{File: SwaggerName, Old: "\"id\": {\"type\": \"string\"", New: "\"id\": {\"type\": \"string\", \"format\": \"uuid\""},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Change: true},
	},
})

var outputEnumRemoved = newRule(Rule{
	ID: "OutputEnumRemoved", Severity: Notice, Kinds: AllKinds, Section: "15", Scope: ScopeBreaking,
	Summary: "An output lost its enum list (its values are unchanged).",
	Basis:   BasisBroken, BasisReason: srcFlows,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, Change: true, At: "new/apiDefinition.swagger.json:44:9", Base: []Edit{
			{File: SwaggerName, Old: "\"title\": {\"type\": \"string\"", New: "\"title\": {\"type\": \"string\", \"enum\": [\"a\", \"b\"]"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Change: true, Edits: []Edit{
			{File: SwaggerName, Old: "\"title\": {\"type\": \"string\"", New: "\"title\": {\"type\": \"string\", \"enum\": [\"a\", \"b\"]"},
		}},
	},
})

func (b *breaking) compareOutputs(o, n *op) {
	of, nf := b.old.Swagger, b.new.Swagger
	olist, omap, _ := b.old.spec().outputs(o)
	nlist, nmap, nroots := b.new.spec().outputs(n)
	b.fields += len(olist) + len(nlist)
	for _, ofl := range olist {
		if omap[ofl.key] != ofl {
			continue // a second schema for the same key (allOf, another response): the first counts
		}
		nfl := nmap[ofl.key]
		if nfl == nil {
			if ofl.path == "" {
				continue
			}
			pp := ofl.up
			pf := nmap[pp]
			if pf == nil && pp != "" {
				continue // the property above it is gone too: that one is reported
			}
			if po := omap[pp]; po != nil && pf != nil && kindChanged(po.node, pf.node) {
				continue // the property above it changed type: that is reported
			}
			var where at
			switch {
			case pp != "":
				where = parent(nf, pf.use)
			case len(nroots) > 0:
				where = parent(nf, nroots[0])
			default:
				where = name(nf, n.member, n.ptr)
			}
			f := b.report(n.id, 0, outputFieldDeleted, where,
				"%s: output %q was removed; flows that use it break: keep it (deprecated in its description if need be), or %s", n.id, ofl.path, versionHint(o))
			b.oldPlace(f, of, ofl.node, "the removed output")
			continue
		}
		label := "the response"
		if ofl.path != "" {
			label = fmt.Sprintf("output %q", ofl.path)
		}
		ot, nt, ofm, nfm := ofl.typ(), nfl.typ(), ofl.format(), nfl.format()
		ok, nk := jsonKind(ofl.node), jsonKind(nfl.node)
		switch {
		case kindChanged(ofl.node, nfl.node):
			b.report(n.id, 0, outputTypeChanged, nfl.memberAt(nf, "type"),
				"%s: %s changed from %s to %s; flows that use it break; %s", n.id, label, kindText(ot, ok), kindText(nt, nk), versionHint(o))
		case ok == "number" && nk == "number" && (ot != nt || ofm != nfm):
			where := nfl.memberAt(nf, "type")
			if ot == nt {
				where = nfl.memberAt(nf, "format")
			}
			b.report(n.id, 0, outputNumberTypeChanged, where,
				"%s: %s changed from %s to %s; it is still a JSON number, so flows keep reading it (check expressions that expect whole numbers)", n.id, label, typeText(ot, ofm), typeText(nt, nfm))
		case ofm != nfm:
			b.report(n.id, 0, outputFormatChanged, nfl.memberAt(nf, "format"),
				"%s: %s changed format from %s to %s; flows read the same JSON value, but the designer may offer it differently: check that the API's values really changed format", n.id, label, orNone(ofm), orNone(nfm))
		}
		_, oHas := enumValues(ofl.node)
		_, nHas := enumValues(nfl.node)
		if oHas && !nHas {
			b.report(n.id, 0, outputEnumRemoved, nfl.keyAt(nf),
				"%s: %s lost its enum; flows read the same values, but the designer no longer lists them", n.id, label)
		}
	}
}

// kindChanged: the JSON kind of a schema changed, or a schema without a type became an array.
func kindChanged(o, n *jsonpos.Node) bool {
	ok, nk := jsonKind(o), jsonKind(n)
	return (ok != "" && nk != "" && ok != nk) || (ok == "" && nk == "array")
}

func kindText(typ, kind string) string {
	switch {
	case typ != "":
		return typ
	case kind != "":
		return kind + " (no type)"
	}
	return "no type"
}

var authenticationChanged = newRule(Rule{
	ID: "AuthenticationChanged", Severity: Error, Kinds: Publishable, Section: "15", Scope: ScopeBreaking,
	Summary: "The set of security-scheme types, a connection parameter's type or the identity provider changed; the auth type can't change on an update.",
	Basis:   BasisBroken, BasisReason: "existing connections stop working; the auth type can't change on an update",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, Change: true, At: "new/apiDefinition.swagger.json:51:3", Edits: []Edit{
			{File: SwaggerName, Old: "\"api_key\": {\"type\": \"apiKey\", \"in\": \"header\", \"name\": \"X-API-Key\"}", New: "\"oauth\": {\"type\": \"oauth2\", \"flow\": \"accessCode\", \"authorizationUrl\": \"https://a\", \"tokenUrl\": \"https://t\", \"scopes\": {}}"},
		}},
		GoodCase: &Case{Kind: Custom, Change: true, Edits: []Edit{
			{File: SwaggerName, Old: "\"api_key\": {\"type\": \"apiKey\", \"in\": \"header\", \"name\": \"X-API-Key\"}", New: "\"oauth\": {\"type\": \"oauth2\", \"flow\": \"accessCode\", \"authorizationUrl\": \"https://a\", \"tokenUrl\": \"https://t\", \"scopes\": {}}"},
		}},
	},
})

func (b *breaking) securityDefinitions() {
	types := func(c *Connector) []string {
		var out []string
		if sd := swaggerRoot(c).Get("securityDefinitions"); sd.Is(jsonpos.Object) {
			for _, m := range sd.Members {
				if t := str(m.Value.Get("type")); t != "" && !slices.Contains(out, t) {
					out = append(out, t)
				}
			}
		}
		slices.Sort(out)
		return out
	}
	ot, nt := types(b.old), types(b.new)
	if slices.Equal(ot, nt) {
		return
	}
	root := swaggerRoot(b.new)
	where := parent(b.new.Swagger, "/securityDefinitions")
	if root.Get("securityDefinitions") == nil {
		where = parent(b.new.Swagger, "")
	}
	b.report("", 0, authenticationChanged, where,
		"the security scheme types changed from [%s] to [%s]; the authentication type can't change on an update (existing connections break): restore it, or publish a new connector",
		strings.Join(ot, ", "), strings.Join(nt, ", "))
}

func connectionParameters(c *Connector) *jsonpos.Node {
	if c == nil || c.Properties == nil || c.Properties.JSON == nil {
		return nil
	}
	return c.Properties.JSON.Root.Get("properties").Get("connectionParameters")
}

var connectionParameterRemoved = newRule(Rule{
	ID: "ConnectionParameterRemoved", Severity: Warning, Kinds: Publishable, Section: "15", Scope: ScopeBreaking,
	Summary: "A connection parameter was removed.",
	Basis:   BasisHeuristic,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, Change: true, At: "new/apiProperties.json:7:5", Severity: Warning, Edits: []Edit{
			{File: PropertiesName, Old: "\"api_key\"", New: "\"token\""},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Change: true, Edits: []Edit{
			{File: PropertiesName, Old: "\"tooltip\": \"Provide your API key\"", New: "\"tooltip\": \"Your API key\""},
		}},
	},
})

func (b *breaking) connectionParameters() {
	ocp, ncp := connectionParameters(b.old), connectionParameters(b.new)
	if !ocp.Is(jsonpos.Object) || b.new.Properties == nil || b.new.Properties.JSON == nil || b.new.Properties.JSON.Root == nil {
		return
	}
	of, nf := b.old.Properties, b.new.Properties
	const base = "/properties/connectionParameters"
	for i := range ocp.Members {
		om := &ocp.Members[i]
		nv := ncp.Get(om.Name)
		ptr := jsonpos.Join(base, om.Name)
		if nv == nil {
			where := parent(nf, base)
			if ncp == nil {
				where = parent(nf, "/properties")
			}
			f := b.report("", 0, connectionParameterRemoved, where,
				"connection parameter %q was removed; existing connections were made with it: keep it (hide it with a constant default if it is no longer used) or publish a new connector", om.Name)
			b.oldPlace(f, of, om.Value, "the removed parameter")
			continue
		}
		if ot, nt := str(om.Value.Get("type")), str(nv.Get("type")); ot != "" && nt != "" && ot != nt {
			b.report("", 0, authenticationChanged, value(nf, nv.Get("type"), ptr+"/type"),
				"connection parameter %q changed type from %s to %s; the authentication type can't change on an update (existing connections break): restore it, or publish a new connector", om.Name, ot, nt)
		}
		oip := str(om.Value.Get("oAuthSettings").Get("identityProvider"))
		nipn := nv.Get("oAuthSettings").Get("identityProvider")
		if nip := str(nipn); oip != "" && nip != "" && oip != nip {
			b.report("", 0, authenticationChanged, value(nf, nipn, ptr+"/oAuthSettings/identityProvider"),
				"connection parameter %q changed identity provider from %s to %s; the authentication type can't change on an update (existing connections break): restore it, or publish a new connector", om.Name, oip, nip)
		}
	}
}

// LoadSwaggerFile loads a lone swagger file as a connector whose folder is the file's folder
// (for `connector-check breaking OLD NEW` on files). kind 0 means auto (from the path).
func LoadSwaggerFile(file, reportAs string, kind Kind) (*Connector, error) {
	data, tooLarge, err := readCapped(file, MaxFileSize)
	if err != nil {
		return nil, err
	}
	if tooLarge {
		return nil, fmt.Errorf("%s is larger than %d bytes", file, MaxFileSize)
	}
	dir, base := filepath.Split(filepath.Clean(file))
	rdir, _ := path.Split(reportPath(reportAs))
	return FromFiles(strings.TrimSuffix(rdir, "/"), dir, kind, map[string][]byte{SwaggerName: data}, base), nil
}
