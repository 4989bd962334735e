package ghapi

import (
	"context"
	"errors"

	"github.com/google/go-github/v93/github"
)

// MaxCompareFiles is how many files the compare API lists at most; a comparison that reaches it
// may be missing some.
const MaxCompareFiles = 300

// Compare lists the files changed from the merge base of base and head to head (the three-dot
// comparison, like a pull request's files) and returns the merge base commit. It is what the
// base input uses where the image has no git.
func (c *Client) Compare(ctx context.Context, base, head string) (mergeBase string, files []ChangedFile, err error) {
	cmp, _, err := c.gh.Repositories.CompareCommits(ctx, c.Owner, c.Repo, base, head, &github.ListOptions{PerPage: 1})
	if err != nil {
		return "", nil, classify(err)
	}
	mergeBase = cmp.GetMergeBaseCommit().GetSHA()
	if mergeBase == "" {
		return "", nil, errors.New("the compare API returned no merge base commit")
	}
	for _, f := range cmp.Files {
		files = append(files, ChangedFile{Path: f.GetFilename(), Status: f.GetStatus(), PreviousPath: f.GetPreviousFilename()})
	}
	return mergeBase, files, nil
}
