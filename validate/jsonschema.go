package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

var printer = message.NewPrinter(language.English)

// This file runs an embedded JSON Schema over a loaded file and turns each failed assertion into
// a schemaViolation located on the file's position index; the family that owns the schema maps
// violations to catalog rules (see checkSchema). The schema is applied to the tolerant tree that
// the loader built, so files with trailing commas or duplicate keys are still checked (the last
// duplicate wins, as on the platform).

// compileSchema compiles an embedded draft 2020-12 schema; name is only its resource URL. A
// broken embedded schema is a programming error, caught by the package's tests.
func compileSchema(name string, data []byte) *jsonschema.Schema {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		panic(fmt.Sprintf("validate: embedded schema %s: %v", name, err))
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	url := "mem:///" + name
	if err := c.AddResource(url, doc); err != nil {
		panic(fmt.Sprintf("validate: embedded schema %s: %v", name, err))
	}
	return c.MustCompile(url)
}

// schemaViolation is one failed leaf assertion of a schema, located in the file.
type schemaViolation struct {
	// Keyword is the failed keyword: type, enum, const, required, additionalProperties,
	// propertyNames, pattern, minItems, anyOf, oneOf, not, false...
	Keyword string
	// Schema is the JSON pointer of the failed keyword inside the schema document, e.g.
	// "/$defs/connectionParameter/properties/type/enum"; mappers key on it.
	Schema string
	// Ptr is the pointer of the value at fault. For additionalProperties and propertyNames it is
	// the offending member; for required it is the object that lacks Prop.
	Ptr    string
	Prop   string          // required, additionalProperties, propertyNames: the property concerned
	Node   *jsonpos.Node   // the value at Ptr (the object, for required)
	Member *jsonpos.Member // the member holding Node, when it is an object member
	Kind   jsonschema.ErrorKind
	Detail string // the library's English message, for the fallback wording
}

// where is the position of a violation: a disallowed or badly named property at its key, a
// missing one at its parent's key (the root brace), anything else at the value token.
func (v schemaViolation) where(f *File) at {
	switch {
	case v.Keyword == "required":
		return parent(f, v.Ptr)
	case (v.Keyword == "additionalProperties" || v.Keyword == "propertyNames") && v.Member != nil:
		return name(f, v.Member, v.Ptr)
	case v.Node != nil:
		return value(f, v.Node, v.Ptr)
	}
	return parent(f, v.Ptr)
}

// schemaMapper turns one violation into findings (or drops it when a semantic rule of the family
// already reports the same defect).
type schemaMapper func(p *pass, f *File, v schemaViolation)

// checkSchema validates f's parsed tree against sch and hands every violation to mapViolation.
// Nothing happens when the file has no tree (the loader's findings say why).
func checkSchema(p *pass, f *File, sch *jsonschema.Schema, mapViolation schemaMapper) {
	for _, v := range schemaViolations(f, sch) {
		mapViolation(p, f, v)
	}
}

// schemaViolations validates f's parsed tree against sch, in file order.
func schemaViolations(f *File, sch *jsonschema.Schema) []schemaViolation {
	if f == nil || f.JSON == nil || f.JSON.Root == nil {
		return nil
	}
	return violationsOf(f, sch.Validate(instance(f.JSON.Root)))
}

// violationsOf turns a validation error of f's tree into violations, in file order.
func violationsOf(f *File, err error) []schemaViolation {
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return nil
	}
	var out []schemaViolation
	collectViolations(f, ve, &out)
	slices.SortStableFunc(out, func(a, b schemaViolation) int { return violationStart(a) - violationStart(b) })
	return out
}

func violationStart(v schemaViolation) int {
	switch {
	case v.Member != nil:
		return v.Member.NameStart
	case v.Node != nil:
		return v.Node.Start
	}
	return 0
}

// collectViolations flattens the error tree to its leaves: groups (allOf, $ref, a whole schema)
// are descended; anyOf and oneOf stay one violation, since their branches are alternatives.
func collectViolations(f *File, e *jsonschema.ValidationError, out *[]schemaViolation) {
	switch k := e.ErrorKind.(type) {
	case *kind.Schema, *kind.Group, *kind.AllOf, *kind.Reference:
		for _, c := range e.Causes {
			collectViolations(f, c, out)
		}
		return
	case *kind.Required:
		for _, prop := range k.Missing {
			*out = append(*out, newViolation(f, e, "", prop))
		}
		return
	case *kind.AdditionalProperties:
		for _, prop := range k.Properties {
			*out = append(*out, newViolation(f, e, prop, prop))
		}
		return
	case *kind.PropertyNames:
		v := newViolation(f, e, k.Property, k.Property)
		// v6.0.3 keeps the object's location for propertyNames without copying it, so a later
		// sibling can overwrite it; find the object by its depth and the failing name instead.
		if v.Member == nil {
			if ptr, n, m := findMember(f.JSON.Root, "", len(e.InstanceLocation), k.Property); m != nil {
				v.Ptr, v.Node, v.Member = ptr, n, m
			}
		}
		v.Schema = schemaFragment(e.SchemaURL) // already the propertyNames subschema
		*out = append(*out, v)
		return
	}
	*out = append(*out, newViolation(f, e, "", ""))
}

func newViolation(f *File, e *jsonschema.ValidationError, child, prop string) schemaViolation {
	ptr := jsonpos.Join("", e.InstanceLocation...)
	if child != "" {
		ptr = jsonpos.Join(ptr, child)
	}
	kw := e.ErrorKind.KeywordPath()
	v := schemaViolation{Ptr: ptr, Prop: prop, Kind: e.ErrorKind, Detail: e.ErrorKind.LocalizedString(printer)}
	if len(kw) > 0 {
		v.Keyword = kw[0]
	} else if _, ok := e.ErrorKind.(*kind.FalseSchema); ok {
		v.Keyword = "false"
	}
	v.Schema = jsonpos.Join(schemaFragment(e.SchemaURL), kw...)
	v.Node, v.Member = f.JSON.Lookup(ptr)
	return v
}

func schemaFragment(url string) string {
	_, frag, _ := strings.Cut(url, "#")
	return frag
}

// findMember finds, depth-first, the first object depth levels below n that has a member called
// prop, and returns that member's pointer, value and member.
func findMember(n *jsonpos.Node, ptr string, depth int, prop string) (string, *jsonpos.Node, *jsonpos.Member) {
	switch {
	case n == nil:
	case depth == 0:
		if m := n.Member(prop); m != nil {
			return jsonpos.Join(ptr, prop), m.Value, m
		}
	case n.Kind == jsonpos.Object:
		for i := range n.Members {
			if p, v, m := findMember(n.Members[i].Value, jsonpos.Join(ptr, n.Members[i].Name), depth-1, prop); m != nil {
				return p, v, m
			}
		}
	case n.Kind == jsonpos.Array:
		for i, it := range n.Items {
			if p, v, m := findMember(it, jsonpos.Index(ptr, i), depth-1, prop); m != nil {
				return p, v, m
			}
		}
	}
	return "", nil, nil
}

// instance converts the position tree to the values the validator takes: map[string]any,
// []any, string, bool, nil and json.Number (so that no number loses precision).
func instance(n *jsonpos.Node) any {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case jsonpos.Object:
		m := make(map[string]any, len(n.Members))
		for i := range n.Members { // a later duplicate replaces an earlier one, as Member does
			m[n.Members[i].Name] = instance(n.Members[i].Value)
		}
		return m
	case jsonpos.Array:
		a := make([]any, len(n.Items))
		for i, it := range n.Items {
			a[i] = instance(it)
		}
		return a
	case jsonpos.String:
		return n.Text
	case jsonpos.Bool:
		return n.Text == "true"
	case jsonpos.Number:
		// NaN and Infinity are kept as their literal in the tree (JsonNonFiniteNumber reports them).
		if _, err := strconv.ParseFloat(n.Text, 64); err != nil && !isJSONNumber(n.Text) {
			return json.Number("0")
		}
		return json.Number(n.Text)
	}
	return nil
}

// isJSONNumber accepts numbers too large for a float64 (ParseFloat reports a range error).
func isJSONNumber(s string) bool {
	var v json.Number
	return json.Unmarshal([]byte(s), &v) == nil
}
