package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/ghapi/fakegh"
)

// breakingPR runs pull-request mode (token, fake API) over the example Contoso Tasks connector
// whose head swagger is the base with edits applied; base is served by the contents API (nil: the
// connector is absent at the base). body replaces the PR description when it isn't "".
func breakingPR(t *testing.T, base []byte, edits []string, body string, extra ...string) string {
	t.Helper()
	ws, baseSwagger, baseProps := prWorkspace(t)
	swag := filepath.Join(ws, contosoSwag)
	head := string(baseSwagger)
	for i := 0; i+1 < len(edits); i += 2 {
		if !strings.Contains(head, edits[i]) {
			t.Fatalf("edit %q not found", edits[i])
		}
		head = strings.Replace(head, edits[i], edits[i+1], 1)
	}
	if err := os.WriteFile(swag, []byte(head), 0o644); err != nil {
		t.Fatal(err)
	}
	contents := map[string][]byte{contosoDir + "/apiProperties.json": baseProps, contosoSwag: baseSwagger}
	status := "modified"
	if base == nil {
		contents, status = map[string][]byte{}, "added"
	} else if len(base) > 0 {
		contents[contosoSwag] = base
	}
	data, err := os.ReadFile("testdata/events/pull_request.json")
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		var ev map[string]any
		if err := json.Unmarshal(data, &ev); err != nil {
			t.Fatal(err)
		}
		ev["pull_request"].(map[string]any)["body"] = body
		data, _ = json.Marshal(ev)
	}
	event := filepath.Join(t.TempDir(), "event.json")
	os.WriteFile(event, data, 0o644)
	srv := fakegh.New()
	t.Cleanup(srv.Close)
	srv.ServePulls(&fakegh.Repo{
		Owner: "microsoft", Name: "PowerPlatformConnectors",
		Pulls:    map[int][]fakegh.PullFile{4321: {{Filename: contosoSwag, Status: status}}},
		Contents: map[string]map[string][]byte{eventBase: contents},
	})
	t.Chdir(ws)
	env := prActionEnv(ws, event)
	env["GITHUB_API_URL"] = srv.URL
	env["INPUT_GITHUB-TOKEN"] = "ghs_readonly"
	for i := 0; i+1 < len(extra); i += 2 {
		env[extra[i]] = extra[i+1]
	}
	out, stderr, code := runCLI(t, env)
	if code != exitFindings && code != exitOK {
		t.Fatalf("exit %d, stderr %s\n%s", code, stderr, out)
	}
	return out
}

var renameListTasks = []string{`"operationId": "ListTasks"`, `"operationId": "GetTasks"`}

// Reported defect: pull-request mode skipped the comparison whenever the head swagger had an
// error finding, even one that doesn't stop parsing (a trailing comma).
func TestPullRequestBreakingDespiteErrors(t *testing.T) {
	out := breakingPR(t, []byte{}, append(renameListTasks, `"operationId": "CreateTask",`, `"operationId": "CreateTask", "x-tags": [1,],`), "")
	wantLines(t, out, contosoSwag+":42:50: error [JsonTrailingComma]", contosoSwag+":21:24: error [OperationIdChanged]")
	if strings.Contains(out, "not checked") {
		t.Errorf("comparison skipped:\n%s", out)
	}
}

// Reported defect: a deleted operation was annotated with the new file's path and the old file's
// line. It sits at its path item in the new file, with the old place related at the base commit.
func TestPullRequestBreakingDeletedOperation(t *testing.T) {
	del := []string{`"post": {
        "operationId": "CompleteTask"`, `"x-post": {
        "operationId": "CompleteTask"`}
	out := breakingPR(t, []byte{}, del, "")
	wantLines(t, out, contosoSwag+":59:5: error [OperationDeleted] operation CompleteTask (POST /tasks/{id}/complete) was deleted",
		"::error col=5,endColumn=27,endLine=59,file="+contosoSwag+",line=59,title=OperationDeleted::")
	if strings.Contains(out, contosoSwag+":61:") {
		t.Errorf("the old line in the new file:\n%s", out)
	}
}

// Only an unreadable side skips the comparison, with a notice naming the file; a connector absent
// at the base is never "not compared".
func TestPullRequestBreakingUnreadable(t *testing.T) {
	t.Run("base", func(t *testing.T) {
		out := breakingPR(t, []byte("<html>not JSON</html>"), renameListTasks, "")
		wantLines(t, out, "breaking changes of "+contosoDir+" not checked: "+contosoSwag+" at the base commit "+eventBase+" isn't JSON")
	})
	t.Run("head", func(t *testing.T) {
		out := breakingPR(t, []byte{}, []string{`"swagger": "2.0",`, `"swagger": "2.0",,,}`}, "")
		wantLines(t, out, "breaking changes of "+contosoDir+" not checked: "+contosoSwag+" isn't JSON")
	})
	t.Run("new connector", func(t *testing.T) {
		out := breakingPR(t, nil, renameListTasks, "")
		if strings.Contains(out, "not checked") || strings.Contains(out, "OperationIdChanged") {
			t.Errorf("new connector:\n%s", out)
		}
	})
}

// A description line acknowledges the break: the finding is a warning that says so.
func TestPullRequestBreakingAcknowledged(t *testing.T) {
	t.Run("description", func(t *testing.T) {
		body := "Renames ListTasks.\r\n\r\nconnector-check: acknowledge-breaking ListTasks Contoso Tasks\r\n"
		out := breakingPR(t, []byte{}, renameListTasks, body)
		wantLines(t, out, contosoSwag+":21:24: warning [OperationIdChanged]", "acknowledged as an intended breaking change in the pull request description")
	})
	t.Run("configuration", func(t *testing.T) {
		// In the workspace here; read from the base branch in upstream runs.
		cfg := "acknowledge-breaking:\n  - connector: " + contosoDir + "\n    operation: ListTasks\n    reason: agreed in the issue\n"
		out := breakingPR(t, []byte{}, renameListTasks, "", "INPUT_CONFIG", writeTemp(t, cfg))
		wantLines(t, out, contosoSwag+":21:24: warning [OperationIdChanged]", ".connector-check.yml:2 (agreed in the issue)")
	})
	t.Run("another connector", func(t *testing.T) {
		body := "connector-check: acknowledge-breaking ListTasks Other Tasks\n"
		out := breakingPR(t, []byte{}, renameListTasks, body)
		wantLines(t, out, contosoSwag+":21:24: error [OperationIdChanged]")
	})
}

func writeTemp(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), ".connector-check.yml")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// validate --base: the deleted operation's old place is related at the base commit (JSON report),
// and the finding itself sits in the working tree's file at the surviving path item.
func TestValidateBaseDeletedOperation(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	ws, baseSwagger, _ := prWorkspace(t)
	gitc := gitIn(t, ws)
	swag := filepath.Join(ws, contosoSwag)
	os.WriteFile(swag, baseSwagger, 0o644)
	gitc("init", "-q")
	gitc("add", "-A")
	gitc("commit", "-qm", "base")
	base := gitc("rev-parse", "HEAD")
	os.WriteFile(swag, []byte(strings.Replace(string(baseSwagger), `"post": {
        "operationId": "CompleteTask"`, `"x-post": {
        "operationId": "CompleteTask"`, 1)), 0o644)
	t.Chdir(ws)
	out, stderr, code := runCLI(t, nil, "validate", "--base", "HEAD", "--format", "json")
	if code != exitFindings {
		t.Fatalf("exit %d, stderr %s\n%s", code, stderr, out)
	}
	var rep struct {
		Findings []struct {
			Rule, File string
			Line       int
			Related    []struct {
				File, Commit string
				Line         int
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, f := range rep.Findings {
		if f.Rule != "OperationDeleted" {
			continue
		}
		if f.File != contosoSwag || f.Line != 59 || len(f.Related) != 1 || f.Related[0].File != contosoSwag || f.Related[0].Line != 61 || f.Related[0].Commit != base {
			t.Errorf("OperationDeleted: %+v", f)
		}
		return
	}
	t.Errorf("no OperationDeleted:\n%s", out)
}
