package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/ghapi/fakegh"
)

// End-to-end runs of the independent-publisher certification article's checks (main_pr_ip.go):
// a git checkout whose base commit holds the example connectors, a head commit with the change,
// and the pull_request event (no token: git diff and git show) or validate --base.

// ipRepo is a git repository at its base commit: the example Contoso Tasks (independent
// publisher) and Africa's Talking Demo (certified). change edits the working tree for the head.
type ipRepo struct {
	t          *testing.T
	ws, base   string
	headCommit string
}

func newIPRepo(t *testing.T) *ipRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	r := &ipRepo{t: t, ws: t.TempDir()}
	for _, d := range []string{contosoDir, africasDir} {
		copyDir(t, filepath.Join(examples, d), filepath.Join(r.ws, d))
	}
	r.git("init", "-q")
	r.git("add", "-A")
	r.git("commit", "-qm", "base")
	r.base = r.git("rev-parse", "HEAD")
	return r
}

func (r *ipRepo) git(args ...string) string {
	r.t.Helper()
	return gitIn(r.t, r.ws)(args...)
}

// write puts content at a repository path; edit replaces old with new in one.
func (r *ipRepo) write(p, content string) {
	r.t.Helper()
	full := filepath.Join(r.ws, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *ipRepo) read(p string) string {
	data, err := os.ReadFile(filepath.Join(r.ws, filepath.FromSlash(p)))
	if err != nil {
		r.t.Fatal(err)
	}
	return string(data)
}

func (r *ipRepo) edit(p, old, new string) {
	r.t.Helper()
	s := r.read(p)
	if !strings.Contains(s, old) {
		r.t.Fatalf("%s lacks %q", p, old)
	}
	r.write(p, strings.Replace(s, old, new, 1))
}

// copyConnector copies the Contoso Tasks example to folder, with its title set to title.
func (r *ipRepo) copyConnector(folder, title string) {
	r.t.Helper()
	for _, name := range []string{"apiDefinition.swagger.json", "apiProperties.json", "readme.md", "intro.md"} {
		r.write(folder+"/"+name, r.read(contosoDir+"/"+name))
	}
	r.edit(folder+"/apiDefinition.swagger.json", `"title": "Contoso Tasks"`, `"title": "`+title+`"`)
}

// commit makes the head commit.
func (r *ipRepo) commit() {
	r.t.Helper()
	r.git("add", "-A")
	r.git("commit", "-qm", "head")
	r.headCommit = r.git("rev-parse", "HEAD")
}

// pr runs pull-request mode (no token) with the given title and returns the output.
func (r *ipRepo) pr(title, body string) string {
	r.t.Helper()
	data, err := os.ReadFile("testdata/events/pull_request.json")
	if err != nil {
		r.t.Fatal(err)
	}
	var ev map[string]any
	if err := json.Unmarshal(data, &ev); err != nil {
		r.t.Fatal(err)
	}
	pull := ev["pull_request"].(map[string]any)
	pull["title"], pull["body"] = title, body
	pull["base"].(map[string]any)["sha"] = r.base
	pull["head"].(map[string]any)["sha"] = r.headCommit
	data, _ = json.Marshal(ev)
	event := filepath.Join(r.t.TempDir(), "event.json")
	os.WriteFile(event, data, 0o644)
	wd, _ := os.Getwd()
	r.t.Chdir(r.ws)
	defer os.Chdir(wd)
	out, stderr, code := runCLI(r.t, prActionEnv(r.ws, event))
	if code != exitOK && code != exitFindings {
		r.t.Fatalf("exit %d, stderr %s\n%s", code, stderr, out)
	}
	return out
}

// cli runs validate --base (and --title when given) in the checkout.
func (r *ipRepo) cli(title string) string {
	r.t.Helper()
	wd, _ := os.Getwd()
	r.t.Chdir(r.ws)
	defer os.Chdir(wd)
	args := []string{"validate", "--base", r.base}
	if title != "" {
		args = append(args, "--title", title)
	}
	out, stderr, code := runCLI(r.t, nil, args...)
	if code != exitOK && code != exitFindings {
		r.t.Fatalf("validate --base: exit %d, stderr %s\n%s", code, stderr, out)
	}
	return out
}

func lacks(t *testing.T, out string, not ...string) {
	t.Helper()
	for _, s := range not {
		if strings.Contains(out, s) {
			t.Errorf("output has %q:\n%s", s, out)
		}
	}
}

// ipRules are the findings none of the quiet cases may have.
var ipRules = []string{"[PublisherChanged]", "[ConnectorAlreadyExists]", "[ConnectorNameNearExisting]", "[PrProposal"}

const contosoProps = contosoDir + "/apiProperties.json"

func TestPublisherChangedEndToEnd(t *testing.T) {
	r := newIPRepo(t)
	r.edit(contosoProps, `"publisher": "Jane Doe"`, `"publisher": "John Roe"`)
	r.edit(contosoDir+"/readme.md", "# Contoso Tasks", "# Contoso Tasks\n\nNow maintained by John Roe.")
	r.commit()
	want := contosoProps + ":16:18: error [PublisherChanged] publisher changed from \"Jane Doe\" to \"John Roe\"; Microsoft's independent-publisher certification article: updates must be submitted by the same publisher who submitted the previous version; a pull request from a different publisher is rejected"
	wantLines(t, r.pr("Contoso Tasks (Independent Publisher)", ""), want)
	wantLines(t, r.cli(""), want)
}

func TestSamePublisherUpdateEndToEnd(t *testing.T) {
	r := newIPRepo(t)
	r.edit(contosoProps, `"publisher": "Jane Doe"`, `"publisher": " jane doe "`) // case and white space
	r.edit(contosoDir+"/readme.md", "# Contoso Tasks", "# Contoso Tasks\n\nNew in this version: due dates.")
	r.commit()
	lacks(t, r.pr("Contoso Tasks (Independent Publisher)", ""), ipRules...)
	lacks(t, r.cli(""), ipRules...)
}

func TestDuplicateConnectorEndToEnd(t *testing.T) {
	r := newIPRepo(t)
	r.copyConnector("independent-publisher-connectors/ContosoTasks", "Contoso Tasks")
	r.write("independent-publisher-connectors/ContosoTasks/ContosoTasks.zip", "PK")
	r.commit()
	want := "independent-publisher-connectors/ContosoTasks: error [ConnectorAlreadyExists] the folder name \"ContosoTasks\" matches \"Contoso Tasks\" of the existing connector independent-publisher-connectors/Contoso Tasks; a connector that already exists as an independent-publisher connector can only be extended"
	wantLines(t, r.pr("Contoso Tasks (Independent Publisher)", ""), want)
	wantLines(t, r.cli(""), want)
}

func TestNearExistingConnectorEndToEnd(t *testing.T) {
	r := newIPRepo(t)
	r.copyConnector("independent-publisher-connectors/Contoso Task", "Contoso Task")
	r.commit()
	want := "independent-publisher-connectors/Contoso Task: warning [ConnectorNameNearExisting] the folder name \"Contoso Task\" is close to \"Contoso Tasks\" of the existing connector independent-publisher-connectors/Contoso Tasks: did you mean to update independent-publisher-connectors/Contoso Tasks?"
	wantLines(t, r.pr("Contoso Task (Independent Publisher)", ""), want)
	wantLines(t, r.cli(""), want)
}

func TestNewConnectorEndToEnd(t *testing.T) {
	r := newIPRepo(t)
	r.copyConnector("independent-publisher-connectors/Northwind Orders", "Northwind Orders")
	r.write("independent-publisher-connectors/Northwind Orders/Northwind Orders.zip", "PK")
	r.commit()
	out := r.pr("Northwind Orders (Independent Publisher)", "")
	lacks(t, out, append(ipRules, "[PrIpPackageCount]")...)
	out = r.cli("")
	lacks(t, out, append(ipRules, "[PrIpPackageCount]")...)
}

const northwind = "independent-publisher-connectors/Northwind Orders"

// TestProposalThenSubmissionEndToEnd: the article's Step 2 (a proposal PR with an intro.md) and
// Step 4 (the same PR with the connector's files and package, the prefix removed).
func TestProposalThenSubmissionEndToEnd(t *testing.T) {
	r := newIPRepo(t)
	r.write(northwind+"/intro.md", "# Northwind Orders\nA connector for Northwind orders.\n")
	r.commit()
	const title = "Proposal - Northwind Orders (Independent Publisher)"
	noAbsence := []string{"[RequiredFileMissing]", "[ReadmeMissing]", "[PrIpPackageCount]", "[PrScreenshotsMissing]"}
	for name, out := range map[string]string{"pull request": r.pr(title, "Looking for collaborators."), "validate --base": r.cli(title)} {
		t.Run("proposal/"+name, func(t *testing.T) {
			wantLines(t, out, northwind+"/intro.md: warning [PrProposalDetailsMissing] intro.md has 34 characters of text besides headings")
			lacks(t, out, noAbsence...)
			if name == "pull request" { // the description asks for collaborators
				wantLines(t, out, ": warning [PrProposalNotReady]", northwind+"/intro.md: notice [PrProposalContactMissing]")
			}
		})
	}
	// Still a proposal, with the details and a contact.
	r.write(northwind+"/intro.md", "# Northwind Orders\nNorthwind Orders keeps the orders of a small shop: customers, lines and shipping.\n"+
		"The connector will list and create orders, and trigger a flow when an order ships.\n\n## Authentication\nAn API key. API documentation: https://developer.northwind.example/orders\n\nCollaborators welcome: jane.doe@example.com\n")
	r.commit()
	out := r.pr(title, "Looking for collaborators.")
	lacks(t, out, append(noAbsence, "[PrProposalDetailsMissing]", "[PrProposalContactMissing]", "[PrProposalIntroMissing]", ": error [")...)

	// Step 4: the connector's files, the prefix removed; Step 6's package is still missing.
	r.copyConnector(northwind, "Northwind Orders")
	r.write(northwind+"/intro.md", r.read(contosoDir+"/intro.md"))
	r.commit()
	const submission = "Northwind Orders (Independent Publisher)"
	out = r.pr(submission, "")
	wantLines(t, out, northwind+": error [PrIpPackageCount] this new independent-publisher submission adds no .zip package")
	lacks(t, out, append(ipRules, "[PrProposalNotReady]", "[RequiredFileMissing]")...)
	wantLines(t, r.cli(""), northwind+": error [PrIpPackageCount] this new independent-publisher submission holds no .zip package")

	// With the package: nothing of the process is left.
	r.write(northwind+"/Northwind Orders.zip", "PK")
	r.commit()
	lacks(t, r.pr(submission, ""), append(ipRules, "[PrIpPackageCount]")...)
	lacks(t, r.cli(""), append(ipRules, "[PrIpPackageCount]")...)
}

// TestProposalWithoutIntroEndToEnd: a proposal whose folder has no intro.md.
func TestProposalWithoutIntroEndToEnd(t *testing.T) {
	r := newIPRepo(t)
	r.write(northwind+"/notes.txt", "to do\n")
	r.commit()
	want := northwind + ": error [PrProposalIntroMissing] this proposal has no intro.md"
	wantLines(t, r.pr("Proposal - Northwind Orders (Independent Publisher)", ""), want)
	wantLines(t, r.cli("Proposal – Northwind Orders"), want)
}

// TestIPProcessAPI: pull-request mode with a token: the changed files and the base version come
// from the API (the fake), the existing connectors from the checkout.
func TestIPProcessAPI(t *testing.T) {
	ws, _, baseProps := prWorkspace(t)
	props := filepath.Join(ws, contosoProps)
	head := strings.Replace(string(baseProps), `"publisher": "Jane Doe"`, `"publisher": "John Roe"`, 1)
	os.WriteFile(props, []byte(head), 0o644)
	dup := "certified-connectors/Contoso Tasks"
	copyDir(t, filepath.Join(ws, contosoDir), filepath.Join(ws, dup))
	event, _ := filepath.Abs("testdata/events/pull_request.json")
	srv := fakegh.New()
	defer srv.Close()
	srv.ServePulls(&fakegh.Repo{
		Owner: "microsoft", Name: "PowerPlatformConnectors",
		Pulls: map[int][]fakegh.PullFile{4321: {
			{Filename: contosoProps, Status: "modified"},
			{Filename: dup + "/apiDefinition.swagger.json", Status: "added"},
			{Filename: dup + "/apiProperties.json", Status: "added"},
		}},
		Contents: map[string]map[string][]byte{eventBase: {
			contosoSwag:  mustRead(t, filepath.Join(examples, contosoSwag)),
			contosoProps: baseProps,
		}},
	})
	t.Chdir(ws)
	env := prActionEnv(ws, event)
	env["GITHUB_API_URL"] = srv.URL
	env["INPUT_GITHUB-TOKEN"] = "ghs_readonly"
	out, stderr, code := runCLI(t, env)
	if code != exitFindings {
		t.Fatalf("exit %d, stderr %s\n%s", code, stderr, out)
	}
	wantLines(t, out,
		contosoProps+":16:18: error [PublisherChanged] publisher changed from \"Jane Doe\" to \"John Roe\"",
		dup+": warning [ConnectorAlreadyExists] the folder name \"Contoso Tasks\" matches \"Contoso Tasks\" of the existing connector independent-publisher-connectors/Contoso Tasks")
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestTitleNeedsBase(t *testing.T) {
	_, stderr, code := runCLI(t, nil, "validate", "--title", "Proposal - Contoso Tasks", examples)
	if code != 2 || !strings.Contains(stderr, "--title needs --base") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

// TestProposalTitleOnCertified: the proposal stage is the independent-publisher process's; a
// certified folder under such a title is checked as a submission.
func TestProposalTitleOnCertified(t *testing.T) {
	r := newIPRepo(t)
	r.write("certified-connectors/Northwind Orders/intro.md", "# Northwind Orders\nA connector.\n")
	r.commit()
	out := r.cli("Proposal - Northwind Orders")
	wantLines(t, out, "certified-connectors/Northwind Orders: error [RequiredFileMissing]")
	lacks(t, out, "[PrProposal")
}
