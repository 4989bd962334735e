package jsonpos

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"
)

// dump writes a tree with every range, for comparing two parses.
func dump(sb *strings.Builder, n *Node) {
	if n == nil {
		sb.WriteString("nil")
		return
	}
	fmt.Fprintf(sb, "%v[%d,%d]%q", n.Kind, n.Start, n.End, n.Text)
	for _, m := range n.Members {
		fmt.Fprintf(sb, "{%q[%d,%d]:", m.Name, m.NameStart, m.NameEnd)
		dump(sb, m.Value)
		sb.WriteString("}")
	}
	for _, it := range n.Items {
		sb.WriteString("(")
		dump(sb, it)
		sb.WriteString(")")
	}
}

func docString(d *Document) string {
	var sb strings.Builder
	dump(&sb, d.Root)
	fmt.Fprintf(&sb, " %+v %v", d.Problems, d.MoreDuplicates)
	return sb.String()
}

var arenaInputs = []string{
	`{"a": 1, "b": [true, null, "x\u00e9"], "c": {"d": {}, "e": []}}`,
	`{"a": 1, "a": 2, "b": {"c": 1, "c": 1}}`,
	"\xef\xbb\xbf{\"a\": [1, 2,], // comment\n \"b\": NaN}",
	`[` + strings.Repeat(`{"k": [1, 2, 3]}, `, 3000) + `0]`,
	`{` + strings.Repeat(`"k": 0, `, 5000) + `"z": 1}`,
	`{"unclosed": [1, 2`,
}

// TestParseInSameTree: a parse in an arena, fresh or reused after Reset, builds the same tree as
// Parse, and the strings of a tree stay intact after Reset and another parse.
func TestParseInSameTree(t *testing.T) {
	var a Arena
	for round := range 3 {
		var kept []string
		for _, in := range arenaInputs {
			want := docString(Parse([]byte(in)))
			doc := ParseIn([]byte(in), &a)
			if got := docString(doc); got != want {
				t.Fatalf("round %d: ParseIn(%.40q) differs from Parse:\n got %.300s\nwant %.300s", round, in, got, want)
			}
			if doc.Root != nil && len(doc.Root.Members) > 0 {
				kept = append(kept, doc.Root.Members[0].Name)
			}
			a.Reset()
		}
		if got := strings.Join(kept, ","); got != "a,a,a,k" {
			t.Errorf("names after Reset: %s", got)
		}
	}
}

// FuzzParseIn: a parse in a reused arena builds what Parse builds.
func FuzzParseIn(f *testing.F) {
	for _, in := range arenaInputs[:3] {
		f.Add(in)
	}
	var a Arena
	f.Fuzz(func(t *testing.T, in string) {
		want := docString(Parse([]byte(in)))
		if got := docString(ParseIn([]byte(in), &a)); got != want {
			t.Errorf("ParseIn(%q) differs from Parse:\n got %s\nwant %s", in, got, want)
		}
		a.Reset()
	})
}

// Owns tells the strings that share the arena's file bytes from every other.
func TestArenaOwns(t *testing.T) {
	var a Arena
	if a.Owns("x") {
		t.Error("an empty arena owns a string")
	}
	b := a.Bytes(8)
	copy(b, "abcdefgh")
	in := unsafe.String(&b[2], 3)
	if !a.Owns(in) {
		t.Errorf("a string in Bytes' memory is not owned")
	}
	if a.Owns(strings.Clone(in)) || a.Owns("") || a.Owns(string(b)) {
		t.Errorf("a copy or an empty string is owned")
	}
	big := a.Bytes(fileSlabSize + 1) // too large for the slab: allocated apart, and owned
	big[0] = 'x'                     // until Reset (a string cut from it would keep it alive)
	if !a.Owns(unsafe.String(&big[0], 1)) {
		t.Errorf("a file too large for the slab is not owned")
	}
	a.Reset()
	if a.Owns(unsafe.String(&big[0], 1)) {
		t.Errorf("a file allocated apart is owned after Reset")
	}
}
