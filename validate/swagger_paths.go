package validate

import (
	"strings"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// pathSegment is one /-separated piece of a path template; variable is true for a whole-segment
// "{name}".
type pathSegment struct {
	text     string
	variable bool
}

// templateVars returns the {names} of a path template in order (malformed braces are skipped;
// OperationPathTemplateNotValid reports them).
func templateVars(path string) []string {
	var out []string
	for {
		i := strings.IndexByte(path, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(path[i:], '}')
		if j < 0 {
			return out
		}
		name := path[i+1 : i+j]
		if k := strings.IndexByte(name, '='); k >= 0 {
			name = name[:k]
		}
		out = append(out, name)
		path = path[i+j+1:]
	}
}

// templateProblem says what is wrong with a path template's braces ("" when nothing is).
func templateProblem(path string) string {
	open := -1
	for i := 0; i < len(path); i++ {
		switch path[i] {
		case '{':
			if open >= 0 {
				return "has a { inside another {...}"
			}
			open = i
		case '}':
			if open < 0 {
				return "has a } without a matching {"
			}
			if i == open+1 {
				return "has an empty {}"
			}
			open = -1
		case '/':
			if open >= 0 {
				return "has a {variable} that spans a /"
			}
		}
	}
	if open >= 0 {
		return "has a { that is never closed"
	}
	return ""
}

func splitPath(path string) []pathSegment {
	parts := strings.Split(strings.TrimPrefix(path, "/"), "/")
	out := make([]pathSegment, len(parts))
	for i, s := range parts {
		v := len(s) > 2 && s[0] == '{' && s[len(s)-1] == '}' && strings.Count(s, "{") == 1
		out[i] = pathSegment{text: s, variable: v}
	}
	return out
}

// normalizedPath replaces every {variable} with {} so that paths differing only in variable
// names compare equal.
func normalizedPath(path string) string {
	if !strings.Contains(path, "{") {
		return path
	}
	var sb strings.Builder
	in := false
	for i := 0; i < len(path); i++ {
		c := path[i]
		switch {
		case c == '{':
			in = true
			sb.WriteString("{}")
		case c == '}':
			in = false
		case !in:
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

// maxPartialBucket bounds the pairwise comparison of PartialDuplicateOperationPath: paths are
// compared only within one method and segment count, and a bucket larger than this is skipped
// (real connectors stay far below; the platform caps operations at 256).
const maxPartialBucket = 512

var operationPathMustStartWithSlash = newRule(Rule{
	ID: "OperationPathMustStartWithSlash", Severity: Error, Kinds: AllKinds, Section: "4",
	Summary: "A path key doesn't start with /.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:29:5", Pointer: "/paths/tasks~1{taskId}", Edits: []Edit{
			{File: SwaggerName, Old: "    \"/tasks/{taskId}\": {\n", New: "    \"tasks/{taskId}\": {\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

var operationPathMayNotContainQueryOrFragment = newRule(Rule{
	ID: "OperationPathMayNotContainQueryOrFragment", Severity: Error, Kinds: AllKinds, Section: "4",
	Summary: "A path key contains a raw ? or #.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:13:5", Pointer: "/paths/~1tasks?all=true", Edits: []Edit{
			{File: SwaggerName, Old: "    \"/tasks\": {\n", New: "    \"/tasks?all=true\": {\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

var operationPathContainsUnsupportedCharacters = newRule(Rule{
	ID: "OperationPathContainsUnsupportedCharacters", Severity: Error, Kinds: AllKinds, Section: "4",
	Summary: "A path key contains *.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:13:5", Pointer: "/paths/~1tasks*", Edits: []Edit{
			{File: SwaggerName, Old: "    \"/tasks\": {\n", New: "    \"/tasks*\": {\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

var operationPathTemplateNotValid = newRule(Rule{
	ID: "OperationPathTemplateNotValid", Severity: Error, Kinds: AllKinds, Section: "4",
	Summary: "A path template has unbalanced or nested braces, an empty {}, or a {variable} spanning segments.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:29:5", Pointer: "/paths/~1tasks~1{taskId", Edits: []Edit{
			{File: SwaggerName, Old: "    \"/tasks/{taskId}\": {\n", New: "    \"/tasks/{taskId\": {\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

var operationPathVariablesContainDefaults = newRule(Rule{
	ID: "OperationPathVariablesContainDefaults", Severity: Error, Kinds: AllKinds, Section: "4",
	Summary: "A path template variable has a default ({var=value}).",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:29:5", Pointer: "/paths/~1tasks~1{taskId=1}", Edits: []Edit{
			{File: SwaggerName, Old: "    \"/tasks/{taskId}\": {\n", New: "    \"/tasks/{taskId=1}\": {\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

var pathRedefined = newRule(Rule{
	ID: "PathRedefined", Severity: Error, Kinds: AllKinds, Section: "4",
	Summary: "Two path keys are equal when compared ignoring case.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:29:5", Pointer: "/paths/~1Tasks", Edits: []Edit{
			{File: SwaggerName, Old: "    \"/tasks/{taskId}\": {\n", New: "    \"/Tasks\": {\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

var pathItemRefNotSuppored = newRule(Rule{
	ID: "PathItemRefNotSuppored", Severity: Error, Kinds: AllKinds, Section: "4",
	Summary: "A path item uses $ref.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:29:25", Pointer: "/paths/~1tasks~1{taskId}/$ref", Edits: []Edit{
			{File: SwaggerName, Old: "    \"/tasks/{taskId}\": {\n", New: "    \"/tasks/{taskId}\": {\"$ref\": \"#/x-paths/t\",\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

// checkSwaggerPaths checks the path keys and the path templates against their parameters.
func checkSwaggerPaths(p *pass) {
	s := p.c.spec()
	if s.root == nil {
		return
	}
	f := s.f
	paths := s.root.Get("paths")
	if !paths.Is(jsonpos.Object) {
		return
	}
	folded := make(map[string]*jsonpos.Member, len(paths.Members))
	for i := range paths.Members {
		m := &paths.Members[i]
		k := m.Name
		ptr := func() string { return jsonpos.Join("/paths", k) } // built only to report
		at := func() at { return name(f, m, ptr()) }
		if !strings.HasPrefix(k, "/") {
			p.report(operationPathMustStartWithSlash, at(), "path %q doesn't start with /; write it as %q", k, "/"+k)
		}
		if strings.ContainsAny(k, "?#") {
			p.report(operationPathMayNotContainQueryOrFragment, at(),
				"path %q contains ? or #; declare query values as in: query parameters and drop the fragment", k)
		}
		if strings.Contains(k, "*") {
			p.report(operationPathContainsUnsupportedCharacters, at(),
				"path %q contains *; wildcards aren't supported: declare a {variable} path parameter instead", k)
		}
		if why := templateProblem(k); why != "" {
			p.report(operationPathTemplateNotValid, at(), "path %q %s; each {variable} must be a balanced name within one segment", k, why)
		}
		for _, v := range templateVars(k) {
			if strings.Contains(v, "=") || strings.Contains(k, "{"+v+"=") {
				p.report(operationPathVariablesContainDefaults, at(),
					"path %q gives {%s} a default value; write {%s} and set the default on its parameter", k, v, v)
			}
		}
		key := strings.ToLower(k)
		if prev, ok := folded[key]; ok && prev.Name != k {
			l, col := f.JSON.Lines.Position(prev.NameStart)
			p.report(pathRedefined, at(),
				"path %q differs only in letter case from %q (line %d); merge the two path items", k, prev.Name, l).
				related(f.Path, l, col, "first declaration of "+prev.Name)
		} else if !ok {
			folded[key] = m
		}
		if ref := m.Value.Member("$ref"); ref != nil && m.Value.Is(jsonpos.Object) {
			p.report(pathItemRefNotSuppored, name(f, ref, ptr()+"/$ref"),
				"path %q uses $ref; connectors don't support referenced path items: write the operations inline", k)
		}
	}
	checkDuplicatePaths(p, s)
	checkPathTemplateParams(p, s)
}

var duplicateOperationPath = newRule(Rule{
	ID: "DuplicateOperationPath", Severity: Error, Kinds: AllKinds, Section: "4",
	Summary: "Two operations with the same method whose paths differ only in template-variable names.",
	Basis:   BasisRejected, BasisReason: srcSV + "; the two can't be routed apart",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:30:7", Pointer: "/paths/~1tasks~1{taskId}/get", Edits: []Edit{
			{File: SwaggerName, Old: "    \"/tasks/{taskId}\": {\n", New: "    \"/tasks/{id}\": {\"get\": {\"operationId\": \"GetById\", \"parameters\": [{\"name\": \"id\", \"in\": \"path\", \"required\": true, \"type\": \"string\"}], \"responses\": {}}}, \"/tasks/{taskId}\": {\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "    \"/tasks/{taskId}\": {\n", New: "    \"/tasks/{id}\": {\"delete\": {\"operationId\": \"DeleteTask\", \"parameters\": [{\"name\": \"id\", \"in\": \"path\", \"required\": true, \"type\": \"string\"}], \"responses\": {}}}, \"/tasks/{taskId}\": {\n"},
		}},
	},
})

var partialDuplicateOperationPath = newRule(Rule{
	ID: "PartialDuplicateOperationPath", Severity: Warning, Kinds: AllKinds, Section: "4",
	Summary: "Two operations with the same method whose paths match except where a fixed segment faces a variable, so routing is ambiguous.",
	Basis:   BasisHeuristic,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:29:78", Pointer: "/paths/~1a~1b~1{y}/get", Edits: []Edit{
			{File: SwaggerName, Old: "    \"/tasks/{taskId}\": {\n", New: "    \"/a/{x}/c\": {\"get\": {\"operationId\": \"A\", \"responses\": {}}}, \"/a/b/{y}\": {\"get\": {\"operationId\": \"B\", \"responses\": {}}}, \"/tasks/{taskId}\": {\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "    \"/tasks/{taskId}\": {\n", New: "    \"/a/{x}\": {\"get\": {\"operationId\": \"A\", \"responses\": {}}}, \"/a/b\": {\"get\": {\"operationId\": \"B\", \"responses\": {}}}, \"/tasks/{taskId}\": {\n"},
		}},
	},
})

// checkDuplicatePaths reports operations whose paths the gateway can't tell apart.
func checkDuplicatePaths(p *pass, s *spec) {
	f := s.f
	type bucketKey struct {
		method string
		n      int
	}
	// Sized up front: growing them rehashed every entry again and again, which on a swagger
	// of 24,000 operations cost more per operation than on one of 6,000.
	firstNorm := make(map[string]*op, len(s.ops))
	buckets := map[bucketKey][]*op{}
	segs := make(map[*op][]pathSegment, len(s.ops))
	for _, o := range s.ops {
		key := o.method + " " + normalizedPath(o.path)
		if prev, ok := firstNorm[key]; ok {
			if prev.path != o.path && !strings.EqualFold(prev.path, o.path) {
				l, col := f.JSON.Lines.Position(prev.member.NameStart)
				p.report(duplicateOperationPath, name(f, o.member, o.ptr),
					"%s: %s %s and %s %s (line %d) differ only in variable names; the gateway can't tell them apart: merge them",
					o.label(), strings.ToUpper(o.method), o.path, strings.ToUpper(prev.method), prev.path, l).
					related(f.Path, l, col, "the other operation: "+prev.label())
			}
			continue
		}
		firstNorm[key] = o
		sg := splitPath(o.path)
		segs[o] = sg
		bk := bucketKey{o.method, len(sg)}
		buckets[bk] = append(buckets[bk], o)
	}
	for _, o := range s.ops {
		sg, ok := segs[o]
		if !ok {
			continue
		}
		bucket := buckets[bucketKey{o.method, len(sg)}]
		if len(bucket) > maxPartialBucket {
			continue
		}
		for _, prev := range bucket {
			if prev == o {
				break // compare each pair once, reporting the later operation
			}
			if partialDuplicate(segs[prev], sg) {
				l, col := f.JSON.Lines.Position(prev.member.NameStart)
				p.report(partialDuplicateOperationPath, name(f, o.member, o.ptr),
					"%s: %s %s and %s (line %d, %s) each have a fixed segment where the other has a {variable}, so a request can match both: make them differ in a fixed segment",
					o.label(), strings.ToUpper(o.method), o.path, prev.path, l, prev.label()).
					related(f.Path, l, col, "the other operation: "+prev.label())
				break
			}
		}
	}
}

// partialDuplicate: same length, every position equal or a variable on at least one side, and
// each path has a fixed segment facing a variable of the other. When only one side has fixed
// segments there (/items/search against /items/{id}), the more specific path wins, as in every
// router; that pattern is common in published connectors and isn't reported.
func partialDuplicate(a, b []pathSegment) bool {
	aFixed, bFixed := false, false
	for i := range a {
		switch {
		case a[i].variable && b[i].variable:
		case a[i].variable:
			bFixed = true
		case b[i].variable:
			aFixed = true
		case !strings.EqualFold(a[i].text, b[i].text):
			return false
		}
	}
	return aFixed && bFixed
}

var pathParameterNotDefinedInTemplate = newRule(Rule{
	ID: "PathParameterNotDefinedInTemplate", Severity: Error, Kinds: AllKinds, Section: "5",
	Summary: "An in: path parameter whose {name} isn't in the path.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:17:90", Pointer: "/paths/~1tasks/get/parameters/0/name", Edits: []Edit{
			{File: SwaggerName, Old: "        \"description\": \"Lists the tasks of the signed-in user.\",\n", New: "        \"description\": \"Lists the tasks of the signed-in user.\", \"parameters\": [{\"name\": \"x\", \"in\": \"path\", \"required\": true, \"type\": \"string\"}],\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

var operationMissingPathParameter = newRule(Rule{
	ID: "OperationMissingPathParameter", Severity: Error, Kinds: AllKinds, Section: "5",
	Summary: "A path {name} with no in: path parameter of that name.",
	Basis:   BasisRejected, BasisReason: srcSV + "; the path can't be filled",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:14:7", Pointer: "/paths/~1tasks~1{list}/get", Edits: []Edit{
			{File: SwaggerName, Old: "    \"/tasks\": {\n", New: "    \"/tasks/{list}\": {\n"},
		}},
		GoodCase: &Case{Kind: Custom},
	},
})

// checkPathTemplateParams matches each operation's {variables} with its in: path parameters.
func checkPathTemplateParams(p *pass, s *spec) {
	f := s.f
	seen := dedupe{}
	for _, o := range s.ops {
		vars := templateVars(o.path)
		have := map[string]bool{}
		for _, prm := range o.params {
			if prm.in != "path" {
				continue
			}
			have[prm.name] = true
			found := false
			for _, v := range vars {
				if v == prm.name {
					found = true
					break
				}
			}
			if !found && prm.name != "" && seen.first(pathParameterNotDefinedInTemplate.ID, prm.ptr) {
				p.report(pathParameterNotDefinedInTemplate, value(f, prm.node.Get("name"), prm.ptr+"/name"),
					"%s: path parameter %q has no {%s} in the path %q; add it to the path or change in to query", o.label(), prm.name, prm.name, o.path)
			}
		}
		for _, v := range vars {
			if v != "" && !have[v] {
				p.report(operationMissingPathParameter, name(f, o.member, o.ptr),
					"%s: the path %q has {%s} but the operation has no in: path parameter %q; declare it (required: true)", o.label(), o.path, v, v)
			}
		}
	}
}

// dedupe remembers which (rule, pointer) pairs were reported: a parameter written once under
// #/parameters and used by many operations is reported once per rule.
type dedupe map[[2]string]bool

func (d dedupe) first(rule, ptr string) bool {
	k := [2]string{rule, ptr}
	if d[k] {
		return false
	}
	d[k] = true
	return true
}
