package validate

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/fix"
	"github.com/connector-check/connector-check/internal/goldenfile"
)

// fixSwagger is a small connector's swagger with no fixable finding; each case breaks it in one way.
const fixSwagger = `{
  "swagger": "2.0",
  "info": {
    "title": "Contoso Tasks",
    "description": "Manage the tasks of a Contoso workspace from your flows and apps.",
    "version": "1.0"
  },
  "host": "api.contoso.com",
  "basePath": "/",
  "schemes": ["https"],
  "produces": ["application/json"],
  "paths": {
    "/tasks/{taskId}": {
      "get": {
        "operationId": "GetTask",
        "summary": "Get a task",
        "description": "Gets one task by its ID.",
        "parameters": [
          {
            "name": "taskId",
            "in": "path",
            "required": true,
            "type": "string",
            "x-ms-summary": "Task ID",
            "description": "The ID of the task.",
            "x-ms-url-encoding": "single"
          },
          {
            "name": "pageSize",
            "in": "query",
            "type": "integer",
            "x-ms-summary": "Page Size",
            "description": "How many tasks to return."
          }
        ],
        "responses": {
          "200": {"description": "OK", "schema": {"type": "object"}}
        }
      }
    }
  }
}
`

const fixProperties = `{
  "properties": {
    "iconBrandColor": "#da3b01",
    "capabilities": [],
    "connectionParameters": {
      "api_key": {
        "type": "securestring",
        "uiDefinition": {
          "displayName": "API Key",
          "description": "The API key of your Contoso account.",
          "tooltip": "Provide your API key",
          "constraints": {"tabIndex": 2, "clearText": false, "required": "true"}
        }
      }
    },
    "publisher": "Contoso",
    "stackOwner": "Contoso"
  }
}
`

const fixReadme = "# Contoso Tasks\n\nManage the tasks of a Contoso workspace.\n\n## Publisher: Contoso\n\n## Prerequisites\n\nAn account.\n"

type fixCase struct {
	name  string
	kind  string            // kind folder
	edit  map[string]string // file name -> old => new (applied to the base file), or whole content with "="
	files map[string]string // extra or replaced files
	drop  []string          // base files to leave out
	crlf  bool              // write the files with CRLF line ends
}

var fixCases = []fixCase{
	{name: "JsonTrailingComma", edit: map[string]string{PropertiesName: `"stackOwner": "Contoso"` + "=>" + `"stackOwner": "Contoso",`}},
	{name: "JsonBomPresent", edit: map[string]string{PropertiesName: "{\n  \"properties\"=>\ufeff{\n  \"properties\""}},
	{name: "JsonControlCharacterInString", edit: map[string]string{SwaggerName: `"Gets one task by its ID."=>"Gets one task` + "\t" + `by its ID."`}},
	{name: "PathParameterMustBeRequired", edit: map[string]string{SwaggerName: `"required": true,=>"required": false,`}},
	{name: "PathParameterMustBeRequired_absent", edit: map[string]string{SwaggerName: `
            "required": true,=>`}},
	{name: "PathParameterMissingEncoding", edit: map[string]string{SwaggerName: `,
            "x-ms-url-encoding": "single"=>`}},
	{name: "ParameterSummaryMissing", edit: map[string]string{SwaggerName: `
            "x-ms-summary": "Page Size",=>`}},
	{name: "ParameterSummaryMissing_crlf", crlf: true, edit: map[string]string{SwaggerName: `
            "x-ms-summary": "Page Size",=>`}},
	{name: "ParameterSummaryMissing_oneline", edit: map[string]string{SwaggerName: `{
            "name": "pageSize",
            "in": "query",
            "type": "integer",
            "x-ms-summary": "Page Size",
            "description": "How many tasks to return."
          }=>{"name":"pageSize","in":"query","type":"integer","description":"How many tasks to return."}`}},
	{name: "IconBrandColorNotAllowed", edit: map[string]string{PropertiesName: `"#da3b01"=>"#007ee5"`}},
	{name: "IconBrandColorNotAllowed_certified", kind: "certified-connectors", edit: map[string]string{PropertiesName: `"#da3b01"=>"#007ee5"`}},
	{name: "XmsExtensionMisspelled", edit: map[string]string{SwaggerName: `"x-ms-summary": "Page Size"=>"x-ms-sumary": "Page Size"`}},
	{name: "XmsExtensionMisspelled_behaviour", edit: map[string]string{SwaggerName: `"x-ms-url-encoding": "single"=>"x-ms-url-encodin": "single"`}},
	{name: "XmsVisibilityInvalid", edit: map[string]string{SwaggerName: `"type": "integer",=>"type": "integer",
            "x-ms-visibility": "Advanced",`}},
	{name: "ConstraintValueNotString", edit: map[string]string{PropertiesName: `"required": "true"=>"required": true`}},
	{name: "ReadmeHeadingMissingSpace", edit: map[string]string{ReadmeName: "## Prerequisites=>##Prerequisites"}},
	{name: "FileNameCaseMismatch", files: map[string]string{"apiproperties.json": fixProperties}, drop: []string{PropertiesName}},
	{name: "FileNameMisspelled", files: map[string]string{"apiDefination.swagger.json": fixSwagger}, drop: []string{SwaggerName}},
	{name: "FileNameMisspelled_script", files: map[string]string{"connector-script.csx": "public class Script : ScriptBase {}\n"}},
	{name: "FileNameCaseMismatch_script", files: map[string]string{"Script.csx": "public class Script : ScriptBase {}\n"}},
	{name: "FileNameMisspelled_taken", files: map[string]string{"apiDefination.swagger.json": fixSwagger}},
}

// writeFixCase writes a case's connector under dir/<kind>/Contoso and returns the folder.
func writeFixCase(t *testing.T, dir string, tc fixCase) string {
	t.Helper()
	kind := tc.kind
	if kind == "" {
		kind = "independent-publisher-connectors"
	}
	conn := filepath.Join(dir, kind, "Contoso")
	if err := os.MkdirAll(conn, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{SwaggerName: fixSwagger, PropertiesName: fixProperties, ReadmeName: fixReadme}
	for _, d := range tc.drop {
		delete(files, d)
	}
	for name, e := range tc.edit {
		old, repl, ok := strings.Cut(e, "=>")
		if !ok || !strings.Contains(files[name], old) {
			t.Fatalf("%s: edit %q doesn't apply to %s", tc.name, old, name)
		}
		files[name] = strings.Replace(files[name], old, repl, 1)
	}
	for name, data := range tc.files {
		files[name] = data
	}
	for name, data := range files {
		if tc.crlf {
			data = strings.ReplaceAll(data, "\n", "\r\n")
		}
		if err := os.WriteFile(filepath.Join(conn, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return conn
}

// writeFixResult writes what FixConnector returned, as the fix command does.
func writeFixResult(t testing.TB, r *FixResult) {
	t.Helper()
	for _, f := range r.Files {
		// The edits (what diffs and patches show) make exactly the bytes that were verified.
		if got, err := fix.Apply(f.Original, f.Edits); err != nil || string(got) != string(f.Data) {
			t.Fatalf("%s/%s: the composed edits don't give the fixed bytes (%v)", r.Dir, f.OrigName, err)
		}
		if f.Renamed() {
			if err := fix.RenameFile(r.Dir, "", f.OrigName, f.Name); err != nil {
				t.Fatal(err)
			}
		}
		if len(f.Edits) > 0 {
			if err := fix.WriteFile(filepath.Join(r.Dir, f.Name), "", f.Data); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// fixReport is the golden text of a fix: what was applied and skipped, and the patch.
func fixReport(t testing.TB, r *FixResult) string {
	t.Helper()
	var sb strings.Builder
	for _, a := range r.Applied {
		fmt.Fprintf(&sb, "applied %s %s:%d:%d %q: %q -> %q\n", a.Rule, a.File, a.Line, a.Column, a.Pointer, a.Before, a.After)
	}
	for _, s := range r.Skipped {
		fmt.Fprintf(&sb, "skipped %s %s:%d:%d %q: %s\n", s.Rule, s.File, s.Line, s.Column, s.Pointer, s.Reason)
	}
	fmt.Fprintf(&sb, "remaining %d\n\n", r.Remaining)
	var changes []fix.FileChange
	for _, f := range r.Files {
		changes = append(changes, fix.FileChange{OldName: f.OrigName, NewName: f.Name, Old: f.Original, Edits: f.Edits})
	}
	patch, err := fix.Patch(changes)
	if err != nil {
		t.Fatal(err)
	}
	sb.WriteString(patch)
	return sb.String()
}

// TestFixGolden fixes one broken connector per case and compares what was done with
// testdata/fix/<case>.golden; the fix must remove the case's finding, and a second run must
// change nothing.
func TestFixGolden(t *testing.T) {
	for _, tc := range fixCases {
		t.Run(tc.name, func(t *testing.T) {
			conn := writeFixCase(t, t.TempDir(), tc)
			rule, _, _ := strings.Cut(tc.name, "_")
			c, err := Load(conn, "Contoso", 0)
			if err != nil {
				t.Fatal(err)
			}
			if !hasRule(Check(c), rule) {
				t.Fatalf("the case has no %s finding", rule)
			}
			r, err := FixConnector(conn, "Contoso", FixOptions{})
			if err != nil {
				t.Fatal(err)
			}
			goldenfile.Check(t, filepath.Join("testdata", "fix", tc.name+".golden"), []byte(fixReport(t, r)))
			writeFixResult(t, r)
			c, err = Load(conn, "Contoso", 0)
			if err != nil {
				t.Fatal(err)
			}
			fixedHere := false
			for _, a := range r.Applied {
				fixedHere = fixedHere || a.Rule == rule
			}
			if fixedHere && hasRule(Check(c), rule) {
				t.Errorf("%s is still reported after the fix", rule)
			}
			again, err := FixConnector(conn, "Contoso", FixOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(again.Applied) > 0 || len(again.Files) > 0 {
				t.Errorf("a second run fixed more: %+v", again.Applied)
			}
		})
	}
}

func hasRule(fs []Finding, rule string) bool {
	for _, f := range fs {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

// TestFixEveryRuleHasACase keeps the golden cases in step with the fixable rules.
func TestFixEveryRuleHasACase(t *testing.T) {
	n := 0
	for _, r := range Rules() {
		if !r.Fixable() {
			continue
		}
		n++
		found := false
		for _, tc := range fixCases {
			if id, _, _ := strings.Cut(tc.name, "_"); id == r.ID {
				found = true
			}
		}
		if !found {
			t.Errorf("%s has a fixer but no golden case in fixCases", r.ID)
		}
	}
	if n != 13 {
		t.Errorf("%d fixable rules, want the issue's 13", n)
	}
}

// TestFixTrialBudget: past the re-check budget, untried fixes are skipped, not verified late.
func TestFixTrialBudget(t *testing.T) {
	defer func(n int) { maxTrials = n }(maxTrials)
	maxTrials = 1
	conn := writeFixCase(t, t.TempDir(), fixCase{name: "two files", edit: map[string]string{
		PropertiesName: `"stackOwner": "Contoso"=>"stackOwner": "Contoso",`,
		ReadmeName:     "## Prerequisites=>##Prerequisites",
	}})
	r, err := FixConnector(conn, "Contoso", FixOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Applied) != 1 || len(r.Skipped) != 1 || !strings.Contains(r.Skipped[0].Reason, "re-checks are spent") || r.Remaining != 1 {
		t.Errorf("applied %+v, skipped %+v, remaining %d", r.Applied, r.Skipped, r.Remaining)
	}
}

// TestCompose: edits made in rounds, each to the bytes the previous rounds left, compose into
// edits of the original bytes that give the same result (checked over many seeded cases).
func TestCompose(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 2000 {
		orig := []byte("0123456789abcdefghijklmnopqrstuvwxyz")
		cur := orig
		var applied []fix.Edit
		for range 1 + rng.IntN(4) {
			var edits []fix.Edit
			pos := 0
			for pos < len(cur) && len(edits) < 4 {
				start := pos + rng.IntN(len(cur)-pos+1)
				end := min(start+rng.IntN(4), len(cur))
				edits = append(edits, fix.Edit{Start: start, End: end, New: strings.Repeat("X", rng.IntN(3))})
				pos = end + rng.IntN(3)
			}
			next, err := fix.Apply(cur, edits)
			if err != nil {
				continue
			}
			applied = compose(applied, edits)
			cur = next
		}
		got, err := fix.Apply(orig, applied)
		if err != nil || string(got) != string(cur) {
			t.Fatalf("case %d: composed %q (%v), sequential %q; edits %+v", n, got, err, cur, applied)
		}
	}
}

// TestShiftItems: the edits of a batch's second half move past the first half's kept edits.
func TestShiftItems(t *testing.T) {
	kept := []fixItem{
		{change: fix.Change{Edits: []fix.Edit{{Start: 5, End: 5, New: "abc"}}}},
		{change: fix.Change{Edits: []fix.Edit{{Start: 10, End: 12}}}},
	}
	items := []fixItem{
		{change: fix.Change{Edits: []fix.Edit{{Start: 3, End: 4, New: "x"}}}},
		{change: fix.Change{Edits: []fix.Edit{{Start: 5, End: 5, New: "y"}}}},
		{change: fix.Change{Edits: []fix.Edit{{Start: 12, End: 13}}}},
		{change: fix.Change{Rename: &fix.Rename{From: "a", To: "b"}}},
	}
	got := shiftItems(items, kept)
	for i, want := range []int{3, 8, 13} {
		if s := got[i].change.Edits[0].Start; s != want {
			t.Errorf("item %d starts at %d, want %d", i, s, want)
		}
	}
	if got[3].change.Rename == nil {
		t.Error("a rename lost")
	}
}
