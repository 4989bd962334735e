package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/connector-check/connector-check/internal/fixrun"
	"github.com/connector-check/connector-check/validate"
	"github.com/sethvargo/go-githubactions"
)

// fixAction is the action's suggest and fix-patch inputs: after the check, the verified fixes of
// the findings the change introduces (every fixable finding when nothing was compared) become
// suggested changes on the pull request and/or a patch file (internal/fixrun).
type fixAction struct {
	suggest bool
	patch   string // workspace-relative patch file, "" for none
}

func actionFixInputs(in func(string) string, getenv func(string) string) (*fixAction, error) {
	suggest, err := parseBoolInput("suggest", in("suggest"))
	if err != nil {
		return nil, err
	}
	fa := &fixAction{suggest: suggest, patch: workspaceRelative(strings.TrimSpace(in("fix-patch")), getenv("GITHUB_WORKSPACE"))}
	if !fa.suggest && fa.patch == "" {
		return nil, nil
	}
	return fa, nil
}

// run fixes in memory (nothing in the checkout is changed), writes the patch and posts the
// review. Only a patch that can't be written is an error; the review is best effort.
func (fa *fixAction) run(res *validate.Result, cfg validateConfig, stdout io.Writer, getenv func(string) string) error {
	if fa == nil {
		return nil
	}
	gha := githubactions.New(githubactions.WithGetenv(getenv), githubactions.WithWriter(commandWriter(stdout)))
	results, err := fixIntroduced(res, cfg)
	if err != nil {
		gha.Warningf("%s", "connector-check: the fixes were not computed: "+err.Error())
		results = nil
	}
	if fa.patch != "" {
		patch, err := fixrun.Patch(results, "")
		if err != nil {
			return err
		}
		if err := writeFile(fa.patch, func(w io.Writer) error { _, err := io.WriteString(w, patch); return err }); err != nil {
			return fmt.Errorf("fix-patch: %v", err)
		}
		n := fixrun.Applied(results)
		fmt.Fprintf(stdout, "connector-check: fix patch (%d %s) written to %s; apply it with git apply\n", n, fixrun.Word(n), fa.patch)
	}
	if fa.suggest {
		fa.postReview(results, cfg, gha, stdout, getenv)
	}
	return nil
}

// fixIntroduced fixes, in memory, the fixable findings of res that the change introduces (all
// of them when the run compared nothing: cfg has no source), under the run's kind and policy.
func fixIntroduced(res *validate.Result, cfg validateConfig) ([]*validate.FixResult, error) {
	return fixrun.Introduced(res, cfg.report.sets().Options(cfg.kind, nil), cfg.source != nil)
}

// postReview posts the fixes as suggested changes on the event's pull request
// (fixrun.Review): notices and warnings are annotations, through the log escaping.
func (fa *fixAction) postReview(results []*validate.FixResult, cfg validateConfig, gha *githubactions.Action, stdout io.Writer, getenv func(string) string) {
	ev, _ := readPREvent(getenv("GITHUB_EVENT_PATH"))
	token := ""
	if cfg.report != nil {
		token = cfg.report.token
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	fixrun.Review{
		Token: token, APIURL: getenv("GITHUB_API_URL"), Repository: getenv("GITHUB_REPOSITORY"),
		PullRequest: ev.PullRequest.Number, Commit: checkedCommit(getenv), Out: stdout,
		Notice: func(msg string) { gha.Noticef("%s", msg) },
		Warn:   func(msg string) { gha.Warningf("%s", msg) },
	}.Post(ctx, results)
}
