package report

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/connector-check/connector-check/validate"
	"github.com/sethvargo/go-githubactions"
)

// GitHub writes, for every finding, the plain text line and then one annotation workflow command
// (::error, ::warning or ::notice). The plain line is there because the log hides the position of
// an annotation; the command puts the finding on the file in the pull request.
//
// Connector text is untrusted and must never become a workflow command of its own. The command
// is safe by construction: go-githubactions v1.4.0 escapes % CR LF in the message and also : and
// , in properties (command.go escapeData, escapeProperty), which is exactly the runner's
// unescaping set. The plain line is made safe by workflowSafe.
func GitHub(w io.Writer, res *validate.Result) error {
	var buf bytes.Buffer
	// The library panics when its writer fails; a bytes.Buffer never does, and the real writer's
	// error is returned below instead.
	gh := githubactions.New(githubactions.WithWriter(&buf))
	for i := range res.Findings {
		f := &res.Findings[i]
		buf.Reset()
		buf.WriteString(workflowSafe(textLine(f)))
		buf.WriteByte('\n')
		a := gh.WithFieldsMap(annotationFields(f))
		// Always "%s": the library runs Sprintf on its first argument, and messages hold %.
		// Escape sequences would repaint the log, so they are shown as in the plain line.
		msg := showControls(messageWithPointer(f), false)
		switch f.Severity {
		case validate.Error:
			a.Errorf("%s", msg)
		case validate.Warning:
			a.Warningf("%s", msg)
		default:
			a.Noticef("%s", msg)
		}
		if _, err := w.Write(buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// annotationFields places the annotation. GitHub rejects col/endColumn on a multi-line range, and a
// finding about a whole file or folder (Line 0) has no position at all.
func annotationFields(f *validate.Finding) map[string]string {
	m := map[string]string{"title": f.Rule}
	if f.File != "" {
		m["file"] = f.File
	}
	// Inside a package (pkg.zip!package.zip!PkgAssets/...): annotate the zip, name the entry.
	if zipFile, entry, ok := strings.Cut(f.File, "!"); ok {
		m["file"], m["title"] = zipFile, f.Rule+" ("+entry+")"
	}
	if f.Line <= 0 {
		return m
	}
	m["line"] = strconv.Itoa(f.Line)
	endLine := f.EndLine
	if endLine < f.Line {
		endLine = f.Line // no end recorded: a point
	}
	m["endLine"] = strconv.Itoa(endLine)
	if endLine == f.Line {
		if f.Column > 0 {
			m["col"] = strconv.Itoa(f.Column)
		}
		if f.EndColumn > 0 {
			m["endColumn"] = strconv.Itoa(f.EndColumn)
		}
	}
	return m
}

// workflowSafe keeps a line of log output (already one line: see oneLine) from being read as a
// workflow command by the runner (actions/runner ActionCommand.cs):
//   - TryParseV2 trims leading white space and takes a line starting with "::" as a command, so
//     such a line gets a visible backslash in front;
//   - the legacy TryParse takes "##[name ...]" anywhere in a line as a command, so "##[" is broken
//     up as "## [".
func workflowSafe(line string) string {
	for strings.Contains(line, "##[") {
		line = strings.ReplaceAll(line, "##[", "## [")
	}
	if strings.HasPrefix(strings.TrimLeftFunc(line, unicode.IsSpace), "::") {
		line = `\` + line
	}
	return line
}
