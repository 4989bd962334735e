package config

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// TestShippedSchemaAndExample checks that the example configuration parses, that it is valid
// against docs/config.schema.json, that the schema rejects what Parse rejects in shape, and that
// docs/config.md documents every key of the schema.
func TestShippedSchemaAndExample(t *testing.T) {
	example, err := os.ReadFile("../../examples/config/connector-check.yml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse("connector-check.yml", example); err != nil {
		t.Fatalf("the example does not parse: %v", err)
	}
	schemaData, err := os.ReadFile("../../docs/config.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaData))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("config.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("config.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	asJSON := func(y string) any {
		var v any
		if err := yaml.Unmarshal([]byte(y), &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	if err := schema.Validate(asJSON(string(example))); err != nil {
		t.Errorf("the example is not valid against the schema: %v", err)
	}
	for _, bad := range []string{
		"rules: {JsonBomPresent: loud}",
		"rules: {JsonBomPresent: {premium: off}}",
		"ignore: [{}]",
		"ignore: [{pointer: paths}]",
		"kinds: [{path: x}]",
		"colour: blue",
	} {
		if schema.Validate(asJSON(bad)) == nil {
			t.Errorf("the schema accepts %q", bad)
		}
		if _, err := Parse("c.yml", []byte(bad)); err == nil {
			t.Errorf("Parse accepts %q", bad)
		}
	}
	md, err := os.ReadFile("../../docs/config.md")
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if props, ok := v["properties"].(map[string]any); ok {
				for k := range props {
					keys = append(keys, k)
				}
			}
			for _, c := range v {
				walk(c)
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		}
	}
	walk(doc)
	if len(keys) < 10 {
		t.Fatalf("found only keys %v in the schema", keys)
	}
	for _, k := range keys {
		if !strings.Contains(string(md), "`"+k+"`") {
			t.Errorf("docs/config.md does not document %q", k)
		}
	}
}
