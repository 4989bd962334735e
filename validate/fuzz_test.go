package validate

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/connector-check/connector-check/internal/textpos"
)

// FuzzCheck loads a swagger and an apiProperties file and runs every rule over them: nothing may
// panic, loop or point outside the file.
func FuzzCheck(f *testing.F) {
	f.Add([]byte(goodSwagger), []byte(goodProperties))
	f.Add([]byte(`{"swagger":"2.0","paths":{"/a/{x}":{"get":{"parameters":[{"$ref":"#/parameters/p"}],"responses":{"200":{"schema":{"$ref":"#/definitions/A"}}}}}},"definitions":{"A":{"$ref":"#/definitions/A"}},"parameters":{"p":{"$ref":"#/parameters/p"}}}`), []byte(`{"properties":{}}`))
	seeds, _ := filepath.Glob("../testdata/connectors/*/*/" + SwaggerName)
	for _, s := range seeds {
		sw, err1 := os.ReadFile(s)
		props, err2 := os.ReadFile(filepath.Join(filepath.Dir(s), PropertiesName))
		if err1 == nil && err2 == nil {
			f.Add(sw, props)
		}
	}
	f.Fuzz(func(t *testing.T, swagger, properties []byte) {
		for _, kind := range []Kind{IndependentPublisher, Certified} {
			c := FromFiles("c", "c", kind, map[string][]byte{SwaggerName: swagger, PropertiesName: properties, ReadmeName: []byte(goodReadme)}, "")
			for _, fd := range Check(c) {
				var data []byte
				switch fd.File {
				case "c/" + SwaggerName:
					data = swagger
				case "c/" + PropertiesName:
					data = properties
				default:
					continue
				}
				lines := textpos.New(data)
				if fd.Line < 0 || fd.Line > lines.Lines()+1 || (fd.Line > 0 && fd.Column < 1) {
					t.Fatalf("%s at %d:%d outside the file (%d lines)", fd.Rule, fd.Line, fd.Column, lines.Lines())
				}
			}
		}
	})
}
