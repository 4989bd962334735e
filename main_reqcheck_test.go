package main

// End-to-end runs of pull-request mode as a required check (issue 14) and its hostile inputs
// (issue 17): the action as the runner starts it, a realistic pull_request payload, the fake
// GitHub API, no git in the workspace unless a test makes one.

import (
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/ghapi/fakegh"
	"github.com/connector-check/connector-check/validate"
)

const (
	africasReadme  = africasDir + "/Readme.md"
	africasSwagger = africasDir + "/apidefinition.swagger.json"
)

// prEventFile is the example payload (tests change the working directory).
var prEventFile, _ = filepath.Abs("testdata/events/pull_request.json")

// prRun runs the action on a pull_request event against a fake API that lists files and serves
// base contents; env adds or overrides variables ("" deletes one).
func prRun(t *testing.T, ws string, files []fakegh.PullFile, base map[string][]byte, env map[string]string) (out, stderr string, code int, srv *fakegh.Server) {
	t.Helper()
	event := prEventFile
	srv = fakegh.New()
	t.Cleanup(srv.Close)
	srv.ServePulls(&fakegh.Repo{
		Owner: "microsoft", Name: "PowerPlatformConnectors",
		Pulls:    map[int][]fakegh.PullFile{4321: files},
		Contents: map[string]map[string][]byte{eventBase: base},
	})
	t.Chdir(ws)
	e := prActionEnv(ws, event)
	e["GITHUB_API_URL"] = srv.URL
	e["INPUT_GITHUB-TOKEN"] = "ghs_readonly"
	for k, v := range env {
		if v == "" {
			delete(e, k)
		} else {
			e[k] = v
		}
	}
	out, stderr, code = runCLI(t, e)
	return out, stderr, code, srv
}

// baseFiles is every file of the workspace's connector folders as the base commit holds them:
// the workspace before the test edits it.
func baseFiles(t *testing.T, ws string, folders ...string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	for _, folder := range folders {
		entries, err := os.ReadDir(filepath.Join(ws, filepath.FromSlash(folder)))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			m[folder+"/"+e.Name()] = readWS(t, ws, folder+"/"+e.Name())
		}
	}
	return m
}

func readWS(t *testing.T, ws, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(ws, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func writeWS(t *testing.T, ws, p, content string) {
	t.Helper()
	full := filepath.Join(ws, filepath.FromSlash(p))
	os.MkdirAll(filepath.Dir(full), 0o755)
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The bypass attempt: the PR adds a configuration that ignores everything, and edits the
// baseline to record every finding. Both are read at the base, so the verdict stands, and each
// change is an error naming the file.
func TestRequiredCheckBypassAttempt(t *testing.T) {
	ws, baseSwagger, baseProps := prWorkspace(t)
	writeWS(t, ws, ".connector-check.yml", "ignore:\n  - path: \"**\"\n")
	baselineBase := `{"version": 1, "tool": "connector-check", "findings": []}`
	// The head's baseline records every finding of the head (what a PR would paste in).
	repo, _ := os.Getwd()
	t.Chdir(ws)
	var rec strings.Builder
	if code := run([]string{"baseline", contosoDir}, &rec, &strings.Builder{}, func(string) string { return "" }); code != exitOK {
		t.Fatalf("baseline: %d", code)
	}
	t.Chdir(repo)
	writeWS(t, ws, ".github/baseline.json", rec.String())
	files := []fakegh.PullFile{
		{Filename: contosoSwag, Status: "modified"},
		{Filename: ".connector-check.yml", Status: "added"},
		{Filename: ".github/baseline.json", Status: "modified"},
	}
	base := map[string][]byte{contosoSwag: baseSwagger, contosoDir + "/apiProperties.json": baseProps,
		".github/baseline.json": []byte(baselineBase)}
	out, stderr, code, _ := prRun(t, ws, files, base, map[string]string{"INPUT_BASELINE": ".github/baseline.json"})
	if code != exitFindings {
		t.Fatalf("exit %d, stderr %s\n%s", code, stderr, out)
	}
	wantLines(t, out,
		contosoSwag+":21:24: error [OperationIdChanged]",
		contosoSwag+":21:52: error [SecretLiteralDetected]",
		".connector-check.yml: error [PrSettingsChanged] this change adds .connector-check.yml",
		".github/baseline.json: error [PrSettingsChanged] this change changes .github/baseline.json",
	)
	if strings.Contains(stderr, "suppressed") {
		t.Errorf("the PR's own settings suppressed findings: %s", stderr)
	}

	// A config input naming the file the PR adds: the base has none, which is an error, not a
	// configuration read from the PR.
	out, stderr, code, _ = prRun(t, ws, files, base, map[string]string{"INPUT_CONFIG": ".connector-check.yml"})
	if code != exitError || !strings.Contains(stderr, "config .connector-check.yml: not in the base commit") {
		t.Errorf("config input: exit %d, stderr %s\n%s", code, stderr, out)
	}
}

// A configuration at the base applies, and what it suppresses is counted in the log and the
// summary.
func TestRequiredCheckSuppressedCounts(t *testing.T) {
	ws, baseSwagger, baseProps := prWorkspace(t)
	summary := filepath.Join(t.TempDir(), "summary.md")
	files := []fakegh.PullFile{{Filename: contosoSwag, Status: "modified"}}
	base := map[string][]byte{contosoSwag: baseSwagger, contosoDir + "/apiProperties.json": baseProps,
		".connector-check.yml": []byte("rules:\n  PrScreenshotsMissing: off\n  PrChecklistIncomplete: off\n")}
	out, stderr, code, _ := prRun(t, ws, files, base, map[string]string{"GITHUB_STEP_SUMMARY": summary})
	if code != exitFindings {
		t.Fatalf("exit %d, stderr %s\n%s", code, stderr, out)
	}
	if strings.Contains(out, "PrScreenshotsMissing") {
		t.Errorf("the base configuration was not applied:\n%s", out)
	}
	wantLines(t, stderr, "2 findings suppressed by configuration, 0 by baseline")
	md, _ := os.ReadFile(summary)
	wantLines(t, string(md), "2 findings suppressed by configuration, 0 by baseline")
}

// An inherited-only PR: a typo fixed in the readme of a connector that has errors of its own.
// Its findings are inherited notices, never annotated, and the check passes.
func TestRequiredCheckInheritedOnly(t *testing.T) {
	ws, _, _ := prWorkspace(t)
	head := readWS(t, ws, africasReadme)
	baseReadme := strings.Replace(string(head), "## Prerequisites", "## Prerequisites\n\nYou need an acount.", 1)
	writeWS(t, ws, africasReadme, baseReadme)
	base := baseFiles(t, ws, africasDir)
	writeWS(t, ws, africasReadme, strings.Replace(baseReadme, "acount", "account", 1))
	summary := filepath.Join(t.TempDir(), "summary.md")
	files := []fakegh.PullFile{{Filename: africasReadme, Status: "modified"}}
	out, stderr, code, _ := prRun(t, ws, files, base, map[string]string{
		"GITHUB_STEP_SUMMARY": summary, "GITHUB_EVENT_PATH": certifiedEvent(t)})
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s\n%s", code, stderr, out)
	}
	wantLines(t, out,
		africasDir+"/apiProperties.json:14:23: notice [IconBrandColorNotAllowed] (inherited) iconBrandColor",
		africasSwagger+":4:14: notice [ValueMustEndWithAlphanumeric] (inherited) info.title",
	)
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "::") && strings.Contains(l, "title=IconBrandColorNotAllowed") {
			t.Errorf("an inherited finding is annotated: %s", l)
		}
	}
	md, _ := os.ReadFile(summary)
	wantLines(t, string(md), "<details><summary>5 inherited findings")
}

// Inherited findings never fail, not even with fail-on: notice.
func TestInheritedNeverFails(t *testing.T) {
	res := &validate.Result{Findings: []validate.Finding{{Rule: "R", Severity: validate.Notice, Inherited: true}}}
	res.Counts.Add(validate.Notice)
	if code := tallyAndCode(res, validate.Notice, io.Discard); code != exitOK {
		t.Errorf("inherited notice: exit %d", code)
	}
	res.Findings = append(res.Findings, validate.Finding{Rule: "R", Severity: validate.Notice, Introduced: true})
	res.Counts.Add(validate.Notice)
	if code := tallyAndCode(res, validate.Notice, io.Discard); code != exitFindings {
		t.Errorf("introduced notice: exit %d", code)
	}
}

// certifiedEvent is the example payload with a title no certified rule flags.
func certifiedEvent(t *testing.T) string {
	data, err := os.ReadFile(prEventFile)
	if err != nil {
		t.Fatal(err)
	}
	ev := strings.Replace(string(data), "Contoso Tasks: rename ListTasks", "Africa's Talking Demo: fix a typo", 1)
	ev = strings.Replace(ev, "- [ ] I have added", "- [x] I have added", 1)
	p := filepath.Join(t.TempDir(), "event.json")
	os.WriteFile(p, []byte(ev), 0o644)
	return p
}

// An introduced error fails, next to inherited ones that don't: a secret added to the swagger, and
// a readme section removed (ReadmeSectionMissing is ↑new: an error when a change introduces it
// into an existing connector too). The JSON report says which is which.
func TestRequiredCheckIntroducedError(t *testing.T) {
	ws, _, _ := prWorkspace(t)
	base := baseFiles(t, ws, africasDir)
	baseSwagger := readWS(t, ws, africasSwagger)
	baseReadme := readWS(t, ws, africasReadme)
	writeWS(t, ws, africasSwagger, strings.Replace(string(baseSwagger), `"operationId": "ListTasks"`,
		`"operationId": "ListTasks", "x-api-token": "ghp_`+`a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"`, 1))
	writeWS(t, ws, africasReadme, strings.Replace(string(baseReadme), "## Known Issues and Limitations", "## Notes", 1))
	tmp := t.TempDir()
	files := []fakegh.PullFile{{Filename: africasSwagger, Status: "modified"}, {Filename: africasReadme, Status: "modified"}}
	out, stderr, code, _ := prRun(t, ws, files, base, map[string]string{"RUNNER_TEMP": tmp, "GITHUB_EVENT_PATH": certifiedEvent(t)})
	if code != exitFindings {
		t.Fatalf("exit %d, stderr %s\n%s", code, stderr, out)
	}
	wantLines(t, out,
		"error [SecretLiteralDetected] a GitHub token",
		"error [ReadmeSectionMissing] the readme has no \"Known Issues and Limitations\" section",
		"notice [IconBrandColorNotAllowed] (inherited)",
		"::error col=",
	)
	var rep struct {
		Findings []struct {
			Rule       string `json:"rule"`
			Severity   string `json:"severity"`
			Introduced *bool  `json:"introduced"`
		} `json:"findings"`
	}
	data, err := os.ReadFile(filepath.Join(tmp, "connector-check-report.json"))
	if err != nil || json.Unmarshal(data, &rep) != nil {
		t.Fatalf("JSON report: %v", err)
	}
	got := map[string]string{}
	for _, f := range rep.Findings {
		if f.Introduced == nil {
			t.Errorf("%s has no introduced field", f.Rule)
			continue
		}
		got[f.Rule] = f.Severity + map[bool]string{true: " introduced", false: " inherited"}[*f.Introduced]
	}
	for rule, want := range map[string]string{
		"SecretLiteralDetected": "error introduced", "ReadmeSectionMissing": "error introduced",
		"IconBrandColorNotAllowed": "notice inherited", "ValueMustEndWithAlphanumeric": "notice inherited",
	} {
		if got[rule] != want {
			t.Errorf("%s: %q, want %q", rule, got[rule], want)
		}
	}
}

// A docker:// step gets none of action.yml's defaults: no INPUT_* at all. The token comes from
// GITHUB_TOKEN when the workflow passes it, and the run is the full pull-request mode.
func TestRequiredCheckDockerStepWithoutDefaults(t *testing.T) {
	ws, baseSwagger, baseProps := prWorkspace(t)
	files := []fakegh.PullFile{{Filename: contosoSwag, Status: "modified"}}
	base := map[string][]byte{contosoSwag: baseSwagger, contosoDir + "/apiProperties.json": baseProps}
	out, stderr, code, srv := prRun(t, ws, files, base, map[string]string{"INPUT_GITHUB-TOKEN": "", "GITHUB_TOKEN": "ghs_fromenv"})
	if code != exitFindings {
		t.Fatalf("exit %d, stderr %s\n%s", code, stderr, out)
	}
	wantLines(t, out, contosoSwag+":21:24: error [OperationIdChanged]", "error [PrTitleInvalid]")
	if strings.Contains(out, "Africa") {
		t.Errorf("untouched connector checked:\n%s", out)
	}
	wantLines(t, strings.Join(srv.Requests(), "\n"), "GET /repos/microsoft/PowerPlatformConnectors/pulls/4321/files")
}

// A pull request with neither a token nor git: one clear error saying what to add, and nothing
// else checked.
func TestRequiredCheckMissingToken(t *testing.T) {
	ws, _, _ := prWorkspace(t)
	out, stderr, code, srv := prRun(t, ws, nil, nil, map[string]string{"INPUT_GITHUB-TOKEN": ""})
	if code != exitError {
		t.Fatalf("exit %d, stderr %s\n%s", code, stderr, out)
	}
	wantLines(t, stderr, "no GitHub token", "github-token: ${{ github.token }}", "GITHUB_TOKEN", "fetch-depth: 0")
	if strings.Count(out, "::error") != 1 || strings.Contains(out, "[") {
		t.Errorf("want one error annotation and no findings:\n%s", out)
	}
	if len(srv.Requests()) > 0 {
		t.Errorf("API called without a token: %v", srv.Requests())
	}
}

// A typo in path exits 2 on a pull request as on a push (it passed silently on pull requests).
func TestRequiredCheckTypoPath(t *testing.T) {
	ws, _, _ := prWorkspace(t)
	for _, event := range []string{"pull_request", "push"} {
		out, stderr, code, _ := prRun(t, ws, []fakegh.PullFile{{Filename: contosoSwag, Status: "modified"}}, nil,
			map[string]string{"INPUT_PATH": "independent-publisher-conectors", "GITHUB_EVENT_NAME": event})
		if code != exitError || !strings.Contains(stderr, "path independent-publisher-conectors: no such file or folder") {
			t.Errorf("%s: exit %d, stderr %s\n%s", event, code, stderr, out)
		}
	}
	// A path the PR replaced by a link is not followed either (issue 17).
	os.Symlink(t.TempDir(), filepath.Join(ws, "linked-connectors"))
	out, stderr, code, _ := prRun(t, ws, nil, nil, map[string]string{"INPUT_PATH": "linked-connectors", "GITHUB_EVENT_NAME": "push"})
	if code != exitError || !strings.Contains(stderr, "linked-connectors is a symbolic link, which is not followed") {
		t.Errorf("linked path: exit %d, stderr %s\n%s", code, stderr, out)
	}
}

// Issue 17: a connector folder the PR replaced by a link is not followed, and no file outside
// the workspace is read into a finding.
func TestRequiredCheckLinkedConnectorFolder(t *testing.T) {
	ws, _, _ := prWorkspace(t)
	outside := t.TempDir()
	copyDir(t, filepath.Join(examples, contosoDir), outside)
	writeWS(t, outside, "apiDefinition.swagger.json", `{"swagger": "2.0", "x-secret": "ghp_`+`a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"}`)
	os.RemoveAll(filepath.Join(ws, contosoDir))
	if err := os.Symlink(outside, filepath.Join(ws, contosoDir)); err != nil {
		t.Fatal(err)
	}
	files := []fakegh.PullFile{{Filename: contosoSwag, Status: "modified"}}
	out, stderr, code, _ := prRun(t, ws, files, nil, nil)
	if code != exitFindings {
		t.Fatalf("exit %d, stderr %s\n%s", code, stderr, out)
	}
	wantLines(t, out, contosoDir+": error [FileUnreadable] the connector folder can't be checked: "+contosoDir+" is a symbolic link, which is not followed")
	if strings.Contains(out, "SecretLiteralDetected") || strings.Contains(out, "x-secret") || strings.Contains(out, outside) {
		t.Errorf("a file outside the workspace was read:\n%s", out)
	}
}

// Issue 17: a configuration, a baseline or an event payload planted as a link to an endless
// stream gives a clear error at once (/dev/zero reached 1.2 GiB; /proc/self/fd/1 blocked until
// the job timed out).
func TestRequiredCheckLinkedSettings(t *testing.T) {
	for _, target := range []string{"/dev/zero", "/proc/self/fd/1"} {
		for _, input := range []string{"config", "baseline", "event"} {
			t.Run(input+target, func(t *testing.T) { linkedSetting(t, input, target) })
		}
	}
}

func linkedSetting(t *testing.T, input, target string) {
	ws, _, _ := prWorkspace(t)
	t.Chdir(ws)
	link := filepath.Join(ws, "planted")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "push", "GITHUB_WORKSPACE": ws, "INPUT_PATH": contosoDir}
	switch input {
	case "config":
		env["INPUT_CONFIG"] = "planted"
	case "baseline":
		env["INPUT_BASELINE"] = "planted"
	case "event":
		env["GITHUB_EVENT_NAME"], env["GITHUB_EVENT_PATH"] = "pull_request", link
	}
	// Before the fix /dev/zero ran out of memory and /proc/self/fd/1 blocked: the test's own
	// timeout is the bound.
	out, stderr, code := runCLI(t, env)
	if code != exitError || !strings.Contains(stderr, "not a regular file") {
		t.Errorf("%s -> %s: exit %d, stderr %s\n%s", input, target, code, stderr, out)
	}
}

// validate --base resolves its paths relative to the working directory, also below the
// repository root, and --new-only keeps inherited findings from failing.
func TestValidateBaseFromSubfolder(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	ws, baseSwagger, _ := prWorkspace(t)
	headSwagger := readWS(t, ws, contosoSwag)
	os.WriteFile(filepath.Join(ws, contosoSwag), baseSwagger, 0o644)
	gitc := gitIn(t, ws)
	gitc("init", "-q")
	gitc("add", "-A")
	gitc("commit", "-qm", "base")
	base := gitc("rev-parse", "HEAD")
	os.WriteFile(filepath.Join(ws, contosoSwag), headSwagger, 0o644)
	// An inherited error: Africa's Talking Demo's readme changes, its errors stay.
	readme := readWS(t, ws, africasReadme)
	writeWS(t, ws, africasReadme, string(readme)+"\nOne more line.\n")

	t.Chdir(filepath.Join(ws, "independent-publisher-connectors"))
	out, stderr, code := runCLI(t, nil, "validate", "--base", base, ".")
	if code != exitFindings {
		t.Fatalf("exit %d, stderr %s\n%s", code, stderr, out)
	}
	wantLines(t, out, "Contoso Tasks/apiDefinition.swagger.json:21:24: error [OperationIdChanged]")
	if strings.Contains(out, "Africa") {
		t.Errorf("a connector outside the path:\n%s", out)
	}

	t.Chdir(ws)
	// The secret scan covers every changed file, so Contoso's committed token still fails.
	out, stderr, code = runCLI(t, nil, "validate", "--base", base, "--new-only", "--format", "json", "certified-connectors")
	if code != exitFindings || strings.Contains(out, `"severity": "error",
      "connector": "certified-connectors`) {
		t.Fatalf("--new-only: exit %d, stderr %s\n%s", code, stderr, out)
	}
	wantLines(t, out, `"severity": "notice"`, `"introduced": false`)
	if _, _, code := runCLI(t, nil, "validate", "--new-only", "."); code != exitError {
		t.Errorf("--new-only without --base: exit %d", code)
	}
}

// A release build names its version, and its rule links point at that tag's docs.
func TestReleaseVersionLinks(t *testing.T) {
	old := version
	t.Cleanup(func() { version = old })
	version = "v1.4.2"
	out, _, _ := runCLI(t, nil, "validate", "--format", "sarif", filepath.Join(examples, "independent-publisher-connectors", "Broken Tasks"))
	wantLines(t, out, `"version": "v1.4.2"`, "/blob/v1.4.2/docs/rules.md#")
	if strings.Contains(out, "/blob/main/docs") {
		t.Error("a rule link points at main")
	}
	if got := summaryOptions(validateConfig{}, func(string) string { return "" }).RulesURL; !strings.Contains(got, "/blob/v1.4.2/docs/rules.md") {
		t.Errorf("summary rules URL %s", got)
	}
	version = ""
	if docsRef() != "main" {
		t.Errorf("a development build links to %s", docsRef())
	}
}

// The base input in the shipped image (no git): the compare API lists the changes against the
// checked commit and gives the merge base; base versions come from the contents API. Without a
// token and without git it is rejected at start.
func TestBaseInputThroughCompareAPI(t *testing.T) {
	ws, baseSwagger, baseProps := prWorkspace(t)
	const head = "9f2c1d0e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d"
	srv := fakegh.New()
	defer srv.Close()
	repo := &fakegh.Repo{Owner: "microsoft", Name: "PowerPlatformConnectors",
		Contents: map[string]map[string][]byte{eventBase: {contosoSwag: baseSwagger, contosoDir + "/apiProperties.json": baseProps}}}
	srv.ServePulls(repo)
	srv.ServeCompare(repo, map[string]fakegh.Comparison{
		"dev..." + head: {MergeBase: eventBase, Files: []fakegh.PullFile{{Filename: contosoSwag, Status: "modified"}}},
	})
	t.Chdir(ws)
	env := map[string]string{
		"GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "push", "GITHUB_WORKSPACE": ws, "GITHUB_SHA": head,
		"GITHUB_REPOSITORY": "microsoft/PowerPlatformConnectors", "GITHUB_API_URL": srv.URL,
		"INPUT_GITHUB-TOKEN": "ghs_readonly", "INPUT_BASE": "dev",
	}
	out, stderr, code := runCLI(t, env)
	if code != exitFindings {
		t.Fatalf("exit %d, stderr %s\n%s", code, stderr, out)
	}
	wantLines(t, out, contosoSwag+":21:24: error [OperationIdChanged]", contosoSwag+":74:20: error [RequiredInputAdded]")
	if strings.Contains(out, "Africa") || strings.Contains(out, "PrTitleInvalid") {
		t.Errorf("untouched connector or PR rules on a push:\n%s", out)
	}
	wantLines(t, strings.Join(srv.Requests(), "\n"), "GET /repos/microsoft/PowerPlatformConnectors/compare/dev...")

	delete(env, "INPUT_GITHUB-TOKEN")
	out, stderr, code = runCLI(t, env)
	if code != exitError || !strings.Contains(stderr, "base dev: git has no such commit here and there is no token") {
		t.Errorf("no token, no git: exit %d, stderr %s\n%s", code, stderr, out)
	}
}

// The base version is validated in a folder of the same name: rules that read the folder name
// (FolderNameTitleMismatch) give the same finding at the base, so it is inherited.
func TestRequiredCheckBaseKeepsFolderName(t *testing.T) {
	ws, baseSwagger, _ := prWorkspace(t)
	titled := strings.Replace(string(baseSwagger), `"title": "Contoso Tasks"`, `"title": "Contoso Todo"`, 1)
	if titled == string(baseSwagger) {
		t.Fatal("title not found")
	}
	writeWS(t, ws, contosoSwag, titled)
	readme := contosoDir + "/readme.md"
	base := baseFiles(t, ws, contosoDir)
	writeWS(t, ws, readme, string(readWS(t, ws, readme))+"\nOne more line.\n")
	out, stderr, code, _ := prRun(t, ws, []fakegh.PullFile{{Filename: readme, Status: "modified"}}, base, nil)
	wantLines(t, out, "notice [FolderNameTitleMismatch] (inherited)")
	if code != exitFindings || strings.Contains(out, "[FolderNameTitleMismatch] the folder") {
		t.Errorf("exit %d (the PR title fails), stderr %s\n%s", code, stderr, out)
	}
}

// Issue 17 in pull-request mode: the PR plants the configuration as a link to an endless stream.
// It is read at the base (which has none), the secret scan doesn't follow it, and the change is
// an error naming the file.
func TestRequiredCheckPlantedConfigLink(t *testing.T) {
	for _, target := range []string{"/dev/zero", "/proc/self/fd/1"} {
		t.Run(target, func(t *testing.T) {
			ws, baseSwagger, baseProps := prWorkspace(t)
			if err := os.Symlink(target, filepath.Join(ws, ".connector-check.yml")); err != nil {
				t.Fatal(err)
			}
			files := []fakegh.PullFile{{Filename: contosoSwag, Status: "modified"}, {Filename: ".connector-check.yml", Status: "added"}}
			base := map[string][]byte{contosoSwag: baseSwagger, contosoDir + "/apiProperties.json": baseProps}
			out, stderr, code, _ := prRun(t, ws, files, base, nil)
			if code != exitFindings {
				t.Fatalf("exit %d, stderr %s\n%s", code, stderr, out)
			}
			wantLines(t, out, ".connector-check.yml: error [PrSettingsChanged] this change adds .connector-check.yml",
				contosoSwag+":21:24: error [OperationIdChanged]")
		})
	}
}
