package fix

import (
	"bytes"
	"fmt"
	"strings"
)

// Context is how many unchanged lines a hunk shows around a change (diff's and git's default).
const Context = 3

// FileChange is one file's change for a diff or a patch: its old and new name (paths as they are
// to be printed, without a/ and b/), its old bytes and the edits made to them. OldName !=
// NewName is a rename.
type FileChange struct {
	OldName, NewName string
	Old              []byte
	Edits            []Edit
}

// Patch writes the changes as one git patch (`git apply` applies it): a/ and b/ prefixes, a
// rename as git writes it, hunks built from the edits (no diff algorithm is needed: the edits
// say exactly what changed).
func Patch(changes []FileChange) (string, error) {
	var sb strings.Builder
	for _, ch := range changes {
		hunks, err := Hunks(ch.Old, ch.Edits, Context)
		if err != nil {
			return "", fmt.Errorf("%s: %w", ch.OldName, err)
		}
		rename := ch.OldName != ch.NewName
		if hunks == "" && !rename {
			continue
		}
		fmt.Fprintf(&sb, "diff --git %s %s\n", quotePath("a/"+ch.OldName), quotePath("b/"+ch.NewName))
		if rename {
			if hunks == "" {
				sb.WriteString("similarity index 100%\n")
			}
			fmt.Fprintf(&sb, "rename from %s\nrename to %s\n", quotePath(ch.OldName), quotePath(ch.NewName))
		}
		if hunks != "" {
			fmt.Fprintf(&sb, "--- %s\n+++ %s\n%s", headerPath("a/"+ch.OldName), headerPath("b/"+ch.NewName), hunks)
		}
	}
	return sb.String(), nil
}

// quotePath quotes a path the way git does (core.quotePath): in double quotes with C escapes when
// it holds a quote, a backslash, a control character or a non-ASCII byte.
func quotePath(p string) string {
	needs := false
	for i := 0; i < len(p); i++ {
		if c := p[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			needs = true
			break
		}
	}
	if !needs {
		return p
	}
	var sb strings.Builder
	sb.WriteByte('"')
	for i := 0; i < len(p); i++ {
		switch c := p[i]; c {
		case '"', '\\':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		case '\t':
			sb.WriteString(`\t`)
		case '\n':
			sb.WriteString(`\n`)
		default:
			if c < 0x20 || c >= 0x7f {
				fmt.Fprintf(&sb, `\%03o`, c)
			} else {
				sb.WriteByte(c)
			}
		}
	}
	sb.WriteByte('"')
	return sb.String()
}

// headerPath is a path on a ---/+++ line: git ends one that holds a space with a tab.
func headerPath(p string) string {
	q := quotePath(p)
	if q == p && strings.Contains(p, " ") {
		return p + "\t"
	}
	return q
}

// Block is a run of whole lines that edits change: old lines From to To (1-based, inclusive)
// become New (each with its line end, the last one possibly without). A suggested change on a
// pull request replaces whole lines: a block is one.
type Block struct {
	From, To int
	New      []string
}

// Blocks returns the runs of lines the edits change, in order (edits on one line, or on lines
// that touch, make one block). An empty old file has no lines to change: see Hunks.
func Blocks(old []byte, edits []Edit) ([]Block, error) {
	es := Sort(edits)
	if _, err := Apply(old, es); err != nil {
		return nil, err
	}
	lines := splitLines(old)
	if len(lines) == 0 {
		return nil, nil
	}
	starts := make([]int, len(lines)+1) // byte offset of each line, and len(old)
	for i, l := range lines {
		starts[i+1] = starts[i] + len(l)
	}
	lineOf := func(off int) int { // index of the line holding off (the last line for len(old))
		lo, hi := 0, len(lines)-1
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if starts[mid] <= off {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		return lo
	}
	var blocks []Block
	var cur []Edit
	ca, cb := -1, -1
	flush := func() error {
		if cur == nil {
			return nil
		}
		lo, hi := starts[ca], starts[cb+1]
		rel := make([]Edit, len(cur))
		for i, e := range cur {
			rel[i] = Edit{Start: e.Start - lo, End: e.End - lo, New: e.New}
		}
		text, err := Apply(old[lo:hi], rel)
		if err != nil {
			return err
		}
		if !bytes.Equal(text, old[lo:hi]) {
			blocks = append(blocks, Block{From: ca + 1, To: cb + 1, New: splitLines(text)})
		}
		cur = nil
		return nil
	}
	for _, e := range es {
		a := lineOf(e.Start)
		b := lineOf(max(e.Start, e.End-1))
		if cur != nil && a <= cb {
			cur = append(cur, e)
			cb = max(cb, b)
			continue
		}
		if err := flush(); err != nil {
			return nil, err
		}
		cur, ca, cb = []Edit{e}, a, b
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return blocks, nil
}

// Hunks returns the unified-diff hunks (from "@@" on) that turn old into old with edits applied,
// with context unchanged lines around each change; "" when nothing changes.
func Hunks(old []byte, edits []Edit, context int) (string, error) {
	lines := splitLines(old)
	if len(lines) == 0 { // an empty file: everything is added
		text, err := Apply(old, edits)
		if err != nil {
			return "", err
		}
		added := splitLines(text)
		if len(added) == 0 {
			return "", nil
		}
		var sb strings.Builder
		fmt.Fprintf(&sb, "@@ -0,0 +%s @@\n", rangeText(1, len(added)))
		for _, l := range added {
			writeLine(&sb, '+', l)
		}
		return sb.String(), nil
	}
	blocks, err := Blocks(old, edits)
	if err != nil || len(blocks) == 0 {
		return "", err
	}
	var sb strings.Builder
	delta := 0 // new line number minus old line number before the current hunk
	for i := 0; i < len(blocks); {
		j := i + 1
		for j < len(blocks) && blocks[j].From-blocks[j-1].To-1 <= 2*context {
			j++
		}
		from := max(blocks[i].From-1-context, 0)
		to := min(blocks[j-1].To-1+context, len(lines)-1)
		var body strings.Builder
		oldN, newN := 0, 0
		line := from
		for k := i; k < j; k++ {
			for ; line < blocks[k].From-1; line++ {
				writeLine(&body, ' ', lines[line])
				oldN++
				newN++
			}
			for ; line <= blocks[k].To-1; line++ {
				writeLine(&body, '-', lines[line])
				oldN++
			}
			for _, nl := range blocks[k].New {
				writeLine(&body, '+', nl)
				newN++
			}
		}
		for ; line <= to; line++ {
			writeLine(&body, ' ', lines[line])
			oldN++
			newN++
		}
		oldStart, newStart := from+1, from+1+delta
		if oldN == 0 {
			oldStart--
		}
		if newN == 0 {
			newStart--
		}
		fmt.Fprintf(&sb, "@@ -%s +%s @@\n%s", rangeText(oldStart, oldN), rangeText(newStart, newN), body.String())
		delta += newN - oldN
		i = j
	}
	return sb.String(), nil
}

func rangeText(start, n int) string {
	if n == 1 {
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}

func writeLine(sb *strings.Builder, mark byte, line string) {
	sb.WriteByte(mark)
	sb.WriteString(line)
	if !strings.HasSuffix(line, "\n") {
		sb.WriteString("\n\\ No newline at end of file\n")
	}
}

// splitLines splits b after each "\n"; the last line may lack one.
func splitLines(b []byte) []string {
	var out []string
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			out = append(out, string(b))
			break
		}
		out = append(out, string(b[:i+1]))
		b = b[i+1:]
	}
	return out
}
