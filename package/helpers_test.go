package packaging

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/connector-check/connector-check/validate"
)

// Fixtures: a plain independent-publisher connector of the repository's examples, and a
// certified one with an icon, intro.md, script.csx, script operations and a policy template.
const (
	tasksDir = "../testdata/connectors/independent-publisher-connectors/Contoso Tasks"
	notesDir = "testdata/connectors/certified-connectors/Contoso Notes"
)

func load(t testing.TB, dir string) *validate.Connector {
	t.Helper()
	c, err := validate.Load(dir, dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// build makes the package of dir with default options and fails on a build error.
func build(t testing.TB, dir string) []byte {
	t.Helper()
	data, _, err := Build(load(t, dir), BuildOptions{Label: "package.zip"})
	if err != nil || data == nil {
		t.Fatalf("Build(%s): %v", dir, err)
	}
	return data
}

// copyConnector copies a fixture folder into a temporary kind folder, applying edits
// (file name -> new content; "" deletes).
func copyConnector(t *testing.T, src, kindFolder string, edits map[string]string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), kindFolder, filepath.Base(src))
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	des, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, de := range des {
		data, err := os.ReadFile(filepath.Join(src, de.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, de.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, content := range edits {
		p := filepath.Join(dst, name)
		if content == "" {
			os.Remove(p)
			continue
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func replaceIn(t *testing.T, dir, name, old, new string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s has no %q", name, old)
	}
	return strings.Replace(string(data), old, new, 1)
}

// zent is one zip entry of a hand-made (possibly hostile) archive. The test helpers below
// use archive/zip directly and share no code with the builder or the verifier.
type zent struct {
	name   string
	data   []byte
	mode   fs.FileMode
	method uint16
	dir    bool
	// raw, when set, is written as is with CreateRaw: data is then the compressed bytes and
	// the header's sizes, CRC and flags can lie (bombs, encryption).
	raw *zip.FileHeader
}

func unzipAll(t testing.TB, data []byte) []zent {
	t.Helper()
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []zent
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, zent{name: f.Name, data: b, method: f.Method})
	}
	return out
}

func zipAll(t testing.TB, ents []zent) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, e := range ents {
		if e.raw != nil {
			fw, err := w.CreateRaw(e.raw)
			if err == nil {
				_, err = fw.Write(e.data)
			}
			if err != nil {
				t.Fatal(err)
			}
			continue
		}
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
		if e.method != 0 || e.dir {
			h.Method = e.method
		}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		fw, err := w.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// edit rewrites the archive reached through the nested zip names in path (none: the outer).
func edit(t testing.TB, pkg []byte, path []string, fn func([]zent) []zent) []byte {
	t.Helper()
	ents := unzipAll(t, pkg)
	if len(path) == 0 {
		return zipAll(t, fn(ents))
	}
	for i := range ents {
		if ents[i].name == path[0] {
			ents[i].data = edit(t, ents[i].data, path[1:], fn)
			return zipAll(t, ents)
		}
	}
	t.Fatalf("no entry %q", path[0])
	return nil
}

// without drops the entries whose name has the prefix.
func without(prefix string) func([]zent) []zent {
	return func(es []zent) []zent {
		var out []zent
		for _, e := range es {
			if !strings.HasPrefix(e.name, prefix) {
				out = append(out, e)
			}
		}
		return out
	}
}

// with appends entries.
func with(add ...zent) func([]zent) []zent {
	return func(es []zent) []zent { return append(es, add...) }
}

// rewrite replaces old with new in the entries whose name has the prefix.
func rewrite(prefix, old, new string) func([]zent) []zent {
	return func(es []zent) []zent {
		for i := range es {
			if strings.HasPrefix(es[i].name, prefix) {
				es[i].data = bytes.ReplaceAll(es[i].data, []byte(old), []byte(new))
			}
		}
		return es
	}
}

// rename renames the entries with the prefix old to the prefix new.
func rename(old, new string) func([]zent) []zent {
	return func(es []zent) []zent {
		for i := range es {
			if rest, ok := strings.CutPrefix(es[i].name, old); ok {
				es[i].name = new + rest
			}
		}
		return es
	}
}

var (
	pdPath   = []string{DeployerZipName}
	connPath = []string{DeployerZipName, AssetsFolder + "/" + ConnectorSolutionName}
	flowPath = []string{DeployerZipName, AssetsFolder + "/" + FlowSolutionName}
)

// deflated compresses data with Deflate.
func deflated(t testing.TB, data []byte) []byte {
	var b bytes.Buffer
	fw, err := flate.NewWriter(&b, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	fw.Close()
	return b.Bytes()
}

// lyingBomb replaces the Package Deployer zip with an entry whose header declares size bytes
// but whose Deflate stream expands to actual bytes of zeros.
func lyingBomb(declared uint64, actual int) func(t *testing.T, es []zent) []zent {
	return func(t *testing.T, es []zent) []zent {
		for i := range es {
			if es[i].name == DeployerZipName {
				comp := deflated(t, make([]byte, actual))
				es[i] = zent{name: DeployerZipName, data: comp, raw: &zip.FileHeader{
					Name: DeployerZipName, Method: zip.Deflate, CRC32: 0,
					CompressedSize64: uint64(len(comp)), UncompressedSize64: declared}}
			}
		}
		return es
	}
}
