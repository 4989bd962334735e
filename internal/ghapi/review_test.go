package ghapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// reviewServer is a fake of the two review endpoints: it lists existing review bodies and
// answers a POST with status (recording the request).
type reviewServer struct {
	existing []string
	status   int
	posted   []map[string]any
}

func (rs *reviewServer) start(t *testing.T) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/repos/octo/connectors/pulls/7/reviews" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		switch r.Method {
		case http.MethodGet:
			var out []map[string]any
			for i, b := range rs.existing {
				out = append(out, map[string]any{"id": i + 1, "body": b, "html_url": "https://github.test/review/old"})
			}
			json.NewEncoder(w).Encode(out)
		case http.MethodPost:
			var req map[string]any
			json.NewDecoder(r.Body).Decode(&req)
			rs.posted = append(rs.posted, req)
			if rs.status != 0 && rs.status != http.StatusOK {
				w.WriteHeader(rs.status)
				w.Write([]byte(`{"message":"refused"}`))
				return
			}
			json.NewEncoder(w).Encode(map[string]any{"id": 9, "html_url": "https://github.test/review/9"})
		}
	}))
	t.Cleanup(srv.Close)
	c, err := New("tok", srv.URL, "octo/connectors")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPostSuggestions(t *testing.T) {
	rs := &reviewServer{}
	c := rs.start(t)
	sugg := []Suggestion{
		{Path: "c/apiProperties.json", Line: 4, Lines: []string{`    "stackOwner": "Contoso"`}, Note: "JsonTrailingComma"},
		{Path: "c/apiDefinition.swagger.json", StartLine: 20, Line: 21, Lines: []string{`  "a": 1,`, `  "b": 2`}},
	}
	url, posted, err := c.PostSuggestions(context.Background(), 7, "abc123", "2 fixes", sugg)
	if err != nil || !posted || url != "https://github.test/review/9" {
		t.Fatalf("PostSuggestions = %q, %v, %v", url, posted, err)
	}
	if len(rs.posted) != 1 {
		t.Fatalf("%d reviews posted, want 1", len(rs.posted))
	}
	req := rs.posted[0]
	if req["commit_id"] != "abc123" || req["event"] != "COMMENT" || !strings.HasPrefix(req["body"].(string), SuggestMarker+"abc123 -->\n2 fixes") {
		t.Errorf("review: %v", req)
	}
	comments := req["comments"].([]any)
	first := comments[0].(map[string]any)
	if first["path"] != "c/apiProperties.json" || first["line"] != float64(4) || first["side"] != "RIGHT" || first["start_line"] != nil {
		t.Errorf("single-line comment: %v", first)
	}
	if want := "JsonTrailingComma\n\n```suggestion\n    \"stackOwner\": \"Contoso\"\n```\n"; first["body"] != want {
		t.Errorf("suggestion body %q, want %q", first["body"], want)
	}
	second := comments[1].(map[string]any)
	if second["start_line"] != float64(20) || second["line"] != float64(21) || second["start_side"] != "RIGHT" {
		t.Errorf("multi-line comment: %v", second)
	}

	// A re-run on the same commit finds its review and posts nothing.
	rs.existing = []string{req["body"].(string)}
	if _, posted, err := c.PostSuggestions(context.Background(), 7, "abc123", "2 fixes", sugg); posted || err != nil {
		t.Errorf("second post: %v %v", posted, err)
	}
	if len(rs.posted) != 1 {
		t.Errorf("posted again on the same commit")
	}
}

func TestPostSuggestionsRefused(t *testing.T) {
	rs := &reviewServer{status: http.StatusForbidden}
	c := rs.start(t)
	_, _, err := c.PostSuggestions(context.Background(), 7, "abc", "x", []Suggestion{{Path: "a", Line: 1}})
	if !Forbidden(err) {
		t.Errorf("a read-only token: %v, want Forbidden", err)
	}
	rs.status = http.StatusUnprocessableEntity
	_, _, err = c.PostSuggestions(context.Background(), 7, "abc", "x", []Suggestion{{Path: "a", Line: 1}})
	if !errors.Is(err, ErrUnprocessable) {
		t.Errorf("a line outside the diff: %v, want ErrUnprocessable", err)
	}
}

func TestSuggestionBodyFence(t *testing.T) {
	got := SuggestionBody("", []string{"```json", "{}", "```"})
	if !strings.HasPrefix(got, "````suggestion\n") || !strings.HasSuffix(got, "\n````\n") {
		t.Errorf("fence not lengthened: %q", got)
	}
}
