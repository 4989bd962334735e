package validate

import (
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// readmeSections are the template's required sections (GH-TPL), with the heading to suggest.
var readmeSections = []struct {
	title     string
	match     func(string) bool
	certOnly  bool
	alternate string
}{
	{"Publisher: <name>", isPublisherSection, false, ""},
	{"Prerequisites", isPrerequisitesSection, false, ""},
	{"Supported Operations", isOperationsSection, false, " (one ### heading per operation)"},
	{"Obtaining Credentials", isCredentialsSection, false, ""},
	{"Known Issues and Limitations", isKnownIssuesSection, false, ""},
	{"Deployment Instructions", isDeploymentSection, true, ""},
}

var readmeSectionMissing = newRule(Rule{
	ID: "ReadmeSectionMissing", Severity: Warning, PerKind: map[Kind]Severity{Certified: Notice}, Kinds: Publishable, Section: "10", New: Error,
	Summary: "A section of the readme template is missing (Publisher, Prerequisites, Supported Operations, Obtaining Credentials, Known Issues and Limitations; C: Deployment Instructions); one finding per section.",
	Basis:   BasisListing, BasisReason: "readme template",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "readme.md:1:1", Pointer: "-", Edits: []Edit{
			{File: ReadmeName, Old: "## Prerequisites\nYou need a Contoso Tasks account.\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: ReadmeName, New: "# Contoso Tasks\nContoso Tasks keeps the tasks of a team in one place. This connector lets flows create, list and complete them.\n\n# Publisher - Jane Doe\n\n### PRE-REQUISITES:\nYou need a Contoso Tasks account.\n\n## Supported Actions/Triggers\n### List tasks\nLists the tasks of the signed-in user.\n### Create a task\nCreates a task.\n### Get a task\nGets one task by its ID.\n\n## How to get credentials?\nSign in to Contoso Tasks, open Settings, then API, and copy your API key.\n\n#### Known Limitations\nNone so far.\n\n## Deployment Instructions\nRun `paconn create --api-def apiDefinition.swagger.json --api-prop apiProperties.json`.\n"},
		}},
	},
})

func checkReadme(p *pass) {
	d := parseMarkdown(p.c.Readme)
	if d == nil {
		return
	}
	oauth := p.c.Kind == IndependentPublisher && usesOAuth(p.c)
	for _, s := range readmeSections {
		if s.certOnly && p.c.Kind != Certified {
			continue
		}
		if d.hasSection(s.match) {
			continue
		}
		hint := ""
		switch {
		case oauth && s.title == "Obtaining Credentials":
			hint = "; the connector uses OAuth, so say how to register the app (client id, secret, redirect URL): Microsoft creates the app from it"
		case s.title == "Obtaining Credentials" && !hasAuth(p.c):
			hint = "; the connector needs no sign-in, so say just that there"
		}
		p.report(readmeSectionMissing, d.anchor(), "the readme has no %q section%s; add a heading \"## %s\"%s", s.title, s.alternate, s.title, hint)
	}
	checkReadmeHeadings(p, d)
	checkReadmePlaceholders(p, d)
	if oauth {
		checkReadmeOAuth(p, d)
	}
	checkMarkdownLinks(p, d)
}

var readmeHeadingStructure = newRule(Rule{
	ID: "ReadmeHeadingStructure", Severity: Notice, Kinds: Publishable, Section: "10",
	Summary: "The readme has no H1, or more than one.",
	Basis:   BasisStyle,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "readme.md:6:1", Pointer: "-", Edits: []Edit{
			{File: ReadmeName, Old: "## Prerequisites\n", New: "# Prerequisites\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: ReadmeName, Old: "# Contoso Tasks\n", New: "Contoso Tasks\n=============\n"},
		}},
	},
})

// checkReadmeHeadings: one H1 (the title), and no "#Heading" that renders as text.
func checkReadmeHeadings(p *pass, d *mdDoc) {
	h1 := 0
	for _, h := range d.headings {
		if h.level != 1 {
			continue
		}
		h1++
		if h1 == 2 {
			p.report(readmeHeadingStructure, d.lineAt(h.pos),
				"a second H1 (%q); the readme has one H1, the connector's title: make this a ## section", h.text)
		}
	}
	if h1 == 0 {
		where := whole(d.f.Path)
		if len(d.headings) > 0 {
			where = d.lineAt(d.headings[0].pos)
		}
		p.report(readmeHeadingStructure, where, "the readme has no H1; start it with \"# <connector title>\" and a 2-3 sentence description")
	}
	checkHeadingSpace(p, d)
}

var readmeHeadingMissingSpace = newRule(Rule{
	ID: "ReadmeHeadingMissingSpace", Severity: Warning, Kinds: AllKinds, Section: "10",
	Fix:     fixHeadingSpace,
	Summary: "A #Heading without a space after the #, which renders as text.",
	Basis:   BasisStyle,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "readme.md:6:1", Pointer: "-", Edits: []Edit{
			{File: ReadmeName, Old: "## Prerequisites\n", New: "##Prerequisites\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

// checkHeadingSpace reports the "#Heading" lines parseMarkdown found.
func checkHeadingSpace(p *pass, d *mdDoc) {
	for _, h := range d.nospace {
		line := strings.TrimRight(string(d.f.Data[h.pos:d.lineEnd(h.pos)]), "\r\n")
		p.report(readmeHeadingMissingSpace, d.lineAt(h.pos),
			"%q renders as text, not a heading; put a space after the #: %q", clip(line, 60),
			clip(strings.Repeat("#", h.level)+" "+line[h.level:], 60))
	}
}

// clip shortens s to about n characters for a message.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "..."
}

var readmePlaceholderText = newRule(Rule{
	ID: "ReadmePlaceholderText", Severity: Warning, Kinds: Publishable, Section: "10",
	Summary: "Template text left in: # Title, Publisher's Name, a paragraph starting Required./Optional., Description of operation 1.",
	Basis:   BasisListing,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "readme.md:1:1", Pointer: "-", Edits: []Edit{
			{File: ReadmeName, Old: "# Contoso Tasks\n", New: "# Title\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: ReadmeName, Old: "You need a Contoso Tasks account.\n", New: "Required fields: you need a Contoso Tasks account.\n"},
		}},
	},
})

// checkReadmePlaceholders finds text of the repository's readme template left in place.
func checkReadmePlaceholders(p *pass, d *mdDoc) {
	for _, h := range d.headings {
		switch {
		case h.level == 1 && h.key == "title":
			p.report(readmePlaceholderText, d.lineAt(h.pos), "the H1 is the template's \"# Title\"; write the connector's name")
		case placeholderPhrase(h.text) != "":
			p.report(readmePlaceholderText, d.lineAt(h.pos), "the heading still has the template's %q; replace it", placeholderPhrase(h.text))
		}
	}
	for _, b := range d.paragraphs {
		t := strings.TrimSpace(b.text)
		switch {
		case strings.HasPrefix(t, "Required.") || strings.HasPrefix(t, "Optional."):
			p.report(readmePlaceholderText, d.lineAt(b.pos), "%q is the template's instruction; replace it with the section's content", firstWords(t, 8))
		case placeholderPhrase(t) != "":
			p.report(readmePlaceholderText, d.lineAt(b.pos), "the template's %q is still here; replace it", placeholderPhrase(t))
		}
	}
}

func placeholderPhrase(s string) string {
	l := strings.ToLower(strings.ReplaceAll(s, "\u2019", "'"))
	for _, ph := range []string{"publisher's name", "description of operation 1", "description of operation"} {
		if strings.Contains(l, ph) {
			return ph
		}
	}
	return ""
}

func firstWords(s string, n int) string {
	w := strings.Fields(s)
	if len(w) > n {
		return strings.Join(w[:n], " ") + " ..."
	}
	return strings.Join(w, " ")
}

// oauthTerms are what a credentials section must mention for Microsoft to register the OAuth app.
var oauthTerms = []string{"regist", "client id", "client_id", "clientid", "client-id", "client secret", "redirect", "callback", "app id", "application id"}

var readmeOAuthStepsMissing = newRule(Rule{
	ID: "ReadmeOAuthStepsMissing", Severity: Warning, Kinds: IndependentPublisher, Section: "10",
	Summary: "An IP OAuth connector's credentials section is under ~300 characters or never mentions app registration, client id or redirect URL.",
	Basis:   BasisListing,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "readme.md:17:1", Pointer: "-", Edits: []Edit{
			{File: PropertiesName, Old: "        \"type\": \"securestring\",\n", New: "        \"type\": \"oauthSetting\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: PropertiesName, Old: "        \"type\": \"securestring\",\n", New: "        \"type\": \"oauthSetting\",\n"},
			{File: ReadmeName, Old: "Sign in to Contoso Tasks, open Settings, then API, and copy your API key.\n", New: "Register an app in the Contoso developer portal: open Apps, choose New app, and enter the redirect URL https://global.consent.azure-apim.net/redirect. Copy the client id and the client secret into the connection. Grant the tasks.read and tasks.write scopes, and ask your administrator to consent for the whole organisation.\n"},
		}},
	},
})

// checkReadmeOAuth: an independent publisher's OAuth connector is deployed with an app Microsoft
// registers from the readme's steps, so the credentials section must spell them out.
func checkReadmeOAuth(p *pass, d *mdDoc) {
	i := d.findHeading(isCredentialsSection)
	if i < 0 {
		return // ReadmeSectionMissing says it, with the OAuth hint
	}
	body := strings.ToLower(normalizeSpace(d.section(i)))
	mentions := false
	for _, t := range oauthTerms {
		if strings.Contains(body, t) {
			mentions = true
			break
		}
	}
	switch {
	case !mentions:
		p.report(readmeOAuthStepsMissing, d.lineAt(d.headings[i].pos),
			"the connector uses OAuth but %q never mentions the app registration, client id or redirect URL; describe how to register the app step by step", d.headings[i].text)
	case utf8.RuneCountInString(body) < 300:
		p.report(readmeOAuthStepsMissing, d.lineAt(d.headings[i].pos),
			"the connector uses OAuth but %q is only %d characters; describe step by step how to register the app (client id, secret, redirect URL, scopes)",
			d.headings[i].text, utf8.RuneCountInString(body))
	}
}

// usesOAuth reports whether a connection parameter is an oauthSetting or the swagger declares
// an oauth2 security definition.
func usesOAuth(c *Connector) bool {
	_, props := apiProperties(c)
	if cps := props.Get("connectionParameters"); cps.Is(jsonpos.Object) {
		for _, m := range cps.Members {
			if t, _ := m.Value.Get("type").Str(); strings.EqualFold(t, "oauthSetting") {
				return true
			}
		}
	}
	if sd := swaggerRoot(c).Get("securityDefinitions"); sd.Is(jsonpos.Object) {
		for _, m := range sd.Members {
			if t, _ := m.Value.Get("type").Str(); strings.EqualFold(t, "oauth2") {
				return true
			}
		}
	}
	return false
}

// hasAuth reports whether the connector has any authentication (connection parameters or a
// security definition).
func hasAuth(c *Connector) bool {
	_, props := apiProperties(c)
	if cps := props.Get("connectionParameters"); cps.Is(jsonpos.Object) && len(cps.Members) > 0 {
		return true
	}
	sd := swaggerRoot(c).Get("securityDefinitions")
	return sd.Is(jsonpos.Object) && len(sd.Members) > 0
}

var readmeLinkBroken = newRule(Rule{
	ID: "ReadmeLinkBroken", Severity: Warning, Kinds: AllKinds, Section: "10",
	Summary: "A relative link or image points to a file that isn't in the connector folder (URLs aren't fetched).",
	Basis:   BasisHeuristic, BasisReason: "the file may be added elsewhere",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "readme.md:21:5", Pointer: "-", Edits: []Edit{
			{File: ReadmeName, Old: "None so far.\n", New: "See [setup](docs/setup.md).\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: ReadmeName, Old: "None so far.\n", New: "[s](./apiDefinition.swagger.json#L3) [w](https://contoso.com) [m](mailto:a@b.c) [a](#prerequisites) [t](../../templates/readme.md) [r](/README.md) [sp](apiProperties%2Ejson)\n"},
		}},
	},
})

// checkMarkdownLinks reports relative links and images to files the folder doesn't have. Only
// the folder's top level is known (the loader lists it); absolute URLs, anchors, repository-root
// paths and paths leaving the folder aren't checked.
func checkMarkdownLinks(p *pass, d *mdDoc) {
	for _, l := range d.links {
		target, ok := localTarget(l.dest)
		if !ok {
			continue
		}
		first, rest, _ := strings.Cut(target, "/")
		what := "link"
		if l.image {
			what = "image"
		}
		e, found := p.c.Find(first)
		switch {
		case !found && looksLikeHost(first):
			p.report(readmeLinkBroken, d.lineAt(l.pos), "the %s %q has no scheme, so GitHub resolves it inside the connector folder; write https://%s", what, l.dest, l.dest)
		case !found:
			p.report(readmeLinkBroken, d.lineAt(l.pos), "the %s %q points to %s, which isn't in the connector folder; add the file or fix the link", what, l.dest, target)
		case e.Name != first:
			p.report(readmeLinkBroken, d.lineAt(l.pos), "the %s %q points to %s, but the file is %s; GitHub compares names case-sensitively: fix the link", what, l.dest, first, e.Name)
		case rest != "" && !e.IsDir:
			p.report(readmeLinkBroken, d.lineAt(l.pos), "the %s %q goes through %s, which is a file, not a folder; fix the link", what, l.dest, first)
		}
	}
}

// localTarget turns a link destination into a path inside the folder, or ok=false when it is
// something else (a URL, an anchor, a repository-root or parent path).
func localTarget(dest string) (string, bool) {
	dest = strings.TrimSpace(dest)
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "\\") {
		return "", false
	}
	if i := strings.IndexAny(dest, ":/?#"); i > 0 && dest[i] == ':' {
		return "", false // a scheme: https:, mailto:, data:
	}
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		dest = dest[:i]
	}
	if u, err := url.PathUnescape(dest); err == nil {
		dest = u
	}
	dest = path.Clean(strings.ReplaceAll(dest, "\\", "/"))
	if dest == "." || dest == ".." || strings.HasPrefix(dest, "../") || strings.HasPrefix(dest, "/") {
		return "", false
	}
	return dest, true
}

// fileExtensions are what a relative link to a file in a connector folder ends with; a missing
// first path element with another "extension" (support.contoso.com) is a URL without https://.
var fileExtensions = map[string]bool{"md": true, "png": true, "jpg": true, "jpeg": true, "gif": true, "svg": true,
	"json": true, "csx": true, "cs": true, "txt": true, "pdf": true, "zip": true, "html": true, "htm": true,
	"yaml": true, "yml": true, "xml": true, "csv": true, "webp": true, "bmp": true, "mp4": true, "gifv": true}

func looksLikeHost(first string) bool {
	lower := strings.ToLower(first)
	if strings.HasPrefix(lower, "www.") {
		return true
	}
	dot := strings.LastIndexByte(lower, '.')
	return dot > 0 && dot < len(lower)-1 && !fileExtensions[lower[dot+1:]] && !strings.ContainsAny(lower, " _")
}
