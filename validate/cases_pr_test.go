package validate

// prCases are the firing and non-firing cases of the pr rules (registry_pr.go).
var prCases = []ruleCase{}
