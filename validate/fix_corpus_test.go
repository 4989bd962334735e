package validate

import (
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// TestFixCorpus applies fix to every connector of ../shared/corpus in a temporary copy and checks
// the promises of `connector-check fix`: every fix it applied removed its finding and brought no
// new one (the whole connector re-checked from disk), every fixable finding it left is one it
// reported as skipped, every JSON file parses to the same value except at the fixed places, and
// a second run changes nothing. It logs the numbers per half of the corpus.
func TestFixCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("fixes every corpus connector (-short)")
	}
	needCorpus(t)
	halves, err := splitCorpus(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	for _, kindDir := range corpusKindDirs {
		if err := copyTree(filepath.Join(corpusDir, kindDir), filepath.Join(tmp, kindDir)); err != nil {
			t.Fatal(err)
		}
	}
	dirs, err := Discover(tmp)
	if err != nil {
		t.Fatal(err)
	}
	type stats struct {
		connectors, changed, applied, skipped, idempotent int
		byRule, skippedByRule                             map[string]int
	}
	per := map[corpusHalf]*stats{}
	for _, h := range []corpusHalf{tuningHalf, heldBackHalf} {
		per[h] = &stats{byRule: map[string]int{}, skippedByRule: map[string]int{}}
	}
	for _, d := range dirs {
		rel, _ := filepath.Rel(tmp, d)
		rel = filepath.ToSlash(rel)
		h, ok := halfOf(halves, rel)
		if !ok {
			continue
		}
		st := per[h]
		st.connectors++
		c0, err := Load(d, rel, 0)
		if err != nil {
			t.Fatal(err)
		}
		before, err := checkAll(c0)
		if err != nil {
			t.Fatal(err)
		}
		jsonBefore := map[string]*jsonpos.Document{}
		for _, f := range []*File{c0.Swagger, c0.Properties} {
			if f != nil && f.JSON != nil {
				jsonBefore[f.Name] = f.JSON
			}
		}
		r, err := FixConnector(d, rel, FixOptions{})
		if err != nil {
			t.Fatal(err)
		}
		writeFixResult(t, r)
		if len(r.Files) > 0 {
			st.changed++
		}
		st.applied += len(r.Applied)
		st.skipped += len(r.Skipped)
		for _, a := range r.Applied {
			st.byRule[a.Rule]++
		}
		for _, s := range r.Skipped {
			st.skippedByRule[s.Rule]++
		}
		renames := map[string]string{}
		for _, f := range r.Files {
			if f.Renamed() {
				renames[f.OrigName] = f.Name
			}
		}
		c1, err := Load(d, rel, 0)
		if err != nil {
			t.Fatal(err)
		}
		after, err := checkAll(c1)
		if err != nil {
			t.Fatal(err)
		}
		// Fixed findings are gone and nothing new appeared.
		count := map[string]int{}
		for i := range before {
			count[fixKey(&before[i], renames)]++
		}
		for _, a := range r.Applied {
			count[fixKey(&Finding{Rule: a.Rule, File: a.File, Pointer: a.Pointer, Message: a.Message}, renames)]--
		}
		for i := range after {
			k := fixKey(&after[i], nil)
			if count[k]--; count[k] < 0 {
				t.Errorf("%s: after the fix: %s %s %s %s", rel, after[i].Rule, after[i].File, after[i].Pointer, after[i].Message)
			}
		}
		// What is still fixable is what was skipped.
		left := (&fixState{skipped: map[string]bool{}}).candidates(c1, after)
		if len(left) != len(r.Skipped) || len(left) != r.Remaining {
			t.Errorf("%s: %d fixable findings left, %d skipped, %d reported remaining", rel, len(left), len(r.Skipped), r.Remaining)
		}
		// Every JSON file parses to the same value except where a fix was made.
		var fixed []string
		for _, a := range r.Applied {
			if a.Pointer != "" || strings.HasSuffix(a.File, ".json") {
				fixed = append(fixed, path.Base(a.File)+"\x00"+a.Pointer)
			}
		}
		for name, doc := range jsonBefore {
			now := name
			if to, ok := renames[name]; ok {
				now = to
			}
			var nf *File
			for _, f := range []*File{c1.Swagger, c1.Properties} {
				if f != nil && f.Name == now {
					nf = f
				}
			}
			if nf == nil || (doc.Root == nil) != (nf.JSON.Root == nil) {
				t.Errorf("%s/%s: the file no longer parses the same way", rel, name)
				continue
			}
			if doc.Root == nil {
				continue // not JSON before either: nothing to compare
			}
			var diffs []string
			sameJSONValue(doc.Root, nf.JSON.Root, "", &diffs)
			for _, p := range diffs {
				if !coveredByFix(fixed, name, p) {
					t.Errorf("%s/%s: the value at %q changed, and no fix was made there", rel, name, p)
				}
			}
		}
		// A second run changes nothing.
		again, err := FixConnector(d, rel, FixOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(again.Applied) > 0 || len(again.Files) > 0 {
			t.Errorf("%s: a second run fixed more: %+v", rel, again.Applied)
		} else {
			st.idempotent++
		}
	}
	for _, h := range []corpusHalf{tuningHalf, heldBackHalf} {
		st := per[h]
		t.Logf("%s half: %d connectors, %d changed, %d fixes applied, %d skipped, second run unchanged on %d", h, st.connectors, st.changed, st.applied, st.skipped, st.idempotent)
		for _, id := range slices.Sorted(maps.Keys(st.byRule)) {
			t.Logf("  %-30s applied %4d  skipped %d", id, st.byRule[id], st.skippedByRule[id])
		}
		for _, id := range slices.Sorted(maps.Keys(st.skippedByRule)) {
			if st.byRule[id] == 0 {
				t.Logf("  %-30s applied %4d  skipped %d", id, 0, st.skippedByRule[id])
			}
		}
	}
}

// coveredByFix reports whether a difference at pointer p of file name lies at or under a fixed
// pointer, or is a member added to or renamed in an object that a fix was made in.
func coveredByFix(fixed []string, name, p string) bool {
	for _, f := range fixed {
		fname, fp, _ := strings.Cut(f, "\x00")
		if fname != name {
			continue
		}
		if p == fp || strings.HasPrefix(p, fp+"/") || path.Dir(p) == path.Dir(fp) || path.Dir(p) == fp {
			return true
		}
	}
	return false
}

// sameJSONValue lists the pointers where a and b differ (members compared by name, last one wins).
func sameJSONValue(a, b *jsonpos.Node, ptr string, diffs *[]string) {
	if a.Kind != b.Kind {
		*diffs = append(*diffs, ptr)
		return
	}
	switch a.Kind {
	case jsonpos.Object:
		names := map[string]bool{}
		for _, m := range a.Members {
			names[m.Name] = true
		}
		for _, m := range b.Members {
			names[m.Name] = true
		}
		for _, n := range slices.Sorted(maps.Keys(names)) {
			p := jsonpos.Join(ptr, n)
			ma, mb := a.Member(n), b.Member(n)
			if ma == nil || mb == nil {
				*diffs = append(*diffs, p)
				continue
			}
			sameJSONValue(ma.Value, mb.Value, p, diffs)
		}
	case jsonpos.Array:
		if len(a.Items) != len(b.Items) {
			*diffs = append(*diffs, ptr)
			return
		}
		for i := range a.Items {
			sameJSONValue(a.Items[i], b.Items[i], jsonpos.Index(ptr, i), diffs)
		}
	default:
		if a.Text != b.Text {
			*diffs = append(*diffs, ptr)
		}
	}
}

// copyTree copies the regular files and folders under src to dst (links are not followed).
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(target, data, 0o644)
		}
		return nil
	})
}
