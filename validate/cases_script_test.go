package validate

import (
	"testing"
)

// goodScript is a clean script.csx; positions below are read off it.
const goodScript = `using System.Net;
using Newtonsoft.Json.Linq;

public class Script : ScriptBase
{
    public override async Task<HttpResponseMessage> ExecuteAsync()
    {
        if (this.Context.OperationId == "ListTasks")
        {
            var response = await this.Context.SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);
            return response;
        }
        // new HttpClient() in a comment, "CreateTask" == this.Context.OperationId
        var note = @"Thread.Sleep(10000); using System.Data; "" new HttpClient()";
        return new HttpResponseMessage(HttpStatusCode.BadRequest);
    }
}
`

func scriptEdit(pairs ...string) func(t *testing.T) map[string]string {
	return func(t *testing.T) map[string]string {
		return map[string]string{ScriptName: edit(t, goodScript, pairs...)}
	}
}

const sendLine = "var response = await this.Context.SendAsync("

var scriptCases = []ruleCase{
	{rule: "ScriptClassMissing", name: "no ScriptBase", kind: IP, files: scriptEdit("public class Script : ScriptBase", "public class Script"), fire: true, at: ScriptName + ":4:8", ptr: "-", sev: Error},
	{rule: "ScriptClassMissing", name: "lower-case script", kind: IP, files: scriptEdit("class Script :", "class script :"), fire: true, at: ScriptName + ":4:14", ptr: "-", sev: Warning},
	{rule: "ScriptClassMissing", name: "empty file", kind: CU, files: files(ScriptName, "// nothing yet\n"), fire: true, at: ScriptName, ptr: "-", sev: Error},
	{rule: "ScriptClassMissing", name: "Script : ScriptBase", kind: IP, files: scriptEdit()},
	{rule: "ScriptClassMissing", name: "class in a comment doesn't count", kind: IP, files: scriptEdit("using System.Net;", "// class Foo : ScriptBase\nusing System.Net;")},

	{rule: "ScriptExecuteAsyncMissing", name: "parameters", kind: IP, files: scriptEdit("ExecuteAsync()", "ExecuteAsync(string x)"), fire: true, at: ScriptName + ":6:53", ptr: "-"},
	{rule: "ScriptExecuteAsyncMissing", name: "no override", kind: IP, files: scriptEdit("public override async Task<HttpResponseMessage> ExecuteAsync()", "public async Task<HttpResponseMessage> RunAsync()"), fire: true, at: ScriptName + ":4:14", ptr: "-"},
	{rule: "ScriptExecuteAsyncMissing", name: "override", kind: IP, files: scriptEdit()},

	{rule: "ScriptNamespaceNotSupported", name: "System.Data, a type named only in a comment: warning", kind: IP, files: scriptEdit("using System.Net;", "using System.Data;\n// DataTable t;"), fire: true, at: ScriptName + ":1:1", ptr: "-", sev: Warning},
	{rule: "ScriptNamespaceNotSupported", name: "System.Globalization, used: error", kind: IP, files: scriptEdit("using System.Net;", "using System.Globalization; class G { CultureInfo c; }"), fire: true, at: ScriptName + ":1:1", ptr: "-", sev: Error},
	{rule: "ScriptNamespaceNotSupported", name: "System.Data, never used: warning", kind: IP, files: scriptEdit("using System.Net;", "using System.Data;"), fire: true, at: ScriptName + ":1:1", ptr: "-", sev: Warning},
	{rule: "ScriptNamespaceNotSupported", name: "local-test stub: notice", kind: C, files: scriptEdit("using System.Net;", "using Microsoft.PowerPlatform.Connectors.CustomCode.CSharp;"), fire: true, at: ScriptName + ":1:1", ptr: "-", sev: Notice},
	{rule: "ScriptNamespaceNotSupported", name: "global using", kind: CU, files: scriptEdit("using Newtonsoft.Json.Linq;", "global using System.Runtime.Remoting.Contexts;"), fire: true, at: ScriptName + ":2:8", ptr: "-", sev: Warning},
	{rule: "ScriptNamespaceNotSupported", name: "allowed, static, alias, statements", kind: IP, files: scriptEdit("using System.Net;", "using System.Net;\nusing static System.Math;\nusing J = Newtonsoft.Json.JsonConvert;",
		"return response;", "using (var r = response) { return r; }")},

	{rule: "ScriptFullyQualifiedTypeNotSupported", name: "System.Runtime.Serialization", kind: IP, files: scriptEdit("return response;", "var c = System.Runtime.Serialization.FormatterServices.GetUninitializedObject(typeof(Script)); return response;"), fire: true, at: ScriptName + ":11:21", ptr: "-"},
	{rule: "ScriptFullyQualifiedTypeNotSupported", name: "allowed namespaces and types", kind: IP, files: scriptEdit("return response;", "var b = System.Text.Encoding.UTF8.GetBytes(\"x\"); var m = System.Math.Max(1, 2); var j = Newtonsoft.Json.Linq.JObject.Parse(\"{}\"); return response;")},

	{rule: "ScriptHttpClientCreated", name: "new HttpClient()", kind: IP, files: scriptEdit(sendLine, "var client = new HttpClient(); "+sendLine), fire: true, at: ScriptName + ":10:26", ptr: "-"},
	{rule: "ScriptHttpClientCreated", name: "qualified with initializer", kind: CU, files: scriptEdit(sendLine, "var c = new System.Net.Http.HttpClient { Timeout = TimeSpan.FromSeconds(3) }; "+sendLine), fire: true, at: ScriptName + ":10:21", ptr: "-"},
	{rule: "ScriptHttpClientCreated", name: "in comment and string only", kind: IP, files: scriptEdit()},

	{rule: "ScriptOperationIdUnknown", name: "typo", kind: IP, files: scriptEdit(`== "ListTasks"`, `== "ListTask"`), fire: true, at: ScriptName + ":8:41", ptr: "-"},
	{rule: "ScriptOperationIdUnknown", name: "letter case with ==", kind: IP, files: scriptEdit(`== "ListTasks"`, `== "listTasks"`), fire: true, at: ScriptName + ":8:41", ptr: "-"},
	{rule: "ScriptOperationIdUnknown", name: "switch case", kind: IP, files: scriptEdit("return new HttpResponseMessage", "switch (Context.OperationId) { case \"GetTask\": break; case \"DeleteTask\": break; }\n        return new HttpResponseMessage"), fire: true, at: ScriptName + ":15:68", ptr: "-"},
	{rule: "ScriptOperationIdUnknown", name: "through a variable", kind: IP, files: scriptEdit("return new HttpResponseMessage", "var op = this.Context.OperationId;\n        if (\"Nope\" != op) { }\n        return new HttpResponseMessage"), fire: true, at: ScriptName + ":16:13", ptr: "-"},
	{rule: "ScriptOperationIdUnknown", name: "lower-cased comparison", kind: IP, files: scriptEdit(`OperationId == "ListTasks"`, `OperationId.ToLower() == "ListTasks"`), fire: true, at: ScriptName + ":8:51", ptr: "-"},
	{rule: "ScriptOperationIdUnknown", name: "known ids, case-insensitive Equals", kind: IP, files: scriptEdit("return new HttpResponseMessage",
		"if (string.Equals(this.Context.OperationId, \"createtask\", StringComparison.OrdinalIgnoreCase) || Context.OperationId.ToLower() == \"gettask\") { }\n        return new HttpResponseMessage")},

	{rule: "ScriptLongRunningCall", name: "Thread.Sleep(10000)", kind: IP, files: scriptEdit("return response;", "Thread.Sleep(10_000); return response;"), fire: true, at: ScriptName + ":11:13", ptr: "-"},
	{rule: "ScriptLongRunningCall", name: "Task.Delay(TimeSpan.FromSeconds(6))", kind: IP, files: scriptEdit("return response;", "await Task.Delay(TimeSpan.FromSeconds(6)); return response;"), fire: true, at: ScriptName + ":11:19", ptr: "-"},
	{rule: "ScriptLongRunningCall", name: ".Result", kind: IP, files: scriptEdit("return response;", "var s = response.Content.ReadAsStringAsync().Result; return response;"), fire: true, at: ScriptName + ":11:57", ptr: "-"},
	{rule: "ScriptLongRunningCall", name: "short delay, code in a string", kind: IP, files: scriptEdit("return response;", "await Task.Delay(100); return response;")},
}
