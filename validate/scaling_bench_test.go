package validate

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/scaling"
)

// The scaling benchmarks run the whole check (load, parse, every rule) over one hostile connector
// at 1x, 2x and 4x its size, and fail when the cost of the second doubling is more than 10% above
// that of the first (internal/scaling: CPU time and bytes allocated, as slopes, so that the fixed
// cost of a run doesn't read as a scaling problem, and other work on the machine barely does).
// Run them with
//
//	go test -run '^$' -bench Linear ./validate ./package

// linearity checks that Run over the connector whose swagger is gen(scale) costs linear time and
// memory in the scale.
func linearity(b *testing.B, gen func(scale int) string) {
	scaling.Linear(b, func(tb testing.TB, scale int) scaling.Case {
		sw := gen(scale)
		dir := makeConnector(tb, IndependentPublisher, map[string]string{SwaggerName: sw})
		return scaling.Case{Size: int64(len(sw)), Run: func() error {
			_, err := Run([]string{dir}, Options{})
			return err
		}}
	})
}

// swaggerWithOps is the example swagger with n operations that each draw findings (no summary,
// no description, a parameter without x-ms-summary), as JSON on one line or indented.
func swaggerWithOps(n int, oneLine bool) string {
	var doc map[string]any
	if err := json.Unmarshal([]byte(goodSwagger), &doc); err != nil {
		panic(err)
	}
	paths := map[string]any{}
	for i := range n {
		paths[fmt.Sprintf("/items%d/{id}", i)] = map[string]any{"get": map[string]any{
			"operationId": fmt.Sprintf("GetItem%d", i),
			"parameters":  []any{map[string]any{"name": "id", "in": "path", "required": true, "type": "string"}},
			"responses":   map[string]any{"200": map[string]any{"description": "OK"}},
		}}
	}
	doc["paths"] = paths
	var data []byte
	if oneLine {
		data, _ = json.Marshal(doc)
	} else {
		data, _ = json.MarshalIndent(doc, "", "  ")
	}
	return string(data)
}

// BenchmarkLinearOneLine: a one-line swagger (columns were counted from the line's start for
// every finding: 0.7 MB took 14 s), of 1 to 4 MB.
//
// The sizes are past the last-level cache at every scale. At a quarter of them (0.25 to 1 MB,
// the 4x tree about 20 MB against a 32 MB cache shared with the machine's other tenants) the cost
// per byte rose from the 2x to the 4x run everywhere at once, in parts that are linear by
// construction as much as in the rules (the secret scan's one pass over the bytes was 1.6 times
// slower per byte): the second doubling cost 1.1 to 1.3 times the first, a measurement of the
// cache, not of the algorithm. Past it, the slope is 0.85 to 1.04.
func BenchmarkLinearOneLine(b *testing.B) {
	linearity(b, func(scale int) string { return swaggerWithOps(6000*scale, true) })
}

// BenchmarkLinearPretty: the same swagger pretty-printed (2 to 8.6 MB).
func BenchmarkLinearPretty(b *testing.B) {
	linearity(b, func(scale int) string { return swaggerWithOps(6000*scale, false) })
}

// BenchmarkLinearDuplicateKeys: an object of repeated keys (7 MB used 729 MiB and took a minute).
// (At 100,000 keys per scale the second doubling once cost 2 to 4 times the first: the runtime
// gave the 4x run's pages back between runs, and the run faulted them in again; see
// internal/scaling's ballast.)
func BenchmarkLinearDuplicateKeys(b *testing.B) {
	linearity(b, func(scale int) string {
		var sb strings.Builder
		sb.WriteString(`"x-dups": {"a": 0`)
		for i := range 100_000 * scale {
			fmt.Fprintf(&sb, `,"a":%d`, i%2)
		}
		sb.WriteString(`},`)
		return strings.Replace(goodSwagger, `"swagger": "2.0",`, `"swagger": "2.0", `+sb.String(), 1)
	})
}

// BenchmarkLinearSharedDefinition: many operations whose body and response use one large
// definition (4,000 operations over 20,000 properties took 20 s): operations and properties
// grow together.
func BenchmarkLinearSharedDefinition(b *testing.B) {
	linearity(b, func(scale int) string {
		var doc map[string]any
		if err := json.Unmarshal([]byte(goodSwagger), &doc); err != nil {
			panic(err)
		}
		ref := map[string]any{"$ref": "#/definitions/Big"}
		paths := map[string]any{}
		for i := range 250 * scale {
			paths[fmt.Sprintf("/items%d", i)] = map[string]any{"post": map[string]any{
				"operationId": fmt.Sprintf("PostItem%d", i), "summary": fmt.Sprintf("Post item %d", i),
				"description": fmt.Sprintf("Posts item %d.", i),
				"parameters":  []any{map[string]any{"name": "body", "in": "body", "required": true, "schema": ref}},
				"responses":   map[string]any{"200": map[string]any{"description": "OK", "schema": ref}},
			}}
		}
		props := map[string]any{}
		for i := range 1250 * scale {
			props[fmt.Sprintf("p%d", i)] = map[string]any{"type": "string", "description": fmt.Sprintf("P %d", i)}
		}
		doc["paths"] = paths
		doc["definitions"] = map[string]any{"Big": map[string]any{"type": "object", "properties": props}}
		data, _ := json.Marshal(doc)
		return string(data)
	})
}
