package validate

// Examples of the independent-publisher certification article's checks (pr_ip.go), shown in
// docs/rules.md.
func init() {
	for id, e := range ipProcessExamples {
		ruleExamples[id] = e
	}
}

var ipProcessExamples = map[string]Example{
	"PublisherChanged": {File: "base → head apiProperties.json (an update)", Lang: "json",
		Bad:  "base: \"publisher\": \"Jane Doe\"\nhead: \"publisher\": \"John Roe\"",
		Good: "base: \"publisher\": \"Jane Doe\"\nhead: \"publisher\": \"Jane Doe\"\n(John Roe asks Jane Doe to submit the update)"},
	"ConnectorAlreadyExists": {File: "pull request: added files", Lang: "text",
		Bad:  "independent-publisher-connectors/ContosoTasks/apiDefinition.swagger.json   (\"title\": \"Contoso Tasks\")\n# independent-publisher-connectors/Contoso Tasks already exists",
		Good: "modified: independent-publisher-connectors/Contoso Tasks/apiDefinition.swagger.json   (adds your operations)"},
	"ConnectorNameNearExisting": {File: "pull request: added files", Lang: "text",
		Bad:  "independent-publisher-connectors/Contoso Task/apiDefinition.swagger.json\n# independent-publisher-connectors/Contoso Tasks already exists",
		Good: "modified: independent-publisher-connectors/Contoso Tasks/apiDefinition.swagger.json\n# or, for another service, a name that says which: Contoso Task Board"},
	"PrProposalIntroMissing": {File: "pull request \"Proposal - Contoso Tasks (Independent Publisher)\": added files", Lang: "text",
		Bad:  "independent-publisher-connectors/Contoso Tasks/notes.txt",
		Good: "independent-publisher-connectors/Contoso Tasks/intro.md"},
	"PrProposalDetailsMissing": {File: "intro.md (a proposal)", Lang: "markdown",
		Bad:  "# Contoso Tasks\nA connector for Contoso Tasks.",
		Good: "# Contoso Tasks\nContoso Tasks keeps the tasks of a team in one place, with due dates and owners.\nThe connector will list, create and complete tasks, and trigger a flow when a task is due.\n\n## Authentication\nAn API key from the settings page. API documentation: https://developer.contoso.com/tasks"},
	"PrProposalContactMissing": {File: "intro.md (a proposal looking for collaborators)", Lang: "markdown",
		Bad:  "## Collaborators\nLooking for collaborators on the triggers.",
		Good: "## Collaborators\nLooking for collaborators on the triggers: write to jane.doe@example.com."},
}
