package ghapi

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/google/go-github/v93/github"
)

// CommentMarker is the hidden marker that identifies connector-check's sticky PR comment.
const CommentMarker = "<!-- connector-check -->"

// MaxCommentBytes keeps a PR comment under GitHub's limit of 65,536 characters.
const MaxCommentBytes = 60000

// AnnotationBatch is the Checks API's limit of annotations per create or update request.
const AnnotationBatch = 50

// MaxCheckText bounds a check run's output.summary (65,535 characters).
const MaxCheckText = 65000

// Forbidden reports whether err is the API refusing the token: 403 (a fork PR's read-only token,
// missing permissions) or 404 (a private repository the token can't see), as classified by this
// package. Callers turn it into one notice and go on; a rate limit is not Forbidden.
func Forbidden(err error) bool {
	var re *RefusedError
	if errors.As(err, &re) {
		return re.Status == http.StatusForbidden && !re.RateLimited
	}
	return errors.Is(err, ErrNotFound)
}

// ActionsBot is the login of everything a workflow's GITHUB_TOKEN writes.
const ActionsBot = "github-actions[bot]"

// Identity is the login the token acts as, so that connector-check edits only its own comment.
// GET /user answers for a personal access token or an OAuth token; for GITHUB_TOKEN (and other
// GitHub App installation tokens) it fails with 403 "Resource not accessible by integration",
// and the identity is github-actions[bot], the author of what GITHUB_TOKEN writes. (An
// installation token of another App would be "<app-slug>[bot]", which can't be learnt without
// the App's own key: with one, connector-check never finds its earlier comment and writes a new
// one each run, but it never edits anyone else's.)
func (c *Client) Identity(ctx context.Context) (string, error) {
	u, _, err := c.gh.Users.Get(ctx, "")
	if err == nil && u.GetLogin() != "" {
		return u.GetLogin(), nil
	}
	var re *RefusedError
	if cerr := classify(err); errors.As(cerr, &re) && (re.Status == http.StatusForbidden || re.Status == http.StatusUnauthorized) && !re.RateLimited {
		return ActionsBot, nil
	} else if err != nil {
		return "", cerr
	}
	return ActionsBot, nil
}

// UpsertComment writes body as connector-check's sticky comment on pull request number: the
// comment that holds CommentMarker AND was written by author (the token's identity, see
// Identity) is edited in place, or a new comment is made; pages of comments are searched until
// it is found. Anyone can paste the marker into a comment: a comment by someone else is never
// edited. body gets the marker in front when it lacks it. It returns the comment's URL and
// whether it was created.
func (c *Client) UpsertComment(ctx context.Context, number int, author, body string) (url string, created bool, err error) {
	if !strings.Contains(body, CommentMarker) {
		body = CommentMarker + "\n" + body
	}
	if len(body) > MaxCommentBytes {
		body = truncateUTF8(body, MaxCommentBytes-100) + "\n\n*(cut to fit GitHub's comment size limit)*\n"
	}
	req := github.IssueCommentRequest{Body: body}
	opts := &github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100}}
	for {
		comments, resp, err := c.gh.Issues.ListComments(ctx, c.Owner, c.Repo, number, opts)
		if err != nil {
			return "", false, classify(err)
		}
		for _, cm := range comments {
			if strings.Contains(cm.GetBody(), CommentMarker) && strings.EqualFold(cm.GetUser().GetLogin(), author) {
				got, _, err := c.gh.Issues.UpdateComment(ctx, c.Owner, c.Repo, cm.GetID(), req)
				if err != nil {
					return "", false, classify(err)
				}
				return got.GetHTMLURL(), false, nil
			}
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	got, _, err := c.gh.Issues.CreateComment(ctx, c.Owner, c.Repo, number, req)
	if err != nil {
		return "", false, classify(err)
	}
	return got.GetHTMLURL(), true, nil
}

// Annotation is one check-run annotation. Level is notice, warning or failure.
type Annotation struct {
	Path                   string
	StartLine, EndLine     int
	StartColumn, EndColumn int // only sent when StartLine == EndLine
	Level                  string
	Title, Message         string
}

// CheckRun is what CreateCheckRun reports.
type CheckRun struct {
	Name, HeadSHA  string
	Conclusion     string // success, failure, neutral
	Title, Summary string
	Annotations    []Annotation
}

// CreateCheckRun creates a completed check run on HeadSHA carrying every annotation: the first
// AnnotationBatch with the create request, the rest appended by updates of AnnotationBatch each.
// It returns the check run's URL and the number of requests made.
func (c *Client) CreateCheckRun(ctx context.Context, run CheckRun) (url string, requests int, err error) {
	const batch = AnnotationBatch
	title := truncateUTF8(run.Title, 1000)
	summary := truncateUTF8(run.Summary, MaxCheckText)
	output := func(anns []Annotation) *github.CheckRunOutput {
		o := &github.CheckRunOutput{Title: new(title), Summary: new(summary)}
		for _, a := range anns {
			o.Annotations = append(o.Annotations, a.api())
		}
		return o
	}
	first := run.Annotations[:min(batch, len(run.Annotations))]
	now := github.Timestamp{Time: time.Now()}
	create := github.CreateCheckRunOptions{
		Name: run.Name, HeadSHA: run.HeadSHA,
		Status: new("completed"), Conclusion: new(run.Conclusion), CompletedAt: &now,
		Output: output(first),
	}
	cr, _, err := c.gh.Checks.CreateCheckRun(ctx, c.Owner, c.Repo, create)
	requests++
	if err != nil {
		return "", requests, classify(err)
	}
	for rest := run.Annotations[len(first):]; len(rest) > 0; {
		n := min(batch, len(rest))
		// Updates append annotations; title and summary are required with them.
		_, _, err := c.gh.Checks.UpdateCheckRun(ctx, c.Owner, c.Repo, cr.GetID(), github.UpdateCheckRunOptions{
			Name: run.Name, Output: output(rest[:n]),
		})
		requests++
		if err != nil {
			return cr.GetHTMLURL(), requests, classify(err)
		}
		rest = rest[n:]
	}
	return cr.GetHTMLURL(), requests, nil
}

func (a Annotation) api() *github.CheckRunAnnotation {
	start, end := a.StartLine, a.EndLine
	if start <= 0 { // a whole file: the Checks API needs a line
		start, end = 1, 1
	}
	if end < start {
		end = start
	}
	out := &github.CheckRunAnnotation{
		Path: new(a.Path), StartLine: new(start), EndLine: new(end),
		AnnotationLevel: new(a.Level), Message: new(truncateUTF8(a.Message, 64000)),
	}
	if a.Title != "" {
		out.Title = new(a.Title)
	}
	if start == end && a.StartLine > 0 && a.StartColumn > 0 {
		out.StartColumn = new(a.StartColumn)
		if a.EndColumn > 0 {
			out.EndColumn = new(a.EndColumn)
		}
	}
	return out
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
