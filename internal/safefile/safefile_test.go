package safefile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func chdir(t *testing.T, dir string) {
	t.Helper()
	t.Chdir(dir)
}

func TestWriteCreatesFolders(t *testing.T) {
	chdir(t, t.TempDir())
	if err := WriteBytes(filepath.Join("a", "b", "out.json"), "", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile("a/b/out.json"); string(data) != "x" {
		t.Errorf("got %q", data)
	}
	left, _ := filepath.Glob("a/b/.*.tmp")
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// A link planted in the checkout must neither be written through nor removed.
func TestWriteRefusesLinks(t *testing.T) {
	dir := t.TempDir()
	chdir(t, dir)
	outside := filepath.Join(t.TempDir(), "victim")
	os.WriteFile(outside, []byte("keep"), 0o644)
	os.Symlink(outside, "report.sarif")
	if err := WriteBytes("report.sarif", "", []byte("evil")); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("err = %v, want a refusal", err)
	}
	if data, _ := os.ReadFile(outside); string(data) != "keep" {
		t.Errorf("the link's target was written: %q", data)
	}
	if _, err := os.Lstat("report.sarif"); err != nil {
		t.Errorf("the link was removed: %v", err)
	}
	// A linked folder on the way.
	os.Symlink(filepath.Dir(outside), "reports")
	if err := WriteBytes("reports/x.json", "", []byte("evil")); err == nil {
		t.Errorf("wrote through a linked folder")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(outside), "x.json")); err == nil {
		t.Errorf("a file appeared outside the checkout")
	}
	// An absolute path inside the root is checked too.
	if err := WriteBytes(filepath.Join(dir, "reports", "y.json"), dir, []byte("evil")); err == nil {
		t.Errorf("wrote through a linked folder given as an absolute path inside the root")
	}
}

// A failed write leaves what was there: the old file, a device node.
func TestFailedWriteRemovesNothingItDidNotCreate(t *testing.T) {
	chdir(t, t.TempDir())
	os.WriteFile("out.json", []byte("old"), 0o644)
	boom := errors.New("boom")
	err := Write("out.json", "", func(w io.Writer) error { io.WriteString(w, "partial"); return boom })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if data, err := os.ReadFile("out.json"); err != nil || string(data) != "old" {
		t.Errorf("the old file was changed or removed: %q, %v", data, err)
	}
	if left, _ := filepath.Glob(".*.tmp"); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	// /dev/null is written in place and survives a failure.
	if err := Write("/dev/null", "", func(w io.Writer) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
	if info, err := os.Stat("/dev/null"); err != nil || info.Mode()&os.ModeDevice == 0 {
		t.Errorf("/dev/null is gone or replaced: %v", err)
	}
	// A FIFO in the checkout is refused, not replaced.
	if err := mkfifo("pipe"); err == nil {
		if err := WriteBytes("pipe", "", []byte("x")); err == nil {
			t.Errorf("wrote over a FIFO")
		}
		if info, err := os.Lstat("pipe"); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
			t.Errorf("the FIFO was replaced or removed")
		}
	}
}

func TestAppendDoesNotFollowLinks(t *testing.T) {
	chdir(t, t.TempDir())
	target := filepath.Join(t.TempDir(), "t")
	os.WriteFile(target, nil, 0o644)
	os.Symlink(target, "summary.md")
	if err := Append("summary.md", "x"); err == nil {
		t.Errorf("appended through a link")
	}
	if err := Append("real.md", "a"); err != nil {
		t.Fatal(err)
	}
	Append("real.md", "b")
	if data, _ := os.ReadFile("real.md"); string(data) != "ab" {
		t.Errorf("got %q", data)
	}
}
