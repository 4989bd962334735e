package validate

import (
	"slices"
	"strings"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// spec is the swagger as the rules see it: operations with their effective parameters, local
// $ref resolution and a schema walker. It is built once per connector (Connector.spec) from the
// position tree, so every node it hands out still has its byte range and pointer: rules check a
// parameter reached through #/parameters/x where it is used and report it where it is written.
type spec struct {
	f    *File
	root *jsonpos.Node // nil when the swagger is missing or not an object
	ops  []*op
	byID map[string]*op // exact operationId -> first operation with it
	refs map[string]refTarget
	locs locSlab // the locations walkSchema hands to visitors

	fieldMemo map[fieldsKey][]*field // schemaFields of $ref targets (breaking changes)
	ids       *opIDs                 // operationIDs, once built
}

// op is one operation with what most rules ask of it.
type op struct {
	operation
	id         string // operationId ("" when absent or not a string)
	pathItem   *jsonpos.Node
	pathPtr    string
	params     []*param // effective parameters: path level merged in, operation level wins on name+in
	internal   bool     // x-ms-visibility: internal
	deprecated bool
	trigger    string // x-ms-trigger value ("" = an action)
}

// param is one effective parameter of an operation.
type param struct {
	node      *jsonpos.Node // the parameter object, after following $ref
	ptr       string        // where that object is written (#/parameters/... or inline)
	usePtr    string        // the entry in the operation's or path item's parameters array
	ref       string        // the $ref used to reach it, if any
	refErr    refProblem    // why ref could not be followed (refOK when it was, or there is none)
	name, in  string
	required  bool
	pathLevel bool // declared on the path item, not the operation
}

// maxRefChain bounds how many $ref hops one lookup follows (a chain longer than this is a loop
// or an attack; either way the walk stops).
const maxRefChain = 32

// refProblem says why a $ref could not be followed.
type refProblem uint8

const (
	refOK        refProblem = iota
	refExternal             // not a local "#/..." reference
	refMalformed            // the fragment is not a JSON pointer
	refNotFound             // nothing at the pointer
	refLoop                 // the chain comes back to itself or is too long
)

// spec returns the connector's swagger model, building it on first use.
func (c *Connector) spec() *spec {
	if c.model == nil {
		c.model = buildSpec(c)
	}
	return c.model
}

func buildSpec(c *Connector) *spec {
	s := &spec{f: c.Swagger, root: swaggerRoot(c), byID: map[string]*op{}}
	if s.root == nil {
		return s
	}
	// The path items by name (the last duplicate wins, as in Get): a Get per operation would scan
	// /paths once per operation.
	var pathItems map[string]*jsonpos.Node
	if paths := s.root.Get("paths"); paths.Is(jsonpos.Object) {
		pathItems = make(map[string]*jsonpos.Node, len(paths.Members))
		for _, m := range paths.Members {
			pathItems[m.Name] = m.Value
		}
	}
	for _, o := range operations(c) {
		x := &op{operation: o, pathPtr: jsonpos.Join("/paths", o.path)}
		x.pathItem = pathItems[o.path]
		if id, ok := o.node.Get("operationId").Str(); ok {
			x.id = id
			if _, seen := s.byID[id]; !seen {
				s.byID[id] = x
			}
		}
		x.internal = isInternal(o.node)
		x.deprecated = o.node.Get("deprecated").Is(jsonpos.Bool) && o.node.Get("deprecated").Text == "true"
		x.trigger = str(o.node.Get("x-ms-trigger"))
		x.params = s.effectiveParams(x)
		s.ops = append(s.ops, x)
	}
	return s
}

// effectiveParams merges the path item's parameters into the operation's (Swagger 2.0: an
// operation-level parameter with the same name and location overrides the path-level one).
func (s *spec) effectiveParams(o *op) []*param {
	opParams := s.paramList(o.node.Get("parameters"), o.ptr+"/parameters", false)
	var out []*param
	for _, pp := range s.paramList(o.pathItem.Get("parameters"), o.pathPtr+"/parameters", true) {
		overridden := false
		for _, q := range opParams {
			if q.name == pp.name && q.in == pp.in {
				overridden = true
				break
			}
		}
		if !overridden {
			out = append(out, pp)
		}
	}
	return append(out, opParams...)
}

func (s *spec) paramList(list *jsonpos.Node, listPtr string, pathLevel bool) []*param {
	if !list.Is(jsonpos.Array) {
		return nil
	}
	out := make([]*param, 0, len(list.Items))
	for i, n := range list.Items {
		use := jsonpos.Index(listPtr, i)
		p := &param{usePtr: use, pathLevel: pathLevel}
		p.ref = str(n.Get("$ref"))
		p.node, p.ptr, p.refErr = s.resolve(n, use)
		if !p.node.Is(jsonpos.Object) {
			p.node, p.ptr = n, use // an unresolved reference: rules see the $ref object itself
		}
		p.name = str(p.node.Get("name"))
		p.in = str(p.node.Get("in"))
		p.required = p.node.Get("required").Is(jsonpos.Bool) && p.node.Get("required").Text == "true"
		out = append(out, p)
	}
	return out
}

// resolve follows n's $ref chain inside the swagger. It returns the node the chain ends at and
// that node's pointer; a node without $ref resolves to itself. On a problem it returns the last
// node it reached (n itself when the first hop fails).
func (s *spec) resolve(n *jsonpos.Node, ptr string) (*jsonpos.Node, string, refProblem) {
	// Called for every schema and parameter a rule looks at: no allocation on the way.
	var seen [maxRefChain]string
	for hops := 0; n.Is(jsonpos.Object); hops++ {
		ref, ok := n.Get("$ref").Str()
		if !ok {
			break
		}
		target, problem := s.lookupRef(ref)
		if problem != refOK {
			return n, ptr, problem
		}
		frag := ref[1:]
		if hops >= maxRefChain || slices.Contains(seen[:hops], frag) {
			return n, ptr, refLoop
		}
		seen[hops] = frag
		n, ptr = target, frag
	}
	return n, ptr, refOK
}

// lookupRef finds a local reference ("#/definitions/Task"). References to other files or URLs
// are never followed: the platform takes a single file.
func (s *spec) lookupRef(ref string) (*jsonpos.Node, refProblem) {
	if r, ok := s.refs[ref]; ok { // a swagger names the same few definitions thousands of times
		return r.node, r.problem
	}
	n, problem := s.findRef(ref)
	if s.refs == nil {
		s.refs = map[string]refTarget{}
	}
	s.refs[ref] = refTarget{n, problem}
	return n, problem
}

type refTarget struct {
	node    *jsonpos.Node
	problem refProblem
}

func (s *spec) findRef(ref string) (*jsonpos.Node, refProblem) {
	if !strings.HasPrefix(ref, "#") {
		return nil, refExternal
	}
	frag := ref[1:]
	if frag != "" && !strings.HasPrefix(frag, "/") {
		return nil, refMalformed
	}
	if _, ok := jsonpos.SplitPointer(frag); !ok {
		return nil, refMalformed
	}
	n, _ := s.f.JSON.Lookup(frag)
	if n == nil {
		return nil, refNotFound
	}
	return n, refOK
}

// schemaNode is one schema met by walkSchema.
type schemaNode struct {
	node     *jsonpos.Node // the schema object, after following $ref
	loc      *schemaLoc    // where it is written and used, spelt out on demand (ptr, usePtr, path)
	required bool          // listed in its parent object's required array
	depth    int
	refNode  *jsonpos.Node // the object holding the $ref that led here (nil when node was written in place)
}

// ptr is where the schema is written.
func (sn schemaNode) ptr() string { return sn.loc.ptr() }

// usePtr is where the schema is used (differs from ptr when reached through $ref).
func (sn schemaNode) usePtr() string { return sn.loc.usePtr() }

// path is the property path from the walk's root: "", "items[]", "address.city", "tags[].name".
func (sn schemaNode) path() string { return sn.loc.path() }

// schemaLoc locates a schema met by walkSchema: one step down from its parent's location. Most
// nodes are never reported on, so their JSON pointer and property path are built only when
// asked for (and then kept): building them for every node was a fifth of a corpus run.
type schemaLoc struct {
	parent *schemaLoc // nil at the walk's root
	step   locStep
	index  int    // the allOf index (stepAllOf)
	name   string // the property name (stepProperty), the root's pointer (stepRoot)
	target string // the pointer of the definition a $ref led to (viaRef)
	viaRef bool

	use, dotted       string // usePtr() and path(), once built
	haveUse, havePath bool
}

type locStep uint8

const (
	stepRoot locStep = iota
	stepProperty
	stepItems
	stepAdditional
	stepAllOf
)

func (l *schemaLoc) usePtr() string {
	if !l.haveUse {
		switch l.step {
		case stepRoot:
			l.use = l.name
		case stepProperty:
			l.use = jsonpos.Join(l.parent.ptr(), "properties", l.name)
		case stepItems:
			l.use = l.parent.ptr() + "/items"
		case stepAdditional:
			l.use = l.parent.ptr() + "/additionalProperties"
		case stepAllOf:
			l.use = jsonpos.Index(l.parent.ptr()+"/allOf", l.index)
		}
		l.haveUse = true
	}
	return l.use
}

func (l *schemaLoc) ptr() string {
	if l.viaRef {
		return l.target
	}
	return l.usePtr()
}

func (l *schemaLoc) path() string {
	if !l.havePath {
		switch l.step {
		case stepProperty:
			l.dotted = joinPath(l.parent.path(), l.name)
		case stepItems:
			l.dotted = l.parent.path() + "[]"
		case stepAdditional:
			l.dotted = joinPath(l.parent.path(), "*")
		case stepAllOf:
			l.dotted = l.parent.path()
		}
		l.havePath = true
	}
	return l.dotted
}

// pathEmpty reports path() == "" without building the path.
func (l *schemaLoc) pathEmpty() bool {
	switch l.step {
	case stepRoot:
		return true
	case stepProperty:
		return l.name == "" && l.parent.pathEmpty()
	case stepAllOf:
		return l.parent.pathEmpty()
	}
	return false // items ("[]") and additionalProperties ("*")
}

// directPtr is ptr() when it is known without building anything: at the walk's root and after a $ref.
func (l *schemaLoc) directPtr() (string, bool) {
	switch {
	case l.viaRef:
		return l.target, true
	case l.step == stepRoot:
		return l.name, true
	}
	return "", false
}

// isTopDefinition reports whether ptr() is "/definitions/<name>" (a pointer with two tokens
// under /definitions) without building it when it can't be.
func (l *schemaLoc) isTopDefinition() bool {
	if p, ok := l.directPtr(); ok {
		return isTopDefinitionPtr(p)
	}
	switch l.step {
	case stepItems, stepAdditional:
		// parent + one token: "/definitions/items" when the parent is "/definitions" itself.
		// An in-place parent's pointer ends in a step token and is never "/definitions".
		if p, ok := l.parent.directPtr(); ok && p == "/definitions" {
			return isTopDefinitionPtr(l.ptr())
		}
	}
	// A property or allOf step adds two tokens ("/properties/x", "/allOf/0"): the pointer
	// could only have two tokens under an empty parent pointer, and then it doesn't start
	// with "/definitions/".
	return false
}

func isTopDefinitionPtr(p string) bool {
	return strings.HasPrefix(p, "/definitions/") && strings.Count(p, "/") == 2
}

// locSlab hands out schemaLocs in blocks: one allocation for many nodes. A location is never
// reused (visitors may keep it), so one slab serves every walk of a connector.
type locSlab struct{ free []schemaLoc }

func (s *locSlab) next() *schemaLoc {
	if len(s.free) == 0 {
		s.free = make([]schemaLoc, 128)
	}
	l := &s.free[0]
	s.free = s.free[1:]
	return l
}

// maxSchemaNodes bounds one walk: definitions shared by many properties are expanded at every
// use, and a hostile file can make that exponential.
const maxSchemaNodes = 20000

// walkSchema visits the schema at n and everything below it (properties, items,
// additionalProperties, allOf), following local $refs but never around a cycle. visit returns
// false to skip a node's children.
func (s *spec) walkSchema(n *jsonpos.Node, ptr string, visit func(sn schemaNode) bool) {
	w := schemaWalker{s: s, budget: maxSchemaNodes}
	w.onPath = w.stack[:0]
	root := s.locs.next()
	root.step, root.name = stepRoot, ptr
	w.walk(visit, n, root, false, 0)
}

// schemaWalker is the state of one walkSchema.
type schemaWalker struct {
	s      *spec
	budget int
	onPath []*jsonpos.Node // the resolved schemas from the root to here (cycles stop at them)
	stack  [16]*jsonpos.Node
}

func (w *schemaWalker) walk(visit func(sn schemaNode) bool, n *jsonpos.Node, l *schemaLoc, required bool, depth int) {
	if w.budget <= 0 || !n.Is(jsonpos.Object) {
		return
	}
	w.budget--
	node, at, problem := w.s.resolve(n, "")
	if problem != refOK || !node.Is(jsonpos.Object) {
		node = n
	}
	if slices.Contains(w.onPath, node) {
		return // recursive schema: each cycle is walked once
	}
	var refNode *jsonpos.Node
	if node != n {
		refNode = n
		l.viaRef, l.target = true, at
	}
	if !visit(schemaNode{node: node, loc: l, required: required, depth: depth, refNode: refNode}) {
		return
	}
	w.onPath = append(w.onPath, node)
	if props := node.Get("properties"); props.Is(jsonpos.Object) {
		req := node.Get("required")
		for i := range props.Members {
			m := &props.Members[i]
			c := w.child(l, stepProperty)
			c.name = m.Name
			w.walk(visit, m.Value, c, listsString(req, m.Name), depth+1)
		}
	}
	if items := node.Get("items"); items.Is(jsonpos.Object) {
		w.walk(visit, items, w.child(l, stepItems), false, depth+1)
	}
	if ap := node.Get("additionalProperties"); ap.Is(jsonpos.Object) {
		w.walk(visit, ap, w.child(l, stepAdditional), false, depth+1)
	}
	if all := node.Get("allOf"); all.Is(jsonpos.Array) {
		for i, it := range all.Items {
			c := w.child(l, stepAllOf)
			c.index = i
			w.walk(visit, it, c, false, depth+1)
		}
	}
	w.onPath = w.onPath[:len(w.onPath)-1]
}

func (w *schemaWalker) child(parent *schemaLoc, step locStep) *schemaLoc {
	c := w.s.locs.next()
	c.parent, c.step = parent, step
	return c
}

// listsString reports whether the array n holds the string s (a schema's required list).
func listsString(n *jsonpos.Node, s string) bool {
	if !n.Is(jsonpos.Array) {
		return false
	}
	for _, it := range n.Items {
		if it.Kind == jsonpos.String && it.Text == s {
			return true
		}
	}
	return false
}

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// str is a node's string value, or "" when it is absent or not a string.
func str(n *jsonpos.Node) string {
	s, _ := n.Str()
	return s
}

// successResponses are an operation's 2xx responses (after following #/responses references),
// in file order.
func (s *spec) successResponses(o *op) []response {
	var out []response
	rs := o.node.Get("responses")
	if !rs.Is(jsonpos.Object) {
		return nil
	}
	for i := range rs.Members {
		m := &rs.Members[i]
		if len(m.Name) != 3 || m.Name[0] != '2' {
			continue
		}
		use := jsonpos.Join(o.ptr, "responses", m.Name)
		n, at, _ := s.resolve(m.Value, use)
		out = append(out, response{code: m.Name, node: n, ptr: at, usePtr: use, member: m})
	}
	return out
}

// response is one response of an operation.
type response struct {
	code   string
	node   *jsonpos.Node // after following $ref
	ptr    string        // where it is written
	usePtr string        // /paths/.../responses/200
	member *jsonpos.Member
}
