package packaging

import (
	"strconv"
	"strings"

	"github.com/connector-check/connector-check/internal/jsonpos"
	"github.com/connector-check/connector-check/validate"
)

// sampleOp is the operation the generated sample flow uses.
type sampleOp struct {
	id      string
	op      *jsonpos.Node
	pathItm *jsonpos.Node
	trigger bool // x-ms-trigger: the flow starts with it and composes its body
	webhook bool // a trigger the service calls back (x-ms-notification-url)
	note    string
}

var httpMethods = map[string]bool{"get": true, "put": true, "post": true, "delete": true, "options": true, "head": true, "patch": true}

// chooseOperation is the operation the sample flow uses: the requested operationId if it
// exists, else the first of, in this order: a visible action, a visible trigger (for
// trigger-only connectors), a deprecated action or trigger, an internal one. ok is false when the
// swagger has no operation with an operationId.
func (p *plan) chooseOperation(c *validate.Connector, want string) (sampleOp, bool) {
	if c.Swagger == nil || c.Swagger.JSON == nil || c.Swagger.JSON.Root == nil {
		return sampleOp{}, false
	}
	paths := c.Swagger.JSON.Root.Get("paths")
	if !paths.Is(jsonpos.Object) {
		return sampleOp{}, false
	}
	const tiers = 6
	var best [tiers]*sampleOp
	for _, pm := range paths.Members {
		if !pm.Value.Is(jsonpos.Object) {
			continue
		}
		for _, mm := range pm.Value.Members {
			if !httpMethods[strings.ToLower(mm.Name)] || !mm.Value.Is(jsonpos.Object) {
				continue
			}
			id, _ := mm.Value.Get("operationId").Str()
			if id == "" {
				continue
			}
			op := sampleOp{id: id, op: mm.Value, pathItm: pm.Value, trigger: mm.Value.Get("x-ms-trigger") != nil}
			if op.trigger {
				op.webhook = isWebhook(c.Swagger.JSON.Root, mm.Value)
			}
			if want != "" {
				if id == want {
					return op, true
				}
				continue
			}
			vis, _ := mm.Value.Get("x-ms-visibility").Str()
			dep := mm.Value.Get("deprecated")
			tier := 0
			switch {
			case strings.EqualFold(vis, "internal"):
				tier = 4
				op.note = "it is internal (the swagger has no visible operation)"
			case dep != nil && dep.Text == "true":
				tier = 2
				op.note = "it is deprecated (the swagger has no current operation)"
			}
			if op.trigger {
				tier++
			}
			if best[tier] == nil {
				best[tier] = &op
			}
		}
	}
	for _, b := range best {
		if b != nil {
			return *b, true
		}
	}
	return sampleOp{}, false
}

// isWebhook: a trigger whose parameters (or body properties) carry x-ms-notification-url.
func isWebhook(root, op *jsonpos.Node) bool {
	found := false
	var walk func(n *jsonpos.Node, depth int)
	walk = func(n *jsonpos.Node, depth int) {
		if found || n == nil || depth > 32 {
			return
		}
		if n.Is(jsonpos.Object) {
			if u := n.Get("x-ms-notification-url"); u != nil && u.Text == "true" {
				found = true
				return
			}
			if ref, ok := n.Get("$ref").Str(); ok {
				walk(resolveRef(root, ref), depth+1)
			}
			for _, m := range n.Members {
				walk(m.Value, depth+1)
			}
		} else if n.Is(jsonpos.Array) {
			for _, it := range n.Items {
				walk(it, depth+1)
			}
		}
	}
	walk(op.Get("parameters"), 0)
	return found
}

// resolveRef follows a local "#/definitions/X" or "#/parameters/X" reference.
func resolveRef(root *jsonpos.Node, ref string) *jsonpos.Node {
	rest, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil
	}
	n := root
	for _, tok := range strings.Split(rest, "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		n = n.Get(tok)
	}
	return n
}

// sampleParams are the inputs of the sample call: every required parameter (path-level ones
// too) with a value of its type, and the required fields of a body, flattened as exported flows
// write them (body/field/sub).
func sampleParams(root *jsonpos.Node, so sampleOp) map[string]any {
	out := map[string]any{}
	var params []*jsonpos.Node
	for _, list := range []*jsonpos.Node{so.pathItm.Get("parameters"), so.op.Get("parameters")} {
		if list.Is(jsonpos.Array) {
			params = append(params, list.Items...)
		}
	}
	for _, prm := range params {
		if ref, ok := prm.Get("$ref").Str(); ok {
			prm = resolveRef(root, ref)
		}
		if !prm.Is(jsonpos.Object) {
			continue
		}
		name, _ := prm.Get("name").Str()
		in, _ := prm.Get("in").Str()
		req := prm.Get("required")
		if name == "" || req == nil || req.Text != "true" {
			continue
		}
		if u := prm.Get("x-ms-notification-url"); u != nil && u.Text == "true" {
			continue // the platform fills the callback URL
		}
		if in == "body" {
			fillBody(root, prm.Get("schema"), name, out, 0, map[string]bool{})
			continue
		}
		out[name] = sampleValue(root, prm, name, 0, map[string]bool{})
	}
	return out
}

const maxSampleDepth = 8

// fillBody adds the required fields of schema under prefix (body/a/b), or the whole value when
// the schema isn't an object with properties.
func fillBody(root, schema *jsonpos.Node, prefix string, out map[string]any, depth int, seen map[string]bool) {
	schema, ref := deref(root, schema, seen)
	if ref != "" {
		defer delete(seen, ref)
	}
	props := schema.Get("properties")
	if depth > maxSampleDepth || !props.Is(jsonpos.Object) {
		if schema.Is(jsonpos.Object) && depth > 0 {
			out[prefix] = sampleValue(root, schema, lastSeg(prefix), depth, seen)
		}
		return
	}
	req := schema.Get("required")
	if !req.Is(jsonpos.Array) {
		return
	}
	for _, r := range req.Items {
		name, ok := r.Str()
		prop := props.Get(name)
		if !ok || prop == nil {
			continue
		}
		if u := prop.Get("x-ms-notification-url"); u != nil && u.Text == "true" {
			continue
		}
		fillBody(root, prop, prefix+"/"+name, out, depth+1, seen)
	}
}

func lastSeg(s string) string { return s[strings.LastIndex(s, "/")+1:] }

// deref follows $ref chains (cycles stop at a reference already being expanded).
func deref(root, n *jsonpos.Node, seen map[string]bool) (*jsonpos.Node, string) {
	ref, ok := n.Get("$ref").Str()
	if !ok || seen[ref] {
		return n, ""
	}
	seen[ref] = true
	return resolveRef(root, ref), ref
}

// sampleValue is a value of the schema's type: its default, its first enum value, or a
// placeholder in the right format.
func sampleValue(root, s *jsonpos.Node, name string, depth int, seen map[string]bool) any {
	s, ref := deref(root, s, seen)
	if ref != "" {
		defer delete(seen, ref)
	}
	if s.Get("$ref") != nil {
		return map[string]any{} // a schema that contains itself
	}
	if !s.Is(jsonpos.Object) {
		return "sample " + name
	}
	if d := s.Get("default"); d != nil && d.Kind != jsonpos.Object && d.Kind != jsonpos.Array && d.Kind != jsonpos.Null {
		return scalar(d)
	}
	if e := s.Get("enum"); e.Is(jsonpos.Array) && len(e.Items) > 0 && e.Items[0].Kind != jsonpos.Object && e.Items[0].Kind != jsonpos.Array {
		return scalar(e.Items[0])
	}
	typ, _ := s.Get("type").Str()
	format, _ := s.Get("format").Str()
	switch typ {
	case "integer", "number":
		v := 1.0
		if m := s.Get("minimum"); m.Is(jsonpos.Number) {
			if f, err := strconv.ParseFloat(m.Text, 64); err == nil && f > v {
				v = f
			}
		}
		if m := s.Get("maximum"); m.Is(jsonpos.Number) {
			if f, err := strconv.ParseFloat(m.Text, 64); err == nil && f < v {
				v = f
			}
		}
		if typ == "integer" {
			return int64(v)
		}
		return v
	case "boolean":
		return false
	case "array":
		if depth >= maxSampleDepth {
			return []any{}
		}
		return []any{sampleValue(root, s.Get("items"), name, depth+1, seen)}
	case "object":
		obj := map[string]any{}
		if depth < maxSampleDepth {
			props := s.Get("properties")
			if req := s.Get("required"); req.Is(jsonpos.Array) {
				for _, r := range req.Items {
					if n, ok := r.Str(); ok && props.Get(n) != nil {
						obj[n] = sampleValue(root, props.Get(n), n, depth+1, seen)
					}
				}
			}
		}
		return obj
	}
	switch strings.ToLower(format) {
	case "date-time":
		return "2024-01-01T00:00:00Z"
	case "date":
		return "2024-01-01"
	case "time":
		return "12:00:00"
	case "email":
		return "someone@example.com"
	case "uri", "url":
		return "https://example.com"
	case "uuid", "guid":
		return "00000000-0000-0000-0000-000000000000"
	case "byte":
		return "c2FtcGxl" // "sample", base64
	case "int32", "int64":
		return "1"
	}
	return "sample " + name
}

func scalar(n *jsonpos.Node) any {
	switch n.Kind {
	case jsonpos.Number:
		if i, err := strconv.ParseInt(n.Text, 10, 64); err == nil {
			return i
		}
		f, _ := strconv.ParseFloat(n.Text, 64)
		return f
	case jsonpos.Bool:
		return n.Text == "true"
	}
	return n.Text
}
