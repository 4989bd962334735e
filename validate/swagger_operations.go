package validate

import (
	"strings"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// httpMethods are the path-item keys that are operations (Swagger 2.0).
var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch"}

// operation is one operation of the swagger with its pointer.
type operation struct {
	path, method string
	ptr          string
	member       *jsonpos.Member // the method key, e.g. "get"
	node         *jsonpos.Node
}

// operations lists the swagger's operations in file order.
func operations(c *Connector) []operation {
	root := swaggerRoot(c)
	paths := root.Get("paths")
	if !paths.Is(jsonpos.Object) {
		return nil
	}
	var ops []operation
	for i := range paths.Members {
		pm := &paths.Members[i]
		if !pm.Value.Is(jsonpos.Object) {
			continue
		}
		for j := range pm.Value.Members {
			mm := &pm.Value.Members[j]
			if !isHTTPMethod(mm.Name) || !mm.Value.Is(jsonpos.Object) {
				continue
			}
			ops = append(ops, operation{
				path: pm.Name, method: mm.Name,
				ptr:    jsonpos.Join("/paths", pm.Name, mm.Name),
				member: mm, node: mm.Value,
			})
		}
	}
	return ops
}

func isHTTPMethod(s string) bool {
	for _, m := range httpMethods {
		if s == m {
			return true
		}
	}
	return false
}

func checkSwaggerOperations(p *pass) {
	f := p.c.Swagger
	if swaggerRoot(p.c) == nil {
		return
	}
	type first struct {
		id  string
		ptr string
		n   *jsonpos.Node
	}
	seen := map[string]first{} // lower-cased operationId -> first use
	for _, op := range operations(p.c) {
		m := op.node.Member("operationId")
		if m == nil {
			p.report("OperationIdRequired", name(f, op.member, op.ptr),
				"%s %s has no operationId; add a unique PascalCase one (e.g. ListItems): flows refer to operations by it", strings.ToUpper(op.method), op.path)
			continue
		}
		ptr := op.ptr + "/operationId"
		id, ok := m.Value.Str()
		if !ok {
			p.report("JsonTypeIncorrect", value(f, m.Value, ptr), "operationId must be a string, not %s", article(m.Value.Kind))
			continue
		}
		if strings.TrimSpace(id) == "" {
			p.report("RequiredValueEmpty", value(f, m.Value, ptr), "operationId is empty; set a unique PascalCase name (e.g. ListItems)")
			continue
		}
		key := strings.ToLower(id)
		if prev, dup := seen[key]; dup {
			l, col := f.JSON.Lines.Position(prev.n.Start)
			how := "is already used"
			if prev.id != id {
				how = "differs only in letter case from " + prev.id + ","
			}
			p.report("OperationIdNotUnique", value(f, m.Value, ptr),
				"operationId %q %s used at %s (line %d); give this operation its own name", id, how, prev.ptr, l).
				related(f.Path, l, col, "first use of "+prev.id)
			continue
		}
		seen[key] = first{id: id, ptr: ptr, n: m.Value}
	}
}
