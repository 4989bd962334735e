package validate

// schemaRules: §6 responses and schemas, §7.2 x-ms extension semantics (dynamic values, webhooks, enum values).
var schemaRules = []Rule{}

// schemaChecks run the schema rules.
var schemaChecks = []check{}
