// Package fixrun runs connector-check's fixes over connector folders: it fixes them in memory
// (validate.FixConnector), writes the results, makes their patch and prints them (the fix
// command), picks the findings a pull request introduces, and posts the fixes as suggested
// changes on it (the action's suggest and fix-patch inputs). It never writes to the process's
// standard output or error: the caller passes the writers and the annotation callbacks in.
package fixrun

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/connector-check/connector-check/internal/fix"
	"github.com/connector-check/connector-check/internal/safefile"
	"github.com/connector-check/connector-check/validate"
)

// Paths fixes, in memory, every connector under paths.
func Paths(paths []string, opts validate.FixOptions) ([]*validate.FixResult, error) {
	var dirs []string
	seen := map[string]bool{}
	for _, root := range paths {
		found, err := validate.Discover(root)
		if err != nil {
			return nil, err
		}
		for _, d := range found {
			if key := filepath.Clean(d); !seen[key] {
				seen[key] = true
				dirs = append(dirs, d)
			}
		}
	}
	if len(dirs) == 0 {
		return nil, fmt.Errorf("no connector folder under %s", strings.Join(paths, ", "))
	}
	slices.Sort(dirs)
	var out []*validate.FixResult
	for _, d := range dirs {
		r, err := validate.FixConnector(d, d, opts)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// Introduced fixes, in memory, the fixable findings of res that the change introduces (all of
// them when the run compared nothing), connector by connector; opts are the run's options (the
// kind and new-submission policy of each connector). Connectors with no applied fix are left out.
func Introduced(res *validate.Result, opts validate.Options, compared bool) ([]*validate.FixResult, error) {
	byConn := map[string][]validate.Finding{}
	var order []string
	for _, f := range res.Findings {
		r, ok := validate.LookupRule(f.Rule)
		if !ok || !r.Fixable() || f.Baselined || f.Inherited || (compared && !f.Introduced) {
			continue
		}
		if _, seen := byConn[f.Connector]; !seen {
			order = append(order, f.Connector)
		}
		byConn[f.Connector] = append(byConn[f.Connector], f)
	}
	var out []*validate.FixResult
	for _, conn := range order {
		kind := opts.Kind
		if kind == 0 && opts.KindFor != nil {
			kind = opts.KindFor(conn)
		}
		isNew := opts.New || (opts.IsNew != nil && opts.IsNew(conn))
		r, err := validate.FixConnector(filepath.FromSlash(conn), conn, validate.FixOptions{Kind: kind, New: isNew, Only: byConn[conn]})
		if err != nil {
			return nil, err
		}
		if len(r.Applied) > 0 {
			out = append(out, r)
		}
	}
	return out, nil
}

// Write writes one connector's fixed files: renames first (never over another file), then
// contents, each atomically. A file changed on disk since it was read is left alone. root is
// fix.WriteFile's and fix.RenameFile's root ("" for none).
func Write(r *validate.FixResult, root string) error {
	for _, f := range r.Files {
		disk, _, err := safefile.Read(filepath.Join(r.Dir, f.OrigName), validate.MaxFileSize)
		if err != nil {
			return err
		}
		if !bytes.Equal(disk, f.Original) {
			return fmt.Errorf("%s changed while it was being fixed; run fix again", filepath.Join(r.Dir, f.OrigName))
		}
	}
	for _, f := range r.Files {
		if f.Renamed() {
			if err := fix.RenameFile(r.Dir, root, f.OrigName, f.Name); err != nil {
				return err
			}
		}
		if len(f.Edits) > 0 {
			name := filepath.Join(r.Dir, f.Name)
			if err := fix.WriteFile(name, root, f.Data); err != nil {
				return err
			}
			// Read it back: what is on disk is what was verified.
			if disk, _, err := safefile.Read(name, validate.MaxFileSize); err != nil || !bytes.Equal(disk, f.Data) {
				return fmt.Errorf("%s: the written file reads back differently (%v)", name, err)
			}
		}
	}
	return nil
}

// Patch is the git patch of the results. Paths are the connector folders as found, made
// relative to base when it is set and they are inside it, with forward slashes.
func Patch(results []*validate.FixResult, base string) (string, error) {
	var changes []fix.FileChange
	for _, r := range results {
		dir := r.Dir
		if base != "" {
			abs, err1 := filepath.Abs(dir)
			absBase, err2 := filepath.Abs(base)
			if rel, ok := relInside(absBase, abs); ok && err1 == nil && err2 == nil {
				dir = rel
			}
		}
		for _, f := range r.Files {
			changes = append(changes, fix.FileChange{
				OldName: filepath.ToSlash(filepath.Join(dir, f.OrigName)),
				NewName: filepath.ToSlash(filepath.Join(dir, f.Name)),
				Old:     f.Original, Edits: f.Edits,
			})
		}
	}
	return fix.Patch(changes)
}

// relInside is p relative to dir, when p is dir or inside it.
func relInside(dir, p string) (string, bool) {
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return rel, true
}

// Applied is the number of applied fixes of the results.
func Applied(results []*validate.FixResult) int {
	n := 0
	for _, r := range results {
		n += len(r.Applied)
	}
	return n
}

// Remaining is the number of fixable findings left after the run: the skipped ones, and the
// applied ones too when nothing was written.
func Remaining(results []*validate.FixResult, wrote bool) int {
	remaining := 0
	for _, r := range results {
		remaining += r.Remaining
		if !wrote {
			remaining += len(r.Applied)
		}
	}
	return remaining
}
