package safefile

// Reading files a pull request may have planted: never through a symbolic link, never from a
// FIFO or device, never past a size limit. Connector files, the configuration, the baseline, the
// event payload and every file pull-request mode reads use it.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// ErrNotRegular: the name is a symbolic link, a FIFO, a device or a folder.
var ErrNotRegular = errors.New("it is not a regular file (a symbolic link, FIFO or device)")

// TooLargeError is a file over the limit; nothing of it was kept.
type TooLargeError struct {
	Name  string
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s is larger than %d bytes", e.Name, e.Limit)
}

// Read reads a regular file, refusing to follow a symbolic link in its last component or to read
// past limit. tooLarge reports a file over limit (data is nil then).
func Read(name string, limit int64) (data []byte, tooLarge bool, err error) {
	info, err := os.Lstat(name)
	if err != nil {
		return nil, false, err
	}
	if !info.Mode().IsRegular() {
		return nil, false, ErrNotRegular
	}
	if info.Size() > limit {
		return nil, true, nil
	}
	// The entry may be swapped for a symbolic link or a FIFO between Lstat and Open (the
	// workspace is a pull request's): O_NOFOLLOW refuses the link, O_NONBLOCK keeps a FIFO from
	// blocking the open, and the descriptor's own mode is checked again.
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return nil, false, err
	}
	if !info.Mode().IsRegular() {
		return nil, false, ErrNotRegular
	}
	if info.Size() > limit {
		return nil, true, nil
	}
	// Read into a buffer of the size Lstat reported (plus one byte to notice growth) rather than
	// growing one from 512 bytes: io.ReadAll's doubling was a tenth of a corpus run.
	data = make([]byte, 0, info.Size()+1)
	for int64(len(data)) <= limit {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := f.Read(data[len(data):min(cap(data), int(limit)+1)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, false, err
		}
	}
	if int64(len(data)) > limit {
		return nil, true, nil
	}
	return data, false, nil
}

// ReadFile is Read with a file over limit reported as a *TooLargeError, and every error naming
// the file.
func ReadFile(name string, limit int64) ([]byte, error) {
	data, tooLarge, err := Read(name, limit)
	switch {
	case err != nil:
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, err
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	case tooLarge:
		return nil, &TooLargeError{Name: name, Limit: limit}
	}
	return data, nil
}

// Inside checks that rel, a relative path under root, names no symbolic link on the way: root
// itself is trusted, every component below it is looked at with Lstat. A component that doesn't
// exist ends the walk without error (the caller's own open reports it). rel must not climb out of
// root.
func Inside(root, rel string) error {
	rel = filepath.Clean(rel)
	if filepath.IsAbs(rel) || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("%s is outside %s", rel, root)
	}
	if rel == "." {
		return nil
	}
	p := root
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		p = filepath.Join(p, part)
		info, err := os.Lstat(p)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil
			}
			return err
		}
		if info.Mode()&os.ModeSymlink != 0 {
			return fmt.Errorf("%s is a symbolic link, which is not followed", filepath.ToSlash(p))
		}
	}
	return nil
}
