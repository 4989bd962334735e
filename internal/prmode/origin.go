package prmode

import (
	"context"
	"errors"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/connector-check/connector-check/internal/baseline"
	"github.com/connector-check/connector-check/internal/resultset"
	"github.com/connector-check/connector-check/internal/safefile"
	"github.com/connector-check/connector-check/validate"
)

// Fail only on what the change introduces (the model of golangci-lint's --new-from-rev): each
// touched connector that exists at the base is validated again in its base version, and its
// findings are matched by a position-independent key (baseline.ChangeKey). Matched findings are
// inherited; the rest are introduced, and a rule that is an error for new submissions (↑new) is
// an error when a change introduces it into an existing connector too: content a change adds must
// meet today's policy. A new connector's findings are all introduced.

// markOrigins sets Inherited or Introduced on every finding of res (validated connectors) and
// of secrets (the changed files' secret scan).
func (c *Change) markOrigins(ctx context.Context, res *validate.Result, dirs []string, isNew map[string]bool, secrets []validate.Finding) {
	var err error
	if c.tmp, err = os.MkdirTemp("", "connector-check-base-"); err != nil {
		c.Notices = append(c.Notices, "inherited findings not told apart: "+err.Error())
		return
	}
	defer func() { os.RemoveAll(c.tmp); c.tmp = "" }()

	var base []validate.Finding
	baseDirs := map[string]string{} // connector report path -> its base version on disk
	touched := map[string]bool{}
	for _, dir := range dirs {
		connector := path.Clean(filepath.ToSlash(dir))
		touched[connector] = true
		if isNew[connector] {
			continue
		}
		kind := validate.Kind(0)
		for _, cr := range res.Connectors {
			if cr.Path == connector {
				kind = cr.Kind
			}
		}
		bdir, err := c.materializeBase(ctx, dir)
		if err != nil {
			c.Notices = append(c.Notices, "the base version of "+connector+" couldn't be read ("+err.Error()+"), so all its findings count as introduced")
			continue
		}
		bc, err := validate.Load(bdir, connector, kind)
		if err != nil {
			continue
		}
		baseDirs[connector] = bdir
		base = append(base, validate.CheckWith(bc, c.VerifyPackage)...)
	}
	// The secret scan of each changed file's base version.
	for _, f := range secrets {
		if f.Connector == "" {
			continue
		}
		if bdir, ok := baseDirs[f.Connector]; ok {
			name := strings.TrimPrefix(f.File, f.Connector+"/")
			if data, err := safefile.ReadFile(filepath.Join(bdir, filepath.FromSlash(name)), validate.MaxFileSize); err == nil {
				base = append(base, validate.CheckSecrets(f.Connector, validate.Kind(0), f.File, data)...)
			}
		}
	}
	baseFP := &baseline.Fingerprinter{ReadFile: func(name string) ([]byte, error) {
		for connector, bdir := range baseDirs {
			if rest, ok := strings.CutPrefix(name, connector+"/"); ok {
				return safefile.ReadFile(filepath.Join(bdir, filepath.FromSlash(rest)), validate.MaxFileSize)
			}
		}
		return nil, os.ErrNotExist
	}}
	headFP := &baseline.Fingerprinter{}
	left := map[string]int{}
	for i := range base {
		left[baseFP.ChangeKey(&base[i])]++
	}
	mark := func(f *validate.Finding, changedFile bool) {
		if !changedFile && !touched[f.Connector] {
			// scope: all checks connectors the change doesn't touch: the base has the same.
			f.Inherited = true
			return
		}
		if _, compared := baseDirs[f.Connector]; compared {
			if k := headFP.ChangeKey(f); left[k] > 0 {
				left[k]--
				f.Inherited = true
				return
			}
		}
		f.Introduced = true
		if r, ok := validate.LookupRule(f.Rule); ok && r.New > f.Severity {
			f.Severity = r.New
			f.Message += " (" + r.New.String() + " when a change introduces it: new content meets the policy for new submissions)"
		}
	}
	for i := range res.Findings {
		mark(&res.Findings[i], false)
	}
	for i := range secrets {
		mark(&secrets[i], true)
	}
	resultset.Add(res, nil)
	resultset.Recount(res)
}

// materializeBase writes the base version of the connector folder dir into a folder of its own:
// the head's top-level files, with each file the change touched put back as the base had it
// (added files left out, removed and renamed ones restored). Files are read without following
// links; a folder entry stays an empty folder.
func (c *Change) materializeBase(ctx context.Context, dir string) (string, error) {
	folder, ok := c.repoPath(dir)
	if !ok {
		return "", errors.New("not in the repository")
	}
	// The copy keeps the folder's own name and its parent's (rules read the folder name, and
	// the kind folder above it).
	tmp, err := os.MkdirTemp(c.tmp, "c-")
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	out := filepath.Join(tmp, filepath.Base(filepath.Dir(abs)), filepath.Base(abs))
	if err := os.MkdirAll(out, 0o755); err != nil {
		return "", err
	}
	touched := map[string]bool{}   // names in the head that the change added or changed
	restore := map[string]string{} // name at the base -> repository path to read there
	for _, f := range c.PR.Files {
		if path.Dir(f.Path) == folder {
			touched[path.Base(f.Path)] = true
			if f.Status != "added" && f.Status != "renamed" && f.Status != "copied" {
				restore[path.Base(f.Path)] = f.Path
			}
		}
		if f.Status == "renamed" && f.PreviousPath != "" && path.Dir(f.PreviousPath) == folder {
			restore[path.Base(f.PreviousPath)] = f.PreviousPath
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case touched[name]:
		case e.IsDir():
			os.Mkdir(filepath.Join(out, name), 0o755)
		case e.Type().IsRegular():
			data, err := safefile.ReadFile(filepath.Join(dir, name), validate.MaxFileSize)
			if err != nil {
				continue
			}
			if err := os.WriteFile(filepath.Join(out, name), data, 0o600); err != nil {
				return "", err
			}
		}
	}
	for name, repoPath := range restore {
		data, err := c.baseFile(ctx, repoPath)
		if errors.Is(err, ErrAbsent) {
			continue
		}
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(out, name), data, 0o600); err != nil {
			return "", err
		}
	}
	return out, nil
}

// SettleInherited turns inherited findings into notices marked "(inherited)", after the
// configuration and the baseline: a configured severity can't make an inherited finding fail.
func SettleInherited(res *validate.Result) *validate.Result {
	changed := false
	for i := range res.Findings {
		if res.Findings[i].Inherited {
			changed = true
		}
	}
	if !changed {
		return res
	}
	out := *res
	out.Findings = append([]validate.Finding(nil), res.Findings...)
	out.Connectors = append([]validate.ConnectorResult(nil), res.Connectors...)
	for i := range out.Findings {
		if f := &out.Findings[i]; f.Inherited {
			f.Severity = validate.Notice
			f.Message = "(inherited) " + f.Message
		}
	}
	resultset.Recount(&out)
	return &out
}
