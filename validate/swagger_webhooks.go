package validate

import (
	"strings"

	"github.com/connector-check/connector-check/internal/jsonpos"
)

// isWebhook: a trigger that registers a callback. It is a non-GET x-ms-trigger operation that
// declares the webhook contract (an x-ms-notification-url input or x-ms-notification-content)
// and isn't marked polling by x-ms-trigger-metadata.mode; any other trigger is polled, which a
// POST trigger (a search the platform calls on a schedule) often is.
func (sp *schemaPass) isWebhook(o *op) bool {
	if o.trigger == "" || o.method == "get" || pollingMode(o) {
		return false
	}
	nc, _ := notificationContent(o)
	return nc != nil || sp.hasNotificationURL(o)
}

// pollingMode reports x-ms-trigger-metadata.mode "polling" (compared ignoring case).
func pollingMode(o *op) bool {
	return strings.EqualFold(str(o.node.Get("x-ms-trigger-metadata").Get("mode")), "polling")
}

func isTrue(n *jsonpos.Node) bool { return n.Is(jsonpos.Bool) && n.Text == "true" }

var webhookOperationsMissingNotificationUrlProperty = newRule(Rule{
	ID: "WebhookOperationsMissingNotificationUrlProperty", Severity: Error, Kinds: AllKinds, Section: "7",
	Summary: "A webhook (a non-GET x-ms-trigger operation with x-ms-notification-content, not mode polling) has no x-ms-notification-url property.",
	Basis:   BasisBroken, BasisReason: "the platform has nowhere to put the callback URL",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:29:112", Pointer: "/paths/~1hooks/post", Edits: []Edit{
			{File: SwaggerName, Old: "      }\n    },\n", New: "      }\n    },\n    \"/hooks\": {\"x-ms-notification-content\": {\"description\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, \"post\": {\"operationId\": \"OnTask\", \"summary\": \"When a task is created\", \"description\": \"Triggers when a task is created.\", \"x-ms-trigger\": \"single\", \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Subscription\", \"schema\": {\"type\": \"object\", \"required\": [\"url\"], \"properties\": {\"url\": {\"type\": \"string\", \"x-ms-visibility\": \"internal\"}}}}], \"responses\": {\"201\": {\"description\": \"Created\"}}}},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "      }\n    },\n", New: "      }\n    },\n    \"/hooks\": {\"x-ms-notification-content\": {\"description\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, \"post\": {\"operationId\": \"OnTask\", \"summary\": \"When a task is created\", \"description\": \"Triggers when a task is created.\", \"x-ms-trigger\": \"single\", \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Subscription\", \"schema\": {\"type\": \"object\", \"required\": [\"url\"], \"properties\": {\"url\": {\"type\": \"string\", \"x-ms-notification-url\": true, \"x-ms-visibility\": \"internal\"}}}}], \"responses\": {\"201\": {\"description\": \"Created\"}}}},\n"},
		}},
	},
})

var operationMustHaveNotificationContentExtension = newRule(Rule{
	ID: "OperationMustHaveNotificationContentExtension", Severity: Error, Kinds: AllKinds, Section: "7",
	Summary: "A webhook (a non-GET x-ms-trigger operation with an x-ms-notification-url input, not mode polling) has no x-ms-notification-content (on the operation or its path item).",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:29:16", Pointer: "/paths/~1hooks/post", Edits: []Edit{
			{File: SwaggerName, Old: "      }\n    },\n", New: "      }\n    },\n    \"/hooks\": {\"post\": {\"operationId\": \"OnTask\", \"summary\": \"When a task is created\", \"description\": \"Triggers when a task is created.\", \"x-ms-trigger\": \"single\", \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Subscription\", \"schema\": {\"type\": \"object\", \"required\": [\"url\"], \"properties\": {\"url\": {\"type\": \"string\", \"x-ms-notification-url\": true, \"x-ms-visibility\": \"internal\"}}}}], \"responses\": {\"201\": {\"description\": \"Created\"}}}},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "        \"summary\": \"Create a task\",\n", New: "        \"summary\": \"Create a task\", \"x-ms-trigger\": \"batch\",\n"},
		}},
	},
})

// checkWebhooks: a webhook needs the callback URL property and the notification schema.
func (sp *schemaPass) checkWebhooks() {
	f := sp.f
	for _, o := range sp.s.ops {
		if !sp.isWebhook(o) {
			continue
		}
		if !sp.hasNotificationURL(o) {
			sp.reportOnce(webhookOperationsMissingNotificationUrlProperty, name(f, o.member, o.ptr),
				`webhook %s has no property marked "x-ms-notification-url": true; mark the body property (or parameter) that takes the callback URL, and make it internal and required`, opName(o))
		}
		if nc, _ := notificationContent(o); nc == nil {
			sp.reportOnce(operationMustHaveNotificationContentExtension, name(f, o.member, o.ptr),
				`webhook %s has no x-ms-notification-content; add it to the path item with the schema of the payload the service posts`, opName(o))
		}
	}
}

func opName(o *op) string {
	if o.id != "" {
		return o.id
	}
	return strings.ToUpper(o.method) + " " + o.path
}

func (sp *schemaPass) hasNotificationURL(o *op) bool {
	for _, p := range o.params {
		if isTrue(p.node.Get("x-ms-notification-url")) {
			return true
		}
		if p.in != "body" {
			continue
		}
		found := false
		sp.s.walkSchema(p.node.Get("schema"), p.ptr+"/schema", func(sn schemaNode) bool {
			if isTrue(sn.node.Get("x-ms-notification-url")) {
				found = true
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

var notificationUrlNotAllowedInThisPosition = newRule(Rule{
	ID: "NotificationUrlNotAllowedInThisPosition", Severity: Warning, Kinds: AllKinds, Section: "7",
	Summary: "x-ms-notification-url in a response or a polled trigger's request, where it has no effect.",
	Basis:   BasisIgnored, BasisReason: "a callback-URL marker outside a webhook's request is inert",
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:29:397", Pointer: "/paths/~1hooks/post/parameters/0/schema/properties/url/x-ms-notification-url", Severity: Warning, Edits: []Edit{
			{File: SwaggerName, Old: "      }\n    },\n", New: "      }\n    },\n    \"/hooks\": {\"post\": {\"operationId\": \"OnTask\", \"summary\": \"When a task is created\", \"description\": \"Triggers when a task is created.\", \"x-ms-trigger\": \"single\", \"x-ms-trigger-metadata\": {\"mode\": \"Polling\"}, \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Subscription\", \"schema\": {\"type\": \"object\", \"required\": [\"url\"], \"properties\": {\"url\": {\"type\": \"string\", \"x-ms-notification-url\": true, \"x-ms-visibility\": \"internal\"}}}}], \"responses\": {\"201\": {\"description\": \"Created\"}}}},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "      }\n    },\n", New: "      }\n    },\n    \"/hooks\": {\"x-ms-notification-content\": {\"description\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, \"post\": {\"operationId\": \"OnTask\", \"summary\": \"When a task is created\", \"description\": \"Triggers when a task is created.\", \"x-ms-trigger\": \"single\", \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Subscription\", \"schema\": {\"type\": \"object\", \"required\": [\"url\"], \"properties\": {\"url\": {\"type\": \"string\", \"x-ms-notification-url\": true, \"x-ms-visibility\": \"internal\"}}}}], \"responses\": {\"201\": {\"description\": \"Created\"}}}},\n"},
		}},
	},
})

var notificationUrlNotInternal = newRule(Rule{
	ID: "NotificationUrlNotInternal", Severity: Error, Kinds: AllKinds, Section: "7",
	Summary: "Neither the x-ms-notification-url property nor a parent is internal.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:29:447", Pointer: "/paths/~1hooks/post/parameters/0/schema/properties/url/x-ms-notification-url", Edits: []Edit{
			{File: SwaggerName, Old: "      }\n    },\n", New: "      }\n    },\n    \"/hooks\": {\"x-ms-notification-content\": {\"description\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, \"post\": {\"operationId\": \"OnTask\", \"summary\": \"When a task is created\", \"description\": \"Triggers when a task is created.\", \"x-ms-trigger\": \"single\", \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Subscription\", \"schema\": {\"type\": \"object\", \"required\": [\"url\"], \"properties\": {\"url\": {\"type\": \"string\", \"x-ms-notification-url\": true}}}}], \"responses\": {\"201\": {\"description\": \"Created\"}}}},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "      }\n    },\n", New: "      }\n    },\n    \"/hooks\": {\"x-ms-notification-content\": {\"description\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, \"post\": {\"operationId\": \"OnTask\", \"summary\": \"When a task is created\", \"description\": \"Triggers when a task is created.\", \"x-ms-trigger\": \"single\", \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Subscription\", \"schema\": {\"type\": \"object\", \"required\": [\"url\"], \"properties\": {\"url\": {\"type\": \"string\", \"x-ms-notification-url\": true, \"x-ms-visibility\": \"internal\"}}}}], \"responses\": {\"201\": {\"description\": \"Created\"}}}},\n"},
		}},
	},
})

var notificationUrlNotRequired = newRule(Rule{
	ID: "NotificationUrlNotRequired", Severity: Error, Kinds: AllKinds, Section: "7",
	Summary: "The x-ms-notification-url property isn't required along the whole chain.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:29:426", Pointer: "/paths/~1hooks/post/parameters/0/schema/properties/url/x-ms-notification-url", Edits: []Edit{
			{File: SwaggerName, Old: "      }\n    },\n", New: "      }\n    },\n    \"/hooks\": {\"x-ms-notification-content\": {\"description\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, \"post\": {\"operationId\": \"OnTask\", \"summary\": \"When a task is created\", \"description\": \"Triggers when a task is created.\", \"x-ms-trigger\": \"single\", \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Subscription\", \"schema\": {\"type\": \"object\", \"properties\": {\"url\": {\"type\": \"string\", \"x-ms-notification-url\": true, \"x-ms-visibility\": \"internal\"}}}}], \"responses\": {\"201\": {\"description\": \"Created\"}}}},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "      }\n    },\n", New: "      }\n    },\n    \"/hooks\": {\"x-ms-notification-content\": {\"description\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, \"post\": {\"operationId\": \"OnTask\", \"summary\": \"When a task is created\", \"description\": \"Triggers when a task is created.\", \"x-ms-trigger\": \"single\", \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Subscription\", \"schema\": {\"type\": \"object\", \"required\": [\"url\"], \"properties\": {\"url\": {\"type\": \"string\", \"x-ms-notification-url\": true, \"x-ms-visibility\": \"internal\"}}}}], \"responses\": {\"201\": {\"description\": \"Created\"}}}},\n"},
		}},
	},
})

var notificationUrlNotString = newRule(Rule{
	ID: "NotificationUrlNotString", Severity: Error, Kinds: AllKinds, Section: "7",
	Summary: "The x-ms-notification-url property isn't a string.",
	Basis:   BasisRejected, BasisReason: srcSV,
	Example: Example{
		BadCase: &Case{Kind: Custom, At: "apiDefinition.swagger.json:29:448", Pointer: "/paths/~1hooks/post/parameters/0/schema/properties/url/x-ms-notification-url", Edits: []Edit{
			{File: SwaggerName, Old: "      }\n    },\n", New: "      }\n    },\n    \"/hooks\": {\"x-ms-notification-content\": {\"description\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, \"post\": {\"operationId\": \"OnTask\", \"summary\": \"When a task is created\", \"description\": \"Triggers when a task is created.\", \"x-ms-trigger\": \"single\", \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Subscription\", \"schema\": {\"type\": \"object\", \"required\": [\"url\"], \"properties\": {\"url\": {\"type\": \"integer\", \"x-ms-notification-url\": true, \"x-ms-visibility\": \"internal\"}}}}], \"responses\": {\"201\": {\"description\": \"Created\"}}}},\n"},
		}},
		GoodCase: &Case{Kind: Custom, Edits: []Edit{
			{File: SwaggerName, Old: "      }\n    },\n", New: "      }\n    },\n    \"/hooks\": {\"x-ms-notification-content\": {\"description\": \"Task\", \"schema\": {\"$ref\": \"#/definitions/Task\"}}, \"post\": {\"operationId\": \"OnTask\", \"summary\": \"When a task is created\", \"description\": \"Triggers when a task is created.\", \"x-ms-trigger\": \"single\", \"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"required\": true, \"x-ms-summary\": \"Subscription\", \"schema\": {\"type\": \"object\", \"required\": [\"url\"], \"properties\": {\"url\": {\"type\": \"string\", \"x-ms-notification-url\": true, \"x-ms-visibility\": \"internal\"}}}}], \"responses\": {\"201\": {\"description\": \"Created\"}}}},\n"},
		}},
	},
})

// checkNotificationURL checks one x-ms-notification-url: in a webhook's input, on a string
// that is internal (itself or a parent) and required along the whole chain.
func (sp *schemaPass) checkNotificationURL(v schemaVisit) {
	m := v.node.Member("x-ms-notification-url")
	if m == nil || !isTrue(m.Value) || v.ctx == ctxDefinition {
		return
	}
	f := sp.f
	where := name(f, m, v.ptr()+"/x-ms-notification-url")
	if !v.ctx.input() || v.op == nil {
		sp.reportOnce(notificationUrlNotAllowedInThisPosition, where,
			"x-ms-notification-url has no effect in a response; it belongs on the callback URL property of a webhook's request body (or a parameter): remove it here")
		return
	}
	if v.op.trigger != "" && !sp.isWebhook(v.op) {
		// A polled trigger; an action's callback URL (a wait-for-callback action) is checked below.
		sp.reportOnce(notificationUrlNotAllowedInThisPosition, where,
			"x-ms-notification-url has no effect here: trigger %s is polled (a GET, or x-ms-trigger-metadata.mode polling); remove it, or make the operation a webhook trigger", opName(v.op))
		return
	}
	if typ := str(v.node.Get("type")); typ != "" && typ != "string" {
		sp.reportOnce(notificationUrlNotString, where, `the callback URL property must be "type": "string"`)
	}
	internal, required := isInternal(v.node), v.param.required
	if v.ctx == ctxBody {
		internal, required = sp.bodyChain(v)
	}
	if !internal {
		sp.reportOnce(notificationUrlNotInternal, where,
			`the callback URL is filled in by the platform; add "x-ms-visibility": "internal" to it (or to a parent)`)
	}
	if !required {
		sp.reportOnce(notificationUrlNotRequired, where,
			"the callback URL must be required along the whole chain from the body down; list it (and each parent) in \"required\"")
	}
}

// bodyChain follows the visited property's path from the body parameter: whether it or one of
// its parents is internal, and whether every step is required.
func (sp *schemaPass) bodyChain(v schemaVisit) (internal, required bool) {
	p := v.param
	internal = isInternal(p.node)
	required = true // the platform sends the body when it fills the callback URL: the parameter's own flag doesn't matter
	cur, _, _ := sp.s.resolve(p.node.Get("schema"), "")
	internal = internal || isInternal(cur)
	if v.path() == "" {
		return internal, required
	}
	for _, seg := range strings.Split(v.path(), ".") {
		if strings.HasSuffix(seg, "[]") {
			return true, true // inside an array: the chain can't be judged
		}
		props, _ := sp.schemaProperties(cur, "")
		next := props[seg]
		if next == nil {
			return true, true
		}
		if !sp.listsRequired(cur, seg) {
			required = false
		}
		cur, _, _ = sp.s.resolve(next, "")
		internal = internal || isInternal(next) || isInternal(cur)
	}
	return internal, required
}

// listsRequired: the schema (or one of its allOf parts) lists name in "required".
func (sp *schemaPass) listsRequired(n *jsonpos.Node, name string) bool {
	check := func(n *jsonpos.Node) bool {
		if r := n.Get("required"); r.Is(jsonpos.Array) {
			for _, it := range r.Items {
				if s, _ := it.Str(); s == name {
					return true
				}
			}
		}
		return false
	}
	if check(n) {
		return true
	}
	if all := n.Get("allOf"); all.Is(jsonpos.Array) {
		for _, it := range all.Items {
			r, _, _ := sp.s.resolve(it, "")
			if check(r) {
				return true
			}
		}
	}
	return false
}
