package validate

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"unicode/utf8"
)

// Example is a bad and a good input for a rule, shown in docs/rules.md and run by the tests: two
// Cases, edits of the good test connector (example_connector.go). The tests check that BadCase
// fires the rule at its At (and Pointer) and that GoodCase doesn't fire it, and the docs show the
// edited lines. A Case is checked as one connector folder (validate's TestRules), as a breaking
// change between two versions (Change: TestBreakingRules), as a pull request (PR:
// internal/prmode's TestPullRequestExamples) or as a certification package built from the folder
// (Package: package/'s TestPackageExamples).
type Example struct {
	BadCase, GoodCase *Case
}

// RuleExample returns the rule's example; TestRuleExamples requires one for every rule.
func RuleExample(id string) (Example, bool) {
	r, ok := LookupRule(id)
	if !ok || r.Example.BadCase == nil || r.Example.GoodCase == nil {
		return Example{}, false
	}
	return r.Example, true
}

// Case is one check of the good test connector with edits applied, as a connector of Kind in its
// kind folder (0: in no kind folder).
type Case struct {
	Kind      Kind
	New       bool // checked as a new submission (Rule.New escalates)
	Packaging bool // checked as the packaging code does (CheckForPackage)
	Edits     []Edit
	// Change marks a breaking-change case: the good connector with Base's edits is the base
	// (old) version, with Edits the head (new) version, and At starts with "old/" or "new/".
	Change bool
	Base   []Edit
	// PR makes the case a pull request (example_pr.go): Base's edits are the connector's base
	// version, Edits its head, and At is a repository path ("event.json" for the pull request).
	PR *PRCase
	// Package makes the case a package rule's (example_package.go): the package built from the
	// folder, with edits of its entries.
	Package *PackageCase
	// At is where the bad case's first finding of the rule is: "file:line:col" relative to the
	// connector folder, "file" for a whole file, "" for the folder. Pointer is its JSON pointer
	// ("-": none). Severity is the expected severity (0: the rule's default for Kind).
	At       string
	Pointer  string
	Severity Severity
}

// Edit changes one file of the good test connector. The file starts as the folder has it, or as
// the good text named by From (goodBases); the first Old is replaced by New, or, with
// no Old and no From, New is the whole file (absent removes it; "-> target" makes a link).
//
// Gen names a generator (example_gen.go) for text an edit can't write literally: its text is
// inserted after the first Old (at the end of the file without Old), and the docs show a short
// description of it.
type Edit struct {
	File     string
	From     string
	Old, New string
	Gen      string
}

// Files are the folder's files after the edits: name -> content (absent: removed).
func (c *Case) Files() (map[string]string, error) { return applyEdits(c.Edits, false) }

// BaseFiles are a breaking-change case's base version: the good connector with Base's edits.
func (c *Case) BaseFiles() (map[string]string, error) { return applyEdits(c.Base, false) }

// shownFiles are Files as the docs show them: generated text replaced by its description.
func (c *Case) shownFiles() (map[string]string, error) { return applyEdits(c.Edits, true) }

func applyEdits(edits []Edit, show bool) (map[string]string, error) {
	files := goodFiles()
	for _, e := range edits {
		cur, ok := files[e.File]
		if e.From != "" {
			if cur, ok = goodBases[e.From]; !ok {
				return nil, fmt.Errorf("edit of %s: no good text %s", e.File, e.From)
			}
		}
		switch {
		case e.Gen != "":
			text, err := e.generate(show)
			if err != nil {
				return nil, err
			}
			if !ok || cur == absent {
				cur = ""
			}
			at := len(cur)
			if e.Old != "" {
				i := strings.Index(cur, e.Old)
				if i < 0 {
					return nil, fmt.Errorf("edit of %s: %q doesn't occur", e.File, e.Old)
				}
				at = i + len(e.Old)
			}
			if show && strings.HasSuffix(cur[:at], ")") {
				text = " + " + text // one description after another
			}
			if show && strings.HasPrefix(cur[at:], "\n") {
				text = strings.TrimRight(text, " ")
			}
			cur = cur[:at] + text + cur[at:]
		case e.Old != "":
			if !ok || !strings.Contains(cur, e.Old) {
				return nil, fmt.Errorf("edit of %s: %q doesn't occur", e.File, e.Old)
			}
			cur = strings.Replace(cur, e.Old, e.New, 1)
		case e.From == "":
			cur = e.New
		}
		files[e.File] = cur
	}
	return files, nil
}

// Snippets are what docs/rules.md shows of the example: the file the snippets are from, the code
// fence language and the bad and good snippets.
func (e Example) Snippets() (file, lang, bad, good string) {
	if e.BadCase == nil || e.GoodCase == nil {
		return "", "", "", ""
	}
	if e.BadCase.Change {
		return e.changeSnippets()
	}
	if e.BadCase.PR != nil {
		return e.prSnippets()
	}
	if e.BadCase.Package != nil {
		return e.packageSnippets()
	}
	names := e.BadCase.editedFiles()
	for _, n := range e.GoodCase.editedFiles() {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	bad, good = e.BadCase.snippet(e.GoodCase, names), e.GoodCase.snippet(e.BadCase, names)
	if e.BadCase.Kind != e.GoodCase.Kind || e.BadCase.New != e.GoodCase.New {
		bad, good = e.BadCase.checkedAs()+"\n"+bad, e.GoodCase.checkedAs()+"\n"+good
	}
	file, lang = "folder layout", "text"
	if len(names) > 0 && !e.BadCase.folderEdits(e.GoodCase, names) {
		file, lang = strings.Join(names, ", "), fenceLang(names[0])
		for _, n := range names {
			if fenceLang(n) != lang {
				lang = "text"
			}
		}
	}
	return file, lang, bad, good
}

func fenceLang(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".json":
		return "json"
	case ".md":
		return "markdown"
	case ".csx", ".cs":
		return "csharp"
	}
	return "text"
}

// checkedAs says how the case is checked: "(custom connector, new submission)".
func (c *Case) checkedAs() string {
	what := "a connector in no kind folder"
	if c.Kind != 0 {
		what = c.Kind.String() + " connector"
	}
	if c.New {
		what += ", new submission"
	}
	return "(" + what + ")"
}

// editedFiles are the files the case edits, in the order of its edits.
func (c *Case) editedFiles() []string {
	var names []string
	for _, e := range c.Edits {
		if !slices.Contains(names, e.File) {
			names = append(names, e.File)
		}
	}
	return names
}

// base is the good text file name starts from in the case (its own, or the From of its edits).
func (c *Case) base(name string) string {
	for _, e := range c.Edits {
		if e.File == name && e.From != "" {
			return goodBases[e.From]
		}
	}
	return goodFiles()[name]
}

// snippet shows the case's version of the files names: for each, the lines it changes with a line
// of context (the lines the other case changes, when this case leaves the file as it is); the
// folder's files when either case adds a file without a text to start from, copies, removes or
// links one.
func (c *Case) snippet(other *Case, names []string) string {
	files, err := c.shownFiles()
	if err != nil {
		return err.Error()
	}
	otherFiles, err := other.shownFiles()
	if err != nil {
		return err.Error()
	}
	type part struct{ name, text string }
	var parts []part
	listing := c.folderEdits(other, names)
	for _, name := range names {
		content, ok := files[name]
		base := c.base(name)
		if base == "" {
			base = other.base(name)
		}
		switch {
		case c.folderEdit(name, files) || other.folderEdit(name, otherFiles):
		case !ok || content == absent:
			if !listing {
				parts = append(parts, part{name, "(no " + name + ")"})
			}
		case base == "":
			parts = append(parts, part{name, firstLines(content, 20)})
		default:
			var span [2]int
			if slices.Contains(c.editedFiles(), name) && content != base {
				_, span = changedLines(base, content)
			} else {
				span, _ = changedLines(content, otherFiles[name])
			}
			parts = append(parts, part{name, editedLines(content, [][2]int{span})})
		}
	}
	if listing || len(parts) == 0 {
		parts = append(parts, part{"", c.listing(files)})
	}
	var texts []string
	for _, p := range parts {
		if len(parts) > 1 && p.name != "" {
			p.text = "# " + p.name + "\n" + p.text
		}
		texts = append(texts, p.text)
	}
	return printable(strings.Join(texts, "\n"))
}

// folderEdits reports whether either case edits one of the files names as a folder edit.
func (c *Case) folderEdits(other *Case, names []string) bool {
	files, err1 := c.shownFiles()
	otherFiles, err2 := other.shownFiles()
	if err1 != nil || err2 != nil {
		return false
	}
	for _, name := range names {
		if c.folderEdit(name, files) || other.folderEdit(name, otherFiles) {
			return true
		}
	}
	return false
}

// folderEdit reports whether the case's edit of name is best shown as the folder's files: it
// removes or links the file, or adds a file that isn't text.
func (c *Case) folderEdit(name string, files map[string]string) bool {
	if !slices.Contains(c.editedFiles(), name) {
		return false
	}
	for _, e := range c.Edits {
		if e.File == name && e.From != "" && e.From != e.File && e.Old == "" {
			return true // a copy of a good text under another name
		}
	}
	content, ok := files[name]
	return !ok || content == absent || strings.HasPrefix(content, "-> ") ||
		c.base(name) == "" && (!utf8.ValidString(content) || fenceLang(name) == "text")
}

// generated reports whether one of the case's edits of name is generated.
func (c *Case) generated(name string) bool {
	return slices.ContainsFunc(c.Edits, func(e Edit) bool { return e.File == name && e.Gen != "" })
}

// changedLines are the byte ranges of the lines that differ between a and b, in a and in b.
func changedLines(a, b string) (inA, inB [2]int) {
	la, lb := strings.SplitAfter(a, "\n"), strings.SplitAfter(b, "\n")
	p := 0
	for p < len(la) && p < len(lb) && la[p] == lb[p] {
		p++
	}
	s := 0
	for s < len(la)-p && s < len(lb)-p && la[len(la)-1-s] == lb[len(lb)-1-s] {
		s++
	}
	off := func(lines []string, n int) int {
		o := 0
		for _, l := range lines[:n] {
			o += len(l)
		}
		return o
	}
	return [2]int{off(la, p), off(la, len(la)-s)}, [2]int{off(lb, p), off(lb, len(lb)-s)}
}

// firstLines are the first n lines of text ("..." for the rest).
func firstLines(text string, n int) string {
	lines := strings.SplitAfter(strings.TrimRight(text, "\n"), "\n")
	if len(lines) <= n {
		return strings.Join(lines, "")
	}
	return strings.Join(lines[:n], "") + "..."
}

// printable shows the bytes of text that aren't UTF-8 as \xNN.
func printable(text string) string {
	if utf8.ValidString(text) {
		return text
	}
	var sb strings.Builder
	for len(text) > 0 {
		r, n := utf8.DecodeRuneInString(text)
		if r == utf8.RuneError && n == 1 {
			fmt.Fprintf(&sb, "\\x%02X", text[0])
		} else {
			sb.WriteString(text[:n])
		}
		text = text[n:]
	}
	return sb.String()
}

// editedLines are the lines of text that the spans touch, with one line of context each side;
// "..." stands for the lines left out between them.
func editedLines(text string, spans [][2]int) string {
	lines := strings.SplitAfter(text, "\n")
	keep := make([]bool, len(lines))
	lineOf := func(off int) int {
		n := strings.Count(text[:min(off, len(text))], "\n")
		return min(n, len(lines)-1)
	}
	for _, s := range spans {
		first, last := lineOf(s[0]), lineOf(max(s[0], s[1]-1))
		for i := max(first-1, 0); i <= min(last+1, len(lines)-1); i++ {
			keep[i] = true
		}
	}
	var sb strings.Builder
	gap := false
	for i, l := range lines {
		if !keep[i] {
			gap = sb.Len() > 0
			continue
		}
		if gap {
			sb.WriteString("...\n")
			gap = false
		}
		sb.WriteString(l)
	}
	return strings.Trim(sb.String(), "\n")
}

// listing shows the connector folder: its path (by kind) and its files, a link with its target
// and a large file with its size.
func (c *Case) listing(files map[string]string) string {
	dir := "my-connectors/Contoso Tasks/"
	if k := kindFolder[c.Kind]; k != "" {
		dir = k + "/Contoso Tasks/"
	}
	var sb strings.Builder
	sb.WriteString(dir)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		content := files[name]
		switch {
		case content == absent:
			continue
		case strings.HasPrefix(content, "-> "):
			fmt.Fprintf(&sb, "\n  %s %s   (a symbolic link)", name, content)
		case c.generated(name) && c.base(name) == "":
			fmt.Fprintf(&sb, "\n  %s   %s", name, content) // the generator's description
		case len(content) >= 1<<20:
			fmt.Fprintf(&sb, "\n  %s   (%.1f MiB)", name, float64(len(content))/(1<<20))
		default:
			sb.WriteString("\n  " + name)
		}
	}
	return sb.String()
}

// changeSnippets show a breaking-change example: for each case, the lines that differ between
// its base and head versions, as "old:" and "new:" (the lines the bad case changes, when the
// good case changes nothing).
func (e Example) changeSnippets() (file, lang, bad, good string) {
	var names []string
	for _, c := range []*Case{e.BadCase, e.GoodCase} {
		for _, ed := range append(slices.Clone(c.Base), c.Edits...) {
			if !slices.Contains(names, ed.File) {
				names = append(names, ed.File)
			}
		}
	}
	badSpans := map[string][2][2]int{}
	show := func(c *Case, ref map[string][2][2]int) string {
		base, err1 := c.BaseFiles()
		head, err2 := c.Files()
		if err1 != nil || err2 != nil {
			return fmt.Sprint(err1, err2)
		}
		var parts []string
		for _, name := range names {
			inBase, inHead := changedLines(base[name], head[name])
			if base[name] == head[name] {
				if r, ok := ref[name]; ok {
					inBase, inHead = r[0], r[0] // where the bad case changes the file, in its base
				}
			}
			if ref == nil {
				badSpans[name] = [2][2]int{inBase, inHead}
			}
			old, new := editedLines(base[name], [][2]int{inBase}), editedLines(head[name], [][2]int{inHead})
			prefix := ""
			if len(names) > 1 {
				prefix = "# " + name + "\n"
			}
			if old == new {
				parts = append(parts, prefix+"old and new:\n"+old)
			} else {
				parts = append(parts, prefix+"old:\n"+old+"\nnew:\n"+new)
			}
		}
		return printable(strings.Join(parts, "\n"))
	}
	bad = show(e.BadCase, nil)
	good = show(e.GoodCase, badSpans)
	if e.BadCase.Kind != e.GoodCase.Kind {
		bad, good = e.BadCase.checkedAs()+"\n"+bad, e.GoodCase.checkedAs()+"\n"+good
	}
	file, lang = "old → new "+strings.Join(names, ", "), "json"
	if len(names) == 0 {
		file = "old → new"
	}
	return file, lang, bad, good
}
