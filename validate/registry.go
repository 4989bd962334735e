package validate

import (
	"maps"
	"slices"
	"sync"
)

// Rule is one rule: the single source of its ID, default severity, applies-to, summary, basis
// and example, declared once beside the check that reports it. `connector-check rules` and the docs are generated from it.
type Rule struct {
	ID       string
	Severity Severity          // default severity
	PerKind  map[Kind]Severity // kind-specific defaults (the catalog's ↑IP and "C:notice")
	Kinds    Kinds             // kinds the rule applies to
	Summary  string            // one line: what is checked
	MsRule   string            // Microsoft's generic name when the ID refines it (RequiredPropertyMissing)
	Policy   string            // certification policy code
	Section  string            // section of the rule catalog (rules.md): documentation only
	// Scope is what the rule's findings are about, where code treats them differently (the
	// pull-request summary, breaking-change acknowledgements, the package build's verdict).
	Scope Scope
	// New is the severity for a new submission when it is higher (the catalog's ↑new: error;
	// "new: warning"): the connector folder is absent at the pull request's merge base, or --new
	// is given. 0: no escalation.
	New Severity
	// Basis is the clause of the severity policy (docs/severity.md) the severity stands on, and
	// BasisReason says why when the clause alone doesn't (basis.go).
	Basis       Basis
	BasisReason string
	// Example is a bad and a good input, shown in docs/rules.md.
	Example Example
	// Fix, when set, derives the edit or rename that removes one of the rule's findings, or
	// reports that no fix is unambiguous for it (the fixers are in fix_rules.go; fix_run.go
	// verifies what they return).
	Fix Fixer
}

// Scope says what a rule's findings are about, for the code that treats them differently;
// behaviour depends on it, never on the documentation fields (Section, Summary).
type Scope uint8

const (
	ScopeConnector   Scope = iota // a connector folder's files (the default)
	ScopePackage                  // a certification package zip (packaging)
	ScopeBreaking                 // a change between two versions of a connector
	ScopePullRequest              // a pull request: its title, description, files and process
)

// SeverityFor is the rule's default severity for a connector of kind k.
func (r *Rule) SeverityFor(k Kind) Severity {
	if s, ok := r.PerKind[k]; ok {
		return s
	}
	return r.Severity
}

// AppliesTo reports whether the rule runs for kind k.
func (r *Rule) AppliesTo(k Kind) bool { return r.Kinds&k != 0 }

var ipError = map[Kind]Severity{IndependentPublisher: Error}

// The registry holds every rule connector-check implements. Each rule is declared once, as a
// value beside the check that reports it (var operationIdTooLong = newRule(Rule{...})), and
// registers itself when its package is initialised; rules that only the packaging package
// reports are declared there and registered through Register. Nothing depends on the order of
// registration: Rules sorts by ID, and the docs group by catalog section.
var (
	registryMu sync.RWMutex
	byID       = map[string]*Rule{}
)

// newRule registers r and returns it for the checks to report.
func newRule(r Rule) *Rule { return Register(r) }

// Register adds a rule declared outside this package (the packaging package's rules) to the
// registry and returns it for its checks to report through NewFinding. Call it only from a
// package-level variable's initialisation; it panics on a rule without an ID, section or
// severity, and on an ID registered twice.
func Register(r Rule) *Rule {
	if r.ID == "" || r.Section == "" || r.Severity == 0 || r.Kinds == 0 {
		panic("validate: incomplete rule " + r.ID)
	}
	registryMu.Lock()
	defer registryMu.Unlock()
	if _, dup := byID[r.ID]; dup {
		panic("validate: rule registered twice: " + r.ID)
	}
	p := &r
	byID[r.ID] = p
	return p
}

// sectionTitles name the sections of the rule catalog that rules are grouped by.
var sectionTitles = map[string]string{
	"1": "Files and folder layout", "2": "JSON syntax", "3": "Swagger document: info, host, schemes, metadata",
	"4": "Operations and paths", "5": "Parameters", "6": "Responses and schemas", "7": "x-ms extensions",
	"8": "Security definitions", "9": "apiProperties.json", "10": "readme.md", "11": "intro.md",
	"12": "script.csx", "13": "Icon and settings.json", "14": "package.zip", "15": "Breaking changes",
	"16": "Pull-request checks",
}

// SectionTitle is the title of a catalog section ("3" -> "Swagger document: ...").
func SectionTitle(section string) string {
	if t, ok := sectionTitles[section]; ok {
		return t
	}
	return "Section " + section
}

// Rules returns every registered rule, sorted by ID.
func Rules() []Rule {
	registryMu.RLock()
	out := make([]Rule, 0, len(byID))
	for _, r := range byID {
		out = append(out, *r)
	}
	registryMu.RUnlock()
	slices.SortFunc(out, func(a, b Rule) int {
		if a.ID < b.ID {
			return -1
		}
		if a.ID > b.ID {
			return 1
		}
		return 0
	})
	return out
}

// LookupRule returns the rule with that ID.
func LookupRule(id string) (*Rule, bool) {
	registryMu.RLock()
	defer registryMu.RUnlock()
	r, ok := byID[id]
	return r, ok
}

// RuleIDs returns every registered rule ID, sorted.
func RuleIDs() []string {
	registryMu.RLock()
	defer registryMu.RUnlock()
	return slices.Sorted(maps.Keys(byID))
}
