// Package fix is the engine of `connector-check fix`: byte edits applied back to front, atomic
// in-place writes that never follow a symbolic link, renames that never overwrite, and unified
// diffs and git patches built from the edits. It knows nothing about rules; validate's fixers
// produce the edits and validate verifies them.
package fix

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
)

// Edit replaces the bytes [Start, End) of File (a name in the connector folder) with New. Start ==
// End inserts.
type Edit struct {
	File       string
	Start, End int
	New        string
}

// Rename renames a file of the connector folder (names, not paths).
type Rename struct {
	From, To string
}

// Change is what one fixer returns for one finding: byte edits, or a rename.
type Change struct {
	Edits  []Edit
	Rename *Rename
}

// ErrOverlap: two edits of one file touch the same bytes.
var ErrOverlap = errors.New("edits overlap")

// Sort orders edits by start, then end (insertions before a replacement at the same place), and
// drops exact repeats (two findings fixed by the same edit, such as a shared parameter).
func Sort(edits []Edit) []Edit {
	out := slices.Clone(edits)
	slices.SortStableFunc(out, func(a, b Edit) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
	})
	return slices.CompactFunc(out, func(a, b Edit) bool { return a == b })
}

// Apply returns data with the edits applied. Edits must lie within data and not overlap (two
// insertions at one place are allowed and keep their order); they are applied back to front so
// that every offset refers to the original bytes.
func Apply(data []byte, edits []Edit) ([]byte, error) {
	es := Sort(edits)
	for i, e := range es {
		if e.Start < 0 || e.End < e.Start || e.End > len(data) {
			return nil, fmt.Errorf("edit [%d,%d) is outside the file (%d bytes)", e.Start, e.End, len(data))
		}
		if i > 0 && e.Start < es[i-1].End {
			return nil, ErrOverlap
		}
	}
	size := len(data)
	for _, e := range es {
		size += len(e.New) - (e.End - e.Start)
	}
	out := make([]byte, 0, size)
	prev := 0
	for _, e := range es { // front to back into a new buffer: the same result as back to front in place
		out = append(out, data[prev:e.Start]...)
		out = append(out, e.New...)
		prev = e.End
	}
	return append(out, data[prev:]...), nil
}
