package main

// Reporting options shared by the validate and baseline commands and the action: the
// configuration file, the baseline, the SARIF file and, in the action, reporting through the
// GitHub API (sticky PR comment, check run).

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/sethvargo/go-githubactions"

	"github.com/connector-check/connector-check/internal/baseline"
	"github.com/connector-check/connector-check/internal/config"
	"github.com/connector-check/connector-check/internal/ghapi"
	"github.com/connector-check/connector-check/internal/settings"
	"github.com/connector-check/connector-check/report"
	"github.com/connector-check/connector-check/validate"
)

// reportOptions are the validate command's and the action's reporting settings: the
// configuration and the baseline (internal/settings), the SARIF file and, in the action, the
// API reporting.
type reportOptions struct {
	settings.Settings
	sarifFile string

	// Action only: reporting through the GitHub API.
	token    string
	comment  bool
	checkRun bool
}

// sets are the configuration and baseline settings; nil when ro is.
func (ro *reportOptions) sets() *settings.Settings {
	if ro == nil {
		return nil
	}
	return &ro.Settings
}

// addReportFlags registers --config, --baseline and --sarif-file.
func addReportFlags(fs *flag.FlagSet) *reportOptions {
	ro := &reportOptions{}
	ro.addConfigFlag(fs)
	fs.StringVar(&ro.BaselinePath, "baseline", "", "baseline `FILE` (from connector-check baseline): recorded findings become notices; only new ones fail")
	fs.StringVar(&ro.sarifFile, "sarif-file", "", "also write a SARIF 2.1.0 log to `FILE` (for GitHub code scanning)")
	fs.BoolVar(&ro.New, "new", false, "check as a new submission: rules that published connectors may break (contact, metadata, x-ms-summary, ...) become errors")
	return ro
}

// addConfigFlag registers --config (validate and baseline).
func (ro *reportOptions) addConfigFlag(fs *flag.FlagSet) {
	fs.StringVar(&ro.ConfigPath, "config", "", "configuration `FILE` (default: "+config.DefaultName+" in the working directory, when present)")
}

// writeSARIF writes the SARIF log to w.
func writeSARIF(w io.Writer, res *validate.Result, fp *baseline.Fingerprinter) error {
	sarif, _ := report.Lookup("sarif")
	return sarif(w, res, report.Options{Tool: tool(), Fingerprints: fp.Fingerprints, RulesRef: docsRef()})
}

// writeSARIFFile writes the --sarif-file / sarif-file log, when asked for (missing folders are
// created, as for every output file).
func (ro *reportOptions) writeSARIFFile(res *validate.Result, getenv func(string) string) error {
	if ro == nil || ro.sarifFile == "" {
		return nil
	}
	err := writeFile(ro.sarifFile, func(w io.Writer) error { return writeSARIF(w, res, ro.Fingerprinter()) })
	if err != nil {
		return fmt.Errorf("writing the SARIF file: %w", err)
	}
	return nil
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

// cmdBaseline records the current findings: connector-check baseline [PATH...] > baseline.json.
func cmdBaseline(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("baseline", flag.ContinueOnError)
	fs.SetOutput(stderr)
	output := fs.String("output", "", "write the baseline to `FILE` instead of standard output")
	kind := addKindFlag(fs, "the parent folder")
	ro := &reportOptions{}
	ro.addConfigFlag(fs)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: connector-check baseline [flags] [PATH...] > baseline.json\n\n"+
			"Records the current findings by line-independent fingerprints; validate --baseline FILE then\n"+
			"reports them as notices and fails only on new findings.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	paths, code, ok := parseCommandLine(fs, args)
	if !ok {
		return code
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	for _, p := range paths {
		if err := notAFileFor("baseline", p); err != nil {
			return fail(stderr, err)
		}
	}
	k, err := validate.ParseKind(*kind)
	if err != nil {
		return fail(stderr, err)
	}
	if err := ro.Load(); err != nil {
		return fail(stderr, err)
	}
	res, err := validate.Run(paths, ro.Options(k, verifyInFolder))
	if err != nil {
		return fail(stderr, err)
	}
	res = ro.Apply(res)
	write := baseline.Make(res, ro.Fingerprinter()).Write
	if *output == "" {
		err = write(stdout)
	} else {
		err = writeFile(*output, write)
	}
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stderr, "%s recorded (%s)\n", settings.Plural(len(res.Findings), "finding"), report.Tally(res))
	return exitOK
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
