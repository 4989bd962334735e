package validate

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestDiscover(t *testing.T) {
	root := t.TempDir()
	mk := func(rel string, files ...string) {
		dir := filepath.Join(root, rel)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if err := os.WriteFile(filepath.Join(dir, f), []byte("{}"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	mk("independent-publisher-connectors/Africa's Talking SMS", "apiDefinition.swagger.json", "apiProperties.json")
	mk("independent-publisher-connectors/Proposal - Only Readme", "readme.md")   // a proposal folder: a direct child of a kind folder
	mk("certified-connectors/Lower Case", "apidefinition.swagger.json")          // names compared ignoring case
	mk("certified-connectors/With Images/images", "a.png")                       // sub-folders of a connector are not connectors
	mk("certified-connectors/With Images", "apiProperties.json")                 //
	mk("custom-connectors/Misspelled", "apiDefination.swagger.json")             // any *.swagger.json marks a connector
	mk(".git/objects/certified-connectors/Hidden", "apiDefinition.swagger.json") // hidden folders are skipped
	mk("docs/notes", "readme.md")                                                // not a connector
	mk("node_modules/pkg", "apiProperties.json")                                 // skipped
	if err := os.Symlink(filepath.Join(root, "certified-connectors"), filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	got, err := Discover(root)
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i], _ = filepath.Rel(root, got[i])
	}
	want := []string{
		"certified-connectors/Lower Case",
		"certified-connectors/With Images",
		"custom-connectors/Misspelled",
		"independent-publisher-connectors/Africa's Talking SMS",
		"independent-publisher-connectors/Proposal - Only Readme",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Discover = %q\nwant %q", got, want)
	}

	// The root itself can be the connector, also a proposal folder with only a readme.
	if p, _ := Discover(filepath.Join(root, "independent-publisher-connectors", "Proposal - Only Readme")); len(p) != 1 {
		t.Errorf("Discover(proposal folder) = %v", p)
	}
	one, err := Discover(filepath.Join(root, "certified-connectors", "Lower Case"))
	if err != nil || len(one) != 1 {
		t.Errorf("Discover(connector) = %v, %v", one, err)
	}
	if _, err := Discover(filepath.Join(root, "missing")); err == nil {
		t.Error("Discover(missing) succeeded")
	}
}

func TestKindFromPath(t *testing.T) {
	for path, want := range map[string]Kind{
		"/r/certified-connectors/X":                      Certified,
		"/r/Independent-Publisher-Connectors/X":          IndependentPublisher,
		"/r/custom-connectors/X":                         Custom,
		"/r/certified-connectors/X/inner":                Certified,
		"/r/other/X":                                     0,
		"/certified-connectors":                          0, // the folder itself is not its own parent
		"/r/independent-publisher-connectors/Africa's T": IndependentPublisher,
	} {
		if got := KindFromPath(path); got != want {
			t.Errorf("KindFromPath(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestLoadKindFlagWins(t *testing.T) {
	dir := makeConnector(t, IndependentPublisher, nil)
	c, err := Load(dir, "x", Certified)
	if err != nil || c.Kind != Certified || !c.KindResolved {
		t.Fatalf("Load with --kind: kind %v resolved %v err %v", c.Kind, c.KindResolved, err)
	}
	c, _ = Load(dir, "./x/", 0)
	if c.Kind != IndependentPublisher || c.Path != "x" {
		t.Errorf("auto kind = %v, path %q", c.Kind, c.Path)
	}
}

func TestLoadSkipsSymlinkedFiles(t *testing.T) {
	dir := makeConnector(t, IndependentPublisher, map[string]string{PropertiesName: absent})
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, PropertiesName)); err != nil {
		t.Fatal(err)
	}
	c, err := Load(dir, "c", 0)
	if err != nil {
		t.Fatal(err)
	}
	if c.Properties == nil || c.Properties.Data != nil || c.Properties.ReadErr == nil {
		t.Fatalf("a symlinked apiProperties.json was read or lost: %+v", c.Properties)
	}
}

func TestRunDeduplicatesAndSorts(t *testing.T) {
	root := filepath.Join("..", "testdata", "connectors")
	res, err := Run([]string{root, filepath.Join(root, "certified-connectors")}, Options{Jobs: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Connectors) != 5 {
		t.Errorf("connectors = %d, want 5 (overlapping paths are checked once)", len(res.Connectors))
	}
	if !slices.IsSortedFunc(res.Findings, compareFindings) {
		t.Error("findings are not sorted")
	}
	var sum Counts
	for _, c := range res.Connectors {
		sum.Errors += c.Errors
		sum.Warnings += c.Warnings
		sum.Notices += c.Notices
	}
	if sum != res.Counts {
		t.Errorf("connector counts %+v don't add up to %+v", sum, res.Counts)
	}
	again, _ := Run([]string{root}, Options{Jobs: 1})
	if !slices.EqualFunc(res.Findings, again.Findings, func(a, b Finding) bool { return compareFindings(a, b) == 0 }) {
		t.Error("parallel and sequential runs differ")
	}
}

func TestSortFindingsDeduplicates(t *testing.T) {
	a := Finding{Rule: "B", Connector: "c", File: "c/f", Line: 2, Column: 1, Message: "m"}
	b := Finding{Rule: "A", Connector: "c", File: "c/f", Line: 2, Column: 1, Message: "m"}
	c := Finding{Rule: "A", Connector: "c", File: "c/f", Line: 1, Column: 9, Message: "m"}
	got := SortFindings([]Finding{a, b, a, c, b})
	want := []Finding{c, b, a}
	if !slices.EqualFunc(got, want, func(x, y Finding) bool { return compareFindings(x, y) == 0 }) {
		t.Errorf("SortFindings = %+v", got)
	}
}

func TestMisspelledCanonical(t *testing.T) {
	for name, want := range map[string]string{
		"apiDefination.swagger.json": SwaggerName,
		"CQC-Connector.swagger.json": SwaggerName,
		"apiDefinition.json":         "", // too far from any canonical name
		"apiPropertes.json":          PropertiesName,
		"Script.cs":                  ScriptName,
		"connector-script.csx":       ScriptName,
		"Readme.md.txt":              ReadmeName,
		"readme.txt":                 ReadmeName,
		"README.md":                  "",
		"apidefinition.swagger.json": "",
		"settings.json":              "",
		"setting.json":               SettingsName,
		"screenshot.png":             "",
		"logo.png":                   "",
	} {
		if got := misspelledCanonical(name); got != want {
			t.Errorf("misspelledCanonical(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestEditDistanceAtMost(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		k    int
		want bool
	}{
		{"kitten", "sitting", 3, true},
		{"kitten", "sitting", 2, false},
		{"", "ab", 2, true},
		{"", "abc", 2, false},
		{"héllo", "hello", 1, true},
		{"same", "same", 0, true},
	} {
		if got := editDistanceAtMost(tc.a, tc.b, tc.k); got != tc.want {
			t.Errorf("editDistanceAtMost(%q, %q, %d) = %v", tc.a, tc.b, tc.k, got)
		}
	}
}
