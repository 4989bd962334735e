package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBreakingCommand(t *testing.T) {
	const dir = "validate/testdata/breaking/"
	out, stderr, code := runCLI(t, nil, "breaking", dir+"renamed-operation/old.json", dir+"renamed-operation/new.json")
	if code != exitFindings {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	if !strings.Contains(out, dir+"renamed-operation/new.json:21:24: error [OperationIdChanged]") {
		t.Errorf("output:\n%s", out)
	}

	// Nothing breaking: exit 0, no output.
	out, _, code = runCLI(t, nil, "breaking", dir+"non-breaking/old.json", dir+"non-breaking/new.json")
	if code != exitOK || out != "" {
		t.Errorf("non-breaking: exit %d, output %q", code, out)
	}

	// Folders, JSON format, a deletion reported in OLD.
	ws := t.TempDir()
	oldDir, newDir := filepath.Join(ws, "old", contosoDir), filepath.Join(ws, "new", contosoDir)
	copyDir(t, filepath.Join(examples, contosoDir), oldDir)
	copyDir(t, filepath.Join(examples, contosoDir), newDir)
	swag := filepath.Join(newDir, "apiDefinition.swagger.json")
	data, _ := os.ReadFile(swag)
	os.WriteFile(swag, []byte(strings.Replace(string(data), `"post": {
        "operationId": "CompleteTask"`, `"put": {
        "operationId": "FinishTask"`, 1)), 0o644)
	out, stderr, code = runCLI(t, nil, "breaking", "--format", "json", oldDir, newDir)
	if code != exitFindings {
		t.Fatalf("folders: exit %d, stderr %s", code, stderr)
	}
	var rep struct {
		Findings []struct {
			Rule, File string
			Line       int
			Related    []struct {
				File string
				Line int
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// The deleted operation sits in NEW at its path item; its old place is related, in OLD.
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != "OperationDeleted" || !strings.HasPrefix(rep.Findings[0].File, filepath.ToSlash(newDir)) ||
		rep.Findings[0].Line != 59 || len(rep.Findings[0].Related) != 1 ||
		!strings.HasPrefix(rep.Findings[0].Related[0].File, filepath.ToSlash(oldDir)) || rep.Findings[0].Related[0].Line != 61 {
		t.Errorf("findings: %+v", rep.Findings)
	}

	// Usage errors.
	if _, _, code := runCLI(t, nil, "breaking", dir+"non-breaking/old.json"); code != exitError {
		t.Errorf("one argument: exit %d", code)
	}
	bad := filepath.Join(ws, "bad.json")
	os.WriteFile(bad, []byte("not json"), 0o644)
	if _, stderr, code := runCLI(t, nil, "breaking", bad, dir+"non-breaking/new.json"); code != exitError || !strings.Contains(stderr, "isn't JSON") {
		t.Errorf("bad JSON: exit %d, %s", code, stderr)
	}
}
