package validate

import (
	"path/filepath"
	"strings"
)

var connectorKindUnresolved = newRule(Rule{
	ID: "ConnectorKindUnresolved", Severity: Notice, Kinds: AllKinds, Section: "1",
	Summary: "The kind can't be derived from the path or --kind, so custom (base rules only) is assumed.",
	Basis:   BasisInfo,
	Example: Example{
		BadCase:  &Case{At: "", Pointer: "-"},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

func checkKind(p *pass) {
	if !p.c.KindResolved {
		p.report(connectorKindUnresolved, whole(p.c.Path),
			"no certified-connectors, independent-publisher-connectors or custom-connectors folder above %q, so only the base rules ran; "+
				"move the folder under one of them or pass --kind certified|independent-publisher|custom", p.c.Path)
	}
}

var requiredFileMissing = newRule(Rule{
	ID: "RequiredFileMissing", Severity: Error, Kinds: AllKinds, Section: "1", Policy: "5000.1.1.3",
	Summary: "apiDefinition.swagger.json or apiProperties.json is absent (a misspelled variant counts as absent).",
	Basis:   BasisRejected, BasisReason: "the repository's CI and paconn need both files",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "", Pointer: "-", Edits: []Edit{
			{File: PropertiesName, New: "<absent>"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: "APIProperties.json", From: PropertiesName},
			{File: PropertiesName, New: "<absent>"},
		}},
	},
})

var readmeMissing = newRule(Rule{
	ID: "ReadmeMissing", Severity: Warning, Kinds: AllKinds, Section: "10", New: Error, Policy: "5000.1.1.2",
	Summary: "The connector folder has no readme.md (in any letter case); error for a new certified or independent-publisher submission.",
	Basis:   BasisListing, BasisReason: "repository README requirement; " + srcCarried,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "", Pointer: "-", Severity: Warning, Edits: []Edit{
			{File: ReadmeName, New: "<absent>"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: "Readme.md", From: ReadmeName},
			{File: ReadmeName, New: "<absent>"},
		}},
	},
})

// requiredFiles are the files every connector folder needs (rules.md §1, §10).
var requiredFiles = []struct {
	name string
	rule *Rule
}{
	{SwaggerName, requiredFileMissing},
	{PropertiesName, requiredFileMissing},
	{ReadmeName, readmeMissing},
}

// caseCheckedFiles must be spelled exactly (the platform and the Linux runner are case-sensitive);
// the readme is exempt because 42% of published folders spell it otherwise (rules.md §17).
var caseCheckedFiles = []string{SwaggerName, PropertiesName, ScriptName, IntroName, IconName, SettingsName}

var fileNameCaseMismatch = newRule(Rule{
	ID: "FileNameCaseMismatch", Severity: Warning, Kinds: AllKinds, Section: "1",
	Fix:     fixFileNameCase,
	Summary: "A canonical file exists only in another letter case (apidefinition.swagger.json, Script.csx); readmes are exempt.",
	Basis:   BasisListing, BasisReason: "tools on case-insensitive file systems find it; the repository's convention is the exact name",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apidefinition.swagger.json", Pointer: "-", Edits: []Edit{
			{File: SwaggerName, New: "<absent>"},
			{File: "apidefinition.swagger.json", From: SwaggerName},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: "README.md", From: ReadmeName},
			{File: ReadmeName, New: "<absent>"},
		}},
	},
})

var fileNameMisspelled = newRule(Rule{
	ID: "FileNameMisspelled", Severity: Error, Kinds: AllKinds, Section: "1",
	Fix:     fixFileNameMisspelled,
	Summary: "A misspelled canonical file name that the platform won't pick up: error for the swagger and apiProperties (apiDefination.swagger.json), warning for others (Script.cs; a readme: error when new).",
	Basis:   BasisRejected, BasisReason: "the repository's CI selects files by exact name (a misnamed script or readme: warning)",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefination.swagger.json", Pointer: "-", Edits: []Edit{
			{File: "apiDefination.swagger.json", From: SwaggerName},
			{File: SwaggerName, New: "<absent>"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: "Readme.md", From: ReadmeName},
			{File: ReadmeName, New: "<absent>"},
			{File: ScriptName, From: ScriptName, Old: "using System.Net;\nusing Newtonsoft.Json.Linq;\n\npublic class Script : ScriptBase\n{\n    public override async Task<HttpResponseMessage> ExecuteAsync()\n    {\n        if (this.Context.OperationId == \"ListTasks\")\n        {\n            var response = await this.Context.SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);\n            return response;\n        }\n        // new HttpClient() in a comment, \"CreateTask\" == this.Context.OperationId\n        var note = @\"Thread.Sleep(10000); using System.Data; \"\" new HttpClient()\";\n        return new HttpResponseMessage(HttpStatusCode.BadRequest);\n    }\n}\n", New: "class Script {}"},
		}},
	},
})

// FileUnreadable is exported for pull-request mode, which reports a connector folder that is a link.
var FileUnreadable = newRule(Rule{
	ID: "FileUnreadable", Severity: Error, Kinds: AllKinds, Section: "1",
	Summary: "A connector file is a symbolic link, FIFO or device, or can't be read; it is not followed, and the platform needs a plain file.",
	Basis:   BasisBroken, BasisReason: "a link, FIFO or device is not a file the platform can read",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json", Pointer: "-", Edits: []Edit{
			{File: SwaggerName, New: "-> /etc/passwd"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

var fileTooLarge = newRule(Rule{
	ID: "FileTooLarge", Severity: Error, Kinds: AllKinds, Section: "1",
	Summary: "script.csx is over the platform's documented 1 MiB (1,048,576 bytes), or the swagger is over 32 MiB and isn't read.",
	Basis:   BasisRejected, BasisReason: "script.csx: the documented 1 MB limit of custom code (a swagger over 32 MiB is not read)",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: ScriptName, Pointer: "-", Edits: []Edit{
			{File: ScriptName, From: ScriptName, Old: "using Newtonsoft.Json.Linq;\n", New: "using Newtonsoft.Json.Linq;\n// lookup table: \n"},
			{File: ScriptName, Old: "// lookup table: ", Gen: "repeat:1048576", New: "x"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: ScriptName, From: ScriptName},
		}},
	},
})

var swaggerTooLarge = newRule(Rule{
	ID: "SwaggerTooLarge", Severity: Warning, Kinds: AllKinds, Section: "1",
	Summary: "The swagger is over 1 MiB (1,048,576 bytes); Microsoft states that limit for script.csx, not for swaggers.",
	Basis:   BasisHeuristic, BasisReason: "Microsoft states no size limit for the swagger; 1 MiB is the script's",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: SwaggerName, Pointer: "-", Edits: []Edit{
			{File: SwaggerName, Gen: "repeat:1048576", New: " "},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

func checkFiles(p *pass) {
	c := p.c
	misspelled := map[string][]string{} // canonical name -> misspelled files standing for it
	for _, e := range c.Entries {
		if e.IsDir {
			continue
		}
		if canon := misspelledCanonical(e.Name); canon != "" {
			if secondSwagger(c, e.Name, canon) {
				continue // ExtraFileInConnectorFolder reports it (layout.go)
			}
			misspelled[canon] = append(misspelled[canon], e.Name)
			_, exists := c.Find(canon)
			hint := "rename it to " + canon
			if exists {
				hint = "remove it: the folder already has " + canon
			}
			p.reportAs(fileNameMisspelled, misspelledSeverity(c, canon), whole(c.FilePath(e.Name)),
				"%q looks like a misspelling of %s, which the platform won't pick up; %s", e.Name, canon, hint)
		}
	}
	proposal := proposalFolder(c, misspelled)
	if proposal {
		// The upstream repository keeps proposal folders ("Proposal - <Name>", Step 2 of the
		// independent-publisher article): an intro or readme, no connector yet. One notice, no
		// error: there is nothing the platform could reject.
		p.reportAs(requiredFileMissing, Notice, whole(c.Path),
			"%q is named as a proposal and has no %s or %s, so it is not checked as a connector; when you submit the connector, add both files and drop the \"Proposal - \" prefix", filepath.Base(c.Dir), SwaggerName, PropertiesName)
	}
	for _, req := range requiredFiles {
		if proposal {
			break
		}
		if _, ok := c.Find(req.name); ok || len(misspelled[req.name]) > 0 {
			continue // a misspelled stand-in has its own finding above
		}
		msg := "the connector folder has no " + req.name + "; add it (file names are matched ignoring case)"
		if req.rule == readmeMissing {
			msg = "the connector folder has no readme.md; add one from the repository's templates/ folder (sections: Publisher, Prerequisites, Supported Operations, Obtaining Credentials, Known Issues and Limitations)"
		}
		if req.rule == readmeMissing && c.Kind == Custom {
			p.reportAs(req.rule, Warning, whole(c.Path), "%s", msg) // a sample, never listed: no ↑new
			continue
		}
		p.report(req.rule, whole(c.Path), "%s", msg)
	}
	for _, canon := range caseCheckedFiles {
		e, ok := c.Find(canon)
		if canon == IconName && c.Kind == IndependentPublisher {
			continue // IconNotAllowed: the icon goes, whatever its case
		}
		if ok && e.Name != canon {
			p.report(fileNameCaseMismatch, whole(c.FilePath(e.Name)),
				"%q differs from %s only in letter case; rename it to %s (the runner and the platform compare names case-sensitively)", e.Name, canon, canon)
		}
	}
	for _, f := range []*File{c.Swagger, c.Properties, c.Readme, c.Script, c.Intro, c.Icon} {
		if f != nil && f.ReadErr != nil {
			p.report(FileUnreadable, whole(f.Path),
				"%s can't be read: %v; commit it as a plain file", f.Name, f.ReadErr)
		}
	}
	if f := c.Script; f != nil && (f.TooLarge || len(f.Data) > 1<<20) {
		p.report(fileTooLarge, whole(f.Path),
			"%s is over the platform's 1 MiB (1,048,576 bytes) limit for scripts; move logic to the service or trim the script", f.Name)
	}
	// Microsoft documents the 1 MiB limit for script.csx only; published swaggers exceed it.
	switch f := c.Swagger; {
	case f == nil:
	case f.TooLarge:
		p.report(fileTooLarge, whole(f.Path),
			"%s is over %d MiB, so it was not read or checked; remove unused definitions and long examples, or split the connector", f.Name, MaxFileSize>>20)
	case len(f.Data) > 1<<20:
		p.report(swaggerTooLarge, whole(f.Path),
			"%s is %d bytes, over 1 MiB; large definitions load slowly in the designer and are hard to review: remove unused definitions and long examples, or split the connector", f.Name, len(f.Data))
	}
}

// misspelledSeverity is FileNameMisspelled's severity for a stand-in of canon. A misspelled
// swagger or apiProperties is an error: the repository's CI and paconn select those files by
// exact name, so the connector is not built at all. Any other file (Script.cs, connector-script.csx,
// Readme.md.txt) is a warning to rename it; a misspelled readme is an error for a new submission,
// as a missing one is (ReadmeMissing).
func misspelledSeverity(c *Connector, canon string) Severity {
	switch {
	case canon == SwaggerName || canon == PropertiesName:
		return Error
	case canon == ReadmeName && c.New && c.Kind != Custom:
		return Error
	}
	return Warning
}

// misspelledCanonical returns the canonical file name that name is probably meant to be, or "".
// An exact match ignoring case is not a misspelling (FileNameCaseMismatch covers it).
func misspelledCanonical(name string) string {
	lower := strings.ToLower(name)
	for _, canon := range canonicalNames {
		if lower == strings.ToLower(canon) {
			return ""
		}
	}
	if strings.HasPrefix(lower, "icon.") {
		return "" // icon.jpg, icon.svg: the icon rules (§13) and the layout allow-list judge them
	}
	switch {
	case strings.HasSuffix(lower, ".swagger.json"):
		return SwaggerName
	case strings.HasSuffix(lower, ".csx"), lower == "script.cs":
		return ScriptName
	case strings.HasPrefix(lower, "readme.") && lower != "readme.md":
		return ReadmeName
	}
	for _, canon := range canonicalNames {
		if editDistanceAtMost(lower, strings.ToLower(canon), 2) {
			return canon
		}
	}
	return ""
}

var canonicalNames = []string{SwaggerName, PropertiesName, ReadmeName, ScriptName, IntroName, IconName, SettingsName}

// editDistanceAtMost reports whether the Levenshtein distance of a and b is at most k.
func editDistanceAtMost(a, b string, k int) bool { return editDistance(a, b, k+1) <= k }

// editDistance is the Levenshtein distance of a and b in code points, or limit when it is at
// least limit (the rows stop as soon as every entry reaches it).
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(rb)], limit)
}

// secondSwagger reports whether name, which misspelledCanonical maps to canon, is rather a second
// swagger beside the canonical one (De-Lijn-Zoek.swagger.json next to apiDefinition.swagger.json):
// the platform reads the canonical file, so the other is a stray file (ExtraFileInConnectorFolder),
// not a misspelling. A near miss (apiDefination.swagger.json) stays a misspelling.
func secondSwagger(c *Connector, name, canon string) bool {
	if canon != SwaggerName {
		return false
	}
	if _, ok := c.Find(SwaggerName); !ok {
		return false
	}
	return !editDistanceAtMost(strings.ToLower(name), strings.ToLower(SwaggerName), 2)
}

// proposalFolder reports whether c is a proposal's folder rather than a connector: its name starts
// with "Proposal - " (the article's title form) and it has neither a swagger nor apiProperties.json,
// not even misspelled.
func proposalFolder(c *Connector, misspelled map[string][]string) bool {
	if _, ok := ProposalName(filepath.Base(c.Dir)); !ok {
		return false
	}
	for _, name := range []string{SwaggerName, PropertiesName} {
		if _, ok := c.Find(name); ok || len(misspelled[name]) > 0 {
			return false
		}
	}
	return true
}
