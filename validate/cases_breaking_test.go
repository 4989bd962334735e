package validate

// breakingCases are the firing and non-firing cases of the breaking rules (registry_breaking.go).
var breakingCases = []ruleCase{}
