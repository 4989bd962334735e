package validate

import (
	"fmt"
	"strings"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// checkScriptOperations ties scriptOperations (and the newer script.operationIds) to script.csx
// and to the swagger's operations (rules.md §9).
func checkScriptOperations(p *pass) {
	f, props := apiProperties(p.c)
	if props == nil {
		return
	}
	hasScript := p.c.Script != nil
	ids := operationIDs(p.c)
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
		if !l.member.Value.Is(jsonpos.Array) || ids == nil {
			continue
		}
		for i, n := range l.member.Value.Items {
			if id, ok := n.Str(); ok {
				reportUnknownOperation(p, f, n, jsonpos.Index(l.ptr, i), id, ids, "ScriptOperationNotFound", "script.csx never runs for it")
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
				p.report("ScriptFileMissing", name(f, m, "/properties/"+key),
					"%s is set but the folder has no script.csx; %s, or remove %s", key, fix, key)
			}
		}
		return
	}
	if !declared {
		p.report("ScriptOperationsMissing", parent(f, "/properties"),
			"the folder has script.csx but apiProperties.json has no scriptOperations; list the operationIds the script handles, e.g. \"scriptOperations\": [\"ListTasks\"]")
	}
}
