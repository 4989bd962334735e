package validate

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/connector-check/connector-check/internal/jsonpos"
	"github.com/connector-check/connector-check/internal/textpos"
)

var fileEncodingInvalid = newRule(Rule{
	ID: "FileEncodingInvalid", Severity: Error, Kinds: AllKinds, Section: "2",
	Summary: "A text file isn't valid UTF-8 (Latin-1 text shows as mojibake such as Br�nn�ysund).",
	Basis:   BasisBroken, BasisReason: "the text shows as mojibake",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "readme.md:2:3", Pointer: "-", Edits: []Edit{
			{File: ReadmeName, New: "# Contoso\nBr\xf8nn\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: ReadmeName, New: "# Contoso\nBrønnøysund\n"},
		}},
	},
})

// checkTextEncoding reports Markdown and C# files that aren't UTF-8 (JSON files are covered by
// their loader problems).
func checkTextEncoding(p *pass) {
	for _, f := range []*File{p.c.Readme, p.c.Script, p.c.Intro} {
		if f == nil || f.Lines == nil {
			continue
		}
		if off := textpos.FirstInvalidUTF8(f.Data); off >= 0 {
			p.report(fileEncodingInvalid, at{file: f.Path, span: f.Lines.Span(off, off+1)}, "%s", encodingMessage(f, off))
		}
	}
}

func encodingMessage(f *File, off int) string {
	return fmt.Sprintf("%s is not valid UTF-8 from here on (byte 0x%02X; Latin-1 or Windows-1252 text?); re-save the file as UTF-8", f.Name, f.Data[off])
}

var jsonDuplicateKey = newRule(Rule{
	ID: "JsonDuplicateKey", Severity: Error, Kinds: AllKinds, Section: "2",
	Summary: "A key repeated in one object: error if the values differ (one is lost), warning if they are identical; documentation keys are JsonDuplicateDocumentationKey's.",
	Basis:   BasisBroken, BasisReason: "one of two differing values is silently lost (identical values: warning)",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:10:22", Pointer: "/basePath", Edits: []Edit{
			{File: SwaggerName, Old: "  \"basePath\": \"/v1\",\n", New: "  \"basePath\": \"/v1\", \"basePath\": \"/v2\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"List tasks\", \"summary\": \"List all tasks\",\n"},
		}},
	},
})

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
		p.drop(jsonDuplicateKey, Error, f.JSON.MoreDuplicates[0])
		p.drop(jsonDuplicateKey, Warning, f.JSON.MoreDuplicates[1])
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

var jsonSyntaxInvalid = newRule(Rule{
	ID: "JsonSyntaxInvalid", Severity: Error, Kinds: AllKinds, Section: "2", Policy: "5000.2.6.2",
	Summary: "The file isn't JSON, even when parsed leniently; the position is where the parser stopped.",
	Basis:   BasisRejected, BasisReason: "no JSON reader can read it",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:3:3", Pointer: "-", Edits: []Edit{
			{File: SwaggerName, Old: "  \"swagger\": \"2.0\",\n", New: "  \"swagger\": \"2.0\"\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "  \"schemes\": [\"https\"],\n", New: "  \"schemes\": [\"https\",],\n"},
		}},
	},
})

var jsonTrailingComma = newRule(Rule{
	ID: "JsonTrailingComma", Severity: Error, Kinds: AllKinds, Section: "2",
	Fix:     fixTrailingComma,
	Summary: "A comma before } or ].",
	Basis:   BasisRejected, BasisReason: "paconn validate and strict JSON parsers reject it",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:11:22", Pointer: "/schemes", Edits: []Edit{
			{File: SwaggerName, Old: "  \"schemes\": [\"https\"],\n", New: "  \"schemes\": [\"https\",],\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

var jsonControlCharacterInString = newRule(Rule{
	ID: "JsonControlCharacterInString", Severity: Error, Kinds: AllKinds, Section: "2",
	Fix:     fixControlCharacter,
	Summary: "An unescaped control character (U+0000 to U+001F, such as a raw tab) inside a string.",
	Basis:   BasisRejected, BasisReason: "paconn validate and strict JSON parsers reject it",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:4:22", Pointer: "/info/title", Edits: []Edit{
			{File: SwaggerName, Old: "    \"title\": \"Contoso Tasks\",\n", New: "    \"title\": \"Contoso\tTasks\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "    \"title\": \"Contoso Tasks\",\n", New: "    \"title\": \"Contoso\\tTasks\",\n"},
		}},
	},
})

var jsonCommentPresent = newRule(Rule{
	ID: "JsonCommentPresent", Severity: Error, Kinds: AllKinds, Section: "2",
	Summary: "A // or /* */ comment; JSON has none.",
	Basis:   BasisRejected, BasisReason: "paconn validate and strict JSON parsers reject it",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:9:30", Pointer: "", Edits: []Edit{
			{File: SwaggerName, Old: "  \"host\": \"api.tasksapp.io\",\n", New: "  \"host\": \"api.tasksapp.io\", // prod\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "    \"contact\": {\"name\": \"Jane Doe\", \"url\": \"https://contoso.com\", \"email\": \"jane@contoso.com\"}\n", New: "    \"contact\": {\"name\": \"Jane Doe\", \"url\": \"https://contoso.com//x\", \"email\": \"jane@contoso.com\"}\n"},
		}},
	},
})

var jsonNonFiniteNumber = newRule(Rule{
	ID: "JsonNonFiniteNumber", Severity: Error, Kinds: AllKinds, Section: "2",
	Summary: "NaN or Infinity, which JSON does not allow.",
	Basis:   BasisRejected, BasisReason: "paconn validate and strict JSON parsers reject it",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:10:13", Pointer: "/x-rate", Edits: []Edit{
			{File: SwaggerName, Old: "  \"basePath\": \"/v1\",\n", New: "  \"x-rate\": NaN, \"basePath\": \"/v1\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "  \"basePath\": \"/v1\",\n", New: "  \"x-rate\": \"NaN\", \"basePath\": \"/v1\",\n"},
		}},
	},
})

var jsonDuplicateDocumentationKey = newRule(Rule{
	ID: "JsonDuplicateDocumentationKey", Severity: Warning, Kinds: AllKinds, Section: "2",
	Summary: "A description, summary, x-ms-summary or title repeated in one object: only the text shown is at stake (the last one wins).",
	Basis:   BasisIgnored, BasisReason: "the last value wins, and it only documents",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:16:34", Pointer: "/paths/~1tasks/get/summary", Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"List tasks\", \"summary\": \"List all tasks\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

var jsonNonAsciiWhitespace = newRule(Rule{
	ID: "JsonNonAsciiWhitespace", Severity: Error, Kinds: AllKinds, Section: "2",
	Summary: "Non-ASCII white space (U+00A0, U+2003, U+3000...) between tokens; .NET readers skip it, JSON and paconn validate don't. The rest of the file is still checked.",
	Basis:   BasisRejected, BasisReason: "paconn validate and strict JSON parsers reject it",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:9:10", Pointer: "", Edits: []Edit{
			{File: SwaggerName, Old: "  \"host\": \"api.tasksapp.io\",\n", New: "  \"host\":\u2003\"api.tasksapp.io\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "    \"title\": \"Contoso Tasks\",\n", New: "    \"title\": \"Contoso\u2003Tasks\",\n"},
		}},
	},
})

var jsonBomPresent = newRule(Rule{
	ID: "JsonBomPresent", Severity: Notice, Kinds: AllKinds, Section: "2",
	Fix:     fixBOM,
	Summary: "The file starts with a UTF-8 byte order mark; Microsoft tooling accepts it, many JSON parsers don't.",
	Basis:   BasisStyle, BasisReason: "Microsoft tooling accepts it",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:1:1", Pointer: "-", Edits: []Edit{
			{File: SwaggerName, Old: "{\n  \"swagger\": \"2.0\",\n", New: "\ufeff{\n  \"swagger\": \"2.0\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

func jsonProblem(p *pass, f *File, pr jsonpos.Problem) {
	if pr.Kind == jsonpos.DuplicateKey && p.full(jsonDuplicateKey, duplicateSeverity(pr)) {
		return // a million duplicate keys cost a count, not a million positions
	}
	where := bytesAt(f, pr.Start, pr.End, pr.Pointer)
	switch pr.Kind {
	case jsonpos.SyntaxError:
		where.hasPointer = false
		if pr.Detail == jsonpos.ErrTooDeep.Error() {
			p.report(jsonSyntaxInvalid, where,
				"%s: %s (published connectors nest at most about 30); flatten the schema here; the file's content rules are skipped", f.Name, pr.Detail)
			return
		}
		p.report(jsonSyntaxInvalid, where,
			"%s is not valid JSON here: %s; fix the syntax (a missing comma or bracket is the usual cause); the file's content rules are skipped until it parses",
			f.Name, pr.Detail)
	case jsonpos.TrailingComma:
		// The pointer is the object or array the comma sits in (none when the file has no tree).
		where.pointer, where.hasPointer = f.JSON.PointerAt(pr.Start)
		p.report(jsonTrailingComma, where, "remove this comma: JSON allows no comma before } or ]")
	case jsonpos.Comment:
		where.pointer, where.hasPointer = f.JSON.PointerAt(pr.Start) // the enclosing object or array
		p.report(jsonCommentPresent, where, "remove this comment: JSON has no comments (put notes in a description instead)")
	case jsonpos.ControlCharacter:
		// The pointer is the string's own: the value, or the member whose name holds it.
		where.pointer, where.hasPointer = f.JSON.PointerAt(pr.Start)
		p.report(jsonControlCharacterInString, where,
			"this string contains a raw control character (U+%04X); write it escaped (\\t, \\n or \\u%04X)", f.Data[pr.Start], f.Data[pr.Start])
	case jsonpos.NonASCIIWhitespace:
		where.pointer, where.hasPointer = f.JSON.PointerAt(pr.Start) // the enclosing object or array
		r, _ := utf8.DecodeRune(f.Data[pr.Start:pr.End])
		if r == ' ' || r == '\t' {
			r, _ = utf8.DecodeRune(bytes.TrimLeft(f.Data[pr.Start:pr.End], " \t"))
		}
		p.report(jsonNonAsciiWhitespace, where,
			"white space U+%04X between tokens isn't JSON white space (only space, tab, CR and LF are); replace it with a plain space", r)
	case jsonpos.NonFiniteNumber:
		where.pointer, where.hasPointer = f.JSON.PointerAt(pr.Start) // the number's own
		p.report(jsonNonFiniteNumber, where, "%s is not a JSON number; use a finite number, or null", f.Data[pr.Start:pr.End])
	case jsonpos.DuplicateKey:
		l, col := f.JSON.Lines.Position(pr.FirstStart)
		sev, what := duplicateSeverity(pr), "its value differs from the first one, which is silently replaced"
		if pr.SameValue {
			what = "it repeats the first one with the same value"
		}
		rule := jsonDuplicateKey
		if documentationKey(pr.Pointer) {
			rule, sev = jsonDuplicateDocumentationKey, jsonDuplicateDocumentationKey.Severity
		}
		p.reportAs(rule, sev, where,
			"key %s appears twice in this object (first at line %d); %s; keep one", f.Data[pr.Start:pr.End], l, what).
			related(f.Path, l, col, "first occurrence")
	case jsonpos.ByteOrderMark:
		// The BOM isn't counted as a column: point at the first character after it.
		_, n := utf8.DecodeRune(f.Data[pr.End:])
		where = at{file: f.Path, span: f.JSON.Span(pr.End, pr.End+n)}
		p.report(jsonBomPresent, where, "%s starts with a UTF-8 byte order mark; save it as UTF-8 without BOM", f.Name)
	case jsonpos.InvalidUTF8:
		where.hasPointer = false
		p.report(fileEncodingInvalid, where, "%s", encodingMessage(f, pr.Start))
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
