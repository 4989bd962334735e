package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/fixrun"
	"github.com/connector-check/connector-check/internal/ghapi/fakegh"
	"github.com/connector-check/connector-check/validate"
	"github.com/sethvargo/go-githubactions"
)

func newGHA(w io.Writer, env map[string]string) *githubactions.Action {
	return githubactions.New(githubactions.WithGetenv(func(k string) string { return env[k] }), githubactions.WithWriter(commandWriter(w)))
}

// TestActionFixPatch: outside a pull request, fix-patch holds the fixes of every fixable finding,
// git applies it at the repository root, and the checkout is left as it was.
func TestActionFixPatch(t *testing.T) {
	repo, conn := fixRepo(t)
	t.Chdir(repo)
	rel, _ := filepath.Rel(repo, conn)
	env := map[string]string{
		"GITHUB_ACTIONS":    "true",
		"GITHUB_WORKSPACE":  repo,
		"INPUT_PATH":        rel,
		"INPUT_FAIL-ON":     "never",
		"INPUT_FIX-PATCH":   "out/fixes.patch",
		"GITHUB_EVENT_NAME": "push",
	}
	out, stderr, code := runCLI(t, env)
	if code != exitOK {
		t.Fatalf("action: exit %d\n%s%s", code, out, stderr)
	}
	if !strings.Contains(out, "fix patch (3 fixes) written to out/fixes.patch") {
		t.Errorf("stdout lacks the patch line:\n%s", out)
	}
	patch, err := os.ReadFile(filepath.Join(repo, "out", "fixes.patch"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(patch), "diff --git a/independent-publisher-connectors/Contoso Tasks/apiProperties.json b/independent-publisher-connectors/Contoso Tasks/apiProperties.json") {
		t.Errorf("patch paths aren't relative to the repository root:\n%s", patch)
	}
	os.RemoveAll(filepath.Join(repo, "out"))
	if st := fixGit(t, repo, "status", "--porcelain"); st != "" {
		t.Fatalf("the action changed the checkout:\n%s", st)
	}
	pf := filepath.Join(t.TempDir(), "p.patch")
	os.WriteFile(pf, patch, 0o644)
	fixGit(t, repo, "apply", "--check", pf)
}

// TestFixIntroducedOnly: in a compared run only the introduced findings are fixed.
func TestFixIntroducedOnly(t *testing.T) {
	repo, conn := fixRepo(t)
	t.Chdir(repo)
	rel, _ := filepath.Rel(repo, conn)
	rel = filepath.ToSlash(rel)
	res, err := validate.Run([]string{rel}, validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		f.Introduced = f.Rule == "JsonTrailingComma"
		f.Inherited = !f.Introduced
	}
	cfg := validateConfig{source: func(validate.Options) (*validate.Result, error) { return res, nil }}
	results, err := fixIntroduced(res, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 || len(results[0].Applied) != 1 || results[0].Applied[0].Rule != "JsonTrailingComma" {
		t.Fatalf("fixed %+v, want only the introduced trailing comma", results)
	}
}

// TestActionSuggestReview posts the review against a fake API: one review with a suggestion per
// changed run of lines and the rename named in the body; a read-only token gives one notice.
func TestActionSuggestReview(t *testing.T) {
	repo, conn := fixRepo(t)
	t.Chdir(repo)
	rel, _ := filepath.Rel(repo, conn)
	results, err := fixrun.Paths([]string{rel}, validate.FixOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The head commit holds the checkout's files (a push to the pull request's branch).
	head := map[string][]byte{}
	for _, name := range []string{"apiDefination.swagger.json", "apiProperties.json", "readme.md"} {
		data, err := os.ReadFile(filepath.Join(conn, name))
		if err != nil {
			t.Fatal(err)
		}
		head[filepath.ToSlash(filepath.Join(rel, name))] = data
	}
	status := http.StatusOK
	var posted []map[string]any
	srv := fakegh.New()
	defer srv.Close()
	srv.ServePulls(&fakegh.Repo{Owner: "octo", Name: "connectors", Contents: map[string]map[string][]byte{"feedface": head}})
	srv.Handle("GET /repos/octo/connectors/pulls/7/reviews", func(w http.ResponseWriter, r *http.Request) {
		fakegh.JSON(w, http.StatusOK, []any{})
	})
	srv.Handle("POST /repos/octo/connectors/pulls/7/reviews", func(w http.ResponseWriter, r *http.Request) {
		var req map[string]any
		json.NewDecoder(r.Body).Decode(&req)
		posted = append(posted, req)
		if status != http.StatusOK {
			fakegh.Error(w, status, "Resource not accessible by integration")
			return
		}
		fakegh.JSON(w, http.StatusOK, map[string]any{"id": 1, "html_url": "https://github.test/r/1"})
	})
	event := filepath.Join(t.TempDir(), "event.json")
	os.WriteFile(event, []byte(`{"number": 7, "pull_request": {"number": 7, "head": {"sha": "feedface"}}}`), 0o644)
	env := map[string]string{
		"GITHUB_EVENT_PATH": event, "GITHUB_API_URL": srv.URL, "GITHUB_REPOSITORY": "octo/connectors",
	}
	cfg := validateConfig{report: &reportOptions{token: "t"}}
	fa := &fixAction{suggest: true}
	var out strings.Builder
	fa.postReview(results, cfg, newGHA(&out, env), &out, func(k string) string { return env[k] })
	if len(posted) != 1 {
		t.Fatalf("%d reviews posted, want 1; stdout:\n%s", len(posted), out.String())
	}
	req := posted[0]
	body, _ := req["body"].(string)
	if req["commit_id"] != "feedface" || !strings.Contains(body, "can fix 3 findings") || !strings.Contains(body, "rename `") {
		t.Errorf("review body:\n%s", body)
	}
	comments, _ := req["comments"].([]any)
	if len(comments) != 2 {
		t.Fatalf("%d suggestions, want 2 (the rename is in the body): %v", len(comments), comments)
	}
	for _, c := range comments {
		m := c.(map[string]any)
		if !strings.Contains(m["body"].(string), "```suggestion\n") || m["side"] != "RIGHT" {
			t.Errorf("comment: %v", m)
		}
	}
	if !strings.Contains(out.String(), "suggested changes posted: https://github.test/r/1") {
		t.Errorf("stdout: %s", out.String())
	}

	status = http.StatusForbidden
	out.Reset()
	fa.postReview(results, cfg, newGHA(&out, env), &out, func(k string) string { return env[k] })
	if n := strings.Count(out.String(), "::notice::"); n != 1 || !strings.Contains(out.String(), "read-only token") {
		t.Errorf("a fork's token: want one notice, got:\n%s", out.String())
	}
}

// suggestPR runs the action with suggest and fix-patch on a pull request (files and base
// versions from the fake API): the head adds a query parameter without x-ms-summary, and both
// versions lack a path parameter's x-ms-url-encoding. The checkout holds the head's swagger
// changed by edit (the merge commit of a pull_request event, when the base branch changed the
// file too); the API serves headFiles at the head commit, and the base branch's version at the
// base commit. It returns the posted reviews, the checkout's swagger and the patch.
func suggestPR(t *testing.T, edit func(string) string, headFiles func(head string) map[string][]byte) (reviews []map[string]any, merge, patch string) {
	t.Helper()
	ws := t.TempDir()
	copyDir(t, filepath.Join(examples, contosoDir), filepath.Join(ws, contosoDir))
	swag := filepath.Join(ws, contosoSwag)
	orig, _ := os.ReadFile(swag)
	inherited := strings.Replace(string(orig), `"x-ms-url-encoding": "single",
            "description": "The ID of the task to complete."`, `"description": "The ID of the task to complete."`, 1)
	head := strings.Replace(inherited, `"description": "The ID of the task to complete."
          }`, `"description": "The ID of the task to complete."
          },
          {
            "name": "tag",
            "in": "query",
            "type": "string",
            "description": "Only tasks with this tag."
          }`, 1)
	merge = edit(head)
	if inherited == string(orig) || head == inherited {
		t.Fatal("the example swagger changed; update the edits")
	}
	os.WriteFile(swag, []byte(merge), 0o644)
	props, _ := os.ReadFile(filepath.Join(ws, contosoDir, "apiProperties.json"))
	event, _ := filepath.Abs("testdata/events/pull_request.json")
	srv := fakegh.New()
	defer srv.Close()
	srv.ServePulls(&fakegh.Repo{
		Owner: "microsoft", Name: "PowerPlatformConnectors",
		Pulls: map[int][]fakegh.PullFile{4321: {{Filename: contosoSwag, Status: "modified", Additions: 6}}},
		Contents: map[string]map[string][]byte{
			eventBase: {contosoSwag: []byte(edit(inherited)), contosoDir + "/apiProperties.json": props},
			eventHead: headFiles(head),
		},
	})
	srv.Handle("GET /repos/{owner}/{repo}/pulls/{n}/reviews", func(w http.ResponseWriter, r *http.Request) {
		fakegh.JSON(w, http.StatusOK, []any{})
	})
	srv.Handle("POST /repos/{owner}/{repo}/pulls/{n}/reviews", func(w http.ResponseWriter, r *http.Request) {
		var req map[string]any
		json.NewDecoder(r.Body).Decode(&req)
		reviews = append(reviews, req)
		fakegh.JSON(w, http.StatusOK, map[string]any{"id": 1, "html_url": "https://github.test/review/1"})
	})
	t.Chdir(ws)
	env := prActionEnv(ws, event)
	env["GITHUB_API_URL"] = srv.URL
	env["INPUT_GITHUB-TOKEN"] = "ghs_token"
	env["INPUT_SUGGEST"] = "true"
	env["INPUT_FIX-PATCH"] = "fixes.patch"
	out, stderr, code := runCLI(t, env)
	if code == exitError {
		t.Fatalf("exit %d, stderr %s\n%s", code, stderr, out)
	}
	if len(reviews) != 1 {
		t.Fatalf("%d reviews, want 1\n%s", len(reviews), out)
	}
	if reviews[0]["commit_id"] != eventHead {
		t.Errorf("review on %v, want the head commit", reviews[0]["commit_id"])
	}
	data, err := os.ReadFile(filepath.Join(ws, "fixes.patch"))
	if err != nil || !strings.Contains(string(data), `+            "x-ms-summary": "Tag"`) || strings.Contains(string(data), "x-ms-url-encoding") {
		t.Errorf("patch (%v):\n%s", err, data)
	}
	if now, _ := os.ReadFile(swag); string(now) != merge {
		t.Error("the action changed the checkout")
	}
	return reviews, merge, string(data)
}

const eventHead = "9f2c1d0e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d"

// TestActionSuggestPullRequest: only the introduced finding is fixed: one review with one
// suggestion, on the line of the head commit's file, and the same fix in the patch.
func TestActionSuggestPullRequest(t *testing.T) {
	same := func(s string) string { return s }
	reviews, head, _ := suggestPR(t, same, func(head string) map[string][]byte { return map[string][]byte{contosoSwag: []byte(head)} })
	comments, _ := reviews[0]["comments"].([]any)
	if len(comments) != 1 {
		t.Fatalf("%d suggestions, want 1 (only the introduced finding): %v", len(comments), comments)
	}
	c := comments[0].(map[string]any)
	if c["path"] != contosoSwag || !strings.Contains(c["body"].(string), `"x-ms-summary": "Tag"`) {
		t.Errorf("review: %v", reviews[0])
	}
	// The suggestion replaces the head's line that ends the tag parameter's "description".
	line, _ := c["line"].(float64)
	lines := strings.Split(head, "\n")
	if int(line) < 1 || int(line) > len(lines) || !strings.Contains(lines[int(line)-1], `"Only tasks with this tag."`) {
		t.Errorf("suggestion on line %v of the head, want the tag's description line", line)
	}
}

// TestActionSuggestHeadDiffers: on a pull_request event the checkout is the merge commit; when
// the base branch changed the same file, its lines aren't the head commit's, where the review
// is posted. That file gets no inline suggestion (it would land on the wrong line); the body
// names it and its fixes. A head file that can't be read is treated the same way.
func TestActionSuggestHeadDiffers(t *testing.T) {
	// The base branch spread "schemes" over three lines, above the fixed parameter.
	baseChange := func(s string) string {
		out := strings.Replace(s, `"schemes": ["https"],`, "\"schemes\": [\n    \"https\"\n  ],", 1)
		if out == s {
			t.Fatal("the example swagger changed; update the edit")
		}
		return out
	}
	for name, headFiles := range map[string]func(string) map[string][]byte{
		"differs":    func(head string) map[string][]byte { return map[string][]byte{contosoSwag: []byte(head)} },
		"unreadable": func(string) map[string][]byte { return nil },
	} {
		t.Run(name, func(t *testing.T) {
			reviews, _, patch := suggestPR(t, baseChange, headFiles)
			if comments, _ := reviews[0]["comments"].([]any); len(comments) != 0 {
				t.Errorf("%d inline suggestions, want none for a file that isn't the head's: %v", len(comments), comments)
			}
			body, _ := reviews[0]["body"].(string)
			if !strings.Contains(body, "No suggestion is placed in `"+contosoSwag+"`") || !strings.Contains(body, "Run `connector-check fix` on the connector") ||
				strings.Count(body, "`ParameterSummaryMissing` `"+contosoSwag+":") != 2 {
				t.Errorf("body doesn't name the file and its fix:\n%s", body)
			}
			if !strings.Contains(patch, `"x-ms-summary": "Tag"`) {
				t.Errorf("the patch lost the fix:\n%s", patch)
			}
		})
	}
}
