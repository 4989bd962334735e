package validate

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/connector-check/connector-check/internal/jsonpos"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// swaggerSchemaJSON is Swagger 2.0 plus the x-ms extensions as published connectors use them. The
// repository's own schema is stale (it rejects x-ms-openai-*, format guid and other accepted
// shapes), so this one is written for connector-check: it types and closes the Swagger objects
// and leaves every value that a dedicated rule checks unconstrained, so nothing is reported twice.
//
//go:embed schemas/swagger.schema.json
var swaggerSchemaJSON []byte

var swaggerSchema = sync.OnceValue(func() *jsonschema.Schema {
	return compileSchema("swagger.schema.json", swaggerSchemaJSON)
})

// checkSwaggerStructure validates the swagger against the embedded schema and maps each failed
// assertion to its catalog rule at the value's position.
func checkSwaggerStructure(p *pass) {
	if swaggerRoot(p.c) == nil {
		return
	}
	checkSchema(p, p.c.Swagger, swaggerSchema(), mapSwaggerViolation)
	checkArrayDuplicates(p, p.c.Swagger)
}

func mapSwaggerViolation(p *pass, f *File, v schemaViolation) {
	var rule, msg string
	what := describePointer(v.Ptr)
	switch k := v.Kind.(type) {
	case *kind.Required:
		rule = "RequiredPropertyMissing"
		msg = fmt.Sprintf("%s has no %q; Swagger 2.0 requires it", what, v.Prop)
	case *kind.Type:
		rule = "JsonTypeIncorrect"
		got := "null"
		if v.Node != nil {
			got = article(v.Node.Kind)
		}
		msg = fmt.Sprintf("%s must be %s, not %s", what, typeList(k.Want), got)
	case *kind.Enum:
		rule = "JsonValueNotInEnum"
		msg = fmt.Sprintf("%s is %s; use one of %s", what, rawValue(f, v.Node), enumList(k.Want))
	case *kind.Const:
		rule = "JsonValueNotInEnum"
		msg = fmt.Sprintf("%s is %s; use %s", what, rawValue(f, v.Node), enumList([]any{k.Want}))
	case *kind.AdditionalProperties:
		if _, ok := intendedExtension(v.Prop); ok || v.Ptr == "/openapi" {
			return // ExtensionNameNotValid and SpecificationVersionIncorrect say it better
		}
		rule = "AdditionalPropertyNotAllowed"
		msg = fmt.Sprintf("%q is not a Swagger 2.0 field of %s, so the platform rejects or ignores it; fix its name (fields are case-sensitive), or prefix it with \"x-\" if it is your own extension",
			v.Prop, describePointer(parentPointer(v.Ptr)))
	default:
		return
	}
	where := v.where(f)
	for i := range p.findings {
		if g := &p.findings[i]; g.Rule == rule && g.File == f.Path && g.Pointer == where.pointer {
			return // a hand-written rule already reported it
		}
	}
	p.report(rule, where, "%s", msg)
}

func parentPointer(ptr string) string {
	if i := strings.LastIndexByte(ptr, '/'); i >= 0 {
		return ptr[:i]
	}
	return ""
}

// describePointer names a place for a message: "the root", or the pointer itself.
func describePointer(ptr string) string {
	if ptr == "" {
		return "the root"
	}
	return ptr
}

func typeList(want []string) string {
	out := make([]string, len(want))
	for i, w := range want {
		switch w {
		case "object", "array", "integer":
			out[i] = "an " + w
		default:
			out[i] = "a " + w
		}
	}
	return strings.Join(out, " or ")
}

func enumList(want []any) string {
	out := make([]string, len(want))
	for i, w := range want {
		out[i] = fmt.Sprintf("%q", fmt.Sprint(w))
	}
	return strings.Join(out, ", ")
}

func rawValue(f *File, n *jsonpos.Node) string {
	if n == nil {
		return "missing"
	}
	return clip(string(f.Data[n.Start:n.End]), 40)
}

// duplicateKeys are the arrays whose entries must be unique (rules.md §3 ArrayDuplicateValue).
var duplicateKeys = map[string]bool{"schemes": true, "consumes": true, "produces": true, "enum": true, "required": true}

// checkArrayDuplicates reports repeated entries of schemes, consumes, produces, enum, required and
// security scope lists, wherever a Swagger object holds them.
func checkArrayDuplicates(p *pass, f *File) {
	walkSwaggerObjects(f.JSON.Root, func(k swObj, n *jsonpos.Node, ptr string) {
		for i := range n.Members {
			m := &n.Members[i]
			if duplicateKeys[m.Name] && m.Value.Is(jsonpos.Array) {
				if m.Name == "required" && k != objSchema {
					continue
				}
				reportDuplicates(p, f, m.Value, ptr+"/"+jsonpos.EscapeToken(m.Name), m.Name)
			}
			if m.Name == "security" && m.Value.Is(jsonpos.Array) && (k == objRoot || k == objOperation) {
				for j, req := range m.Value.Items {
					if !req.Is(jsonpos.Object) {
						continue
					}
					for s := range req.Members {
						sm := &req.Members[s]
						if sm.Value.Is(jsonpos.Array) {
							reportDuplicates(p, f, sm.Value, jsonpos.Join(jsonpos.Index(ptr+"/security", j), sm.Name), "the scopes of "+sm.Name)
						}
					}
				}
			}
		}
	})
}

func reportDuplicates(p *pass, f *File, arr *jsonpos.Node, ptr, what string) {
	if len(arr.Items) < 2 {
		return
	}
	seen := make(map[string]*jsonpos.Node, len(arr.Items))
	for i, it := range arr.Items {
		key := canonicalJSON(f, it)
		if first, dup := seen[key]; dup {
			l, col := f.JSON.Lines.Position(first.Start)
			p.report("ArrayDuplicateValue", value(f, it, jsonpos.Index(ptr, i)),
				"%s lists %s twice (first at line %d); remove the repeat", what, clip(string(f.Data[it.Start:it.End]), 40), l).
				related(f.Path, l, col, "first occurrence")
			continue
		}
		seen[key] = it
	}
}

// canonicalJSON is a comparison key for a value: strings by their decoded text, numbers and
// literals by their text, containers by their bytes without white space.
func canonicalJSON(f *File, n *jsonpos.Node) string {
	switch n.Kind {
	case jsonpos.String:
		return "s" + n.Text
	case jsonpos.Number, jsonpos.Bool, jsonpos.Null:
		return "n" + n.Text
	}
	return "c" + strings.Join(strings.Fields(string(f.Data[n.Start:n.End])), "")
}
