package validate

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestBreakingReplay replays scripted edits on published connectors (the corpus's tuning half:
// even indices of the sorted folder names of each kind). Each edit is either breaking (it must get
// a breaking error of the named rule) or harmless (it must get no breaking error). It logs recall
// (breaking edits that get an error) and precision (edits with an error that really break).
//
// CONNECTOR_CHECK_REPLAY_HALF=held-back replays the held-back half (odd indices) instead, for
// reporting only.
func TestBreakingReplay(t *testing.T) {
	needCorpus(t)
	if testing.Short() {
		t.Skip("replays about 2,000 edits")
	}
	start, half := 0, "tuning"
	if os.Getenv("CONNECTOR_CHECK_REPLAY_HALF") == "held-back" {
		start, half = 1, "held-back"
	}
	var dirs []string
	for _, kind := range []string{"certified-connectors", "independent-publisher-connectors"} {
		entries, err := os.ReadDir(filepath.Join(corpusDir, kind))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range entries {
			if e.IsDir() {
				names = append(names, e.Name())
			}
		}
		slices.Sort(names)
		for i := start; i < len(names); i += 2 {
			dirs = append(dirs, filepath.Join(corpusDir, kind, names[i]))
		}
	}
	type tally struct{ edits, flagged int }
	perEdit := map[string]*tally{}
	var breakingEdits, breakingFlagged, flagged, flaggedBreaking, harmless, harmlessWithErrors, quietMisses int
	for _, dir := range dirs {
		data, err := os.ReadFile(filepath.Join(dir, SwaggerName))
		if err != nil {
			continue
		}
		var doc map[string]any
		if json.Unmarshal(data, &doc) != nil {
			continue // lenient JSON that encoding/json can't read: not used for scripted edits
		}
		oldData, _ := json.MarshalIndent(doc, "", "  ")
		old := FromFiles(dir, dir, IndependentPublisher, map[string][]byte{SwaggerName: oldData}, "")
		for _, e := range replayEdits {
			replayRemoved = nil
			nd := cloneJSON(doc)
			if !e.apply(nd) {
				continue
			}
			newData, _ := json.MarshalIndent(nd, "", "  ")
			new := FromFiles(dir, dir, IndependentPublisher, map[string][]byte{SwaggerName: newData}, "")
			fs := Breaking(old, new)
			var errs []Finding
			hasRule := false
			for _, f := range fs {
				if f.Severity == Error {
					errs = append(errs, f)
				}
				if f.Rule == e.rule && f.Severity >= e.minSev() {
					hasRule = true
				}
			}
			tl := perEdit[e.name]
			if tl == nil {
				tl = &tally{}
				perEdit[e.name] = tl
			}
			tl.edits++
			if len(errs) > 0 {
				tl.flagged++
				flagged++
				if e.breaking {
					flaggedBreaking++
				}
			}
			if e.breaking {
				breakingEdits++
				if len(errs) > 0 {
					breakingFlagged++
				}
				if !hasRule {
					t.Errorf("%s, %s: no %s:\n%s", dir, e.name, e.rule, describe(fs))
				}
				for _, k := range replayRemoved { // one finding per removed item, none folded
					if !slices.ContainsFunc(fs, func(f Finding) bool {
						return f.Rule == e.rule && (strings.Contains(f.Message, `output "`+k+`"`) || strings.Contains(f.Message, `.`+k+`"`))
					}) {
						t.Errorf("%s, %s: %q is not named:\n%s", dir, e.name, k, describe(fs))
					}
				}
				continue
			}
			harmless++
			if len(errs) > 0 {
				harmlessWithErrors++
				t.Errorf("%s, harmless %s: breaking errors:\n%s", dir, e.name, describe(errs))
			}
			if e.rule == "" && len(fs) > 0 {
				quietMisses++
				t.Errorf("%s, %s: want no finding at all:\n%s", dir, e.name, describe(fs))
			}
		}
	}
	names := make([]string, 0, len(perEdit))
	for n := range perEdit {
		names = append(names, n)
	}
	slices.Sort(names)
	var sb strings.Builder
	for _, n := range names {
		fmt.Fprintf(&sb, "  %-28s %4d edits, %4d with a breaking error\n", n, perEdit[n].edits, perEdit[n].flagged)
	}
	pct := func(a, b int) float64 {
		if b == 0 {
			return 100
		}
		return 100 * float64(a) / float64(b)
	}
	t.Logf("%d connectors of the %s half\n%s"+
		"recall: %d of %d breaking edits get a breaking error (%.1f%%)\n"+
		"precision: %d of %d edits with a breaking error really break (%.1f%%)\n"+
		"harmless edits with a breaking error: %d of %d",
		len(dirs), half, sb.String(), breakingFlagged, breakingEdits, pct(breakingFlagged, breakingEdits),
		flaggedBreaking, flagged, pct(flaggedBreaking, flagged), harmlessWithErrors, harmless)
	if pct(breakingFlagged, breakingEdits) < 95 || pct(flaggedBreaking, flagged) < 95 {
		t.Errorf("below the 95%% targets")
	}
}

// replayEdit is one scripted change of a swagger (decoded with encoding/json). apply returns false
// when the swagger has nothing to edit. rule is the finding a breaking edit must get (an error,
// unless sev says otherwise); a harmless edit with rule "" must get no finding at all.
type replayEdit struct {
	name     string
	breaking bool
	rule     string
	sev      Severity
	apply    func(doc map[string]any) bool
}

func (e replayEdit) minSev() Severity {
	if e.sev != 0 {
		return e.sev
	}
	return Error
}

var replayEdits = []replayEdit{
	{name: "numeric widening", rule: "OutputNumberTypeChanged", sev: Notice, apply: widenNumbers},
	{name: "basePath move", apply: moveBasePath},
	{name: "optional output added", apply: func(doc map[string]any) bool {
		obj := firstOutputObject(doc, 0)
		if obj == nil {
			return false
		}
		props := obj["properties"].(map[string]any)
		props["replayAddedField"] = map[string]any{"type": "string", "description": "Added by the replay."}
		return true
	}},
	{name: "descriptions edited", apply: func(doc map[string]any) bool {
		n := 0
		forEachOperation(doc, func(_, _ string, op map[string]any) {
			op["description"] = "Edited by the replay."
			n++
		})
		return n > 0
	}},
	{name: "operation retired", rule: "OperationMadeInternal", sev: Notice, apply: func(doc map[string]any) bool {
		done := false
		forEachOperation(doc, func(_, _ string, op map[string]any) {
			if !done && op["x-ms-visibility"] != "internal" && op["operationId"] != nil {
				op["deprecated"] = true
				op["x-ms-visibility"] = "internal"
				done = true
			}
		})
		return done
	}},
	{name: "output enum dropped", rule: "OutputEnumRemoved", sev: Notice, apply: func(doc map[string]any) bool {
		found := false
		walkOutputs(doc, func(s map[string]any) {
			if _, ok := s["enum"]; ok && !found {
				delete(s, "enum")
				found = true
			}
		})
		return found
	}},

	{name: "response $refs inlined", apply: func(doc map[string]any) bool {
		n := 0
		forEachOperation(doc, func(_, _ string, op map[string]any) {
			rs, _ := op["responses"].(map[string]any)
			for _, code := range jsonKeys(rs) {
				r, _ := rs[code].(map[string]any)
				if sch, ok := r["schema"].(map[string]any); ok && sch["$ref"] != nil && strings.HasPrefix(code, "2") {
					if d := deref(doc, sch); d != nil {
						r["schema"] = cloneJSON(d)
						n++
					}
				}
			}
		})
		return n > 0
	}},
	{name: "input enum value added", apply: func(doc map[string]any) bool {
		done := false
		forEachOperation(doc, func(_, _ string, op map[string]any) {
			for _, p := range params(doc, op) {
				if e, ok := p["enum"].([]any); ok && !done && p["type"] == "string" {
					p["enum"] = append(e, "replayAddedValue")
					done = true
				}
			}
		})
		return done
	}},
	{name: "sibling outputs removed", breaking: true, rule: "OutputFieldDeleted", apply: func(doc map[string]any) bool {
		obj := firstOutputObject(doc, 2)
		if obj == nil {
			return false
		}
		props := obj["properties"].(map[string]any)
		keys := jsonKeys(props)
		delete(props, keys[0])
		delete(props, keys[1])
		replayRemoved = keys[:2]
		return true
	}},
	{name: "body parameter renamed", breaking: true, rule: "BodyParameterRenamed", apply: func(doc map[string]any) bool {
		done := false
		forEachOperation(doc, func(_, _ string, op map[string]any) {
			if done || op["operationId"] == nil {
				return
			}
			for _, p := range params(doc, op) {
				if p["in"] == "body" && p["x-ms-visibility"] != "internal" && !hasRef(op) {
					p["name"] = fmt.Sprint(p["name"]) + "Renamed"
					done = true
					return
				}
			}
		})
		return done
	}},
	{name: "nested property required", breaking: true, rule: "InputMadeRequired", apply: func(doc map[string]any) bool {
		done := false
		forEachOperation(doc, func(_, _ string, op map[string]any) {
			if done || op["operationId"] == nil {
				return
			}
			for _, p := range params(doc, op) {
				if p["in"] != "body" || p["x-ms-visibility"] == "internal" {
					continue
				}
				s := deref(doc, p["schema"])
				props, _ := s["properties"].(map[string]any)
				req, _ := s["required"].([]any)
				for _, k := range jsonKeys(props) {
					ps := deref(doc, props[k])
					if ps == nil || ps["default"] != nil || ps["x-ms-visibility"] == "internal" || ps["readOnly"] == true || slices.Contains(req, any(k)) {
						continue
					}
					s["required"] = append(req, k)
					done = true
					return
				}
			}
		})
		return done
	}},
	{name: "operation deleted", breaking: true, rule: "OperationDeleted", apply: func(doc map[string]any) bool {
		paths, _ := doc["paths"].(map[string]any)
		for _, p := range jsonKeys(paths) {
			item, _ := paths[p].(map[string]any)
			for _, m := range jsonKeys(item) {
				op, _ := item[m].(map[string]any)
				if isMethod(m) && op["operationId"] != nil && op["deprecated"] != true && op["x-ms-visibility"] != "internal" {
					delete(item, m)
					return true
				}
			}
		}
		return false
	}},
	{name: "required query parameter added", breaking: true, rule: "RequiredInputAdded", apply: func(doc map[string]any) bool {
		done := false
		forEachOperation(doc, func(_, _ string, op map[string]any) {
			if !done && op["operationId"] != nil {
				list, _ := op["parameters"].([]any)
				op["parameters"] = append(list, map[string]any{"name": "replayAdded", "in": "query", "required": true, "type": "string"})
				done = true
			}
		})
		return done
	}},
	{name: "input enum value removed", breaking: true, rule: "InputEnumValueRemoved", apply: func(doc map[string]any) bool {
		done := false
		forEachOperation(doc, func(_, _ string, op map[string]any) {
			for _, p := range params(doc, op) {
				if e, ok := p["enum"].([]any); ok && !done && len(e) >= 2 && op["operationId"] != nil && p["x-ms-visibility"] != "internal" {
					p["enum"] = e[:len(e)-1]
					done = true
				}
			}
		})
		return done
	}},
	{name: "output kind changed", breaking: true, rule: "OutputTypeChanged", apply: func(doc map[string]any) bool {
		obj := firstOutputObject(doc, 1)
		if obj == nil {
			return false
		}
		props := obj["properties"].(map[string]any)
		for _, k := range jsonKeys(props) {
			if s, _ := props[k].(map[string]any); s != nil && s["type"] == "string" {
				s["type"] = "object"
				delete(s, "format")
				return true
			}
		}
		return false
	}},
}

// replayRemoved are the output properties the last edit removed (each must be named).
var replayRemoved []string

var methods = []string{"get", "put", "post", "delete", "patch", "head", "options"}

func isMethod(m string) bool { return slices.Contains(methods, m) }

func hasRef(op map[string]any) bool { _, ok := op["$ref"]; return ok }

func jsonKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func cloneJSON(doc map[string]any) map[string]any {
	data, _ := json.Marshal(doc)
	var out map[string]any
	json.Unmarshal(data, &out)
	return out
}

// deref follows local $refs (a few hops) and returns the schema or parameter object, or nil.
func deref(doc map[string]any, v any) map[string]any {
	for range 8 {
		m, _ := v.(map[string]any)
		ref, ok := m["$ref"].(string)
		if !ok {
			return m
		}
		v = doc
		for _, seg := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			seg = strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~")
			mm, _ := v.(map[string]any)
			v = mm[seg]
		}
	}
	return nil
}

func forEachOperation(doc map[string]any, f func(path, method string, op map[string]any)) {
	paths, _ := doc["paths"].(map[string]any)
	for _, p := range jsonKeys(paths) {
		item, _ := paths[p].(map[string]any)
		for _, m := range jsonKeys(item) {
			if op, ok := item[m].(map[string]any); ok && isMethod(m) {
				f(p, m, op)
			}
		}
	}
}

// params are the operation's parameters, $refs followed (path-level ones aren't needed here).
func params(doc map[string]any, op map[string]any) []map[string]any {
	list, _ := op["parameters"].([]any)
	var out []map[string]any
	for _, p := range list {
		if m := deref(doc, p); m != nil {
			out = append(out, m)
		}
	}
	return out
}

// successSchemas are the success response schemas of op, $refs followed.
func successSchemas(doc map[string]any, op map[string]any) []map[string]any {
	rs, _ := op["responses"].(map[string]any)
	var out []map[string]any
	for _, code := range jsonKeys(rs) {
		if !strings.HasPrefix(code, "2") {
			continue
		}
		r := deref(doc, rs[code])
		if s := deref(doc, r["schema"]); s != nil {
			out = append(out, s)
		}
	}
	return out
}

// firstOutputObject is the first success-response object (or an array's item object) of a
// visible operation with at least min properties, or nil.
func firstOutputObject(doc map[string]any, min int) map[string]any {
	var found map[string]any
	forEachOperation(doc, func(_, _ string, op map[string]any) {
		if found != nil || op["operationId"] == nil {
			return
		}
		for _, s := range successSchemas(doc, op) {
			if s["type"] == "array" {
				s = deref(doc, s["items"])
			}
			props, ok := s["properties"].(map[string]any)
			if ok && len(props) >= max(min, 1) {
				found = s
				return
			}
		}
	})
	return found
}

// walkOutputs visits the success-response schemas and their properties (one level of $ref each).
func walkOutputs(doc map[string]any, f func(s map[string]any)) {
	forEachOperation(doc, func(_, _ string, op map[string]any) {
		for _, s := range successSchemas(doc, op) {
			var walk func(s map[string]any, depth int)
			walk = func(s map[string]any, depth int) {
				if s == nil || depth > 6 {
					return
				}
				f(s)
				props, _ := s["properties"].(map[string]any)
				for _, k := range jsonKeys(props) {
					walk(deref(doc, props[k]), depth+1)
				}
				walk(deref(doc, s["items"]), depth+1)
			}
			walk(s, 0)
		}
	})
}

// widenNumbers widens every number the operations return: int32 to int64, integer (no format)
// to number, float to double.
func widenNumbers(doc map[string]any) bool {
	n := 0
	walkOutputs(doc, func(s map[string]any) {
		switch {
		case s["type"] == "integer" && s["format"] == "int32":
			s["format"] = "int64"
			n++
		case s["type"] == "integer" && s["format"] == nil:
			s["type"] = "number"
			n++
		case s["type"] == "number" && s["format"] == "float":
			s["format"] = "double"
			n++
		}
	})
	return n > 0
}

// moveBasePath moves basePath's last segment into every path: /v1 + /items becomes / + /v1/items.
func moveBasePath(doc map[string]any) bool {
	bp, _ := doc["basePath"].(string)
	bp = strings.TrimRight(bp, "/")
	paths, _ := doc["paths"].(map[string]any)
	if bp == "" || len(paths) == 0 {
		return false
	}
	i := strings.LastIndexByte(bp, '/')
	seg := bp[i:]
	doc["basePath"] = bp[:i]
	if bp[:i] == "" {
		doc["basePath"] = "/"
	}
	moved := map[string]any{}
	for p, v := range paths {
		if strings.HasPrefix(p, "x-") {
			moved[p] = v
			continue
		}
		moved[seg+p] = v
	}
	doc["paths"] = moved
	return true
}
