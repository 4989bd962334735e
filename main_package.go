package main

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
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

// validate looks into every .zip at the top of a connector folder through the package verifier.
func init() {
	validate.PackageVerifier = func(c *validate.Connector, name string, data []byte) []validate.Finding {
		return runBudget.VerifyInFolder(c, name, data)
	}
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
	out := fs.String("out", "package.zip", "write the package to `FILE`")
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
	req := packageRequest{
		dir: paths[0], out: *out, force: *force, kind: cfg.kind, flowPath: *flow,
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

// errNotConnector: the folder has neither connector file (a readme-only proposal, in the real
// repository's layout).
var errNotConnector = errors.New("not a connector folder")

type packageRequest struct {
	dir, out, flowPath string
	force              bool
	kind               validate.Kind
	opts               packaging.BuildOptions
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
		return nil, "", fmt.Errorf("%s is %w", req.dir, errNotConnector)
	}
	c, err := validate.Load(req.dir, req.dir, req.kind)
	if err != nil {
		return nil, "", err
	}
	if c.Swagger == nil && c.Properties == nil {
		return nil, "", fmt.Errorf("%s is %w (no apiDefinition.swagger.json or apiProperties.json)", req.dir, errNotConnector)
	}
	folderFindings := replacedDropped(c, req.out, validate.CheckForPackage(c))
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
	if withValidate {
		all = append(append([]validate.Finding{}, folderFindings...), found...)
	}
	res = resultOf(c.Path, c.Kind, all)
	if blocked && !req.force || data == nil {
		return res, "", nil
	}
	if err := writeAtomic(req.out, data); err != nil {
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

// writeAtomic writes data to a temporary file beside name and renames it into place, so that
// no partial package is ever left behind.
func writeAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".connector-check-*.zip.tmp")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
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
	res, err := verifyPackageFile(paths[0], *connDir, cfg.kind, *plugin)
	if err != nil {
		return fail(stderr, err)
	}
	code, err = writeReport(res, cfg, stdout, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	return code
}

func verifyPackageFile(zipPath, connDir string, kind validate.Kind, plugin bool) (*validate.Result, error) {
	data, err := readCapped(zipPath)
	if err != nil {
		return nil, err
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
			return nil, err
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
	opts.Kind = packaging.CertificationKind(opts.Kind)
	return resultOf(conn, opts.Kind, packaging.Verify(label, data, opts)), nil
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
}

func actionPackageInputs(in func(string) string, getenv func(string) string) (packageInputs, error) {
	enabled, err := parseBoolInput("package", in("package"))
	dir := in("package-dir")
	if dir == "" {
		dir = "connector-check-packages"
		if tmp := getenv("RUNNER_TEMP"); tmp != "" {
			dir = filepath.Join(tmp, dir)
		}
	}
	return packageInputs{enabled: enabled, dir: workspaceRelative(dir, getenv("GITHUB_WORKSPACE"))}, err
}

// maxPackageNotes is how many folder-level package annotations (no package built, a proposal
// folder skipped) one run writes; the rest go to the log as plain lines.
const maxPackageNotes = 5

// actionPackage builds a package per connector under the paths when the input package is true,
// after validation (code is validation's exit code). Packages go to package-dir; the output
// packages is a JSON array of their paths.
func actionPackage(gha *githubactions.Action, pkg packageInputs, cfg validateConfig, code int, stdout, stderr io.Writer, getenv func(string) string) (int, error) {
	var built []string
	if pkg.enabled {
		if err := os.MkdirAll(pkg.dir, 0o755); err != nil {
			return exitError, err
		}
		var folders []string
		listed := map[string]bool{}
		for _, p := range cfg.paths {
			found, err := validate.Discover(p)
			if err != nil {
				return exitError, err
			}
			for _, f := range found {
				if !listed[filepath.Clean(f)] { // a folder under two of the paths is built once
					listed[filepath.Clean(f)] = true
					folders = append(folders, f)
				}
			}
		}
		from := map[string]string{} // package file name (lower case) -> the folder it was built from
		// One annotation budget for the packages of the whole run (report.GitHub ranks and caps
		// them), and at most maxPackageNotes folder-level annotations: the real repository's
		// 1,000 folders made 1,040 annotation commands in one step.
		all := &validate.Result{}
		notes := 0
		note := func(annotate func(string, ...any), format string, args ...any) {
			if notes++; notes <= maxPackageNotes {
				annotate("%s", fmt.Sprintf(format, args...))
				return
			}
			fmt.Fprintf(stderr, format+"\n", args...)
		}
		for _, f := range folders {
			name := packageFileName(f)
			if prev, dup := from[strings.ToLower(name)]; dup {
				note(gha.Errorf, "connector-check: no package built for %s: %s is already the package of %s; package one of them per run", filepath.ToSlash(f), name, filepath.ToSlash(prev))
				code = max(code, exitFindings)
				continue
			}
			out := filepath.Join(pkg.dir, name)
			res, written, err := buildPackage(packageRequest{dir: f, out: out, kind: cfg.kind}, false)
			if errors.Is(err, errNotConnector) {
				note(gha.Noticef, "connector-check: %s holds no apiDefinition.swagger.json or apiProperties.json (a proposal?): no package built", filepath.ToSlash(f))
				continue
			}
			if err != nil {
				return exitError, err
			}
			all.Findings = append(all.Findings, res.Findings...)
			if written == "" {
				note(gha.Errorf, "connector-check: no package built for %s: fix its error findings", filepath.ToSlash(f))
				code = max(code, exitFindings)
				continue
			}
			fmt.Fprintln(stderr, written)
			from[strings.ToLower(name)] = f
			built = append(built, filepath.ToSlash(out))
			if res.Counts.Errors > 0 {
				code = max(code, exitFindings)
			}
		}
		if notes > maxPackageNotes {
			gha.Noticef("%s", fmt.Sprintf("connector-check: %d more package notes are in the log above", notes-maxPackageNotes))
		}
		all.Findings = validate.SortFindings(all.Findings)
		if err := report.GitHub(commandWriter(stdout), all); err != nil {
			return exitError, err
		}
	}
	if p := getenv("GITHUB_OUTPUT"); p != "" {
		list, _ := json.Marshal(append([]string{}, built...))
		if err := appendFile(p, "packages="+string(list)+"\n"); err != nil {
			return exitError, fmt.Errorf("writing the outputs: %w", err)
		}
	}
	return code, nil
}
