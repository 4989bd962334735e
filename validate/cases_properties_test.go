package validate

// propertiesCases are the firing and non-firing cases of the properties rules (registry_properties.go).
var propertiesCases = []ruleCase{}
