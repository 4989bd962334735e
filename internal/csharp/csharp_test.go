package csharp

import (
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/textpos"
)

func TestScan(t *testing.T) {
	src := "\uFEFF#r \"Newtonsoft.Json\"\n" +
		"var a = \"x\\\"// not a comment\"; // new HttpClient()\n" +
		"var b = @\"C:\\dir\"\" /* no */\"; /* block\n new HttpClient() */ var c = '\\'';\n" +
		"var d = $\"{(x ? \"}\" : y)} {z:N2} {{literal}}\"; var e = $@\"{a}\n\"\"\";\n" +
		"var f = \"\"\"\n raw \"\" \"quoted\" \n\"\"\"; var g = $$\"\"\"{{{h}}} {not}\"\"\"; var @class = 1.5e3;\r\nnew HttpClient();"
	toks := Scan([]byte(src))
	var got []string
	for _, tk := range toks {
		switch tk.Kind {
		case String:
			got = append(got, "S")
		case Char:
			got = append(got, "C")
		case Directive:
			got = append(got, "D")
		case Number:
			got = append(got, "N")
		default:
			got = append(got, tk.Value)
			if tk.Kind == Punct {
				got[len(got)-1] = tk.Text
			}
		}
	}
	want := "D var a = S ; var b = S ; var c = C ; var d = S ; var e = S ; var f = S ; var g = S ; var class = N ; new HttpClient ( ) ;"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("tokens:\n got %s\nwant %s", g, want)
	}
	if last := toks[len(toks)-5]; last.Value != "new" || last.Line != 10 {
		t.Errorf("new: line %d (%q), want 10", last.Line, last.Text)
	}
	for _, tk := range toks {
		if tk.Kind == String && tk.Text == `@"C:\dir"" /* no */"` && tk.Value != `C:\dir" /* no */` {
			t.Errorf("verbatim value = %q", tk.Value)
		}
	}
}

func checkTokens(t *testing.T, src []byte) {
	toks := Scan(src)
	ix := textpos.New(src)
	prev := 0
	for _, tk := range toks {
		if tk.Start < prev || tk.End <= tk.Start || tk.End > len(src) {
			t.Fatalf("token %q at [%d,%d) after %d in %d bytes", tk.Text, tk.Start, tk.End, prev, len(src))
		}
		if tk.Text != string(src[tk.Start:tk.End]) {
			t.Fatalf("token text %q != source %q", tk.Text, src[tk.Start:tk.End])
		}
		if l, _ := ix.Position(tk.Start); l != tk.Line {
			t.Fatalf("token %q at %d: line %d, textpos says %d", tk.Text, tk.Start, tk.Line, l)
		}
		prev = tk.End
	}
}

// script is a seed: a small script.csx with a comment and a verbatim string.
const script = `using System.Net;

public class Script : ScriptBase
{
    public override async Task<HttpResponseMessage> ExecuteAsync()
    {
        // new HttpClient() in a comment, "CreateTask" == this.Context.OperationId
        var note = @"Thread.Sleep(10000); using System.Data; "" new HttpClient()";
        return new HttpResponseMessage(HttpStatusCode.BadRequest);
    }
}
`

// FuzzScan checks that tokens are in order, inside the source, carry their source text and the
// line textpos gives.
func FuzzScan(f *testing.F) {
	for _, s := range []string{script, "$\"{$\"{$@\"{x}\"}\"}\"", "\"\"\"\n\"\"", "'\\", "@", "$$\"\"\"{{{", "a\rb\r\nc\n#if X\n", "/* x", "$\"{a:"} {
		f.Add([]byte(s))
	}
	f.Fuzz(checkTokens)
}
