package validate

// layoutCases are the firing and non-firing cases of the layout rules (registry_layout.go).
var layoutCases = []ruleCase{}
