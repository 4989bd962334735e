package validate

import (
	"bytes"
	"cmp"
	"math"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unsafe"

	"github.com/connector-check/connector-check/internal/jsonpos"
	"github.com/connector-check/connector-check/internal/textpos"
)

// secretFormat is a credential format recognisable on its own.
type secretFormat struct {
	name string
	re   *regexp.Regexp
	// token is the submatch holding the secret part (0 = the whole match); it must not look like
	// a placeholder (xxxx, <token>, YOUR_KEY, a run of one character).
	token int
	// starts are literals one of which every match begins with: a file without any is not
	// searched, and one with them from the first on (the regular expressions were three
	// quarters of a run over the repository).
	starts []string
	// alphabet holds every byte a match can contain (a superset will do; see matches).
	alphabet *[256]bool
}

// bytesOf is the set of the bytes of the given ranges ("az" is a to z) and single bytes.
func bytesOf(ranges []string, singles string) *[256]bool {
	var t [256]bool
	for _, r := range ranges {
		for c := r[0]; c <= r[1]; c++ {
			t[c] = true
		}
	}
	for i := range len(singles) {
		t[singles[i]] = true
	}
	return &t
}

var (
	alnum      = []string{"az", "AZ", "09"}
	upperDigit = bytesOf([]string{"AZ", "09"}, "")
	tokenBytes = bytesOf(alnum, "_-")
)

// matches is sf.re.FindAllStringSubmatchIndex(text, -1), given first, the offset of the first of
// sf.starts in text (-1: none, so no match; firstStarts finds it). A match is made only of the
// bytes of sf.alphabet and begins with one of sf.starts, so the expression runs only over the
// runs of alphabet bytes that begin at a start literal, each with the byte before and the byte
// after it for \b: a swagger that says "Bearer" in its first lines was otherwise searched to its
// end, byte by byte (\b leaves the expression no literal prefix to skip ahead to). The runs are
// disjoint and each literal is searched for from increasing offsets, so the work stays linear.
func (sf *secretFormat) matches(text string, first int) [][]int {
	if first < 0 {
		return nil
	}
	next := make([]int, len(sf.starts)) // the next occurrence of each literal at or after pos
	for k := range next {
		next[k] = -2 // not searched yet
	}
	var ms [][]int
	for pos := 0; pos < len(text); {
		p := -1
		for k, lit := range sf.starts {
			if next[k] == -2 || (next[k] >= 0 && next[k] < pos) {
				next[k] = -1
				if i := strings.Index(text[pos:], lit); i >= 0 {
					next[k] = pos + i
				}
			}
			if next[k] >= 0 && (p < 0 || next[k] < p) {
				p = next[k]
			}
		}
		if p < 0 {
			break
		}
		e := p
		for e < len(text) && sf.alphabet[text[e]] {
			e++
		}
		lo, hi := max(p-1, 0), min(e+1, len(text))
		for _, m := range sf.re.FindAllStringSubmatchIndex(text[lo:hi], -1) {
			for k := range m {
				if m[k] >= 0 {
					m[k] += lo
				}
			}
			ms = append(ms, m)
		}
		pos = max(e, p+1)
	}
	return ms
}

// firstStarts is, for each of secretFormats, the offset of the first of its start literals in
// text, or -1. One pass over the text looks up each byte in one small table (startBytes) and
// tests each three bytes in a row against the first three of every literal at once; the search
// for each literal on its own took 22 passes over every file of every connector. Eight offsets
// are tested at a time with one branch: where none can begin a literal (most of a file) the loop
// costs a table load and a few logic operations per byte.
func firstStarts(text string) [maxSecretFormats]int {
	var first [maxSecretFormats]int
	for k := range first {
		first[k] = -1
	}
	pending := uint32(1)<<len(secretFormats) - 1
	t := &startBytes
	at := func(a0, a1, a2 uint32) uint32 { return a0 & (a1 >> 8) & (a2 >> 16) }
	for i := 0; i+2 < len(text); {
		if i+10 <= len(text) {
			w := text[i : i+10]
			a0, a1, a2, a3, a4 := t[w[0]], t[w[1]], t[w[2]], t[w[3]], t[w[4]]
			a5, a6, a7, a8, a9 := t[w[5]], t[w[6]], t[w[7]], t[w[8]], t[w[9]]
			any := at(a0, a1, a2) | at(a1, a2, a3) | at(a2, a3, a4) | at(a3, a4, a5) |
				at(a4, a5, a6) | at(a5, a6, a7) | at(a6, a7, a8) | at(a7, a8, a9)
			if any&pending == 0 {
				i += 8
				continue
			}
		}
		if m := at(t[text[i]], t[text[i+1]], t[text[i+2]]) & pending; m != 0 {
			for k := range secretFormats {
				if m&(1<<k) == 0 {
					continue
				}
				for _, lit := range secretFormats[k].starts {
					if strings.HasPrefix(text[i:], lit) {
						first[k] = i
						pending &^= 1 << k
						break
					}
				}
			}
			if pending == 0 {
				break
			}
		}
		i++
	}
	return first
}

// maxSecretFormats bounds secretFormats: startBytes holds one bit per format and offset.
const maxSecretFormats = 8

// startBytes[c] has bit 8*j+k set when a start literal of secretFormats[k] has byte c at offset j,
// for j < 3 (every literal is at least three bytes long).
var startBytes = func() (t [256]uint32) {
	if len(secretFormats) > maxSecretFormats {
		panic("validate: more secret formats than startBytes has bits")
	}
	for k, sf := range secretFormats {
		for _, lit := range sf.starts {
			for j := range 3 {
				t[lit[j]] |= 1 << (8*j + k)
			}
		}
	}
	return t
}()

var secretFormats = []secretFormat{
	{name: "private key", starts: []string{"-----BEGIN "}, alphabet: bytesOf([]string{"AZ"}, "- "),
		re: regexp.MustCompile(`-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----`)},
	{name: "AWS access key ID", starts: []string{"AKIA", "ASIA"}, alphabet: upperDigit,
		re: regexp.MustCompile(`\b((?:AKIA|ASIA)[0-9A-Z]{16})\b`), token: 1},
	{name: "GitHub token", starts: []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"}, alphabet: tokenBytes,
		re: regexp.MustCompile(`\b(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{40,255})\b`), token: 1},
	{name: "Slack token", starts: []string{"xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxr-"}, alphabet: tokenBytes,
		re: regexp.MustCompile(`\b(xox[abposr]-[0-9A-Za-z]{8,}-[0-9A-Za-z-]{8,})`), token: 1},
	{name: "OpenAI-style secret key", starts: []string{"sk-"}, alphabet: tokenBytes,
		re: regexp.MustCompile(`\b(sk-(?:proj-|live_|test_)?[A-Za-z0-9_-]{20,})`), token: 1},
	{name: "JSON Web Token", starts: []string{"eyJ"}, alphabet: bytesOf(alnum, "_-."),
		re: regexp.MustCompile(`\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})`), token: 1},
	{name: "bearer token", starts: []string{"Bearer"}, alphabet: bytesOf(alnum, "-._~+/=\t\n\f\r "), // \s is [\t\n\f\r ]
		re: regexp.MustCompile(`\bBearer\s+([A-Za-z0-9\-._~+/]{24,}=*)`), token: 1},
}

// placeholder reports whether a token is an obvious stand-in rather than a credential.
func placeholder(tok string) bool {
	l := strings.ToLower(tok)
	for _, p := range []string{"xxxx", "your", "example", "sample", "token", "secret", "placeholder", "dummy", "fake", "1234", "abcd", "<", "{", "..."} {
		if strings.Contains(l, p) {
			return true
		}
	}
	hasDigit, hasLetter := false, false
	for _, r := range tok {
		switch {
		case r >= '0' && r <= '9':
			hasDigit = true
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			hasLetter = true
		}
	}
	return !hasDigit || !hasLetter
}

// isSecretKey: the swagger/apiProperties members whose string values are checked for
// high-entropy literals (a switch: the scan asks for every member of every file).
func isSecretKey(name string) bool {
	switch name {
	case "default", "example", "x-example", "x-ms-test-value", "examples":
		return true
	}
	return false
}

var (
	tokenLike  = regexp.MustCompile(`^[A-Za-z0-9+/=_\-]{32,}$`)
	hexOnly    = regexp.MustCompile(`^[0-9a-fA-F]+$`)
	guidLike   = regexp.MustCompile(`^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$`)
	csxLiteral = regexp.MustCompile(`"((?:[^"\\\n]|\\.){32,})"`)
)

// highEntropy reports whether s looks like a random credential: 32+ token characters, letters
// and digits, and close to random (Shannon entropy per character).
func highEntropy(s string) bool {
	if len(s) > 200 || !tokenLike.MatchString(s) || guidLike.MatchString(s) || placeholder(s) {
		return false // longer ones are data (base64 files), not keys
	}
	for _, magic := range []string{"iVBOR", "/9j/", "R0lGOD", "JVBER", "UEsDB"} { // PNG, JPEG, GIF, PDF, ZIP in base64
		if strings.HasPrefix(s, magic) {
			return false
		}
	}
	if hexOnly.MatchString(s) {
		return len(s) != 64 && entropy(s) >= 3.5 // 64 hex digits are usually a SHA-256 digest
	}
	return entropy(s) >= 4.3
}

func entropy(s string) float64 {
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	h := 0.0
	n := float64(len(s))
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

// binaryExt are files not scanned.
var binaryExt = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".ico": true, ".zip": true, ".pdf": true}

// CheckSecrets scans one changed file for committed credentials (SecretLiteralDetected): known
// token formats anywhere (error), and high-entropy literals of 32+ characters in default,
// example, x-example and x-ms-test-value values, apiProperties policy values and script.csx
// string literals (warning). file is the file's report path; connector its connector folder.
func CheckSecrets(connector string, kind Kind, file string, data []byte) []Finding {
	ext := strings.ToLower(path.Ext(file))
	if binaryExt[ext] || bytes.IndexByte(data, 0) >= 0 {
		return nil
	}
	p := &reporter{subject: subject{connector: connector, kind: orKind(kind)}, limited: true}
	var doc *jsonpos.Document
	var lines *textpos.Index
	if ext == ".json" {
		doc = jsonpos.Parse(data)
		lines = doc.Lines
	} else {
		lines = textpos.New(data)
	}
	scanSecrets(p, file, data, doc, lines)
	return p.limitedFindings()
}

// checkSecretLiterals scans a connector's own files for committed credentials, as CheckSecrets
// does for a pull request's files: the command a publisher runs before committing must find a
// token before it is pushed. The files are the ones already loaded, with their parsed JSON and
// line index.
func checkSecretLiterals(p *pass) {
	c := p.c
	for _, f := range []*File{c.Swagger, c.Properties, c.Settings, c.Readme, c.Intro, c.Script} {
		if f == nil || f.Data == nil || bytes.IndexByte(f.Data, 0) >= 0 {
			continue
		}
		lines := f.Lines
		if lines == nil {
			lines = textpos.New(f.Data)
		}
		doc := f.JSON
		if doc != nil && doc.Root == nil {
			doc = nil
		}
		scanSecrets(&p.reporter, f.Path, f.Data, doc, lines)
	}
}

var secretLiteralDetected = newRule(Rule{
	ID: "SecretLiteralDetected", Severity: Error, Kinds: AllKinds, Section: "16", Scope: ScopePullRequest,
	Summary: "A connector file (or, in a pull request, any changed file) holds a credential: known token formats (private keys, AKIA…, ghp_…, xox[bp]-…, sk-…, JWTs, Bearer tokens) are errors; high-entropy literals of 32+ characters in default, example, x-example, x-ms-test-value, policy values or script literals are warnings.",
	Basis:   BasisBroken, BasisReason: "a secret-shaped literal (high-entropy literals: warning)",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: "independent-publisher-connectors/Contoso Tasks/apiDefinition.swagger.json:49:192", Severity: Warning, PR: &PRCase{}, Edits: withEdits(prUpdate,
			Edit{File: SwaggerName, Old: `"x-ms-url-encoding": "single"}`, New: `"x-ms-url-encoding": "single", "default": "3kF9xQ2mZ7vL1pR8tY4wN6bH0cJ5sD2a"}`})},
		GoodCase: &Case{Kind: IndependentPublisher, PR: &PRCase{}, Edits: prUpdate},
	},
})

// scanSecrets reports the credentials in one file's data through p.
func scanSecrets(p *reporter, file string, data []byte, doc *jsonpos.Document, lines *textpos.Index) {
	ext := strings.ToLower(path.Ext(file))
	// The file's bytes are not changed once loaded; a copy of every file was a tenth of the
	// memory a run allocates.
	text := unsafe.String(unsafe.SliceData(data), len(data))
	type span struct{ start, end int }
	var known []span
	var covered []bool
	first := firstStarts(text)
	for i := range secretFormats {
		sf := &secretFormats[i]
		for _, m := range sf.matches(text, first[i]) {
			start, end := m[2*sf.token], m[2*sf.token+1]
			if start < 0 || (sf.token > 0 && placeholder(text[start:end])) {
				continue
			}
			// One credential, one finding: "Bearer ghp_..." is a GitHub token and a bearer
			// token; the format listed first names it.
			// (covered marks the bytes of the secrets found so far: the check costs the match's
			// length, and one format's matches don't overlap, so the scan stays linear)
			if covered == nil {
				covered = make([]bool, len(text))
			}
			if slices.Contains(covered[m[0]:m[1]], true) || slices.Contains(covered[start:end], true) {
				continue
			}
			for i := start; i < end; i++ {
				covered[i] = true
			}
			known = append(known, span{start, end})
			if p.full(secretLiteralDetected, Error) {
				continue // counted; a file of 100,000 keys gets 500 findings
			}
			p.reportAs(secretLiteralDetected, Error, at{file: file, span: lines.Span(start, end)},
				"a %s (%s) is in this file; remove it and let users enter it through a connection parameter, and revoke it if it was ever pushed (a pushed commit stays in the history)", sf.name, mask(text[start:end]))
		}
	}
	// The known secrets as disjoint ranges in file order, so that an overlap is a binary search.
	slices.SortFunc(known, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	merged := known[:0]
	for _, k := range known {
		if n := len(merged); n > 0 && k.start <= merged[n-1].end {
			merged[n-1].end = max(merged[n-1].end, k.end)
			continue
		}
		merged = append(merged, k)
	}
	inKnown := func(s, e int) bool {
		// the first range that ends after s overlaps [s, e) when it starts before e
		i := sort.Search(len(merged), func(i int) bool { return merged[i].end > s })
		return i < len(merged) && merged[i].start < e
	}
	report := func(start, end int, ptr string, hasPtr bool, what string) {
		if inKnown(start, end) || p.full(secretLiteralDetected, Warning) {
			return
		}
		p.reportAs(secretLiteralDetected, Warning, at{file: file, span: lines.Span(start, end), pointer: ptr, hasPointer: hasPtr},
			"%s looks like a real key or password (%s: long and random); use a placeholder such as \"YOUR_API_KEY\", and revoke the key if it is real", what, mask(text[start:end]))
	}
	switch {
	case doc != nil && doc.Root != nil:
		// The pointer of a value is built only when it is reported: building one for every
		// member of every file was most of the scan.
		stack := make(jsonpos.Path, 0, 32) // deeper files grow it
		var walk func(n *jsonpos.Node, checked bool)
		walk = func(n *jsonpos.Node, checked bool) {
			switch {
			case n == nil:
			case n.Kind == jsonpos.String:
				if checked && highEntropy(n.Text) {
					// the value token without its quotes
					report(n.Start+1, n.End-1, stack.Pointer(), true, "this value")
				}
			case n.Kind == jsonpos.Object:
				for i := range n.Members {
					m := &n.Members[i]
					c := checked || isSecretKey(m.Name) || (m.Name == "parameters" && underPolicyInstance(stack))
					stack = append(stack, jsonpos.Step{Name: m.Name, Index: -1})
					walk(m.Value, c)
					stack = stack[:len(stack)-1]
				}
			case n.Kind == jsonpos.Array:
				for i, it := range n.Items {
					stack = append(stack, jsonpos.Step{Index: i})
					walk(it, checked)
					stack = stack[:len(stack)-1]
				}
			}
		}
		walk(doc.Root, false)
	case ext == ".csx" || ext == ".cs":
		for _, m := range csxLiteral.FindAllStringSubmatchIndex(text, -1) {
			if highEntropy(text[m[2]:m[3]]) {
				report(m[2], m[3], "", false, "this string literal")
			}
		}
	}
}

// underPolicyInstance reports whether the pointer of stack contains "/policyTemplateInstances/":
// a member of that name with something below it (no pointer is built for every "parameters").
func underPolicyInstance(stack jsonpos.Path) bool {
	for i := 0; i+1 < len(stack); i++ {
		if stack[i].Index < 0 && stack[i].Name == "policyTemplateInstances" {
			return true
		}
	}
	return false
}

// mask shows the start of a secret only.
func mask(s string) string {
	r := []rune(s)
	if len(r) <= 8 {
		return "…"
	}
	return string(r[:6]) + "…"
}
