package config

import (
	"testing"

	"github.com/connector-check/connector-check/validate"
)

// FuzzParse: the configuration is the pull request's; any bytes give a configuration or an error,
// never a panic, and applying the configuration never panics either.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"rules:\n  JsonBomPresent: off\n",
		"rules:\n  IconBrandColorNotAllowed:\n    severity: warning\n    independent-publisher: error\n",
		"ignore:\n  - rule: JsonDuplicateKey\n    path: \"ip/Legacy*\"\n    pointer: /paths\n",
		"kinds:\n  - path: \"**/custom/*\"\n    kind: custom\n",
		"{rules: {JsonBomPresent: off}, ignore: [{path: '**/**/x'}]}",
		"a: &a [*a, *a]\n", "- a\n", "rules: [", "\t", "",
	} {
		f.Add([]byte(s))
	}
	res := &validate.Result{
		Connectors: []validate.ConnectorResult{{Path: "independent-publisher-connectors/X", Kind: validate.IndependentPublisher}},
		Findings: []validate.Finding{
			{Rule: "JsonBomPresent", Severity: validate.Warning, Connector: "independent-publisher-connectors/X", File: "independent-publisher-connectors/X/apiDefinition.swagger.json", Pointer: "/paths/~1a", HasPointer: true},
			{Rule: "JsonDuplicateKey", Severity: validate.Error, Connector: "independent-publisher-connectors/X", File: "independent-publisher-connectors/X/apiProperties.json"},
		},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("f.yml", data)
		if err != nil {
			return
		}
		cfg.Apply(res)
		cfg.KindFor("independent-publisher-connectors/X")
	})
}
