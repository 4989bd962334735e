package packaging

import (
	"fmt"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/connector-check/connector-check/validate"
)

// columnLimits are the MaxLength of the Dataverse connector table's text columns, in characters
// (UTF-16 code units, as Dataverse counts): Microsoft's "connector table/entity reference". A
// longer value fails the solution import.
var columnLimits = map[string]int{
	"openapidefinition":       1000000,
	"description":             1000,
	"displayname":             200,
	"iconbrandcolor":          100,
	"name":                    500,
	"connectionparameters":    500000,
	"connectionparametersets": 500000,
	"policytemplateinstances": 500000,
	"scriptoperations":        500000,
	"customcodeblobcontent":   500000,
}

// column is one value of the connector record: an element's text, or a Connector/ file's.
type column struct {
	elem, file, text string
}

// utf16Len counts UTF-16 code units without converting.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r == utf8.RuneError {
			n++
			continue
		}
		n += utf16.RuneLen(r)
	}
	return n
}

// Issue 16: the connector record against Dataverse, and the two solutions against each other.
var packageColumnTooLong = validate.Register(validate.Rule{
	ID: "PackageColumnTooLong", Severity: validate.Error, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage,
	Summary: "A connector record value is longer than its Dataverse column: openapidefinition 1,000,000 characters, description 1,000, displayname 200, iconbrandcolor 100, name 500, connection parameters, policies, script operations and custom code 500,000; the import fails and the builder refuses.",
	Basis:   validate.BasisRejected, BasisReason: "Dataverse column limits: the import fails",
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.IndependentPublisher, At: validate.PkgConnector + "!customizations.xml", Package: &validate.PackageCase{Edits: []validate.PackageEdit{
			{Entry: validate.PkgConnector + "!customizations.xml", Old: "<description>", Gen: "repeat:1001", New: "é"},
		}}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}},
	},
})

// checkColumns reports every value over its column's limit, an element's at elemAt and a
// file's at filePrefix + its name ("" for elemAt too); true when there was one.
func (v *verifier) checkColumns(elemAt, filePrefix string, cols []column) bool {
	over := false
	for _, c := range cols {
		limit := columnLimits[c.elem]
		if limit == 0 || len(c.text) <= limit { // UTF-8 bytes >= UTF-16 units
			continue
		}
		n := utf16Len(c.text)
		if n <= limit {
			continue
		}
		over = true
		at, what := elemAt, fmt.Sprintf("<%s>", c.elem)
		if c.file != "" {
			what = c.file
			if filePrefix != "" {
				at = filePrefix + c.file
			}
		}
		v.report(packageColumnTooLong, at, "%s has %d characters, over the %d the Dataverse connector column %s holds, so the solution import fails; %s", what, n, limit, c.elem, columnFix[c.elem])
	}
	return over
}

var columnFix = map[string]string{
	"openapidefinition":       "shorten the swagger (descriptions, examples, unused definitions) or split the connector",
	"description":             "shorten info.description in the swagger",
	"displayname":             "shorten info.title in the swagger",
	"iconbrandcolor":          "use a #rrggbb color",
	"name":                    "use a shorter title or publisher prefix",
	"connectionparameters":    "shorten connectionParameters in apiProperties.json",
	"connectionparametersets": "shorten connectionParameterSets in apiProperties.json",
	"policytemplateinstances": "shorten policyTemplateInstances in apiProperties.json",
	"scriptoperations":        "list fewer scriptOperations in apiProperties.json",
	"customcodeblobcontent":   "shorten script.csx",
}
