package textpos

import (
	"bytes"
	"fmt"
	"testing"
	"unicode/utf8"
)

const bom = "\xEF\xBB\xBF"

// lc formats a position as "line:col".
func lc(line, col int) string { return fmt.Sprintf("%d:%d", line, col) }

func TestPosition(t *testing.T) {
	type at struct {
		off  int
		want string // line:col
	}
	tests := []struct {
		name  string
		data  string
		lines int
		at    []at
	}{
		{"empty", "", 1, []at{{-1, "1:1"}, {0, "1:1"}, {1, "1:1"}, {100, "1:1"}}},
		{"one line no break", "abc", 1, []at{{0, "1:1"}, {1, "1:2"}, {2, "1:3"}, {3, "1:4"}, {4, "1:4"}}},
		{"LF", "ab\ncd\n", 3, []at{
			{0, "1:1"}, {1, "1:2"}, {2, "1:3"}, // the LF itself is the last column of its line
			{3, "2:1"}, {4, "2:2"}, {5, "2:3"},
			{6, "3:1"}, {7, "3:1"}, // end of file, and past it
		}},
		{"only LF", "\n", 2, []at{{0, "1:1"}, {1, "2:1"}}},
		{"empty lines", "\n\n\na", 4, []at{{0, "1:1"}, {1, "2:1"}, {2, "3:1"}, {3, "4:1"}, {4, "4:2"}}},
		{"CRLF", "ab\r\ncd", 2, []at{
			{1, "1:2"}, {2, "1:3"}, {3, "1:4"}, // CR and LF both still on line 1
			{4, "2:1"}, {5, "2:2"}, {6, "2:3"}, {9, "2:3"},
		}},
		{"CRLF at end", "a\r\n", 2, []at{{0, "1:1"}, {1, "1:2"}, {2, "1:3"}, {3, "2:1"}}},
		{"lone CR", "a\rb\rc", 3, []at{{0, "1:1"}, {1, "1:2"}, {2, "2:1"}, {3, "2:2"}, {4, "3:1"}, {5, "3:2"}}},
		{"lone CR at end", "a\r", 2, []at{{1, "1:2"}, {2, "2:1"}}},
		{"LF CR is two breaks", "\n\r", 3, []at{{0, "1:1"}, {1, "2:1"}, {2, "3:1"}}},
		{"CR CRLF is two breaks", "\r\r\n", 3, []at{{0, "1:1"}, {1, "2:1"}, {2, "2:2"}, {3, "3:1"}}},
		{"mixed", "a\nb\r\nc\rd\n\ne", 6, []at{
			{0, "1:1"}, {1, "1:2"},
			{2, "2:1"}, {3, "2:2"}, {4, "2:3"},
			{5, "3:1"}, {6, "3:2"},
			{7, "4:1"}, {8, "4:2"},
			{9, "5:1"},
			{10, "6:1"}, {11, "6:2"},
		}},
		{"BOM", bom + "{\"a\"}", 1, []at{
			{-5, "1:1"}, {0, "1:1"}, {1, "1:1"}, {2, "1:1"}, // inside the BOM
			{3, "1:1"}, {4, "1:2"}, {7, "1:5"}, {8, "1:6"},
		}},
		{"BOM only", bom, 1, []at{{0, "1:1"}, {2, "1:1"}, {3, "1:1"}, {4, "1:1"}}},
		{"BOM then lines", bom + "ab\ncd", 2, []at{{3, "1:1"}, {5, "1:3"}, {6, "2:1"}, {8, "2:3"}}},
		{"BOM then CRLF", bom + "\r\nx", 2, []at{{3, "1:1"}, {4, "1:2"}, {5, "2:1"}, {6, "2:2"}}},
		{"BOM not at start counts", "a" + bom + "b", 1, []at{{1, "1:2"}, {4, "1:3"}, {5, "1:4"}}},
		{"truncated BOM is two invalid bytes", "\xEF\xBBx", 1, []at{{0, "1:1"}, {1, "1:2"}, {2, "1:3"}, {3, "1:4"}}},
		{"multi-byte", "é日本😀x", 1, []at{
			{0, "1:1"}, {2, "1:2"}, {5, "1:3"}, {8, "1:4"}, {12, "1:5"}, {13, "1:6"},
		}},
		{"inside a multi-byte character", "é日😀x", 1, []at{ // the column after that character
			{0, "1:1"}, {1, "1:2"}, // é
			{2, "1:2"}, {3, "1:3"}, {4, "1:3"}, // 日
			{5, "1:3"}, {6, "1:4"}, {7, "1:4"}, {8, "1:4"}, // 😀
			{9, "1:4"}, {10, "1:5"},
		}},
		{"inside U+FEFF after line 1 start", "a" + bom + "b", 1, []at{{1, "1:2"}, {2, "1:3"}, {3, "1:3"}, {4, "1:3"}}},
		{"multi-byte on line 2", "x\n\"日本\": 1", 2, []at{{2, "2:1"}, {3, "2:2"}, {6, "2:3"}, {9, "2:4"}, {10, "2:5"}, {12, "2:7"}}},
		{"tabs", "\ta\t\tb", 1, []at{{0, "1:1"}, {1, "1:2"}, {2, "1:3"}, {3, "1:4"}, {4, "1:5"}, {5, "1:6"}}},
		{"invalid bytes count one each", "a\xe9b\xff\xfe c", 1, []at{
			{1, "1:2"}, {2, "1:3"}, {3, "1:4"}, {4, "1:5"}, {5, "1:6"}, {6, "1:7"}, {7, "1:8"}, {8, "1:8"},
		}},
		{"truncated sequence", "\xe6\x97x", 1, []at{{0, "1:1"}, {1, "1:2"}, {2, "1:3"}, {3, "1:4"}}},
		{"lone continuation bytes", "\x80\x80a", 1, []at{{0, "1:1"}, {1, "1:2"}, {2, "1:3"}, {3, "1:4"}}},
		{"surrogate encoding is invalid", "\xed\xa0\x80a", 1, []at{{1, "1:2"}, {2, "1:3"}, {3, "1:4"}}},
		{"Latin-1 then LF", "Br\xf8nn\xf8ysund\nx", 2, []at{{2, "1:3"}, {3, "1:4"}, {11, "1:12"}, {12, "2:1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := New([]byte(tt.data))
			if got := ix.Lines(); got != tt.lines {
				t.Errorf("Lines() = %d, want %d", got, tt.lines)
			}
			for _, a := range tt.at {
				if got := lc(ix.Position(a.off)); got != a.want {
					t.Errorf("Position(%d) = %s, want %s", a.off, got, a.want)
				}
			}
		})
	}
}

func TestLineStart(t *testing.T) {
	tests := []struct {
		data string
		want []int // LineStart(0), LineStart(1), ... LineStart(len(want)-1)
	}{
		{"", []int{0, 0, 0}},
		{"abc", []int{0, 0, 3}},
		{"ab\ncd\n", []int{0, 0, 3, 6, 6}},
		{"ab\r\ncd", []int{0, 0, 4, 6}},
		{"a\rb\r\nc\nd", []int{0, 0, 2, 5, 7, 8}},
		{bom + "ab\ncd", []int{3, 3, 6, 8}},
		{bom, []int{3, 3, 3}},
		{bom + "\n", []int{3, 3, 4, 4}},
	}
	for _, tt := range tests {
		ix := New([]byte(tt.data))
		for line, want := range tt.want {
			if got := ix.LineStart(line); got != want {
				t.Errorf("%q: LineStart(%d) = %d, want %d", tt.data, line, got, want)
			}
		}
		if got := ix.LineStart(-3); got != tt.want[1] {
			t.Errorf("%q: LineStart(-3) = %d, want %d", tt.data, got, tt.want[1])
		}
		for line := 1; line <= ix.Lines(); line++ {
			if got := lc(ix.Position(ix.LineStart(line))); got != lc(line, 1) {
				t.Errorf("%q: Position(LineStart(%d)) = %s", tt.data, line, got)
			}
		}
	}
}

func TestSpan(t *testing.T) {
	tests := []struct {
		data       string
		start, end int
		want       Span
	}{
		{`{"ab": 1}`, 1, 5, Span{1, 2, 1, 6}}, // EndColumn is exclusive
		{`{"ab": 1}`, 7, 8, Span{1, 8, 1, 9}},
		{`{"ab": 1}`, 0, 9, Span{1, 1, 1, 10}},
		{`{"ab": 1}`, 4, 4, Span{1, 5, 1, 5}}, // empty
		{`{"ab": 1}`, 5, 2, Span{1, 6, 1, 6}}, // end before start collapses to start
		{"{\r\n  \"a\": [1,\r\n  2]\r\n}", 10, 19, Span{2, 8, 3, 5}},
		{"{\r\n  \"a\": [1,\r\n  2]\r\n}", 0, 22, Span{1, 1, 4, 2}},
		{bom + `"é日"`, 3, 11, Span{1, 1, 1, 5}},
		{bom + `"é日"`, 0, 3, Span{1, 1, 1, 1}}, // the BOM itself
		{"x\t\"😀\"", 2, 8, Span{1, 3, 1, 6}},
		{"abc", 1, 50, Span{1, 2, 1, 4}}, // end past EOF
		{"a\n", 0, 2, Span{1, 1, 2, 1}},  // a span that includes the line break ends on the next line
	}
	for _, tt := range tests {
		got := New([]byte(tt.data)).Span(tt.start, tt.end)
		if got != tt.want {
			t.Errorf("%q Span(%d, %d) = %+v, want %+v", tt.data, tt.start, tt.end, got, tt.want)
		}
	}
}

// TestNewKeepsData documents that the index reads the caller's slice and does not modify it.
func TestNewKeepsData(t *testing.T) {
	data := []byte(bom + "a\r\nb\rc\n")
	orig := bytes.Clone(data)
	ix := New(data)
	for off := -1; off <= len(data)+1; off++ {
		ix.Position(off)
	}
	if !bytes.Equal(data, orig) {
		t.Fatalf("data modified: %q", data)
	}
}

// refPositions is an independent, rune-by-rune model of the conventions: it returns the position
// of every offset 0..len(data) (an offset inside a character has the position after it).
func refPositions(data []byte) [][2]int {
	pos := make([][2]int, len(data)+1)
	line, col := 1, 1
	i := 0
	if bytes.HasPrefix(data, []byte(bom)) {
		for ; i < 3; i++ {
			pos[i] = [2]int{1, 1}
		}
	}
	for i < len(data) {
		r, n := utf8.DecodeRune(data[i:])
		pos[i] = [2]int{line, col}
		for k := i + 1; k < i+n; k++ {
			pos[k] = [2]int{line, col + 1} // a multi-byte character is never a line break
		}
		switch {
		case r == '\n', r == '\r' && (i+1 >= len(data) || data[i+1] != '\n'):
			line, col = line+1, 1
		default:
			col++
		}
		i += n
	}
	pos[len(data)] = [2]int{line, col}
	return pos
}

func checkPositions(t *testing.T, data []byte) {
	t.Helper()
	ix := New(data)
	ref := refPositions(data)
	prevL, prevC := 0, 0
	for off := -2; off <= len(data)+2; off++ {
		l, c := ix.Position(off)
		want := ref[min(max(off, 0), len(data))]
		if l != want[0] || c != want[1] {
			t.Fatalf("%q: Position(%d) = %d:%d, want %d:%d", data, off, l, c, want[0], want[1])
		}
		if l < 1 || c < 1 || l > ix.Lines() {
			t.Fatalf("%q: Position(%d) = %d:%d out of range (%d lines)", data, off, l, c, ix.Lines())
		}
		if l < prevL || l == prevL && c < prevC {
			t.Fatalf("%q: Position(%d) = %d:%d goes back from %d:%d", data, off, l, c, prevL, prevC)
		}
		prevL, prevC = l, c
	}
	if want := ref[len(data)][0]; ix.Lines() != want {
		t.Fatalf("%q: Lines() = %d, want %d", data, ix.Lines(), want)
	}
	for line := 1; line <= ix.Lines(); line++ {
		s := ix.LineStart(line)
		if s < 0 || s > len(data) {
			t.Fatalf("%q: LineStart(%d) = %d", data, line, s)
		}
		if l, c := ix.Position(s); l != line || c != 1 {
			t.Fatalf("%q: Position(LineStart(%d)=%d) = %d:%d", data, line, s, l, c)
		}
	}
	if s := ix.LineStart(ix.Lines() + 1); s != len(data) {
		t.Fatalf("%q: LineStart(past last) = %d", data, s)
	}
	step := 1 + len(data)/24
	for start := 0; start <= len(data); start += step {
		for end := start - 1; end <= len(data); end += step {
			sp := ix.Span(start, end)
			l1, c1 := ix.Position(start)
			l2, c2 := ix.Position(end)
			if end < start {
				l2, c2 = l1, c1
			}
			if sp != (Span{l1, c1, l2, c2}) {
				t.Fatalf("%q: Span(%d, %d) = %+v", data, start, end, sp)
			}
		}
	}
}

func TestPositionMatchesModel(t *testing.T) {
	alphabet := []string{"a", " ", "\t", "\n", "\r", "\r\n", "é", "日", "😀", "\xe9", "\x80", "\xf0\x9f", bom, "\xef"}
	// Every string of up to 4 pieces from the alphabet.
	var gen func(prefix []byte, depth int)
	n := 0
	gen = func(prefix []byte, depth int) {
		checkPositions(t, prefix)
		n++
		if depth == 0 {
			return
		}
		for _, s := range alphabet {
			gen(append(bytes.Clone(prefix), s...), depth-1)
		}
	}
	gen(nil, 4)
	if n < 1000 {
		t.Fatalf("only %d inputs", n)
	}
}

func FuzzPosition(f *testing.F) {
	for _, s := range []string{
		"", "a", "ab\ncd\n", "ab\r\ncd", "a\rb\rc", "a\nb\r\nc\rd\n\ne", bom + "{}\r\n", bom, "\xEF\xBB",
		"é日本😀x", "\ta\t", "a\xe9b\xff\xfe", "\xe6\x97x", "\x80\x80", "x\n\"日本\": 1\r\n\t\"k\":\"v\"",
		"{\n  \"a\": [1, 2],\r\n  \"b\": \"Br\xf8nn\xf8ysund\"\r}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 2048 {
			data = data[:2048] // the checks are quadratic in the line length
		}
		checkPositions(t, data)
	})
}

// TestPositionCheckpoints runs the model test with checkpoints a few bytes apart, so that every
// column of the small inputs comes from a checkpoint, including those inside or after a character
// that crosses one.
func TestPositionCheckpoints(t *testing.T) {
	defer func(s int) { checkpointStride = s }(checkpointStride)
	for _, stride := range []int{1, 2, 3, 5} {
		checkpointStride = stride
		TestPositionMatchesModel(t)
	}
}

// TestLongLineColumns is the one-line swagger: columns far into a long line with mixed text.
func TestLongLineColumns(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(bom + "x\n")
	for b.Len() < 300_000 {
		b.WriteString(`{"é":"日本😀",` + "\xe9\x80\t")
	}
	data := b.Bytes()
	ix := New(data)
	ref := refPositions(data)
	for off := 5; off < len(data); off += 997 {
		if l, c := ix.Position(off); l != ref[off][0] || c != ref[off][1] {
			t.Fatalf("Position(%d) = %d:%d, want %d:%d", off, l, c, ref[off][0], ref[off][1])
		}
	}
}

func BenchmarkLongLinePositions(b *testing.B) {
	data := bytes.Repeat([]byte(`{"name":"é","in":"query"},`), 40_000)
	for b.Loop() {
		ix := New(data)
		for off := 0; off < len(data); off += 1000 {
			ix.Position(off)
		}
	}
}
