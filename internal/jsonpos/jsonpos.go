// Package jsonpos parses a JSON file into a tree that keeps the byte range of every key and value,
// so that any RFC 6901 pointer maps to an exact line and column.
//
// Tokens come from encoding/json/v2's jsontext decoder. Real connector files are not always strict
// JSON (rules.md §0.4): a leading BOM, trailing commas, comments, raw tabs inside strings, NaN,
// invalid UTF-8 and duplicate keys all occur in published connectors. jsontext has no lenient mode,
// so this package adds the one thing no maintained library does: a small offset-preserving repair
// pass (sanitize.go) that blanks those constructs with spaces, so that every offset of the repaired
// copy is the offset in the original file, and the tree still points at the real bytes.
package jsonpos

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/connector-check/connector-check/internal/textpos"
	"github.com/go-json-experiment/json/jsontext"
)

// Kind is the JSON type of a node.
type Kind uint8

const (
	Null Kind = iota + 1
	Bool
	Number
	String
	Object
	Array
)

func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case Bool:
		return "boolean"
	case Number:
		return "number"
	case String:
		return "string"
	case Object:
		return "object"
	case Array:
		return "array"
	}
	return "invalid"
}

// Node is one JSON value with its byte range [Start, End) in the original file.
type Node struct {
	Kind Kind
	// names summarises an object's member names as the parser built it, one bit per name (see
	// nameBit), when haveNames is set: a lookup of a name whose bit is clear needs no scan.
	// Rules mostly ask for members that aren't there (x-ms-* extensions, optional keys), each
	// time over every member; the scans were a sixteenth of a run over the corpus. A Node built
	// by hand has haveNames false: every lookup scans. (Both fit in the padding after Kind.)
	haveNames bool
	names     uint32
	Start     int
	End       int
	Text      string   // String: the decoded value; Number: the literal; Bool: "true" or "false"
	Members   []Member // Object: every member in file order, duplicates included
	Items     []*Node  // Array
}

// Member is one name/value pair of an object, with the byte range of its (quoted) name.
type Member struct {
	Name      string
	NameStart int
	NameEnd   int
	Value     *Node
}

// Member returns the member called name. With duplicate names the last one wins, as in the
// platform's own parser.
func (n *Node) Member(name string) *Member {
	if n == nil || n.Kind != Object || n.haveNames && n.names&nameBit(name) == 0 {
		return nil
	}
	for i := len(n.Members) - 1; i >= 0; i-- {
		if n.Members[i].Name == name {
			return &n.Members[i]
		}
	}
	return nil
}

// nameBit is the bit of Node.names that stands for a member called name: from its length and its
// first and last bytes, which tell apart the names a connector's rules look up (and fold to
// constants for a constant name).
func nameBit(name string) uint32 {
	if len(name) == 0 {
		return 1
	}
	return 1 << ((uint(len(name)) + 21*uint(name[0]) + 5*uint(name[len(name)-1])) & 31)
}

// Get returns the value of member name, or nil.
func (n *Node) Get(name string) *Node {
	if m := n.Member(name); m != nil {
		return m.Value
	}
	return nil
}

// MemberFold returns the last member whose name equals name case-insensitively.
func (n *Node) MemberFold(name string) *Member {
	if n == nil || n.Kind != Object {
		return nil
	}
	for i := len(n.Members) - 1; i >= 0; i-- {
		if strings.EqualFold(n.Members[i].Name, name) {
			return &n.Members[i]
		}
	}
	return nil
}

// Str returns the node's string value; ok is false for non-strings and nil nodes.
func (n *Node) Str() (s string, ok bool) {
	if n == nil || n.Kind != String {
		return "", false
	}
	return n.Text, true
}

// Is reports whether the node exists and has kind k.
func (n *Node) Is(k Kind) bool { return n != nil && n.Kind == k }

// ProblemKind classifies what the loader found wrong with the file itself.
type ProblemKind uint8

const (
	SyntaxError ProblemKind = iota + 1
	TrailingComma
	Comment
	ControlCharacter
	NonFiniteNumber
	DuplicateKey
	ByteOrderMark
	InvalidUTF8
	// NonASCIIWhitespace: a run of Unicode white space other than JSON's four (U+00A0, U+2003,
	// U+3000...) between tokens, which .NET readers skip (char.IsWhiteSpace) and JSON forbids.
	NonASCIIWhitespace
)

// Problem is one defect of the file's encoding or syntax, with its byte range.
type Problem struct {
	Kind    ProblemKind
	Start   int
	End     int
	Pointer string // where the problem sits, if known
	Detail  string // for SyntaxError: what the parser expected
	// DuplicateKey only: the first occurrence and whether both values are the same JSON.
	FirstStart, FirstEnd int
	SameValue            bool
}

// Document is a parsed file: its bytes, its line index, its tree and its problems.
type Document struct {
	Data     []byte
	Lines    *textpos.Index
	Root     *Node // nil when the file is not JSON even after the lenient repairs
	Problems []Problem
	// MoreDuplicates counts the DuplicateKey problems left out of Problems past
	// MaxDuplicateProblems of each kind: [0] with another value, [1] with the same value.
	MoreDuplicates [2]int

	mu    sync.Mutex
	index map[*Node]map[string]int // member indexes of big objects, for Lookup
}

// Parse never fails: what is wrong with the input becomes a Problem.
func Parse(data []byte) *Document { return ParseIn(data, nil) }

// ParseIn is Parse with the tree in arena a (nil: allocated on its own): the Document is valid
// until a's Reset.
func ParseIn(data []byte, a *Arena) *Document {
	doc := &Document{Data: data, Lines: textpos.New(data)}
	work := data
	if bytes.HasPrefix(data, bom) {
		doc.Problems = append(doc.Problems, Problem{Kind: ByteOrderMark, Start: 0, End: 3})
		work = append([]byte(nil), data...)
		copy(work, "   ")
	}
	off := textpos.FirstInvalidUTF8(data)
	if off >= 0 {
		doc.Problems = append(doc.Problems, Problem{Kind: InvalidUTF8, Start: off, End: off + 1})
	}
	root, dups, more, err := build(work, work, off < 0, a)
	if err == nil {
		doc.Root = root
		doc.Problems = append(doc.Problems, dups...)
		doc.MoreDuplicates = more
		return doc
	}
	repaired, fixes := sanitize(work)
	if len(fixes) == 0 || errors.Is(err, ErrTooManyValues) { // repairs add no values
		doc.Problems = append(doc.Problems, syntaxProblem(work, err))
		return doc
	}
	doc.Problems = append(doc.Problems, fixes...)
	root, dups, more, err = build(repaired, work, off < 0, a)
	if err != nil {
		doc.Problems = append(doc.Problems, syntaxProblem(repaired, err))
		return doc
	}
	doc.Root = root
	doc.Problems = append(doc.Problems, dups...)
	doc.MoreDuplicates = more
	return doc
}

var bom = []byte{0xEF, 0xBB, 0xBF}

func syntaxProblem(data []byte, err error) Problem {
	var se *jsontext.SyntacticError
	off := len(data)
	detail := err.Error()
	switch {
	case errors.As(err, &se):
		off = int(se.ByteOffset)
		if se.Err != nil {
			detail = se.Err.Error()
		}
		if errors.Is(se.Err, io.ErrUnexpectedEOF) {
			off = len(data)
			detail = "unexpected end of file (an object or array is not closed)"
		}
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		detail = "unexpected end of file (an object or array is not closed)"
	}
	if errors.Is(err, ErrTooDeep) {
		detail = ErrTooDeep.Error()
	}
	if errors.Is(err, ErrTooManyValues) {
		detail = ErrTooManyValues.Error()
	}
	if strings.TrimSpace(string(data)) == "" {
		off, detail = 0, "the file is empty"
	}
	// jsontext already points at the offending byte. That byte may itself be white space (a line
	// break inside a string, a space inside a literal), so it must not be skipped.
	if off > len(data) {
		off = len(data)
	}
	end := off + 1
	if end > len(data) {
		end = len(data)
	}
	return Problem{Kind: SyntaxError, Start: off, End: end, Detail: detail}
}

// builder turns jsontext tokens into Nodes and records duplicate names.
type builder struct {
	dec  *jsontext.Decoder
	buf  []byte     // the bytes being decoded (repaired, if a repair pass ran)
	src  []byte     // the same bytes before the repair pass: number literals are taken from here
	path []pathElem // where the value being built sits, for the pointer of a duplicate key
	dups []Problem
	// dupKinds counts the listed duplicates [different value, same value]; moreDups the rest.
	dupKinds, moreDups [2]int
	compacted          map[int]jsontext.Value // compact forms of large first occurrences, by offset

	// Allocation matters here (every file of every connector goes through it): nodes come from
	// slabs, members and items collect on shared stacks and are copied out once per container at
	// its exact size, and member names share the input like string values (interning them in a
	// map cost a sixteenth of a run over the corpus in lookups alone).
	slab    []Node
	members []Member
	items   []*Node
	arena   *Arena // where nodes and lists come from, when set
	depth   int
	values  int // values read so far, at most MaxValues
	// validUTF8: the whole input is valid UTF-8, so no string needs checking on its own.
	validUTF8 bool
}

// MaxDepth is how deeply objects and arrays may nest. The deepest file of ../shared/corpus nests
// 28 levels (Hume's swagger); past this bound a file is an attack or a generator bug, and every recursive
// walk over the tree stays cheap.
const MaxDepth = 256

// MaxValues is how many values (scalars, objects and arrays) one file may hold. The largest file
// of ../shared/corpus (HubSpot's 1 MB swagger) holds about 70,000; a tree node costs about 100
// bytes, so a 32 MB file of "[0,0,0,...]" would otherwise take 1.6 GB for 16 million nodes.
const MaxValues = 1 << 20

// ErrTooManyValues is the SyntaxError detail of a file with more than MaxValues values.
var ErrTooManyValues = fmt.Errorf("the file holds more than %d values", MaxValues)

// ErrTooDeep is the SyntaxError detail of a file nested deeper than MaxDepth.
var ErrTooDeep = fmt.Errorf("objects and arrays nest more than %d levels deep", MaxDepth)

// pathElem is a member name or, when index >= 0, an array index; escaping waits until a pointer
// is actually needed.
type pathElem struct {
	name  string
	index int
}

const (
	slabSize    = 256
	maxSlabSize = 4096
)

// MaxDuplicateProblems is how many DuplicateKey problems of each kind (same value or not) a
// Document lists; the rest are only counted (MoreDuplicates). A file of a million duplicate keys
// then costs a count, not a million problems with their pointers.
const MaxDuplicateProblems = 1000

func build(buf, src []byte, validUTF8 bool, a *Arena) (*Node, []Problem, [2]int, error) {
	b := &builder{validUTF8: validUTF8, buf: buf, src: src, arena: a}
	if a != nil {
		b.dec = a.decoder(buf)
		b.members, b.items, b.path = a.memberStack, a.itemStack, a.pathStack
		defer func() { a.memberStack, a.itemStack, a.pathStack = b.members[:0], b.items[:0], b.path[:0] }()
	} else {
		b.dec = jsontext.NewDecoder(bytes.NewBuffer(buf), decoderOptions...)
	}
	root, err := b.value()
	if err != nil {
		return nil, nil, [2]int{}, err
	}
	// jsontext reads a stream of values; a connector file holds exactly one.
	if _, err := b.dec.ReadToken(); err != io.EOF {
		if err == nil {
			return nil, nil, [2]int{}, &jsontext.SyntacticError{ByteOffset: int64(tokenStart(buf, root.End)), Err: errExtraData}
		}
		return nil, nil, [2]int{}, err
	}
	return root, b.dups, b.moreDups, nil
}

var errExtraData = errors.New("unexpected data after the top-level value")

// tokenStart skips the white space, ',' and ':' that separate tokens.
func tokenStart(buf []byte, prev int) int {
	for prev < len(buf) {
		switch buf[prev] {
		case ' ', '\t', '\n', '\r', ',', ':':
			prev++
			continue
		}
		break
	}
	return prev
}

func (b *builder) node() *Node {
	if b.arena != nil {
		return &b.arena.nodes.take(1)[0]
	}
	if len(b.slab) == cap(b.slab) {
		// The first slab is sized from the input (about one value per 24 bytes of a typical
		// swagger), so a small file doesn't pay for a large slab; later ones double.
		size := min(max(len(b.buf)/24, 16), slabSize)
		if cap(b.slab) > 0 {
			size = min(2*cap(b.slab), maxSlabSize)
		}
		b.slab = make([]Node, 0, size)
	}
	b.slab = b.slab[:len(b.slab)+1]
	return &b.slab[len(b.slab)-1]
}

// value reads one value. Containers are read as tokens (a delimiter is one byte, so it starts one
// byte before the offset jsontext reports); scalars are read raw, which gives their exact start.
func (b *builder) value() (*Node, error) {
	kind := b.dec.PeekKind()
	if b.values++; kind != 0 && b.values > MaxValues {
		return nil, &jsontext.SyntacticError{ByteOffset: int64(tokenStart(b.buf, int(b.dec.InputOffset()))), Err: ErrTooManyValues}
	}
	switch kind {
	case 0: // an error: the next read returns it
		_, err := b.dec.ReadToken()
		return nil, err
	case '{', '[':
		if _, err := b.dec.ReadToken(); err != nil {
			return nil, err
		}
		n := b.node()
		n.Start = int(b.dec.InputOffset()) - 1
		if b.depth++; b.depth > MaxDepth {
			return nil, &jsontext.SyntacticError{ByteOffset: int64(n.Start), Err: ErrTooDeep}
		}
		defer func() { b.depth-- }()
		var err error
		if kind == '{' {
			n.Kind = Object
			err = b.object(n)
		} else {
			n.Kind = Array
			err = b.array(n)
		}
		if err != nil {
			return nil, err
		}
		n.End = int(b.dec.InputOffset())
		return n, nil
	default:
		raw, err := b.dec.ReadValue()
		if err != nil {
			return nil, err
		}
		n := b.node()
		n.End = int(b.dec.InputOffset())
		n.Start = n.End - len(raw)
		switch kind {
		case 'n':
			n.Kind = Null
		case 't':
			n.Kind, n.Text = Bool, "true"
		case 'f':
			n.Kind, n.Text = Bool, "false"
		case '"':
			n.Kind, n.Text = String, b.unquote(raw, n.Start)
		default:
			// A number literal is never empty; like strings, it shares the input.
			n.Kind, n.Text = Number, unsafe.String(&b.src[n.Start], n.End-n.Start)
		}
		return n, nil
	}
}

// unquote decodes the raw JSON string that starts at buf[start]. Most strings have no escapes:
// their text is then the bytes between the quotes, and the string shares the builder's buffer
// (which nothing writes to once parsed) instead of being copied: a swagger is mostly strings, and
// their copies were a tenth of a parse.
func (b *builder) unquote(raw []byte, start int) string {
	inner := raw[1 : len(raw)-1]
	if len(inner) > 0 && bytes.IndexByte(inner, '\\') < 0 && (b.validUTF8 || utf8.Valid(inner)) {
		return unsafe.String(&b.buf[start+1], len(inner))
	}
	return unquote(raw)
}

// unquote decodes a raw JSON string; invalid UTF-8 becomes U+FFFD, as jsontext does.
func unquote(raw []byte) string {
	inner := raw[1 : len(raw)-1]
	if bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) {
		return string(inner)
	}
	s, _ := jsontext.AppendUnquote(nil, raw)
	return string(s)
}

// name reads an object member name; like a string value, it shares the input when it can.
func (b *builder) name() (string, int, int, error) {
	raw, err := b.dec.ReadValue()
	if err != nil {
		return "", 0, 0, err
	}
	end := int(b.dec.InputOffset())
	start := end - len(raw)
	return b.unquote(raw, start), start, end, nil
}

// memberChunk is how many members of one object the shared stack holds; past it they go to chunks
// of their own. Growing one contiguous stack for an object of 400,000 members copied it again
// and again, and the copies (large allocations, cleared, then filled under the collector's write
// barriers) grew faster than the object.
const memberChunk = 4096

func (b *builder) object(n *Node) error {
	mark := len(b.members)
	defer func() { b.members = b.members[:mark] }()
	var seen map[string]int // built only for large objects; small ones are scanned
	var full [][]Member     // a big object's members past the stack: full chunks, in order
	var names uint32
	for {
		switch b.dec.PeekKind() {
		case '}':
			_, err := b.dec.ReadToken()
			n.names, n.haveNames = names, true
			if len(full) > 0 {
				n.Members = make([]Member, 0, len(full)*memberChunk+len(b.members)-mark)
				for _, c := range full {
					n.Members = append(n.Members, c...)
				}
				n.Members = append(n.Members, b.members[mark:]...)
			} else if len(b.members) > mark {
				n.Members = b.memberList(b.members[mark:])
			}
			return err
		case 0:
			_, err := b.dec.ReadToken()
			return err
		}
		if len(b.members)-mark == memberChunk {
			full = append(full, append([]Member(nil), b.members[mark:]...))
			b.members = b.members[:mark]
		}
		var m Member
		var err error
		if m.Name, m.NameStart, m.NameEnd, err = b.name(); err != nil {
			return err
		}
		names |= nameBit(m.Name)
		b.path = append(b.path, pathElem{name: m.Name, index: -1})
		m.Value, err = b.value()
		b.path = b.path[:len(b.path)-1]
		if err != nil {
			return err
		}
		own := b.members[mark:]
		count := len(full)*memberChunk + len(own) // members before m
		first := -1
		if len(own) >= 16 && seen == nil { // (before any chunk: a chunk is larger)
			seen = make(map[string]int, 2*len(own))
			for i, prior := range own {
				if _, dup := seen[prior.Name]; !dup {
					seen[prior.Name] = i
				}
			}
		}
		if seen != nil {
			if i, ok := seen[m.Name]; ok {
				first = i
			} else {
				seen[m.Name] = count
			}
		} else {
			for i := range own {
				if own[i].Name == m.Name {
					first = i
					break
				}
			}
		}
		if first >= 0 {
			var f Member
			if first < len(full)*memberChunk {
				f = full[first/memberChunk][first%memberChunk]
			} else {
				f = own[first-len(full)*memberChunk]
			}
			same := b.sameAsFirst(f.Value, m.Value)
			k := 0
			if same {
				k = 1
			}
			if b.dupKinds[k] < MaxDuplicateProblems {
				b.dupKinds[k]++
				b.dups = append(b.dups, Problem{
					Kind: DuplicateKey, Start: m.NameStart, End: m.NameEnd,
					Pointer:    b.pointer(m.Name),
					FirstStart: f.NameStart, FirstEnd: f.NameEnd,
					SameValue: same,
				})
			} else {
				b.moreDups[k]++
			}
		}
		b.members = append(b.members, m)
	}
}

// memberList is a copy of ms at its exact size, from the arena when there is one.
func (b *builder) memberList(ms []Member) []Member {
	if b.arena == nil {
		return append([]Member(nil), ms...)
	}
	out := b.arena.members.take(len(ms))
	copy(out, ms)
	return out
}

func (b *builder) array(n *Node) error {
	mark := len(b.items)
	defer func() { b.items = b.items[:mark] }()
	for i := 0; ; i++ {
		switch b.dec.PeekKind() {
		case ']':
			_, err := b.dec.ReadToken()
			if len(b.items) > mark {
				if b.arena != nil {
					n.Items = b.arena.items.take(len(b.items) - mark)
					copy(n.Items, b.items[mark:])
				} else {
					n.Items = append([]*Node(nil), b.items[mark:]...)
				}
			}
			return err
		case 0:
			_, err := b.dec.ReadToken()
			return err
		}
		b.path = append(b.path, pathElem{index: i})
		item, err := b.value()
		b.path = b.path[:len(b.path)-1]
		if err != nil {
			return err
		}
		b.items = append(b.items, item)
	}
}

func (b *builder) pointer(last string) string {
	var sb strings.Builder
	for _, e := range b.path {
		sb.WriteByte('/')
		if e.index >= 0 {
			sb.WriteString(strconv.Itoa(e.index))
		} else {
			sb.WriteString(EscapeToken(e.name))
		}
	}
	sb.WriteByte('/')
	sb.WriteString(EscapeToken(last))
	return sb.String()
}

// sameAsFirst is sameJSON for a duplicate's value and the first occurrence's. The first one's
// compact form is kept when it is large: a 1 MB first value followed by a million small
// duplicates would otherwise be compacted a million times.
func (b *builder) sameAsFirst(first, dup *Node) bool {
	a, d := b.buf[first.Start:first.End], b.buf[dup.Start:dup.End]
	if same, ok := sameScalar(first.Kind, dup.Kind, a, d); ok {
		return same
	}
	if len(a) < 1024 || bytes.Equal(a, d) {
		return sameJSON(a, d)
	}
	if b.compacted == nil {
		b.compacted = map[int]jsontext.Value{}
	}
	validA := utf8.Valid(a)
	if validA && !utf8.Valid(d) {
		return sameJSON(a, d) // raw strings for both: the kept form doesn't apply
	}
	ca, ok := b.compacted[first.Start]
	if !ok {
		ca = compact(a, !validA)
		b.compacted[first.Start] = ca
	}
	cd := compact(d, !validA)
	return ca != nil && cd != nil && bytes.Equal(ca, cd)
}

// sameScalar is sameJSON for two values of kinds ka and kb without compacting them, when that is
// certain (ok): values of different kinds differ; numbers, booleans and null hold no white space
// or escapes, so they are the same exactly when their bytes are; so are strings without escapes
// in valid UTF-8. A file of 400,000 duplicate keys made compacting copies of both values a
// fifth of its parse.
func sameScalar(ka, kb Kind, a, b []byte) (same, ok bool) {
	switch {
	case ka == Object || ka == Array || kb == Object || kb == Array:
		return false, ka != kb
	case ka != kb:
		return false, true
	case ka != String:
		return bytes.Equal(a, b), true
	case bytes.IndexByte(a, '\\') < 0 && bytes.IndexByte(b, '\\') < 0 && utf8.Valid(a) && utf8.Valid(b):
		return bytes.Equal(a, b), true
	}
	return false, false
}

// compact is v without insignificant white space and with strings escaped one way; nil when v
// does not compact.
func compact(v []byte, raw bool) jsontext.Value {
	c := jsontext.Value(bytes.Clone(v))
	if c.Compact(jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true), jsontext.PreserveRawStrings(raw)) != nil {
		return nil
	}
	return c
}

// sameJSON compares two raw values ignoring insignificant white space and how strings are escaped
// ("é" and "\u00e9" are the same string). Strings with invalid UTF-8 are compared byte for byte,
// since both "\xe9" and "\xf8" would otherwise become U+FFFD.
func sameJSON(a, b []byte) bool {
	if bytes.Equal(a, b) {
		return true
	}
	va, vb := jsontext.Value(bytes.Clone(a)), jsontext.Value(bytes.Clone(b))
	opts := []jsontext.Options{jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true),
		jsontext.PreserveRawStrings(!utf8.Valid(a) || !utf8.Valid(b))}
	if va.Compact(opts...) != nil || vb.Compact(opts...) != nil {
		return false
	}
	return bytes.Equal(va, vb)
}
