package validate

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// httpMethods are the path-item keys that are operations (Swagger 2.0).
var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch"}

// operation is one operation of the swagger with its pointer.
type operation struct {
	path, method string
	ptr          string
	member       *jsonpos.Member // the method key, e.g. "get"
	node         *jsonpos.Node
}

// operations lists the swagger's operations in file order. buildSpec calls it once per
// connector; rules iterate c.spec().ops rather than walking the paths again.
func operations(c *Connector) []operation {
	root := swaggerRoot(c)
	paths := root.Get("paths")
	if !paths.Is(jsonpos.Object) {
		return nil
	}
	var ops []operation
	for i := range paths.Members {
		pm := &paths.Members[i]
		if !pm.Value.Is(jsonpos.Object) {
			continue
		}
		for j := range pm.Value.Members {
			mm := &pm.Value.Members[j]
			if !isHTTPMethod(mm.Name) || !mm.Value.Is(jsonpos.Object) {
				continue
			}
			ops = append(ops, operation{
				path: pm.Name, method: mm.Name,
				ptr:    jsonpos.Join("/paths", pm.Name, mm.Name),
				member: mm, node: mm.Value,
			})
		}
	}
	return ops
}

func isHTTPMethod(s string) bool { return slices.Contains(httpMethods, s) }

func checkSwaggerOperations(p *pass) {
	f := p.c.Swagger
	if swaggerRoot(p.c) == nil {
		return
	}
	type first struct {
		id  string
		ptr string
		n   *jsonpos.Node
	}
	seen := map[string]first{} // lower-cased operationId -> first use
	for _, op := range p.c.spec().ops {
		m := op.node.Member("operationId")
		if m == nil {
			p.report("OperationIdRequired", name(f, op.member, op.ptr),
				"%s %s has no operationId; add a unique PascalCase one (e.g. ListItems): flows refer to operations by it", strings.ToUpper(op.method), op.path)
			continue
		}
		ptr := op.ptr + "/operationId"
		id, ok := m.Value.Str()
		if !ok {
			p.report("JsonTypeIncorrect", value(f, m.Value, ptr), "operationId must be a string, not %s", article(m.Value.Kind))
			continue
		}
		if strings.TrimSpace(id) == "" {
			p.report("RequiredValueEmpty", value(f, m.Value, ptr), "operationId is empty; set a unique PascalCase name (e.g. ListItems)")
			continue
		}
		key := strings.ToLower(id)
		if prev, dup := seen[key]; dup {
			l, col := f.JSON.Lines.Position(prev.n.Start)
			how := "is already used"
			if prev.id != id {
				how = "differs only in letter case from " + prev.id + ","
			}
			p.report("OperationIdNotUnique", value(f, m.Value, ptr),
				"operationId %q %s used at %s (line %d); give this operation its own name", id, how, prev.ptr, l).
				related(f.Path, l, col, "first use of "+prev.id)
			continue
		}
		seen[key] = first{id: id, ptr: ptr, n: m.Value}
	}
}

// label names an operation at the start of its findings' messages: the operationId, or
// "GET /tasks" when there is none. A report can group repeated findings by this prefix.
func (o *op) label() string {
	if o.id != "" {
		return o.id
	}
	return strings.ToUpper(o.method) + " " + o.path
}

const (
	maxOperationIDLength  = 128 // Microsoft doesn't publish its limit
	maxSummaryLength      = 120 // OperationSummaryTooLong: 120 or longer
	guidelineSummaryLimit = 80  // TextLengthGuidelineExceeded: over 80
	maxOperations         = 256
)

// summaryRestricted are the characters the platform rejects in an operation summary.
const summaryRestricted = `/\<>*%&?`

// checkOperationText checks what people read of an operation: its operationId, summary and
// description.
func checkOperationText(p *pass) {
	s := p.c.spec()
	if s.root == nil {
		return
	}
	f := s.f
	if len(s.ops) > maxOperations {
		p.report("TotalOperationsCountExceedsMaxAllowed", parent(f, "/paths"),
			"the swagger has %d operations; a connector may have at most %d: split it or drop rarely used ones", len(s.ops), maxOperations)
	}
	seen := dedupe{}
	for _, o := range s.ops {
		checkOperationID(p, f, o)
		summary, sumNode := o.node.Get("summary"), (*jsonpos.Node)(nil)
		if m := o.node.Member("summary"); m == nil {
			if !o.internal {
				p.report("OperationSummaryMissing", parent(f, o.ptr),
					"%s: the operation has no summary; add a short sentence-case name (e.g. \"Get a task\"), shown as the action's title", o.label())
			}
		} else if text, ok := summary.Str(); ok {
			sumNode = summary
			checkSummaryText(p, f, o, text, summary)
		}
		desc := o.node.Get("description")
		if desc == nil {
			if !o.internal {
				p.report("OperationDescriptionMissing", parent(f, o.ptr),
					"%s: the operation has no description; add one or two sentences on what it does, shown as the action's tooltip", o.label())
			}
		} else if d, ok := desc.Str(); ok && sumNode != nil {
			if strings.TrimSpace(d) != "" && strings.EqualFold(strings.TrimSpace(d), strings.TrimSpace(sumNode.Text)) {
				p.report("SummaryEqualsDescription", value(f, desc, o.ptr+"/description"),
					"%s: the description repeats the summary %q; say what the operation does and returns", o.label(), sumNode.Text)
			}
		}
		if o.method == "get" {
			for _, prm := range o.params {
				if (prm.in == "body" || prm.in == "formData") && seen.first("BodyOrFormDataParameterInFetchOperationNotAllowed", prm.ptr) {
					sev := Error
					if prm.in == "body" {
						sev = Warning // the platform drops the body of a GET request
					}
					p.reportAs("BodyOrFormDataParameterInFetchOperationNotAllowed", sev, value(f, prm.node.Get("in"), prm.ptr+"/in"),
						"%s: GET operation has %s parameter %q; GET requests carry no body: use query parameters or another method", o.label(), prm.in, prm.name)
				}
			}
		}
	}
}

func checkOperationID(p *pass, f *File, o *op) {
	if o.id == "" {
		return // OperationIdRequired / RequiredValueEmpty / JsonTypeIncorrect say why
	}
	n := o.node.Get("operationId")
	ptr := o.ptr + "/operationId"
	if l := utf8.RuneCountInString(o.id); l >= maxOperationIDLength {
		p.report("OperationIdTooLong", value(f, n, ptr),
			"%s: the operationId is %d characters long; shorten it below %d", o.label(), l, maxOperationIDLength)
	}
	var bad []rune
	severe := false
	for _, r := range o.id {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			continue
		}
		if !strings.ContainsRune(string(bad), r) {
			bad = append(bad, r)
		}
		if r != '_' && r != '-' {
			severe = true
		}
	}
	if len(bad) > 0 {
		sev := Notice
		if severe {
			sev = Warning
		}
		p.reportAs("OperationIdSanitized", sev, value(f, n, ptr),
			"%s: the operationId contains %s; the platform strips characters other than letters and digits, so use PascalCase (e.g. %s)",
			o.label(), quoteRunes(bad), sanitizeID(o.id))
	}
}

// sanitizeID is the operationId with every run of other characters turned into a word break.
func sanitizeID(id string) string {
	var sb strings.Builder
	up := false
	for _, r := range id {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if up {
				r = unicode.ToUpper(r)
			}
			sb.WriteRune(r)
			up = false
			continue
		}
		up = true
	}
	return sb.String()
}

func quoteRunes(rs []rune) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = strconv.Quote(string(r))
	}
	return strings.Join(parts, ", ")
}

func checkSummaryText(p *pass, f *File, o *op, text string, n *jsonpos.Node) {
	at := lazyValue(f, n, o.ptr+"/summary")
	if i := strings.IndexAny(text, summaryRestricted); i >= 0 {
		var found []rune
		for _, r := range text {
			if strings.ContainsRune(summaryRestricted, r) && !strings.ContainsRune(string(found), r) {
				found = append(found, r)
			}
		}
		p.report("RestrictedCharactersInSummary", at(),
			"%s: the summary contains %s; the platform rejects %s in operation summaries: reword it (e.g. \"and\" for &, \"or\" for /)",
			o.label(), quoteRunes(found), summaryRestricted)
	}
	l := utf8.RuneCountInString(text)
	switch {
	case l >= maxSummaryLength:
		p.report("OperationSummaryTooLong", at(),
			"%s: the summary is %d characters long; shorten it below %d (aim for 80 or fewer) and move detail to the description", o.label(), l, maxSummaryLength)
	case l > guidelineSummaryLimit:
		p.report("TextLengthGuidelineExceeded", at(),
			"%s: the summary is %d characters long; keep it to %d or fewer and move detail to the description", o.label(), l, guidelineSummaryLimit)
	}
	var odd []rune
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || strings.ContainsRune("()-'", r) || strings.ContainsRune(summaryRestricted, r) {
			continue
		}
		if !strings.ContainsRune(string(odd), r) {
			odd = append(odd, r)
		}
	}
	trimmed := strings.TrimSpace(text)
	last, _ := utf8.DecodeLastRuneInString(trimmed)
	trailing := trimmed != "" && last != ')' && !unicode.IsLetter(last) && !unicode.IsDigit(last) &&
		!strings.ContainsRune(summaryRestricted, last) // RestrictedCharactersInSummary says it
	switch {
	case len(odd) > 0:
		p.report("OperationSummaryStyle", at(),
			"%s: the summary contains %s; use only letters, digits, spaces, parentheses, hyphens and apostrophes", o.label(), quoteRunes(odd))
	case trailing:
		p.report("OperationSummaryStyle", at(),
			"%s: the summary ends with %q; end it with a letter, digit or )", o.label(), string(last))
	}
}

// lazyValue defers computing a value's line and column until a finding needs it.
func lazyValue(f *File, n *jsonpos.Node, ptr string) func() at {
	return func() at { return value(f, n, ptr) }
}
