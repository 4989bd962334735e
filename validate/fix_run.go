package validate

import (
	"cmp"
	"fmt"
	"maps"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/connector-check/connector-check/internal/fix"
)

// FixOptions configure FixConnector.
type FixOptions struct {
	Rules []string // fix only these rules; all fixable rules when empty
	Kind  Kind     // 0: from the path
	New   bool     // check as a new submission (the ↑new severities)
	// MaxRounds bounds the fix, re-check, fix again iterations (a fix can reveal another); 0: 4.
	MaxRounds int
	// Only, when set, limits the fix to these findings (matched by rule, file, pointer and
	// message, which may have a note appended): the findings a pull request introduces.
	Only []Finding
}

// FixRecord is one fix applied or skipped. Line and Column are the finding's, in the file as it
// was when the fix was made (earlier fixes may have moved it); Before and After are the bytes
// replaced and their replacement, or the old and new file name of a rename.
type FixRecord struct {
	Rule    string
	File    string // report path of the file, before a rename
	Pointer string // the finding's JSON pointer, if it has one
	Line    int
	Column  int
	Before  string
	After   string
	Message string // the finding's message
	Reason  string // why a fix was skipped
}

// FixedFile is one file a fix changed: its names on disk before and after (a rename when they
// differ), its bytes before and after, and the edits between them (offsets in Original).
type FixedFile struct {
	OrigName, Name string
	Original, Data []byte
	Edits          []fix.Edit
}

// Renamed reports whether the fix renames the file.
func (f *FixedFile) Renamed() bool { return f.OrigName != f.Name }

// FixResult is what FixConnector did to one connector, in memory: nothing is written.
type FixResult struct {
	Connector string // report path
	Dir       string
	Files     []FixedFile // sorted by original name
	Applied   []FixRecord
	Skipped   []FixRecord
	// Remaining counts the fixable findings that are still there after the fixes (the skipped
	// ones, and any a round limit left).
	Remaining int
}

// maxTrials bounds the re-checks of one connector's fixes (a batch that fails is split in
// halves, so n fixes that each fail cost about 2n re-checks); past it the untried fixes are
// skipped. Every file in a pull request is its author's: time must stay bounded.
var maxTrials = 256

// maxFixFindings stops fixing a connector whose unlimited check passes this many findings (the
// fix re-checks without the per-rule limits so that findings past them are seen).
const maxFixFindings = 20_000

// FixConnector loads the connector at dir, derives the fix of each fixable finding, and verifies
// each before keeping it: the file is re-read from the edited bytes and the whole connector is
// re-checked; the fixed finding must be gone and no finding may appear that wasn't there
// (compared by rule, file, pointer and message; numbers in messages are ignored since edits
// move lines and change sizes). The fixes of one file are tried together, then, if that fails, in halves down to
// single fixes, which are skipped when they don't verify. Fixing repeats until nothing more is
// fixed, at most MaxRounds times. Nothing is written: the caller writes Files.
func FixConnector(dir, reportAs string, opts FixOptions) (*FixResult, error) {
	c, err := Load(dir, reportAs, opts.Kind)
	if err != nil {
		return nil, err
	}
	c.New = opts.New
	st := &fixState{
		proto: *c, contents: map[string][]byte{}, parsed: map[string]*File{},
		origOf: map[string]string{}, original: map[string][]byte{}, edits: map[string][]fix.Edit{},
		skipped: map[string]bool{}, rules: map[string]bool{},
	}
	for _, id := range opts.Rules {
		st.rules[id] = true
	}
	if opts.Only != nil {
		st.only = map[string][]string{}
		for _, f := range opts.Only {
			k := f.Rule + "\x00" + f.File + "\x00" + f.Pointer
			st.only[k] = append(st.only[k], f.Message)
		}
	}
	for _, f := range c.files() {
		if f.Data != nil {
			st.contents[f.Name] = f.Data
			st.parsed[f.Name] = f
		}
	}
	st.entries = slices.Clone(c.Entries)
	res := &FixResult{Connector: c.Path, Dir: dir}
	rounds := cmp.Or(opts.MaxRounds, 4)
	c = st.connector(st.entries, st.contents)
	before, err := checkAll(c)
	if err != nil {
		return nil, err
	}
	for range rounds {
		items := st.candidates(c, before)
		if len(items) == 0 {
			break
		}
		progress := false
		byFile := map[string][]fixItem{}
		var renames []fixItem
		for _, it := range items {
			if it.change.Rename != nil {
				renames = append(renames, it)
			} else {
				byFile[it.change.Edits[0].File] = append(byFile[it.change.Edits[0].File], it)
			}
		}
		for _, name := range slices.Sorted(maps.Keys(byFile)) {
			var acc []fixItem
			c, before, acc = st.tryBatch(c, before, byFile[name], res)
			progress = progress || len(acc) > 0
		}
		for _, it := range renames {
			var acc []fixItem
			c, before, acc = st.tryBatch(c, before, []fixItem{it}, res)
			progress = progress || len(acc) > 0
		}
		if !progress {
			break
		}
	}
	res.Remaining = len(st.candidates(c, before)) + st.skippedLeft(before)
	for _, name := range slices.Sorted(maps.Keys(st.origOf)) {
		orig := st.origOf[name]
		if orig == name && len(st.edits[orig]) == 0 {
			continue
		}
		res.Files = append(res.Files, FixedFile{
			OrigName: orig, Name: name, Original: st.original[orig], Data: st.contents[name], Edits: st.edits[orig],
		})
	}
	slices.SortFunc(res.Files, func(a, b FixedFile) int { return strings.Compare(a.OrigName, b.OrigName) })
	return res, nil
}

// files are the connector's loaded files.
func (c *Connector) files() []*File {
	var out []*File
	for _, f := range []*File{c.Swagger, c.Properties, c.Readme, c.Script, c.Settings, c.Intro, c.Icon} {
		if f != nil {
			out = append(out, f)
		}
	}
	return out
}

// fixState is the connector being fixed, in memory.
type fixState struct {
	proto    Connector         // the loaded connector's fields (path, folder, kind, new)
	entries  []Entry           // the folder's entries, renames applied
	contents map[string][]byte // current bytes by current name (files read so far)
	parsed   map[string]*File  // parsed files by current name, reused while unchanged
	origOf   map[string]string // current name -> name on disk, for changed files
	original map[string][]byte // name on disk -> bytes on disk
	edits    map[string][]fix.Edit
	skipped  map[string]bool     // keys of findings whose fix didn't verify
	rules    map[string]bool     // selected rules (all when empty)
	only     map[string][]string // rule, file, pointer -> messages of the findings to fix (all when nil)
	trials   int                 // re-checks so far (at most maxTrials)
}

// fixItem is one fixable finding and its change.
type fixItem struct {
	fd     Finding
	change fix.Change
}

// connector builds the connector from the given entries and contents (files not in contents are
// read from disk).
func (st *fixState) connector(entries []Entry, contents map[string][]byte) *Connector {
	c := &Connector{Path: st.proto.Path, Dir: st.proto.Dir, Kind: st.proto.Kind,
		KindResolved: st.proto.KindResolved, New: st.proto.New, Entries: entries}
	c.overlay = func(name string, isJSON bool) *File {
		data, ok := contents[name]
		if !ok {
			return nil
		}
		if f, ok := st.parsed[name]; ok && (f.JSON != nil) == isJSON && sameBytes(f.Data, data) {
			return f
		}
		f := &File{Name: name, Path: c.FilePath(name)}
		f.setData(data, isJSON)
		st.parsed[name] = f // reused while its bytes are these (a kept trial's next round)
		return f
	}
	c.loadFiles()
	return c
}

// sameBytes reports whether a and b are the same slice (not just equal bytes: cheap).
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// checkAll runs every rule as runChecks does (checks, then lateChecks), without the per-rule
// limits, so that a fix can't "reveal" a finding that was only left out of the list.
func checkAll(c *Connector) ([]Finding, error) {
	p := newPass(c, nil, false)
	for _, run := range checks {
		run(p)
	}
	for _, run := range lateChecks {
		run(p)
	}
	if len(p.findings) > maxFixFindings {
		return nil, fmt.Errorf("%s: over %d findings; fix the ones listed by validate first", c.Path, maxFixFindings)
	}
	return SortFindings(p.findings), nil
}

func (st *fixState) selected(id string) bool { return len(st.rules) == 0 || st.rules[id] }

// candidates are the findings of before that a fixer can fix and whose fix hasn't failed.
func (st *fixState) candidates(c *Connector, before []Finding) []fixItem {
	var out []fixItem
	for i := range before {
		fd := &before[i]
		r, ok := byID[fd.Rule]
		if !ok || r.Fix == nil || !st.selected(r.ID) || st.skipped[fixKey(fd, nil)] {
			continue
		}
		if st.only != nil && !st.wanted(fd) {
			continue
		}
		ch, ok := r.Fix(c, fd)
		if !ok || (ch.Rename == nil && len(ch.Edits) == 0) {
			continue
		}
		out = append(out, fixItem{fd: *fd, change: ch})
	}
	return out
}

// wanted reports whether fd is one of FixOptions.Only. A reported message may carry a note after
// the rule's own (pull-request mode adds why an introduced finding is an error), so the rule's
// message is matched as a prefix.
func (st *fixState) wanted(fd *Finding) bool {
	for _, m := range st.only[fd.Rule+"\x00"+fd.File+"\x00"+fd.Pointer] {
		if strings.HasPrefix(m, fd.Message) {
			return true
		}
	}
	return false
}

// skippedLeft counts the findings of before whose fix was skipped.
func (st *fixState) skippedLeft(before []Finding) int {
	n := 0
	for i := range before {
		if st.skipped[fixKey(&before[i], nil)] {
			n++
		}
	}
	return n
}

// tryBatch verifies the items together and keeps them, or splits them in halves; items that fail
// on their own are skipped. It returns the connector and findings with the kept fixes applied.
func (st *fixState) tryBatch(c *Connector, before []Finding, items []fixItem, res *FixResult) (*Connector, []Finding, []fixItem) {
	if len(items) == 0 {
		return c, before, nil
	}
	if st.trials >= maxTrials {
		for _, it := range items {
			st.skipped[fixKey(&it.fd, nil)] = true
			res.Skipped = append(res.Skipped, record(it, st.currentData(it), fmt.Sprintf("not verified: the connector's %d re-checks are spent; run fix again", maxTrials)))
		}
		return c, before, nil
	}
	st.trials++
	c2, after, contents, entries, reason := st.trial(before, items)
	if reason == "" {
		st.commit(items, contents, entries, res)
		return c2, after, items
	}
	if len(items) == 1 {
		it := items[0]
		st.skipped[fixKey(&it.fd, nil)] = true
		res.Skipped = append(res.Skipped, record(it, st.currentData(it), reason))
		return c, before, nil
	}
	mid := len(items) / 2
	c, before, left := st.tryBatch(c, before, items[:mid], res)
	c, before, right := st.tryBatch(c, before, shiftItems(items[mid:], left), res)
	return c, before, append(left, right...)
}

// shiftItems moves the edits of items past the kept edits of the same file, which were made
// before them (the items' offsets are in the bytes before those edits).
func shiftItems(items, kept []fixItem) []fixItem {
	var done []fix.Edit
	for _, it := range kept {
		done = append(done, it.change.Edits...)
	}
	if len(done) == 0 {
		return items
	}
	done = fix.Sort(done)
	// Kept edits don't overlap, so their ends rise with their starts: the ones before an offset
	// are a prefix, and shift[i] is what the first i of them add.
	shift := make([]int, len(done)+1)
	for i, k := range done {
		shift[i+1] = shift[i] + len(k.New) - (k.End - k.Start)
	}
	out := make([]fixItem, len(items))
	for i, it := range items {
		out[i] = it
		if it.change.Rename != nil {
			continue
		}
		es := make([]fix.Edit, len(it.change.Edits))
		for j, e := range it.change.Edits {
			n, _ := slices.BinarySearchFunc(done, e.Start, func(k fix.Edit, off int) int {
				if k.End <= off {
					return -1
				}
				return 1
			})
			d := shift[n]
			es[j] = fix.Edit{File: e.File, Start: e.Start + d, End: e.End + d, New: e.New}
		}
		out[i].change = fix.Change{Edits: es}
	}
	return out
}

// currentData is the current bytes of the file an item edits.
func (st *fixState) currentData(it fixItem) []byte {
	if it.change.Rename != nil {
		return nil
	}
	return st.contents[it.change.Edits[0].File]
}

// trial applies items to copies of the state and checks the result; reason is "" when every
// fixed finding is gone and nothing new appeared.
func (st *fixState) trial(before []Finding, items []fixItem) (c *Connector, after []Finding, contents map[string][]byte, entries []Entry, reason string) {
	contents = maps.Clone(st.contents)
	entries = st.entries
	renames := map[string]string{}
	var edits []fix.Edit
	for _, it := range items {
		if r := it.change.Rename; r != nil {
			if _, ok := contents[r.From]; !ok {
				data, tooLarge, err := readCapped(filepath.Join(st.proto.Dir, r.From), MaxFileSize)
				if err != nil || tooLarge {
					return nil, nil, nil, nil, "the file can't be read"
				}
				contents[r.From] = data
			}
			contents[r.To] = contents[r.From]
			delete(contents, r.From)
			entries = slices.Clone(entries)
			for i := range entries {
				if entries[i].Name == r.From {
					entries[i].Name = r.To
				}
			}
			slices.SortFunc(entries, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })
			renames[r.From] = r.To
			continue
		}
		edits = append(edits, it.change.Edits...)
	}
	if len(edits) > 0 {
		name := edits[0].File
		data, err := fix.Apply(contents[name], edits)
		if err != nil {
			return nil, nil, nil, nil, "it overlaps another fix of the same place"
		}
		contents[name] = data
	}
	c = st.connector(entries, contents)
	after, err := checkAll(c)
	if err != nil {
		return nil, nil, nil, nil, err.Error()
	}
	count := map[string]int{}
	for i := range before {
		count[fixKey(&before[i], renames)]++
	}
	for i := range items {
		count[fixKey(&items[i].fd, renames)]--
	}
	for i := range after {
		k := fixKey(&after[i], nil)
		count[k]--
		if count[k] < 0 {
			for _, it := range items {
				if fixKey(&it.fd, renames) == k {
					return nil, nil, nil, nil, "the finding is still there after the fix"
				}
			}
			a := after[i]
			return nil, nil, nil, nil, fmt.Sprintf("the fix would bring a new finding: %s %s", a.Rule, a.Message)
		}
	}
	return c, after, contents, entries, ""
}

// commit keeps verified items: their edits are composed into the file's edits from its original
// bytes, and renames carry the file's history to its new name.
func (st *fixState) commit(items []fixItem, contents map[string][]byte, entries []Entry, res *FixResult) {
	for _, it := range items {
		res.Applied = append(res.Applied, record(it, st.currentData(it), ""))
	}
	for _, it := range items {
		if r := it.change.Rename; r != nil {
			orig := r.From
			if o, ok := st.origOf[r.From]; ok {
				orig = o
				delete(st.origOf, r.From)
			}
			st.origOf[r.To] = orig
			if _, ok := st.original[orig]; !ok {
				st.original[orig] = contents[r.To]
			}
			delete(st.parsed, r.From) // re-parsed under its new name (its report path changes)
		}
	}
	var edits []fix.Edit
	for _, it := range items {
		edits = append(edits, it.change.Edits...)
	}
	if len(edits) > 0 {
		name := edits[0].File
		orig, ok := st.origOf[name]
		if !ok {
			orig = name
			st.origOf[name] = name
		}
		if _, ok := st.original[orig]; !ok {
			st.original[orig] = st.contents[name]
		}
		st.edits[orig] = compose(st.edits[orig], edits)
		delete(st.parsed, name)
	}
	st.contents, st.entries = contents, entries
}

// record describes a fix for the report.
func record(it fixItem, data []byte, reason string) FixRecord {
	r := FixRecord{Rule: it.fd.Rule, File: it.fd.File, Pointer: it.fd.Pointer, Line: it.fd.Line, Column: it.fd.Column, Message: it.fd.Message, Reason: reason}
	if rn := it.change.Rename; rn != nil {
		r.Before, r.After = rn.From, rn.To
		return r
	}
	// The whole lines changed, when they are short; else the bytes replaced and their replacement
	// (a minified file is one line).
	if before, after, ok := fixedLines(data, it.change.Edits, 400); ok {
		r.Before, r.After = before, after
		return r
	}
	var before, after []string
	for _, e := range fix.Sort(it.change.Edits) {
		if e.Start >= 0 && e.End <= len(data) && e.Start <= e.End {
			before = append(before, string(data[e.Start:e.End]))
		}
		after = append(after, e.New)
	}
	r.Before, r.After = strings.Join(before, "…"), strings.Join(after, "…")
	return r
}

// digits are the numbers in a message: line numbers ("first at line 12") and sizes ("1907955
// bytes") move with every edit, so findings are compared without them.
var digits = regexp.MustCompile(`\d+`)

// fixKey identifies a finding across edits: rule, file, pointer and message, with the numbers in
// the message left out; renames maps old file names to new.
func fixKey(fd *Finding, renames map[string]string) string {
	file, msg := fd.File, fd.Message
	for from, to := range renames {
		if path.Base(file) == from {
			file = path.Join(path.Dir(file), to)
		}
		msg = strings.ReplaceAll(msg, from, to)
	}
	msg = digits.ReplaceAllString(msg, "#")
	return fd.Rule + "\x00" + file + "\x00" + fd.Pointer + "\x00" + msg
}

// compose adds edits, made to the current bytes (the original with applied edits), to applied
// (offsets in the original), merging an edit into those it touches. The result has offsets in the
// original. The edits are taken back to front, so each one's offsets are still those of the
// current bytes when it is composed; no copy of the file is made.
func compose(applied []fix.Edit, edits []fix.Edit) []fix.Edit {
	es := fix.Sort(edits)
	out := slices.Clone(applied)
	for i := len(es) - 1; i >= 0; i-- {
		out = composeOne(out, es[i])
	}
	return out
}

func composeOne(applied []fix.Edit, e fix.Edit) []fix.Edit {
	delta := 0 // current offset minus original offset before applied[k]
	lo, hi := -1, -1
	deltaLo, deltaHi := 0, 0
	deltaBefore := 0 // for an edit touching none: the delta of the edits before it
	insertAt := len(applied)
	for k, a := range applied {
		cs := a.Start + delta
		ce := cs + len(a.New)
		next := delta + len(a.New) - (a.End - a.Start)
		if ce >= e.Start && cs <= e.End {
			if lo < 0 {
				lo, deltaLo = k, delta
			}
			hi, deltaHi = k, next
		} else if ce < e.Start {
			deltaBefore = next
		} else if insertAt == len(applied) && lo < 0 {
			insertAt = k
		}
		delta = next
	}
	if lo < 0 {
		ne := fix.Edit{File: e.File, Start: e.Start - deltaBefore, End: e.End - deltaBefore, New: e.New}
		return slices.Insert(applied, insertAt, ne)
	}
	// The touched edits' replacement text is the current text where they are; what lies between
	// them is inside e. So the merged text is the first one's text before e, e's text, and the
	// last one's text after e.
	csLo := applied[lo].Start + deltaLo
	csHi := applied[hi].End + deltaHi - len(applied[hi].New)
	ceHi := applied[hi].End + deltaHi
	prefix, suffix := "", ""
	if csLo < e.Start {
		prefix = applied[lo].New[:e.Start-csLo]
	}
	if ceHi > e.End {
		suffix = applied[hi].New[e.End-csHi:]
	}
	uS, uE := min(e.Start, csLo), max(e.End, ceHi)
	merged := fix.Edit{File: e.File, Start: uS - deltaLo, End: uE - deltaHi, New: prefix + e.New + suffix}
	return slices.Replace(applied, lo, hi+1, merged)
}

// fixedLines are the lines the edits change, before and after (without the last line end), when
// they span at most limit bytes; the search for the line ends stops there too, so listing a fix
// costs no more than that whatever the file.
func fixedLines(data []byte, edits []fix.Edit, limit int) (before, after string, ok bool) {
	es := fix.Sort(edits)
	if len(es) == 0 || es[0].Start < 0 || es[len(es)-1].End > len(data) {
		return "", "", false
	}
	start, end := es[0].Start, es[len(es)-1].End
	if end < start || end-start > limit {
		return "", "", false
	}
	lo := start
	for lo > 0 && data[lo-1] != '\n' {
		if lo--; start-lo > limit {
			return "", "", false
		}
	}
	hi := end
	for hi < len(data) && data[hi] != '\n' && data[hi] != '\r' {
		if hi++; hi-end > limit {
			return "", "", false
		}
	}
	rel := make([]fix.Edit, len(es))
	for i, e := range es {
		rel[i] = fix.Edit{Start: e.Start - lo, End: e.End - lo, New: e.New}
	}
	text, err := fix.Apply(data[lo:hi], rel)
	if err != nil || hi-lo > limit || len(text) > limit {
		return "", "", false
	}
	return string(data[lo:hi]), strings.TrimRight(string(text), "\r\n"), true
}
