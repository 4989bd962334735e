package validate

import (
	"testing"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// TestPropertiesAndSecurityTolerateAnyShape replaces every value of the OAuth connector's
// apiProperties.json and swagger, one at a time, by each other JSON type: no check may panic.
func TestPropertiesAndSecurityTolerateAnyShape(t *testing.T) {
	swagger := edit(t, goodSwagger, oauthSwagger...)
	replacements := []string{`null`, `7`, `"x"`, `[]`, `{}`, `[1, {"a": null}]`}
	mutate := func(src string, isSwagger bool) {
		doc := jsonpos.Parse([]byte(src))
		var nodes []*jsonpos.Node
		var walk func(n *jsonpos.Node)
		walk = func(n *jsonpos.Node) {
			nodes = append(nodes, n)
			for i := range n.Members {
				walk(n.Members[i].Value)
			}
			for _, it := range n.Items {
				walk(it)
			}
		}
		walk(doc.Root)
		for _, n := range nodes {
			for _, r := range replacements {
				data := src[:n.Start] + r + src[n.End:]
				for _, k := range []Kind{IP, C, CU} {
					c := &Connector{Path: "c", Kind: k, KindResolved: true,
						Script: &File{Name: ScriptName, Path: "c/" + ScriptName, Data: []byte(goodScript)}}
					c.Swagger, c.Properties = jsonFile(SwaggerName, swagger), jsonFile(PropertiesName, data)
					if isSwagger {
						c.Swagger, c.Properties = jsonFile(SwaggerName, data), jsonFile(PropertiesName, oauthProperties)
					}
					func() {
						defer func() {
							if e := recover(); e != nil {
								t.Fatalf("panic with %s at byte %d of %s:\n%v", r, n.Start, src[:min(len(src), 60)], e)
							}
						}()
						Check(c)
					}()
				}
			}
		}
	}
	mutate(oauthProperties, false)
	mutate(swagger, true)
}

func jsonFile(name, data string) *File {
	doc := jsonpos.Parse([]byte(data))
	return &File{Name: name, Path: "c/" + name, Data: doc.Data, JSON: doc, Lines: doc.Lines}
}
