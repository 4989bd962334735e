package validate

import (
	"testing"
)

func scriptEdit(pairs ...string) func(t *testing.T) map[string]string {
	return func(t *testing.T) map[string]string {
		return map[string]string{ScriptName: edit(t, goodScript, pairs...)}
	}
}

const sendLine = "var response = await this.Context.SendAsync("

var scriptCases = []ruleCase{
	{rule: "ScriptClassMissing", name: "lower-case script", kind: IP, files: scriptEdit("class Script :", "class script :"), fire: true, at: ScriptName + ":4:14", ptr: "-", sev: Warning},
	{rule: "ScriptClassMissing", name: "empty file", kind: CU, files: files(ScriptName, "// nothing yet\n"), fire: true, at: ScriptName, ptr: "-", sev: Error},
	{rule: "ScriptClassMissing", name: "class in a comment doesn't count", kind: IP, files: scriptEdit("using System.Net;", "// class Foo : ScriptBase\nusing System.Net;")},

	{rule: "ScriptExecuteAsyncMissing", name: "no override", kind: IP, files: scriptEdit("public override async Task<HttpResponseMessage> ExecuteAsync()", "public async Task<HttpResponseMessage> RunAsync()"), fire: true, at: ScriptName + ":4:14", ptr: "-"},

	{rule: "ScriptNamespaceNotSupported", name: "System.Globalization, used: error", kind: IP, files: scriptEdit("using System.Net;", "using System.Globalization; class G { CultureInfo c; }"), fire: true, at: ScriptName + ":1:1", ptr: "-", sev: Error},
	{rule: "ScriptNamespaceNotSupported", name: "System.Data, never used: warning", kind: IP, files: scriptEdit("using System.Net;", "using System.Data;"), fire: true, at: ScriptName + ":1:1", ptr: "-", sev: Warning},
	{rule: "ScriptNamespaceNotSupported", name: "local-test stub: notice", kind: C, files: scriptEdit("using System.Net;", "using Microsoft.PowerPlatform.Connectors.CustomCode.CSharp;"), fire: true, at: ScriptName + ":1:1", ptr: "-", sev: Notice},
	{rule: "ScriptNamespaceNotSupported", name: "global using", kind: CU, files: scriptEdit("using Newtonsoft.Json.Linq;", "global using System.Runtime.Remoting.Contexts;"), fire: true, at: ScriptName + ":2:8", ptr: "-", sev: Warning},

	{rule: "ScriptHttpClientCreated", name: "qualified with initializer", kind: CU, files: scriptEdit(sendLine, "var c = new System.Net.Http.HttpClient { Timeout = TimeSpan.FromSeconds(3) }; "+sendLine), fire: true, at: ScriptName + ":10:21", ptr: "-"},

	{rule: "ScriptOperationIdUnknown", name: "letter case with ==", kind: IP, files: scriptEdit(`== "ListTasks"`, `== "listTasks"`), fire: true, at: ScriptName + ":8:41", ptr: "-"},
	{rule: "ScriptOperationIdUnknown", name: "switch case", kind: IP, files: scriptEdit("return new HttpResponseMessage", "switch (Context.OperationId) { case \"GetTask\": break; case \"DeleteTask\": break; }\n        return new HttpResponseMessage"), fire: true, at: ScriptName + ":15:68", ptr: "-"},
	{rule: "ScriptOperationIdUnknown", name: "through a variable", kind: IP, files: scriptEdit("return new HttpResponseMessage", "var op = this.Context.OperationId;\n        if (\"Nope\" != op) { }\n        return new HttpResponseMessage"), fire: true, at: ScriptName + ":16:13", ptr: "-"},
	{rule: "ScriptOperationIdUnknown", name: "lower-cased comparison", kind: IP, files: scriptEdit(`OperationId == "ListTasks"`, `OperationId.ToLower() == "ListTasks"`), fire: true, at: ScriptName + ":8:51", ptr: "-"},

	{rule: "ScriptLongRunningCall", name: "Task.Delay(TimeSpan.FromSeconds(6))", kind: IP, files: scriptEdit("return response;", "await Task.Delay(TimeSpan.FromSeconds(6)); return response;"), fire: true, at: ScriptName + ":11:19", ptr: "-"},
	{rule: "ScriptLongRunningCall", name: ".Result", kind: IP, files: scriptEdit("return response;", "var s = response.Content.ReadAsStringAsync().Result; return response;"), fire: true, at: ScriptName + ":11:57", ptr: "-"},
}
