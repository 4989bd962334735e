package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/connector-check/connector-check/internal/fixrun"
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
	results, err := fixrun.Paths(paths, validate.FixOptions{Rules: rules, Kind: k, New: *newSub})
	if err != nil {
		return fail(stderr, err)
	}
	write := !*dryRun && !*diff
	if write {
		for _, r := range results {
			if err := fixrun.Write(r, ""); err != nil {
				return fail(stderr, err)
			}
		}
	}
	switch {
	case *diff:
		patch, err := fixrun.Patch(results, ".") // paths relative to the working directory
		if err != nil {
			return fail(stderr, err)
		}
		io.WriteString(stdout, patch)
	case fm == "json":
		if err := fixrun.JSON(stdout, results, write); err != nil {
			return fail(stderr, err)
		}
	default:
		fixrun.Text(stdout, results, write)
	}
	if fixrun.Remaining(results, write) > 0 {
		return exitFindings
	}
	return exitOK
}
