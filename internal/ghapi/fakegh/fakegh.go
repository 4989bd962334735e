// Package fakegh is an httptest server that answers like the GitHub REST endpoints connector-check
// uses, with their real JSON shapes, pagination Link headers and error statuses. Tests of ghapi and
// end-to-end tests of the binary share it; each endpoint family keeps its handlers in its own file.
package fakegh

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
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
