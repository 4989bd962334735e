package validate

import (
	"path"
	"slices"
	"strings"

	"github.com/connector-check/connector-check/internal/fix"
	"github.com/connector-check/connector-check/internal/jsonpos"
)

// Fixer derives the change that removes finding fd from connector c: byte edits of one file, or a
// rename. ok is false when no fix is unambiguous for this finding (a certified connector's brand
// color, a misspelled file whose canonical name is taken). A fixer never renames an operationId,
// a parameter or a property name, or anything else a published flow refers to, and never changes
// what a flow sends or receives. Every change is verified before it is written (FixConnector).
// A rule's value names its fixer (Rule.Fix); the fixers are in fix_rules.go.
type Fixer func(c *Connector, fd *Finding) (change fix.Change, ok bool)

// Fixable reports whether the rule has a fixer.
func (r *Rule) Fixable() bool { return r.Fix != nil }

// fileOf is the loaded file a finding is about.
func fileOf(c *Connector, fd *Finding) *File {
	for _, f := range []*File{c.Swagger, c.Properties, c.Readme, c.Script, c.Settings, c.Intro} {
		if f != nil && f.Path == fd.File && f.ReadErr == nil && !f.TooLarge {
			return f
		}
	}
	return nil
}

// jsonFileOf is the parsed JSON file a finding is about.
func jsonFileOf(c *Connector, fd *Finding) *File {
	f := fileOf(c, fd)
	if f == nil || f.JSON == nil {
		return nil
	}
	return f
}

// problemAt is the loader problem of kind k that a finding reports (matched by its span).
func problemAt(f *File, k jsonpos.ProblemKind, fd *Finding) (jsonpos.Problem, bool) {
	for _, pr := range f.JSON.Problems {
		if pr.Kind != k {
			continue
		}
		sp := f.JSON.Span(pr.Start, pr.End)
		if sp.Line == fd.Line && sp.Column == fd.Column && sp.EndLine == fd.EndLine && sp.EndColumn == fd.EndColumn {
			return pr, true
		}
	}
	return jsonpos.Problem{}, false
}

// nodeAt is the JSON node (and member, when it is one) that a finding's pointer names.
func nodeAt(f *File, fd *Finding) (*jsonpos.Node, *jsonpos.Member) {
	if f == nil || f.JSON.Root == nil || !fd.HasPointer {
		return nil, nil
	}
	return f.JSON.Lookup(fd.Pointer)
}

func editOf(f *File, start, end int, repl string) fix.Change {
	return fix.Change{Edits: []fix.Edit{{File: f.Name, Start: start, End: end, New: repl}}}
}

// replaceValue replaces a JSON value's text.
func replaceValue(f *File, n *jsonpos.Node, repl string) fix.Change {
	return editOf(f, n.Start, n.End, repl)
}

// quoteJSON is s as a JSON string, without HTML escaping.
func quoteJSON(s string) string {
	var sb strings.Builder
	sb.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			sb.WriteByte('\\')
			sb.WriteRune(r)
		case r < 0x20:
			sb.WriteString(controlEscape(byte(r)))
		default:
			sb.WriteRune(r)
		}
	}
	sb.WriteByte('"')
	return sb.String()
}

// insertMember adds "key": value (value is JSON text) as the last member of object obj, in the
// file's own style: the separator between the last two members (or after the opening brace) and
// the colon spacing of the last member are copied, so the indentation and line endings match.
func insertMember(f *File, obj *jsonpos.Node, key, value string) (fix.Change, bool) {
	if !obj.Is(jsonpos.Object) || obj.Member(key) != nil || obj.MemberFold(key) != nil {
		return fix.Change{}, false
	}
	for _, m := range obj.Members {
		if want, ok := closestXms(m.Name); ok && want == key {
			return fix.Change{}, false // the key is there, misspelled: XmsExtensionMisspelled's fix, or the author's call
		}
	}
	data := f.Data
	n := len(obj.Members)
	if n == 0 {
		return editOf(f, obj.Start+1, obj.Start+1, quoteJSON(key)+": "+value), true
	}
	last := obj.Members[n-1]
	var sep string
	if n >= 2 {
		sep = string(data[obj.Members[n-2].Value.End:last.NameStart])
	} else {
		sep = "," + string(data[obj.Start+1:last.NameStart])
	}
	if strings.Count(sep, ",") != 1 || strings.Trim(sep, ", \t\r\n") != "" {
		return fix.Change{}, false // a comment or something else between members: no guessing
	}
	colon := string(data[last.NameEnd:last.Value.Start])
	if strings.Trim(colon, ": \t") != "" || strings.Count(colon, ":") != 1 {
		colon = ": "
	}
	return editOf(f, last.Value.End, last.Value.End, sep+quoteJSON(key)+colon+value), true
}

// controlEscape is the JSON escape of a control character.
func controlEscape(c byte) string {
	switch c {
	case '\t':
		return `\t`
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\b':
		return `\b`
	case '\f':
		return `\f`
	}
	const hex = "0123456789ABCDEF"
	return `\u00` + string(hex[c>>4]) + string(hex[c&0xF])
}

// entryName is the name in the folder of a finding about a whole file.
func entryName(c *Connector, fd *Finding) (Entry, bool) {
	if fd.Line != 0 || path.Dir(fd.File) != c.Path {
		return Entry{}, false
	}
	name := path.Base(fd.File)
	i := slices.IndexFunc(c.Entries, func(e Entry) bool { return e.Name == name })
	if i < 0 || !c.Entries[i].Mode.IsRegular() {
		return Entry{}, false
	}
	return c.Entries[i], true
}
