package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzInfoTitle: the streaming title reader never panics, and on a document that encoding/json
// reads it agrees with it whenever it finds a title.
func FuzzInfoTitle(f *testing.F) {
	f.Add([]byte(goodSwagger))
	f.Add([]byte("\uFEFF" + `{"info": {"title": "T"}}`))
	f.Add([]byte(`{"a": [[[[{}]]]], "info": {"x": {"title": 1}, "title": "\u0041"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got := infoTitle(bytes.NewReader(data))
		var doc struct {
			Info struct {
				Title *string `json:"title"`
			} `json:"info"`
		}
		if got == "" || !utf8.Valid(data) || json.Unmarshal(data, &doc) != nil || doc.Info.Title == nil {
			return
		}
		// encoding/json keeps the last of duplicate names; the stream stops at the first.
		if strings.Count(string(data), `"title"`) == 1 && strings.Count(string(data), `"info"`) == 1 && strings.TrimSpace(*doc.Info.Title) != got {
			t.Fatalf("infoTitle = %q, encoding/json %q", got, *doc.Info.Title)
		}
	})
}

// FuzzBoundedDistance checks the banded edit distance against the full table.
func FuzzBoundedDistance(f *testing.F) {
	f.Add("contosotasks", "contosotask")
	f.Add("northwind", "northwindv2")
	f.Fuzz(func(t *testing.T, a, b string) {
		ra, rb := []rune(a), []rune(b)
		if len(ra) > 64 || len(rb) > 64 {
			return
		}
		d := make([]int, len(rb)+1)
		for j := range d {
			d[j] = j
		}
		for i := 1; i <= len(ra); i++ {
			prev := d[0]
			d[0] = i
			for j := 1; j <= len(rb); j++ {
				c := 1
				if ra[i-1] == rb[j-1] {
					c = 0
				}
				prev, d[j] = d[j], min(d[j]+1, d[j-1]+1, prev+c)
			}
		}
		if want, got := min(d[len(rb)], 3), boundedDistance(ra, rb, 2); got != want {
			t.Fatalf("boundedDistance(%q, %q) = %d, want %d", a, b, got, want)
		}
	})
}

// BenchmarkConnectorIndex indexes a checkout of 1,000 connector folders (the size of the upstream
// repository) and checks a new connector against it.
func BenchmarkConnectorIndex(b *testing.B) {
	root := b.TempDir()
	for i := range 1000 {
		kind := "independent-publisher-connectors"
		if i%3 == 0 {
			kind = "certified-connectors"
		}
		name := fmt.Sprintf("Service %04d Tasks", i)
		dir := filepath.Join(root, kind, name)
		os.MkdirAll(dir, 0o755)
		swagger := strings.Replace(goodSwagger, `"title": "Contoso Tasks"`, fmt.Sprintf(`"title": "Service %04d"`, i), 1)
		os.WriteFile(filepath.Join(dir, SwaggerName), []byte(swagger), 0o644)
	}
	newDir := filepath.Join(root, "independent-publisher-connectors", "Contoso Tasks")
	os.MkdirAll(newDir, 0o755)
	os.WriteFile(filepath.Join(newDir, SwaggerName), []byte(goodSwagger), 0o644)
	c, err := Load(newDir, "c", 0)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		idx := IndexConnectors(root, map[string]bool{"independent-publisher-connectors/Contoso Tasks": true})
		if idx.Len() != 2000 {
			b.Fatalf("%d names", idx.Len())
		}
		if fs := CheckConnectorExists(c, idx); len(fs) != 0 {
			b.Fatal(describe(fs))
		}
	}
}
