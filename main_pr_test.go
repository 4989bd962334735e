package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/ghapi/fakegh"
)

const (
	contosoDir  = "independent-publisher-connectors/Contoso Tasks"
	africasDir  = "certified-connectors/Africa's Talking Demo"
	eventBase   = "3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b"
	contosoSwag = contosoDir + "/apiDefinition.swagger.json"
)

// headEdits turn the example Contoso Tasks swagger into the PR's head version: ListTasks renamed
// (line 21, next to a committed GitHub token) and a required query parameter added to
// CompleteTask (line 74).
var headEdits = []string{
	`"operationId": "ListTasks"`, `"operationId": "GetTasks", "x-api-token": "ghp_` + `a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"`,
	`"description": "The ID of the task to complete."
          }`, `"description": "The ID of the task to complete."
          },
          {"name": "note", "in": "query", "required": true, "type": "string", "x-ms-summary": "Note", "description": "Why it is done."}`,
}

// prWorkspace is a checkout of the PR head: two example connectors, Contoso Tasks edited.
// It returns the workspace and the base version of the Contoso swagger and apiProperties.
func prWorkspace(t *testing.T) (ws string, baseSwagger, baseProps []byte) {
	t.Helper()
	ws = t.TempDir()
	for _, d := range []string{contosoDir, africasDir} {
		copyDir(t, filepath.Join(examples, d), filepath.Join(ws, d))
	}
	swag := filepath.Join(ws, contosoSwag)
	baseSwagger, _ = os.ReadFile(swag)
	baseProps, _ = os.ReadFile(filepath.Join(ws, contosoDir, "apiProperties.json"))
	head := string(baseSwagger)
	for i := 0; i < len(headEdits); i += 2 {
		if !strings.Contains(head, headEdits[i]) {
			t.Fatalf("edit %q not found", headEdits[i])
		}
		head = strings.Replace(head, headEdits[i], headEdits[i+1], 1)
	}
	if err := os.WriteFile(swag, []byte(head), 0o644); err != nil {
		t.Fatal(err)
	}
	return ws, baseSwagger, baseProps
}

func prActionEnv(ws, event string) map[string]string {
	return map[string]string{
		"GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": event,
		"GITHUB_REPOSITORY": "microsoft/PowerPlatformConnectors", "GITHUB_WORKSPACE": ws,
	}
}

func wantLines(t *testing.T, out string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q", w)
		}
	}
}

func TestPullRequestModeAPI(t *testing.T) {
	ws, baseSwagger, baseProps := prWorkspace(t)
	event, err := filepath.Abs("testdata/events/pull_request.json")
	if err != nil {
		t.Fatal(err)
	}
	srv := fakegh.New()
	defer srv.Close()
	srv.ServePulls(&fakegh.Repo{
		Owner: "microsoft", Name: "PowerPlatformConnectors",
		Pulls: map[int][]fakegh.PullFile{4321: {{Filename: contosoSwag, Status: "modified", Additions: 2, Deletions: 1}}},
		Contents: map[string]map[string][]byte{eventBase: {
			contosoSwag:                        baseSwagger,
			contosoDir + "/apiProperties.json": baseProps,
		}},
	})
	t.Chdir(ws)
	env := prActionEnv(ws, event)
	env["GITHUB_API_URL"] = srv.URL
	env["INPUT_GITHUB-TOKEN"] = "ghs_readonly"
	out, stderr, code := runCLI(t, env)
	if code != exitFindings {
		t.Fatalf("exit %d, stderr %s\n%s", code, stderr, out)
	}
	// Only the touched connector: Africa's Talking Demo has findings of its own, none shown.
	if strings.Contains(out, "Africa") {
		t.Errorf("untouched connector validated:\n%s", out)
	}
	wantLines(t, out,
		contosoSwag+":21:24: error [OperationIdChanged] operationId of GET /tasks changed from ListTasks to GetTasks",
		contosoSwag+":74:20: error [RequiredInputAdded] CompleteTask: new required query parameter \"note\"",
		contosoSwag+":21:52: error [SecretLiteralDetected] a GitHub token (ghp_a1…)",
		event+": error [PrTitleInvalid] PR title \"Contoso Tasks: rename ListTasks\"",
		event+": warning [PrScreenshotsMissing]",
		event+": notice [PrChecklistIncomplete]",
		contosoDir+": notice [PrReadmeNotUpdated]",
		"::error col=24,endColumn=34,endLine=21,file="+contosoSwag+",line=21,title=OperationIdChanged::",
	)
	if strings.Contains(out, "PrContextUnavailable") {
		t.Errorf("unexpected notice:\n%s", out)
	}
	reqs := strings.Join(srv.Requests(), "\n")
	wantLines(t, reqs, "GET /repos/microsoft/PowerPlatformConnectors/pulls/4321/files?per_page=100",
		"GET /repos/microsoft/PowerPlatformConnectors/contents/independent-publisher-connectors/Contoso%20Tasks/apiDefinition.swagger.json?ref="+eventBase)

	// scope: all validates every connector under the path, and still compares the touched one.
	env["INPUT_SCOPE"] = "all"
	out, stderr, code = runCLI(t, env)
	if code != exitFindings {
		t.Fatalf("scope all: exit %d, stderr %s", code, stderr)
	}
	wantLines(t, out, africasDir+"/", contosoSwag+":21:24: error [OperationIdChanged]")
}

// TestPullRequestModeRefused: a refused token (a fork's) and no git: the check stops with a
// clear error (exit 2) instead of checking every connector under the path, which hid the PR
// rules, the breaking changes and the secret scan.
func TestPullRequestModeRefused(t *testing.T) {
	ws, _, _ := prWorkspace(t)
	event, _ := filepath.Abs("testdata/events/pull_request.json")
	srv := fakegh.New()
	defer srv.Close()
	srv.ServePulls(&fakegh.Repo{Owner: "microsoft", Name: "PowerPlatformConnectors", Refuse: true})
	t.Chdir(ws)
	env := prActionEnv(ws, event)
	env["GITHUB_API_URL"] = srv.URL
	env["INPUT_GITHUB-TOKEN"] = "ghs_forktoken"
	env["INPUT_FAIL-ON"] = "warning" // the published fixtures carry listing-policy warnings, no errors
	out, stderr, code := runCLI(t, env)
	if code != exitError {
		t.Fatalf("exit %d, stderr %s\n%s", code, stderr, out)
	}
	wantLines(t, stderr, "GitHub API refused the call (HTTP 403: Resource not accessible by integration)")
	wantLines(t, out, "::error::connector-check: ")
	if strings.Contains(out, "Africa") || strings.Contains(out, "[") {
		t.Errorf("connectors were checked anyway:\n%s", out)
	}
}

// TestPullRequestModeGit: no token; the changed files come from git diff and the base from git show.
func TestPullRequestModeGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	ws, baseSwagger, _ := prWorkspace(t)
	headSwagger, _ := os.ReadFile(filepath.Join(ws, contosoSwag))
	gitc := gitIn(t, ws)
	os.WriteFile(filepath.Join(ws, contosoSwag), baseSwagger, 0o644)
	gitc("init", "-q")
	gitc("add", "-A")
	gitc("commit", "-qm", "base")
	base := gitc("rev-parse", "HEAD")
	os.WriteFile(filepath.Join(ws, contosoSwag), headSwagger, 0o644)
	gitc("commit", "-qam", "head")
	head := gitc("rev-parse", "HEAD")
	data, _ := os.ReadFile("testdata/events/pull_request.json")
	ev := strings.ReplaceAll(strings.ReplaceAll(string(data), eventBase, base), "9f2c1d0e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d", head)
	event := filepath.Join(t.TempDir(), "event.json")
	os.WriteFile(event, []byte(ev), 0o644)
	t.Chdir(ws)
	out, stderr, code := runCLI(t, prActionEnv(ws, event))
	if code != exitFindings {
		t.Fatalf("exit %d, stderr %s\n%s", code, stderr, out)
	}
	if strings.Contains(out, "Africa") {
		t.Errorf("untouched connector validated:\n%s", out)
	}
	wantLines(t, out,
		contosoSwag+":21:24: error [OperationIdChanged]",
		contosoSwag+":74:20: error [RequiredInputAdded]",
		event+": error [PrTitleInvalid]",
		event+": notice [PrContextUnavailable] no GitHub token",
	)

	// The CLI equivalent: validate --base.
	out, stderr, code = runCLI(t, nil, "validate", "--base", base)
	if code != exitFindings {
		t.Fatalf("validate --base: exit %d, stderr %s\n%s", code, stderr, out)
	}
	wantLines(t, out, contosoSwag+":21:24: error [OperationIdChanged]")
	if strings.Contains(out, "Africa") || strings.Contains(out, "PrTitleInvalid") {
		t.Errorf("validate --base:\n%s", out)
	}
}

// TestPullRequestNewConnector: a connector folder absent at the base is a new submission, so the
// catalog's ↑new rules are errors for it (a missing readme section here).
func TestPullRequestNewConnector(t *testing.T) {
	ws, _, _ := prWorkspace(t)
	readme := filepath.Join(ws, contosoDir, "readme.md")
	data, _ := os.ReadFile(readme)
	os.WriteFile(readme, []byte(strings.Replace(string(data), "## Known Issues and Limitations", "## Notes", 1)), 0o644)
	event, _ := filepath.Abs("testdata/events/pull_request.json")
	srv := fakegh.New()
	defer srv.Close()
	srv.ServePulls(&fakegh.Repo{
		Owner: "microsoft", Name: "PowerPlatformConnectors",
		Pulls: map[int][]fakegh.PullFile{4321: {
			{Filename: contosoSwag, Status: "added"},
			{Filename: contosoDir + "/apiProperties.json", Status: "added"},
			{Filename: contosoDir + "/readme.md", Status: "added"},
		}},
		Contents: map[string]map[string][]byte{eventBase: {}},
	})
	t.Chdir(ws)
	env := prActionEnv(ws, event)
	env["GITHUB_API_URL"] = srv.URL
	env["INPUT_GITHUB-TOKEN"] = "ghs_readonly"
	out, stderr, code := runCLI(t, env)
	if code != exitFindings || !strings.Contains(out, "error [ReadmeSectionMissing]") {
		t.Fatalf("exit %d, stderr %s\n%s", code, stderr, out)
	}
}

// gitIn runs git in the test repository ws with a fixed identity, failing the test on an error,
// and returns its trimmed output.
func gitIn(t *testing.T, ws string) func(args ...string) string {
	return func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", ws, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
}
