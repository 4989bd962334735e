package validate

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/connector-check/connector-check/internal/jsonpos"
	"github.com/connector-check/connector-check/internal/textpos"
)

// memConnector builds a connector the way Load does, from bytes in memory, so that fuzzing runs
// every rule without touching the disk.
func memConnector(kind Kind, swagger, properties, readme, script []byte) *Connector {
	c := &Connector{Path: "c", Dir: "/nonexistent", Kind: kind, KindResolved: true}
	file := func(name string, data []byte, isJSON bool) *File {
		if data == nil {
			return nil
		}
		c.Entries = append(c.Entries, Entry{Name: name, Mode: 0})
		f := &File{Name: name, Path: "c/" + name, Data: data}
		if isJSON {
			f.JSON = jsonpos.Parse(data)
			f.Lines = f.JSON.Lines
		} else {
			f.Lines = textpos.New(data)
		}
		return f
	}
	c.Swagger = file(SwaggerName, swagger, true)
	c.Properties = file(PropertiesName, properties, true)
	c.Readme = file(ReadmeName, readme, false)
	c.Script = file(ScriptName, script, false)
	return c
}

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
			c := memConnector(kind, swagger, properties, []byte(goodReadme), nil)
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
