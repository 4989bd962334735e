package validate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// markdownParser is goldmark with GitHub tables, so that a table row is never taken for a paragraph.
var markdownParser = goldmark.New(goldmark.WithExtensions(extension.Table)).Parser()

// mdDoc is a parsed Markdown file. Offsets in it are offsets into File.Data (a leading BOM, which
// would hide a first-line heading from the parser, is skipped before parsing and added back).
type mdDoc struct {
	f          *File
	src        []byte // f.Data without the BOM
	bom        int
	root       ast.Node
	headings   []mdHeading
	paragraphs []mdBlock // paragraphs and list-item text, in file order
	links      []mdLink
	nospace    []mdHeading // "#Heading" lines, which render as text (see findNoSpace)
}

type mdHeading struct {
	level int
	text  string // inline text, markup removed
	key   string // normalized for matching (see sectionKey)
	pos   int    // offset of the heading's first character in File.Data
}

type mdBlock struct {
	node     ast.Node
	text     string
	pos      int
	topLevel bool // a direct child of the document
}

type mdLink struct {
	dest  string
	image bool
	pos   int
}

// parseMarkdown parses a loaded Markdown file; nil when there is nothing to parse.
func parseMarkdown(f *File) *mdDoc {
	if f == nil || f.Data == nil || f.Lines == nil {
		return nil
	}
	d := &mdDoc{f: f, src: f.Data}
	if len(d.src) >= 3 && d.src[0] == 0xEF && d.src[1] == 0xBB && d.src[2] == 0xBF {
		d.src, d.bom = d.src[3:], 3
	}
	d.root = markdownParser.Parse(text.NewReader(d.src))
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			t := inlineText(n, d.src)
			pos := d.pos(n)
			d.headings = append(d.headings, mdHeading{level: n.Level, text: t, key: sectionKey(t), pos: pos})
			// A "#Heading" line followed by "===" is a setext heading whose text starts with "#".
			if p := pos - d.bom; p < len(d.src) && d.src[p] != '#' {
				d.findNoSpace(n)
			}
		case *ast.Paragraph, *ast.TextBlock:
			_, top := n.Parent().(*ast.Document)
			d.paragraphs = append(d.paragraphs, mdBlock{node: n, text: inlineText(n, d.src), pos: d.pos(n), topLevel: top})
			d.findNoSpace(n)
		case *ast.Link:
			d.links = append(d.links, mdLink{dest: string(n.Destination), pos: d.pos(n)})
		case *ast.Image:
			d.links = append(d.links, mdLink{dest: string(n.Destination), image: true, pos: d.pos(n)})
		}
		return ast.WalkContinue, nil
	})
	return d
}

// findNoSpace finds "#Heading" lines: goldmark (like GitHub) renders them as paragraph text, so
// parseMarkdown's walk hands it the source lines of paragraphs (and of a setext heading's text),
// never code. The section matchers count them as headings: the section is there, misformatted,
// and ReadmeHeadingMissingSpace says so once.
func (d *mdDoc) findNoSpace(n ast.Node) {
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		if seg.Start < 0 || seg.Stop > len(d.src) || seg.Start >= seg.Stop {
			continue
		}
		line := d.src[seg.Start:seg.Stop]
		j := 0
		for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
			j++
		}
		k := j
		for k < len(line) && line[k] == '#' {
			k++
		}
		if k == j || k-j > 6 || k >= len(line) {
			continue
		}
		if r, _ := utf8.DecodeRune(line[k:]); !unicode.IsLetter(r) {
			continue // "#1"; "# x" is a heading already
		}
		t := strings.TrimSpace(strings.TrimRight(string(line[k:]), "#\r\n"))
		d.nospace = append(d.nospace, mdHeading{level: k - j, text: t, key: sectionKey(t), pos: d.bom + seg.Start + j})
	}
}

// lineEnd is the offset of the end of the line holding off (before its line break).
func (d *mdDoc) lineEnd(off int) int {
	for off < len(d.f.Data) && d.f.Data[off] != '\n' && d.f.Data[off] != '\r' {
		off++
	}
	return off
}

// pos is the offset in File.Data where a node starts (its first line when goldmark has no position).
func (d *mdDoc) pos(n ast.Node) int {
	p := n.Pos()
	if p < 0 && n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		p = n.Lines().At(0).Start
	}
	if p < 0 {
		p = 0
	}
	return min(p, len(d.src)) + d.bom
}

// lineAt points from offset off to the end of its line (the "line of the construct", §0.3).
func (d *mdDoc) lineAt(off int) at {
	return at{file: d.f.Path, span: d.f.Lines.Span(off, d.lineEnd(off))}
}

// anchor is where a finding about the whole document points: its first H1, else the whole file.
func (d *mdDoc) anchor() at {
	for _, h := range d.headings {
		if h.level == 1 {
			return d.lineAt(h.pos)
		}
	}
	return whole(d.f.Path)
}

// section returns the text under heading i, up to the next heading of the same or a higher level.
func (d *mdDoc) section(i int) string {
	h := d.headings[i]
	start := h.pos
	for start < len(d.f.Data) && d.f.Data[start] != '\n' {
		start++
	}
	end := len(d.f.Data)
	for _, next := range d.headings[i+1:] {
		if next.level <= h.level {
			end = next.pos
			break
		}
	}
	if start > end {
		return ""
	}
	return string(d.f.Data[start:end])
}

// inlineText is the text of a node's inline content, without markup.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// sectionKey normalizes a heading for matching: lower case, hyphens and underscores as spaces,
// single spaces, no trailing ?, : or period, no leading numbering ("1. ", "2) ").
func sectionKey(s string) string {
	s = strings.ToLower(s)
	s = strings.Map(func(r rune) rune {
		switch r {
		case '-', '_', '\u2011', '\u2013':
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimLeftFunc(s, func(r rune) bool { return unicode.IsDigit(r) || r == '.' || r == ')' || r == ' ' })
	return strings.TrimRightFunc(s, func(r rune) bool { return r == '?' || r == ':' || r == '.' || r == ' ' || r == '!' })
}

// Section matchers: any level, any case, and the variants published readmes use (rules.md §10).
func isPublisherSection(k string) bool { return strings.HasPrefix(k, "publisher") }
func isPrerequisitesSection(k string) bool {
	return strings.Contains(k, "prerequisite") || strings.Contains(k, "pre requisite") || strings.HasPrefix(k, "requirements")
}
func isOperationsSection(k string) bool {
	return strings.Contains(k, "operation") || strings.Contains(k, "supported action") || strings.Contains(k, "supported trigger") ||
		strings.HasPrefix(k, "actions") || strings.HasPrefix(k, "triggers") || strings.HasPrefix(k, "available action")
}
func isCredentialsSection(k string) bool {
	// "Authentication" as a section, not an operation named "Get Authenticated User".
	return strings.Contains(k, "credential") || strings.HasPrefix(k, "authenticat") || strings.HasPrefix(k, "authoriz") ||
		strings.HasPrefix(k, "obtaining") || strings.HasPrefix(k, "how to get") || k == "api key"
}
func isKnownIssuesSection(k string) bool {
	return strings.Contains(k, "known issue") || strings.Contains(k, "limitation") || strings.Contains(k, "known bug")
}
func isDeploymentSection(k string) bool { return strings.Contains(k, "deploy") }
func isGetStartedSection(k string) bool {
	return strings.Contains(k, "get started") || strings.Contains(k, "getting started")
}
func isCommonErrorsSection(k string) bool {
	return strings.Contains(k, "common error") || strings.Contains(k, "errors and remed") || strings.Contains(k, "troubleshoot")
}
func isFAQSection(k string) bool {
	return k == "faq" || k == "faqs" || strings.Contains(k, "frequently asked") || strings.HasPrefix(k, "faq ")
}

// findHeading returns the index of the first heading matching a section, or -1.
func (d *mdDoc) findHeading(match func(string) bool) int {
	for i, h := range d.headings {
		if match(h.key) {
			return i
		}
	}
	return -1
}

// hasSection reports whether a heading, or a "#Heading" line missing its space, matches.
func (d *mdDoc) hasSection(match func(string) bool) bool {
	if d.findHeading(match) >= 0 {
		return true
	}
	for _, h := range d.nospace {
		if match(h.key) {
			return true
		}
	}
	return false
}

// normalizeSpace collapses white space, for comparing texts.
func normalizeSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
