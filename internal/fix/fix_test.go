package fix

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestApply(t *testing.T) {
	data := []byte(`{"a": 1,}`)
	got, err := Apply(data, []Edit{
		{Start: 7, End: 8, New: ""},         // the trailing comma
		{Start: 7, End: 7, New: `, "b": 2`}, // an insertion after the value
		{Start: 7, End: 7, New: `, "b": 2`}, // the same edit twice (a shared parameter)
		{Start: 1, End: 4, New: `"A"`},      // a key
	})
	if err != nil || string(got) != `{"A": 1, "b": 2}` {
		t.Fatalf("Apply = %q, %v", got, err)
	}
	if _, err := Apply(data, []Edit{{Start: 1, End: 4, New: "x"}, {Start: 3, End: 5, New: "y"}}); !errors.Is(err, ErrOverlap) {
		t.Errorf("overlapping edits: %v", err)
	}
	if _, err := Apply(data, []Edit{{Start: 5, End: 50}}); err == nil {
		t.Error("an edit past the end was applied")
	}
}

func TestHunks(t *testing.T) {
	old := []byte("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15")
	got, err := Hunks(old, []Edit{
		{Start: 2, End: 3, New: "two"},                         // line 2
		{Start: len(old) - 2, End: len(old), New: "fifteen\n"}, // the last line, which had no newline
	}, 3)
	if err != nil {
		t.Fatal(err)
	}
	want := `@@ -1,5 +1,5 @@
 1
-2
+two
 3
 4
 5
@@ -12,4 +12,4 @@
 12
 13
 14
-15
\ No newline at end of file
+fifteen
`
	if got != want {
		t.Errorf("Hunks:\n%s\nwant:\n%s", got, want)
	}
	got, _ = Hunks(nil, []Edit{{New: "a\nb\n"}}, 3)
	if got != "@@ -0,0 +1,2 @@\n+a\n+b\n" {
		t.Errorf("Hunks of an empty file: %q", got)
	}
	if got, _ := Hunks(old, []Edit{{Start: 2, End: 3, New: "2"}}, 3); got != "" {
		t.Errorf("a no-op edit: %q", got)
	}
}

// TestPatchApplies: git applies the patch, including a rename with a change and names with a
// space and a non-ASCII letter.
func TestPatchApplies(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	repo := t.TempDir()
	dir := filepath.Join(repo, "Contoso Tâches")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"apiProperties.json": "{\r\n  \"a\": 1,\r\n}\r\n", "Readme.MD": "#Title\n"}
	for n, d := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(d), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git := func(args ...string) {
		t.Helper()
		out, err := exec.Command("git", append([]string{"-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", "-A")
	git("commit", "-qm", "x")
	patch, err := Patch([]FileChange{
		{OldName: "Contoso Tâches/apiProperties.json", NewName: "Contoso Tâches/apiProperties.json", Old: []byte(files["apiProperties.json"]), Edits: []Edit{{Start: 11, End: 12}}},
		{OldName: "Contoso Tâches/Readme.MD", NewName: "Contoso Tâches/readme.md", Old: []byte(files["Readme.MD"]), Edits: []Edit{{Start: 1, End: 1, New: " "}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(patch, `"a/Contoso T\303\242ches/Readme.MD"`) {
		t.Errorf("the non-ASCII name isn't quoted as git quotes it:\n%s", patch)
	}
	pf := filepath.Join(t.TempDir(), "p.patch")
	if err := os.WriteFile(pf, []byte(patch), 0o644); err != nil {
		t.Fatal(err)
	}
	git("apply", "--check", pf)
	git("apply", pf)
	if b, _ := os.ReadFile(filepath.Join(dir, "apiProperties.json")); string(b) != "{\r\n  \"a\": 1\r\n}\r\n" {
		t.Errorf("applied: %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "readme.md")); string(b) != "# Title\n" {
		t.Errorf("renamed and applied: %q", b)
	}
}

func TestRenameFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("Script.csx", "a")
	write("other.csx", "b")
	if err := RenameFile(dir, "", "other.csx", "Script.csx"); !errors.Is(err, ErrExists) {
		t.Errorf("rename onto another file: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "Script.csx")); string(b) != "a" {
		t.Error("a rename overwrote a file")
	}
	if err := RenameFile(dir, "", "Script.csx", "script.csx"); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != "other.csx,script.csx" {
		t.Errorf("after a case-only rename: %v", names)
	}
	if err := RenameFile(dir, "", "../x", "y"); err == nil {
		t.Error("a path was accepted as a name")
	}
	if err := os.Symlink(filepath.Join(dir, "other.csx"), filepath.Join(dir, "link.csx")); err == nil {
		if err := RenameFile(dir, "", "link.csx", "script2.csx"); err == nil {
			t.Error("a symbolic link was renamed")
		}
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "apiProperties.json")
	if err := os.WriteFile(name, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(name, "", []byte("new")); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(name)
	if b, _ := os.ReadFile(name); string(b) != "new" || info.Mode().Perm() != 0o600 {
		t.Errorf("after WriteFile: %q %v", b, info.Mode())
	}
	target := filepath.Join(t.TempDir(), "target")
	os.WriteFile(target, []byte("keep"), 0o644)
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	if err := WriteFile(link, "", []byte("x")); err == nil {
		t.Error("WriteFile wrote through a symbolic link")
	}
	if b, _ := os.ReadFile(target); string(b) != "keep" {
		t.Error("the link's target changed")
	}
	if err := WriteFile(filepath.Join(dir, "missing"), "", []byte("x")); err == nil {
		t.Error("WriteFile created a file; it only replaces one")
	}
}
