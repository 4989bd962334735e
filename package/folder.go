package packaging

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/connector-check/connector-check/internal/resultset"
	"github.com/connector-check/connector-check/internal/safefile"
	"github.com/connector-check/connector-check/validate"
)

// The package and verify-package commands and the action's package input: which folder is
// packaged, where the zip goes, when it is written, and what a package is verified against.

// Request is one package to build from a connector folder.
type Request struct {
	Dir, Out string
	FlowPath string // the tested flow's solution zip ("" : FlowSolution.zip in Dir, else a sample)
	Root     string // where Out must not pass through links (the workspace); "" for the CLI
	Force    bool   // write the package even with error findings
	Kind     validate.Kind
	Options  BuildOptions
	// Validated are the folder's findings from validation (action mode): they are not repeated.
	Validated []validate.Finding
	// Budget is the run's zip budget (nil: one of its own).
	Budget *Budget
}

// BuildFolder validates the folder, builds and verifies the package, and writes it unless there
// are error findings (and no Force). withValidate includes the folder's own findings in the
// result. written describes the written file ("wrote NAME (N bytes, sha256 X)"), or is "" when
// nothing was written.
func BuildFolder(req Request, withValidate bool) (res *validate.Result, written string, err error) {
	budget := req.Budget
	if budget == nil {
		budget = NewBudget(0, 0)
	}
	info, err := os.Stat(req.Dir)
	if err != nil {
		return nil, "", err
	}
	if !info.IsDir() {
		return nil, "", fmt.Errorf("%s is not a connector folder", req.Dir)
	}
	c, err := validate.Load(req.Dir, req.Dir, req.Kind)
	if err != nil {
		return nil, "", err
	}
	if c.Swagger == nil && c.Properties == nil {
		return nil, "", fmt.Errorf("%s is not a connector folder (no apiDefinition.swagger.json or apiProperties.json)", req.Dir)
	}
	folderFindings := replacedDropped(c, req.Out, validate.CheckForPackage(c, budget.VerifyInFolder))
	if !withValidate {
		// Validation reported the folder's findings already; the packaging-only ones (IntroMissing)
		// it didn't, and they block the build, so they are shown.
		folderFindings = onlyNew(folderFindings, req.Validated)
	}
	// A package already in the folder (about to be replaced) doesn't block the build.
	blocked := false
	for _, f := range folderFindings {
		if r, ok := validate.LookupRule(f.Rule); f.Severity == validate.Error && ok && r.Scope != validate.ScopePackage {
			blocked = true
		}
	}

	opts := req.Options
	opts.Label = filepath.ToSlash(req.Out)
	opts.Budget = budget
	flowPath := req.FlowPath
	if flowPath == "" {
		if e, ok := c.Find(ConventionalFlowSolution); ok && e.Mode.IsRegular() {
			flowPath = filepath.Join(req.Dir, e.Name)
		}
	}
	if flowPath != "" {
		data, err := ReadCapped(flowPath)
		if err != nil {
			return nil, "", fmt.Errorf("flow solution: %w", err)
		}
		opts.FlowSolution, opts.FlowSolutionPath = data, filepath.ToSlash(flowPath)
	}
	data, found, err := Build(c, opts)
	if err != nil {
		return nil, "", err
	}
	if data != nil {
		found = append(found, Verify(opts.Label, data, Options{
			Kind: CertificationKind(c.Kind), ConnectorPath: c.Path, Connector: c, Budget: budget,
		})...)
	}
	blocked = blocked || countErrors(found) > 0 || data == nil
	all := append(append([]validate.Finding{}, folderFindings...), found...)
	if blocked && !req.Force || data == nil {
		// Nothing is written, so no template intro.md was packaged either.
		kept := all[:0:0]
		for _, f := range all {
			if !(f.Rule == packageOuterLayoutInvalid.ID && strings.Contains(f.Message, "a template was packaged")) {
				kept = append(kept, f)
			}
		}
		return resultset.Of(c.Path, c.Kind, kept), "", nil
	}
	res = resultset.Of(c.Path, c.Kind, all)
	if err := safefile.WriteBytes(req.Out, req.Root, data); err != nil {
		return nil, "", err
	}
	sum := sha256.Sum256(data)
	return res, fmt.Sprintf("wrote %s (%d bytes, sha256 %x)", req.Out, len(data), sum), nil
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

// DefaultOut is where package writes without --out: package.zip in the working directory,
// unless that is inside the connector folder (the next validate would flag the zip there): then
// <folder name>.zip beside the folder.
func DefaultOut(dir string) string {
	absDir, err1 := filepath.Abs(dir)
	wd, err2 := os.Getwd()
	if err1 != nil || err2 != nil {
		return "package.zip"
	}
	if rel, err := filepath.Rel(absDir, wd); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "package.zip"
	}
	return filepath.Join(filepath.Dir(absDir), filepath.Base(absDir)+".zip")
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

// ReadCapped reads a regular file of at most validate.MaxFileSize bytes.
func ReadCapped(name string) ([]byte, error) {
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

// VerifyFile verifies the package at zipPath against the connector folder connDir ("": the one
// beside it, see ConnectorBeside); assumed says the kind was not known and certified was assumed
// (the kind that submits certification packages).
func VerifyFile(zipPath, connDir string, kind validate.Kind, plugin bool, budget *Budget) (res *validate.Result, assumed bool, err error) {
	data, err := ReadCapped(zipPath)
	if err != nil {
		return nil, false, err
	}
	if connDir == "" {
		connDir = ConnectorBeside(zipPath)
	}
	opts := Options{Kind: kind, Budget: budget}
	if plugin {
		opts.Plugin = PluginYes
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
	opts.Kind = CertificationKind(opts.Kind)
	return resultset.Of(conn, opts.Kind, Verify(label, data, opts)), assumed, nil
}

// ConnectorBeside is the connector folder a package belongs to: the folder holding it, or that
// folder's only connector sub-folder; "" when there is none.
func ConnectorBeside(zipPath string) string {
	dir := filepath.Dir(zipPath)
	if IsConnectorDir(dir) {
		return dir
	}
	des, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	found := ""
	for _, de := range des {
		if de.IsDir() && IsConnectorDir(filepath.Join(dir, de.Name())) {
			if found != "" {
				return ""
			}
			found = filepath.Join(dir, de.Name())
		}
	}
	return found
}

// IsConnectorDir reports whether dir holds a swagger or an apiProperties.json.
func IsConnectorDir(dir string) bool {
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

// FileName is the name of a connector folder's package in a package folder: <folder name>.zip.
func FileName(folder string) string {
	if abs, err := filepath.Abs(folder); err == nil {
		folder = abs // "." is the workspace's own name
	}
	return filepath.Base(folder) + ".zip"
}

// Batch is the action's packaging: a package per validated connector into Dir.
type Batch struct {
	Dir       string // the package-dir input (default: connector-check-packages under RUNNER_TEMP)
	TempDir   bool   // Dir is the default under RUNNER_TEMP: a failure to create it is a warning
	Workspace string // Dir and the packages must not pass through links in it
	Kind      validate.Kind
	Budget    *Budget
	// Log gets the "wrote ..." line of each package (the action's escaped standard error).
	Log io.Writer
	// Warn and Fail write a warning and an error annotation.
	Warn, Fail func(msg string)
	// OutputName is how the packages output names a written file.
	OutputName func(path string) string
}

// BatchResult is what the action's packaging did: the packages written (as the packages output
// names them) and whether a connector got no package.
type BatchResult struct {
	Built  []string
	Failed bool
}

// PackageValidated builds a package per connector of res (the connectors validated: in a pull
// request only the ones it touches) into b.Dir, and adds the packaging findings to res. Folders
// that hold neither a swagger nor apiProperties.json (a readme-only proposal) are skipped:
// validation already reported them.
func (b Batch) PackageValidated(res *validate.Result) (BatchResult, error) {
	var run BatchResult
	if err := safefile.CheckDir(b.Dir, b.Workspace); err != nil {
		return run, fmt.Errorf("package-dir: %w", err)
	}
	if err := os.MkdirAll(b.Dir, 0o755); err != nil {
		if b.TempDir {
			b.Warn("connector-check: no packages were built: RUNNER_TEMP can't be written (" + err.Error() + "); set package-dir to a folder in the workspace")
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
		if !IsConnectorDir(dir) {
			continue
		}
		name := FileName(dir)
		if prev, dup := from[strings.ToLower(name)]; dup {
			b.Fail(fmt.Sprintf("connector-check: no package built for %s: %s is already the package of %s; package one of them per run", cr.Path, name, prev))
			run.Failed = true
			continue
		}
		out := filepath.Join(b.Dir, name)
		pres, written, err := BuildFolder(Request{Dir: dir, Out: out, Kind: b.Kind, Root: b.Workspace, Validated: byConnector[cr.Path], Budget: b.Budget}, false)
		if err != nil {
			return run, err
		}
		extra = append(extra, pres.Findings...)
		if written == "" {
			b.Fail("connector-check: no package built for " + cr.Path + ": fix its error findings")
			run.Failed = true
			continue
		}
		fmt.Fprintln(b.Log, written)
		from[strings.ToLower(name)] = cr.Path
		run.Built = append(run.Built, b.OutputName(out))
	}
	resultset.Add(res, extra)
	return run, nil
}
