package validate

// scriptRules: §12 script.csx.
var scriptRules = []Rule{}

// scriptChecks run the script rules.
var scriptChecks = []check{}
