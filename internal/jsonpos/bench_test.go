package jsonpos

import (
	"bytes"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
)

// corpusDir is the shared corpus of real connectors (/work/shared/corpus, ../shared/corpus from
// the module root), seen from this package's directory.
const corpusDir = "../../../shared/corpus"

func corpusFiles(b *testing.B) ([][]byte, int64) {
	files := seedFiles(corpusDir, 1<<30)
	if len(files) == 0 {
		b.Skipf("no JSON files under %s", corpusDir)
	}
	var total int64
	for _, f := range files {
		total += int64(len(f))
	}
	return files, total
}

// BenchmarkParse parses every JSON file of the corpus once per iteration.
func BenchmarkParse(b *testing.B) {
	files, total := corpusFiles(b)
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range files {
			Parse(data)
		}
	}
}

// BenchmarkDecodeFloor only tokenizes the same files with jsontext, the floor Parse builds on.
func BenchmarkDecodeFloor(b *testing.B) {
	files, total := corpusFiles(b)
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range files {
			dec := jsontext.NewDecoder(bytes.NewReader(data),
				jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
			// To io.EOF, or to the first error of a file that is not strict JSON.
			for {
				if _, err := dec.ReadToken(); err != nil {
					break
				}
			}
		}
	}
}
