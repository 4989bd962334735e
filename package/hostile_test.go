package packaging

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/validate"
)

// numbersJSON is n bytes of a JSON array of zeros: cheap to send (it deflates about 1000:1),
// expensive to parse into a tree.
func numbersJSON(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"properties":{"definition":{"actions":{"a":[`)
	for b.Len() < n-10 {
		b.WriteString("0,")
	}
	b.WriteString("0]}}}}")
	return b.Bytes()
}

// hostileFlowPackage is the built Contoso Tasks package whose flow solution carries files
// workflow JSON files of size bytes each, all declared in customizations.xml: each entry stays
// under the ratio check's floor, and nesting compresses the repetition again, so the outer zip
// stays small.
func hostileFlowPackage(t testing.TB, files, size int) []byte {
	body := numbersJSON(size)
	return edit(t, tasksPackage(t), flowPath, func(es []zent) []zent {
		var decl strings.Builder
		for i := range files {
			name := fmt.Sprintf("Workflows/Flow%d-00000000-0000-0000-0000-%012d.json", i, i)
			es = append(es, zent{name: name, data: body})
			fmt.Fprintf(&decl, `<Workflow WorkflowId="{00000000-0000-0000-0000-%012d}" Name="F%d"><JsonFileName>/%s</JsonFileName></Workflow>`, i, i, name)
		}
		return rewrite("customizations.xml", "</Workflows>", decl.String()+"</Workflows>")(es)
	})
}

func tasksPackage(t testing.TB) []byte { p, _ := packages(t); return p }

// TestHostileZipMemory reproduces issue 17: workflow JSON inside a package was parsed into a
// tree (about 16 bytes per byte of "0,") and every entry read was kept, so a 10 KB zip cost
// 1.9 GiB of allocations. The verifier now streams workflow JSON, keeps none of it, and reads at
// most 16 MiB of it per package.
func TestHostileZipMemory(t *testing.T) {
	pkg := hostileFlowPackage(t, 40, 1<<20-100)
	t.Logf("hostile package: %d bytes", len(pkg))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	Verify("package.zip", pkg, Options{})
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("allocated %d MiB", alloc>>20)
	if alloc > 400<<20 {
		t.Errorf("verifying a %d-byte package allocated %d MiB; want under 400 MiB", len(pkg), alloc>>20)
	}
}

// TestRunBudgetUse: what one real package costs, for choosing the run defaults.
func TestRunBudgetUse(t *testing.T) {
	for _, pkg := range [][]byte{tasksPackage(t), hostileFlowPackage(t, 100, 1<<20-100)} {
		b := NewBudget(0, 0)
		Verify("package.zip", pkg, Options{Budget: b})
		by, en := b.Used()
		t.Logf("package of %d bytes: %d KiB, %d entries", len(pkg), by>>10, en)
	}
}

// TestRunBudgetSharedByFolderZips reproduces issue 17's "ten copies in one folder": each zip got
// a budget of its own, so copies multiplied the cost. With one budget per run the copies after it
// is spent are reported, not read.
func TestRunBudgetSharedByFolderZips(t *testing.T) {
	hostile := hostileFlowPackage(t, 60, 1<<20-100)
	dir := copyConnector(t, tasksDir, "independent-publisher-connectors", nil)
	for i := range 10 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("copy%d.zip", i)), hostile, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const runBytes = 40 << 20
	b := NewBudget(runBytes, 0)
	var spent []string
	for _, f := range validate.CheckWith(load(t, dir), b.VerifyInFolder) {
		if f.Rule == "PackageNotReadable" && strings.Contains(f.Message, "budget of this run") {
			spent = append(spent, f.File)
		}
	}
	used, _ := b.Used()
	if used > runBytes {
		t.Errorf("read %d MiB, over the run budget of %d MiB", used>>20, runBytes>>20)
	}
	// About 16 MiB per copy (the workflow files are cut off there): the third copy runs out,
	// the other seven aren't read at all.
	if len(spent) != 8 {
		t.Errorf("%d copies were stopped by the budget, want 8: %q", len(spent), spent)
	}
}

// FuzzScanFlow: the streaming workflow reader never panics, and reads every JSON document that
// nests at most 256 levels.
func FuzzScanFlow(f *testing.F) {
	f.Add([]byte(`{"properties":{"connectionReferences":{"shared_x":{"api":{"logicalName":"a_b"},"connection":{"connectionReferenceLogicalName":"a_b_cr"}}},"definition":{"actions":{"A":{"inputs":{"host":{"connectionName":"shared_x","operationId":"Op"}}}}}}}`))
	f.Add([]byte(`[1, "x", {"host": {"operationId": 5}}, null]`))
	f.Add([]byte("\xef\xbb\xbf{}"))
	f.Add([]byte(`{"a": 1} {"b": 2}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := scanFlow(data)
		if err == nil && s == nil {
			t.Fatal("no result and no error")
		}
		if err != nil && json.Valid(stripBOM(data)) && !bytes.Contains(data, bytes.Repeat([]byte("["), 200)) && !bytes.Contains(data, bytes.Repeat([]byte("{"), 200)) {
			var v any
			if json.Unmarshal(stripBOM(data), &v) == nil && depthOf(v) <= maxJSONDepth {
				t.Fatalf("valid JSON refused: %v", err)
			}
		}
	})
}

func depthOf(v any) int {
	d := 0
	switch t := v.(type) {
	case map[string]any:
		for _, e := range t {
			d = max(d, depthOf(e))
		}
		return d + 1
	case []any:
		for _, e := range t {
			d = max(d, depthOf(e))
		}
		return d + 1
	}
	return 0
}
