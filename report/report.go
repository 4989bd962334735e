// Package report formats findings; it decides nothing about them. Every formatter reads the same
// validate.Result in its given order, so the outputs agree with each other line for line.
package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/connector-check/connector-check/validate"
)

// Tool names the program in machine-readable reports.
type Tool struct{ Name, Version string }

// Text writes one line per finding, in the result's order:
//
//	file:line:col: severity [Rule] message ValuePath: /pointer
//
// A finding about a whole file or folder (Line 0) has no position: "file: severity [Rule] message".
func Text(w io.Writer, res *validate.Result) error {
	var sb strings.Builder
	for i := range res.Findings {
		sb.WriteString(textLine(&res.Findings[i]))
		sb.WriteByte('\n')
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

// textLine is a finding as one line of text. Connector text can hold line breaks and escape
// sequences; they are made visible so a finding stays one line (grep, editors' error parsers)
// and can't repaint a terminal.
func textLine(f *validate.Finding) string {
	var sb strings.Builder
	sb.WriteString(f.File)
	if f.Line > 0 {
		sb.WriteByte(':')
		sb.WriteString(strconv.Itoa(f.Line))
		sb.WriteByte(':')
		sb.WriteString(strconv.Itoa(f.Column))
	}
	fmt.Fprintf(&sb, ": %s [%s] %s", f.Severity, f.Rule, messageWithPointer(f))
	return oneLine(sb.String())
}

// messageWithPointer is the message plus the JSON pointer of the value at fault, named
// ValuePath as in Microsoft's own validator output so both read alike.
func messageWithPointer(f *validate.Finding) string {
	if f.HasPointer && f.Pointer != "" {
		return f.Message + " ValuePath: " + f.Pointer
	}
	return f.Message
}

// oneLine shows CR and LF as \r and \n and other control characters (except tab) as \xNN.
func oneLine(s string) string { return showControls(s, true) }

// showControls shows control characters other than tab as \xNN, and CR and LF as \r and \n
// when breaks is set (an annotation message may span lines; go-githubactions escapes them).
func showControls(s string, breaks bool) string {
	shown := func(r rune) bool { return isControl(r) && (breaks || (r != '\r' && r != '\n')) }
	if !strings.ContainsFunc(s, shown) {
		return s
	}
	var sb strings.Builder
	for _, r := range s {
		switch {
		case !shown(r):
			sb.WriteRune(r)
		case r == '\r':
			sb.WriteString(`\r`)
		case r == '\n':
			sb.WriteString(`\n`)
		default:
			fmt.Fprintf(&sb, `\x%02x`, r)
		}
	}
	return sb.String()
}

func isControl(r rune) bool { return (r < 0x20 && r != '\t') || r == 0x7f }

// Tally is the one-line total main prints to standard error:
// "2 connectors checked: 1 error, 0 warnings, 3 notices".
func Tally(res *validate.Result) string {
	return plural(len(res.Connectors), "connector") + " checked: " + countsText(res.Counts)
}

// SuppressedText is "N findings suppressed by configuration, M by baseline", or "" when both
// are zero.
func SuppressedText(s validate.Suppressed) string {
	if s.Config == 0 && s.Baseline == 0 {
		return ""
	}
	return plural(s.Config, "finding") + " suppressed by configuration, " + strconv.Itoa(s.Baseline) + " by baseline"
}

func countsText(c validate.Counts) string {
	return plural(c.Errors, "error") + ", " + plural(c.Warnings, "warning") + ", " + plural(c.Notices, "notice")
}

// plural writes n with the noun, adding an s unless n is 1 (every noun used here is regular).
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
