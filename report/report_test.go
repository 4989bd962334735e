package report

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connector-check/connector-check/internal/goldenfile"

	"github.com/connector-check/connector-check/validate"
)

const (
	africa   = "independent-publisher-connectors/Africa's Talking SMS"
	cleanOne = "certified-connectors/Clean One"
	big      = "custom-connectors/Big"
	// evil is a folder whose name is itself a workflow command; Linux allows : in names.
	evil = "::warning file=x::evil,1"
)

// fixture is a hand-built result covering every shape a formatter must handle: two connectors
// without findings, whole-file and whole-folder findings (Line 0), a root pointer, a non-JSON
// file, related places, a multi-line range, hostile text in messages and paths, and a table long
// enough to be folded.
func fixture() *validate.Result {
	swagger := africa + "/apiDefinition.swagger.json"
	findings := []validate.Finding{
		{Rule: "RequiredFileMissing", Severity: validate.Error, Connector: africa,
			File: africa + "/apiProperties.json", PolicyCode: "5000.1.1.3",
			Message: "apiProperties.json is missing; add it next to apiDefinition.swagger.json."},
		{Rule: "RequiredPropertyMissing", Severity: validate.Error, Connector: africa, File: swagger,
			Line: 1, Column: 1, EndLine: 1, EndColumn: 2, HasPointer: true, Pointer: "",
			Message: `The swagger has no "info" object; add one with title and version.`},
		{Rule: "OperationIdNotUnique", Severity: validate.Error, Connector: africa, File: swagger,
			Line: 12, Column: 9, EndLine: 12, EndColumn: 31, HasPointer: true, Pointer: "/paths/~1items/get/operationId",
			Message: "operationId \"x\n::error::pwned\" is used twice; make it unique.",
			Related: []validate.Related{{File: swagger, Line: 5, Column: 9, Message: "first used here"}}},
		{Rule: "JsonDuplicateKey", Severity: validate.Warning, Connector: africa, File: swagger,
			Line: 20, Column: 5, EndLine: 24, EndColumn: 6, HasPointer: true, Pointer: "/info/x-ms-a|b",
			Message: "Key repeated: %0A%25 a|b </details><script>alert(1)</script> `code` ##[error]legacy\r::notice::cr"},
		{Rule: "FileEncodingInvalid", Severity: validate.Error, Connector: africa, File: africa + "/script.csx",
			Line: 3, Column: 7, EndLine: 3, EndColumn: 8, MsRule: "InvalidEncoding",
			Message: "Byte 0xE9 isn't UTF-8; save the file as UTF-8. \x1b[31mred\x1b[0m [link](javascript:x) *bold* _it_ &amp;"},
		{Rule: "ConnectorKindUnresolved", Severity: validate.Notice, Connector: evil, File: evil,
			Message: "The kind can't be derived from the path; custom is assumed."},
		{Rule: "ReadmeMissing", Severity: validate.Warning, Connector: evil, File: evil + "/readme.md",
			Message: "The connector folder has no readme.md."},
	}
	for i := 1; i <= foldRows+1; i++ {
		findings = append(findings, validate.Finding{
			Rule: "JsonBomPresent", Severity: validate.Notice, Connector: big, File: fmt.Sprintf("%s/file%02d.json", big, i),
			Line: 1, Column: 1, EndLine: 1, EndColumn: 2, HasPointer: true,
			Message: "The file starts with a UTF-8 byte order mark; remove it.",
		})
	}
	return resultOf([]validate.ConnectorResult{
		{Path: africa, Kind: validate.IndependentPublisher},
		{Path: cleanOne, Kind: validate.Certified},
		{Path: big, Kind: validate.Custom},
		{Path: evil, Kind: validate.Custom},
		{Path: "custom-connectors/</details><script>alert(1)</script>", Kind: validate.Custom},
	}, findings)
}

// resultOf fills in the counts the way validate.Run does.
func resultOf(conns []validate.ConnectorResult, findings []validate.Finding) *validate.Result {
	res := &validate.Result{Connectors: conns, Findings: findings}
	for _, f := range findings {
		res.Counts.Add(f.Severity)
		for i := range res.Connectors {
			if res.Connectors[i].Path == f.Connector {
				res.Connectors[i].Add(f.Severity)
			}
		}
	}
	return res
}

func render(t *testing.T, format string, res *validate.Result) string {
	t.Helper()
	var buf bytes.Buffer
	var err error
	switch format {
	case "text":
		err = Text(&buf, res)
	case "json":
		err = JSON(&buf, res, Tool{Name: "connector-check", Version: "v1.2.3"})
	case "github":
		err = GitHub(&buf, res)
	case "summary":
		buf.WriteString(Summary(res, SummaryOptions{LinkBase: "https://github.com/o/r/blob/0123abc/", Version: "v1.2.3", FailOn: validate.Error}))
	default:
		t.Fatalf("unknown format %q", format)
	}
	if err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return buf.String()
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), []byte(got))
}

func TestGolden(t *testing.T) {
	for _, format := range []string{"text", "json", "github", "summary"} {
		t.Run(format, func(t *testing.T) {
			res := fixture()
			got := render(t, format, res)
			if again := render(t, format, res); again != got {
				t.Fatalf("two renderings differ: output is not deterministic")
			}
			golden(t, format+".golden", got)
		})
	}
}

func TestTextLines(t *testing.T) {
	res := fixture()
	lines := strings.Split(strings.TrimSuffix(render(t, "text", res), "\n"), "\n")
	if len(lines) != len(res.Findings) {
		t.Fatalf("got %d lines for %d findings", len(lines), len(res.Findings))
	}
	for i, want := range map[int]string{
		0: africa + "/apiProperties.json: error [RequiredFileMissing] apiProperties.json is missing; add it next to apiDefinition.swagger.json.",
		1: africa + `/apiDefinition.swagger.json:1:1: error [RequiredPropertyMissing] The swagger has no "info" object; add one with title and version.`,
		2: africa + `/apiDefinition.swagger.json:12:9: error [OperationIdNotUnique] operationId "x\n::error::pwned" is used twice; make it unique. ValuePath: /paths/~1items/get/operationId`,
		5: evil + ": notice [ConnectorKindUnresolved] The kind can't be derived from the path; custom is assumed.",
	} {
		if lines[i] != want {
			t.Errorf("line %d:\n got %s\nwant %s", i, lines[i], want)
		}
	}
}

func TestTextEmpty(t *testing.T) {
	if got := render(t, "text", &validate.Result{}); got != "" {
		t.Errorf("Text of a clean result = %q, want nothing", got)
	}
}

func TestTally(t *testing.T) {
	for _, tc := range []struct {
		res  *validate.Result
		want string
	}{
		{&validate.Result{}, "0 connectors checked: 0 errors, 0 warnings, 0 notices"},
		{&validate.Result{Connectors: make([]validate.ConnectorResult, 1), Counts: validate.Counts{Errors: 1, Warnings: 1, Notices: 1}},
			"1 connector checked: 1 error, 1 warning, 1 notice"},
		{&validate.Result{Connectors: make([]validate.ConnectorResult, 2), Counts: validate.Counts{Errors: 1, Notices: 3}},
			"2 connectors checked: 1 error, 0 warnings, 3 notices"},
	} {
		if got := Tally(tc.res); got != tc.want {
			t.Errorf("Tally = %q, want %q", got, tc.want)
		}
	}
}

// failWriter fails every write, as a full disk or closed pipe would.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, fmt.Errorf("disk full") }

func TestWriteErrors(t *testing.T) {
	res := fixture()
	for name, err := range map[string]error{
		"text":   Text(failWriter{}, res),
		"json":   JSON(failWriter{}, res, Tool{}),
		"github": GitHub(failWriter{}, res),
		"rules":  RulesText(failWriter{}, validate.Rules()),
	} {
		if err == nil {
			t.Errorf("%s: no error from a failing writer", name)
		}
	}
}
