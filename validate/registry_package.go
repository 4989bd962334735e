package validate

import (
	"path/filepath"
	"strings"
)

// packageRules: §14 package.zip verification (run by the packaging package). The rows after
// PackageConnectorMismatch are the deeper checks of package-layout.md §6 "VERIFY mode", which
// the catalog has no row for.
var packageRules = []Rule{
	{ID: "PackageNotReadable", Severity: Error, Kinds: Publishable, Section: "14",
		Summary: "The outer or a nested zip can't be opened (corrupt, encrypted, not a zip), or an entry is too large or too compressed to read safely."},
	{ID: "ZipEntryPathUnsafe", Severity: Error, Kinds: Publishable, Section: "14",
		Summary: "An entry name is absolute, has .. or a drive letter, is a symbolic link or a duplicate, or is a name Windows can't create (<>:\"|?*, control characters, CON/NUL/COM1...; Expand-Archive fails) (error); backslashes, __MACOSX/, .DS_Store, Thumbs.db, a zip nested below the layout, a trailing dot or space, or folders differing only in case (Windows merges them) (warning)."},
	{ID: "PackageOuterLayoutInvalid", Severity: Error, Kinds: Publishable, Section: "14", Policy: "5000.1.1.5",
		Summary: "The outer zip must hold exactly one .md, exactly one .zip and no folders (a wrapping folder, a missing intro)."},
	{ID: "PackageDeployerLayoutInvalid", Severity: Error, Kinds: Publishable, Section: "14", Policy: "5000.1.1.12",
		Summary: "The Package Deployer zip doesn't have exactly one root folder."},
	{ID: "PackageAssetsFolderName", Severity: Warning, Kinds: Publishable, Section: "14",
		Summary: "The Package Deployer zip's folder isn't named PkgAssets (compared ignoring case)."},
	{ID: "PackageAssetsLayoutInvalid", Severity: Error, Kinds: Publishable, Section: "14", Policy: "5000.1.1.13",
		Summary: "The assets folder has sub-folders, or doesn't hold exactly 2 solution zips (3 in plugin mode)."},
	{ID: "SolutionFilesMissing", Severity: Error, Kinds: Publishable, Section: "14", Policy: "5000.1.1.16",
		Summary: "A solution zip lacks [Content_Types].xml, customizations.xml or solution.xml at its root."},
	{ID: "SolutionFoldersMismatch", Severity: Error, Kinds: Publishable, Section: "14", Policy: "5000.1.1.14",
		Summary: "A non-empty Connector, Workflows or aicopilot_aiplugin node has no matching folder, or a <Connector> file path is missing (an unreferenced Connector/ file: warning)."},
	{ID: "ConnectorSolutionMissing", Severity: Error, Kinds: Publishable, Section: "14", Policy: "5000.1.1.8",
		Summary: "No solution holds only the connector (Connector without Workflows), judged as ConnectorPackageValidator.ps1 does: the first //Connector and //Workflows in no namespace, non-empty when they have child nodes or attributes (xmlns included)."},
	{ID: "FlowSolutionMissing", Severity: Error, Kinds: Publishable, Section: "14", Policy: "5000.1.1.6",
		Summary: "No solution holds a flow and the connector (Connector + Workflows); notice when the package command generated a sample flow."},
	{ID: "PluginSolutionMissing", Severity: Error, Kinds: Publishable, Section: "14", Policy: "5000.1.1.6",
		Summary: "Plugin mode: no solution holds the connector and an AI plugin (Connector + aicopilot_aiplugin)."},
	{ID: "PackageWorkflowsMismatch", Severity: Error, Kinds: Publishable, Section: "14", Policy: "5000.1.1.15",
		Summary: "The workflows declared in customizations.xml don't match the JSON files under Workflows/ one to one."},
	{ID: "PackageFlowMissingConnector", Severity: Error, Kinds: Publishable, Section: "14", Policy: "5000.1.1.7",
		Summary: "No workflow JSON of the flow solution references the packaged connector's logical name or id."},
	{ID: "PackagePolicyTemplateFileEmpty", Severity: Warning, Kinds: Publishable, Section: "14", Policy: "5000.1.1.16",
		Summary: "The connector's policytemplateinstances file is empty (warning) or [] / null (notice)."},
	{ID: "PackageIconMissing", Severity: Error, Kinds: Certified, Section: "14", Policy: "5000.1.1.1",
		Summary: "Certified: no PNG icon at the outer root of the package."},
	{ID: "PackageCustomPropertiesMissing", Severity: Error, Kinds: Publishable, Section: "14", Policy: "5000.1.1.5",
		Summary: "connectionParameterSets is used but the outer root has no customProperties.json."},
	{ID: "PackageConnectorMismatch", Severity: Warning, Kinds: Publishable, Section: "14",
		Summary: "The packaged OpenAPI file or connection parameters differ from the folder's swagger / apiProperties (title, host, operationIds, content)."},

	// package-layout.md §6 "VERIFY mode" (not in the catalog table).
	{ID: "PackageContentTypeMissing", Severity: Warning, Kinds: Publishable, Section: "14",
		Summary: "A solution file's extension has no Default (and the file no Override) in [Content_Types].xml."},
	{ID: "PackageConnectorIdMismatch", Severity: Error, Kinds: Publishable, Section: "14",
		Summary: "Connector id or name differ: RootComponent 372 vs <Connector>, across solutions, flow api.logicalName or connection reference customconnectorid."},
	{ID: "PackageOperationNotFound", Severity: Error, Kinds: Publishable, Section: "14",
		Summary: "A flow action calls an operationId the packaged swagger lacks (error), or scriptoperations names one (warning)."},
	{ID: "SolutionMissingDependencies", Severity: Warning, Kinds: Publishable, Section: "14",
		Summary: "solution.xml lists MissingDependencies; the solution isn't self-contained."},
	{ID: "SolutionManaged", Severity: Warning, Kinds: Publishable, Section: "14",
		Summary: "solution.xml <Managed> isn't 0; certification expects unmanaged solutions."},

	// Issue 16: the connector record against Dataverse, and the two solutions against each other.
	{ID: "PackageColumnTooLong", Severity: Error, Kinds: Publishable, Section: "14",
		Summary: "A connector record value is longer than its Dataverse column: openapidefinition 1,000,000 characters, description 1,000, displayname 200, iconbrandcolor 100, name 500, connection parameters, policies, script operations and custom code 500,000; the import fails and the builder refuses."},
	{ID: "PackageBrandColorMissing", Severity: Error, Kinds: Publishable, Section: "14",
		Summary: "The connector record has no iconbrandcolor, which fails on import (error); the builder packages the default color and warns when apiProperties has none."},
	{ID: "PackageConnectionParametersEmpty", Severity: Warning, Kinds: Publishable, Section: "14",
		Summary: "The connector's connection parameters are empty although its swagger calls an authenticated API (securityDefinitions, or an Authorization or API key parameter)."},
	{ID: "PackageSolutionsInconsistent", Severity: Warning, Kinds: Publishable, Section: "14",
		Summary: "The connector and flow solutions use different publishers, or give the connector a different display name, description or brand color (the last import wins)."},
}

// packageChecks verify each .zip at the top of a connector folder through the pass's verifier.
var packageChecks = []check{checkPackageZips}

func checkPackageZips(p *pass) {
	if p.verify == nil {
		return
	}
	c := p.c
	for _, e := range c.Entries {
		if !e.Mode.IsRegular() || !strings.EqualFold(filepath.Ext(e.Name), ".zip") {
			continue
		}
		data, tooLarge, err := readCapped(filepath.Join(c.Dir, e.Name), MaxFileSize)
		switch {
		case err != nil:
			p.report("PackageNotReadable", whole(c.FilePath(e.Name)), "%s can't be read: %v", e.Name, err)
		case tooLarge:
			p.report("PackageNotReadable", whole(c.FilePath(e.Name)), "%s is over %d MiB and was not read; a certification package is a few MiB at most", e.Name, MaxFileSize>>20)
		default:
			p.findings = append(p.findings, p.verify(c, e.Name, data)...)
		}
	}
}
