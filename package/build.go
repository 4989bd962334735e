package packaging

import (
	"archive/zip"
	"bytes"
	"cmp"
	"compress/flate"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/connector-check/connector-check/validate"
)

// File names inside the package (package-layout.md §1, §6).
const (
	DeployerZipName       = "package.zip"
	AssetsFolder          = "PkgAssets"
	ConnectorSolutionName = "ConnectorSolution.zip"
	FlowSolutionName      = "FlowSolution.zip"
	// ConventionalFlowSolution is looked for in the connector folder when no flow solution is given.
	ConventionalFlowSolution = "FlowSolution.zip"
)

// fixedTime is every entry's timestamp, so that rebuilds are byte-identical.
var fixedTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// BuildOptions are the publisher details and the flow; zero values take the defaults.
type BuildOptions struct {
	// Label names the package being built in findings (its output path).
	Label string
	// FlowSolution is the publisher's exported flow solution zip; nil generates a sample flow.
	FlowSolution     []byte
	FlowSolutionPath string // its name in findings
	// Operation is the operationId the sample flow calls (default: the first non-internal,
	// non-trigger operation).
	Operation         string
	PublisherPrefix   string // 2-8 lower-case letters or digits; default cr + 3 hex digits
	PublisherName     string // default: apiProperties publisher, else info.contact.name
	OptionValuePrefix int    // 10000-99999; default derived from the publisher
	SolutionVersion   string // default 1.0.0.0
	// Budget is the run's zip budget (reading the flow solution draws from it); nil: a budget
	// of its own.
	Budget *Budget
}

// plan is everything the generated files are made of.
type plan struct {
	title, description, brandColor        string
	name, id                              string // connector logical name and GUID
	pascal                                string
	pubUnique, pubName, prefix            string
	optionPrefix                          int
	version                               string
	swagger, connParams, paramSets, polic []byte
	script, icon                          []byte
	scriptOps                             string
	connSolution, flowSolution            string         // UniqueNames
	sampleParams                          map[string]any // the sample call's inputs
	pubBlock                              []byte         // an adopted flow solution's <Publisher>, verbatim
}

var (
	prefixRE  = regexp.MustCompile(`^[a-z][a-z0-9]{1,7}$`)
	versionRE = regexp.MustCompile(`^\d{1,9}(\.\d{1,9}){1,3}$`)
)

var flowSolutionMissing = validate.Register(validate.Rule{
	ID: "FlowSolutionMissing", Severity: validate.Error, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage, Policy: "5000.1.1.6",
	Summary: "No solution holds a flow and the connector (Connector + Workflows); notice when the package command generated a sample flow.",
	Basis:   validate.BasisRejected, BasisReason: srcPkg,
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.IndependentPublisher, At: validate.PkgAssets, Package: &validate.PackageCase{Edits: []validate.PackageEdit{
			{Entry: validate.PkgFlow, Remove: true},
		}}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}},
	},
})

var packageCustomPropertiesMissing = validate.Register(validate.Rule{
	ID: "PackageCustomPropertiesMissing", Severity: validate.Error, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage, Policy: "5000.1.1.5",
	Summary: "connectionParameterSets is used but the outer root has no customProperties.json.",
	Basis:   validate.BasisRejected, BasisReason: srcPkg,
	Example: validate.Example{
		BadCase:  &validate.Case{Kind: validate.IndependentPublisher, At: validate.PkgDeployer, Package: &validate.PackageCase{}, Edits: parameterSets},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}, Edits: append(parameterSets[:2:2], validate.Edit{File: "customProperties.json", New: "{}\n"})},
	},
})

var packageBrandColorMissing = validate.Register(validate.Rule{
	ID: "PackageBrandColorMissing", Severity: validate.Error, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage,
	Summary: "The connector record has no iconbrandcolor, which fails on import (error); the builder packages the default color and warns when apiProperties has none.",
	Basis:   validate.BasisRejected, BasisReason: "Dataverse import fails without iconbrandcolor",
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.IndependentPublisher, At: validate.PkgConnector + "!customizations.xml", Package: &validate.PackageCase{Edits: []validate.PackageEdit{
			{Entry: validate.PkgConnector + "!customizations.xml", Old: "<iconbrandcolor>#da3b01</iconbrandcolor>", New: "<iconbrandcolor></iconbrandcolor>"},
		}}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}},
	},
})

var packageConnectionParametersEmpty = validate.Register(validate.Rule{
	ID: "PackageConnectionParametersEmpty", Severity: validate.Warning, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage,
	Summary: "The connector's connection parameters are empty although its swagger calls an authenticated API (securityDefinitions, or an Authorization or API key parameter).",
	Basis:   validate.BasisHeuristic,
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.IndependentPublisher, At: validate.PkgConnector + "!Connector/", Package: &validate.PackageCase{Edits: []validate.PackageEdit{
			{Entry: validate.PkgConnector + "!Connector/crccf_contosotasks_connectionparameters.json", New: "{}"},
		}}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}},
	},
})

// Build makes the certification package of a loaded connector folder. It returns the package
// bytes (nil when it can't be built) and findings about the inputs (a generated sample flow, a
// flow solution that doesn't embed this connector, a missing intro.md). The caller verifies
// the result with Verify. An error is a usage error (a bad flag value).
func Build(c *validate.Connector, opts BuildOptions) ([]byte, []validate.Finding, error) {
	v := &verifier{kind: CertificationKind(c.Kind), conn: c.Path, budget: maxTotalSize, opts: Options{Connector: c}, run: opts.Budget}
	if v.run == nil {
		v.run = NewBudget(0, 0)
	}
	label := opts.Label
	if label == "" {
		label = "package.zip"
	}
	p, err := makePlan(c, opts)
	if err != nil {
		return nil, nil, err
	}
	if p == nil {
		v.report(validate.PackageNotReadable, c.FilePath(validate.SwaggerName), "the swagger is missing or isn't JSON, so no package can be built; fix the findings of connector-check validate first")
		return nil, v.findings, nil
	}
	if p.brandColor == "" {
		p.brandColor = defaultBrandColor(v.kind)
		v.reportAs(packageBrandColorMissing, validate.Warning, c.FilePath(validate.PropertiesName),
			"apiProperties.json has no iconBrandColor, so the connector record gets %s (an empty iconbrandcolor fails on import); set properties.iconBrandColor to your icon's background color", p.brandColor)
	}
	if string(p.connParams) == "{}" && p.paramSets == nil {
		var sw any
		if json.Unmarshal(p.swagger, &sw) == nil {
			if why := authenticatedAPI(sw); why != "" {
				v.report(packageConnectionParametersEmpty, c.FilePath(validate.PropertiesName), "apiProperties.json has no connectionParameters although the API needs credentials (%s), so the package's connection asks for none; %s", why, connParamsFix)
			}
		}
	}
	connFiles, connXML := p.connectorParts()

	// The flow solution: the publisher's export, or a generated sample.
	var flowZip []byte
	if opts.FlowSolution != nil {
		flowZip = v.adoptFlowSolution(p, opts, c)
		if flowZip == nil {
			return nil, validate.SortFindings(v.findings), nil
		}
		connFiles, connXML = p.connectorParts() // the connector's name and id now come from the export
	} else {
		op, ok := p.chooseOperation(c, opts.Operation)
		if !ok && opts.Operation != "" {
			return nil, nil, fmt.Errorf("operation %q isn't an operationId of %s", opts.Operation, c.FilePath(validate.SwaggerName))
		}
		if !ok {
			v.report(flowSolutionMissing, c.Path, "the swagger has no operation with an operationId, so no sample flow can use the connector; export a tested flow solution and pass it with --flow-solution")
			return nil, validate.SortFindings(v.findings), nil
		}
		p.sampleParams = sampleParams(c.Swagger.JSON.Root, op)
		flowZip = p.sampleFlowSolution(op, connFiles, connXML)
		what := "a manual trigger and the action " + op.id
		if op.trigger {
			what = "the trigger " + op.id + " and a Compose of its body"
		}
		if op.note != "" {
			what += ", although " + op.note
		}
		v.reportAs(flowSolutionMissing, validate.Notice, label+"!"+DeployerZipName+"!"+AssetsFolder+"/"+FlowSolutionName,
			"no exported flow solution was given, so a generated sample flow (%s) was packaged; replace it with a flow you tested, exported as an unmanaged solution with the connector (--flow-solution FILE, or %s in the connector folder)", what, ConventionalFlowSolution)
	}
	if v.checkColumns(c.Path, "", p.columns(connFiles)) {
		return nil, validate.SortFindings(v.findings), nil
	}
	connZip := writeZip(p.solutionFiles(p.connSolution, p.title, nil, connFiles, connXML))

	importConfig := []byte("\ufeff" + `<?xml version="1.0" encoding="utf-8"?>` + "\r\n" +
		`<configdatastorage installsampledata="false" waitforsampledatatoinstall="true" crmmigdataimportfile="">` + "\r\n" +
		"  <solutions>\r\n" +
		`    <configsolutionfile solutionpackagefilename="` + ConnectorSolutionName + `" publishworkflowsandactivateplugins="true" />` + "\r\n" +
		`    <configsolutionfile solutionpackagefilename="` + FlowSolutionName + `" publishworkflowsandactivateplugins="true" />` + "\r\n" +
		"  </solutions>\r\n  <externalpackages />\r\n  <filestoimport />\r\n  <filesmapstoimport />\r\n  <cmtdatafiles />\r\n" +
		"</configdatastorage>\r\n")
	manifest, _ := json.Marshal(map[string]any{
		"SchemaVersion": "1.0",
		"solutionParameters": map[string]any{
			p.connSolution: map[string]any{"components": []any{}},
			p.flowSolution: map[string]any{"components": []any{}},
		},
	})
	pd := writeZip([]zfile{
		{AssetsFolder + "/ImportConfig.xml", importConfig},
		{AssetsFolder + "/manifest.ppkg.json", manifest},
		{AssetsFolder + "/" + ConnectorSolutionName, connZip},
		{AssetsFolder + "/" + FlowSolutionName, flowZip},
	})

	intro, ok := readFolderFile(c, validate.IntroName)
	if !ok {
		intro = introTemplate(p)
		v.reportAs(packageOuterLayoutInvalid, validate.Warning, c.Path,
			"the connector folder has no intro.md, so a template was packaged; write intro.md (what the connector does, prerequisites, how to get credentials, known issues) and build again")
	}
	outer := []zfile{{"intro.md", intro}, {DeployerZipName, pd}}
	if icon, ok := readFolderFile(c, validate.IconName); ok {
		outer = append(outer, zfile{"icon.png", icon})
	}
	if cp, ok := readFolderFile(c, "customProperties.json"); ok {
		outer = append(outer, zfile{"customProperties.json", cp})
	} else if p.paramSets != nil {
		v.report(packageCustomPropertiesMissing, c.Path, "apiProperties.json uses connectionParameterSets (multiple authentication types) but the connector folder has no customProperties.json; add it there and build again: the package command puts it next to intro.md (5000.1.1.5)")
	}
	return writeZip(outer), validate.SortFindings(v.findings), nil
}

func makePlan(c *validate.Connector, opts BuildOptions) (*plan, error) {
	if c.Swagger == nil || c.Swagger.Data == nil {
		return nil, nil
	}
	var sw any
	if json.Unmarshal(stripBOM(c.Swagger.Data), &sw) != nil {
		return nil, nil
	}
	// Exports store the swagger minified; so does the package (the openapidefinition column
	// holds at most 1,000,000 characters). Compact keeps every member and its order.
	p := &plan{swagger: compactOr(stripBOM(c.Swagger.Data), string(stripBOM(c.Swagger.Data)))}
	p.title, _ = field(sw, "info", "title").(string)
	p.title = strings.TrimSpace(p.title)
	if p.title == "" {
		p.title = path.Base(c.Path)
	}
	p.description, _ = field(sw, "info", "description").(string)
	p.pascal = pascalSlug(p.title)
	if p.pascal == "" || p.pascal[0] >= '0' && p.pascal[0] <= '9' {
		p.pascal = "C" + p.pascal
	}

	var props struct {
		Properties struct {
			ConnectionParameters    json.RawMessage `json:"connectionParameters"`
			ConnectionParameterSets json.RawMessage `json:"connectionParameterSets"`
			PolicyTemplateInstances json.RawMessage `json:"policyTemplateInstances"`
			IconBrandColor          string          `json:"iconBrandColor"`
			ScriptOperations        json.RawMessage `json:"scriptOperations"`
			Publisher               string          `json:"publisher"`
		} `json:"properties"`
	}
	if c.Properties != nil && c.Properties.Data != nil {
		_ = json.Unmarshal(stripBOM(c.Properties.Data), &props) // validate reports a broken file
	}
	pr := props.Properties
	p.brandColor = strings.TrimSpace(pr.IconBrandColor)
	p.connParams = compactOr(pr.ConnectionParameters, "{}")
	if len(bytes.TrimSpace(pr.ConnectionParameterSets)) > 0 && string(bytes.TrimSpace(pr.ConnectionParameterSets)) != "null" {
		p.paramSets = compactOr(pr.ConnectionParameterSets, "{}")
	}
	p.polic = compactOr(pr.PolicyTemplateInstances, "[]")
	if c.Script != nil && c.Script.Data != nil {
		p.script = c.Script.Data
		if ops := compactOr(pr.ScriptOperations, ""); len(ops) > 0 && string(ops) != "null" {
			p.scriptOps = string(ops)
		}
	}
	if icon, ok := readFolderFile(c, validate.IconName); ok {
		p.icon = icon
	}

	p.pubName = strings.TrimSpace(opts.PublisherName)
	if p.pubName == "" {
		p.pubName = strings.TrimSpace(pr.Publisher)
	}
	if p.pubName == "" {
		p.pubName, _ = field(sw, "info", "contact", "name").(string)
		p.pubName = strings.TrimSpace(p.pubName)
	}
	if p.pubName == "" {
		p.pubName = "Connector Publisher"
	}
	p.pubUnique = pascalSlug(p.pubName)
	if p.pubUnique == "" || p.pubUnique[0] >= '0' && p.pubUnique[0] <= '9' {
		p.pubUnique = "P" + p.pubUnique
	}
	p.prefix = opts.PublisherPrefix
	if p.prefix == "" {
		p.prefix = "cr" + shortHash(p.pubUnique, 3) // like Dataverse's default publishers (cr1a6)
	} else if !prefixRE.MatchString(p.prefix) || strings.HasPrefix(p.prefix, "mscrm") {
		return nil, fmt.Errorf("publisher prefix %q: use 2 to 8 lower-case letters or digits, starting with a letter (not mscrm)", p.prefix)
	}
	p.optionPrefix = opts.OptionValuePrefix
	if p.optionPrefix == 0 {
		n, _ := strconv.ParseUint(shortHash(p.pubUnique+"/options", 8), 16, 64)
		p.optionPrefix = 10000 + int(n%90000)
	} else if p.optionPrefix < 10000 || p.optionPrefix > 99999 {
		return nil, fmt.Errorf("option value prefix %d: use a number from 10000 to 99999", p.optionPrefix)
	}
	p.version = opts.SolutionVersion
	if p.version == "" {
		p.version = "1.0.0.0"
	} else if !versionRE.MatchString(p.version) {
		return nil, fmt.Errorf("solution version %q: use 2 to 4 numbers separated by dots, such as 1.0.0.0", p.version)
	}
	slug := lowerSlug(p.title)
	if slug == "" || slug[0] >= '0' && slug[0] <= '9' {
		slug = "c" + slug
	}
	p.name = p.prefix + "_" + slug
	p.id = guid("connector", p.name)
	p.connSolution = p.pascal + "Connector"
	p.flowSolution = p.pascal + "Flow"
	return p, nil
}

// defaultBrandColor is the color packaged when apiProperties has none: the one independent
// publishers must use, else the platform's default.
func defaultBrandColor(k validate.Kind) string {
	if k == validate.IndependentPublisher {
		return "#da3b01"
	}
	return "#007ee5"
}

// columns are the connector record's values with a Dataverse column limit, in record order.
func (p *plan) columns(files []zfile) []column {
	cols := []column{{"description", "", p.description}, {"displayname", "", p.title}, {"iconbrandcolor", "", p.brandColor}, {"name", "", p.name}, {"scriptoperations", "", p.scriptOps}}
	for _, f := range files {
		suffix := strings.TrimPrefix(f.name, "Connector/"+p.name+"_")
		if elem := strings.TrimSuffix(suffix, path.Ext(suffix)); columnLimits[elem] > 0 {
			cols = append(cols, column{elem, f.name, string(f.data)})
		}
	}
	return cols
}

func compactOr(raw json.RawMessage, def string) []byte {
	var b bytes.Buffer
	if len(bytes.TrimSpace(raw)) == 0 || json.Compact(&b, raw) != nil {
		return []byte(def)
	}
	return b.Bytes()
}

// readFolderFile reads a regular top-level file of the folder (name compared ignoring case).
func readFolderFile(c *validate.Connector, name string) ([]byte, bool) {
	e, ok := c.Find(name)
	if !ok || !e.Mode.IsRegular() {
		return nil, false
	}
	f, err := os.Open(filepath.Join(c.Dir, e.Name))
	if err != nil {
		return nil, false
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, validate.MaxFileSize+1))
	if err != nil || len(data) > validate.MaxFileSize {
		return nil, false
	}
	return data, true
}

type zfile struct {
	name string
	data []byte
}

// deflaters reuse flate writers: each holds about 1 MiB of state.
var deflaters = sync.Pool{New: func() any {
	fw, _ := flate.NewWriter(nil, flate.DefaultCompression) // the level is valid
	return fw
}}

// writeZip writes files in the given order: Deflate, one fixed timestamp, no directory entries,
// and sizes and CRC in the local headers (no data descriptors, as exports write them).
func writeZip(files []zfile) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, f := range files {
		var comp bytes.Buffer
		fw := deflaters.Get().(*flate.Writer)
		fw.Reset(&comp)
		_, err := fw.Write(f.data)
		if err == nil {
			err = fw.Close()
		}
		deflaters.Put(fw)
		h := &zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: fixedTime,
			CRC32: crc32.ChecksumIEEE(f.data), CompressedSize64: uint64(comp.Len()), UncompressedSize64: uint64(len(f.data))}
		// CreateRaw writes the legacy MS-DOS date and time fields as they are (only CreateHeader
		// derives them from Modified), and SetModTime is the one exported way to fill them.
		//lint:ignore SA1019 the deprecation points at Modified, which CreateRaw doesn't read for these fields
		h.SetModTime(fixedTime)
		h.Flags |= 0x800 // UTF-8 names, as CreateHeader sets for non-ASCII ones
		var raw io.Writer
		if err == nil {
			raw, err = w.CreateRaw(h)
		}
		if err == nil {
			_, err = raw.Write(comp.Bytes())
		}
		if err != nil {
			panic("packaging: writing to memory: " + err.Error()) // bytes.Buffer doesn't fail
		}
	}
	if err := w.Close(); err != nil {
		panic("packaging: writing to memory: " + err.Error())
	}
	return buf.Bytes()
}

// connectorParts are the Connector/ files and the <Connector> element of both solutions.
func (p *plan) connectorParts() ([]zfile, func(w *xmlWriter)) {
	base := "Connector/" + p.name
	files := []zfile{
		{base + "_openapidefinition.json", p.swagger},
		{base + "_connectionparameters.json", p.connParams},
	}
	if p.paramSets != nil {
		files = append(files, zfile{base + "_connectionparametersets.json", p.paramSets})
	}
	files = append(files, zfile{base + "_policytemplateinstances.json", p.polic})
	if p.script != nil {
		files = append(files, zfile{base + "_customcodeblobcontent.csx", p.script})
	}
	if p.icon != nil {
		files = append(files, zfile{base + "_iconblob.Png", p.icon})
	}
	el := func(w *xmlWriter) {
		w.open("Connectors")
		w.open("Connector")
		w.leaf("connectorid", p.id)
		w.leaf("description", p.description)
		w.leaf("displayname", p.title)
		w.leaf("iconbrandcolor", p.brandColor)
		w.leaf("name", p.name)
		w.leaf("connectortype", "1")
		if p.scriptOps != "" {
			w.leaf("scriptoperations", p.scriptOps)
		}
		for _, f := range files {
			suffix := strings.TrimPrefix(f.name, base+"_")
			elem := strings.TrimSuffix(suffix, path.Ext(suffix))
			w.leaf(elem, "/"+f.name)
		}
		w.close("Connector")
		w.close("Connectors")
	}
	return files, el
}

// workflow is the sample flow's part of a solution.
type workflow struct {
	id, name, file  string
	json            []byte
	crName, apiName string
}

// solutionFiles lays out one solution zip: customizations.xml, [Content_Types].xml,
// solution.xml, then the components.
func (p *plan) solutionFiles(unique, display string, wf *workflow, connFiles []zfile, connXML func(*xmlWriter)) []zfile {
	var cx xmlWriter
	cx.open("ImportExportXml", "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
	cx.empty("Entities")
	cx.empty("Roles")
	if wf != nil {
		cx.open("Workflows")
		cx.open("Workflow", "WorkflowId", "{"+wf.id+"}", "Name", wf.name)
		cx.leaf("JsonFileName", "/"+wf.file)
		for _, kv := range [][2]string{
			{"Type", "1"}, {"Subprocess", "0"}, {"Category", "5"}, {"Mode", "0"}, {"Scope", "4"},
			{"OnDemand", "0"}, {"TriggerOnCreate", "0"}, {"TriggerOnDelete", "0"}, {"AsyncAutodelete", "0"},
			{"SyncWorkflowLogOnFailure", "0"}, {"StateCode", "1"}, {"StatusCode", "2"}, {"RunAs", "1"},
			{"IsTransacted", "1"}, {"IntroducedVersion", "1.0"}, {"IsCustomizable", "1"},
			{"BusinessProcessType", "0"}, {"IsCustomProcessingStepAllowedForOtherPublishers", "1"},
			{"ModernFlowType", "0"}, {"PrimaryEntity", "none"},
		} {
			cx.leaf(kv[0], kv[1])
		}
		cx.open("LocalizedNames")
		cx.empty("LocalizedName", "languagecode", "1033", "description", wf.name)
		cx.close("LocalizedNames")
		cx.close("Workflow")
		cx.close("Workflows")
	} else {
		cx.empty("Workflows")
	}
	for _, e := range []string{"FieldSecurityProfiles", "Templates", "EntityMaps", "EntityRelationships", "OrganizationSettings", "optionsets", "CustomControls", "EntityDataProviders"} {
		cx.empty(e)
	}
	connXML(&cx)
	if wf != nil {
		cx.open("connectionreferences")
		cx.open("connectionreference", "connectionreferencelogicalname", wf.crName)
		cx.leaf("connectionreferencedisplayname", p.title)
		cx.leaf("connectorid", "/providers/Microsoft.PowerApps/apis/"+wf.apiName)
		cx.open("customconnectorid")
		cx.leaf("connectorid", p.id)
		cx.close("customconnectorid")
		cx.leaf("iscustomizable", "1")
		cx.leaf("promptingbehavior", "0")
		cx.leaf("statecode", "0")
		cx.leaf("statuscode", "1")
		cx.close("connectionreference")
		cx.close("connectionreferences")
	}
	cx.open("Languages")
	cx.leaf("Language", "1033")
	cx.close("Languages")
	cx.close("ImportExportXml")

	var sx xmlWriter
	sx.open("ImportExportXml", "version", "9.2.0.0", "SolutionPackageVersion", "9.2", "languagecode", "1033", "generatedBy", "CrmLive", "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
	sx.open("SolutionManifest")
	sx.leaf("UniqueName", unique)
	sx.open("LocalizedNames")
	sx.empty("LocalizedName", "description", display, "languagecode", "1033")
	sx.close("LocalizedNames")
	sx.empty("Descriptions")
	sx.leaf("Version", p.version)
	sx.leaf("Managed", "0")
	if p.pubBlock != nil {
		sx.line(string(p.pubBlock))
	} else {
		p.writePublisher(&sx)
	}
	sx.open("RootComponents")
	if wf != nil {
		sx.empty("RootComponent", "type", "29", "id", "{"+wf.id+"}", "behavior", "0")
	}
	sx.empty("RootComponent", "type", "372", "id", "{"+p.id+"}", "schemaName", p.name, "behavior", "0")
	sx.close("RootComponents")
	sx.empty("MissingDependencies")
	sx.close("SolutionManifest")
	sx.close("ImportExportXml")

	// Content types: xml and json always, then every other extension written, in its case.
	exts := []string{"xml", "json"}
	var parts []zfile
	if wf != nil {
		parts = append(parts, zfile{wf.file, wf.json})
	}
	parts = append(parts, connFiles...)
	for _, f := range parts {
		ext := strings.TrimPrefix(path.Ext(f.name), ".")
		known := false
		for _, e := range exts {
			known = known || strings.EqualFold(e, ext)
		}
		if !known && ext != "" {
			exts = append(exts, ext)
		}
	}
	var ct strings.Builder
	ct.WriteString("\ufeff" + `<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
	for _, e := range exts {
		ct.WriteString(`<Default Extension="` + esc(e) + `" ContentType="application/octet-stream" />`)
	}
	ct.WriteString("</Types>")

	return append([]zfile{
		{"customizations.xml", cx.bytes()},
		{"[Content_Types].xml", []byte(ct.String())},
		{"solution.xml", sx.bytes()},
	}, parts...)
}

// writePublisher writes the generated <Publisher> block.
func (p *plan) writePublisher(w *xmlWriter) {
	w.open("Publisher")
	w.leaf("UniqueName", p.pubUnique)
	w.open("LocalizedNames")
	w.empty("LocalizedName", "description", p.pubName, "languagecode", "1033")
	w.close("LocalizedNames")
	w.empty("Descriptions")
	w.null("EMailAddress")
	w.null("SupportingWebsiteUrl")
	w.leaf("CustomizationPrefix", p.prefix)
	w.leaf("CustomizationOptionValuePrefix", strconv.Itoa(p.optionPrefix))
	w.open("Addresses")
	for _, n := range []string{"1", "2"} {
		w.open("Address")
		w.leaf("AddressNumber", n)
		for _, f := range []string{"AddressTypeCode", "City", "County", "Country", "Fax", "FreightTermsCode",
			"ImportSequenceNumber", "Latitude", "Line1", "Line2", "Line3", "Longitude", "Name", "PostalCode",
			"PostOfficeBox", "PrimaryContactName", "ShippingMethodCode", "StateOrProvince", "Telephone1",
			"Telephone2", "Telephone3", "TimeZoneRuleVersionNumber", "UPSZone", "UTCOffset", "UTCConversionTimeZoneCode"} {
			w.null(f)
		}
		w.close("Address")
	}
	w.close("Addresses")
	w.close("Publisher")
}

type flowDefinition struct {
	Schema         string         `json:"$schema"`
	ContentVersion string         `json:"contentVersion"`
	Parameters     map[string]any `json:"parameters"`
	Triggers       map[string]any `json:"triggers"`
	Actions        map[string]any `json:"actions"`
}

// sampleFlowSolution generates the flow solution: a manual trigger and one action calling the
// operation, or for a trigger, the trigger and a Compose of its body.
func (p *plan) sampleFlowSolution(so sampleOp, connFiles []zfile, connXML func(*xmlWriter)) []byte {
	op := so.id
	wf := &workflow{name: p.title + " sample flow"}
	wf.id = guid("workflow", p.name, op)
	wf.file = "Workflows/" + flowFileName(wf.name) + "-" + strings.ToUpper(wf.id) + ".json"
	wf.crName = p.name + "_cr"
	wf.apiName = "shared_" + strings.ReplaceAll(p.name, "_", "-5f") + "-5f" + shortHash(p.name, 16)
	actionName := strings.ReplaceAll(flowFileName(op), "-", "_")
	if actionName == "" {
		actionName = "Call_connector"
	}
	type obj = map[string]any
	doc := struct {
		Properties struct {
			ConnectionReferences obj    `json:"connectionReferences"`
			Definition           any    `json:"definition"`
			TemplateName         string `json:"templateName"`
		} `json:"properties"`
		SchemaVersion string `json:"schemaVersion"`
	}{SchemaVersion: "1.0.0.0"}
	doc.Properties.ConnectionReferences = obj{wf.apiName: struct {
		RuntimeSource string `json:"runtimeSource"`
		Connection    obj    `json:"connection"`
		API           obj    `json:"api"`
	}{"embedded", obj{"connectionReferenceLogicalName": wf.crName}, obj{"name": wf.apiName, "logicalName": p.name}}}
	call := obj{
		"host":           obj{"connectionName": wf.apiName, "operationId": op, "apiId": ""},
		"parameters":     p.sampleParams,
		"authentication": "@parameters('$authentication')",
	}
	def := flowDefinition{
		Schema:         "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
		ContentVersion: "1.0.0.0",
		Parameters: obj{
			"$connections":    obj{"defaultValue": obj{}, "type": "Object"},
			"$authentication": obj{"defaultValue": obj{}, "type": "SecureObject"},
		},
		Triggers: obj{"manual": obj{
			"metadata": obj{"operationMetadataId": guid("trigger", p.name, op)},
			"type":     "Request", "kind": "Button",
			"inputs": obj{"schema": obj{"type": "object", "properties": obj{}, "required": []any{}}},
		}},
		Actions: obj{actionName: obj{
			"runAfter": obj{},
			"metadata": obj{"operationMetadataId": guid("action", p.name, op)},
			"type":     "OpenApiConnection",
			"inputs":   call,
		}},
	}
	if so.trigger {
		// The connector's trigger starts the flow; a built-in Compose uses its body.
		trig := obj{
			"metadata": obj{"operationMetadataId": guid("trigger", p.name, op)},
			"type":     "OpenApiConnection",
			"inputs":   call,
		}
		if so.webhook {
			trig["type"] = "OpenApiConnectionWebhook"
		} else {
			trig["recurrence"] = obj{"interval": 3, "frequency": "Minute"}
		}
		def.Triggers = obj{actionName: trig}
		compose := "Compose"
		if actionName == compose {
			compose = "Compose_trigger_body"
		}
		def.Actions = obj{compose: obj{
			"runAfter": obj{},
			"metadata": obj{"operationMetadataId": guid("action", p.name, op)},
			"type":     "Compose",
			"inputs":   "@triggerBody()",
		}}
	}
	doc.Properties.Definition = def
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(doc)
	wf.json = bytes.ReplaceAll(bytes.TrimRight(b.Bytes(), "\n"), []byte("\n"), []byte("\r\n"))
	return writeZip(p.solutionFiles(p.flowSolution, wf.name, wf, connFiles, connXML))
}

// introTemplate is the intro.md packaged when the folder has none (package-layout.md §5).
func introTemplate(p *plan) []byte {
	return []byte("# " + p.title + "\n\n" + strings.TrimSpace(p.description) + "\n\n" +
		"## Prerequisites\n\nTODO: what a user needs before using the connector.\n\n" +
		"## How to get credentials\n\nTODO: how to obtain the credentials the connection asks for.\n\n" +
		"## Get started with your connector\n\nTODO: a first step-by-step example.\n\n" +
		"## Known issues and limitations\n\nTODO\n\n## Common errors and remedies\n\nTODO\n\n## FAQ\n\nTODO\n")
}

// adoptFlowSolution checks the publisher's exported flow solution (a flow and this connector)
// and takes the connector's name and id from it, so that both solutions carry the same
// connector. It returns the zip unchanged, or nil when it can't be used.
func (v *verifier) adoptFlowSolution(p *plan, opts BuildOptions, c *validate.Connector) []byte {
	label := opts.FlowSolutionPath
	if label == "" {
		label = FlowSolutionName
	}
	arc := v.openArchive(label, 2, opts.FlowSolution)
	if arc == nil {
		return nil
	}
	s := &solution{label: label, arc: arc}
	v.parseSolution(s)
	v.checkFolders(s)
	if s.cust == nil {
		return nil
	}
	if !s.workflows {
		v.report(flowSolutionMissing, label, "the flow solution has no workflow; add the tested flow to the solution and export it again")
		return nil
	}
	if len(s.connectors) == 0 {
		v.report(flowSolutionMissing, label, "the flow solution doesn't embed the custom connector (no <Connector> in customizations.xml); add the connector to the solution (Add existing > Automation > Custom connector) and export it again")
		return nil
	}
	ci := connectorInfo{id: normGUID(s.connectors[0].childText("connectorid")), name: s.connectors[0].childText("name"), sol: s, el: s.connectors[0]}
	if ci.id == "" || ci.name == "" {
		v.report(packageConnectorIdMismatch, label+"!customizations.xml", "the flow solution's <Connector> has no connectorid or name; export the solution again")
		return nil
	}
	if _, data := v.packagedOperations(ci); data != nil {
		v.checkDrift(ci, data)
	}
	p.name, p.id = ci.name, ci.id
	if i := strings.Index(ci.name, "_"); i > 0 && opts.PublisherPrefix == "" {
		p.prefix = ci.name[:i]
	}
	// One publisher and one connector record in both solutions: the export's (issue 16).
	if sol := s.arc.find("solution.xml"); sol != nil {
		if data, ok := v.read(s.arc, sol); ok {
			if blk := rawElement(data, "SolutionManifest", "Publisher"); blk != nil && opts.PublisherPrefix == "" && opts.PublisherName == "" && opts.OptionValuePrefix == 0 {
				p.pubBlock = blk
				if pub := s.sol.first("Publisher"); pub != nil {
					p.pubUnique = pub.childText("UniqueName")
					p.prefix = cmp.Or(pub.childText("CustomizationPrefix"), p.prefix)
				}
			}
		}
	}
	for _, f := range []struct {
		el  string
		dst *string
	}{{"displayname", &p.title}, {"iconbrandcolor", &p.brandColor}} {
		if t := ci.el.childText(f.el); t != "" {
			*f.dst = t
		}
	}
	if d := ci.el.child("description"); d != nil {
		p.description = d.Text
	}
	if u := s.sol.first("UniqueName"); u != nil && u.Text != "" {
		p.flowSolution = u.Text
	}
	if p.flowSolution == p.connSolution {
		p.connSolution += "Only"
	}
	return opts.FlowSolution
}

// parameterSets are the edits of the good test connector that give it connectionParameterSets
// (PackageCustomPropertiesMissing's example).
var parameterSets = []validate.Edit{
	{File: validate.PropertiesName, Old: `"connectionParameters": {`, New: `"connectionParameterSets": {"uiDefinition": {"displayName": "Authentication"}, "values": [{"name": "key", "uiDefinition": {"displayName": "API key"}, "parameters": {`},
	{File: validate.PropertiesName, Old: "      }\n    }\n  }\n}\n", New: "      }\n    }}]}\n  }\n}\n"},
}
