package prmode

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseEvent: any payload decodes or fails cleanly (the PR title and body are the
// attacker's).
func FuzzParseEvent(f *testing.F) {
	if data, err := os.ReadFile("../../testdata/events/pull_request.json"); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`{"pull_request": {"number": 1, "title": "\u0000::error::x", "base": {"sha": 5}}}`))
	f.Add([]byte(`[[[[[[[[[[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ev, err := ParseEvent(data)
		if err == nil && len(ev.PullRequest.Title) > len(data) {
			t.Fatalf("title longer than the payload")
		}
	})
}

func TestChangeReadEvent(t *testing.T) {
	p := filepath.Join(t.TempDir(), "event.json")
	os.WriteFile(p, []byte(`{"number": 9, "pull_request": {"title": "T", "body": "B",
		"base": {"sha": "b4se", "ref": "dev", "repo": {"full_name": "o/r"}}, "head": {"sha": "h3ad"}}}`), 0o644)
	var c Change
	if err := c.ReadEvent(p); err != nil {
		t.Fatal(err)
	}
	if c.PR.Number != 9 || c.PR.Title != "T" || c.PR.Body != "B" || c.PR.BaseRef != "dev" || c.PR.Repository != "o/r" ||
		c.PR.EventFile != p || c.BaseSHA != "b4se" || c.HeadSHA != "h3ad" {
		t.Errorf("read %+v base %q head %q", c.PR, c.BaseSHA, c.HeadSHA)
	}
	if err := c.ReadEvent(""); err == nil {
		t.Error("no GITHUB_EVENT_PATH: no error")
	}
	os.WriteFile(p, []byte(`[`), 0o644)
	if err := c.ReadEvent(p); err == nil {
		t.Error("a broken payload: no error")
	}
}
