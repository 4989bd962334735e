package validate

// breakingCases are the firing and non-firing cases of the breaking rules.
var breakingCases = []ruleCase{}
