package validate

// layoutRules: §1 folder layout, §13 icon.png.
var layoutRules = []Rule{}

// layoutChecks run the layout rules.
var layoutChecks = []check{}
