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
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

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
	Kind    Kind
	Start   int
	End     int
	Text    string   // String: the decoded value; Number: the literal; Bool: "true" or "false"
	Members []Member // Object: every member in file order, duplicates included
	Items   []*Node  // Array
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
	if n == nil || n.Kind != Object {
		return nil
	}
	for i := len(n.Members) - 1; i >= 0; i-- {
		if n.Members[i].Name == name {
			return &n.Members[i]
		}
	}
	return nil
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
}

// Parse never fails: what is wrong with the input becomes a Problem.
func Parse(data []byte) *Document {
	doc := &Document{Data: data, Lines: textpos.New(data)}
	work := data
	if bytes.HasPrefix(data, bom) {
		doc.Problems = append(doc.Problems, Problem{Kind: ByteOrderMark, Start: 0, End: 3})
		work = append([]byte(nil), data...)
		copy(work, "   ")
	}
	if !utf8.Valid(data) {
		off := firstInvalidUTF8(data)
		doc.Problems = append(doc.Problems, Problem{Kind: InvalidUTF8, Start: off, End: off + 1})
	}
	root, dups, err := build(work, work)
	if err == nil {
		doc.Root = root
		doc.Problems = append(doc.Problems, dups...)
		return doc
	}
	repaired, fixes := sanitize(work)
	if len(fixes) == 0 {
		doc.Problems = append(doc.Problems, syntaxProblem(work, err))
		return doc
	}
	doc.Problems = append(doc.Problems, fixes...)
	root, dups, err = build(repaired, work)
	if err != nil {
		doc.Problems = append(doc.Problems, syntaxProblem(repaired, err))
		return doc
	}
	doc.Root = root
	doc.Problems = append(doc.Problems, dups...)
	return doc
}

var bom = []byte{0xEF, 0xBB, 0xBF}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return 0
}

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
	buf  []byte   // the bytes being decoded (repaired, if a repair pass ran)
	src  []byte   // the same bytes before the repair pass: number literals are taken from here
	path []string // escaped pointer tokens of the value being built
	dups []Problem
}

func build(buf, src []byte) (*Node, []Problem, error) {
	b := &builder{
		dec: jsontext.NewDecoder(bytes.NewBuffer(buf),
			jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true)),
		buf: buf,
		src: src,
	}
	root, err := b.value()
	if err != nil {
		return nil, nil, err
	}
	// jsontext reads a stream of values; a connector file holds exactly one.
	if _, err := b.dec.ReadToken(); err != io.EOF {
		if err == nil {
			return nil, nil, &jsontext.SyntacticError{ByteOffset: int64(b.tokenStart(root.End)), Err: errExtraData}
		}
		return nil, nil, err
	}
	return root, b.dups, nil
}

var errExtraData = errors.New("unexpected data after the top-level value")

// tokenStart finds where the token that ended at end begins, given where the previous one ended:
// jsontext reports only end offsets, and between tokens there is only white space, ',' and ':'.
func (b *builder) tokenStart(prev int) int {
	for prev < len(b.buf) {
		switch b.buf[prev] {
		case ' ', '\t', '\n', '\r', ',', ':':
			prev++
			continue
		}
		break
	}
	return prev
}

func (b *builder) value() (*Node, error) {
	prev := int(b.dec.InputOffset())
	tok, err := b.dec.ReadToken()
	if err != nil {
		return nil, err
	}
	n := &Node{Start: b.tokenStart(prev)}
	switch tok.Kind() {
	case 'n':
		n.Kind = Null
	case 't', 'f':
		n.Kind, n.Text = Bool, strconv.FormatBool(tok.Bool())
	case '"':
		n.Kind, n.Text = String, tok.String()
	case '0':
		n.Kind = Number
		n.Text = string(b.src[n.Start:int(b.dec.InputOffset())])
	case '{':
		n.Kind = Object
		if err := b.object(n); err != nil {
			return nil, err
		}
	case '[':
		n.Kind = Array
		if err := b.array(n); err != nil {
			return nil, err
		}
	}
	n.End = int(b.dec.InputOffset())
	return n, nil
}

func (b *builder) object(n *Node) error {
	var seen map[string]int // built only for large objects; small ones are scanned
	for {
		switch b.dec.PeekKind() {
		case '}':
			_, err := b.dec.ReadToken()
			return err
		case 0:
			_, err := b.dec.ReadToken()
			return err
		}
		prev := int(b.dec.InputOffset())
		tok, err := b.dec.ReadToken()
		if err != nil {
			return err
		}
		m := Member{Name: tok.String(), NameStart: b.tokenStart(prev), NameEnd: int(b.dec.InputOffset())}
		b.path = append(b.path, EscapeToken(m.Name))
		m.Value, err = b.value()
		b.path = b.path[:len(b.path)-1]
		if err != nil {
			return err
		}
		first := -1
		if len(n.Members) >= 16 && seen == nil {
			seen = make(map[string]int, 2*len(n.Members))
			for i, prior := range n.Members {
				if _, dup := seen[prior.Name]; !dup {
					seen[prior.Name] = i
				}
			}
		}
		if seen != nil {
			if i, ok := seen[m.Name]; ok {
				first = i
			} else {
				seen[m.Name] = len(n.Members)
			}
		} else {
			for i := range n.Members {
				if n.Members[i].Name == m.Name {
					first = i
					break
				}
			}
		}
		if first >= 0 {
			f := n.Members[first]
			b.dups = append(b.dups, Problem{
				Kind: DuplicateKey, Start: m.NameStart, End: m.NameEnd,
				Pointer:    b.pointer(m.Name),
				FirstStart: f.NameStart, FirstEnd: f.NameEnd,
				SameValue: sameJSON(b.buf[f.Value.Start:f.Value.End], b.buf[m.Value.Start:m.Value.End]),
			})
		}
		n.Members = append(n.Members, m)
	}
}

func (b *builder) array(n *Node) error {
	for i := 0; ; i++ {
		switch b.dec.PeekKind() {
		case ']':
			_, err := b.dec.ReadToken()
			return err
		case 0:
			_, err := b.dec.ReadToken()
			return err
		}
		b.path = append(b.path, strconv.Itoa(i))
		item, err := b.value()
		b.path = b.path[:len(b.path)-1]
		if err != nil {
			return err
		}
		n.Items = append(n.Items, item)
	}
}

func (b *builder) pointer(last string) string {
	var sb strings.Builder
	for _, t := range b.path {
		sb.WriteByte('/')
		sb.WriteString(t)
	}
	sb.WriteByte('/')
	sb.WriteString(EscapeToken(last))
	return sb.String()
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
