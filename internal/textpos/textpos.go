// Package textpos maps byte offsets in a file to 1-based line and column numbers.
//
// Columns count Unicode code points (a tab counts as one, an invalid UTF-8 byte counts as one),
// CR LF ends one line (a lone CR ends a line too, as editors show it), and a UTF-8 byte order
// mark at the start of the file is not counted. These are the conventions of the rule catalog
// (rules.md §0.3), shared by the JSON, Markdown and C# checks.
package textpos

import (
	"bytes"
	"math"
	"sort"
	"sync"
	"unicode/utf8"
)

// Index holds the start offset of every line of one file.
type Index struct {
	data []byte
	once sync.Once
	// starts[i] is the byte offset where line i+1 begins; built on first use. Four bytes a line:
	// the line tables were a fifteenth of what a run over the corpus allocated.
	starts []int32
	bom    int // length of a leading UTF-8 BOM (0 or 3)

	// Columns on long lines (a one-line swagger) come from checkpoints instead of a count from
	// the line's start, so that each lookup costs O(checkpointStride), not O(line length).
	cpOnce sync.Once
	cps    []checkpoint // in offset order; built on the first lookup past a long line prefix
}

// checkpoint is the number of characters before off, counted from the start of the file. Every
// checkpoint offset is a character boundary of the decoding from offset 0.
type checkpoint struct{ off, runes int }

// checkpointStride is the distance in bytes between two checkpoints.
var checkpointStride = 512 // a variable for the tests only

// New indexes data. The slice is kept, not copied: the caller must not modify it afterwards.
// The line table is built on the first lookup: most files get no finding and never need it.
// Only the first 2 GiB are indexed (every reader caps its files far below that): offsets past
// them map to its end.
func New(data []byte) *Index {
	if len(data) > math.MaxInt32 {
		data = data[:math.MaxInt32]
	}
	ix := &Index{data: data}
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		ix.bom = 3
	}
	return ix
}

func (ix *Index) lines() []int32 {
	ix.once.Do(func() {
		data := ix.data
		// One pass in the usual case (no CR at all); the capacity is a guess (published swaggers
		// average 30 to 40 bytes a line), not a counting pass of its own.
		starts := make([]int32, 1, 1+len(data)/32)
		if cr := bytes.IndexByte(data, '\r'); cr < 0 || bytes.Count(data[cr:], []byte{'\r'}) == bytes.Count(data[cr:], []byte("\r\n")) {
			// No lone CR (the usual case, LF or CRLF files): every line ends with LF.
			for i := 0; ; {
				j := bytes.IndexByte(data[i:], '\n')
				if j < 0 {
					break
				}
				i += j + 1
				starts = append(starts, int32(i))
			}
		} else {
			for i := 0; i < len(data); i++ {
				switch data[i] {
				case '\n':
					starts = append(starts, int32(i+1))
				case '\r':
					if i+1 < len(data) && data[i+1] == '\n' {
						i++
					}
					starts = append(starts, int32(i+1))
				}
			}
		}
		ix.starts = starts
	})
	return ix.starts
}

// Lines is the number of lines (a file without a final line break still has its last line).
func (ix *Index) Lines() int { return len(ix.lines()) }

// Position returns the 1-based line and column of the byte at offset off.
// Offsets past the end map to the position just after the last character.
func (ix *Index) Position(off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(ix.data) {
		off = len(ix.data)
	}
	starts := ix.lines()
	i := sort.Search(len(starts), func(i int) bool { return int(starts[i]) > off }) - 1
	start := int(starts[i])
	if i == 0 && start < ix.bom {
		start = ix.bom
		if off < start {
			off = start
		}
	}
	// An offset inside a multi-byte character maps to the column after it, so that a range ending
	// there covers the whole character: counting the truncated prefix instead would count each of
	// its bytes as one invalid character and make columns go back at the character's end.
	if off < len(ix.data) && !utf8.RuneStart(ix.data[off]) {
		for k := off - 1; k >= start && k >= off-utf8.UTFMax+1; k-- {
			if utf8.RuneStart(ix.data[k]) {
				if _, n := utf8.DecodeRune(ix.data[k:]); k+n > off {
					off = k + n
				}
				break
			}
		}
	}
	return i + 1, ix.runesBetween(start, off) + 1
}

// runesBetween counts the characters of data[start:off], as utf8.RuneCount does; start must be a
// line start. A line start follows an ASCII byte (or the BOM), and no UTF-8 sequence, valid or
// not, swallows an ASCII byte, so start is also a character boundary of the decoding from offset
// 0: counts from a checkpoint before start subtract exactly.
func (ix *Index) runesBetween(start, off int) int {
	if off-start <= 2*checkpointStride {
		return utf8.RuneCount(ix.data[start:off])
	}
	cps := ix.checkpoints()
	return ix.runesFromZero(cps, off) - ix.runesFromZero(cps, start)
}

// runesFromZero counts the characters of data[:off] from the last checkpoint at or before off.
func (ix *Index) runesFromZero(cps []checkpoint, off int) int {
	k := sort.Search(len(cps), func(k int) bool { return cps[k].off > off }) - 1
	return cps[k].runes + utf8.RuneCount(ix.data[cps[k].off:off])
}

func (ix *Index) checkpoints() []checkpoint {
	ix.cpOnce.Do(func() {
		data := ix.data
		cps := make([]checkpoint, 1, 1+len(data)/checkpointStride)
		runes := 0
		for i := 0; i < len(data); {
			next := min(i+checkpointStride, len(data))
			// Stop at a character boundary at or after next: decode the characters crossing it.
			j := i
			for j < next {
				if data[j] < utf8.RuneSelf {
					// ASCII run: count it in one step up to next
					k := j
					for k < next && data[k] < utf8.RuneSelf {
						k++
					}
					runes += k - j
					j = k
					continue
				}
				_, n := utf8.DecodeRune(data[j:])
				j += n
				runes++
			}
			i = j
			cps = append(cps, checkpoint{off: i, runes: runes})
		}
		ix.cps = cps
	})
	return ix.cps
}

// LineStart returns the byte offset at which the 1-based line begins (after a BOM on line 1).
func (ix *Index) LineStart(line int) int {
	if line < 1 {
		line = 1
	}
	starts := ix.lines()
	if line > len(starts) {
		return len(ix.data)
	}
	if line == 1 {
		return ix.bom
	}
	return int(starts[line-1])
}

// Span is a 1-based range; EndColumn is exclusive (one past the last character), as in SARIF and LSP.
type Span struct {
	Line, Column, EndLine, EndColumn int
}

// Span returns the range covering the bytes [start, end).
func (ix *Index) Span(start, end int) Span {
	if end < start {
		end = start
	}
	l1, c1 := ix.Position(start)
	l2, c2 := ix.Position(end)
	return Span{Line: l1, Column: c1, EndLine: l2, EndColumn: c2}
}

// FirstInvalidUTF8 returns the offset of the first byte that isn't part of valid UTF-8, or -1.
func FirstInvalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}
