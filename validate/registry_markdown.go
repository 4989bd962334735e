package validate

// markdownRules: §10 readme.md, §11 intro.md.
var markdownRules = []Rule{
	// §10 readme.md (ReadmeMissing is a core rule)
	{ID: "ReadmeSectionMissing", Severity: Warning, PerKind: map[Kind]Severity{Certified: Notice}, Kinds: Publishable, Section: "10", New: Error,
		Summary: "A section of the readme template is missing (Publisher, Prerequisites, Supported Operations, Obtaining Credentials, Known Issues and Limitations; C: Deployment Instructions); one finding per section."},
	{ID: "ReadmeHeadingStructure", Severity: Notice, Kinds: Publishable, Section: "10",
		Summary: "The readme has no H1, or more than one."},
	{ID: "ReadmeHeadingMissingSpace", Severity: Warning, Kinds: AllKinds, Section: "10",
		Summary: "A #Heading without a space after the #, which renders as text."},
	{ID: "ReadmePlaceholderText", Severity: Warning, Kinds: Publishable, Section: "10",
		Summary: "Template text left in: # Title, Publisher's Name, a paragraph starting Required./Optional., Description of operation 1."},
	{ID: "ReadmeOAuthStepsMissing", Severity: Warning, Kinds: IndependentPublisher, Section: "10",
		Summary: "An IP OAuth connector's credentials section is under ~300 characters or never mentions app registration, client id or redirect URL."},
	{ID: "ReadmeLinkBroken", Severity: Warning, Kinds: AllKinds, Section: "10",
		Summary: "A relative link or image points to a file that isn't in the connector folder (URLs aren't fetched)."},

	// §11 intro.md
	{ID: "IntroMissing", Severity: Error, Kinds: Publishable, Section: "11", Policy: "5000.1.1.5",
		Summary: "A certification package is built or checked and the folder has no intro.md (only when packaging)."},
	{ID: "IntroSectionMissing", Severity: Warning, Kinds: Publishable, Section: "11",
		Summary: "intro.md lacks Prerequisites, How to get credentials (when there is auth) or Known issues and limitations (warning), or Get started, Common errors and remedies, FAQ (notice)."},
	{ID: "IntroLeadInvalid", Severity: Warning, Kinds: Publishable, Section: "11",
		Summary: "intro.md has no description before its first section, one longer than 8 sentences, or one repeating info.description."},
	{ID: "IntroListsOperations", Severity: Warning, Kinds: Publishable, Section: "11",
		Summary: "intro.md lists actions or triggers (Supported Operations); the documentation page generates them."},
	{ID: "IntroDuplicatesReadme", Severity: Warning, Kinds: Publishable, Section: "11",
		Summary: "intro.md equals readme.md after normalising white space."},
}

// markdownChecks run the markdown rules.
var markdownChecks = []check{checkReadme, checkIntro}
