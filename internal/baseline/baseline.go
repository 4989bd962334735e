// Package baseline records a run's findings by stable fingerprints, so that a later run reports
// the recorded ones as notices and fails only on new findings. A fingerprint never depends on a
// line number: it is the connector, the file, the rule and an anchor (the JSON pointer; in
// Markdown the heading above the finding; in other text files the trimmed text of the line).
package baseline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/connector-check/connector-check/internal/config"
	"github.com/connector-check/connector-check/internal/safefile"
	"github.com/connector-check/connector-check/validate"
)

// Version is the baseline file format's version.
const Version = 1

// File is a baseline file (connector-check baseline > baseline.json).
type File struct {
	Version  int     `json:"version"`
	Tool     string  `json:"tool"`
	Findings []Entry `json:"findings"`
}

// Entry is one recorded finding; the same fingerprint may appear several times (one rule firing
// several times under one heading), and each entry covers one occurrence.
type Entry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	Connector   string `json:"connector"`
	File        string `json:"file"`
	Anchor      string `json:"anchor"`
	Severity    string `json:"severity"`
	Message     string `json:"message"`
}

// Fingerprinter computes fingerprints, reading a text file once when a finding in it needs its
// lines.
type Fingerprinter struct {
	// ReadFile reads a finding's file by its report path (os.ReadFile by default).
	ReadFile func(name string) ([]byte, error)
	lines    map[string][]string
}

func (fp *Fingerprinter) fileLines(name string) []string {
	if fp.lines == nil {
		fp.lines = map[string][]string{}
	}
	if ls, ok := fp.lines[name]; ok {
		return ls
	}
	read := fp.ReadFile
	if read == nil {
		read = func(name string) ([]byte, error) { return safefile.ReadFile(name, validate.MaxFileSize) }
	}
	var ls []string
	if data, err := read(name); err == nil {
		data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		ls = strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	}
	fp.lines[name] = ls
	return ls
}

// subject is the first quoted name in a message (`the readme has no "Known Issues" section`):
// two findings of one rule at one place (a heading, a whole file) about different things get
// different fingerprints by it.
var subject = regexp.MustCompile(`"(?:[^"\\]|\\.){1,200}"`)

// Anchor is what places a finding in its file without a line number. A finding without a JSON
// pointer also carries its subject (the first quoted name in its message), so that, for
// instance, two sections missing from one readme are two fingerprints, not one.
func (fp *Fingerprinter) Anchor(f *validate.Finding) string {
	if f.HasPointer {
		return "pointer:" + f.Pointer
	}
	a := fp.place(f)
	if m := subject.FindString(f.Message); m != "" {
		a += " " + m
	}
	return a
}

func (fp *Fingerprinter) place(f *validate.Finding) string {
	if f.Line <= 0 {
		return "file"
	}
	ls := fp.fileLines(f.File)
	if strings.HasSuffix(strings.ToLower(f.File), ".md") {
		inFence := false
		heading := ""
		for i := 0; i < len(ls) && i < f.Line; i++ {
			t := strings.TrimSpace(ls[i])
			if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
				inFence = !inFence
			}
			if !inFence && strings.HasPrefix(t, "#") {
				heading = strings.TrimSpace(strings.Trim(t, "#"))
			}
		}
		return "heading:" + heading
	}
	if f.Line-1 < len(ls) {
		return "text:" + strings.Join(strings.Fields(ls[f.Line-1]), " ")
	}
	return "text:"
}

// Fingerprint is a finding's stable fingerprint: 32 hex digits of SHA-256 over the connector,
// the file, the rule and the anchor.
func (fp *Fingerprinter) Fingerprint(f *validate.Finding) string {
	return hash(f.Connector, f.File, f.Rule, fp.Anchor(f))
}

func hash(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Fingerprints returns the fingerprint of every finding, in order.
func (fp *Fingerprinter) Fingerprints(fs []validate.Finding) []string {
	out := make([]string, len(fs))
	for i := range fs {
		out[i] = fp.Fingerprint(&fs[i])
	}
	return out
}

// Make records every finding of res.
func Make(res *validate.Result, fp *Fingerprinter) *File {
	b := &File{Version: Version, Tool: "connector-check", Findings: []Entry{}}
	for i := range res.Findings {
		f := &res.Findings[i]
		b.Findings = append(b.Findings, Entry{
			Fingerprint: fp.Fingerprint(f), Rule: f.Rule, Connector: f.Connector, File: f.File,
			Anchor: fp.Anchor(f), Severity: f.Severity.String(), Message: f.Message,
		})
	}
	return b
}

// Write writes the baseline as indented JSON.
func (b *File) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(b)
}

// MaxSize caps a baseline file (the whole published repository's findings take a few MB).
const MaxSize = 32 << 20

// Load reads a baseline file: never through a symbolic link, a FIFO or a device, and never past
// MaxSize (the file may be a pull request's).
func Load(name string) (*File, error) {
	data, err := safefile.ReadFile(name, MaxSize)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	return Parse(name, data)
}

// Parse reads a baseline from its bytes; name is for messages.
func Parse(name string, data []byte) (*File, error) {
	var b File
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("%s: not a connector-check baseline: %v", name, err)
	}
	if b.Version != Version {
		return nil, fmt.Errorf("%s: baseline version %d, want %d (regenerate it with connector-check baseline)", name, b.Version, Version)
	}
	return &b, nil
}

// Prefix starts the message of a baselined finding.
const Prefix = "(baseline) "

// Apply returns res with the findings recorded in b turned into notices whose message starts
// with Prefix; findings beyond the recorded number of occurrences of a fingerprint (in file order)
// are new and keep their severity. res is not changed.
func Apply(res *validate.Result, b *File, fp *Fingerprinter) (out *validate.Result, baselined int) {
	left := map[string]int{}
	for _, e := range b.Findings {
		left[e.Fingerprint]++
	}
	out = &validate.Result{Findings: make([]validate.Finding, len(res.Findings))}
	copy(out.Findings, res.Findings)
	for i := range out.Findings {
		f := &out.Findings[i]
		key := fp.Fingerprint(f)
		if left[key] > 0 {
			left[key]--
			f.Severity = validate.Notice
			f.Message = Prefix + f.Message
			f.Baselined = true
			baselined++
		}
	}
	config.Recount(res.Connectors, out)
	return out, baselined
}

// ChangeKey identifies a finding across two versions of a connector without its position: the
// connector, the file, the rule, the anchor and the message, with array indexes in the pointer
// and every number in the anchor and message taken out, so a finding whose line, operation or
// parameter only moved keeps its key. Keys may repeat; callers match them by count.
func (fp *Fingerprinter) ChangeKey(f *validate.Finding) string {
	anchor := fp.Anchor(f)
	if f.HasPointer {
		segs := strings.Split(f.Pointer, "/")
		for i, s := range segs {
			if s != "" && strings.Trim(s, "0123456789") == "" {
				segs[i] = "#"
			}
		}
		anchor = "pointer:" + strings.Join(segs, "/")
	}
	return hash(f.Connector, f.File, f.Rule, withoutNumbers(anchor), withoutNumbers(f.Message))
}

// withoutNumbers replaces each run of digits with # and each run of white space with one space.
func withoutNumbers(s string) string {
	var sb strings.Builder
	digit, space := false, false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			if !digit {
				sb.WriteByte('#')
			}
			digit, space = true, false
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			if !space {
				sb.WriteByte(' ')
			}
			digit, space = false, true
		default:
			sb.WriteRune(r)
			digit, space = false, false
		}
	}
	return strings.TrimSpace(sb.String())
}
