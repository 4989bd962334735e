package main

import (
	"strings"
	"testing"
)

// The CLI defects a new user hits, each reproduced.
func TestCLIDefects(t *testing.T) {
	contoso := examples + "/" + contosoDir
	t.Run("rules --help", func(t *testing.T) {
		out, stderr, code := runCLI(t, nil, "rules", "--help")
		if code != exitOK || strings.Contains(out+stderr, "Usage of rules") || !strings.Contains(out+stderr, "Usage: connector-check rules") {
			t.Errorf("exit %d, output %q", code, out+stderr)
		}
	})
	t.Run("version --help", func(t *testing.T) {
		out, stderr, code := runCLI(t, nil, "version", "--help")
		if code != exitOK || !strings.Contains(out+stderr, "Usage: connector-check version") {
			t.Errorf("exit %d, output %q", code, out+stderr)
		}
	})
	t.Run("breaking with one argument", func(t *testing.T) {
		_, stderr, code := runCLI(t, nil, "breaking", contoso)
		if code != exitError || !strings.Contains(stderr, "NEW is missing") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	})
	t.Run("--format JSON", func(t *testing.T) {
		for _, args := range [][]string{
			{"validate", "--format", "JSON", contoso},
			{"rules", "--format", "Markdown"},
			{"validate", "--format", "text", "--fail-on", "Error", contoso},
		} {
			_, stderr, code := runCLI(t, nil, args...)
			if code == exitError {
				t.Errorf("%v: exit 2, %s", args, stderr)
			}
		}
	})
	t.Run("validate FILE", func(t *testing.T) {
		_, stderr, code := runCLI(t, nil, "validate", contoso+"/apiDefinition.swagger.json")
		if code != exitError || !strings.Contains(stderr, "connector-check validate '"+contoso+"'") {
			t.Errorf("exit %d, stderr %q: want the folder suggested", code, stderr)
		}
	})
}
