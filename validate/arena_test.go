package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The workers read each connector's files into memory the next connector reuses. A finding's
// pointer cut from a $ref string ("#/parameters/taskId" -> "/parameters/taskId") pointed into
// that memory and was overwritten by the next connector's bytes: Run must give the same findings
// as checking each connector on its own.
func TestRunFindingsOutliveArena(t *testing.T) {
	root := t.TempDir()
	noEncoding := strings.Replace(goodSwagger, `, "x-ms-url-encoding": "single"}`, `}`, 1)
	folders := map[string]string{
		// biggest first: this one is checked first, and the others reuse its memory
		"A Tasks": noEncoding + strings.Repeat(" ", 4000),
		"B Tasks": strings.Replace(goodSwagger, `"Get a task"`, `"Get one task"`, 1),
		"C Tasks": strings.Replace(goodSwagger, `"Gets one task by its ID."`, `"Gets a task by its ID."`, 1),
	}
	for name, swagger := range folders {
		dir := filepath.Join(root, "independent-publisher-connectors", name)
		files := goodFiles()
		files[SwaggerName] = swagger
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for f, content := range files {
			if err := os.WriteFile(filepath.Join(dir, f), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	res, err := Run([]string{root}, Options{Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	var want []Finding
	for _, c := range res.Connectors {
		lc, err := Load(filepath.FromSlash(c.Path), c.Path, 0)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, Check(lc)...)
	}
	if len(res.Findings) != len(want) {
		t.Fatalf("Run: %d findings, alone: %d", len(res.Findings), len(want))
	}
	found := false
	for i, f := range res.Findings {
		if f.Pointer != want[i].Pointer || f.Message != want[i].Message || f.File != want[i].File {
			t.Errorf("Run gave\n%+v\nalone:\n%+v", f, want[i])
		}
		found = found || f.Pointer == "/parameters/taskId"
	}
	if !found {
		t.Errorf("no finding at /parameters/taskId: %+v", res.Findings)
	}
}
