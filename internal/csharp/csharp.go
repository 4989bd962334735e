// Package csharp is a hand-written C# lexer for script.csx: just enough to tell code from
// comments and literals, so that the script rules match tokens and never text inside a comment
// or a string. It covers line and block comments, regular, verbatim, interpolated (with nested
// holes) and raw string literals, character literals, preprocessor and #r lines, identifiers
// (also @verbatim ones), numbers and punctuation. It never fails: unterminated constructs end at
// the end of the line or of the file.
package csharp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is what a token is.
type Kind uint8

const (
	Ident Kind = iota + 1
	Number
	String // any string literal; Value holds the content of one without interpolation holes
	Char
	Punct
	Directive // a # line: #r "x.dll", #load, #region, #if
)

// Token is one token of a script.
type Token struct {
	Kind         Kind
	Text         string // the source text of the token
	Value        string // identifiers without @; decoded content of non-interpolated strings
	Start, End   int    // byte offsets in the file
	Line         int    // 1-based line of Start (a CR LF, LF or lone CR ends a line)
	Interpolated bool
}

type scanner struct {
	src    []byte
	i      int
	toks   []Token
	lnPos  int // line is the line of offset lnPos
	line   int
	bolPos int // offset of the start of the current line, for # directives
}

// maxHoleDepth bounds nested interpolation ($"{$"{...}"}"); deeper holes are skipped flatly.
const maxHoleDepth = 32

// Scan splits a C# script into tokens, skipping white space and comments.
func Scan(src []byte) []Token {
	s := &scanner{src: src, line: 1}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		s.i, s.lnPos, s.bolPos = 3, 3, 3
	}
	for s.i < len(s.src) {
		s.next()
	}
	return s.toks
}

// lineOf returns the line of offset off (>= every earlier call's offset).
func (s *scanner) lineOf(off int) int {
	for ; s.lnPos < off && s.lnPos < len(s.src); s.lnPos++ {
		switch s.src[s.lnPos] {
		case '\n':
			s.line++
		case '\r':
			if s.lnPos+1 >= len(s.src) || s.src[s.lnPos+1] != '\n' {
				s.line++
			}
		}
	}
	return s.line
}

func (s *scanner) emit(k Kind, start int, value string, interp bool) {
	s.toks = append(s.toks, Token{Kind: k, Text: string(s.src[start:s.i]), Value: value,
		Start: start, End: s.i, Line: s.lineOf(start), Interpolated: interp})
}

func (s *scanner) peek(k int) byte {
	if s.i+k < len(s.src) {
		return s.src[s.i+k]
	}
	return 0
}

func isNewline(c byte) bool { return c == '\n' || c == '\r' }

// atLineStart reports whether only white space (or the BOM) precedes offset i on its line.
func (s *scanner) atLineStart(i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch s.src[j] {
		case ' ', '\t', '\f', '\v':
			continue
		case '\n', '\r':
			return true
		}
		return j == 2 && s.src[0] == 0xEF && s.src[1] == 0xBB && s.src[2] == 0xBF
	}
	return true
}

func (s *scanner) next() {
	c := s.src[s.i]
	start := s.i
	switch {
	case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
		s.i++
	case c == '/' && s.peek(1) == '/':
		s.skipLine()
	case c == '/' && s.peek(1) == '*':
		s.i += 2
		for s.i < len(s.src) && !(s.src[s.i] == '*' && s.peek(1) == '/') {
			s.i++
		}
		s.i = min(s.i+2, len(s.src))
	case c == '#' && s.atLineStart(s.i):
		s.skipLine()
		s.emit(Directive, start, "", false)
	case c == '"' || c == '$' || (c == '@' && (s.peek(1) == '"' || s.peek(1) == '$')):
		if !s.literal(0) {
			s.i++
			s.emit(Punct, start, "", false)
		}
	case c == '\'':
		s.charLiteral()
		s.emit(Char, start, "", false)
	case c >= '0' && c <= '9' || c == '.' && s.peek(1) >= '0' && s.peek(1) <= '9':
		s.number()
		s.emit(Number, start, "", false)
	case c == '@' || c == '_' || c < utf8.RuneSelf && unicode.IsLetter(rune(c)) || c >= utf8.RuneSelf && s.identStartRune():
		if c == '@' {
			s.i++
		}
		s.ident()
		s.emit(Ident, start, strings.TrimPrefix(string(s.src[start:s.i]), "@"), false)
	default:
		s.punct()
		s.emit(Punct, start, "", false)
	}
}

func (s *scanner) skipLine() {
	for s.i < len(s.src) && !isNewline(s.src[s.i]) {
		s.i++
	}
}

func (s *scanner) identStartRune() bool {
	r, _ := utf8.DecodeRune(s.src[s.i:])
	return r != utf8.RuneError && unicode.IsLetter(r)
}

func (s *scanner) ident() {
	for s.i < len(s.src) {
		c := s.src[s.i]
		if c < utf8.RuneSelf {
			if c == '_' || unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c)) {
				s.i++
				continue
			}
			return
		}
		r, n := utf8.DecodeRune(s.src[s.i:])
		if r == utf8.RuneError || !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Pc, r)) {
			return
		}
		s.i += n
	}
}

func (s *scanner) number() {
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			s.i++
		case c == '.' && s.peek(1) >= '0' && s.peek(1) <= '9':
			s.i++
		default:
			return
		}
	}
}

var operators = []string{"==", "!=", "=>", "&&", "||", "??", "?.", "::", "<=", ">=", "++", "--", "+=", "-=", "*=", "/=", "->"}

func (s *scanner) punct() {
	if s.src[s.i] >= utf8.RuneSelf {
		_, n := utf8.DecodeRune(s.src[s.i:])
		s.i += n
		return
	}
	if s.i+1 < len(s.src) {
		two := string(s.src[s.i : s.i+2])
		for _, op := range operators {
			if two == op {
				s.i += 2
				return
			}
		}
	}
	s.i++
}

func (s *scanner) charLiteral() {
	s.i++ // '
	for s.i < len(s.src) && !isNewline(s.src[s.i]) {
		switch s.src[s.i] {
		case '\\':
			s.i += 2
			continue
		case '\'':
			s.i++
			return
		}
		s.i++
	}
	s.i = min(s.i, len(s.src))
}

// literal scans a string literal at s.i, with its $ and @ prefixes, and emits it (depth > 0:
// inside an interpolation hole, where nothing is emitted). It returns false when s.i doesn't
// start a literal (a lone $ or @).
func (s *scanner) literal(depth int) bool {
	start := s.i
	j := s.i
	dollars, verbatim := 0, false
	for j < len(s.src) && (s.src[j] == '$' || s.src[j] == '@') {
		if s.src[j] == '$' {
			dollars++
		} else {
			if verbatim {
				return false
			}
			verbatim = true
		}
		j++
	}
	if j >= len(s.src) || s.src[j] != '"' || (!verbatim && dollars == 0 && j != start) {
		return false
	}
	if verbatim && dollars > 1 {
		return false
	}
	quotes := 0
	for k := j; k < len(s.src) && s.src[k] == '"'; k++ {
		quotes++
	}
	s.i = j
	var value string
	switch {
	case !verbatim && quotes >= 3:
		value = s.rawString(quotes, dollars, depth)
	case verbatim:
		value = s.verbatimString(dollars > 0, depth)
	default:
		value = s.regularString(dollars > 0, depth)
	}
	if depth == 0 {
		if dollars > 0 {
			value = ""
		}
		s.emit(String, start, value, dollars > 0)
	}
	return true
}

// regularString scans "..." (s.i at the opening quote) and returns its decoded content.
func (s *scanner) regularString(interp bool, depth int) string {
	s.i++
	var b strings.Builder
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case isNewline(c):
			return b.String() // unterminated
		case c == '"':
			s.i++
			return b.String()
		case c == '\\' && s.i+1 < len(s.src) && !isNewline(s.src[s.i+1]):
			b.WriteByte(unescape(s.src[s.i+1]))
			s.i += 2
		case interp && s.interpolation(&b, c, depth):
		default:
			b.WriteByte(c)
			s.i++
		}
	}
	return b.String()
}

// interpolation consumes what an interpolated string does with c at s.i: a doubled brace is a
// literal brace, a single { opens a hole. It reports whether it consumed anything.
func (s *scanner) interpolation(b *strings.Builder, c byte, depth int) bool {
	switch {
	case (c == '{' || c == '}') && s.peek(1) == c:
		b.WriteByte(c)
		s.i += 2
	case c == '{':
		s.i++
		s.hole(1, depth)
	default:
		return false
	}
	return true
}

func unescape(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 't':
		return '\t'
	case 'r':
		return '\r'
	case '0':
		return 0
	}
	return c
}

// verbatimString scans @"..." (s.i at the opening quote): "" is a quote, lines may break.
func (s *scanner) verbatimString(interp bool, depth int) string {
	s.i++
	var b strings.Builder
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == '"' && s.peek(1) == '"':
			b.WriteByte('"')
			s.i += 2
		case c == '"':
			s.i++
			return b.String()
		case interp && s.interpolation(&b, c, depth):
		default:
			b.WriteByte(c)
			s.i++
		}
	}
	return b.String()
}

// rawString scans """...""" (s.i at the first of quotes quotes); with dollars > 0 a run of
// dollars braces opens a hole.
func (s *scanner) rawString(quotes, dollars, depth int) string {
	s.i += quotes
	from := s.i
	for s.i < len(s.src) {
		c := s.src[s.i]
		if c == '"' {
			n := 0
			for s.i+n < len(s.src) && s.src[s.i+n] == '"' {
				n++
			}
			if n >= quotes {
				content := string(s.src[from:s.i])
				s.i += n
				return content
			}
			s.i += n
			continue
		}
		if dollars > 0 && c == '{' {
			n := 0
			for s.i+n < len(s.src) && s.src[s.i+n] == '{' {
				n++
			}
			s.i += n
			if n >= dollars {
				s.hole(dollars, depth)
			}
			continue
		}
		s.i++
	}
	return string(s.src[from:])
}

// hole skips the code of an interpolation hole up to its closing brace(s), stepping over nested
// literals, comments and brackets. A ':' at the top level starts the format specifier.
func (s *scanner) hole(closers, depth int) {
	nest := 0
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == '/' && s.peek(1) == '/':
			s.skipLine()
		case c == '/' && s.peek(1) == '*':
			s.i += 2
			for s.i < len(s.src) && !(s.src[s.i] == '*' && s.peek(1) == '/') {
				s.i++
			}
			s.i = min(s.i+2, len(s.src))
		case c == '"' || c == '$' || c == '@':
			if depth >= maxHoleDepth || !s.literal(depth+1) {
				s.i++
			}
		case c == '\'':
			s.charLiteral()
		case c == '(' || c == '[' || c == '{':
			nest++
			s.i++
		case c == ')' || c == ']':
			nest--
			s.i++
		case c == '}' && nest > 0:
			nest--
			s.i++
		case c == '}':
			for n := 0; n < closers && s.i < len(s.src) && s.src[s.i] == '}'; n++ {
				s.i++
			}
			return
		case c == ':' && s.peek(1) == ':':
			s.i += 2
		case c == ':' && nest <= 0:
			for s.i < len(s.src) && s.src[s.i] != '}' {
				if s.src[s.i] == '"' || isNewline(s.src[s.i]) {
					return // the literal ends inside the hole: let the string's loop close it
				}
				s.i++
			}
		default:
			s.i++
		}
	}
}
