package ghapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/google/go-github/v93/github"
)

// ChangedFile is one file of a pull request. Status is the API's: added, removed, modified,
// renamed, copied, changed or unchanged.
type ChangedFile struct {
	Path         string
	Status       string
	PreviousPath string // renamed and copied files
}

// PRSource is what pull-request mode reads from GitHub. *Client implements it; tests may fake it.
type PRSource interface {
	// ChangedFiles lists the files of pull request number (every page; the API stops at 3,000).
	ChangedFiles(ctx context.Context, number int) ([]ChangedFile, error)
	// FileAt returns a file's content at ref (a commit SHA or branch). A file that doesn't exist
	// there (added in this PR) gives an error that errors.Is ErrNotFound.
	FileAt(ctx context.Context, path, ref string) ([]byte, error)
	// Compare lists the files changed from the merge base of base and head to head, and returns
	// the merge base commit.
	Compare(ctx context.Context, base, head string) (mergeBase string, files []ChangedFile, err error)
}

var _ PRSource = (*Client)(nil)

// ErrNotFound: the file or pull request doesn't exist at that ref.
var ErrNotFound = errors.New("not found")

// RefusedError is a call GitHub refused: no or insufficient token (401/403, e.g. a fork's
// read-only token on a private resource), or a rate limit (403/429 with x-ratelimit-remaining 0,
// or a secondary limit). The caller reports what it skipped and goes on.
type RefusedError struct {
	Status      int
	RateLimited bool
	Reset       time.Time // when the primary rate limit resets, if known
	Message     string
}

func (e *RefusedError) Error() string {
	if e.RateLimited {
		s := fmt.Sprintf("GitHub API rate limit exceeded (HTTP %d)", e.Status)
		if !e.Reset.IsZero() {
			s += "; it resets at " + e.Reset.UTC().Format(time.RFC3339)
		}
		return s
	}
	return fmt.Sprintf("GitHub API refused the call (HTTP %d: %s)", e.Status, e.Message)
}

// maxFilesPages bounds the listing: 30 pages of 100 are the API's 3,000-file cap.
const maxFilesPages = 30

// ChangedFiles lists the pull request's files, following the Link header's next pages.
func (c *Client) ChangedFiles(ctx context.Context, number int) ([]ChangedFile, error) {
	var out []ChangedFile
	opts := &github.ListOptions{PerPage: 100}
	for range maxFilesPages {
		files, resp, err := c.gh.PullRequests.ListFiles(ctx, c.Owner, c.Repo, number, opts)
		if err != nil {
			return nil, classify(err)
		}
		for _, f := range files {
			out = append(out, ChangedFile{Path: f.GetFilename(), Status: f.GetStatus(), PreviousPath: f.GetPreviousFilename()})
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	return out, nil
}

// classify turns go-github's errors into ErrNotFound or *RefusedError where they are one.
func classify(err error) error {
	var rl *github.RateLimitError
	var abuse *github.AbuseRateLimitError
	var er *github.ErrorResponse
	switch {
	case errors.As(err, &rl):
		status := http.StatusForbidden
		if rl.Response != nil {
			status = rl.Response.StatusCode
		}
		return &RefusedError{Status: status, RateLimited: true, Reset: rl.Rate.Reset.Time, Message: rl.Message}
	case errors.As(err, &abuse):
		status := http.StatusForbidden
		if abuse.Response != nil {
			status = abuse.Response.StatusCode
		}
		return &RefusedError{Status: status, RateLimited: true, Message: abuse.Message}
	case errors.As(err, &er) && er.Response != nil:
		switch er.Response.StatusCode {
		case http.StatusNotFound:
			return fmt.Errorf("%w: %s", ErrNotFound, er.Message)
		case http.StatusUnauthorized, http.StatusForbidden, http.StatusTooManyRequests:
			return &RefusedError{Status: er.Response.StatusCode, RateLimited: er.Response.StatusCode == http.StatusTooManyRequests, Message: er.Message}
		}
	}
	return err
}
