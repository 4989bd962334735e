package validate

// NewFinding builds a finding of a registered rule for checks that live outside this package (the
// package.zip verifier). sev 0 means the rule's default severity for kind k. ok is false when the
// rule doesn't apply to k (certification rules for a custom connector).
func NewFinding(r *Rule, sev Severity, k Kind, connector, file, msg string) (f Finding, ok bool) {
	if !r.AppliesTo(k) {
		return Finding{}, false
	}
	if sev == 0 {
		sev = r.SeverityFor(k)
	}
	return Finding{
		Rule: r.ID, Severity: sev, Connector: connector, File: file,
		Message: msg, MsRule: r.MsRule, PolicyCode: r.Policy,
	}, true
}

// PackageVerifier verifies a .zip found at the top of a connector folder (name is its file name,
// data its bytes) and returns its findings: packaging.VerifyInFolder, or a run budget's
// VerifyInFolder. It is passed in (Options.VerifyPackage, CheckWith) because this package can't
// import packaging, which imports it. When nil, zips are not looked into.
type PackageVerifier func(c *Connector, name string, data []byte) []Finding
