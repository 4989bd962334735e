package settings

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/baseline"
	"github.com/connector-check/connector-check/internal/prmode"
	"github.com/connector-check/connector-check/validate"
)

func sample() *validate.Result {
	res := &validate.Result{
		Connectors: []validate.ConnectorResult{{Path: "c/A"}},
		Findings: []validate.Finding{
			{Rule: "JsonBomPresent", Severity: validate.Warning, Connector: "c/A", File: "c/A/apiProperties.json", Message: "bom"},
			{Rule: "JsonDuplicateKey", Severity: validate.Error, Connector: "c/A", File: "c/A/apiProperties.json", Line: 2, Message: "dup"},
		},
	}
	for _, f := range res.Findings {
		res.Counts.Add(f.Severity)
	}
	return res
}

func TestLoadFromDiskAndApply(t *testing.T) {
	t.Chdir(t.TempDir())
	os.WriteFile(".connector-check.yml", []byte("rules:\n  JsonBomPresent: off\n"), 0o644)
	s := &Settings{}
	if err := s.Load(); err != nil {
		t.Fatal(err)
	}
	res := s.Apply(sample())
	if len(res.Findings) != 1 || res.Suppressed.Config != 1 {
		t.Errorf("after the configuration: %+v, suppressed %+v", res.Findings, res.Suppressed)
	}
	// A baseline of the remaining finding: it becomes a notice, and the note says it matched.
	base := baseline.Make(res, s.Fingerprinter())
	f, _ := os.Create("baseline.json")
	base.Write(f)
	f.Close()
	s = &Settings{BaselinePath: "baseline.json"}
	if err := s.Load(); err != nil {
		t.Fatal(err)
	}
	res = s.Apply(sample())
	if s.BaselineMatched != 1 || res.Suppressed.Baseline != 1 {
		t.Errorf("baseline matched %d, suppressed %+v", s.BaselineMatched, res.Suppressed)
	}
	if note, none := s.BaselineNote(); note != "baseline baseline.json: 1 of 1 recorded finding matched" || none {
		t.Errorf("note %q, none %v", note, none)
	}
	// A configuration error names its place.
	os.WriteFile("bad.yml", []byte("rules:\n  NoSuchRule: error\n"), 0o644)
	if err := (&Settings{ConfigPath: "bad.yml"}).Load(); err == nil || !strings.Contains(err.Error(), "configuration error:\nbad.yml:2:3") {
		t.Errorf("bad configuration: %v", err)
	}
}

func TestLoadAtBase(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	// The change's own configuration would turn everything off; the base's is read instead.
	os.WriteFile(".connector-check.yml", []byte("rules:\n  JsonDuplicateKey: off\n  JsonBomPresent: off\n"), 0o644)
	atBase := map[string]string{".connector-check.yml": "rules:\n  JsonBomPresent: off\n"}
	var asked []string
	s := &Settings{Root: ".", AtBase: func(p string) ([]byte, error) {
		asked = append(asked, p)
		if data, ok := atBase[p]; ok {
			return []byte(data), nil
		}
		return nil, prmode.ErrAbsent
	}}
	if err := s.Load(); err != nil {
		t.Fatal(err)
	}
	if res := s.Apply(sample()); len(res.Findings) != 1 || res.Findings[0].Rule != "JsonDuplicateKey" {
		t.Errorf("the change's configuration applied: %+v", res.Findings)
	}
	if s.Read[".connector-check.yml"] != ".connector-check.yml" || asked[0] != ".connector-check.yml" {
		t.Errorf("read %v, asked %q", s.Read, asked)
	}
	// A named configuration or baseline the base lacks: an error that says why.
	s = &Settings{Root: ".", ConfigPath: "other.yml", AtBase: s.AtBase}
	if err := s.Load(); err == nil || !strings.Contains(err.Error(), "not in the base commit") {
		t.Errorf("config absent at the base: %v", err)
	}
	s = &Settings{Root: ".", BaselinePath: "baseline.json", AtBase: s.AtBase}
	if err := s.Load(); err == nil || !strings.Contains(err.Error(), "baseline baseline.json: not in the base commit") {
		t.Errorf("baseline absent at the base: %v", err)
	}
	// The base can't be read: an error naming the file.
	s = &Settings{Root: ".", AtBase: func(string) ([]byte, error) { return nil, errors.New("rate limited") }}
	if err := s.Load(); err == nil || !strings.Contains(err.Error(), "reading the configuration (.connector-check.yml) at the base commit: rate limited") {
		t.Errorf("unreadable base: %v", err)
	}
	// A configuration outside the repository is read from disk.
	outside := filepath.Join(t.TempDir(), "cc.yml")
	os.WriteFile(outside, []byte("rules:\n  JsonDuplicateKey: off\n"), 0o644)
	s = &Settings{Root: ".", ConfigPath: outside, AtBase: func(string) ([]byte, error) { t.Error("read at the base"); return nil, nil }}
	if err := s.Load(); err != nil {
		t.Fatal(err)
	}
	if res := s.Apply(sample()); len(res.Findings) != 1 || res.Findings[0].Rule != "JsonBomPresent" {
		t.Errorf("outside configuration: %+v", res.Findings)
	}
}

func TestNilAndOptions(t *testing.T) {
	var s *Settings
	if err := s.Load(); err != nil {
		t.Error(err)
	}
	res := sample()
	if s.Apply(res) != res || s.Fingerprinter() == nil || s.Acknowledged() != nil {
		t.Error("a nil Settings is not a no-op")
	}
	if note, _ := s.BaselineNote(); note != "" {
		t.Errorf("note %q", note)
	}
	if o := s.Options(validate.Certified, nil); o.Kind != validate.Certified || o.New {
		t.Errorf("options %+v", o)
	}
	if o := (&Settings{New: true}).Options(0, nil); !o.New {
		t.Error("--new lost")
	}
	if Plural(1, "finding") != "1 finding" || Plural(2, "finding") != "2 findings" {
		t.Error("Plural")
	}
}
