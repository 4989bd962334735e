package prmode

import (
	"context"
	"errors"
	"fmt"

	"github.com/connector-check/connector-check/internal/ghapi"
	"github.com/connector-check/connector-check/validate"
)

// Source is where pull-request mode learns what a change touches and what the base commit held:
// local git (GitSource) or the GitHub REST API (APISource, what the shipped image uses: it has no
// git).
type Source interface {
	// Changed lists the files the change touches, with the pull request files API's statuses.
	Changed(ctx context.Context) ([]validate.ChangedFile, error)
	// BaseFile reads a repository path at the base commit; ErrAbsent when the base doesn't have
	// it (the change adds it). Nothing over validate.MaxFileSize is returned.
	BaseFile(ctx context.Context, repoPath string) ([]byte, error)
}

// GitSource reads the repository at Root: Base is the base commit, Head the head ("" is the
// working tree).
type GitSource struct{ Root, Base, Head string }

// Changed is git diff --name-status against the merge base.
func (g GitSource) Changed(context.Context) ([]validate.ChangedFile, error) {
	return GitDiff(g.Root, g.Base, g.Head)
}

// BaseFile is GitFile at Base.
func (g GitSource) BaseFile(_ context.Context, repoPath string) ([]byte, error) {
	return GitFile(g.Root, g.Base, repoPath)
}

// APISource reads the GitHub REST API: the files of pull request Number, or when Number is 0 the
// comparison of Base with Head (which replaces Base by the merge base), and base files through
// the contents API.
type APISource struct {
	API        ghapi.PRSource
	Number     int
	Base, Head string
	// Truncated is set when the compare API listed as many files as it ever does.
	Truncated bool
}

// Changed lists the pull request's files, or the comparison's.
func (a *APISource) Changed(ctx context.Context) ([]validate.ChangedFile, error) {
	var files []ghapi.ChangedFile
	var err error
	if a.Number > 0 {
		files, err = a.API.ChangedFiles(ctx, a.Number)
	} else {
		var mergeBase string
		mergeBase, files, err = a.API.Compare(ctx, a.Base, a.Head)
		if err == nil {
			a.Base = mergeBase
			a.Truncated = len(files) >= ghapi.MaxCompareFiles
		}
	}
	if err != nil {
		return nil, err
	}
	out := make([]validate.ChangedFile, len(files))
	for i, f := range files {
		out[i] = validate.ChangedFile{Path: f.Path, Status: f.Status, PreviousPath: f.PreviousPath}
	}
	return out, nil
}

// BaseFile reads repoPath at Base through the contents API.
func (a *APISource) BaseFile(ctx context.Context, repoPath string) ([]byte, error) {
	if a.Base == "" {
		return nil, errors.New("no base commit")
	}
	data, err := a.API.FileAt(ctx, repoPath, a.Base)
	switch {
	case errors.Is(err, ghapi.ErrNotFound):
		return nil, ErrAbsent
	case err != nil:
		return nil, err
	case len(data) > validate.MaxFileSize:
		return nil, fmt.Errorf("%s at the base is larger than %d bytes", repoPath, validate.MaxFileSize)
	}
	return data, nil
}

var (
	_ Source = GitSource{}
	_ Source = (*APISource)(nil)
)
