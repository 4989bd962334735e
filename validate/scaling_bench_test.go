package validate

import (
	"encoding/json"
	"fmt"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

// The scaling benchmarks run the whole check (load, parse, every rule) over one hostile connector
// at 1x, 2x and 4x its size, and fail when the time per input byte at 4x is more than 10% above
// the time per byte at 1x: a quadratic step shows as x2 per doubling, far outside the noise.
// Each size's time is the fastest of its iterations, so that other work on the machine does not
// read as a scaling problem. Run them with
//
//	go test -run '^$' -bench Linear ./validate

// linearity runs gen(scale) for scale 1, 2 and 4 as sub-benchmarks and checks the time per byte.
func linearity(b *testing.B, gen func(scale int) string) {
	// The garbage collector as the binary sets it (main.go): at the default GOGC=100 the
	// duplicate-key case spends its time collecting while its member list grows.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(256 << 20))
	perByte := map[int]float64{}
	for _, scale := range []int{1, 2, 4} {
		sw := gen(scale)
		dir := makeConnector(b, IndependentPublisher, map[string]string{SwaggerName: sw})
		b.Run(fmt.Sprintf("%dx", scale), func(b *testing.B) {
			b.SetBytes(int64(len(sw)))
			fastest := time.Duration(1<<63 - 1)
			for b.Loop() {
				start := time.Now()
				if _, err := Run([]string{dir}, Options{}); err != nil {
					b.Fatal(err)
				}
				fastest = min(fastest, time.Since(start))
			}
			perByte[scale] = float64(fastest.Nanoseconds()) / float64(len(sw))
		})
	}
	if perByte[1] == 0 || perByte[4] == 0 {
		return // a filtered run
	}
	r := perByte[4] / perByte[1]
	b.Logf("ns per byte: 1x %.1f, 2x %.1f, 4x %.1f (4x/1x = %.2f)", perByte[1], perByte[2], perByte[4], r)
	if r > 1.10 {
		b.Fatalf("not linear: the time per byte at 4x is %.2f times that at 1x (at most 1.10)", r)
	}
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
// every finding: 0.7 MB took 14 s).
func BenchmarkLinearOneLine(b *testing.B) {
	linearity(b, func(scale int) string { return swaggerWithOps(1500*scale, true) })
}

// BenchmarkLinearPretty: the same swagger pretty-printed.
func BenchmarkLinearPretty(b *testing.B) {
	linearity(b, func(scale int) string { return swaggerWithOps(1500*scale, false) })
}

// BenchmarkLinearDuplicateKeys: an object of repeated keys (7 MB used 729 MiB and took a minute).
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
