package fakegh

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
)

// Comment is an issue comment held by the fake.
type Comment struct {
	ID     int64  `json:"id"`
	Body   string `json:"body"`
	Author string `json:"-"` // the login shown as user.login; "" is github-actions[bot]
}

// ActionsBot is the login of comments made with a workflow's GITHUB_TOKEN.
const ActionsBot = "github-actions[bot]"

// CheckRun is a check run held by the fake, with every annotation it received in order and the
// number of annotations each request carried.
type CheckRun struct {
	ID          int64
	Name        string
	HeadSHA     string
	Status      string
	Conclusion  string
	Title       string
	Summary     string
	Annotations []map[string]any
	Batches     []int
}

// Reports fakes the endpoints connector-check reports through: issue comments (list with
// pagination, create, update) and check runs (create, update). Set Forbidden to answer every
// write with 403 "Resource not accessible by integration", as for a fork PR's read-only token.
type Reports struct {
	mu        sync.Mutex
	Comments  map[int][]*Comment // by issue number
	CheckRuns []*CheckRun
	Forbidden bool
	// Login is what GET /user answers for the token; "" answers 403 "Resource not accessible by
	// integration", as for GITHUB_TOKEN and other installation tokens. Comments the token
	// creates get Login as author, or github-actions[bot].
	Login  string
	nextID int64
	s      *Server
}

// AddReports registers the reporting endpoints on s.
func AddReports(s *Server) *Reports {
	r := &Reports{Comments: map[int][]*Comment{}, nextID: 1000, s: s}
	s.Handle("GET /user", r.user)
	s.Handle("GET /repos/{owner}/{repo}/issues/{n}/comments", r.listComments)
	s.Handle("POST /repos/{owner}/{repo}/issues/{n}/comments", r.createComment)
	s.Handle("PATCH /repos/{owner}/{repo}/issues/comments/{id}", r.updateComment)
	s.Handle("POST /repos/{owner}/{repo}/check-runs", r.createCheckRun)
	s.Handle("PATCH /repos/{owner}/{repo}/check-runs/{id}", r.updateCheckRun)
	return r
}

// AddComment puts an existing comment by github-actions[bot] on issue n (an older sticky one).
func (r *Reports) AddComment(n int, body string) *Comment { return r.AddCommentBy(n, "", body) }

// AddCommentBy puts an existing comment by author on issue n ("" is github-actions[bot]).
func (r *Reports) AddCommentBy(n int, author, body string) *Comment {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.nextID++
	c := &Comment{ID: r.nextID, Body: body, Author: author}
	r.Comments[n] = append(r.Comments[n], c)
	return c
}

func (r *Reports) user(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	login := r.Login
	r.mu.Unlock()
	if login == "" {
		Error(w, http.StatusForbidden, "Resource not accessible by integration")
		return
	}
	JSON(w, http.StatusOK, map[string]any{"login": login, "id": 1, "type": "User"})
}

func (r *Reports) commentJSON(req *http.Request, c *Comment) map[string]any {
	owner, repo := req.PathValue("owner"), req.PathValue("repo")
	return map[string]any{
		"id": c.ID, "node_id": "IC_" + strconv.FormatInt(c.ID, 10), "body": c.Body,
		"url":        fmt.Sprintf("%s/repos/%s/%s/issues/comments/%d", r.s.URL, owner, repo, c.ID),
		"html_url":   fmt.Sprintf("https://github.com/%s/%s/pull/1#issuecomment-%d", owner, repo, c.ID),
		"user":       userJSON(c.Author),
		"created_at": "2026-11-25T12:00:00Z", "updated_at": "2026-11-25T12:00:00Z",
	}
}

func userJSON(login string) map[string]any {
	if login == "" {
		return map[string]any{"login": ActionsBot, "type": "Bot", "id": 41898282}
	}
	return map[string]any{"login": login, "type": "User", "id": 7}
}

func (r *Reports) listComments(w http.ResponseWriter, req *http.Request) {
	n, err := strconv.Atoi(req.PathValue("n"))
	if err != nil {
		Error(w, http.StatusNotFound, "Not Found")
		return
	}
	r.mu.Lock()
	all := r.Comments[n]
	start, end := r.s.page(w, req, len(all))
	out := make([]map[string]any, 0, end-start)
	for _, c := range all[start:end] {
		out = append(out, r.commentJSON(req, c))
	}
	r.mu.Unlock()
	JSON(w, http.StatusOK, out)
}

func (r *Reports) refuse(w http.ResponseWriter) bool {
	r.mu.Lock()
	f := r.Forbidden
	r.mu.Unlock()
	if f {
		Error(w, http.StatusForbidden, "Resource not accessible by integration")
	}
	return f
}

func decodeBody(w http.ResponseWriter, req *http.Request, v any) bool {
	if err := json.NewDecoder(req.Body).Decode(v); err != nil {
		Error(w, http.StatusBadRequest, "Problems parsing JSON")
		return false
	}
	return true
}

// decodeComment reads a comment request's body, refusing one over GitHub's 65,536 characters.
func decodeComment(w http.ResponseWriter, req *http.Request) (string, bool) {
	var body struct{ Body string }
	if !decodeBody(w, req, &body) {
		return "", false
	}
	if len(body.Body) > 65536 {
		Error(w, http.StatusUnprocessableEntity, "Body is too long (maximum is 65536 characters)")
		return "", false
	}
	return body.Body, true
}

func (r *Reports) createComment(w http.ResponseWriter, req *http.Request) {
	if r.refuse(w) {
		return
	}
	n, _ := strconv.Atoi(req.PathValue("n"))
	body, ok := decodeComment(w, req)
	if !ok {
		return
	}
	r.mu.Lock()
	login := r.Login
	r.mu.Unlock()
	c := r.AddCommentBy(n, login, body)
	JSON(w, http.StatusCreated, r.commentJSON(req, c))
}

func (r *Reports) updateComment(w http.ResponseWriter, req *http.Request) {
	if r.refuse(w) {
		return
	}
	id, _ := strconv.ParseInt(req.PathValue("id"), 10, 64)
	body, ok := decodeComment(w, req)
	if !ok {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, cs := range r.Comments {
		for _, c := range cs {
			if c.ID == id {
				c.Body = body
				JSON(w, http.StatusOK, r.commentJSON(req, c))
				return
			}
		}
	}
	Error(w, http.StatusNotFound, "Not Found")
}

type checkRunBody struct {
	Name       string `json:"name"`
	HeadSHA    string `json:"head_sha"`
	Status     string `json:"status"`
	Conclusion string `json:"conclusion"`
	Output     *struct {
		Title       *string          `json:"title"`
		Summary     *string          `json:"summary"`
		Text        *string          `json:"text"`
		Annotations []map[string]any `json:"annotations"`
	} `json:"output"`
}

// apply records a create or update request, enforcing the real limits: at most 50 annotations
// per request, title and summary required with output, summary at most 65,535 characters.
func (r *Reports) apply(w http.ResponseWriter, cr *CheckRun, b *checkRunBody) bool {
	if b.Output != nil {
		o := b.Output
		if o.Title == nil || o.Summary == nil {
			Error(w, http.StatusUnprocessableEntity, "Invalid request.\n\n\"title\", \"summary\" weren't supplied.")
			return false
		}
		if len(o.Annotations) > 50 {
			Error(w, http.StatusUnprocessableEntity, "Invalid request.\n\nOnly 50 annotations are allowed per request.")
			return false
		}
		if len(*o.Summary) > 65535 || (o.Text != nil && len(*o.Text) > 65535) {
			Error(w, http.StatusUnprocessableEntity, "Invalid request.\n\noutput.summary is too long (maximum is 65535 characters).")
			return false
		}
		for _, a := range o.Annotations {
			for _, k := range []string{"path", "start_line", "end_line", "annotation_level", "message"} {
				if _, ok := a[k]; !ok {
					Error(w, http.StatusUnprocessableEntity, "Invalid request.\n\n\""+k+"\" wasn't supplied.")
					return false
				}
			}
		}
		cr.Title, cr.Summary = *o.Title, *o.Summary
		cr.Annotations = append(cr.Annotations, o.Annotations...)
		cr.Batches = append(cr.Batches, len(o.Annotations))
	}
	if b.Status != "" {
		cr.Status = b.Status
	}
	if b.Conclusion != "" {
		cr.Conclusion = b.Conclusion
	}
	return true
}

func (r *Reports) checkRunJSON(req *http.Request, cr *CheckRun) map[string]any {
	owner, repo := req.PathValue("owner"), req.PathValue("repo")
	return map[string]any{
		"id": cr.ID, "name": cr.Name, "head_sha": cr.HeadSHA, "status": cr.Status, "conclusion": cr.Conclusion,
		"html_url": fmt.Sprintf("https://github.com/%s/%s/runs/%d", owner, repo, cr.ID),
		"output":   map[string]any{"title": cr.Title, "summary": cr.Summary, "annotations_count": len(cr.Annotations)},
	}
}

func (r *Reports) createCheckRun(w http.ResponseWriter, req *http.Request) {
	if r.refuse(w) {
		return
	}
	var b checkRunBody
	if !decodeBody(w, req, &b) {
		return
	}
	if b.Name == "" || b.HeadSHA == "" {
		Error(w, http.StatusUnprocessableEntity, "Invalid request.\n\n\"name\", \"head_sha\" weren't supplied.")
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.nextID++
	cr := &CheckRun{ID: r.nextID, Name: b.Name, HeadSHA: b.HeadSHA, Status: "queued"}
	if !r.apply(w, cr, &b) {
		return
	}
	r.CheckRuns = append(r.CheckRuns, cr)
	JSON(w, http.StatusCreated, r.checkRunJSON(req, cr))
}

func (r *Reports) updateCheckRun(w http.ResponseWriter, req *http.Request) {
	if r.refuse(w) {
		return
	}
	id, _ := strconv.ParseInt(req.PathValue("id"), 10, 64)
	var b checkRunBody
	if !decodeBody(w, req, &b) {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, cr := range r.CheckRuns {
		if cr.ID == id {
			if r.apply(w, cr, &b) {
				JSON(w, http.StatusOK, r.checkRunJSON(req, cr))
			}
			return
		}
	}
	Error(w, http.StatusNotFound, "Not Found")
}
