package baseline

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/validate"
)

func TestFingerprintIgnoresLines(t *testing.T) {
	files := map[string]string{
		"c/readme.md":  "# X\n\n## Known Issues\n\ntext\nbad line\n",
		"c/readme2.md": "# X\n\nnew paragraph\n\nmore\n\n## Known Issues\n\ntext\nbad line\n",
		"c/script.csx": "a\n  var x = 1;\n",
	}
	fp := &Fingerprinter{ReadFile: func(n string) ([]byte, error) { return []byte(files[n]), nil }}
	md := validate.Finding{Rule: "R", Connector: "c", File: "c/readme.md", Line: 6, Column: 1}
	moved := md
	moved.File, moved.Line = "c/readme2.md", 10
	if a, b := fp.Anchor(&md), fp.Anchor(&moved); a != "heading:Known Issues" || a != b {
		t.Errorf("anchors %q, %q; want both heading:Known Issues", a, b)
	}
	js := validate.Finding{Rule: "R", Connector: "c", File: "c/apiDefinition.swagger.json", Line: 3, Pointer: "/info/title", HasPointer: true}
	js2 := js
	js2.Line, js2.Column = 40, 9
	if fp.Fingerprint(&js) != fp.Fingerprint(&js2) {
		t.Error("a JSON finding's fingerprint depends on its line")
	}
	cs := validate.Finding{Rule: "R", Connector: "c", File: "c/script.csx", Line: 2}
	if a := fp.Anchor(&cs); a != "text:var x = 1;" {
		t.Errorf("anchor %q", a)
	}
	other := js
	other.Rule = "S"
	if fp.Fingerprint(&js) == fp.Fingerprint(&other) {
		t.Error("the rule is not part of the fingerprint")
	}
}

func TestApplyCountsOccurrences(t *testing.T) {
	fp := &Fingerprinter{ReadFile: func(string) ([]byte, error) { return nil, nil }}
	f := validate.Finding{Rule: "R", Severity: validate.Error, Connector: "c", File: "c/a.json", Pointer: "/x", HasPointer: true, Message: "m"}
	old := &validate.Result{Connectors: []validate.ConnectorResult{{Path: "c"}}, Findings: []validate.Finding{f, f}}
	b := Make(old, fp)
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	// One more occurrence of the same fingerprint, and a new finding elsewhere.
	g := f
	g.Pointer = "/y"
	now := &validate.Result{Connectors: old.Connectors, Findings: []validate.Finding{f, f, f, g}}
	out, n := Apply(now, b, fp)
	if n != 2 {
		t.Errorf("%d baselined, want 2", n)
	}
	if out.Counts != (validate.Counts{Errors: 2, Notices: 2}) {
		t.Errorf("counts %+v, want 2 errors (the new ones) and 2 notices", out.Counts)
	}
	if out.Findings[0].Message != "(baseline) m" || out.Findings[2].Message != "m" {
		t.Errorf("messages %q, %q", out.Findings[0].Message, out.Findings[2].Message)
	}
	if now.Findings[0].Severity != validate.Error {
		t.Error("Apply changed its input")
	}
}

// Issue 17: a baseline planted as a link to an endless stream is refused at once.
func TestLoadRefusesLinks(t *testing.T) {
	dir := t.TempDir()
	for i, target := range []string{"/dev/zero", "/proc/self/fd/1"} {
		p := filepath.Join(dir, fmt.Sprint(i, ".json"))
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(p); err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("-> %s: %v", target, err)
		}
	}
}

// ChangeKey: a finding that only moved (other lines, another array index, a count in its message)
// keeps its key; another rule, file or pointer doesn't.
func TestChangeKey(t *testing.T) {
	fp := &Fingerprinter{ReadFile: func(string) ([]byte, error) { return nil, os.ErrNotExist }}
	f := validate.Finding{Rule: "R", Connector: "c", File: "c/s.json", Line: 10, HasPointer: true,
		Pointer: "/paths/~1tasks/get/parameters/0/x-ms-summary", Message: "parameter 1 of GetTasks (line 10) has no summary"}
	moved := f
	moved.Line, moved.Pointer, moved.Message = 90, "/paths/~1tasks/get/parameters/3/x-ms-summary", "parameter 4 of GetTasks (line 90)  has no summary"
	if fp.ChangeKey(&f) != fp.ChangeKey(&moved) {
		t.Error("a moved finding changed its key")
	}
	for _, change := range []func(*validate.Finding){
		func(g *validate.Finding) { g.Rule = "S" },
		func(g *validate.Finding) { g.File = "c/t.json" },
		func(g *validate.Finding) { g.Pointer = "/paths/~1notes/get/parameters/0/x-ms-summary" },
		func(g *validate.Finding) { g.Message = "parameter 1 of GetNotes (line 10) has no summary" },
	} {
		g := f
		change(&g)
		if fp.ChangeKey(&g) == fp.ChangeKey(&f) {
			t.Errorf("%+v has the key of %+v", g, f)
		}
	}
}

// FuzzParse: any baseline file parses or fails with an error naming it, and what parses applies
// without a panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"version": 1, "tool": "connector-check", "findings": [{"fingerprint": "ab", "rule": "R"}]}`))
	f.Add([]byte(`{"version": 2}`))
	f.Add([]byte(`{"version": 1, "findings": null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse("b.json", data)
		if err != nil {
			if !strings.Contains(err.Error(), "b.json") {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		res := &validate.Result{Findings: []validate.Finding{{Rule: "R", Connector: "c", File: "c/x.json", HasPointer: true}}}
		Apply(res, b, &Fingerprinter{ReadFile: func(string) ([]byte, error) { return nil, os.ErrNotExist }})
	})
}

// Different sections missing from one readme are reported at the same place (the title line):
// they shared one fingerprint, so adding one section and removing another went unnoticed.
func TestMissingSectionsHaveDistinctFingerprints(t *testing.T) {
	fp := &Fingerprinter{ReadFile: func(string) ([]byte, error) { return []byte("# Title\n\ntext\n"), nil }}
	a := validate.Finding{Rule: "ReadmeSectionMissing", Connector: "c", File: "c/readme.md", Line: 1,
		Message: `the readme has no "Known Issues" section; add a heading "## Known Issues"`}
	b := a
	b.Message = `the readme has no "Prerequisites" section; add a heading "## Prerequisites"`
	if fp.Fingerprint(&a) == fp.Fingerprint(&b) {
		t.Errorf("two missing sections share the fingerprint %s", fp.Fingerprint(&a))
	}
	// The message may be reworded around the name without changing the fingerprint.
	c := a
	c.Message = `no "Known Issues" section in the readme`
	if fp.Fingerprint(&a) != fp.Fingerprint(&c) {
		t.Errorf("the fingerprint depends on the wording")
	}
}
