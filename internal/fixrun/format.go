package fixrun

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/connector-check/connector-check/internal/settings"
	"github.com/connector-check/connector-check/validate"
)

// Text writes the fix command's text output: a line per applied ("fixed", or "would fix" when
// nothing was written) and per skipped fix, then the totals.
func Text(w io.Writer, results []*validate.FixResult, wrote bool) {
	verb := "would fix"
	if wrote {
		verb = "fixed"
	}
	applied, skipped, files := 0, 0, 0
	for _, r := range results {
		for _, a := range r.Applied {
			fmt.Fprintf(w, "%s: %s %s: %q -> %q\n", Place(a), verb, a.Rule, clipText(a.Before), clipText(a.After))
		}
		for _, s := range r.Skipped {
			fmt.Fprintf(w, "%s: skipped %s: %s\n", Place(s), s.Rule, s.Reason)
		}
		applied += len(r.Applied)
		skipped += len(r.Skipped)
		files += len(r.Files)
	}
	fmt.Fprintf(w, "%d %s in %s, %d skipped\n", applied, Word(applied), settings.Plural(files, "file"), skipped)
}

// Place is a fix's file, with its line and column when it has one.
func Place(r validate.FixRecord) string {
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

// JSON writes the fix command's JSON output: whether the fixes were written, the applied and
// the skipped fixes.
func JSON(w io.Writer, results []*validate.FixResult, wrote bool) error {
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

// Word is "fix" or "fixes" for n.
func Word(n int) string {
	if n == 1 {
		return "fix"
	}
	return "fixes"
}
