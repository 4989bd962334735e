package validate

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseAcknowledgements(t *testing.T) {
	body := "Removes the etag output.\r\n\r\n" +
		"connector-check: acknowledge-breaking ListTasks certified-connectors/Contoso Tasks\r\n" +
		"  connector-check: acknowledge-breaking * Contoso Tasks  \n" +
		"connector-check: acknowledge-breakingX ListTasks Contoso\n" + // not the keyword
		"connector-check: acknowledge-breaking ListTasks\n" + // no folder
		"> connector-check: acknowledge-breaking A B\n" + // quoted: not at the line start
		"connector-check: acknowledge-breaking"
	got := ParseAcknowledgements(body)
	want := []Acknowledgement{
		{Connector: "certified-connectors/Contoso Tasks", Operation: "ListTasks", Source: "the pull request description"},
		{Connector: "Contoso Tasks", Operation: "*", Source: "the pull request description"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v", got)
	}
	if n := len(ParseAcknowledgements(strings.Repeat("connector-check: acknowledge-breaking A B\n", 5000))); n != maxAcks {
		t.Errorf("%d acknowledgements from a long body, want the cap %d", n, maxAcks)
	}
}

func TestAcknowledgeBreaking(t *testing.T) {
	old, new := breakingPair(t, breakCase{new: []string{
		`"get": {
        "operationId": "GetTask"`, `"x-get": {
        "operationId": "GetTask"`,
		`"title": "Contoso Tasks"`, `"title": "Contoso Todo"`,
		`"id": {"type": "string"`, `"id": {"type": "integer"`,
	}})
	cs := BreakingChanges(old, new)
	const folder = "independent-publisher-connectors/Contoso Tasks"
	sev := func(fs []Finding) string {
		var parts []string
		for _, f := range fs {
			parts = append(parts, f.Rule+"="+f.Severity.String())
		}
		return strings.Join(parts, " ")
	}
	before := sev(AcknowledgeBreaking(cs, folder, nil))
	if before != "TitleChanged=warning OperationDeleted=error InputTypeChanged=warning OutputTypeChanged=error OutputTypeChanged=error" {
		t.Fatalf("unacknowledged: %s\n%s", before, describe(Breaking(old, new)))
	}
	acks := []Acknowledgement{
		{Connector: "Contoso Tasks", Operation: "GetTask", Source: "the pull request description"},
		{Connector: "other/Contoso Tasks", Operation: "*", Source: "c.yml:1"}, // another folder
		{Connector: folder, Operation: "CreateTask", Rule: "OutputTypeChanged", Source: "c.yml:5"},
	}
	fs := AcknowledgeBreaking(cs, folder, acks)
	if got := sev(fs); got != "TitleChanged=warning OperationDeleted=warning InputTypeChanged=warning OutputTypeChanged=warning OutputTypeChanged=error" {
		t.Errorf("acknowledged: %s", got)
	}
	if !strings.HasSuffix(fs[1].Message, "; acknowledged as an intended breaking change in the pull request description") {
		t.Errorf("message: %s", fs[1].Message)
	}
	fs = AcknowledgeBreaking(cs, folder, []Acknowledgement{{Connector: folder, Operation: "*", Reason: "v2", Source: "c.yml:3"}})
	if got := sev(fs); got != "TitleChanged=warning OperationDeleted=warning InputTypeChanged=warning OutputTypeChanged=warning OutputTypeChanged=warning" || !strings.HasSuffix(fs[4].Message, "in c.yml:3 (v2)") {
		t.Errorf("every change: %s\n%s", got, fs[4].Message)
	}
}
