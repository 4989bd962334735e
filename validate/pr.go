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

// ContextUnavailable is the notice that says which part of the PR check was skipped and why.
func ContextUnavailable(connector, file, what string) Finding {
	r := mustRule("PrContextUnavailable")
	return Finding{Rule: r.ID, Severity: r.Severity, Connector: connector, File: file, Message: what}
}

var (
	ipTitle      = regexp.MustCompile(`^.+ \(Independent Publisher\)$`)
	mdImage      = regexp.MustCompile(`!\[[^\]]*\]\(\s*<?([^)\s>]+)`)
	htmlImage    = regexp.MustCompile(`(?i)<img\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)`)
	attachment   = regexp.MustCompile(`https://(?:github\.com/user-attachments/assets/|user-images\.githubusercontent\.com/|private-user-images\.githubusercontent\.com/)[^\s)"'<>\]]+`)
	uncheckedBox = regexp.MustCompile(`(?m)^\s*[-*+]\s+\[ \]\s+\S`)
)

func isCanonical(p, name string) bool { return strings.EqualFold(path.Base(p), name) }

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
	prPass := &pass{c: &Connector{Kind: prKind}}
	if len(folders) == 1 {
		prPass.c.Path = folders[0]
	}
	event := whole(pr.EventFile)

	title := strings.TrimSpace(pr.Title)
	proposalName, isProposal := ProposalName(title)
	switch {
	case isProposal && !ipTitle.MatchString(title):
		// The article's Step 2 title; the prefix goes at Step 4 and the rest must then fit.
		prPass.reportAs("PrTitleInvalid", Warning, event,
			`PR title %q: when you remove "Proposal - " to submit the connector, the title must read "<Connector title> (Independent Publisher)": name the proposal "Proposal - %s (Independent Publisher)"`, title, strings.TrimSpace(ipSuffix.ReplaceAllString(proposalName, "")))
	case !ipTitle.MatchString(title):
		prPass.report("PrTitleInvalid", event,
			`PR title %q doesn't follow the independent-publisher pattern; name it "<Connector title> (Independent Publisher)", e.g. "HubSpot Marketing (Independent Publisher)"`, title)
	}
	if isProposal {
		prPass.report("PrProposalNotReady", event,
			`the PR is a proposal (title starts with "Proposal -"): it shares an intro.md, and review of the connector starts once you add its files and the package and remove the prefix`)
	}
	if len(folders) > 1 {
		prPass.report("PrMultipleConnectors", event,
			"the PR changes %d connector folders (%s); submit one connector per pull request", len(folders), strings.Join(folders, ", "))
	}
	if pr.Upstream && pr.BaseRef != "" && pr.BaseRef != "dev" {
		prPass.report("PrBaseBranchNotDev", event, "the PR targets %q; connector pull requests must target the dev branch: change the base branch", pr.BaseRef)
	}
	if pr.Upstream {
		for _, f := range pr.Files {
			if _, _, ok := ConnectorFolderOf(f.Path); !ok {
				prPass.report("PrFileOutsideConnectorFolder", whole(f.Path),
					"%s (%s) is outside every connector folder; a connector PR changes only its own folder: revert it (a stale fork is the usual cause: sync the fork with dev)", f.Path, orNone(f.Status))
			}
		}
	}
	if n := countImages(pr.Body); n < 2 && !isProposal { // screenshots of working operations come with the submission
		prPass.report("PrScreenshotsMissing", event,
			"the PR description has %d screenshot(s); add at least 2 images showing working operations and the Test tab", n)
	}
	if n := len(uncheckedBox.FindAllString(pr.Body, -1)); n > 0 {
		prPass.report("PrChecklistIncomplete", event,
			"%d checkbox(es) of the PR template are unticked; tick each item you have done (\"- [x]\")", n)
	}
	all = append(all, prPass.findings...)

	// Per connector folder.
	for _, d := range folders {
		_, k, _ := ConnectorFolderOf(d + "/x")
		p := &pass{c: &Connector{Path: d, Kind: k}}
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
			p.report("PrIpPackageCount", whole(d), "this new independent-publisher submission %s; add exactly one package zip of the connector", what)
		}
		if swaggerOrProps && !newConnector && !readme {
			p.report("PrReadmeNotUpdated", whole(d),
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
				p := &pass{c: &Connector{Path: dir, Kind: orKind(k)}}
				p.report("PrConnectorRootInvalid", whole(f.Path),
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
			p := &pass{c: &Connector{Path: nd, Kind: k}}
			p.report("PrConnectorFolderRenamed", whole(nd),
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
