package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/connector-check/connector-check/internal/fix"
	"github.com/connector-check/connector-check/internal/safefile"
	"github.com/connector-check/connector-check/internal/settings"
	"github.com/connector-check/connector-check/validate"
)

// ruleList is a repeatable --rule flag.
type ruleList []string

func (r *ruleList) String() string { return strings.Join(*r, ",") }
func (r *ruleList) Set(s string) error {
	for _, id := range strings.Split(s, ",") {
		if id = strings.TrimSpace(id); id != "" {
			*r = append(*r, id)
		}
	}
	return nil
}

// cmdFix is `connector-check fix`: apply the fixable findings' fixes in place, verified.
func cmdFix(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fix", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dryRun := fs.Bool("dry-run", false, "list what would change; write nothing")
	diff := fs.Bool("diff", false, "print a unified diff of what would change; write nothing")
	format := fs.String("format", "text", "output format: text or json")
	kind := addKindFlag(fs, "the parent folder")
	newSub := fs.Bool("new", false, "check as a new submission (listing-policy warnings become errors)")
	var rules ruleList
	fs.Var(&rules, "rule", "fix only this rule `ID` (repeatable; fixable rules: connector-check rules)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: connector-check fix [--dry-run] [--diff] [--rule ID]... [--format text|json] [PATH...]\n\n"+
			"Applies the fixes of fixable findings in place. Each fix is verified first: the file is re-read\n"+
			"from the edited bytes and the connector re-checked; a fix that leaves its finding or brings a new\n"+
			"one is skipped and listed. Exit 0: nothing fixable is left; 1: fixable findings remain (a dry run,\n"+
			"or skipped fixes); 2: an error.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	paths, code, ok := parseCommandLine(fs, args)
	if !ok {
		return code
	}
	fm := strings.ToLower(strings.TrimSpace(*format))
	if fm != "text" && fm != "json" {
		return fail(stderr, fmt.Errorf("format: unknown value %q (want text or json)", *format))
	}
	k, err := validate.ParseKind(*kind)
	if err != nil {
		return fail(stderr, err)
	}
	for _, id := range rules {
		r, ok := validate.LookupRule(id)
		if !ok {
			return fail(stderr, fmt.Errorf("--rule: unknown rule %q", id))
		}
		if !r.Fixable() {
			return fail(stderr, fmt.Errorf("--rule: %s has no fix (connector-check rules lists the fixable ones)", id))
		}
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	for _, p := range paths {
		if err := notAFileFor("fix", p); err != nil {
			return fail(stderr, err)
		}
	}
	results, err := fixPaths(paths, validate.FixOptions{Rules: rules, Kind: k, New: *newSub})
	if err != nil {
		return fail(stderr, err)
	}
	write := !*dryRun && !*diff
	if write {
		for _, r := range results {
			if err := writeFixes(r, ""); err != nil {
				return fail(stderr, err)
			}
		}
	}
	switch {
	case *diff:
		patch, err := fixPatch(results, ".") // paths relative to the working directory
		if err != nil {
			return fail(stderr, err)
		}
		io.WriteString(stdout, patch)
	case fm == "json":
		if err := fixJSON(stdout, results, write); err != nil {
			return fail(stderr, err)
		}
	default:
		fixText(stdout, results, write)
	}
	remaining := 0
	for _, r := range results {
		remaining += r.Remaining
		if !write {
			remaining += len(r.Applied)
		}
	}
	if remaining > 0 {
		return exitFindings
	}
	return exitOK
}

// fixPaths fixes, in memory, every connector under paths.
func fixPaths(paths []string, opts validate.FixOptions) ([]*validate.FixResult, error) {
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

// writeFixes writes one connector's fixed files: renames first (never over another file), then
// contents, each atomically. A file changed on disk since it was read is left alone.
func writeFixes(r *validate.FixResult, root string) error {
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

// fixPatch is the git patch of the results. Paths are the connector folders as found, made
// relative to base when it is set and they are inside it, with forward slashes.
func fixPatch(results []*validate.FixResult, base string) (string, error) {
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

func fixText(w io.Writer, results []*validate.FixResult, wrote bool) {
	verb := "would fix"
	if wrote {
		verb = "fixed"
	}
	applied, skipped, files := 0, 0, 0
	for _, r := range results {
		for _, a := range r.Applied {
			fmt.Fprintf(w, "%s: %s %s: %q -> %q\n", place(a), verb, a.Rule, clipText(a.Before), clipText(a.After))
		}
		for _, s := range r.Skipped {
			fmt.Fprintf(w, "%s: skipped %s: %s\n", place(s), s.Rule, s.Reason)
		}
		applied += len(r.Applied)
		skipped += len(r.Skipped)
		files += len(r.Files)
	}
	fmt.Fprintf(w, "%d %s in %s, %d skipped\n", applied, fixWord(applied), settings.Plural(files, "file"), skipped)
}

func place(r validate.FixRecord) string {
	if r.Line == 0 {
		return r.File
	}
	return fmt.Sprintf("%s:%d:%d", r.File, r.Line, r.Column)
}

func clipText(s string) string {
	if len(s) > 80 {
		return strings.ToValidUTF8(s[:80], "") + "…"
	}
	return s
}

type jsonFix struct {
	Rule   string `json:"rule"`
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Before string `json:"before"`
	After  string `json:"after"`
	Reason string `json:"reason,omitempty"`
}

func fixJSON(w io.Writer, results []*validate.FixResult, wrote bool) error {
	out := struct {
		Written bool      `json:"written"`
		Applied []jsonFix `json:"applied"`
		Skipped []jsonFix `json:"skipped"`
	}{Written: wrote, Applied: []jsonFix{}, Skipped: []jsonFix{}}
	conv := func(r validate.FixRecord) jsonFix {
		return jsonFix{Rule: r.Rule, File: r.File, Line: r.Line, Column: r.Column, Before: r.Before, After: r.After, Reason: r.Reason}
	}
	for _, r := range results {
		for _, a := range r.Applied {
			out.Applied = append(out.Applied, conv(a))
		}
		for _, s := range r.Skipped {
			out.Skipped = append(out.Skipped, conv(s))
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func fixWord(n int) string {
	if n == 1 {
		return "fix"
	}
	return "fixes"
}
