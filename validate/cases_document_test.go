package validate

// documentCases are the firing and non-firing cases of the document rules (registry_document.go).
var documentCases = []ruleCase{}
