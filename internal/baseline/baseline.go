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
	"os"
	"regexp"
	"strings"

	"github.com/connector-check/connector-check/internal/config"
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
		read = os.ReadFile
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

// Load reads a baseline file.
func Load(name string) (*File, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
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
