package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// prCases are the firing and non-firing cases of the pr rules that run on one
// connector folder alone; the pull-request rules are in pullCases (pr_test.go) and ipCases below.
var prCases = []ruleCase{}

// ipCase is a firing or non-firing case of a rule of the independent-publisher certification
// article (pr_ip.go): run produces the findings, at is "file:line:col" inside the checked
// connector ("file" alone for whole-file findings, "" for the folder).
type ipCase struct {
	rule, name string
	run        func(t *testing.T) []Finding
	fire       bool
	at         string
	sev        Severity // 0: the rule's default for the connector's kind
	kind       Kind
	contains   string // a part of the expected message
}

// publisherCase checks the good connector of kind k, with publisher newPub, against a base
// version with publisher oldPub.
func publisherCase(k Kind, oldPub, newPub string) func(t *testing.T) []Finding {
	return func(t *testing.T) []Finding {
		head := edit(t, goodProperties, `"publisher": "Jane Doe"`, `"publisher": `+fmt.Sprintf("%q", newPub))
		dir := makeConnector(t, k, map[string]string{PropertiesName: head})
		c, err := Load(dir, "c", 0)
		if err != nil {
			t.Fatal(err)
		}
		base := edit(t, goodProperties, `"publisher": "Jane Doe"`, `"publisher": `+fmt.Sprintf("%q", oldPub))
		old := FromFiles("c", dir, c.Kind, map[string][]byte{PropertiesName: []byte(base)}, "")
		return CheckPublisherChanged(old, c)
	}
}

// repoWith makes a repository checkout holding the connectors of existing ("kind folder/Name" ->
// swagger title, "" for the folder name) and the new connector newFolder (its swagger titled
// newTitle), and checks the new one against the others.
func repoWith(existing map[string]string, newFolder, newTitle string) func(t *testing.T) []Finding {
	return func(t *testing.T) []Finding {
		root := t.TempDir()
		write := func(folder, title string) string {
			dir := filepath.Join(root, filepath.FromSlash(folder))
			if title == "" {
				title = filepath.Base(dir)
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			swagger := strings.Replace(goodSwagger, `"title": "Contoso Tasks"`, fmt.Sprintf(`"title": %q`, title), 1)
			if err := os.WriteFile(filepath.Join(dir, SwaggerName), []byte(swagger), 0o644); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, PropertiesName), []byte(goodProperties), 0o644)
			return dir
		}
		for folder, title := range existing {
			write(folder, title)
		}
		dir := write(newFolder, newTitle)
		c, err := Load(dir, "c", 0)
		if err != nil {
			t.Fatal(err)
		}
		idx := IndexConnectors(root, map[string]bool{newFolder: true})
		return CheckConnectorExists(c, idx)
	}
}

// proposalCase checks a proposal folder with the given files (nothing else) and PR description.
func proposalCase(body string, kv ...string) func(t *testing.T) []Finding {
	return func(t *testing.T) []Finding {
		dir := filepath.Join(t.TempDir(), "independent-publisher-connectors", "Contoso Tasks")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for i := 0; i+1 < len(kv); i += 2 {
			if err := os.WriteFile(filepath.Join(dir, kv[i]), []byte(kv[i+1]), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		c, err := Load(dir, "c", 0)
		if err != nil {
			t.Fatal(err)
		}
		return CheckProposal(c, body)
	}
}

// submissionCase checks the package of the good independent-publisher connector with more files.
func submissionCase(more map[string]string) func(t *testing.T) []Finding {
	return func(t *testing.T) []Finding {
		c, err := Load(makeConnector(t, IP, more), "c", 0)
		if err != nil {
			t.Fatal(err)
		}
		return CheckSubmissionPackage(c)
	}
}

const proposalIntro = `# Contoso Tasks
Contoso Tasks keeps the tasks of a team in one place, with due dates, owners and reminders.
The connector will list, create and complete tasks, and trigger a flow when a task is due.

## Authentication
An API key from the Contoso Tasks settings page. API documentation: https://developer.contoso.com/tasks
`

var ipCases = []ipCase{
	{rule: "PublisherChanged", name: "IP publisher replaced", kind: IP, run: publisherCase(IP, "Jane Doe", "John Roe"), fire: true, at: PropertiesName + ":5:18", contains: "updates must be submitted by the same publisher"},
	{rule: "PublisherChanged", name: "IP co-publisher added", kind: IP, run: publisherCase(IP, "Jane Doe", "Jane Doe, John Roe"), fire: true, at: PropertiesName + ":5:18", contains: "ask them to submit"},
	{rule: "PublisherChanged", name: "certified: warning", kind: C, run: publisherCase(C, "Contoso Ltd", "Fabrikam Inc"), fire: true, at: PropertiesName + ":5:18"},
	{rule: "PublisherChanged", name: "case and white space", kind: IP, run: publisherCase(IP, "Jane Doe", "  jane  DOE ")},
	{rule: "PublisherChanged", name: "list order", kind: IP, run: publisherCase(IP, "Jane Doe, John Roe", "John Roe,Jane Doe")},
	{rule: "PublisherChanged", name: "same publisher", kind: IP, run: publisherCase(IP, "Jane Doe", "Jane Doe")},

	{rule: "ConnectorAlreadyExists", name: "IP folder without spaces", kind: IP, run: repoWith(map[string]string{
		"independent-publisher-connectors/Contoso Tasks": "", "certified-connectors/Fabrikam": "",
	}, "independent-publisher-connectors/ContosoTasks", "Tasks by Contoso"), fire: true, at: "", contains: "add your operations to independent-publisher-connectors/Contoso Tasks"},
	{rule: "ConnectorAlreadyExists", name: "title of a certified connector", kind: IP, run: repoWith(map[string]string{
		"certified-connectors/Contoso": "Contoso Tasks",
	}, "independent-publisher-connectors/Tasks for Teams", "contoso-tasks (Independent Publisher)"), fire: true, at: SwaggerName + ":4:14", contains: "certified-connectors/Contoso"},
	{rule: "ConnectorAlreadyExists", name: "new certified: warning", kind: C, run: repoWith(map[string]string{
		"independent-publisher-connectors/Contoso Tasks": "",
	}, "certified-connectors/Contoso Tasks (Independent Publisher)", "Contoso Todo"), fire: true, at: "", contains: "must be unique and distinguishable"},
	{rule: "ConnectorAlreadyExists", name: "a new service", kind: IP, run: repoWith(map[string]string{
		"independent-publisher-connectors/Contoso Tasks": "", "certified-connectors/Fabrikam": "Fabrikam Notes",
	}, "independent-publisher-connectors/Northwind Orders", "Northwind Orders")},

	{rule: "ConnectorNameNearExisting", name: "one letter short", kind: IP, run: repoWith(map[string]string{
		"independent-publisher-connectors/Contoso Tasks": "",
	}, "independent-publisher-connectors/Contoso Task", "Contoso Task"), fire: true, at: "", contains: "did you mean to update independent-publisher-connectors/Contoso Tasks?"},
	{rule: "ConnectorNameNearExisting", name: "a version suffix", kind: C, run: repoWith(map[string]string{
		"certified-connectors/Northwind Traders": "",
	}, "certified-connectors/Northwind Traders V2", "Northwind Traders V2"), fire: true, at: ""},
	{rule: "ConnectorNameNearExisting", name: "two edits between short names", kind: IP, run: repoWith(map[string]string{
		"independent-publisher-connectors/Litware": "",
	}, "independent-publisher-connectors/Lamware", "Lamware")},
	{rule: "ConnectorNameNearExisting", name: "a version suffix on a short name", kind: IP, run: repoWith(map[string]string{
		"independent-publisher-connectors/Northwind": "",
	}, "independent-publisher-connectors/Northwind V2", "Northwind V2")},
	{rule: "ConnectorNameNearExisting", name: "short names", kind: IP, run: repoWith(map[string]string{
		"independent-publisher-connectors/Zoom": "",
	}, "independent-publisher-connectors/Zoon", "Zoon")},
	{rule: "ConnectorNameNearExisting", name: "three edits", kind: IP, run: repoWith(map[string]string{
		"independent-publisher-connectors/Contoso Tasks": "",
	}, "independent-publisher-connectors/Contoso Maps", "Contoso Maps")},
	{rule: "ConnectorNameNearExisting", name: "exact match is the other rule", kind: IP, run: repoWith(map[string]string{
		"independent-publisher-connectors/Contoso Tasks": "", "independent-publisher-connectors/Contoso Task": "",
	}, "independent-publisher-connectors/Contoso-Tasks", "")},

	{rule: "PrProposalIntroMissing", name: "empty proposal folder", kind: IP, run: proposalCase("", "notes.txt", "later"), fire: true, at: ""},
	{rule: "PrProposalIntroMissing", name: "proposal in readme.md: warning", kind: IP, run: proposalCase("", ReadmeName, proposalIntro), fire: true, at: "", sev: Warning, contains: "move the proposal's text to intro.md"},
	{rule: "PrProposalIntroMissing", name: "intro.md", kind: IP, run: proposalCase("", IntroName, proposalIntro)},
	{rule: "PrProposalIntroMissing", name: "certified folders aren't proposals", kind: C, run: func(t *testing.T) []Finding {
		c, _ := Load(makeConnector(t, C, map[string]string{SwaggerName: absent, PropertiesName: absent, ReadmeName: absent}), "c", 0)
		return CheckProposal(c, "")
	}},

	{rule: "PrProposalDetailsMissing", name: "a title and a line", kind: IP, run: proposalCase("", IntroName, "# Contoso Tasks\n\n## Description\nA connector for Contoso Tasks.\n"), fire: true, at: IntroName},
	{rule: "PrProposalDetailsMissing", name: "details", kind: IP, run: proposalCase("", IntroName, proposalIntro)},

	{rule: "PrProposalContactMissing", name: "collaborators wanted in the description", kind: IP, run: proposalCase("Looking for collaborators on the triggers.", IntroName, proposalIntro), fire: true, at: IntroName},
	{rule: "PrProposalContactMissing", name: "with an email", kind: IP, run: proposalCase("", IntroName, proposalIntro+"\nCollaborators welcome: jane.doe@example.com\n")},
	{rule: "PrIpPackageCount", name: "validate --base: no zip in the new folder", kind: IP, run: submissionCase(nil), fire: true, at: ""},
	{rule: "PrIpPackageCount", name: "validate --base: one zip", kind: IP, run: submissionCase(map[string]string{"Contoso Tasks.zip": "PK"})},
	{rule: "PrProposalContactMissing", name: "no collaborators asked", kind: IP, run: proposalCase("", IntroName, proposalIntro)},
}

func TestIndependentPublisherProcessRules(t *testing.T) {
	for _, tc := range ipCases {
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			all := tc.run(t)
			f, ok := caseFinding(t, tc.rule, tc.fire, tc.at, all)
			if !ok {
				return
			}
			want := tc.sev
			if want == 0 {
				want = mustRule(tc.rule).SeverityFor(tc.kind)
			}
			if f.Severity != want {
				t.Errorf("severity = %s, want %s", f.Severity, want)
			}
			if f.Connector != "c" || !strings.Contains(f.Message, tc.contains) {
				t.Errorf("connector %q, message %q (want it to contain %q)", f.Connector, f.Message, tc.contains)
			}
		})
	}
}

func TestProposalName(t *testing.T) {
	for title, want := range map[string]string{
		"Proposal - Contoso Tasks (Independent Publisher)": "Contoso Tasks (Independent Publisher)",
		"  proposal – Contoso Tasks":                       "Contoso Tasks",
		"PROPOSAL—Contoso":                                 "Contoso",
		"Proposal: Contoso":                                "Contoso",
	} {
		if got, ok := ProposalName(title); !ok || got != want {
			t.Errorf("ProposalName(%q) = %q, %v; want %q", title, got, ok, want)
		}
	}
	for _, title := range []string{"Contoso Tasks (Independent Publisher)", "Proposals for Contoso", "Update proposal - Contoso"} {
		if _, ok := ProposalName(title); ok {
			t.Errorf("ProposalName(%q) is a proposal", title)
		}
	}
}

func TestInfoTitle(t *testing.T) {
	for in, want := range map[string]string{
		goodSwagger: "Contoso Tasks",
		"\uFEFF" + `{"info": {"version": "1", "title": " Contoso "}}`:                                   "Contoso",
		`{"paths": {"/a": {"get": {"title": "no"}}}, "x": [1, {"info": 2}], "info": {"title": "Late"}}`: "Late",
		`{"info": {"description": "no title"}, "title": "root"}`:                                        "",
		`{"info": {"title": 42}}`:                                        "",
		`{"info": {"title": "Trunc`:                                      "",
		`[{"info": {"title": "array"}}]`:                                 "",
		`{"swagger": "2.0", "info": {"title": "Before the fault"}, oops`: "Before the fault",
	} {
		if got := infoTitle(strings.NewReader(in)); got != want {
			t.Errorf("infoTitle(%.40q) = %q, want %q", in, got, want)
		}
	}
}

func TestBoundedDistance(t *testing.T) {
	full := func(a, b []rune) int { // the textbook table
		d := make([][]int, len(a)+1)
		for i := range d {
			d[i] = make([]int, len(b)+1)
			d[i][0] = i
		}
		for j := range d[0] {
			d[0][j] = j
		}
		for i := 1; i <= len(a); i++ {
			for j := 1; j <= len(b); j++ {
				c := 1
				if a[i-1] == b[j-1] {
					c = 0
				}
				d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+c)
			}
		}
		return d[len(a)][len(b)]
	}
	words := []string{"", "a", "contoso", "contosotasks", "contosotask", "contsotasks", "ocntosotasks", "contoso2", "northwind", "northwindv2", "hubspotcms", "hubspotcrm", "zoom", "zoon", "tasks", "élan", "elan"}
	for _, a := range words {
		for _, b := range words {
			want := min(full([]rune(a), []rune(b)), 3)
			if got := boundedDistance([]rune(a), []rune(b), 2); got != want {
				t.Errorf("boundedDistance(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}

// TestIndexFollowsNoLink: a symbolic link to a connector folder or to a swagger is not read.
func TestIndexFollowsNoLink(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, SwaggerName), []byte(`{"info": {"title": "Secret Title"}}`), 0o644)
	ip := filepath.Join(root, "independent-publisher-connectors")
	os.MkdirAll(filepath.Join(ip, "Real"), 0o755)
	os.Symlink(filepath.Join(outside, SwaggerName), filepath.Join(ip, "Real", SwaggerName))
	os.Symlink(outside, filepath.Join(ip, "Linked Folder"))
	// The kind folder itself as a link.
	os.MkdirAll(filepath.Join(outside, "Elsewhere"), 0o755)
	os.Symlink(outside, filepath.Join(root, "certified-connectors"))
	idx := IndexConnectors(root, nil)
	for _, e := range idx.entries {
		if e.name != "Real" {
			t.Errorf("indexed %+v", e)
		}
	}
	if idx.Len() != 1 {
		t.Errorf("%d entries, want 1 (the folder name Real)", idx.Len())
	}
}

func TestNormalizeConnectorName(t *testing.T) {
	for in, want := range map[string]string{
		"Contoso Tasks (Independent Publisher)": "contosotasks",
		"contoso-tasks":                         "contosotasks",
		" Contoso.Tasks ":                       "contosotasks",
		"Brønnøysund Register":                  "brønnøysundregister",
		"(Independent Publisher)":               "",
	} {
		if got := normalizeConnectorName(in); got != want {
			t.Errorf("normalizeConnectorName(%q) = %q, want %q", in, got, want)
		}
	}
}
