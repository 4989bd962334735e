package ghapi

import (
	"context"
	"fmt"
	"io"

	"github.com/connector-check/connector-check/report"
	"github.com/connector-check/connector-check/validate"
)

// Publication is the action's reporting through the API: the sticky PR comment (a digest of the
// run) and the check run (the summary and an annotation per finding on the commit's files).
// Reporting is optional: a refused token (a fork PR's read-only token) gives one notice, any
// other API error a warning, and neither fails the step; the annotations, the log and the job
// summary carry every finding anyway.
type Publication struct {
	Comment, CheckRun bool
	Token             string
	APIURL            string // GITHUB_API_URL ("": https://api.github.com)
	Repository        string // owner/name
	PullRequest       int    // the pull request to comment on (0: not a pull_request event)
	HeadSHA           string // the commit checked (the pull request's head)
	RunURL            string // the workflow run's page, linked from the comment
	// Summary are the job summary's options; the comment's digest and the check run's summary
	// use them too.
	Summary report.SummaryOptions

	// Out gets a line per written comment or check run (the action's escaped standard output).
	Out io.Writer
	// Notice and Warn write a notice and a warning annotation.
	Notice, Warn func(msg string)
}

// Publish writes the comment and/or the check run for res; failing is the run's verdict.
func (p Publication) Publish(ctx context.Context, res *validate.Result, failing bool) {
	if !p.Comment && !p.CheckRun {
		return
	}
	refused := false
	problem := func(what string, err error) {
		if Forbidden(err) {
			if !refused { // one notice for all refused calls
				refused = true
				p.Notice("connector-check: the token may not write here (a pull request from a fork gets a read-only token), so " +
					what + " was skipped; the annotations and the job summary have every finding")
			}
			return
		}
		p.Warn("connector-check: " + what + " failed: " + err.Error())
	}
	if p.Token == "" {
		p.Notice("connector-check: no github-token, so no PR comment or check run was written")
		return
	}
	client, err := New(p.Token, p.APIURL, p.Repository)
	if err != nil {
		problem("reporting through the API", err)
		return
	}
	failOn := p.Summary.FailOn
	if p.Comment {
		if p.PullRequest == 0 {
			p.Notice("connector-check: comment: true needs a pull_request event; no comment was written")
		} else {
			body := CommentMarker + "\n" + report.Digest(res, report.DigestOptions{
				FailOn: failOn, Compared: p.Summary.Compared, HeadSHA: p.HeadSHA, RunURL: p.RunURL,
				LinkBase: p.Summary.LinkBase, Version: p.Summary.Version,
			})
			// Only the token's own comment is edited: the marker alone can be pasted by anyone.
			author, err := client.Identity(ctx)
			if err != nil {
				problem("the pull request comment", err)
			} else if url, created, err := client.UpsertComment(ctx, p.PullRequest, author, body); err != nil {
				problem("the pull request comment", err)
			} else {
				verb := "updated"
				if created {
					verb = "written"
				}
				fmt.Fprintf(p.Out, "connector-check: PR comment %s: %s\n", verb, url)
			}
		}
	}
	if p.CheckRun {
		if p.HeadSHA == "" {
			p.Notice("connector-check: no commit to attach a check run to (GITHUB_SHA is empty)")
			return
		}
		sumOpts := p.Summary
		sumOpts.Budget = MaxCheckText - 2048
		verdict, _ := report.Verdict(res, failOn, sumOpts.Compared)
		run := CheckRun{
			Name: "connector-check", HeadSHA: p.HeadSHA, Conclusion: "success",
			Title: verdict, Summary: report.Summary(res, sumOpts), Annotations: Annotations(res),
		}
		if failing {
			run.Conclusion = "failure"
		}
		if url, n, err := client.CreateCheckRun(ctx, run); err != nil {
			problem("the check run", err)
		} else {
			fmt.Fprintf(p.Out, "connector-check: check run with %d annotations in %d requests: %s\n", len(run.Annotations), n, url)
		}
	}
}

// Annotations are the check run's annotations of res. They sit on files of the commit: findings
// about the pull request itself are in its summary, and baselined and inherited ones are not news.
func Annotations(res *validate.Result) []Annotation {
	var out []Annotation
	for _, f := range res.Findings {
		if report.IsPullRequestLevel(&f) || f.Baselined || f.Inherited {
			continue
		}
		level := "notice"
		switch f.Severity {
		case validate.Error:
			level = "failure"
		case validate.Warning:
			level = "warning"
		}
		msg := f.Message
		if f.HasPointer && f.Pointer != "" {
			msg += " ValuePath: " + f.Pointer
		}
		out = append(out, Annotation{
			Path: f.File, StartLine: f.Line, EndLine: f.EndLine, StartColumn: f.Column, EndColumn: f.EndColumn,
			Level: level, Title: f.Rule, Message: msg,
		})
	}
	return out
}
