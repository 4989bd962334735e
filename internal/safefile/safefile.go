// Package safefile writes connector-check's output files (the report, the SARIF log, the
// baseline, packages) so that a pull request can't redirect them: nothing is written through a
// symbolic link planted in the checkout, a file is replaced by renaming a temporary file from its
// own folder into place, and a failed write removes only that temporary file, never what was
// there before.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Write creates or replaces name with what write writes. Missing folders are created. A relative
// name must not pass through a symbolic link (the checkout is the pull request's: a link there
// could point anywhere); neither may an absolute name inside root, when root is set (the
// workspace). name itself must not be a symbolic link, a folder or a special file; only the
// devices under /dev (/dev/null, /dev/stdout) are written to in place, as a person asked.
func Write(name, root string, write func(io.Writer) error) error {
	if strings.HasPrefix(filepath.Clean(name), "/dev/") {
		f, err := os.OpenFile(name, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		err = write(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}
	dir := filepath.Dir(name)
	if err := checkDir(dir, root); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if info, err := os.Lstat(name); err == nil {
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			return fmt.Errorf("%s is a symbolic link; connector-check doesn't write through links (remove it or choose another file)", name)
		case info.IsDir():
			return fmt.Errorf("%s is a folder", name)
		case !info.Mode().IsRegular():
			return fmt.Errorf("%s is not a regular file (%s); choose another file", name, info.Mode().Type())
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	err = write(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name()) // the temporary file is ours; the target is left as it was
	}
	return err
}

// WriteBytes is Write of data.
func WriteBytes(name, root string, data []byte) error {
	return Write(name, root, func(w io.Writer) error { _, err := w.Write(data); return err })
}

// CheckDir fails when a folder that exists on the way to dir is a symbolic link (see Write).
func CheckDir(dir, root string) error { return checkDir(dir, root) }

// checkDir fails when a component of dir that exists is a symbolic link (or not a folder). A
// relative dir is checked from the working directory down; an absolute one only below root.
func checkDir(dir, root string) error {
	dir = filepath.Clean(dir)
	base := ""
	rel := dir
	if filepath.IsAbs(dir) {
		if root == "" {
			return nil
		}
		absRoot, err := filepath.Abs(root)
		if err != nil {
			return err
		}
		r, err := filepath.Rel(absRoot, dir)
		if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return nil // outside the workspace: a place the workflow chose
		}
		base, rel = absRoot, r
	}
	if rel == "." {
		return nil
	}
	cur := base
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		if part == "" || part == "." {
			continue
		}
		cur = filepath.Join(cur, part)
		info, err := os.Lstat(cur)
		if errors.Is(err, fs.ErrNotExist) {
			return nil // created below by MkdirAll
		}
		if err != nil {
			return err
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s is a symbolic link; connector-check doesn't write through links", cur)
		}
		if !info.IsDir() {
			return fmt.Errorf("%s is not a folder", cur)
		}
	}
	return nil
}

// Append appends s to name (the runner's GITHUB_STEP_SUMMARY and GITHUB_OUTPUT files), creating
// it when missing; a symbolic link is not followed.
func Append(name, s string) error {
	f, err := os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY|syscall.O_NOFOLLOW, 0o644)
	if err != nil {
		return err
	}
	_, err = io.WriteString(f, s)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
