package main

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/sethvargo/go-githubactions"

	"github.com/connector-check/connector-check/internal/resultset"
	"github.com/connector-check/connector-check/internal/safefile"
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
	of := addOutputFlags(fs, []string{"text", "json", "github"}, "the parent folder")
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
		outPath = defaultPackageOut(paths[0])
	}
	req := packageRequest{
		dir: paths[0], out: outPath, force: *force, kind: cfg.kind, flowPath: *flow,
		opts: packaging.BuildOptions{
			Operation: *op, PublisherPrefix: *prefix, PublisherName: *pubName,
			OptionValuePrefix: *optPrefix, SolutionVersion: *version,
		},
	}
	res, written, err := buildPackage(req, true)
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
		fmt.Fprintf(stderr, "connector-check: %s not written: fix the error findings above, or pass --force\n", req.out)
		return exitFindings
	}
	return code
}

type packageRequest struct {
	dir, out, flowPath string
	root               string // where out must not pass through links (the workspace); "" for the CLI
	force              bool
	kind               validate.Kind
	opts               packaging.BuildOptions
	validated          []validate.Finding // the folder's findings from validation (action mode)
}

// onlyNew drops the findings that are already in seen (same rule, place and message).
func onlyNew(fs, seen []validate.Finding) []validate.Finding {
	type key struct {
		rule, file, msg string
		line, col       int
	}
	have := map[key]bool{}
	for _, f := range seen {
		have[key{f.Rule, f.File, f.Message, f.Line, f.Column}] = true
	}
	var out []validate.Finding
	for _, f := range fs {
		if !have[key{f.Rule, f.File, f.Message, f.Line, f.Column}] {
			out = append(out, f)
		}
	}
	return out
}

// defaultPackageOut is where package writes without --out: package.zip in the working directory,
// unless that is inside the connector folder (the next validate would flag the zip there): then
// <folder name>.zip beside the folder.
func defaultPackageOut(dir string) string {
	absDir, err1 := filepath.Abs(dir)
	wd, err2 := os.Getwd()
	if err1 != nil || err2 != nil {
		return "package.zip"
	}
	if _, inside := relInside(absDir, wd); !inside {
		return "package.zip"
	}
	return filepath.Join(filepath.Dir(absDir), filepath.Base(absDir)+".zip")
}

// buildPackage validates the folder, builds and verifies the package, and writes it unless
// there are error findings (and no force). withValidate includes the folder's own findings in
// the result. written describes the written file, or is "" when nothing was written.
func buildPackage(req packageRequest, withValidate bool) (res *validate.Result, written string, err error) {
	info, err := os.Stat(req.dir)
	if err != nil {
		return nil, "", err
	}
	if !info.IsDir() {
		return nil, "", fmt.Errorf("%s is not a connector folder", req.dir)
	}
	c, err := validate.Load(req.dir, req.dir, req.kind)
	if err != nil {
		return nil, "", err
	}
	if c.Swagger == nil && c.Properties == nil {
		return nil, "", fmt.Errorf("%s is not a connector folder (no apiDefinition.swagger.json or apiProperties.json)", req.dir)
	}
	folderFindings := replacedDropped(c, req.out, validate.CheckForPackage(c, verifyInFolder))
	if !withValidate {
		// Validation reported the folder's findings already; the packaging-only ones (IntroMissing)
		// it didn't, and they block the build, so they are shown.
		folderFindings = onlyNew(folderFindings, req.validated)
	}
	// A package already in the folder (about to be replaced) doesn't block the build.
	blocked := false
	for _, f := range folderFindings {
		if r, ok := validate.LookupRule(f.Rule); f.Severity == validate.Error && ok && r.Section != "14" {
			blocked = true
		}
	}

	opts := req.opts
	opts.Label = filepath.ToSlash(req.out)
	opts.Budget = runBudget
	flowPath := req.flowPath
	if flowPath == "" {
		if e, ok := c.Find(packaging.ConventionalFlowSolution); ok && e.Mode.IsRegular() {
			flowPath = filepath.Join(req.dir, e.Name)
		}
	}
	if flowPath != "" {
		data, err := readCapped(flowPath)
		if err != nil {
			return nil, "", fmt.Errorf("flow solution: %w", err)
		}
		opts.FlowSolution, opts.FlowSolutionPath = data, filepath.ToSlash(flowPath)
	}
	data, found, err := packaging.Build(c, opts)
	if err != nil {
		return nil, "", err
	}
	if data != nil {
		found = append(found, packaging.Verify(opts.Label, data, packaging.Options{
			Kind: packaging.CertificationKind(c.Kind), ConnectorPath: c.Path, Connector: c, Budget: runBudget,
		})...)
	}
	blocked = blocked || countErrors(found) > 0 || data == nil
	all := found
	all = append(append([]validate.Finding{}, folderFindings...), found...)
	if blocked && !req.force || data == nil {
		// Nothing is written, so no template intro.md was packaged either.
		kept := all[:0:0]
		for _, f := range all {
			if !(f.Rule == "PackageOuterLayoutInvalid" && strings.Contains(f.Message, "a template was packaged")) {
				kept = append(kept, f)
			}
		}
		return resultset.Of(c.Path, c.Kind, kept), "", nil
	}
	res = resultset.Of(c.Path, c.Kind, all)
	if err := safefile.WriteBytes(req.out, req.root, data); err != nil {
		return nil, "", err
	}
	sum := sha256.Sum256(data)
	return res, fmt.Sprintf("wrote %s (%d bytes, sha256 %x)", req.out, len(data), sum), nil
}

// replacedDropped drops the findings about the zip in the folder that out is about to replace.
func replacedDropped(c *validate.Connector, out string, fs []validate.Finding) []validate.Finding {
	outAbs, err := filepath.Abs(out)
	if err != nil {
		return fs
	}
	for _, e := range c.Entries {
		if abs, err := filepath.Abs(filepath.Join(c.Dir, e.Name)); err != nil || abs != outAbs {
			continue
		}
		name := c.FilePath(e.Name)
		kept := fs[:0:0]
		for _, f := range fs {
			if f.File != name && !strings.HasPrefix(f.File, name+"!") {
				kept = append(kept, f)
			}
		}
		return kept
	}
	return fs
}

func countErrors(fs []validate.Finding) int {
	n := 0
	for _, f := range fs {
		if f.Severity == validate.Error {
			n++
		}
	}
	return n
}

func resultOf(connector string, kind validate.Kind, fs []validate.Finding) *validate.Result {
	fs = validate.SortFindings(fs)
	cr := validate.ConnectorResult{Path: connector, Kind: kind}
	for _, f := range fs {
		cr.Add(f.Severity)
	}
	return &validate.Result{Connectors: []validate.ConnectorResult{cr}, Findings: fs, Counts: cr.Counts}
}

// readCapped reads a regular file of at most validate.MaxFileSize bytes.
func readCapped(name string) ([]byte, error) {
	info, err := os.Lstat(name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", name)
	}
	if info.Size() > validate.MaxFileSize {
		return nil, fmt.Errorf("%s is over %d MiB", name, validate.MaxFileSize>>20)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, validate.MaxFileSize+1))
	if err == nil && len(data) > validate.MaxFileSize {
		err = fmt.Errorf("%s is over %d MiB", name, validate.MaxFileSize>>20)
	}
	return data, err
}

func cmdVerifyPackage(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verify-package", flag.ContinueOnError)
	fs.SetOutput(stderr)
	of := addOutputFlags(fs, []string{"text", "json", "github"}, "the parent folder")
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
	res, assumed, err := verifyPackageFile(paths[0], *connDir, cfg.kind, *plugin)
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

// verifyPackageFile verifies a package; assumed says the kind was not known and certified was
// assumed (the kind that submits certification packages).
func verifyPackageFile(zipPath, connDir string, kind validate.Kind, plugin bool) (res *validate.Result, assumed bool, err error) {
	data, err := readCapped(zipPath)
	if err != nil {
		return nil, false, err
	}
	if connDir == "" {
		connDir = connectorBeside(zipPath)
	}
	opts := packaging.Options{Kind: kind, Budget: runBudget}
	if plugin {
		opts.Plugin = packaging.PluginYes
	}
	label := filepath.ToSlash(filepath.Clean(zipPath))
	conn := label
	if connDir != "" {
		c, err := validate.Load(connDir, connDir, kind)
		if err != nil {
			return nil, false, err
		}
		opts.Connector, opts.ConnectorPath, conn = c, c.Path, c.Path
		if opts.Kind == 0 {
			opts.Kind = c.Kind
		}
	}
	if opts.Kind == 0 {
		if abs, err := filepath.Abs(zipPath); err == nil {
			opts.Kind = validate.KindFromPath(abs)
		}
	}
	if opts.Kind == 0 {
		// Nothing says: a certification package is a certified connector's unless the path or
		// --kind says independent publisher.
		opts.Kind, assumed = validate.Certified, true
	}
	opts.Kind = packaging.CertificationKind(opts.Kind)
	return resultset.Of(conn, opts.Kind, packaging.Verify(label, data, opts)), assumed, nil
}

// connectorBeside is the connector folder a package belongs to: the folder holding it, or that
// folder's only connector sub-folder; "" when there is none.
func connectorBeside(zipPath string) string {
	dir := filepath.Dir(zipPath)
	if isConnectorDir(dir) {
		return dir
	}
	des, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	found := ""
	for _, de := range des {
		if de.IsDir() && isConnectorDir(filepath.Join(dir, de.Name())) {
			if found != "" {
				return ""
			}
			found = filepath.Join(dir, de.Name())
		}
	}
	return found
}

func isConnectorDir(dir string) bool {
	des, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, de := range des {
		n := strings.ToLower(de.Name())
		if !de.IsDir() && (n == strings.ToLower(validate.SwaggerName) || n == strings.ToLower(validate.PropertiesName)) {
			return true
		}
	}
	return false
}

// writeReport writes res as cfg says and returns the exit code for cfg.failOn.
func writeReport(res *validate.Result, cfg validateConfig, stdout, stderr io.Writer) (int, error) {
	if err := emit(res, cfg, stdout); err != nil {
		return exitError, err
	}
	return tallyAndCode(res, cfg.failOn, stderr), nil
}

// packageFileName is the name of a connector folder's package in package-dir: <folder name>.zip.
func packageFileName(folder string) string {
	if abs, err := filepath.Abs(folder); err == nil {
		folder = abs // "." is the workspace's own name
	}
	return filepath.Base(folder) + ".zip"
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

// packageRun is what the action's packaging did: the packages written (as the packages output
// names them) and whether a connector got no package.
type packageRun struct {
	built  []string
	failed bool
}

// packageValidated builds a package per connector of res (the connectors validated: in a pull
// request only the ones it touches) into pkg.dir, and adds the packaging findings to res.
// Folders that hold neither a swagger nor apiProperties.json (a readme-only proposal) are
// skipped: validation already reported them.
func packageValidated(gha *githubactions.Action, pkg packageInputs, res *validate.Result, kind validate.Kind, stderr io.Writer, getenv func(string) string) (packageRun, error) {
	var run packageRun
	ws := getenv("GITHUB_WORKSPACE")
	if err := safefile.CheckDir(pkg.dir, ws); err != nil {
		return run, fmt.Errorf("package-dir: %w", err)
	}
	if err := os.MkdirAll(pkg.dir, 0o755); err != nil {
		if pkg.tempDir {
			gha.Warningf("%s", "connector-check: no packages were built: RUNNER_TEMP can't be written ("+err.Error()+"); set package-dir to a folder in the workspace")
			return run, nil
		}
		return run, err
	}
	byConnector := map[string][]validate.Finding{}
	for _, f := range res.Findings {
		byConnector[f.Connector] = append(byConnector[f.Connector], f)
	}
	from := map[string]string{} // package file name (lower case) -> the folder it was built from
	var extra []validate.Finding
	for _, cr := range res.Connectors {
		dir := filepath.FromSlash(cr.Path)
		if !isConnectorDir(dir) {
			continue
		}
		name := packageFileName(dir)
		if prev, dup := from[strings.ToLower(name)]; dup {
			gha.Errorf("connector-check: no package built for %s: %s is already the package of %s; package one of them per run", cr.Path, name, prev)
			run.failed = true
			continue
		}
		out := filepath.Join(pkg.dir, name)
		pres, written, err := buildPackage(packageRequest{dir: dir, out: out, kind: kind, root: ws, validated: byConnector[cr.Path]}, false)
		if err != nil {
			return run, err
		}
		extra = append(extra, pres.Findings...)
		if written == "" {
			gha.Errorf("connector-check: no package built for %s: fix its error findings", cr.Path)
			run.failed = true
			continue
		}
		fmt.Fprintln(stderr, written)
		from[strings.ToLower(name)] = cr.Path
		run.built = append(run.built, outputPath(out, getenv))
	}
	resultset.Add(res, extra)
	return run, nil
}
