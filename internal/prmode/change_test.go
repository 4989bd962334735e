package prmode

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/ghapi"
	"github.com/connector-check/connector-check/validate"
)

// fakeAPI is a ghapi.PRSource over a map of base files and a list of changed files.
type fakeAPI struct {
	files   map[string][]byte
	changed []ghapi.ChangedFile
	err     error
	calls   []string
}

func (f *fakeAPI) ChangedFiles(_ context.Context, n int) ([]ghapi.ChangedFile, error) {
	f.calls = append(f.calls, "files #"+strconv.Itoa(n))
	return f.changed, f.err
}
func (f *fakeAPI) Compare(_ context.Context, base, head string) (string, []ghapi.ChangedFile, error) {
	f.calls = append(f.calls, "compare "+base+"..."+head)
	return "m3rge", f.changed, f.err
}
func (f *fakeAPI) FileAt(_ context.Context, p, ref string) ([]byte, error) {
	f.calls = append(f.calls, p+"@"+ref)
	if f.err != nil {
		return nil, f.err
	}
	if data, ok := f.files[p]; ok {
		return data, nil
	}
	return nil, ghapi.ErrNotFound
}

func TestBaseFileAndAbsentAtBaseAPI(t *testing.T) {
	t.Chdir(t.TempDir()) // no git repository here: the API answers
	api := &fakeAPI{files: map[string][]byte{
		"certified-connectors/Old/apiProperties.json": []byte("{}"),
		"certified-connectors/Big/apiProperties.json": make([]byte, validate.MaxFileSize+1),
	}}
	c := &Change{Root: ".", BaseSHA: "b4se", API: api}
	ctx := context.Background()
	if data, err := c.baseFile(ctx, "certified-connectors/Old/apiProperties.json"); err != nil || string(data) != "{}" {
		t.Errorf("existing file: %q, %v", data, err)
	}
	if _, err := c.baseFile(ctx, "certified-connectors/New/apiProperties.json"); !errors.Is(err, ErrAbsent) {
		t.Errorf("added file: %v", err)
	}
	if _, err := c.baseFile(ctx, "certified-connectors/Big/apiProperties.json"); err == nil {
		t.Error("a base file over MaxFileSize was accepted")
	}
	if api.calls[0] != "certified-connectors/Old/apiProperties.json@b4se" {
		t.Errorf("calls %q", api.calls)
	}
	if c.absentAtBase(ctx, "certified-connectors/Old") {
		t.Error("an existing connector counted as new")
	}
	if !c.absentAtBase(ctx, "certified-connectors/New") {
		t.Error("a new connector counted as existing")
	}
	// An unreadable base is no reason to escalate: not new.
	api.err = errors.New("rate limited")
	if c.absentAtBase(ctx, "certified-connectors/New") {
		t.Error("an unreadable base made the connector new")
	}
	// Without a token and without git: a clear error.
	c = &Change{Root: ".", BaseSHA: "b4se"}
	if _, err := c.baseFile(ctx, "x"); err == nil || errors.Is(err, ErrAbsent) {
		t.Errorf("no source: %v", err)
	}
}

// changeRepo is a repository whose base commit holds certified-connectors/Old, and whose working
// tree edits it and adds certified-connectors/New.
func changeRepo(t *testing.T) (root, base string) {
	root, base = gitRepo(t, map[string]string{
		"certified-connectors/Old/apiProperties.json":         `{"properties": {}}`,
		"certified-connectors/Old/apiDefinition.swagger.json": `{"swagger": "2.0"}`,
		"certified-connectors/Old/readme.md":                  "old",
	})
	write := func(p, s string) {
		p = filepath.Join(root, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("certified-connectors/Old/readme.md", "new")
	write("certified-connectors/New/apiProperties.json", `{}`)
	cmd := exec.Command("git", "-C", root, "add", "-A") // renames and additions show in the diff
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git add: %v\n%s", err, out)
	}
	return root, base
}

func TestBaseFileAndAbsentAtBaseGit(t *testing.T) {
	root, base := changeRepo(t)
	api := &fakeAPI{err: errors.New("the API must not be asked when git has the base")}
	c := &Change{Root: root, BaseSHA: base, API: api}
	ctx := context.Background()
	if data, err := c.baseFile(ctx, "certified-connectors/Old/readme.md"); err != nil || string(data) != "old" {
		t.Errorf("base readme: %q, %v (want the base commit's, not the working tree's)", data, err)
	}
	if _, err := c.baseFile(ctx, "certified-connectors/New/apiProperties.json"); !errors.Is(err, ErrAbsent) {
		t.Errorf("added file: %v", err)
	}
	if c.absentAtBase(ctx, filepath.Join(root, "certified-connectors", "Old")) {
		t.Error("an existing connector counted as new")
	}
	if !c.absentAtBase(ctx, filepath.Join(root, "certified-connectors", "New")) {
		t.Error("a new connector counted as existing")
	}
	if len(api.calls) > 0 {
		t.Errorf("the API was asked: %q", api.calls)
	}
	if data, err := c.SettingsFile("certified-connectors/Old/readme.md"); err != nil || string(data) != "old" {
		t.Errorf("SettingsFile: %q, %v", data, err)
	}
}

func TestChangedFilesGit(t *testing.T) {
	root, base := changeRepo(t)
	c := &Change{Root: root, BaseSHA: base, IsPR: true} // no token
	files, err := c.changedFiles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []validate.ChangedFile{
		{Path: "certified-connectors/New/apiProperties.json", Status: "added"},
		{Path: "certified-connectors/Old/readme.md", Status: "modified"},
	}
	if !slices.Equal(files, want) {
		t.Errorf("files %+v\nwant %+v", files, want)
	}
	if len(c.Notices) != 1 || !strings.Contains(c.Notices[0], "no GitHub token") {
		t.Errorf("notices %q", c.Notices)
	}
	// A base git doesn't have: the run stops rather than check something else.
	c = &Change{Root: root, BaseSHA: strings.Repeat("1", 40)}
	if _, err := c.changedFiles(context.Background()); err == nil || !strings.Contains(err.Error(), "can't tell what the change touches") {
		t.Errorf("unknown base: %v", err)
	}
}

func TestChangedFilesAPIAndFallback(t *testing.T) {
	root, base := changeRepo(t)
	ctx := context.Background()
	api := &fakeAPI{changed: []ghapi.ChangedFile{{Path: "certified-connectors/Old/readme.md", Status: "modified"}}}
	c := &Change{Root: root, BaseSHA: base, IsPR: true, API: api}
	c.PR.Number = 7
	files, err := c.changedFiles(ctx)
	if err != nil || len(files) != 1 || files[0].Path != "certified-connectors/Old/readme.md" || len(c.Notices) != 0 {
		t.Fatalf("API files %+v, %v, notices %q", files, err, c.Notices)
	}
	if !slices.Equal(api.calls, []string{"files #7"}) {
		t.Errorf("calls %q", api.calls)
	}
	// A refused token: git diff instead, with a notice, and no more API calls.
	api.err = errors.New("403 refused")
	c = &Change{Root: root, BaseSHA: base, IsPR: true, API: api}
	files, err = c.changedFiles(ctx)
	if err != nil || len(files) != 2 {
		t.Fatalf("fallback files %+v, %v", files, err)
	}
	if c.API != nil || len(c.Notices) != 1 || !strings.Contains(c.Notices[0], "git diff was used instead") {
		t.Errorf("fallback: api %v, notices %q", c.API, c.Notices)
	}
	// Refused, and git can't read the base: an error.
	c = &Change{Root: t.TempDir(), BaseSHA: base, IsPR: true, API: api}
	if _, err := c.changedFiles(ctx); err == nil || !strings.Contains(err.Error(), "listing the pull request's files failed") {
		t.Errorf("no source: %v", err)
	}
	// Files listed before the run are used as they are.
	c = &Change{Files: []validate.ChangedFile{{Path: "x", Status: "added"}}}
	if files, err := c.changedFiles(ctx); err != nil || len(files) != 1 || files[0].Path != "x" {
		t.Errorf("listed files: %+v, %v", files, err)
	}
}

func TestUseBaseAndCheckSource(t *testing.T) {
	root, base := changeRepo(t)
	ctx := context.Background()
	c := &Change{Root: root}
	if err := c.UseBase(ctx, base, "HEAD"); err != nil || c.BaseSHA != base || c.HeadSHA != "HEAD" {
		t.Errorf("git base: %v, base %q head %q", err, c.BaseSHA, c.HeadSHA)
	}
	api := &fakeAPI{changed: make([]ghapi.ChangedFile, ghapi.MaxCompareFiles)}
	c = &Change{Root: root, API: api}
	if err := c.UseBase(ctx, "main", "h3ad"); err != nil || c.BaseSHA != "m3rge" || len(c.Files) != ghapi.MaxCompareFiles {
		t.Errorf("compare API: %v, base %q, %d files", err, c.BaseSHA, len(c.Files))
	}
	if len(c.Notices) != 1 || !strings.Contains(c.Notices[0], "compare API lists at most") {
		t.Errorf("truncated compare: notices %q", c.Notices)
	}
	if err := (&Change{Root: root}).UseBase(ctx, "main", "HEAD"); err == nil {
		t.Error("no git commit and no token: no error")
	}
	if err := (&Change{Root: root, BaseSHA: base}).CheckSource(); err != nil {
		t.Errorf("git has the base: %v", err)
	}
	if err := (&Change{Root: root, BaseSHA: "nope"}).CheckSource(); err == nil {
		t.Error("no token and no base in git: no error")
	}
	if err := (&Change{Root: root, API: api}).CheckSource(); err != nil {
		t.Errorf("a token: %v", err)
	}
}

func TestSettleInherited(t *testing.T) {
	res := &validate.Result{
		Connectors: []validate.ConnectorResult{{Path: "c/A"}},
		Findings: []validate.Finding{
			{Rule: "X", Severity: validate.Error, Connector: "c/A", Message: "m", Inherited: true},
			{Rule: "Y", Severity: validate.Error, Connector: "c/A", Message: "n", Introduced: true},
		},
	}
	out := SettleInherited(res)
	if out.Findings[0].Severity != validate.Notice || out.Findings[0].Message != "(inherited) m" {
		t.Errorf("inherited %+v", out.Findings[0])
	}
	if out.Findings[1].Severity != validate.Error || out.Counts.Errors != 1 || out.Counts.Notices != 1 {
		t.Errorf("introduced %+v, counts %+v", out.Findings[1], out.Counts)
	}
	if res.Findings[0].Severity != validate.Error {
		t.Error("the input result was changed")
	}
}
