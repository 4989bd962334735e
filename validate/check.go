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

// checks are independent of each other: each reads the Connector (and models built from it
// once, Connector.spec) and reports; none reads another's findings or changes the Connector, so
// their order doesn't change the output, which is sorted (TestChecksIndependent runs them in
// reverse). Checks that read what others reported go in lateChecks.
var checks = []check{
	checkKind,
	checkFiles,
	checkJSONFiles,
	checkTextEncoding,
	checkSwaggerDocument,
	checkSwaggerOperations,
	checkBrandColor,
	checkSecretLiterals,
	// §3 swagger document, x-ms extension names
	checkSwaggerMetadata, checkSwaggerHost, checkSwaggerObjects,
	// §4 operations and paths, §5 parameters
	checkOperationText, checkSwaggerPaths, checkSwaggerParameters, checkSwaggerVersioning,
	// §6 responses and schemas, §7.2 extension semantics
	checkResponses, checkResponseCodes, checkSchemaRefs, checkSchemas,
	// §8 security definitions and cross-file auth
	checkSecurityDefinitions, checkSecurityRequirements, checkAuthPairing,
	// §9 apiProperties.json, §13 settings.json
	checkPropertiesSchema, checkPublisher, checkConnectionParameters, checkPolicyTemplates, checkScriptOperations, checkSettings,
	// §10 readme.md, §11 intro.md
	checkReadme, checkIntro,
	// §12 script.csx
	checkScript,
	// §1 folder layout, §13 icon
	checkLayout, checkIcon,
	// §14 package.zip, through the pass's verifier
	checkPackageZips,
}

// lateChecks run after checks, in this order, because they read the findings reported so far:
// the structural Swagger 2.0 check leaves out a schema violation that a hand-written rule
// already reported at the same place (RequiredPropertyMissing, JsonTypeIncorrect,
// JsonValueNotInEnum, AdditionalPropertyNotAllowed).
var lateChecks = []check{checkSwaggerStructure}

// pass is one run of the checks over a connector: what they read (the connector, the zip
// verifier) and the reporter their findings go to.
type pass struct {
	reporter
	c      *Connector
	verify PackageVerifier // looks into zips in the folder (nil: they are not looked into)
}

// newPass starts a pass over c; a limited pass keeps at most MaxFindingsPerRule findings per
// rule and severity (see reporter).
func newPass(c *Connector, verify PackageVerifier, limited bool) *pass {
	return &pass{c: c, verify: verify, reporter: reporter{subject: c.subject(), limited: limited}}
}

// subject is what the connector's findings are about.
func (c *Connector) subject() subject { return subject{connector: c.Path, kind: c.Kind, isNew: c.New} }

// subject is what findings are about: a connector folder (its report path) of a kind, a new
// submission or not. For findings about a pull request, connector is its one connector folder
// or "", and kind the pull request's.
type subject struct {
	connector string
	kind      Kind
	isNew     bool
}

// reporter collects findings about one subject. Every finding is built by newFinding.
type reporter struct {
	subject
	findings []Finding
	// limited reporters keep at most MaxFindingsPerRule findings per rule and severity as they
	// come and only count the rest (a file of a million duplicate keys must not hold a million
	// findings); capFindings then applies the final limits and reports the counts.
	limited bool
	kept    map[ruleSeverity]int
	dropped map[*Rule]*dropped
}

// ruleSeverity keys the counts by the rule's one value (rules are declared once), which hashes
// faster than its ID: the count is looked up for every finding, kept or not.
type ruleSeverity struct {
	rule *Rule
	sev  Severity
}

// dropped counts the findings of one rule left out by the limits, and their highest severity.
type dropped struct {
	n   int
	sev Severity
}

// full reports whether a limited pass has no more room for rule id at severity sev, and then
// counts the finding as dropped: callers skip the cost of building it.
func (p *reporter) full(r *Rule, sev Severity) bool {
	if !p.limited {
		return false
	}
	if p.kept[ruleSeverity{r, sev}] < MaxFindingsPerRule {
		return false
	}
	p.drop(r, sev, 1)
	return true
}

// drop counts n findings of rule id at severity sev as left out by the limits.
func (p *reporter) drop(r *Rule, sev Severity, n int) {
	if n == 0 {
		return
	}
	if p.dropped == nil {
		p.dropped = map[*Rule]*dropped{}
	}
	d := p.dropped[r]
	if d == nil {
		d = &dropped{}
		p.dropped[r] = d
	}
	d.n += n
	d.sev = max(d.sev, sev)
}

// limitedFindings is what a limited reporter collected, sorted and capped.
func (p *reporter) limitedFindings() []Finding {
	var pre map[string]*dropped
	if len(p.dropped) > 0 {
		pre = make(map[string]*dropped, len(p.dropped))
		for r, d := range p.dropped {
			pre[r.ID] = d
		}
	}
	return capFindings(p.subject, SortFindings(p.findings), pre)
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
	// parentIn, when set, is the file whose tree gives the place from pointer once the finding is
	// kept (parent): a finding past the limits costs no lookup.
	parentIn *File
}

// resolved is a with its span computed.
func (a at) resolved() at {
	if f := a.parentIn; f != nil {
		a = parentNow(f, a.pointer)
	}
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
	return at{file: f.Path, pointer: ptr, hasPointer: true, parentIn: f}
}

// parentNow is parent with the lookup done.
func parentNow(f *File, ptr string) at {
	n, m := f.JSON.Lookup(ptr)
	switch {
	case m != nil:
		return name(f, m, ptr)
	case n != nil:
		return lazy(f, n.Start, n.Start+1, ptr)
	}
	return at{file: f.Path, pointer: ptr, hasPointer: true}
}

// report adds a finding with the rule's default severity for the subject's kind (escalated for
// a new submission).
func (p *reporter) report(r *Rule, where at, format string, args ...any) *Finding {
	return p.add(r, 0, where, format, args...)
}

// reportAs adds a finding with a severity the rule chooses per case (the catalog's "error / warning").
func (p *reporter) reportAs(r *Rule, sev Severity, where at, format string, args ...any) *Finding {
	return p.add(r, sev, where, format, args...)
}

func (p *reporter) add(r *Rule, sev Severity, where at, format string, args ...any) *Finding {
	if !r.AppliesTo(p.kind) {
		return nil
	}
	sev = r.severity(sev, p.kind, p.isNew)
	if p.full(r, sev) {
		return nil
	}
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	f, ok := newFinding(r, sev, p.subject, where, msg)
	if !ok {
		return nil
	}
	if p.limited {
		if p.kept == nil {
			p.kept = map[ruleSeverity]int{}
		}
		p.kept[ruleSeverity{r, sev}]++
	}
	p.findings = append(p.findings, f)
	return &p.findings[len(p.findings)-1]
}

// severity is the severity of a finding of r about a connector of kind k: sev when the rule
// chose one for the case, else the rule's default for k, escalated to New for a new submission.
func (r *Rule) severity(sev Severity, k Kind, isNew bool) Severity {
	if sev != 0 {
		return sev
	}
	sev = r.SeverityFor(k)
	if isNew && r.New > sev {
		sev = r.New
	}
	return sev
}

// newFinding is the one constructor of findings, for the checks of this package and, through
// NewFinding, for packaging: the rule's severity for the subject (sev 0: its default,
// escalated for a new submission), the message cut at MaxMessageLength, the place and pointer.
// ok is false when the rule doesn't apply to the subject's kind.
func newFinding(r *Rule, sev Severity, s subject, where at, msg string) (f Finding, ok bool) {
	if !r.AppliesTo(s.kind) {
		return Finding{}, false
	}
	where = where.resolved()
	if len(msg) > MaxMessageLength {
		msg = strings.ToValidUTF8(msg[:MaxMessageLength], "") + "…"
	}
	return Finding{
		Rule: r.ID, Severity: r.severity(sev, s.kind, s.isNew), Connector: s.connector, File: where.file,
		Line: where.span.Line, Column: where.span.Column, EndLine: where.span.EndLine, EndColumn: where.span.EndColumn,
		Pointer: where.pointer, HasPointer: where.hasPointer,
		Message: msg, MsRule: r.MsRule, PolicyCode: r.Policy,
	}, true
}

// detach gives the findings' strings memory of their own where they share the worker's file
// bytes (owned): a pointer or a message may be cut from a file's bytes (a $ref's text), which
// the next connector's files overwrite. The others (built, formatted) are kept as they are:
// copying every string was a fortieth of a run's allocations.
func detach(fs []Finding, owned func(string) bool) []Finding {
	own := func(s *string) {
		if owned(*s) {
			*s = strings.Clone(*s)
		}
	}
	for i := range fs {
		f := &fs[i]
		own(&f.File)
		own(&f.Pointer)
		own(&f.Message)
		for j := range f.Related {
			r := &f.Related[j]
			own(&r.File)
			own(&r.Message)
			own(&r.Commit)
		}
	}
	return fs
}

// Check runs every rule over one loaded connector and returns its findings, sorted. Zips in the
// folder are not looked into: see CheckWith.
func Check(c *Connector) []Finding { return runChecks(c, nil) }

// CheckWith is Check that verifies each .zip at the top of the folder through verify.
func CheckWith(c *Connector, verify PackageVerifier) []Finding { return runChecks(c, verify) }

// runChecks runs every rule, then extra (CheckForPackage's packaging-only rules), over c.
func runChecks(c *Connector, verify PackageVerifier, extra ...check) []Finding {
	p := newPass(c, verify, true)
	for _, run := range checks {
		run(p)
	}
	for _, run := range lateChecks {
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

var findingsLimitExceeded = newRule(Rule{
	ID: "FindingsLimitExceeded", Severity: Notice, Kinds: AllKinds, Section: "1",
	Summary: "One rule produced more findings on one connector than are listed (500 per rule, 5,000 per connector); the rest are counted here, at the highest severity among them.",
	Basis:   BasisInfo,
	Example: Example{ // 501 operations without an operationId: the 501st finding isn't listed
		BadCase: &Case{Kind: Custom, At: "", Pointer: "-", Severity: Error, Edits: []Edit{
			{File: SwaggerName, Old: `"paths": {`, Gen: "repeat:501", New: `"/x%d": {"get": {"responses": {"200": {"description": "OK"}}}},`},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: `"paths": {`, Gen: "repeat:500", New: `"/x%d": {"get": {"responses": {"200": {"description": "OK"}}}},`},
		}},
	},
})

// capFindings keeps at most MaxFindingsPerRule findings of each rule and MaxFindingsPerConnector
// in all, the most severe first, and counts the rest in one FindingsLimitExceeded finding per rule
// whose severity is the highest it stands for, so that the verdict (the exit code) is unchanged.
// pre counts findings a limited pass already left out.
func capFindings(s subject, fs []Finding, pre map[string]*dropped) []Finding {
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
	for _, id := range slices.Sorted(maps.Keys(drops)) {
		d := drops[id]
		f, ok := newFinding(findingsLimitExceeded, d.sev, s, whole(s.connector),
			fmt.Sprintf("%d more %s findings are not listed (at most %d per rule and %d per connector are); fix the ones listed and run again",
				d.n, id, MaxFindingsPerRule, MaxFindingsPerConnector))
		if ok {
			out = append(out, f)
		}
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
				fs := detach(CheckWith(c, opts.VerifyPackage), arena.Owns)
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
