package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkFixConnector fixes a swagger of 3,000 operations, each with a path parameter without
// x-ms-url-encoding and a query parameter without x-ms-summary: 6,000 fixes in one file. Listing
// and composing the fixes must stay linear in their number.
func BenchmarkFixConnector(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "certified-connectors", "Big")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	var paths []string
	for i := range 3000 {
		paths = append(paths, fmt.Sprintf(`    "/t%d/{id}": {"get": {"operationId": "Op%d", "summary": "Op %d", "description": "Gets it.",
      "parameters": [
        {"name": "id", "in": "path", "required": true, "type": "string", "x-ms-summary": "ID", "description": "The ID."},
        {"name": "pageSize", "in": "query", "type": "integer", "description": "Size."}
      ],
      "responses": {"200": {"description": "OK"}}}}`, i, i, i))
	}
	swagger := `{
  "swagger": "2.0",
  "info": {"title": "Big", "description": "A big connector that measures the fixer's speed.", "version": "1.0"},
  "host": "api.example.com", "basePath": "/", "schemes": ["https"],
  "paths": {
` + strings.Join(paths, ",\n") + `
  }
}
`
	os.WriteFile(filepath.Join(dir, SwaggerName), []byte(swagger), 0o644)
	os.WriteFile(filepath.Join(dir, PropertiesName), []byte(`{"properties": {"iconBrandColor": "#123456"}}`), 0o644)
	b.ResetTimer()
	for b.Loop() {
		r, err := FixConnector(dir, "Big", FixOptions{})
		if err != nil || len(r.Applied) != 6000 {
			b.Fatalf("%v, %d fixes", err, len(r.Applied))
		}
	}
}
