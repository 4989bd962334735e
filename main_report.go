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
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/sethvargo/go-githubactions"

	"github.com/connector-check/connector-check/internal/baseline"
	"github.com/connector-check/connector-check/internal/config"
	"github.com/connector-check/connector-check/internal/ghapi"
	"github.com/connector-check/connector-check/internal/prmode"
	"github.com/connector-check/connector-check/report"
	"github.com/connector-check/connector-check/validate"
)

// reportOptions are the validate command's and the action's reporting settings.
type reportOptions struct {
	configPath   string // "" looks for .connector-check.yml in the working directory
	baselinePath string
	sarifFile    string
	isNew        bool // --new: check as a new submission (the catalog's ↑new rules become errors)

	// Action only: reporting through the GitHub API.
	token    string
	comment  bool
	checkRun bool

	cfg  *config.Config
	base *baseline.File
	fp   *baseline.Fingerprinter

	// atBase, in pull-request mode and with --base, reads a repository path at the base commit
	// (prmode.ErrAbsent when it isn't there): the configuration and the baseline come from there,
	// so a change can't lower its own verdict. root is the repository root on disk.
	atBase func(repoPath string) ([]byte, error)
	root   string
	// settings maps the repository paths of the configuration and baseline read at the base to
	// their report paths (for PrSettingsChanged).
	settings        map[string]string
	baselineMatched int // recorded findings that matched a finding of this run
}

// addReportFlags registers --config, --baseline and --sarif-file.
func addReportFlags(fs *flag.FlagSet) *reportOptions {
	ro := &reportOptions{}
	ro.addConfigFlag(fs)
	fs.StringVar(&ro.baselinePath, "baseline", "", "baseline `FILE` (from connector-check baseline): recorded findings become notices; only new ones fail")
	fs.StringVar(&ro.sarifFile, "sarif-file", "", "also write a SARIF 2.1.0 log to `FILE` (for GitHub code scanning)")
	fs.BoolVar(&ro.isNew, "new", false, "check as a new submission: rules that published connectors may break (contact, metadata, x-ms-summary, ...) become errors")
	return ro
}

// addConfigFlag registers --config (validate and baseline).
func (ro *reportOptions) addConfigFlag(fs *flag.FlagSet) {
	fs.StringVar(&ro.configPath, "config", "", "configuration `FILE` (default: "+config.DefaultName+" in the working directory, when present)")
}

// load reads the configuration and the baseline. A configuration error names file:line:col.
func (ro *reportOptions) load() error {
	if ro == nil {
		return nil
	}
	ro.fp = &baseline.Fingerprinter{}
	if ro.atBase != nil {
		return ro.loadAtBase()
	}
	var err error
	if ro.configPath != "" {
		ro.cfg, err = config.Load(ro.configPath)
	} else {
		ro.cfg, err = config.Find(".")
	}
	if err != nil {
		var ce config.Errors
		if errors.As(err, &ce) {
			return fmt.Errorf("configuration error:\n%w", err)
		}
		return err
	}
	if ro.baselinePath != "" {
		if ro.base, err = baseline.Load(ro.baselinePath); err != nil {
			return err
		}
	}
	return nil
}

// loadAtBase reads the configuration and the baseline at the base commit. A file outside the
// repository (a local --config) is read from disk; one inside is never read from the change.
func (ro *reportOptions) loadAtBase() error {
	ro.settings = map[string]string{}
	candidates := []string{ro.configPath}
	if ro.configPath == "" {
		candidates = []string{config.DefaultName, ".connector-check.yaml"}
	}
	for _, p := range candidates {
		data, found, err := ro.readAtBase(p, "the configuration")
		if err != nil {
			return err
		}
		if !found && ro.configPath != "" {
			return fmt.Errorf("config %s: not in the base commit (the configuration is read there, so a change can't lower its own verdict; commit it in a change of its own first)", p)
		}
		if !found {
			continue
		}
		if data == nil { // outside the repository
			ro.cfg, err = config.Load(p)
		} else {
			ro.cfg, err = config.Parse(p, data)
		}
		if err != nil {
			var ce config.Errors
			if errors.As(err, &ce) {
				return fmt.Errorf("configuration error (at the base commit):\n%w", err)
			}
			return err
		}
		break
	}
	if ro.baselinePath != "" {
		data, found, err := ro.readAtBase(ro.baselinePath, "the baseline")
		switch {
		case err != nil:
			return err
		case !found:
			return fmt.Errorf("baseline %s: not in the base commit (the baseline is read there; add it in a change of its own first)", ro.baselinePath)
		case data == nil:
			ro.base, err = baseline.Load(ro.baselinePath)
		default:
			ro.base, err = baseline.Parse(ro.baselinePath, data)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// readAtBase reads p (relative to the working directory) at the base commit when it is inside
// the repository, and records it as a settings file. data is nil and found true for a file
// outside the repository (read from disk by the caller); found is false when the base has no
// such file.
func (ro *reportOptions) readAtBase(p, what string) (data []byte, found bool, err error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, false, err
	}
	root, err := filepath.Abs(ro.root)
	if err != nil {
		return nil, false, err
	}
	rel, inside := relInside(root, abs)
	if !inside {
		_, err := os.Lstat(p)
		return nil, err == nil, nil
	}
	repoPath := filepath.ToSlash(rel)
	ro.settings[repoPath] = filepath.ToSlash(p)
	data, err = ro.atBase(repoPath)
	switch {
	case errors.Is(err, prmode.ErrAbsent):
		return nil, false, nil
	case err != nil:
		return nil, false, fmt.Errorf("reading %s (%s) at the base commit: %v", what, repoPath, err)
	}
	return data, true, nil
}

// options are validate.Options with the configuration's kinds by path.
func (ro *reportOptions) options(kind validate.Kind) validate.Options {
	opts := validate.Options{Kind: kind, VerifyPackage: verifyInFolder}
	if ro == nil {
		return opts
	}
	opts.New = ro.isNew
	if ro.cfg != nil && len(ro.cfg.Kinds) > 0 {
		opts.KindFor = ro.cfg.KindFor
	}
	return opts
}

// apply is the pure step between the rules and the reporters: configuration, then baseline.
func (ro *reportOptions) apply(res *validate.Result) *validate.Result {
	if ro == nil {
		return res
	}
	before := len(res.Findings)
	res = ro.cfg.Apply(res)
	suppressed := validate.Suppressed{Config: before - len(res.Findings)}
	if ro.base != nil {
		res, ro.baselineMatched = baseline.Apply(res, ro.base, ro.fp)
		suppressed.Baseline = ro.baselineMatched
	}
	res.Suppressed = suppressed
	return res
}

// baselineNote says how much of the baseline matched: "baseline: 12 of 15 recorded findings
// matched". When none did, the baseline was most likely recorded with other paths (another
// working directory, other PATH arguments), which would otherwise silently fail every finding.
func (ro *reportOptions) baselineNote() (note string, noneMatched bool) {
	if ro == nil || ro.base == nil {
		return "", false
	}
	total := len(ro.base.Findings)
	note = fmt.Sprintf("baseline %s: %d of %s matched", ro.baselinePath, ro.baselineMatched, plural(total, "recorded finding"))
	if ro.baselineMatched == 0 && total > 0 {
		note += "; was it recorded with other paths? Record and check from the same folder with the same PATH arguments (connector-check baseline PATH... > baseline.json)"
		return note, true
	}
	return note, false
}

func (ro *reportOptions) fingerprinter() *baseline.Fingerprinter {
	if ro == nil || ro.fp == nil {
		return &baseline.Fingerprinter{}
	}
	return ro.fp
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
	err := writeFile(ro.sarifFile, func(w io.Writer) error { return writeSARIF(w, res, ro.fingerprinter()) })
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
		configPath:   workspaceRelative(strings.TrimSpace(in("config")), ws),
		baselinePath: workspaceRelative(strings.TrimSpace(in("baseline")), ws),
		sarifFile:    workspaceRelative(strings.TrimSpace(in("sarif-file")), ws),
		token:        orDefault(strings.TrimSpace(in("github-token")), getenv("GITHUB_TOKEN")),
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
	if err := ro.load(); err != nil {
		return fail(stderr, err)
	}
	res, err := validate.Run(paths, ro.options(k))
	if err != nil {
		return fail(stderr, err)
	}
	res = ro.apply(res)
	write := baseline.Make(res, ro.fingerprinter()).Write
	if *output == "" {
		err = write(stdout)
	} else {
		err = writeFile(*output, write)
	}
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stderr, "%s recorded (%s)\n", plural(len(res.Findings), "finding"), report.Tally(res))
	return exitOK
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
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
