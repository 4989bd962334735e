package packaging

import (
	"encoding/xml"
	"strings"
)

// xmlWriter writes the solution XML the way Dataverse exports it: 2-space indent, CRLF, no
// declaration, empty elements as <X />.
type xmlWriter struct {
	b     strings.Builder
	depth int
}

// escText escapes element text as exports do: quotes stay as they are (scriptoperations holds
// inline JSON such as ["post_file"]).
func escText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#xD;").Replace(s)
}

// esc escapes an attribute value.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func (w *xmlWriter) line(s string) {
	w.b.WriteString(strings.Repeat("  ", w.depth))
	w.b.WriteString(s)
	w.b.WriteString("\r\n")
}

func attrs(kv []string) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		b.WriteString(" " + kv[i] + `="` + esc(kv[i+1]) + `"`)
	}
	return b.String()
}

func (w *xmlWriter) open(name string, kv ...string) {
	w.line("<" + name + attrs(kv) + ">")
	w.depth++
}

func (w *xmlWriter) close(name string) {
	w.depth--
	w.line("</" + name + ">")
}

func (w *xmlWriter) empty(name string, kv ...string) { w.line("<" + name + attrs(kv) + " />") }

func (w *xmlWriter) leaf(name, text string) {
	w.line("<" + name + ">" + escText(text) + "</" + name + ">")
}

// null writes <name xsi:nil="true"></name>, as exports do for unset publisher fields.
func (w *xmlWriter) null(name string) { w.line("<" + name + ` xsi:nil="true"></` + name + ">") }

func (w *xmlWriter) bytes() []byte { return []byte(w.b.String()) }
