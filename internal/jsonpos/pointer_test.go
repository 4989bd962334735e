package jsonpos

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/textpos"
)

// sp formats a span as "line:col-endLine:endCol".
func sp(s textpos.Span) string {
	return fmt.Sprintf("%d:%d-%d:%d", s.Line, s.Column, s.EndLine, s.EndColumn)
}

// nestedDoc is laid out so that every position below can be counted by hand.
const nestedDoc = `{
  "info": {"title": "T", "version": "1.0"},
  "paths": {
    "/items/{id}": {
      "get": {"operationId": "GetItem", "parameters": [{"name": "id"}, {"name": "q", "in": "query"}]}
    }
  },
  "a~b": [1, [2, 3], {"c/d": true}],
  "": null
}`

type lookupCase struct {
	ptr  string
	name string // NameSpan of the member, "" when the value is not an object member
	val  string // ValueSpan
	text string // Data[Start:End] of the value, checked when not empty
}

func checkLookups(t *testing.T, d *Document, cases []lookupCase) {
	t.Helper()
	if d.Root == nil {
		t.Fatalf("Root is nil; problems: %+v", d.Problems)
	}
	for _, c := range cases {
		n, m := d.Lookup(c.ptr)
		if n == nil {
			t.Errorf("Lookup(%q) = nil", c.ptr)
			continue
		}
		if got := sp(d.ValueSpan(n)); got != c.val {
			t.Errorf("Lookup(%q) value at %s, want %s", c.ptr, got, c.val)
		}
		switch {
		case c.name == "" && m != nil:
			t.Errorf("Lookup(%q) returned member %q, want none", c.ptr, m.Name)
		case c.name != "" && m == nil:
			t.Errorf("Lookup(%q) returned no member", c.ptr)
		case c.name != "":
			if got := sp(d.NameSpan(m)); got != c.name {
				t.Errorf("Lookup(%q) name at %s, want %s", c.ptr, got, c.name)
			}
			if m.Value != n {
				t.Errorf("Lookup(%q): member value is not the returned node", c.ptr)
			}
		}
		if c.text != "" {
			if got := string(d.Data[n.Start:n.End]); got != c.text {
				t.Errorf("Lookup(%q) covers %q, want %q", c.ptr, got, c.text)
			}
		}
	}
}

func TestLookupNested(t *testing.T) {
	d := Parse([]byte(nestedDoc))
	if len(d.Problems) != 0 {
		t.Fatalf("problems: %+v", d.Problems)
	}
	checkLookups(t, d, []lookupCase{
		{"", "", "1:1-10:2", ""},
		{"/info", "2:3-2:9", "2:11-2:43", `{"title": "T", "version": "1.0"}`},
		{"/info/title", "2:12-2:19", "2:21-2:24", `"T"`},
		{"/info/version", "2:26-2:35", "2:37-2:42", `"1.0"`},
		{"/paths", "3:3-3:10", "3:12-7:4", ""},
		{"/paths/~1items~1{id}", "4:5-4:18", "4:20-6:6", ""},
		{"/paths/~1items~1{id}/get", "5:7-5:12", "5:14-5:102", ""},
		{"/paths/~1items~1{id}/get/operationId", "5:15-5:28", "5:30-5:39", `"GetItem"`},
		{"/paths/~1items~1{id}/get/parameters", "5:41-5:53", "5:55-5:101", ""},
		{"/paths/~1items~1{id}/get/parameters/0", "", "5:56-5:70", `{"name": "id"}`},
		{"/paths/~1items~1{id}/get/parameters/0/name", "5:57-5:63", "5:65-5:69", `"id"`},
		{"/paths/~1items~1{id}/get/parameters/1", "", "5:72-5:100", `{"name": "q", "in": "query"}`},
		{"/paths/~1items~1{id}/get/parameters/1/in", "5:86-5:90", "5:92-5:99", `"query"`},
		{"/a~0b", "8:3-8:8", "8:10-8:36", `[1, [2, 3], {"c/d": true}]`},
		{"/a~0b/0", "", "8:11-8:12", "1"},
		{"/a~0b/1", "", "8:14-8:20", "[2, 3]"},
		{"/a~0b/1/1", "", "8:18-8:19", "3"},
		{"/a~0b/2", "", "8:22-8:35", `{"c/d": true}`},
		{"/a~0b/2/c~1d", "8:23-8:28", "8:30-8:34", "true"},
		{"/", "9:3-9:5", "9:7-9:11", "null"},
	})
	if n, _ := d.Lookup("/paths/~1items~1{id}/get/operationId"); n.Text != "GetItem" || n.Kind != String {
		t.Errorf("operationId = %v %q", n.Kind, n.Text)
	}
	if n, _ := d.Lookup("/a~0b/2/c~1d"); n.Kind != Bool || n.Text != "true" {
		t.Errorf("c/d = %v %q", n.Kind, n.Text)
	}
	if n, _ := d.Lookup("/"); n.Kind != Null {
		t.Errorf(`"" = %v`, n.Kind)
	}
	// Pointers built with Join and Index resolve to the same nodes.
	built := Index(Join("", "paths", "/items/{id}", "get", "parameters"), 1)
	if built != "/paths/~1items~1{id}/get/parameters/1" {
		t.Errorf("built pointer %q", built)
	}
	if a, _ := d.Lookup(built); a == nil || a != d.Root.Get("paths").Get("/items/{id}").Get("get").Get("parameters").Items[1] {
		t.Errorf("Lookup(%q) is not the tree's node", built)
	}
}

func TestLookupMisses(t *testing.T) {
	d := Parse([]byte(nestedDoc))
	for _, ptr := range []string{
		"/a~0b/01", // leading zero
		"/a~0b/00", // leading zero
		"/a~0b/-1", // negative
		"/a~0b/-0", // signed zero
		"/a~0b/+1", // signed
		"/a~0b/3",  // out of range
		"/a~0b/99999999999999999999",
		"/a~0b/-",   // the "past the end" index never resolves to a node
		"/a~0b/x",   // not a number
		"/a~0b/1e0", // not an integer literal
		"/a~0b/ 1",
		"/a~0b/",                 // empty token on an array
		"/a~0b/0/x",              // into a number
		"/info/title/x",          // into a string
		"//x",                    // into null
		"/missing",               // no such member
		"/Info",                  // case-sensitive
		"/paths//items/{id}/get", // unescaped slash
		"/paths/~1items~1{id}/GET",
		"info",   // no leading slash
		"a/b",    // no leading slash
		"#/info", // URI fragment form is not a plain pointer
		"/a~b",   // unescaped tilde
		"/a~2b",  // bad escape
		"/a~",    // tilde at the end
		"/~",
		"/a~0b~",
	} {
		if n, m := d.Lookup(ptr); n != nil || m != nil {
			t.Errorf("Lookup(%q) = %v, %v; want nil", ptr, n, m)
		}
	}
	var empty Document
	if n, m := empty.Lookup(""); n != nil || m != nil {
		t.Errorf("Lookup on a document without a root = %v, %v", n, m)
	}
	bad := Parse([]byte(`{"a": 1`))
	if n, _ := bad.Lookup("/a"); n != nil {
		t.Errorf("Lookup in a document that does not parse = %v", n)
	}
}

func TestLookupCRLF(t *testing.T) {
	d := Parse([]byte("{\r\n  \"a\": 1,\r\n  \"b\": [true,\r\n    \"x\"]\r\n}\r\n"))
	if len(d.Problems) != 0 {
		t.Fatalf("problems: %+v", d.Problems)
	}
	checkLookups(t, d, []lookupCase{
		{"", "", "1:1-5:2", ""},
		{"/a", "2:3-2:6", "2:8-2:9", "1"},
		{"/b", "3:3-3:6", "3:8-4:9", "[true,\r\n    \"x\"]"},
		{"/b/0", "", "3:9-3:13", "true"},
		{"/b/1", "", "4:5-4:8", `"x"`},
	})
}

func TestLookupLoneCR(t *testing.T) {
	d := Parse([]byte("{\r\"a\":\r1,\r\"b\":\"x\"}"))
	checkLookups(t, d, []lookupCase{
		{"/a", "2:1-2:4", "3:1-3:2", "1"},
		{"/b", "4:1-4:4", "4:5-4:8", `"x"`},
	})
}

func TestLookupBOM(t *testing.T) {
	d := Parse([]byte("\xEF\xBB\xBF{\"a\": 1,\r\n \"b\": \"é\"}\n"))
	checkLookups(t, d, []lookupCase{
		{"", "", "1:1-2:11", ""},
		{"/a", "1:2-1:5", "1:7-1:8", "1"},
		{"/b", "2:2-2:5", "2:7-2:10", `"é"`},
	})
	if len(d.Problems) != 1 || d.Problems[0].Kind != ByteOrderMark {
		t.Fatalf("problems: %+v", d.Problems)
	}
}

func TestLookupUnicodeBeforeTarget(t *testing.T) {
	d := Parse([]byte(`{"ключ": "日本語", "emoji😀": "é", "k": 1}`))
	checkLookups(t, d, []lookupCase{
		{"/ключ", "1:2-1:8", "1:10-1:15", `"日本語"`},
		{"/emoji😀", "1:17-1:25", "1:27-1:30", `"é"`},
		{"/k", "1:32-1:35", "1:37-1:38", "1"},
		{"", "", "1:1-1:39", ""},
	})
	if s, ok := d.Root.Get("ключ").Str(); !ok || s != "日本語" {
		t.Errorf("ключ = %q", s)
	}

	// Escapes count as the characters written in the file, not as what they decode to.
	d = Parse([]byte(`{"a": "\u00e9\n", "b": 2}`))
	checkLookups(t, d, []lookupCase{
		{"/a", "1:2-1:5", "1:7-1:17", `"\u00e9\n"`},
		{"/b", "1:19-1:22", "1:24-1:25", "2"},
	})
	if s, _ := d.Root.Get("a").Str(); s != "é\n" {
		t.Errorf("a = %q", s)
	}

	// A tab counts as one column.
	d = Parse([]byte("{\t\"a\":\t1,\n\t\t\"b\": [\t2]}"))
	checkLookups(t, d, []lookupCase{
		{"/a", "1:3-1:6", "1:8-1:9", "1"},
		{"/b", "2:3-2:6", "2:8-2:12", "[\t2]"},
		{"/b/0", "", "2:10-2:11", "2"},
	})

	// An escaped key is addressed by its decoded name.
	d = Parse([]byte(`{"a\/b": 1, "\u007e": 2}`))
	checkLookups(t, d, []lookupCase{
		{"/a~1b", "1:2-1:8", "1:10-1:11", "1"},
		{"/~0", "1:13-1:21", "1:23-1:24", "2"},
	})
}

func TestLookupScalarRoot(t *testing.T) {
	for _, tt := range []struct {
		in   string
		kind Kind
		val  string
	}{
		{` "x" `, String, "1:2-1:5"},
		{"\n 12.5e-3", Number, "2:2-2:9"},
		{"true", Bool, "1:1-1:5"},
		{"false\r\n", Bool, "1:1-1:6"},
		{"null", Null, "1:1-1:5"},
		{"[]", Array, "1:1-1:3"},
		{"{}", Object, "1:1-1:3"},
	} {
		d := Parse([]byte(tt.in))
		n, m := d.Lookup("")
		if n == nil || m != nil || n.Kind != tt.kind || sp(d.ValueSpan(n)) != tt.val {
			t.Errorf("%q: root %+v at %v, want %v at %s", tt.in, n, d.ValueSpan(n), tt.kind, tt.val)
		}
		if n, _ := d.Lookup("/0"); n != nil {
			t.Errorf("%q: /0 resolved", tt.in)
		}
	}
}

func TestEscapeToken(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"a/b", "a~1b"},
		{"a~b", "a~0b"},
		{"/items/{id}", "~1items~1{id}"},
		{"~1", "~01"},
		{"~0", "~00"},
		{"/~", "~1~0"},
		{"~/", "~0~1"},
		{"日本/語", "日本~1語"},
	} {
		if got := EscapeToken(tt.in); got != tt.want {
			t.Errorf("EscapeToken(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestJoinIndex(t *testing.T) {
	for _, tt := range []struct {
		got, want string
	}{
		{Join(""), ""},
		{Join("/a"), "/a"},
		{Join("", ""), "/"},
		{Join("", "paths", "/items/{id}", "get"), "/paths/~1items~1{id}/get"},
		{Join("/paths", "/x"), "/paths/~1x"},
		{Join("", "a~b"), "/a~0b"},
		{Index("", 0), "/0"},
		{Index("/a", 12), "/a/12"},
		{Index(Join("", "parameters"), 3), "/parameters/3"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestSplitPointer(t *testing.T) {
	for _, tt := range []struct {
		ptr  string
		want []string
	}{
		{"", nil},
		{"/", []string{""}},
		{"//", []string{"", ""}},
		{"/a/b", []string{"a", "b"}},
		{"/paths/~1items~1{id}/get", []string{"paths", "/items/{id}", "get"}},
		{"/a~0b", []string{"a~b"}},
		{"/~01", []string{"~1"}}, // ~0 is unescaped after ~1, so this is not "/"
		{"/~10", []string{"/0"}},
		{"/~00", []string{"~0"}},
		{"/ a /0", []string{" a ", "0"}},
	} {
		got, ok := SplitPointer(tt.ptr)
		if !ok || !slices.Equal(got, tt.want) || (got == nil) != (tt.want == nil) {
			t.Errorf("SplitPointer(%q) = %q, %v; want %q", tt.ptr, got, ok, tt.want)
		}
	}
	for _, ptr := range []string{"a/b", "a", "#/a", " /a", "~2", "/~2", "/a~", "/~", "/a~b", "/~~0", "/ok/~3x", "/a~-1"} {
		if got, ok := SplitPointer(ptr); ok || got != nil {
			t.Errorf("SplitPointer(%q) = %q, %v; want malformed", ptr, got, ok)
		}
	}
}

func TestPointerRoundTrip(t *testing.T) {
	tokens := []string{"", "a", "~", "/", "~0", "~1", "a~1b", "~/~/", "//", "日本", "0", "-", " "}
	for _, a := range tokens {
		for _, b := range tokens {
			ptr := Join("", a, b)
			got, ok := SplitPointer(ptr)
			if !ok || !slices.Equal(got, []string{a, b}) {
				t.Errorf("SplitPointer(Join(%q, %q) = %q) = %q, %v", a, b, ptr, got, ok)
			}
			if Join("", got...) != ptr {
				t.Errorf("Join(SplitPointer(%q)) = %q", ptr, Join("", got...))
			}
		}
	}
	// Every key of an object is reachable through its escaped token.
	d := Parse([]byte(`{"": 0, "a": 1, "~": 2, "/": 3, "~0": 4, "~1": 5, "a~1b": 6, "~/~/": 7, "//": 8, "日本": 9, "0": 10, "-": 11, " ": 12}`))
	for i, name := range tokens {
		n, m := d.Lookup(Join("", name))
		if n == nil || m == nil || m.Name != name || n.Text != fmt.Sprint(i) {
			t.Errorf("Lookup(Join(%q)) = %+v", name, n)
		}
	}
}

// TestPointerAt: the innermost value holding an offset, or the member whose name holds it.
func TestPointerAt(t *testing.T) {
	doc := Parse([]byte(nestedDoc))
	for _, c := range []struct {
		find string // the first occurrence of this text; the offset is its first byte
		ptr  string
	}{
		{`{`, ""},
		{`"T"`, "/info/title"},
		{`"title"`, "/info/title"},
		{`, "version"`, "/info"},
		{`, {"name": "q"`, "/paths/~1items~1{id}/get/parameters"},
		{`"c/d"`, "/a~0b/2/c~1d"},
		{`2, 3`, "/a~0b/1/0"},
		{`, 3`, "/a~0b/1"},
		{`null`, "/"},
	} {
		off := strings.Index(nestedDoc, c.find)
		if got, ok := doc.PointerAt(off); !ok || got != c.ptr {
			t.Errorf("PointerAt(%q) = %q, %v; want %q", c.find, got, ok, c.ptr)
		}
	}
	if _, ok := doc.PointerAt(len(nestedDoc)); ok {
		t.Error("PointerAt past the root: want no pointer")
	}
	if _, ok := Parse([]byte(`{"a": [1,,]}`)).PointerAt(8); ok {
		t.Error("PointerAt in a file that is not JSON: want no pointer")
	}
}

// FuzzJoin: Join builds what escaping each token on its own and concatenating builds, and
// EscapeToken escapes as RFC 6901 says (the replacer here is the oracle).
func FuzzJoin(f *testing.F) {
	oracle := strings.NewReplacer("~", "~0", "/", "~1")
	f.Add("/paths", "/items/{id}", "a~b")
	f.Add("", "", "~/~1")
	f.Fuzz(func(t *testing.T, ptr, a, b string) {
		if got, want := EscapeToken(a), oracle.Replace(a); got != want {
			t.Errorf("EscapeToken(%q) = %q, want %q", a, got, want)
		}
		want := ptr + "/" + oracle.Replace(a) + "/" + oracle.Replace(b)
		if got := Join(ptr, a, b); got != want {
			t.Errorf("Join(%q, %q, %q) = %q, want %q", ptr, a, b, got, want)
		}
	})
}
