package validate

// packageCases are the firing and non-firing cases of the package rules (registry_package.go).
var packageCases = []ruleCase{}
