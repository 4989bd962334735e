package packaging

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/validate"
)

const brokenTasksDir = "../testdata/connectors/independent-publisher-connectors/Broken Tasks"

func TestBuildFolderWritesThenVerifies(t *testing.T) {
	dir := copyConnector(t, tasksDir, "independent-publisher-connectors", nil)
	out := filepath.Join(t.TempDir(), "out", "Tasks.zip")
	res, written, err := BuildFolder(Request{Dir: dir, Out: out}, true)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(written, "wrote "+out+" (") || !strings.Contains(written, "sha256 ") {
		t.Errorf("written %q", written)
	}
	if res.Counts.Errors != 0 || len(res.Connectors) != 1 || res.Connectors[0].Path != filepath.ToSlash(dir) {
		t.Errorf("result %+v", res)
	}
	// The zip verifies against the connector folder.
	res, assumed, err := VerifyFile(out, dir, 0, false, nil)
	if err != nil || assumed || res.Counts.Errors != 0 || res.Connectors[0].Kind != validate.IndependentPublisher {
		t.Errorf("verify: %v, assumed %v, %+v", err, assumed, res)
	}
	// Without a folder or a kind in the path, certified is assumed and said so.
	lone := filepath.Join(t.TempDir(), "lone.zip")
	data, _ := os.ReadFile(out)
	os.WriteFile(lone, data, 0o644)
	if res, assumed, err := VerifyFile(lone, "", 0, false, nil); err != nil || !assumed || res.Connectors[0].Kind != validate.Certified {
		t.Errorf("lone zip: %v, assumed %v", err, assumed)
	}
}

func TestBuildFolderRefusesErrorsUnlessForced(t *testing.T) {
	dir := copyConnector(t, brokenTasksDir, "independent-publisher-connectors", nil)
	out := filepath.Join(t.TempDir(), "broken.zip")
	res, written, err := BuildFolder(Request{Dir: dir, Out: out}, true)
	if err != nil {
		t.Fatal(err)
	}
	if written != "" || res.Counts.Errors == 0 {
		t.Errorf("written %q with %+v", written, res.Counts)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused package was written: %v", err)
	}
	for _, f := range res.Findings {
		if f.Rule == "PackageOuterLayoutInvalid" && strings.Contains(f.Message, "a template was packaged") {
			t.Errorf("a refused package reports its template intro.md: %+v", f)
		}
	}
	// Validation reported the folder's findings already: only the packaging ones are left.
	again, _, err := BuildFolder(Request{Dir: dir, Out: out, Validated: res.Findings}, false)
	if err != nil || len(again.Findings) >= len(res.Findings) {
		t.Errorf("withValidate=false kept %d of %d findings (%v)", len(again.Findings), len(res.Findings), err)
	}
	if _, _, err := BuildFolder(Request{Dir: filepath.Join(dir, "readme.md"), Out: out}, true); err == nil {
		t.Error("a file as the folder: no error")
	}
	if _, _, err := BuildFolder(Request{Dir: t.TempDir(), Out: out}, true); err == nil || !strings.Contains(err.Error(), "not a connector folder") {
		t.Errorf("an empty folder: %v", err)
	}
}

func TestBatchPackageValidated(t *testing.T) {
	a := copyConnector(t, tasksDir, "independent-publisher-connectors", nil)
	b := copyConnector(t, tasksDir, "certified-connectors", nil) // the same name: Contoso Tasks.zip
	root := t.TempDir()
	readmeOnly := filepath.Join(root, "independent-publisher-connectors", "Proposal")
	os.MkdirAll(readmeOnly, 0o755)
	os.WriteFile(filepath.Join(readmeOnly, "readme.md"), []byte("# Proposal\n"), 0o644)
	res := &validate.Result{Connectors: []validate.ConnectorResult{
		{Path: filepath.ToSlash(a)}, {Path: filepath.ToSlash(b)}, {Path: filepath.ToSlash(readmeOnly)},
	}}
	var log bytes.Buffer
	var warns, fails []string
	batch := Batch{
		Dir: filepath.Join(root, "pkgs"), Workspace: "", Log: &log,
		Warn:       func(m string) { warns = append(warns, m) },
		Fail:       func(m string) { fails = append(fails, m) },
		OutputName: func(p string) string { return "out:" + filepath.Base(p) },
	}
	run, err := batch.PackageValidated(res)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(run.Built, []string{"out:Contoso Tasks.zip"}) || !run.Failed {
		t.Errorf("run %+v", run)
	}
	if len(fails) != 1 || !strings.Contains(fails[0], "is already the package of "+filepath.ToSlash(a)) || len(warns) != 0 {
		t.Errorf("fails %q warns %q", fails, warns)
	}
	if !strings.HasPrefix(log.String(), "wrote "+filepath.Join(batch.Dir, "Contoso Tasks.zip")) || strings.Count(log.String(), "\n") != 1 {
		t.Errorf("log %q", log.String())
	}
	// The default folder under RUNNER_TEMP that can't be made: a warning, no packages, no error.
	os.WriteFile(filepath.Join(root, "file"), nil, 0o644)
	batch.Dir, batch.TempDir = filepath.Join(root, "file", "pkgs"), true
	if run, err := batch.PackageValidated(res); err != nil || len(run.Built) != 0 || len(warns) != 1 {
		t.Errorf("temp dir: %+v, %v, warns %q", run, err, warns)
	}
	batch.TempDir = false
	if _, err := batch.PackageValidated(res); err == nil {
		t.Error("a package-dir that can't be made: no error")
	}
}

func TestFolderHelpers(t *testing.T) {
	dir := copyConnector(t, tasksDir, "independent-publisher-connectors", nil)
	if !IsConnectorDir(dir) || IsConnectorDir(filepath.Dir(dir)) {
		t.Error("IsConnectorDir")
	}
	if got := ConnectorBeside(filepath.Join(dir, "x.zip")); got != dir {
		t.Errorf("zip in the folder: %q", got)
	}
	if got := ConnectorBeside(filepath.Join(filepath.Dir(dir), "x.zip")); got != dir {
		t.Errorf("zip above the only connector folder: %q", got)
	}
	copyInto := filepath.Join(filepath.Dir(dir), "Other")
	os.Mkdir(copyInto, 0o755)
	os.WriteFile(filepath.Join(copyInto, validate.PropertiesName), []byte("{}"), 0o644)
	if got := ConnectorBeside(filepath.Join(filepath.Dir(dir), "x.zip")); got != "" {
		t.Errorf("two connector folders: %q, want none", got)
	}
	if got := FileName(dir); got != "Contoso Tasks.zip" {
		t.Errorf("FileName %q", got)
	}
	t.Chdir(dir)
	if got := DefaultOut("."); got != filepath.Join(filepath.Dir(dir), "Contoso Tasks.zip") {
		t.Errorf("DefaultOut inside the folder: %q", got)
	}
	if got := DefaultOut(filepath.Dir(dir)); got != filepath.Join(filepath.Dir(filepath.Dir(dir)), "independent-publisher-connectors.zip") {
		t.Errorf("DefaultOut inside a folder above: %q", got)
	}
	t.Chdir(t.TempDir())
	if got := DefaultOut(dir); got != "package.zip" {
		t.Errorf("DefaultOut outside: %q", got)
	}
	big := filepath.Join(t.TempDir(), "big")
	os.WriteFile(big, make([]byte, validate.MaxFileSize+1), 0o644)
	if _, err := ReadCapped(big); err == nil {
		t.Error("ReadCapped read a file over the limit")
	}
	if _, err := ReadCapped(t.TempDir()); err == nil {
		t.Error("ReadCapped read a folder")
	}
}
