package validate

// markdownRules: §10 readme.md, §11 intro.md.
var markdownRules = []Rule{}

// markdownChecks run the markdown rules.
var markdownChecks = []check{}
