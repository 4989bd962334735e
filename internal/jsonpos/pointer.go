package jsonpos

import (
	"sort"
	"strconv"
	"strings"

	"github.com/connector-check/connector-check/internal/textpos"
)

var tokenUnescaper = strings.NewReplacer("~1", "/", "~0", "~")

// EscapeToken escapes one reference token for an RFC 6901 pointer (~ -> ~0, / -> ~1).
func EscapeToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	var sb strings.Builder
	sb.Grow(escapedLen(s))
	writeToken(&sb, s)
	return sb.String()
}

// escapedLen is the length of EscapeToken(s): each ~ and / takes two bytes.
func escapedLen(s string) int { return len(s) + strings.Count(s, "~") + strings.Count(s, "/") }

// writeToken writes EscapeToken(s) to sb.
func writeToken(sb *strings.Builder, s string) {
	if !strings.ContainsAny(s, "~/") {
		sb.WriteString(s)
		return
	}
	for i := range len(s) {
		switch s[i] {
		case '~':
			sb.WriteString("~0")
		case '/':
			sb.WriteString("~1")
		default:
			sb.WriteByte(s[i])
		}
	}
}

// Join appends tokens (unescaped) to pointer ptr. The result is built in one allocation of its
// exact size (a builder growing as it went made three): the rules build pointers for every
// schema, parameter and response, and these were a sixth of a run's allocations.
func Join(ptr string, tokens ...string) string {
	n := len(ptr)
	for _, t := range tokens {
		n += 1 + escapedLen(t)
	}
	var sb strings.Builder
	sb.Grow(n)
	sb.WriteString(ptr)
	for _, t := range tokens {
		sb.WriteByte('/')
		writeToken(&sb, t)
	}
	return sb.String()
}

// Index appends an array index to pointer ptr.
func Index(ptr string, i int) string { return ptr + "/" + strconv.Itoa(i) }

// SplitPointer returns the unescaped reference tokens of ptr; ok is false for a malformed pointer.
func SplitPointer(ptr string) (tokens []string, ok bool) {
	if ptr == "" {
		return nil, true
	}
	if ptr[0] != '/' {
		return nil, false
	}
	parts := strings.Split(ptr[1:], "/")
	for i, p := range parts {
		if strings.Contains(p, "~") {
			// Only ~0 and ~1 are valid escapes.
			for j := 0; j < len(p); j++ {
				if p[j] == '~' && (j+1 >= len(p) || (p[j+1] != '0' && p[j+1] != '1')) {
					return nil, false
				}
			}
			parts[i] = tokenUnescaper.Replace(p)
		}
	}
	return parts, true
}

// Lookup resolves an RFC 6901 pointer. It returns the value node and, when the value is an object
// member, the member (for the position of its name). Both are nil when the pointer does not resolve.
func (d *Document) Lookup(ptr string) (*Node, *Member) {
	tokens, ok := SplitPointer(ptr)
	if !ok || d.Root == nil {
		return nil, nil
	}
	n := d.Root
	var m *Member
	for _, t := range tokens {
		switch n.Kind {
		case Object:
			m = d.member(n, t)
			if m == nil {
				return nil, nil
			}
			n = m.Value
		case Array:
			// RFC 6901: an index is "0" or digits without a leading zero (no sign, no "-0").
			i, err := strconv.Atoi(t)
			if err != nil || !isDigits(t) || i >= len(n.Items) || (len(t) > 1 && t[0] == '0') {
				return nil, nil
			}
			n, m = n.Items[i], nil
		default:
			return nil, nil
		}
	}
	return n, m
}

// bigObject is the member count from which Lookup finds names through a map: a finding on each of
// 10,000 paths looks its parent up by pointer, and a scan of /paths for each would be quadratic.
const bigObject = 64

// member is n.Member(name), through an index built once per big object.
func (d *Document) member(n *Node, name string) *Member {
	if len(n.Members) < bigObject {
		return n.Member(name)
	}
	d.mu.Lock()
	idx, ok := d.index[n]
	if !ok {
		idx = make(map[string]int, len(n.Members))
		for i := range n.Members {
			idx[n.Members[i].Name] = i // the last duplicate wins, as in Member
		}
		if d.index == nil {
			d.index = map[*Node]map[string]int{}
		}
		d.index[n] = idx
	}
	d.mu.Unlock()
	if i, ok := idx[name]; ok {
		return &n.Members[i]
	}
	return nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Span is the line/column range of bytes [start, end).
func (d *Document) Span(start, end int) textpos.Span { return d.Lines.Span(start, end) }

// ValueSpan is the range of a value (the whole object or array for containers).
func (d *Document) ValueSpan(n *Node) textpos.Span { return d.Lines.Span(n.Start, n.End) }

// NameSpan is the range of a member's quoted name.
func (d *Document) NameSpan(m *Member) textpos.Span { return d.Lines.Span(m.NameStart, m.NameEnd) }

// PointerAt is the pointer of the innermost value whose range holds byte offset off, or of the
// member whose quoted name holds it; a comma or white space between members or items belongs to
// the enclosing object or array. ok is false when the file has no tree or off is outside it.
func (d *Document) PointerAt(off int) (ptr string, ok bool) {
	n := d.Root
	if n == nil || off < n.Start || off >= n.End {
		return "", false
	}
	var sb strings.Builder
	// Members and items are in file order, so the one that may hold off is found by binary search:
	// each call costs O(depth * log width), however many problems a file has.
	for {
		switch n.Kind {
		case Object:
			i := sort.Search(len(n.Members), func(i int) bool { return n.Members[i].NameStart > off }) - 1
			if i >= 0 {
				m := &n.Members[i]
				if off < m.NameEnd {
					sb.WriteByte('/')
					sb.WriteString(EscapeToken(m.Name))
					return sb.String(), true
				}
				if off >= m.Value.Start && off < m.Value.End {
					sb.WriteByte('/')
					sb.WriteString(EscapeToken(m.Name))
					n = m.Value
					continue
				}
			}
		case Array:
			i := sort.Search(len(n.Items), func(i int) bool { return n.Items[i].Start > off }) - 1
			if i >= 0 && off < n.Items[i].End {
				sb.WriteByte('/')
				sb.WriteString(strconv.Itoa(i))
				n = n.Items[i]
				continue
			}
		}
		return sb.String(), true
	}
}

// Step is one step of a walk from the root: an object member (Index -1) or an array index.
type Step struct {
	Name  string
	Index int
}

// Path is a walk's stack of steps; its pointer is built only when asked for (a finding).
type Path []Step

// Pointer is the RFC 6901 pointer of p.
func (p Path) Pointer() string {
	var sb strings.Builder
	for _, st := range p {
		sb.WriteByte('/')
		if st.Index >= 0 {
			sb.WriteString(strconv.Itoa(st.Index))
		} else {
			sb.WriteString(EscapeToken(st.Name))
		}
	}
	return sb.String()
}
