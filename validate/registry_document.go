package validate

// documentRules: §3 swagger document: info, host, schemes, MIME, connector metadata; the structural Swagger 2.0 schema; x-ms extension names and placement.
var documentRules = []Rule{}

// documentChecks run the document rules.
var documentChecks = []check{}
