package packaging

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// node is an XML element: local names only (the solution files use no namespaced elements that
// matter here), attributes by local name, trimmed text.
type node struct {
	Name     string
	Space    string // the namespace URI ("" for none), as XPath without a namespace manager sees it
	Attr     map[string]string
	Children []*node
	Text     string
	buf      []byte // text while parsing
	// For the validator's test (XmlNode.HasChildNodes or Attributes.Count > 0):
	attrs int // attributes, namespace declarations included (.NET counts them)
	other int // child nodes that aren't elements: comments, processing instructions, text that
	// isn't whitespace (or is, under xml:space="preserve"); [xml] drops other whitespace
}

// nonEmpty is the validator's test for a node: it has child elements or attributes
// (PowerShell's [xml] drops whitespace-only text).
func (n *node) nonEmpty() bool {
	return n != nil && (len(n.Children) > 0 || len(n.Attr) > 0 || n.Text != "")
}

// psNonEmpty is ConnectorPackageValidator.ps1's test for a node found by //Name:
// $node.HasChildNodes -or $node.Attributes.Count -gt 0.
func (n *node) psNonEmpty() bool {
	return n != nil && (len(n.Children) > 0 || n.other > 0 || n.attrs > 0)
}

// psFirst is what the validator's $xml.SelectSingleNode("//name") returns: the first element
// in document order with that local name and no namespace (XPath without a namespace manager
// matches only elements in no namespace, so a default xmlns on the root hides them all).
func (n *node) psFirst(name string) *node {
	for _, x := range n.all(name) {
		if x.Space == "" {
			return x
		}
	}
	return nil
}

// child is the first direct child element named name (case-sensitive, like XPath).
func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// text of the named direct child, or "".
func (n *node) childText(name string) string {
	if c := n.child(name); c != nil {
		return c.Text
	}
	return ""
}

// all returns every descendant element (and n itself) named name, in document order.
func (n *node) all(name string) []*node {
	var out []*node
	var walk func(*node)
	walk = func(x *node) {
		if x.Name == name {
			out = append(out, x)
		}
		for _, c := range x.Children {
			walk(c)
		}
	}
	if n != nil {
		walk(n)
	}
	return out
}

// first is the first descendant named name, or nil.
func (n *node) first(name string) *node {
	if all := n.all(name); len(all) > 0 {
		return all[0]
	}
	return nil
}

// parseXML reads an XML document into a tree, bounded in depth and size.
func parseXML(data []byte) (*node, error) {
	data = stripBOM(data)
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.CharsetReader = func(charset string, r io.Reader) (io.Reader, error) {
		switch strings.ToLower(charset) {
		case "utf-8", "utf8", "us-ascii", "ascii":
			return r, nil
		}
		return nil, fmt.Errorf("encoding %q isn't supported; save it as UTF-8", charset)
	}
	var root *node
	var stack []*node
	var preserve []bool // xml:space="preserve" in scope, per open element
	count := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			count++
			if count > maxXMLNodes || len(stack) >= maxXMLDepth {
				return nil, errors.New("too many or too deeply nested elements")
			}
			n := &node{Name: t.Name.Local, Space: t.Name.Space, attrs: len(t.Attr)}
			keep := len(preserve) > 0 && preserve[len(preserve)-1]
			for _, a := range t.Attr {
				if a.Name.Local == "space" && (a.Name.Space == "xml" || a.Name.Space == "http://www.w3.org/XML/1998/namespace") {
					keep = a.Value == "preserve"
				}
			}
			preserve = append(preserve, keep)
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
					continue // namespace declarations aren't content
				}
				if n.Attr == nil {
					n.Attr = map[string]string{}
				}
				n.Attr[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Children = append(p.Children, n)
			} else if root == nil {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 0 {
				n := stack[len(stack)-1]
				n.Text = strings.TrimSpace(string(n.buf))
				n.buf = nil
				stack = stack[:len(stack)-1]
				preserve = preserve[:len(preserve)-1]
			}
		case xml.CharData:
			if len(stack) > 0 {
				n := stack[len(stack)-1]
				n.buf = append(n.buf, t...)
				if len(bytes.TrimSpace(t)) > 0 || preserve[len(preserve)-1] {
					n.other++
				}
			}
		case xml.Comment, xml.ProcInst:
			if len(stack) > 0 {
				stack[len(stack)-1].other++
			}
		}
	}
	if root == nil {
		return nil, errors.New("no root element")
	}
	return root, nil
}

// rawElement returns the bytes of the first element named name whose parent is named parent,
// exactly as written (for copying an exported block verbatim); nil when there is none or the
// document isn't well-formed up to its end.
func rawElement(data []byte, parent, name string) []byte {
	d := xml.NewDecoder(bytes.NewReader(stripBOM(data)))
	d.Strict = true
	d.CharsetReader = func(string, io.Reader) (io.Reader, error) { return nil, errors.New("not UTF-8") }
	var stack []string
	start := int64(-1)
	var depth int
	for {
		off := d.InputOffset()
		tok, err := d.Token()
		if err != nil {
			return nil
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= maxXMLDepth {
				return nil
			}
			if start < 0 && t.Name.Local == name && len(stack) > 0 && stack[len(stack)-1] == parent {
				start, depth = off, len(stack)
			}
			stack = append(stack, t.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			if start >= 0 && len(stack) == depth {
				return stripBOM(data)[start:d.InputOffset()]
			}
		}
	}
}
