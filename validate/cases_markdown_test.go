package validate

import (
	"strings"
	"testing"
)

func readmeEdit(pairs ...string) func(t *testing.T) map[string]string {
	return func(t *testing.T) map[string]string {
		return map[string]string{ReadmeName: edit(t, goodReadme, pairs...)}
	}
}

// merge combines the files of several edits (later ones win for the same file).
func merge(fns ...func(t *testing.T) map[string]string) func(t *testing.T) map[string]string {
	return func(t *testing.T) map[string]string {
		m := map[string]string{}
		for _, fn := range fns {
			for k, v := range fn(t) {
				m[k] = v
			}
		}
		return m
	}
}

func introEdit(pairs ...string) func(t *testing.T) map[string]string {
	return func(t *testing.T) map[string]string {
		return map[string]string{IntroName: edit(t, goodIntro, pairs...)}
	}
}

var (
	oauthProps = propertiesEdit(`"type": "securestring"`, `"type": "oauthSetting"`)
	noAuth     = merge(
		swaggerEdit(`"securityDefinitions": {
    "api_key": {"type": "apiKey", "in": "header", "name": "X-API-Key"}
  },
  "security": [{"api_key": []}],`, ``),
		propertiesEdit(`"connectionParameters": {
      "api_key": {
        "type": "securestring",
        "uiDefinition": {
          "displayName": "API Key",
          "description": "The API key for your Contoso Tasks account.",
          "tooltip": "Provide your API key",
          "constraints": {"tabIndex": 2, "clearText": false, "required": "true"}
        }
      }
    }`, `"connectionParameters": {}`))
)

var markdownCases = []ruleCase{
	{rule: "ReadmeSectionMissing", name: "certified: notice for Deployment Instructions", kind: C, files: merge(certBrand, readmeEdit("## Deployment Instructions", "## Notes")), fire: true, at: ReadmeName + ":1:1", ptr: "-"},
	{rule: "ReadmeSectionMissing", name: "no H1: whole file", kind: IP, files: readmeEdit("# Contoso Tasks\n", "", "## Known Issues and Limitations", "## Notes"), fire: true, at: ReadmeName, ptr: "-"},
	{rule: "ReadmeSectionMissing", name: "Authentication counts as credentials", kind: IP, files: readmeEdit("## Obtaining Credentials", "## Authentication")},
	{rule: "ReadmeSectionMissing", name: "IP needs no Deployment Instructions", kind: IP, files: readmeEdit("## Deployment Instructions", "## Notes")},
	{rule: "ReadmeSectionMissing", name: "a heading missing its space is there", kind: IP, files: readmeEdit("## Prerequisites", "##Prerequisites")},
	{rule: "ReadmeSectionMissing", name: "custom connectors are exempt", kind: CU, files: readmeEdit("## Prerequisites", "")},

	{rule: "ReadmeHeadingStructure", name: "no H1", kind: IP, files: readmeEdit("# Contoso Tasks\n", ""), fire: true, at: ReadmeName + ":3:1", ptr: "-"},
	{rule: "ReadmeHeadingStructure", name: "custom connectors are exempt", kind: CU, files: readmeEdit("# Contoso Tasks\n", "")},

	{rule: "ReadmeHeadingMissingSpace", name: "indented, in a list item", kind: CU, files: readmeEdit("None so far.", "- item\n  ###Details"), fire: true, at: ReadmeName + ":22:3", ptr: "-"},
	{rule: "ReadmeHeadingMissingSpace", name: "BOM and CRLF", kind: IP, files: func(t *testing.T) map[string]string {
		return map[string]string{ReadmeName: "\uFEFF" + strings.ReplaceAll(edit(t, goodReadme, "# Contoso Tasks", "#Contoso Tasks\n# Contoso Tasks"), "\n", "\r\n")}
	}, fire: true, at: ReadmeName + ":1:1", ptr: "-"},
	{rule: "ReadmeHeadingMissingSpace", name: "code, issue numbers and headings", kind: IP, files: readmeEdit("None so far.", "See #1 and\n```\n#include <x>\n```\n\n    #indented code\n\n##  Spaced")},

	{rule: "ReadmePlaceholderText", name: "Publisher's Name", kind: C, files: merge(certBrand, readmeEdit("Jane Doe", "Publisher's Name")), fire: true, at: ReadmeName + ":4:1", ptr: "-"},
	{rule: "ReadmePlaceholderText", name: "Required. paragraph", kind: IP, files: readmeEdit("You need a", "Required. You need a"), fire: true, at: ReadmeName + ":7:1", ptr: "-"},
	{rule: "ReadmePlaceholderText", name: "Description of operation 1", kind: IP, files: readmeEdit("Creates a task.", "Description of operation 1"), fire: true, at: ReadmeName + ":13:1", ptr: "-"},
	{rule: "ReadmePlaceholderText", name: "custom connectors are exempt", kind: CU, files: readmeEdit("# Contoso Tasks", "# Title")},

	{rule: "ReadmeOAuthStepsMissing", name: "swagger oauth2, short section", kind: IP, files: merge(
		swaggerEdit(`"api_key": {"type": "apiKey", "in": "header", "name": "X-API-Key"}`, `"api_key": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://contoso.com/a", "tokenUrl": "https://contoso.com/t", "scopes": {}}`),
		readmeEdit("Sign in to Contoso Tasks, open Settings, then API, and copy your API key.", "Register an app and copy its client id.")),
		fire: true, at: ReadmeName + ":17:1", ptr: "-"},
	{rule: "ReadmeOAuthStepsMissing", name: "API key", kind: IP},
	{rule: "ReadmeOAuthStepsMissing", name: "certified connectors are exempt", kind: C, files: merge(certBrand, oauthProps)},

	{rule: "ReadmeLinkBroken", name: "wrong case", kind: CU, files: readmeEdit("None so far.", "![api](apidefinition.swagger.json)"), fire: true, at: ReadmeName + ":21:1", ptr: "-"},
	{rule: "ReadmeLinkBroken", name: "www without scheme", kind: IP, files: readmeEdit("None so far.", "Visit [us](www.contoso.com)."), fire: true, at: ReadmeName + ":21:7", ptr: "-"},

	{rule: "IntroSectionMissing", name: "no FAQ: notice", kind: C, files: merge(certBrand, introEdit("## FAQ\nNone yet.\n", "")), fire: true, at: IntroName, ptr: "-", sev: Notice},
	{rule: "IntroSectionMissing", name: "with an H1", kind: IP, files: introEdit("Contoso Tasks keeps", "# Contoso Tasks\nContoso Tasks keeps", "## Known issues and limitations", "## Notes"), fire: true, at: IntroName + ":1:1", ptr: "-", sev: Warning},
	{rule: "IntroSectionMissing", name: "no credentials without auth", kind: IP, files: merge(noAuth, introEdit("## How to get credentials\nOpen Settings, then API, and copy your API key.\n\n", ""))},
	{rule: "IntroSectionMissing", name: "no intro: nothing to check", kind: IP},

	{rule: "IntroLeadInvalid", name: "nine sentences", kind: IP, files: introEdit("owners and reminders.", "owners and reminders."+strings.Repeat(" It works.", 8)), fire: true, at: IntroName + ":1:1", ptr: "-"},
	{rule: "IntroLeadInvalid", name: "info.description again", kind: IP, files: introEdit("Contoso Tasks keeps the tasks of a team in one place, with due dates, owners and reminders.", "Create, list and complete tasks in Contoso Tasks from your flows."), fire: true, at: IntroName + ":1:1", ptr: "-"},

	{rule: "IntroMissing", name: "a folder check doesn't ask for it", kind: IP},
}
