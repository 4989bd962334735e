package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/connector-check/connector-check/internal/fix"
	"github.com/connector-check/connector-check/internal/ghapi"
	"github.com/connector-check/connector-check/internal/settings"
	"github.com/connector-check/connector-check/validate"
	"github.com/sethvargo/go-githubactions"
)

// fixAction is the action's suggest and fix-patch inputs: after the check, the verified fixes of
// the findings the change introduces (every fixable finding when nothing was compared) become
// suggested changes on the pull request and/or a patch file.
type fixAction struct {
	suggest bool
	patch   string // workspace-relative patch file, "" for none
}

func actionFixInputs(in func(string) string, getenv func(string) string) (*fixAction, error) {
	suggest, err := parseBoolInput("suggest", in("suggest"))
	if err != nil {
		return nil, err
	}
	fa := &fixAction{suggest: suggest, patch: workspaceRelative(strings.TrimSpace(in("fix-patch")), getenv("GITHUB_WORKSPACE"))}
	if !fa.suggest && fa.patch == "" {
		return nil, nil
	}
	return fa, nil
}

// maxSuggestions bounds the inline suggestions of one review; the rest are in the patch.
const maxSuggestions = 50

// run fixes in memory (nothing in the checkout is changed), writes the patch and posts the
// review. Only a patch that can't be written is an error; the review is best effort.
func (fa *fixAction) run(res *validate.Result, cfg validateConfig, stdout io.Writer, getenv func(string) string) error {
	if fa == nil {
		return nil
	}
	gha := githubactions.New(githubactions.WithGetenv(getenv), githubactions.WithWriter(commandWriter(stdout)))
	results, err := fixIntroduced(res, cfg)
	if err != nil {
		gha.Warningf("%s", "connector-check: the fixes were not computed: "+err.Error())
		results = nil
	}
	if fa.patch != "" {
		patch, err := fixPatch(results, "")
		if err != nil {
			return err
		}
		if err := writeFile(fa.patch, func(w io.Writer) error { _, err := io.WriteString(w, patch); return err }); err != nil {
			return fmt.Errorf("fix-patch: %v", err)
		}
		fmt.Fprintf(stdout, "connector-check: fix patch (%d %s) written to %s; apply it with git apply\n", countApplied(results), fixWord(countApplied(results)), fa.patch)
	}
	if fa.suggest {
		fa.postReview(results, cfg, gha, stdout, getenv)
	}
	return nil
}

func countApplied(results []*validate.FixResult) int {
	n := 0
	for _, r := range results {
		n += len(r.Applied)
	}
	return n
}

// fixIntroduced fixes, in memory, the fixable findings of res that the change introduces (all
// of them when the run compared nothing), connector by connector.
func fixIntroduced(res *validate.Result, cfg validateConfig) ([]*validate.FixResult, error) {
	compared := cfg.source != nil
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
	opts := cfg.report.sets().Options(cfg.kind, nil)
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

// headMismatch says why a file's suggestions can't be placed, "" when they can: the review is
// posted on the head commit, but on pull_request events the checkout is the merge commit, whose
// lines differ from the head's when the base branch changed the same file.
type headMismatch func(path string, original []byte) string

// headChecker reads each file at commit through the API and compares it with the checkout's
// bytes before the fixes. A read that fails (a 404, a read-only token's 403) is a mismatch too.
func headChecker(ctx context.Context, client *ghapi.Client, commit string) headMismatch {
	return func(p string, original []byte) string {
		head, err := client.FileAt(ctx, p, commit)
		switch {
		case err != nil: // a 404, a 403, a timeout; the error names the file (the author's): not in the body
			return "it could not be read at the head commit"
		case !bytes.Equal(head, original):
			return "it differs between the merge commit that was checked and the head commit"
		}
		return ""
	}
}

// unplaced is a file whose fixes get no inline suggestion, and why.
type unplaced struct{ path, why string }

// suggestions are the review comments of the content fixes (a rename can't be suggested: the
// review body names it), at most maxSuggestions. A file whose checkout differs from the head
// commit (mismatch) gets none; it is returned in skipped. Only the files that would carry a
// suggestion are compared, so the reads are bounded by maxSuggestions.
func suggestions(results []*validate.FixResult, mismatch headMismatch) (out []ghapi.Suggestion, renames []string, skipped []unplaced, more int, err error) {
	for _, r := range results {
		for _, f := range r.Files {
			p := path.Join(r.Connector, f.OrigName)
			if f.Renamed() {
				renames = append(renames, fmt.Sprintf("rename `%s` to `%s`", p, f.Name))
			}
			blocks, err := fix.Blocks(f.Original, f.Edits)
			if err != nil {
				return nil, nil, nil, 0, err
			}
			if len(blocks) == 0 {
				continue
			}
			if len(out) == maxSuggestions {
				more += len(blocks)
				continue
			}
			if why := mismatch(p, f.Original); why != "" {
				skipped = append(skipped, unplaced{p, why})
				continue
			}
			for _, b := range blocks {
				if len(out) == maxSuggestions {
					more++
					continue
				}
				lines := make([]string, len(b.New))
				for i, l := range b.New {
					lines[i] = strings.TrimSuffix(strings.TrimSuffix(l, "\n"), "\r")
				}
				out = append(out, ghapi.Suggestion{
					Path: p, StartLine: b.From, Line: b.To, Lines: lines,
					Note: "connector-check can fix this (`connector-check fix`, verified: the fix removes the finding and brings no new one):",
				})
			}
		}
	}
	return out, renames, skipped, more, nil
}

// reviewBody lists what the fixes fix.
func reviewBody(results []*validate.FixResult, renames []string, skipped []unplaced, more int) string {
	var sb strings.Builder
	n := countApplied(results)
	fmt.Fprintf(&sb, "**connector-check** can fix %s that this pull request introduces. Commit the suggestions below, or run `connector-check fix` on the connector.\n\n", settings.Plural(n, "finding"))
	listed := 0
	for _, r := range results {
		for _, a := range r.Applied {
			if listed == 30 {
				break
			}
			listed++
			fmt.Fprintf(&sb, "- `%s` %s\n", a.Rule, markdownText(place(a)))
		}
	}
	if n > listed {
		fmt.Fprintf(&sb, "- and %d more\n", n-listed)
	}
	for _, rn := range renames {
		fmt.Fprintf(&sb, "\nA suggested change can't rename a file: %s.\n", rn)
	}
	for _, u := range skipped {
		fmt.Fprintf(&sb, "\nNo suggestion is placed in %s: %s, so its lines can't be matched. Run `connector-check fix` on the connector for these fixes:\n", markdownText(u.path), u.why)
		listed := 0
		for _, r := range results {
			for _, a := range r.Applied {
				if a.File != u.path {
					continue
				}
				if listed == 30 {
					fmt.Fprintf(&sb, "- and more\n")
					break
				}
				listed++
				fmt.Fprintf(&sb, "- `%s` %s\n", a.Rule, markdownText(place(a)))
			}
		}
	}
	if more > 0 {
		fmt.Fprintf(&sb, "\n%d more changes are not shown here; `connector-check fix` (or the fix-patch input) makes them all.\n", more)
	}
	return sb.String()
}

// markdownText keeps a file path from being read as Markdown.
func markdownText(s string) string { return "`" + strings.ReplaceAll(s, "`", "'") + "`" }

func (fa *fixAction) postReview(results []*validate.FixResult, cfg validateConfig, gha *githubactions.Action, stdout io.Writer, getenv func(string) string) {
	ev, _ := readPREvent(getenv("GITHUB_EVENT_PATH"))
	number := ev.PullRequest.Number
	switch {
	case number == 0:
		gha.Noticef("%s", "connector-check: suggest: true needs a pull_request event; no suggestions were posted")
		return
	case countApplied(results) == 0:
		return // nothing this pull request introduced is fixable
	case cfg.report == nil || cfg.report.token == "":
		gha.Noticef("%s", "connector-check: no github-token, so the suggested changes were not posted")
		return
	}
	client, err := ghapi.New(cfg.report.token, getenv("GITHUB_API_URL"), getenv("GITHUB_REPOSITORY"))
	if err != nil {
		gha.Warningf("%s", "connector-check: suggested changes: "+err.Error())
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	commit := checkedCommit(getenv)
	sugg, renames, skipped, more, err := suggestions(results, headChecker(ctx, client, commit))
	if err != nil {
		gha.Warningf("%s", "connector-check: suggested changes: "+err.Error())
		return
	}
	body := reviewBody(results, renames, skipped, more)
	url, posted, err := client.PostSuggestions(ctx, number, commit, body, sugg)
	if errors.Is(err, ghapi.ErrUnprocessable) {
		// A fixed line outside the diff: the whole review is refused. Post the list alone.
		body += "\nSome of the fixed lines are outside this pull request's diff, so no line could carry a suggestion; run `connector-check fix` on the connector.\n"
		url, posted, err = client.PostSuggestions(ctx, number, commit, body, nil)
	}
	switch {
	case ghapi.Forbidden(err):
		gha.Noticef("%s", "connector-check: the token may not write reviews here (a pull request from a fork gets a read-only token), so the suggested changes were skipped; run connector-check fix on the connector")
	case err != nil:
		gha.Warningf("%s", "connector-check: suggested changes failed: "+err.Error())
	case posted:
		fmt.Fprintf(stdout, "connector-check: suggested changes posted: %s\n", url)
	default:
		fmt.Fprintf(stdout, "connector-check: suggested changes for this commit were already posted: %s\n", url)
	}
}
