package validate

import (
	"testing"

	"github.com/connector-check/connector-check/internal/jsonpos"
	"github.com/connector-check/connector-check/internal/textpos"
)

// FuzzScript runs the script rules over any script: they never panic and report sane positions
// (internal/csharp's FuzzScan checks the tokens themselves).
func FuzzScript(f *testing.F) {
	for _, s := range []string{goodScript, "$\"{$\"{$@\"{x}\"}\"}\"", "\"\"\"\n\"\"", "'\\", "@", "$$\"\"\"{{{", "a\rb\r\nc\n#if X\n", "/* x", "$\"{a:"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c := &Connector{Path: "c", Kind: Custom, Script: &File{Name: ScriptName, Path: "c/" + ScriptName, Data: src, Lines: textpos.New(src)},
			Swagger: &File{Name: SwaggerName, Path: "c/" + SwaggerName, Data: []byte(goodSwagger)}}
		c.Swagger.JSON = jsonpos.Parse(c.Swagger.Data)
		c.Swagger.Lines = c.Swagger.JSON.Lines
		sanePositions(t, Check(c))
	})
}

func sanePositions(t *testing.T, fs []Finding) {
	t.Helper()
	for _, f := range fs {
		if f.Line < 0 || (f.Line > 0 && (f.Column < 1 || f.EndLine < f.Line || (f.EndLine == f.Line && f.EndColumn < f.Column))) {
			t.Fatalf("bad position %d:%d-%d:%d for %s", f.Line, f.Column, f.EndLine, f.EndColumn, f.Rule)
		}
		if f.Message == "" {
			t.Fatalf("%s without message", f.Rule)
		}
	}
}

func FuzzReadme(f *testing.F) {
	for _, s := range []string{goodReadme, goodIntro, "#Heading\n===\n", "\uFEFF# T\r\n##Sub\r\n[a](b.md)", "- #x\n  #y\n> #z", "```\n#a\n", "[x]: y\n[x]"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, md []byte) {
		for _, k := range []Kind{IndependentPublisher, Certified} {
			c := &Connector{Path: "c", Kind: k,
				Readme: &File{Name: ReadmeName, Path: "c/" + ReadmeName, Data: md, Lines: textpos.New(md)},
				Intro:  &File{Name: IntroName, Path: "c/" + IntroName, Data: md, Lines: textpos.New(md)},
			}
			sanePositions(t, CheckForPackage(c, nil))
		}
	})
}
