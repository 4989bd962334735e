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

var operationIdRequired = newRule(Rule{
	ID: "OperationIdRequired", Severity: Error, Kinds: AllKinds, Section: "4",
	Summary: "An operation has no operationId.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:14:7", Pointer: "/paths/~1tasks/get", Edits: []Edit{
			{File: SwaggerName, Old: "        \"operationId\": \"ListTasks\",\n", New: "        \n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

var operationIdNotUnique = newRule(Rule{
	ID: "OperationIdNotUnique", Severity: Error, Kinds: AllKinds, Section: "4",
	Summary: "An operationId is used by more than one operation, compared exactly or ignoring case.",
	Basis:   BasisRejected, BasisReason: "operations are addressed by operationId, ignoring case",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:21:24", Pointer: "/paths/~1tasks/post/operationId", Edits: []Edit{
			{File: SwaggerName, Old: "        \"operationId\": \"CreateTask\",\n", New: "        \"operationId\": \"listTasks\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

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
	ops := p.c.spec().ops
	seen := make(map[string]first, len(ops)) // lower-cased operationId -> first use
	for _, op := range ops {
		m := op.node.Member("operationId")
		if m == nil {
			p.report(operationIdRequired, name(f, op.member, op.ptr),
				"%s %s has no operationId; add a unique PascalCase one (e.g. ListItems): flows refer to operations by it", strings.ToUpper(op.method), op.path)
			continue
		}
		ptr := op.ptr + "/operationId"
		id, ok := m.Value.Str()
		if !ok {
			p.report(jsonTypeIncorrect, value(f, m.Value, ptr), "operationId must be a string, not %s", article(m.Value.Kind))
			continue
		}
		if strings.TrimSpace(id) == "" {
			p.report(requiredValueEmpty, value(f, m.Value, ptr), "operationId is empty; set a unique PascalCase name (e.g. ListItems)")
			continue
		}
		key := strings.ToLower(id)
		if prev, dup := seen[key]; dup {
			l, col := f.JSON.Lines.Position(prev.n.Start)
			how := "is already used"
			if prev.id != id {
				how = "differs only in letter case from " + prev.id + ","
			}
			p.report(operationIdNotUnique, value(f, m.Value, ptr),
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

var operationSummaryMissing = newRule(Rule{
	ID: "OperationSummaryMissing", Severity: Warning, Kinds: Publishable, Section: "4", New: Error, MsRule: "RequiredPropertyMissing",
	Summary: "A non-internal operation has no summary.",
	Basis:   BasisListing, BasisReason: "documentation policy",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:14:7", Pointer: "/paths/~1tasks/get", Severity: Warning, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"x-ms-visibility\": \"internal\",\n"},
		}},
	},
})

var operationDescriptionMissing = newRule(Rule{
	ID: "OperationDescriptionMissing", Severity: Warning, Kinds: Publishable, Section: "4", New: Error, MsRule: "RequiredPropertyMissing",
	Summary: "A non-internal operation has no description.",
	Basis:   BasisListing, BasisReason: "documentation policy",
	Example: Example{
		BadCase: &Case{Kind: Certified, At: "apiDefinition.swagger.json:14:7", Pointer: "/paths/~1tasks/get", Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"x-ms-visibility\": \"internal\",\n"},
		}},
	},
})

var summaryEqualsDescription = newRule(Rule{
	ID: "SummaryEqualsDescription", Severity: Notice, Kinds: Publishable, Section: "4",
	Summary: "The operation description equals its summary (ignoring case).",
	Basis:   BasisStyle,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:17:24", Pointer: "/paths/~1tasks/get/description", Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"list Tasks\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

var bodyOrFormDataParameterInFetchOperationNotAllowed = newRule(Rule{
	ID: "BodyOrFormDataParameterInFetchOperationNotAllowed", Severity: Error, Kinds: AllKinds, Section: "4",
	Summary: "A GET operation has a formData parameter (error) or a body parameter, which the platform drops (warning).",
	Basis:   BasisRejected, BasisReason: srcSV + ": formData on a GET (a body parameter, which the platform drops: warning)",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:17:106", Pointer: "/paths/~1tasks/get/parameters/0/in", Severity: Warning, Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"filter\", \"in\": \"body\", \"schema\": {\"type\": \"object\"}}],\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

var totalOperationsCountExceedsMaxAllowed = newRule(Rule{
	ID: "TotalOperationsCountExceedsMaxAllowed", Severity: Error, Kinds: AllKinds, Section: "4",
	Summary: "The swagger has more than 256 operations.",
	Basis:   BasisRejected, BasisReason: srcFAQ,
	Example: Example{ // the good connector has 3 operations
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:12:3", Pointer: "/paths", Edits: []Edit{
			{File: SwaggerName, Old: `"paths": {`, Gen: "repeat:254", New: `"/p%d": {"get": {"operationId": "P%d", "responses": {}}},`},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: `"paths": {`, Gen: "repeat:253", New: `"/p%d": {"get": {"operationId": "P%d", "responses": {}}},`},
		}},
	},
})

// checkOperationText checks what people read of an operation: its operationId, summary and
// description.
func checkOperationText(p *pass) {
	s := p.c.spec()
	if s.root == nil {
		return
	}
	f := s.f
	if len(s.ops) > maxOperations {
		p.report(totalOperationsCountExceedsMaxAllowed, parent(f, "/paths"),
			"the swagger has %d operations; a connector may have at most %d: split it or drop rarely used ones", len(s.ops), maxOperations)
	}
	seen := dedupe{}
	for _, o := range s.ops {
		checkOperationID(p, f, o)
		summary, sumNode := o.node.Get("summary"), (*jsonpos.Node)(nil)
		if m := o.node.Member("summary"); m == nil {
			if !o.internal {
				p.report(operationSummaryMissing, parent(f, o.ptr),
					"%s: the operation has no summary; add a short sentence-case name (e.g. \"Get a task\"), shown as the action's title", o.label())
			}
		} else if text, ok := summary.Str(); ok {
			sumNode = summary
			checkSummaryText(p, f, o, text, summary)
		}
		desc := o.node.Get("description")
		if desc == nil {
			if !o.internal {
				p.report(operationDescriptionMissing, parent(f, o.ptr),
					"%s: the operation has no description; add one or two sentences on what it does, shown as the action's tooltip", o.label())
			}
		} else if d, ok := desc.Str(); ok && sumNode != nil {
			if strings.TrimSpace(d) != "" && strings.EqualFold(strings.TrimSpace(d), strings.TrimSpace(sumNode.Text)) {
				p.report(summaryEqualsDescription, value(f, desc, o.ptr+"/description"),
					"%s: the description repeats the summary %q; say what the operation does and returns", o.label(), sumNode.Text)
			}
		}
		if o.method == "get" {
			for _, prm := range o.params {
				if (prm.in == "body" || prm.in == "formData") && seen.first(bodyOrFormDataParameterInFetchOperationNotAllowed.ID, prm.ptr) {
					sev := Error
					if prm.in == "body" {
						sev = Warning // the platform drops the body of a GET request
					}
					p.reportAs(bodyOrFormDataParameterInFetchOperationNotAllowed, sev, value(f, prm.node.Get("in"), prm.ptr+"/in"),
						"%s: GET operation has %s parameter %q; GET requests carry no body: use query parameters or another method", o.label(), prm.in, prm.name)
				}
			}
		}
	}
}

var operationIdSanitized = newRule(Rule{
	ID: "OperationIdSanitized", Severity: Warning, Kinds: AllKinds, Section: "4",
	Summary: "An operationId has characters other than letters and digits: notice for _ and -, warning for anything else.",
	Basis:   BasisStyle,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:15:24", Pointer: "/paths/~1tasks/get/operationId", Severity: Notice, Edits: []Edit{
			{File: SwaggerName, Old: "        \"operationId\": \"ListTasks\",\n", New: "        \"operationId\": \"List_Tasks\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "        \"operationId\": \"ListTasks\",\n", New: "        \"operationId\": \"ListTasks2\",\n"},
		}},
	},
})

var operationIdTooLong = newRule(Rule{
	ID: "OperationIdTooLong", Severity: Error, Kinds: AllKinds, Section: "4",
	Summary: "An operationId is 128 characters or longer.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:15:24", Pointer: "/paths/~1tasks/get/operationId", Edits: []Edit{
			{File: SwaggerName, Old: "        \"operationId\": \"ListTasks\",\n", New: "        \"operationId\": \"LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "        \"operationId\": \"ListTasks\",\n", New: "        \"operationId\": \"LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL\",\n"},
		}},
	},
})

func checkOperationID(p *pass, f *File, o *op) {
	if o.id == "" {
		return // OperationIdRequired / RequiredValueEmpty / JsonTypeIncorrect say why
	}
	n := o.node.Get("operationId")
	ptr := o.ptr + "/operationId"
	if l := utf8.RuneCountInString(o.id); l >= maxOperationIDLength {
		p.report(operationIdTooLong, value(f, n, ptr),
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
		p.reportAs(operationIdSanitized, sev, value(f, n, ptr),
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

var restrictedCharactersInSummary = newRule(Rule{
	ID: "RestrictedCharactersInSummary", Severity: Warning, Kinds: Publishable, Section: "4", New: Error,
	Summary: `The operation summary contains one of / \ < > * % & ?.`,
	Basis:   BasisListing, BasisReason: "summary policy; the Swagger Validator applies it to new submissions",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:16:20", Pointer: "/paths/~1tasks/get/summary", Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"List tasks & projects\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"List tasks and projects\",\n"},
		}},
	},
})

var operationSummaryTooLong = newRule(Rule{
	ID: "OperationSummaryTooLong", Severity: Warning, Kinds: Publishable, Section: "4", New: Error,
	Summary: "The operation summary is 120 characters or longer.",
	Basis:   BasisListing, BasisReason: "summary policy; the Swagger Validator applies it to new submissions",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:16:20", Pointer: "/paths/~1tasks/get/summary", Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\n"},
		}},
	},
})

var operationSummaryStyle = newRule(Rule{
	ID: "OperationSummaryStyle", Severity: Notice, PerKind: map[Kind]Severity{IndependentPublisher: Warning}, Kinds: Publishable, Section: "4",
	Summary: "The operation summary has characters other than letters, digits, space, (), - and ', or ends in punctuation other than ).",
	Basis:   BasisStyle,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:16:20", Pointer: "/paths/~1tasks/get/summary", Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"List tasks.\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"List tasks?\",\n"},
		}},
	},
})

func checkSummaryText(p *pass, f *File, o *op, text string, n *jsonpos.Node) {
	at := lazyValue(f, n, o.ptr+"/summary")
	if i := strings.IndexAny(text, summaryRestricted); i >= 0 {
		var found []rune
		for _, r := range text {
			if strings.ContainsRune(summaryRestricted, r) && !strings.ContainsRune(string(found), r) {
				found = append(found, r)
			}
		}
		p.report(restrictedCharactersInSummary, at(),
			"%s: the summary contains %s; the platform rejects %s in operation summaries: reword it (e.g. \"and\" for &, \"or\" for /)",
			o.label(), quoteRunes(found), summaryRestricted)
	}
	l := utf8.RuneCountInString(text)
	switch {
	case l >= maxSummaryLength:
		p.report(operationSummaryTooLong, at(),
			"%s: the summary is %d characters long; shorten it below %d (aim for 80 or fewer) and move detail to the description", o.label(), l, maxSummaryLength)
	case l > guidelineSummaryLimit:
		p.report(textLengthGuidelineExceeded, at(),
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
		p.report(operationSummaryStyle, at(),
			"%s: the summary contains %s; use only letters, digits, spaces, parentheses, hyphens and apostrophes", o.label(), quoteRunes(odd))
	case trailing:
		p.report(operationSummaryStyle, at(),
			"%s: the summary ends with %q; end it with a letter, digit or )", o.label(), string(last))
	}
}

// lazyValue defers computing a value's line and column until a finding needs it.
func lazyValue(f *File, n *jsonpos.Node, ptr string) func() at {
	return func() at { return value(f, n, ptr) }
}
