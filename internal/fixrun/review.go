package fixrun

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/connector-check/connector-check/internal/fix"
	"github.com/connector-check/connector-check/internal/ghapi"
	"github.com/connector-check/connector-check/internal/settings"
	"github.com/connector-check/connector-check/validate"
)

// MaxSuggestions bounds the inline suggestions of one review; the rest are in the patch.
const MaxSuggestions = 50

// Review posts fixes as suggested changes on a pull request (the action's suggest input). It is
// best effort: a refused token (a fork PR's read-only token) gives one notice, any other
// problem a warning, and neither fails the step.
type Review struct {
	Token       string
	APIURL      string // GITHUB_API_URL ("": https://api.github.com)
	Repository  string // owner/name
	PullRequest int    // the pull request to review (0: not a pull_request event)
	Commit      string // the pull request's head commit, where the review is posted

	// Out gets a line naming the posted review (the action's escaped standard output).
	Out io.Writer
	// Notice and Warn write a notice and a warning annotation.
	Notice, Warn func(msg string)
}

// Post posts one review with a suggestion per changed run of lines of the results' files whose
// checkout equals the head commit, and a body that lists the fixes, the renames and the files
// that got no suggestion. A review already posted for the commit is not posted again.
func (rv Review) Post(ctx context.Context, results []*validate.FixResult) {
	switch {
	case rv.PullRequest == 0:
		rv.Notice("connector-check: suggest: true needs a pull_request event; no suggestions were posted")
		return
	case Applied(results) == 0:
		return // nothing this pull request introduced is fixable
	case rv.Token == "":
		rv.Notice("connector-check: no github-token, so the suggested changes were not posted")
		return
	}
	client, err := ghapi.New(rv.Token, rv.APIURL, rv.Repository)
	if err != nil {
		rv.Warn("connector-check: suggested changes: " + err.Error())
		return
	}
	sugg, renames, skipped, more, err := Suggestions(results, HeadChecker(ctx, client, rv.Commit))
	if err != nil {
		rv.Warn("connector-check: suggested changes: " + err.Error())
		return
	}
	body := ReviewBody(results, renames, skipped, more)
	url, posted, err := client.PostSuggestions(ctx, rv.PullRequest, rv.Commit, body, sugg)
	if errors.Is(err, ghapi.ErrUnprocessable) {
		// A fixed line outside the diff: the whole review is refused. Post the list alone.
		body += "\nSome of the fixed lines are outside this pull request's diff, so no line could carry a suggestion; run `connector-check fix` on the connector.\n"
		url, posted, err = client.PostSuggestions(ctx, rv.PullRequest, rv.Commit, body, nil)
	}
	switch {
	case ghapi.Forbidden(err):
		rv.Notice("connector-check: the token may not write reviews here (a pull request from a fork gets a read-only token), so the suggested changes were skipped; run connector-check fix on the connector")
	case err != nil:
		rv.Warn("connector-check: suggested changes failed: " + err.Error())
	case posted:
		fmt.Fprintf(rv.Out, "connector-check: suggested changes posted: %s\n", url)
	default:
		fmt.Fprintf(rv.Out, "connector-check: suggested changes for this commit were already posted: %s\n", url)
	}
}

// HeadMismatch says why a file's suggestions can't be placed, "" when they can: the review is
// posted on the head commit, but on pull_request events the checkout is the merge commit, whose
// lines differ from the head's when the base branch changed the same file.
type HeadMismatch func(path string, original []byte) string

// HeadChecker reads each file at commit through the API and compares it with the checkout's
// bytes before the fixes. A read that fails (a 404, a read-only token's 403) is a mismatch too.
func HeadChecker(ctx context.Context, client *ghapi.Client, commit string) HeadMismatch {
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

// Unplaced is a file whose fixes get no inline suggestion, and why.
type Unplaced struct{ Path, Why string }

// Suggestions are the review comments of the content fixes (a rename can't be suggested: the
// review body names it), at most MaxSuggestions. A file whose checkout differs from the head
// commit (mismatch) gets none; it is returned in skipped. Only the files that would carry a
// suggestion are compared, so the reads are bounded by MaxSuggestions.
func Suggestions(results []*validate.FixResult, mismatch HeadMismatch) (out []ghapi.Suggestion, renames []string, skipped []Unplaced, more int, err error) {
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
			if len(out) == MaxSuggestions {
				more += len(blocks)
				continue
			}
			if why := mismatch(p, f.Original); why != "" {
				skipped = append(skipped, Unplaced{p, why})
				continue
			}
			for _, b := range blocks {
				if len(out) == MaxSuggestions {
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

// ReviewBody lists what the fixes fix.
func ReviewBody(results []*validate.FixResult, renames []string, skipped []Unplaced, more int) string {
	var sb strings.Builder
	n := Applied(results)
	fmt.Fprintf(&sb, "**connector-check** can fix %s that this pull request introduces. Commit the suggestions below, or run `connector-check fix` on the connector.\n\n", settings.Plural(n, "finding"))
	listed := 0
	for _, r := range results {
		for _, a := range r.Applied {
			if listed == 30 {
				break
			}
			listed++
			fmt.Fprintf(&sb, "- `%s` %s\n", a.Rule, markdownText(Place(a)))
		}
	}
	if n > listed {
		fmt.Fprintf(&sb, "- and %d more\n", n-listed)
	}
	for _, rn := range renames {
		fmt.Fprintf(&sb, "\nA suggested change can't rename a file: %s.\n", rn)
	}
	for _, u := range skipped {
		fmt.Fprintf(&sb, "\nNo suggestion is placed in %s: %s, so its lines can't be matched. Run `connector-check fix` on the connector for these fixes:\n", markdownText(u.Path), u.Why)
		listed := 0
		for _, r := range results {
			for _, a := range r.Applied {
				if a.File != u.Path {
					continue
				}
				if listed == 30 {
					fmt.Fprintf(&sb, "- and more\n")
					break
				}
				listed++
				fmt.Fprintf(&sb, "- `%s` %s\n", a.Rule, markdownText(Place(a)))
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
