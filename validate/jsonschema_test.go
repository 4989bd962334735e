package validate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// TestSchemaViolations pins the plumbing that other families reuse: each violation is a leaf,
// split per property, located on the exact key or value.
func TestSchemaViolations(t *testing.T) {
	sch := compileSchema("test.schema.json", []byte(`{
		"type": "object",
		"required": ["a"],
		"properties": {
			"b": {"type": "string"},
			"c": {"type": "object", "propertyNames": {"pattern": "^[a-z]+$"}},
			"d": {"type": "object", "properties": {"x": {}}, "additionalProperties": false},
			"e": {"type": "array", "items": {"enum": ["p", "q"]}},
			"z": {"type": "string"}
		}
	}`))
	data := "{\n  \"b\": 1,\n  \"c\": {\"ok\": 1, \"Bad-Name\": 2},\n  \"d\": {\"x\": 1, \"y\": 2, \"w\": 3},\n  \"e\": [\"p\", \"r\",],\n  \"z\": \"s\", \"z\": 2\n}\n"
	doc := jsonpos.Parse([]byte(data))
	f := &File{Name: "t.json", Path: "c/t.json", Data: doc.Data, JSON: doc, Lines: doc.Lines}
	var got []string
	for _, v := range schemaViolations(f, sch) {
		w := v.where(f).resolved()
		got = append(got, fmt.Sprintf("%d:%d %s %s %s", w.span.Line, w.span.Column, v.Keyword, v.Ptr, v.Schema))
	}
	want := []string{
		"1:1 required  /required",
		"2:8 type /b /properties/b/type",
		"3:18 propertyNames /c/Bad-Name /properties/c/propertyNames",
		"4:17 additionalProperties /d/y /properties/d/additionalProperties",
		"4:25 additionalProperties /d/w /properties/d/additionalProperties",
		"5:14 enum /e/1 /properties/e/items/enum",
		"6:18 type /z /properties/z/type", // the last duplicate wins, as on the platform
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("violations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestEmbeddedSchemasCompile fails on a broken embedded schema before any rule runs.
func TestEmbeddedSchemasCompile(t *testing.T) {
	if apiPropertiesSchema() == nil || settingsSchema() == nil {
		t.Fatal("nil schema")
	}
}
