package validate

import (
	"testing"
)

const ipDir = "independent-publisher-connectors/Contoso Tasks"

// cleanPR is an independent-publisher update that no §16 rule flags.
func cleanPR() *PullRequest {
	return &PullRequest{
		Number: 7, Title: "Contoso Tasks (Independent Publisher)", BaseRef: "dev",
		Repository: "microsoft/PowerPlatformConnectors", Upstream: true, EventFile: "event.json",
		Body: "Adds due dates.\n\n- [x] I have read the guidelines\n- [x] I tested the connector\n\n" +
			"![list](https://github.com/user-attachments/assets/1111)\n<img src=\"https://github.com/user-attachments/assets/2222\" width=\"400\">\n",
		Files: []ChangedFile{
			{Path: ipDir + "/apiDefinition.swagger.json", Status: "modified"},
			{Path: ipDir + "/readme.md", Status: "modified"},
		},
	}
}

// pullCase is one firing or non-firing case of a §16 rule: cleanPR edited by change.
type pullCase struct {
	rule, name string
	change     func(pr *PullRequest)
	fire       bool
	at         string // "connector|file" of the expected finding
	sev        Severity
}

func newIP(pr *PullRequest) {
	pr.Files = []ChangedFile{
		{Path: ipDir + "/apiDefinition.swagger.json", Status: "added"},
		{Path: ipDir + "/apiProperties.json", Status: "added"},
		{Path: ipDir + "/readme.md", Status: "added"},
		{Path: ipDir + "/Contoso Tasks.zip", Status: "added"},
	}
}

var pullCases = []pullCase{
	{rule: "PrTitleInvalid", name: "no suffix", change: func(pr *PullRequest) { pr.Title = "Add Contoso Tasks" }, fire: true, at: ipDir + "|event.json"},
	{rule: "PrTitleInvalid", name: "lower-case suffix", change: func(pr *PullRequest) { pr.Title = "Contoso Tasks (independent publisher)" }, fire: true, at: ipDir + "|event.json"},
	{rule: "PrTitleInvalid", name: "trimmed", change: func(pr *PullRequest) { pr.Title = "  Contoso Tasks (Independent Publisher) " }},
	{rule: "PrTitleInvalid", name: "certified connector", change: func(pr *PullRequest) {
		pr.Title = "Update Contoso"
		pr.Files = []ChangedFile{{Path: "certified-connectors/Contoso/apiDefinition.swagger.json", Status: "modified"}, {Path: "certified-connectors/Contoso/readme.md", Status: "modified"}}
	}},

	{rule: "PrProposalNotReady", name: "proposal", change: func(pr *PullRequest) { pr.Title = "Proposal - Contoso Tasks (Independent Publisher)" }, fire: true, at: ipDir + "|event.json"},
	{rule: "PrProposalNotReady", name: "ready", change: func(pr *PullRequest) {}},
	{rule: "PrTitleInvalid", name: "proposal without the suffix: warning", change: func(pr *PullRequest) { pr.Title = "Proposal - Contoso Tasks" }, fire: true, at: ipDir + "|event.json", sev: Warning},
	{rule: "PrIpPackageCount", name: "proposal: the package comes later", change: func(pr *PullRequest) {
		newIP(pr)
		pr.Files = pr.Files[:3]
		pr.Title = "Proposal - Contoso Tasks (Independent Publisher)"
	}},
	{rule: "PrScreenshotsMissing", name: "proposal: nothing to show yet", change: func(pr *PullRequest) {
		pr.Title = "proposal – Contoso Tasks (Independent Publisher)"
		pr.Body = ""
	}},

	{rule: "PrMultipleConnectors", name: "two connectors", change: func(pr *PullRequest) {
		pr.Files = append(pr.Files, ChangedFile{Path: "certified-connectors/Other/apiProperties.json", Status: "modified"})
	}, fire: true, at: "|event.json"},
	{rule: "PrMultipleConnectors", name: "one connector, many files", change: func(pr *PullRequest) {
		pr.Files = append(pr.Files, ChangedFile{Path: ipDir + "/script.csx", Status: "added"})
	}},

	{rule: "PrFileOutsideConnectorFolder", name: "schema file", change: func(pr *PullRequest) {
		pr.Files = append(pr.Files, ChangedFile{Path: "schemas/apiDefinition.swagger.schema.json", Status: "modified"})
	}, fire: true, at: ipDir + "|schemas/apiDefinition.swagger.schema.json"},
	{rule: "PrFileOutsideConnectorFolder", name: "not the upstream repository", change: func(pr *PullRequest) {
		pr.Upstream = false
		pr.Files = append(pr.Files, ChangedFile{Path: ".github/workflows/check.yml", Status: "added"})
	}},

	{rule: "PrConnectorRootInvalid", name: "nested folder", change: func(pr *PullRequest) {
		pr.Files = []ChangedFile{{Path: "independent-publisher-connectors/Contoso/Tasks/apiDefinition.swagger.json", Status: "added"}}
	}, fire: true, at: "independent-publisher-connectors/Contoso/Tasks|independent-publisher-connectors/Contoso/Tasks/apiDefinition.swagger.json"},
	{rule: "PrConnectorRootInvalid", name: "at the repository root", change: func(pr *PullRequest) {
		pr.Files = []ChangedFile{{Path: "Contoso/apiProperties.json", Status: "added"}}
	}, fire: true, at: "Contoso|Contoso/apiProperties.json"},
	{rule: "PrConnectorRootInvalid", name: "direct child", change: newIP},

	{rule: "PrBaseBranchNotDev", name: "targets main", change: func(pr *PullRequest) { pr.BaseRef = "main" }, fire: true, at: ipDir + "|event.json"},
	{rule: "PrBaseBranchNotDev", name: "own repository", change: func(pr *PullRequest) { pr.BaseRef = "main"; pr.Upstream = false }},

	{rule: "PrConnectorFolderRenamed", name: "folder renamed", change: func(pr *PullRequest) {
		pr.Files = []ChangedFile{{Path: "independent-publisher-connectors/Contoso Todo/readme.md", PreviousPath: ipDir + "/readme.md", Status: "renamed"}}
	}, fire: true, at: "independent-publisher-connectors/Contoso Todo|independent-publisher-connectors/Contoso Todo"},
	{rule: "PrConnectorFolderRenamed", name: "file renamed inside the folder", change: func(pr *PullRequest) {
		pr.Files = []ChangedFile{{Path: ipDir + "/readme.md", PreviousPath: ipDir + "/Readme.md", Status: "renamed"}}
	}},

	{rule: "PrIpPackageCount", name: "no zip", change: func(pr *PullRequest) { newIP(pr); pr.Files = pr.Files[:3] }, fire: true, at: ipDir + "|" + ipDir},
	{rule: "PrIpPackageCount", name: "two zips", change: func(pr *PullRequest) {
		newIP(pr)
		pr.Files = append(pr.Files, ChangedFile{Path: ipDir + "/old.zip", Status: "added"})
	}, fire: true, at: ipDir + "|" + ipDir},
	{rule: "PrIpPackageCount", name: "one zip", change: newIP},
	{rule: "PrIpPackageCount", name: "update", change: func(pr *PullRequest) {}},

	{rule: "PrScreenshotsMissing", name: "one image", change: func(pr *PullRequest) { pr.Body = "![a](https://example.com/a.png)" }, fire: true, at: ipDir + "|event.json"},
	{rule: "PrScreenshotsMissing", name: "two bare attachment URLs", change: func(pr *PullRequest) {
		pr.Body = "https://github.com/user-attachments/assets/aaaa\nhttps://github.com/user-attachments/assets/bbbb"
	}},

	{rule: "PrChecklistIncomplete", name: "unticked", change: func(pr *PullRequest) { pr.Body += "\n- [ ] I have added screenshots\n" }, fire: true, at: ipDir + "|event.json"},
	{rule: "PrChecklistIncomplete", name: "all ticked", change: func(pr *PullRequest) {}},

	{rule: "PrReadmeNotUpdated", name: "swagger without readme", change: func(pr *PullRequest) { pr.Files = pr.Files[:1] }, fire: true, at: ipDir + "|" + ipDir},
	{rule: "PrReadmeNotUpdated", name: "new connector", change: newIP},

	{rule: "PrContextUnavailable", name: "made by the caller", change: func(pr *PullRequest) {}},
}

func TestPullRequestRules(t *testing.T) {
	for _, pc := range pullCases {
		t.Run(pc.rule+"/"+pc.name, func(t *testing.T) {
			pr := cleanPR()
			pc.change(pr)
			fs := CheckPullRequest(pr)
			var got []Finding
			for _, f := range fs {
				if f.Rule == pc.rule {
					got = append(got, f)
				}
			}
			if !pc.fire {
				if len(got) > 0 {
					t.Fatalf("want no %s, got:\n%s", pc.rule, describe(fs))
				}
				return
			}
			want := pc.sev
			if want == 0 {
				want = mustRule(pc.rule).Severity
			}
			for _, f := range got {
				if f.Connector+"|"+f.File == pc.at && f.Severity == want && f.Line == 0 {
					return
				}
			}
			t.Fatalf("want %s %s at %s, got:\n%s", want, pc.rule, pc.at, describe(fs))
		})
	}
}

func TestCleanPullRequest(t *testing.T) {
	if fs := CheckPullRequest(cleanPR()); len(fs) > 0 {
		t.Fatalf("clean PR:\n%s", describe(fs))
	}
}

func TestContextUnavailable(t *testing.T) {
	f := ContextUnavailable("c", "event.json", "no token: breaking changes not checked")
	if f.Rule != "PrContextUnavailable" || f.Severity != Notice || f.Line != 0 {
		t.Fatalf("%+v", f)
	}
}

// TestEveryPullRequestRuleHasCases: §16 is exempt from TestEveryRuleHasCases; this is its own.
func TestEveryPullRequestRuleHasCases(t *testing.T) {
	fire, quiet := map[string]bool{}, map[string]bool{}
	for _, pc := range pullCases {
		if pc.fire {
			fire[pc.rule] = true
		} else {
			quiet[pc.rule] = true
		}
	}
	fire["PrContextUnavailable"] = true // TestContextUnavailable
	for _, sc := range settingsCases {  // TestSettingsChanged
		if len(sc.want) > 0 {
			fire["PrSettingsChanged"] = true
		} else {
			quiet["PrSettingsChanged"] = true
		}
	}
	for _, sc := range secretCases { // TestSecrets
		if sc.at != "" {
			fire["SecretLiteralDetected"] = true
		} else {
			quiet["SecretLiteralDetected"] = true
		}
	}
	for _, c := range ipCases { // cases_pr_test.go: the certification article's checks
		if c.fire {
			fire[c.rule] = true
		} else {
			quiet[c.rule] = true
		}
	}
	for _, r := range rulesInSection("16") {
		if !fire[r.ID] || !quiet[r.ID] {
			t.Errorf("%s needs a firing and a non-firing case in pullCases", r.ID)
		}
		if r.Section != "16" {
			t.Errorf("%s: section %q, want 16", r.ID, r.Section)
		}
	}

}

func TestConnectorFolderOf(t *testing.T) {
	for p, want := range map[string]string{
		ipDir + "/readme.md":                   ipDir,
		"certified-connectors/A/b/c.json":      "certified-connectors/A",
		"certified-connectors/readme.md":       "",
		"schemas/x.json":                       "",
		"sub/custom-connectors/X/a.json":       "sub/custom-connectors/X",
		"Independent-Publisher-Connectors/Y/z": "Independent-Publisher-Connectors/Y",
	} {
		if got, _, _ := ConnectorFolderOf(p); got != want {
			t.Errorf("ConnectorFolderOf(%q) = %q, want %q", p, got, want)
		}
	}
}
