package validate

import (
	"slices"
	"strings"
)

// PackageCase makes a Case a package rule's case (§14): the certification package that
// connector-check's builder makes of the case's folder (the good connector with Edits, as Kind),
// with Edits of its entries, verified against the folder. package/'s tests run every such case;
// At is the finding's file in the package ("package.zip!package.zip!PkgAssets/..."), matched as
// a prefix (the builder names some entries by generated IDs).
type PackageCase struct {
	Edits []PackageEdit
	// Stale: the package was built from the good connector before the case's Edits, so the folder
	// has moved on since (drift).
	Stale bool
	// Plugin verifies the package in plugin mode (connector-check verify-package --plugin).
	Plugin bool
}

// PackageEdit changes the entries of the built package. Entry is a path as in findings: the outer
// zip (package.zip) and the nested zips' entry names joined by "!" (PkgConnector+"!solution.xml"
// is package.zip!package.zip!PkgAssets/ConnectorSolution.zip!solution.xml); its last part names the entries of the innermost zip that start with it. The
// first Old in each is replaced by New (Gen as in Edit: inserted after Old); Remove drops them;
// Rename replaces the last part at the start of their names; with none of these, New is the
// content of the entries, or of a new entry Entry when none starts with it.
type PackageEdit struct {
	Entry    string
	Old, New string
	Gen      string
	Remove   bool
	Rename   string
}

// Text is New, or its generated text.
func (e PackageEdit) Text() (string, error) {
	if e.Gen == "" {
		return e.New, nil
	}
	return Edit{File: e.Entry, New: e.New, Gen: e.Gen}.generate(false)
}

// show is what the docs show of the edit.
func (e PackageEdit) show() string {
	text := e.New
	if e.Gen != "" {
		text, _ = Edit{File: e.Entry, New: e.New, Gen: e.Gen}.generate(true)
		if e.Old != "" {
			text = e.Old + text
		}
	}
	switch {
	case e.Remove:
		return "(removed)"
	case e.Rename != "" && strings.HasSuffix(e.Entry, "!"):
		return "(every entry moved under " + e.Rename + ")"
	case e.Rename != "":
		return "(renamed to " + e.Rename + "...)"
	case e.Old != "":
		return e.Old + "  ->  " + text
	case text == "":
		return "(empty)"
	}
	return firstLines(text, 12)
}

// packageSnippets show a package example: the folder's edits (as for a folder example), and each
// case's package edits (for an entry only the other case edits: the package as built).
func (e Example) packageSnippets() (file, lang, bad, good string) {
	show := func(c, other *Case) string {
		var parts []string
		if len(c.Edits)+len(other.Edits) > 0 {
			names := c.editedFiles()
			for _, n := range other.editedFiles() {
				if !slices.Contains(names, n) {
					names = append(names, n)
				}
			}
			parts = append(parts, c.snippet(other, names))
		}
		switch {
		case c.Package.Stale:
			parts = append(parts, "(package.zip built before these edits)")
		case other.Package.Stale:
			parts = append(parts, "(package.zip built from this folder)")
		}
		switch {
		case c.Package.Plugin:
			parts = append(parts, "(verified in plugin mode: --plugin)")
		case other.Package.Plugin:
			parts = append(parts, "(verified in auto mode: the package has no plugin)")
		}
		for _, pe := range c.Package.Edits {
			parts = append(parts, "# "+pe.Entry+"\n"+pe.show())
		}
		for _, pe := range other.Package.Edits {
			if !c.editsEntry(pe.Entry) {
				what := "(as built)"
				if pe.Old != "" && pe.Gen == "" {
					what = pe.Old
				} else if pe.New != "" && !pe.Remove && pe.Rename == "" && pe.Old == "" {
					what = "(none)"
				}
				parts = append(parts, "# "+pe.Entry+"\n"+what)
			}
		}
		if len(parts) == 0 {
			parts = append(parts, "package.zip as connector-check builds it")
		}
		return printable(strings.Join(parts, "\n"))
	}
	if e.BadCase.Kind != e.GoodCase.Kind {
		return "package.zip", "text", e.BadCase.checkedAs() + "\n" + show(e.BadCase, e.GoodCase), e.GoodCase.checkedAs() + "\n" + show(e.GoodCase, e.BadCase)
	}
	return "package.zip", "text", show(e.BadCase, e.GoodCase), show(e.GoodCase, e.BadCase)
}

func (c *Case) editsEntry(entry string) bool {
	for _, pe := range c.Package.Edits {
		if pe.Entry == entry {
			return true
		}
	}
	return false
}

// Zip paths of the built package, for the package cases.
const (
	PkgDeployer  = "package.zip!package.zip"
	PkgAssets    = PkgDeployer + "!PkgAssets"
	PkgConnector = PkgAssets + "/ConnectorSolution.zip"
	PkgFlow      = PkgAssets + "/FlowSolution.zip"
)
