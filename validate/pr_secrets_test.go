package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// secretCases: SecretLiteralDetected over one changed file. at is "line:col" ("" = no finding).
var secretCases = []struct {
	name, file, content string
	at                  string
	sev                 Severity
}{
	{"GitHub token in a script", "script.csx", "class Script {\n  const string T = \"ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8\";\n}\n", "2:21", Error},
	{"AWS key in a swagger", "apiDefinition.swagger.json", "{\n  \"x-key\": \"AKIA" + "Q3EXAMPL7KEY2W4Z\"\n}\n", "2:13", Error},
	{"private key in a readme", "readme.md", "Key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\n", "2:1", Error},
	{"JWT as an example", "apiDefinition.swagger.json", `{"example": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"}`, "1:14", Error},
	{"high-entropy default", "apiDefinition.swagger.json", "{\n  \"parameters\": {\"k\": {\"default\": \"cFQmyp6LsHfQTy18hqygjAVLuXSHR-FMtcRg_CxLIkA\"}}\n}\n", "2:36", Warning},
	{"high-entropy script literal", "script.csx", "var k = \"Zt9q2LmX7vB4nR8sK1wY6pD3fH5jA0cE\";\n", "1:10", Warning},
	{"placeholder token", "script.csx", "var t = \"ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\";\n", "", 0},
	{"Bearer in prose", "readme.md", "Send `Authorization: Bearer <your token>`.\n", "", 0},
	{"random value outside example keys", "apiDefinition.swagger.json", `{"description": "cFQmyp6LsHfQTy18hqygjAVLuXSHR-FMtcRg_CxLIkA"}`, "", 0},
	{"GUID default", "apiDefinition.swagger.json", `{"default": "3455f61d-588f-4e8e-6428-2c20ff243133"}`, "", 0},
	{"SHA-256 example", "apiDefinition.swagger.json", `{"example": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}`, "", 0},
}

func TestSecrets(t *testing.T) {
	for _, sc := range secretCases {
		t.Run(sc.name, func(t *testing.T) {
			fs := CheckSecrets("c", IndependentPublisher, "c/"+sc.file, []byte(sc.content))
			if sc.at == "" {
				if len(fs) > 0 {
					t.Fatalf("want nothing, got:\n%s", describe(fs))
				}
				return
			}
			for _, f := range fs {
				if f.Rule == "SecretLiteralDetected" && fmt.Sprintf("%d:%d", f.Line, f.Column) == sc.at && f.Severity == sc.sev {
					return
				}
			}
			t.Fatalf("want %s at %s, got:\n%s", sc.sev, sc.at, describe(fs))
		})
	}
}

// TestCorpusSecrets scans every file of the published connectors as if a PR changed it all:
// errors must stay at or below 1% of connectors. The hits are logged with -v.
func TestCorpusSecrets(t *testing.T) {
	needCorpus(t)
	dirs, err := Discover(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	errored := map[string]bool{}
	warned := map[string]bool{}
	for _, d := range dirs {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			data, err := os.ReadFile(filepath.Join(d, e.Name()))
			if err != nil {
				continue
			}
			for _, f := range CheckSecrets(d, 0, filepath.Join(d, e.Name()), data) {
				if f.Severity == Error {
					errored[d] = true
				} else {
					warned[d] = true
				}
				t.Logf("%s:%d:%d %s %.90s", f.File, f.Line, f.Column, f.Severity, f.Message)
			}
		}
	}
	t.Logf("%d connectors: %d with a SecretLiteralDetected error, %d with a warning", len(dirs), len(errored), len(warned))
	if len(errored)*100 > len(dirs) {
		t.Errorf("%d connectors with an error: over 1%%", len(errored))
	}
}

// Secret scanning ran only in pull-request mode: plain validate, which a publisher runs before
// committing, never reported a committed token. And one token gave two errors on one span.
func TestSecretsInPlainValidate(t *testing.T) {
	dir := t.TempDir()
	conn := filepath.Join(dir, "independent-publisher-connectors", "Leaky")
	if err := os.MkdirAll(conn, 0o755); err != nil {
		t.Fatal(err)
	}
	token := "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
	swagger := `{"swagger": "2.0", "info": {"title": "Leaky", "version": "1.0"}, "host": "api.example.com",
  "paths": {}, "x-note": "Authorization: Bearer ` + token + `"}`
	os.WriteFile(filepath.Join(conn, "apiDefinition.swagger.json"), []byte(swagger), 0o644)
	res, err := Run([]string{conn}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range res.Findings {
		if f.Rule == "SecretLiteralDetected" {
			n++
			if f.Severity != Error || f.Line != 2 {
				t.Errorf("finding %+v", f)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d SecretLiteralDetected findings, want 1 (one token, one finding)", n)
	}
}

// FuzzFirstStarts: the one-pass search for the start literals finds, for every format, the first
// of them that searching for each literal on its own finds.
func FuzzFirstStarts(f *testing.F) {
	for _, s := range []string{"", "e", "eyJ", "xeyJ sk- task-", "ghp_ gho_ github_pat_ xoxb- xoxz-", "AKIA ASIA -----BEGIN Bearer", "BeareBearer", "sk-sk-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := firstStarts(text)
		for k, sf := range secretFormats {
			want := -1
			for _, lit := range sf.starts {
				if i := strings.Index(text, lit); i >= 0 && (want < 0 || i < want) {
					want = i
				}
			}
			if got[k] != want {
				t.Errorf("%s in %q: first start %d, want %d", sf.name, text, got[k], want)
			}
		}
	})
}

func TestUnderPolicyInstance(t *testing.T) {
	for _, stack := range []jsonpos.Path{
		nil, {{Name: "policyTemplateInstances", Index: -1}},
		{{Name: "policyTemplateInstances", Index: -1}, {Index: 0}},
		{{Name: "a", Index: -1}, {Name: "policyTemplateInstances", Index: -1}, {Index: 3}, {Name: "x", Index: -1}},
		{{Name: "policyTemplateInstances/", Index: -1}, {Index: 0}}, {{Name: "x/policyTemplateInstances", Index: -1}, {Index: 0}},
		{{Name: "policyTemplateInstance", Index: -1}, {Index: 0}},
	} {
		if got, want := underPolicyInstance(stack), strings.Contains(stack.Pointer(), "/policyTemplateInstances/"); got != want {
			t.Errorf("%q: %v, want %v", stack.Pointer(), got, want)
		}
	}
}

// FuzzSecretMatches: the search over the runs of each format's bytes that begin at a start
// literal finds what the expression finds in the whole text.
func FuzzSecretMatches(f *testing.F) {
	for _, s := range []string{
		"x AKIAQ3EXAMPL7KEY2W4Z y", "xAKIAQ3EXAMPL7KEY2W4Z AKIAQ3EXAMPL7KEY2W4Z", "-----BEGIN RSA PRIVATE KEY-----",
		"ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8 github_pat_" + strings.Repeat("a1", 21), "xoxb-12345678-abcdefgh",
		"task-abcdefghijklmnopqrstuvwxyz sk-proj-abcdefghijklmnopqrstuv", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N",
		"Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123==\n\"Bearer\": \"Bearer\tabcdefghijklmnopqrstuvwxyz0123\"", "sk-sk-sk-aaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		first := firstStarts(text)
		for i, sf := range secretFormats {
			want := sf.re.FindAllStringSubmatchIndex(text, -1)
			if got := sf.matches(text, first[i]); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s in %q: %v, want %v", sf.name, text, got, want)
			}
		}
	})
}

// BenchmarkFirstStarts: the search for the start literals over a corpus-like swagger (English
// text, JSON punctuation, no secrets), per byte.
func BenchmarkFirstStarts(b *testing.B) {
	text := strings.Repeat(goodSwagger, 64)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		firstStarts(text)
	}
}
