package validate

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
)

// PRCase makes a Case a pull request (the §16 rules): the repository at the base and in the head,
// the changed files between them, and the pull request's title, description and base branch.
// The connector folder is the case's: the good connector with Base's edits at the base (absent
// when New), with Edits in the head, at KindFolder/Folder. internal/prmode's tests run every such
// case through pull-request mode, with the GitHub API answering from these trees.
type PRCase struct {
	Title   string // "": "Contoso Tasks (Independent Publisher)"
	Body    string // "": a description with two screenshots and a ticked checklist
	BaseRef string // "": dev
	Folder  string // "": Contoso Tasks
	New     bool   // the pull request adds the connector folder
	// Repo are the repository's other files, at the base and in the head: repository path ->
	// content ("" leaves it out of that version).
	Repo map[string][2]string
	// Renamed maps a head path to the base path the pull request renamed it from (the files API's
	// renamed status); the other differences are added, removed or modified.
	Renamed map[string]string
	// BaseUnreadable: the API refuses to read base files (a fork's token), as for PrContextUnavailable.
	BaseUnreadable bool
}

// prDefaultBody is the clean pull request's description.
const prDefaultBody = "Adds due dates.\n\n- [x] I have read the guidelines\n- [x] I tested the connector\n\n" +
	"![list](https://github.com/user-attachments/assets/1111)\n![create](https://github.com/user-attachments/assets/2222)\n"

// PullRequest is the pull request of the case, without its files (PRTrees' difference).
func (c *Case) PullRequest() PullRequest {
	pr := PullRequest{Number: 7, Title: c.PR.Title, Body: c.PR.Body, BaseRef: c.PR.BaseRef,
		Repository: "microsoft/PowerPlatformConnectors", Upstream: true, EventFile: "event.json"}
	if pr.Title == "" {
		pr.Title = "Contoso Tasks (Independent Publisher)"
	}
	if pr.Body == "" {
		pr.Body = prDefaultBody
	}
	if pr.BaseRef == "" {
		pr.BaseRef = "dev"
	}
	return pr
}

// ConnectorFolder is the repository path of the case's connector folder.
func (c *Case) ConnectorFolder() string {
	name := c.PR.Folder
	if name == "" {
		name = "Contoso Tasks"
	}
	return path.Join(kindFolder[c.Kind], name)
}

// PRTrees are the repository's files at the base and in the head (repository path -> content),
// and the changed files between them, sorted by path.
func (c *Case) PRTrees() (base, head map[string]string, changed []ChangedFile, err error) {
	headFiles, err := c.Files()
	if err != nil {
		return nil, nil, nil, err
	}
	baseFiles, err := c.BaseFiles()
	if err != nil {
		return nil, nil, nil, err
	}
	base, head = map[string]string{}, map[string]string{}
	folder := c.ConnectorFolder()
	put := func(tree, files map[string]string) {
		for name, content := range files {
			if content != absent {
				tree[folder+"/"+name] = content
			}
		}
	}
	if !c.PR.New {
		put(base, baseFiles)
	}
	put(head, headFiles)
	for p, v := range c.PR.Repo {
		if v[0] != "" {
			base[p] = v[0]
		}
		if v[1] != "" {
			head[p] = v[1]
		}
	}
	renamedFrom := map[string]bool{}
	for to, from := range c.PR.Renamed {
		if _, ok := head[to]; !ok {
			return nil, nil, nil, fmt.Errorf("renamed %s: not in the head", to)
		}
		renamedFrom[from] = true
		changed = append(changed, ChangedFile{Path: to, Status: "renamed", PreviousPath: from})
	}
	for _, p := range slices.Sorted(maps.Keys(head)) {
		b, inBase := base[p]
		switch {
		case c.PR.Renamed[p] != "":
		case !inBase:
			changed = append(changed, ChangedFile{Path: p, Status: "added"})
		case b != head[p]:
			changed = append(changed, ChangedFile{Path: p, Status: "modified"})
		}
	}
	for _, p := range slices.Sorted(maps.Keys(base)) {
		if _, inHead := head[p]; !inHead && !renamedFrom[p] {
			changed = append(changed, ChangedFile{Path: p, Status: "removed"})
		}
	}
	slices.SortFunc(changed, func(a, b ChangedFile) int { return strings.Compare(a.Path, b.Path) })
	return base, head, changed, nil
}

// prSnippets show a pull-request example: for each case, what of the pull request differs between
// the two (title, base branch, description), its changed files, and the lines of the connector's
// files whose head differs from the other case's (the lines that differ from the base, or from the
// other case's head for an added file).
func (e Example) prSnippets() (file, lang, bad, good string) {
	show := func(c, other *Case) string {
		pr, opr := c.PullRequest(), other.PullRequest()
		var lines []string
		if pr.Title != opr.Title || pr.BaseRef != opr.BaseRef {
			lines = append(lines, fmt.Sprintf("pull request %q into %s", pr.Title, pr.BaseRef))
		}
		if pr.Body != opr.Body {
			lines = append(lines, "description:", "  "+strings.ReplaceAll(strings.TrimRight(pr.Body, "\n"), "\n", "\n  "))
		}
		if c.PR.BaseUnreadable {
			lines = append(lines, "(the token can't read the base branch's files: a fork's pull request)")
		}
		base, head, changed, err := c.PRTrees()
		if err != nil {
			return err.Error()
		}
		_, ohead, _, _ := other.PRTrees()
		lines = append(lines, "changed files:")
		for _, f := range changed {
			what := f.Path
			if f.PreviousPath != "" {
				what = f.PreviousPath + " -> " + f.Path
			}
			lines = append(lines, fmt.Sprintf("  %-9s %s", f.Status+":", what))
		}
		for _, f := range changed {
			text, was := head[f.Path], base[f.Path]
			if f.Status == "removed" || text == ohead[f.Path] || strings.HasSuffix(f.Path, ".zip") ||
				f.Status == "renamed" && text == base[f.PreviousPath] {
				continue
			}
			if f.Status == "added" || text != ohead[f.Path] && ohead[f.Path] != "" {
				was = ohead[f.Path]
			}
			var snippet string
			if was == "" {
				snippet = firstLines(text, 12)
			} else {
				_, span := changedLines(was, text)
				if span[0] == span[1] {
					continue
				}
				snippet = editedLines(text, [][2]int{span})
			}
			lines = append(lines, "# "+f.Path, snippet)
		}
		return printable(strings.Join(lines, "\n"))
	}
	return "pull request", "text", show(e.BadCase, e.GoodCase), show(e.GoodCase, e.BadCase)
}

// prUpdate is an update of the connector that no §16 rule flags: a description changed in the
// swagger and in the readme.
var prUpdate = []Edit{
	{File: SwaggerName, Old: "Lists the tasks of the signed-in user.", New: "Lists the open tasks of the signed-in user."},
	{File: ReadmeName, Old: "Lists the tasks of the signed-in user.", New: "Lists the open tasks of the signed-in user."},
}

// prProposalTitle is an independent publisher's proposal pull request's title.
const prProposalTitle = "Proposal - Contoso Tasks (Independent Publisher)"

// prProposalFolder are the edits that make the good connector a proposal's folder: intro.md alone.
var prProposalFolder = []Edit{
	{File: SwaggerName, New: absent}, {File: PropertiesName, New: absent}, {File: ReadmeName, New: absent},
	{File: IntroName, New: proposalIntroText},
}

const proposalIntroText = `# Contoso Tasks
Contoso Tasks keeps the tasks of a team in one place, with due dates, owners and reminders.
The connector will list, create and complete tasks, and trigger a flow when a task is due.

## Authentication
An API key from the Contoso Tasks settings page. API documentation: https://developer.contoso.com/tasks
`

// existingTasks is the repository's published Contoso Tasks, for the cases of a new folder beside it.
var existingTasks = map[string][2]string{
	"independent-publisher-connectors/Contoso Tasks/" + SwaggerName:    {goodSwagger, goodSwagger},
	"independent-publisher-connectors/Contoso Tasks/" + PropertiesName: {goodProperties, goodProperties},
}

// withEdits is edits followed by more.
func withEdits(edits []Edit, more ...Edit) []Edit { return append(slices.Clone(edits), more...) }
