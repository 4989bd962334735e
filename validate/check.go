package validate

import (
	"cmp"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/connector-check/connector-check/internal/jsonpos"
	"github.com/connector-check/connector-check/internal/textpos"
)

// check is one family of pure rules over a loaded connector. Checks never print and never look at
// anything but the Connector; they report through the pass.
type check func(p *pass)

// checks run in this order; the order doesn't matter for the output, which is sorted.
// Each family of rules lists its checks beside its rule table (registry_<family>.go).
var checks = slices.Concat(
	[]check{
		checkKind,
		checkFiles,
		checkJSONFiles,
		checkTextEncoding,
		checkSwaggerDocument,
		checkSwaggerOperations,
		checkBrandColor,
		checkSecretLiterals,
	},
	documentChecks, operationChecks, schemaChecks, securityChecks, propertiesChecks,
	markdownChecks, scriptChecks, layoutChecks, packageChecks,
)

// pass collects the findings of one connector.
type pass struct {
	c        *Connector
	verify   PackageVerifier // looks into zips in the folder (nil: they are not looked into)
	findings []Finding
	// limited passes keep at most MaxFindingsPerRule findings per rule and severity as they come
	// and only count the rest (a file of a million duplicate keys must not hold a million
	// findings); capFindings then applies the final limits and reports the counts.
	limited bool
	kept    map[ruleSeverity]int
	dropped map[string]*dropped
}

type ruleSeverity struct {
	rule string
	sev  Severity
}

// dropped counts the findings of one rule left out by the limits, and their highest severity.
type dropped struct {
	n   int
	sev Severity
}

// full reports whether a limited pass has no more room for rule id at severity sev, and then
// counts the finding as dropped: callers skip the cost of building it.
func (p *pass) full(id string, sev Severity) bool {
	if !p.limited {
		return false
	}
	if p.kept[ruleSeverity{id, sev}] < MaxFindingsPerRule {
		return false
	}
	p.drop(id, sev, 1)
	return true
}

// drop counts n findings of rule id at severity sev as left out by the limits.
func (p *pass) drop(id string, sev Severity, n int) {
	if n == 0 {
		return
	}
	if p.dropped == nil {
		p.dropped = map[string]*dropped{}
	}
	d := p.dropped[id]
	if d == nil {
		d = &dropped{}
		p.dropped[id] = d
	}
	d.n += n
	d.sev = max(d.sev, sev)
}

// limitedFindings is what a limited pass found, sorted and capped.
func (p *pass) limitedFindings() []Finding {
	return capFindings(p.c, SortFindings(p.findings), p.dropped)
}

// at is where a finding points.
type at struct {
	file       string
	span       textpos.Span
	pointer    string
	hasPointer bool
	// lines, when set, gives span from the byte range [start, end) once the finding is kept:
	// a finding past the limits costs no line and column (on a one-line file each costs a count
	// of up to 512 bytes, and a generated swagger has hundreds of thousands of such findings).
	lines      *textpos.Index
	start, end int
}

// resolved is a with its span computed.
func (a at) resolved() at {
	if a.lines != nil {
		a.span, a.lines = a.lines.Span(a.start, a.end), nil
	}
	return a
}

// lazy points at bytes [start, end) of a JSON file.
func lazy(f *File, start, end int, ptr string) at {
	return at{file: f.Path, lines: f.JSON.Lines, start: start, end: end, pointer: ptr, hasPointer: true}
}

// whole points at a whole file or folder (no line).
func whole(file string) at { return at{file: file} }

// value points at a JSON value.
func value(f *File, n *jsonpos.Node, ptr string) at { return lazy(f, n.Start, n.End, ptr) }

// name points at a JSON member's name (a missing child is reported at its parent's name).
func name(f *File, m *jsonpos.Member, ptr string) at { return lazy(f, m.NameStart, m.NameEnd, ptr) }

// bytesAt points at a byte range of a JSON file.
func bytesAt(f *File, start, end int, ptr string) at { return lazy(f, start, end, ptr) }

// parent points at where a missing child of the node at ptr belongs: the parent's name when it
// is an object member, else its value (the root's opening brace).
func parent(f *File, ptr string) at {
	n, m := f.JSON.Lookup(ptr)
	switch {
	case m != nil:
		return name(f, m, ptr)
	case n != nil:
		return lazy(f, n.Start, n.Start+1, ptr)
	}
	return at{file: f.Path, pointer: ptr, hasPointer: true}
}

// report adds a finding with the rule's default severity for this connector's kind.
func (p *pass) report(id string, where at, format string, args ...any) *Finding {
	r := mustRule(id)
	sev := r.SeverityFor(p.c.Kind)
	if p.c.New && r.New > sev {
		sev = r.New
	}
	return p.add(r, sev, where, format, args...)
}

// reportAs adds a finding with a severity the rule chooses per case (the catalog's "error / warning").
func (p *pass) reportAs(id string, sev Severity, where at, format string, args ...any) *Finding {
	return p.add(mustRule(id), sev, where, format, args...)
}

func (p *pass) add(r *Rule, sev Severity, where at, format string, args ...any) *Finding {
	if !r.AppliesTo(p.c.Kind) {
		return nil
	}
	if p.full(r.ID, sev) {
		return nil
	}
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	if p.limited {
		if p.kept == nil {
			p.kept = map[ruleSeverity]int{}
		}
		p.kept[ruleSeverity{r.ID, sev}]++
	}
	if len(msg) > MaxMessageLength {
		msg = strings.ToValidUTF8(msg[:MaxMessageLength], "") + "…"
	}
	where = where.resolved()
	p.findings = append(p.findings, Finding{
		Rule: r.ID, Severity: sev, Connector: p.c.Path, File: where.file,
		Line: where.span.Line, Column: where.span.Column, EndLine: where.span.EndLine, EndColumn: where.span.EndColumn,
		Pointer: where.pointer, HasPointer: where.hasPointer,
		Message: msg, MsRule: r.MsRule, PolicyCode: r.Policy,
	})
	return &p.findings[len(p.findings)-1]
}

func mustRule(id string) *Rule {
	r, ok := byID[id]
	if !ok {
		panic("validate: unregistered rule " + id)
	}
	return r
}

// Check runs every rule over one loaded connector and returns its findings, sorted. Zips in the
// folder are not looked into: see CheckWith.
func Check(c *Connector) []Finding { return runChecks(c, nil) }

// CheckWith is Check that verifies each .zip at the top of the folder through verify.
func CheckWith(c *Connector, verify PackageVerifier) []Finding { return runChecks(c, verify) }

// runChecks runs every rule, then extra (CheckForPackage's packaging-only rules), over c.
func runChecks(c *Connector, verify PackageVerifier, extra ...check) []Finding {
	p := &pass{c: c, verify: verify, limited: true}
	for _, run := range checks {
		run(p)
	}
	for _, run := range extra {
		run(p)
	}
	return p.limitedFindings()
}

// Limits on what one connector can produce. A hostile or generated swagger (100,000 parameters
// without x-ms-summary) must not turn into gigabytes of annotations; the most published connector
// gets 1,400 findings from all rules, and no rule reaches 500 on one connector.
const (
	MaxFindingsPerRule      = 500
	MaxFindingsPerConnector = 5000
	MaxMessageLength        = 2000 // bytes; longer messages (quoting hostile text) are cut
)

// capFindings keeps at most MaxFindingsPerRule findings of each rule and MaxFindingsPerConnector
// in all, the most severe first, and counts the rest in one FindingsLimitExceeded finding per rule
// whose severity is the highest it stands for, so that the verdict (the exit code) is unchanged.
// pre counts findings a limited pass already left out.
func capFindings(c *Connector, fs []Finding, pre map[string]*dropped) []Finding {
	if len(fs) <= MaxFindingsPerRule && len(pre) == 0 {
		return fs
	}
	order := make([]int, len(fs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return int(fs[b].Severity) - int(fs[a].Severity) })
	perRule := map[string]int{}
	keep := make([]bool, len(fs))
	kept := 0
	drops := map[string]*dropped{}
	for id, d := range pre {
		drops[id] = &dropped{n: d.n, sev: d.sev}
	}
	for _, i := range order {
		f := &fs[i]
		if perRule[f.Rule] < MaxFindingsPerRule && kept < MaxFindingsPerConnector {
			perRule[f.Rule]++
			keep[i] = true
			kept++
			continue
		}
		d := drops[f.Rule]
		if d == nil {
			d = &dropped{}
			drops[f.Rule] = d
		}
		d.n++
		d.sev = max(d.sev, f.Severity)
	}
	if len(drops) == 0 {
		return fs
	}
	out := make([]Finding, 0, kept+len(drops))
	for i := range fs {
		if keep[i] {
			out = append(out, fs[i])
		}
	}
	limit := mustRule("FindingsLimitExceeded")
	for _, id := range slices.Sorted(maps.Keys(drops)) {
		d := drops[id]
		out = append(out, Finding{
			Rule: limit.ID, Severity: d.sev, Connector: c.Path, File: c.Path,
			Message: fmt.Sprintf("%d more %s findings are not listed (at most %d per rule and %d per connector are); fix the ones listed and run again",
				d.n, id, MaxFindingsPerRule, MaxFindingsPerConnector),
		})
	}
	return SortFindings(out)
}

// Options configure a run.
type Options struct {
	Kind Kind // 0 = auto (from the path)
	// New marks every connector as a new submission: rules the catalog marks ↑new (Rule.New)
	// become errors. PR mode sets it per connector when the folder is absent at the merge base.
	New bool
	// IsNew, when set, decides per connector path instead of New.
	IsNew func(connectorPath string) bool
	// Jobs bounds how many connectors are checked at once; 0 means GOMAXPROCS.
	Jobs int
	// KindFor, when set and Kind is 0, gives a connector's kind from its report path (the
	// configuration's kinds by path glob); 0 falls back to the path's kind folder.
	KindFor func(connector string) Kind
	// VerifyPackage, when set, verifies each .zip at the top of a connector folder.
	VerifyPackage PackageVerifier
}

// ConnectorResult summarises one connector.
type ConnectorResult struct {
	Path string
	Kind Kind
	Counts
}

// Result is everything a run found, in a stable order.
type Result struct {
	Connectors []ConnectorResult
	Findings   []Finding
	Counts     Counts
	// Suppressed counts the findings the configuration dropped and those the baseline turned
	// into notices (set by the step that applies them).
	Suppressed Suppressed
}

// Suppressed counts findings taken out of the verdict by the configuration and the baseline.
type Suppressed struct {
	Config, Baseline int
}

// related adds a second place to a finding that was reported (nil when the rule didn't apply).
func (f *Finding) related(file string, line, col int, msg string) {
	if f != nil {
		f.Related = append(f.Related, Related{File: file, Line: line, Column: col, Message: msg})
	}
}

// Run discovers the connectors under each path, checks them with bounded parallelism and returns
// the findings sorted and de-duplicated. An error means a path could not be read at all.
func Run(paths []string, opts Options) (*Result, error) {
	var targets []discovered
	seen := map[string]bool{}
	for _, root := range paths {
		found, err := discover(root)
		if err != nil {
			return nil, err
		}
		for _, d := range found {
			if key := reportPath(d.dir); !seen[key] { // overlapping PATHs check a connector once
				seen[key] = true
				targets = append(targets, d)
			}
		}
	}
	// In connector-path order, each connector's sorted findings concatenate to a sorted list.
	slices.SortFunc(targets, func(a, b discovered) int { return strings.Compare(reportPath(a.dir), reportPath(b.dir)) })
	if len(targets) == 0 {
		return nil, fmt.Errorf("no connector folder under %s (a connector folder holds apiDefinition.swagger.json or apiProperties.json)", strings.Join(paths, ", "))
	}
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	jobs = min(jobs, len(targets))
	type outcome struct {
		res      ConnectorResult
		findings []Finding
		err      error
		skip     bool // unreadable, and found without being read: skipped as Discover skips it
	}
	outcomes := make([]outcome, len(targets))
	// A fixed pool of workers takes the connectors biggest first, so that no worker is left with
	// a big one at the end while the others idle.
	order := biggestFirst(targets, jobs)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			// The JSON trees of one connector after another, in the same memory: nothing
			// keeps a connector or its trees once its findings are made (findings hold
			// strings, which don't live in the arena).
			var arena jsonpos.Arena
			for {
				k := int(next.Add(1)) - 1
				if k >= len(order) {
					return
				}
				i := order[k]
				t := targets[i].dir
				kind := opts.Kind
				if kind == 0 && opts.KindFor != nil {
					kind = opts.KindFor(reportPath(t))
				}
				c, err := loadIn(t, t, kind, &arena)
				if err != nil {
					outcomes[i] = outcome{err: err, skip: targets[i].unread}
					continue
				}
				c.New = opts.New || (opts.IsNew != nil && opts.IsNew(c.Path))
				fs := CheckWith(c, opts.VerifyPackage)
				arena.Reset()
				res := ConnectorResult{Path: c.Path, Kind: c.Kind}
				for _, f := range fs {
					res.Add(f.Severity)
				}
				outcomes[i] = outcome{res: res, findings: fs}
			}
		})
	}
	wg.Wait()
	out := &Result{Connectors: make([]ConnectorResult, 0, len(outcomes))}
	total := 0
	for _, o := range outcomes {
		total += len(o.findings)
	}
	out.Findings = make([]Finding, 0, total)
	for _, o := range outcomes {
		if o.skip {
			continue
		}
		if o.err != nil {
			return nil, o.err
		}
		out.Connectors = append(out.Connectors, o.res)
		out.Findings = append(out.Findings, o.findings...)
		out.Counts.Errors += o.res.Errors
		out.Counts.Warnings += o.res.Warnings
		out.Counts.Notices += o.res.Notices
	}
	if len(out.Connectors) == 0 { // every connector folder turned out unreadable
		return nil, fmt.Errorf("no connector folder under %s (a connector folder holds apiDefinition.swagger.json or apiProperties.json)", strings.Join(paths, ", "))
	}
	return out, nil
}

// biggestFirst is the order in which to check targets: by the size of their swagger, the largest
// first (the size is a good measure of a connector's cost; its file system look-ups are spread
// over the workers).
func biggestFirst(targets []discovered, jobs int) []int {
	size := make([]int64, len(targets))
	var wg sync.WaitGroup
	for w := range jobs {
		wg.Go(func() {
			for i := w; i < len(targets); i += jobs {
				if info, err := os.Lstat(filepath.Join(targets[i].dir, SwaggerName)); err == nil {
					size[i] = info.Size()
				}
			}
		})
	}
	wg.Wait()
	order := make([]int, len(targets))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(size[b], size[a]) })
	return order
}
