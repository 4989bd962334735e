package prmode

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/ghapi"
	"github.com/connector-check/connector-check/validate"
)

// runPRCase runs pull-request mode over a pull-request example case: the head tree on disk, the
// GitHub API (a fake) answering the changed files and the base files from the base tree.
func runPRCase(t *testing.T, c *validate.Case) (*validate.Result, string) {
	t.Helper()
	base, head, changed, err := c.PRTrees()
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	for p, content := range head {
		dst := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	api := &fakeAPI{files: map[string][]byte{}}
	for p, content := range base {
		api.files[p] = []byte(content)
	}
	for _, f := range changed {
		api.changed = append(api.changed, ghapi.ChangedFile{Path: f.Path, Status: f.Status, PreviousPath: f.PreviousPath})
	}
	ch := &Change{PR: c.PullRequest(), IsPR: true, BaseSHA: "b4se", Root: root, Scope: "changed", API: api}
	if c.PR.BaseUnreadable {
		ch.API = &refusingAPI{api}
	}
	res, err := ch.Run(RunConfig{Paths: []string{root}, Settings: map[string]string{".connector-check.yml": ".connector-check.yml"}}, validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res, root
}

// refusingAPI lists the changed files but refuses to read base files, as a fork's token may.
type refusingAPI struct{ *fakeAPI }

func (r *refusingAPI) FileAt(_ context.Context, p, ref string) ([]byte, error) {
	return nil, errors.New("403 Resource not accessible by integration")
}

// TestPullRequestExamples runs the documented examples of the pull-request rules: the bad case
// fires the rule at its At (a repository path, ":line:col" for a finding with a line), the good
// case doesn't fire it.
func TestPullRequestExamples(t *testing.T) {
	n := 0
	for _, r := range validate.Rules() {
		bad, good := r.Example.BadCase, r.Example.GoodCase
		if bad == nil || bad.PR == nil {
			continue
		}
		n++
		t.Run(r.ID+"/bad", func(t *testing.T) {
			res, root := runPRCase(t, bad)
			var got []string
			for _, f := range res.Findings {
				if f.Rule != r.ID {
					continue
				}
				at := strings.TrimPrefix(strings.TrimPrefix(f.File, filepath.ToSlash(root)), "/")
				if f.Line > 0 {
					at += fmt.Sprintf(":%d:%d", f.Line, f.Column)
				}
				want := bad.Severity
				if want == 0 {
					want = r.SeverityFor(bad.Kind)
				}
				if at == bad.At && f.Severity == want {
					return
				}
				got = append(got, fmt.Sprintf("%s %s at %q: %s", f.Severity, f.Rule, at, f.Message))
			}
			t.Errorf("want %s at %q, got %v", r.ID, bad.At, got)
		})
		t.Run(r.ID+"/good", func(t *testing.T) {
			res, _ := runPRCase(t, good)
			for _, f := range res.Findings {
				if f.Rule == r.ID {
					t.Errorf("want no %s, got %s at %s: %s", r.ID, f.Severity, f.File, f.Message)
				}
			}
		})
	}
	if n == 0 {
		t.Error("no pull-request example")
	}
}
