package validate

import (
	"slices"
	"strings"
	"testing"
)

func loadSpec(t *testing.T, swagger string) *spec {
	t.Helper()
	dir := makeConnector(t, IP, map[string]string{SwaggerName: swagger})
	c, err := Load(dir, "c", 0)
	if err != nil {
		t.Fatal(err)
	}
	return c.spec()
}

func TestSpecOperationsAndParameters(t *testing.T) {
	s := loadSpec(t, edit(t, goodSwagger, `"/tasks/{taskId}": {`, `"/tasks/{taskId}": {
      "parameters": [{"name": "taskId", "in": "path", "required": true, "type": "string"}, {"name": "x", "in": "header", "type": "string"}],`))
	var ids []string
	for _, o := range s.ops {
		ids = append(ids, o.id)
	}
	if want := []string{"ListTasks", "CreateTask", "GetTask"}; !slices.Equal(ids, want) {
		t.Fatalf("operations %v, want %v", ids, want)
	}
	get := s.byID["GetTask"]
	if len(get.params) != 2 {
		t.Fatalf("GetTask has %d effective parameters, want 2 (path-level x, operation-level taskId)", len(get.params))
	}
	x, id := get.params[0], get.params[1]
	if x.name != "x" || !x.pathLevel || x.usePtr != "/paths/~1tasks~1{taskId}/parameters/1" {
		t.Errorf("path-level parameter = %+v", x)
	}
	if id.name != "taskId" || id.pathLevel || id.ptr != "/parameters/taskId" || id.usePtr != "/paths/~1tasks~1{taskId}/get/parameters/0" || !id.required || id.ref != "#/parameters/taskId" {
		t.Errorf("operation-level parameter through $ref = %+v", id)
	}
}

func TestSpecResolve(t *testing.T) {
	s := loadSpec(t, edit(t, goodSwagger, `"definitions": {`, `"definitions": {
    "A": {"$ref": "#/definitions/B"}, "B": {"$ref": "#/definitions/A"}, "C": {"$ref": "#/definitions/Task"},`))
	for _, tc := range []struct {
		ref     string
		want    refProblem
		wantPtr string
	}{
		{"#/definitions/C", refOK, "/definitions/Task"},
		{"#/definitions/A", refLoop, ""},
		{"#/definitions/Nope", refNotFound, ""},
		{"other.json#/definitions/Task", refExternal, ""},
		{"#definitions/Task", refMalformed, ""},
	} {
		n, _ := s.f.JSON.Lookup("/paths/~1tasks/get/responses/200/schema/items")
		n.Get("$ref").Text = tc.ref
		_, ptr, problem := s.resolve(n, "/x")
		if problem != tc.want || (tc.wantPtr != "" && ptr != tc.wantPtr) {
			t.Errorf("%s: problem %d at %s, want %d at %s", tc.ref, problem, ptr, tc.want, tc.wantPtr)
		}
	}
}

func TestSpecWalkSchema(t *testing.T) {
	s := loadSpec(t, edit(t, goodSwagger, `"title": {"type": "string"`, `"sub": {"$ref": "#/definitions/Task"}, "tags": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}}}}, "title": {"type": "string"`,
		`"properties": {`, `"required": ["id"], "properties": {`))
	resp := s.successResponses(s.byID["ListTasks"])
	if len(resp) != 1 || resp[0].code != "200" {
		t.Fatalf("responses %+v", resp)
	}
	var got []string
	s.walkSchema(resp[0].node.Get("schema"), resp[0].usePtr+"/schema", func(sn schemaNode) bool {
		req := ""
		if sn.required {
			req = "!"
		}
		got = append(got, sn.path()+req+"@"+sn.ptr())
		return true
	})
	want := []string{
		"@/paths/~1tasks/get/responses/200/schema",
		"[]@/definitions/Task",
		"[].id!@/definitions/Task/properties/id",
		"[].tags@/definitions/Task/properties/tags",
		"[].tags[]@/definitions/Task/properties/tags/items",
		"[].tags[].name@/definitions/Task/properties/tags/items/properties/name",
		"[].title@/definitions/Task/properties/title",
	}
	// sub refers back to Task, which is on the walk's path: the cycle is not walked again.
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing %s in\n%s", w, strings.Join(got, "\n"))
		}
	}
	for _, g := range got {
		if strings.HasPrefix(g, "[].sub.") {
			t.Errorf("walked into a cycle: %s", g)
		}
	}
}
