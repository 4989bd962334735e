package jsonpos

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var kindNames = map[ProblemKind]string{
	SyntaxError:      "SyntaxError",
	TrailingComma:    "TrailingComma",
	Comment:          "Comment",
	ControlCharacter: "ControlCharacter",
	NonFiniteNumber:  "NonFiniteNumber",
	DuplicateKey:     "DuplicateKey",
	ByteOrderMark:    "ByteOrderMark",
	InvalidUTF8:      "InvalidUTF8",

	NonASCIIWhitespace: "NonASCIIWhitespace",
}

// describe formats a problem with its line:col range, e.g. "TrailingComma 2:9-2:10", and for a
// duplicate key also its first occurrence, SameValue and pointer.
func describe(d *Document, p Problem) string {
	s := fmt.Sprintf("%s %s", kindNames[p.Kind], sp(d.Span(p.Start, p.End)))
	if p.Kind == DuplicateKey {
		s += fmt.Sprintf(" first=%s same=%v ptr=%s", sp(d.Span(p.FirstStart, p.FirstEnd)), p.SameValue, p.Pointer)
	}
	return s
}

func describeAll(d *Document) []string {
	out := []string{}
	for _, p := range d.Problems {
		out = append(out, describe(d, p))
	}
	return out
}

type problemCase struct {
	name   string
	in     string
	root   bool     // whether the document must still have a tree
	want   []string // every problem, in order
	detail string   // a substring of the SyntaxError's Detail, when set
	check  func(t *testing.T, d *Document)
}

func runProblemCases(t *testing.T, cases []problemCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(tc.in)
			orig := bytes.Clone(data)
			d := Parse(data)
			if !bytes.Equal(data, orig) {
				t.Fatalf("Parse modified its input")
			}
			if got := describeAll(d); !slices.Equal(got, tc.want) {
				t.Errorf("problems:\n  got  %q\n  want %q", got, tc.want)
			}
			if (d.Root != nil) != tc.root {
				t.Errorf("Root = %v, want a root: %v", d.Root, tc.root)
			}
			if tc.detail != "" {
				found := false
				for _, p := range d.Problems {
					if p.Kind == SyntaxError {
						found = true
						if !strings.Contains(p.Detail, tc.detail) {
							t.Errorf("Detail = %q, want it to contain %q", p.Detail, tc.detail)
						}
					}
				}
				if !found {
					t.Errorf("no SyntaxError")
				}
			}
			for _, p := range d.Problems {
				if p.Kind == SyntaxError && p.Detail == "" {
					t.Errorf("SyntaxError without Detail")
				}
			}
			checkDocument(t, data, d)
			if tc.check != nil && !t.Failed() {
				tc.check(t, d)
			}
		})
	}
}

// lookup is a test shorthand: the node at ptr, which must exist.
func lookup(t *testing.T, d *Document, ptr string) *Node {
	t.Helper()
	n, _ := d.Lookup(ptr)
	if n == nil {
		t.Fatalf("Lookup(%q) = nil", ptr)
	}
	return n
}

func wantRaw(t *testing.T, d *Document, ptr, raw string) {
	t.Helper()
	n := lookup(t, d, ptr)
	if got := string(d.Data[n.Start:n.End]); got != raw {
		t.Errorf("Lookup(%q) covers %q, want %q", ptr, got, raw)
	}
}

func wantSpan(t *testing.T, d *Document, ptr, span string) {
	t.Helper()
	if got := sp(d.ValueSpan(lookup(t, d, ptr))); got != span {
		t.Errorf("Lookup(%q) at %s, want %s", ptr, got, span)
	}
}

func TestTrailingCommas(t *testing.T) {
	runProblemCases(t, []problemCase{
		{name: "object", in: "{\n  \"a\": 1,\n}", root: true,
			want: []string{"TrailingComma 2:9-2:10"},
			check: func(t *testing.T, d *Document) {
				wantSpan(t, d, "/a", "2:8-2:9")
				wantSpan(t, d, "", "1:1-3:2")
			}},
		{name: "array", in: "[1, 2, ]", root: true,
			want: []string{"TrailingComma 1:6-1:7"},
			check: func(t *testing.T, d *Document) {
				if len(d.Root.Items) != 2 {
					t.Errorf("%d items", len(d.Root.Items))
				}
				wantSpan(t, d, "", "1:1-1:9")
			}},
		{name: "nested", in: `{"a": [1,], "b": {"c": 2,},}`, root: true,
			want: []string{"TrailingComma 1:9-1:10", "TrailingComma 1:25-1:26", "TrailingComma 1:27-1:28"},
			check: func(t *testing.T, d *Document) {
				wantRaw(t, d, "/a", "[1,]")
				wantRaw(t, d, "/b", `{"c": 2,}`)
				wantSpan(t, d, "/b/c", "1:24-1:25")
			}},
		{name: "followed by comments", in: "{\"a\": [1, 2, // last\n], \"b\": 3, /* end */}", root: true,
			want: []string{"TrailingComma 1:12-1:13", "Comment 1:14-1:21", "TrailingComma 2:10-2:11", "Comment 2:12-2:21"},
			check: func(t *testing.T, d *Document) {
				wantSpan(t, d, "/a", "1:7-2:2")
				wantSpan(t, d, "/b", "2:9-2:10")
			}},
		{name: "followed by a comment and CRLF", in: "[1, // x\r\n]", root: true,
			want: []string{"TrailingComma 1:3-1:4", "Comment 1:5-1:9"}},
		{name: "empty array with a comma", in: "[,]", root: true,
			want: []string{"TrailingComma 1:2-1:3"}},
		{name: "comma in a string is not trailing", in: `{"a": ",}", "b": [",]",],}`, root: true,
			want: []string{"TrailingComma 1:23-1:24", "TrailingComma 1:25-1:26"},
			check: func(t *testing.T, d *Document) {
				if s, _ := lookup(t, d, "/a").Str(); s != ",}" {
					t.Errorf("a = %q", s)
				}
				if s, _ := lookup(t, d, "/b/0").Str(); s != ",]" {
					t.Errorf("b/0 = %q", s)
				}
			}},
		{name: "double comma is not repaired", in: "[1,,]", root: false,
			want: []string{"TrailingComma 1:4-1:5", "SyntaxError 1:3-1:4"}}, // jsontext points at the comma before the missing value
		{name: "comma at end of file is not trailing", in: `{"a": 1,`, root: false,
			want: []string{"SyntaxError 1:9-1:9"}},
	})
}

func TestComments(t *testing.T) {
	runProblemCases(t, []problemCase{
		{name: "line comments", in: "// header\n{\"a\": 1} // tail", root: true,
			want: []string{"Comment 1:1-1:10", "Comment 2:10-2:17"},
			check: func(t *testing.T, d *Document) {
				wantSpan(t, d, "", "2:1-2:9")
				wantSpan(t, d, "/a", "2:7-2:8")
			}},
		{name: "line comment ends at CR", in: "[1, // x\r2]", root: true,
			want:  []string{"Comment 1:5-1:9"},
			check: func(t *testing.T, d *Document) { wantSpan(t, d, "/1", "2:1-2:2") }},
		{name: "block comment across lines keeps the line numbers", in: "{\n/* a\n   b */ \"k\": 1}", root: true,
			want: []string{"Comment 2:1-3:8"},
			check: func(t *testing.T, d *Document) {
				n, m := d.Lookup("/k")
				if got := sp(d.NameSpan(m)); got != "3:9-3:12" {
					t.Errorf("name at %s", got)
				}
				if got := sp(d.ValueSpan(n)); got != "3:14-3:15" {
					t.Errorf("value at %s", got)
				}
			}},
		{name: "block comment across CRLF lines", in: "{/*\r\n\r\n*/\"k\": 1}", root: true,
			want:  []string{"Comment 1:2-3:3"},
			check: func(t *testing.T, d *Document) { wantSpan(t, d, "/k", "3:8-3:9") }},
		{name: "block comment between name and value", in: `{"k" /* : */ : /* v */ "v"}`, root: true,
			want:  []string{"Comment 1:6-1:13", "Comment 1:16-1:23"},
			check: func(t *testing.T, d *Document) { wantRaw(t, d, "/k", `"v"`) }},
		{name: "unterminated block comment", in: `{"a":1} /* x`, root: true,
			want: []string{"Comment 1:9-1:13"}},
		{name: "comment markers inside strings are not comments", in: `{"url": "http://example.com/a//b", "x": 1,}`, root: true,
			want: []string{"TrailingComma 1:42-1:43"},
			check: func(t *testing.T, d *Document) {
				if s, _ := lookup(t, d, "/url").Str(); s != "http://example.com/a//b" {
					t.Errorf("url = %q", s)
				}
			}},
		{name: "block comment markers inside strings", in: `{"c": "/* not */", "d": [1,],}`, root: true,
			want: []string{"TrailingComma 1:27-1:28", "TrailingComma 1:29-1:30"},
			check: func(t *testing.T, d *Document) {
				if s, _ := lookup(t, d, "/c").Str(); s != "/* not */" {
					t.Errorf("c = %q", s)
				}
			}},
		{name: "escaped quote before a slash in a string", in: `["a\"//b", 1,]`, root: true,
			want: []string{"TrailingComma 1:13-1:14"},
			check: func(t *testing.T, d *Document) {
				if s, _ := lookup(t, d, "/0").Str(); s != `a"//b` {
					t.Errorf("0 = %q", s)
				}
			}},
		{name: "quote inside a comment", in: "{\"a\": 1, // it's \"quoted\n\"b\": 2,}", root: true,
			want:  []string{"Comment 1:10-1:25", "TrailingComma 2:7-2:8"},
			check: func(t *testing.T, d *Document) { wantSpan(t, d, "/b", "2:6-2:7") }},
		{name: "a strict file with // in strings has no problems", in: `{"u": "a//b/*c*/"}`, root: true,
			want: []string{}},
		{name: "comment only", in: "// nothing\n", root: false,
			want: []string{"Comment 1:1-1:11", "SyntaxError 1:1-1:2"}, detail: "empty"},
		{name: "lone slash", in: `{"a": 1 / 2}`, root: false,
			want: []string{"SyntaxError 1:9-1:10"}},
	})
}

func TestControlCharacters(t *testing.T) {
	runProblemCases(t, []problemCase{
		{name: "raw tab in a string", in: "{\"a\": \"x\ty\"}", root: true,
			want: []string{"ControlCharacter 1:9-1:10"},
			check: func(t *testing.T, d *Document) {
				wantRaw(t, d, "/a", "\"x\ty\"")
				wantSpan(t, d, "/a", "1:7-1:12")
			}},
		{name: "raw tabs on a CRLF line 2", in: "{\r\n\t\"d\": \"a\t\tb\"\r\n}", root: true,
			want:  []string{"ControlCharacter 2:9-2:10", "ControlCharacter 2:10-2:11"},
			check: func(t *testing.T, d *Document) { wantSpan(t, d, "/d", "2:7-2:13") }},
		{name: "raw control byte in a key", in: "{\"k\x01\": 1}", root: true,
			want: []string{"ControlCharacter 1:4-1:5"},
			check: func(t *testing.T, d *Document) {
				m := &d.Root.Members[0]
				if got := sp(d.NameSpan(m)); got != "1:2-1:6" {
					t.Errorf("name at %s", got)
				}
			}},
		{name: "escaped tab is fine", in: `{"a": "x\ty"}`, root: true, want: []string{}},
		{name: "raw line break in a string stays an error", in: "{\"a\": \"x\ny\"}", root: false,
			want: []string{"SyntaxError 1:9-2:1"}, detail: "string"},
	})
}

func TestNonASCIIWhitespace(t *testing.T) {
	runProblemCases(t, []problemCase{
		{name: "em space before a key", in: "{\u2003\"a\": 1}", root: true,
			want:  []string{"NonASCIIWhitespace 1:2-1:3"},
			check: func(t *testing.T, d *Document) { wantSpan(t, d, "/a", "1:8-1:9") }},
		{name: "no-break spaces around a space are one run", in: "{\"a\":\u00a0 \u00a01}", root: true,
			want: []string{"NonASCIIWhitespace 1:6-1:9"}},
		{name: "with a trailing comma", in: "[1,\u3000]", root: true,
			want: []string{"TrailingComma 1:3-1:4", "NonASCIIWhitespace 1:4-1:5"}},
		{name: "inside a string is text", in: "{\"a\": \"x\u2003y\"}", root: true, want: []string{}},
		{name: "other non-ASCII between tokens stays an error", in: "{\"a\": 1\u00e9}", root: false,
			want: []string{"SyntaxError 1:8-1:9"}},
	})
}

func TestNonFiniteNumbers(t *testing.T) {
	runProblemCases(t, []problemCase{
		{name: "all three", in: "[NaN, Infinity, -Infinity, 1]", root: true,
			want: []string{"NonFiniteNumber 1:2-1:5", "NonFiniteNumber 1:7-1:15", "NonFiniteNumber 1:17-1:26"},
			check: func(t *testing.T, d *Document) {
				for i, lit := range []string{"NaN", "Infinity", "-Infinity", "1"} {
					n := d.Root.Items[i]
					if n.Kind != Number || n.Text != lit || string(d.Data[n.Start:n.End]) != lit {
						t.Errorf("item %d = %v %q covering %q, want the number %s", i, n.Kind, n.Text, d.Data[n.Start:n.End], lit)
					}
				}
			}},
		{name: "as a member value", in: "{\"a\": NaN,\n \"b\":Infinity}", root: true,
			want: []string{"NonFiniteNumber 1:7-1:10", "NonFiniteNumber 2:6-2:14"},
			check: func(t *testing.T, d *Document) {
				wantSpan(t, d, "/a", "1:7-1:10")
				wantRaw(t, d, "/b", "Infinity")
			}},
		{name: "top level", in: " -Infinity ", root: true,
			want: []string{"NonFiniteNumber 1:2-1:11"}},
		{name: "strings are not numbers", in: `["NaN", "Infinity",]`, root: true,
			want: []string{"TrailingComma 1:19-1:20"},
			check: func(t *testing.T, d *Document) {
				if s, _ := d.Root.Items[0].Str(); s != "NaN" {
					t.Errorf("item 0 = %q", s)
				}
			}},
		{name: "glued to a number", in: "[1NaN]", root: false, want: []string{"SyntaxError 1:3-1:4"}},
		{name: "followed by a digit", in: "[NaN0]", root: false, want: []string{"SyntaxError 1:2-1:3"}},
		{name: "followed by a letter", in: "[Infinityx]", root: false, want: []string{"SyntaxError 1:2-1:3"}},
		{name: "Infinity followed by a digit", in: "[Infinity1]", root: false, want: []string{"SyntaxError 1:2-1:3"}},
		{name: "signed NaN", in: "[-NaN]", root: false, want: []string{"SyntaxError 1:3-1:4"}},
		{name: "plus Infinity", in: "[+Infinity]", root: false, want: []string{"SyntaxError 1:2-1:3"}},
		{name: "lower case", in: "[nan]", root: false, want: []string{"SyntaxError 1:3-1:4"}},
	})
}

func TestDuplicateKeys(t *testing.T) {
	runProblemCases(t, []problemCase{
		{name: "differing values", in: `{"a": 1, "b": 2, "a": 3}`, root: true,
			want: []string{"DuplicateKey 1:18-1:21 first=1:2-1:5 same=false ptr=/a"},
			check: func(t *testing.T, d *Document) {
				n, m := d.Lookup("/a")
				if n.Text != "3" || m.NameStart != 17 || d.Root.Get("a") != n {
					t.Errorf("last wins: got %q at %d", n.Text, m.NameStart)
				}
			}},
		{name: "same value with white space", in: `{"a": 1, "a":  1 }`, root: true,
			want: []string{"DuplicateKey 1:10-1:13 first=1:2-1:5 same=true ptr=/a"}},
		{name: "equal objects formatted differently", in: "{\"o\": {\"x\": [1, 2], \"y\": null},\n \"o\": {\"x\":[1,2],\"y\":null}}", root: true,
			want: []string{"DuplicateKey 2:2-2:5 first=1:2-1:5 same=true ptr=/o"}},
		{name: "equal values across CRLF", in: "{\"o\": [\r\n1\r\n], \"o\": [1]}", root: true,
			want: []string{"DuplicateKey 3:4-3:7 first=1:2-1:5 same=true ptr=/o"}},
		{name: "same string escaped differently", in: `{"s": "é", "s": "\u00e9"}`, root: true,
			want: []string{"DuplicateKey 1:12-1:15 first=1:2-1:5 same=true ptr=/s"}},
		{name: "differing objects", in: `{"o": {"x": 1}, "o": {"x": 2}}`, root: true,
			want: []string{"DuplicateKey 1:17-1:20 first=1:2-1:5 same=false ptr=/o"}},
		{name: "objects with members in another order", in: `{"o": {"x": 1, "y": 2}, "o": {"y": 2, "x": 1}}`, root: true,
			want: []string{"DuplicateKey 1:25-1:28 first=1:2-1:5 same=false ptr=/o"}},
		{name: "number and string", in: `{"v": 1, "v": "1"}`, root: true,
			want: []string{"DuplicateKey 1:10-1:13 first=1:2-1:5 same=false ptr=/v"}},
		{name: "two operationIds", in: `{"paths": {"/x": {"get": {"operationId": "A", "operationId": "B"}}}}`, root: true,
			want: []string{"DuplicateKey 1:47-1:60 first=1:27-1:40 same=false ptr=/paths/~1x/get/operationId"},
			check: func(t *testing.T, d *Document) {
				if s, _ := lookup(t, d, "/paths/~1x/get/operationId").Str(); s != "B" {
					t.Errorf("operationId = %q, want the last one", s)
				}
			}},
		{name: "inside an array", in: `[{"a":1}, {"a":1,"a":2}]`, root: true,
			want: []string{"DuplicateKey 1:18-1:21 first=1:12-1:15 same=false ptr=/1/a"}},
		{name: "three times", in: `{"k":1,"k":2,"k":1}`, root: true,
			want: []string{
				"DuplicateKey 1:8-1:11 first=1:2-1:5 same=false ptr=/k",
				"DuplicateKey 1:14-1:17 first=1:2-1:5 same=true ptr=/k", // compared with the first
			},
			check: func(t *testing.T, d *Document) { wantRaw(t, d, "/k", "1"); wantSpan(t, d, "/k", "1:18-1:19") }},
		{name: "escaped key", in: `{"a/b~": 1, "a/b~": 1}`, root: true,
			want: []string{"DuplicateKey 1:13-1:19 first=1:2-1:8 same=true ptr=/a~1b~0"}},
		{name: "same name written with an escape", in: `{"a": 1, "\u0061": 1}`, root: true,
			want: []string{"DuplicateKey 1:10-1:18 first=1:2-1:5 same=true ptr=/a"}},
		{name: "case differs: not a duplicate", in: `{"a": 1, "A": 1}`, root: true, want: []string{}},
		{name: "same name in sibling objects: not a duplicate", in: `{"x": {"a": 1}, "y": {"a": 1}}`, root: true, want: []string{}},
		{name: "inside a shadowed duplicate", in: `{"o": {"x": 1, "x": 2}, "o": {}}`, root: true,
			want: []string{
				"DuplicateKey 1:16-1:19 first=1:8-1:11 same=false ptr=/o/x",
				"DuplicateKey 1:25-1:28 first=1:2-1:5 same=false ptr=/o",
			},
			check: func(t *testing.T, d *Document) {
				if n, _ := d.Lookup("/o/x"); n != nil {
					t.Errorf("/o/x resolved into the shadowed object")
				}
			}},
		{name: "after a repair", in: `{"a": 1, "a": 1,}`, root: true,
			want: []string{"TrailingComma 1:16-1:17", "DuplicateKey 1:10-1:13 first=1:2-1:5 same=true ptr=/a"}},
		{name: "values equal once the comment is removed", in: `{"a": [1, /*x*/ 2], "a": [1,2]}`, root: true,
			want: []string{"Comment 1:11-1:16", "DuplicateKey 1:21-1:24 first=1:2-1:5 same=true ptr=/a"}},
		{name: "in a file that does not parse: not reported", in: `{"a": 1, "a": 2`, root: false,
			want: []string{"SyntaxError 1:16-1:16"}},
	})
}

// TestDuplicateKeysLargeObject exercises the map the builder switches to after 16 members.
func TestDuplicateKeysLargeObject(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(`{"a": 0, "a": 1`) // a duplicate found by the scan
	for i := range 18 {
		fmt.Fprintf(&sb, `, "k%02d": %d`, i, i)
	}
	sb.WriteString(`, "k05": 5, "k17": 0, "a": 0, "k05": 6, "a":{}}`)
	data := sb.String()
	d := Parse([]byte(data))
	defer func() { checkDocument(t, d.Data, d) }()
	// The file is one line of ASCII, so a column is the byte offset plus one.
	at := func(start, end int) string { return fmt.Sprintf("1:%d-1:%d", start+1, end+1) }
	nth := func(s string, n int) int { // byte offset of the n-th (0-based) occurrence of s
		off := -1
		for range n + 1 {
			i := strings.Index(data[off+1:], s)
			if i < 0 {
				t.Fatalf("%q occurs fewer than %d times", s, n+1)
			}
			off += 1 + i
		}
		return off
	}
	dup := func(name string, n int, same bool) string {
		q := `"` + name + `"`
		first, this := nth(q, 0), nth(q, n)
		return fmt.Sprintf("DuplicateKey %s first=%s same=%v ptr=/%s", at(this, this+len(q)), at(first, first+len(q)), same, name)
	}
	want := []string{
		dup("a", 1, false),
		dup("k05", 1, true),
		dup("k17", 1, false),
		dup("a", 2, true),
		dup("k05", 2, false),
		dup("a", 3, false),
	}
	if got := describeAll(d); !slices.Equal(got, want) {
		t.Errorf("problems:\n  got  %q\n  want %q", got, want)
	}
	if len(d.Root.Members) != 25 {
		t.Errorf("%d members, want all 25 kept", len(d.Root.Members))
	}
	if n := d.Root.Get("k05"); n.Text != "6" {
		t.Errorf("k05 = %q, want the last", n.Text)
	}
	if n := d.Root.Get("a"); n.Kind != Object {
		t.Errorf("a = %v, want the last", n.Kind)
	}
}

// TestDuplicateKeysModel compares the reported duplicates with a brute-force model, for objects of
// every size around the 16-member switch.
func TestDuplicateKeysModel(t *testing.T) {
	names := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s"}
	for size := 0; size <= 40; size++ {
		for seed := 0; seed < 5; seed++ {
			var parts []string
			for i := range size {
				name := names[(i*(seed+3)+seed*i*i)%(len(names)-seed*3)]
				parts = append(parts, fmt.Sprintf(`"%s": %d`, name, (i*seed)%3))
			}
			data := []byte("{" + strings.Join(parts, ", ") + "}")
			d := Parse(data)
			var want []Problem
			ms := d.Root.Members
			for j := range ms {
				for i := 0; i < j; i++ {
					if ms[i].Name == ms[j].Name {
						want = append(want, Problem{
							Kind: DuplicateKey, Start: ms[j].NameStart, End: ms[j].NameEnd,
							Pointer:    "/" + ms[j].Name,
							FirstStart: ms[i].NameStart, FirstEnd: ms[i].NameEnd,
							SameValue: d.Root.Members[i].Value.Text == ms[j].Value.Text,
						})
						break
					}
				}
			}
			if !slices.Equal(d.Problems, want) {
				t.Fatalf("%s:\n  got  %+v\n  want %+v", data, d.Problems, want)
			}
		}
	}
}

func TestByteOrderMark(t *testing.T) {
	runProblemCases(t, []problemCase{
		{name: "alone before an object", in: "\xEF\xBB\xBF{}", root: true,
			want: []string{"ByteOrderMark 1:1-1:1"}},
		{name: "with a trailing comma", in: "\xEF\xBB\xBF[1,]", root: true,
			want: []string{"ByteOrderMark 1:1-1:1", "TrailingComma 1:3-1:4"}},
		{name: "with a syntax error", in: "\xEF\xBB\xBF{\"a\" 1}", root: false,
			want: []string{"ByteOrderMark 1:1-1:1", "SyntaxError 1:6-1:7"}},
		{name: "the whole file", in: "\xEF\xBB\xBF", root: false,
			want: []string{"ByteOrderMark 1:1-1:1", "SyntaxError 1:1-1:1"}, detail: "empty"},
		{name: "twice", in: "\xEF\xBB\xBF\xEF\xBB\xBF{}", root: false,
			want: []string{"ByteOrderMark 1:1-1:1", "SyntaxError 1:1-1:2"}},
		{name: "U+FEFF later is not a BOM", in: "{\"a\": \"\xEF\xBB\xBF\"}", root: true,
			want: []string{}},
	})
}

func TestInvalidUTF8(t *testing.T) {
	runProblemCases(t, []problemCase{
		{name: "Latin-1 in a value", in: "{\"name\": \"Br\xf8nn\xf8ysund\", \"x\": 1}", root: true,
			want: []string{"InvalidUTF8 1:13-1:14"},
			check: func(t *testing.T, d *Document) {
				if s, _ := lookup(t, d, "/name").Str(); s != "Br\uFFFDnn\uFFFDysund" {
					t.Errorf("name = %q", s)
				}
				n, m := d.Lookup("/x")
				if got := sp(d.NameSpan(m)); got != "1:25-1:28" {
					t.Errorf("x name at %s", got)
				}
				if got := sp(d.ValueSpan(n)); got != "1:30-1:31" {
					t.Errorf("x value at %s", got)
				}
			}},
		{name: "Latin-1 in a key", in: "{\"k\xe9\": 1}", root: true,
			want:  []string{"InvalidUTF8 1:4-1:5"},
			check: func(t *testing.T, d *Document) { wantRaw(t, d, "/k\uFFFD", "1") }},
		{name: "on line 2 of a CRLF file", in: "{\r\n\"a\": \"\xe9t\xe9\"}", root: true,
			want: []string{"InvalidUTF8 2:7-2:8"}},
		{name: "after valid multi-byte text", in: "[\"日本\", \"\x80\"]", root: true,
			want: []string{"InvalidUTF8 1:9-1:10"}},
		{name: "outside a string", in: "[1]\xff", root: false,
			want: []string{"InvalidUTF8 1:4-1:5", "SyntaxError 1:4-1:5"}},
		{name: "with a BOM", in: "\xEF\xBB\xBF[\"\xe9\"]", root: true,
			want: []string{"ByteOrderMark 1:1-1:1", "InvalidUTF8 1:3-1:4"}},
		{name: "with a repair", in: "[\"\xe9\",]", root: true,
			want: []string{"InvalidUTF8 1:3-1:4", "TrailingComma 1:5-1:6"}},
	})
}

func TestSyntaxErrors(t *testing.T) {
	runProblemCases(t, []problemCase{
		{name: "missing comma between members", in: "{\n  \"a\": 1\n  \"b\": 2\n}", root: false,
			want: []string{"SyntaxError 3:3-3:4"}, detail: "','"},
		{name: "missing comma between CRLF members", in: "{\r\n  \"a\": \"x\"\r\n  \"b\": 2\r\n}", root: false,
			want: []string{"SyntaxError 3:3-3:4"}, detail: "','"},
		{name: "missing comma in an array", in: "[1 2]", root: false,
			want: []string{"SyntaxError 1:4-1:5"}},
		{name: "missing colon", in: `{"a" 1}`, root: false,
			want: []string{"SyntaxError 1:6-1:7"}, detail: "':'"},
		{name: "missing value", in: `{"a": }`, root: false,
			want: []string{"SyntaxError 1:7-1:8"}},
		{name: "non-ASCII character", in: `{"a": é}`, root: false,
			want: []string{"SyntaxError 1:7-1:8"}}, // the range ends inside é, so it covers all of it
		{name: "single quotes", in: `{'a': 1}`, root: false,
			want: []string{"SyntaxError 1:2-1:3"}},
		{name: "unquoted key", in: `{a: 1}`, root: false,
			want: []string{"SyntaxError 1:2-1:3"}},
		{name: "non-string key", in: `{1: 1}`, root: false,
			want: []string{"SyntaxError 1:2-1:3"}},
		{name: "leading zero", in: `{"a": 01}`, root: false,
			want: []string{"SyntaxError 1:8-1:9"}},
		{name: "broken literal", in: `[tru e]`, root: false,
			want: []string{"SyntaxError 1:5-1:6"}, detail: "literal"},
		{name: "unterminated string at end of file", in: `{"a": "abc`, root: false,
			want: []string{"SyntaxError 1:11-1:11"}, detail: "end of file"},
		{name: "unterminated string at end of line", in: "{\"a\": \"abc\n}", root: false,
			want: []string{"SyntaxError 1:11-2:1"}},
		{name: "unterminated string at a CRLF", in: "{\"a\": \"abc\r\n}", root: false,
			want: []string{"SyntaxError 1:11-1:12"}},
		{name: "unclosed object", in: "{\"a\": 1,\n  \"b\": [1, 2]\n", root: false,
			want: []string{"SyntaxError 3:1-3:1"}, detail: "end of file"},
		{name: "unclosed array", in: "[1, [2", root: false,
			want: []string{"SyntaxError 1:7-1:7"}, detail: "end of file"},
		{name: "unclosed with a repair", in: "[1,]\n[", root: false,
			want: []string{"TrailingComma 1:3-1:4", "SyntaxError 2:1-2:2"}},
		{name: "empty file", in: "", root: false,
			want: []string{"SyntaxError 1:1-1:1"}, detail: "empty"},
		{name: "white space only", in: " \r\n\t\n", root: false,
			want: []string{"SyntaxError 1:1-1:2"}, detail: "empty"},
		{name: "extra object", in: "{\"a\": 1}\n{\"b\": 2}", root: false,
			want: []string{"SyntaxError 2:1-2:2"}, detail: "after the top-level value"},
		{name: "extra object without space", in: `{}{}`, root: false,
			want: []string{"SyntaxError 1:3-1:4"}, detail: "after the top-level value"},
		{name: "extra number", in: "1 2", root: false,
			want: []string{"SyntaxError 1:3-1:4"}, detail: "after the top-level value"},
		{name: "extra word", in: `{"a":1} x`, root: false,
			want: []string{"SyntaxError 1:9-1:10"}},
		{name: "extra bracket", in: "[1]]", root: false,
			want: []string{"SyntaxError 1:4-1:5"}},
		{name: "extra comma", in: "{} ,", root: false,
			want: []string{"SyntaxError 1:4-1:5"}},
		{name: "trailing comma and a missing comma", in: "{\n  \"a\": [1, 2,],\n  \"b\": 1\n  \"c\": 2\n}", root: false,
			want: []string{"TrailingComma 2:13-2:14", "SyntaxError 4:3-4:4"}, detail: "','"},
		{name: "comment and extra data", in: "{} // c\n{}", root: false,
			want: []string{"Comment 1:4-1:8", "SyntaxError 2:1-2:2"}},
		{name: "close without open", in: "}", root: false,
			want: []string{"SyntaxError 1:1-1:2"}},
		{name: "mismatched brackets", in: "[1}", root: false,
			want: []string{"SyntaxError 1:3-1:4"}},
	})
}

func TestDeepNesting(t *testing.T) {
	ok := strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth)
	d := Parse([]byte(ok))
	if d.Root == nil || len(d.Problems) != 0 {
		t.Fatalf("%d levels: %v", MaxDepth, describeAll(d))
	}
	tooDeep := strings.Repeat(`{"a":[`, 10000) + strings.Repeat("]}", 10000)
	d = Parse([]byte(tooDeep))
	defer func() { checkDocument(t, d.Data, d) }()
	if d.Root != nil || len(d.Problems) != 1 || d.Problems[0].Kind != SyntaxError {
		t.Fatalf("20000 levels: root %v, problems %v", d.Root != nil, describeAll(d))
	}
}

// TestRepairsKeepOriginalOffsets parses a file with every lenient construct at once and checks that
// the tree still points at the original bytes.
func TestRepairsKeepOriginalOffsets(t *testing.T) {
	data := "\xEF\xBB\xBF// Connector definition\r\n" +
		"{\r\n" +
		"  \"swagger\": \"2.0\", /* version */\r\n" +
		"  \"info\": {\"title\": \"Br\xf8nn\xf8ysund\tAPI\", \"x-ratio\": NaN,},\r\n" +
		"  \"paths\": {\r\n" +
		"    \"/items/{id}\": {\"get\": {\"operationId\": \"A\", \"operationId\": \"B\",},},\r\n" +
		"  },\r\n" +
		"  \"list\": [1, -Infinity, \"a//b\", ],\r\n" +
		"}\r\n"
	runProblemCases(t, []problemCase{{
		name: "everything", in: data, root: true,
		want: []string{
			"ByteOrderMark 1:1-1:1",
			"InvalidUTF8 4:24-4:25",
			"Comment 1:1-1:24",
			"Comment 3:21-3:34",
			"ControlCharacter 4:33-4:34",
			"NonFiniteNumber 4:51-4:54",
			"TrailingComma 4:54-4:55",
			"TrailingComma 6:67-6:68",
			"TrailingComma 6:69-6:70",
			"TrailingComma 6:71-6:72",
			"NonFiniteNumber 8:15-8:24",
			"TrailingComma 8:32-8:33",
			"TrailingComma 8:35-8:36",
			"DuplicateKey 6:49-6:62 first=6:29-6:42 same=false ptr=/paths/~1items~1{id}/get/operationId",
		},
		check: func(t *testing.T, d *Document) {
			wantSpan(t, d, "", "2:1-9:2")
			wantRaw(t, d, "/swagger", `"2.0"`)
			wantSpan(t, d, "/swagger", "3:14-3:19")
			wantRaw(t, d, "/info/title", "\"Br\xf8nn\xf8ysund\tAPI\"")
			wantRaw(t, d, "/info/x-ratio", "NaN")
			wantSpan(t, d, "/info/x-ratio", "4:51-4:54")
			wantRaw(t, d, "/info", "{\"title\": \"Br\xf8nn\xf8ysund\tAPI\", \"x-ratio\": NaN,}")
			wantRaw(t, d, "/paths/~1items~1{id}/get/operationId", `"B"`)
			wantSpan(t, d, "/paths/~1items~1{id}/get/operationId", "6:64-6:67")
			wantRaw(t, d, "/list", `[1, -Infinity, "a//b", ]`)
			wantRaw(t, d, "/list/1", "-Infinity")
			wantSpan(t, d, "/list/1", "8:15-8:24")
			wantRaw(t, d, "/list/2", `"a//b"`)
			if n := lookup(t, d, "/list/1"); n.Text != "-Infinity" {
				t.Errorf("list/1 text %q", n.Text)
			}
		},
	}})
}

func TestMemberLastWins(t *testing.T) {
	d := Parse([]byte(`{"Name": 1, "name": 2, "name": 3, "NAME": 4, "x": {"name": 5}}`))
	root := d.Root
	if m := root.Member("name"); m == nil || m.Value.Text != "3" || m.NameStart != 23 {
		t.Errorf("Member(name) = %+v, want the second name", m)
	}
	if n := root.Get("name"); n == nil || n.Text != "3" {
		t.Errorf("Get(name) = %+v", n)
	}
	if n := root.Get("Name"); n == nil || n.Text != "1" {
		t.Errorf("Get(Name) = %+v", n)
	}
	if m := root.MemberFold("nAmE"); m == nil || m.Name != "NAME" || m.Value.Text != "4" {
		t.Errorf("MemberFold(nAmE) = %+v, want the last of any case", m)
	}
	if m := root.MemberFold("X"); m == nil || m.Value.Kind != Object {
		t.Errorf("MemberFold(X) = %+v", m)
	}
	if n := root.Get("x").Get("name"); n == nil || n.Text != "5" {
		t.Errorf("x.name = %+v", n)
	}
	if root.Get("missing") != nil || root.Member("missing") != nil || root.MemberFold("missing") != nil {
		t.Errorf("missing member found")
	}
	if n, m := d.Lookup("/name"); n != root.Get("name") || m != root.Member("name") {
		t.Errorf("Lookup(/name) disagrees with Member")
	}
	if len(root.Members) != 5 {
		t.Errorf("%d members, want every duplicate kept", len(root.Members))
	}
	// Every accessor is safe on nil and on non-objects.
	var nilNode *Node
	arr := Parse([]byte(`["name"]`)).Root
	for _, n := range []*Node{nilNode, arr, arr.Items[0]} {
		if n.Member("name") != nil || n.Get("name") != nil || n.MemberFold("name") != nil {
			t.Errorf("accessor on %v found a member", n)
		}
	}
	if nilNode.Get("a").Get("b") != nil {
		t.Errorf("chained Get on nil")
	}
}

func TestNodeHelpers(t *testing.T) {
	d := Parse([]byte(`{"s": "x", "n": -1.5e+3, "t": true, "f": false, "z": null, "a": [], "o": {}}`))
	for _, tt := range []struct {
		ptr  string
		kind Kind
		name string
		text string
	}{
		{"/s", String, "string", "x"},
		{"/n", Number, "number", "-1.5e+3"},
		{"/t", Bool, "boolean", "true"},
		{"/f", Bool, "boolean", "false"},
		{"/z", Null, "null", ""},
		{"/a", Array, "array", ""},
		{"/o", Object, "object", ""},
	} {
		n := lookup(t, d, tt.ptr)
		if n.Kind != tt.kind || n.Kind.String() != tt.name || n.Text != tt.text || !n.Is(tt.kind) {
			t.Errorf("%s: %v %q %q", tt.ptr, n.Kind, n.Kind.String(), n.Text)
		}
		s, ok := n.Str()
		if ok != (tt.kind == String) || (ok && s != tt.text) {
			t.Errorf("%s: Str() = %q, %v", tt.ptr, s, ok)
		}
	}
	if Kind(0).String() != "invalid" || Kind(99).String() != "invalid" {
		t.Errorf("invalid kinds")
	}
	var nilNode *Node
	if nilNode.Is(Null) {
		t.Errorf("nil Is(Null)")
	}
	if s, ok := nilNode.Str(); ok || s != "" {
		t.Errorf("nil Str() = %q, %v", s, ok)
	}
	if got := sp(d.Span(1, 4)); got != "1:2-1:5" {
		t.Errorf("Span = %s", got)
	}
}

func TestMaxDepth(t *testing.T) {
	nest := func(n int) []byte {
		return []byte(strings.Repeat(`{"a":[`, n/2) + strings.Repeat(`]}`, n/2))
	}
	if d := Parse(nest(MaxDepth)); d.Root == nil || len(d.Problems) > 0 {
		t.Fatalf("%d levels: root %v, problems %+v", MaxDepth, d.Root != nil, d.Problems)
	}
	d := Parse(nest(MaxDepth + 2))
	if d.Root != nil || len(d.Problems) != 1 || d.Problems[0].Detail != ErrTooDeep.Error() {
		t.Fatalf("%d levels: root %v, problems %+v", MaxDepth+2, d.Root != nil, d.Problems)
	}
	if p := d.Problems[0]; p.Start != 6*(MaxDepth/2) { // the opening { of level MaxDepth+1
		t.Errorf("problem at byte %d, want %d", p.Start, 6*(MaxDepth/2))
	}
}

// TestTooManyValues is the 32 MB array of zeros: past MaxValues the file is a syntax error at
// the first value over the limit, not 1.6 GB of tree.
func TestTooManyValues(t *testing.T) {
	data := []byte(`{"a":[` + strings.Repeat("0,", MaxValues) + `0]}`)
	doc := Parse(data)
	if doc.Root != nil || len(doc.Problems) != 1 || doc.Problems[0].Kind != SyntaxError || doc.Problems[0].Detail != ErrTooManyValues.Error() {
		t.Fatalf("root %v, problems %+v", doc.Root != nil, doc.Problems)
	}
	if want := len(`{"a":[`) + 2*(MaxValues-2); doc.Problems[0].Start != want {
		t.Errorf("at byte %d, want %d", doc.Problems[0].Start, want)
	}
	ok := []byte(`[` + strings.Repeat("0,", MaxValues-2) + `0]`)
	if doc := Parse(ok); doc.Root == nil || len(doc.Root.Items) != MaxValues-1 {
		t.Errorf("%d values should parse", MaxValues)
	}
}

// TestBigObjectChunks: an object of more members than the shared stack holds keeps every
// member in order, and a duplicate finds its first occurrence across the chunks.
func TestBigObjectChunks(t *testing.T) {
	const n = 3*memberChunk + 7
	var sb strings.Builder
	sb.WriteString("{")
	for i := range n {
		fmt.Fprintf(&sb, `"k%d": %d, `, i, i)
	}
	sb.WriteString(`"k5": 5, "k4100": 1, "k9000": [1], "kz": {"a": 1, "a": 1}}`)
	doc := Parse([]byte(sb.String()))
	if doc.Root == nil {
		t.Fatal(doc.Problems)
	}
	ms := doc.Root.Members
	if len(ms) != n+4 {
		t.Fatalf("%d members, want %d", len(ms), n+4)
	}
	for i := range n {
		if want := fmt.Sprintf("k%d", i); ms[i].Name != want || ms[i].Value.Text != strconv.Itoa(i) {
			t.Fatalf("member %d = %s: %s, want %s", i, ms[i].Name, ms[i].Value.Text, want)
		}
	}
	want := map[string]bool{"/k5": true, "/k4100": false, "/k9000": false, "/kz/a": true}
	if len(doc.Problems) != len(want) {
		t.Fatalf("problems: %+v", doc.Problems)
	}
	for _, p := range doc.Problems {
		same, ok := want[p.Pointer]
		if !ok || p.Kind != DuplicateKey || p.SameValue != same {
			t.Errorf("unexpected %+v", p)
			continue
		}
		if first := string(doc.Data[p.FirstStart:p.FirstEnd]); first != `"`+p.Pointer[strings.LastIndex(p.Pointer, "/")+1:]+`"` {
			t.Errorf("%s: first occurrence at %q", p.Pointer, first)
		}
	}
}

// FuzzSameScalar: the shortcut for scalars agrees with sameJSON whenever it answers.
func FuzzSameScalar(f *testing.F) {
	for _, s := range [][2]string{{`1`, `1`}, {`1`, `1.0`}, {`"a"`, `"a"`}, {`"é"`, `"\u00e9"`}, {`true`, `"true"`}, {`null`, `{}`}, {`[1]`, `[ 1 ]`}, {"\"\xff\"", "\"\xfe\""}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		da, db := Parse([]byte(a)), Parse([]byte(b))
		if da.Root == nil || db.Root == nil || len(da.Problems) > 0 || len(db.Problems) > 0 {
			return
		}
		ra := []byte(a)[da.Root.Start:da.Root.End]
		rb := []byte(b)[db.Root.Start:db.Root.End]
		if same, ok := sameScalar(da.Root.Kind, db.Root.Kind, ra, rb); ok && same != sameJSON(ra, rb) {
			t.Errorf("sameScalar(%s, %s) = %v, sameJSON %v", ra, rb, same, !same)
		}
	})
}
