package validate

import (
	"slices"
	"testing"
)

var settingsFiles = map[string]string{".connector-check.yml": ".connector-check.yml", ".github/baseline.json": ".github/baseline.json"}

var settingsCases = []struct {
	name  string
	files []ChangedFile
	want  []string // files of the expected findings
}{
	{"adds the configuration", []ChangedFile{{Path: ipDir + "/readme.md", Status: "modified"}, {Path: ".connector-check.yml", Status: "added"}}, []string{".connector-check.yml"}},
	{"edits the baseline", []ChangedFile{{Path: ".github/baseline.json", Status: "modified"}}, []string{".github/baseline.json"}},
	{"renames the configuration away", []ChangedFile{{Path: "old.yml", PreviousPath: ".connector-check.yml", Status: "renamed"}}, []string{".connector-check.yml"}},
	{"connector files only", []ChangedFile{{Path: ipDir + "/.connector-check.yml", Status: "added"}, {Path: ipDir + "/readme.md", Status: "modified"}}, nil},
}

func TestSettingsChanged(t *testing.T) {
	for _, tc := range settingsCases {
		var got []string
		for _, f := range CheckSettingsChanged(tc.files, settingsFiles) {
			if f.Rule != "PrSettingsChanged" || f.Severity != Error || f.Line != 0 {
				t.Errorf("%s: %+v", tc.name, f)
			}
			got = append(got, f.File)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: findings on %q, want %q", tc.name, got, tc.want)
		}
	}
}
