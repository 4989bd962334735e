package validate

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/connector-check/connector-check/internal/jsonpos"
	"github.com/connector-check/connector-check/internal/textpos"
)

// checkTextEncoding reports Markdown and C# files that aren't UTF-8 (JSON files are covered by
// their loader problems).
func checkTextEncoding(p *pass) {
	for _, f := range []*File{p.c.Readme, p.c.Script, p.c.Intro} {
		if f == nil || f.Lines == nil {
			continue
		}
		if off := textpos.FirstInvalidUTF8(f.Data); off >= 0 {
			p.report("FileEncodingInvalid", at{file: f.Path, span: f.Lines.Span(off, off+1)}, "%s", encodingMessage(f, off))
		}
	}
}

func encodingMessage(f *File, off int) string {
	return fmt.Sprintf("%s is not valid UTF-8 from here on (byte 0x%02X; Latin-1 or Windows-1252 text?); re-save the file as UTF-8", f.Name, f.Data[off])
}

// checkJSONFiles turns what the loader found wrong with each JSON file into findings.
func checkJSONFiles(p *pass) {
	for _, f := range []*File{p.c.Swagger, p.c.Properties} {
		if f == nil || f.JSON == nil {
			continue
		}
		for _, pr := range f.JSON.Problems {
			jsonProblem(p, f, pr)
		}
		// The loader lists the first jsonpos.MaxDuplicateProblems of each kind and counts the rest.
		p.drop("JsonDuplicateKey", Error, f.JSON.MoreDuplicates[0])
		p.drop("JsonDuplicateKey", Warning, f.JSON.MoreDuplicates[1])
	}
}

// docKeys are keywords whose values only document: a duplicate loses text, not behaviour.
var docKeys = map[string]bool{"description": true, "summary": true, "x-ms-summary": true, "title": true}

// documentationKey reports whether the duplicate key at ptr is a documentation keyword, not a
// name in a map of names (a property called "description" is a schema, and stays an error).
func documentationKey(ptr string) bool {
	toks, ok := jsonpos.SplitPointer(ptr)
	if !ok || len(toks) == 0 || !docKeys[toks[len(toks)-1]] {
		return false
	}
	return len(toks) < 2 || !mapKeys[toks[len(toks)-2]] || len(toks) >= 3 && mapKeys[toks[len(toks)-3]]
}

func jsonProblem(p *pass, f *File, pr jsonpos.Problem) {
	if pr.Kind == jsonpos.DuplicateKey && p.full("JsonDuplicateKey", duplicateSeverity(pr)) {
		return // a million duplicate keys cost a count, not a million positions
	}
	where := bytesAt(f, pr.Start, pr.End, pr.Pointer)
	switch pr.Kind {
	case jsonpos.SyntaxError:
		where.hasPointer = false
		if pr.Detail == jsonpos.ErrTooDeep.Error() {
			p.report("JsonSyntaxInvalid", where,
				"%s: %s (published connectors nest at most about 30); flatten the schema here; the file's content rules are skipped", f.Name, pr.Detail)
			return
		}
		p.report("JsonSyntaxInvalid", where,
			"%s is not valid JSON here: %s; fix the syntax (a missing comma or bracket is the usual cause); the file's content rules are skipped until it parses",
			f.Name, pr.Detail)
	case jsonpos.TrailingComma:
		// The pointer is the object or array the comma sits in (none when the file has no tree).
		where.pointer, where.hasPointer = f.JSON.PointerAt(pr.Start)
		p.report("JsonTrailingComma", where, "remove this comma: JSON allows no comma before } or ]")
	case jsonpos.Comment:
		where.pointer, where.hasPointer = f.JSON.PointerAt(pr.Start) // the enclosing object or array
		p.report("JsonCommentPresent", where, "remove this comment: JSON has no comments (put notes in a description instead)")
	case jsonpos.ControlCharacter:
		// The pointer is the string's own: the value, or the member whose name holds it.
		where.pointer, where.hasPointer = f.JSON.PointerAt(pr.Start)
		p.report("JsonControlCharacterInString", where,
			"this string contains a raw control character (U+%04X); write it escaped (\\t, \\n or \\u%04X)", f.Data[pr.Start], f.Data[pr.Start])
	case jsonpos.NonASCIIWhitespace:
		where.pointer, where.hasPointer = f.JSON.PointerAt(pr.Start) // the enclosing object or array
		r, _ := utf8.DecodeRune(f.Data[pr.Start:pr.End])
		if r == ' ' || r == '\t' {
			r, _ = utf8.DecodeRune(bytes.TrimLeft(f.Data[pr.Start:pr.End], " \t"))
		}
		p.report("JsonNonAsciiWhitespace", where,
			"white space U+%04X between tokens isn't JSON white space (only space, tab, CR and LF are); replace it with a plain space", r)
	case jsonpos.NonFiniteNumber:
		where.pointer, where.hasPointer = f.JSON.PointerAt(pr.Start) // the number's own
		p.report("JsonNonFiniteNumber", where, "%s is not a JSON number; use a finite number, or null", f.Data[pr.Start:pr.End])
	case jsonpos.DuplicateKey:
		l, col := f.JSON.Lines.Position(pr.FirstStart)
		sev, what := duplicateSeverity(pr), "its value differs from the first one, which is silently replaced"
		if pr.SameValue {
			what = "it repeats the first one with the same value"
		}
		rule := "JsonDuplicateKey"
		if documentationKey(pr.Pointer) {
			rule, sev = "JsonDuplicateDocumentationKey", mustRule("JsonDuplicateDocumentationKey").Severity
		}
		p.reportAs(rule, sev, where,
			"key %s appears twice in this object (first at line %d); %s; keep one", f.Data[pr.Start:pr.End], l, what).
			related(f.Path, l, col, "first occurrence")
	case jsonpos.ByteOrderMark:
		// The BOM isn't counted as a column: point at the first character after it.
		_, n := utf8.DecodeRune(f.Data[pr.End:])
		where = at{file: f.Path, span: f.JSON.Span(pr.End, pr.End+n)}
		p.report("JsonBomPresent", where, "%s starts with a UTF-8 byte order mark; save it as UTF-8 without BOM", f.Name)
	case jsonpos.InvalidUTF8:
		where.hasPointer = false
		p.report("FileEncodingInvalid", where, "%s", encodingMessage(f, pr.Start))
	}
}

// duplicateSeverity: a duplicate with another value silently replaces the first (error); the
// same value again is harmless (warning).
func duplicateSeverity(pr jsonpos.Problem) Severity {
	if pr.SameValue {
		return Warning
	}
	return Error
}
