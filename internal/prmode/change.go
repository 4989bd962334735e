package prmode

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/connector-check/connector-check/internal/ghapi"
	"github.com/connector-check/connector-check/internal/resultset"
	"github.com/connector-check/connector-check/internal/safefile"
	"github.com/connector-check/connector-check/validate"
)

// Pull-request mode. On pull_request events the action reads the event payload, lists the PR's
// changed files (REST API, or git diff without a token), validates only the connectors the PR
// touches (scope: changed), runs the §16 PR rules, and compares each touched connector with its
// version at the base commit (§15). The configuration and the baseline come from the base commit,
// so the pull request can't lower its own verdict. With new-findings-only, each touched connector
// that exists at the base is validated there too, and findings the base already has are
// inherited: notices that never fail. When the changed files can't be known (no token and no git)
// the check stops with an error rather than check something else; what else can't be read (a
// base version) becomes one PrContextUnavailable notice.

// Change is what pull-request mode knows about the change, and runs it.
type Change struct {
	PR      validate.PullRequest
	IsPR    bool   // from a pull_request event (the PR rules run); false for a base comparison
	BaseSHA string // commit to compare with
	HeadSHA string // "" = the working tree
	Root    string // repository root on disk ("." in the action)
	Scope   string // changed or all
	API     ghapi.PRSource
	Notices []string // what was skipped, for the PrContextUnavailable notice
	NewOnly bool     // compare findings with the base version: inherited ones become notices
	// Files are the changed files when they were listed before the run (the base input's compare).
	Files []validate.ChangedFile
	// VerifyPackage looks into the zips of a connector's base version (inherited findings).
	VerifyPackage validate.PackageVerifier

	baseInGit int    // 1: the base commit is in the local repository, -1: it isn't, 0: not asked yet
	tmp       string // folder of the base versions of touched connectors, during Run
}

// RunConfig is what Run needs of the command's settings, read when the run starts (after the
// configuration and the baseline were loaded).
type RunConfig struct {
	Paths []string      // the paths to check (the touched connectors are filtered by them)
	Kind  validate.Kind // the kind flag or input (0: from the path)
	// Settings maps the repository paths of the configuration and baseline read at the base to
	// their report paths (PrSettingsChanged).
	Settings map[string]string
	// Acknowledge are the configuration's acknowledge-breaking entries.
	Acknowledge []validate.Acknowledgement
}

// ErrNoChangeSource is pull-request mode without a way to know what changed.
func ErrNoChangeSource(what string) error {
	return errors.New(what + ": connector-check can't tell what the change touches, and it doesn't fall back to checking " +
		"every connector. Give it a token: `github-token: ${{ github.token }}` under `with:` (a `uses: docker://` step gets " +
		"no input defaults; `env: GITHUB_TOKEN: ${{ github.token }}` works too) with `permissions: pull-requests: read`; " +
		"or run it where git has the base commit (actions/checkout with fetch-depth: 0, an image with git)")
}

// UseBase compares with base (the action's base input): local git when it has the commit, else
// the compare API against head (the shipped image has no git), which lists the changed files now.
func (c *Change) UseBase(ctx context.Context, base, head string) error {
	if HasCommit(c.Root, base) {
		c.BaseSHA, c.HeadSHA = base, "HEAD"
		return nil
	}
	if c.API == nil {
		return ErrNoChangeSource("base " + base + ": git has no such commit here and there is no token for the compare API")
	}
	src := &APISource{API: c.API, Base: base, Head: head}
	files, err := src.Changed(ctx)
	if err != nil {
		return fmt.Errorf("base %s: comparing with %s through the GitHub API failed: %v", base, head, err)
	}
	if src.Truncated {
		c.Notices = append(c.Notices, fmt.Sprintf("the compare API lists at most %d files; files past them were not checked", ghapi.MaxCompareFiles))
	}
	c.BaseSHA, c.Files = src.Base, files
	return nil
}

// CheckSource fails a pull request that has neither a token nor its base commit in git.
func (c *Change) CheckSource() error {
	if c.API == nil && (c.BaseSHA == "" || !HasCommit(c.Root, c.BaseSHA)) {
		return ErrNoChangeSource("pull request with no GitHub token, and git can't read its base commit")
	}
	return nil
}

// SettingsFile reads a repository path at the base commit for the configuration and baseline.
func (c *Change) SettingsFile(repoPath string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	return c.baseFile(ctx, repoPath)
}

// Run produces the result of pull-request mode.
func (c *Change) Run(cfg RunConfig, opts validate.Options) (*validate.Result, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	files, err := c.changedFiles(ctx)
	if err != nil {
		return nil, err
	}
	c.PR.Files = files
	var extra []validate.Finding
	if c.IsPR {
		extra = append(extra, validate.CheckPullRequest(&c.PR)...)
	}
	if len(cfg.Settings) > 0 {
		extra = append(extra, validate.CheckSettingsChanged(files, cfg.Settings)...)
	}
	secrets := c.secrets(files, cfg.Kind)

	// What to validate: the touched connectors that exist in the head (scope changed), else
	// cfg.Paths. A connector folder, or a folder above it, that is a symbolic link is not
	// followed: the PR may point it anywhere on the runner.
	var dirs []string
	for _, folder := range validate.ConnectorFolders(files) {
		dir := filepath.Join(c.Root, filepath.FromSlash(folder))
		if !within(dir, cfg.Paths) {
			continue
		}
		if err := safefile.Inside(c.Root, filepath.FromSlash(folder)); err != nil {
			extra = append(extra, linkedFolder(dir, err))
			continue
		}
		if info, err := os.Lstat(dir); err != nil || !info.IsDir() {
			continue
		}
		dirs = append(dirs, dir)
	}
	// A touched connector whose folder is absent at the base is a new submission: the catalog's
	// ↑new rules are errors for it (unless --new already says so for every connector).
	isNew := map[string]bool{}
	if c.BaseSHA != "" {
		for _, dir := range dirs {
			if c.absentAtBase(ctx, dir) {
				isNew[path.Clean(filepath.ToSlash(dir))] = true
			}
		}
		if !opts.New {
			opts.IsNew = func(connector string) bool { return isNew[connector] }
		}
	}
	var res *validate.Result
	switch {
	case c.Scope == "changed" && len(dirs) == 0:
		res = &validate.Result{} // the PR touches no connector under the paths
	case c.Scope == "changed":
		res, err = validate.Run(dirs, opts)
	default:
		res, err = validate.Run(cfg.Paths, opts)
	}
	if err != nil {
		return nil, err
	}

	// Breaking changes of each touched connector against its base version.
	if c.BaseSHA != "" {
		acks := c.acknowledgements(cfg.Acknowledge)
		for _, dir := range dirs {
			extra = append(extra, c.breaking(ctx, dir, cfg.Kind, acks)...)
		}
	}
	// The independent-publisher certification article's checks: publisher, existing connectors, proposals.
	extra = append(extra, c.ipProcess(ctx, dirs, cfg.Kind, res)...)
	if c.NewOnly && c.BaseSHA != "" {
		c.markOrigins(ctx, res, dirs, isNew, secrets)
		for i := range extra {
			extra[i].Introduced = true // the PR's own rules, breaking changes, settings
		}
	}
	extra = append(extra, secrets...)
	if len(c.Notices) > 0 {
		file := c.PR.EventFile
		n := validate.ContextUnavailable("", file, strings.Join(c.Notices, "; "))
		if c.NewOnly && c.BaseSHA != "" {
			n.Introduced = true
		}
		extra = append(extra, n)
	}
	resultset.Add(res, extra)
	return res, nil
}

// linkedFolder is the error for a touched connector folder that is (or lies under) a symbolic
// link: it is not followed.
func linkedFolder(dir string, err error) validate.Finding {
	p := path.Clean(filepath.ToSlash(dir))
	f, _ := validate.NewFinding(validate.FileUnreadable, 0, validate.Custom, false, p, p, // every kind, one severity
		"the connector folder can't be checked: "+err.Error()+"; a connector is a plain folder of plain files")
	f.Introduced = true
	return f
}

// within reports whether dir is inside one of paths (both relative to the working directory, or
// absolute).
func within(dir string, paths []string) bool {
	if len(paths) == 0 {
		return true
	}
	d, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	for _, p := range paths {
		if ap, err := filepath.Abs(p); err == nil {
			if _, ok := relInside(ap, d); ok {
				return true
			}
		}
	}
	return false
}

// relInside is p relative to dir, when p is dir or inside it.
func relInside(dir, p string) (string, bool) {
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return rel, true
}

// changedFiles lists the change's files: the compare API's list when the base input gave one,
// else the pull request files API with a token, else git diff BASE...HEAD. When none works the
// run stops with an error: checking everything instead would hide the PR rules, the breaking
// changes and the secret scan.
func (c *Change) changedFiles(ctx context.Context) ([]validate.ChangedFile, error) {
	if c.Files != nil {
		return c.Files, nil
	}
	if c.API != nil && c.IsPR {
		files, err := (&APISource{API: c.API, Number: c.PR.Number}).Changed(ctx)
		if err == nil {
			return files, nil
		}
		if c.BaseSHA == "" || !HasCommit(c.Root, c.BaseSHA) {
			return nil, ErrNoChangeSource("listing the pull request's files failed (" + err.Error() + ") and git can't read the base commit")
		}
		c.Notices = append(c.Notices, "listing the changed files failed ("+err.Error()+"), git diff was used instead")
		c.API = nil // a refused token won't read contents either
	} else if c.IsPR {
		c.Notices = append(c.Notices, "no GitHub token: the changed files come from git diff and base versions from git only")
	}
	if c.BaseSHA == "" {
		return nil, ErrNoChangeSource("no base commit")
	}
	files, err := GitSource{Root: c.Root, Base: c.BaseSHA, Head: c.HeadSHA}.Changed(ctx)
	if err != nil {
		head := c.HeadSHA
		if head == "" {
			head = "HEAD"
		}
		return nil, ErrNoChangeSource("git diff " + c.BaseSHA + "..." + head + " failed (" + err.Error() + ")")
	}
	return files, nil
}

// absentAtBase reports whether the connector folder at dir holds neither a swagger nor an
// apiProperties.json at the base commit: the change adds the connector. When the base can't be
// read, the answer is false (no escalation on a guess).
func (c *Change) absentAtBase(ctx context.Context, dir string) bool {
	folder, ok := c.repoPath(dir)
	if !ok {
		return false
	}
	for _, name := range []string{validate.SwaggerName, validate.PropertiesName} {
		if _, err := c.baseFile(ctx, path.Join(folder, name)); !errors.Is(err, ErrAbsent) {
			return false
		}
	}
	return true
}

// repoPath is the repository path (forward slashes) of dir, a folder on disk.
func (c *Change) repoPath(dir string) (string, bool) {
	rel, err := filepath.Rel(c.Root, dir)
	return filepath.ToSlash(rel), err == nil
}

// baseFile reads a repository path at the base commit: local git when the commit is there, else
// the contents API. ErrAbsent means the file was added by the change.
func (c *Change) baseFile(ctx context.Context, repoPath string) ([]byte, error) {
	if c.baseInGit == 0 {
		c.baseInGit = -1
		if HasCommit(c.Root, c.BaseSHA) {
			c.baseInGit = 1
		}
	}
	if c.baseInGit > 0 {
		return GitSource{Root: c.Root, Base: c.BaseSHA}.BaseFile(ctx, repoPath)
	}
	if c.API == nil {
		return nil, errors.New("the base commit isn't in the checkout (fetch-depth: 0 brings it) and there is no token for the contents API")
	}
	return (&APISource{API: c.API, Base: c.BaseSHA}).BaseFile(ctx, repoPath)
}

// acknowledgements are the intended breaking changes: the configuration's acknowledge-breaking
// entries (in pull-request mode the configuration comes from the base branch) and, on a pull
// request, the acknowledgement lines of its description (docs/breaking.md).
func (c *Change) acknowledgements(configured []validate.Acknowledgement) []validate.Acknowledgement {
	acks := append([]validate.Acknowledgement(nil), configured...)
	if c.IsPR {
		acks = append(acks, validate.ParseAcknowledgements(c.PR.Body)...)
	}
	return acks
}

// breaking compares the connector at dir with its base version whenever both swaggers can be
// read (the lenient parse suffices), whatever other findings the connector has. Only an
// unreadable side skips the comparison, with a notice naming the file; a connector absent at the
// base is new, so there is nothing to compare and nothing to say. Related places in the base
// version carry the base commit; acks turn the breaks they cover into warnings.
func (c *Change) breaking(ctx context.Context, dir string, kind validate.Kind, acks []validate.Acknowledgement) []validate.Finding {
	newC, err := validate.Load(dir, dir, kind)
	folder, ok := c.repoPath(dir)
	if err != nil || !ok {
		return nil
	}
	notChecked := func(why string) []validate.Finding {
		c.Notices = append(c.Notices, "breaking changes of "+newC.Path+" not checked: "+why)
		return nil
	}
	name := validate.SwaggerName
	if newC.Swagger != nil {
		name = newC.Swagger.Name
	}
	swaggerPath := path.Join(folder, name)
	for _, f := range c.PR.Files {
		if f.Path == swaggerPath && f.PreviousPath != "" {
			swaggerPath = f.PreviousPath
		}
	}
	oldSwagger, err := c.baseFile(ctx, swaggerPath)
	if errors.Is(err, ErrAbsent) {
		return nil // added in this change: nothing to compare
	}
	if err != nil {
		return notChecked("reading " + swaggerPath + " at the base commit " + c.BaseSHA + " failed (" + err.Error() + ")")
	}
	if newC.Swagger == nil {
		return notChecked(path.Join(newC.Path, name) + " is missing")
	}
	if newC.Swagger.JSON == nil || newC.Swagger.JSON.Root == nil {
		return notChecked(newC.Swagger.Path + " isn't JSON, even read leniently (JsonParseError shows where)")
	}
	files := map[string][]byte{validate.SwaggerName: oldSwagger}
	if newC.Properties != nil {
		if props, err := c.baseFile(ctx, path.Join(folder, newC.Properties.Name)); err == nil {
			files[validate.PropertiesName] = props
		}
	}
	oldC := validate.FromFiles(newC.Path, dir, newC.Kind, files, path.Base(swaggerPath))
	if oldC.Swagger == nil || oldC.Swagger.JSON == nil || oldC.Swagger.JSON.Root == nil {
		return notChecked(swaggerPath + " at the base commit " + c.BaseSHA + " isn't JSON, even read leniently")
	}
	if newC.Properties != nil && oldC.Properties != nil {
		oldC.Properties.Path = newC.Properties.Path
	}
	changes := validate.BreakingChanges(oldC, newC)
	commit := c.BaseSHA
	if out, err := Git(c.Root, "rev-parse", "--verify", "-q", c.BaseSHA+"^{commit}"); err == nil {
		commit = strings.TrimSpace(string(out))
	}
	for i := range changes {
		for j := range changes[i].Related { // every related place of a breaking change is in the base version
			changes[i].Related[j].Commit = commit
		}
	}
	return validate.AcknowledgeBreaking(changes, folder, acks)
}

// secrets scans the changed files that exist in the head for committed credentials.
func (c *Change) secrets(files []validate.ChangedFile, kind validate.Kind) []validate.Finding {
	var out []validate.Finding
	for _, f := range files {
		if f.Status == "removed" {
			continue
		}
		p := filepath.Join(c.Root, filepath.FromSlash(f.Path))
		if safefile.Inside(c.Root, filepath.FromSlash(f.Path)) != nil {
			continue // under a symbolic link: never read
		}
		data, err := safefile.ReadFile(p, validate.MaxFileSize)
		if err != nil {
			continue
		}
		connector := ""
		k := kind
		if folder, fk, ok := validate.ConnectorFolderOf(f.Path); ok {
			connector = filepath.ToSlash(filepath.Join(c.Root, filepath.FromSlash(folder)))
			if k == 0 {
				k = fk
			}
		}
		out = append(out, validate.CheckSecrets(connector, k, filepath.ToSlash(p), data)...)
	}
	return out
}
