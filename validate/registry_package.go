package validate

// packageRules: §14 package.zip verification (run by the packaging package).
var packageRules = []Rule{}
