package validate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// TestDuplicateKeysAreCounted is the duplicate-key attack (7 MB of "a":1 used 729 MiB, each key
// becoming a finding before the cap): the loader lists a bounded number, the pass keeps
// MaxFindingsPerRule per severity, and FindingsLimitExceeded counts every one left out.
func TestDuplicateKeysAreCounted(t *testing.T) {
	const differ, same = 3000, 2000
	var sb strings.Builder
	sb.WriteString(`"x-dups": {"a": 0, "b": 0`)
	for i := range differ {
		fmt.Fprintf(&sb, `, "a": %d`, i+1)
	}
	for range same {
		sb.WriteString(`, "b": 0`)
	}
	sb.WriteString(`},`)
	sw := strings.Replace(goodSwagger, `"swagger": "2.0",`, `"swagger": "2.0", `+sb.String(), 1)
	dir := makeConnector(t, IndependentPublisher, map[string]string{SwaggerName: sw})
	fs := checkDir(t, dir, IndependentPublisher)
	n := map[Severity]int{}
	var limit []string
	for _, f := range fs {
		switch f.Rule {
		case "JsonDuplicateKey":
			n[f.Severity]++
		case "FindingsLimitExceeded":
			limit = append(limit, f.Message)
		}
	}
	if n[Error] != MaxFindingsPerRule || n[Warning] != 0 {
		t.Errorf("kept %d errors and %d warnings", n[Error], n[Warning])
	}
	want := fmt.Sprintf("%d more JsonDuplicateKey findings", differ+same-MaxFindingsPerRule)
	if len(limit) != 1 || !strings.HasPrefix(limit[0], want) {
		t.Errorf("limit findings %q, want %q", limit, want)
	}
	if jsonpos.MaxDuplicateProblems >= differ {
		t.Fatalf("the test needs more duplicates than the loader lists")
	}
}

// TestSecretScanIsCapped is the PR secret-scan attack: a 2.1 MB one-line file of keys took 64 s
// and printed 99,998 errors. It gets MaxFindingsPerRule of each severity and one count.
func TestSecretScanIsCapped(t *testing.T) {
	const keys = 20_000
	var sb strings.Builder
	sb.WriteString(`{"examples": [`)
	for i := range keys {
		// an AWS key ID (error) and a random example value (warning) each time
		// (digits spelled in letters that form no placeholder word such as 1234, abcd or xxxx)
		tag := strings.Map(func(r rune) rune { return rune("QRSTUVWKYZ"[r-'0']) }, fmt.Sprintf("%05d", i))
		fmt.Fprintf(&sb, `"AKIAQ3EXAMPL%s7W2", "cFQmyp6LsHfQTy18hqygjAVLuX%s-FMtcRg_CxLIkA",`, tag, tag)
	}
	sb.WriteString(`"end"]}`)
	fs := CheckSecrets("c", IndependentPublisher, "c/apiDefinition.swagger.json", []byte(sb.String()))
	n := map[Severity]int{}
	var limit []string
	for _, f := range fs {
		switch f.Rule {
		case "SecretLiteralDetected":
			n[f.Severity]++
		case "FindingsLimitExceeded":
			limit = append(limit, f.Message)
		}
	}
	if n[Error] != MaxFindingsPerRule || n[Warning] != 0 || len(fs) != MaxFindingsPerRule+1 {
		t.Errorf("kept %d errors, %d warnings, %d findings in all", n[Error], n[Warning], len(fs))
	}
	want := fmt.Sprintf("%d more SecretLiteralDetected findings", 2*keys-MaxFindingsPerRule)
	if len(limit) != 1 || !strings.HasPrefix(limit[0], want) {
		t.Errorf("limit findings %q, want %q", limit, want)
	}
}

// TestBreakingSharedDefinition is the shared-definition attack in breaking mode: 1,000 operations
// over one 5,000-property definition took 78 s, every operation walking and comparing the whole
// definition. The definition is walked once per version, the comparisons stop at
// maxBreakingFields, and a change in it is still reported for the operations compared.
func TestBreakingSharedDefinition(t *testing.T) {
	build := func(required string) *Connector {
		var sb strings.Builder
		sb.WriteString(`{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "host": "h.io", "paths": {`)
		for i := range 130 {
			if i > 0 {
				sb.WriteString(",")
			}
			fmt.Fprintf(&sb, `"/p%d": {"post": {"operationId": "Op%d", "parameters": [{"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Big"}}], "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Big"}}}}}`, i, i)
		}
		sb.WriteString(`}, "definitions": {"Big": {"type": "object", "required": [` + required + `], "properties": {`)
		for i := range 4000 {
			if i > 0 {
				sb.WriteString(",")
			}
			fmt.Fprintf(&sb, `"p%d": {"type": "string"}`, i)
		}
		sb.WriteString(`}}}}`)
		dir := makeConnector(t, IndependentPublisher, map[string]string{SwaggerName: sb.String()})
		c, err := Load(dir, dir, IndependentPublisher)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	fs := Breaking(build(`"p0"`), build(`"p0", "p7"`))
	var made, limit []Finding
	for _, f := range fs {
		switch f.Rule {
		case "InputMadeRequired":
			made = append(made, f)
		case "FindingsLimitExceeded":
			limit = append(limit, f)
		}
	}
	// one finding per compared operation (those past the limit are counted, not compared)
	if len(made) < 50 || len(made) >= 130 || !strings.Contains(made[0].Message, `"p7"`) {
		t.Errorf("InputMadeRequired: %d findings\n%s", len(made), describe(made[:min(len(made), 3)]))
	}
	if len(limit) != 1 || limit[0].Severity != Warning || !strings.Contains(limit[0].Message, "more operations were not compared") {
		t.Errorf("limit: %s", describe(limit))
	}
}

// TestSecretFormatStarts: every format's matches begin with one of its start literals, so the
// search from the first of them finds what a search of the whole text finds.
func TestSecretFormatStarts(t *testing.T) {
	texts := []string{
		"x AKIAQ3EXAMPL7KEY2W4Z y", "ASIAQ3EXAMPL7KEY2W4Z", "xAKIAQ3EXAMPL7KEY2W4Z", "-----BEGIN RSA PRIVATE KEY-----",
		"ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "a github_pat_" + strings.Repeat("a1", 21), "xoxb-12345678-abcdefgh",
		"sk-proj-abcdefghijklmnopqrstuv", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N",
		"Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123==", "-Bearer abcdefghijklmnopqrstuvwxyz0123", "task-abcdefghijklmnopqrstuvwxyz",
	}
	for i, sf := range secretFormats {
		for _, text := range texts {
			for _, pre := range []string{"", "a", " ", "_"} {
				full := pre + text
				want := sf.re.FindAllStringSubmatchIndex(full, -1)
				if got := sf.matches(full, firstStarts(full)[i]); fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%s on %q: %v, want %v", sf.name, full, got, want)
				}
				for _, m := range want {
					ok := false
					for _, lit := range sf.starts {
						ok = ok || strings.HasPrefix(full[m[0]:], lit)
					}
					if !ok {
						t.Errorf("%s: a match at %q starts with none of %q", sf.name, full[m[0]:m[1]], sf.starts)
					}
				}
			}
		}
	}
}
