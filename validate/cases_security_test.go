package validate

// securityCases are the firing and non-firing cases of the security rules (registry_security.go).
var securityCases = []ruleCase{}
