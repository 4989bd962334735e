package validate

// prRules: §16 pull-request checks.
var prRules = []Rule{}
