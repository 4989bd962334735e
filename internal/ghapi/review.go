package ghapi

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/google/go-github/v93/github"
)

// Suggestion is one suggested change on a pull request: lines StartLine to Line (1-based, on the
// head commit's version of Path) are replaced by Lines. GitHub's suggested changes replace whole
// lines, so Lines are the fixed file's lines, without their line ends.
type Suggestion struct {
	Path            string
	StartLine, Line int
	Lines           []string
	Note            string // what the change fixes, above the suggestion block
}

// SuggestMarker starts the body of connector-check's suggested-changes review; the commit it was
// made for follows it, so a re-run on the same commit doesn't post a second review.
const SuggestMarker = "<!-- connector-check:suggest "

// ErrUnprocessable is the API refusing a review's content (HTTP 422): a comment on a line that
// isn't part of the pull request's diff. The caller may post the review without inline comments.
var ErrUnprocessable = errors.New("GitHub API could not place a comment (HTTP 422): a line outside the pull request's diff")

// maxReviewsPages bounds the look for an earlier review.
const maxReviewsPages = 10

// PostSuggestions posts one review (event COMMENT) on pull request number at commit, with body
// and one comment per suggestion. It posts nothing when the pull request already has a review
// whose body starts with SuggestMarker and names commit. url is the review's page.
func (c *Client) PostSuggestions(ctx context.Context, number int, commit, body string, suggestions []Suggestion) (url string, posted bool, err error) {
	marker := SuggestMarker + commit + " -->"
	opts := &github.ListOptions{PerPage: 100}
	for range maxReviewsPages {
		reviews, resp, err := c.gh.PullRequests.ListReviews(ctx, c.Owner, c.Repo, number, opts)
		if err != nil {
			return "", false, classify(err)
		}
		for _, r := range reviews {
			if strings.HasPrefix(r.GetBody(), marker) {
				return r.GetHTMLURL(), false, nil
			}
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	req := &github.PullRequestReviewRequest{
		CommitID: new(commit),
		Body:     new(marker + "\n" + body),
		Event:    new("COMMENT"),
	}
	for _, s := range suggestions {
		dc := &github.DraftReviewComment{
			Path: new(s.Path),
			Body: new(SuggestionBody(s.Note, s.Lines)),
			Side: new("RIGHT"),
			Line: new(s.Line),
		}
		if s.StartLine > 0 && s.StartLine < s.Line {
			dc.StartLine = new(s.StartLine)
			dc.StartSide = new("RIGHT")
		}
		req.Comments = append(req.Comments, dc)
	}
	r, _, err := c.gh.PullRequests.CreateReview(ctx, c.Owner, c.Repo, number, req)
	if err != nil {
		var er *github.ErrorResponse
		if errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusUnprocessableEntity {
			return "", false, ErrUnprocessable
		}
		return "", false, classify(err)
	}
	return r.GetHTMLURL(), true, nil
}

// SuggestionBody is a review comment that suggests lines: the note, then a ```suggestion block
// (with a longer fence when the lines themselves hold a fence).
func SuggestionBody(note string, lines []string) string {
	fence := "```"
	for strings.Contains(strings.Join(lines, "\n"), fence) {
		fence += "`"
	}
	var sb strings.Builder
	if note != "" {
		sb.WriteString(note)
		sb.WriteString("\n\n")
	}
	sb.WriteString(fence + "suggestion\n")
	for _, l := range lines {
		sb.WriteString(l)
		sb.WriteByte('\n')
	}
	sb.WriteString(fence + "\n")
	return sb.String()
}
