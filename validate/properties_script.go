package validate

import (
	"fmt"
	"strings"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

var scriptFileMissing = newRule(Rule{
	ID: "ScriptFileMissing", Severity: Error, Kinds: AllKinds, Section: "9",
	Summary: "scriptOperations or script is set but the folder has no script.csx.",
	Basis:   BasisBroken, BasisReason: "the operations meant for custom code run without it",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiProperties.json:4:25", Pointer: "/properties/scriptOperations", Edits: []Edit{
			{File: PropertiesName, Old: "    \"capabilities\": [],\n", New: "    \"capabilities\": [], \"scriptOperations\": [\"ListTasks\"],\n"},
		}},
		GoodCase: &Case{Kind: Certified, Edits: []Edit{
			{File: "Script.cs", New: "class Script {}"},
			{File: PropertiesName, Old: "    \"capabilities\": [],\n", New: "    \"capabilities\": [], \"scriptOperations\": [\"ListTasks\"],\n"},
		}},
	},
})

var scriptOperationNotFound = newRule(Rule{
	ID: "ScriptOperationNotFound", Severity: Error, Kinds: AllKinds, Section: "9",
	Summary: "A scriptOperations (or script.operationIds) entry isn't an operationId of the swagger (a case-only match: warning naming the right spelling).",
	Basis:   BasisBroken, BasisReason: "the operationId resolves to nothing",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiProperties.json:4:46", Pointer: "/properties/scriptOperations/0", Severity: Warning, Edits: []Edit{
			{File: PropertiesName, Old: "    \"capabilities\": [],\n", New: "    \"capabilities\": [], \"scriptOperations\": [\"listTasks\"],\n"},
			{File: ScriptName, From: ScriptName},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: PropertiesName, Old: "    \"capabilities\": [],\n", New: "    \"capabilities\": [], \"script\": {\"language\": \"CSharpScript\", \"operationIds\": [\"GetTask\"]},\n"},
			{File: ScriptName, From: ScriptName},
		}},
	},
})

var scriptOperationsMissing = newRule(Rule{
	ID: "ScriptOperationsMissing", Severity: Notice, Kinds: AllKinds, Section: "9",
	Summary: "The folder has script.csx but apiProperties.json has no scriptOperations.",
	Basis:   BasisInfo,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiProperties.json:2:3", Pointer: "/properties", Edits: []Edit{
			{File: ScriptName, From: ScriptName},
		}},
		GoodCase: &Case{Kind: IndependentPublisher},
	},
})

// checkScriptOperations ties scriptOperations (and the newer script.operationIds) to script.csx
// and to the swagger's operations (rules.md §9).
func checkScriptOperations(p *pass) {
	f, props := apiProperties(p.c)
	if props == nil {
		return
	}
	hasScript := p.c.Script != nil
	lists := []struct {
		member *jsonpos.Member
		ptr    string
	}{
		{props.Member("scriptOperations"), "/properties/scriptOperations"},
		{props.Get("script").Member("operationIds"), "/properties/script/operationIds"},
	}
	declared := false
	for _, l := range lists {
		if l.member == nil {
			continue
		}
		declared = true
		if !l.member.Value.Is(jsonpos.Array) {
			continue
		}
		ids := operationIDs(p.c) // only when there is a list to compare
		if ids == nil {
			continue
		}
		for i, n := range l.member.Value.Items {
			if id, ok := n.Str(); ok {
				reportUnknownOperation(p, f, n, jsonpos.Index(l.ptr, i), id, ids, scriptOperationNotFound, "script.csx never runs for it")
			}
		}
	}
	if !hasScript {
		for _, e := range p.c.Entries {
			if !e.IsDir && misspelledCanonical(e.Name) == ScriptName {
				return // the script is there under another name: FileNameMisspelled says to rename it
			}
		}
		fix := "add the script (named exactly script.csx)"
		for _, e := range p.c.Entries {
			if l := strings.ToLower(e.Name); !e.IsDir && (strings.HasSuffix(l, ".csx") || strings.HasSuffix(l, ".cs")) {
				fix = fmt.Sprintf("rename %s to script.csx: tooling and certification look for that name", e.Name)
				break
			}
		}
		for _, key := range []string{"scriptOperations", "script"} {
			if m := props.Member(key); m != nil {
				p.report(scriptFileMissing, name(f, m, "/properties/"+key),
					"%s is set but the folder has no script.csx; %s, or remove %s", key, fix, key)
			}
		}
		return
	}
	if !declared {
		p.report(scriptOperationsMissing, parent(f, "/properties"),
			"the folder has script.csx but apiProperties.json has no scriptOperations; list the operationIds the script handles, e.g. \"scriptOperations\": [\"ListTasks\"]")
	}
}
