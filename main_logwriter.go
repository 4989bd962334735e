package main

import (
	"bytes"
	"io"
	"os"
	"strings"
	"sync"
	"unicode"
)

// In a workflow step the runner reads standard output AND standard error line by line and runs
// every workflow command it finds: a line whose text starts with "::" after leading white space
// (::error, ::add-mask, ::set-output, ::stop-commands), and the older "##[command]" form anywhere in
// a line. The runner's line reader (.NET ReadLine) ends a line at LF, CR LF and a lone CR.
//
// Folder, file and zip-entry names reach the log (a "wrote" line, an error naming a folder), and
// everything in a pull request is the author's. So in a workflow every line connector-check
// prints goes through a logWriter, which makes it inert, except the annotation commands that
// connector-check itself builds with go-githubactions (whose data and properties the library
// escapes): those are written through commandWriter.

// logWriter escapes every complete line written to it (see logSafe); a trailing partial line
// waits for its end, or for Flush.
type logWriter struct {
	mu      sync.Mutex
	w       io.Writer
	partial []byte
}

// guardStreams wraps stdout and stderr in logWriters when running in a GitHub Actions step
// (GITHUB_ACTIONS=true), except a stream redirected to a regular file (connector-check baseline >
// baseline.json): the runner never reads that one, and its bytes must stay as written.
func guardStreams(stdout, stderr io.Writer, getenv func(string) string) (io.Writer, io.Writer) {
	if getenv("GITHUB_ACTIONS") != "true" {
		return stdout, stderr
	}
	guard := func(w io.Writer) io.Writer {
		if f, ok := w.(*os.File); ok {
			if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
				return w
			}
		}
		if _, ok := w.(*logWriter); ok {
			return w
		}
		return &logWriter{w: w}
	}
	return guard(stdout), guard(stderr)
}

func (l *logWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			l.partial = append(l.partial, p...)
			break
		}
		line := p[:i]
		if len(l.partial) > 0 {
			line = append(l.partial, line...)
			l.partial = l.partial[:0]
		}
		if _, err := io.WriteString(l.w, logSafe(string(line))+"\n"); err != nil {
			return n - len(p), err
		}
		p = p[i+1:]
	}
	return n, nil
}

// Flush writes a pending partial line.
func (l *logWriter) Flush() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.flushLocked()
}

func (l *logWriter) flushLocked() error {
	if len(l.partial) == 0 {
		return nil
	}
	s := logSafe(string(l.partial))
	l.partial = l.partial[:0]
	_, err := io.WriteString(l.w, s)
	return err
}

// commandWriter is where connector-check's own workflow commands go: the underlying stream of a
// logWriter (after ending a pending partial line, so that a command starts a line), else w.
func commandWriter(w io.Writer) io.Writer {
	if l, ok := w.(*logWriter); ok {
		return commandStream{l}
	}
	return w
}

type commandStream struct{ l *logWriter }

func (c commandStream) Write(p []byte) (int, error) {
	c.l.mu.Lock()
	defer c.l.mu.Unlock()
	if len(c.l.partial) > 0 {
		if err := c.l.flushLocked(); err != nil {
			return 0, err
		}
		if _, err := io.WriteString(c.l.w, "\n"); err != nil {
			return 0, err
		}
	}
	return c.l.w.Write(p)
}

// flushStreams writes what the logWriters among ws still hold.
func flushStreams(ws ...io.Writer) {
	for _, w := range ws {
		if l, ok := w.(*logWriter); ok {
			l.Flush()
		}
	}
}

// logSafe makes one line of text inert for the runner's command parser, the way the plain lines
// of the github format are (report.GitHub): a lone CR is shown as \r (it would end the line for
// the runner), every "##[" gets a space ("## ["), and a line that starts with "::" after white
// space gets a leading backslash. The line stays readable; an ordinary line is unchanged.
func logSafe(line string) string {
	line = strings.TrimSuffix(line, "\r") // CR LF ends the line as LF does
	if strings.Contains(line, "\r") {
		line = strings.ReplaceAll(line, "\r", `\r`)
	}
	for strings.Contains(line, "##[") {
		line = strings.ReplaceAll(line, "##[", "## [")
	}
	if strings.HasPrefix(strings.TrimLeftFunc(line, unicode.IsSpace), "::") {
		line = `\` + line
	}
	return line
}
