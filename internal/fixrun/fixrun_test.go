package fixrun

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/fix"
	"github.com/connector-check/connector-check/validate"
)

const testSwagger = `{
  "swagger": "2.0",
  "info": {"title": "Contoso Tasks", "description": "Manage the tasks of a Contoso workspace from your flows.", "version": "1.0"},
  "host": "api.contoso.com",
  "basePath": "/",
  "schemes": ["https"],
  "paths": {
    "/tasks": {
      "get": {
        "operationId": "ListTasks",
        "summary": "List tasks",
        "description": "Lists the tasks.",
        "responses": {"200": {"description": "OK", "schema": {"type": "object"}}}
      }
    }
  }
}
`

const testProperties = `{
  "properties": {
    "iconBrandColor": "#da3b01",
    "capabilities": [],
    "publisher": "Contoso",
    "stackOwner": "Contoso",
  }
}
`

// connector writes an independent-publisher connector whose apiProperties.json has a trailing
// comma (one fixable finding) under a temporary folder, and returns the folder and the connector.
func connector(t *testing.T) (root, conn string) {
	t.Helper()
	root = t.TempDir()
	conn = filepath.Join(root, "independent-publisher-connectors", "Contoso Tasks")
	if err := os.MkdirAll(conn, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"apiDefinition.swagger.json": testSwagger,
		"apiProperties.json":         testProperties,
		"readme.md":                  "# Contoso Tasks\n\nManage tasks.\n",
	} {
		if err := os.WriteFile(filepath.Join(conn, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root, conn
}

func TestPathsAndOutputs(t *testing.T) {
	root, conn := connector(t)
	// A path given twice is fixed once.
	results, err := Paths([]string{root, conn}, validate.FixOptions{Rules: []string{"JsonTrailingComma"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 || Applied(results) != 1 || results[0].Applied[0].Rule != "JsonTrailingComma" {
		t.Fatalf("results: %+v", results)
	}
	if n := Remaining(results, false); n != 1 {
		t.Errorf("Remaining of a dry run = %d, want 1", n)
	}
	if n := Remaining(results, true); n != 0 {
		t.Errorf("Remaining after writing = %d, want 0", n)
	}

	var text strings.Builder
	Text(&text, results, false)
	if !strings.Contains(text.String(), `: would fix JsonTrailingComma: "    \"stackOwner\": \"Contoso\"," -> "    \"stackOwner\": \"Contoso\""`) ||
		!strings.HasSuffix(text.String(), "\n1 fix in 1 file, 0 skipped\n") {
		t.Errorf("text:\n%s", text.String())
	}

	var js strings.Builder
	if err := JSON(&js, results, true); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Written          bool
		Applied, Skipped []map[string]any
	}
	if err := json.Unmarshal([]byte(js.String()), &got); err != nil || !got.Written || len(got.Applied) != 1 || got.Skipped == nil {
		t.Errorf("json (%v):\n%s", err, js.String())
	}

	// Patch paths are relative to base when the connector is inside it.
	patch, err := Patch(results, root)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(patch, "diff --git a/independent-publisher-connectors/Contoso Tasks/apiProperties.json b/independent-publisher-connectors/Contoso Tasks/apiProperties.json\n") {
		t.Errorf("patch relative to its base:\n%s", patch)
	}
	outside, err := Patch(results, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(outside, filepath.ToSlash(conn)+"/apiProperties.json") {
		t.Errorf("patch of a connector outside its base keeps the folder as found:\n%s", outside)
	}

	if _, err := Paths([]string{t.TempDir()}, validate.FixOptions{}); err == nil || !strings.Contains(err.Error(), "no connector folder under") {
		t.Errorf("a folder without connectors: %v", err)
	}
}

func TestWrite(t *testing.T) {
	_, conn := connector(t)
	results, err := Paths([]string{conn}, validate.FixOptions{})
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(conn, "apiProperties.json")

	// A file changed since it was read is left alone.
	os.WriteFile(name, []byte(testProperties+" "), 0o644)
	if err := Write(results[0], ""); err == nil || !strings.Contains(err.Error(), "changed while it was being fixed") {
		t.Errorf("Write over a changed file: %v", err)
	}
	if data, _ := os.ReadFile(name); string(data) != testProperties+" " {
		t.Errorf("the changed file was written:\n%s", data)
	}

	os.WriteFile(name, []byte(testProperties), 0o644)
	if err := Write(results[0], ""); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(name); string(data) != string(results[0].Files[0].Data) || strings.Contains(string(data), `"Contoso",
  }`) {
		t.Errorf("written:\n%s", data)
	}
}

func TestIntroduced(t *testing.T) {
	_, conn := connector(t)
	t.Chdir(conn)
	res, err := validate.Run([]string{"."}, validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Nothing compared: every fixable finding is fixed.
	if results, err := Introduced(res, validate.Options{}, false); err != nil || Applied(results) != 1 {
		t.Fatalf("not compared: %v %+v", err, results)
	}
	// Compared: only the introduced ones; baselined and inherited ones never.
	if results, err := Introduced(res, validate.Options{}, true); err != nil || len(results) != 0 {
		t.Errorf("compared, nothing introduced: %v %+v", err, results)
	}
	for i := range res.Findings {
		res.Findings[i].Introduced = true
		res.Findings[i].Baselined = true
	}
	if results, err := Introduced(res, validate.Options{}, true); err != nil || len(results) != 0 {
		t.Errorf("baselined: %v %+v", err, results)
	}
	for i := range res.Findings {
		res.Findings[i].Baselined = false
	}
	if results, err := Introduced(res, validate.Options{}, true); err != nil || Applied(results) != 1 {
		t.Errorf("introduced: %v %+v", err, results)
	}
}

// fixed is a result with one file of n lines, each line's "x" changed to "y", and the file's
// rename when rename is set.
func fixed(n int, rename string) *validate.FixResult {
	var old strings.Builder
	var edits []fix.Edit
	f := validate.FixedFile{OrigName: "apiProperties.json", Name: "apiProperties.json"}
	r := &validate.FixResult{Connector: "certified-connectors/Contoso", Dir: "Contoso"}
	for i := range n {
		edits = append(edits, fix.Edit{File: f.OrigName, Start: old.Len(), End: old.Len() + 1, New: "y"})
		old.WriteString("x\n")
		r.Applied = append(r.Applied, validate.FixRecord{Rule: "JsonTrailingComma", File: "certified-connectors/Contoso/apiProperties.json", Line: i + 1, Column: 1})
	}
	f.Original, f.Edits = []byte(old.String()), edits
	if rename != "" {
		f.Name = rename
	}
	r.Files = []validate.FixedFile{f}
	return r
}

func TestSuggestions(t *testing.T) {
	// Every other line: a block per changed line.
	r := fixed(3, "")
	r.Files[0].Original = []byte("x\n\nx\n\nx\n")
	r.Files[0].Edits = []fix.Edit{{Start: 0, End: 1, New: "y"}, {Start: 3, End: 4, New: "y"}, {Start: 6, End: 7, New: "y"}}
	same := func(string, []byte) string { return "" }
	sugg, renames, skipped, more, err := Suggestions([]*validate.FixResult{r}, same)
	if err != nil || len(sugg) != 3 || len(renames) != 0 || len(skipped) != 0 || more != 0 {
		t.Fatalf("suggestions %+v, renames %v, skipped %v, more %d, err %v", sugg, renames, skipped, more, err)
	}
	if s := sugg[1]; s.Path != "certified-connectors/Contoso/apiProperties.json" || s.Line != 3 || len(s.Lines) != 1 || s.Lines[0] != "y" {
		t.Errorf("second suggestion: %+v", s)
	}

	// A rename is named, not suggested; a file that differs at the head gets no suggestion.
	calls := 0
	differs := func(p string, _ []byte) string { calls++; return "it differs" }
	sugg, renames, skipped, _, err = Suggestions([]*validate.FixResult{fixed(1, "apiproperties.json")}, differs)
	if err != nil || len(sugg) != 0 || len(renames) != 1 || !strings.Contains(renames[0], "to `apiproperties.json`") ||
		len(skipped) != 1 || skipped[0].Path != "certified-connectors/Contoso/apiProperties.json" || skipped[0].Why != "it differs" {
		t.Errorf("suggestions %+v, renames %v, skipped %v, err %v", sugg, renames, skipped, err)
	}

	// At most MaxSuggestions, and files past the bound aren't read at the head.
	var many []*validate.FixResult
	for range MaxSuggestions + 2 {
		r := fixed(1, "")
		r.Files[0].Original = []byte("x\n")
		many = append(many, r)
	}
	calls = 0
	counting := func(string, []byte) string { calls++; return "" }
	sugg, _, _, more, err = Suggestions(many, counting)
	if err != nil || len(sugg) != MaxSuggestions || more != 2 || calls != MaxSuggestions {
		t.Errorf("%d suggestions, %d more, %d reads, err %v", len(sugg), more, calls, err)
	}
}

func TestReviewBody(t *testing.T) {
	r := fixed(35, "")
	r.Applied[0].File = "certified-connectors/`Contoso`/apiProperties.json"
	body := ReviewBody([]*validate.FixResult{r}, []string{"rename `a` to `b`"},
		[]Unplaced{{Path: "certified-connectors/Contoso/apiProperties.json", Why: "it differs"}}, 4)
	for _, want := range []string{
		"**connector-check** can fix 35 findings that this pull request introduces.",
		"- `JsonTrailingComma` `certified-connectors/'Contoso'/apiProperties.json:1:1`\n",
		"- and 5 more\n",
		"\nA suggested change can't rename a file: rename `a` to `b`.\n",
		"\nNo suggestion is placed in `certified-connectors/Contoso/apiProperties.json`: it differs, so its lines can't be matched.",
		"- `JsonTrailingComma` `certified-connectors/Contoso/apiProperties.json:31:1`\n- and more\n",
		"\n4 more changes are not shown here;",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "apiProperties.json:32:1") {
		t.Errorf("a skipped file lists more than 30 fixes:\n%s", body)
	}
}

// TestReviewWithoutAPI: without a pull request or a token the review gives one notice and makes
// no request; with nothing fixed it says nothing.
func TestReviewWithoutAPI(t *testing.T) {
	results := []*validate.FixResult{fixed(1, "")}
	for name, tc := range map[string]struct {
		rv      Review
		results []*validate.FixResult
		notice  string
	}{
		"no pull request": {Review{Token: "t"}, results, "suggest: true needs a pull_request event"},
		"no token":        {Review{PullRequest: 7}, results, "no github-token"},
		"nothing fixed":   {Review{PullRequest: 7, Token: "t"}, nil, ""},
	} {
		t.Run(name, func(t *testing.T) {
			var notices, warnings []string
			var out strings.Builder
			rv := tc.rv
			rv.APIURL = "http://127.0.0.1:1" // nothing listens: a request would warn
			rv.Out = &out
			rv.Notice = func(m string) { notices = append(notices, m) }
			rv.Warn = func(m string) { warnings = append(warnings, m) }
			rv.Post(t.Context(), tc.results)
			if len(warnings) != 0 || out.Len() != 0 {
				t.Errorf("warnings %v, out %q", warnings, out.String())
			}
			if tc.notice == "" && len(notices) != 0 || tc.notice != "" && (len(notices) != 1 || !strings.Contains(notices[0], tc.notice)) {
				t.Errorf("notices %v, want one with %q", notices, tc.notice)
			}
		})
	}
}
