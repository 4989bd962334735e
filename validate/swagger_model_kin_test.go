package validate

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi2"
)

// TestSpecAgreesWithKinOpenAPI checks the shared swagger model against an independent parser:
// for every corpus swagger that is strict JSON, kin-openapi's Swagger 2.0 model must list the same
// operations (path, method, operationId) with the same effective parameters (path-level ones
// merged in, #/parameters references resolved). kin-openapi has no source positions, so the rules
// use the model; this test is where kin-openapi helps.
func TestSpecAgreesWithKinOpenAPI(t *testing.T) {
	needCorpus(t)
	swaggers, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*", SwaggerName))
	compared := 0
	for _, path := range swaggers {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		c := FromFiles("c", filepath.Dir(path), IndependentPublisher, map[string][]byte{SwaggerName: data}, "")
		if c.Swagger.JSON.Root == nil || len(c.Swagger.JSON.Problems) > 0 {
			continue // not strict JSON: kin-openapi would refuse it or read it otherwise
		}
		var doc openapi2.T
		if err := json.Unmarshal(data, &doc); err != nil {
			continue // a shape kin-openapi's types reject (e.g. a non-string where it wants one)
		}
		compared++
		want := kinOperations(&doc)
		var got []string
		for _, o := range c.spec().ops {
			var params []string
			for _, p := range o.params {
				params = append(params, p.in+":"+p.name)
			}
			slices.Sort(params)
			got = append(got, strings.ToUpper(o.method)+" "+o.path+" "+o.id+" ["+strings.Join(params, ",")+"]")
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: the model and kin-openapi disagree\nmodel: %q\nkin:   %q", path, got, want)
		}
	}
	if compared < 400 {
		t.Fatalf("only %d swaggers compared", compared)
	}
	t.Logf("%d swaggers agree", compared)
}

func kinOperations(doc *openapi2.T) []string {
	resolve := func(p *openapi2.Parameter) *openapi2.Parameter {
		if name, ok := strings.CutPrefix(p.Ref, "#/parameters/"); ok && doc.Parameters[name] != nil {
			return doc.Parameters[name]
		}
		return p
	}
	var out []string
	for path, item := range doc.Paths {
		for method, op := range item.Operations() {
			byKey := map[string]bool{}
			var params []string
			for _, p := range op.Parameters {
				p = resolve(p)
				byKey[p.In+":"+p.Name] = true
				params = append(params, p.In+":"+p.Name)
			}
			for _, p := range item.Parameters {
				if p = resolve(p); !byKey[p.In+":"+p.Name] {
					params = append(params, p.In+":"+p.Name)
				}
			}
			slices.Sort(params)
			out = append(out, method+" "+path+" "+op.OperationID+" ["+strings.Join(params, ",")+"]")
		}
	}
	slices.Sort(out)
	return out
}
