package prmode

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/validate"
)

// Issue 17: git inherited both token variables and ran with safe.directory=*. A stand-in git
// records its environment and arguments.
func TestGitEnvironment(t *testing.T) {
	bin := t.TempDir()
	dump := filepath.Join(bin, "dump")
	script := "#!/bin/sh\nenv > '" + dump + ".env'\nprintf '%s\\n' \"$@\" > '" + dump + ".args'\n"
	if err := os.WriteFile(filepath.Join(bin, "git"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("GITHUB_TOKEN", "ghs_secret1")
	t.Setenv("INPUT_GITHUB-TOKEN", "ghs_secret2")
	t.Setenv("ACTIONS_RUNTIME_TOKEN", "secret3")
	ws := t.TempDir()
	if _, err := Git(ws, "status"); err != nil {
		t.Fatal(err)
	}
	env, _ := os.ReadFile(dump + ".env")
	args, _ := os.ReadFile(dump + ".args")
	if strings.Contains(string(env), "secret") || strings.Contains(string(env), "TOKEN") {
		t.Errorf("git saw a token:\n%s", env)
	}
	argv := strings.Split(strings.TrimSpace(string(args)), "\n")
	if !slices.Contains(argv, "safe.directory="+ws) || slices.Contains(argv, "safe.directory=*") {
		t.Errorf("git arguments %q: want safe.directory=%s only", argv, ws)
	}
}

func TestParseNameStatus(t *testing.T) {
	out := "M\x00a/x.json\x00R100\x00a/old.md\x00a/new.md\x00A\x00b/y\x00D\x00c/z\x00T\x00t\x00X\x00weird\x00"
	got := parseNameStatus([]byte(out))
	want := []validate.ChangedFile{
		{Path: "a/x.json", Status: "modified"}, {Path: "a/new.md", Status: "renamed", PreviousPath: "a/old.md"},
		{Path: "b/y", Status: "added"}, {Path: "c/z", Status: "removed"}, {Path: "t", Status: "changed"}, {Path: "weird", Status: "modified"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if got := parseNameStatus(nil); len(got) != 0 {
		t.Errorf("empty: %+v", got)
	}
}

// gitRepo makes a repository with one commit of files (a name ending in "@" is a link to the rest).
func gitRepo(t *testing.T, files map[string]string) (root, commit string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	root = t.TempDir()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if strings.HasSuffix(name, "@") {
			os.Symlink(content, strings.TrimSuffix(p, "@"))
			continue
		}
		os.WriteFile(p, []byte(content), 0o644)
	}
	run := func(args ...string) string {
		cmd := exec.Command("git", append([]string{"-C", root, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	run("init", "-q")
	run("add", "-A")
	run("commit", "-qm", "base")
	return root, run("rev-parse", "HEAD")
}

func TestGitFileAndDiff(t *testing.T) {
	root, base := gitRepo(t, map[string]string{"c/a.json": "{}", "c/link@": "/etc/passwd", "c/d/x": "x"})
	if data, err := GitFile(root, base, "c/a.json"); err != nil || string(data) != "{}" {
		t.Errorf("c/a.json: %q, %v", data, err)
	}
	if _, err := GitFile(root, base, "c/none.json"); !errors.Is(err, ErrAbsent) {
		t.Errorf("absent: %v", err)
	}
	if _, err := GitFile(root, base, "c/link"); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("link: %v", err)
	}
	if _, err := GitFile(root, base, "c/d"); err == nil || !strings.Contains(err.Error(), "tree") {
		t.Errorf("folder: %v", err)
	}
	if !HasCommit(root, base) || HasCommit(root, strings.Repeat("1", 40)) {
		t.Error("HasCommit")
	}
	os.WriteFile(filepath.Join(root, "c", "a.json"), []byte(`{"x":1}`), 0o644)
	files, err := GitDiff(root, base, "")
	if err != nil || !slices.Equal(files, []validate.ChangedFile{{Path: "c/a.json", Status: "modified"}}) {
		t.Errorf("diff: %+v, %v", files, err)
	}
}
