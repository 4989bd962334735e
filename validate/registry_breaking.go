package validate

// breakingRules: §15 breaking changes between two versions.
var breakingRules = []Rule{}
