package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/connector-check/connector-check/internal/goldenfile"

	"go.yaml.in/yaml/v3"
)

const examples = "testdata/connectors"

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", "golden", name), got)
}

func runCLI(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb, func(k string) string { return env[k] })
	return out.String(), errb.String(), code
}

func TestValidateGolden(t *testing.T) {
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			out, stderr, code := runCLI(t, nil, "validate", "--format", format, examples)
			if code != exitFindings {
				t.Errorf("exit code %d, want %d (stderr %q)", code, exitFindings, stderr)
			}
			golden(t, "validate."+map[string]string{"text": "txt", "json": "json"}[format], []byte(out))
		})
	}
}

func TestValidateCleanConnector(t *testing.T) {
	out, stderr, code := runCLI(t, nil, "validate", examples+"/independent-publisher-connectors/Contoso Tasks")
	if code != exitOK || out != "" {
		t.Errorf("clean example: exit %d, output %q", code, out)
	}
	if !strings.Contains(stderr, "1 connector checked") {
		t.Errorf("tally = %q", stderr)
	}
}

func TestJSONReportContract(t *testing.T) {
	out, _, _ := runCLI(t, nil, "validate", "--format", "json", examples)
	var rep struct {
		Tool       struct{ Name, Version string }
		Connectors []struct {
			Path, Kind                string
			Errors, Warnings, Notices int
		}
		Findings []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Tool.Name != "connector-check" || len(rep.Connectors) != 5 || len(rep.Findings) == 0 {
		t.Fatalf("report = %+v", rep)
	}
	for _, f := range rep.Findings {
		for _, key := range []string{"rule", "severity", "connector", "file", "line", "column", "endLine", "endColumn", "message"} {
			if _, ok := f[key]; !ok {
				t.Errorf("finding lacks %q: %v", key, f)
			}
		}
		file := f["file"].(string)
		_, hasPtr := f["pointer"]
		if isJSON := strings.HasSuffix(file, ".json"); hasPtr && !isJSON {
			t.Errorf("non-JSON finding has a pointer: %v", f)
		}
	}
}

func TestExitCodes(t *testing.T) {
	broken := examples + "/independent-publisher-connectors/Broken Tasks"
	clean := examples + "/independent-publisher-connectors/Contoso Tasks"
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"validate", broken}, exitFindings},
		{[]string{"validate", "--fail-on", "never", broken}, exitOK},
		{[]string{"validate", broken, "--fail-on=never"}, exitOK}, // flags after the path
		{[]string{"validate", "--fail-on", "notice", clean}, exitOK},
		{[]string{"validate", "--kind", "custom", "--fail-on", "error", examples + "/loose"}, exitFindings},
		{[]string{"validate", "--fail-on", "sometimes", clean}, exitError},
		{[]string{"validate", "--format", "xml", clean}, exitError},
		{[]string{"validate", "--kind", "premium", clean}, exitError},
		{[]string{"validate", "--no-such-flag", clean}, exitError},
		{[]string{"validate", "testdata/does-not-exist"}, exitError},
		{[]string{"validate", "internal"}, exitError}, // no connector under it: a typo must not pass
		{[]string{"frobnicate"}, exitError},
		{[]string{}, exitError},
		{[]string{"version"}, exitOK},
		{[]string{"rules"}, exitOK},
		{[]string{"rules", "--format", "json"}, exitOK},
		{[]string{"validate", "-h"}, exitOK},
	} {
		_, stderr, code := runCLI(t, nil, tc.args...)
		if code != tc.want {
			t.Errorf("%q: exit %d, want %d (stderr %q)", tc.args, code, tc.want, stderr)
		}
		if code == exitError && len(tc.args) > 0 && tc.args[len(tc.args)-1] != "-h" && stderr == "" {
			t.Errorf("%q: exit 2 without a message on stderr", tc.args)
		}
	}
}

func TestOutputFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.json")
	out, _, _ := runCLI(t, nil, "validate", "--format", "json", "--output", path, examples)
	data, err := os.ReadFile(path)
	if err != nil || out != "" || !json.Valid(data) {
		t.Errorf("--output: stdout %q, file valid %v, err %v", out, json.Valid(data), err)
	}
}

func TestRulesJSONListsRegistry(t *testing.T) {
	out, _, _ := runCLI(t, nil, "rules", "--format", "json")
	var rules []struct{ ID, Severity string }
	if err := json.Unmarshal([]byte(out), &rules); err != nil || len(rules) == 0 {
		t.Fatalf("rules --format json: %v (%d rules)", err, len(rules))
	}
	text, _, _ := runCLI(t, nil, "rules")
	for _, r := range rules {
		if !strings.Contains(text, r.ID) {
			t.Errorf("rules text lacks %s", r.ID)
		}
	}
}

// TestRulesDocUpToDate keeps docs/rules.md generated from the registry.
func TestRulesDocUpToDate(t *testing.T) {
	want, _, _ := runCLI(t, nil, "rules", "--format", "markdown")
	got, err := os.ReadFile("docs/rules.md")
	if err != nil || string(got) != want {
		t.Errorf("docs/rules.md is stale or missing (%v): run go generate", err)
	}
}

// actionFile is the subset of action.yml the tests read.
type actionFile struct {
	Inputs  map[string]struct{ Default string } `yaml:"inputs"`
	Outputs map[string]any                      `yaml:"outputs"`
	Runs    struct{ Using, Image string }       `yaml:"runs"`
}

func readAction(t *testing.T) actionFile {
	t.Helper()
	data, err := os.ReadFile("action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// TestActionInputsAreRead runs the action entry point and records which INPUT_ variables it asks
// for: it must be exactly the inputs action.yml declares.
func TestActionInputsAreRead(t *testing.T) {
	a := readAction(t)
	if a.Runs.Using != "docker" || a.Runs.Image != "Dockerfile" {
		t.Errorf("runs = %+v, want docker/Dockerfile", a.Runs)
	}
	asked := map[string]bool{}
	env := map[string]string{
		"GITHUB_ACTIONS": "true",
		"INPUT_PATH":     examples + "/independent-publisher-connectors/Contoso Tasks",
	}
	getenv := func(k string) string {
		if strings.HasPrefix(k, "INPUT_") {
			asked[k] = true
		}
		return env[k]
	}
	var out, errb bytes.Buffer
	if code := run(nil, &out, &errb, getenv); code != exitOK {
		t.Fatalf("action run: exit %d, stderr %q", code, errb.String())
	}
	var declared, read []string
	for name := range a.Inputs {
		declared = append(declared, "INPUT_"+strings.ToUpper(name))
	}
	for k := range asked {
		read = append(read, k)
	}
	slices.Sort(declared)
	slices.Sort(read)
	if !slices.Equal(declared, read) {
		t.Errorf("action.yml declares %q, the code reads %q", declared, read)
	}
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	binDir    string
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// TestActionErrorIsAnnotated: a bad input fails with exit 2 and an error annotation, not only a
// line on stderr that nobody reads on a pull request.
func TestActionErrorIsAnnotated(t *testing.T) {
	for name, env := range map[string]map[string]string{
		"bad fail-on":  {"GITHUB_ACTIONS": "true", "INPUT_FAIL-ON": "sometimes"},
		"no connector": {"GITHUB_ACTIONS": "true", "INPUT_PATH": "internal"},
	} {
		out, stderr, code := runCLI(t, env)
		if code != exitError || !strings.HasPrefix(out, "::error::connector-check: ") || stderr == "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", name, code, out, stderr)
		}
	}
}

// buildBinary builds connector-check once per test run, the way the Dockerfile does.
func buildBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		if binDir, buildErr = os.MkdirTemp("", "connector-check-bin"); buildErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "connector-check")
		if runtime.GOOS == "windows" {
			binPath += ".exe"
		}
		cmd := exec.Command("go", "build", "-trimpath", "-o", binPath, ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// TestBinaryAsAction runs the built binary with the environment the runner gives a container
// action and checks the annotations, the job summary, the outputs and the JSON report.
func TestBinaryAsAction(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	wd, _ := os.Getwd()
	tmp := t.TempDir()
	summary, output := filepath.Join(tmp, "summary.md"), filepath.Join(tmp, "output")
	connector := examples + "/independent-publisher-connectors/Broken Tasks"
	cmd := exec.Command(bin)
	cmd.Env = []string{
		"GITHUB_ACTIONS=true",
		"INPUT_PATH=" + filepath.Join(wd, connector), // absolute: reported relative to the workspace
		"INPUT_FAIL-ON=warning",
		"INPUT_KIND=auto",
		"GITHUB_WORKSPACE=" + wd,
		"GITHUB_STEP_SUMMARY=" + summary,
		"GITHUB_OUTPUT=" + output,
		"RUNNER_TEMP=" + tmp,
		"GITHUB_SERVER_URL=https://github.com",
		"GITHUB_REPOSITORY=octo/connectors",
		"GITHUB_SHA=0123456789abcdef0123456789abcdef01234567",
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != exitFindings {
		t.Fatalf("exit: %v, want code %d; stderr %q", err, exitFindings, stderr.String())
	}
	lines := strings.Split(stdout.String(), "\n")
	var annotations, plain int
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "::error file="+connector+"/apiDefinition.swagger.json,"):
			annotations++
			if !strings.Contains(l, "line=") || !strings.Contains(l, "title=") {
				t.Errorf("annotation without position or title: %q", l)
			}
		case strings.HasPrefix(l, "::"):
			annotations++
		case strings.HasPrefix(l, connector+"/"):
			plain++
		}
	}
	if annotations == 0 || annotations != plain {
		t.Errorf("%d annotations, %d plain lines; output:\n%s", annotations, plain, stdout.String())
	}
	md, err := os.ReadFile(summary)
	if err != nil || !strings.Contains(string(md), "| Rule | Severity |") ||
		!strings.Contains(string(md), "https://github.com/octo/connectors/blob/0123456789abcdef0123456789abcdef01234567/") {
		t.Errorf("job summary (err %v):\n%s", err, md)
	}
	outs, _ := os.ReadFile(output)
	got := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(outs)), "\n") {
		if k, v, ok := strings.Cut(l, "="); ok {
			got[k] = v
		}
	}
	for name := range readAction(t).Outputs {
		if _, ok := got[name]; !ok {
			t.Errorf("output %q declared in action.yml is not written (outputs: %q)", name, outs)
		}
	}
	if got["connectors"] != "1" || got["errors"] == "0" {
		t.Errorf("outputs = %v", got)
	}
	rep, err := os.ReadFile(got["report-json"])
	if err != nil || !json.Valid(rep) || !strings.HasPrefix(got["report-json"], tmp) {
		t.Errorf("report-json %q: valid %v, err %v", got["report-json"], json.Valid(rep), err)
	}
}

// TestDockerfile checks what the runner and the design need, since no Docker engine runs here.
func TestDockerfile(t *testing.T) {
	data, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	df := string(data)
	if strings.Count(df, "\nFROM ") < 1 || strings.Count(df, "FROM ") != 2 {
		t.Error("Dockerfile should be a two-stage build")
	}
	for _, want := range []string{"CGO_ENABLED=0", "-trimpath", `ENTRYPOINT ["/`} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
	for _, line := range strings.Split(df, "\n") {
		if f := strings.Fields(line); len(f) > 0 && (f[0] == "USER" || f[0] == "WORKDIR" && !strings.Contains(df, "AS build")) {
			t.Errorf("Dockerfile sets %s; container actions must run as the default user", f[0])
		}
	}
	// The build command of the Dockerfile must work on this source tree.
	bin := buildBinary(t)
	out, err := exec.Command(bin, "version").Output()
	if err != nil || !strings.HasPrefix(string(out), "connector-check ") {
		t.Errorf("built binary: %q, %v", out, err)
	}
}
