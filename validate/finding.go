// Package validate discovers connector folders, loads each file once with a position index, and
// runs pure rules over them that produce Findings. It never prints: the report package does.
package validate

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity orders findings: Error > Warning > Notice.
type Severity uint8

const (
	Notice Severity = iota + 1
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Notice:
		return "notice"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "none"
}

// ParseSeverity accepts error, warning and notice.
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "notice":
		return Notice, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or notice)", s)
}

// Finding is one rule violation at one place. Line and column are 1-based; EndColumn is exclusive.
// Line is 0 for findings about a whole file or folder (a missing file, a misnamed file).
type Finding struct {
	Rule      string
	Severity  Severity
	Connector string // connector folder as given on the command line, forward slashes
	File      string // the file (or folder) at fault, forward slashes
	Line      int
	Column    int
	EndLine   int
	EndColumn int
	// Pointer is the RFC 6901 pointer of the JSON key or value at fault; HasPointer is false for
	// non-JSON files and folders (the root pointer of a JSON file is "" with HasPointer true).
	Pointer    string
	HasPointer bool
	Message    string // says what is wrong and how to fix it
	MsRule     string // Microsoft's generic rule name, when the ID refines it
	PolicyCode string // certification policy code, when the bot has one
	Related    []Related
	// Inherited: in pull-request mode, the finding was already there at the base commit (the
	// change didn't introduce it). Reports fold inherited findings away from the new ones.
	Inherited bool
	// Introduced: the run compared the change with its base and the change brings this finding.
	// Neither is set when nothing was compared (a plain folder check).
	Introduced bool
	// Baselined: the finding is recorded in the baseline file (reported as a notice).
	Baselined bool
}

// Related is a second place that explains a finding (the first occurrence of a duplicate key).
// Commit is set when the place is in another version of the file than the one checked: the base
// commit of a breaking change in pull-request mode (File is then that version's repository path).
type Related struct {
	File    string
	Line    int
	Column  int
	Message string
	Commit  string
}

func compareFindings(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.Connector, b.Connector),
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.EndLine, b.EndLine),
		cmp.Compare(a.EndColumn, b.EndColumn),
		cmp.Compare(a.Pointer, b.Pointer),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(b.Severity, a.Severity),
	)
}

// SortFindings orders findings by connector, file, line, column and rule (then the remaining
// fields, so the order is total) and drops exact repeats of one rule at one place.
func SortFindings(fs []Finding) []Finding {
	slices.SortFunc(fs, compareFindings)
	return slices.CompactFunc(fs, func(a, b Finding) bool {
		return a.Rule == b.Rule && a.Connector == b.Connector && a.File == b.File &&
			a.Line == b.Line && a.Column == b.Column && a.EndLine == b.EndLine &&
			a.EndColumn == b.EndColumn && a.Pointer == b.Pointer && a.Message == b.Message
	})
}

// Counts tallies findings per severity.
type Counts struct{ Errors, Warnings, Notices int }

func (c *Counts) Add(s Severity) {
	switch s {
	case Error:
		c.Errors++
	case Warning:
		c.Warnings++
	case Notice:
		c.Notices++
	}
}

// AtLeast counts the findings at or above threshold.
func (c Counts) AtLeast(threshold Severity) int {
	n := 0
	if threshold <= Error {
		n += c.Errors
	}
	if threshold <= Warning {
		n += c.Warnings
	}
	if threshold <= Notice {
		n += c.Notices
	}
	return n
}
