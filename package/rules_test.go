package packaging

import (
	"archive/zip"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/connector-check/connector-check/validate"
)

var (
	pkgOnce            sync.Once
	tasksPkg, notesPkg []byte
)

// packages are the two fixture packages, built once.
func packages(t testing.TB) (tasks, notes []byte) {
	pkgOnce.Do(func() {
		tasksPkg = build(t, tasksDir)
		notesPkg = build(t, notesDir)
	})
	return tasksPkg, notesPkg
}

func tasks(t *testing.T) []byte { p, _ := packages(t); return p }
func notes(t *testing.T) []byte { _, p := packages(t); return p }

// setData replaces the content of the entries whose name ends with suffix.
func setData(suffix, content string) func([]zent) []zent {
	return func(es []zent) []zent {
		for i := range es {
			if strings.HasSuffix(es[i].name, suffix) {
				es[i].data = []byte(content)
			}
		}
		return es
	}
}

// pkgCase is one firing or non-firing case of a §14 rule, on a package built from a fixture and
// then edited (the hostile fixtures are made here, in code).
type pkgCase struct {
	rule, name string
	pkg        func(t *testing.T) []byte
	opts       func(t *testing.T) Options // nil: independent publisher, no folder
	fire       bool
	file       string // the first finding's File starts with this
	sev        validate.Severity
	msg        string // the first finding's message contains this
}

func edited(base func(*testing.T) []byte, path []string, fn func([]zent) []zent) func(*testing.T) []byte {
	return func(t *testing.T) []byte { return edit(t, base(t), path, fn) }
}

func kindOpts(k validate.Kind) func(*testing.T) Options {
	return func(*testing.T) Options { return Options{Kind: k} }
}

// builtFrom builds the package of a copy of a fixture folder with edits.
func builtFrom(src, kindFolder string, edits func(t *testing.T, dir string) map[string]string) func(*testing.T) []byte {
	return func(t *testing.T) []byte {
		dir := copyConnector(t, src, kindFolder, nil)
		dir = copyConnector(t, dir, kindFolder, edits(t, dir))
		return build(t, dir)
	}
}

// driftOpts verifies against a copy of Contoso Tasks whose swagger was edited.
func driftOpts(old, new string) func(*testing.T) Options {
	return func(t *testing.T) Options {
		dir := copyConnector(t, tasksDir, "independent-publisher-connectors", nil)
		if old != "" {
			dir = copyConnector(t, dir, "independent-publisher-connectors", map[string]string{
				validate.SwaggerName: replaceIn(t, dir, validate.SwaggerName, old, new)})
		}
		c := load(t, dir)
		return Options{Kind: c.Kind, Connector: c, ConnectorPath: c.Path}
	}
}

const (
	outer   = "package.zip"
	pd      = "package.zip!package.zip"
	assets  = pd + "!PkgAssets"
	connSol = assets + "/" + ConnectorSolutionName
	flowSol = assets + "/" + FlowSolutionName
)

var setsProps = `{"properties": {"connectionParameterSets": {"uiDefinition": {"displayName": "Authentication"}, "values": [{"name": "key", "uiDefinition": {"displayName": "API key"}, "parameters": {"api_key": {"type": "securestring", "uiDefinition": {"displayName": "API Key"}}}}]}, "iconBrandColor": "#da3b01", "publisher": "Jane Doe", "stackOwner": "Contoso Ltd"}}`

// withPlugin adds a third solution: the connector plus an AI plugin (plugin mode); folders
// false leaves out its aiplugins/ and aipluginoperations/ folders.
func withPlugin(folders bool) func(t *testing.T) []byte {
	return func(t *testing.T) []byte {
		return edit(t, tasks(t), pdPath, func(es []zent) []zent {
			for _, e := range es {
				if !strings.HasSuffix(e.name, ConnectorSolutionName) {
					continue
				}
				plugin := edit(t, e.data, nil, func(ps []zent) []zent {
					ps = rewrite("customizations.xml", "<Languages>", `<aicopilot_aiplugins><aicopilot_aiplugin name="tasks_plugin"><humanname>Tasks</humanname></aicopilot_aiplugin></aicopilot_aiplugins>`+"\r\n  <Languages>")(ps)
					if folders {
						ps = append(ps, zent{name: "aiplugins/tasks_plugin.json", data: []byte("{}")}, zent{name: "aipluginoperations/ListTasks.json", data: []byte("{}")})
					}
					return ps
				})
				return append(es, zent{name: "PkgAssets/PluginSolution.zip", data: plugin})
			}
			return es
		})
	}
}

var pkgCases = []pkgCase{
	{rule: "PackageNotReadable", name: "not a zip", pkg: func(*testing.T) []byte { return []byte("PK\x03\x04 definitely not a zip") }, fire: true, file: outer},
	{rule: "PackageNotReadable", name: "hostile: compression bomb", pkg: edited(tasks, nil, setData(DeployerZipName, strings.Repeat("\x00", 4<<20))), fire: true, file: pd},
	{rule: "PackageNotReadable", name: "hostile: bomb declaring a small size", pkg: func(t *testing.T) []byte {
		return edit(t, tasks(t), nil, func(es []zent) []zent { return lyingBomb(1000, 2<<20)(t, es) })
	}, fire: true, file: pd},
	{rule: "PackageNotReadable", name: "hostile: bomb declaring 1 TiB", pkg: func(t *testing.T) []byte {
		return edit(t, tasks(t), nil, func(es []zent) []zent { return lyingBomb(1<<40, 10)(t, es) })
	}, fire: true, file: pd},
	{rule: "PackageNotReadable", name: "encrypted entry", pkg: func(t *testing.T) []byte {
		return edit(t, tasks(t), nil, func(es []zent) []zent {
			es[1] = zent{name: DeployerZipName, data: []byte("xxxxxxxxxxxx"), raw: &zip.FileHeader{Name: DeployerZipName, Method: zip.Store, Flags: 1, CompressedSize64: 12, UncompressedSize64: 12}}
			return es
		})
	}, fire: true, file: pd},
	{rule: "PackageNotReadable", name: "solution XML not well-formed", pkg: edited(tasks, connPath, setData("solution.xml", "<ImportExportXml><SolutionManifest>")), fire: true, file: connSol + "!solution.xml"},
	{rule: "PackageNotReadable", name: "built package", pkg: tasks},

	{rule: "ZipEntryPathUnsafe", name: "hostile: zip slip", pkg: edited(tasks, nil, with(zent{name: "../../evil.sh", data: []byte("rm -rf ~")})), fire: true, file: outer + "!../../evil.sh"},
	{rule: "ZipEntryPathUnsafe", name: "hostile: absolute path", pkg: edited(tasks, pdPath, with(zent{name: "/etc/cron.d/x", data: []byte("x")})), fire: true, file: pd + "!/etc/cron.d/x"},
	{rule: "ZipEntryPathUnsafe", name: "hostile: drive letter", pkg: edited(tasks, nil, with(zent{name: "C:/Windows/x.dll", data: []byte("x")})), fire: true, file: outer + "!C:/Windows/x.dll"},
	{rule: "ZipEntryPathUnsafe", name: "hostile: symlink", pkg: edited(tasks, nil, with(zent{name: "intro2.md", data: []byte("/etc/passwd"), mode: fs.ModeSymlink | 0o777})), fire: true, file: outer + "!intro2.md"},
	{rule: "ZipEntryPathUnsafe", name: "hostile: duplicate name", pkg: edited(tasks, nil, with(zent{name: "INTRO.md", data: []byte("# again")})), fire: true, file: outer + "!INTRO.md"},
	{rule: "ZipEntryPathUnsafe", name: "hostile: __MACOSX", pkg: edited(tasks, nil, with(zent{name: "__MACOSX/._intro.md", data: []byte("\x00\x05\x16\x07")})), fire: true, file: outer + "!__MACOSX/._intro.md", sev: validate.Warning},
	{rule: "ZipEntryPathUnsafe", name: "backslashes", pkg: edited(tasks, pdPath, rename("PkgAssets/", `PkgAssets\`)), fire: true, file: pd + `!PkgAssets\`, sev: validate.Warning},
	{rule: "ZipEntryPathUnsafe", name: "hostile: zip nested below the layout", pkg: edited(tasks, connPath, with(zent{name: "Connector/more.zip", data: []byte("PK")})), fire: true, file: connSol + "!Connector/more.zip", sev: validate.Warning},
	{rule: "ZipEntryPathUnsafe", name: "built package", pkg: tasks},

	{rule: "PackageOuterLayoutInvalid", name: "hostile: wrapping folder", pkg: edited(tasks, nil, rename("", "Contoso Tasks/")), fire: true, file: outer},
	{rule: "PackageOuterLayoutInvalid", name: "no intro.md", pkg: edited(tasks, nil, without("intro.md")), fire: true, file: outer},
	{rule: "PackageOuterLayoutInvalid", name: "built package with icon", pkg: notes, opts: kindOpts(validate.Certified)},

	{rule: "PackageDeployerLayoutInvalid", name: "second root folder", pkg: edited(tasks, pdPath, with(zent{name: "Other/readme.txt", data: []byte("x")})), fire: true, file: pd},
	{rule: "PackageDeployerLayoutInvalid", name: "root files are allowed", pkg: edited(tasks, pdPath, with(zent{name: "[Content_Types].xml", data: []byte("<Types/>")}, zent{name: "Contoso.dll", data: []byte("MZ")}))},

	{rule: "PackageAssetsFolderName", name: "Assets", pkg: edited(tasks, pdPath, rename("PkgAssets/", "Assets/")), fire: true, file: pd + "!Assets", sev: validate.Warning},
	{rule: "PackageAssetsFolderName", name: "pkgassets in lower case", pkg: edited(tasks, pdPath, rename("PkgAssets/", "pkgassets/"))},

	{rule: "PackageAssetsLayoutInvalid", name: "sub-folder", pkg: edited(tasks, pdPath, with(zent{name: "PkgAssets/extra/x.txt", data: []byte("x")})), fire: true, file: assets},
	{rule: "PackageAssetsLayoutInvalid", name: "three zips without plugin", pkg: func(t *testing.T) []byte {
		return edit(t, tasks(t), pdPath, func(es []zent) []zent {
			for _, e := range es {
				if strings.HasSuffix(e.name, ConnectorSolutionName) {
					return append(es, zent{name: "PkgAssets/Third.zip", data: e.data})
				}
			}
			return es
		})
	}, fire: true, file: assets},
	{rule: "PackageAssetsLayoutInvalid", name: "other files are fine", pkg: edited(tasks, pdPath, with(zent{name: "PkgAssets/notes.txt", data: []byte("x")}))},

	{rule: "SolutionFilesMissing", name: "no [Content_Types].xml", pkg: edited(tasks, connPath, without("[Content_Types].xml")), fire: true, file: connSol},
	{rule: "SolutionFilesMissing", name: "built package", pkg: tasks},

	{rule: "SolutionFoldersMismatch", name: "flow solution without Connector/", pkg: edited(tasks, flowPath, without("Connector/")), fire: true, file: flowSol},
	{rule: "SolutionFoldersMismatch", name: "unreferenced Connector file", pkg: edited(tasks, connPath, with(zent{name: "Connector/stray.json", data: []byte("{}")})), fire: true, file: connSol + "!Connector/stray.json", sev: validate.Warning},
	{rule: "SolutionFoldersMismatch", name: "built package", pkg: notes},

	{rule: "ConnectorSolutionMissing", name: "no connector solution", pkg: edited(tasks, pdPath, without("PkgAssets/"+ConnectorSolutionName)), fire: true, file: assets},
	{rule: "ConnectorSolutionMissing", name: "built package", pkg: tasks},

	{rule: "FlowSolutionMissing", name: "hostile: missing flow solution", pkg: edited(tasks, pdPath, without("PkgAssets/"+FlowSolutionName)), fire: true, file: assets},
	{rule: "FlowSolutionMissing", name: "flow solution without workflows", pkg: edited(tasks, flowPath, func(es []zent) []zent {
		es = without("Workflows/")(es)
		for i := range es {
			if es[i].name == "customizations.xml" {
				s := string(es[i].data)
				a, b := strings.Index(s, "<Workflows>"), strings.Index(s, "</Workflows>")
				es[i].data = []byte(s[:a] + "<Workflows />" + s[b+len("</Workflows>"):])
			}
		}
		return es
	}), fire: true, file: assets},
	{rule: "FlowSolutionMissing", name: "built package", pkg: tasks},

	{rule: "PluginSolutionMissing", name: "--plugin", pkg: tasks, opts: func(*testing.T) Options { return Options{Plugin: PluginYes} }, fire: true, file: assets},
	{rule: "PluginSolutionMissing", name: "auto: no plugin", pkg: tasks},
	{rule: "PluginSolutionMissing", name: "auto: plugin package", pkg: withPlugin(true)},
	{rule: "PackageAssetsLayoutInvalid", name: "plugin package with 3 zips", pkg: withPlugin(true)},
	{rule: "SolutionFoldersMismatch", name: "plugin without aiplugins/", pkg: withPlugin(false), fire: true, file: assets + "/PluginSolution.zip"},
	{rule: "ConnectorSolutionMissing", name: "plugin package", pkg: withPlugin(true)},

	{rule: "PackageWorkflowsMismatch", name: "workflow file renamed", pkg: edited(tasks, flowPath, rename("Workflows/", "Workflows/Renamed")), fire: true, file: flowSol + "!Workflows/Renamed"},
	{rule: "PackageWorkflowsMismatch", name: "built package", pkg: tasks},

	{rule: "PackageFlowMissingConnector", name: "flow without the connector", pkg: edited(tasks, flowPath, setData(".json", `{"properties":{"connectionReferences":{},"definition":{"actions":{}}},"schemaVersion":"1.0.0.0"}`)), fire: true, file: flowSol},
	{rule: "PackageFlowMissingConnector", name: "built package", pkg: tasks},

	{rule: "PackagePolicyTemplateFileEmpty", name: "empty file", pkg: edited(tasks, connPath, setData("_policytemplateinstances.json", "")), fire: true, file: connSol + "!Connector/", sev: validate.Warning},
	{rule: "PackagePolicyTemplateFileEmpty", name: "[] is a notice", pkg: tasks, fire: true, file: connSol + "!Connector/", sev: validate.Notice},
	{rule: "PackagePolicyTemplateFileEmpty", name: "policies", pkg: notes},

	{rule: "PackageIconMissing", name: "certified without icon", pkg: tasks, opts: kindOpts(validate.Certified), fire: true, file: outer},
	{rule: "PackageIconMissing", name: "certified with icon", pkg: notes, opts: kindOpts(validate.Certified)},
	{rule: "PackageIconMissing", name: "independent publisher", pkg: tasks},

	{rule: "PackageCustomPropertiesMissing", name: "parameter sets, no customProperties.json", pkg: builtFrom(tasksDir, "independent-publisher-connectors", func(*testing.T, string) map[string]string {
		return map[string]string{validate.PropertiesName: setsProps}
	}), fire: true, file: pd},
	{rule: "PackageCustomPropertiesMissing", name: "with customProperties.json", pkg: builtFrom(tasksDir, "independent-publisher-connectors", func(*testing.T, string) map[string]string {
		return map[string]string{validate.PropertiesName: setsProps, "customProperties.json": `{}`}
	})},

	{rule: "PackageConnectorMismatch", name: "hostile: drifted swagger", pkg: tasks, opts: driftOpts(`"operationId": "CreateTask"`, `"operationId": "AddTask"`), fire: true, file: connSol + "!Connector/", sev: validate.Warning},
	{rule: "PackageConnectorMismatch", name: "drifted connection parameters", pkg: edited(tasks, connPath, setData("_connectionparameters.json", `{}`)), opts: driftOpts("", ""), fire: true, file: connSol + "!Connector/", sev: validate.Warning},
	{rule: "PackageConnectorMismatch", name: "current folder", pkg: tasks, opts: driftOpts("", "")},

	{rule: "PackageContentTypeMissing", name: "no json default", pkg: edited(tasks, connPath, rewrite("[Content_Types].xml", `<Default Extension="json" ContentType="application/octet-stream" />`, "")), fire: true, file: connSol + "![Content_Types].xml", sev: validate.Warning},
	{rule: "PackageContentTypeMissing", name: "csx and Png declared", pkg: notes, opts: kindOpts(validate.Certified)},

	{rule: "PackageConnectorIdMismatch", name: "other connector id in the flow solution", pkg: edited(tasks, flowPath, func(es []zent) []zent {
		for i := range es {
			if es[i].name == "customizations.xml" {
				s := string(es[i].data)
				a := strings.Index(s, "<connectorid>") + len("<connectorid>")
				id := s[a : a+36]
				es[i].data = []byte(strings.ReplaceAll(s, id, "00000000-0000-0000-0000-000000000001"))
			}
		}
		return es
	}), fire: true, file: flowSol + "!customizations.xml"},
	{rule: "PackageConnectorIdMismatch", name: "built package", pkg: notes},

	{rule: "PackageOperationNotFound", name: "flow calls a removed operation", pkg: edited(tasks, flowPath, rewrite("Workflows/", `"operationId": "ListTasks"`, `"operationId": "ListAllTasks"`)), fire: true, file: flowSol + "!Workflows/"},
	{rule: "PackageOperationNotFound", name: "unknown script operation", pkg: edited(notes, connPath, rewrite("customizations.xml", `["CreateNote"]`, `["CreateNote","Gone"]`)), fire: true, file: connSol + "!customizations.xml", sev: validate.Warning},
	{rule: "PackageOperationNotFound", name: "built package", pkg: notes},

	{rule: "SolutionMissingDependencies", name: "required connector", pkg: edited(tasks, flowPath, rewrite("solution.xml", "<MissingDependencies />", `<MissingDependencies><MissingDependency><Required type="372" schemaName="vt_other" /></MissingDependency></MissingDependencies>`)), fire: true, file: flowSol + "!solution.xml"},
	{rule: "SolutionMissingDependencies", name: "built package", pkg: tasks},

	{rule: "SolutionManaged", name: "managed", pkg: edited(tasks, connPath, rewrite("solution.xml", "<Managed>0</Managed>", "<Managed>1</Managed>")), fire: true, file: connSol + "!solution.xml"},
	{rule: "SolutionManaged", name: "built package", pkg: tasks},

	{rule: "PackageColumnTooLong", name: "description of 1,001 characters", pkg: edited(tasks, connPath, func(es []zent) []zent {
		return setElement("customizations.xml", "description", strings.Repeat("é", 1001))(es)
	}), fire: true, file: connSol + "!customizations.xml"},
	{rule: "PackageColumnTooLong", name: "hostile: openapidefinition over 1,000,000 characters", pkg: edited(tasks, connPath, setData("_openapidefinition.json", `{"swagger":"2.0","info":{"title":"T","description":"`+strings.Repeat("x", 1000000)+`"},"paths":{}}`)), fire: true, file: connSol + "!Connector/"},
	{rule: "PackageColumnTooLong", name: "display name of 200 characters", pkg: edited(tasks, connPath, setElement("customizations.xml", "displayname", strings.Repeat("😀", 100))), fire: false},
	{rule: "PackageColumnTooLong", name: "built package", pkg: notes},

	{rule: "PackageBrandColorMissing", name: "empty iconbrandcolor", pkg: edited(tasks, connPath, setElement("customizations.xml", "iconbrandcolor", "")), fire: true, file: connSol + "!customizations.xml"},
	{rule: "PackageBrandColorMissing", name: "built package", pkg: tasks},

	{rule: "PackageConnectionParametersEmpty", name: "api key API, no parameters", pkg: edited(tasks, connPath, setData("_connectionparameters.json", "{}")), fire: true, file: connSol + "!Connector/", sev: validate.Warning},
	{rule: "PackageConnectionParametersEmpty", name: "built package", pkg: tasks},

	{rule: "PackageSolutionsInconsistent", name: "two publishers", pkg: edited(tasks, flowPath, setElement("solution.xml", "CustomizationPrefix", "ab")), fire: true, file: flowSol + "!solution.xml", sev: validate.Warning},
	{rule: "PackageSolutionsInconsistent", name: "other display name in the flow solution", pkg: edited(tasks, flowPath, setElement("customizations.xml", "displayname", "Tasks")), fire: true, file: flowSol + "!customizations.xml", sev: validate.Warning},
	{rule: "PackageSolutionsInconsistent", name: "built package", pkg: notes},

	// The five cases where verify-package used to disagree with ConnectorPackageValidator.ps1
	// (issue 16); each follows the script now, with a finding that names the reason.
	{rule: "FlowSolutionMissing", name: "parity: only the first <Workflows> counts", pkg: edited(tasks, flowPath, rewrite("customizations.xml", "<Entities />", "<Entities><Workflows /></Entities>")), fire: true, file: assets, msg: "the validator looks only at the first"},
	{rule: "ConnectorSolutionMissing", name: "parity: only the first <Connector> counts", pkg: edited(tasks, connPath, rewrite("customizations.xml", "<Entities />", "<Entities><Connector></Connector></Entities>")), fire: true, file: assets, msg: "empty <Connector> before the one with content"},
	{rule: "ConnectorSolutionMissing", name: "parity: a default namespace hides every node", pkg: edited(tasks, connPath, rewrite("customizations.xml", "<ImportExportXml ", `<ImportExportXml xmlns="http://schemas.microsoft.com/crm/2011/Contracts" `)), fire: true, file: assets, msg: "default namespace"},
	{rule: "ConnectorSolutionMissing", name: "parity: xmlns attributes count as attributes", pkg: edited(tasks, connPath, rewrite("customizations.xml", "<Workflows />", `<Workflows xmlns:a="urn:a" />`)), fire: true, file: assets, msg: "namespace declarations count"},
	{rule: "SolutionFoldersMismatch", name: "parity: xmlns-only <Workflows> needs a Workflows/ folder", pkg: edited(tasks, connPath, rewrite("customizations.xml", "<Workflows />", `<Workflows xmlns:a="urn:a" />`)), fire: true, file: connSol},
	{rule: "ZipEntryPathUnsafe", name: "parity: folders differing only in case are merged", pkg: edited(tasks, pdPath, rename("PkgAssets/FlowSolution.zip", "pkgassets/FlowSolution.zip")), fire: true, file: pd + "!pkgassets/FlowSolution.zip", sev: validate.Warning, msg: "only in case"},
	{rule: "PackageAssetsLayoutInvalid", name: "parity: PkgAssets and pkgassets are one folder", pkg: edited(tasks, pdPath, rename("PkgAssets/FlowSolution.zip", "pkgassets/FlowSolution.zip"))},
	{rule: "PackageDeployerLayoutInvalid", name: "parity: PkgAssets and pkgassets are one root folder", pkg: edited(tasks, pdPath, rename("PkgAssets/FlowSolution.zip", "pkgassets/FlowSolution.zip"))},
	{rule: "ZipEntryPathUnsafe", name: "parity: a name Windows can't create (:)", pkg: edited(tasks, nil, with(zent{name: "intro.md:Zone.Identifier", data: []byte("[ZoneTransfer]")})), fire: true, file: outer + "!intro.md:Zone.Identifier", msg: "Windows can't create"},
	{rule: "ZipEntryPathUnsafe", name: "parity: a device name", pkg: edited(tasks, pdPath, with(zent{name: "PkgAssets/aux.xml", data: []byte("<x/>")})), fire: true, file: pd + "!PkgAssets/aux.xml", msg: "device name"},
	{rule: "ZipEntryPathUnsafe", name: "trailing dot", pkg: edited(tasks, nil, with(zent{name: "notes.", data: []byte("x")})), fire: true, file: outer + "!notes.", sev: validate.Warning},
}

// setElement replaces the text of the first <name> element in the entries named file.
func setElement(file, name, text string) func([]zent) []zent {
	return func(es []zent) []zent {
		for i := range es {
			if es[i].name != file {
				continue
			}
			s := string(es[i].data)
			a := strings.Index(s, "<"+name+">") + len(name) + 2
			b := strings.Index(s, "</"+name+">")
			es[i].data = []byte(s[:a] + text + s[b:])
		}
		return es
	}
}

func TestPackageRules(t *testing.T) {
	for _, tc := range pkgCases {
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			opts := Options{}
			if tc.opts != nil {
				opts = tc.opts(t)
			}
			all := Verify("package.zip", tc.pkg(t), opts)
			var got []validate.Finding
			for _, f := range all {
				if f.Rule == tc.rule {
					got = append(got, f)
				}
			}
			if !tc.fire {
				if len(got) > 0 {
					t.Fatalf("%s fired, want nothing:\n%s", tc.rule, describe(got))
				}
				return
			}
			if len(got) == 0 {
				t.Fatalf("%s did not fire; all findings:\n%s", tc.rule, describe(all))
			}
			f := got[0]
			if !strings.HasPrefix(f.File, tc.file) {
				t.Errorf("file = %q, want %q...\n%s", f.File, tc.file, describe(got))
			}
			want := tc.sev
			if want == 0 {
				r, _ := validate.LookupRule(tc.rule)
				k := opts.Kind
				if k == 0 {
					k = validate.IndependentPublisher
				}
				want = r.SeverityFor(k)
			}
			if f.Severity != want {
				t.Errorf("severity = %s, want %s: %s", f.Severity, want, f.Message)
			}
			if !strings.Contains(f.Message, tc.msg) {
				t.Errorf("message %q lacks %q", f.Message, tc.msg)
			}
			if f.Message == "" || f.Connector == "" || f.Line != 0 {
				t.Errorf("finding lacks message or connector, or has a line: %+v", f)
			}
		})
	}
}

// TestEveryPackageRuleHasCases: section 14 is exempt from validate's TestEveryRuleHasCases;
// this is its counterpart.
func TestEveryPackageRuleHasCases(t *testing.T) {
	fires, quiet := map[string]bool{}, map[string]bool{}
	for _, tc := range pkgCases {
		r, ok := validate.LookupRule(tc.rule)
		if !ok || r.Section != "14" {
			t.Errorf("case %q names %s, not a section 14 rule", tc.name, tc.rule)
		}
		if tc.fire {
			fires[tc.rule] = true
		} else {
			quiet[tc.rule] = true
		}
	}
	for _, r := range validate.Rules() {
		if r.Section != "14" {
			continue
		}
		if !fires[r.ID] {
			t.Errorf("rule %s has no firing case", r.ID)
		}
		if !quiet[r.ID] {
			t.Errorf("rule %s has no non-firing case", r.ID)
		}
	}
}

func describe(fs []validate.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.File + ": " + f.Severity.String() + " [" + f.Rule + "] " + f.Message + "\n")
	}
	return b.String()
}

// TestVerifyInFolder: validate's hook verifies a package kept in the connector folder against
// that folder, and skips a solution export kept there.
func TestVerifyInFolder(t *testing.T) {
	dir := copyConnector(t, tasksDir, "independent-publisher-connectors", nil)
	pkg := tasks(t)
	drifted := replaceIn(t, dir, validate.SwaggerName, `"operationId": "CreateTask"`, `"operationId": "AddTask"`)
	if err := os.WriteFile(filepath.Join(dir, "ContosoTasks.zip"), pkg, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, validate.SwaggerName), []byte(drifted), 0o644); err != nil {
		t.Fatal(err)
	}
	flow := unzipAll(t, unzipAll(t, unzipAll(t, pkg)[1].data)[3].data)
	if err := os.WriteFile(filepath.Join(dir, ConventionalFlowSolution), zipAll(t, flow), 0o644); err != nil {
		t.Fatal(err)
	}
	c := load(t, dir)
	var rules []string
	for _, f := range validate.CheckWith(c, VerifyInFolder) {
		if r, _ := validate.LookupRule(f.Rule); r.Section == "14" {
			rules = append(rules, f.Rule+" "+strings.TrimPrefix(f.File, c.Path+"/"))
			if f.Connector != c.Path {
				t.Errorf("connector = %q, want %q", f.Connector, c.Path)
			}
		}
	}
	got := strings.Join(rules, "\n")
	if !strings.Contains(got, "PackageConnectorMismatch ContosoTasks.zip!package.zip!PkgAssets/ConnectorSolution.zip!Connector/") || strings.Contains(got, ConventionalFlowSolution+"!") {
		t.Errorf("findings:\n%s", got)
	}
}

// TestBuildRefusals: inputs the builder can't use give findings, not a package.
func TestBuildRefusals(t *testing.T) {
	c := load(t, tasksDir)
	if _, _, err := Build(c, BuildOptions{PublisherPrefix: "Bad_Prefix"}); err == nil {
		t.Error("bad prefix accepted")
	}
	if _, _, err := Build(c, BuildOptions{OptionValuePrefix: 5}); err == nil {
		t.Error("bad option value prefix accepted")
	}
	if _, _, err := Build(c, BuildOptions{Operation: "NoSuchOperation"}); err == nil {
		t.Error("unknown operation accepted")
	}
	// A flow solution without the connector (the GTI mistake) is refused.
	flow := edit(t, unzipAll(t, unzipAll(t, tasks(t))[1].data)[3].data, nil, without("Connector/"))
	flow = edit(t, flow, nil, func(es []zent) []zent {
		for i := range es {
			if es[i].name == "customizations.xml" {
				s := string(es[i].data)
				a, b := strings.Index(s, "<Connectors>"), strings.Index(s, "</Connectors>")
				es[i].data = []byte(s[:a] + "<Connectors />" + s[b+len("</Connectors>"):])
			}
		}
		return es
	})
	data, fs, err := Build(c, BuildOptions{FlowSolution: flow, FlowSolutionPath: "flow.zip"})
	if err != nil || data != nil || len(fs) == 0 || fs[0].Rule != "FlowSolutionMissing" || fs[0].Severity != validate.Error {
		t.Errorf("flow solution without connector: data %v, findings %+v, err %v", data != nil, fs, err)
	}
}

// TestBuildColumnLimits: the builder refuses a connector record Dataverse can't store, and
// packages a default brand color (with a warning) instead of an empty one.
func TestBuildColumnLimits(t *testing.T) {
	dir := copyConnector(t, tasksDir, "independent-publisher-connectors", nil)
	long := copyConnector(t, dir, "independent-publisher-connectors", map[string]string{
		validate.SwaggerName: replaceIn(t, dir, validate.SwaggerName, `"title": "Contoso Tasks"`, `"title": "`+strings.Repeat("T", 201)+`"`)})
	data, fs, err := Build(load(t, long), BuildOptions{})
	if err != nil || data != nil || len(fs) == 0 || fs[0].Rule != "PackageColumnTooLong" || !strings.Contains(fs[0].Message, "201 characters") {
		t.Errorf("201-character title: package %v, findings:\n%s", data != nil, describe(fs))
	}
	noColor := copyConnector(t, dir, "independent-publisher-connectors", map[string]string{
		validate.PropertiesName: replaceIn(t, dir, validate.PropertiesName, `"iconBrandColor": "#da3b01",`, ``)})
	data, fs, err = Build(load(t, noColor), BuildOptions{})
	if err != nil || data == nil {
		t.Fatalf("no brand color: %v\n%s", err, describe(fs))
	}
	if !slices.ContainsFunc(fs, func(f validate.Finding) bool {
		return f.Rule == "PackageBrandColorMissing" && f.Severity == validate.Warning
	}) {
		t.Errorf("no PackageBrandColorMissing warning:\n%s", describe(fs))
	}
	cust := unzipAll(t, unzipAll(t, unzipAll(t, data)[1].data)[2].data)[0].data
	if !bytes.Contains(cust, []byte("<iconbrandcolor>#da3b01</iconbrandcolor>")) {
		t.Errorf("brand color not defaulted:\n%s", cust)
	}
}

// TestBuildWithFlowSolution: an exported flow solution is packaged as is, and the connector
// solution takes its connector's name and id.
func TestBuildWithFlowSolution(t *testing.T) {
	c := load(t, tasksDir)
	flow := edit(t, unzipAll(t, unzipAll(t, tasks(t))[1].data)[3].data, nil, func(es []zent) []zent {
		for i := range es {
			es[i].data = bytes.ReplaceAll(es[i].data, []byte("crccf_contosotasks"), []byte("ab_tasks"))
			es[i].name = strings.ReplaceAll(es[i].name, "crccf_contosotasks", "ab_tasks")
		}
		es = setElement("solution.xml", "CustomizationPrefix", "ab")(es)
		for i := range es {
			if es[i].name == "solution.xml" {
				x := string(es[i].data)
				a := strings.Index(x, "<Publisher>")
				b := a + strings.Index(x[a:], "<UniqueName>") + len("<UniqueName>")
				c := b + strings.Index(x[b:], "</UniqueName>")
				es[i].data = []byte(x[:b] + "AbPublisher" + x[c:])
			}
		}
		es = setElement("customizations.xml", "displayname", "Tasks by AB")(es)
		return setElement("customizations.xml", "description", "Exported.")(es)
	})
	data, fs, err := Build(c, BuildOptions{FlowSolution: flow, FlowSolutionPath: "flow.zip", Label: "package.zip"})
	if err != nil || data == nil {
		t.Fatalf("build: %v %s", err, describe(fs))
	}
	for _, f := range fs {
		if f.Rule == "FlowSolutionMissing" {
			t.Errorf("sample-flow notice with an exported flow: %s", f.Message)
		}
	}
	pdEnts := unzipAll(t, unzipAll(t, data)[1].data)
	if !bytes.Equal(pdEnts[3].data, flow) {
		t.Error("the flow solution was not packaged as given")
	}
	if !bytes.Contains(unzipAll(t, pdEnts[2].data)[0].data, []byte("<name>ab_tasks</name>")) {
		t.Error("the connector solution didn't adopt the flow solution's connector name")
	}
	// The export's publisher block and connector texts (issue 16).
	connEnts := unzipAll(t, pdEnts[2].data)
	if sx := string(connEnts[2].data); !strings.Contains(sx, "<UniqueName>AbPublisher</UniqueName>") || !strings.Contains(sx, "<CustomizationPrefix>ab</CustomizationPrefix>") {
		t.Errorf("the connector solution didn't take the export's publisher:\n%s", sx)
	}
	if cx := string(connEnts[0].data); !strings.Contains(cx, "<displayname>Tasks by AB</displayname>") || !strings.Contains(cx, "<description>Exported.</description>") {
		t.Errorf("the connector solution didn't take the export's display name and description:\n%s", cx)
	}
	if vs := Verify("package.zip", data, Options{Connector: c, ConnectorPath: c.Path}); len(errorsIn(vs)) > 0 {
		t.Errorf("verify:\n%s", describe(vs))
	}
}

func errorsIn(fs []validate.Finding) []validate.Finding {
	var out []validate.Finding
	for _, f := range fs {
		if f.Severity >= validate.Warning {
			out = append(out, f)
		}
	}
	return out
}

// TestBuildToleratesOddInputs: odd but loadable folders give a package or findings, never a
// panic.
func TestBuildToleratesOddInputs(t *testing.T) {
	for name, edits := range map[string]map[string]string{
		"paths array":            {validate.SwaggerName: `{"swagger": "2.0", "info": {"title": "T"}, "paths": []}`},
		"odd types":              {validate.SwaggerName: `{"swagger": "2.0", "info": {"title": 7, "description": []}, "paths": {"/a": {"get": {"operationId": 5, "parameters": {"x": 1}}}, "/b": "x", "/c": {"post": {"operationId": "C", "parameters": [1, {"name": "q", "required": "yes"}, {"name": "r", "in": "query", "required": true}]}}}}`},
		"not JSON":               {validate.SwaggerName: `{"swagger": `},
		"no swagger":             {validate.SwaggerName: ""},
		"properties wrong types": {validate.PropertiesName: `{"properties": {"connectionParameters": [], "policyTemplateInstances": {}, "iconBrandColor": 5, "scriptOperations": "x", "connectionParameterSets": null}}`},
		"properties not JSON":    {validate.PropertiesName: `{`},
		"title of symbols":       {validate.SwaggerName: `{"swagger": "2.0", "info": {"title": "☃ 123"}, "paths": {"/a": {"get": {"operationId": "A"}}}}`},
		"only triggers":          {validate.SwaggerName: `{"swagger": "2.0", "info": {"title": "T"}, "paths": {"/a": {"post": {"operationId": "A", "x-ms-trigger": "single"}}}}`},
	} {
		t.Run(name, func(t *testing.T) {
			dir := copyConnector(t, tasksDir, "independent-publisher-connectors", edits)
			data, fs, err := Build(load(t, dir), BuildOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if data == nil && len(fs) == 0 {
				t.Error("no package and no finding")
			}
			if data != nil {
				Verify("p.zip", data, Options{})
			}
		})
	}
}
