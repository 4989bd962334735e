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

// checkWebhooks: a webhook needs the callback URL property and the notification schema.
func (sp *schemaPass) checkWebhooks() {
	f := sp.f
	for _, o := range sp.s.ops {
		if !sp.isWebhook(o) {
			continue
		}
		if !sp.hasNotificationURL(o) {
			sp.reportOnce("WebhookOperationsMissingNotificationUrlProperty", name(f, o.member, o.ptr),
				`webhook %s has no property marked "x-ms-notification-url": true; mark the body property (or parameter) that takes the callback URL, and make it internal and required`, opName(o))
		}
		if nc, _ := notificationContent(o); nc == nil {
			sp.reportOnce("OperationMustHaveNotificationContentExtension", name(f, o.member, o.ptr),
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
		sp.reportOnce("NotificationUrlNotAllowedInThisPosition", where,
			"x-ms-notification-url has no effect in a response; it belongs on the callback URL property of a webhook's request body (or a parameter): remove it here")
		return
	}
	if v.op.trigger != "" && !sp.isWebhook(v.op) {
		// A polled trigger; an action's callback URL (a wait-for-callback action) is checked below.
		sp.reportOnce("NotificationUrlNotAllowedInThisPosition", where,
			"x-ms-notification-url has no effect here: trigger %s is polled (a GET, or x-ms-trigger-metadata.mode polling); remove it, or make the operation a webhook trigger", opName(v.op))
		return
	}
	if typ := str(v.node.Get("type")); typ != "" && typ != "string" {
		sp.reportOnce("NotificationUrlNotString", where, `the callback URL property must be "type": "string"`)
	}
	internal, required := isInternal(v.node), v.param.required
	if v.ctx == ctxBody {
		internal, required = sp.bodyChain(v)
	}
	if !internal {
		sp.reportOnce("NotificationUrlNotInternal", where,
			`the callback URL is filled in by the platform; add "x-ms-visibility": "internal" to it (or to a parent)`)
	}
	if !required {
		sp.reportOnce("NotificationUrlNotRequired", where,
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
