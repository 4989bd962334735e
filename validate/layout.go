package validate

import (
	"path/filepath"
	"strings"
	"unicode"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// kindExtras are the files a connector folder may hold beside the canonical four (rules.md §1):
// certified connectors may keep intro.md and icon.png, independent publishers intro.md and one
// package .zip (checked apart), custom connectors paconn's settings.json and icon.png.
var kindExtras = map[Kind][]string{
	Certified:            {IntroName, IconName},
	IndependentPublisher: {IntroName},
	Custom:               {SettingsName, IconName},
}

var extraFileInConnectorFolder = newRule(Rule{
	ID: "ExtraFileInConnectorFolder", Severity: Warning, Kinds: AllKinds, Section: "1",
	Summary: "A top-level file outside the per-kind allow-list: screenshots, .pdf, .msapp, a second swagger or package .zip.",
	Basis:   BasisListing, BasisReason: "the repository's folder layout",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "screenshot.png", Pointer: "-", Edits: []Edit{
			{File: "screenshot.png", New: "x"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: "Contoso Tasks.zip", New: "PK"},
			{File: IntroName, From: IntroName, Old: "Contoso Tasks keeps the tasks of a team in one place, with due dates, owners and reminders.\n\n## Prerequisites\nYou need a Contoso Tasks account.\n\n## How to get credentials\nOpen Settings, then API, and copy your API key.\n\n## Get started with your connector\nCreate a flow that lists your tasks.\n\n## Known issues and limitations\nNone so far.\n\n## Common errors and remedies\nA 401 error means the API key is wrong.\n\n## FAQ\nNone yet.\n", New: "x"},
		}},
	},
})

var subfolderInConnectorFolder = newRule(Rule{
	ID: "SubfolderInConnectorFolder", Severity: Warning, Kinds: Publishable, Section: "1",
	Summary: "A directory inside the connector folder (images/, screenshots/, assets/).",
	Basis:   BasisListing, BasisReason: "the repository's folder layout",
	Example: Example{
		BadCase: &Case{Kind: Certified, At: "images", Pointer: "-", Edits: []Edit{
			{File: "images/shot.png", New: "x"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: "images/shot.png", New: "x"},
		}},
	},
})

// checkLayout reports stray files and sub-folders. Each stray name gets one finding: names that
// checkFiles already reports (misspelled or mis-cased canonical files), the icon rules' icon.*
// files and settings.json in a certified or IP folder (SettingsFileIncluded) are left to those rules.
func checkLayout(p *pass) {
	c := p.c
	zips := 0
	for _, e := range c.Entries {
		if e.IsDir {
			p.report(subfolderInConnectorFolder, whole(c.FilePath(e.Name)),
				"%q is a folder inside the connector folder; the repository takes only the connector's files here: "+
					"remove it (put screenshots in the pull request description instead)", e.Name)
			continue
		}
		if allowedFile(c, e.Name) {
			continue
		}
		lower := strings.ToLower(e.Name)
		if c.Kind == IndependentPublisher && strings.HasSuffix(lower, ".zip") {
			zips++
			if zips == 1 {
				continue // the one certification package an IP folder may hold (§14 checks it)
			}
			p.report(extraFileInConnectorFolder, whole(c.FilePath(e.Name)),
				"%q is a second package .zip; an independent-publisher folder holds exactly one: remove the older one", e.Name)
			continue
		}
		what := "is not a connector file"
		if strings.HasSuffix(lower, ".swagger.json") {
			what = "is a second swagger (the platform reads only " + SwaggerName + ")"
		}
		p.report(extraFileInConnectorFolder, whole(c.FilePath(e.Name)),
			"%q %s; %s connector folder holds only %s: remove it (put screenshots in the pull request description instead)",
			e.Name, what, kindWord(c.Kind), allowedList(c.Kind))
	}
	checkFolderName(p)
}

// allowedFile reports whether the layout rule leaves the file alone.
func allowedFile(c *Connector, name string) bool {
	lower := strings.ToLower(name)
	for _, canon := range []string{SwaggerName, PropertiesName, ReadmeName, ScriptName} {
		if lower == strings.ToLower(canon) {
			return true // a case variant is FileNameCaseMismatch's
		}
	}
	for _, extra := range kindExtras[c.Kind] {
		if lower == strings.ToLower(extra) {
			return true
		}
	}
	if canon := misspelledCanonical(name); canon != "" && !secondSwagger(c, name, canon) {
		return true // FileNameMisspelled
	}
	if c.Kind != Custom && (strings.HasPrefix(lower, "icon.") || lower == strings.ToLower(SettingsName)) {
		return true // IconNotAllowed / IconFormatInvalid; SettingsFileIncluded
	}
	return false
}

func kindWord(k Kind) string {
	switch k {
	case Certified:
		return "a certified"
	case IndependentPublisher:
		return "an independent-publisher"
	}
	return "a custom"
}

func allowedList(k Kind) string {
	s := SwaggerName + ", " + PropertiesName + ", " + ReadmeName + ", " + ScriptName
	for _, e := range kindExtras[k] {
		s += ", " + e
	}
	if k == IndependentPublisher {
		s += " and one package .zip"
	}
	return s
}

var folderNameTitleMismatch = newRule(Rule{
	ID: "FolderNameTitleMismatch", Severity: Notice, Kinds: Publishable, Section: "1",
	Summary: "The folder name differs from info.title, ignoring case, spaces and punctuation; the folder can't be renamed later.",
	Basis:   BasisStyle,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:4:14", Pointer: "/info/title", Edits: []Edit{
			{File: SwaggerName, Old: "    \"title\": \"Contoso Tasks\",\n", New: "    \"title\": \"Contoso Todo\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "    \"title\": \"Contoso Tasks\",\n", New: "    \"title\": \"contoso-tasks\",\n"},
		}},
	},
})

// checkFolderName compares the folder name with info.title: the folder can't be renamed once the
// connector is published, and reviewers expect the two to match.
func checkFolderName(p *pass) {
	root := swaggerRoot(p.c)
	m := root.Member("info")
	if m == nil || !m.Value.Is(jsonpos.Object) {
		return
	}
	tm := m.Value.Member("title")
	if tm == nil {
		return
	}
	title, ok := tm.Value.Str()
	if !ok || strings.TrimSpace(title) == "" {
		return
	}
	dir := p.c.Dir
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	folder := filepath.Base(dir)
	if folder == "" || folder == "." || folder == string(filepath.Separator) {
		return
	}
	if foldName(folder) == foldName(title) {
		return
	}
	p.report(folderNameTitleMismatch, value(p.c.Swagger, tm.Value, "/info/title"),
		"the folder %q doesn't match info.title %q; name the folder after the title (the folder can't be renamed after publishing)", folder, title)
}

// foldName keeps the letters and digits of s, lower-cased.
func foldName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
