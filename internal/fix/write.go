package fix

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/connector-check/connector-check/internal/safefile"
)

// WriteFile replaces the existing regular file name with data atomically: a temporary file in the
// same folder, given the file's mode, renamed over it. It refuses a symbolic link (the file or a
// folder on the way, checked from root down when root is set) and anything but a regular file.
func WriteFile(name, root string, data []byte) error {
	dir := filepath.Dir(name)
	if err := safefile.CheckDir(dir, root); err != nil {
		return err
	}
	info, err := os.Lstat(name)
	if err != nil {
		return err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("%s is a symbolic link; connector-check doesn't write through links", name)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", name)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*.fix")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), info.Mode().Perm())
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name()) // ours; the file is left as it was
	}
	return err
}

// ErrExists: the target of a rename exists (as another file, not as the source in another case).
var ErrExists = errors.New("the target exists")

// RenameFile renames from to to inside dir, never replacing another file. On a case-insensitive
// file system a case-only rename (Script.csx -> script.csx) finds the target "existing" as the
// source itself; it then goes through a temporary name so the new case sticks.
func RenameFile(dir, root, from, to string) error {
	if err := safefile.CheckDir(dir, root); err != nil {
		return err
	}
	if strings.ContainsAny(from+to, `/\`) || from == "" || to == "" || from == "." || to == "." || from == ".." || to == ".." {
		return fmt.Errorf("rename %q to %q: names only", from, to)
	}
	src := filepath.Join(dir, from)
	dst := filepath.Join(dir, to)
	si, err := os.Lstat(src)
	if err != nil {
		return err
	}
	if !si.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file (a symbolic link?); it is not renamed", src)
	}
	if di, err := os.Lstat(dst); err == nil {
		if !os.SameFile(si, di) {
			return fmt.Errorf("rename %s to %s: %w", from, to, ErrExists)
		}
		// The same file: a case-insensitive file system. Step through a temporary name.
		tmp, err := tempName(dir, to)
		if err != nil {
			return err
		}
		if err := os.Rename(src, tmp); err != nil {
			return err
		}
		if err := os.Rename(tmp, dst); err != nil {
			os.Rename(tmp, src) // put it back
			return err
		}
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	// os.Rename replaces an existing target; a hard link doesn't, so the target can't appear
	// between the check and the rename. Fall back to rename where links aren't supported.
	if err := os.Link(src, dst); err == nil {
		return os.Remove(src)
	} else if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("rename %s to %s: %w", from, to, ErrExists)
	}
	return os.Rename(src, dst)
}

// tempName is an unused name in dir for a rename's middle step.
func tempName(dir, to string) (string, error) {
	for i := 0; i < 100; i++ {
		p := filepath.Join(dir, fmt.Sprintf(".%s.rename%d", to, i))
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			return p, nil
		}
	}
	return "", fmt.Errorf("no free temporary name for %s in %s", to, dir)
}
