package prmode

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/connector-check/connector-check/internal/safefile"
	"github.com/connector-check/connector-check/validate"
)

// Event is the part of the pull_request event payload that is read.
type Event struct {
	Number      int `json:"number"`
	PullRequest struct {
		Number int    `json:"number"`
		Title  string `json:"title"`
		Body   string `json:"body"`
		Base   struct {
			Ref  string `json:"ref"`
			SHA  string `json:"sha"`
			Repo struct {
				FullName string `json:"full_name"`
			} `json:"repo"`
		} `json:"base"`
		Head struct {
			SHA string `json:"sha"`
		} `json:"head"`
	} `json:"pull_request"`
}

// ReadEvent reads the pull_request event payload at p (GITHUB_EVENT_PATH).
func ReadEvent(p string) (Event, error) {
	var ev Event
	if p == "" {
		return ev, errors.New("pull_request event without GITHUB_EVENT_PATH")
	}
	data, err := safefile.ReadFile(p, validate.MaxFileSize)
	if err != nil {
		return ev, fmt.Errorf("reading the event payload: %v", err)
	}
	if ev, err = ParseEvent(data); err != nil {
		return ev, fmt.Errorf("reading the event payload %s: %v", p, err)
	}
	return ev, nil
}

// ParseEvent decodes the part of a pull_request payload that is read.
func ParseEvent(data []byte) (Event, error) {
	var ev Event
	err := json.Unmarshal(data, &ev)
	return ev, err
}

// ReadEvent fills the pull request, its base and head commits from the event payload at p.
func (c *Change) ReadEvent(p string) error {
	ev, err := ReadEvent(p)
	if err != nil {
		return err
	}
	n := ev.PullRequest.Number
	if n == 0 {
		n = ev.Number
	}
	c.PR.Number, c.PR.Title, c.PR.Body = n, ev.PullRequest.Title, ev.PullRequest.Body
	c.PR.BaseRef, c.PR.Repository = ev.PullRequest.Base.Ref, ev.PullRequest.Base.Repo.FullName
	c.PR.EventFile = p
	c.BaseSHA, c.HeadSHA = ev.PullRequest.Base.SHA, ev.PullRequest.Head.SHA
	return nil
}
