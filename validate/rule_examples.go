package validate

// Example is a short bad and good input for a rule, shown in docs/rules.md. Lang is the code
// fence language (json, markdown, csharp, text); File names the file the snippet is from.
type Example struct {
	File, Lang string
	Bad, Good  string
}

// RuleExample returns the rule's example; TestRuleExamples requires one for every rule.
func RuleExample(id string) (Example, bool) {
	r, ok := LookupRule(id)
	if !ok || r.Example == (Example{}) {
		return Example{}, false
	}
	return r.Example, true
}
