// Command connector-check checks Microsoft Power Platform connector folders offline, as a CLI and
// as a GitHub container action (the same binary: with GITHUB_ACTIONS=true and no arguments it
// reads the action's inputs).
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/sethvargo/go-githubactions"

	"github.com/connector-check/connector-check/internal/safefile"
	"github.com/connector-check/connector-check/report"
	"github.com/connector-check/connector-check/validate"
)

//go:generate sh -c "go run . rules --format markdown > docs/rules.md"

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = ""

func main() {
	// Garbage collection, from measurements (README, "Speed"): over the whole published repository
	// (1,000 connectors, 87 MB), 8 interleaved runs each on the shared 2-core machine, GOGC=50,
	// 100 and 400 took the same CPU (least 2.08, 2.16, 2.00 s; median 2.49, 2.36, 2.38 s) at a
	// peak RSS of 56, 68 and 122 MB: since the parse reuses its trees' memory, a run allocates
	// half what it did, and the larger heap of GOGC=400 saved collector work only to pay it back
	// in page faults (29,000 against 16,000, at 10-25 µs each on this machine). So GOGC stays at
	// Go's default. A soft memory limit is a backstop, and it must stay above the live heap of
	// the largest input: at 160 MiB a 23 MB swagger (about 250 MB live) spent 10.7 s of CPU
	// collecting, at 256 MiB 3.7 s. GOGC and GOMEMLIMIT set by the user win.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(256 << 20)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}

// Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or I/O error.
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

const usage = `connector-check checks Power Platform connector folders offline.

Usage:
  connector-check validate [flags] [PATH...]   check connector folders (default PATH: .)
  connector-check baseline [flags] [PATH...]   record the current findings (> baseline.json)
  connector-check package [flags] DIR          build the certification package.zip of a connector
  connector-check verify-package [flags] FILE.zip
                                               check a certification package
  connector-check breaking [flags] OLD NEW     breaking changes from OLD to NEW (swagger files or folders)
  connector-check rules [--format text|json|markdown]
                                               list every rule with its default severity
  connector-check version                      print the version

PATH is a connector folder or any folder above connector folders.
Run "connector-check validate -h" for the validate flags.
`

// run runs one command. In a workflow step both streams are guarded (main_logwriter.go): no name
// or text from a pull request becomes a workflow command.
func run(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	stdout, stderr = guardStreams(stdout, stderr, getenv)
	defer flushStreams(stdout, stderr)
	return runCommand(args, stdout, stderr, getenv)
}

func runCommand(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	newRunBudget()
	if len(args) == 0 {
		if getenv("GITHUB_ACTIONS") == "true" {
			return runAction(stdout, stderr, getenv)
		}
		fmt.Fprint(stderr, usage)
		return exitError
	}
	switch args[0] {
	case "validate":
		return cmdValidate(args[1:], stdout, stderr, getenv)
	case "package":
		return cmdPackage(args[1:], stdout, stderr)
	case "verify-package":
		return cmdVerifyPackage(args[1:], stdout, stderr)
	case "breaking":
		return cmdBreaking(args[1:], stdout, stderr, getenv)
	case "rules":
		return cmdRules(args[1:], stdout, stderr)
	case "baseline":
		return cmdBaseline(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		if len(args) > 1 {
			switch args[1] {
			case "-h", "-help", "--help", "help":
				fmt.Fprint(stdout, "Usage: connector-check version\n\nPrints the version of connector-check.\n")
				return exitOK
			}
			return fail(stderr, fmt.Errorf("version takes no arguments, got %q", args[1]))
		}
		fmt.Fprintf(stdout, "connector-check %s\n", toolVersion())
		return exitOK
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "connector-check: unknown command %q\n\n%s", args[0], usage)
	return exitError
}

func toolVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// releaseTag matches the versions the release workflow stamps (v1.2.3, v1.2.3-rc.1).
var releaseTag = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$`)

// docsRef is the tag whose docs the rule links point at: the release's own, so a rule's text
// matches the version that reported it; main for development builds.
func docsRef() string {
	if v := toolVersion(); releaseTag.MatchString(v) {
		return v
	}
	return "main"
}

// validateConfig is what the validate command and the action share.
type validateConfig struct {
	paths  []string
	format string
	output string
	failOn validate.Severity // 0 = never
	kind   validate.Kind
	report *reportOptions // config, baseline, SARIF file, API reporting (main_report.go)
	pkg    *packageInputs // the action's package and package-dir inputs (main_package.go)
	action bool           // run as the GitHub action (inputs from INPUT_*)
	// source, when set, produces the result instead of validating paths (breaking, pull-request mode).
	source func(validate.Options) (*validate.Result, error)
}

func parseFailOn(s string) (validate.Severity, error) {
	if strings.EqualFold(strings.TrimSpace(s), "never") {
		return 0, nil
	}
	sev, err := validate.ParseSeverity(s)
	if err != nil {
		return 0, fmt.Errorf("fail-on: unknown value %q (want error, warning, notice or never)", s)
	}
	return sev, nil
}

func cmdValidate(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	of := addOutputFlags(fs, report.Names(), "the parent folder")
	ro := addReportFlags(fs)
	base := fs.String("base", "", "git `REF` to compare with: check only the connectors changed since REF, and their breaking changes; the configuration and baseline are read at REF")
	newOnly := fs.Bool("new-only", false, "with --base: findings the connector already had at REF are inherited notices; only what the change introduces fails")
	title := fs.String("title", "", "with --base, the pull request's `TITLE`: \"Proposal - <Name>\" checks the changed folder as a proposal")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: connector-check validate [flags] [PATH...]\n\nFlags:\n")
		fs.PrintDefaults()
	}
	paths, code, ok := parseCommandLine(fs, args)
	if !ok {
		return code
	}
	cfg, err := of.config(paths)
	if err != nil {
		return fail(stderr, err)
	}
	for _, p := range paths {
		if err := notAFile(p); err != nil {
			return fail(stderr, err)
		}
	}
	cfg.report = ro
	if len(cfg.paths) == 0 {
		cfg.paths = []string{"."}
	}
	if *newOnly && *base == "" {
		return fail(stderr, errors.New("--new-only needs --base REF (the commit to compare with)"))
	}
	if *title != "" && *base == "" {
		return fail(stderr, errors.New("--title needs --base"))
	}
	if *base != "" {
		if err := validateWithBase(&cfg, *base, *title, *newOnly); err != nil {
			return fail(stderr, err)
		}
	}
	code, err = validateAndReport(cfg, stdout, stderr, getenv)
	if err != nil {
		return fail(stderr, err)
	}
	return code
}

// outputFlags are the flags of every command that reports findings (validate, breaking, package,
// verify-package): --format (one of formats), --output, --fail-on and --kind.
type outputFlags struct {
	formats                      []string
	format, output, failOn, kind *string
}

// addOutputFlags registers the output flags; kindFrom says where --kind auto looks.
func addOutputFlags(fs *flag.FlagSet, formats []string, kindFrom string) *outputFlags {
	return &outputFlags{
		formats: formats,
		format:  fs.String("format", "text", "output format: "+orList(formats)),
		output:  fs.String("output", "", "write the report to `FILE` instead of standard output"),
		failOn:  fs.String("fail-on", "error", "exit 1 when a finding is at or above this severity: error, warning, notice or never"),
		kind:    addKindFlag(fs, kindFrom),
	}
}

// addKindFlag registers --kind; kindFrom says where auto looks.
func addKindFlag(fs *flag.FlagSet, kindFrom string) *string {
	return fs.String("kind", "auto", "connector kind: auto (from "+kindFrom+"), certified, independent-publisher or custom")
}

// config checks the flag values and returns them as a validateConfig for paths.
func (o *outputFlags) config(paths []string) (validateConfig, error) {
	// Formats are case-insensitive, like fail-on and the action's inputs.
	cfg := validateConfig{paths: paths, format: strings.ToLower(strings.TrimSpace(*o.format)), output: *o.output}
	var err error
	if cfg.failOn, err = parseFailOn(*o.failOn); err != nil {
		return cfg, err
	}
	if cfg.kind, err = validate.ParseKind(*o.kind); err != nil {
		return cfg, err
	}
	if !slices.Contains(o.formats, cfg.format) {
		return cfg, fmt.Errorf("format: unknown value %q (want %s)", *o.format, orList(o.formats))
	}
	return cfg, nil
}

// notAFile fails for a path that is a connector's file rather than a folder, suggesting the
// folder: "connector-check validate apiDefinition.swagger.json" is a common first try.
func notAFile(p string) error { return notAFileFor("validate", p) }

// notAFileFor is notAFile for command cmd.
func notAFileFor(cmd, p string) error {
	info, err := os.Stat(p)
	if err != nil || info.IsDir() {
		return nil // validation reports a missing path itself
	}
	dir := filepath.Dir(p)
	return fmt.Errorf("%s is a file; connector-check checks connector folders: run connector-check %s %s", p, cmd, shellQuote(dir))
}

// shellQuote quotes a path for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+=:,@", r))
	}) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// orList is "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// parseCommandLine parses a command's flags and arguments. When it returns ok = false the command
// ends with code: 0 when help was asked for, 2 for a bad flag (the flag package said why).
func parseCommandLine(fs *flag.FlagSet, args []string) (rest []string, code int, ok bool) {
	rest, err := parseInterspersed(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return nil, exitOK, false
	case err != nil:
		return nil, exitError, false
	}
	return rest, 0, true
}

// parseInterspersed lets flags follow the paths (connector-check validate X --format json).
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func fail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "connector-check: %v\n", err)
	return exitError
}

// validateAndReport runs the check and writes the report. An error means exit code 2.
func validateAndReport(cfg validateConfig, stdout, stderr io.Writer, getenv func(string) string) (int, error) {
	if err := cfg.report.load(); err != nil {
		return exitError, err
	}
	res, err := runChecks(cfg, cfg.report.options(cfg.kind))
	if err != nil {
		return exitError, err
	}
	// The action's packages are built from the connectors just validated (in a pull request, the
	// ones it touches), and their findings join the result: the annotations, the summary and
	// the errors output count them like every other finding.
	var pkgs packageRun
	if cfg.pkg != nil && cfg.pkg.enabled {
		gha := githubactions.New(githubactions.WithGetenv(getenv), githubactions.WithWriter(commandWriter(stdout)))
		if pkgs, err = packageValidated(gha, *cfg.pkg, res, cfg.kind, stderr, getenv); err != nil {
			return exitError, err
		}
	}
	res = settleInherited(cfg.report.apply(res))
	code := exitCode(res, cfg.failOn)
	if pkgs.failed {
		code = max(code, exitFindings)
	}
	if err := emit(res, cfg, stdout); err != nil {
		return exitError, err
	}
	if cfg.format == "github" {
		if err := writeGitHubFiles(res, cfg, pkgs, stdout, getenv); err != nil {
			return exitError, err
		}
	}
	if err := cfg.report.writeSARIFFile(res, getenv); err != nil {
		return exitError, err
	}
	fmt.Fprintf(stderr, "%s\n", report.Tally(res))
	if s := report.SuppressedText(res.Suppressed); s != "" {
		fmt.Fprintf(stderr, "%s\n", s)
	}
	if note, none := cfg.report.baselineNote(); note != "" {
		fmt.Fprintf(stderr, "connector-check: %s\n", note)
		if none && cfg.format == "github" {
			gha := githubactions.New(githubactions.WithGetenv(getenv), githubactions.WithWriter(commandWriter(stdout)))
			gha.Warningf("%s", "connector-check: "+note)
		}
	}
	if cfg.format == "github" {
		cfg.report.reportThroughAPI(res, cfg.failOn, code == exitFindings, stdout, getenv)
	}
	return code, nil
}

// emit writes the report in cfg.format to cfg.output, or to stdout when there is no output file.
func emit(res *validate.Result, cfg validateConfig, stdout io.Writer) error {
	format, ok := report.Lookup(cfg.format)
	if !ok {
		format, _ = report.Lookup("text")
	}
	opts := report.Options{Tool: tool(), Fingerprints: cfg.report.fingerprinter().Fingerprints, RulesRef: docsRef()}
	// The API reporting may add a notice after the findings (a fork's token may not write): a
	// slot is kept for it, or the runner drops it.
	if cfg.report != nil && (cfg.report.comment || cfg.report.checkRun) {
		opts.GitHub.ReserveNotices = 1
	}
	if cfg.action { // RUNNER_TEMP not writable, a baseline that matched nothing
		opts.GitHub.ReserveWarnings = 1
	}
	write := func(w io.Writer) error {
		if cfg.format == "github" { // workflow commands are meant for the runner: past the log escaping
			w = commandWriter(w)
		}
		return format(w, res, opts)
	}
	if cfg.output == "" {
		return write(stdout)
	}
	return writeFile(cfg.output, write)
}

// exitCode is the exit code for failOn: inherited findings (already on the base branch) don't
// fail a pull request (report.Failing, which the summary's verdict uses too).
func exitCode(res *validate.Result, failOn validate.Severity) int {
	if report.Failing(res, failOn) {
		return exitFindings
	}
	return exitOK
}

// tallyAndCode prints the tally on stderr and returns the exit code for failOn.
func tallyAndCode(res *validate.Result, failOn validate.Severity, stderr io.Writer) int {
	fmt.Fprintf(stderr, "%s\n", report.Tally(res))
	if s := report.SuppressedText(res.Suppressed); s != "" {
		fmt.Fprintf(stderr, "%s\n", s)
	}
	return exitCode(res, failOn)
}

// writeFile writes an output file (--output, --sarif-file, baseline --output) through a
// temporary file renamed into place: missing folders are created, nothing is written through a
// symbolic link, and a failed write removes only the temporary file (safefile).
func writeFile(name string, write func(io.Writer) error) error {
	return safefile.Write(name, os.Getenv("GITHUB_WORKSPACE"), write)
}

func tool() report.Tool { return report.Tool{Name: "connector-check", Version: toolVersion()} }

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

// writeGitHubFiles writes the job summary, the outputs and the JSON report when the runner
// provides their files; without them (a local run of --format github) it writes nothing. A
// RUNNER_TEMP that is missing or can't be written (older runners don't mount it into container
// actions) costs the JSON report and gives a warning; it never fails the check.
func writeGitHubFiles(res *validate.Result, cfg validateConfig, pkgs packageRun, stdout io.Writer, getenv func(string) string) error {
	gha := githubactions.New(githubactions.WithGetenv(getenv), githubactions.WithWriter(commandWriter(stdout)))
	onRunner := getenv("GITHUB_OUTPUT") != "" || getenv("GITHUB_STEP_SUMMARY") != ""
	jsonPath := ""
	if tmp := getenv("RUNNER_TEMP"); tmp != "" {
		p := filepath.Join(tmp, "connector-check-report.json")
		err := safefile.Write(p, "", func(w io.Writer) error { return report.JSON(w, res, tool()) })
		if err != nil {
			gha.Warningf("%s", "connector-check: the JSON report was not written ("+err.Error()+"); the report-json output is empty, the job summary and the log have every finding")
		} else {
			jsonPath = outputPath(p, getenv)
		}
	} else if onRunner {
		gha.Warningf("%s", "connector-check: RUNNER_TEMP is not set, so the JSON report was not written; the report-json output is empty, the job summary and the log have every finding")
	}
	if p := getenv("GITHUB_STEP_SUMMARY"); p != "" {
		md := report.Summary(res, summaryOptions(cfg, getenv))
		if err := safefile.Append(p, md); err != nil {
			return fmt.Errorf("writing the job summary: %w", err)
		}
	}
	if p := getenv("GITHUB_OUTPUT"); p != "" {
		var sb strings.Builder
		for _, kv := range [][2]string{
			{"errors", fmt.Sprint(res.Counts.Errors)},
			{"warnings", fmt.Sprint(res.Counts.Warnings)},
			{"notices", fmt.Sprint(res.Counts.Notices)},
			{"connectors", fmt.Sprint(len(res.Connectors))},
			{"report-json", jsonPath},
		} {
			fmt.Fprintf(&sb, "%s=%s\n", kv[0], kv[1])
		}
		if cfg.pkg != nil {
			list, _ := json.Marshal(append([]string{}, pkgs.built...))
			fmt.Fprintf(&sb, "packages=%s\n", list)
		}
		if err := safefile.Append(p, sb.String()); err != nil {
			return fmt.Errorf("writing the outputs: %w", err)
		}
	}
	return nil
}

// summaryOptions are the job summary's options for the action's run.
func summaryOptions(cfg validateConfig, getenv func(string) string) report.SummaryOptions {
	return report.SummaryOptions{
		LinkBase: linkBase(getenv), Version: toolVersion(), FailOn: cfg.failOn,
		EventFile: getenv("GITHUB_EVENT_PATH"),
		RulesURL:  report.DefaultInformationURI + "/blob/" + docsRef() + "/docs/rules.md",
		Compared:  cfg.report != nil && cfg.report.baselinePath != "",
	}
}

// outputPath is how an output names a file the action wrote, so that later steps (which run on
// the host, not in the action's container) can open it: a path inside the workspace is given
// relative to it (steps run in the workspace); a path under the container's RUNNER_TEMP mount
// (/github/runner_temp) is given as the host's runner temp folder, which the runner keeps at
// _temp beside the repository folders (RUNNER_WORKSPACE, which the runner doesn't translate,
// is <work>/<repository>); anything else is given as it is.
func outputPath(p string, getenv func(string) string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	if ws := getenv("GITHUB_WORKSPACE"); ws != "" {
		if rel, ok := relInside(ws, abs); ok {
			return filepath.ToSlash(rel)
		}
	}
	const containerTemp = "/github/runner_temp"
	if rel, ok := relInside(containerTemp, abs); ok {
		if rw := getenv("RUNNER_WORKSPACE"); filepath.IsAbs(rw) && !strings.HasPrefix(rw, "/github/") {
			return filepath.ToSlash(filepath.Join(filepath.Dir(rw), "_temp", rel))
		}
	}
	return filepath.ToSlash(abs)
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

func cmdRules(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: "+orList(report.RulesNames()))
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: connector-check rules [--format %s]\n\n"+
			"Lists every rule with its ID, default severity, the kinds it applies to and what it checks.\n\nFlags:\n",
			strings.Join(report.RulesNames(), "|"))
		fs.PrintDefaults()
	}
	rest, code, ok := parseCommandLine(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return fail(stderr, fmt.Errorf("rules takes no arguments, got %q", rest[0]))
	}
	write, ok := report.LookupRules(strings.ToLower(strings.TrimSpace(*format)))
	if !ok {
		return fail(stderr, fmt.Errorf("format: unknown value %q (want %s)", *format, orList(report.RulesNames())))
	}
	if err := write(stdout, validate.Rules()); err != nil {
		return fail(stderr, err)
	}
	return exitOK
}
