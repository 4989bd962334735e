package validate

import (
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/jsonpos"
	"github.com/connector-check/connector-check/internal/textpos"
)

func TestScanCSharp(t *testing.T) {
	src := "\uFEFF#r \"Newtonsoft.Json\"\n" +
		"var a = \"x\\\"// not a comment\"; // new HttpClient()\n" +
		"var b = @\"C:\\dir\"\" /* no */\"; /* block\n new HttpClient() */ var c = '\\'';\n" +
		"var d = $\"{(x ? \"}\" : y)} {z:N2} {{literal}}\"; var e = $@\"{a}\n\"\"\";\n" +
		"var f = \"\"\"\n raw \"\" \"quoted\" \n\"\"\"; var g = $$\"\"\"{{{h}}} {not}\"\"\"; var @class = 1.5e3;\r\nnew HttpClient();"
	toks := scanCSharp([]byte(src))
	var got []string
	for _, tk := range toks {
		switch tk.kind {
		case csString:
			got = append(got, "S")
		case csChar:
			got = append(got, "C")
		case csDirective:
			got = append(got, "D")
		case csNumber:
			got = append(got, "N")
		default:
			got = append(got, tk.value)
			if tk.kind == csPunct {
				got[len(got)-1] = tk.text
			}
		}
	}
	want := "D var a = S ; var b = S ; var c = C ; var d = S ; var e = S ; var f = S ; var g = S ; var class = N ; new HttpClient ( ) ;"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("tokens:\n got %s\nwant %s", g, want)
	}
	if last := toks[len(toks)-5]; last.value != "new" || last.line != 10 {
		t.Errorf("new: line %d (%q), want 10", last.line, last.text)
	}
	for _, tk := range toks {
		if tk.kind == csString && tk.text == `@"C:\dir"" /* no */"` && tk.value != `C:\dir" /* no */` {
			t.Errorf("verbatim value = %q", tk.value)
		}
	}
}

func checkTokens(t *testing.T, src []byte) {
	toks := scanCSharp(src)
	ix := textpos.New(src)
	prev := 0
	for _, tk := range toks {
		if tk.start < prev || tk.end <= tk.start || tk.end > len(src) {
			t.Fatalf("token %q at [%d,%d) after %d in %d bytes", tk.text, tk.start, tk.end, prev, len(src))
		}
		if tk.text != string(src[tk.start:tk.end]) {
			t.Fatalf("token text %q != source %q", tk.text, src[tk.start:tk.end])
		}
		if l, _ := ix.Position(tk.start); l != tk.line {
			t.Fatalf("token %q at %d: line %d, textpos says %d", tk.text, tk.start, tk.line, l)
		}
		prev = tk.end
	}
}

func FuzzScanCSharp(f *testing.F) {
	for _, s := range []string{goodScript, "$\"{$\"{$@\"{x}\"}\"}\"", "\"\"\"\n\"\"", "'\\", "@", "$$\"\"\"{{{", "a\rb\r\nc\n#if X\n", "/* x", "$\"{a:"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkTokens(t, src)
		// The rules never panic on any script either.
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
