package fakegh

import (
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Repo is one repository whose pull-request files and contents the fake serves.
type Repo struct {
	Owner, Name string
	Pulls       map[int][]PullFile           // pull number -> changed files, in order
	Contents    map[string]map[string][]byte // ref (SHA or branch) -> path -> content
	// Refuse makes every call fail like a fork's read-only token on a resource it can't read:
	// 403 "Resource not accessible by integration".
	Refuse bool
	// RateLimited makes every call fail like an exhausted primary rate limit: 403 with
	// x-ratelimit-remaining: 0 (429 when RateLimitStatus says so).
	RateLimited     bool
	RateLimitStatus int
}

// PullFile is one entry of GET /repos/{owner}/{repo}/pulls/{n}/files.
type PullFile struct {
	Filename, Status, PreviousFilename string
	Additions, Deletions               int
}

// maxContentSize is where the contents API stops inlining a file (1 MB): bigger files come back
// with "encoding": "none" and an empty content, and need the raw media type.
const maxContentSize = 1 << 20

// ServePulls adds the pull-request files and repository contents endpoints for repo.
func (s *Server) ServePulls(repo *Repo) {
	s.Handle("GET /repos/{owner}/{repo}/pulls/{number}/files", func(w http.ResponseWriter, r *http.Request) {
		if !repo.gate(w, r, "https://docs.github.com/rest/pulls/pulls#list-pull-requests-files") {
			return
		}
		n, err := strconv.Atoi(r.PathValue("number"))
		files, ok := repo.Pulls[n]
		if err != nil || !ok {
			Error(w, http.StatusNotFound, "Not Found")
			return
		}
		start, end := s.page(w, r, len(files))
		out := []map[string]any{}
		for _, f := range files[start:end] {
			out = append(out, repo.pullFileJSON(s.URL, f))
		}
		JSON(w, http.StatusOK, out)
	})
	s.Handle("GET /repos/{owner}/{repo}/contents/{path...}", func(w http.ResponseWriter, r *http.Request) {
		if !repo.gate(w, r, "https://docs.github.com/rest/repos/contents#get-repository-content") {
			return
		}
		ref := r.URL.Query().Get("ref")
		p := r.PathValue("path")
		data, ok := repo.Contents[ref][p]
		if !ok {
			Error(w, http.StatusNotFound, "Not Found")
			return
		}
		if strings.Contains(r.Header.Get("Accept"), "raw") {
			w.Header().Set("Content-Type", "application/vnd.github.raw+json")
			w.WriteHeader(http.StatusOK)
			w.Write(data)
			return
		}
		JSON(w, http.StatusOK, repo.contentJSON(s.URL, p, ref, data))
	})
}

// gate answers a refused call and reports whether the request may go on. Every answer carries
// the rate-limit headers.
func (repo *Repo) gate(w http.ResponseWriter, r *http.Request, doc string) bool {
	h := w.Header()
	h.Set("X-GitHub-Api-Version-Selected", "2022-11-28")
	h.Set("X-RateLimit-Limit", "1000")
	h.Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10))
	h.Set("X-RateLimit-Resource", "core")
	if r.PathValue("owner") != repo.Owner || r.PathValue("repo") != repo.Name {
		h.Set("X-RateLimit-Remaining", "999")
		Error(w, http.StatusNotFound, "Not Found")
		return false
	}
	switch {
	case repo.RateLimited:
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Used", "1000")
		status := repo.RateLimitStatus
		if status == 0 {
			status = http.StatusForbidden
		}
		JSON(w, status, map[string]string{
			"message":           "API rate limit exceeded for installation ID 4242.",
			"documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
		})
		return false
	case repo.Refuse:
		h.Set("X-RateLimit-Remaining", "999")
		JSON(w, http.StatusForbidden, map[string]string{
			"message": "Resource not accessible by integration", "documentation_url": doc, "status": "403",
		})
		return false
	}
	h.Set("X-RateLimit-Remaining", "999")
	return true
}

func blobSHA(data []byte) string {
	h := sha1.New()
	fmt.Fprintf(h, "blob %d\x00", len(data))
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

func (repo *Repo) pullFileJSON(base string, f PullFile) map[string]any {
	full := repo.Owner + "/" + repo.Name
	sum := blobSHA([]byte(f.Filename + f.Status))
	m := map[string]any{
		"sha": sum, "filename": f.Filename, "status": f.Status,
		"additions": f.Additions, "deletions": f.Deletions, "changes": f.Additions + f.Deletions,
		"blob_url":     "https://github.com/" + full + "/blob/" + sum + "/" + f.Filename,
		"raw_url":      "https://github.com/" + full + "/raw/" + sum + "/" + f.Filename,
		"contents_url": base + "/repos/" + full + "/contents/" + f.Filename + "?ref=" + sum,
		"patch":        "@@ -1 +1 @@",
	}
	if f.PreviousFilename != "" {
		m["previous_filename"] = f.PreviousFilename
	}
	return m
}

func (repo *Repo) contentJSON(base, p, ref string, data []byte) map[string]any {
	full := repo.Owner + "/" + repo.Name
	sum := blobSHA(data)
	name := p[strings.LastIndexByte(p, '/')+1:]
	self := base + "/repos/" + full + "/contents/" + p + "?ref=" + ref
	m := map[string]any{
		"type": "file", "encoding": "base64", "size": len(data), "name": name, "path": p, "sha": sum,
		"url": self, "git_url": base + "/repos/" + full + "/git/blobs/" + sum,
		"html_url":     "https://github.com/" + full + "/blob/" + ref + "/" + p,
		"download_url": "https://raw.githubusercontent.com/" + full + "/" + ref + "/" + p,
		"_links":       map[string]string{"self": self, "git": base + "/repos/" + full + "/git/blobs/" + sum, "html": "https://github.com/" + full + "/blob/" + ref + "/" + p},
	}
	if len(data) > maxContentSize {
		m["encoding"], m["content"] = "none", ""
		return m
	}
	// The API wraps base64 at 60 columns.
	enc := base64.StdEncoding.EncodeToString(data)
	var sb strings.Builder
	for len(enc) > 60 {
		sb.WriteString(enc[:60] + "\n")
		enc = enc[60:]
	}
	sb.WriteString(enc + "\n")
	m["content"] = sb.String()
	return m
}
