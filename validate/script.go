package validate

import (
	"slices"
	"strconv"
	"strings"

	"github.com/connector-check/connector-check/internal/csharp"
)

// scriptNamespaces is Microsoft's list of namespaces custom code may use (MS-WC, rules.md §12).
var scriptNamespaces = map[string]bool{}

func init() {
	for _, ns := range strings.Fields(`System System.Collections System.Collections.Generic System.Diagnostics System.IO
		System.IO.Compression System.Linq System.Net System.Net.Http System.Net.Http.Headers System.Net.Security
		System.Security.Authentication System.Security.Cryptography System.Text System.Text.RegularExpressions
		System.Threading System.Threading.Tasks System.Web System.Xml System.Xml.Linq System.Drawing
		System.Drawing.Drawing2D System.Drawing.Imaging Microsoft.Extensions.Logging Newtonsoft.Json Newtonsoft.Json.Linq`) {
		scriptNamespaces[ns] = true
	}
}

// scriptStubNamespace is the namespace of the local-test stub for ScriptBase: harmless when the
// script is uploaded, as the platform provides the types, but it doesn't belong in the script.
const scriptStubNamespace = "Microsoft.PowerPlatform.Connectors.CustomCode"

// otherNamespaces are .NET namespaces outside the list that fully-qualified references use. A
// dotted name can't tell a namespace from a type (System.Math.Max), so only these are flagged.
var otherNamespaces = strings.Fields(`System.Runtime System.Reflection System.Data System.Configuration System.Globalization
	System.ComponentModel System.Dynamic System.Numerics System.Resources System.Transactions System.Buffers
	System.Management System.ServiceModel System.Windows System.Printing System.Media System.Timers
	System.Security.Principal System.Security.Claims System.Security.Permissions System.Security.Cryptography.X509Certificates
	System.Net.Mail System.Net.Sockets System.Net.WebSockets System.Net.NetworkInformation System.Net.Http.Json
	System.Text.Json System.Text.Encodings System.Text.Unicode System.Collections.Concurrent System.Collections.Specialized
	System.Collections.Immutable System.Collections.ObjectModel System.IO.Pipes System.IO.Ports System.IO.MemoryMappedFiles
	System.IO.IsolatedStorage System.Threading.Channels System.Diagnostics.CodeAnalysis System.Diagnostics.Tracing
	System.Linq.Expressions System.Xml.Serialization System.Xml.Schema System.Xml.XPath System.Xml.Xsl System.Web.Script
	System.Web.Http System.Web.Mvc System.Web.UI System.Drawing.Text System.Drawing.Printing
	Newtonsoft.Json.Serialization Newtonsoft.Json.Converters Newtonsoft.Json.Schema Newtonsoft.Json.Bson`)

type script struct {
	f    *File
	toks []csharp.Token
}

func (s *script) span(from, to int) at {
	return at{file: s.f.Path, span: s.f.Lines.Span(s.toks[from].Start, s.toks[to].End)}
}

func (s *script) is(i int, text string) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].Kind != csharp.String && s.toks[i].Kind != csharp.Char && s.toks[i].Text == text
}

func (s *script) kind(i int, k csharp.Kind) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].Kind == k
}

// dotted reads Ident(.Ident)* from i and returns the name and the index after it.
func (s *script) dotted(i int) (string, int) {
	if !s.kind(i, csharp.Ident) {
		return "", i
	}
	parts := []string{s.toks[i].Value}
	j := i + 1
	for s.is(j, ".") && s.kind(j+1, csharp.Ident) {
		parts = append(parts, s.toks[j+1].Value)
		j += 2
	}
	return strings.Join(parts, "."), j
}

func checkScript(p *pass) {
	f := p.c.Script
	if f == nil || f.Data == nil || f.Lines == nil || len(f.Data) > 1<<20 {
		return // FileTooLarge covers a script over 1 MiB
	}
	s := &script{f: f, toks: csharp.Scan(f.Data)}
	if checkScriptClass(p, s) {
		checkExecuteAsync(p, s)
	}
	usings := checkUsings(p, s)
	checkQualifiedNames(p, s, usings)
	checkScriptCalls(p, s)
	checkOperationIDs(p, s)
}

var scriptClassMissing = newRule(Rule{
	ID: "ScriptClassMissing", Severity: Error, Kinds: AllKinds, Section: "12",
	Summary: "No class derives from ScriptBase (error), or the deriving class isn't named exactly Script (warning).",
	Basis:   BasisRejected, BasisReason: srcCode + " (a class not named Script: warning)",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "script.csx:4:8", Pointer: "-", Severity: Error, Edits: []Edit{
			{File: ScriptName, From: ScriptName, Old: "public class Script : ScriptBase\n", New: "public class Script\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: ScriptName, From: ScriptName},
		}},
	},
})

// checkScriptClass wants a class deriving from ScriptBase, named Script. It returns false when
// there is none (the ExecuteAsync check would only repeat it).
func checkScriptClass(p *pass, s *script) bool {
	firstClass, firstDerived := -1, -1
	for i := range s.toks {
		if !s.is(i, "class") || !s.kind(i+1, csharp.Ident) || s.is(i-1, ".") {
			continue
		}
		if firstClass < 0 {
			firstClass = i
		}
		// The base list runs from ':' to the body's '{' (or a where clause).
		derives := false
		for j, colon := i+2, false; j < len(s.toks) && j < i+64 && !s.is(j, "{") && !s.is(j, ";") && !s.is(j, "where"); j++ {
			if s.is(j, ":") {
				colon = true
			}
			if colon && s.kind(j, csharp.Ident) && s.toks[j].Value == "ScriptBase" {
				derives = true
			}
		}
		if derives {
			if s.toks[i+1].Value == "Script" {
				return true
			}
			if firstDerived < 0 {
				firstDerived = i + 1
			}
		}
	}
	switch {
	case firstDerived >= 0:
		p.reportAs(scriptClassMissing, Warning, s.span(firstDerived, firstDerived),
			"the class deriving from ScriptBase is named %q; name it exactly Script, the name the platform instantiates", s.toks[firstDerived].Value)
		return true
	case firstClass >= 0:
		p.reportAs(scriptClassMissing, Error, s.span(firstClass, firstClass+1),
			"no class derives from ScriptBase; declare \"public class Script : ScriptBase\" with \"public override async Task<HttpResponseMessage> ExecuteAsync()\"")
	default:
		p.reportAs(scriptClassMissing, Error, whole(s.f.Path),
			"script.csx declares no class; declare \"public class Script : ScriptBase\" with \"public override async Task<HttpResponseMessage> ExecuteAsync()\"")
	}
	return false
}

var scriptExecuteAsyncMissing = newRule(Rule{
	ID: "ScriptExecuteAsyncMissing", Severity: Error, Kinds: AllKinds, Section: "12",
	Summary: "The script doesn't override ExecuteAsync() returning Task<HttpResponseMessage>.",
	Basis:   BasisRejected, BasisReason: srcCode,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "script.csx:6:53", Pointer: "-", Edits: []Edit{
			{File: ScriptName, From: ScriptName, Old: "    public override async Task<HttpResponseMessage> ExecuteAsync()\n", New: "    public override async Task<HttpResponseMessage> ExecuteAsync(string x)\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: ScriptName, From: ScriptName},
		}},
	},
})

// checkExecuteAsync wants "override ... Task<HttpResponseMessage> ExecuteAsync()".
func checkExecuteAsync(p *pass, s *script) {
	var wrong = -1
	for i := range s.toks {
		if !s.kind(i, csharp.Ident) || s.toks[i].Value != "ExecuteAsync" || !s.is(i+1, "(") {
			continue
		}
		override, task, resp := false, false, false
		for j := i - 1; j >= 0 && j > i-16 && !s.is(j, ";") && !s.is(j, "{") && !s.is(j, "}") && !s.is(j, "]") && !s.is(j, "="); j-- {
			switch s.toks[j].Text {
			case "override":
				override = true
			case "Task":
				task = true
			case "HttpResponseMessage":
				resp = true
			}
		}
		if !override {
			continue // a call, or a method of a helper class
		}
		if task && resp && s.is(i+2, ")") {
			return
		}
		if wrong < 0 {
			wrong = i
		}
	}
	if wrong >= 0 {
		p.report(scriptExecuteAsyncMissing, s.span(wrong, wrong),
			"ExecuteAsync must be declared \"public override async Task<HttpResponseMessage> ExecuteAsync()\" (no parameters); fix its signature")
		return
	}
	where := whole(s.f.Path)
	for i := range s.toks {
		if s.is(i, "class") && s.kind(i+1, csharp.Ident) {
			where = s.span(i+1, i+1)
			break
		}
	}
	p.report(scriptExecuteAsyncMissing, where,
		"the Script class doesn't override ExecuteAsync; add \"public override async Task<HttpResponseMessage> ExecuteAsync()\", the entry point the platform calls")
}

var scriptNamespaceNotSupported = newRule(Rule{
	ID: "ScriptNamespaceNotSupported", Severity: Error, Kinds: AllKinds, Section: "12",
	Summary: "A using directive outside Microsoft's namespace allow-list whose types the script uses (error); one it doesn't seem to use (warning); the CustomCode local-test stub (notice).",
	Basis:   BasisRejected, BasisReason: "reviewers reject namespaces outside the documented list at deployment (a using the script never uses: warning)",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "script.csx:1:1", Pointer: "-", Severity: Warning, Edits: []Edit{
			{File: ScriptName, From: ScriptName, Old: "using System.Net;\n", New: "using System.Data;\n// DataTable t;\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: ScriptName, From: ScriptName, Old: "using Newtonsoft.Json.Linq;\n\npublic class Script : ScriptBase\n{\n    public override async Task<HttpResponseMessage> ExecuteAsync()\n    {\n        if (this.Context.OperationId == \"ListTasks\")\n        {\n            var response = await this.Context.SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);\n            return response;\n", New: "using static System.Math;\nusing J = Newtonsoft.Json.JsonConvert;\nusing Newtonsoft.Json.Linq;\n\npublic class Script : ScriptBase\n{\n    public override async Task<HttpResponseMessage> ExecuteAsync()\n    {\n        if (this.Context.OperationId == \"ListTasks\")\n        {\n            var response = await this.Context.SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);\n            using (var r = response) { return r; }\n"},
		}},
	},
})

// checkUsings checks using directives against the allow-list; it returns the token ranges of the
// directives, which the fully-qualified check skips.
func checkUsings(p *pass, s *script) [][2]int {
	var ranges [][2]int
	for i := range s.toks {
		if !s.is(i, "using") || s.is(i-1, ".") {
			continue
		}
		j := i + 1
		static := false
		if s.is(j, "static") {
			static, j = true, j+1
		}
		alias := false
		if s.kind(j, csharp.Ident) && s.is(j+1, "=") {
			alias, j = true, j+2
		}
		if s.is(j, "global") && s.is(j+1, "::") {
			j += 2
		}
		name, k := s.dotted(j)
		if name == "" || !s.is(k, ";") {
			continue // a using statement or declaration: using (var x = ...), using var x = ...
		}
		ranges = append(ranges, [2]int{i, k})
		parentNS := name
		if dot := strings.LastIndexByte(name, '.'); dot > 0 {
			parentNS = name[:dot]
		}
		switch {
		case scriptNamespaces[name], (static || alias) && scriptNamespaces[parentNS]:
		case name == scriptStubNamespace || strings.HasPrefix(name, scriptStubNamespace+"."):
			p.reportAs(scriptNamespaceNotSupported, Notice, s.span(i, k),
				"%s is the local-test stub's namespace; the platform provides ScriptBase, so remove this using before submitting", name)
		case s.usesNamespace(name, k+1):
			p.reportAs(scriptNamespaceNotSupported, Error, s.span(i, k),
				"namespace %s isn't one custom code may use, and the script uses its types; stay within the supported namespaces (System, System.Net.Http, System.Linq, Newtonsoft.Json, ...)", name)
		default:
			// No type of the namespace is seen in use: the directive alone does nothing.
			p.reportAs(scriptNamespaceNotSupported, Warning, s.span(i, k),
				"namespace %s isn't one custom code may use, and the script doesn't seem to use it; remove the using (the supported namespaces are System, System.Net.Http, System.Linq, Newtonsoft.Json, ...)", name)
		}
	}
	return ranges
}

// namespaceTypes are well-known types of namespaces outside the allow-list, by which a script
// shows that it uses a using directive's namespace. A namespace without an entry, or whose
// types aren't seen, counts as unused: its directive alone does nothing.
var namespaceTypes = map[string][]string{
	"System.Globalization":                          {"CultureInfo", "NumberStyles", "DateTimeStyles", "CompareOptions", "TextInfo", "Calendar", "RegionInfo", "NumberFormatInfo", "DateTimeFormatInfo", "UnicodeCategory"},
	"System.Text.Json":                              {"JsonSerializer", "JsonDocument", "JsonElement", "JsonSerializerOptions", "Utf8JsonWriter", "Utf8JsonReader", "JsonException", "JsonNamingPolicy", "JsonValueKind"},
	"System.Text.Json.Nodes":                        {"JsonNode", "JsonObject", "JsonArray", "JsonValue"},
	"System.Text.Json.Serialization":                {"JsonPropertyName", "JsonPropertyNameAttribute", "JsonIgnore", "JsonIgnoreAttribute", "JsonConverter", "JsonStringEnumConverter"},
	"System.Runtime.Serialization":                  {"DataContract", "DataContractAttribute", "DataMember", "DataMemberAttribute", "EnumMember", "ISerializable", "SerializationInfo", "StreamingContext"},
	"System.Collections.Concurrent":                 {"ConcurrentDictionary", "ConcurrentBag", "ConcurrentQueue", "ConcurrentStack", "BlockingCollection"},
	"System.Collections.Specialized":                {"NameValueCollection", "StringCollection", "StringDictionary", "OrderedDictionary", "HybridDictionary"},
	"System.Collections.ObjectModel":                {"Collection", "ReadOnlyCollection", "ObservableCollection", "KeyedCollection", "ReadOnlyDictionary"},
	"System.ComponentModel":                         {"Description", "DescriptionAttribute", "TypeConverter", "INotifyPropertyChanged", "DefaultValue", "DefaultValueAttribute", "Win32Exception"},
	"System.ComponentModel.DataAnnotations":         {"Required", "RequiredAttribute", "Key", "KeyAttribute", "StringLength", "Range", "ValidationContext", "Validator"},
	"System.Data":                                   {"DataTable", "DataSet", "DataRow", "DataColumn", "DataView", "IDbConnection", "CommandType"},
	"System.Dynamic":                                {"ExpandoObject", "DynamicObject"},
	"System.Numerics":                               {"BigInteger", "Complex", "Vector", "Vector2", "Vector3"},
	"System.Reflection":                             {"Assembly", "BindingFlags", "PropertyInfo", "MethodInfo", "FieldInfo", "MemberInfo", "ParameterInfo", "TypeInfo"},
	"System.Net.Mail":                               {"MailMessage", "MailAddress", "SmtpClient", "Attachment"},
	"System.Net.Http.Json":                          {"JsonContent", "ReadFromJsonAsync", "PostAsJsonAsync", "PutAsJsonAsync", "GetFromJsonAsync"},
	"System.Security.Cryptography.X509Certificates": {"X509Certificate", "X509Certificate2", "X509Store", "X509Chain"},
	"System.Security.Claims":                        {"Claim", "ClaimsPrincipal", "ClaimsIdentity"},
	"System.Timers":                                 {"Timer", "ElapsedEventArgs"},
}

// usesNamespace reports whether a token from `from` on names a well-known type of namespace ns.
func (s *script) usesNamespace(ns string, from int) bool {
	types := namespaceTypes[ns]
	for i := from; i < len(s.toks) && len(types) > 0; i++ {
		if s.kind(i, csharp.Ident) && slices.Contains(types, s.toks[i].Text) {
			return true
		}
	}
	return false
}

var scriptFullyQualifiedTypeNotSupported = newRule(Rule{
	ID: "ScriptFullyQualifiedTypeNotSupported", Severity: Warning, Kinds: AllKinds, Section: "12",
	Summary: "A fully-qualified reference into a namespace outside the allow-list (System.Runtime.Serialization.X).",
	Basis:   BasisHeuristic,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "script.csx:11:21", Pointer: "-", Edits: []Edit{
			{File: ScriptName, From: ScriptName, Old: "            return response;\n", New: "            var c = System.Runtime.Serialization.FormatterServices.GetUninitializedObject(typeof(Script)); return response;\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: ScriptName, From: ScriptName, Old: "            return response;\n", New: "            var b = System.Text.Encoding.UTF8.GetBytes(\"x\"); var m = System.Math.Max(1, 2); var j = Newtonsoft.Json.Linq.JObject.Parse(\"{}\"); return response;\n"},
		}},
	},
})

// checkQualifiedNames finds fully-qualified references into namespaces outside the allow-list
// (System.Runtime.Serialization.DataContractAttribute), once per namespace.
func checkQualifiedNames(p *pass, s *script, usings [][2]int) {
	reported := map[string]bool{}
	for i := 0; i < len(s.toks); i++ {
		if slices.ContainsFunc(usings, func(r [2]int) bool { return i >= r[0] && i <= r[1] }) {
			continue
		}
		if s.is(i, "namespace") {
			_, i = s.dotted(i + 1)
			continue
		}
		if !s.kind(i, csharp.Ident) || s.is(i-1, ".") || (s.is(i-1, "::") && !s.is(i-2, "global")) {
			continue
		}
		name, k := s.dotted(i)
		if !strings.Contains(name, ".") {
			continue
		}
		ns := disallowedNamespace(name)
		if ns != "" && !reported[ns] {
			reported[ns] = true
			p.report(scriptFullyQualifiedTypeNotSupported, s.span(i, k-1),
				"%s is in namespace %s, which custom code may not use; use a type from the supported namespaces instead", name, ns)
		}
		i = k - 1
	}
}

// disallowedNamespace returns the namespace outside the allow-list that a dotted name refers into.
func disallowedNamespace(name string) string {
	for _, ns := range otherNamespaces {
		if name == ns || strings.HasPrefix(name, ns+".") {
			return ns
		}
	}
	if strings.HasPrefix(name, "Microsoft.") && strings.Count(name, ".") >= 2 {
		for ns := range scriptNamespaces {
			if strings.HasPrefix(name, ns+".") {
				return ""
			}
		}
		parts := strings.Split(name, ".")
		return strings.Join(parts[:len(parts)-1], ".")
	}
	return ""
}

var scriptHttpClientCreated = newRule(Rule{
	ID: "ScriptHttpClientCreated", Severity: Warning, Kinds: AllKinds, Section: "12",
	Summary: "new HttpClient(...) in the script; requests should go through this.Context.SendAsync.",
	Basis:   BasisListing, BasisReason: srcCode + ": use Context.SendAsync",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "script.csx:10:26", Pointer: "-", Edits: []Edit{
			{File: ScriptName, From: ScriptName, Old: "            var response = await this.Context.SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);\n", New: "            var client = new HttpClient(); var response = await this.Context.SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: ScriptName, From: ScriptName},
		}},
	},
})

var scriptLongRunningCall = newRule(Rule{
	ID: "ScriptLongRunningCall", Severity: Notice, Kinds: AllKinds, Section: "12",
	Summary: "Thread.Sleep or Task.Delay of a constant >= 5000 ms, or a blocking .Result, .Wait() or .GetResult().",
	Basis:   BasisHeuristic, BasisReason: "custom code must finish within 5 seconds",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "script.csx:11:13", Pointer: "-", Edits: []Edit{
			{File: ScriptName, From: ScriptName, Old: "            return response;\n", New: "            Thread.Sleep(10_000); return response;\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: ScriptName, From: ScriptName, Old: "            return response;\n", New: "            await Task.Delay(100); return response;\n"},
		}},
	},
})

// checkScriptCalls: new HttpClient(...), and calls that block or sleep for 5 s, the limit of a
// script's whole run.
func checkScriptCalls(p *pass, s *script) {
	for i := range s.toks {
		t := s.toks[i]
		if t.Kind != csharp.Ident {
			continue
		}
		switch {
		case t.Value == "new":
			name, k := s.dotted(i + 1)
			if (name == "HttpClient" || strings.HasSuffix(name, ".HttpClient")) && (s.is(k, "(") || s.is(k, "{")) {
				p.report(scriptHttpClientCreated, s.span(i, k-1),
					"the script creates its own HttpClient; send requests with this.Context.SendAsync(request, this.CancellationToken) (Microsoft plans to block direct clients)")
			}
		case (t.Value == "Sleep" && s.is(i-2, "Thread") || t.Value == "Delay" && s.is(i-2, "Task")) && s.is(i-1, ".") && s.is(i+1, "("):
			if ms, ok := s.milliseconds(i + 2); ok && ms >= 5000 {
				p.report(scriptLongRunningCall, s.span(i-2, i),
					"%s.%s waits %d ms, but a script run is cut off after 5 seconds; don't wait in the script", s.toks[i-2].Text, t.Value, ms)
			}
		case t.Value == "Result" && s.is(i-1, ".") && !s.is(i+1, "(") && !s.is(i+1, "=") && !s.is(i+1, "{"):
			p.report(scriptLongRunningCall, s.span(i-1, i),
				".Result blocks the thread until the task ends; await the task instead")
		case (t.Value == "Wait" || t.Value == "GetResult") && s.is(i-1, ".") && s.is(i+1, "("):
			p.report(scriptLongRunningCall, s.span(i-1, i),
				".%s() blocks the thread until the task ends; await the task instead", t.Value)
		}
	}
}

// milliseconds reads a constant delay at token i: a number of ms, or TimeSpan.FromSeconds(n) etc.
func (s *script) milliseconds(i int) (int64, bool) {
	if s.kind(i, csharp.Number) && s.is(i+1, ")") {
		return parseCSInt(s.toks[i].Text)
	}
	if s.is(i, "TimeSpan") && s.is(i+1, ".") && s.is(i+3, "(") && s.kind(i+4, csharp.Number) && s.is(i+5, ")") {
		n, ok := parseCSInt(s.toks[i+4].Text)
		switch s.toks[i+2].Text {
		case "FromMilliseconds":
			return n, ok
		case "FromSeconds":
			return n * 1000, ok
		case "FromMinutes":
			return n * 60000, ok
		}
	}
	return 0, false
}

func parseCSInt(text string) (int64, bool) {
	t := strings.TrimRight(strings.ReplaceAll(text, "_", ""), "lLuU")
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 || n > 1<<40 {
		return 0, false
	}
	return n, true
}

var scriptOperationIdUnknown = newRule(Rule{
	ID: "ScriptOperationIdUnknown", Severity: Warning, Kinds: AllKinds, Section: "12",
	Summary: "A string literal compared with Context.OperationId that is no operationId of the swagger.",
	Basis:   BasisHeuristic,
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "script.csx:8:41", Pointer: "-", Edits: []Edit{
			{File: ScriptName, From: ScriptName, Old: "        if (this.Context.OperationId == \"ListTasks\")\n", New: "        if (this.Context.OperationId == \"ListTask\")\n"},
		}},
		GoodCase: &Case{Kind: IndependentPublisher, Edits: []Edit{
			{File: ScriptName, From: ScriptName, Old: "        var note = @\"Thread.Sleep(10000); using System.Data; \"\" new HttpClient()\";\n", New: "        var note = @\"Thread.Sleep(10000); using System.Data; \"\" new HttpClient()\";\n        if (string.Equals(this.Context.OperationId, \"createtask\", StringComparison.OrdinalIgnoreCase) || Context.OperationId.ToLower() == \"gettask\") { }\n"},
		}},
	},
})

// checkOperationIDs compares the string literals the script compares with Context.OperationId
// (directly, through a variable assigned from it, in Equals calls and in switch cases) with
// the swagger's operationIds: a literal matching none is a branch that never runs.
func checkOperationIDs(p *pass, s *script) {
	ids := operationIDs(p.c)
	if ids == nil || len(ids.folded) == 0 {
		return
	}
	// refs are [first, last] token ranges that evaluate to the operation id.
	var refs [][2]int
	aliases := map[string]bool{}
	for i := range s.toks {
		if !(s.kind(i, csharp.Ident) && s.toks[i].Value == "OperationId" && s.is(i-1, ".") && s.is(i-2, "Context")) {
			continue
		}
		first := i - 2
		if s.is(first-1, ".") && s.is(first-2, "this") {
			first -= 2
		}
		refs = append(refs, [2]int{first, i})
		if s.is(first-1, "=") && s.kind(first-2, csharp.Ident) {
			aliases[s.toks[first-2].Value] = true
		}
	}
	for i := range s.toks {
		if s.kind(i, csharp.Ident) && aliases[s.toks[i].Value] && !s.is(i-1, ".") && !s.is(i+1, "=") && !(s.kind(i-1, csharp.Ident) && s.toks[i-1].Value != "return") {
			refs = append(refs, [2]int{i, i})
		}
	}
	checked := map[int]bool{}
	check := func(j int, exact bool) {
		if !s.kind(j, csharp.String) || s.toks[j].Interpolated || checked[j] {
			return
		}
		checked[j] = true
		lit := s.toks[j].Value
		if ids.known(lit) {
			return
		}
		if id, ok := ids.fold(lit); ok {
			if exact {
				p.report(scriptOperationIdUnknown, s.span(j, j),
					"%q differs in letter case from the operationId %q, and this comparison is exact; write %q", lit, id, id)
			}
			return
		}
		p.report(scriptOperationIdUnknown, s.span(j, j),
			"%q is compared with Context.OperationId but no operation of the swagger has that operationId; use one of them or remove the dead branch", lit)
	}
	checkLower := func(j int) { // Context.OperationId.ToLower() == "literal"
		if !s.kind(j, csharp.String) || s.toks[j].Interpolated || checked[j] {
			return
		}
		checked[j] = true
		lit := s.toks[j].Value
		if _, ok := ids.fold(lit); !ok {
			p.report(scriptOperationIdUnknown, s.span(j, j),
				"%q is compared with Context.OperationId but no operation of the swagger has that operationId; use one of them or remove the dead branch", lit)
		} else if lit != strings.ToLower(lit) {
			p.report(scriptOperationIdUnknown, s.span(j, j),
				"%q is compared with the lower-cased Context.OperationId, so it never matches; write it in lower case", lit)
		}
	}
	for _, r := range refs {
		a, b := r[0], r[1]
		if s.is(b+1, ".") && (s.is(b+2, "ToLower") || s.is(b+2, "ToLowerInvariant")) && s.is(b+3, "(") && s.is(b+4, ")") &&
			(s.is(b+5, "==") || s.is(b+5, "!=")) {
			checkLower(b + 6)
		}
		if s.is(b+1, "==") || s.is(b+1, "!=") {
			check(b+2, true)
		}
		if s.is(a-1, "==") || s.is(a-1, "!=") {
			check(a-2, true)
		}
		if s.is(b+1, ".") && s.is(b+2, "Equals") && s.is(b+3, "(") {
			check(b+4, false)
		}
		if s.is(a-1, "(") && s.is(a-2, "Equals") {
			if s.is(a-3, ".") && s.kind(a-4, csharp.String) {
				check(a-4, false)
			} else if s.is(b+1, ",") {
				check(b+2, false)
			}
		}
		if s.is(a-1, ",") && s.kind(a-2, csharp.String) && s.is(a-3, "(") && s.is(a-4, "Equals") {
			check(a-2, false)
		}
		if s.is(a-1, "(") && s.is(a-2, "switch") && s.is(b+1, ")") && s.is(b+2, "{") {
			s.switchLabels(b+2, func(j int) { check(j, true) }, "case")
		}
		if s.is(b+1, "switch") && s.is(b+2, "{") {
			s.switchLabels(b+2, func(j int) { check(j, true) }, "=>")
		}
	}
}

// switchLabels calls fn for the string labels of the switch block opening at token open: the
// string after each "case" (statement) or before each "=>" (expression), at the block's own depth.
func (s *script) switchLabels(open int, fn func(int), mode string) {
	depth := 0
	for j := open; j < len(s.toks); j++ {
		switch {
		case s.is(j, "{"):
			depth++
		case s.is(j, "}"):
			depth--
			if depth == 0 {
				return
			}
		case depth == 1 && mode == "case" && s.is(j, "case"):
			fn(j + 1)
		case depth == 1 && mode == "=>" && s.is(j, "=>"):
			fn(j - 1)
		}
	}
}
