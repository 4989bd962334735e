package validate

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

var publisherMissing = newRule(Rule{
	ID: "PublisherMissing", Severity: Warning, Kinds: Publishable, Section: "9", New: Error,
	Summary: "publisher is absent or empty (IP: your name; C: the company).",
	Basis:   BasisListing, BasisReason: "certification metadata; " + srcCarried,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiProperties.json:2:3", Pointer: "/properties", Edits: []Edit{
			{File: PropertiesName, Old: "    \"publisher\": \"Jane Doe\",\n", New: "    \n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: PropertiesName, Old: "    \"publisher\": \"Jane Doe\",\n", New: "    \n"},
		}},
	},
})

var stackOwnerMissing = newRule(Rule{
	ID: "StackOwnerMissing", Severity: Warning, Kinds: Publishable, Section: "9", New: Error,
	Summary: "stackOwner (the company that owns the backend service) is absent or empty.",
	Basis:   BasisListing, BasisReason: "certification metadata; " + srcCarried,
	Example: Example{
		BadCase: &Case{Kind: Certified, New: true, At: "apiProperties.json:2:3", Pointer: "/properties", Severity: Error, Edits: []Edit{
			{File: PropertiesName, Old: "    \"stackOwner\": \"Contoso\",\n", New: "    \n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

var ipPublisherEqualsStackOwner = newRule(Rule{
	ID: "IpPublisherEqualsStackOwner", Severity: Warning, Kinds: IndependentPublisher, Section: "9",
	Summary: "An independent publisher's publisher equals stackOwner; an independent publisher doesn't own the service.",
	Basis:   BasisListing,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiProperties.json:6:19", Pointer: "/properties/stackOwner", Edits: []Edit{
			{File: PropertiesName, Old: "    \"stackOwner\": \"Contoso\",\n", New: "    \"stackOwner\": \"jane doe\",\n"},
		}},
		GoodCase: &Case{Kind: Certified, Edits: []Edit{
			{File: PropertiesName, Old: "    \"publisher\": \"Jane Doe\",\n", New: "    \"publisher\": \"Contoso\",\n"},
		}},
	},
})

var publisherValueSuspicious = newRule(Rule{
	ID: "PublisherValueSuspicious", Severity: Notice, Kinds: Publishable, Section: "9",
	Summary: "An independent publisher's publisher ends in a company suffix (Inc, Ltd, GmbH...), or publisher/stackOwner has non-ASCII characters.",
	Basis:   BasisHeuristic,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiProperties.json:5:18", Pointer: "/properties/publisher", Edits: []Edit{
			{File: PropertiesName, Old: "    \"publisher\": \"Jane Doe\",\n", New: "    \"publisher\": \"Contoso Ltd.\",\n"},
		}},
		GoodCase: &Case{Kind: Certified, Edits: []Edit{
			{File: PropertiesName, Old: "    \"publisher\": \"Jane Doe\",\n", New: "    \"publisher\": \"Contoso Inc\",\n"},
		}},
	},
})

// checkPublisher covers publisher and stackOwner (rules.md §9): who publishes the connector and
// who owns the service behind it.
func checkPublisher(p *pass) {
	f, props := apiProperties(p.c)
	if props == nil {
		return
	}
	publisher, pubNode := ownerField(p, f, props, "publisher", publisherMissing, publisherHint(p.c.Kind))
	owner, ownerNode := ownerField(p, f, props, "stackOwner", stackOwnerMissing,
		`add the company that owns the service behind the connector, e.g. "stackOwner": "Contoso Ltd"`)

	if p.c.Kind == IndependentPublisher && pubNode != nil && ownerNode != nil &&
		strings.EqualFold(strings.TrimSpace(publisher), strings.TrimSpace(owner)) {
		p.report(ipPublisherEqualsStackOwner, value(f, ownerNode, "/properties/stackOwner"),
			"publisher and stackOwner are both %q; an independent publisher doesn't own the service: set publisher to your own name and stackOwner to the service's company", owner)
	}
	if p.c.Kind == IndependentPublisher && pubNode != nil {
		if m := companySuffix.FindString(publisher); m != "" {
			p.report(publisherValueSuspicious, value(f, pubNode, "/properties/publisher"),
				"publisher %q ends with the company suffix %q; independent publishers usually give their first and last name (a company is allowed if it doesn't own the service)", publisher, strings.TrimSpace(m))
		}
	}
	for _, fld := range []struct {
		key string
		s   string
		n   *jsonpos.Node
	}{{"publisher", publisher, pubNode}, {"stackOwner", owner, ownerNode}} {
		if fld.n != nil && !isASCII(fld.s) {
			p.report(publisherValueSuspicious, value(f, fld.n, "/properties/"+fld.key),
				"%s %q has non-ASCII characters; check that the name is spelled as it should appear in the catalog (names like \"Fördős András\" are fine)", fld.key, fld.s)
		}
	}
}

// companySuffix matches a legal-form suffix at the end of a name.
var companySuffix = regexp.MustCompile(`(?i)[\s,]+(inc|ltd|llc|gmbh|s\.l|b\.v|pty|corp|limited|corporation)\.?$`)

func publisherHint(k Kind) string {
	if k == IndependentPublisher {
		return `add your first and last name (comma-separated if several people), e.g. "publisher": "Jane Doe"`
	}
	return `add your company's name, e.g. "publisher": "Contoso Ltd"`
}

// ownerField returns a non-empty string member; a missing or empty one is reported with rule.
// A value of another type is left to the schema (JsonTypeIncorrect).
func ownerField(p *pass, f *File, props *jsonpos.Node, key string, rule *Rule, hint string) (string, *jsonpos.Node) {
	m := props.Member(key)
	ptr := "/properties/" + key
	if m == nil {
		p.report(rule, parent(f, "/properties"), "apiProperties.json has no %s; %s", key, hint)
		return "", nil
	}
	s, ok := m.Value.Str()
	if !ok {
		return "", nil
	}
	if strings.TrimSpace(s) == "" {
		p.report(rule, value(f, m.Value, ptr), "%s is empty; %s", key, hint)
		return "", nil
	}
	return s, m.Value
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
