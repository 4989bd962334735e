package validate

import (
	"path/filepath"
	"strings"
)

func checkKind(p *pass) {
	if !p.c.KindResolved {
		p.report("ConnectorKindUnresolved", whole(p.c.Path),
			"no certified-connectors, independent-publisher-connectors or custom-connectors folder above %q, so only the base rules ran; "+
				"move the folder under one of them or pass --kind certified|independent-publisher|custom", p.c.Path)
	}
}

// requiredFiles are the files every connector folder needs (rules.md §1, §10).
var requiredFiles = []struct{ name, rule string }{
	{SwaggerName, "RequiredFileMissing"},
	{PropertiesName, "RequiredFileMissing"},
	{ReadmeName, "ReadmeMissing"},
}

// caseCheckedFiles must be spelled exactly (the platform and the Linux runner are case-sensitive);
// the readme is exempt because 42% of published folders spell it otherwise (rules.md §17).
var caseCheckedFiles = []string{SwaggerName, PropertiesName, ScriptName, IntroName, IconName, SettingsName}

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
			p.reportAs("FileNameMisspelled", misspelledSeverity(c, canon), whole(c.FilePath(e.Name)),
				"%q looks like a misspelling of %s, which the platform won't pick up; %s", e.Name, canon, hint)
		}
	}
	proposal := proposalFolder(c, misspelled)
	if proposal {
		// The upstream repository keeps proposal folders ("Proposal - <Name>", Step 2 of the
		// independent-publisher article): an intro or readme, no connector yet. One notice, no
		// error: there is nothing the platform could reject.
		p.reportAs("RequiredFileMissing", Notice, whole(c.Path),
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
		if req.rule == "ReadmeMissing" {
			msg = "the connector folder has no readme.md; add one from the repository's templates/ folder (sections: Publisher, Prerequisites, Supported Operations, Obtaining Credentials, Known Issues and Limitations)"
		}
		if req.rule == "ReadmeMissing" && c.Kind == Custom {
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
			p.report("FileNameCaseMismatch", whole(c.FilePath(e.Name)),
				"%q differs from %s only in letter case; rename it to %s (the runner and the platform compare names case-sensitively)", e.Name, canon, canon)
		}
	}
	for _, f := range []*File{c.Swagger, c.Properties, c.Readme, c.Script, c.Intro, c.Icon} {
		if f != nil && f.ReadErr != nil {
			p.report("FileUnreadable", whole(f.Path),
				"%s can't be read: %v; commit it as a plain file", f.Name, f.ReadErr)
		}
	}
	if f := c.Script; f != nil && (f.TooLarge || len(f.Data) > 1<<20) {
		p.report("FileTooLarge", whole(f.Path),
			"%s is over the platform's 1 MiB (1,048,576 bytes) limit for scripts; move logic to the service or trim the script", f.Name)
	}
	// Microsoft documents the 1 MiB limit for script.csx only; published swaggers exceed it.
	switch f := c.Swagger; {
	case f == nil:
	case f.TooLarge:
		p.report("FileTooLarge", whole(f.Path),
			"%s is over %d MiB, so it was not read or checked; remove unused definitions and long examples, or split the connector", f.Name, MaxFileSize>>20)
	case len(f.Data) > 1<<20:
		p.report("SwaggerTooLarge", whole(f.Path),
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
