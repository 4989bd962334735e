package validate

// propertiesRules: §9 apiProperties.json, §13 settings.json.
var propertiesRules = []Rule{}

// propertiesChecks run the properties rules.
var propertiesChecks = []check{}
