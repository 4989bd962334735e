package packaging

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/connector-check/connector-check/validate"
)

// Limits of the in-memory zip reader. Real certification packages are well under 10 MiB; the caps
// stop hostile archives (bombs, millions of entries) before they cost memory or time.
const (
	maxEntrySize  = 32 << 20 // uncompressed bytes of one entry
	maxTotalSize  = 64 << 20 // uncompressed bytes read from the nested archives of one package
	maxEntries    = 10000    // entries of one archive
	maxRatio      = 100      // uncompressed/compressed, checked for entries over ratioFloor
	ratioFloor    = 1 << 20
	maxXMLSize    = 8 << 20  // a solution XML file parsed into a tree; exports' are kilobytes
	maxFlowJSON   = 16 << 20 // workflow JSON scanned per package (a sample flow is a few KiB)
	maxXMLNodes   = 200000
	maxXMLDepth   = 64
	maxJSONDepth  = 256
	maxNestLevels = 3 // outer zip, Package Deployer zip, solution zips
)

// Run budget defaults: what all the package zips one run reads may cost together. Bytes are
// counted at every level (a solution zip's bytes when read from the Package Deployer zip, then
// each of its entries), entries as listed by every archive opened. A real package costs about
// 1-3 MiB and 20 entries this way, so the defaults leave room for about a hundred packages in
// a repository sweep, while a hostile run (many small zips that expand 1000:1 at each nesting
// level) stops after a few seconds of work (the issue 17 tests measure about 17 ms per MiB of
// hostile workflow JSON on a shared 2-core machine: 256 MiB, about 4.5 s).
const (
	DefaultRunBytes   = 256 << 20
	DefaultRunEntries = 100000
)

// Budget bounds the zip work of one run: uncompressed bytes read and entries listed, shared by
// every package zip the run verifies or builds (issue 17: a budget per zip let ten copies of one
// small hostile zip cost ten times as much). It is safe for concurrent use; the zero value is not
// usable, make one with NewBudget.
type Budget struct {
	bytes, entries atomic.Int64
	maxBytes       int64
	maxEntries     int64
}

// NewBudget is a run budget of bytes uncompressed bytes and entries zip entries; values <= 0
// take the defaults.
func NewBudget(bytes, entries int64) *Budget {
	if bytes <= 0 {
		bytes = DefaultRunBytes
	}
	if entries <= 0 {
		entries = DefaultRunEntries
	}
	b := &Budget{maxBytes: bytes, maxEntries: entries}
	b.bytes.Store(bytes)
	b.entries.Store(entries)
	return b
}

// Used reports the bytes and entries spent so far.
func (b *Budget) Used() (bytes, entries int64) {
	return b.maxBytes - max(b.bytes.Load(), 0), b.maxEntries - max(b.entries.Load(), 0)
}

// bytesLeft is what may still be read.
func (b *Budget) bytesLeft() int64 { return max(b.bytes.Load(), 0) }

// spendBytes charges n bytes; false when the budget was already used up.
func (b *Budget) spendBytes(n int64) bool { return b.bytes.Add(-n)+n > 0 }

// spendEntries charges n entries; false when that overdraws the budget.
func (b *Budget) spendEntries(n int64) bool { return b.entries.Add(-n) >= 0 }

// archive is one zip opened from bytes. Entries hold only the safe, unique names; the unsafe
// ones have been reported and are skipped.
type archive struct {
	label   string // report name: outer.zip, outer.zip!package.zip, ...
	depth   int    // 0 outer, 1 Package Deployer zip, 2 solution
	entries []*entry
	byName  map[string]*entry // file entries by lower-case name, built on first use
}

type entry struct {
	name string // forward slashes, no leading ./; a trailing / marks a directory entry
	dir  bool
	f    *zip.File
	read bool
	data []byte
	ok   bool
}

// junkName reports names that archivers add on their own (macOS, Windows).
func junkName(name string) bool {
	segs := strings.Split(name, "/")
	if segs[0] == "__MACOSX" {
		return true
	}
	base := segs[len(segs)-1]
	return base == ".DS_Store" || strings.EqualFold(base, "Thumbs.db") || strings.HasPrefix(base, "._")
}

// newZipReader opens a zip held in memory. Unsafe entry names (zip.ErrInsecurePath) are not an
// error here: openArchive reports each of them.
func newZipReader(data []byte) (*zip.Reader, error) {
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if errors.Is(err, zip.ErrInsecurePath) {
		err = nil
	}
	return r, err
}

var zipEntryPathUnsafe = validate.Register(validate.Rule{
	ID: "ZipEntryPathUnsafe", Severity: validate.Error, Kinds: validate.Publishable, Section: "14", Scope: validate.ScopePackage,
	Summary: "An entry name is absolute, has .. or a drive letter, is a symbolic link or a duplicate, or is a name Windows can't create (<>:\"|?*, control characters, CON/NUL/COM1...; Expand-Archive fails) (error); backslashes, __MACOSX/, .DS_Store, Thumbs.db, a zip nested below the layout, a trailing dot or space, or folders differing only in case (Windows merges them) (warning).",
	Basis:   validate.BasisRejected, BasisReason: "an unsafe entry name is refused by extraction (backslashes, __MACOSX: warning)",
	Example: validate.Example{
		BadCase: &validate.Case{Kind: validate.IndependentPublisher, At: "package.zip!../intro.md", Package: &validate.PackageCase{Edits: []validate.PackageEdit{
			{Entry: "package.zip!../intro.md", New: "# Contoso Tasks\n"},
		}}},
		GoodCase: &validate.Case{Kind: validate.IndependentPublisher, Package: &validate.PackageCase{}},
	},
})

// openArchive parses a zip held in memory. It reports why it can't and returns nil then.
func (v *verifier) openArchive(label string, depth int, data []byte) *archive {
	// Every central directory record starts with this signature, so its count bounds the
	// entries archive/zip would allocate a header for (it reads records until one is bad,
	// whatever the end record declares).
	if n := bytes.Count(data, []byte("PK\x01\x02")); n > maxEntries {
		v.report(validate.PackageNotReadable, label, "%s has up to %d entries, more than the %d this checker reads; a certification package has a dozen", lastPart(label), n, maxEntries)
		return nil
	}
	r, err := newZipReader(data)
	if err != nil {
		v.report(validate.PackageNotReadable, label, "%s is not a readable zip (%v); re-create it with a standard zip tool (zip -X -r, or Compress-Archive)", path.Base(lastPart(label)), err)
		return nil
	}
	if len(r.File) > maxEntries {
		v.report(validate.PackageNotReadable, label, "%s has %d entries, more than the %d this checker reads; a certification package has a dozen", lastPart(label), len(r.File), maxEntries)
		return nil
	}
	if !v.run.spendEntries(int64(len(r.File))) {
		v.budgetSpent(label)
		return nil
	}
	a := &archive{label: label, depth: depth}
	seen := map[string]string{}
	dirs := map[string]string{} // folder path, lower case -> first spelling
	caseReported := map[string]bool{}
	macReported := false // one finding per archive for a __MACOSX folder
	for _, f := range r.File {
		raw := f.Name
		where := label + "!" + raw
		if !utf8.ValidString(raw) || strings.ContainsRune(raw, 0) {
			v.report(zipEntryPathUnsafe, label+"!"+strings.ToValidUTF8(strings.ReplaceAll(raw, "\x00", ""), "?"),
				"entry name %q isn't valid UTF-8 text; rename the file and zip it again", raw)
			continue
		}
		name := raw
		if strings.Contains(name, `\`) {
			v.reportAs(zipEntryPathUnsafe, validate.Warning, where,
				"entry %q uses backslashes; zip tools on Linux and macOS read them as part of the name, so the layout breaks: zip it again with a tool that writes / (Compress-Archive on PowerShell 7, zip, 7-Zip)", raw)
			name = strings.ReplaceAll(name, `\`, "/")
		}
		if strings.HasPrefix(name, "/") || (len(name) >= 2 && name[1] == ':' && isLetter(name[0])) {
			v.report(zipEntryPathUnsafe, where, "entry %q has an absolute path; it would extract outside the target folder: zip the files with relative paths", raw)
			continue
		}
		segs := strings.Split(name, "/")
		bad := false
		var clean []string
		for i, s := range segs {
			switch {
			case s == "..":
				bad = true
			case s == "." || (s == "" && i < len(segs)-1):
				// a./b and a//b: tolerated, normalised
			default:
				clean = append(clean, s)
			}
		}
		if bad {
			v.report(zipEntryPathUnsafe, where, "entry %q contains .. and would extract outside the target folder (zip slip); zip the files with plain relative paths", raw)
			continue
		}
		if seg, why := windowsUnsafe(clean); why != "" {
			v.report(zipEntryPathUnsafe, where, "entry %q has the name %q, which Windows can't create (%s): Expand-Archive fails, so ConnectorPackageValidator.ps1 rejects the package; rename it", raw, seg, why)
			continue
		}
		if seg, ok := trailingDotSpace(clean); ok {
			v.reportAs(zipEntryPathUnsafe, validate.Warning, where, "entry %q has the name %q, which ends with a dot or space; Windows drops it when extracting, so the name changes: rename it", raw, seg)
		}
		for i := 1; i < len(clean); i++ { // folders
			dir := strings.Join(clean[:i], "/")
			if first, ok := dirs[strings.ToLower(dir)]; !ok {
				dirs[strings.ToLower(dir)] = dir
			} else if first != dir && !caseReported[strings.ToLower(dir)] {
				caseReported[strings.ToLower(dir)] = true
				v.reportAs(zipEntryPathUnsafe, validate.Warning, where, "folder %q differs from %q only in case: Windows, and so ConnectorPackageValidator.ps1, merge them into one folder, but other systems extract two; use one spelling", dir, first)
			}
		}
		if f.Mode()&fs.ModeSymlink != 0 {
			v.report(zipEntryPathUnsafe, where, "entry %q is a symbolic link; a package must hold plain files: zip the files the link points to instead", raw)
			continue
		}
		isDir := strings.HasSuffix(name, "/") || f.Mode().IsDir()
		name = strings.Join(clean, "/")
		if name == "" || (len(clean) > 0 && clean[len(clean)-1] == "") {
			name = strings.TrimSuffix(name, "/")
			isDir = true
		}
		if name == "" {
			continue
		}
		if junkName(name) {
			if clean[0] != "__MACOSX" || !macReported {
				macReported = macReported || clean[0] == "__MACOSX"
				v.reportAs(zipEntryPathUnsafe, validate.Warning, where,
					"entry %q is an archiver leftover (macOS __MACOSX/ or ._ files, .DS_Store, Thumbs.db) and counts as an extra file or folder; zip again without it (zip -X -r ... -x '__MACOSX/*' '*.DS_Store')", raw)
			}
		}
		if depth >= maxNestLevels-1 && !isDir && hasExt(name, ".zip") {
			v.reportAs(zipEntryPathUnsafe, validate.Warning, where,
				"entry %q is an archive nested deeper than the package layout (package > Package Deployer zip > solution); it is not opened: remove it", raw)
		}
		key := strings.ToLower(name)
		if isDir {
			key += "/"
		}
		if first, dup := seen[key]; dup {
			v.report(zipEntryPathUnsafe, where, "entry %q repeats %q (names are compared ignoring case, as Windows extracts them); remove the duplicate", raw, first)
			continue
		}
		seen[key] = raw
		a.entries = append(a.entries, &entry{name: name, dir: isDir, f: f})
	}
	return a
}

func isLetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }

// windowsUnsafe finds a path segment Windows can't create: one with a character it forbids in
// names (<>:"|?* and control characters; ':' would also address an NTFS stream) or a device
// name (CON, NUL, COM1, ... with or without an extension).
func windowsUnsafe(segs []string) (seg, why string) {
	for _, s := range segs {
		for _, r := range s {
			if r < 0x20 || strings.ContainsRune(`<>:"|?*`, r) {
				return s, fmt.Sprintf("it contains %q", r)
			}
		}
		base := strings.ToUpper(strings.TrimRight(s, " ."))
		if i := strings.IndexByte(base, '.'); i >= 0 {
			base = strings.TrimRight(base[:i], " ")
		}
		switch base {
		case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
			return s, base + " is a device name"
		}
		if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) && base[3] >= '0' && base[3] <= '9' {
			return s, base + " is a device name"
		}
	}
	return "", ""
}

// trailingDotSpace finds a segment Windows renames on extraction.
func trailingDotSpace(segs []string) (string, bool) {
	for _, s := range segs {
		if s != "" && s != "." && s != ".." && (strings.HasSuffix(s, ".") || strings.HasSuffix(s, " ")) {
			return s, true
		}
	}
	return "", false
}

// lastPart is the innermost name of a label (a.zip!b.zip!c.xml -> c.xml).
func lastPart(label string) string {
	if i := strings.LastIndex(label, "!"); i >= 0 {
		return label[i+1:]
	}
	return label
}

// read returns an entry's bytes, reading it once through a size cap and keeping them for the
// next call. ok is false when the entry can't be read; the reason has been reported.
func (v *verifier) read(a *archive, e *entry) ([]byte, bool) {
	if e.read {
		return e.data, e.ok
	}
	data, ok := v.readEntry(a, e)
	e.read, e.data, e.ok = true, data, ok
	return data, ok
}

// readOnce reads an entry without keeping its bytes, for a caller that needs them once
// (workflow files); a failure is remembered like read's.
func (v *verifier) readOnce(a *archive, e *entry) ([]byte, bool) {
	if e.read {
		return e.data, e.ok
	}
	data, ok := v.readEntry(a, e)
	e.read = !ok
	return data, ok
}

func (v *verifier) readEntry(a *archive, e *entry) ([]byte, bool) {
	f, where := e.f, a.label+"!"+e.name
	if f.Flags&1 != 0 {
		v.report(validate.PackageNotReadable, where, "%s is encrypted; packages must not be password-protected", e.name)
		return nil, false
	}
	if f.Method != zip.Store && f.Method != zip.Deflate {
		v.report(validate.PackageNotReadable, where, "%s uses compression method %d; use Deflate or Store (the standard zip methods)", e.name, f.Method)
		return nil, false
	}
	if v.run.bytesLeft() <= 0 {
		v.budgetSpent(where)
		return nil, false
	}
	limit := min(int64(maxEntrySize), v.budget)
	left := v.run.bytesLeft()
	if f.UncompressedSize64 <= uint64(limit) && f.UncompressedSize64 > uint64(left) {
		v.budgetSpent(where)
		return nil, false
	}
	limit = min(limit, left)
	if f.UncompressedSize64 > uint64(limit) {
		v.report(validate.PackageNotReadable, where, "%s declares %d bytes uncompressed, over the %d-byte limit this checker reads (a compression bomb?); a certification package is a few MiB", e.name, f.UncompressedSize64, limit)
		return nil, false
	}
	if f.UncompressedSize64 > ratioFloor && (f.CompressedSize64 == 0 || f.UncompressedSize64/f.CompressedSize64 > maxRatio) {
		v.report(validate.PackageNotReadable, where, "%s expands %d bytes to %d (ratio over %d:1), the shape of a compression bomb; it was not read", e.name, f.CompressedSize64, f.UncompressedSize64, maxRatio)
		return nil, false
	}
	rc, err := f.Open()
	if err != nil {
		v.report(validate.PackageNotReadable, where, "%s can't be opened: %v", e.name, err)
		return nil, false
	}
	defer rc.Close()
	// The declared size is a hint only (the reader stops at limit+1 whatever it says).
	buf := bytes.NewBuffer(make([]byte, 0, min(int64(f.UncompressedSize64), limit)+bytes.MinRead))
	_, err = buf.ReadFrom(io.LimitReader(rc, limit+1))
	data := buf.Bytes()
	v.budget -= int64(len(data))
	v.run.spendBytes(int64(len(data)))
	if int64(len(data)) > limit && limit == left {
		v.budgetSpent(where)
		return nil, false
	}
	if int64(len(data)) > limit {
		v.report(validate.PackageNotReadable, where, "%s expands past %d bytes although it declares %d (a compression bomb?); it was not read", e.name, limit, f.UncompressedSize64)
		return nil, false
	}
	if errors.Is(err, zip.ErrFormat) {
		v.report(validate.PackageNotReadable, where, "%s doesn't match its zip header: it expands past the %d bytes declared, or is cut short (a compression bomb, or a damaged zip); zip the package again", e.name, f.UncompressedSize64)
		return nil, false
	}
	if err != nil {
		v.report(validate.PackageNotReadable, where, "%s is corrupt (%v); zip the package again", e.name, err)
		return nil, false
	}
	return data, true
}

// budgetSpent reports, once per verification, that the run's budget stopped the reading.
func (v *verifier) budgetSpent(where string) {
	if v.budgetReported {
		return
	}
	v.budgetReported = true
	b, e := v.run.Used()
	v.report(validate.PackageNotReadable, where, "the zip budget of this run (%d MiB uncompressed, %d entries; spent %d MiB, %d entries) is used up, so this package was not fully checked: check it on its own (connector-check verify-package FILE), and remove zips that aren't certification packages from the connector folders", v.run.maxBytes>>20, v.run.maxEntries, b>>20, e)
}

// level lists the files directly in folder dir ("" for the root) and the names of its
// sub-folders, sorted.
func (a *archive) level(dir string) (files []*entry, folders []string) {
	prefix := ""
	if dir != "" {
		prefix = dir + "/"
	}
	seen := map[string]bool{}
	for _, e := range a.entries {
		// Folder names are compared ignoring case: Windows merges PkgAssets/ and pkgassets/.
		if len(e.name) <= len(prefix) || !strings.EqualFold(e.name[:len(prefix)], prefix) {
			continue
		}
		rest := e.name[len(prefix):]
		sub, _, deeper := strings.Cut(rest, "/")
		if deeper || e.dir {
			if !seen[strings.ToLower(sub)] {
				seen[strings.ToLower(sub)] = true
				folders = append(folders, sub)
			}
			continue
		}
		files = append(files, e)
	}
	slices.Sort(folders)
	return files, folders
}

// find returns the file entry named name (compared ignoring case, as Windows extracts).
func (a *archive) find(name string) *entry {
	if a.byName == nil {
		a.byName = make(map[string]*entry, len(a.entries))
		for _, e := range a.entries {
			if !e.dir {
				a.byName[strings.ToLower(e.name)] = e
			}
		}
	}
	return a.byName[strings.ToLower(strings.TrimPrefix(name, "/"))]
}

// stripBOM drops a UTF-8 byte order mark.
func stripBOM(b []byte) []byte { return bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) }

func hasExt(name, ext string) bool { return strings.EqualFold(path.Ext(name), ext) }

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
