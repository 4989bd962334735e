package jsonpos

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
)

// checkDocument verifies the invariants every parse must keep, whatever the input.
func checkDocument(t testing.TB, data []byte, d *Document) {
	t.Helper()
	if d == nil || d.Lines == nil {
		t.Fatalf("Parse returned %v", d)
	}
	if len(d.Data) != len(data) || (len(data) > 0 && &d.Data[0] != &data[0]) {
		t.Fatalf("Document.Data is not the input")
	}
	in := func(start, end int) bool { return 0 <= start && start <= end && end <= len(data) }

	// Problems.
	syntax, repairs := 0, 0
	for i, p := range d.Problems {
		if !in(p.Start, p.End) {
			t.Fatalf("problem %d %+v: range outside [0, %d]", i, p, len(data))
		}
		d.Span(p.Start, p.End)
		switch p.Kind {
		case SyntaxError:
			syntax++
			if i != len(d.Problems)-1 {
				t.Fatalf("SyntaxError is not the last problem: %+v", d.Problems)
			}
			if p.Detail == "" {
				t.Fatalf("SyntaxError without Detail")
			}
		case TrailingComma:
			repairs++
			if p.End != p.Start+1 || data[p.Start] != ',' {
				t.Fatalf("TrailingComma %+v covers %q", p, data[p.Start:p.End])
			}
		case Comment:
			repairs++
			if p.End-p.Start < 2 || data[p.Start] != '/' || (data[p.Start+1] != '/' && data[p.Start+1] != '*') {
				t.Fatalf("Comment %+v covers %q", p, data[p.Start:p.End])
			}
		case ControlCharacter:
			repairs++
			if p.End != p.Start+1 || data[p.Start] >= 0x20 || data[p.Start] == '\n' || data[p.Start] == '\r' {
				t.Fatalf("ControlCharacter %+v covers %q", p, data[p.Start:p.End])
			}
		case NonASCIIWhitespace:
			repairs++
			for _, r := range string(data[p.Start:p.End]) {
				if r != ' ' && r != '\t' && (r < 0x80 || !unicode.IsSpace(r)) {
					t.Fatalf("NonASCIIWhitespace %+v covers %q", p, data[p.Start:p.End])
				}
			}
		case NonFiniteNumber:
			repairs++
			if s := string(data[p.Start:p.End]); s != "NaN" && s != "Infinity" && s != "-Infinity" {
				t.Fatalf("NonFiniteNumber %+v covers %q", p, s)
			}
		case DuplicateKey:
			if !in(p.FirstStart, p.FirstEnd) || p.FirstEnd > p.Start || p.FirstEnd-p.FirstStart < 2 || p.End-p.Start < 2 {
				t.Fatalf("DuplicateKey %+v: bad ranges", p)
			}
			for _, r := range [][2]int{{p.Start, p.End}, {p.FirstStart, p.FirstEnd}} {
				if data[r[0]] != '"' || data[r[1]-1] != '"' {
					t.Fatalf("DuplicateKey %+v: %q is not a quoted name", p, data[r[0]:r[1]])
				}
			}
			if toks, ok := SplitPointer(p.Pointer); !ok || len(toks) == 0 {
				t.Fatalf("DuplicateKey %+v: bad pointer", p)
			}
		case ByteOrderMark:
			if i != 0 || p.Start != 0 || p.End != 3 {
				t.Fatalf("ByteOrderMark %+v", p)
			}
		case InvalidUTF8:
			if p.End != p.Start+1 || utf8.Valid(data[:p.End]) || !utf8.Valid(data[:p.Start]) {
				t.Fatalf("InvalidUTF8 %+v is not at the first bad byte", p)
			}
		default:
			t.Fatalf("problem %d has kind %d", i, p.Kind)
		}
	}
	if syntax > 1 {
		t.Fatalf("%d SyntaxErrors", syntax)
	}
	if (d.Root == nil) != (syntax == 1) {
		t.Fatalf("Root %v with %d SyntaxErrors", d.Root != nil, syntax)
	}
	hasBOM := bytes.HasPrefix(data, bom)
	if hasBOM != (len(d.Problems) > 0 && d.Problems[0].Kind == ByteOrderMark) {
		t.Fatalf("BOM %v, problems %+v", hasBOM, d.Problems)
	}
	badUTF8 := 0
	for _, p := range d.Problems {
		if p.Kind == InvalidUTF8 {
			badUTF8++
		}
	}
	if (badUTF8 == 1) == utf8.Valid(data) || badUTF8 > 1 {
		t.Fatalf("valid UTF-8 %v, %d InvalidUTF8 problems", utf8.Valid(data), badUTF8)
	}

	// A strict file needs no repair.
	work := bytes.Clone(data)
	if hasBOM {
		copy(work, "   ")
	}
	strict := jsontext.Value(work).IsValid(jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	if strict && (d.Root == nil || repairs > 0) {
		t.Fatalf("strict JSON: root %v, %d repairs: %+v", d.Root != nil, repairs, d.Problems)
	}
	if !strict && d.Root != nil && repairs == 0 {
		t.Fatalf("not strict JSON, yet parsed without a repair: %+v", d.Problems)
	}

	// The repair pass keeps every offset and every line break, and changes only what it reports.
	repaired, fixes := sanitize(work)
	if len(repaired) != len(work) {
		t.Fatalf("sanitize changed the length")
	}
	changed := make([]bool, len(work))
	prevEnd := 0
	for _, f := range fixes {
		if f.Start < prevEnd || !in(f.Start, f.End) || f.Start == f.End {
			t.Fatalf("fixes overlap or are out of order: %+v", fixes)
		}
		prevEnd = f.End
		for i := f.Start; i < f.End; i++ {
			changed[i] = true
		}
	}
	for i := range work {
		if repaired[i] != work[i] && !changed[i] {
			t.Fatalf("sanitize changed byte %d (%q -> %q) outside every fix", i, work[i], repaired[i])
		}
		if isBreak(repaired[i]) != isBreak(work[i]) {
			t.Fatalf("sanitize moved a line break at %d", i)
		}
	}

	if d.Root == nil {
		return
	}
	// The tree.
	var walk func(n *Node, ptr string, reachable bool, member *Member, lo, hi int)
	walk = func(n *Node, ptr string, reachable bool, member *Member, lo, hi int) {
		if n == nil {
			t.Fatalf("%s: nil node", ptr)
		}
		if !in(n.Start, n.End) || n.Start < lo || n.End > hi || n.End-n.Start < 1 {
			t.Fatalf("%s: range [%d,%d) outside [%d,%d)", ptr, n.Start, n.End, lo, hi)
		}
		d.ValueSpan(n)
		raw := string(data[n.Start:n.End])
		switch n.Kind {
		case Null:
			if raw != "null" {
				t.Fatalf("%s: null covers %q", ptr, raw)
			}
		case Bool:
			if raw != n.Text || (raw != "true" && raw != "false") {
				t.Fatalf("%s: boolean %q covers %q", ptr, n.Text, raw)
			}
		case Number:
			if raw != n.Text {
				t.Fatalf("%s: number %q covers %q", ptr, n.Text, raw)
			}
			if !jsontext.Value(raw).IsValid() && raw != "NaN" && raw != "Infinity" && raw != "-Infinity" {
				t.Fatalf("%s: number %q", ptr, raw)
			}
		case String:
			if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
				t.Fatalf("%s: string covers %q", ptr, raw)
			}
			if !utf8.ValidString(n.Text) {
				t.Fatalf("%s: string text %q is not valid UTF-8", ptr, n.Text)
			}
		case Object:
			if raw[0] != '{' || raw[len(raw)-1] != '}' || n.Items != nil {
				t.Fatalf("%s: object covers %q", ptr, raw)
			}
			prev := n.Start + 1
			for i := range n.Members {
				m := &n.Members[i]
				if m.NameStart < prev || m.NameEnd-m.NameStart < 2 || m.NameEnd > m.Value.Start {
					t.Fatalf("%s: member %q name [%d,%d) out of order (previous end %d, value at %d)", ptr, m.Name, m.NameStart, m.NameEnd, prev, m.Value.Start)
				}
				if data[m.NameStart] != '"' || data[m.NameEnd-1] != '"' {
					t.Fatalf("%s: name covers %q", ptr, data[m.NameStart:m.NameEnd])
				}
				if !utf8.ValidString(m.Name) {
					t.Fatalf("%s: name %q is not valid UTF-8", ptr, m.Name)
				}
				d.NameSpan(m)
				if len(n.Members) <= 256 { // Member's summary of names agrees with a scan
					var last *Member
					for j := range n.Members {
						if n.Members[j].Name == m.Name {
							last = &n.Members[j]
						}
					}
					if n.Member(m.Name) != last || n.Member(m.Name+"\x00") != nil {
						t.Fatalf("%s: Member(%q) is not the last member of that name", ptr, m.Name)
					}
				}
				wins := n.Member(m.Name) == m // with duplicate names only the last is addressable
				walk(m.Value, Join(ptr, m.Name), reachable && wins, m, m.NameEnd, n.End-1)
				prev = m.Value.End
			}
		case Array:
			if raw[0] != '[' || raw[len(raw)-1] != ']' || n.Members != nil {
				t.Fatalf("%s: array covers %q", ptr, raw)
			}
			prev := n.Start + 1
			for i, item := range n.Items {
				walk(item, Index(ptr, i), reachable, nil, prev, n.End-1)
				prev = item.End
			}
		default:
			t.Fatalf("%s: kind %d", ptr, n.Kind)
		}
		if reachable {
			got, m := d.Lookup(ptr)
			if got != n || m != member {
				t.Fatalf("Lookup(%q) = %p, %p; want %p, %p", ptr, got, m, n, member)
			}
		}
	}
	walk(d.Root, "", true, nil, 0, len(data))
}

func isBreak(c byte) bool { return c == '\n' || c == '\r' }

// seeds are small inputs covering every construct the parser treats specially.
var seeds = []string{
	``, ` `, `{}`, `[]`, `null`, `true`, `false`, `0`, `-1.5e+3`, `"s"`, `"\u00e9\n\"\\"`,
	nestedDoc,
	`{"a": 1, "b": [true, false, null, "x", {"c": {}}], "d": -0.0}`,
	"{\r\n  \"a\": 1,\r\n  \"b\": [true,\r\n    \"x\"]\r\n}\r\n",
	"{\r\"a\":\r1}",
	"\xEF\xBB\xBF{\"a\": 1}",
	"\xEF\xBB\xBF", "\xEF\xBB", "\xEF\xBB\xBF\xEF\xBB\xBF[]",
	`{"ключ": "日本語", "emoji😀": "é", "k": 1}`,
	`{"a/b~": 1, "a/b~": 2, "": {"~0": [1]}}`,
	`{"a": 1, "a":  1 , "a": {"x": [1, 2]}, "a": {"x":[1,2]}}`,
	`{"o": {"x": 1, "x": 2}, "o": {}}`,
	`{"a":0,"b":1,"c":2,"d":3,"e":4,"f":5,"g":6,"h":7,"i":8,"j":9,"k":10,"l":11,"m":12,"n":13,"o":14,"p":15,"q":16,"a":17,"q":18}`,
	"{\n  \"a\": 1,\n}", "[1, 2, ]", "[,]", "[1,,]", `{"a": [1,], "b": {"c": 2,},}`,
	"{\"a\": [1, 2, // last\n], \"b\": 3, /* end */}",
	"// header\n{\"a\": 1} // tail", "{\n/* a\n   b */ \"k\": 1}", `{"a":1} /* x`, "/", "/*", "//", "/**/",
	`{"url": "http://example.com/a//b", "x": 1,}`, `["a\"//b", 1,]`,
	"{\"a\": \"x\ty\"}", "{\"k\x01\": 1}", "{\"a\": \"x\ny\"}", "[\"\x00\"]",
	"[NaN, Infinity, -Infinity, 1]", "[1NaN]", "[NaN0]", "[-NaN]", "NaN", "-Infinity", "[Infinity,]",
	"{\"name\": \"Br\xf8nn\xf8ysund\", \"x\": 1}", "{\"k\xe9\": 1}", "[1]\xff", "[\"\xed\xa0\x80\"]",
	"{\n  \"a\": 1\n  \"b\": 2\n}", `{"a" 1}`, `{"a": }`, `{'a': 1}`, `{"a": "abc`, "{\"a\": 1,\n  \"b\": [1, 2]\n",
	"{\"a\": 1}\n{\"b\": 2}", `{}{}`, "1 2", "[1]]", "{\n  \"a\": [1, 2,],\n  \"b\": 1\n  \"c\": 2\n}",
	"[[[[[[[[[[]]]]]]]]]]", `{"a":{"a":{"a":{"a":[[{"a":1}]]}}}}`,
}

// seedFiles returns the *.json files under dir (none when it is missing), at most maxSize bytes each.
func seedFiles(dir string, maxSize int64) [][]byte {
	var out [][]byte
	filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.EqualFold(filepath.Ext(path), ".json") {
			return nil
		}
		if info, err := e.Info(); err != nil || info.Size() > maxSize {
			return nil
		}
		if data, err := os.ReadFile(path); err == nil {
			out = append(out, data)
		}
		return nil
	})
	return out
}

func FuzzParse(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	// The module's own test data, if any (the working directory is the package directory).
	for _, data := range seedFiles(filepath.Join("..", "..", "testdata"), 1<<20) {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := bytes.Clone(data)
		d := Parse(data)
		if !bytes.Equal(data, orig) {
			t.Fatalf("Parse modified its input")
		}
		checkDocument(t, data, d)
		if again := Parse(data); !reflect.DeepEqual(again.Problems, d.Problems) {
			t.Fatalf("Parse is not deterministic: %+v vs %+v", again.Problems, d.Problems)
		}
	})
}

// TestSeedsKeepInvariants runs the fuzz invariants over the seeds and, when it is present, over
// every JSON file of the shared corpus of real connectors.
func TestSeedsKeepInvariants(t *testing.T) {
	for _, s := range seeds {
		data := []byte(s)
		checkDocument(t, data, Parse(data))
	}
	if testing.Short() {
		return
	}
	files := seedFiles(corpusDir, 2<<20)
	if len(files) == 0 {
		t.Logf("no corpus at %s", corpusDir)
	}
	for _, data := range files {
		checkDocument(t, data, Parse(data))
	}
}
