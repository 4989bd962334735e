package stepfiles

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/validate"
)

func result() *validate.Result {
	return &validate.Result{
		Connectors: []validate.ConnectorResult{{Path: "c/A"}},
		Counts:     validate.Counts{Errors: 1, Warnings: 2, Notices: 3},
	}
}

func TestWriteOnTheRunner(t *testing.T) {
	dir := t.TempDir()
	var warns []string
	f := Files{
		Summary: filepath.Join(dir, "summary.md"), Output: filepath.Join(dir, "output"), Temp: filepath.Join(dir, "tmp"),
		Warn:       func(m string) { warns = append(warns, m) },
		OutputName: func(p string) string { return "named:" + filepath.Base(p) },
	}
	os.WriteFile(f.Summary, []byte("earlier step\n"), 0o644)
	err := f.Write(Report{
		Result: result(), Summary: func() string { return "## summary\n" },
		JSON:     func(w io.Writer) error { _, err := io.WriteString(w, "{}"); return err },
		Packages: []string{"p/A.zip"}, HasPackages: true,
	})
	if err != nil || len(warns) != 0 {
		t.Fatalf("%v, warnings %q", err, warns)
	}
	if data, _ := os.ReadFile(f.Summary); string(data) != "earlier step\n## summary\n" {
		t.Errorf("summary %q (appended to what the job wrote before)", data)
	}
	want := "errors=1\nwarnings=2\nnotices=3\nconnectors=1\nreport-json=named:" + ReportName + "\npackages=[\"p/A.zip\"]\n"
	if data, _ := os.ReadFile(f.Output); string(data) != want {
		t.Errorf("outputs %q, want %q", data, want)
	}
	if data, _ := os.ReadFile(filepath.Join(f.Temp, ReportName)); string(data) != "{}" {
		t.Errorf("JSON report %q", data)
	}
	// Without packages asked for, no packages output; with none built, an empty list.
	os.Remove(f.Output)
	f.Write(Report{Result: result(), Summary: func() string { return "" }, JSON: func(io.Writer) error { return nil }})
	if data, _ := os.ReadFile(f.Output); strings.Contains(string(data), "packages=") {
		t.Errorf("outputs %q", data)
	}
	os.Remove(f.Output)
	f.Write(Report{Result: result(), Summary: func() string { return "" }, JSON: func(io.Writer) error { return nil }, HasPackages: true})
	if data, _ := os.ReadFile(f.Output); !strings.HasSuffix(string(data), "packages=[]\n") {
		t.Errorf("outputs %q", data)
	}
}

func TestWriteDegrades(t *testing.T) {
	dir := t.TempDir()
	var warns []string
	f := Files{Output: filepath.Join(dir, "output"), Warn: func(m string) { warns = append(warns, m) }, OutputName: filepath.Base}
	summaryCalled := false
	rep := Report{Result: result(), Summary: func() string { summaryCalled = true; return "" }, JSON: func(io.Writer) error { return nil }}
	if err := f.Write(rep); err != nil {
		t.Fatal(err)
	}
	if len(warns) != 1 || !strings.Contains(warns[0], "RUNNER_TEMP is not set") || summaryCalled {
		t.Errorf("no RUNNER_TEMP: warnings %q, summary made %v", warns, summaryCalled)
	}
	if data, _ := os.ReadFile(f.Output); !strings.Contains(string(data), "report-json=\n") {
		t.Errorf("outputs %q", data)
	}
	// A RUNNER_TEMP that can't be written: a warning, not a failure.
	warns = nil
	f.Temp = filepath.Join(dir, "output", "tmp") // under a file
	rep.JSON = func(io.Writer) error { return errors.New("x") }
	if err := f.Write(rep); err != nil || len(warns) != 1 || !strings.Contains(warns[0], "the JSON report was not written") {
		t.Errorf("%v, warnings %q", err, warns)
	}
	// A local run without the runner's files writes nothing and says nothing.
	warns = nil
	if err := (Files{Warn: func(m string) { warns = append(warns, m) }}).Write(rep); err != nil || len(warns) != 0 {
		t.Errorf("local run: %v, %q", err, warns)
	}
	// A summary file that can't be written fails the step.
	f = Files{Summary: filepath.Join(dir, "output", "summary"), Warn: func(string) {}}
	if err := f.Write(rep); err == nil {
		t.Error("an unwritable summary: no error")
	}
}

func TestOutputPath(t *testing.T) {
	if got := OutputPath("/github/runner_temp/r.json", "/github/workspace", "/home/runner/work/repo"); got != "/home/runner/work/_temp/r.json" {
		t.Errorf("runner temp: %q", got)
	}
	if got := OutputPath("/github/workspace/out/pk/A.zip", "/github/workspace", ""); got != "out/pk/A.zip" {
		t.Errorf("workspace: %q", got)
	}
	if got := OutputPath("/github/runner_temp/r.json", "", "/github/workspace"); got != "/github/runner_temp/r.json" {
		t.Errorf("untranslatable runner workspace: %q", got)
	}
	if got := OutputPath("/elsewhere/x", "/github/workspace", ""); got != "/elsewhere/x" {
		t.Errorf("elsewhere: %q", got)
	}
}
