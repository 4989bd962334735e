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
	Example: Example{
		BadCase:  &Case{Kind: IndependentPublisher, At: "event.json", PR: &PRCase{BaseUnreadable: true}, Edits: prUpdate},
		GoodCase: &Case{Kind: IndependentPublisher, PR: &PRCase{}, Edits: prUpdate},
	},
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
	Example: Example{
		BadCase:  &Case{Kind: IndependentPublisher, At: "event.json", PR: &PRCase{Title: "Add Contoso Tasks connector"}, Edits: prUpdate},
		GoodCase: &Case{Kind: IndependentPublisher, PR: &PRCase{}, Edits: prUpdate},
	},
})

var prProposalNotReady = newRule(Rule{
	ID: "PrProposalNotReady", Severity: Warning, Kinds: IndependentPublisher, Section: "16", Scope: ScopePullRequest,
	Summary: `The PR title starts with "Proposal -": review starts once the prefix is removed.`,
	Basis:   BasisProcess,
	Example: Example{
		BadCase:  &Case{Kind: IndependentPublisher, At: "event.json", PR: &PRCase{Title: prProposalTitle}, Edits: prUpdate},
		GoodCase: &Case{Kind: IndependentPublisher, PR: &PRCase{}, Edits: prUpdate},
	},
})

var prMultipleConnectors = newRule(Rule{
	ID: "PrMultipleConnectors", Severity: Error, Kinds: AllKinds, Section: "16", Scope: ScopePullRequest,
	Summary: "The changed files touch more than one connector folder.",
	Basis:   BasisProcess, BasisReason: "one connector per pull request",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "event.json", Edits: prUpdate, PR: &PRCase{Repo: map[string][2]string{
			"independent-publisher-connectors/Contoso Notes/" + ReadmeName: {"# Contoso Notes\n", "# Contoso Notes\nNotes for teams.\n"},
		}}},
		GoodCase: &Case{Kind: IndependentPublisher, PR: &PRCase{}, Edits: prUpdate},
	},
})

var prFileOutsideConnectorFolder = newRule(Rule{
	ID: "PrFileOutsideConnectorFolder", Severity: Error, Kinds: AllKinds, Section: "16", Scope: ScopePullRequest,
	Summary: "A changed file is outside every connector folder (schemas/, templates/, root files); a stale fork is the usual cause. Upstream repository only.",
	Basis:   BasisProcess,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "schemas/apiProperties.schema.json", Edits: prUpdate, PR: &PRCase{Repo: map[string][2]string{
			"schemas/apiProperties.schema.json": {"{\"type\": \"object\"}\n", "{\"type\": \"object\", \"required\": []}\n"},
		}}},
		GoodCase: &Case{Kind: IndependentPublisher, PR: &PRCase{}, Edits: prUpdate},
	},
})

var prConnectorRootInvalid = newRule(Rule{
	ID: "PrConnectorRootInvalid", Severity: Error, Kinds: AllKinds, Section: "16", Scope: ScopePullRequest,
	Summary: "A new connector folder isn't a direct child of certified-connectors/, independent-publisher-connectors/ or custom-connectors/.",
	Basis:   BasisProcess,
	Example: Example{
		BadCase:  &Case{Kind: IndependentPublisher, At: "independent-publisher-connectors/Contoso/Contoso Tasks/apiDefinition.swagger.json", PR: &PRCase{New: true, Folder: "Contoso/Contoso Tasks"}},
		GoodCase: &Case{Kind: IndependentPublisher, PR: &PRCase{New: true}},
	},
})

var prBaseBranchNotDev = newRule(Rule{
	ID: "PrBaseBranchNotDev", Severity: Error, Kinds: AllKinds, Section: "16", Scope: ScopePullRequest,
	Summary: "The PR doesn't target dev. Upstream repository only.",
	Basis:   BasisProcess, BasisReason: "pull requests target dev",
	Example: Example{
		BadCase:  &Case{Kind: IndependentPublisher, At: "event.json", PR: &PRCase{BaseRef: "master"}, Edits: prUpdate},
		GoodCase: &Case{Kind: IndependentPublisher, PR: &PRCase{}, Edits: prUpdate},
	},
})

var prConnectorFolderRenamed = newRule(Rule{
	ID: "PrConnectorFolderRenamed", Severity: Error, Kinds: Publishable, Section: "16", Scope: ScopePullRequest,
	Summary: "An existing connector folder was renamed or moved.",
	Basis:   BasisProcess, BasisReason: "a published folder can't move",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "independent-publisher-connectors/Contoso Todo", PR: &PRCase{New: true, Folder: "Contoso Todo",
			Repo: map[string][2]string{
				"independent-publisher-connectors/Contoso Tasks/" + SwaggerName:    {goodSwagger, ""},
				"independent-publisher-connectors/Contoso Tasks/" + PropertiesName: {goodProperties, ""},
				"independent-publisher-connectors/Contoso Tasks/" + ReadmeName:     {goodReadme, ""},
			},
			Renamed: map[string]string{
				"independent-publisher-connectors/Contoso Todo/" + SwaggerName:    "independent-publisher-connectors/Contoso Tasks/" + SwaggerName,
				"independent-publisher-connectors/Contoso Todo/" + PropertiesName: "independent-publisher-connectors/Contoso Tasks/" + PropertiesName,
				"independent-publisher-connectors/Contoso Todo/" + ReadmeName:     "independent-publisher-connectors/Contoso Tasks/" + ReadmeName,
			}}},
		GoodCase: &Case{Kind: IndependentPublisher, PR: &PRCase{}, Edits: prUpdate},
	},
})

var prIpPackageCount = newRule(Rule{
	ID: "PrIpPackageCount", Severity: Error, Kinds: IndependentPublisher, Section: "16", Scope: ScopePullRequest,
	Summary: "A new independent-publisher submission must add exactly one .zip package (not yet in a proposal PR; with validate --base, the folder must hold one).",
	Basis:   BasisProcess, BasisReason: "independent-publisher submissions",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "independent-publisher-connectors/Contoso Tasks", PR: &PRCase{New: true}},
		GoodCase: &Case{Kind: IndependentPublisher, PR: &PRCase{New: true}, Edits: []Edit{
			{File: "Contoso Tasks.zip", New: "PK\x05\x06" + strings.Repeat("\x00", 18)},
		}},
	},
})

var prScreenshotsMissing = newRule(Rule{
	ID: "PrScreenshotsMissing", Severity: Warning, Kinds: IndependentPublisher, Section: "16", Scope: ScopePullRequest,
	Summary: "The PR body has fewer than 2 images (Markdown images, <img>, attachment URLs) of working operations and the Test tab (not asked of a proposal PR).",
	Basis:   BasisProcess,
	Example: Example{
		BadCase:  &Case{Kind: IndependentPublisher, At: "event.json", PR: &PRCase{Body: "Tested all three operations; everything works.\n\n- [x] I tested the connector\n"}, Edits: prUpdate},
		GoodCase: &Case{Kind: IndependentPublisher, PR: &PRCase{}, Edits: prUpdate},
	},
})

var prChecklistIncomplete = newRule(Rule{
	ID: "PrChecklistIncomplete", Severity: Notice, Kinds: Publishable, Section: "16", Scope: ScopePullRequest,
	Summary: "The PR template's checkboxes are unticked.",
	Basis:   BasisProcess,
	Example: Example{
		BadCase:  &Case{Kind: IndependentPublisher, At: "event.json", PR: &PRCase{Body: strings.Replace(prDefaultBody, "- [x] I tested", "- [ ] I tested", 1)}, Edits: prUpdate},
		GoodCase: &Case{Kind: IndependentPublisher, PR: &PRCase{}, Edits: prUpdate},
	},
})

var prReadmeNotUpdated = newRule(Rule{
	ID: "PrReadmeNotUpdated", Severity: Notice, Kinds: Publishable, Section: "16", Scope: ScopePullRequest,
	Summary: "An existing connector's swagger or apiProperties changed, but its readme didn't.",
	Basis:   BasisProcess,
	Example: Example{
		BadCase:  &Case{Kind: IndependentPublisher, At: "independent-publisher-connectors/Contoso Tasks", PR: &PRCase{}, Edits: prUpdate[:1]},
		GoodCase: &Case{Kind: IndependentPublisher, PR: &PRCase{}, Edits: prUpdate},
	},
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
