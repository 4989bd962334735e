package validate

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// checkSwaggerMetadata covers info.contact, the URLs the catalog checks, x-ms-connector-metadata
// and its categories, top-level tags and the wording of info (rules.md §3).
func checkSwaggerMetadata(p *pass) {
	root := swaggerRoot(p.c)
	if root == nil {
		return
	}
	f := p.c.Swagger
	if info := root.Get("info"); info.Is(jsonpos.Object) {
		checkContact(p, f, info)
		checkInfoWording(p, f, info)
	}
	checkConnectorMetadata(p, f, root)
	checkTags(p, f, root)
	if docs := root.Get("x-ms-docs"); docs.Is(jsonpos.Array) {
		for i, d := range docs.Items {
			if u := d.Get("url"); u.Is(jsonpos.String) {
				checkURL(p, f, u, jsonpos.Index("/x-ms-docs", i)+"/url", "x-ms-docs url")
			}
		}
	}
}

var contactMissing = newRule(Rule{
	ID: "ContactMissing", Severity: Warning, Kinds: Publishable, Section: "3", New: Error, MsRule: "RequiredPropertyMissing",
	Summary: "info.contact is absent.",
	Basis:   BasisListing, BasisReason: "certification metadata; " + srcCarried,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:3:3", Pointer: "/info", Edits: []Edit{
			{File: SwaggerName, Old: "    \"version\": \"1.0\",\n    \"contact\": {\"name\": \"Jane Doe\", \"url\": \"https://contoso.com\", \"email\": \"jane@contoso.com\"}\n", New: "    \"version\": \"1.0\"\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

var contactFieldMissing = newRule(Rule{
	ID: "ContactFieldMissing", Severity: Warning, Kinds: Publishable, Section: "3", MsRule: "RequiredPropertyMissing",
	Summary: "info.contact lacks name, url or email (or one is empty).",
	Basis:   BasisListing,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:7:5", Pointer: "/info/contact", Edits: []Edit{
			{File: SwaggerName, Old: "    \"contact\": {\"name\": \"Jane Doe\", \"url\": \"https://contoso.com\", \"email\": \"jane@contoso.com\"}\n", New: "    \"contact\": {\"name\": \"Jane Doe\", \"email\": \"jane@contoso.com\"}\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

var contactEmailNotValid = newRule(Rule{
	ID: "ContactEmailNotValid", Severity: Error, Kinds: AllKinds, Section: "3",
	Summary: "contact.email is present but not a valid ASCII email address.",
	Basis:   BasisBroken, BasisReason: "the address can't receive mail",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:7:76", Pointer: "/info/contact/email", Edits: []Edit{
			{File: SwaggerName, Old: "    \"contact\": {\"name\": \"Jane Doe\", \"url\": \"https://contoso.com\", \"email\": \"jane@contoso.com\"}\n", New: "    \"contact\": {\"name\": \"Jane Doe\", \"url\": \"https://contoso.com\", \"email\": \"jane(at)contoso.com\"}\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "    \"contact\": {\"name\": \"Jane Doe\", \"url\": \"https://contoso.com\", \"email\": \"jane@contoso.com\"}\n", New: "    \"contact\": {\"name\": \"Jane Doe\", \"url\": \"https://contoso.com\", \"email\": \"jane.doe+tasks@mail.contoso.co.uk\"}\n"},
		}},
	},
})

func checkContact(p *pass, f *File, info *jsonpos.Node) {
	m := info.Member("contact")
	if m == nil {
		p.report(contactMissing, parent(f, "/info"),
			`info has no contact; add "contact": {"name": ..., "url": ..., "email": ...} so that users and reviewers can reach the publisher`)
		return
	}
	contact := m.Value
	if !contact.Is(jsonpos.Object) {
		return // the structural schema reports the type
	}
	var missing []string
	for _, k := range []string{"name", "url", "email"} {
		if s, ok := contact.Get(k).Str(); contact.Member(k) == nil || ok && strings.TrimSpace(s) == "" {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		p.report(contactFieldMissing, parent(f, "/info/contact"),
			"info.contact has no %s; give the publisher's name, a support URL and an email address", joinAnd(missing))
	}
	if s, ok := contact.Get("email").Str(); ok && strings.TrimSpace(s) != "" && !validEmail(s) {
		p.report(contactEmailNotValid, value(f, contact.Get("email"), "/info/contact/email"),
			"contact.email %q is not an email address; write a plain ASCII address such as support@contoso.com", s)
	}
	if u := contact.Get("url"); u.Is(jsonpos.String) && strings.TrimSpace(u.Text) != "" {
		checkURL(p, f, u, "/info/contact/url", "contact.url")
	}
}

var emailPattern = regexp.MustCompile(`^[A-Za-z0-9.!#$%&'*+/=?^_` + "`" + `{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$`)

func validEmail(s string) bool { return emailPattern.MatchString(s) }

var urlNotValid = newRule(Rule{
	ID: "UrlNotValid", Severity: Error, Kinds: AllKinds, Section: "3",
	Summary: "contact.url, the Website or Privacy policy metadata, x-ms-docs[].url or externalDocs.url is not an absolute http(s) URL (no scheme, a misspelled one, free text); a URL that only needs trimming or a space encoded: warning.",
	Basis:   BasisBroken, BasisReason: "the value cannot work as a link (a stray space: warning)",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:7:44", Pointer: "/info/contact/url", Edits: []Edit{
			{File: SwaggerName, Old: "    \"contact\": {\"name\": \"Jane Doe\", \"url\": \"https://contoso.com\", \"email\": \"jane@contoso.com\"}\n", New: "    \"contact\": {\"name\": \"Jane Doe\", \"url\": \"www.contoso.com\", \"email\": \"jane@contoso.com\"}\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "    \"contact\": {\"name\": \"Jane Doe\", \"url\": \"https://contoso.com\", \"email\": \"jane@contoso.com\"}\n", New: "    \"contact\": {\"name\": \"Jane Doe\", \"url\": \"http://contoso.com:8080/x?y=1\", \"email\": \"jane@contoso.com\"}\n"},
		}},
	},
})

// checkURL reports a value that isn't an absolute http(s) URL.
func checkURL(p *pass, f *File, n *jsonpos.Node, ptr, what string) {
	s, ok := n.Str()
	if !ok {
		return
	}
	if absoluteHTTPURL(s) {
		return
	}
	// Only white space keeps a working address from being valid: a browser trims it, or the
	// platform's link encodes it. A warning that says to trim or encode it.
	trimmed := strings.TrimSpace(s)
	if absoluteHTTPURL(strings.ReplaceAll(trimmed, " ", "%20")) {
		fix := "remove the white space around it"
		if strings.Contains(trimmed, " ") {
			fix = "encode the space inside it as %20 (and trim it)"
		}
		p.reportAs(urlNotValid, Warning, value(f, n, ptr), "%s %q has stray white space; %s", what, s, fix)
		return
	}
	p.report(urlNotValid, value(f, n, ptr),
		"%s %q is not an absolute http(s) URL, so it can't work as a link; write the full address, e.g. https://www.contoso.com", what, s)
}

func absoluteHTTPURL(s string) bool {
	if s != strings.TrimSpace(s) || strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return false
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return false
	}
	host := u.Hostname()
	return host != "" && !strings.HasPrefix(host, ".") && !strings.HasSuffix(host, "..")
}

// docURLIn checks externalDocs.url wherever it is written.
func docURLIn(p *pass, f *File, kind swObj, n *jsonpos.Node, at *swPath) {
	if kind == objExternalDocs {
		if u := n.Get("url"); u.Is(jsonpos.String) && !absoluteHTTPURL(u.Text) {
			checkURL(p, f, u, at.Child("url"), "externalDocs.url")
		}
	}
}

// connectorCategories are the 19 categories certification accepts (rules.md §3).
var connectorCategories = []string{
	"AI", "Business Management", "Business Intelligence", "Collaboration", "Commerce", "Communication",
	"Content and Files", "Finance", "Data", "Human Resources", "Internet of Things", "IT Operations",
	"Lifestyle and Entertainment", "Marketing", "Productivity", "Sales and CRM", "Security",
	"Social Media", "Website",
}

var requiredMetadata = []string{"Website", "Privacy policy", "Categories"}

var connectorMetadataMissing = newRule(Rule{
	ID: "ConnectorMetadataMissing", Severity: Warning, Kinds: Publishable, Section: "3", New: Error,
	Summary: "There is no top-level x-ms-connector-metadata.",
	Basis:   BasisListing, BasisReason: "certification metadata; " + srcCarried,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:1:1", Pointer: "", Edits: []Edit{
			{File: SwaggerName, Old: "  \"security\": [{\"api_key\": []}],\n  \"x-ms-connector-metadata\": [\n    {\"propertyName\": \"Website\", \"propertyValue\": \"https://contoso.com\"},\n    {\"propertyName\": \"Privacy policy\", \"propertyValue\": \"https://contoso.com/privacy\"},\n    {\"propertyName\": \"Categories\", \"propertyValue\": \"Productivity\"}\n  ]\n", New: "  \"security\": [{\"api_key\": []}]\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "  \"security\": [{\"api_key\": []}],\n  \"x-ms-connector-metadata\": [\n    {\"propertyName\": \"Website\", \"propertyValue\": \"https://contoso.com\"},\n    {\"propertyName\": \"Privacy policy\", \"propertyValue\": \"https://contoso.com/privacy\"},\n    {\"propertyName\": \"Categories\", \"propertyValue\": \"Productivity\"}\n  ]\n", New: "  \"security\": [{\"api_key\": []}]\n"},
		}},
	},
})

var connectorMetadataPropertiesMissing = newRule(Rule{
	ID: "ConnectorMetadataPropertiesMissing", Severity: Warning, Kinds: Publishable, Section: "3", New: Error, MsRule: "RequiredPropertyMissing",
	Summary: "x-ms-connector-metadata has no Website, Privacy policy or Categories entry (names compared ignoring case), or the entry's propertyValue is empty.",
	Basis:   BasisListing, BasisReason: "certification metadata; " + srcCarried,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:55:3", Pointer: "/x-ms-connector-metadata", Edits: []Edit{
			{File: SwaggerName, Old: "    {\"propertyName\": \"Privacy policy\", \"propertyValue\": \"https://contoso.com/privacy\"},\n    {\"propertyName\": \"Categories\", \"propertyValue\": \"Productivity\"}\n", New: "    {\"propertyName\": \"Privacy policy\", \"propertyValue\": \"https://contoso.com/privacy\"}\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "    {\"propertyName\": \"Privacy policy\", \"propertyValue\": \"https://contoso.com/privacy\"},\n", New: "    {\"propertyName\": \"Privacy Policy\", \"propertyValue\": \"https://contoso.com/privacy\"},\n"},
		}},
	},
})

var connectorMetadataPropertyNameCase = newRule(Rule{
	ID: "ConnectorMetadataPropertyNameCase", Severity: Notice, Kinds: Publishable, Section: "3",
	Summary: "A metadata propertyName differs from Website, Privacy policy or Categories only by letter case, or a propertyName/propertyValue key is spelled in another case; the platform reads both ignoring case.",
	Basis:   BasisStyle,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:57:22", Pointer: "/x-ms-connector-metadata/1/propertyName", Edits: []Edit{
			{File: SwaggerName, Old: "    {\"propertyName\": \"Privacy policy\", \"propertyValue\": \"https://contoso.com/privacy\"},\n", New: "    {\"propertyName\": \"Privacy Policy\", \"propertyValue\": \"https://contoso.com/privacy\"},\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

func checkConnectorMetadata(p *pass, f *File, root *jsonpos.Node) {
	const ptr = "/x-ms-connector-metadata"
	m := root.Member("x-ms-connector-metadata")
	if m == nil {
		p.report(connectorMetadataMissing, parent(f, ""),
			`the swagger has no x-ms-connector-metadata; add [{"propertyName": "Website", ...}, {"propertyName": "Privacy policy", ...}, {"propertyName": "Categories", ...}]`)
		return
	}
	if !m.Value.Is(jsonpos.Array) {
		return // the structural schema reports the type
	}
	found := map[string]bool{}
	for i, e := range m.Value.Items {
		eptr := jsonpos.Index(ptr, i)
		// The platform reads the keys and the names ignoring case.
		pn := e.MemberFold("propertyName")
		nameStr, ok := memberStr(pn)
		if !ok {
			continue
		}
		for _, key := range []string{"propertyName", "propertyValue"} {
			if km := e.MemberFold(key); km != nil && km.Name != key {
				p.report(connectorMetadataPropertyNameCase, name(f, km, jsonpos.Join(eptr, km.Name)),
					"the key %q works (the platform ignores case), but the documented spelling is %q; write %q", km.Name, key, key)
			}
		}
		var canon string
		for _, want := range requiredMetadata {
			if strings.EqualFold(strings.TrimSpace(nameStr), want) {
				canon = want
			}
		}
		if canon == "" {
			continue
		}
		if nameStr != canon {
			p.report(connectorMetadataPropertyNameCase, value(f, pn.Value, jsonpos.Join(eptr, pn.Name)),
				"propertyName %q differs from the usual %q only in letter case; write %q", nameStr, canon, canon)
		}
		pv := e.MemberFold("propertyValue")
		vptr := eptr + "/propertyValue"
		if pv != nil {
			vptr = jsonpos.Join(eptr, pv.Name)
		}
		val, isStr := memberStr(pv)
		if pv == nil || !isStr || strings.TrimSpace(val) == "" {
			if pv == nil || isStr {
				where := parent(f, eptr)
				if pv != nil {
					where = value(f, pv.Value, vptr)
				}
				p.report(connectorMetadataPropertiesMissing, where,
					"the %q entry of x-ms-connector-metadata has no propertyValue; fill it in", canon)
			}
			found[canon] = true
			continue
		}
		found[canon] = true
		switch canon {
		case "Website", "Privacy policy":
			checkURL(p, f, pv.Value, vptr, canon)
		case "Categories":
			checkCategories(p, f, pv.Value, vptr)
		}
	}
	var missing []string
	for _, want := range requiredMetadata {
		if !found[want] {
			missing = append(missing, want)
		}
	}
	if len(missing) > 0 {
		p.report(connectorMetadataPropertiesMissing, name(f, m, ptr),
			"x-ms-connector-metadata has no %s entry; add {\"propertyName\": %q, \"propertyValue\": ...}", joinAnd(quoteAll(missing)), missing[0])
	}
}

// memberStr is a member's string value; ok is false when the member is absent or not a string.
func memberStr(m *jsonpos.Member) (string, bool) {
	if m == nil {
		return "", false
	}
	return m.Value.Str()
}

var invalidConnectorCategory = newRule(Rule{
	ID: "InvalidConnectorCategory", Severity: Warning, Kinds: Publishable, Section: "3", New: Error,
	Summary: "A ;-separated category is not one of the 19 certification categories (a case-only difference: notice).",
	Basis:   BasisListing, BasisReason: "certification metadata",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:58:53", Pointer: "/x-ms-connector-metadata/2/propertyValue", Edits: []Edit{
			{File: SwaggerName, Old: "    {\"propertyName\": \"Categories\", \"propertyValue\": \"Productivity\"}\n", New: "    {\"propertyName\": \"Categories\", \"propertyValue\": \"Productivity;Tasks\"}\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "    {\"propertyName\": \"Categories\", \"propertyValue\": \"Productivity\"}\n", New: "    {\"propertyName\": \"Categories\", \"propertyValue\": \"Productivity; Collaboration\"}\n"},
		}},
	},
})

var tooManyConnectorCategories = newRule(Rule{
	ID: "TooManyConnectorCategories", Severity: Warning, Kinds: Publishable, Section: "3", New: Error,
	Summary: "Categories lists more than 2 categories, or none.",
	Basis:   BasisListing, BasisReason: "certification metadata",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:58:53", Pointer: "/x-ms-connector-metadata/2/propertyValue", Edits: []Edit{
			{File: SwaggerName, Old: "    {\"propertyName\": \"Categories\", \"propertyValue\": \"Productivity\"}\n", New: "    {\"propertyName\": \"Categories\", \"propertyValue\": \"AI;Data;Website\"}\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "    {\"propertyName\": \"Categories\", \"propertyValue\": \"Productivity\"}\n", New: "    {\"propertyName\": \"Categories\", \"propertyValue\": \"AI;Data\"}\n"},
		}},
	},
})

func checkCategories(p *pass, f *File, n *jsonpos.Node, ptr string) {
	var cats []string
	for _, c := range strings.Split(n.Text, ";") {
		if c = strings.TrimSpace(c); c != "" {
			cats = append(cats, c)
		}
	}
	if len(cats) == 0 || len(cats) > 2 {
		p.report(tooManyConnectorCategories, value(f, n, ptr),
			"Categories lists %d categories; give one or two, separated by \";\" (e.g. \"Productivity;Collaboration\")", len(cats))
	}
	for _, c := range cats {
		if slices.Contains(connectorCategories, c) {
			continue
		}
		if i := slices.IndexFunc(connectorCategories, func(k string) bool { return strings.EqualFold(k, c) }); i >= 0 {
			p.reportAs(invalidConnectorCategory, Notice, value(f, n, ptr),
				"category %q differs from %q only in letter case; write %q", c, connectorCategories[i], connectorCategories[i])
			continue
		}
		p.report(invalidConnectorCategory, value(f, n, ptr),
			"%q is not a connector category; use one or two of: %s", c, strings.Join(connectorCategories, ", "))
	}
}

var tagRedefined = newRule(Rule{
	ID: "TagRedefined", Severity: Error, Kinds: AllKinds, Section: "3",
	Summary: "The top-level tags name the same tag twice.",
	Basis:   BasisRejected, BasisReason: srcSchema,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:11:62", Pointer: "/tags/1/name", Edits: []Edit{
			{File: SwaggerName, Old: "  \"schemes\": [\"https\"],\n", New: "  \"schemes\": [\"https\"], \"tags\": [{\"name\": \"Tasks\"}, {\"name\": \"Tasks\"}],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "  \"schemes\": [\"https\"],\n", New: "  \"schemes\": [\"https\"], \"tags\": [{\"name\": \"Tasks\"}, {\"name\": \"tasks\"}],\n"},
		}},
	},
})

func checkTags(p *pass, f *File, root *jsonpos.Node) {
	tags := root.Get("tags")
	if !tags.Is(jsonpos.Array) {
		return
	}
	seen := map[string]*jsonpos.Node{}
	for i, t := range tags.Items {
		n := t.Get("name")
		s, ok := n.Str()
		if !ok {
			continue
		}
		if first, dup := seen[s]; dup {
			l, col := f.JSON.Lines.Position(first.Start)
			p.report(tagRedefined, value(f, n, jsonpos.Index("/tags", i)+"/name"),
				"tag %q is already defined (line %d); merge the two entries", s, l).
				related(f.Path, l, col, "first definition")
			continue
		}
		seen[s] = n
	}
}

var (
	urlInText = regexp.MustCompile(`(?i)\bhttps?://|\bwww\.[a-z0-9-]+\.[a-z]`)
)

var infoDescriptionFormatting = newRule(Rule{
	ID: "InfoDescriptionFormatting", Severity: Warning, Kinds: Publishable, Section: "3", Policy: "5000.2.3.6",
	Summary: "info.description contains line breaks, URLs or emoji.",
	Basis:   BasisListing,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:5:20", Pointer: "/info/description", Edits: []Edit{
			{File: SwaggerName, Old: "    \"description\": \"Create, list and complete tasks in Contoso Tasks from your flows.\",\n", New: "    \"description\": \"Create, list and complete tasks in Contoso Tasks from your flows. See https://contoso.com/docs\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

func checkInfoWording(p *pass, f *File, info *jsonpos.Node) {
	if d := info.Get("description"); d.Is(jsonpos.String) {
		var what []string
		if strings.ContainsAny(d.Text, "\r\n") {
			what = append(what, "line breaks")
		}
		if urlInText.MatchString(d.Text) {
			what = append(what, "a URL")
		}
		if hasEmoji(d.Text) {
			what = append(what, "emoji")
		}
		if len(what) > 0 {
			p.report(infoDescriptionFormatting, value(f, d, "/info/description"),
				"info.description contains %s; write it as one plain sentence or two, and put links in the readme and x-ms-connector-metadata", joinAnd(what))
		}
		englishCheck(p, f, d, "/info/description", "info.description")
	}
	if t := info.Get("title"); t.Is(jsonpos.String) {
		englishCheck(p, f, t, "/info/title", "info.title")
	}
}

func hasEmoji(s string) bool {
	for _, r := range s {
		if r >= 0x1F300 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF || r == 0xFE0F {
			return true
		}
	}
	return false
}

// englishIn looks at operation summaries and x-ms-summary labels.
func englishIn(p *pass, f *File, kind swObj, n *jsonpos.Node, at *swPath) {
	switch kind {
	case objOperation:
		if s := n.Get("summary"); s.Is(jsonpos.String) && notEnglish(s.Text) {
			englishCheck(p, f, s, at.Child("summary"), "the summary")
		}
	case objParameter, objSchema, objResponse, objHeader, objItems:
		if s := n.Get("x-ms-summary"); s.Is(jsonpos.String) && notEnglish(s.Text) {
			englishCheck(p, f, s, at.Child("x-ms-summary"), "x-ms-summary")
		}
	}
}

var valueMustBeInEnglish = newRule(Rule{
	ID: "ValueMustBeInEnglish", Severity: Warning, Kinds: Publishable, Section: "3",
	Summary: "Heuristic: the title, description, an operation summary or an x-ms-summary has non-Latin-script letters or mostly non-ASCII letters.",
	Basis:   BasisListing,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiDefinition.swagger.json:16:20", Pointer: "/paths/~1tasks/get/summary", Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"Список задач\",\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"List tasks\",\n", New: "        \"summary\": \"List café tasks\",\n"},
		}},
	},
})

// englishCheck is a heuristic: letters of a non-Latin script, or mostly non-ASCII letters, mean
// the text isn't English (certification asks for English strings).
func englishCheck(p *pass, f *File, n *jsonpos.Node, ptr, what string) {
	if !notEnglish(n.Text) {
		return
	}
	p.report(valueMustBeInEnglish, value(f, n, ptr),
		"%s %q doesn't look English; certified connectors are published in English (localise through the platform instead)", what, clip(n.Text, 60))
}

func notEnglish(s string) bool {
	letters, nonASCII := 0, 0
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if r >= utf8.RuneSelf {
			nonASCII++
			if !unicode.Is(unicode.Latin, r) {
				return true
			}
		}
	}
	return letters >= 4 && nonASCII*2 > letters
}

func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

func quoteAll(items []string) []string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = `"` + s + `"`
	}
	return out
}
