package main

import (
	"os"
	"testing"
)

// FuzzEventPayload: any payload decodes or fails cleanly (the PR title and body are the
// attacker's).
func FuzzEventPayload(f *testing.F) {
	if data, err := os.ReadFile("testdata/events/pull_request.json"); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`{"pull_request": {"number": 1, "title": "\u0000::error::x", "base": {"sha": 5}}}`))
	f.Add([]byte(`[[[[[[[[[[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ev, err := parsePREvent(data)
		if err == nil && len(ev.PullRequest.Title) > len(data) {
			t.Fatalf("title longer than the payload")
		}
	})
}
