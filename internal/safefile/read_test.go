package safefile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// The attacks of issue 17: a configuration or baseline planted as a link to an endless stream
// (/dev/zero reached 1.2 GiB; /proc/self/fd/1 blocked until the job timed out), a FIFO, and a
// file over the limit. Each must fail at once with a clear error.
func TestReadRefuses(t *testing.T) {
	dir := t.TempDir()
	link := func(name, target string) string {
		p := filepath.Join(dir, name)
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	regular := filepath.Join(dir, "config.yml")
	os.WriteFile(regular, []byte("rules: {}\n"), 0o644)
	for _, p := range []string{link("zero", "/dev/zero"), link("stdout", "/proc/self/fd/1"), link("file", regular), fifo, "/dev/zero"} {
		if _, err := ReadFile(p, 1<<20); !errors.Is(err, ErrNotRegular) {
			t.Errorf("%s: err %v, want ErrNotRegular", p, err)
		}
	}
	if data, err := ReadFile(regular, 1<<20); err != nil || string(data) != "rules: {}\n" {
		t.Errorf("regular file: %q, %v", data, err)
	}
	var tl *TooLargeError
	if _, err := ReadFile(regular, 4); !errors.As(err, &tl) {
		t.Errorf("over the limit: %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "absent"), 10); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("absent: %v", err)
	}
}

// A connector folder (or a folder above it) replaced by a link is refused; the workspace root
// itself is trusted.
func TestInside(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "independent-publisher-connectors", "Real"), 0o755)
	os.Symlink("/etc", filepath.Join(root, "independent-publisher-connectors", "Evil"))
	os.Symlink("independent-publisher-connectors", filepath.Join(root, "certified-connectors"))
	for rel, ok := range map[string]bool{
		"independent-publisher-connectors/Real":             true,
		"independent-publisher-connectors/Real/x.json":      true, // absent: the open reports it
		"independent-publisher-connectors/Evil":             false,
		"independent-publisher-connectors/Evil/passwd":      false,
		"certified-connectors/Real":                         false,
		"../outside":                                        false,
		"/etc/passwd":                                       false,
		".":                                                 true,
		"independent-publisher-connectors/../../etc/passwd": false,
	} {
		if err := Inside(root, filepath.FromSlash(rel)); (err == nil) != ok {
			t.Errorf("Inside(%q) = %v, want ok %v", rel, err, ok)
		}
	}
}

// A file whose size is reported as 0 but that has content (proc, sysfs) is read up to the limit;
// one over the limit is reported as too large.
func TestReadZeroSizeFile(t *testing.T) {
	const name = "/proc/self/status"
	if _, err := os.Stat(name); err != nil {
		t.Skip("no /proc")
	}
	data, tooLarge, err := Read(name, 1<<20)
	if err != nil || tooLarge || !bytes.HasPrefix(data, []byte("Name:")) || !bytes.Contains(data, []byte("nonvoluntary_ctxt_switches:")) { // its first and last lines, past 512 bytes
		t.Fatalf("Read(%s) = %d bytes, %v, %v", name, len(data), tooLarge, err)
	}
	if _, tooLarge, err := Read(name, 4); err != nil || !tooLarge {
		t.Errorf("Read(%s, 4): tooLarge %v, %v", name, tooLarge, err)
	}
}
