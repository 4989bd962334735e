package validate

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
)

// PullRequest is what the §16 rules see of a pull request: the event payload's fields and the
// changed files (REST API or git diff).
type PullRequest struct {
	Number     int
	Title      string
	Body       string
	BaseRef    string // the branch the PR targets
	Repository string // owner/name of the base repository
	// Upstream: the repository follows microsoft/PowerPlatformConnectors' contribution rules (base
	// branch dev, nothing outside connector folders). Set for repositories named PowerPlatformConnectors.
	Upstream bool
	Files    []ChangedFile
	// EventFile is where findings about the PR itself (title, body, base branch) point: the event
	// payload's path, or "". Such findings have no line (Line 0).
	EventFile string
}

// ChangedFile is one file of a pull request. Status is the REST API's: added, removed, modified,
// renamed, copied, changed or unchanged.
type ChangedFile struct {
	Path         string
	Status       string
	PreviousPath string // for renamed and copied files
}

// IsUpstreamRepository reports whether owner/name is the connectors repository or a fork of it by name.
func IsUpstreamRepository(repo string) bool {
	_, name, _ := strings.Cut(repo, "/")
	return strings.EqualFold(name, "PowerPlatformConnectors")
}

// ConnectorFolderOf is the connector folder a repository path belongs to: the kind folder
// (certified-connectors, ...) and the folder under it ("independent-publisher-connectors/Foo").
// ok is false for a path outside every connector folder.
func ConnectorFolderOf(p string) (folder string, kind Kind, ok bool) {
	parts := strings.Split(strings.Trim(p, "/"), "/")
	for i := 0; i+2 < len(parts); i++ {
		if k, isKind := kindFolders[strings.ToLower(parts[i])]; isKind {
			return strings.Join(parts[:i+2], "/"), k, true
		}
	}
	return "", 0, false
}

// ConnectorFolders are the connector folders the files touch (old paths of renamed files
// included), sorted.
func ConnectorFolders(files []ChangedFile) []string {
	var out []string
	for _, f := range files {
		for _, p := range []string{f.Path, f.PreviousPath} {
			if d, _, ok := ConnectorFolderOf(p); ok && p != "" && !slices.Contains(out, d) {
				out = append(out, d)
			}
		}
	}
	slices.Sort(out)
	return out
}

// PrContextUnavailable is exported for the reports, which mark a run it degraded.
var PrContextUnavailable = newRule(Rule{
	ID: "PrContextUnavailable", Severity: Notice, Kinds: AllKinds, Section: "16", Scope: ScopePullRequest,
	Summary: "The pull request's changed files or base versions couldn't be read (no token, a fork's token refused, rate limit); says what was skipped.",
	Basis:   BasisInfo,
	Example: Example{File: ".github/workflows/connector-check.yml", Lang: "yaml",
		Bad:  "permissions: {}\nsteps:\n  - uses: actions/checkout@v6\n  - uses: connector-check/connector-check@v1",
		Good: "permissions:\n  contents: read\n  pull-requests: read\nsteps:\n  - uses: actions/checkout@v6\n    with: {fetch-depth: 0}\n  - uses: connector-check/connector-check@v1"},
})

// ContextUnavailable is the notice that says which part of the PR check was skipped and why.
func ContextUnavailable(connector, file, what string) Finding {
	f, _ := newFinding(PrContextUnavailable, 0, subject{connector: connector, kind: Custom}, whole(file), what) // every kind, one severity
	return f
}

var (
	ipTitle      = regexp.MustCompile(`^.+ \(Independent Publisher\)$`)
	mdImage      = regexp.MustCompile(`!\[[^\]]*\]\(\s*<?([^)\s>]+)`)
	htmlImage    = regexp.MustCompile(`(?i)<img\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)`)
	attachment   = regexp.MustCompile(`https://(?:github\.com/user-attachments/assets/|user-images\.githubusercontent\.com/|private-user-images\.githubusercontent\.com/)[^\s)"'<>\]]+`)
	uncheckedBox = regexp.MustCompile(`(?m)^\s*[-*+]\s+\[ \]\s+\S`)
)

func isCanonical(p, name string) bool { return strings.EqualFold(path.Base(p), name) }

var prTitleInvalid = newRule(Rule{
	ID: "PrTitleInvalid", Severity: Error, Kinds: IndependentPublisher, Section: "16", Scope: ScopePullRequest,
	Summary: `The trimmed PR title must match ^.+ \(Independent Publisher\)$, e.g. "HubSpot Marketing (Independent Publisher)" (a proposal's title without the suffix: warning).`,
	Basis:   BasisProcess, BasisReason: "independent-publisher title pattern",
	Example: Example{File: "pull request title (independent publisher)", Lang: "text",
		Bad:  "Add Contoso Tasks connector",
		Good: "Contoso Tasks (Independent Publisher)"},
})

var prProposalNotReady = newRule(Rule{
	ID: "PrProposalNotReady", Severity: Warning, Kinds: IndependentPublisher, Section: "16", Scope: ScopePullRequest,
	Summary: `The PR title starts with "Proposal -": review starts once the prefix is removed.`,
	Basis:   BasisProcess,
	Example: Example{File: "pull request title (independent publisher)", Lang: "text",
		Bad:  "Proposal - Contoso Tasks (Independent Publisher)",
		Good: "Contoso Tasks (Independent Publisher)"},
})

var prMultipleConnectors = newRule(Rule{
	ID: "PrMultipleConnectors", Severity: Error, Kinds: AllKinds, Section: "16", Scope: ScopePullRequest,
	Summary: "The changed files touch more than one connector folder.",
	Basis:   BasisProcess, BasisReason: "one connector per pull request",
	Example: Example{File: "pull request: changed files", Lang: "text",
		Bad:  "independent-publisher-connectors/Contoso Tasks/apiDefinition.swagger.json\nindependent-publisher-connectors/Contoso Notes/apiDefinition.swagger.json",
		Good: "independent-publisher-connectors/Contoso Tasks/apiDefinition.swagger.json\n# Contoso Notes goes in a pull request of its own"},
})

var prFileOutsideConnectorFolder = newRule(Rule{
	ID: "PrFileOutsideConnectorFolder", Severity: Error, Kinds: AllKinds, Section: "16", Scope: ScopePullRequest,
	Summary: "A changed file is outside every connector folder (schemas/, templates/, root files); a stale fork is the usual cause. Upstream repository only.",
	Basis:   BasisProcess,
	Example: Example{File: "pull request: changed files", Lang: "text",
		Bad:  "independent-publisher-connectors/Contoso Tasks/apiDefinition.swagger.json\nschemas/apiProperties.schema.json\nREADME.md",
		Good: "independent-publisher-connectors/Contoso Tasks/apiDefinition.swagger.json\n# the fork's branch is updated from dev first"},
})

var prConnectorRootInvalid = newRule(Rule{
	ID: "PrConnectorRootInvalid", Severity: Error, Kinds: AllKinds, Section: "16", Scope: ScopePullRequest,
	Summary: "A new connector folder isn't a direct child of certified-connectors/, independent-publisher-connectors/ or custom-connectors/.",
	Basis:   BasisProcess,
	Example: Example{File: "pull request: added files", Lang: "text",
		Bad:  "independent-publisher-connectors/Contoso/Contoso Tasks/apiDefinition.swagger.json",
		Good: "independent-publisher-connectors/Contoso Tasks/apiDefinition.swagger.json"},
})

var prBaseBranchNotDev = newRule(Rule{
	ID: "PrBaseBranchNotDev", Severity: Error, Kinds: AllKinds, Section: "16", Scope: ScopePullRequest,
	Summary: "The PR doesn't target dev. Upstream repository only.",
	Basis:   BasisProcess, BasisReason: "pull requests target dev",
	Example: Example{File: "pull request", Lang: "text",
		Bad:  "base: microsoft/PowerPlatformConnectors master  <-  jane-doe:contoso-tasks",
		Good: "base: microsoft/PowerPlatformConnectors dev  <-  jane-doe:contoso-tasks"},
})

var prConnectorFolderRenamed = newRule(Rule{
	ID: "PrConnectorFolderRenamed", Severity: Error, Kinds: Publishable, Section: "16", Scope: ScopePullRequest,
	Summary: "An existing connector folder was renamed or moved.",
	Basis:   BasisProcess, BasisReason: "a published folder can't move",
	Example: Example{File: "pull request: changed files", Lang: "text",
		Bad:  "renamed: certified-connectors/Contoso Tasks/apiDefinition.swagger.json\n      -> certified-connectors/Contoso Todo/apiDefinition.swagger.json",
		Good: "modified: certified-connectors/Contoso Tasks/apiDefinition.swagger.json"},
})

var prIpPackageCount = newRule(Rule{
	ID: "PrIpPackageCount", Severity: Error, Kinds: IndependentPublisher, Section: "16", Scope: ScopePullRequest,
	Summary: "A new independent-publisher submission must add exactly one .zip package (not yet in a proposal PR; with validate --base, the folder must hold one).",
	Basis:   BasisProcess, BasisReason: "independent-publisher submissions",
	Example: Example{File: "pull request: added files (new independent-publisher connector)", Lang: "text",
		Bad:  "independent-publisher-connectors/Contoso Tasks/apiDefinition.swagger.json\nindependent-publisher-connectors/Contoso Tasks/apiProperties.json\nindependent-publisher-connectors/Contoso Tasks/readme.md",
		Good: "independent-publisher-connectors/Contoso Tasks/apiDefinition.swagger.json\nindependent-publisher-connectors/Contoso Tasks/apiProperties.json\nindependent-publisher-connectors/Contoso Tasks/readme.md\nindependent-publisher-connectors/Contoso Tasks/Contoso Tasks.zip"},
})

var prScreenshotsMissing = newRule(Rule{
	ID: "PrScreenshotsMissing", Severity: Warning, Kinds: IndependentPublisher, Section: "16", Scope: ScopePullRequest,
	Summary: "The PR body has fewer than 2 images (Markdown images, <img>, attachment URLs) of working operations and the Test tab (not asked of a proposal PR).",
	Basis:   BasisProcess,
	Example: Example{File: "pull request description (independent publisher)", Lang: "markdown",
		Bad:  "Tested all three operations; everything works.",
		Good: "Tested all three operations:\n![List tasks run](https://github.com/user-attachments/assets/list-tasks.png)\n![Create a task run](https://github.com/user-attachments/assets/create-task.png)\n![Test tab](https://github.com/user-attachments/assets/test-tab.png)"},
})

var prChecklistIncomplete = newRule(Rule{
	ID: "PrChecklistIncomplete", Severity: Notice, Kinds: Publishable, Section: "16", Scope: ScopePullRequest,
	Summary: "The PR template's checkboxes are unticked.",
	Basis:   BasisProcess,
	Example: Example{File: "pull request description", Lang: "markdown",
		Bad:  "- [ ] I have named this PR after the pattern: \"Connector Name (Independent Publisher)\"\n- [ ] I have added screenshots of three working operations",
		Good: "- [x] I have named this PR after the pattern: \"Connector Name (Independent Publisher)\"\n- [x] I have added screenshots of three working operations"},
})

var prReadmeNotUpdated = newRule(Rule{
	ID: "PrReadmeNotUpdated", Severity: Notice, Kinds: Publishable, Section: "16", Scope: ScopePullRequest,
	Summary: "An existing connector's swagger or apiProperties changed, but its readme didn't.",
	Basis:   BasisProcess,
	Example: Example{File: "pull request: changed files", Lang: "text",
		Bad:  "modified: independent-publisher-connectors/Contoso Tasks/apiDefinition.swagger.json   (adds DeleteTask)",
		Good: "modified: independent-publisher-connectors/Contoso Tasks/apiDefinition.swagger.json   (adds DeleteTask)\nmodified: independent-publisher-connectors/Contoso Tasks/readme.md                    (### Delete a task)"},
})

// CheckPullRequest runs the §16 rules over a pull request and returns the findings, sorted.
// Findings about one connector carry its folder; findings about the PR itself point at
// pr.EventFile with no line.
func CheckPullRequest(pr *PullRequest) []Finding {
	var all []Finding
	folders := ConnectorFolders(pr.Files)
	// The PR's kind: independent publisher when it touches such a connector, else certified, else custom.
	prKind := Custom
	for _, d := range folders {
		_, k, _ := ConnectorFolderOf(d + "/x")
		if k == IndependentPublisher || (k == Certified && prKind == Custom) {
			prKind = k
		}
	}
	prPass := &reporter{subject: subject{kind: prKind}}
	if len(folders) == 1 {
		prPass.connector = folders[0]
	}
	event := whole(pr.EventFile)

	title := strings.TrimSpace(pr.Title)
	proposalName, isProposal := ProposalName(title)
	switch {
	case isProposal && !ipTitle.MatchString(title):
		// The article's Step 2 title; the prefix goes at Step 4 and the rest must then fit.
		prPass.reportAs(prTitleInvalid, Warning, event,
			`PR title %q: when you remove "Proposal - " to submit the connector, the title must read "<Connector title> (Independent Publisher)": name the proposal "Proposal - %s (Independent Publisher)"`, title, strings.TrimSpace(ipSuffix.ReplaceAllString(proposalName, "")))
	case !ipTitle.MatchString(title):
		prPass.report(prTitleInvalid, event,
			`PR title %q doesn't follow the independent-publisher pattern; name it "<Connector title> (Independent Publisher)", e.g. "HubSpot Marketing (Independent Publisher)"`, title)
	}
	if isProposal {
		prPass.report(prProposalNotReady, event,
			`the PR is a proposal (title starts with "Proposal -"): it shares an intro.md, and review of the connector starts once you add its files and the package and remove the prefix`)
	}
	if len(folders) > 1 {
		prPass.report(prMultipleConnectors, event,
			"the PR changes %d connector folders (%s); submit one connector per pull request", len(folders), strings.Join(folders, ", "))
	}
	if pr.Upstream && pr.BaseRef != "" && pr.BaseRef != "dev" {
		prPass.report(prBaseBranchNotDev, event, "the PR targets %q; connector pull requests must target the dev branch: change the base branch", pr.BaseRef)
	}
	if pr.Upstream {
		for _, f := range pr.Files {
			if _, _, ok := ConnectorFolderOf(f.Path); !ok {
				prPass.report(prFileOutsideConnectorFolder, whole(f.Path),
					"%s (%s) is outside every connector folder; a connector PR changes only its own folder: revert it (a stale fork is the usual cause: sync the fork with dev)", f.Path, orNone(f.Status))
			}
		}
	}
	if n := countImages(pr.Body); n < 2 && !isProposal { // screenshots of working operations come with the submission
		prPass.report(prScreenshotsMissing, event,
			"the PR description has %d screenshot(s); add at least 2 images showing working operations and the Test tab", n)
	}
	if n := len(uncheckedBox.FindAllString(pr.Body, -1)); n > 0 {
		prPass.report(prChecklistIncomplete, event,
			"%d checkbox(es) of the PR template are unticked; tick each item you have done (\"- [x]\")", n)
	}
	all = append(all, prPass.findings...)

	// Per connector folder.
	for _, d := range folders {
		_, k, _ := ConnectorFolderOf(d + "/x")
		p := &reporter{subject: subject{connector: d, kind: k}}
		var swaggerOrProps, readme, newConnector bool
		zips := 0
		for _, f := range pr.Files {
			if fd, _, ok := ConnectorFolderOf(f.Path); !ok || fd != d {
				continue
			}
			canonical := isCanonical(f.Path, SwaggerName) || isCanonical(f.Path, PropertiesName)
			switch {
			case canonical && f.Status == "added":
				newConnector = true
			case canonical && f.Status != "removed":
				swaggerOrProps = true
			case isCanonical(f.Path, ReadmeName):
				readme = true
			}
			if f.Status == "added" && strings.EqualFold(path.Ext(f.Path), ".zip") {
				zips++
			}
		}
		if newConnector && k == IndependentPublisher && zips != 1 && !isProposal { // the package comes with the submission (Step 6)
			what := "adds no .zip package"
			if zips > 1 {
				what = fmt.Sprintf("adds %d .zip packages", zips)
			}
			p.report(prIpPackageCount, whole(d), "this new independent-publisher submission %s; add exactly one package zip of the connector", what)
		}
		if swaggerOrProps && !newConnector && !readme {
			p.report(prReadmeNotUpdated, whole(d),
				"the connector's swagger or apiProperties changed but its readme.md didn't; describe new or changed operations in the readme")
		}
		all = append(all, p.findings...)
	}

	// New connector files outside a kind folder's direct child; renamed connector folders.
	renamed := map[string]bool{}
	for _, f := range pr.Files {
		if f.Status == "added" && (isCanonical(f.Path, SwaggerName) || isCanonical(f.Path, PropertiesName)) {
			dir := path.Dir(f.Path)
			parent := path.Base(path.Dir(dir))
			_, k, inKind := ConnectorFolderOf(f.Path)
			if _, direct := kindFolders[strings.ToLower(parent)]; !direct && (inKind || pr.Upstream) {
				p := &reporter{subject: subject{connector: dir, kind: orKind(k)}}
				p.report(prConnectorRootInvalid, whole(f.Path),
					"the new connector folder %s must be a direct child of certified-connectors/, independent-publisher-connectors/ or custom-connectors/; move it there", dir)
				all = append(all, p.findings...)
			}
		}
		if f.PreviousPath == "" || (f.Status != "renamed" && f.Status != "") {
			continue
		}
		od, _, ok1 := ConnectorFolderOf(f.PreviousPath)
		nd, k, ok2 := ConnectorFolderOf(f.Path)
		if ok1 && ok2 && od != nd && !renamed[od+"\x00"+nd] {
			renamed[od+"\x00"+nd] = true
			p := &reporter{subject: subject{connector: nd, kind: k}}
			p.report(prConnectorFolderRenamed, whole(nd),
				"connector folder %s was renamed or moved to %s; a published connector's folder name is locked: move the files back", od, nd)
			all = append(all, p.findings...)
		}
	}
	return SortFindings(all)
}

func orKind(k Kind) Kind {
	if k == 0 {
		return Custom
	}
	return k
}

// countImages counts the distinct images in a PR body: Markdown images, <img> tags and bare
// GitHub attachment URLs.
func countImages(body string) int {
	seen := map[string]bool{}
	for _, re := range []*regexp.Regexp{mdImage, htmlImage} {
		for _, m := range re.FindAllStringSubmatch(body, -1) {
			seen[m[1]] = true
		}
	}
	for _, u := range attachment.FindAllString(body, -1) {
		seen[u] = true
	}
	return len(seen)
}
