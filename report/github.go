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

// Annotation caps of the runner: a step shows at most 10 error, 10 warning and 10 notice
// annotations and a job at most 50; the rest are dropped silently.
const (
	// AnnotationsPerSeverity is the runner's per-step cap for each of error, warning and notice.
	AnnotationsPerSeverity = 10
	// AnnotationsPerStep bounds one step's annotations in all (the count notice included). The job
	// cap is 50 for all its steps together: 30 leaves 20 for other steps (another connector-check
	// step, a linter) while every severity still gets its full 10.
	AnnotationsPerStep = 30
)

// GitHub writes, for every finding, the plain text line, and for the findings that fit the
// runner's annotation caps one annotation workflow command (::error, ::warning or ::notice) right
// after it. The plain line is there because the log hides the position of an annotation, and
// because it carries every finding; the command puts the finding on the file in the pull request.
//
// Which findings get an annotation: the most severe first (errors, then warnings, then notices),
// within a severity in file order, at most AnnotationsPerSeverity each and AnnotationsPerStep in
// all. When some are left out, one last notice says how many and where they are (the job summary);
// it takes one of the notice slots so that the runner keeps it.
//
// Connector text is untrusted and must never become a workflow command of its own. The command
// is safe by construction: go-githubactions v1.4.0 escapes % CR LF in the message and also : and
// , in properties (command.go escapeData, escapeProperty), which is exactly the runner's
// unescaping set. The plain line is made safe by workflowSafe.
func GitHub(w io.Writer, res *validate.Result) error { return GitHubWith(w, res, GitHubOptions{}) }

// GitHubOptions configure GitHubWith.
type GitHubOptions struct {
	// ReserveNotices keeps notice slots free for notices the caller writes after the findings
	// (the one that says a fork's token may not write the PR comment): the runner would drop
	// them silently. ReserveWarnings does the same for warnings (RUNNER_TEMP not writable, a
	// baseline that matched nothing).
	ReserveNotices, ReserveWarnings int
}

// GitHubWith is GitHub with options.
func GitHubWith(w io.Writer, res *validate.Result, opts GitHubOptions) error {
	var buf bytes.Buffer
	// The library panics when its writer fails; a bytes.Buffer never does, and the real writer's
	// error is returned below instead.
	gh := githubactions.New(githubactions.WithWriter(&buf))
	chosen, omitted := annotationBudget(res.Findings, AnnotationsPerSeverity, AnnotationsPerStep, opts.ReserveNotices, opts.ReserveWarnings)
	for i := range res.Findings {
		f := &res.Findings[i]
		buf.Reset()
		buf.WriteString(workflowSafe(textLine(f)))
		buf.WriteByte('\n')
		if chosen[i] {
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
		}
		if _, err := w.Write(buf.Bytes()); err != nil {
			return err
		}
	}
	if omitted > 0 {
		buf.Reset()
		gh.WithFieldsMap(map[string]string{"title": "connector-check"}).Noticef("%s", omittedNotice(omitted))
		if _, err := w.Write(buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

func omittedNotice(n int) string {
	are := " are"
	if n == 1 {
		are = " is"
	}
	return plural(n, "more finding") + are + " in the job summary and the log above, not annotated " +
		"(GitHub shows at most " + strconv.Itoa(AnnotationsPerSeverity) + " annotations per severity in a step)"
}

// AnnotationBudget chooses the findings that get an annotation: by severity (error, warning,
// notice, then anything else as a notice), within one in the given order, at most perSeverity per
// severity and total in all. Among notices, the ones that say a part of the check was skipped
// (PrContextUnavailable: a degraded run) come first. Baselined and inherited findings are never
// annotated (they are recorded or already at the base, not news) nor counted as left out. When some findings are left out, one
// notice slot and one of total are kept free for the notice that counts them. chosen[i] says
// whether fs[i] is annotated.
func AnnotationBudget(fs []validate.Finding, perSeverity, total int) (chosen []bool, omitted int) {
	return annotationBudget(fs, perSeverity, total, 0, 0)
}

// annotationBudget is AnnotationBudget with reserve notice slots and reserveWarn warning slots
// (and as many of total) kept for the caller's own annotations.
func annotationBudget(fs []validate.Finding, perSeverity, total, reserve, reserveWarn int) (chosen []bool, omitted int) {
	candidates := 0
	for i := range fs {
		if !fs[i].Baselined && !fs[i].Inherited {
			candidates++
		}
	}
	pick := func(noticeCap, total int) ([]bool, int) {
		chosen := make([]bool, len(fs))
		n := 0
		for _, sev := range []validate.Severity{validate.Error, validate.Warning, validate.Notice} {
			limit := perSeverity
			switch sev {
			case validate.Notice:
				limit = noticeCap
			case validate.Warning:
				limit = perSeverity - reserveWarn
			}
			taken := 0
			for pass := 0; pass < 2; pass++ {
				for i := range fs {
					s := fs[i].Severity
					if s != validate.Error && s != validate.Warning {
						s = validate.Notice
					}
					degraded := fs[i].Rule == validate.PrContextUnavailable.ID
					if s != sev || fs[i].Baselined || fs[i].Inherited || chosen[i] || taken >= limit || n >= total || (pass == 0) != degraded {
						continue
					}
					chosen[i] = true
					taken++
					n++
				}
			}
		}
		return chosen, candidates - n
	}
	chosen, omitted = pick(perSeverity-reserve, total-reserve-reserveWarn)
	if omitted > 0 {
		chosen, omitted = pick(perSeverity-reserve-1, total-reserve-reserveWarn-1)
	}
	return chosen, omitted
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
