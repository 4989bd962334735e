package validate

// schemaCases are the firing and non-firing cases of the schema rules (registry_schema.go).
var schemaCases = []ruleCase{}
