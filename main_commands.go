// The commands besides validate: rules, baseline, breaking, package and verify-package. Each
// parses its flags and hands the work to its package.

package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/connector-check/connector-check/internal/baseline"
	"github.com/connector-check/connector-check/internal/resultset"
	"github.com/connector-check/connector-check/internal/settings"
	packaging "github.com/connector-check/connector-check/package"
	"github.com/connector-check/connector-check/report"
	"github.com/connector-check/connector-check/validate"
)

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

// cmdBreaking is `connector-check breaking [flags] OLD NEW`: the §15 breaking changes between two
// versions of a connector (swagger files or connector folders).
func cmdBreaking(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("breaking", flag.ContinueOnError)
	fs.SetOutput(stderr)
	of := addOutputFlags(fs, report.OneReportNames(), "NEW's parent folder")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: connector-check breaking [flags] OLD NEW\n\n"+
			"OLD and NEW are swagger files or connector folders. Findings point into NEW; something\n"+
			"deleted is reported at its nearest surviving parent in NEW, with its place in OLD as a\n"+
			"related location. docs/breaking.md explains what counts as breaking.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	paths, code, ok := parseCommandLine(fs, args)
	if !ok {
		return code
	}
	switch len(paths) {
	case 2:
	case 0:
		return fail(stderr, fmt.Errorf("breaking needs two arguments, OLD and NEW (swagger files or connector folders); see connector-check breaking -h"))
	case 1:
		return fail(stderr, fmt.Errorf("breaking needs two arguments, OLD and NEW: NEW is missing (got only %s)", paths[0]))
	default:
		return fail(stderr, fmt.Errorf("breaking takes two arguments, OLD and NEW; got %d", len(paths)))
	}
	cfg, err := of.config(paths)
	if err != nil {
		return fail(stderr, err)
	}
	cfg.source = func(validate.Options) (*validate.Result, error) {
		newC, err := loadVersion(paths[1], cfg.kind)
		if err != nil {
			return nil, err
		}
		oldC, err := loadVersion(paths[0], newC.Kind)
		if err != nil {
			return nil, err
		}
		res := &validate.Result{Connectors: []validate.ConnectorResult{{Path: newC.Path, Kind: newC.Kind}}}
		resultset.Add(res, validate.Breaking(oldC, newC))
		return res, nil
	}
	code, err = validateAndReport(cfg, stdout, stderr, getenv)
	if err != nil {
		return fail(stderr, err)
	}
	return code
}

// loadVersion loads a connector folder, or a lone swagger file.
func loadVersion(p string, kind validate.Kind) (*validate.Connector, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	var c *validate.Connector
	if info.IsDir() {
		if c, err = validate.Load(p, p, kind); err != nil {
			return nil, err
		}
		if c.Swagger == nil {
			return nil, fmt.Errorf("%s has no %s", p, validate.SwaggerName)
		}
	} else if c, err = validate.LoadSwaggerFile(p, p, kind); err != nil {
		return nil, err
	}
	if c.Swagger.JSON == nil || c.Swagger.JSON.Root == nil {
		return nil, fmt.Errorf("%s isn't JSON, so it can't be compared (connector-check validate shows where)", c.Swagger.Path)
	}
	return c, nil
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
