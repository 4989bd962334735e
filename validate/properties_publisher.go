package validate

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// checkPublisher covers publisher and stackOwner (rules.md §9): who publishes the connector and
// who owns the service behind it.
func checkPublisher(p *pass) {
	f, props := apiProperties(p.c)
	if props == nil {
		return
	}
	publisher, pubNode := ownerField(p, f, props, "publisher", "PublisherMissing", publisherHint(p.c.Kind))
	owner, ownerNode := ownerField(p, f, props, "stackOwner", "StackOwnerMissing",
		`add the company that owns the service behind the connector, e.g. "stackOwner": "Contoso Ltd"`)

	if p.c.Kind == IndependentPublisher && pubNode != nil && ownerNode != nil &&
		strings.EqualFold(strings.TrimSpace(publisher), strings.TrimSpace(owner)) {
		p.report("IpPublisherEqualsStackOwner", value(f, ownerNode, "/properties/stackOwner"),
			"publisher and stackOwner are both %q; an independent publisher doesn't own the service: set publisher to your own name and stackOwner to the service's company", owner)
	}
	if p.c.Kind == IndependentPublisher && pubNode != nil {
		if m := companySuffix.FindString(publisher); m != "" {
			p.report("PublisherValueSuspicious", value(f, pubNode, "/properties/publisher"),
				"publisher %q ends with the company suffix %q; independent publishers usually give their first and last name (a company is allowed if it doesn't own the service)", publisher, strings.TrimSpace(m))
		}
	}
	for _, fld := range []struct {
		key string
		s   string
		n   *jsonpos.Node
	}{{"publisher", publisher, pubNode}, {"stackOwner", owner, ownerNode}} {
		if fld.n != nil && !isASCII(fld.s) {
			p.report("PublisherValueSuspicious", value(f, fld.n, "/properties/"+fld.key),
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
func ownerField(p *pass, f *File, props *jsonpos.Node, key, rule, hint string) (string, *jsonpos.Node) {
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
