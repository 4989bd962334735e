package jsonpos

import (
	"unicode"
	"unicode/utf8"
)

// sanitize returns a copy of b in which the lenient constructs that published connectors contain
// (rules.md §0.4) are blanked with spaces of the same byte length, so every offset is preserved:
// comments, trailing commas, raw control characters inside strings (except line breaks, which
// mean an unterminated string and stay a syntax error), non-ASCII white space between tokens
// (U+00A0, U+2003: one problem per run), and NaN/Infinity (replaced by a zero of the same length,
// so the number node spans the whole literal).
// Written by hand because jsontext, like every maintained Go JSON decoder with offsets, is strict.
func sanitize(b []byte) ([]byte, []Problem) {
	out := append([]byte(nil), b...)
	var problems []Problem
	inString := false
	for i := 0; i < len(out); i++ {
		c := out[i]
		if inString {
			switch {
			case c == '\\':
				i++
			case c == '"':
				inString = false
			case c == '\n' || c == '\r':
				inString = false // unterminated string: leave it to the parser to report
			case c < 0x20:
				problems = append(problems, Problem{Kind: ControlCharacter, Start: i, End: i + 1})
				out[i] = ' '
			}
			continue
		}
		if c >= utf8.RuneSelf {
			if end := spaceRunEnd(out, i); end > i {
				problems = append(problems, Problem{Kind: NonASCIIWhitespace, Start: i, End: end})
				blank(out[i:end])
				i = end - 1
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '/':
			if end := commentEnd(out, i); end > i {
				problems = append(problems, Problem{Kind: Comment, Start: i, End: end})
				blank(out[i:end])
				i = end - 1
			}
		case ',':
			j := skipSpaceAndComments(out, i+1)
			if j < len(out) && (out[j] == '}' || out[j] == ']') {
				problems = append(problems, Problem{Kind: TrailingComma, Start: i, End: i + 1})
				out[i] = ' '
			}
		case 'N', 'I', '-':
			if i > 0 && isWordByte(out[i-1]) {
				break // "1NaN" is not a number either: leave it to the parser
			}
			for _, lit := range nonFinite {
				if hasPrefixAt(out, i, lit.text) && (i+len(lit.text) == len(out) || !isWordByte(out[i+len(lit.text)])) {
					problems = append(problems, Problem{Kind: NonFiniteNumber, Start: i, End: i + len(lit.text)})
					copy(out[i:], lit.repl)
					i += len(lit.text) - 1
					break
				}
			}
		}
	}
	return out, problems
}

// nonFinite maps each literal to a JSON number of the same length (the value 0), so that the number
// node spans the whole literal.
var nonFinite = []struct{ text, repl string }{
	{"NaN", "0e0"},
	{"Infinity", "0e000000"},
	{"-Infinity", "-0e000000"},
}

// isWordByte reports whether c can continue a number or a literal, so that a non-finite literal
// glued to one ("1NaN", "NaN0") is not taken for a number.
func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '+' || c == '-' || c == '_'
}

func hasPrefixAt(b []byte, i int, lit string) bool {
	return len(b)-i >= len(lit) && string(b[i:i+len(lit)]) == lit
}

// commentEnd returns the end of a comment starting at i, or i if there is none.
func commentEnd(b []byte, i int) int {
	if i+1 >= len(b) {
		return i
	}
	switch b[i+1] {
	case '/':
		j := i + 2
		for j < len(b) && b[j] != '\n' && b[j] != '\r' {
			j++
		}
		return j
	case '*':
		for j := i + 2; j+1 < len(b); j++ {
			if b[j] == '*' && b[j+1] == '/' {
				return j + 2
			}
		}
		return len(b)
	}
	return i
}

func skipSpaceAndComments(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\n', '\r':
			i++
		case '/':
			end := commentEnd(b, i)
			if end == i {
				return i
			}
			i = end
		default:
			if end := spaceRunEnd(b, i); b[i] >= utf8.RuneSelf && end > i {
				i = end
				continue
			}
			return i
		}
	}
	return i
}

// blank overwrites with spaces but keeps line breaks, so a blanked block comment keeps its lines.
func blank(b []byte) {
	for i, c := range b {
		if c != '\n' && c != '\r' {
			b[i] = ' '
		}
	}
}

// spaceRunEnd returns the end of the run of non-ASCII white space (and ASCII white space between
// such characters) starting at i, or i when none starts there. White space is what Go's
// unicode.IsSpace and .NET's char.IsWhiteSpace agree on: Unicode's Z categories, U+0085, U+00A0.
func spaceRunEnd(b []byte, i int) int {
	end := i
	for j := i; j < len(b); {
		if b[j] == ' ' || b[j] == '\t' {
			j++
			continue
		}
		r, n := utf8.DecodeRune(b[j:])
		if r < utf8.RuneSelf || r == utf8.RuneError || !unicode.IsSpace(r) {
			break
		}
		j += n
		end = j
	}
	return end
}
