package fakegh

import (
	"net/http"
	"strings"
)

// Comparison is one answer of GET /repos/{owner}/{repo}/compare/{base}...{head}.
type Comparison struct {
	MergeBase string
	Files     []PullFile
}

// ServeCompare adds the compare endpoint: comparisons maps "base...head" to its answer.
func (s *Server) ServeCompare(repo *Repo, comparisons map[string]Comparison) {
	s.Handle("GET /repos/{owner}/{repo}/compare/{basehead...}", func(w http.ResponseWriter, r *http.Request) {
		if !repo.gate(w, r, "https://docs.github.com/rest/commits/commits#compare-two-commits") {
			return
		}
		cmp, ok := comparisons[r.PathValue("basehead")]
		if !ok || !strings.Contains(r.PathValue("basehead"), "...") {
			Error(w, http.StatusNotFound, "Not Found")
			return
		}
		full := repo.Owner + "/" + repo.Name
		files := []map[string]any{}
		for _, f := range cmp.Files {
			files = append(files, repo.pullFileJSON(s.URL, f))
		}
		commit := func(sha string) map[string]any {
			return map[string]any{"sha": sha, "url": s.URL + "/repos/" + full + "/commits/" + sha,
				"commit": map[string]any{"message": "commit " + sha}}
		}
		JSON(w, http.StatusOK, map[string]any{
			"url":               s.URL + "/repos/" + full + "/compare/" + r.PathValue("basehead"),
			"html_url":          "https://github.com/" + full + "/compare/" + r.PathValue("basehead"),
			"base_commit":       commit(cmp.MergeBase),
			"merge_base_commit": commit(cmp.MergeBase),
			"status":            "ahead", "ahead_by": 1, "behind_by": 0, "total_commits": 1,
			"commits": []any{}, "files": files,
		})
	})
}
