package validate

// NewFinding builds a finding of a registered rule for checks that live outside this package (the
// package.zip verifier), through the same constructor as the checks here: sev 0 means the rule's
// default severity for kind k, escalated for a new submission (isNew); the message is capped at
// MaxMessageLength. The finding is about a whole file (no line). ok is false when the rule
// doesn't apply to k (certification rules for a custom connector).
func NewFinding(r *Rule, sev Severity, k Kind, isNew bool, connector, file, msg string) (f Finding, ok bool) {
	return newFinding(r, sev, subject{connector: connector, kind: k, isNew: isNew}, whole(file), msg)
}

// PackageVerifier verifies a .zip found at the top of a connector folder (name is its file name,
// data its bytes) and returns its findings: packaging.VerifyInFolder, or a run budget's
// VerifyInFolder. It is passed in (Options.VerifyPackage, CheckWith) because this package can't
// import packaging, which imports it. When nil, zips are not looked into.
type PackageVerifier func(c *Connector, name string, data []byte) []Finding
