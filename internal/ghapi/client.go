// Package ghapi is connector-check's small window on the GitHub REST API (go-github): reading a
// pull request's files and a file at the base commit, and writing a PR comment or a check run.
// Every call may be refused (no token, a fork's read-only token, rate limits); callers turn a
// refusal into a notice and go on with what they have.
package ghapi

import (
	"fmt"
	"strings"
	"time"

	"github.com/google/go-github/v93/github"
)

// Client talks to one repository.
type Client struct {
	gh          *github.Client
	Owner, Repo string
}

// New returns a client for repository "owner/name" at the API base URL (GITHUB_API_URL;
// "" means https://api.github.com). An empty token makes anonymous calls.
func New(token, apiURL, repository string) (*Client, error) {
	owner, repo, ok := strings.Cut(repository, "/")
	if !ok || owner == "" || repo == "" || strings.Contains(repo, "/") {
		return nil, fmt.Errorf("repository %q is not owner/name", repository)
	}
	opts := []github.ClientOptionsFunc{github.WithTimeout(30 * time.Second), github.WithUserAgent("connector-check")}
	if token != "" {
		opts = append(opts, github.WithAuthToken(token))
	}
	if apiURL != "" {
		base := strings.TrimRight(apiURL, "/") + "/"
		opts = append(opts, github.WithURLs(&base, nil))
	}
	gh, err := github.NewClient(opts...)
	if err != nil {
		return nil, fmt.Errorf("GitHub API client: %v", err)
	}
	return &Client{gh: gh, Owner: owner, Repo: repo}, nil
}
