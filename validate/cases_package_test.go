package validate

// packageCases are the firing and non-firing cases of the package rules.
var packageCases = []ruleCase{}
