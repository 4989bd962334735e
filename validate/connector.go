package validate

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/connector-check/connector-check/internal/jsonpos"
	"github.com/connector-check/connector-check/internal/safefile"
	"github.com/connector-check/connector-check/internal/textpos"
)

// Canonical file names of a connector folder (compared case-insensitively when looking them up).
const (
	SwaggerName    = "apiDefinition.swagger.json"
	PropertiesName = "apiProperties.json"
	ReadmeName     = "readme.md"
	ScriptName     = "script.csx"
	IntroName      = "intro.md"
	IconName       = "icon.png"
	SettingsName   = "settings.json"
)

// MaxFileSize caps what is read of one file. Larger files get a finding and are not parsed; the
// biggest published swagger is 1.1 MB, so this leaves room for real files and stops hostile ones.
const MaxFileSize = 32 << 20

// Connector is one loaded connector folder. Every file is read once, here.
type Connector struct {
	Path string // folder as given on the command line joined with the discovered sub-path, forward slashes
	Dir  string // the folder on disk
	Kind Kind
	// KindResolved is false when neither the path nor --kind named the kind (Custom is assumed).
	KindResolved bool
	Entries      []Entry // top-level entries, sorted by name

	// Swagger is apiDefinition.swagger.json or, when that is absent, its one misspelled stand-in
	// (apiDefination.swagger.json), checked in its place so its authors see every finding at once.
	Swagger    *File
	Properties *File
	Readme     *File
	Script     *File
	Settings   *File // settings.json (paconn's argument store), when present
	Intro      *File // intro.md, when the folder has one (C: optional; required only in a package)
	Icon       *File // icon.png, read as bytes (no line index is built unless a rule asks)

	// New: a new submission (absent at the merge base, or --new), for the ↑new escalation.
	New bool

	model *spec // the swagger model, built on first use by the rules (spec())
	arena *jsonpos.Arena
	// overlay, when set, supplies files in place of the disk (fix verifies edits in memory).
	overlay func(name string, isJSON bool) *File
}

// Entry is one top-level directory entry of a connector folder.
type Entry struct {
	Name  string
	IsDir bool
	Mode  fs.FileMode // type bits only (regular, symlink, ...), as ReadDir reports them
}

// File is one loaded file: its bytes and, for JSON files, the parsed document with positions.
type File struct {
	Name     string // name on disk
	Path     string // report path (connector path + "/" + name)
	Data     []byte
	JSON     *jsonpos.Document // for JSON files; nil when not read
	Lines    *textpos.Index    // line index of Data (the JSON document's for JSON files)
	TooLarge bool              // over MaxFileSize: not read
	ReadErr  error             // not a regular file (a symbolic link, FIFO, device) or not readable
}

// Discover returns every connector folder under root, sorted by path. A folder is a connector
// when it holds a swagger or apiProperties file (names compared case-insensitively), or when it
// is a direct child of a certified-connectors, independent-publisher-connectors or
// custom-connectors folder (a proposal folder with only a readme). Discovery doesn't descend
// into connectors, hidden folders or symbolic links.
func Discover(root string) ([]string, error) {
	found, err := discover(root)
	var dirs []string
	for _, f := range found {
		if f.unread {
			if _, err := os.ReadDir(f.dir); err != nil {
				continue // unreadable: skipped like every unreadable sub-folder
			}
		}
		dirs = append(dirs, f.dir)
	}
	return dirs, err
}

// discovered is a connector folder Discover found. unread: found by its place alone (a direct
// child of a kind folder) without reading it; Run skips it when it turns out to be unreadable, as
// Discover does.
type discovered struct {
	dir    string
	unread bool
}

func discover(root string) ([]discovered, error) {
	info, err := os.Stat(root)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", root)
	}
	var found []discovered
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return err
			}
			return nil // unreadable sub-folder: skip it, keep the rest
		}
		if !d.IsDir() {
			return nil
		}
		if p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
			return fs.SkipDir
		}
		// A direct child of a kind folder is a connector whatever it holds: not reading it
		// here saves reading every connector folder twice (Load reads it).
		if p != root && underKindFolder(p) {
			found = append(found, discovered{dir: p, unread: true})
			return fs.SkipDir
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil
		}
		if underKindFolder(p) || holdsConnectorFile(entries) {
			found = append(found, discovered{dir: p})
			return fs.SkipDir
		}
		return nil
	})
	slices.SortFunc(found, func(a, b discovered) int { return strings.Compare(a.dir, b.dir) })
	return found, err
}

// underKindFolder reports whether dir is a direct child of a kind folder (resolved absolutely, so
// that "." inside a connector folder counts too).
func underKindFolder(dir string) bool {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	_, ok := kindFolders[strings.ToLower(filepath.Base(filepath.Dir(abs)))]
	return ok
}

func holdsConnectorFile(entries []fs.DirEntry) bool {
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		n := strings.ToLower(e.Name())
		if n == strings.ToLower(PropertiesName) || strings.HasSuffix(n, ".swagger.json") {
			return true
		}
	}
	return false
}

// reportPath is how findings name a folder: cleaned, with forward slashes.
func reportPath(dir string) string { return path.Clean(filepath.ToSlash(dir)) }

// Load reads a connector folder. reportAs is how findings name it; kind 0 means auto.
func Load(dir, reportAs string, kind Kind) (*Connector, error) {
	return loadIn(dir, reportAs, kind, nil)
}

// loadIn is Load with the JSON trees in arena a (nil: allocated on their own): the connector is
// valid until a's Reset.
func loadIn(dir, reportAs string, kind Kind, a *jsonpos.Arena) (*Connector, error) {
	c := newConnector(dir, reportAs, kind)
	c.arena = a
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	for _, de := range des {
		c.Entries = append(c.Entries, Entry{Name: de.Name(), IsDir: de.IsDir(), Mode: de.Type()})
	}
	c.loadFiles()
	return c, nil
}

// loadFiles loads the canonical files among c.Entries (through c.overlay when it is set).
func (c *Connector) loadFiles() {
	c.Swagger = c.loadCanonical(SwaggerName, true)
	if c.Swagger == nil {
		if alt := c.swaggerStandIn(); alt != "" {
			c.Swagger = c.load(alt, true)
		}
	}
	c.Properties = c.loadCanonical(PropertiesName, true)
	c.Readme = c.loadCanonical(ReadmeName, false)
	c.Script = c.loadCanonical(ScriptName, false)
	c.Settings = c.loadCanonical(SettingsName, true)
	c.Intro = c.loadCanonical(IntroName, false)
	c.Icon = c.loadCanonical(IconName, false)
}

// Find returns the entry whose name equals name case-insensitively, preferring the exact case.
func (c *Connector) Find(name string) (Entry, bool) {
	var fold Entry
	found := false
	for _, e := range c.Entries {
		if e.Name == name {
			return e, true
		}
		if !found && strings.EqualFold(e.Name, name) {
			fold, found = e, true
		}
	}
	return fold, found
}

// FilePath is the report path of a file in the folder.
func (c *Connector) FilePath(name string) string { return path.Join(c.Path, name) }

func (c *Connector) loadCanonical(name string, isJSON bool) *File {
	e, ok := c.Find(name)
	if !ok || e.IsDir {
		return nil
	}
	return c.load(e.Name, isJSON)
}

// swaggerStandIn is the one misspelled swagger file to check in place of a missing canonical one.
func (c *Connector) swaggerStandIn() string {
	var candidates []string
	for _, e := range c.Entries {
		if e.Mode.IsRegular() && misspelledCanonical(e.Name) == SwaggerName {
			candidates = append(candidates, e.Name)
		}
	}
	if len(candidates) == 1 {
		return candidates[0]
	}
	return ""
}

func (c *Connector) load(name string, isJSON bool) *File {
	if c.overlay != nil {
		if f := c.overlay(name, isJSON); f != nil {
			return f
		}
	}
	f := &File{Name: name, Path: c.FilePath(name)}
	var alloc func(int) []byte
	if c.arena != nil {
		alloc = c.arena.Bytes
	}
	data, tooLarge, err := safefile.ReadInto(filepath.Join(c.Dir, name), MaxFileSize, alloc)
	switch {
	case err != nil:
		f.ReadErr = err
	case tooLarge:
		f.TooLarge = true
	default:
		f.setDataIn(data, isJSON, c.arena)
	}
	return f
}

// newConnector is a connector with no files yet; kind 0 means auto (from the path, else custom).
func newConnector(dir, reportAs string, kind Kind) *Connector {
	c := &Connector{Path: reportPath(reportAs), Dir: dir, Kind: kind, KindResolved: kind != 0}
	if c.Kind == 0 {
		if abs, err := filepath.Abs(dir); err == nil {
			c.Kind = KindFromPath(abs)
		}
		c.KindResolved = c.Kind != 0
		if c.Kind == 0 {
			c.Kind = Custom
		}
	}
	return c
}

// setData gives a file its bytes and their index: a position tree for JSON, lines otherwise.
func (f *File) setData(data []byte, isJSON bool) { f.setDataIn(data, isJSON, nil) }

// setDataIn is setData with the JSON tree in arena a (nil: allocated on its own).
func (f *File) setDataIn(data []byte, isJSON bool, a *jsonpos.Arena) {
	f.Data = data
	if isJSON {
		f.JSON = jsonpos.ParseIn(data, a)
		f.Lines = f.JSON.Lines
	} else {
		f.Lines = textpos.New(data)
	}
}

// FromFiles builds a connector from file contents rather than a folder on disk: a base version
// read from git or the contents API, or fuzzed input. files maps canonical names (SwaggerName,
// PropertiesName, ReadmeName, ScriptName) to contents; swaggerName, if given, is the swagger's
// name on disk. kind 0 means auto (from dir).
func FromFiles(reportAs, dir string, kind Kind, files map[string][]byte, swaggerName string) *Connector {
	c := newConnector(dir, reportAs, kind)
	add := func(name string, isJSON bool) *File {
		data, ok := files[name]
		if !ok {
			return nil
		}
		if name == SwaggerName && swaggerName != "" {
			name = swaggerName
		}
		f := &File{Name: name, Path: c.FilePath(name)}
		f.setData(data, isJSON)
		c.Entries = append(c.Entries, Entry{Name: name, Mode: 0})
		return f
	}
	c.Swagger = add(SwaggerName, true)
	c.Properties = add(PropertiesName, true)
	c.Readme = add(ReadmeName, false)
	c.Script = add(ScriptName, false)
	slices.SortFunc(c.Entries, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })
	return c
}

// errNotRegular: a symbolic link, FIFO, device or folder where a file was expected.
var errNotRegular = safefile.ErrNotRegular

// readCapped reads a regular file, refusing to follow a symbolic link or to read past limit.
func readCapped(name string, limit int64) ([]byte, bool, error) {
	return safefile.Read(name, limit)
}
