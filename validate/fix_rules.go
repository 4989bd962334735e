package validate

import (
	"slices"
	"strings"

	"github.com/connector-check/connector-check/internal/fix"
	"github.com/connector-check/connector-check/internal/jsonpos"
)

// The fixers of each fixable rule (attached in fix.go).

// JsonTrailingComma: delete the comma.
func fixTrailingComma(c *Connector, fd *Finding) (fix.Change, bool) {
	f := jsonFileOf(c, fd)
	if f == nil {
		return fix.Change{}, false
	}
	pr, ok := problemAt(f, jsonpos.TrailingComma, fd)
	if !ok {
		return fix.Change{}, false
	}
	return editOf(f, pr.Start, pr.End, ""), true
}

// JsonBomPresent: drop the three bytes of the byte order mark.
func fixBOM(c *Connector, fd *Finding) (fix.Change, bool) {
	f := jsonFileOf(c, fd)
	if f == nil || len(f.Data) < 3 || string(f.Data[:3]) != "\xEF\xBB\xBF" {
		return fix.Change{}, false
	}
	return editOf(f, 0, 3, ""), true
}

// JsonControlCharacterInString: write the character escaped; the string's value is unchanged.
func fixControlCharacter(c *Connector, fd *Finding) (fix.Change, bool) {
	f := jsonFileOf(c, fd)
	if f == nil {
		return fix.Change{}, false
	}
	pr, ok := problemAt(f, jsonpos.ControlCharacter, fd)
	if !ok || pr.End != pr.Start+1 || f.Data[pr.Start] >= 0x20 {
		return fix.Change{}, false
	}
	return editOf(f, pr.Start, pr.End, controlEscape(f.Data[pr.Start])), true
}

// PathParameterMustBeRequired: "required": false becomes true, or "required": true is added. A
// path parameter is always sent (the URL can't be built without it), so nothing a flow sends
// changes.
func fixPathParameterRequired(c *Connector, fd *Finding) (fix.Change, bool) {
	f := jsonFileOf(c, fd)
	n, _ := nodeAt(f, fd)
	switch {
	case n == nil:
		return fix.Change{}, false
	case strings.HasSuffix(fd.Pointer, "/required"):
		if n.Is(jsonpos.Bool) && n.Text == "false" {
			return replaceValue(f, n, "true"), true
		}
		return fix.Change{}, false // "required": "yes" and the like: not for a machine to guess
	}
	return insertMember(f, n, "required", "true")
}

// PathParameterMissingEncoding: add "x-ms-url-encoding": "single", the value the catalog
// recommends and the platform's documented default, so what is sent doesn't change.
func fixPathParameterEncoding(c *Connector, fd *Finding) (fix.Change, bool) {
	f := jsonFileOf(c, fd)
	n, _ := nodeAt(f, fd)
	return insertMember(f, n, "x-ms-url-encoding", `"single"`)
}

// ParameterSummaryMissing: add the Title Case label of the parameter's name ("pageSize" -> "Page
// Size"). The label is display text; the name, which flows refer to, is kept.
func fixParameterSummary(c *Connector, fd *Finding) (fix.Change, bool) {
	f := jsonFileOf(c, fd)
	n, _ := nodeAt(f, fd)
	name, ok := n.Get("name").Str()
	if !ok || len(strings.Fields(words(name))) == 0 {
		return fix.Change{}, false
	}
	return insertMember(f, n, "x-ms-summary", quoteJSON(titleCase(name)))
}

// IconBrandColorNotAllowed: an independent publisher's color becomes #da3b01. A certified
// connector's brand color is its own to choose: no fix.
func fixBrandColor(c *Connector, fd *Finding) (fix.Change, bool) {
	if c.Kind != IndependentPublisher {
		return fix.Change{}, false
	}
	f := jsonFileOf(c, fd)
	n, _ := nodeAt(f, fd)
	if _, ok := n.Str(); !ok {
		return fix.Change{}, false
	}
	return replaceValue(f, n, quoteJSON(ipBrandColor)), true
}

// displayExtensions are the extensions whose misspelled key can be corrected without changing
// what a flow sends or receives: they only label, hide from view (not internal), hint or fill
// pickers. x-ms-url-encoding, x-ms-trigger, x-ms-dynamic-schema and the like change behaviour and
// stay the author's call; so does an x-ms-visibility of "internal", which stops an input from
// being sent as given.
var displayExtensions = []string{
	"x-ms-summary", "x-ms-visibility", "x-ms-trigger-hint", "x-ms-dynamic-values", "x-ms-dynamic-list",
	"x-ms-dynamic-tree", "x-ms-editor", "x-ms-test-value", "x-ms-enum-values", "x-ms-connector-metadata",
	"x-ms-keywords",
}

// XmsExtensionMisspelled: rename the key to the extension it misspells, when that extension is a
// display one and the object doesn't already have it.
func fixMisspelledExtension(c *Connector, fd *Finding) (fix.Change, bool) {
	f := jsonFileOf(c, fd)
	n, m := nodeAt(f, fd)
	if m == nil || n == nil {
		return fix.Change{}, false
	}
	want, ok := closestXms(m.Name)
	if !ok || !slices.Contains(displayExtensions, want) {
		return fix.Change{}, false
	}
	if want == "x-ms-visibility" {
		if s, _ := m.Value.Str(); strings.EqualFold(strings.TrimSpace(s), "internal") {
			return fix.Change{}, false
		}
	}
	toks, _ := jsonpos.SplitPointer(fd.Pointer)
	parent, _ := f.JSON.Lookup(strings.TrimSuffix(fd.Pointer, "/"+jsonpos.EscapeToken(toks[len(toks)-1])))
	if parent.MemberFold(want) != nil {
		return fix.Change{}, false // the object has the right key too: which one to keep is the author's call
	}
	return editOf(f, m.NameStart, m.NameEnd, quoteJSON(want)), true
}

// XmsVisibilityInvalid, case-only variants ("Advanced"): the documented lower-case spelling. The
// platform reads the value ignoring case, so nothing changes for flows. Other invalid values
// have no fix.
func fixVisibilityCase(c *Connector, fd *Finding) (fix.Change, bool) {
	f := jsonFileOf(c, fd)
	n, _ := nodeAt(f, fd)
	s, ok := n.Str()
	if !ok {
		return fix.Change{}, false
	}
	for _, want := range visibilityValues {
		if s != want && strings.EqualFold(s, want) {
			return replaceValue(f, n, quoteJSON(want)), true
		}
	}
	return fix.Change{}, false
}

// ConstraintValueNotString: the boolean becomes the string the platform expects.
func fixConstraintValue(c *Connector, fd *Finding) (fix.Change, bool) {
	f := jsonFileOf(c, fd)
	n, _ := nodeAt(f, fd)
	if !n.Is(jsonpos.Bool) {
		return fix.Change{}, false
	}
	return replaceValue(f, n, quoteJSON(n.Text)), true
}

// ReadmeHeadingMissingSpace: insert the space after the #s.
func fixHeadingSpace(c *Connector, fd *Finding) (fix.Change, bool) {
	f := fileOf(c, fd)
	if f == nil || f.Lines == nil || fd.Line < 1 || fd.Line > f.Lines.Lines() {
		return fix.Change{}, false
	}
	i := f.Lines.LineStart(fd.Line)
	for k := 0; k < 3 && i < len(f.Data) && f.Data[i] == ' '; k++ {
		i++
	}
	j := i
	for j < len(f.Data) && f.Data[j] == '#' {
		j++
	}
	if j == i || j-i > 6 || j >= len(f.Data) || f.Data[j] == ' ' || f.Data[j] == '\t' || f.Data[j] == '\n' || f.Data[j] == '\r' {
		return fix.Change{}, false
	}
	return editOf(f, j, j, " "), true
}

// renamesChangeBehaviour: a misnamed script.csx isn't run; renaming it would start running its
// code on every call of the operations it handles, which changes what flows send and receive.
// That is the author's step, after testing. The other files' contents are the same under either
// name (the swagger and apiProperties can't be left out of a working connector at all).
func renamesChangeBehaviour(canon string) bool { return canon == ScriptName }

// FileNameCaseMismatch: rename the file to the canonical case.
func fixFileNameCase(c *Connector, fd *Finding) (fix.Change, bool) {
	e, ok := entryName(c, fd)
	if !ok {
		return fix.Change{}, false
	}
	for _, canon := range caseCheckedFiles {
		if renamesChangeBehaviour(canon) {
			continue
		}
		if strings.EqualFold(e.Name, canon) && e.Name != canon {
			if slices.ContainsFunc(c.Entries, func(o Entry) bool { return o.Name == canon }) {
				return fix.Change{}, false
			}
			return fix.Change{Rename: &fix.Rename{From: e.Name, To: canon}}, true
		}
	}
	return fix.Change{}, false
}

// FileNameMisspelled: rename the file to the canonical name it misspells, when the folder has no
// file of that name (in any case) and no other file stands for it.
func fixFileNameMisspelled(c *Connector, fd *Finding) (fix.Change, bool) {
	e, ok := entryName(c, fd)
	if !ok {
		return fix.Change{}, false
	}
	canon := misspelledCanonical(e.Name)
	if canon == "" || renamesChangeBehaviour(canon) {
		return fix.Change{}, false
	}
	if _, taken := c.Find(canon); taken {
		return fix.Change{}, false // never overwrite; the message says to remove the stray file
	}
	n := 0
	for _, o := range c.Entries {
		if !o.IsDir && misspelledCanonical(o.Name) == canon {
			n++
		}
	}
	if n != 1 {
		return fix.Change{}, false // two candidates: which one is meant is the author's call
	}
	return fix.Change{Rename: &fix.Rename{From: e.Name, To: canon}}, true
}
