package validate

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"unicode"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// The checks of Microsoft's independent-publisher certification article (certification-submission-ip)
// that reject a pull request before anyone reads the swagger:
//   - updates come from the publisher of the previous version (PublisherChanged);
//   - Step 1, a connector that already exists isn't built again (ConnectorAlreadyExists,
//     ConnectorNameNearExisting);
//   - Step 2 and Step 4, a PR titled "Proposal - <Name>" shares a proposal (an intro.md) and becomes
//     the submission when the prefix is removed (PrProposalIntroMissing, PrProposalDetailsMissing,
//     PrProposalContactMissing; the absence of the other connector files isn't reported yet).
// They need the pull request's context (its title, the base version, the repository's other
// connector folders), so main's pull-request mode and validate --base call them; Check doesn't.

// proposalTitle matches the article's "Proposal - <Connector Name>": any case, a hyphen, en or em
// dash or a colon after the word, spaces around it optional.
var proposalTitle = regexp.MustCompile(`(?i)^\s*proposal\s*[-–—:]\s*`)

// ProposalName reports whether a pull request title marks a proposal, and the name after the prefix.
func ProposalName(title string) (string, bool) {
	loc := proposalTitle.FindStringIndex(title)
	if loc == nil {
		return "", false
	}
	return strings.TrimSpace(title[loc[1]:]), true
}

// --- PublisherChanged ---

// The independent-publisher certification article's checks before a review (pr_ip.go): they
// need the base version or the repository's other connector folders. Severities: the article
// rejects an IP update from another publisher and a second IP connector for an existing one
// (errors); for certified connectors publisher is a minor-update field and the title rule is a
// submission requirement matched here on names only (warnings); a near name is a guess
// (warning). A proposal is its intro.md (Step 2), so without one there is nothing to review
// (error; the older process put the proposal in readme.md: warning); "as many details as
// possible" is a request and 200 characters our threshold (warning); the contact email is
// asked only of proposals looking for collaborators, guessed from their words (notice).
var publisherChanged = newRule(Rule{
	ID: "PublisherChanged", Severity: Warning, PerKind: ipError, Kinds: Publishable, Section: "16", Scope: ScopePullRequest,
	Summary: "An existing connector's apiProperties.json publisher differs from the base version's (names compared ignoring case, order and white space). IP: error, the article rejects updates from a different publisher; certified: warning.",
	Basis:   BasisProcess, BasisReason: "independent-publisher article: updates come from the same publisher (certified: warning)",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "independent-publisher-connectors/Contoso Tasks/apiProperties.json:5:18", PR: &PRCase{}, Edits: withEdits(prUpdate,
			Edit{File: PropertiesName, Old: `"publisher": "Jane Doe"`, New: `"publisher": "John Roe"`})},
		GoodCase: &Case{Kind: IndependentPublisher, PR: &PRCase{}, Edits: prUpdate},
	},
})

// CheckPublisherChanged compares the publisher in apiProperties.json of a connector's base version
// (old) with the head's (c). Names are compared as a comma-separated list, ignoring case, order
// and surrounding white space; adding or removing publisher is left to PublisherMissing.
func CheckPublisherChanged(old, c *Connector) []Finding {
	if old == nil || c == nil {
		return nil
	}
	oldName, _ := publisherOf(old)
	newName, node := publisherOf(c)
	if node == nil || strings.TrimSpace(oldName) == "" || strings.TrimSpace(newName) == "" {
		return nil
	}
	oldSet, newSet := publisherSet(oldName), publisherSet(newName)
	if slices.Equal(oldSet, newSet) {
		return nil
	}
	p := newPass(c, nil, false)
	consequence := "Microsoft's independent-publisher certification article: updates must be submitted by the same publisher who submitted the previous version; a pull request from a different publisher is rejected"
	if c.Kind == Certified {
		consequence = "a certified connector's publisher is the company that owns its certification; change it only when that company changed (a rename, an acquisition), and say so in the pull request"
	}
	hint := "keep the previous value"
	if subset(oldSet, newSet) {
		hint = "the previous publisher is kept, but a new name means a different submitter: if you aren't " + strings.TrimSpace(oldName) + ", ask them to submit the update"
	}
	p.report(publisherChanged, value(c.Properties, node, "/properties/publisher"),
		"publisher changed from %q to %q; %s: %s", strings.TrimSpace(oldName), strings.TrimSpace(newName), consequence, hint)
	return p.findings
}

// publisherOf is properties.publisher when it is a string.
func publisherOf(c *Connector) (string, *jsonpos.Node) {
	_, props := apiProperties(c)
	if props == nil {
		return "", nil
	}
	n := props.Get("publisher")
	s, ok := n.Str()
	if !ok {
		return "", nil
	}
	return s, n
}

// publisherSet splits a publisher value into its names, folded and sorted.
func publisherSet(s string) []string {
	var out []string
	for _, name := range strings.Split(s, ",") {
		if name = strings.Join(strings.Fields(strings.ToLower(name)), " "); name != "" {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func subset(a, b []string) bool {
	for _, s := range a {
		if _, found := slices.BinarySearch(b, s); !found {
			return false
		}
	}
	return true
}

// --- ConnectorAlreadyExists, ConnectorNameNearExisting ---

// Bounds of the connector index: the upstream repository has about 1,000 connector folders.
const (
	maxIndexedFolders = 4000     // per kind folder, in directory order
	maxTitleBytes     = 32 << 10 // of a swagger read to find info.title (the latest in the tuning half is 9 KB in)
)

// ConnectorIndex is the repository's existing certified and independent-publisher connectors:
// folder names and swagger titles, normalized for comparison.
type ConnectorIndex struct {
	entries []indexEntry
	byKey   map[string][]int // normalized name -> entries
}

type indexEntry struct {
	folder string // repository path, forward slashes ("independent-publisher-connectors/Contoso Tasks")
	name   string // the folder name or title as written
	key    string // normalized
	runes  []rune // key
	kind   Kind
}

// IndexConnectors lists the connector folders of the certified-connectors and
// independent-publisher-connectors folders inside root (a folder on disk; paths in the index are
// relative to it), except those in skip (repository paths). It reads each folder's
// apiDefinition.swagger.json only up to its info.title and at most maxTitleBytes, follows no
// symbolic link, and lists at most maxIndexedFolders folders per kind folder.
func IndexConnectors(root string, skip map[string]bool) *ConnectorIndex {
	idx := &ConnectorIndex{byKey: map[string][]int{}}
	for _, kf := range []struct {
		name string
		kind Kind
	}{{"certified-connectors", Certified}, {"independent-publisher-connectors", IndependentPublisher}} {
		des, err := readDirCapped(filepath.Join(root, kf.name), maxIndexedFolders)
		if err != nil {
			continue
		}
		for _, de := range des {
			if !de.IsDir() || strings.HasPrefix(de.Name(), ".") { // a symbolic link isn't a dir here
				continue
			}
			folder := kf.name + "/" + de.Name()
			if skip[folder] {
				continue
			}
			idx.add(folder, de.Name(), kf.kind)
			if t := swaggerTitle(filepath.Join(root, kf.name, de.Name(), SwaggerName)); t != "" {
				idx.add(folder, t, kf.kind)
			}
		}
	}
	return idx
}

func (idx *ConnectorIndex) add(folder, name string, kind Kind) {
	key := normalizeConnectorName(name)
	if key == "" {
		return
	}
	for _, i := range idx.byKey[key] {
		if idx.entries[i].folder == folder {
			return // the title equals the folder name
		}
	}
	idx.byKey[key] = append(idx.byKey[key], len(idx.entries))
	idx.entries = append(idx.entries, indexEntry{folder: folder, name: name, key: key, runes: []rune(key), kind: kind})
}

// Len is the number of indexed names.
func (idx *ConnectorIndex) Len() int { return len(idx.entries) }

// readDirCapped lists at most n entries of dir, sorted by name. A symbolic link to a folder is
// not listed as a folder (its type is the link's).
func readDirCapped(dir string, n int) ([]os.DirEntry, error) {
	info, err := os.Lstat(dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, errNotRegular
	}
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	des, err := f.ReadDir(n)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	slices.SortFunc(des, func(a, b os.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return des, nil
}

// swaggerTitle reads info.title from the start of a swagger file: at most maxTitleBytes, through
// the same no-follow open as every connector file; "" when it isn't there.
func swaggerTitle(name string) string {
	f, err := openRegular(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	return infoTitle(io.LimitReader(f, maxTitleBytes))
}

// infoTitle streams a JSON document and returns the string at /info/title, reading no further.
// A truncated or invalid document gives "" unless the title came before the fault.
func infoTitle(r io.Reader) string {
	br := bufio.NewReader(r)
	if head, _ := br.Peek(3); string(head) == "\uFEFF" {
		br.Discard(3)
	}
	dec := jsontext.NewDecoder(br, jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '{' {
		return ""
	}
	for inInfo := false; ; {
		switch dec.PeekKind() {
		case '"':
		default: // '}' (no info or no title), or an error
			return ""
		}
		name, err := dec.ReadToken()
		if err != nil {
			return ""
		}
		switch {
		case !inInfo && name.String() == "info":
			if dec.PeekKind() != '{' {
				return ""
			}
			if _, err := dec.ReadToken(); err != nil {
				return ""
			}
			inInfo = true
			continue
		case inInfo && name.String() == "title":
			v, err := dec.ReadToken()
			if err != nil || v.Kind() != '"' {
				return ""
			}
			return strings.TrimSpace(v.String())
		}
		if err := dec.SkipValue(); err != nil {
			return ""
		}
	}
}

// openRegular opens a regular file without following a symbolic link (see readCapped).
func openRegular(name string) (*os.File, error) {
	info, err := os.Lstat(name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errNotRegular
	}
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	if info, err = f.Stat(); err != nil || !info.Mode().IsRegular() {
		f.Close()
		return nil, errNotRegular
	}
	return f, nil
}

// ipSuffix is the suffix independent-publisher names carry in PR titles and some folder names.
var ipSuffix = regexp.MustCompile(`(?i)\(\s*independent\s+publisher\s*\)\s*$`)

// normalizeConnectorName folds a connector name for comparison: a trailing "(Independent
// Publisher)" dropped, letters lower-cased, and everything but letters and digits removed.
func normalizeConnectorName(s string) string {
	s = ipSuffix.ReplaceAllString(strings.TrimSpace(s), "")
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Near misses: normalized names of at least nearMinLength letters and digits within one edit of
// an existing one ("Contoso Task" for "Contoso Tasks"), or two when both have nearLongLength or
// more ("Northwind Traders V2" for "Northwind Traders"). Two edits between short names join
// different services (LitIpsum and LorIpsum in the tuning half of the sample), hence the longer
// minimum.
const (
	nearMinLength  = 6
	nearLongLength = 10
)

// nearMaxDistance is the largest edit distance that counts as a near miss between names of n and
// m runes.
func nearMaxDistance(n, m int) int {
	switch {
	case min(n, m) < nearMinLength:
		return 0
	case min(n, m) < nearLongLength:
		return 1
	}
	return 2
}

var connectorAlreadyExists = newRule(Rule{
	ID: "ConnectorAlreadyExists", Severity: Warning, PerKind: ipError, Kinds: Publishable, Section: "16", Scope: ScopePullRequest,
	Summary: "A new connector folder's name or info.title equals an existing certified or independent-publisher connector's folder name or title, ignoring case, spaces, punctuation and a trailing \"(Independent Publisher)\". IP: error (extend the existing connector); certified: warning.",
	Basis:   BasisProcess, BasisReason: "independent-publisher article: extend the existing connector (certified: warning)",
	Example: Example{
		BadCase:  &Case{Kind: IndependentPublisher, At: "independent-publisher-connectors/ContosoTasks", PR: &PRCase{New: true, Folder: "ContosoTasks", Repo: existingTasks}},
		GoodCase: &Case{Kind: IndependentPublisher, PR: &PRCase{Repo: existingTasks}, Edits: prUpdate},
	},
})

var connectorNameNearExisting = newRule(Rule{
	ID: "ConnectorNameNearExisting", Severity: Warning, Kinds: Publishable, Section: "16", Scope: ScopePullRequest,
	Summary: "A new connector's normalized folder name or title is 1 edit from an existing connector's (names of 6+ letters and digits), or 2 (both 10+): did you mean to update it?",
	Basis:   BasisHeuristic, BasisReason: "did you mean to update it?",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "independent-publisher-connectors/Contoso Task", PR: &PRCase{New: true, Folder: "Contoso Task", Repo: existingTasks}, Edits: []Edit{
			{File: SwaggerName, Old: `"title": "Contoso Tasks"`, New: `"title": "Contoso Task"`},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, PR: &PRCase{New: true, Folder: "Contoso Task Board", Repo: existingTasks}, Edits: []Edit{
			{File: SwaggerName, Old: `"title": "Contoso Tasks"`, New: `"title": "Contoso Task Board"`},
		}},
	},
})

// CheckConnectorExists reports a new connector (c, absent at the base) whose folder name or
// info.title matches an existing connector's folder name or title after normalizing
// (ConnectorAlreadyExists), or is within two edits of one (ConnectorNameNearExisting).
func CheckConnectorExists(c *Connector, idx *ConnectorIndex) []Finding {
	if c == nil || idx == nil || c.Kind&Publishable == 0 {
		return nil
	}
	p := newPass(c, nil, false)
	type candidate struct {
		name  string
		where at
		what  string
	}
	cands := []candidate{{name: filepath.Base(c.Dir), where: whole(c.Path), what: "folder name"}}
	if f := c.Swagger; f != nil && f.JSON != nil && f.JSON.Root != nil {
		if n := f.JSON.Root.Get("info").Get("title"); n != nil {
			if t, ok := n.Str(); ok && strings.TrimSpace(t) != "" {
				cands = append(cands, candidate{name: t, where: value(f, n, "/info/title"), what: "title"})
			}
		}
	}
	// Exact matches first: one finding per existing folder.
	seen := map[string]bool{}
	exact := false
	for _, cd := range cands {
		key := normalizeConnectorName(cd.name)
		for _, i := range idx.byKey[key] {
			e := idx.entries[i]
			if seen[e.folder] {
				continue
			}
			seen[e.folder], exact = true, true
			p.report(connectorAlreadyExists, cd.where, "%s", existsMessage(c, cd.what, cd.name, e))
		}
	}
	if exact {
		return p.findings
	}
	for _, cd := range cands {
		kr := []rune(normalizeConnectorName(cd.name))
		if len(kr) < nearMinLength {
			continue
		}
		for _, e := range idx.entries {
			if seen[e.folder] {
				continue
			}
			k := nearMaxDistance(len(kr), len(e.runes))
			if k == 0 {
				continue
			}
			if d := boundedDistance(kr, e.runes, k); d > 0 && d <= k {
				seen[e.folder] = true
				p.report(connectorNameNearExisting, cd.where,
					"the %s %q is close to %q of the existing connector %s: did you mean to update %s? The certification article asks you to check that a connector isn't already built; if it is the same service, extend the existing connector instead of adding a new folder (a different service with a similar name is fine)",
					cd.what, cd.name, e.name, e.folder, e.folder)
			}
		}
	}
	return p.findings
}

func existsMessage(c *Connector, what, name string, e indexEntry) string {
	head := "the " + what + " " + quote(name) + " matches " + quote(e.name) + " of the existing connector " + e.folder + "; "
	switch {
	case c.Kind == Certified:
		return head + "a connector's title must be unique and distinguishable from every existing connector's (Microsoft's submission requirements): update " + e.folder + " if it is the same connector, else choose a title and folder name that tell them apart"
	case e.kind == Certified:
		return head + "a connector that already exists on the platform can't be built again (Step 1 of Microsoft's independent-publisher certification article): extend it instead, in a pull request that updates " + e.folder
	default:
		return head + "a connector that already exists as an independent-publisher connector can only be extended (Step 1 of Microsoft's independent-publisher certification article): add your operations to " + e.folder + " instead of a new folder"
	}
}

// boundedDistance is the Levenshtein distance of a and b when it is at most k, else k+1. It fills
// only the diagonal band of width 2k+1 and stops when a whole row exceeds k: O(len·k).
func boundedDistance(a, b []rune, k int) int {
	if d := len(a) - len(b); d > k || -d > k {
		return k + 1
	}
	const inf = 1 << 30
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-k), min(len(b), i+k)
		for j := range cur {
			cur[j] = inf
		}
		if i <= k {
			cur[0] = i
		}
		best := cur[0]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := prev[j-1] + cost
			if prev[j]+1 < v {
				v = prev[j] + 1
			}
			if cur[j-1]+1 < v {
				v = cur[j-1] + 1
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > k {
			return k + 1
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], k+1)
}

// --- Proposal pull requests ---

// Proposal details: what the article's Step 2 asks of the proposal's intro.md ("as many details as
// possible", and a contact email when looking for collaborators).
const minProposalDetails = 200 // characters of text besides headings

var (
	emailAddress  = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)
	collaborators = regexp.MustCompile(`(?i)\b(collaborat\w*|co-?authors?|contributors?|looking for help|help wanted|join me|work with me)\b`)
)

var prProposalIntroMissing = newRule(Rule{
	ID: "PrProposalIntroMissing", Severity: Error, Kinds: IndependentPublisher, Section: "16", Scope: ScopePullRequest,
	Summary: `A proposal PR ("Proposal - <Name>") has no intro.md in the connector folder (warning when readme.md holds the proposal).`,
	Basis:   BasisProcess, BasisReason: "independent-publisher article: a proposal is an intro.md",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "independent-publisher-connectors/Contoso Tasks", PR: &PRCase{Title: prProposalTitle, New: true}, Edits: withEdits(prProposalFolder[:3],
			Edit{File: "notes.txt", New: "The connector will list and create tasks.\n"})},
		GoodCase: &Case{Kind: IndependentPublisher, PR: &PRCase{Title: prProposalTitle, New: true}, Edits: prProposalFolder},
	},
})

var prProposalDetailsMissing = newRule(Rule{
	ID: "PrProposalDetailsMissing", Severity: Warning, Kinds: IndependentPublisher, Section: "16", Scope: ScopePullRequest,
	Summary: "A proposal's intro.md has under 200 characters of text besides headings; the article asks for as many details as possible.",
	Basis:   BasisProcess, BasisReason: "independent-publisher article: as many details as possible",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "independent-publisher-connectors/Contoso Tasks/intro.md", PR: &PRCase{Title: prProposalTitle, New: true}, Edits: withEdits(prProposalFolder,
			Edit{File: IntroName, New: "# Contoso Tasks\n\n## Description\nA connector for Contoso Tasks.\n"})},
		GoodCase: &Case{Kind: IndependentPublisher, PR: &PRCase{Title: prProposalTitle, New: true}, Edits: prProposalFolder},
	},
})

var prProposalContactMissing = newRule(Rule{
	ID: "PrProposalContactMissing", Severity: Notice, Kinds: IndependentPublisher, Section: "16", Scope: ScopePullRequest,
	Summary: "A proposal that looks for collaborators (intro.md or the PR description says so) has no email address in intro.md.",
	Basis:   BasisProcess, BasisReason: "independent-publisher article: proposals looking for collaborators",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "independent-publisher-connectors/Contoso Tasks/intro.md", PR: &PRCase{Title: prProposalTitle, New: true, Body: "Looking for collaborators on the triggers.\n"}, Edits: prProposalFolder},
		GoodCase: &Case{Kind: IndependentPublisher, PR: &PRCase{Title: prProposalTitle, New: true, Body: "Looking for collaborators on the triggers.\n"}, Edits: withEdits(prProposalFolder,
			Edit{File: IntroName, Old: "/tasks\n", New: "/tasks\n\n## Collaborators\nWrite to jane.doe@example.com.\n"})},
	},
})

// CheckProposal checks a connector folder of a proposal pull request (title "Proposal - <Name>"):
// the intro.md the article's Step 2 asks for, with details, and a contact email when the proposal
// looks for collaborators. body is the pull request's description.
func CheckProposal(c *Connector, body string) []Finding {
	if c == nil || c.Kind != IndependentPublisher {
		return nil
	}
	p := newPass(c, nil, false)
	intro := c.Intro
	if intro == nil || intro.Data == nil {
		if intro != nil { // unreadable or too large: FileUnreadable/FileTooLarge say so
			return nil
		}
		if c.Readme != nil {
			p.reportAs(prProposalIntroMissing, Warning, whole(c.Path),
				"this proposal has %s but no intro.md; Step 2 of Microsoft's independent-publisher certification article asks for an intro.md with as many details as possible: move the proposal's text to intro.md", c.Readme.Name)
		} else {
			p.report(prProposalIntroMissing, whole(c.Path),
				"this proposal has no intro.md; Step 2 of Microsoft's independent-publisher certification article asks the proposal to commit an intro.md with as many details as possible about the connector (the service, what it will do, its authentication, a link to the API documentation)")
		}
		return p.findings
	}
	text := string(trimBOM(intro.Data))
	if n := proseLength(text); n < minProposalDetails {
		p.report(prProposalDetailsMissing, whole(intro.Path),
			"intro.md has %d characters of text besides headings; the proposal should give as many details as possible (Step 2 of the certification article): the service and its API documentation, the actions and triggers you plan, the authentication", n)
	}
	if (collaborators.MatchString(text) || collaborators.MatchString(body)) && !emailAddress.MatchString(text) {
		p.report(prProposalContactMissing, whole(intro.Path),
			"the proposal looks for collaborators but intro.md has no email address; the certification article asks for a contact email so others can reach you: add one")
	}
	return p.findings
}

// proseLength counts the characters of a Markdown text outside headings, with runs of white space
// counted once.
func proseLength(md string) int {
	n := 0
	for _, line := range strings.Split(md, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		n += utf8.RuneCountInString(strings.Join(strings.Fields(t), " ")) + 1
	}
	return n
}

// ProposalExempt reports whether a finding about a proposal's connector is about files the
// proposal doesn't need yet (the article's Step 4 adds them): the swagger, apiProperties.json and
// readme.md being absent.
func ProposalExempt(f Finding) bool {
	return f.Rule == requiredFileMissing.ID || f.Rule == readmeMissing.ID
}

// CheckSubmissionPackage is PrIpPackageCount for a new independent-publisher connector when no
// pull request lists the added files (validate --base): the folder itself must hold exactly one
// .zip package (Step 6 of the certification article).
func CheckSubmissionPackage(c *Connector) []Finding {
	if c == nil || c.Kind != IndependentPublisher {
		return nil
	}
	zips := 0
	for _, e := range c.Entries {
		if !e.IsDir && strings.HasSuffix(strings.ToLower(e.Name), ".zip") {
			zips++
		}
	}
	if zips == 1 {
		return nil
	}
	what := "holds no .zip package"
	if zips > 1 {
		what = fmt.Sprintf("holds %d .zip packages", zips)
	}
	p := newPass(c, nil, false)
	p.report(prIpPackageCount, whole(c.Path), "this new independent-publisher submission %s; add exactly one package zip of the connector (connector-check package builds one)", what)
	return p.findings
}
