package validate

// scriptRules: §12 script.csx.
var scriptRules = []Rule{
	{ID: "ScriptClassMissing", Severity: Error, Kinds: AllKinds, Section: "12",
		Summary: "No class derives from ScriptBase (error), or the deriving class isn't named exactly Script (warning)."},
	{ID: "ScriptExecuteAsyncMissing", Severity: Error, Kinds: AllKinds, Section: "12",
		Summary: "The script doesn't override ExecuteAsync() returning Task<HttpResponseMessage>."},
	{ID: "ScriptNamespaceNotSupported", Severity: Error, Kinds: AllKinds, Section: "12",
		Summary: "A using directive outside Microsoft's namespace allow-list whose types the script uses (error); one it doesn't seem to use (warning); the CustomCode local-test stub (notice)."},
	{ID: "ScriptFullyQualifiedTypeNotSupported", Severity: Warning, Kinds: AllKinds, Section: "12",
		Summary: "A fully-qualified reference into a namespace outside the allow-list (System.Runtime.Serialization.X)."},
	{ID: "ScriptHttpClientCreated", Severity: Warning, Kinds: AllKinds, Section: "12",
		Summary: "new HttpClient(...) in the script; requests should go through this.Context.SendAsync."},
	{ID: "ScriptOperationIdUnknown", Severity: Warning, Kinds: AllKinds, Section: "12",
		Summary: "A string literal compared with Context.OperationId that is no operationId of the swagger."},
	{ID: "ScriptLongRunningCall", Severity: Notice, Kinds: AllKinds, Section: "12",
		Summary: "Thread.Sleep or Task.Delay of a constant >= 5000 ms, or a blocking .Result, .Wait() or .GetResult()."},
}

// scriptChecks run the script rules.
var scriptChecks = []check{checkScript}
