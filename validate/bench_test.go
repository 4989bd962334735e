package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
)

// ipCorpus is the independent-publisher half of the corpus: the speed target (all of them
// in at most 0.5 s on 2 cores, within 3x of only decoding their JSON) is stated on it.
var ipCorpus = filepath.Join(corpusDir, "independent-publisher-connectors")

func corpusBytes(b *testing.B, root string) (files []string, size int64) {
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				size += info.Size()
			}
			files = append(files, p)
		}
		return nil
	})
	return files, size
}

// BenchmarkCorpusIP runs every rule over every independent-publisher connector.
func BenchmarkCorpusIP(b *testing.B) {
	needCorpus(b)
	_, size := corpusBytes(b, ipCorpus)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run([]string{ipCorpus}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeFloorIP reads every JSON file of the same connectors with the same parallelism as
// Run, and only decodes it: "tokens" tokenizes with jsontext (what the position tree is built
// from), "values" unmarshals into any with encoding/json (what "merely decoding" usually means).
// No tree, no rules: the floor the speed target is relative to.
func BenchmarkDecodeFloorIP(b *testing.B) {
	b.Run("tokens", func(b *testing.B) {
		decodeFloor(b, func(data []byte) {
			dec := jsontext.NewDecoder(bytes.NewReader(data), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
			for {
				if _, err := dec.ReadToken(); err != nil {
					break
				}
			}
		})
	})
	b.Run("values", func(b *testing.B) {
		decodeFloor(b, func(data []byte) {
			var v any
			json.Unmarshal(data, &v)
		})
	})
}

func decodeFloor(b *testing.B, decode func([]byte)) {
	needCorpus(b)
	files, size := corpusBytes(b, ipCorpus)
	var jsonFiles []string
	for _, f := range files {
		if strings.HasSuffix(strings.ToLower(f), ".json") {
			jsonFiles = append(jsonFiles, f)
		}
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		var wg sync.WaitGroup
		next := make(chan string)
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for name := range next {
					data, err := os.ReadFile(name)
					if err != nil {
						continue
					}
					decode(data)
				}
			})
		}
		for _, f := range jsonFiles {
			next <- f
		}
		close(next)
		wg.Wait()
	}
}

// BenchmarkScale runs the rules over 1, 2 and 4 copies of the independent-publisher corpus (hard
// links in a temporary folder, so nothing is copied): the cost per byte must stay flat.
func BenchmarkScale(b *testing.B) {
	needCorpus(b)
	files, size := corpusBytes(b, ipCorpus)
	root := b.TempDir()
	for copyN := range 4 {
		for _, f := range files {
			rel, _ := filepath.Rel(ipCorpus, f)
			dst := filepath.Join(root, fmt.Sprintf("copy%d", copyN), "independent-publisher-connectors", rel)
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.Link(f, dst); err != nil {
				b.Skipf("hard links unavailable: %v", err)
			}
		}
	}
	for _, n := range []int{1, 2, 4} {
		var paths []string
		for i := range n {
			paths = append(paths, filepath.Join(root, fmt.Sprintf("copy%d", i)))
		}
		b.Run(fmt.Sprintf("%dx", n), func(b *testing.B) {
			b.SetBytes(int64(n) * size)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Run(paths, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
