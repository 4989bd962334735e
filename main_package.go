package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/sethvargo/go-githubactions"

	packaging "github.com/connector-check/connector-check/package"
	"github.com/connector-check/connector-check/report"
	"github.com/connector-check/connector-check/validate"
)

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

const packageUsage = `Usage: connector-check package [flags] DIR

Builds the certification package (intro.md + Package Deployer zip with the connector and flow
solutions) from a connector folder, after validating it. Nothing is written when the folder or
the package has error findings, unless --force.

Flags:
`

const verifyUsage = `Usage: connector-check verify-package [flags] FILE.zip

Checks a certification package the way Microsoft's ConnectorPackageValidator.ps1 does, and more
(content types, connector ids across solutions, flow operations, drift from the folder's files).

Flags:
`

func cmdPackage(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("package", flag.ContinueOnError)
	fs.SetOutput(stderr)
	of := addOutputFlags(fs, report.OneReportNames(), "the parent folder")
	out := fs.String("out", "", "write the package to `FILE` (default: package.zip in the working directory; <folder name>.zip beside the connector folder when the working directory is inside it)")
	force := fs.Bool("force", false, "write the package even when there are error findings")
	flow := fs.String("flow-solution", "", "the tested flow, exported as an unmanaged solution `ZIP` with the connector (default: "+packaging.ConventionalFlowSolution+" in DIR, else a generated sample flow)")
	op := fs.String("operation", "", "operationId the generated sample flow calls (default: the first non-internal action)")
	prefix := fs.String("publisher-prefix", "", "solution publisher customization prefix, 2-8 lower-case letters or digits (default: cr + 3 hex digits)")
	pubName := fs.String("publisher-name", "", "solution publisher display name (default: apiProperties publisher, else info.contact.name)")
	optPrefix := fs.Int("option-value-prefix", 0, "publisher option value prefix, 10000-99999 (default: derived from the publisher)")
	version := fs.String("solution-version", "1.0.0.0", "version of both solutions")
	fs.Usage = func() { fmt.Fprint(stderr, packageUsage); fs.PrintDefaults() }
	paths, code, ok := parseCommandLine(fs, args)
	if !ok {
		return code
	}
	cfg, err := of.config(paths)
	if err != nil {
		return fail(stderr, err)
	}
	if len(paths) != 1 {
		return fail(stderr, fmt.Errorf("package takes one connector folder, got %d arguments", len(paths)))
	}
	outPath := *out
	if outPath == "" {
		outPath = packaging.DefaultOut(paths[0])
	}
	req := packaging.Request{
		Dir: paths[0], Out: outPath, Force: *force, Kind: cfg.kind, FlowPath: *flow, Budget: runBudget,
		Options: packaging.BuildOptions{
			Operation: *op, PublisherPrefix: *prefix, PublisherName: *pubName,
			OptionValuePrefix: *optPrefix, SolutionVersion: *version,
		},
	}
	res, written, err := packaging.BuildFolder(req, true)
	if err != nil {
		return fail(stderr, err)
	}
	code, err = writeReport(res, cfg, stdout, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	if written != "" {
		fmt.Fprintln(stderr, written)
	} else {
		fmt.Fprintf(stderr, "connector-check: %s not written: fix the error findings above, or pass --force\n", req.Out)
		return exitFindings
	}
	return code
}

func cmdVerifyPackage(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verify-package", flag.ContinueOnError)
	fs.SetOutput(stderr)
	of := addOutputFlags(fs, report.OneReportNames(), "the parent folder")
	plugin := fs.Bool("plugin", false, "plugin mode: expect 3 solutions (connector, flow, AI plugin); default: detected from the solutions")
	connDir := fs.String("connector", "", "connector `DIR` the package must match (default: the folder holding the zip, or its one connector sub-folder)")
	fs.Usage = func() { fmt.Fprint(stderr, verifyUsage); fs.PrintDefaults() }
	paths, code, ok := parseCommandLine(fs, args)
	if !ok {
		return code
	}
	cfg, err := of.config(paths)
	if err != nil {
		return fail(stderr, err)
	}
	if len(paths) != 1 {
		return fail(stderr, fmt.Errorf("verify-package takes one zip file, got %d arguments", len(paths)))
	}
	res, assumed, err := packaging.VerifyFile(paths[0], *connDir, cfg.kind, *plugin, runBudget)
	if err != nil {
		return fail(stderr, err)
	}
	if assumed {
		fmt.Fprintf(stderr, "connector-check: checked as a certified package (no connector folder beside it and no kind in its path); pass --kind independent-publisher or --connector DIR otherwise\n")
	}
	code, err = writeReport(res, cfg, stdout, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	// Say what was verified, also (above all) when nothing was found.
	against := ""
	if c := res.Connectors[0].Path; c != filepath.ToSlash(filepath.Clean(paths[0])) {
		against = " against " + c
	}
	verdict := "passes"
	if code != exitOK {
		verdict = "fails"
	}
	fmt.Fprintf(stderr, "%s: verified with the %s rules%s: %s (%s, fail-on %s)\n", filepath.ToSlash(paths[0]),
		res.Connectors[0].Kind, against, verdict, report.Tally(res)[strings.Index(report.Tally(res), ": ")+2:], *of.failOn)
	return code
}

// writeReport writes res as cfg says and returns the exit code for cfg.failOn.
func writeReport(res *validate.Result, cfg validateConfig, stdout, stderr io.Writer) (int, error) {
	if err := emit(res, cfg, stdout); err != nil {
		return exitError, err
	}
	return tallyAndCode(res, cfg.failOn, stderr), nil
}

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
