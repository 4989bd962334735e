package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestActionPackageRepositoryLayout is package: true over the real repository's layout: a
// readme-only proposal folder among the connectors aborted the run (exit 2, no packages), and every
// folder's findings had their own annotation budget (1,040 annotation commands in one step).
func TestActionPackageRepositoryLayout(t *testing.T) {
	root := t.TempDir()
	ip := filepath.Join(root, "independent-publisher-connectors")
	for i := range 30 {
		copyDir(t, filepath.Join(examples, contosoDir), filepath.Join(ip, "Contoso Tasks "+string(rune('A'+i%26))+strings.Repeat("x", i/26)))
	}
	copyDir(t, filepath.Join(examples, "independent-publisher-connectors/Broken Tasks"), filepath.Join(ip, "Broken Tasks"))
	proposal := filepath.Join(ip, "A Proposal")
	os.MkdirAll(proposal, 0o755)
	os.WriteFile(filepath.Join(proposal, "readme.md"), []byte("# A Proposal\n\nPlease build a connector for this service.\n"), 0o644)
	tmp := t.TempDir()
	env := map[string]string{
		"GITHUB_ACTIONS": "true", "INPUT_PATH": root, "INPUT_PACKAGE": "true", "INPUT_FAIL-ON": "never",
		"INPUT_PACKAGE-DIR": filepath.Join(tmp, "pk"), "GITHUB_OUTPUT": filepath.Join(tmp, "output"),
	}
	out, stderr, code := runCLI(t, env)
	if code == exitError {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	built, _ := os.ReadDir(filepath.Join(tmp, "pk"))
	if len(built) != 30 {
		t.Errorf("%d packages, want 30", len(built))
	}
	commands := 0
	for _, line := range strings.Split(out+stderr, "\n") {
		if strings.HasPrefix(line, "::") {
			commands++
		}
	}
	// one budget for validation's and the packages' findings, and a few folder notes
	if limit := 50 + 10; commands > limit {
		t.Errorf("%d annotation commands, want at most %d", commands, limit)
	}
}

// FuzzReadEvent: the event payload carries the pull request's title and body (the author's); any
// bytes give an event or an error, never a panic.
func FuzzReadEvent(f *testing.F) {
	for _, s := range []string{
		`{"number": 7, "pull_request": {"number": 7, "title": "Contoso: add", "body": "x", "base": {"sha": "a", "ref": "dev", "repo": {"full_name": "o/r"}}, "head": {"sha": "b"}}}`,
		`{"pull_request": null}`, `{"number": "7"}`, `[]`, ``, `{"pull_request": {"body": "\u0000\ud800"}}`,
	} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		name := filepath.Join(dir, "event.json")
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		var pc prContext
		if err := pc.readEvent(name); err != nil {
			return
		}
		checkedCommit(func(k string) string {
			if k == "GITHUB_EVENT_PATH" {
				return name
			}
			return ""
		})
	})
}
