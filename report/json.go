package report

import (
	"bufio"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/connector-check/connector-check/validate"
)

// The JSON report is a contract other tools parse: add fields, never rename or drop them.
type jsonReport struct {
	Tool       jsonTool        `json:"tool"`
	Connectors []jsonConnector `json:"connectors"` // [] rather than null when empty
	Findings   []jsonFinding   `json:"findings"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonConnector struct {
	Path     string `json:"path"`
	Kind     string `json:"kind"`
	Errors   int    `json:"errors"`
	Warnings int    `json:"warnings"`
	Notices  int    `json:"notices"`
}

type jsonFinding struct {
	Rule      string `json:"rule"`
	Severity  string `json:"severity"`
	Connector string `json:"connector"`
	File      string `json:"file"`
	// Positions are always present; 0 means a finding about a whole file or folder.
	Line      int `json:"line"`
	Column    int `json:"column"`
	EndLine   int `json:"endLine"`
	EndColumn int `json:"endColumn"`
	// Pointer is a *string so the root pointer "" is still written: absent means "not JSON".
	Pointer    *string       `json:"pointer,omitempty"`
	Message    string        `json:"message"`
	MsRule     string        `json:"msRule,omitempty"`
	PolicyCode string        `json:"policyCode,omitempty"`
	Related    []jsonRelated `json:"related,omitempty"`
	// Introduced is set when the run compared the change with its base (pull-request mode,
	// --base --new-only): true for what the change brings, false for what the base had.
	Introduced *bool `json:"introduced,omitempty"`
}

type jsonRelated struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
	Commit  string `json:"commit,omitempty"`
}

// JSON writes the whole result as one indented JSON document: exactly the bytes encoding/json's
// Encoder with SetIndent("", "  ") and SetEscapeHTML(false) writes for a jsonReport (a test holds
// the two together), written one element at a time into a buffered writer. Encoding the whole
// document at once built it twice in memory (11 MB for the published repository at 2x) and was
// an eighth of a run's CPU, all of it after the connectors were checked. Written by hand because
// no library does both: encoding/json per element writes the same bytes 9 times slower
// (BenchmarkJSON: 90 against 10 ms for 20,000 findings), and jsontext's encoder doesn't escape
// U+2028 and U+2029 as encoding/json does, so the bytes of existing reports would change.
func JSON(w io.Writer, res *validate.Result, tool Tool) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var b []byte // one element at a time
	flush := func() error {
		_, err := bw.Write(b)
		b = b[:0]
		return err
	}
	b = append(b, "{\n  \"tool\": {\n    \"name\": "...)
	b = appendString(b, tool.Name)
	b = append(b, ",\n    \"version\": "...)
	b = appendString(b, tool.Version)
	b = append(b, "\n  },\n  \"connectors\": ["...)
	for i, c := range res.Connectors {
		b = elementStart(b, i)
		b = appendField(b, "      ", "path", true)
		b = appendString(b, c.Path)
		b = appendField(b, "      ", "kind", false)
		b = appendString(b, c.Kind.String())
		b = appendField(b, "      ", "errors", false)
		b = strconv.AppendInt(b, int64(c.Errors), 10)
		b = appendField(b, "      ", "warnings", false)
		b = strconv.AppendInt(b, int64(c.Warnings), 10)
		b = appendField(b, "      ", "notices", false)
		b = strconv.AppendInt(b, int64(c.Notices), 10)
		b = append(b, "\n    }"...)
		if err := flush(); err != nil {
			return err
		}
	}
	b = arrayEnd(b, len(res.Connectors))
	b = append(b, ",\n  \"findings\": ["...)
	for i := range res.Findings {
		b = appendFinding(elementStart(b, i), &res.Findings[i])
		if err := flush(); err != nil {
			return err
		}
	}
	b = arrayEnd(b, len(res.Findings))
	b = append(b, "\n}\n"...)
	if err := flush(); err != nil {
		return err
	}
	return bw.Flush()
}

// appendFinding is one jsonFinding's object at the second level, without what follows it.
func appendFinding(b []byte, f *validate.Finding) []byte {
	const in = "      "
	b = appendField(b, in, "rule", true)
	b = appendString(b, f.Rule)
	b = appendField(b, in, "severity", false)
	b = appendString(b, f.Severity.String())
	b = appendField(b, in, "connector", false)
	b = appendString(b, f.Connector)
	b = appendField(b, in, "file", false)
	b = appendString(b, f.File)
	for _, n := range [...]struct {
		name string
		v    int
	}{{"line", f.Line}, {"column", f.Column}, {"endLine", f.EndLine}, {"endColumn", f.EndColumn}} {
		b = appendField(b, in, n.name, false)
		b = strconv.AppendInt(b, int64(n.v), 10)
	}
	if f.HasPointer {
		b = appendField(b, in, "pointer", false)
		b = appendString(b, f.Pointer)
	}
	b = appendField(b, in, "message", false)
	b = appendString(b, f.Message)
	if f.MsRule != "" {
		b = appendField(b, in, "msRule", false)
		b = appendString(b, f.MsRule)
	}
	if f.PolicyCode != "" {
		b = appendField(b, in, "policyCode", false)
		b = appendString(b, f.PolicyCode)
	}
	if len(f.Related) > 0 {
		b = appendField(b, in, "related", false)
		b = append(b, '[')
		for i, r := range f.Related {
			if i > 0 {
				b = append(b, ',')
			}
			const rin = "          "
			b = append(b, "\n        {"...)
			b = appendField(b, rin, "file", true)
			b = appendString(b, r.File)
			b = appendField(b, rin, "line", false)
			b = strconv.AppendInt(b, int64(r.Line), 10)
			b = appendField(b, rin, "column", false)
			b = strconv.AppendInt(b, int64(r.Column), 10)
			b = appendField(b, rin, "message", false)
			b = appendString(b, r.Message)
			if r.Commit != "" {
				b = appendField(b, rin, "commit", false)
				b = appendString(b, r.Commit)
			}
			b = append(b, "\n        }"...)
		}
		b = append(b, "\n      ]"...)
	}
	if f.Inherited || f.Introduced {
		b = appendField(b, in, "introduced", false)
		b = strconv.AppendBool(b, f.Introduced)
	}
	return append(b, "\n    }"...)
}

// elementStart starts element i of an array at the second level (an object).
func elementStart(b []byte, i int) []byte {
	if i > 0 {
		b = append(b, ',')
	}
	return append(b, "\n    {"...)
}

// arrayEnd ends an array at the first level: "[]" when it is empty, as encoding/json writes an
// empty (non-nil) slice.
func arrayEnd(b []byte, n int) []byte {
	if n == 0 {
		return append(b, ']')
	}
	return append(b, "\n  ]"...)
}

// appendField starts a member: a comma unless it is the first, a new line, the indent, the name.
func appendField(b []byte, indent, name string, first bool) []byte {
	if !first {
		b = append(b, ',')
	}
	b = append(b, '\n')
	b = append(b, indent...)
	b = append(b, '"')
	b = append(b, name...)
	return append(b, "\": "...)
}

const hexDigits = "0123456789abcdef"

// appendString quotes s as encoding/json does with HTML escaping off: \" and \\, the short
// escapes \b \f \n \r \t, \u00XX for the other control characters, \ufffd for each byte of
// invalid UTF-8, and \u2028 and \u2029.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
