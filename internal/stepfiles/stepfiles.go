// Package stepfiles writes the files the runner gives an action's step: the job summary
// (GITHUB_STEP_SUMMARY), the step outputs (GITHUB_OUTPUT) and the JSON report under RUNNER_TEMP.
package stepfiles

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/connector-check/connector-check/internal/safefile"
	"github.com/connector-check/connector-check/validate"
)

// ReportName is the JSON report's file name under RUNNER_TEMP.
const ReportName = "connector-check-report.json"

// Files are a step's files; an empty name is a file the runner didn't provide (a local run of
// --format github), which is not written.
type Files struct {
	Summary string // GITHUB_STEP_SUMMARY
	Output  string // GITHUB_OUTPUT
	Temp    string // RUNNER_TEMP
	// Warn writes a warning annotation.
	Warn func(msg string)
	// OutputName is how an output names a file the step wrote (OutputPath).
	OutputName func(path string) string
}

// Report is what the files say about a run.
type Report struct {
	Result *validate.Result
	// Summary is the job summary's Markdown (called only when there is a summary file).
	Summary func() string
	// JSON writes the JSON report.
	JSON func(w io.Writer) error
	// Packages, with HasPackages, is the packages output: the packages written.
	Packages    []string
	HasPackages bool
}

// Write writes the job summary, the outputs and the JSON report. A RUNNER_TEMP that is missing
// or can't be written (older runners don't mount it into container actions) costs the JSON
// report and gives a warning; it never fails the check.
func (f Files) Write(r Report) error {
	onRunner := f.Output != "" || f.Summary != ""
	jsonPath := ""
	if f.Temp != "" {
		p := filepath.Join(f.Temp, ReportName)
		err := safefile.Write(p, "", r.JSON)
		if err != nil {
			f.Warn("connector-check: the JSON report was not written (" + err.Error() + "); the report-json output is empty, the job summary and the log have every finding")
		} else {
			jsonPath = f.OutputName(p)
		}
	} else if onRunner {
		f.Warn("connector-check: RUNNER_TEMP is not set, so the JSON report was not written; the report-json output is empty, the job summary and the log have every finding")
	}
	if f.Summary != "" {
		if err := safefile.Append(f.Summary, r.Summary()); err != nil {
			return fmt.Errorf("writing the job summary: %w", err)
		}
	}
	if f.Output != "" {
		res := r.Result
		var sb strings.Builder
		for _, kv := range [][2]string{
			{"errors", fmt.Sprint(res.Counts.Errors)},
			{"warnings", fmt.Sprint(res.Counts.Warnings)},
			{"notices", fmt.Sprint(res.Counts.Notices)},
			{"connectors", fmt.Sprint(len(res.Connectors))},
			{"report-json", jsonPath},
		} {
			fmt.Fprintf(&sb, "%s=%s\n", kv[0], kv[1])
		}
		if r.HasPackages {
			list, _ := json.Marshal(append([]string{}, r.Packages...))
			fmt.Fprintf(&sb, "packages=%s\n", list)
		}
		if err := safefile.Append(f.Output, sb.String()); err != nil {
			return fmt.Errorf("writing the outputs: %w", err)
		}
	}
	return nil
}

// OutputPath is how an output names a file the action wrote, so that later steps (which run on
// the host, not in the action's container) can open it: a path inside the workspace is given
// relative to it (steps run in the workspace); a path under the container's RUNNER_TEMP mount
// (/github/runner_temp) is given as the host's runner temp folder, which the runner keeps at
// _temp beside the repository folders (runnerWorkspace, RUNNER_WORKSPACE, which the runner
// doesn't translate, is <work>/<repository>); anything else is given as it is.
func OutputPath(p, workspace, runnerWorkspace string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	if workspace != "" {
		if rel, ok := relInside(workspace, abs); ok {
			return filepath.ToSlash(rel)
		}
	}
	const containerTemp = "/github/runner_temp"
	if rel, ok := relInside(containerTemp, abs); ok {
		if rw := runnerWorkspace; filepath.IsAbs(rw) && !strings.HasPrefix(rw, "/github/") {
			return filepath.ToSlash(filepath.Join(filepath.Dir(rw), "_temp", rel))
		}
	}
	return filepath.ToSlash(abs)
}

// relInside is p relative to dir, when p is dir or inside it.
func relInside(dir, p string) (string, bool) {
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return rel, true
}
