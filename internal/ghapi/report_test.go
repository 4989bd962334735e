package ghapi

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/ghapi/fakegh"
)

func newFake(t *testing.T) (*Client, *fakegh.Server, *fakegh.Reports) {
	t.Helper()
	s := fakegh.New()
	t.Cleanup(s.Close)
	r := fakegh.AddReports(s)
	c, err := New("tok", s.URL, "octo/connectors")
	if err != nil {
		t.Fatal(err)
	}
	return c, s, r
}

func TestUpsertCommentPagesAndUpdatesInPlace(t *testing.T) {
	c, s, r := newFake(t)
	ctx := context.Background()
	// 250 other comments: the sticky one is on the third page of 100.
	for i := range 230 {
		r.AddComment(7, fmt.Sprintf("comment %d", i))
	}
	old := r.AddComment(7, CommentMarker+"\nold report")
	for i := range 20 {
		r.AddComment(7, fmt.Sprintf("later comment %d", i))
	}
	_, created, err := c.UpsertComment(ctx, 7, ActionsBot, "## connector-check\nnew report")
	if err != nil {
		t.Fatal(err)
	}
	if created {
		t.Error("created a new comment although a sticky one exists")
	}
	if !strings.HasPrefix(old.Body, CommentMarker) || !strings.Contains(old.Body, "new report") {
		t.Errorf("sticky comment not updated in place: %q", old.Body)
	}
	if n := len(r.Comments[7]); n != 251 {
		t.Errorf("%d comments, want 251", n)
	}
	pages := 0
	for _, q := range s.Requests() {
		if strings.HasPrefix(q, "GET /repos/octo/connectors/issues/7/comments") {
			pages++
		}
	}
	if pages != 3 {
		t.Errorf("listed %d pages, want 3 (100 per page, stop at the marker): %v", pages, s.Requests())
	}
}

func TestUpsertCommentCreatesThenReuses(t *testing.T) {
	c, _, r := newFake(t)
	ctx := context.Background()
	r.AddComment(3, "LGTM")
	if _, created, err := c.UpsertComment(ctx, 3, ActionsBot, "first"); err != nil || !created {
		t.Fatalf("created=%v err=%v, want a new comment", created, err)
	}
	big := strings.Repeat("é", 50000) // 100,000 bytes
	if _, created, err := c.UpsertComment(ctx, 3, ActionsBot, big); err != nil || created {
		t.Fatalf("created=%v err=%v, want the same comment updated", created, err)
	}
	cs := r.Comments[3]
	if len(cs) != 2 {
		t.Fatalf("%d comments, want 2", len(cs))
	}
	if n := len(cs[1].Body); n > 65536 || !strings.Contains(cs[1].Body, "cut to fit") {
		t.Errorf("comment is %d bytes; want it cut under 64 KB with a note", n)
	}
}

func TestForbidden(t *testing.T) {
	c, _, r := newFake(t)
	r.Forbidden = true
	_, _, err := c.UpsertComment(context.Background(), 1, ActionsBot, "x")
	if !Forbidden(err) {
		t.Errorf("err = %v, want Forbidden", err)
	}
	_, _, err = c.CreateCheckRun(context.Background(), CheckRun{Name: "n", HeadSHA: "abc", Conclusion: "success", Title: "t", Summary: "s"})
	if !Forbidden(err) {
		t.Errorf("err = %v, want Forbidden", err)
	}
}

func TestCheckRunBatches(t *testing.T) {
	c, s, r := newFake(t)
	var anns []Annotation
	for i := range 123 {
		anns = append(anns, Annotation{Path: "c/apiDefinition.swagger.json", StartLine: i + 1, EndLine: i + 1,
			StartColumn: 3, EndColumn: 9, Level: "warning", Title: "Rule", Message: fmt.Sprintf("finding %d", i)})
	}
	anns = append(anns, Annotation{Path: "c/apiProperties.json", Level: "failure", Message: "whole file"})
	_, requests, err := c.CreateCheckRun(context.Background(), CheckRun{
		Name: "connector-check", HeadSHA: "0123abc", Conclusion: "failure", Title: "1 error", Summary: strings.Repeat("s", 70000),
		Annotations: anns,
	})
	if err != nil {
		t.Fatalf("%v (requests %v)", err, s.Requests())
	}
	if requests != 3 || len(r.CheckRuns) != 1 {
		t.Fatalf("%d requests, %d check runs; want 3 requests for one run", requests, len(r.CheckRuns))
	}
	cr := r.CheckRuns[0]
	if fmt.Sprint(cr.Batches) != "[50 50 24]" {
		t.Errorf("batches %v, want [50 50 24]", cr.Batches)
	}
	if cr.Status != "completed" || cr.Conclusion != "failure" {
		t.Errorf("status %s conclusion %s", cr.Status, cr.Conclusion)
	}
	if len(cr.Annotations) != 124 || cr.Annotations[123]["start_line"] != float64(1) || cr.Annotations[0]["start_column"] != float64(3) {
		t.Errorf("annotations: %d, last %v, first %v", len(cr.Annotations), cr.Annotations[123], cr.Annotations[0])
	}
}

// TestUpsertCommentOnlyEditsItsOwn reproduces the defect: the sticky comment was found by its
// marker in anyone's comment, so a PR author could paste the marker and have the bot edit (and
// overwrite) their comment, or hide the report in it.
func TestUpsertCommentOnlyEditsItsOwn(t *testing.T) {
	c, _, r := newFake(t)
	ctx := context.Background()
	planted := r.AddCommentBy(5, "mallory", CommentMarker+"\nall good, merge it")
	login, err := c.Identity(ctx)
	if err != nil || login != ActionsBot {
		t.Fatalf("Identity with an installation token = %q, %v; want %s", login, err, ActionsBot)
	}
	_, created, err := c.UpsertComment(ctx, 5, login, "report")
	if err != nil || !created {
		t.Fatalf("created=%v err=%v: want a new comment beside the planted one", created, err)
	}
	if planted.Body != CommentMarker+"\nall good, merge it" {
		t.Errorf("someone else's comment was edited: %q", planted.Body)
	}
	// The second run finds the bot's own comment.
	if _, created, err := c.UpsertComment(ctx, 5, login, "report 2"); err != nil || created {
		t.Errorf("second run created=%v err=%v", created, err)
	}
	if n := len(r.Comments[5]); n != 2 {
		t.Errorf("%d comments, want 2", n)
	}
	// A personal access token: GET /user names the identity.
	r.Login = "release-bot"
	if login, err := c.Identity(ctx); err != nil || login != "release-bot" {
		t.Errorf("Identity with a user token = %q, %v", login, err)
	}
}

// The check run: connector-check creates its own run and only ever updates that one; it never
// lists or edits runs that others created on the commit.
func TestCheckRunTouchesOnlyItsOwn(t *testing.T) {
	c, s, r := newFake(t)
	var anns []Annotation
	for i := range 120 {
		anns = append(anns, Annotation{Path: "a.json", StartLine: i + 1, EndLine: i + 1, Level: "notice", Message: "m"})
	}
	if _, _, err := c.CreateCheckRun(context.Background(), CheckRun{Name: "connector-check", HeadSHA: "abc", Conclusion: "success", Title: "t", Summary: "s", Annotations: anns}); err != nil {
		t.Fatal(err)
	}
	own := fmt.Sprintf("/check-runs/%d", r.CheckRuns[0].ID)
	for _, q := range s.Requests() {
		switch {
		case strings.HasPrefix(q, "POST /repos/octo/connectors/check-runs"):
		case strings.HasPrefix(q, "PATCH ") && strings.HasSuffix(q, own):
		default:
			t.Errorf("request %q touches something connector-check didn't create", q)
		}
	}
}
