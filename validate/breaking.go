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
// flows (catalog §15). Findings point into the new version where the change shows; an operation
// that is gone is reported at its place in the old version (the finding's File is the old path).
// A removed input or output field is reported where it is missing in the new version, with the
// old place as a related location. The findings carry the new connector's path and kind.
// Nothing is compared when either swagger is missing or not a JSON object.
func Breaking(old, new *Connector) []Finding {
	p := &pass{c: new}
	b := &breaking{p: p, old: old, new: new}
	if swaggerRoot(old) != nil && swaggerRoot(new) != nil {
		b.title()
		b.operations()
		b.securityDefinitions()
	}
	b.connectionParameters()
	if b.skipped > 0 {
		p.reportAs("FindingsLimitExceeded", Warning, whole(new.Path),
			"the inputs and outputs of %d more operations were not compared for breaking changes (at most %d fields per connector are); compare those operations on their own",
			b.skipped, maxBreakingFields)
	}
	return mergeShared(SortFindings(p.findings))
}

// mergeShared folds the findings of one rule at one place into one: a change to a definition
// that several operations share is reported once, naming the other operations it affects.
func mergeShared(fs []Finding) []Finding {
	var out []Finding
	for i := 0; i < len(fs); {
		j := i + 1
		var others []string
		for ; j < len(fs); j++ {
			a, b := &fs[i], &fs[j]
			if a.Rule != b.Rule || a.File != b.File || a.Line != b.Line || a.Column != b.Column ||
				a.EndLine != b.EndLine || a.EndColumn != b.EndColumn || a.Severity != b.Severity {
				break
			}
			if op, _, ok := strings.Cut(b.Message, ": "); ok && !strings.Contains(op, " ") && !slices.Contains(others, op) {
				others = append(others, op)
			}
		}
		f := fs[i]
		if len(others) > 0 {
			f.Message += fmt.Sprintf("; the same change also affects %s", strings.Join(others, ", "))
		}
		out = append(out, f)
		i = j
	}
	return out
}

type breaking struct {
	p        *pass
	old, new *Connector
	// fields counts the input and output fields compared so far; past maxBreakingFields the
	// fields of further operations are not compared (skipped counts those operations).
	fields, skipped int
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

func (b *breaking) title() {
	ot := strings.TrimSpace(str(swaggerRoot(b.old).Get("info").Get("title")))
	n := swaggerRoot(b.new).Get("info").Get("title")
	nt := strings.TrimSpace(str(n))
	if ot == "" || nt == "" || ot == nt {
		return
	}
	b.p.report("TitleChanged", value(b.new.Swagger, n, "/info/title"),
		"info.title changed from %q to %q; the title is locked once the connector is published: restore %q (a new title needs a new connector)", ot, nt, ot)
}

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
			if n.method == o.method && templateOf(n.path) == templateOf(o.path) && n.id != "" && os.byID[n.id] == nil {
				renamed = n
				break
			}
		}
		if renamed != nil {
			b.p.report("OperationIdChanged", opAt(nf, renamed),
				"operationId of %s changed from %s to %s; flows refer to operations by operationId, so restore %s, or keep it (\"deprecated\": true) and add %s as a new operation in the same x-ms-api-annotation family with a higher revision",
				opLabel(renamed), o.id, renamed.id, o.id, renamed.id).
				related(of.Path, line(of, o.node.Get("operationId")), 0, "the old operationId")
			b.compareOperation(o, renamed)
			continue
		}
		sev := Error
		why := "flows that use it break"
		if o.deprecated || o.internal {
			sev = Warning
			why = "it was deprecated or internal, but flows may still use it"
		}
		if mustRule("OperationDeleted").AppliesTo(b.new.Kind) {
			b.p.reportAs("OperationDeleted", sev, opAt(of, o),
				"operation %s (%s) was deleted; %s: restore it and mark it \"deprecated\": true (and \"x-ms-visibility\": \"internal\" to hide it) instead of deleting it",
				o.id, opLabel(o), why)
		}
	}
}

// line is the 1-based line of n in f, or 0.
func line(f *File, n *jsonpos.Node) int {
	if f == nil || f.JSON == nil || n == nil {
		return 0
	}
	l, _ := f.JSON.Lines.Position(n.Start)
	return l
}

func (b *breaking) compareOperation(o, n *op) {
	nf := b.new.Swagger
	if o.method != n.method || templateOf(o.path) != templateOf(n.path) {
		b.p.report("PathTemplateChanged", name(nf, n.member, n.ptr),
			"%s moved from %s to %s; existing flows call the old path; %s", n.id, opLabel(o), opLabel(n), versionHint(o))
	}
	if !o.internal && n.internal {
		b.p.report("OperationMadeInternal", value(nf, n.node.Get("x-ms-visibility"), n.ptr+"/x-ms-visibility"),
			"%s became internal, so flows can no longer pick it; keep it visible and mark it \"deprecated\": true instead, or %s", n.id, versionHint(o))
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
	param *param // set for parameters
	node  *jsonpos.Node
	ptr   string // where node is written
	use   string // where it is used (the property entry or the parameter's array entry)

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

func parentPath(path string) string {
	if strings.HasSuffix(path, "[]") {
		return strings.TrimSuffix(path, "[]")
	}
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i]
	}
	return ""
}

func (s *spec) inputs(o *op) ([]*field, map[string]*field) {
	var list []*field
	for _, p := range o.params {
		if p.in == "body" {
			s.schemaFields(p.node.Get("schema"), p.ptr+"/schema", "body:", p.required, &list)
			continue
		}
		list = append(list, &field{
			key: p.in + ":" + p.name, label: fmt.Sprintf("%s parameter %q", p.in, p.name), param: p,
			node: p.node, ptr: p.ptr, use: p.usePtr, required: p.required,
			hasDefault: p.node.Get("default") != nil, internal: str(p.node.Get("x-ms-visibility")) == "internal",
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

// schemaFields adds the properties of the schema at n (and the root itself) as fields. A
// property counts as required when it and every property above it are required.
func (s *spec) schemaFields(n *jsonpos.Node, ptr, prefix string, rootRequired bool, list *[]*field) {
	if n == nil {
		return
	}
	// A schema reached through $ref gives the same fields at every use but the root's use
	// pointer: a definition shared by 1,000 operations is walked once (it took 78 s).
	if target, _, problem := s.resolve(n, ptr); problem == refOK && target != n && target.Is(jsonpos.Object) {
		key := fieldsKey{target, prefix, rootRequired}
		fs, ok := s.fieldMemo[key]
		if !ok {
			s.walkFields(n, ptr, prefix, rootRequired, &fs)
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
	s.walkFields(n, ptr, prefix, rootRequired, list)
}

// fieldsKey is a memoized schemaFields walk: the schema a $ref leads to and the walk's settings.
type fieldsKey struct {
	node     *jsonpos.Node
	prefix   string
	required bool
}

func (s *spec) walkFields(n *jsonpos.Node, ptr, prefix string, rootRequired bool, list *[]*field) {
	req := map[string]bool{}
	s.walkSchema(n, ptr, func(sn schemaNode) bool {
		pth := sn.path()
		r := rootRequired
		if pth != "" {
			pp := parentPath(pth)
			r = req[pp] && (sn.required || strings.HasSuffix(pth, "[]"))
		}
		req[pth] = r
		label := "body"
		if prefix != "body:" {
			label = "output"
		}
		if pth != "" {
			label += fmt.Sprintf(" property %q", pth)
		}
		*list = append(*list, &field{
			key: prefix + pth, label: label, path: pth, node: sn.node, ptr: sn.ptr(), use: sn.usePtr(),
			required: r, hasDefault: sn.node.Get("default") != nil, internal: str(sn.node.Get("x-ms-visibility")) == "internal",
		})
		return true
	})
}

func (b *breaking) compareInputs(o, n *op) {
	of, nf := b.old.Swagger, b.new.Swagger
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
					b.p.report("ParameterLocationChanged", nfl.memberAt(nf, "in"),
						"%s: parameter %q moved from %s to %s; flows send it in the old place; %s", n.id, nfl.param.name, prev.param.in, nfl.param.in, versionHint(o))
					continue
				}
			}
			if !nfl.required || nfl.hasDefault {
				continue
			}
			if nfl.path != "" && omap[prefixOf(nfl.key)+parentPath(nfl.path)] == nil {
				continue // inside a new property: that one is reported
			}
			b.p.report("RequiredInputAdded", nfl.keyAt(nf),
				"%s: new required %s has no default, so existing flows that don't send it break; make it optional, give it a \"default\", or %s", n.id, nfl.label, versionHint(o))
			continue
		}
		if !ofl.required && nfl.required && !nfl.hasDefault {
			where := nfl.memberAt(nf, "required")
			if nfl.param == nil {
				where = nfl.keyAt(nf)
			}
			b.p.report("InputMadeRequired", where,
				"%s: %s became required, so existing flows that leave it out break; keep it optional, give it a \"default\", or %s", n.id, nfl.label, versionHint(o))
		}
		b.compareEnums(o, n, ofl, nfl)
		ot, nt, ofm, nfm := ofl.typ(), nfl.typ(), ofl.format(), nfl.format()
		if (ot != "" && nt != "" && ot != nt) || ofm != nfm {
			where := nfl.memberAt(nf, "type")
			what := fmt.Sprintf("type changed from %s to %s", orNone(ot), orNone(nt))
			if ot == "" || nt == "" || ot == nt {
				where = nfl.memberAt(nf, "format")
				what = fmt.Sprintf("format changed from %s to %s", orNone(ofm), orNone(nfm))
			}
			b.p.report("InputTypeChanged", where, "%s: %s %s; values existing flows send may no longer be accepted; %s", n.id, nfl.label, what, versionHint(o))
		}
		if !ofl.internal && nfl.internal {
			b.p.report("InputMadeInternal", nfl.memberAt(nf, "x-ms-visibility"),
				"%s: %s became internal, so values set in existing flows are ignored; keep it visible, or %s", n.id, nfl.label, versionHint(o))
		}
	}
	for _, ofl := range olist {
		if nmap[ofl.key] != nil || moved[ofl.key] {
			continue
		}
		if ofl.path != "" && nmap[prefixOf(ofl.key)+parentPath(ofl.path)] == nil {
			continue // the property above it is gone too: that one is reported
		}
		where := name(nf, n.member, n.ptr)
		if ofl.path != "" {
			if pf := nmap[prefixOf(ofl.key)+parentPath(ofl.path)]; pf != nil {
				where = parent(nf, pf.use)
			}
		}
		b.p.report("InputDeleted", where,
			"%s: %s was removed; existing flows still send it: keep it (\"x-ms-visibility\": \"internal\" hides it), or %s", n.id, ofl.label, versionHint(o)).
			related(of.Path, line(of, ofl.node), 0, "the removed input")
	}
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

func (b *breaking) compareEnums(o, n *op, ofl, nfl *field) {
	nf := b.new.Swagger
	ov, oHas := enumValues(ofl.node)
	nv, nHas := enumValues(nfl.node)
	switch {
	case !oHas && nHas:
		b.p.report("InputEnumAdded", nfl.memberAt(nf, "enum"),
			"%s: %s now only accepts %s; values existing flows send may not be among them: drop the enum (x-ms-dynamic-values or a description can suggest values), or %s", n.id, nfl.label, strings.Join(nv, ", "), versionHint(o))
	case oHas && nHas:
		var gone []string
		for _, v := range ov {
			if !slices.Contains(nv, v) {
				gone = append(gone, v)
			}
		}
		if len(gone) > 0 {
			b.p.report("InputEnumValueRemoved", nfl.memberAt(nf, "enum"),
				"%s: %s no longer accepts %s, which existing flows may send; keep the value(s), or %s", n.id, nfl.label, strings.Join(gone, ", "), versionHint(o))
		}
	}
}

// outputs are the properties of an operation's success schemas and x-ms-notification-content.
func (s *spec) outputs(o *op) ([]*field, map[string]*field, []string) {
	var list []*field
	var roots []string // where each output schema is used, for the position of a missing top-level field
	for _, r := range s.successResponses(o) {
		if sch := r.node.Get("schema"); sch != nil {
			s.schemaFields(sch, r.ptr+"/schema", "", false, &list)
			roots = append(roots, r.ptr+"/schema")
		}
	}
	if nc := o.node.Get("x-ms-notification-content"); nc.Is(jsonpos.Object) {
		ptr := o.ptr + "/x-ms-notification-content"
		n, at, _ := s.resolve(nc, ptr)
		if sch := n.Get("schema"); sch != nil {
			s.schemaFields(sch, at+"/schema", "", false, &list)
			roots = append(roots, at+"/schema")
		}
	}
	return list, index(list), roots
}

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
			pp := parentPath(ofl.path)
			pf := nmap[pp]
			if pf == nil && pp != "" {
				continue // the property above it is gone too: that one is reported
			}
			if po := omap[pp]; po != nil && pf != nil && po.typ() != pf.typ() {
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
			b.p.report("OutputFieldDeleted", where,
				"%s: output %q was removed; flows that use it break: keep it (deprecated in its description if need be), or %s", n.id, ofl.path, versionHint(o)).
				related(of.Path, line(of, ofl.node), 0, "the removed output")
			continue
		}
		label := "the response"
		if ofl.path != "" {
			label = fmt.Sprintf("output %q", ofl.path)
		}
		if ot, nt := ofl.typ(), nfl.typ(); ot != "" && nt != "" && ot != nt {
			b.p.report("OutputTypeChanged", nfl.memberAt(nf, "type"),
				"%s: %s changed type from %s to %s; flows that use it break; %s", n.id, label, ot, nt, versionHint(o))
		}
		if ofm, nfm := ofl.format(), nfl.format(); ofm != nfm {
			b.p.report("OutputFormatChanged", nfl.memberAt(nf, "format"),
				"%s: %s changed format from %s to %s; flows that use it break; %s", n.id, label, orNone(ofm), orNone(nfm), versionHint(o))
		}
		_, oHas := enumValues(ofl.node)
		_, nHas := enumValues(nfl.node)
		if oHas && !nHas {
			b.p.report("OutputEnumRemoved", nfl.keyAt(nf),
				"%s: %s lost its enum; flows that compare it with the listed values break: restore the enum, or %s", n.id, label, versionHint(o))
		}
	}
}

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
	b.p.report("AuthenticationChanged", where,
		"the security scheme types changed from [%s] to [%s]; the authentication type can't change on an update (existing connections break): restore it, or publish a new connector",
		strings.Join(ot, ", "), strings.Join(nt, ", "))
}

func connectionParameters(c *Connector) *jsonpos.Node {
	if c == nil || c.Properties == nil || c.Properties.JSON == nil {
		return nil
	}
	return c.Properties.JSON.Root.Get("properties").Get("connectionParameters")
}

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
			b.p.report("ConnectionParameterRemoved", where,
				"connection parameter %q was removed; existing connections were made with it: keep it (hide it with a constant default if it is no longer used) or publish a new connector", om.Name).
				related(of.Path, line(of, om.Value), 0, "the removed parameter")
			continue
		}
		if ot, nt := str(om.Value.Get("type")), str(nv.Get("type")); ot != "" && nt != "" && ot != nt {
			b.p.report("AuthenticationChanged", value(nf, nv.Get("type"), ptr+"/type"),
				"connection parameter %q changed type from %s to %s; the authentication type can't change on an update (existing connections break): restore it, or publish a new connector", om.Name, ot, nt)
		}
		oip := str(om.Value.Get("oAuthSettings").Get("identityProvider"))
		nipn := nv.Get("oAuthSettings").Get("identityProvider")
		if nip := str(nipn); oip != "" && nip != "" && oip != nip {
			b.p.report("AuthenticationChanged", value(nf, nipn, ptr+"/oAuthSettings/identityProvider"),
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
