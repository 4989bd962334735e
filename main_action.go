// The GitHub action: its inputs (INPUT_*), the event, and the runner's files and API, wired to
// internal/prmode (pull-request mode), package/ (the package input), internal/ghapi (PR comment,
// check run) and internal/stepfiles (job summary, outputs). Everything written goes through the
// escaping writers of main_logwriter.go.

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/sethvargo/go-githubactions"

	"github.com/connector-check/connector-check/internal/config"
	"github.com/connector-check/connector-check/internal/ghapi"
	"github.com/connector-check/connector-check/internal/prmode"
	"github.com/connector-check/connector-check/internal/safefile"
	"github.com/connector-check/connector-check/internal/settings"
	"github.com/connector-check/connector-check/internal/stepfiles"
	packaging "github.com/connector-check/connector-check/package"
	"github.com/connector-check/connector-check/report"
	"github.com/connector-check/connector-check/validate"
)

// runAction is the container action's entry point: inputs come from INPUT_* variables. A usage or
// I/O error is also written as an error annotation, so that it shows on the pull request.
func runAction(stdout, stderr io.Writer, getenv func(string) string) int {
	gha := githubactions.New(githubactions.WithGetenv(getenv), githubactions.WithWriter(commandWriter(stdout)))
	cfg, pkg, err := actionInputs(gha.GetInput, getenv)
	code := exitError
	if err == nil {
		cfg.pkg = &pkg
		code, err = validateAndReport(cfg, stdout, stderr, getenv)
	}
	if err != nil {
		annotateError(gha, err)
		return fail(stderr, err)
	}
	return code
}

// actionInputs reads every input of action.yml, once: in is go-githubactions' GetInput, which
// reads INPUT_<NAME> the way the runner sets it (hyphens kept: INPUT_FAIL-ON). Paths are
// relative to the workspace.
func actionInputs(in func(string) string, getenv func(string) string) (validateConfig, packageInputs, error) {
	cfg := validateConfig{format: "github", action: true}
	var pkg packageInputs
	var err error
	if cfg.failOn, err = parseFailOn(orDefault(in("fail-on"), "error")); err != nil {
		return cfg, pkg, err
	}
	if cfg.kind, err = validate.ParseKind(orDefault(in("kind"), "auto")); err != nil {
		return cfg, pkg, err
	}
	if cfg.report, err = actionReportInputs(in, getenv); err != nil {
		return cfg, pkg, err
	}
	// One path per line: folder names may contain spaces ("Africa's Talking SMS").
	for _, line := range strings.Split(in("path"), "\n") {
		if p := strings.TrimSpace(line); p != "" {
			cfg.paths = append(cfg.paths, workspaceRelative(p, getenv("GITHUB_WORKSPACE")))
		}
	}
	if len(cfg.paths) == 0 {
		cfg.paths = []string{"."}
	}
	// A typo in path fails on every event: on a pull request the paths only filter the touched
	// connectors, and a filter that matches nothing would pass silently.
	// A folder in the checkout replaced by a symbolic link is not followed (it may point anywhere
	// on the runner).
	for _, p := range cfg.paths {
		if _, err := os.Lstat(p); err != nil {
			return cfg, pkg, fmt.Errorf("path %s: no such file or folder in the workspace (the path input is relative to the repository root)", p)
		}
		if !filepath.IsAbs(p) {
			if err := safefile.Inside(".", p); err != nil {
				return cfg, pkg, fmt.Errorf("path %s: %v", p, err)
			}
		}
	}
	if err := preparePullRequest(&cfg, in, getenv); err != nil {
		return cfg, pkg, err
	}
	if cfg.fix, err = actionFixInputs(in, getenv); err != nil {
		return cfg, pkg, err
	}
	pkg, err = actionPackageInputs(in, getenv)
	return cfg, pkg, err
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// workspaceRelative turns an absolute path inside the workspace into a workspace-relative one, so
// annotations name repository paths.
func workspaceRelative(p, workspace string) string {
	if workspace == "" || !filepath.IsAbs(p) {
		return p
	}
	if rel, ok := relInside(workspace, p); ok {
		return rel
	}
	return p
}

// relInside is p relative to dir, when p is dir or inside it.
func relInside(dir, p string) (string, bool) {
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return rel, true
}

// Pull-request mode's wiring: the inputs that switch it on. What it does (changed
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

// prContext is the pull request an event payload describes (main_hostile_test.go reads one).
type prContext struct{ prmode.Change }

func (pc *prContext) readEvent(p string) error { return pc.ReadEvent(p) }

// readPREvent reads the pull_request event payload at p (GITHUB_EVENT_PATH).
func readPREvent(p string) (prmode.Event, error) { return prmode.ReadEvent(p) }

// packageInputs are the action's package and package-dir inputs.
type packageInputs struct {
	enabled bool
	dir     string // default: connector-check-packages under RUNNER_TEMP
	// tempDir: dir is the default under RUNNER_TEMP, so a failure to create it is a warning.
	tempDir bool
}

func actionPackageInputs(in func(string) string, getenv func(string) string) (packageInputs, error) {
	enabled, err := parseBoolInput("package", in("package"))
	dir := in("package-dir")
	temp := false
	if dir == "" {
		dir = "connector-check-packages"
		if tmp := getenv("RUNNER_TEMP"); tmp != "" {
			dir, temp = filepath.Join(tmp, dir), true
		}
	}
	return packageInputs{enabled: enabled, dir: workspaceRelative(dir, getenv("GITHUB_WORKSPACE")), tempDir: temp}, err
}

// packageValidated builds the action's packages from the connectors of res into pkg.dir
// (packaging.Batch), and adds the packaging findings to res.
func packageValidated(gha *githubactions.Action, pkg packageInputs, res *validate.Result, kind validate.Kind, stderr io.Writer, getenv func(string) string) (packaging.BatchResult, error) {
	return packaging.Batch{
		Dir: pkg.dir, TempDir: pkg.tempDir, Workspace: getenv("GITHUB_WORKSPACE"), Kind: kind, Budget: runBudget,
		Log:        stderr,
		Warn:       func(msg string) { gha.Warningf("%s", msg) },
		Fail:       func(msg string) { gha.Errorf("%s", msg) },
		OutputName: func(p string) string { return outputPath(p, getenv) },
	}.PackageValidated(res)
}

// actionReportInputs reads the action's reporting inputs: config, baseline, sarif-file,
// github-token (else GITHUB_TOKEN), comment and check-run. Paths are relative to the workspace.
func actionReportInputs(in func(string) string, getenv func(string) string) (*reportOptions, error) {
	ws := getenv("GITHUB_WORKSPACE")
	ro := &reportOptions{
		Settings: settings.Settings{
			ConfigPath:   workspaceRelative(strings.TrimSpace(in("config")), ws),
			BaselinePath: workspaceRelative(strings.TrimSpace(in("baseline")), ws),
		},
		sarifFile: workspaceRelative(strings.TrimSpace(in("sarif-file")), ws),
		token:     orDefault(strings.TrimSpace(in("github-token")), getenv("GITHUB_TOKEN")),
	}
	var err error
	if ro.comment, err = parseBoolInput("comment", in("comment")); err != nil {
		return nil, err
	}
	if ro.checkRun, err = parseBoolInput("check-run", in("check-run")); err != nil {
		return nil, err
	}
	return ro, nil
}

func parseBoolInput(name, v string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "false", "no", "0":
		return false, nil
	case "true", "yes", "1":
		return true, nil
	}
	return false, fmt.Errorf("%s: unknown value %q (want true or false)", name, v)
}

// reportThroughAPI writes the sticky PR comment and/or the check run when asked for
// (ghapi.Publication): notices and warnings are annotations, through the log escaping.
func (ro *reportOptions) reportThroughAPI(res *validate.Result, sumOpts report.SummaryOptions, failing bool, stdout io.Writer, getenv func(string) string) {
	if ro == nil || (!ro.comment && !ro.checkRun) {
		return
	}
	gha := githubactions.New(githubactions.WithGetenv(getenv), githubactions.WithWriter(commandWriter(stdout)))
	ev, _ := readPREvent(getenv("GITHUB_EVENT_PATH")) // no pull request: no comment
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ghapi.Publication{
		Comment: ro.comment, CheckRun: ro.checkRun, Token: ro.token,
		APIURL: getenv("GITHUB_API_URL"), Repository: getenv("GITHUB_REPOSITORY"),
		PullRequest: ev.PullRequest.Number, HeadSHA: checkedCommit(getenv), RunURL: runURL(getenv),
		Summary: sumOpts, Out: stdout,
		Notice: func(msg string) { gha.Noticef("%s", msg) },
		Warn:   func(msg string) { gha.Warningf("%s", msg) },
	}.Publish(ctx, res, failing)
}

// runURL is the workflow run's page, which shows the job summary.
func runURL(getenv func(string) string) string {
	server, repo, id := getenv("GITHUB_SERVER_URL"), getenv("GITHUB_REPOSITORY"), getenv("GITHUB_RUN_ID")
	if server == "" || repo == "" || id == "" {
		return ""
	}
	u := strings.TrimRight(server, "/") + "/" + repo + "/actions/runs/" + id
	if a := getenv("GITHUB_RUN_ATTEMPT"); a != "" && a != "1" {
		u += "/attempts/" + a
	}
	return u
}

// annotateError writes a usage or I/O error as an error annotation; configuration errors get one
// annotation each, on the configuration file at their line and column.
func annotateError(gha *githubactions.Action, err error) {
	var ce config.Errors
	if !errors.As(err, &ce) {
		gha.Errorf("%s", "connector-check: "+err.Error())
		return
	}
	for _, e := range ce {
		fields := map[string]string{"file": filepath.ToSlash(e.File), "title": "connector-check configuration"}
		if e.Line > 0 {
			fields["line"] = strconv.Itoa(e.Line)
			fields["col"] = strconv.Itoa(e.Column)
		}
		gha.WithFieldsMap(fields).Errorf("%s", e.Msg)
	}
}

// writeGitHubFiles writes the job summary, the outputs and the JSON report when the runner
// provides their files (internal/stepfiles); without them (a local run of --format github) it
// writes nothing.
func writeGitHubFiles(res *validate.Result, cfg validateConfig, pkgs packaging.BatchResult, stdout io.Writer, getenv func(string) string) error {
	gha := githubactions.New(githubactions.WithGetenv(getenv), githubactions.WithWriter(commandWriter(stdout)))
	files := stepfiles.Files{
		Summary: getenv("GITHUB_STEP_SUMMARY"), Output: getenv("GITHUB_OUTPUT"), Temp: getenv("RUNNER_TEMP"),
		Warn:       func(msg string) { gha.Warningf("%s", msg) },
		OutputName: func(p string) string { return outputPath(p, getenv) },
	}
	return files.Write(stepfiles.Report{
		Result:   res,
		Summary:  func() string { return report.Summary(res, summaryOptions(cfg, getenv)) },
		JSON:     func(w io.Writer) error { return report.JSON(w, res, tool()) },
		Packages: pkgs.Built, HasPackages: cfg.pkg != nil,
	})
}

// summaryOptions are the job summary's options for the action's run.
func summaryOptions(cfg validateConfig, getenv func(string) string) report.SummaryOptions {
	return report.SummaryOptions{
		LinkBase: linkBase(getenv), Version: toolVersion(), FailOn: cfg.failOn,
		EventFile: getenv("GITHUB_EVENT_PATH"),
		RulesURL:  report.DefaultInformationURI + "/blob/" + docsRef() + "/docs/rules.md",
		Compared:  cfg.report != nil && cfg.report.BaselinePath != "",
	}
}

// outputPath is how an output names a file the action wrote (stepfiles.OutputPath).
func outputPath(p string, getenv func(string) string) string {
	return stepfiles.OutputPath(p, getenv("GITHUB_WORKSPACE"), getenv("RUNNER_WORKSPACE"))
}

// linkBase is the URL prefix of files at the checked commit, for links in the job summary.
func linkBase(getenv func(string) string) string {
	server, repo, sha := getenv("GITHUB_SERVER_URL"), getenv("GITHUB_REPOSITORY"), checkedCommit(getenv)
	if server == "" || repo == "" || sha == "" {
		return ""
	}
	return strings.TrimRight(server, "/") + "/" + repo + "/blob/" + sha + "/"
}

// checkedCommit is the pull request's head commit from the event payload, else GITHUB_SHA: on
// pull_request events GITHUB_SHA is a merge commit that readers can't browse.
func checkedCommit(getenv func(string) string) string {
	if ev, err := readPREvent(getenv("GITHUB_EVENT_PATH")); err == nil && ev.PullRequest.Head.SHA != "" {
		return ev.PullRequest.Head.SHA
	}
	return getenv("GITHUB_SHA")
}
