package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/connector-check/connector-check/internal/ghapi"
	"github.com/connector-check/connector-check/internal/ghapi/fakegh"
)

// copyDir copies a connector folder (flat) to dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func editFile(t *testing.T, name, old, new string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s has no %q", name, old)
	}
	if err := os.WriteFile(name, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBaselineFailsOnlyOnNewFindings records a broken connector's findings, shifts every line
// of its swagger (fingerprints must not depend on lines), and then introduces one new finding:
// only that one fails the run.
func TestBaselineFailsOnlyOnNewFindings(t *testing.T) {
	tmp := t.TempDir()
	conn := filepath.Join(tmp, "independent-publisher-connectors", "Broken Tasks")
	copyDir(t, filepath.Join(examples, "independent-publisher-connectors", "Broken Tasks"), conn)
	base := filepath.Join(tmp, "baseline.json")

	_, stderr, code := runCLI(t, nil, "baseline", "--output", base, conn)
	if code != exitOK {
		t.Fatalf("baseline: exit %d: %s", code, stderr)
	}
	var b struct {
		Findings []struct{ Fingerprint, Rule, Anchor string }
	}
	data, _ := os.ReadFile(base)
	if err := json.Unmarshal(data, &b); err != nil || len(b.Findings) == 0 {
		t.Fatalf("baseline file: %v\n%s", err, data)
	}

	swagger := filepath.Join(conn, "apiDefinition.swagger.json")
	editFile(t, swagger, "{", "{\n\n\n") // every finding moves down three lines
	out, stderr, code := runCLI(t, nil, "validate", "--baseline", base, conn)
	if code != exitOK {
		t.Fatalf("with the baseline and only moved findings: exit %d, want 0\n%s%s", code, out, stderr)
	}
	if !strings.Contains(out, "notice [FieldLengthExceeded] (baseline) info.title") {
		t.Errorf("baselined findings are not notices prefixed (baseline):\n%s", out)
	}

	// A new finding: the brand color stops being a hex color (IconBrandColorInvalid had not fired).
	editFile(t, filepath.Join(conn, "apiProperties.json"), `"#007EE5"`, `"#007EE5x"`)
	out, stderr, code = runCLI(t, nil, "validate", "--baseline", base, conn)
	if code != exitFindings {
		t.Fatalf("with a new finding: exit %d, want %d\n%s%s", code, exitFindings, out, stderr)
	}
	var errs []string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, ": error [") {
			errs = append(errs, l)
		}
	}
	if len(errs) != 1 || !strings.Contains(errs[0], "[IconBrandColorInvalid]") {
		t.Errorf("want exactly the new IconBrandColorInvalid error, got:\n%s", strings.Join(errs, "\n"))
	}
}

func TestConfigErrorsHavePositions(t *testing.T) {
	tmp := t.TempDir()
	cfg := filepath.Join(tmp, "cc.yml")
	os.WriteFile(cfg, []byte("rules:\n  JsonBomPresent: off\n  NoSuchRule: warning\n  FieldLengthExceeded: loud\n"), 0o644)
	_, stderr, code := runCLI(t, nil, "validate", "--config", cfg, examples)
	if code != exitError {
		t.Fatalf("exit %d, want %d", code, exitError)
	}
	for _, want := range []string{cfg + `:3:3: unknown rule ID "NoSuchRule"`, cfg + `:4:24: unknown severity "loud"`} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestConfigApplies(t *testing.T) {
	tmp := t.TempDir()
	cfg := filepath.Join(tmp, "cc.yml")
	conn := examples + "/independent-publisher-connectors/Broken Tasks"
	os.WriteFile(cfg, []byte(`rules:
  ValueContainsRestrictedWords: off
  FieldLengthExceeded: warning
ignore:
  - rule: JsonDuplicateKey
    path: "`+conn+`"
    pointer: /paths
kinds:
  - path: "`+conn+`"
    kind: custom
`), 0o644)
	out, _, _ := runCLI(t, nil, "validate", "--config", cfg, conn)
	for _, gone := range []string{"ValueContainsRestrictedWords", "JsonDuplicateKey", "FieldLengthNotInRange"} {
		if strings.Contains(out, gone) {
			t.Errorf("%s still reported (off, ignored, or not for custom connectors):\n%s", gone, out)
		}
	}
	if !strings.Contains(out, "warning [FieldLengthExceeded]") && strings.Contains(out, "FieldLengthExceeded") {
		t.Errorf("FieldLengthExceeded not a warning:\n%s", out)
	}
}

func TestSARIFFormat(t *testing.T) {
	out, stderr, code := runCLI(t, nil, "validate", "--format", "sarif", examples)
	if code != exitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := os.Open("report/testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.AddResource("sarif.json", doc)
	schema, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("SARIF output is not valid: %v", err)
	}
	if !strings.Contains(out, `"uri": "testdata/connectors/independent-publisher-connectors/Broken%20Tasks/apiDefinition.swagger.json"`) {
		t.Errorf("no repository-relative URI in the SARIF output")
	}
}

// actionEnv is the environment of the action on a pull request, with the API at the fake.
func actionEnv(t *testing.T, apiURL string, extra map[string]string) map[string]string {
	t.Helper()
	tmp := t.TempDir()
	ev := filepath.Join(tmp, "event.json")
	os.WriteFile(ev, []byte(`{"pull_request":{"number":42,"head":{"sha":"feedface"}}}`), 0o644)
	wd, _ := os.Getwd()
	env := map[string]string{
		"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": wd, "GITHUB_EVENT_PATH": ev,
		"GITHUB_API_URL": apiURL, "GITHUB_REPOSITORY": "octo/connectors", "GITHUB_SHA": "mergecommit",
		"GITHUB_SERVER_URL": "https://github.com", "GITHUB_STEP_SUMMARY": filepath.Join(tmp, "summary.md"),
		"RUNNER_TEMP": tmp, "GITHUB_RUN_ID": "4242",
		"INPUT_PATH": examples, "INPUT_FAIL-ON": "error", "INPUT_GITHUB-TOKEN": "ghs_test",
		"INPUT_COMMENT": "true", "INPUT_CHECK-RUN": "true",
	}
	for k, v := range extra {
		env[k] = v
	}
	return env
}

func TestActionReportsThroughAPI(t *testing.T) {
	s := fakegh.New()
	defer s.Close()
	r := fakegh.AddReports(s)
	r.AddComment(42, "a reviewer's comment")
	sarif := filepath.Join(t.TempDir(), "out", "cc.sarif")
	env := actionEnv(t, s.URL, map[string]string{"INPUT_SARIF-FILE": sarif})

	for range 2 { // the second run updates the same comment
		out, stderr, code := runCLI(t, env)
		if code != exitFindings {
			t.Fatalf("exit %d\n%s%s", code, out, stderr)
		}
	}
	if n := len(r.Comments[42]); n != 2 {
		t.Fatalf("%d comments on the PR, want the reviewer's and one sticky comment", n)
	}
	body := r.Comments[42][1].Body
	// A digest of the run, naming the commit it describes, not the whole summary.
	if !strings.HasPrefix(body, ghapi.CommentMarker) || !strings.Contains(body, "connector-check: Failing:") ||
		!strings.Contains(body, "Checked commit [feedface](https://github.com/octo/connectors/commit/feedface)") ||
		!strings.Contains(body, "(https://github.com/octo/connectors/actions/runs/4242)") || len(body) > 8000 {
		t.Errorf("sticky comment (%d bytes):\n%.3000s", len(body), body)
	}
	if len(r.CheckRuns) != 2 {
		t.Fatalf("%d check runs, want one per run", len(r.CheckRuns))
	}
	cr := r.CheckRuns[1]
	if cr.HeadSHA != "feedface" || cr.Conclusion != "failure" || cr.Status != "completed" || len(cr.Annotations) == 0 {
		t.Errorf("check run %+v", cr)
	}
	if _, err := os.Stat(sarif); err != nil {
		t.Errorf("sarif-file not written: %v", err)
	}
}

func TestActionForkPRIsANotice(t *testing.T) {
	s := fakegh.New()
	defer s.Close()
	r := fakegh.AddReports(s)
	r.Forbidden = true
	out, stderr, code := runCLI(t, actionEnv(t, s.URL, map[string]string{"INPUT_FAIL-ON": "never"}))
	if code != exitOK {
		t.Fatalf("exit %d, want 0: a refused token must not fail the step\n%s", code, stderr)
	}
	if n := strings.Count(out, "::notice::connector-check: the token may not write"); n != 1 {
		t.Errorf("%d refusal notices, want 1:\n%s", n, out)
	}
	if strings.Contains(out, "::warning::connector-check") || strings.Contains(out, "::error::connector-check") {
		t.Errorf("a refused token gave a warning or error:\n%s", out)
	}
}

func TestActionConfigErrorAnnotations(t *testing.T) {
	tmp := t.TempDir()
	cfg := filepath.Join(tmp, "cc.yml")
	os.WriteFile(cfg, []byte("rules:\n  NoSuchRule: warning\n"), 0o644)
	env := actionEnv(t, "", map[string]string{"INPUT_CONFIG": cfg, "INPUT_COMMENT": "", "INPUT_CHECK-RUN": ""})
	out, _, code := runCLI(t, env)
	if code != exitError {
		t.Fatalf("exit %d, want %d", code, exitError)
	}
	want := "::error col=3,file=" + filepath.ToSlash(cfg) + ",line=2,title=connector-check configuration::unknown rule ID"
	if !strings.Contains(strings.ReplaceAll(out, "%3A", ":"), strings.ReplaceAll(want, "%3A", ":")) {
		t.Errorf("no positioned annotation for the configuration error:\n%s", out)
	}
}
