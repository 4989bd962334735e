package validate

// Basis is the clause of the severity policy (docs/severity.md) a rule's severity stands on. Only
// BasisRejected, BasisBroken and BasisProcess justify an error for every connector; listing policy
// is a warning that a new submission escalates to an error (Rule.New); the rest are warnings or
// notices.
type Basis uint8

const (
	BasisNone Basis = iota
	// BasisRejected: the platform or the certification pipeline rejects the input (documented, or
	// evidently: the platform's own reader can't read it). Policy clause (a).
	BasisRejected
	// BasisBroken: it certainly does not work as the author meant (a reference to nothing, a
	// callback the platform never fills, a secret-shaped literal). Policy clause (b).
	BasisBroken
	// BasisProcess: the upstream repository's pull-request process stops the pull request (its
	// title, branch, scope); clause (a) applied to the submission rather than to the connector.
	BasisProcess
	// BasisListing: listing or certification policy that published connectors demonstrably
	// carry (title words, lengths, readme sections, colors, metadata): a warning, an error only
	// for a new submission.
	BasisListing
	// BasisIgnored: the platform ignores or coerces the value, so it works, though not as written.
	BasisIgnored
	// BasisHeuristic: probably a mistake, but not certainly.
	BasisHeuristic
	// BasisStyle: a convention of readability or consistency.
	BasisStyle
	// BasisInfo: information about the run or an open set of values, not a defect.
	BasisInfo
)

var basisNames = [...]string{
	BasisNone: "", BasisRejected: "rejected", BasisBroken: "broken", BasisProcess: "process",
	BasisListing: "listing", BasisIgnored: "ignored", BasisHeuristic: "heuristic", BasisStyle: "style",
	BasisInfo: "info",
}

// String is the basis's name as shown by `connector-check rules` ("rejected").
func (b Basis) String() string {
	if int(b) < len(basisNames) {
		return basisNames[b]
	}
	return ""
}

// JustifiesError reports whether the basis allows the error severity for every connector.
func (b Basis) JustifiesError() bool {
	return b == BasisRejected || b == BasisBroken || b == BasisProcess
}

// Bases lists every basis in policy order, for documentation.
func Bases() []Basis {
	return []Basis{BasisRejected, BasisBroken, BasisProcess, BasisListing, BasisIgnored, BasisHeuristic, BasisStyle, BasisInfo}
}

// BasisMeaning is one line on what the basis means and the severity it supports.
func (b Basis) Meaning() string {
	switch b {
	case BasisRejected:
		return "The platform or the certification pipeline rejects it (documented, or its own reader can't read it): error."
	case BasisBroken:
		return "It certainly does not work as the author meant (a reference to nothing, a callback never filled, a secret-shaped literal): error."
	case BasisProcess:
		return "The upstream repository's pull-request process stops the pull request: error (only in pull-request mode)."
	case BasisListing:
		return "Listing or certification policy that published connectors carry: warning, error only for a new submission."
	case BasisIgnored:
		return "The platform ignores or coerces it, so it works but not as written: warning or notice."
	case BasisHeuristic:
		return "Probably a mistake, but not certainly: warning or notice."
	case BasisStyle:
		return "Style and consistency: notice (warning where a guideline asks for it)."
	case BasisInfo:
		return "Information about the run or an open set of values: notice."
	}
	return ""
}

// Sources named in the reasons.
const (
	srcSV      = "Swagger Validator"                  // certification-swagger-validator-rules: every PR and the ISV portal
	srcSchema  = "Swagger 2.0 schema"                 // applied by paconn validate and the Swagger Validator
	srcProps   = "apiProperties schema"               // the repository's schemas/apiProperties.schema.json
	srcFAQ     = "documented limit"                   // custom connector FAQ
	srcCode    = "documented custom-code requirement" // Write code in a custom connector
	srcPkg     = "package import"                     // Dataverse solution import, ConnectorPackageValidator
	srcFlows   = "flows built on the published version stop working"
	srcCarried = "published connectors carry it"
)
