package prmode

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/connector-check/connector-check/internal/ghapi"
	"github.com/connector-check/connector-check/internal/ghapi/fakegh"
	"github.com/connector-check/connector-check/validate"
)

// Each Source against its real backend: GitSource over a temporary repository, APISource over
// the fake GitHub REST server (ghapi's client, not a stand-in).

func TestGitSource(t *testing.T) {
	root, base := changeRepo(t)
	ctx := context.Background()
	var src Source = GitSource{Root: root, Base: base}
	files, err := src.Changed(ctx)
	if err != nil || len(files) != 2 || files[0].Status != "added" {
		t.Errorf("working tree: %+v, %v", files, err)
	}
	if data, err := src.BaseFile(ctx, "certified-connectors/Old/readme.md"); err != nil || string(data) != "old" {
		t.Errorf("base file: %q, %v", data, err)
	}
	if _, err := src.BaseFile(ctx, "certified-connectors/New/apiProperties.json"); !errors.Is(err, ErrAbsent) {
		t.Errorf("added file: %v", err)
	}
	// Against a head commit, with a rename.
	run := func(args ...string) {
		if _, err := Git(root, args...); err != nil {
			t.Fatalf("git %v: %v", args, err)
		}
	}
	os.Rename(filepath.Join(root, "certified-connectors", "Old", "apiDefinition.swagger.json"), filepath.Join(root, "certified-connectors", "Old", "api.swagger.json"))
	run("add", "-A")
	run("-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "commit", "-qm", "head")
	files, err = GitSource{Root: root, Base: base, Head: "HEAD"}.Changed(ctx)
	want := []validate.ChangedFile{
		{Path: "certified-connectors/New/apiProperties.json", Status: "added"},
		{Path: "certified-connectors/Old/api.swagger.json", Status: "renamed", PreviousPath: "certified-connectors/Old/apiDefinition.swagger.json"},
		{Path: "certified-connectors/Old/readme.md", Status: "modified"},
	}
	if err != nil || !slices.Equal(files, want) {
		t.Errorf("head commit: %+v, %v\nwant %+v", files, err, want)
	}
}

func TestAPISource(t *testing.T) {
	srv := fakegh.New()
	t.Cleanup(srv.Close)
	repo := &fakegh.Repo{Owner: "o", Name: "r",
		Pulls: map[int][]fakegh.PullFile{5: {
			{Filename: "certified-connectors/A/readme.md", Status: "modified"},
			{Filename: "certified-connectors/A/intro.md", Status: "renamed", PreviousFilename: "certified-connectors/A/old.md"},
		}},
		Contents: map[string]map[string][]byte{"b4se": {"certified-connectors/A/readme.md": []byte("base readme")}},
	}
	srv.ServePulls(repo)
	srv.ServeCompare(repo, map[string]fakegh.Comparison{"main...h3ad": {MergeBase: "b4se", Files: repo.Pulls[5][:1]}})
	client, err := ghapi.New("token", srv.URL, "o/r")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	pr := &APISource{API: client, Number: 5, Base: "b4se"}
	files, err := pr.Changed(ctx)
	want := []validate.ChangedFile{
		{Path: "certified-connectors/A/readme.md", Status: "modified"},
		{Path: "certified-connectors/A/intro.md", Status: "renamed", PreviousPath: "certified-connectors/A/old.md"},
	}
	if err != nil || !slices.Equal(files, want) {
		t.Errorf("pull request files: %+v, %v", files, err)
	}
	if data, err := pr.BaseFile(ctx, "certified-connectors/A/readme.md"); err != nil || string(data) != "base readme" {
		t.Errorf("base file: %q, %v", data, err)
	}
	if _, err := pr.BaseFile(ctx, "certified-connectors/A/new.md"); !errors.Is(err, ErrAbsent) {
		t.Errorf("added file: %v", err)
	}
	// A comparison replaces Base by the merge base.
	cmp := &APISource{API: client, Base: "main", Head: "h3ad"}
	files, err = cmp.Changed(ctx)
	if err != nil || len(files) != 1 || cmp.Base != "b4se" || cmp.Truncated {
		t.Errorf("compare: %+v, %v, base %q", files, err, cmp.Base)
	}
	if _, err := (&APISource{API: client}).BaseFile(ctx, "x"); err == nil {
		t.Error("no base commit: no error")
	}
	// A refused token is an error (the caller falls back to git or says why).
	repo.Refuse = true
	if _, err := pr.Changed(ctx); err == nil || !ghapi.Forbidden(err) {
		t.Errorf("refused: %v", err)
	}
}
