// Package fakegh is an httptest server that answers like the GitHub REST endpoints connector-check
// uses, with their real JSON shapes, pagination Link headers and error statuses. Tests of ghapi and
// end-to-end tests of the binary share it; each endpoint family keeps its handlers in its own file.
package fakegh

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
)

// Server is a fake api.github.com. Its URL goes in GITHUB_API_URL.
type Server struct {
	*httptest.Server
	mux *http.ServeMux

	mu       sync.Mutex
	requests []string // "METHOD /path?query", in order
}

// New starts a server with no routes; the caller adds the endpoint families it needs.
func New() *Server {
	s := &Server{mux: http.NewServeMux()}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests = append(s.requests, r.Method+" "+r.URL.RequestURI())
		s.mu.Unlock()
		s.mux.ServeHTTP(w, r)
	}))
	return s
}

// Handle adds a route (net/http ServeMux patterns, e.g. "GET /repos/{owner}/{repo}/pulls/{n}/files").
func (s *Server) Handle(pattern string, h http.HandlerFunc) { s.mux.HandleFunc(pattern, h) }

// Requests returns the requests served so far.
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...)
}

// JSON writes v with status code.
func JSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

// Error writes GitHub's error body, e.g. 403 "Resource not accessible by integration".
func Error(w http.ResponseWriter, code int, message string) {
	JSON(w, code, map[string]string{"message": message, "documentation_url": "https://docs.github.com/rest"})
}

// page answers GitHub's pagination: it reads page and per_page (default 30, at most 100), sets
// the Link header (next, last, first, prev as they apply, other query parameters kept) and
// returns the bounds of the requested page among total items.
func (s *Server) page(w http.ResponseWriter, r *http.Request, total int) (start, end int) {
	page, perPage := intParam(r, "page", 1), min(intParam(r, "per_page", 30), 100)
	last := max(1, (total+perPage-1)/perPage)
	link := func(p int, rel string) string {
		u := *r.URL
		q := u.Query()
		q.Set("page", strconv.Itoa(p))
		q.Set("per_page", strconv.Itoa(perPage))
		u.RawQuery = q.Encode()
		return fmt.Sprintf(`<%s%s>; rel="%s"`, s.URL, u.RequestURI(), rel)
	}
	var links []string
	if page < last {
		links = append(links, link(page+1, "next"), link(last, "last"))
	}
	if page > 1 {
		links = append(links, link(1, "first"), link(page-1, "prev"))
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	start = min((page-1)*perPage, total)
	return start, min(start+perPage, total)
}

func intParam(r *http.Request, name string, def int) int {
	if n, err := strconv.Atoi(r.URL.Query().Get(name)); err == nil && n > 0 {
		return n
	}
	return def
}
