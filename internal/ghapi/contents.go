package ghapi

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/google/go-github/v93/github"
)

// FileAt returns the content of path at ref through the contents API. Files over 1 MB come back
// without content ("encoding": "none"); they are fetched again with the raw media type.
func (c *Client) FileAt(ctx context.Context, path, ref string) ([]byte, error) {
	file, dir, _, err := c.gh.Repositories.GetContents(ctx, c.Owner, c.Repo, path, &github.RepositoryContentGetOptions{Ref: ref})
	if err != nil {
		return nil, classify(err)
	}
	if file == nil {
		if dir != nil {
			return nil, fmt.Errorf("%s at %s is a folder", path, ref)
		}
		return nil, fmt.Errorf("%w: %s at %s", ErrNotFound, path, ref)
	}
	if file.GetEncoding() == "none" || (file.Content == nil && file.GetSize() > 0) {
		return c.rawFileAt(ctx, path, ref)
	}
	s, err := file.GetContent()
	if err != nil {
		return nil, fmt.Errorf("%s at %s: %v", path, ref, err)
	}
	return []byte(s), nil
}

func (c *Client) rawFileAt(ctx context.Context, path, ref string) ([]byte, error) {
	u := fmt.Sprintf("repos/%s/%s/contents/%s?ref=%s", c.Owner, c.Repo,
		(&url.URL{Path: strings.TrimSuffix(path, "/")}).String(), url.QueryEscape(ref))
	req, err := c.gh.NewRequest(ctx, "GET", u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/vnd.github.raw+json")
	var buf bytes.Buffer
	if _, err := c.gh.Do(req, &buf); err != nil {
		return nil, classify(err)
	}
	return buf.Bytes(), nil
}
