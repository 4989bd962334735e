package validate

// operationCases are the firing and non-firing cases of the operation rules (registry_operation.go).
var operationCases = []ruleCase{}
