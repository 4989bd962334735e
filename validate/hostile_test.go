package validate

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestHostileWorkspace builds a workspace with the tricks a pull request can play: links out of
// the tree (/etc/passwd, .., a loop), a FIFO where a connector file belongs, a device-like entry
// and a file name that isn't UTF-8. The run must finish, read nothing outside the tree and say
// what it skipped.
func TestHostileWorkspace(t *testing.T) {
	root := t.TempDir()
	ip := filepath.Join(root, "independent-publisher-connectors")
	good := filepath.Join(ip, "Good")
	fifo := filepath.Join(ip, "Fifo")
	for _, d := range []string{good, fifo, filepath.Join(ip, "Loop")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(good, SwaggerName), goodSwagger)
	write(filepath.Join(good, PropertiesName), goodProperties)
	write(filepath.Join(good, ReadmeName), goodReadme)
	write(filepath.Join(good, "notes-\xff\xfe.txt"), "not UTF-8 in the name")
	write(filepath.Join(fifo, SwaggerName), goodSwagger)
	if err := syscall.Mkfifo(filepath.Join(fifo, PropertiesName), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink("/etc/passwd", filepath.Join(fifo, ReadmeName)))
	must(os.Symlink("..", filepath.Join(ip, "Loop", "up")))
	must(os.Symlink("loop", filepath.Join(ip, "Loop", "loop")))
	must(os.Symlink("/etc", filepath.Join(ip, "Etc")))
	must(os.Symlink("/etc", filepath.Join(root, "etc-link")))

	res, err := Run([]string{root}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, c := range res.Connectors {
		paths = append(paths, c.Path)
	}
	if got := strings.Join(paths, "|"); !strings.Contains(got, "/Good") || !strings.Contains(got, "/Fifo") || strings.Contains(got, "Etc") || strings.Contains(got, "etc-link") {
		t.Fatalf("connectors: %s", got)
	}
	unreadable := map[string]bool{}
	for _, f := range res.Findings {
		if !strings.HasPrefix(f.File, filepath.ToSlash(root)) {
			t.Errorf("finding outside the workspace: %+v", f)
		}
		if strings.Contains(f.Message, "root:") {
			t.Errorf("a finding quotes /etc/passwd: %s", f.Message)
		}
		if f.Rule == "FileUnreadable" {
			unreadable[filepath.Base(f.File)] = true
		}
	}
	if !unreadable[PropertiesName] || !unreadable[ReadmeName] {
		t.Errorf("the FIFO and the link to /etc/passwd should be FileUnreadable; got %v", unreadable)
	}
}
