package prmode

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/validate"
)

const tasksFixture = "../../testdata/connectors/independent-publisher-connectors/Contoso Tasks"

// copyFixture copies the Contoso Tasks fixture into root/rel.
func copyFixture(t *testing.T, root, rel string) {
	t.Helper()
	dst := filepath.Join(root, filepath.FromSlash(rel))
	os.MkdirAll(dst, 0o755)
	des, err := os.ReadDir(tasksFixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, de := range des {
		if de.IsDir() {
			continue
		}
		data, _ := os.ReadFile(filepath.Join(tasksFixture, de.Name()))
		os.WriteFile(filepath.Join(dst, de.Name()), data, 0o644)
	}
}

// TestRunComparesWithTheBase: a change that renames an operation of an existing connector and
// adds a new connector, checked against the base commit in git with new-findings-only.
func TestRunComparesWithTheBase(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	root := t.TempDir()
	const old, added = "independent-publisher-connectors/Contoso Tasks", "independent-publisher-connectors/Fabrikam Tasks"
	copyFixture(t, root, old)
	// The base already has a finding the change doesn't touch: a title that isn't the folder's.
	swagger := filepath.Join(root, filepath.FromSlash(old), validate.SwaggerName)
	data, _ := os.ReadFile(swagger)
	if !strings.Contains(string(data), `"title": "Contoso Tasks"`) || !strings.Contains(string(data), `"operationId": "ListTasks"`) {
		t.Fatal("fixture changed: no title or no ListTasks")
	}
	data = []byte(strings.Replace(string(data), `"title": "Contoso Tasks"`, `"title": "Contoso Task List"`, 1))
	os.WriteFile(swagger, data, 0o644)
	git := func(args ...string) string {
		out, err := Git(root, append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		if err != nil {
			t.Fatalf("git %v: %v", args, err)
		}
		return strings.TrimSpace(string(out))
	}
	if _, err := exec.Command("git", "init", "-q", root).CombinedOutput(); err != nil {
		t.Fatal(err)
	}
	git("add", "-A")
	git("commit", "-qm", "base")
	base := git("rev-parse", "HEAD")
	os.WriteFile(swagger, []byte(strings.Replace(string(data), `"operationId": "ListTasks"`, `"operationId": "GetTasks"`, 1)), 0o644)
	copyFixture(t, root, added)
	git("add", "-A")

	c := &Change{Root: root, BaseSHA: base, Scope: "changed", NewOnly: true}
	res, err := c.Run(RunConfig{Paths: []string{root}}, validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Connectors) != 2 {
		t.Fatalf("checked %d connectors, want the 2 the change touches: %+v", len(res.Connectors), res.Connectors)
	}
	oldPath := filepath.ToSlash(filepath.Join(root, filepath.FromSlash(old)))
	changed, inherited := false, 0
	for _, f := range res.Findings {
		if f.Inherited {
			inherited++
		}
		switch {
		case f.Rule == "OperationIdChanged":
			changed = true
			if !f.Introduced || f.Connector != oldPath {
				t.Errorf("breaking change %+v", f)
			}
		case f.Connector == oldPath && !f.Inherited && !f.Introduced:
			t.Errorf("finding of the existing connector neither inherited nor introduced: %+v", f)
		case f.Connector != oldPath && f.Inherited:
			t.Errorf("a new connector's finding is inherited: %+v", f)
		}
	}
	if !changed || inherited == 0 {
		t.Errorf("OperationIdChanged %v, %d inherited findings (FolderNameTitleMismatch):\n%+v", changed, inherited, res.Findings)
	}
	// Findings the base already had are inherited, and settle into notices.
	settled := SettleInherited(res)
	for _, f := range settled.Findings {
		if f.Inherited && (f.Severity != validate.Notice || !strings.HasPrefix(f.Message, "(inherited) ")) {
			t.Errorf("inherited finding not settled: %+v", f)
		}
	}
	if c.tmp != "" {
		t.Errorf("the base versions' folder %s was not removed", c.tmp)
	}
}
