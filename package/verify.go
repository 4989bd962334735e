package packaging

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"path"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/connector-check/connector-check/validate"
)

// srcPkg names the source of a package rule's basis (validate's basis.go names the others).
const srcPkg = "package import" // Dataverse solution import, ConnectorPackageValidator

// Plugin modes of the validator script (its y/n argument).
const (
	PluginAuto = iota // plugin mode when a solution has a non-empty aicopilot_aiplugin node
	PluginYes
	PluginNo
)

// Options configure a verification.
type Options struct {
	// Kind decides which rules apply (PackageIconMissing is for certified connectors only);
	// 0 means independent publisher.
	Kind validate.Kind
	// ConnectorPath names the connector in findings; the zip's label when empty.
	ConnectorPath string
	// Connector, when set, is the folder the package should have been built from: the
	// packaged swagger and connection parameters are compared with its files (drift).
	Connector *validate.Connector
	Plugin    int
	// Budget is the run's zip budget, shared by every package the run reads; nil gives this
	// verification a budget of its own (NewBudget defaults).
	Budget *Budget
}

// CertificationKind is the kind a package is built and checked as: package rules are
// certification rules, so a custom connector (or an unresolved kind) counts as an independent
// publisher's.
func CertificationKind(k validate.Kind) validate.Kind {
	if k == validate.Custom || k == 0 {
		return validate.IndependentPublisher
	}
	return k
}

type verifier struct {
	opts           Options
	kind           validate.Kind
	isNew          bool // the connector is a new submission (Rule.New escalates)
	conn           string
	budget         int64   // bytes this package may still read
	run            *Budget // the run's budget, shared with other packages
	budgetReported bool
	pluginMode     bool  // the validator's plugin argument, given or detected
	flowBytes      int64 // workflow JSON read so far (maxFlowJSON)
	findings       []validate.Finding
}

func (v *verifier) report(rule *validate.Rule, file, format string, args ...any) {
	v.reportAs(rule, 0, file, format, args...)
}

func (v *verifier) reportAs(rule *validate.Rule, sev validate.Severity, file, format string, args ...any) {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	if f, ok := validate.NewFinding(rule, sev, v.kind, v.isNew, v.conn, file, msg); ok {
		v.findings = append(v.findings, f)
	}
}

// Verify checks a certification package held in memory: every check of Microsoft's
// ConnectorPackageValidator.ps1 and the deeper ones of package-layout.md §6. label names the
// zip in findings (its path); nothing is written to disk.
func Verify(label string, data []byte, opts Options) []validate.Finding {
	v := &verifier{opts: opts, kind: opts.Kind, conn: opts.ConnectorPath, budget: maxTotalSize, run: opts.Budget}
	if opts.Connector != nil {
		v.isNew = opts.Connector.New
	}
	if v.run == nil {
		v.run = NewBudget(0, 0)
	}
	if v.kind == 0 {
		v.kind = validate.IndependentPublisher
	}
	if v.conn == "" {
		v.conn = label
	}
	v.verify(label, data)
	return validate.SortFindings(v.findings)
}

// VerifyInFolder verifies a zip found at the top of connector folder c against that folder's
// files, with a budget of its own. A solution export kept in the folder (FlowSolution.zip,
// solution.xml at its root) is not a package and is skipped.
func VerifyInFolder(c *validate.Connector, name string, data []byte) []validate.Finding {
	return NewBudget(0, 0).VerifyInFolder(c, name, data)
}

// VerifyInFolder is a validate.PackageVerifier for one run: every zip it verifies draws from b.
func (b *Budget) VerifyInFolder(c *validate.Connector, name string, data []byte) []validate.Finding {
	if isSolutionZip(data) {
		return nil
	}
	return Verify(c.FilePath(name), data, Options{Kind: c.Kind, ConnectorPath: c.Path, Connector: c, Budget: b})
}

// solution is one parsed solution zip.
type solution struct {
	label      string
	arc        *archive
	cust, sol  *node
	connector  bool // some <Connector> is non-empty (the deeper checks)
	workflows  bool // some <Workflows> is non-empty
	plugin     bool // some <aicopilot_aiplugin> is non-empty
	connectors []*node
	// What ConnectorPackageValidator.ps1 sees: the first //Connector, //Workflows and
	// //aicopilot_aiplugin element in no namespace, non-empty by its test (xmlns attributes
	// count). The solution kinds and the folder checks follow these.
	psConnector, psWorkflows, psPlugin bool
	psNotes                            []string // why the script's view differs from the deeper one
}

var packageOuterLayoutInvalid = validate.Register(validate.Rule{
	ID: "PackageOuterLayoutInvalid", Severity: validate.Error, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage, Policy: "5000.1.1.5",
	Summary: "The outer zip must hold exactly one .md, exactly one .zip and no folders (a wrapping folder, a missing intro).",
	Basis:   validate.BasisRejected, BasisReason: srcPkg,
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.IndependentPublisher, At: "package.zip", Package: &validate.PackageCase{Edits: []validate.PackageEdit{
			{Entry: "package.zip!", Rename: "Contoso Tasks/"},
		}}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}},
	},
})

var packageIconMissing = validate.Register(validate.Rule{
	ID: "PackageIconMissing", Severity: validate.Error, Kinds: validate.Certified, Section: "14", Scope: validate.ScopePackage, Policy: "5000.1.1.1",
	Summary: "Certified: no PNG icon at the outer root of the package.",
	Basis:   validate.BasisRejected, BasisReason: srcPkg,
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.Certified, At: "package.zip", Package: &validate.PackageCase{}},
		GoodCase: &validate.Case{Kind: validate.Certified, Package: &validate.PackageCase{}, Edits: []validate.Edit{
			{File: validate.IconName, Gen: "png:230x230"},
		}},
	},
})

func (v *verifier) verify(label string, data []byte) {
	outer := v.openArchive(label, 0, data)
	if outer == nil {
		return
	}
	files, folders := outer.level("")
	var mds, zips []*entry
	var icon, customProps bool
	for _, f := range files {
		switch {
		case hasExt(f.name, ".md"):
			mds = append(mds, f)
		case hasExt(f.name, ".zip"):
			zips = append(zips, f)
		case hasExt(f.name, ".png"):
			icon = true
		case strings.EqualFold(f.name, "customProperties.json"):
			customProps = true
		}
	}
	switch {
	case len(mds) == 0 && len(zips) == 0 && len(folders) == 1:
		v.report(packageOuterLayoutInvalid, label, "the package is wrapped in the folder %q; zip intro.md and the Package Deployer zip themselves, not the folder that holds them (5000.1.1.11)", folders[0])
	default:
		var problems []string
		if len(mds) != 1 {
			problems = append(problems, fmt.Sprintf("%s (want exactly one, intro.md)", plural(len(mds), ".md file", ".md files")))
		}
		if len(zips) != 1 {
			problems = append(problems, fmt.Sprintf("%s (want exactly one, the Package Deployer zip)", plural(len(zips), ".zip file", ".zip files")))
		}
		if len(folders) > 0 {
			problems = append(problems, fmt.Sprintf("folders %s (want none)", quoteList(folders)))
		}
		if len(problems) > 0 {
			v.report(packageOuterLayoutInvalid, label, "the outer zip's root has %s; it must hold intro.md and one Package Deployer zip", strings.Join(problems, ", "))
		}
	}
	if !icon {
		v.report(packageIconMissing, label, "the package has no PNG icon at its root; add icon.png (100-230 px, the connector's brand icon) next to intro.md (5000.1.1.1)")
	}
	if len(zips) != 1 {
		return
	}
	pdData, ok := v.read(outer, zips[0])
	if !ok {
		return
	}
	pd := v.openArchive(label+"!"+zips[0].name, 1, pdData)
	if pd == nil {
		return
	}
	sols := v.verifyDeployer(pd)
	v.verifySolutions(pd, sols, customProps)
}

var packageDeployerLayoutInvalid = validate.Register(validate.Rule{
	ID: "PackageDeployerLayoutInvalid", Severity: validate.Error, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage, Policy: "5000.1.1.12",
	Summary: "The Package Deployer zip doesn't have exactly one root folder.",
	Basis:   validate.BasisRejected, BasisReason: srcPkg,
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.IndependentPublisher, At: validate.PkgDeployer, Package: &validate.PackageCase{Edits: []validate.PackageEdit{
			{Entry: validate.PkgDeployer + "!Other/readme.txt", New: "notes"},
		}}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}},
	},
})

var packageAssetsFolderName = validate.Register(validate.Rule{
	ID: "PackageAssetsFolderName", Severity: validate.Warning, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage,
	Summary: "The Package Deployer zip's folder isn't named PkgAssets (compared ignoring case).",
	Basis:   validate.BasisListing,
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.IndependentPublisher, At: validate.PkgDeployer + "!Assets", Package: &validate.PackageCase{Edits: []validate.PackageEdit{
			{Entry: validate.PkgAssets + "/", Rename: "Assets/"},
		}}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}},
	},
})

var packageAssetsLayoutInvalid = validate.Register(validate.Rule{
	ID: "PackageAssetsLayoutInvalid", Severity: validate.Error, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage, Policy: "5000.1.1.13",
	Summary: "The assets folder has sub-folders, or doesn't hold exactly 2 solution zips (3 in plugin mode).",
	Basis:   validate.BasisRejected, BasisReason: srcPkg,
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.IndependentPublisher, At: validate.PkgAssets, Package: &validate.PackageCase{Edits: []validate.PackageEdit{
			{Entry: validate.PkgAssets + "/flows/x.txt", New: "notes"},
		}}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}},
	},
})

var connectorSolutionMissing = validate.Register(validate.Rule{
	ID: "ConnectorSolutionMissing", Severity: validate.Error, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage, Policy: "5000.1.1.8",
	Summary: "No solution holds only the connector (Connector without Workflows), judged as ConnectorPackageValidator.ps1 does: the first //Connector and //Workflows in no namespace, non-empty when they have child nodes or attributes (xmlns included).",
	Basis:   validate.BasisRejected, BasisReason: srcPkg,
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.IndependentPublisher, At: validate.PkgAssets, Package: &validate.PackageCase{Edits: []validate.PackageEdit{
			{Entry: validate.PkgConnector, Remove: true},
		}}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}},
	},
})

var pluginSolutionMissing = validate.Register(validate.Rule{
	ID: "PluginSolutionMissing", Severity: validate.Error, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage, Policy: "5000.1.1.6",
	Summary: "Plugin mode: no solution holds the connector and an AI plugin (Connector + aicopilot_aiplugin).",
	Basis:   validate.BasisRejected, BasisReason: srcPkg,
	Example: validate.Example{
		BadCase:  &validate.Case{Kind: validate.IndependentPublisher, At: validate.PkgAssets, Package: &validate.PackageCase{Plugin: true}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}},
	},
})

// verifyDeployer checks the Package Deployer zip and opens its solution zips.
func (v *verifier) verifyDeployer(pd *archive) []*solution {
	_, folders := pd.level("")
	assets := ""
	switch {
	case len(folders) == 1:
		assets = folders[0]
	default:
		if len(folders) == 0 {
			v.report(packageDeployerLayoutInvalid, pd.label, "the Package Deployer zip has no folder; its solutions belong in PkgAssets/ (5000.1.1.12)")
		} else {
			v.report(packageDeployerLayoutInvalid, pd.label, "the Package Deployer zip has %d root folders %s; it must have exactly one, PkgAssets (5000.1.1.12)", len(folders), quoteList(folders))
		}
		for _, f := range folders {
			if strings.EqualFold(f, "PkgAssets") {
				assets = f
			}
		}
		if assets == "" {
			return nil
		}
	}
	if !strings.EqualFold(assets, "PkgAssets") {
		v.report(packageAssetsFolderName, pd.label+"!"+assets, "the assets folder is named %q; name it PkgAssets, as Package Deployer expects", assets)
	}
	files, sub := pd.level(assets)
	if len(sub) > 0 {
		v.report(packageAssetsLayoutInvalid, pd.label+"!"+assets, "the assets folder has sub-folders %s; it must hold only the solution zips and files such as ImportConfig.xml (5000.1.1.13)", quoteList(sub))
	}
	var sols []*solution
	var zipNames []string
	for _, f := range files {
		if !hasExt(f.name, ".zip") {
			continue
		}
		zipNames = append(zipNames, path.Base(f.name))
		data, ok := v.read(pd, f)
		if !ok {
			continue
		}
		s := &solution{label: pd.label + "!" + f.name}
		if s.arc = v.openArchive(s.label, 2, data); s.arc == nil {
			continue
		}
		v.parseSolution(s)
		sols = append(sols, s)
	}
	plugin := v.opts.Plugin == PluginYes
	if v.opts.Plugin == PluginAuto {
		plugin = slices.ContainsFunc(sols, func(s *solution) bool { return s.psPlugin })
	}
	v.pluginMode = plugin
	for _, s := range sols {
		v.checkFolders(s)
	}
	want := 2
	if plugin {
		want = 3
	}
	if len(zipNames) != want {
		mode := "a connector solution and a flow solution"
		if plugin {
			mode = "a connector, a flow and an AI plugin solution (plugin mode)"
		}
		v.report(packageAssetsLayoutInvalid, pd.label+"!"+assets, "the assets folder holds %s %s; it must hold exactly %d: %s (5000.1.1.13)", plural(len(zipNames), "zip", "zips"), quoteList(zipNames), want, mode)
	}
	kinds := []struct {
		rule *validate.Rule
		what string
		is   func(*solution) bool
		need bool
	}{
		{connectorSolutionMissing, "a connector solution (a non-empty Connector node and no workflows)", func(s *solution) bool { return s.psConnector && !s.psWorkflows && !(plugin && s.psPlugin) }, true},
		{flowSolutionMissing, "a flow solution (a tested flow plus the same connector: Connector and Workflows nodes)", func(s *solution) bool { return s.psConnector && s.psWorkflows && !(plugin && s.psPlugin) }, true},
		{pluginSolutionMissing, "an AI plugin solution (Connector and aicopilot_aiplugin nodes)", func(s *solution) bool { return s.psConnector && !s.psWorkflows && s.psPlugin }, plugin},
	}
	var notes []string
	for _, s := range sols {
		notes = append(notes, s.psNotes...)
	}
	why := ""
	if len(notes) > 0 {
		why = " (as ConnectorPackageValidator.ps1 reads them: " + strings.Join(notes, "; ") + ")"
	}
	for _, k := range kinds {
		if k.need && len(zipNames) > 0 && !slices.ContainsFunc(sols, k.is) {
			v.report(k.rule, pd.label+"!"+assets, "no solution in %s is %s%s; export it from your environment and add it to the folder", assets, k.what, why)
		} else if k.need && len(zipNames) == 0 && k.rule != pluginSolutionMissing {
			v.report(k.rule, pd.label+"!"+assets, "%s has no solution zips; add %s", assets, k.what)
		}
	}
	return sols
}

var solutionFilesMissing = validate.Register(validate.Rule{
	ID: "SolutionFilesMissing", Severity: validate.Error, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage, Policy: "5000.1.1.16",
	Summary: "A solution zip lacks [Content_Types].xml, customizations.xml or solution.xml at its root.",
	Basis:   validate.BasisRejected, BasisReason: srcPkg,
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.IndependentPublisher, At: validate.PkgConnector, Package: &validate.PackageCase{Edits: []validate.PackageEdit{
			{Entry: validate.PkgConnector + "![Content_Types].xml", Remove: true},
		}}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}},
	},
})

// parseSolution checks the three root files of a solution and classifies it.
func (v *verifier) parseSolution(s *solution) {
	files, _ := s.arc.level("")
	var missing []string
	get := func(name string) *entry {
		for _, f := range files {
			if strings.EqualFold(f.name, name) {
				return f
			}
		}
		missing = append(missing, name)
		return nil
	}
	ct, cust, sol := get("[Content_Types].xml"), get("customizations.xml"), get("solution.xml")
	if len(missing) > 0 {
		v.report(solutionFilesMissing, s.label, "the solution lacks %s at its root; add the solution zip exactly as Power Platform exported it, not re-zipped from a folder (5000.1.1.10, 5000.1.1.16)", strings.Join(missing, ", "))
	}
	parse := func(e *entry) *node {
		if e == nil {
			return nil
		}
		data, ok := v.read(s.arc, e)
		if !ok {
			return nil
		}
		if len(data) > maxXMLSize {
			v.report(validate.PackageNotReadable, s.label+"!"+e.name, "%s has %d bytes, more than the %d this checker parses (an exported solution's are a few KiB); export the solution again with only the connector and the flow", e.name, len(data), maxXMLSize)
			return nil
		}
		n, err := parseXML(data)
		if err != nil {
			v.report(validate.PackageNotReadable, s.label+"!"+e.name, "%s isn't well-formed XML (%v); export the solution again", e.name, err)
			return nil
		}
		return n
	}
	s.cust, s.sol = parse(cust), parse(sol)
	for _, n := range s.cust.all("Connector") {
		if n.nonEmpty() {
			s.connector = true
			s.connectors = append(s.connectors, n)
		}
	}
	for _, n := range s.cust.all("Workflows") {
		s.workflows = s.workflows || n.nonEmpty()
	}
	for _, n := range s.cust.all("aicopilot_aiplugin") {
		s.plugin = s.plugin || n.nonEmpty()
	}
	if s.cust != nil {
		for _, k := range []struct {
			name  string
			ps    *bool
			any   bool
			label string
		}{{"Connector", &s.psConnector, s.connector, "connector"}, {"Workflows", &s.psWorkflows, s.workflows, "workflows"}, {"aicopilot_aiplugin", &s.psPlugin, s.plugin, "AI plugin"}} {
			first := s.cust.psFirst(k.name)
			*k.ps = first.psNonEmpty()
			switch {
			case *k.ps == k.any:
			case s.cust.Space != "" && first == nil:
				s.psNotes = append(s.psNotes, fmt.Sprintf("%s!customizations.xml declares the default namespace %q on its root, so the validator's //%s finds no element and misses the %s", lastPart(s.label), s.cust.Space, k.name, k.label))
			case *k.ps:
				s.psNotes = append(s.psNotes, fmt.Sprintf("%s!customizations.xml has a <%s> with only attributes (namespace declarations count), which the validator counts as %s", lastPart(s.label), k.name, k.label))
			default:
				s.psNotes = append(s.psNotes, fmt.Sprintf("%s!customizations.xml has an empty <%s> before the one with content, and the validator looks only at the first", lastPart(s.label), k.name))
			}
		}
	}
	if ctn := parse(ct); ctn != nil {
		v.checkContentTypes(s, ctn)
	}
}

var solutionFoldersMismatch = validate.Register(validate.Rule{
	ID: "SolutionFoldersMismatch", Severity: validate.Error, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage, Policy: "5000.1.1.14",
	Summary: "A non-empty Connector, Workflows or aicopilot_aiplugin node has no matching folder, or a <Connector> file path is missing (an unreferenced Connector/ file: warning).",
	Basis:   validate.BasisRejected, BasisReason: srcPkg,
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.IndependentPublisher, At: validate.PkgFlow, Package: &validate.PackageCase{Edits: []validate.PackageEdit{
			{Entry: validate.PkgFlow + "!Connector/", Remove: true},
		}}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}},
	},
})

func (v *verifier) checkFolders(s *solution) {
	_, folders := s.arc.level("")
	has := func(name string) bool {
		return slices.ContainsFunc(folders, func(f string) bool { return strings.EqualFold(f, name) })
	}
	need := []struct {
		node    bool
		what    string
		folders []string
	}{
		{s.psConnector, "Connector", []string{"Connector"}},
		{s.psWorkflows, "Workflows", []string{"Connector", "Workflows"}},
		{s.psPlugin && v.pluginMode, "aicopilot_aiplugin", []string{"Connector", "aiplugins", "aipluginoperations"}},
	}
	reported := map[string]bool{}
	for _, n := range need {
		for _, f := range n.folders {
			if n.node && !has(f) && !reported[f] {
				reported[f] = true
				v.report(solutionFoldersMismatch, s.label, "customizations.xml declares %s but the solution has no %s/ folder; export the solution again instead of editing it (5000.1.1.14)", n.what, f)
			}
		}
	}
	if !s.connector || !has("Connector") {
		return
	}
	referenced := map[string]bool{}
	for _, c := range s.connectors {
		for _, el := range c.Children {
			p := el.Text
			if !strings.HasPrefix(p, "/Connector/") && !strings.HasPrefix(p, "/Connectors/") {
				continue
			}
			referenced[strings.ToLower(strings.TrimPrefix(p, "/"))] = true
			if s.arc.find(p) == nil {
				v.report(solutionFoldersMismatch, s.label+"!customizations.xml", "<%s> names %s, which the solution lacks; export the solution again", el.Name, p)
			}
		}
	}
	files, _ := s.arc.level("Connector")
	for _, f := range files {
		if !referenced[strings.ToLower(f.name)] {
			v.reportAs(solutionFoldersMismatch, validate.Warning, s.label+"!"+f.name, "%s isn't referenced by any <Connector> in customizations.xml, so import ignores it; remove it or export the solution again", f.name)
		}
	}
}

// package-layout.md §6 "VERIFY mode" (not in the catalog table).
var packageContentTypeMissing = validate.Register(validate.Rule{
	ID: "PackageContentTypeMissing", Severity: validate.Warning, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage,
	Summary: "A solution file's extension has no Default (and the file no Override) in [Content_Types].xml.",
	Basis:   validate.BasisIgnored,
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.IndependentPublisher, At: validate.PkgConnector + "![Content_Types].xml", Package: &validate.PackageCase{Edits: []validate.PackageEdit{
			{Entry: validate.PkgConnector + "![Content_Types].xml", Old: `<Default Extension="json" ContentType="application/octet-stream" />`, New: ""},
		}}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}},
	},
})

func (v *verifier) checkContentTypes(s *solution, types *node) {
	defaults := map[string]bool{}
	overrides := map[string]bool{}
	for _, c := range types.Children {
		switch c.Name {
		case "Default":
			defaults[strings.ToLower(c.Attr["Extension"])] = true
		case "Override":
			overrides[strings.ToLower(c.Attr["PartName"])] = true
		}
	}
	missing := map[string][]string{}
	for _, e := range s.arc.entries {
		if e.dir || strings.EqualFold(e.name, "[Content_Types].xml") {
			continue
		}
		ext := strings.TrimPrefix(path.Ext(e.name), ".")
		if (ext != "" && defaults[strings.ToLower(ext)]) || overrides["/"+strings.ToLower(e.name)] {
			continue
		}
		missing[ext] = append(missing[ext], e.name)
	}
	for _, ext := range sortedKeys(missing) {
		names := missing[ext]
		decl := fmt.Sprintf(`<Default Extension="%s" ContentType="application/octet-stream" />`, ext)
		if ext == "" {
			decl = fmt.Sprintf(`<Override PartName="/%s" ContentType="application/octet-stream" />`, names[0])
		}
		v.report(packageContentTypeMissing, s.label+"![Content_Types].xml", "%s has no content type, so the solution package doesn't contain it as a part; add %s", quoteList(names), decl)
	}
}

// connectorInfo is the identity of one packaged connector.
type connectorInfo struct {
	id, name string
	sol      *solution
	el       *node
}

var packageConnectorIdMismatch = validate.Register(validate.Rule{
	ID: "PackageConnectorIdMismatch", Severity: validate.Error, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage,
	Summary: "Connector id or name differ: RootComponent 372 vs <Connector>, across solutions, flow api.logicalName or connection reference customconnectorid.",
	Basis:   validate.BasisBroken, BasisReason: "the solutions refer to different connectors",
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.IndependentPublisher, At: validate.PkgFlow + "!customizations.xml", Package: &validate.PackageCase{Edits: []validate.PackageEdit{
			{Entry: validate.PkgFlow + "!customizations.xml", Old: "<connectorid>09ca58f2-ead1-5138-bf7e-c4a2387799d9</connectorid>", New: "<connectorid>00000000-0000-0000-0000-000000000001</connectorid>"},
		}}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}},
	},
})

var packageOperationNotFound = validate.Register(validate.Rule{
	ID: "PackageOperationNotFound", Severity: validate.Error, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage,
	Summary: "A flow action calls an operationId the packaged swagger lacks (error), or scriptoperations names one (warning).",
	Basis:   validate.BasisBroken, BasisReason: "the flow calls an operation that doesn't exist",
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.IndependentPublisher, At: validate.PkgFlow + "!Workflows/", Package: &validate.PackageCase{Edits: []validate.PackageEdit{
			{Entry: validate.PkgFlow + "!Workflows/", Old: `"operationId": "ListTasks"`, New: `"operationId": "ListAllTasks"`},
		}}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}},
	},
})

var solutionMissingDependencies = validate.Register(validate.Rule{
	ID: "SolutionMissingDependencies", Severity: validate.Warning, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage,
	Summary: "solution.xml lists MissingDependencies; the solution isn't self-contained.",
	Basis:   validate.BasisHeuristic,
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.IndependentPublisher, At: validate.PkgFlow + "!solution.xml", Package: &validate.PackageCase{Edits: []validate.PackageEdit{
			{Entry: validate.PkgFlow + "!solution.xml", Old: "<MissingDependencies />", New: `<MissingDependencies><MissingDependency><Required type="372" schemaName="crccf_other" /></MissingDependency></MissingDependencies>`},
		}}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}},
	},
})

var solutionManaged = validate.Register(validate.Rule{
	ID: "SolutionManaged", Severity: validate.Warning, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage,
	Summary: "solution.xml <Managed> isn't 0; certification expects unmanaged solutions.",
	Basis:   validate.BasisListing, BasisReason: "certification expects unmanaged solutions",
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.IndependentPublisher, At: validate.PkgConnector + "!solution.xml", Package: &validate.PackageCase{Edits: []validate.PackageEdit{
			{Entry: validate.PkgConnector + "!solution.xml", Old: "<Managed>0</Managed>", New: "<Managed>1</Managed>"},
		}}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}},
	},
})

func (v *verifier) verifySolutions(pd *archive, sols []*solution, customProps bool) {
	var conns []connectorInfo
	for _, s := range sols {
		sx := s.label + "!solution.xml"
		if s.sol != nil {
			if m := s.sol.first("Managed"); m != nil && m.Text != "0" {
				v.report(solutionManaged, sx, "<Managed> is %q; certification expects unmanaged solutions: export it as unmanaged (Managed 0)", m.Text)
			}
			if md := s.sol.first("MissingDependencies"); md != nil && len(md.Children) > 0 {
				var deps []string
				for _, d := range md.all("Required") {
					deps = append(deps, fmt.Sprintf("type %s %s", d.Attr["type"], cmp.Or(d.Attr["schemaName"], d.Attr["displayName"], d.Attr["id"])))
				}
				v.report(solutionMissingDependencies, sx, "the solution lists missing dependencies (%s); add the connector and its connection references to the solution before exporting so that it is self-contained", strings.Join(deps, "; "))
			}
		}
		roots := map[string]string{} // RootComponent 372 id -> schemaName
		for _, rc := range s.sol.all("RootComponent") {
			if rc.Attr["type"] == "372" {
				roots[normGUID(rc.Attr["id"])] = rc.Attr["schemaName"]
			}
		}
		for _, c := range s.connectors {
			ci := connectorInfo{id: normGUID(c.childText("connectorid")), name: c.childText("name"), sol: s, el: c}
			conns = append(conns, ci)
			if s.sol == nil {
				continue
			}
			if schema, ok := roots[ci.id]; !ok {
				v.report(packageConnectorIdMismatch, s.label+"!solution.xml", "no RootComponent type 372 has the id {%s} of connector %q in customizations.xml; export the solution again", ci.id, ci.name)
			} else if !strings.EqualFold(schema, ci.name) {
				v.report(packageConnectorIdMismatch, s.label+"!solution.xml", "RootComponent {%s} has schemaName %q but the connector is named %q in customizations.xml; export the solution again", ci.id, schema, ci.name)
			}
			if !s.workflows && !s.plugin { // the flow solution carries the same files
				v.checkPolicyFile(s, c)
				v.checkRecord(s, c)
			}
			if c.child("connectionparametersets") != nil && !customProps {
				v.report(packageCustomPropertiesMissing, pd.label, "connector %q uses connectionParameterSets (multiple authentication types) but the outer zip has no customProperties.json; add it next to intro.md (5000.1.1.5)", ci.name)
			}
		}
	}
	// One connector, the same in every solution.
	for i := 1; i < len(conns); i++ {
		a, b := conns[0], conns[i]
		if a.id != b.id || a.name != b.name {
			v.report(packageConnectorIdMismatch, b.sol.label+"!customizations.xml", "the connector here is %q {%s} but %s has %q {%s}; both solutions must carry the same connector: export them from the same environment", b.name, b.id, lastPart(a.sol.label), a.name, a.id)
		}
	}
	v.checkConsistent(sols, conns)
	if len(conns) == 0 {
		return
	}
	main := conns[0]
	for _, c := range conns {
		if !c.sol.workflows && !c.sol.plugin {
			main = c
			break
		}
	}
	ops, swaggerData := v.packagedOperations(main)
	for _, s := range sols {
		if s.workflows {
			v.checkWorkflows(s, conns, ops)
		}
	}
	if ops != nil {
		if so := main.el.childText("scriptoperations"); so != "" {
			var names []string
			if json.Unmarshal([]byte(so), &names) == nil {
				for _, n := range names {
					if !ops[n] {
						v.reportAs(packageOperationNotFound, validate.Warning, main.sol.label+"!customizations.xml", "scriptoperations names %q, which the packaged swagger has no operationId for; remove it from apiProperties scriptOperations", n)
					}
				}
			}
		}
	}
	if v.opts.Connector != nil {
		v.checkDrift(main, swaggerData)
	}
}

// checkRecord checks the connector record against the Dataverse columns: lengths, and a brand
// color (an empty iconbrandcolor fails on import).
func (v *verifier) checkRecord(s *solution, c *node) {
	cx := s.label + "!customizations.xml"
	if strings.TrimSpace(c.childText("iconbrandcolor")) == "" {
		v.report(packageBrandColorMissing, cx, "connector %q has no iconbrandcolor, which fails on import; set iconBrandColor in apiProperties.json and build the package again (or set the color in the custom connector and export again)", c.childText("name"))
	}
	var cols []column
	for _, el := range c.Children {
		if columnLimits[el.Name] == 0 {
			continue
		}
		if !strings.HasPrefix(el.Text, "/") {
			cols = append(cols, column{elem: el.Name, text: el.Text})
			continue
		}
		if e := s.arc.find(el.Text); e != nil {
			if data, ok := v.read(s.arc, e); ok {
				cols = append(cols, column{elem: el.Name, file: e.name, text: string(stripBOM(data))})
			}
		}
	}
	v.checkColumns(cx, s.label+"!", cols)
	if c.child("connectionparametersets") != nil {
		return
	}
	var params, openapi string
	for _, col := range cols {
		switch col.elem {
		case "connectionparameters":
			params = strings.TrimSpace(col.text)
		case "openapidefinition":
			openapi = col.text
		}
	}
	if params != "{}" && params != "" && params != "null" || len(openapi) > columnLimits["openapidefinition"]*3 {
		return
	}
	var doc any
	if json.Unmarshal([]byte(openapi), &doc) != nil {
		return
	}
	if why := authenticatedAPI(doc); why != "" {
		v.report(packageConnectionParametersEmpty, s.label+"!"+strings.TrimPrefix(c.childText("connectionparameters"), "/"), "the connection parameters are empty although the API needs credentials (%s), so users can't enter them on the connection; %s", why, connParamsFix)
	}
}

const connParamsFix = `add properties.connectionParameters to apiProperties.json matching securityDefinitions, e.g. "api_key": {"type": "securestring", "uiDefinition": {"displayName": "API Key", "tooltip": "Your API key", "constraints": {"tabIndex": 2, "clearText": false, "required": "true"}}}, and build the package again`

// authenticatedAPI says why a swagger calls an API that needs credentials: security
// definitions, or a parameter that carries a credential; "" when nothing says so.
func authenticatedAPI(doc any) string {
	if sd, ok := field(doc, "securityDefinitions").(map[string]any); ok && len(sd) > 0 {
		return "securityDefinitions " + strings.Join(sortedKeys(sd), ", ")
	}
	var lists []any
	if ps, ok := field(doc, "parameters").(map[string]any); ok {
		for _, k := range sortedKeys(ps) {
			lists = append(lists, ps[k])
		}
	}
	paths, _ := field(doc, "paths").(map[string]any)
	for _, pk := range sortedKeys(paths) {
		item, _ := paths[pk].(map[string]any)
		for _, mk := range sortedKeys(item) {
			if l, ok := field(item[mk], "parameters").([]any); ok {
				lists = append(lists, l...)
			} else if l, ok := item[mk].([]any); ok && mk == "parameters" {
				lists = append(lists, l...)
			}
		}
	}
	for _, prm := range lists {
		name, _ := field(prm, "name").(string)
		in, _ := field(prm, "in").(string)
		if in != "header" && in != "query" {
			continue
		}
		n := strings.ToLower(strings.NewReplacer("-", "", "_", "").Replace(name))
		if n == "authorization" || n == "apikey" || n == "xapikey" || n == "accesstoken" || n == "subscriptionkey" || n == "ocpapimsubscriptionkey" {
			return fmt.Sprintf("the %s parameter %q", in, name)
		}
	}
	return ""
}

var packageSolutionsInconsistent = validate.Register(validate.Rule{
	ID: "PackageSolutionsInconsistent", Severity: validate.Warning, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage,
	Summary: "The connector and flow solutions use different publishers, or give the connector a different display name, description or brand color (the last import wins).",
	Basis:   validate.BasisIgnored, BasisReason: "the last import wins",
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.IndependentPublisher, At: validate.PkgFlow + "!solution.xml", Package: &validate.PackageCase{Edits: []validate.PackageEdit{
			{Entry: validate.PkgFlow + "!solution.xml", Old: "<CustomizationPrefix>crccf</CustomizationPrefix>", New: "<CustomizationPrefix>ab</CustomizationPrefix>"},
		}}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}},
	},
})

// checkConsistent compares the solutions' publishers and the connector record's texts: one
// connector imported twice with different values takes the last import's.
func (v *verifier) checkConsistent(sols []*solution, conns []connectorInfo) {
	var first *solution
	for _, s := range sols {
		pub := s.sol.first("Publisher")
		if pub == nil {
			continue
		}
		if first == nil {
			first = s
			continue
		}
		fp := first.sol.first("Publisher")
		for _, el := range []string{"UniqueName", "CustomizationPrefix"} {
			if a, b := fp.childText(el), pub.childText(el); a != b {
				v.report(packageSolutionsInconsistent, s.label+"!solution.xml", "the publisher's %s is %q here but %q in %s; use one publisher for both solutions (build with --flow-solution to take the flow solution's)", el, b, a, lastPart(first.label))
				break
			}
		}
	}
	for i := 1; i < len(conns); i++ {
		a, b := conns[0], conns[i]
		if a.id != b.id {
			continue // PackageConnectorIdMismatch
		}
		for _, el := range []string{"displayname", "description", "iconbrandcolor"} {
			if x, y := a.el.childText(el), b.el.childText(el); x != y {
				v.report(packageSolutionsInconsistent, b.sol.label+"!customizations.xml", "the connector's <%s> differs from the one in %s; import keeps the last solution's, so give both the same (build with --flow-solution to take the flow solution's)", el, lastPart(a.sol.label))
			}
		}
	}
}

var packagePolicyTemplateFileEmpty = validate.Register(validate.Rule{
	ID: "PackagePolicyTemplateFileEmpty", Severity: validate.Warning, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage, Policy: "5000.1.1.16",
	Summary: "The connector's policytemplateinstances file is empty (warning) or [] / null (notice).",
	Basis:   validate.BasisIgnored,
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.IndependentPublisher, At: validate.PkgConnector + "!Connector/", Severity: validate.Warning, Package: &validate.PackageCase{Edits: []validate.PackageEdit{
			{Entry: validate.PkgConnector + "!Connector/crccf_contosotasks_policytemplateinstances.json", New: ""},
		}}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}, Edits: []validate.Edit{
			{File: validate.PropertiesName, Old: `"capabilities": [],`, New: `"capabilities": [],` + "\n    " + `"policyTemplateInstances": [{"templateId": "setheader", "title": "Set header", "parameters": {"x-ms-apimTemplateParameter.name": "X-Source", "x-ms-apimTemplateParameter.value": "flow", "x-ms-apimTemplateParameter.existsAction": "override", "x-ms-apimTemplate-policySection": "Request"}}],`},
		}},
	},
})

func (v *verifier) checkPolicyFile(s *solution, c *node) {
	p := c.childText("policytemplateinstances")
	if p == "" {
		return
	}
	e := s.arc.find(p)
	if e == nil {
		return // SolutionFoldersMismatch
	}
	data, ok := v.read(s.arc, e)
	if !ok {
		return
	}
	switch t := strings.TrimSpace(string(stripBOM(data))); t {
	case "":
		v.report(packagePolicyTemplateFileEmpty, s.label+"!"+e.name, "the policy template instances file is empty; it must hold a JSON array ([] when the connector has no policies): export the solution again (5000.1.1.16)")
	case "[]", "null":
		v.reportAs(packagePolicyTemplateFileEmpty, validate.Notice, s.label+"!"+e.name, "the connector has no policy templates (%s); exports write this, but one publisher reports 5000.1.1.16 for it: if the package is rejected, check apiProperties policyTemplateInstances", t)
	}
}

// packagedOperations reads the connector's OpenAPI file: its operationIds (nil when unreadable)
// and its bytes.
func (v *verifier) packagedOperations(c connectorInfo) (map[string]bool, []byte) {
	p := c.el.childText("openapidefinition")
	e := c.sol.arc.find(p)
	if p == "" || e == nil {
		return nil, nil
	}
	data, ok := v.read(c.sol.arc, e)
	if !ok {
		return nil, nil
	}
	if len(data) > columnLimits["openapidefinition"]*3 { // over the limit whatever the characters: PackageColumnTooLong
		return nil, nil
	}
	var doc any
	if err := json.Unmarshal(stripBOM(data), &doc); err != nil {
		v.report(validate.PackageNotReadable, c.sol.label+"!"+e.name, "the packaged OpenAPI file isn't JSON (%v); export the solution again", err)
		return nil, nil
	}
	return operationIDs(doc), data
}

func operationIDs(doc any) map[string]bool {
	ops := map[string]bool{}
	paths, _ := field(doc, "paths").(map[string]any)
	for _, item := range paths {
		m, _ := item.(map[string]any)
		for _, op := range m {
			if id, ok := field(op, "operationId").(string); ok {
				ops[id] = true
			}
		}
	}
	return ops
}

// field walks object members: field(v, "a", "b") is v.a.b, or nil.
func field(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

var packageWorkflowsMismatch = validate.Register(validate.Rule{
	ID: "PackageWorkflowsMismatch", Severity: validate.Error, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage, Policy: "5000.1.1.15",
	Summary: "The workflows declared in customizations.xml don't match the JSON files under Workflows/ one to one.",
	Basis:   validate.BasisRejected, BasisReason: srcPkg,
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.IndependentPublisher, At: validate.PkgFlow + "!Workflows/Renamed", Package: &validate.PackageCase{Edits: []validate.PackageEdit{
			{Entry: validate.PkgFlow + "!Workflows/", Rename: "Workflows/Renamed"},
		}}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}},
	},
})

var packageFlowMissingConnector = validate.Register(validate.Rule{
	ID: "PackageFlowMissingConnector", Severity: validate.Error, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage, Policy: "5000.1.1.7",
	Summary: "No workflow JSON of the flow solution references the packaged connector's logical name or id.",
	Basis:   validate.BasisBroken, BasisReason: "the flow doesn't use the connector it certifies",
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.IndependentPublisher, At: validate.PkgFlow, Package: &validate.PackageCase{Edits: []validate.PackageEdit{
			{Entry: validate.PkgFlow + "!Workflows/", New: `{"properties": {"connectionReferences": {}, "definition": {"actions": {}}}, "schemaVersion": "1.0.0.0"}`},
		}}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}},
	},
})

// checkWorkflows matches declared workflows with files and checks that they use the connector.
func (v *verifier) checkWorkflows(s *solution, conns []connectorInfo, ops map[string]bool) {
	cx := s.label + "!customizations.xml"
	declared := map[string]string{} // lower path -> workflow name
	for _, w := range s.cust.all("Workflow") {
		jf := w.childText("JsonFileName")
		if jf == "" {
			if w.nonEmpty() {
				v.report(packageWorkflowsMismatch, cx, "workflow %q has no JsonFileName; export the solution again (5000.1.1.15)", w.Attr["Name"])
			}
			continue
		}
		declared[strings.ToLower(strings.TrimPrefix(jf, "/"))] = w.Attr["Name"]
		if s.arc.find(jf) == nil {
			v.report(packageWorkflowsMismatch, cx, "workflow %q names %s, which the solution lacks; export the solution again (5000.1.1.15)", w.Attr["Name"], jf)
		}
	}
	files, _ := s.arc.level("Workflows")
	refs := map[string]string{} // connection reference logical name -> custom connector GUID
	for _, cr := range s.cust.all("connectionreference") {
		if cc := cr.child("customconnectorid"); cc != nil {
			id := normGUID(cmp.Or(cc.childText("connectorid"), cc.Text))
			refs[cr.Attr["connectionreferencelogicalname"]] = id
			if id != "" && !slices.ContainsFunc(conns, func(c connectorInfo) bool { return c.id == id }) {
				v.report(packageConnectorIdMismatch, cx, "connection reference %q points at custom connector {%s}, which the package doesn't carry; export the flow solution with the packaged connector", cr.Attr["connectionreferencelogicalname"], id)
			}
		}
	}
	usesConnector := false
	for _, f := range files {
		where := s.label + "!" + f.name
		if _, ok := declared[strings.ToLower(f.name)]; !ok {
			v.report(packageWorkflowsMismatch, where, "%s isn't declared by any <Workflow> in customizations.xml; remove it or export the solution again (5000.1.1.15)", f.name)
		}
		if !hasExt(f.name, ".json") {
			continue
		}
		if v.flowBytes+int64(f.f.UncompressedSize64) > maxFlowJSON {
			v.report(validate.PackageNotReadable, where, "the workflow files add up to more than the %d MiB this checker reads per package (a tested flow is a few KiB); %s and the rest were not checked: keep only the certification flow in the solution", maxFlowJSON>>20, f.name)
			break
		}
		data, ok := v.readOnce(s.arc, f)
		if !ok {
			continue
		}
		if v.flowBytes += int64(len(data)); v.flowBytes > maxFlowJSON {
			continue // declared smaller than it is: the next file reports
		}
		flow, err := scanFlow(data)
		if err != nil {
			v.report(validate.PackageNotReadable, where, "the workflow file isn't JSON that this checker reads (%v); export the solution again", err)
			continue
		}
		mine := map[string]bool{} // connection names that are the packaged connector
		for _, key := range sortedKeys(flow.refs) {
			logical, refName := flow.refs[key].logicalName, flow.refs[key].refName
			for _, c := range conns {
				if logical != "" && strings.EqualFold(logical, c.name) {
					mine[key] = true
				} else if refName != "" && refs[refName] == c.id {
					mine[key] = true
				}
			}
			if logical != "" && !mine[key] && strings.Contains(key, "shared_") && refs[refName] != "" {
				v.report(packageConnectorIdMismatch, where, "connection %q has api.logicalName %q but the packaged connector is %q; export the flow with the packaged connector", key, logical, conns[0].name)
			}
		}
		for _, c := range conns {
			if bytes.Contains(data, []byte(c.name)) || (c.id != "" && (bytes.Contains(data, []byte(c.id)) || bytes.Contains(data, []byte(strings.ToUpper(c.id))))) {
				usesConnector = true
			}
		}
		if len(mine) > 0 {
			usesConnector = true
		}
		for _, call := range flow.calls {
			if mine[call.connection] && ops != nil && !ops[call.operation] {
				v.report(packageOperationNotFound, where, "the flow calls operationId %q, which the packaged swagger lacks; rebuild the flow on the current connector, or restore the operation", call.operation)
			}
		}
	}
	if !usesConnector && len(conns) > 0 {
		v.report(packageFlowMissingConnector, s.label, "no workflow in the flow solution uses the packaged connector %q; the flow must call at least one of its operations (5000.1.1.7)", conns[0].name)
	}
}

type hostCall struct{ connection, operation string }

var packageConnectorMismatch = validate.Register(validate.Rule{
	ID: "PackageConnectorMismatch", Severity: validate.Warning, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage,
	Summary: "The packaged OpenAPI file or connection parameters differ from the folder's swagger / apiProperties (title, host, operationIds, content).",
	Basis:   validate.BasisHeuristic,
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.IndependentPublisher, At: validate.PkgConnector + "!Connector/", Package: &validate.PackageCase{Stale: true}, Edits: []validate.Edit{
			{File: validate.SwaggerName, Old: `"operationId": "CreateTask"`, New: `"operationId": "AddTask"`},
		}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}, Edits: []validate.Edit{
			{File: validate.SwaggerName, Old: `"operationId": "CreateTask"`, New: `"operationId": "AddTask"`},
		}},
	},
})

// checkDrift compares the packaged swagger and connection parameters with the folder's files.
func (v *verifier) checkDrift(c connectorInfo, packaged []byte) {
	folder := v.opts.Connector
	if packaged != nil && folder.Swagger != nil && folder.Swagger.Data != nil {
		var got, want any
		gerr := json.Unmarshal(stripBOM(packaged), &got)
		werr := json.Unmarshal(stripBOM(folder.Swagger.Data), &want)
		if gerr == nil && werr == nil && !reflect.DeepEqual(got, want) {
			where := c.sol.label + "!" + strings.TrimPrefix(c.el.childText("openapidefinition"), "/")
			var diffs []string
			for _, k := range [][]string{{"info", "title"}, {"host"}, {"basePath"}, {"info", "version"}} {
				if g, w := field(got, k...), field(want, k...); !reflect.DeepEqual(g, w) {
					diffs = append(diffs, fmt.Sprintf("%s %v in the package, %v in the folder", strings.Join(k, "."), show(g), show(w)))
				}
			}
			gops, wops := operationIDs(got), operationIDs(want)
			if add := missingFrom(wops, gops); len(add) > 0 {
				diffs = append(diffs, "operations not in the package: "+strings.Join(add, ", "))
			}
			if gone := missingFrom(gops, wops); len(gone) > 0 {
				diffs = append(diffs, "operations only in the package: "+strings.Join(gone, ", "))
			}
			if len(diffs) == 0 {
				diffs = append(diffs, "first difference at "+firstDifference(got, want, ""))
			}
			v.report(packageConnectorMismatch, where, "the packaged swagger differs from %s (%s); rebuild the package from the current folder (connector-check package)", folder.Swagger.Path, strings.Join(diffs, "; "))
		}
	}
	p := c.el.childText("connectionparameters")
	if e := c.sol.arc.find(p); p != "" && e != nil && folder.Properties != nil && folder.Properties.Data != nil {
		data, ok := v.read(c.sol.arc, e)
		var got, props any
		if ok && len(data) <= 3*columnLimits["connectionparameters"] && json.Unmarshal(stripBOM(data), &got) == nil &&
			json.Unmarshal(stripBOM(folder.Properties.Data), &props) == nil {
			want := field(props, "properties", "connectionParameters")
			if want == nil {
				want = map[string]any{}
			}
			if got == nil {
				got = map[string]any{}
			}
			if !reflect.DeepEqual(got, want) {
				v.report(packageConnectorMismatch, c.sol.label+"!"+e.name, "the packaged connection parameters differ from properties.connectionParameters in %s (first difference at %s); rebuild the package from the current folder", folder.Properties.Path, firstDifference(got, want, "/properties/connectionParameters"))
			}
		}
	}
}

// firstDifference is the JSON pointer of the first place (keys in sorted order) where two
// decoded JSON values differ; "" is the root.
func firstDifference(a, b any, ptr string) string {
	switch av := a.(type) {
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok {
			return ptr
		}
		keys := make([]string, 0, len(av)+len(bv))
		for k := range av {
			keys = append(keys, k)
		}
		for k := range bv {
			if _, dup := av[k]; !dup {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		esc := strings.NewReplacer("~", "~0", "/", "~1")
		for _, k := range keys {
			x, okA := av[k]
			y, okB := bv[k]
			if !okA || !okB {
				return ptr + "/" + esc.Replace(k)
			}
			if !reflect.DeepEqual(x, y) {
				return firstDifference(x, y, ptr+"/"+esc.Replace(k))
			}
		}
	case []any:
		bv, ok := b.([]any)
		if !ok {
			return ptr
		}
		for i := 0; i < len(av) && i < len(bv); i++ {
			if !reflect.DeepEqual(av[i], bv[i]) {
				return firstDifference(av[i], bv[i], ptr+"/"+strconv.Itoa(i))
			}
		}
		return ptr + "/" + strconv.Itoa(min(len(av), len(bv)))
	}
	if ptr == "" {
		return "the root"
	}
	return ptr
}

func show(v any) string {
	if v == nil {
		return "(none)"
	}
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprint(v)
}

// missingFrom lists the keys of a that b lacks, sorted.
func missingFrom(a, b map[string]bool) []string {
	var out []string
	for k := range a {
		if !b[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

func normGUID(s string) string {
	return strings.ToLower(strings.Trim(strings.TrimSpace(s), "{}"))
}

// isSolutionZip reports whether data is a solution export rather than a package.
func isSolutionZip(data []byte) bool {
	if bytes.Count(data, []byte("PK\x01\x02")) > maxEntries {
		return false // Verify reports it without listing the entries
	}
	r, err := newZipReader(data)
	if err != nil {
		return false
	}
	for _, f := range r.File {
		if strings.EqualFold(f.Name, "solution.xml") {
			return true
		}
	}
	return false
}
