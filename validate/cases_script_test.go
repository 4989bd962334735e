package validate

// scriptCases are the firing and non-firing cases of the script rules (registry_script.go).
var scriptCases = []ruleCase{}
