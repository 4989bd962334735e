package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const fixTestSwagger = `{
  "swagger": "2.0",
  "info": {"title": "Contoso Tasks", "description": "Manage the tasks of a Contoso workspace from your flows.", "version": "1.0"},
  "host": "api.contoso.com",
  "basePath": "/",
  "schemes": ["https"],
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
            "description": "The ID of the task."
          }
        ],
        "responses": {"200": {"description": "OK", "schema": {"type": "object"}}}
      }
    }
  }
}
`

const fixTestProperties = `{
  "properties": {
    "iconBrandColor": "#da3b01",
    "capabilities": [],
    "publisher": "Contoso",
    "stackOwner": "Contoso",
  }
}
`

// fixRepo writes a git repository with one independent-publisher connector that has three
// fixable findings (a misspelled swagger name, a path parameter without x-ms-url-encoding, a
// trailing comma) and returns the repository and the connector folder.
func fixRepo(t *testing.T) (repo, conn string) {
	t.Helper()
	repo = t.TempDir()
	conn = filepath.Join(repo, "independent-publisher-connectors", "Contoso Tasks")
	if err := os.MkdirAll(conn, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"apiDefination.swagger.json": fixTestSwagger,
		"apiProperties.json":         fixTestProperties,
		"readme.md":                  "# Contoso Tasks\n\nManage tasks.\n",
	} {
		if err := os.WriteFile(filepath.Join(conn, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fixGit(t, repo, "init", "-q")
	fixGit(t, repo, "add", "-A")
	fixGit(t, repo, "commit", "-qm", "connector")
	return repo, conn
}

func fixGit(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func TestFixCommand(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	repo, conn := fixRepo(t)

	// A dry run lists the fixes, writes nothing and exits 1: fixable findings remain.
	out, stderr, code := runCLI(t, nil, "fix", "--dry-run", conn)
	if code != exitFindings || !strings.Contains(out, "would fix JsonTrailingComma") || !strings.Contains(out, "3 fixes in 2 files") {
		t.Fatalf("dry run: exit %d\n%s%s", code, out, stderr)
	}
	if st := fixGit(t, repo, "status", "--porcelain"); st != "" {
		t.Fatalf("the dry run wrote:\n%s", st)
	}

	// --diff prints a patch that git applies, and writes nothing.
	out, stderr, code = runCLI(t, nil, "fix", "--diff", conn)
	if code != exitFindings || !strings.Contains(out, "rename to ") {
		t.Fatalf("diff: exit %d\n%s%s", code, out, stderr)
	}
	// Paths are relative to the working directory when the connector is inside it.
	t.Chdir(repo)
	rel, _ := filepath.Rel(repo, conn)
	out, _, _ = runCLI(t, nil, "fix", "--diff", rel)
	patch := out
	if !strings.Contains(patch, "--- a/independent-publisher-connectors/Contoso Tasks/apiProperties.json\t") {
		t.Errorf("patch paths:\n%s", patch)
	}
	patchFile := filepath.Join(t.TempDir(), "fix.patch")
	if err := os.WriteFile(patchFile, []byte(patch), 0o644); err != nil {
		t.Fatal(err)
	}
	fixGit(t, repo, "apply", "--check", patchFile)

	// --rule restricts; an unknown or unfixable rule is an error.
	if _, _, code := runCLI(t, nil, "fix", "--dry-run", "--rule", "NoSuchRule", conn); code != exitError {
		t.Errorf("--rule NoSuchRule: exit %d, want %d", code, exitError)
	}
	if _, _, code := runCLI(t, nil, "fix", "--dry-run", "--rule", "OperationIdRequired", conn); code != exitError {
		t.Errorf("--rule of a rule without a fix: exit %d, want %d", code, exitError)
	}
	out, _, _ = runCLI(t, nil, "fix", "--dry-run", "--format", "json", "--rule", "JsonTrailingComma", conn)
	var listed struct {
		Written bool
		Applied []struct{ Rule, File, Before, After string }
	}
	if err := json.Unmarshal([]byte(out), &listed); err != nil || len(listed.Applied) != 1 || listed.Applied[0].Rule != "JsonTrailingComma" || listed.Applied[0].Before != `    "stackOwner": "Contoso",` || listed.Applied[0].After != `    "stackOwner": "Contoso"` || listed.Written {
		t.Fatalf("--rule JsonTrailingComma --format json: %v\n%s", err, out)
	}

	// The fix writes, and then nothing fixable is left.
	out, stderr, code = runCLI(t, nil, "fix", conn)
	if code != exitOK {
		t.Fatalf("fix: exit %d\n%s%s", code, out, stderr)
	}
	if _, err := os.Stat(filepath.Join(conn, "apiDefinition.swagger.json")); err != nil {
		t.Errorf("the swagger wasn't renamed: %v", err)
	}
	data, _ := os.ReadFile(filepath.Join(conn, "apiDefinition.swagger.json"))
	if !strings.Contains(string(data), `"description": "The ID of the task.",
            "x-ms-url-encoding": "single"`) {
		t.Errorf("the encoding wasn't added in the file's style:\n%s", data)
	}
	// The result is what the patch makes.
	fixGit(t, repo, "add", "-A")
	fixed := fixGit(t, repo, "diff", "--cached", "--stat")
	fixGit(t, repo, "reset", "-q", "--hard")
	fixGit(t, repo, "apply", "--index", patchFile)
	if again := fixGit(t, repo, "diff", "--cached", "--stat"); again != fixed {
		t.Errorf("the patch and the fix differ:\n%s\n%s", fixed, again)
	}
	out, _, code = runCLI(t, nil, "fix", conn)
	if code != exitOK || !strings.Contains(out, "0 fixes") {
		t.Errorf("second run: exit %d\n%s", code, out)
	}
}

// TestFixRefusesLinks: a connector file that is a symbolic link is neither read nor written.
func TestFixRefusesLinks(t *testing.T) {
	_, conn := fixRepo(t)
	outside := filepath.Join(t.TempDir(), "elsewhere.json")
	if err := os.WriteFile(outside, []byte(fixTestProperties), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(conn, "apiProperties.json"))
	if err := os.Symlink(outside, filepath.Join(conn, "apiProperties.json")); err != nil {
		t.Skip(err)
	}
	runCLI(t, nil, "fix", conn)
	if data, _ := os.ReadFile(outside); string(data) != fixTestProperties {
		t.Errorf("the fix wrote through a link:\n%s", data)
	}
}
