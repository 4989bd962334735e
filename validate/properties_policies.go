package validate

import (
	"strings"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// policyTemplates are the documented policy templates (templateId compared case-insensitively;
// 4 published connectors write dynamicHostUrl).
var policyTemplates = []string{"convertarraytoobject", "convertobjecttoarray", "dynamichosturl", "encodepropertyvalue",
	"pollingtrigger", "routerequesttoendpoint", "setheader", "setproperty", "setqueryparameter", "setvaluefromurl",
	"stringreplace", "stringtoarray", "updatenextlink"}

var policyTemplateIdUnknown = newRule(Rule{
	ID: "PolicyTemplateIdUnknown", Severity: Warning, Kinds: AllKinds, Section: "9",
	Summary: "A policy templateId is missing or not one of the 13 documented templates (compared ignoring case).",
	Basis:   BasisHeuristic,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiProperties.json:4:68", Pointer: "/properties/policyTemplateInstances/0/templateId", Edits: []Edit{
			{File: PropertiesName, Old: "    \"capabilities\": [],\n", New: "    \"capabilities\": [], \"policyTemplateInstances\": [{\"templateId\": \"setheaders\", \"title\": \"x\", \"parameters\": {}}],\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: PropertiesName, Old: "    \"capabilities\": [],\n", New: "    \"capabilities\": [], \"policyTemplateInstances\": [{\"templateId\": \"dynamicHostUrl\", \"parameters\": {\"x-ms-apimTemplateParameter.urlTemplate\": \"https://@connectionParameters('host')\"}}],\n"},
		}},
	},
})

var policyOperationNotFound = newRule(Rule{
	ID: "PolicyOperationNotFound", Severity: Error, Kinds: AllKinds, Section: "9",
	Summary: "An x-ms-apimTemplate-operationName entry isn't an operationId of the swagger (a case-only match: warning naming the right spelling).",
	Basis:   BasisBroken, BasisReason: "the policy names an operation that doesn't exist",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "apiProperties.json:4:145", Pointer: "/properties/policyTemplateInstances/0/parameters/x-ms-apimTemplate-operationName/0", Edits: []Edit{
			{File: PropertiesName, Old: "    \"capabilities\": [],\n", New: "    \"capabilities\": [], \"policyTemplateInstances\": [{\"templateId\": \"routerequesttoendpoint\", \"parameters\": {\"x-ms-apimTemplate-operationName\": [\"ListTask\"], \"x-ms-apimTemplateParameter.newPath\": \"/v2/tasks\"}}],\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: PropertiesName, Old: "    \"capabilities\": [],\n", New: "    \"capabilities\": [], \"policyTemplateInstances\": [{\"templateId\": \"routerequesttoendpoint\", \"parameters\": {\"x-ms-apimTemplate-operationName\": [\"ListTasks\"], \"x-ms-apimTemplateParameter.newPath\": \"/v2/tasks\"}}],\n"},
		}},
	},
})

var policyTemplateInstancesEmpty = newRule(Rule{
	ID: "PolicyTemplateInstancesEmpty", Severity: Warning, Kinds: Publishable, Section: "9",
	Summary: "policyTemplateInstances is [], which is exported as an empty policy file (5000.1.1.16).",
	Basis:   BasisIgnored,
	Example: Example{
		BadCase: &Case{Kind: Certified, At: "apiProperties.json:4:52", Pointer: "/properties/policyTemplateInstances", Edits: []Edit{
			{File: PropertiesName, Old: "    \"capabilities\": [],\n", New: "    \"capabilities\": [], \"policyTemplateInstances\": [],\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: PropertiesName, Old: "    \"capabilities\": [],\n", New: "    \"capabilities\": [], \"policyTemplateInstances\": [],\n"},
		}},
	},
})

// checkPolicyTemplates covers policyTemplateInstances (rules.md §9). The per-template required
// parameters and policy sections are in the schema (PolicyTemplateParameterMissing).
func checkPolicyTemplates(p *pass) {
	f, props := apiProperties(p.c)
	if props == nil {
		return
	}
	m := props.Member("policyTemplateInstances")
	if m == nil || !m.Value.Is(jsonpos.Array) {
		return
	}
	const ptr = "/properties/policyTemplateInstances"
	if len(m.Value.Items) == 0 {
		p.report(policyTemplateInstancesEmpty, value(f, m.Value, ptr),
			"policyTemplateInstances is empty; remove the key: an empty list is exported as an empty policy file, which certification rejects (5000.1.1.16)")
		return
	}
	ids := operationIDs(p.c)
	for i, inst := range m.Value.Items {
		iptr := jsonpos.Index(ptr, i)
		tn := inst.Get("templateId")
		if id, ok := tn.Str(); ok && strings.TrimSpace(id) != "" && !containsFold(policyTemplates, id) {
			p.report(policyTemplateIdUnknown, value(f, tn, iptr+"/templateId"),
				"templateId %q is not a documented policy template; check the spelling (known: %s)", id, strings.Join(policyTemplates, ", "))
		}
		ops := inst.Get("parameters").Get("x-ms-apimTemplate-operationName")
		if !ops.Is(jsonpos.Array) || ids == nil {
			continue
		}
		for j, op := range ops.Items {
			if s, ok := op.Str(); ok {
				reportUnknownOperation(p, f, op, jsonpos.Index(iptr+"/parameters/x-ms-apimTemplate-operationName", j), s, ids,
					policyOperationNotFound, "the policy never runs for it")
			}
		}
	}
}

// opIDs indexes the swagger's operationIds for rules that check references to them.
type opIDs struct {
	exact  map[string]*op    // the spec's byID
	folded map[string]string // lower-cased id -> the first id written that way, for hints
}

// operationIDs indexes the swagger's operationIds; nil when there is no swagger to compare with
// (its own findings say why).
func operationIDs(c *Connector) *opIDs {
	s := c.spec()
	if s.root == nil {
		return nil
	}
	if s.ids != nil { // built once per connector: the policies, the script and its properties ask
		return s.ids
	}
	ids := &opIDs{exact: s.byID, folded: make(map[string]string, len(s.byID))}
	s.ids = ids
	for _, o := range s.ops {
		if s.byID[o.id] != o {
			continue // no string operationId, or a later use of one
		}
		if k := strings.ToLower(o.id); ids.folded[k] == "" {
			ids.folded[k] = o.id
		}
	}
	return ids
}

// known reports whether id is an operationId, exactly as written.
func (ids *opIDs) known(id string) bool { return ids.exact[id] != nil }

// fold returns the operationId that id matches ignoring letter case.
func (ids *opIDs) fold(id string) (string, bool) {
	other, ok := ids.folded[strings.ToLower(id)]
	return other, ok
}

// reportUnknownOperation reports an operationId reference that names no operation.
func reportUnknownOperation(p *pass, f *File, n *jsonpos.Node, ptr, id string, ids *opIDs, rule *Rule, effect string) {
	if ids.known(id) {
		return
	}
	if other, ok := ids.fold(id); ok {
		p.reportAs(rule, Warning, value(f, n, ptr), "%q matches operation %q only ignoring case; write %q so that it doesn't depend on how the platform compares names", id, other, other)
		return
	}
	p.report(rule, value(f, n, ptr), "%q is not an operationId of the swagger, so %s; fix the name or remove the entry", id, effect)
}
