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

func checkContact(p *pass, f *File, info *jsonpos.Node) {
	m := info.Member("contact")
	if m == nil {
		p.report("ContactMissing", parent(f, "/info"),
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
		p.report("ContactFieldMissing", parent(f, "/info/contact"),
			"info.contact has no %s; give the publisher's name, a support URL and an email address", joinAnd(missing))
	}
	if s, ok := contact.Get("email").Str(); ok && strings.TrimSpace(s) != "" && !validEmail(s) {
		p.report("ContactEmailNotValid", value(f, contact.Get("email"), "/info/contact/email"),
			"contact.email %q is not an email address; write a plain ASCII address such as support@contoso.com", s)
	}
	if u := contact.Get("url"); u.Is(jsonpos.String) && strings.TrimSpace(u.Text) != "" {
		checkURL(p, f, u, "/info/contact/url", "contact.url")
	}
}

var emailPattern = regexp.MustCompile(`^[A-Za-z0-9.!#$%&'*+/=?^_` + "`" + `{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$`)

func validEmail(s string) bool { return emailPattern.MatchString(s) }

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
		p.reportAs("UrlNotValid", Warning, value(f, n, ptr), "%s %q has stray white space; %s", what, s, fix)
		return
	}
	p.report("UrlNotValid", value(f, n, ptr),
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

func checkConnectorMetadata(p *pass, f *File, root *jsonpos.Node) {
	const ptr = "/x-ms-connector-metadata"
	m := root.Member("x-ms-connector-metadata")
	if m == nil {
		p.report("ConnectorMetadataMissing", parent(f, ""),
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
				p.report("ConnectorMetadataPropertyNameCase", name(f, km, jsonpos.Join(eptr, km.Name)),
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
			p.report("ConnectorMetadataPropertyNameCase", value(f, pn.Value, jsonpos.Join(eptr, pn.Name)),
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
				p.report("ConnectorMetadataPropertiesMissing", where,
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
		p.report("ConnectorMetadataPropertiesMissing", name(f, m, ptr),
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

func checkCategories(p *pass, f *File, n *jsonpos.Node, ptr string) {
	var cats []string
	for _, c := range strings.Split(n.Text, ";") {
		if c = strings.TrimSpace(c); c != "" {
			cats = append(cats, c)
		}
	}
	if len(cats) == 0 || len(cats) > 2 {
		p.report("TooManyConnectorCategories", value(f, n, ptr),
			"Categories lists %d categories; give one or two, separated by \";\" (e.g. \"Productivity;Collaboration\")", len(cats))
	}
	for _, c := range cats {
		if slices.Contains(connectorCategories, c) {
			continue
		}
		if i := slices.IndexFunc(connectorCategories, func(k string) bool { return strings.EqualFold(k, c) }); i >= 0 {
			p.reportAs("InvalidConnectorCategory", Notice, value(f, n, ptr),
				"category %q differs from %q only in letter case; write %q", c, connectorCategories[i], connectorCategories[i])
			continue
		}
		p.report("InvalidConnectorCategory", value(f, n, ptr),
			"%q is not a connector category; use one or two of: %s", c, strings.Join(connectorCategories, ", "))
	}
}

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
			p.report("TagRedefined", value(f, n, jsonpos.Index("/tags", i)+"/name"),
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
			p.report("InfoDescriptionFormatting", value(f, d, "/info/description"),
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

// englishCheck is a heuristic: letters of a non-Latin script, or mostly non-ASCII letters, mean
// the text isn't English (certification asks for English strings).
func englishCheck(p *pass, f *File, n *jsonpos.Node, ptr, what string) {
	if !notEnglish(n.Text) {
		return
	}
	p.report("ValueMustBeInEnglish", value(f, n, ptr),
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
