package main

// Tests that reproduce the defects of the reports issue, one each: they failed before the fix.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/ghapi/fakegh"
)

// prPackageEnv is pull-request mode over prWorkspace with package: true, the API at srv.
func prPackageEnv(t *testing.T) (ws string, env map[string]string, tmp string) {
	t.Helper()
	ws, baseSwagger, baseProps := prWorkspace(t)
	event, err := filepath.Abs("testdata/events/pull_request.json")
	if err != nil {
		t.Fatal(err)
	}
	srv := fakegh.New()
	t.Cleanup(srv.Close)
	srv.ServePulls(&fakegh.Repo{
		Owner: "microsoft", Name: "PowerPlatformConnectors",
		Pulls: map[int][]fakegh.PullFile{4321: {{Filename: contosoSwag, Status: "modified", Additions: 2, Deletions: 1}}},
		Contents: map[string]map[string][]byte{eventBase: {
			contosoSwag:                        baseSwagger,
			contosoDir + "/apiProperties.json": baseProps,
		}},
	})
	t.Chdir(ws)
	tmp = t.TempDir()
	env = prActionEnv(ws, event)
	env["GITHUB_API_URL"] = srv.URL
	env["INPUT_GITHUB-TOKEN"] = "ghs_readonly"
	env["INPUT_PACKAGE"] = "true"
	env["INPUT_FAIL-ON"] = "never"
	env["RUNNER_TEMP"] = tmp
	env["GITHUB_OUTPUT"] = filepath.Join(tmp, "output")
	env["GITHUB_STEP_SUMMARY"] = filepath.Join(tmp, "summary.md")
	return ws, env, tmp
}

func outputs(t *testing.T, file string) map[string]string {
	t.Helper()
	data, _ := os.ReadFile(file)
	m := map[string]string{}
	for _, l := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(l, "="); ok {
			m[k] = v
		}
	}
	return m
}

// package: true in a pull request packaged every connector under path, not the touched ones;
// package findings were missing from the summary and the errors output, the blocking IntroMissing
// was not shown, and they were annotated beyond the per-severity cap.
func TestActionPackageInPullRequest(t *testing.T) {
	ws, env, tmp := prPackageEnv(t)
	os.Remove(filepath.Join(ws, contosoDir, "intro.md"))
	out, stderr, code := runCLI(t, env)
	if code != exitFindings { // no package built: the step fails even with fail-on never
		t.Fatalf("exit %d\n%s%s", code, stderr, out)
	}
	if entries, _ := os.ReadDir(filepath.Join(tmp, "connector-check-packages")); len(entries) != 0 {
		t.Errorf("packages written although Contoso has errors: %v", entries)
	}
	if strings.Contains(stderr+out, "Africa") {
		t.Errorf("the untouched connector was packaged or validated:\n%s%s", stderr, out)
	}
	if !strings.Contains(out, "[IntroMissing]") {
		t.Errorf("the blocking IntroMissing is not shown:\n%s", out)
	}
	if strings.Contains(out, "a template was packaged") {
		t.Errorf("claims a template was packaged though nothing was written:\n%s", out)
	}
	summary, _ := os.ReadFile(env["GITHUB_STEP_SUMMARY"])
	if !strings.Contains(string(summary), "IntroMissing") {
		t.Errorf("package findings are not in the summary")
	}
	o := outputs(t, env["GITHUB_OUTPUT"])
	var n int
	json.Unmarshal([]byte(o["errors"]), &n)
	plainErrors := 0
	for _, l := range strings.Split(out, "\n") {
		if !strings.HasPrefix(l, "::") && strings.Contains(l, ": error [") {
			plainErrors++
		}
	}
	if n != plainErrors || n == 0 {
		t.Errorf("errors output %q, but %d errors in the log (the package's IntroMissing among them)", o["errors"], plainErrors)
	}
	for _, sev := range []string{"error", "warning", "notice"} {
		if c := strings.Count(out, "::"+sev+" ") + strings.Count(out, "::"+sev+"::"); c > 10 {
			t.Errorf("%d %s annotations in one step, over the runner's 10", c, sev)
		}
	}
}

// On a fork PR with comment: true, the "token may not write" notice came after ten finding
// notices and the runner dropped it.
func TestActionForkNoticeIsKept(t *testing.T) {
	s := fakegh.New()
	defer s.Close()
	r := fakegh.AddReports(s)
	r.Forbidden = true
	// Twelve connectors of no known kind: a notice each, more than the runner shows.
	tmp := t.TempDir()
	for i := range 12 {
		copyDir(t, filepath.Join(examples, contosoDir), filepath.Join(tmp, "loose", fmt.Sprintf("C%02d", i)))
	}
	out, _, _ := runCLI(t, actionEnv(t, s.URL, map[string]string{"INPUT_FAIL-ON": "never", "INPUT_CHECK-RUN": "false", "INPUT_PATH": filepath.Join(tmp, "loose")}))
	notices := 0
	kept := false
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "::notice") {
			notices++
			if strings.Contains(l, "the token may not write") {
				kept = notices <= 10
			}
		}
	}
	if !kept {
		t.Errorf("the refusal notice is not among the first 10 notices (%d notices):\n%s", notices, out)
	}
}

// A failed or redirected write: --output through a link planted in the checkout wrote through
// it, and a failed write deleted the target.
func TestOutputsAreWrittenSafely(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	victim := filepath.Join(t.TempDir(), "victim")
	os.WriteFile(victim, []byte("keep"), 0o644)
	os.Symlink(victim, "report.json")
	_, stderr, code := runCLI(t, nil, "validate", "--format", "json", "--output", "report.json", filepath.Join(wdBefore, examples, contosoDir))
	if code != exitError || !strings.Contains(stderr, "symbolic link") {
		t.Errorf("exit %d, stderr %q: want a refusal", code, stderr)
	}
	if data, _ := os.ReadFile(victim); string(data) != "keep" {
		t.Errorf("wrote through the link: %q", data)
	}
	for _, args := range [][]string{
		{"validate", "--sarif-file", "report.json", filepath.Join(wdBefore, examples, contosoDir)},
		{"baseline", "--output", "report.json", filepath.Join(wdBefore, examples, contosoDir)},
	} {
		runCLI(t, nil, args...)
		if data, _ := os.ReadFile(victim); string(data) != "keep" {
			t.Errorf("%v wrote through the link: %q", args, data)
		}
		if _, err := os.Lstat("report.json"); err != nil {
			t.Errorf("%v removed the link it did not create", args)
		}
	}
	// --output creates missing folders, like --sarif-file.
	if _, stderr, code := runCLI(t, nil, "validate", "--format", "json", "--output", "out/deep/r.json", filepath.Join(wdBefore, examples, contosoDir)); code == exitError {
		t.Errorf("--output into a missing folder: %s", stderr)
	}
}

// A missing or unwritable RUNNER_TEMP failed every run with exit 2; the report-json output was a
// container path later steps can't open.
func TestRunnerTempDegrades(t *testing.T) {
	for name, temp := range map[string]string{"missing": "", "unwritable": "/proc/connector-check-nope"} {
		t.Run(name, func(t *testing.T) {
			tmp := t.TempDir()
			// Without RUNNER_TEMP the packages go to the working folder: make it a temporary one.
			t.Chdir(tmp)
			env := map[string]string{
				"GITHUB_ACTIONS": "true", "INPUT_PATH": filepath.Join(wdBefore, examples, contosoDir), "INPUT_FAIL-ON": "never",
				"GITHUB_OUTPUT": filepath.Join(tmp, "output"), "GITHUB_STEP_SUMMARY": filepath.Join(tmp, "summary.md"),
				"RUNNER_TEMP": temp, "INPUT_PACKAGE": "true",
			}
			out, stderr, code := runCLI(t, env)
			if code != exitOK {
				t.Fatalf("exit %d, want 0\n%s%s", code, stderr, out)
			}
			if !strings.Contains(out, "::warning::connector-check: ") {
				t.Errorf("no warning:\n%s", out)
			}
		})
	}
	// A container path under /github/runner_temp is given as the host's runner temp folder.
	env := func(k string) string {
		return map[string]string{"GITHUB_WORKSPACE": "/github/workspace", "RUNNER_WORKSPACE": "/home/runner/work/repo"}[k]
	}
	if got := outputPath("/github/runner_temp/connector-check-report.json", env); got != "/home/runner/work/_temp/connector-check-report.json" {
		t.Errorf("outputPath = %q", got)
	}
	if got := outputPath("/github/workspace/out/pk/A.zip", env); got != "out/pk/A.zip" {
		t.Errorf("outputPath = %q", got)
	}
}

var wdBefore, _ = os.Getwd()
