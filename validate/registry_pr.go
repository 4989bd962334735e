package validate

// prRules: §16 pull-request checks. They run only through CheckPullRequest (PR context: the event
// payload and the changed files), never in Check.
var prRules = []Rule{
	{ID: "PrTitleInvalid", Severity: Error, Kinds: IndependentPublisher, Section: "16",
		Summary: `The trimmed PR title must match ^.+ \(Independent Publisher\)$, e.g. "HubSpot Marketing (Independent Publisher)" (a proposal's title without the suffix: warning).`},
	{ID: "PrProposalNotReady", Severity: Warning, Kinds: IndependentPublisher, Section: "16",
		Summary: `The PR title starts with "Proposal -": review starts once the prefix is removed.`},
	{ID: "PrMultipleConnectors", Severity: Error, Kinds: AllKinds, Section: "16",
		Summary: "The changed files touch more than one connector folder."},
	{ID: "PrFileOutsideConnectorFolder", Severity: Error, Kinds: AllKinds, Section: "16",
		Summary: "A changed file is outside every connector folder (schemas/, templates/, root files); a stale fork is the usual cause. Upstream repository only."},
	{ID: "PrConnectorRootInvalid", Severity: Error, Kinds: AllKinds, Section: "16",
		Summary: "A new connector folder isn't a direct child of certified-connectors/, independent-publisher-connectors/ or custom-connectors/."},
	{ID: "PrBaseBranchNotDev", Severity: Error, Kinds: AllKinds, Section: "16",
		Summary: "The PR doesn't target dev. Upstream repository only."},
	{ID: "PrConnectorFolderRenamed", Severity: Error, Kinds: Publishable, Section: "16",
		Summary: "An existing connector folder was renamed or moved."},
	{ID: "PrIpPackageCount", Severity: Error, Kinds: IndependentPublisher, Section: "16",
		Summary: "A new independent-publisher submission must add exactly one .zip package (not yet in a proposal PR; with validate --base, the folder must hold one)."},
	{ID: "PrScreenshotsMissing", Severity: Warning, Kinds: IndependentPublisher, Section: "16",
		Summary: "The PR body has fewer than 2 images (Markdown images, <img>, attachment URLs) of working operations and the Test tab (not asked of a proposal PR)."},
	{ID: "PrChecklistIncomplete", Severity: Notice, Kinds: Publishable, Section: "16",
		Summary: "The PR template's checkboxes are unticked."},
	{ID: "PrReadmeNotUpdated", Severity: Notice, Kinds: Publishable, Section: "16",
		Summary: "An existing connector's swagger or apiProperties changed, but its readme didn't."},
	{ID: "SecretLiteralDetected", Severity: Error, Kinds: AllKinds, Section: "16",
		Summary: "A connector file (or, in a pull request, any changed file) holds a credential: known token formats (private keys, AKIA…, ghp_…, xox[bp]-…, sk-…, JWTs, Bearer tokens) are errors; high-entropy literals of 32+ characters in default, example, x-example, x-ms-test-value, policy values or script literals are warnings."},
	// The independent-publisher certification article's checks before a review (pr_ip.go): they
	// need the base version or the repository's other connector folders. Severities: the article
	// rejects an IP update from another publisher and a second IP connector for an existing one
	// (errors); for certified connectors publisher is a minor-update field and the title rule is a
	// submission requirement matched here on names only (warnings); a near name is a guess
	// (warning). A proposal is its intro.md (Step 2), so without one there is nothing to review
	// (error; the older process put the proposal in readme.md: warning); "as many details as
	// possible" is a request and 200 characters our threshold (warning); the contact email is
	// asked only of proposals looking for collaborators, guessed from their words (notice).
	{ID: "PublisherChanged", Severity: Warning, PerKind: ipError, Kinds: Publishable, Section: "16",
		Summary: "An existing connector's apiProperties.json publisher differs from the base version's (names compared ignoring case, order and white space). IP: error, the article rejects updates from a different publisher; certified: warning."},
	{ID: "ConnectorAlreadyExists", Severity: Warning, PerKind: ipError, Kinds: Publishable, Section: "16",
		Summary: "A new connector folder's name or info.title equals an existing certified or independent-publisher connector's folder name or title, ignoring case, spaces, punctuation and a trailing \"(Independent Publisher)\". IP: error (extend the existing connector); certified: warning."},
	{ID: "ConnectorNameNearExisting", Severity: Warning, Kinds: Publishable, Section: "16",
		Summary: "A new connector's normalized folder name or title is 1 edit from an existing connector's (names of 6+ letters and digits), or 2 (both 10+): did you mean to update it?"},
	{ID: "PrProposalIntroMissing", Severity: Error, Kinds: IndependentPublisher, Section: "16",
		Summary: `A proposal PR ("Proposal - <Name>") has no intro.md in the connector folder (warning when readme.md holds the proposal).`},
	{ID: "PrProposalDetailsMissing", Severity: Warning, Kinds: IndependentPublisher, Section: "16",
		Summary: "A proposal's intro.md has under 200 characters of text besides headings; the article asks for as many details as possible."},
	{ID: "PrProposalContactMissing", Severity: Notice, Kinds: IndependentPublisher, Section: "16",
		Summary: "A proposal that looks for collaborators (intro.md or the PR description says so) has no email address in intro.md."},
	{ID: "PrContextUnavailable", Severity: Notice, Kinds: AllKinds, Section: "16",
		Summary: "The pull request's changed files or base versions couldn't be read (no token, a fork's token refused, rate limit); says what was skipped."},
	{ID: "PrSettingsChanged", Severity: Error, Kinds: AllKinds, Section: "16",
		Summary: "The change adds, edits or removes the configuration (.connector-check.yml) or the baseline the check reads: pull-request mode reads both at the base commit, so the change takes effect after the merge and can't lower the pull request's own verdict."},
}
