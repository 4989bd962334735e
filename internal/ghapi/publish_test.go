package ghapi

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/ghapi/fakegh"
	"github.com/connector-check/connector-check/report"
	"github.com/connector-check/connector-check/validate"
)

func publishResult() *validate.Result {
	res := &validate.Result{
		Connectors: []validate.ConnectorResult{{Path: "c/A"}},
		Findings: []validate.Finding{
			{Rule: "OperationIdTooLong", Severity: validate.Error, Connector: "c/A", File: "c/A/apiDefinition.swagger.json",
				Line: 3, Column: 5, EndLine: 3, EndColumn: 9, Message: "shorten it", Pointer: "/paths/~1x", HasPointer: true},
			{Rule: "SummaryMissing", Severity: validate.Warning, Connector: "c/A", File: "c/A/readme.md", Line: 1, Message: "w"},
			{Rule: "Old", Severity: validate.Notice, Connector: "c/A", File: "c/A/readme.md", Message: "n", Inherited: true},
		},
	}
	for _, f := range res.Findings {
		res.Counts.Add(f.Severity)
	}
	return res
}

// publication is a Publication against the fake server, recording what it says.
func publication(url string, notices, warns *[]string, out *bytes.Buffer) Publication {
	return Publication{
		Comment: true, CheckRun: true, Token: "ghs_test", APIURL: url, Repository: "octo/connectors",
		PullRequest: 42, HeadSHA: "feedface", RunURL: "https://github.com/octo/connectors/actions/runs/1",
		Summary: report.SummaryOptions{FailOn: validate.Error, Version: "v1.0.0"},
		Out:     out,
		Notice:  func(m string) { *notices = append(*notices, m) },
		Warn:    func(m string) { *warns = append(*warns, m) },
	}
}

func TestPublishCommentAndCheckRun(t *testing.T) {
	s := fakegh.New()
	t.Cleanup(s.Close)
	r := fakegh.AddReports(s)
	var notices, warns []string
	var out bytes.Buffer
	p := publication(s.URL, &notices, &warns, &out)
	for range 2 { // the second run edits the same comment
		p.Publish(context.Background(), publishResult(), true)
	}
	if len(notices)+len(warns) != 0 {
		t.Errorf("notices %q warnings %q", notices, warns)
	}
	if n := len(r.Comments[42]); n != 1 {
		t.Fatalf("%d comments, want one sticky comment", n)
	}
	if body := r.Comments[42][0].Body; !strings.HasPrefix(body, CommentMarker+"\n") || !strings.Contains(body, "feedface") {
		t.Errorf("comment %q", body)
	}
	if len(r.CheckRuns) != 2 {
		t.Fatalf("%d check runs, want one per run", len(r.CheckRuns))
	}
	cr := r.CheckRuns[1]
	if cr.HeadSHA != "feedface" || cr.Conclusion != "failure" || cr.Title == "" || !strings.Contains(cr.Summary, "connector-check") {
		t.Errorf("check run %+v", cr)
	}
	if len(cr.Annotations) != 2 { // the inherited finding is not news
		t.Errorf("%d annotations, want 2: %v", len(cr.Annotations), cr.Annotations)
	}
	for _, want := range []string{"connector-check: PR comment written: ", "connector-check: PR comment updated: ",
		"connector-check: check run with 2 annotations in 1 requests: "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestPublishRefusedTokenIsOneNotice(t *testing.T) {
	s := fakegh.New()
	t.Cleanup(s.Close)
	r := fakegh.AddReports(s)
	r.Forbidden = true
	var notices, warns []string
	var out bytes.Buffer
	publication(s.URL, &notices, &warns, &out).Publish(context.Background(), publishResult(), false)
	if len(notices) != 1 || !strings.Contains(notices[0], "the token may not write here") || len(warns) != 0 {
		t.Errorf("notices %q warnings %q", notices, warns)
	}
	if out.Len() != 0 {
		t.Errorf("output %q", out.String())
	}
}

func TestPublishWithoutTokenOrEvent(t *testing.T) {
	var notices, warns []string
	var out bytes.Buffer
	p := publication("http://127.0.0.1:1", &notices, &warns, &out)
	p.Token = ""
	p.Publish(context.Background(), publishResult(), false)
	if len(notices) != 1 || !strings.Contains(notices[0], "no github-token") {
		t.Errorf("no token: %q", notices)
	}
	// Nothing asked for: nothing said.
	notices = nil
	p.Comment, p.CheckRun = false, false
	p.Publish(context.Background(), publishResult(), false)
	if len(notices) != 0 {
		t.Errorf("nothing asked for: %q", notices)
	}
	// A comment without a pull request, a check run without a commit: a notice each.
	s := fakegh.New()
	t.Cleanup(s.Close)
	fakegh.AddReports(s)
	p = publication(s.URL, &notices, &warns, &out)
	p.PullRequest, p.HeadSHA = 0, ""
	p.Publish(context.Background(), publishResult(), false)
	if len(notices) != 2 || !strings.Contains(notices[0], "needs a pull_request event") || !strings.Contains(notices[1], "no commit to attach") {
		t.Errorf("notices %q", notices)
	}
	// A repository that isn't owner/name: a warning, not a failure.
	notices, warns = nil, nil
	p = publication(s.URL, &notices, &warns, &out)
	p.Repository = "nope"
	p.Publish(context.Background(), publishResult(), false)
	if len(warns) != 1 || !strings.Contains(warns[0], "reporting through the API failed") {
		t.Errorf("bad repository: warnings %q notices %q", warns, notices)
	}
}

func TestAnnotations(t *testing.T) {
	anns := Annotations(publishResult())
	if len(anns) != 2 {
		t.Fatalf("%d annotations: %+v", len(anns), anns)
	}
	a := anns[0]
	if a.Level != "failure" || a.Title != "OperationIdTooLong" || a.Message != "shorten it ValuePath: /paths/~1x" ||
		a.StartLine != 3 || a.StartColumn != 5 || a.EndColumn != 9 {
		t.Errorf("error annotation %+v", a)
	}
	if anns[1].Level != "warning" {
		t.Errorf("warning annotation %+v", anns[1])
	}
}
