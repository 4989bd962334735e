package validate

import (
	"strings"
)

// introSections are the H2s of Microsoft's intro.md template (MS-SFC): the first three are
// expected (warning), the rest recommended (notice).
var introSections = []struct {
	title string
	match func(string) bool
	sev   Severity
	auth  bool // only when the connector has authentication
}{
	{"Prerequisites", isPrerequisitesSection, Warning, false},
	{"How to get credentials", isCredentialsSection, Warning, true},
	{"Get started with your connector", isGetStartedSection, Notice, false},
	{"Known issues and limitations", isKnownIssuesSection, Warning, false},
	{"Common errors and remedies", isCommonErrorsSection, Notice, false},
	{"FAQ", isFAQSection, Notice, false},
}

var introSectionMissing = newRule(Rule{
	ID: "IntroSectionMissing", Severity: Warning, Kinds: Publishable, Section: "11",
	Summary: "intro.md lacks Prerequisites, How to get credentials (when there is auth) or Known issues and limitations (warning), or Get started, Common errors and remedies, FAQ (notice).",
	Basis:   BasisListing,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "intro.md", Pointer: "-", Severity: Warning, Edits: []Edit{
			{File: IntroName, From: IntroName, Old: "## Prerequisites\nYou need a Contoso Tasks account.\n\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: IntroName, From: IntroName},
		}},
	},
})

var introListsOperations = newRule(Rule{
	ID: "IntroListsOperations", Severity: Warning, Kinds: Publishable, Section: "11",
	Summary: "intro.md lists actions or triggers (Supported Operations); the documentation page generates them.",
	Basis:   BasisListing,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "intro.md:21:1", Pointer: "-", Edits: []Edit{
			{File: IntroName, From: IntroName, Old: "None yet.\n", New: "None yet.\n\n## Actions\nList tasks.\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: IntroName, From: IntroName},
		}},
	},
})

var introDuplicatesReadme = newRule(Rule{
	ID: "IntroDuplicatesReadme", Severity: Warning, Kinds: Publishable, Section: "11",
	Summary: "intro.md equals readme.md after normalising white space.",
	Basis:   BasisListing,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "intro.md", Pointer: "-", Edits: []Edit{
			{File: IntroName, From: IntroName, Old: "Contoso Tasks keeps the tasks of a team in one place, with due dates, owners and reminders.\n\n## Prerequisites\nYou need a Contoso Tasks account.\n\n## How to get credentials\nOpen Settings, then API, and copy your API key.\n\n## Get started with your connector\nCreate a flow that lists your tasks.\n\n## Known issues and limitations\nNone so far.\n\n## Common errors and remedies\nA 401 error means the API key is wrong.\n\n## FAQ\nNone yet.\n", New: "# Contoso Tasks\r\nContoso Tasks keeps the tasks of a team in one place. This connector lets flows create, list and complete them.\r\n\r\n## Publisher: Jane Doe\r\n\r\n## Prerequisites\r\nYou need a Contoso Tasks account.\r\n\r\n## Supported Operations\r\n### List tasks\r\nLists the tasks of the signed-in user.\r\n### Create a task\r\nCreates a task.\r\n### Get a task\r\nGets one task by its ID.\r\n\r\n## Obtaining Credentials\r\nSign in to Contoso Tasks, open Settings, then API, and copy your API key.\r\n\r\n## Known Issues and Limitations\r\nNone so far.\r\n\r\n## Deployment Instructions\r\nRun `paconn create --api-def apiDefinition.swagger.json --api-prop apiProperties.json`.\r\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: IntroName, From: IntroName},
		}},
	},
})

// checkIntro runs the §11 rules on an intro.md that exists. Its absence matters only when a
// certification package is built or checked: see CheckForPackage.
func checkIntro(p *pass) {
	d := parseMarkdown(p.c.Intro)
	if d == nil || p.c.Kind&Publishable == 0 {
		return
	}
	auth := hasAuth(p.c)
	for _, s := range introSections {
		if (s.auth && !auth) || d.hasSection(s.match) {
			continue
		}
		p.reportAs(introSectionMissing, s.sev, d.anchor(),
			"intro.md has no %q section; add \"## %s\" (Microsoft's intro.md template)", s.title, s.title)
	}
	for _, h := range d.headings {
		if isOperationsSection(h.key) {
			p.report(introListsOperations, d.lineAt(h.pos),
				"intro.md lists operations under %q; remove the section: the documentation page generates the list of actions and triggers", h.text)
		}
	}
	checkIntroLead(p, d)
	if r := p.c.Readme; r != nil && r.Data != nil && normalizeSpace(string(trimBOM(r.Data))) == normalizeSpace(string(trimBOM(d.f.Data))) {
		p.report(introDuplicatesReadme, whole(d.f.Path),
			"intro.md is a copy of %s; the intro is the public documentation page: follow Microsoft's intro.md template (description, prerequisites, credentials, known issues)", r.Name)
	}
}

var introLeadInvalid = newRule(Rule{
	ID: "IntroLeadInvalid", Severity: Warning, Kinds: Publishable, Section: "11",
	Summary: "intro.md has no description before its first section, one longer than 8 sentences, or one repeating info.description.",
	Basis:   BasisListing,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "intro.md:1:1", Pointer: "-", Edits: []Edit{
			{File: IntroName, From: IntroName, Old: "Contoso Tasks keeps the tasks of a team in one place, with due dates, owners and reminders.\n\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: IntroName, From: IntroName, Old: "Contoso Tasks keeps the tasks of a team in one place, with due dates, owners and reminders.\n", New: "# Contoso Tasks\n\nContoso Tasks keeps the tasks of a team in one place, with due dates, owners and reminders.\n"},
		}},
	},
})

// checkIntroLead wants a short description paragraph before the first section (an H1 title may
// come first), which isn't info.description again.
func checkIntroLead(p *pass, d *mdDoc) {
	first := -1 // the first H2 or lower
	for i, h := range d.headings {
		if h.level > 1 {
			first = i
			break
		}
	}
	var lead []mdBlock
	for _, b := range d.paragraphs {
		if first >= 0 && b.pos >= d.headings[first].pos {
			break
		}
		if b.topLevel && strings.TrimSpace(b.text) != "" {
			lead = append(lead, b)
		}
	}
	if len(lead) == 0 {
		where := whole(d.f.Path)
		if first >= 0 {
			where = d.lineAt(d.headings[first].pos)
		}
		p.report(introLeadInvalid, where, "intro.md has no description before its first section; start with a short paragraph on what the service is and does")
		return
	}
	var texts []string
	for _, b := range lead {
		texts = append(texts, b.text)
	}
	text := normalizeSpace(strings.Join(texts, " "))
	if n := sentences(text); n > 8 {
		p.report(introLeadInvalid, d.lineAt(lead[0].pos), "the description before the first section has %d sentences; keep it to a few (at most 8)", n)
		return
	}
	desc, _ := swaggerRoot(p.c).Get("info").Get("description").Str()
	if desc != "" && foldText(desc) == foldText(text) {
		p.report(introLeadInvalid, d.lineAt(lead[0].pos), "the description repeats info.description; write a fuller introduction for the documentation page")
	}
}

func foldText(s string) string {
	return strings.TrimRight(strings.ToLower(normalizeSpace(s)), ". ")
}

// sentences counts sentence ends: ., ! or ? followed by white space or the end.
func sentences(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '.' || c == '!' || c == '?' {
			if i+1 == len(s) || s[i+1] == ' ' {
				n++
			}
		}
	}
	if n == 0 && strings.TrimSpace(s) != "" {
		n = 1
	}
	return n
}

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

var introMissing = newRule(Rule{
	ID: "IntroMissing", Severity: Error, Kinds: Publishable, Section: "11", Policy: "5000.1.1.5",
	Summary: "A certification package is built or checked and the folder has no intro.md (only when packaging).",
	Basis:   BasisRejected, BasisReason: "the certification package holds intro.md (" + srcPkg + ")",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, Packaging: true, At: "", Pointer: "-"},
		GoodCase: &Case{Kind: Certified, Packaging: true, Edits: []Edit{
			{File: PropertiesName, Old: "    \"iconBrandColor\": \"#da3b01\",\n", New: "    \"iconBrandColor\": \"#4f6bed\",\n"},
			{File: IntroName, From: IntroName},
		}},
	},
})

// checkIntroMissing runs only for packaging (CheckForPackage): a package needs intro.md (§11,
// MS-PE 5000.1.1.5), while the repository folder may go without one (6 certified folders have it).
func checkIntroMissing(p *pass) {
	if p.c.Intro != nil {
		return
	}
	p.report(introMissing, whole(p.c.Path),
		"the connector folder has no intro.md, which the certification package requires; add one from Microsoft's intro.md template")
}

// CheckForPackage runs every rule of Check plus those that apply only when a certification
// package is built or checked from the folder (IntroMissing). The packaging code calls it in
// place of Check; a plain folder check doesn't ask for intro.md, because the repository
// doesn't require it. verify looks into zips in the folder, as in CheckWith.
func CheckForPackage(c *Connector, verify PackageVerifier) []Finding {
	return runChecks(c, verify, checkIntroMissing)
}
