package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/connector-check/connector-check/internal/ghapi"
	"github.com/connector-check/connector-check/internal/prmode"
	"github.com/connector-check/connector-check/validate"
)

// Pull-request mode's wiring: the inputs and flags that switch it on. What it does (changed
// files, base versions, breaking changes, inherited findings) is internal/prmode's Change.

// preparePullRequest switches the action to pull-request mode on pull_request events (and to a
// base comparison when the base input is set). Other events keep the plain folder check.
func preparePullRequest(cfg *validateConfig, in func(string) string, getenv func(string) string) error {
	scope := strings.ToLower(strings.TrimSpace(in("scope")))
	switch scope {
	case "", "changed", "all":
	default:
		return fmt.Errorf("scope: unknown value %q (want changed or all)", scope)
	}
	event := getenv("GITHUB_EVENT_NAME")
	isPR := event == "pull_request" || event == "pull_request_target"
	base := strings.TrimSpace(in("base"))
	newOnly, err := parseBoolInput("new-findings-only", orDefault(in("new-findings-only"), "true"))
	if err != nil {
		return err
	}
	if !isPR && base == "" {
		return nil // scope defaults to all outside pull requests
	}
	if scope == "" {
		scope = "changed"
	}
	ch := &prmode.Change{IsPR: isPR, Root: ".", Scope: scope, NewOnly: newOnly, VerifyPackage: verifyInFolder}
	if isPR {
		if err := ch.ReadEvent(getenv("GITHUB_EVENT_PATH")); err != nil {
			return err
		}
		if ch.PR.Repository == "" {
			ch.PR.Repository = getenv("GITHUB_REPOSITORY")
		}
	} else {
		ch.PR.Repository = getenv("GITHUB_REPOSITORY")
	}
	ch.PR.Upstream = validate.IsUpstreamRepository(ch.PR.Repository)
	if cfg.report != nil && cfg.report.token != "" {
		client, err := ghapi.New(cfg.report.token, getenv("GITHUB_API_URL"), ch.PR.Repository)
		if err != nil {
			return fmt.Errorf("pull-request mode: %v", err)
		}
		ch.API = client
	}
	if !isPR {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := ch.UseBase(ctx, base, orDefault(getenv("GITHUB_SHA"), "HEAD")); err != nil {
			return err
		}
	} else if err := ch.CheckSource(); err != nil {
		return err
	}
	usePullRequestMode(cfg, ch)
	return nil
}

// usePullRequestMode makes ch produce cfg's result, and reads the configuration and the baseline
// at its base commit.
func usePullRequestMode(cfg *validateConfig, ch *prmode.Change) {
	ro := cfg.report
	if ro != nil {
		ro.AtBase = ch.SettingsFile
		ro.Root = ch.Root
	}
	paths, kind := cfg.paths, cfg.kind
	cfg.source = func(opts validate.Options) (*validate.Result, error) {
		rc := prmode.RunConfig{Paths: paths, Kind: kind, Acknowledge: ro.sets().Acknowledged()}
		if ro != nil {
			rc.Settings = ro.Read
		}
		return ch.Run(rc, opts)
	}
}

// validateWithBase is `validate --base REF`: the local equivalent of pull-request mode. The changed
// files come from git diff --merge-base REF (the working tree against the merge base); the touched
// connectors under the paths (relative to the working directory) are validated and compared with
// their version at REF, and the configuration and baseline are read at REF. title, when given, is
// the pull request's title ("Proposal - <Name>" checks a proposal).
func validateWithBase(cfg *validateConfig, base, title string, newOnly bool) error {
	top, err := prmode.Git(".", "rev-parse", "--show-toplevel")
	if err != nil {
		return fmt.Errorf("--base needs a git repository: %v", err)
	}
	root := strings.TrimSpace(string(top))
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, root); err == nil {
			root = rel
		}
	}
	for _, p := range cfg.paths {
		if _, err := os.Lstat(p); err != nil {
			return fmt.Errorf("path %s: %v", p, err)
		}
	}
	// head: the working tree
	ch := &prmode.Change{Root: root, Scope: "changed", BaseSHA: base, NewOnly: newOnly, VerifyPackage: verifyInFolder}
	ch.PR.Title = title
	if !prmode.HasCommit(root, base) {
		return fmt.Errorf("--base %s: no such commit in %s", base, root)
	}
	usePullRequestMode(cfg, ch)
	return nil
}

// prContext is the pull request an event payload describes (main_hostile_test.go reads one).
type prContext struct{ prmode.Change }

func (pc *prContext) readEvent(p string) error { return pc.ReadEvent(p) }

// readPREvent reads the pull_request event payload at p (GITHUB_EVENT_PATH).
func readPREvent(p string) (prmode.Event, error) { return prmode.ReadEvent(p) }
