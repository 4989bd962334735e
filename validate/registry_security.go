package validate

// securityRules: §8 security definitions and their consistency with apiProperties connection parameters.
var securityRules = []Rule{}

// securityChecks run the security rules.
var securityChecks = []check{}
