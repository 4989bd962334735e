package packaging

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/connector-check/connector-check/internal/goldenfile"
	"github.com/connector-check/connector-check/validate"
)

// The tests in this file read packages with archive/zip and encoding/xml directly: a second
// reader that shares no code with the builder or the verifier.

type rawEntry struct {
	name     string
	data     []byte
	method   uint16
	modified time.Time
	external uint32
	flags    uint16
}

func readRaw(t *testing.T, label string, data []byte) []rawEntry {
	t.Helper()
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s: %v", label, err)
	}
	var out []rawEntry
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s!%s: %v", label, f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s!%s: %v", label, f.Name, err)
		}
		out = append(out, rawEntry{f.Name, b, f.Method, f.Modified, f.ExternalAttrs, f.Flags})
	}
	return out
}

func names(es []rawEntry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.name)
	}
	return out
}

func entryData(t *testing.T, es []rawEntry, name string) []byte {
	t.Helper()
	for _, e := range es {
		if e.name == name {
			return e.data
		}
	}
	t.Fatalf("no entry %q in %q", name, names(es))
	return nil
}

// Solution XML, as the second reader sees it.
type xSolution struct {
	Manifest struct {
		UniqueName string `xml:"UniqueName"`
		Version    string `xml:"Version"`
		Managed    string `xml:"Managed"`
		Publisher  struct {
			Prefix       string `xml:"CustomizationPrefix"`
			OptionPrefix int    `xml:"CustomizationOptionValuePrefix"`
			Addresses    []struct {
				Number string `xml:"AddressNumber"`
			} `xml:"Addresses>Address"`
		} `xml:"Publisher"`
		Roots []struct {
			Type       string `xml:"type,attr"`
			ID         string `xml:"id,attr"`
			SchemaName string `xml:"schemaName,attr"`
		} `xml:"RootComponents>RootComponent"`
		Missing struct {
			Inner string `xml:",innerxml"`
		} `xml:"MissingDependencies"`
	} `xml:"SolutionManifest"`
}

type xCustomizations struct {
	Workflows []struct {
		ID       string `xml:"WorkflowId,attr"`
		JSONFile string `xml:"JsonFileName"`
		Category string `xml:"Category"`
		Modern   string `xml:"ModernFlowType"`
	} `xml:"Workflows>Workflow"`
	Connectors []struct {
		ID      string `xml:"connectorid"`
		Name    string `xml:"name"`
		OpenAPI string `xml:"openapidefinition"`
		Params  string `xml:"connectionparameters"`
		Policy  string `xml:"policytemplateinstances"`
		Code    string `xml:"customcodeblobcontent"`
		Icon    string `xml:"iconblob"`
		Ops     string `xml:"scriptoperations"`
	} `xml:"Connectors>Connector"`
	Refs []struct {
		Custom string `xml:"customconnectorid>connectorid"`
	} `xml:"connectionreferences>connectionreference"`
}

func unmarshalXML(t *testing.T, what string, data []byte, v any) {
	t.Helper()
	if err := xml.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), v); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// TestLayoutIndependently asserts the layout table of package-layout.md §1, §2, §3 and §6 on
// the built packages.
func TestLayoutIndependently(t *testing.T) {
	for _, fx := range []struct {
		dir        string
		outer      []string
		connFolder []string // Connector/ suffixes
	}{
		{tasksDir, []string{"intro.md", "package.zip"}, []string{"_openapidefinition.json", "_connectionparameters.json", "_policytemplateinstances.json"}},
		{notesDir, []string{"intro.md", "package.zip", "icon.png"}, []string{"_openapidefinition.json", "_connectionparameters.json", "_policytemplateinstances.json", "_customcodeblobcontent.csx", "_iconblob.Png"}},
	} {
		t.Run(filepath.Base(fx.dir), func(t *testing.T) {
			c := load(t, fx.dir)
			pkg := build(t, fx.dir)
			all := map[string][]rawEntry{}
			outer := readRaw(t, "outer", pkg)
			all["outer"] = outer
			if got := names(outer); !slices.Equal(got, fx.outer) {
				t.Errorf("outer entries = %q, want %q", got, fx.outer)
			}
			intro, _ := os.ReadFile(filepath.Join(fx.dir, "intro.md"))
			if intro != nil && !bytes.Equal(entryData(t, outer, "intro.md"), intro) {
				t.Error("intro.md is not the folder's, verbatim")
			}
			pd := readRaw(t, "pd", entryData(t, outer, "package.zip"))
			all["pd"] = pd
			want := []string{"PkgAssets/ImportConfig.xml", "PkgAssets/manifest.ppkg.json", "PkgAssets/ConnectorSolution.zip", "PkgAssets/FlowSolution.zip"}
			if got := names(pd); !slices.Equal(got, want) {
				t.Errorf("Package Deployer entries = %q, want %q", got, want)
			}
			ic := entryData(t, pd, "PkgAssets/ImportConfig.xml")
			if !bytes.HasPrefix(ic, []byte("\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"utf-8\"?>")) ||
				bytes.Index(ic, []byte("ConnectorSolution.zip")) > bytes.Index(ic, []byte("FlowSolution.zip")) {
				t.Errorf("ImportConfig.xml: BOM, declaration, connector first:\n%s", ic)
			}
			var man struct {
				SchemaVersion      string
				SolutionParameters map[string]any `json:"solutionParameters"`
			}
			if err := json.Unmarshal(entryData(t, pd, "PkgAssets/manifest.ppkg.json"), &man); err != nil || man.SchemaVersion != "1.0" || len(man.SolutionParameters) != 2 {
				t.Errorf("manifest.ppkg.json = %+v, %v", man, err)
			}

			type parsed struct {
				entries []rawEntry
				sol     xSolution
				cust    xCustomizations
			}
			sols := map[string]parsed{}
			for _, name := range []string{"ConnectorSolution.zip", "FlowSolution.zip"} {
				es := readRaw(t, name, entryData(t, pd, "PkgAssets/"+name))
				all[name] = es
				var p parsed
				p.entries = es
				if got := names(es)[:3]; !slices.Equal(got, []string{"customizations.xml", "[Content_Types].xml", "solution.xml"}) {
					t.Errorf("%s starts with %q", name, got)
				}
				unmarshalXML(t, name+" solution.xml", entryData(t, es, "solution.xml"), &p.sol)
				unmarshalXML(t, name+" customizations.xml", entryData(t, es, "customizations.xml"), &p.cust)
				ct := string(entryData(t, es, "[Content_Types].xml"))
				for _, e := range es[3:] {
					if ext := filepath.Ext(e.name); !strings.Contains(ct, `Extension="`+ext[1:]+`"`) {
						t.Errorf("%s: %s has no content type", name, e.name)
					}
				}
				for _, d := range []string{"customizations.xml", "solution.xml"} {
					if x := entryData(t, es, d); bytes.HasPrefix(x, []byte("\xef\xbb\xbf")) || bytes.HasPrefix(x, []byte("<?xml")) || !bytes.Contains(x, []byte("\r\n")) {
						t.Errorf("%s %s: want no BOM, no declaration, CRLF", name, d)
					}
				}
				m := p.sol.Manifest
				if m.Managed != "0" || m.Version != "1.0.0.0" || strings.TrimSpace(m.Missing.Inner) != "" || len(m.Publisher.Addresses) != 2 ||
					!regexp.MustCompile(`^[a-z][a-z0-9]{1,7}$`).MatchString(m.Publisher.Prefix) || m.Publisher.OptionPrefix < 10000 || m.Publisher.OptionPrefix > 99999 {
					t.Errorf("%s manifest = %+v", name, m)
				}
				if len(p.cust.Connectors) != 1 {
					t.Fatalf("%s: %d connectors", name, len(p.cust.Connectors))
				}
				cn := p.cust.Connectors[0]
				var connFiles []string
				for _, e := range es {
					if strings.HasPrefix(e.name, "Connector/") {
						connFiles = append(connFiles, e.name)
					}
				}
				var wantFiles []string
				for _, s := range fx.connFolder {
					wantFiles = append(wantFiles, "Connector/"+cn.Name+s)
				}
				if !slices.Equal(connFiles, wantFiles) {
					t.Errorf("%s Connector/ = %q, want %q", name, connFiles, wantFiles)
				}
				if !strings.HasPrefix(cn.Name, m.Publisher.Prefix+"_") || !regexp.MustCompile(`^[a-z0-9]+_[a-z0-9]+$`).MatchString(cn.Name) {
					t.Errorf("%s connector name %q", name, cn.Name)
				}
				var root372 int
				for _, r := range m.Roots {
					if r.Type == "372" {
						root372++
						if r.ID != "{"+cn.ID+"}" || r.SchemaName != cn.Name {
							t.Errorf("%s RootComponent %+v vs connector %s %s", name, r, cn.ID, cn.Name)
						}
					}
				}
				if root372 != 1 {
					t.Errorf("%s: %d connector root components", name, root372)
				}
				// Minified (no whitespace outside strings) and semantically the folder's swagger.
				oa := entryData(t, es, strings.TrimPrefix(cn.OpenAPI, "/"))
				var got, want any
				if err := json.Unmarshal(oa, &got); err != nil {
					t.Fatalf("%s: the OpenAPI file isn't JSON: %v", name, err)
				}
				json.Unmarshal(bytes.TrimPrefix(c.Swagger.Data, []byte("\xef\xbb\xbf")), &want)
				if !reflect.DeepEqual(got, want) || bytes.Contains(oa, []byte("\n")) || bytes.Contains(oa, []byte("{ ")) || len(oa) >= len(c.Swagger.Data) {
					t.Errorf("%s: the OpenAPI file is not the folder's swagger, minified", name)
				}
				var params, props any
				json.Unmarshal(entryData(t, es, strings.TrimPrefix(cn.Params, "/")), &params)
				json.Unmarshal(c.Properties.Data, &props)
				if fmt.Sprint(params) != fmt.Sprint(props.(map[string]any)["properties"].(map[string]any)["connectionParameters"]) {
					t.Errorf("%s: connection parameters %v", name, params)
				}
				sols[name] = p
			}
			conn, flow := sols["ConnectorSolution.zip"], sols["FlowSolution.zip"]
			if len(conn.cust.Workflows) != 0 || len(flow.cust.Workflows) != 1 {
				t.Fatalf("workflows: connector solution %d, flow solution %d", len(conn.cust.Workflows), len(flow.cust.Workflows))
			}
			if conn.cust.Connectors[0] != flow.cust.Connectors[0] {
				t.Errorf("the connector differs between the solutions:\n%+v\n%+v", conn.cust.Connectors[0], flow.cust.Connectors[0])
			}
			wf := flow.cust.Workflows[0]
			id := strings.Trim(wf.ID, "{}")
			if wf.Category != "5" || wf.Modern != "0" || !strings.HasSuffix(wf.JSONFile, "-"+strings.ToUpper(id)+".json") || len(flow.cust.Refs) != 1 || flow.cust.Refs[0].Custom != conn.cust.Connectors[0].ID {
				t.Errorf("workflow %+v, references %+v", wf, flow.cust.Refs)
			}
			var doc struct {
				Properties struct {
					ConnectionReferences map[string]struct {
						API struct{ LogicalName string } `json:"api"`
					} `json:"connectionReferences"`
				} `json:"properties"`
			}
			wfJSON := entryData(t, flow.entries, strings.TrimPrefix(wf.JSONFile, "/"))
			if err := json.Unmarshal(wfJSON, &doc); err != nil || len(doc.Properties.ConnectionReferences) != 1 {
				t.Fatalf("workflow JSON: %v", err)
			}
			for _, cr := range doc.Properties.ConnectionReferences {
				if cr.API.LogicalName != conn.cust.Connectors[0].Name {
					t.Errorf("api.logicalName %q", cr.API.LogicalName)
				}
			}
			// Every zip: fixed time, Deflate, no directory entries, no archiver leftovers.
			for label, es := range all {
				for _, e := range es {
					if e.method != zip.Deflate || !e.modified.Equal(fixedTime) || strings.HasSuffix(e.name, "/") ||
						strings.Contains(e.name, "__MACOSX") || strings.Contains(e.name, `\`) || e.external != 0 || e.flags&0x8 != 0 {
						t.Errorf("%s!%s: method %d, time %v, attrs %x, flags %x (want no data descriptor)", label, e.name, e.method, e.modified, e.external, e.flags)
					}
				}
			}
			if fs := Verify("package.zip", pkg, Options{Kind: c.Kind, Connector: c, ConnectorPath: c.Path}); len(errorsIn(fs)) > 0 {
				t.Errorf("the verifier finds problems in the built package:\n%s", describe(fs))
			}
		})
	}
}

// TestDeterministic: two builds, from two copies of the folder at different paths, are
// byte-identical.
func TestDeterministic(t *testing.T) {
	for _, dir := range []string{tasksDir, notesDir} {
		a := build(t, dir)
		b := build(t, copyConnector(t, dir, "elsewhere", nil))
		if sha256.Sum256(a) != sha256.Sum256(b) {
			t.Errorf("%s: two builds differ", dir)
		}
	}
}

// TestGolden compares the entry listing and every generated text file with the golden files
// under testdata/golden (go test ./package -update rewrites them).
func TestGolden(t *testing.T) {
	for _, dir := range []string{tasksDir, notesDir} {
		name := strings.ReplaceAll(filepath.Base(dir), " ", "")
		pkg := build(t, dir)
		var listing strings.Builder
		var walk func(label string, data []byte)
		walk = func(label string, data []byte) {
			for _, e := range readRaw(t, label, data) {
				full := label + "!" + e.name
				fmt.Fprintf(&listing, "%-110s %7d %x\n", full, len(e.data), sha256.Sum256(e.data))
				switch ext := strings.ToLower(filepath.Ext(e.name)); {
				case ext == ".zip":
					walk(full, e.data)
				case ext == ".xml" || ext == ".json" && !strings.Contains(e.name, "Connector/"):
					path := strings.NewReplacer("package.zip!", "", ".zip!", "/", "!", "/", "[", "", "]", "").Replace(full)
					golden(t, filepath.Join(name, path), e.data)
				}
			}
		}
		walk("package.zip", pkg)
		golden(t, filepath.Join(name, "listing.txt"), []byte(listing.String()))
	}
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", "golden", name), got)
}

// FuzzVerify: any bytes give findings, never a panic, and every finding names a registered
// section 14 rule and a place inside the package.
func FuzzVerify(f *testing.F) {
	tasks, notes := packages(f)
	f.Add(tasks)
	f.Add(notes)
	f.Add(edit(f, tasks, nil, with(zent{name: "../x", data: []byte("x")})))
	f.Add(edit(f, tasks, []string{DeployerZipName}, rename("PkgAssets/", "Assets/")))
	f.Add(readRawFirst(f, tasks))
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, f := range Verify("p.zip", data, Options{Kind: validate.Certified}) {
			r, ok := validate.LookupRule(f.Rule)
			if !ok || r.Section != "14" || !strings.HasPrefix(f.File, "p.zip") || f.Message == "" {
				t.Fatalf("bad finding %+v", f)
			}
		}
	})
}

// readRawFirst is the Package Deployer zip of a package (a seed one level down).
func readRawFirst(t testing.TB, pkg []byte) []byte {
	return unzipAll(t, pkg)[1].data
}
