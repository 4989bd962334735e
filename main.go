// Command connector-check checks Microsoft Power Platform connector folders offline, as a CLI and
// as a GitHub container action (the same binary: with GITHUB_ACTIONS=true and no arguments it
// reads the action's inputs).
package main

import (
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

	"github.com/connector-check/connector-check/internal/baseline"
	"github.com/connector-check/connector-check/internal/config"
	"github.com/connector-check/connector-check/internal/prmode"
	"github.com/connector-check/connector-check/internal/safefile"
	"github.com/connector-check/connector-check/internal/settings"
	packaging "github.com/connector-check/connector-check/package"
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
  connector-check fix [flags] [PATH...]        apply the verified fixes of fixable findings in place
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
	case "fix":
		return cmdFix(args[1:], stdout, stderr)
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
	fix    *fixAction // the action's suggest and fix-patch inputs (main_fix_action.go)
}

// forRunner reports whether the run writes workflow commands for the runner (the github format):
// then the job summary, the outputs and the API reporting are written too.
func (cfg validateConfig) forRunner() bool { return report.WorkflowCommands(cfg.format) }

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
	if err := cfg.report.sets().Load(); err != nil {
		return exitError, err
	}
	res, err := runChecks(cfg, cfg.report.sets().Options(cfg.kind, verifyInFolder))
	if err != nil {
		return exitError, err
	}
	// The action's packages are built from the connectors just validated (in a pull request, the
	// ones it touches), and their findings join the result: the annotations, the summary and
	// the errors output count them like every other finding.
	var pkgs packaging.BatchResult
	if cfg.pkg != nil && cfg.pkg.enabled {
		gha := githubactions.New(githubactions.WithGetenv(getenv), githubactions.WithWriter(commandWriter(stdout)))
		if pkgs, err = packageValidated(gha, *cfg.pkg, res, cfg.kind, stderr, getenv); err != nil {
			return exitError, err
		}
	}
	res = prmode.SettleInherited(cfg.report.sets().Apply(res))
	code := exitCode(res, cfg.failOn)
	if pkgs.Failed {
		code = max(code, exitFindings)
	}
	if err := emit(res, cfg, stdout); err != nil {
		return exitError, err
	}
	if cfg.forRunner() {
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
	if note, none := cfg.report.sets().BaselineNote(); note != "" {
		fmt.Fprintf(stderr, "connector-check: %s\n", note)
		if none && cfg.forRunner() {
			gha := githubactions.New(githubactions.WithGetenv(getenv), githubactions.WithWriter(commandWriter(stdout)))
			gha.Warningf("%s", "connector-check: "+note)
		}
	}
	if cfg.forRunner() {
		cfg.report.reportThroughAPI(res, summaryOptions(cfg, getenv), code == exitFindings, stdout, getenv)
	}
	if err := cfg.fix.run(res, cfg, stdout, getenv); err != nil {
		return exitError, err
	}
	return code, nil
}

// runChecks produces the result of a run: cfg.source when set, else a check of cfg.paths.
func runChecks(cfg validateConfig, opts validate.Options) (*validate.Result, error) {
	if cfg.source != nil {
		return cfg.source(opts)
	}
	return validate.Run(cfg.paths, opts)
}

// emit writes the report in cfg.format to cfg.output, or to stdout when there is no output file.
func emit(res *validate.Result, cfg validateConfig, stdout io.Writer) error {
	format, ok := report.Lookup(cfg.format)
	if !ok {
		format, _ = report.Lookup("text")
	}
	opts := report.Options{Tool: tool(), Fingerprints: cfg.report.sets().Fingerprinter().Fingerprints, RulesRef: docsRef()}
	// The API reporting may add a notice after the findings (a fork's token may not write): a
	// slot is kept for it, or the runner drops it.
	if cfg.report != nil && (cfg.report.comment || cfg.report.checkRun) {
		opts.GitHub.ReserveNotices = 1
	}
	if cfg.action { // RUNNER_TEMP not writable, a baseline that matched nothing
		opts.GitHub.ReserveWarnings = 1
	}
	write := func(w io.Writer) error {
		if report.WorkflowCommands(cfg.format) { // meant for the runner: past the log escaping
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

// runBudget is the zip budget of the current run (issue 17): every package zip the run reads
// draws from it, in validate (zips in connector folders), package and verify-package. run
// starts a new one.
var runBudget = packaging.NewBudget(0, 0)

// newRunBudget starts the zip budget of a run.
func newRunBudget() { runBudget = packaging.NewBudget(0, 0) }

// verifyInFolder is how validate looks into every .zip at the top of a connector folder: through
// the package verifier, drawing from the current run's budget.
func verifyInFolder(c *validate.Connector, name string, data []byte) []validate.Finding {
	return runBudget.VerifyInFolder(c, name, data)
}

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
