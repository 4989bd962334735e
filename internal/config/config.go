// Package config reads .connector-check.yml: per-rule severities (also per connector kind),
// ignores by rule, path glob and JSON pointer, and connector kinds by path glob. Apply is a pure
// step between validate.Run and the reporters; rules never see the configuration.
package config

import (
	"errors"
	"fmt"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/connector-check/connector-check/internal/safefile"
	"github.com/connector-check/connector-check/validate"
	"go.yaml.in/yaml/v3"
	yaml4 "go.yaml.in/yaml/v4"
)

// DefaultName is the file looked for at the repository root (the working directory) when no
// --config flag or config input names one.
const DefaultName = ".connector-check.yml"

// Level is a configured severity: Off drops the rule's findings.
type Level uint8

const (
	Unset Level = iota
	Off
	LevelNotice
	LevelWarning
	LevelError
)

func (l Level) String() string {
	return [...]string{"unset", "off", "notice", "warning", "error"}[l]
}

func (l Level) severity() validate.Severity {
	switch l {
	case LevelNotice:
		return validate.Notice
	case LevelWarning:
		return validate.Warning
	case LevelError:
		return validate.Error
	}
	return 0
}

func parseLevel(s string) (Level, bool) {
	switch s {
	case "off":
		return Off, true
	case "notice":
		return LevelNotice, true
	case "warning":
		return LevelWarning, true
	case "error":
		return LevelError, true
	}
	return Unset, false
}

// RuleSetting is one entry of rules: a severity for every kind and/or per kind.
type RuleSetting struct {
	Severity Level                   // all kinds (Unset: the rule's defaults)
	PerKind  map[validate.Kind]Level // overrides Severity for one kind
}

// Level is the configured level for a connector of kind k (Unset: keep the finding's own).
func (r RuleSetting) Level(k validate.Kind) Level {
	if l, ok := r.PerKind[k]; ok {
		return l
	}
	return r.Severity
}

// Ignore drops the findings that match every field it sets.
type Ignore struct {
	Rule    string // "" any rule
	Path    string // glob over repository paths; "" any path
	Pointer string // JSON pointer: the value there and everything under it; "" any
	HasPtr  bool
}

// KindOverride sets the kind of the connector folders whose path matches the glob.
type KindOverride struct {
	Path string
	Kind validate.Kind
}

// Config is a parsed .connector-check.yml.
type Config struct {
	File   string
	Rules  map[string]RuleSetting
	Ignore []Ignore
	Kinds  []KindOverride
	// Acknowledge lists intended breaking changes (acknowledge-breaking, acknowledge.go).
	Acknowledge []validate.Acknowledgement
}

// Error is a configuration error at a position in the file.
type Error struct {
	File         string
	Line, Column int
	Msg          string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// Errors is every problem found in one file, in file order.
type Errors []*Error

func (es Errors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "\n")
}

// Load reads and parses a configuration file. It is read like a connector file: never through a
// symbolic link, a FIFO or a device, and never past MaxSize (the file may be a pull request's).
func Load(file string) (*Config, error) {
	data, err := ReadFile(file)
	if err != nil {
		return nil, err
	}
	return Parse(file, data)
}

// ReadFile reads a configuration file the way Load does, without parsing it. A file that is a
// link or too large is an Errors naming it.
func ReadFile(file string) ([]byte, error) {
	data, tooLarge, err := safefile.Read(file, MaxSize)
	switch {
	case errors.Is(err, safefile.ErrNotRegular):
		return nil, Errors{{File: file, Msg: "the configuration " + err.Error() + "; it is not read"}}
	case err != nil:
		return nil, err
	case tooLarge:
		return nil, Errors{{File: file, Msg: fmt.Sprintf("the configuration is larger than %d bytes; it is not read", MaxSize)}}
	}
	return data, nil
}

// Find returns the default configuration in dir (DefaultName, or .yaml), or nil when there is none.
func Find(dir string) (*Config, error) {
	for _, name := range []string{DefaultName, ".connector-check.yaml"} {
		p := path.Join(dir, name)
		if dir == "" || dir == "." {
			p = name
		}
		if _, err := os.Lstat(p); err == nil {
			return Load(p)
		} else if !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
	}
	return nil, nil
}

var kindNames = map[string]validate.Kind{
	"certified": validate.Certified, "independent-publisher": validate.IndependentPublisher, "custom": validate.Custom,
}

// MaxSize is the largest configuration Parse reads: the file is the pull request's, and the
// largest sensible one (an ignore entry per finding of a big repository) is far below it.
const MaxSize = 1 << 20

// Parse reads a configuration. Every problem is reported with its position: unknown keys, unknown
// rule IDs, unknown severities and kinds, bad globs and pointers.
func Parse(file string, data []byte) (*Config, error) {
	p := &parser{file: file}
	cfg := &Config{File: file, Rules: map[string]RuleSetting{}}
	if len(data) > MaxSize {
		// yaml.v3 keeps a node of about 100 bytes per scalar: a 33 MB flow-style file took 1.4 GB.
		return nil, Errors{{File: file, Msg: fmt.Sprintf("the configuration is %d bytes; at most %d are read (a real one is a few KB)", len(data), MaxSize)}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, Errors{p.yamlError(err, data)}
	}
	if len(doc.Content) == 0 { // an empty file configures nothing
		return cfg, nil
	}
	root := doc.Content[0]
	if !p.want(root, yaml.MappingNode, "the configuration must be a mapping (rules:, ignore:, kinds:)") {
		return nil, p.errs
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if seen[k.Value] {
			p.errorf(k, "%q is given twice", k.Value)
		}
		seen[k.Value] = true
		switch k.Value {
		case "rules":
			p.rules(v, cfg)
		case "ignore":
			p.ignores(v, cfg)
		case "kinds":
			p.kinds(v, cfg)
		case "acknowledge-breaking":
			p.acknowledgements(v, cfg)
		default:
			p.errorf(k, "unknown key %q (want rules, ignore, kinds or acknowledge-breaking)%s", k.Value,
				didYouMean(k.Value, "rules", "ignore", "kinds", "acknowledge-breaking"))
		}
	}
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	return cfg, nil
}

type parser struct {
	file string
	errs Errors
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	p.errs = append(p.errs, &Error{File: p.file, Line: n.Line, Column: n.Column, Msg: fmt.Sprintf(format, args...)})
}

// yamlError turns a YAML syntax error into a positioned error at the place where the parser
// stopped. yaml.v3 reports only a line, and that of the enclosing construct (a flow list left
// open on line 3 is reported at line 2 or 3, column 1); yaml.v4, already in the module graph,
// keeps the parser's marks, so the data is parsed again with it to learn them (only on error).
func (p *parser) yamlError(err error, data []byte) *Error {
	msg := err.Error()
	e := &Error{File: p.file, Msg: msg}
	var line int
	if _, serr := fmt.Sscanf(msg, "yaml: line %d:", &line); serr == nil {
		e.Line, e.Column = line, 1
		e.Msg = strings.TrimSpace(msg[strings.Index(msg[len("yaml: line "):], ":")+len("yaml: line ")+1:])
	} else {
		e.Msg = strings.TrimPrefix(msg, "yaml: ")
	}
	var n yaml4.Node
	var le *yaml4.LoadError
	if err4 := yaml4.Unmarshal(data, &n); errors.As(err4, &le) && le.Mark.Line > 0 {
		e.Line, e.Column = le.Mark.Line, max(le.Mark.Column, 1)
		if le.Message != "" {
			e.Msg = le.Message
		}
		if c := le.ContextMark; c.Line > 0 && (c.Line != le.Mark.Line || c.Column != le.Mark.Column) {
			e.Msg += fmt.Sprintf(" (in what starts at line %d, column %d)", c.Line, max(c.Column, 1))
		}
	}
	return e
}

// didYouMean is "; did you mean kinds?" when s is close to one of options (a typo: at most two
// edits, or one for short words), else "".
func didYouMean(s string, options ...string) string {
	best, bestD := "", 3
	for _, o := range options {
		d := editDistance(strings.ToLower(s), o)
		if d < bestD && (d <= 1 || len(o) > 4) {
			best, bestD = o, d
		}
	}
	if best == "" || best == s {
		return ""
	}
	return "; did you mean " + best + "?"
}

// editDistance is the Levenshtein distance of two short strings (keys of a few letters; longer
// input is cut, so the cost stays bounded whatever the file holds).
func editDistance(a, b string) int {
	if len(a) > 64 {
		a = a[:64]
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

var kindNodeNames = map[yaml.Kind]string{
	yaml.MappingNode: "a mapping", yaml.SequenceNode: "a list", yaml.ScalarNode: "a single value", yaml.AliasNode: "an alias",
}

func (p *parser) want(n *yaml.Node, kind yaml.Kind, msg string) bool {
	if n.Kind == kind {
		return true
	}
	p.errorf(n, "%s, not %s", msg, kindNodeNames[n.Kind])
	return false
}

func (p *parser) level(n *yaml.Node) Level {
	if n.Kind == yaml.ScalarNode {
		if l, ok := parseLevel(n.Value); ok {
			return l
		}
		// YAML 1.1 readers take off as false; be precise about what is wanted.
		p.errorf(n, "unknown severity %q (want off, notice, warning or error)", n.Value)
		return Unset
	}
	p.errorf(n, "a severity (off, notice, warning or error) is a single value, not %s", kindNodeNames[n.Kind])
	return Unset
}

func (p *parser) rules(n *yaml.Node, cfg *Config) {
	if !p.want(n, yaml.MappingNode, "rules maps rule IDs to a severity (off, notice, warning, error) or to per-kind severities") {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		id := k.Value
		if _, ok := validate.LookupRule(id); !ok {
			p.errorf(k, "unknown rule ID %q (connector-check rules lists them; IDs are case-sensitive)%s", id, suggest(id))
			continue
		}
		if _, dup := cfg.Rules[id]; dup {
			p.errorf(k, "rule %s is configured twice", id)
			continue
		}
		var rs RuleSetting
		switch v.Kind {
		case yaml.ScalarNode:
			rs.Severity = p.level(v)
		case yaml.MappingNode:
			for j := 0; j+1 < len(v.Content); j += 2 {
				kk, vv := v.Content[j], v.Content[j+1]
				if kk.Value == "severity" {
					rs.Severity = p.level(vv)
					continue
				}
				kind, ok := kindNames[kk.Value]
				if !ok {
					p.errorf(kk, "unknown key %q under %s (want severity, certified, independent-publisher or custom)%s", kk.Value, id,
						didYouMean(kk.Value, "severity", "certified", "independent-publisher", "custom"))
					continue
				}
				if rs.PerKind == nil {
					rs.PerKind = map[validate.Kind]Level{}
				}
				rs.PerKind[kind] = p.level(vv)
			}
		default:
			p.errorf(v, "rule %s: want a severity (off, notice, warning, error) or a mapping of kinds to severities, not %s", id, kindNodeNames[v.Kind])
		}
		cfg.Rules[id] = rs
	}
}

// suggest names a registered rule that differs from id only in letter case.
func suggest(id string) string {
	for _, r := range validate.RuleIDs() {
		if strings.EqualFold(r, id) {
			return "; did you mean " + r + "?"
		}
	}
	return ""
}

func (p *parser) ignores(n *yaml.Node, cfg *Config) {
	if !p.want(n, yaml.SequenceNode, "ignore is a list of {rule, path, pointer} entries") {
		return
	}
	for _, item := range n.Content {
		if !p.want(item, yaml.MappingNode, "an ignore entry is a mapping with rule, path and/or pointer") {
			continue
		}
		var ig Ignore
		p.scalarEntries(item, func(k, v *yaml.Node) {
			switch k.Value {
			case "rule":
				if _, ok := validate.LookupRule(v.Value); !ok {
					p.errorf(v, "unknown rule ID %q%s", v.Value, suggest(v.Value))
				}
				ig.Rule = v.Value
			case "path":
				ig.Path = p.glob(v)
			case "pointer":
				if v.Value != "" && !strings.HasPrefix(v.Value, "/") {
					p.errorf(v, "pointer %q is not a JSON pointer: it starts with / (RFC 6901, ~1 for / in a key)", v.Value)
				}
				ig.Pointer, ig.HasPtr = v.Value, true
			default:
				p.errorf(k, "unknown key %q in an ignore entry (want rule, path or pointer)%s", k.Value, didYouMean(k.Value, "rule", "path", "pointer"))
			}
		})
		if ig.Rule == "" && ig.Path == "" && !ig.HasPtr {
			p.errorf(item, "an ignore entry needs at least one of rule, path or pointer")
			continue
		}
		cfg.Ignore = append(cfg.Ignore, ig)
	}
}

func (p *parser) kinds(n *yaml.Node, cfg *Config) {
	if !p.want(n, yaml.SequenceNode, "kinds is a list of {path, kind} entries") {
		return
	}
	for _, item := range n.Content {
		if !p.want(item, yaml.MappingNode, "a kinds entry is a mapping with path and kind") {
			continue
		}
		var ko KindOverride
		p.scalarEntries(item, func(k, v *yaml.Node) {
			switch k.Value {
			case "path":
				ko.Path = p.glob(v)
			case "kind":
				kind, ok := kindNames[v.Value]
				if !ok {
					p.errorf(v, "unknown kind %q (want certified, independent-publisher or custom)%s", v.Value, didYouMean(v.Value, "certified", "independent-publisher", "custom"))
				}
				ko.Kind = kind
			default:
				p.errorf(k, "unknown key %q in a kinds entry (want path and kind)%s", k.Value, didYouMean(k.Value, "path", "kind"))
			}
		})
		if ko.Path == "" || ko.Kind == 0 {
			p.errorf(item, "a kinds entry needs both path and kind")
			continue
		}
		cfg.Kinds = append(cfg.Kinds, ko)
	}
}

// scalarEntries calls f for each key of the mapping item whose value is a single value, and
// reports the others.
func (p *parser) scalarEntries(item *yaml.Node, f func(k, v *yaml.Node)) {
	for j := 0; j+1 < len(item.Content); j += 2 {
		k, v := item.Content[j], item.Content[j+1]
		if p.want(v, yaml.ScalarNode, k.Value+" is a single value") {
			f(k, v)
		}
	}
}

func (p *parser) glob(v *yaml.Node) string {
	g := cleanPath(v.Value)
	if g == "" {
		p.errorf(v, "empty path glob")
		return ""
	}
	for _, seg := range strings.Split(g, "/") {
		if seg == "**" {
			continue
		}
		if _, err := path.Match(seg, ""); err != nil {
			p.errorf(v, "bad path glob %q: %v", v.Value, err)
			return ""
		}
	}
	return g
}

// cleanPath makes a repository path comparable: forward slashes, no ./ prefix, no trailing /.
func cleanPath(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), `\`, "/")
	for strings.HasPrefix(s, "./") {
		s = s[2:]
	}
	return strings.TrimRight(s, "/")
}

// Match reports whether glob matches the repository path p or one of its parent folders. A
// segment ** matches any number of segments (none included); other segments follow path.Match
// (* and ? stop at /).
//
// The configuration is the pull request's too: the match runs the glob as a set of states over
// the path's segments, at most len(glob)+1 states per segment, so 400 "**" segments cost 400
// steps per segment instead of a search through every way to split the path between them.
func Match(glob, p string) bool {
	return matchSegs(strings.Split(cleanPath(glob), "/"), strings.Split(cleanPath(p), "/"))
}

// matchSegs reports whether the glob segments g match a non-empty prefix of the path segments s.
func matchSegs(g, s []string) bool {
	// on[i]: the first i glob segments match the path segments read so far.
	on := make([]bool, len(g)+1)
	next := make([]bool, len(g)+1)
	closure := func(on []bool) {
		for i := range g { // ** matches no segment too
			if on[i] && g[i] == "**" {
				on[i+1] = true
			}
		}
	}
	on[0] = true
	closure(on)
	for _, seg := range s {
		clear(next)
		any := false
		for i, ok := range on[:len(g)] {
			if !ok {
				continue
			}
			if g[i] == "**" {
				next[i], any = true, true // ** takes this segment and may take more
			} else if m, _ := path.Match(g[i], seg); m {
				next[i+1], any = true, true
			}
		}
		if !any {
			return false
		}
		closure(next)
		on, next = next, on
		if on[len(g)] {
			return true // the glob matches this folder, a parent of p (or p itself)
		}
	}
	return false
}

// KindFor is the kind configured for a connector folder, or 0 (the first matching entry wins).
func (c *Config) KindFor(connector string) validate.Kind {
	if c == nil {
		return 0
	}
	for _, ko := range c.Kinds {
		if Match(ko.Path, connector) {
			return ko.Kind
		}
	}
	return 0
}

func (ig *Ignore) matches(f *validate.Finding) bool {
	if ig.Rule != "" && ig.Rule != f.Rule {
		return false
	}
	if ig.Path != "" && !Match(ig.Path, f.File) {
		return false
	}
	if ig.HasPtr {
		if !f.HasPointer {
			return false
		}
		if ig.Pointer != "" && f.Pointer != ig.Pointer && !strings.HasPrefix(f.Pointer, ig.Pointer+"/") {
			return false
		}
	}
	return true
}

// Apply returns the result with the configuration applied: findings of rules set off and ignored
// findings dropped, configured severities set, and the counts recomputed. res is not changed.
func (c *Config) Apply(res *validate.Result) *validate.Result {
	if c == nil {
		return res
	}
	kinds := map[string]validate.Kind{}
	for _, cr := range res.Connectors {
		kinds[cr.Path] = cr.Kind
	}
	out := &validate.Result{Connectors: make([]validate.ConnectorResult, len(res.Connectors))}
	for _, f := range res.Findings {
		if rs, ok := c.Rules[f.Rule]; ok {
			switch l := rs.Level(kinds[f.Connector]); l {
			case Off:
				continue
			case Unset:
			default:
				f.Severity = l.severity()
			}
		}
		if !slices.ContainsFunc(c.Ignore, func(ig Ignore) bool { return ig.matches(&f) }) {
			out.Findings = append(out.Findings, f)
		}
	}
	Recount(res.Connectors, out)
	return out
}

// Recount sets out's connectors (from connectors) and all counts from out.Findings.
func Recount(connectors []validate.ConnectorResult, out *validate.Result) {
	out.Connectors = make([]validate.ConnectorResult, len(connectors))
	idx := map[string]int{}
	for i, cr := range connectors {
		out.Connectors[i] = validate.ConnectorResult{Path: cr.Path, Kind: cr.Kind}
		idx[cr.Path] = i
	}
	out.Counts = validate.Counts{}
	for _, f := range out.Findings {
		out.Counts.Add(f.Severity)
		if i, ok := idx[f.Connector]; ok {
			out.Connectors[i].Add(f.Severity)
		}
	}
}
