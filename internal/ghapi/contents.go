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
	buf := &cappedBuffer{limit: maxFileBytes}
	if _, err := c.gh.Do(req, buf); err != nil {
		if buf.over {
			return nil, fmt.Errorf("%s at %s is larger than %d bytes", path, ref, maxFileBytes)
		}
		return nil, classify(err)
	}
	return buf.buf.Bytes(), nil
}

// MaxFileBytes bounds a file read through the contents API (connector-check reads no file over
// 32 MB).
const MaxFileBytes = 32 << 20

var maxFileBytes = MaxFileBytes // tests lower it

// cappedBuffer fails a write past limit, which ends the download. It is only an io.Writer (not
// an io.ReaderFrom, which io.Copy would use to read without a limit).
type cappedBuffer struct {
	buf   bytes.Buffer
	limit int
	over  bool
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if b.buf.Len()+len(p) > b.limit {
		b.over = true
		return 0, fmt.Errorf("more than %d bytes", b.limit)
	}
	return b.buf.Write(p)
}
