package packaging

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/validate"
)

// corpusDir is ../shared/corpus from the module root: published connectors, data only.
const corpusDir = "../../shared/corpus"

// TestCorpusPackages builds and verifies the package of every corpus connector (issue 16's
// "done when"), in a temporary copy of each folder with a minimal intro.md, and an icon for
// certified connectors, where the folder lacks them. Every connector whose swagger is JSON must
// build, verify without error findings, rebuild byte for byte, and pass an independent reader
// (archive/zip and encoding/xml only). The others must get a finding that says why, not a
// package. The summary is logged (go test -run TestCorpusPackages -v). It doesn't tune anything:
// no severity or limit was chosen from its results.
func TestCorpusPackages(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skip("../shared/corpus is absent")
	}
	if testing.Short() {
		t.Skip("builds ~500 packages")
	}
	icon := testIcon(t)
	var clean, refused, failed, multiAuth []string
	triggerOnly := 0
	for _, kind := range []string{"certified-connectors", "independent-publisher-connectors"} {
		des, err := os.ReadDir(filepath.Join(corpusDir, kind))
		if err != nil {
			t.Fatal(err)
		}
		for _, de := range des {
			if !de.IsDir() {
				continue
			}
			name := kind + "/" + de.Name()
			dir := filepath.Join(t.TempDir(), kind, de.Name())
			copyFlat(t, filepath.Join(corpusDir, kind, de.Name()), dir)
			if _, err := os.Stat(filepath.Join(dir, "intro.md")); err != nil {
				os.WriteFile(filepath.Join(dir, "intro.md"), []byte("# "+de.Name()+"\n\nA connector.\n\n## Prerequisites\n\nAn account.\n"), 0o644)
			}
			if _, err := os.Stat(filepath.Join(dir, "icon.png")); err != nil && kind == "certified-connectors" {
				os.WriteFile(filepath.Join(dir, "icon.png"), icon, 0o644)
			}
			c, err := validate.Load(dir, dir, 0)
			if err != nil {
				t.Errorf("%s: load: %v", name, err)
				continue
			}
			// A multi-auth connector's package needs the publisher's customProperties.json
			// (5000.1.1.5), which no corpus folder has and the builder can't write.
			if _, err := os.Stat(filepath.Join(dir, "customProperties.json")); err != nil && c.Properties != nil && bytes.Contains(c.Properties.Data, []byte(`"connectionParameterSets"`)) {
				os.WriteFile(filepath.Join(dir, "customProperties.json"), []byte("{}\n"), 0o644)
				multiAuth = append(multiAuth, name)
				if c, err = validate.Load(dir, dir, 0); err != nil {
					t.Fatal(err)
				}
			}
			data, fs, err := Build(c, BuildOptions{Label: "package.zip"})
			if err != nil {
				t.Errorf("%s: build: %v", name, err)
				continue
			}
			var sw any
			swaggerJSON := c.Swagger != nil && json.Unmarshal(stripBOM(c.Swagger.Data), &sw) == nil
			if data == nil {
				if swaggerJSON || len(errorsIn(fs)) == 0 {
					failed = append(failed, name+": not built: "+describe(fs))
				} else {
					refused = append(refused, name+": "+fs[0].Rule+": "+fs[0].Message)
				}
				continue
			}
			vs := Verify("package.zip", data, Options{Kind: CertificationKind(c.Kind), Connector: c, ConnectorPath: c.Path})
			var errs []validate.Finding
			for _, f := range append(fs, vs...) {
				if f.Severity == validate.Error {
					errs = append(errs, f)
				}
			}
			if len(errs) > 0 {
				failed = append(failed, name+": "+describe(errs))
				continue
			}
			again, _, _ := Build(c, BuildOptions{Label: "package.zip"})
			if !bytes.Equal(data, again) {
				failed = append(failed, name+": two builds differ")
				continue
			}
			trig, problem := readLayout(data, sw)
			if problem != "" {
				failed = append(failed, name+": independent reader: "+problem)
				continue
			}
			if trig {
				triggerOnly++
			}
			clean = append(clean, name)
		}
	}
	t.Logf("%d connectors build and verify clean (%d of them with a trigger flow); %d refused with a finding; %d failed", len(clean), triggerOnly, len(refused), len(failed))
	t.Logf("given a customProperties.json (multi-auth): %s", strings.Join(multiAuth, ", "))
	for _, r := range refused {
		t.Logf("refused: %s", strings.TrimSpace(r))
	}
	for _, f := range failed {
		t.Errorf("%s", f)
	}
}

// copyFlat copies the regular files at the top of src (connector folders have no sub-folders
// the package uses).
func copyFlat(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	des, _ := os.ReadDir(src)
	for _, de := range des {
		if !de.Type().IsRegular() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(src, de.Name()))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dst, de.Name()), data, 0o644)
	}
}

// testIcon is a 100x100 PNG on the certified brand background.
func testIcon(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 100, 100))
	for i := range img.Pix {
		img.Pix[i] = 0x80
	}
	img.Set(50, 50, color.White)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// readLayout reads a package with archive/zip and encoding/xml only, sharing no code with the
// builder or the verifier: outer intro.md + package.zip, PkgAssets with the two solutions, the
// three root files of each, the Connector/ files each <Connector> names, one workflow whose
// connector calls use operationIds of the swagger. trigger reports a flow that starts with the
// connector's trigger.
func readLayout(pkg []byte, swagger any) (trigger bool, problem string) {
	files := func(data []byte) (map[string][]byte, string) {
		r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return nil, err.Error()
		}
		out := map[string][]byte{}
		for _, f := range r.File {
			if f.Flags&0x8 != 0 {
				return nil, f.Name + " has a data descriptor"
			}
			rc, err := f.Open()
			if err != nil {
				return nil, err.Error()
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				return nil, f.Name + ": " + err.Error()
			}
			out[f.Name] = b
		}
		return out, ""
	}
	keys := func(m map[string][]byte) string {
		var k []string
		for n := range m {
			k = append(k, n)
		}
		sort.Strings(k)
		return strings.Join(k, " ")
	}
	outer, p := files(pkg)
	if p != "" || outer["intro.md"] == nil || outer["package.zip"] == nil {
		return false, "outer: " + p + keys(outer)
	}
	pd, p := files(outer["package.zip"])
	if p != "" || len(pd) != 4 || pd["PkgAssets/ConnectorSolution.zip"] == nil || pd["PkgAssets/FlowSolution.zip"] == nil {
		return false, "package.zip: " + p + keys(pd)
	}
	ops := map[string]bool{}
	paths, _ := swagger.(map[string]any)["paths"].(map[string]any)
	for _, item := range paths {
		m, _ := item.(map[string]any)
		for _, op := range m {
			if o, ok := op.(map[string]any); ok {
				if id, ok := o["operationId"].(string); ok {
					ops[id] = true
				}
			}
		}
	}
	var ids []string
	for _, sol := range []string{"ConnectorSolution.zip", "FlowSolution.zip"} {
		es, p := files(pd["PkgAssets/"+sol])
		if p != "" {
			return false, sol + ": " + p
		}
		for _, f := range []string{"[Content_Types].xml", "customizations.xml", "solution.xml"} {
			if es[f] == nil {
				return false, sol + " lacks " + f
			}
		}
		var cust struct {
			Connectors []struct {
				ID      string `xml:"connectorid"`
				Name    string `xml:"name"`
				Display string `xml:"displayname"`
				Color   string `xml:"iconbrandcolor"`
				OpenAPI string `xml:"openapidefinition"`
				Params  string `xml:"connectionparameters"`
				Policy  string `xml:"policytemplateinstances"`
			} `xml:"Connectors>Connector"`
			Workflows []struct {
				JSONFile string `xml:"JsonFileName"`
			} `xml:"Workflows>Workflow"`
		}
		if err := xml.Unmarshal(es["customizations.xml"], &cust); err != nil || len(cust.Connectors) != 1 {
			return false, sol + " customizations.xml: " + keys(es)
		}
		cn := cust.Connectors[0]
		ids = append(ids, cn.ID+" "+cn.Name)
		if cn.Color == "" || cn.Display == "" {
			return false, sol + ": empty displayname or iconbrandcolor"
		}
		for _, f := range []string{cn.OpenAPI, cn.Params, cn.Policy} {
			if !json.Valid(es[strings.TrimPrefix(f, "/")]) {
				return false, sol + ": " + f + " is missing or not JSON"
			}
		}
		if sol == "ConnectorSolution.zip" {
			if len(cust.Workflows) != 0 {
				return false, "the connector solution has workflows"
			}
			continue
		}
		if len(cust.Workflows) != 1 {
			return false, "the flow solution has no workflow"
		}
		var flow struct {
			Properties struct {
				Definition struct {
					Triggers map[string]struct {
						Type   string `json:"type"`
						Inputs struct {
							Host struct{ OperationID string } `json:"host"`
						} `json:"inputs"`
					} `json:"triggers"`
					Actions map[string]struct {
						Type   string `json:"type"`
						Inputs any    `json:"inputs"`
					} `json:"actions"`
				} `json:"definition"`
			} `json:"properties"`
		}
		if err := json.Unmarshal(es[strings.TrimPrefix(cust.Workflows[0].JSONFile, "/")], &flow); err != nil {
			return false, "workflow: " + err.Error()
		}
		for _, tr := range flow.Properties.Definition.Triggers {
			if tr.Type != "Request" {
				trigger = true
				if !ops[tr.Inputs.Host.OperationID] {
					return false, "the trigger uses an unknown operation"
				}
			}
		}
		calls := 0
		for _, a := range flow.Properties.Definition.Actions {
			if a.Type == "OpenApiConnection" {
				calls++
				op, _ := a.Inputs.(map[string]any)["host"].(map[string]any)["operationId"].(string)
				if !ops[op] {
					return false, "an action uses an unknown operation " + op
				}
			}
		}
		if calls+len(flow.Properties.Definition.Triggers) < 1 || (!trigger && calls != 1) {
			return false, "the flow doesn't use the connector"
		}
	}
	if ids[0] != ids[1] {
		return false, "the connector differs between the solutions: " + strings.Join(ids, " / ")
	}
	return trigger, ""
}
