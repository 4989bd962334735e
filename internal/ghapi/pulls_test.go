package ghapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/ghapi/fakegh"
)

func fakeRepo(t *testing.T, repo *fakegh.Repo) (*Client, *fakegh.Server) {
	t.Helper()
	srv := fakegh.New()
	t.Cleanup(srv.Close)
	if repo.Owner == "" {
		repo.Owner, repo.Name = "microsoft", "PowerPlatformConnectors"
	}
	srv.ServePulls(repo)
	c, err := New("token", srv.URL, repo.Owner+"/"+repo.Name)
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

func TestChangedFilesPaginates(t *testing.T) {
	var files []fakegh.PullFile
	for i := range 250 {
		files = append(files, fakegh.PullFile{Filename: fmt.Sprintf("certified-connectors/C%03d/readme.md", i), Status: "modified"})
	}
	files[3] = fakegh.PullFile{Filename: "certified-connectors/New/readme.md", Status: "renamed", PreviousFilename: "certified-connectors/Old/readme.md"}
	c, srv := fakeRepo(t, &fakegh.Repo{Pulls: map[int][]fakegh.PullFile{12: files}})
	got, err := c.ChangedFiles(context.Background(), 12)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 250 || got[249].Path != files[249].Filename {
		t.Fatalf("got %d files", len(got))
	}
	if got[3] != (ChangedFile{Path: "certified-connectors/New/readme.md", Status: "renamed", PreviousPath: "certified-connectors/Old/readme.md"}) {
		t.Errorf("renamed file: %+v", got[3])
	}
	reqs := srv.Requests()
	if len(reqs) != 3 || !strings.Contains(reqs[2], "page=3") {
		t.Errorf("requests: %q", reqs)
	}
}

func TestFileAt(t *testing.T) {
	big := bytes.Repeat([]byte("x"), 1<<20+10)
	swagger := []byte(`{"swagger": "2.0", "info": {"title": "Contoso Tasks — ünïcode"}}` + "\n")
	c, _ := fakeRepo(t, &fakegh.Repo{Contents: map[string]map[string][]byte{
		"base1": {
			"independent-publisher-connectors/Contoso Tasks/apiDefinition.swagger.json": swagger,
			"certified-connectors/Big/apiDefinition.swagger.json":                       big,
		},
	}})
	ctx := context.Background()
	got, err := c.FileAt(ctx, "independent-publisher-connectors/Contoso Tasks/apiDefinition.swagger.json", "base1")
	if err != nil || !bytes.Equal(got, swagger) {
		t.Fatalf("FileAt = %q, %v", got, err)
	}
	got, err = c.FileAt(ctx, "certified-connectors/Big/apiDefinition.swagger.json", "base1")
	if err != nil || !bytes.Equal(got, big) {
		t.Fatalf("big file: %d bytes, %v", len(got), err)
	}
	_, err = c.FileAt(ctx, "independent-publisher-connectors/New/apiDefinition.swagger.json", "base1")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("added file: %v, want ErrNotFound", err)
	}
	// A raw download stops at the limit instead of reading whatever the server sends.
	defer func(n int) { maxFileBytes = n }(maxFileBytes)
	maxFileBytes = 1<<20 + 5
	if _, err = c.FileAt(ctx, "certified-connectors/Big/apiDefinition.swagger.json", "base1"); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("over the limit: %v", err)
	}
}

func TestRefused(t *testing.T) {
	for _, tc := range []struct {
		name        string
		repo        fakegh.Repo
		status      int
		rateLimited bool
	}{
		{"fork token", fakegh.Repo{Refuse: true}, 403, false},
		{"rate limit 403", fakegh.Repo{RateLimited: true}, 403, true},
		{"rate limit 429", fakegh.Repo{RateLimited: true, RateLimitStatus: 429}, 429, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := fakeRepo(t, &tc.repo)
			for i, call := range []func() error{
				func() error { _, err := c.ChangedFiles(context.Background(), 1); return err },
				func() error { _, err := c.FileAt(context.Background(), "a/b.json", "base"); return err },
			} {
				err := call()
				var re *RefusedError
				if !errors.As(err, &re) {
					t.Fatalf("err = %v (%T), want *RefusedError", err, err)
				}
				// After a rate limit go-github refuses further calls itself, with a 403 of its own.
				if (i == 0 && re.Status != tc.status) || re.RateLimited != tc.rateLimited {
					t.Errorf("%+v", re)
				}
				if re.Error() == "" {
					t.Error("empty message")
				}
			}
		})
	}
}

func TestUnknownPull(t *testing.T) {
	c, _ := fakeRepo(t, &fakegh.Repo{})
	if _, err := c.ChangedFiles(context.Background(), 99); !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v", err)
	}
}
