package validate

// operationRules: §4 operations and paths, §5 parameters.
var operationRules = []Rule{}

// operationChecks run the operation rules.
var operationChecks = []check{}
