package validate

import (
	"maps"
	"slices"
)

var prSettingsChanged = newRule(Rule{
	ID: "PrSettingsChanged", Severity: Error, Kinds: AllKinds, Section: "16", Scope: ScopePullRequest,
	Summary: "The change adds, edits or removes the configuration (.connector-check.yml) or the baseline the check reads: pull-request mode reads both at the base commit, so the change takes effect after the merge and can't lower the pull request's own verdict.",
	Basis:   BasisProcess, BasisReason: "the check's own settings change only in a reviewed change of their own: read at the base, applied after the merge",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: ".connector-check.yml", Edits: prUpdate, PR: &PRCase{Repo: map[string][2]string{
			".connector-check.yml": {"", "ignore: [{path: \"**\"}]\n"},
		}}},
		GoodCase: &Case{Kind: IndependentPublisher, PR: &PRCase{}, Edits: prUpdate},
	},
})

// CheckSettingsChanged reports PrSettingsChanged for each changed file that configures the check:
// settings maps the repository paths of the configuration and the baseline to their report paths.
// Pull-request mode reads both at the base commit, so a change to them takes effect only after
// the merge; a pull request can't lower its own verdict, and the error says so.
func CheckSettingsChanged(files []ChangedFile, settings map[string]string) []Finding {
	hit := map[string]string{} // repository path -> status
	for _, f := range files {
		for _, p := range []string{f.Path, f.PreviousPath} {
			if _, ok := settings[p]; ok && p != "" {
				hit[p] = f.Status
			}
		}
	}
	var out []Finding
	for _, p := range slices.Sorted(maps.Keys(hit)) {
		verb := map[string]string{"added": "adds", "removed": "removes", "renamed": "renames"}[hit[p]]
		if verb == "" {
			verb = "changes"
		}
		f, _ := newFinding(prSettingsChanged, 0, subject{kind: Custom}, whole(settings[p]), // every kind, one severity
			"this change "+verb+" "+p+", which configures connector-check: the check reads it at the base commit, "+
				"so the change takes effect after the merge; propose it in a pull request of its own that a maintainer reviews")
		out = append(out, f)
	}
	return out
}
