package validate

// markdownCases are the firing and non-firing cases of the markdown rules (registry_markdown.go).
var markdownCases = []ruleCase{}
