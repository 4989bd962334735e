package main

import (
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

// suggestions are the review comments of the content fixes (a rename can't be suggested: the
// review body names it), at most maxSuggestions.
func suggestions(results []*validate.FixResult) (out []ghapi.Suggestion, renames []string, more int, err error) {
	for _, r := range results {
		for _, f := range r.Files {
			if f.Renamed() {
				renames = append(renames, fmt.Sprintf("rename `%s` to `%s`", path.Join(r.Connector, f.OrigName), f.Name))
			}
			blocks, err := fix.Blocks(f.Original, f.Edits)
			if err != nil {
				return nil, nil, 0, err
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
					Path: path.Join(r.Connector, f.OrigName), StartLine: b.From, Line: b.To, Lines: lines,
					Note: "connector-check can fix this (`connector-check fix`, verified: the fix removes the finding and brings no new one):",
				})
			}
		}
	}
	return out, renames, more, nil
}

// reviewBody lists what the fixes fix.
func reviewBody(results []*validate.FixResult, renames []string, more int) string {
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
	sugg, renames, more, err := suggestions(results)
	if err != nil {
		gha.Warningf("%s", "connector-check: suggested changes: "+err.Error())
		return
	}
	client, err := ghapi.New(cfg.report.token, getenv("GITHUB_API_URL"), getenv("GITHUB_REPOSITORY"))
	if err != nil {
		gha.Warningf("%s", "connector-check: suggested changes: "+err.Error())
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	body := reviewBody(results, renames, more)
	url, posted, err := client.PostSuggestions(ctx, number, checkedCommit(getenv), body, sugg)
	if errors.Is(err, ghapi.ErrUnprocessable) {
		// A fixed line outside the diff: the whole review is refused. Post the list alone.
		body += "\nSome of the fixed lines are outside this pull request's diff, so no line could carry a suggestion; run `connector-check fix` on the connector.\n"
		url, posted, err = client.PostSuggestions(ctx, number, checkedCommit(getenv), body, nil)
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
