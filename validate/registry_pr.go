package validate

// prRules: §16 pull-request checks. They run only through CheckPullRequest (PR context: the event
// payload and the changed files), never in Check.
var prRules = []Rule{
	{ID: "PrTitleInvalid", Severity: Error, Kinds: IndependentPublisher, Section: "16",
		Summary: `The trimmed PR title must match ^.+ \(Independent Publisher\)$, e.g. "HubSpot Marketing (Independent Publisher)".`},
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
		Summary: "A new independent-publisher submission must add exactly one .zip package."},
	{ID: "PrScreenshotsMissing", Severity: Warning, Kinds: IndependentPublisher, Section: "16",
		Summary: "The PR body has fewer than 2 images (Markdown images, <img>, attachment URLs) of working operations and the Test tab."},
	{ID: "PrChecklistIncomplete", Severity: Notice, Kinds: Publishable, Section: "16",
		Summary: "The PR template's checkboxes are unticked."},
	{ID: "PrReadmeNotUpdated", Severity: Notice, Kinds: Publishable, Section: "16",
		Summary: "An existing connector's swagger or apiProperties changed, but its readme didn't."},
	{ID: "SecretLiteralDetected", Severity: Error, Kinds: AllKinds, Section: "16",
		Summary: "A changed file holds a credential: known token formats (private keys, AKIA…, ghp_…, xox[bp]-…, sk-…, JWTs, Bearer tokens) are errors; high-entropy literals of 32+ characters in default, example, x-example, x-ms-test-value, policy values or script literals are warnings."},
	{ID: "PrContextUnavailable", Severity: Notice, Kinds: AllKinds, Section: "16",
		Summary: "The pull request's changed files or base versions couldn't be read (no token, a fork's token refused, rate limit); says what was skipped."},
	{ID: "PrSettingsChanged", Severity: Error, Kinds: AllKinds, Section: "16",
		Summary: "The change adds, edits or removes the configuration (.connector-check.yml) or the baseline the check reads: pull-request mode reads both at the base commit, so the change takes effect after the merge and can't lower the pull request's own verdict."},
}
