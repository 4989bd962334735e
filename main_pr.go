package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/connector-check/connector-check/internal/ghapi"
	"github.com/connector-check/connector-check/internal/prmode"
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

// prContext is what pull-request mode knows about the change.
type prContext struct {
	pr      validate.PullRequest
	isPR    bool   // from a pull_request event (the PR rules run); false for --base
	baseSHA string // commit to compare with
	headSHA string // "" = the working tree
	root    string // repository root on disk ("." in the action)
	scope   string // changed or all
	api     ghapi.PRSource
	notices []string // what was skipped, for the PrContextUnavailable notice
	newOnly bool     // compare findings with the base version: inherited ones become notices

	baseInGit int // 1: the base commit is in the local repository, -1: it isn't, 0: not asked yet
	// files are the changed files when they were listed before the run (the base input's compare).
	files []validate.ChangedFile
	tmp   string // folder of the base versions of touched connectors, during run
}

// errNoChangeSource is pull-request mode without a way to know what changed.
func errNoChangeSource(what string) error {
	return errors.New(what + ": connector-check can't tell what the change touches, and it doesn't fall back to checking " +
		"every connector. Give it a token: `github-token: ${{ github.token }}` under `with:` (a `uses: docker://` step gets " +
		"no input defaults; `env: GITHUB_TOKEN: ${{ github.token }}` works too) with `permissions: pull-requests: read`; " +
		"or run it where git has the base commit (actions/checkout with fetch-depth: 0, an image with git)")
}

// prEvent is the part of the pull_request event payload that is read.
type prEvent struct {
	Number      int `json:"number"`
	PullRequest struct {
		Number int    `json:"number"`
		Title  string `json:"title"`
		Body   string `json:"body"`
		Base   struct {
			Ref  string `json:"ref"`
			SHA  string `json:"sha"`
			Repo struct {
				FullName string `json:"full_name"`
			} `json:"repo"`
		} `json:"base"`
		Head struct {
			SHA string `json:"sha"`
		} `json:"head"`
	} `json:"pull_request"`
}

// preparePullRequest switches the action to pull-request mode on pull_request events (and to a
// base comparison when the base input is set). Other events keep the plain folder check.
func preparePullRequest(cfg *validateConfig, in func(string) string, getenv func(string) string) error {
	scope := strings.ToLower(strings.TrimSpace(in("scope")))
	switch scope {
	case "", "changed", "all":
	default:
		return fmt.Errorf("scope: unknown value %q (want changed or all)", scope)
	}
	event := getenv("GITHUB_EVENT_NAME")
	isPR := event == "pull_request" || event == "pull_request_target"
	base := strings.TrimSpace(in("base"))
	newOnly, err := parseBoolInput("new-findings-only", orDefault(in("new-findings-only"), "true"))
	if err != nil {
		return err
	}
	if !isPR && base == "" {
		return nil // scope defaults to all outside pull requests
	}
	if scope == "" {
		scope = "changed"
	}
	pc := &prContext{isPR: isPR, root: ".", scope: scope, newOnly: newOnly}
	if isPR {
		if err := pc.readEvent(getenv("GITHUB_EVENT_PATH")); err != nil {
			return err
		}
		if pc.pr.Repository == "" {
			pc.pr.Repository = getenv("GITHUB_REPOSITORY")
		}
	} else {
		pc.pr.Repository = getenv("GITHUB_REPOSITORY")
	}
	pc.pr.Upstream = validate.IsUpstreamRepository(pc.pr.Repository)
	token := ""
	if cfg.report != nil {
		token = cfg.report.token
	}
	if token != "" {
		client, err := ghapi.New(token, getenv("GITHUB_API_URL"), pc.pr.Repository)
		if err != nil {
			return fmt.Errorf("pull-request mode: %v", err)
		}
		pc.api = client
	}
	if !isPR {
		// The base input: local git when it has the ref, else the compare API against the
		// checked commit (the shipped image has no git).
		if prmode.HasCommit(pc.root, base) {
			pc.baseSHA, pc.headSHA = base, "HEAD"
		} else if pc.api != nil {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			head := orDefault(getenv("GITHUB_SHA"), "HEAD")
			src := &prmode.APISource{API: pc.api, Base: base, Head: head}
			files, err := src.Changed(ctx)
			if err != nil {
				return fmt.Errorf("base %s: comparing with %s through the GitHub API failed: %v", base, head, err)
			}
			if src.Truncated {
				pc.notices = append(pc.notices, fmt.Sprintf("the compare API lists at most %d files; files past them were not checked", ghapi.MaxCompareFiles))
			}
			pc.baseSHA, pc.files = src.Base, files
		} else {
			return errNoChangeSource("base " + base + ": git has no such commit here and there is no token for the compare API")
		}
	} else if pc.api == nil && (pc.baseSHA == "" || !prmode.HasCommit(pc.root, pc.baseSHA)) {
		return errNoChangeSource("pull request with no GitHub token, and git can't read its base commit")
	}
	if cfg.report != nil {
		cfg.report.atBase = pc.settingsFile
		cfg.report.root = pc.root
	}
	cfg.source = func(opts validate.Options) (*validate.Result, error) { return pc.run(*cfg, opts) }
	return nil
}

// settingsFile reads a repository path at the base commit for the configuration and baseline.
func (pc *prContext) settingsFile(repoPath string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	return pc.baseFile(ctx, repoPath)
}

// readPREvent reads the pull_request event payload at p (GITHUB_EVENT_PATH).
func readPREvent(p string) (prEvent, error) {
	var ev prEvent
	if p == "" {
		return ev, errors.New("pull_request event without GITHUB_EVENT_PATH")
	}
	data, err := safefile.ReadFile(p, validate.MaxFileSize)
	if err != nil {
		return ev, fmt.Errorf("reading the event payload: %v", err)
	}
	if ev, err = parsePREvent(data); err != nil {
		return ev, fmt.Errorf("reading the event payload %s: %v", p, err)
	}
	return ev, nil
}

// parsePREvent decodes the part of a pull_request payload that is read.
func parsePREvent(data []byte) (prEvent, error) {
	var ev prEvent
	err := json.Unmarshal(data, &ev)
	return ev, err
}

func (pc *prContext) readEvent(p string) error {
	ev, err := readPREvent(p)
	if err != nil {
		return err
	}
	n := ev.PullRequest.Number
	if n == 0 {
		n = ev.Number
	}
	pc.pr.Number, pc.pr.Title, pc.pr.Body = n, ev.PullRequest.Title, ev.PullRequest.Body
	pc.pr.BaseRef, pc.pr.Repository = ev.PullRequest.Base.Ref, ev.PullRequest.Base.Repo.FullName
	pc.pr.EventFile = p
	pc.baseSHA, pc.headSHA = ev.PullRequest.Base.SHA, ev.PullRequest.Head.SHA
	return nil
}

// run produces the result of pull-request mode.
func (pc *prContext) run(cfg validateConfig, opts validate.Options) (*validate.Result, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	files, err := pc.changedFiles(ctx)
	if err != nil {
		return nil, err
	}
	pc.pr.Files = files
	var extra []validate.Finding
	if pc.isPR {
		extra = append(extra, validate.CheckPullRequest(&pc.pr)...)
	}
	if cfg.report != nil && len(cfg.report.settings) > 0 {
		extra = append(extra, validate.CheckSettingsChanged(files, cfg.report.settings)...)
	}
	secrets := pc.secrets(files, cfg.kind)

	// What to validate: the touched connectors that exist in the head (scope changed), else
	// cfg.paths. A connector folder, or a folder above it, that is a symbolic link is not
	// followed: the PR may point it anywhere on the runner.
	var dirs []string
	for _, folder := range validate.ConnectorFolders(files) {
		dir := filepath.Join(pc.root, filepath.FromSlash(folder))
		if !within(dir, cfg.paths) {
			continue
		}
		if err := safefile.Inside(pc.root, filepath.FromSlash(folder)); err != nil {
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
	if pc.baseSHA != "" {
		for _, dir := range dirs {
			if pc.absentAtBase(ctx, dir) {
				isNew[path.Clean(filepath.ToSlash(dir))] = true
			}
		}
		if !opts.New {
			opts.IsNew = func(connector string) bool { return isNew[connector] }
		}
	}
	var res *validate.Result
	switch {
	case pc.scope == "changed" && len(dirs) == 0:
		res = &validate.Result{} // the PR touches no connector under the paths
	case pc.scope == "changed":
		res, err = validate.Run(dirs, opts)
	default:
		res, err = validate.Run(cfg.paths, opts)
	}
	if err != nil {
		return nil, err
	}

	// Breaking changes of each touched connector against its base version.
	if pc.baseSHA != "" {
		acks := pc.acknowledgements(cfg)
		for _, dir := range dirs {
			extra = append(extra, pc.breaking(ctx, dir, cfg.kind, acks)...)
		}
	}
	// The independent-publisher certification article's checks: publisher, existing connectors, proposals.
	extra = append(extra, pc.ipProcess(ctx, dirs, cfg.kind, res)...)
	if pc.newOnly && pc.baseSHA != "" {
		pc.markOrigins(ctx, res, dirs, isNew, secrets)
		for i := range extra {
			extra[i].Introduced = true // the PR's own rules, breaking changes, settings
		}
	}
	extra = append(extra, secrets...)
	if len(pc.notices) > 0 {
		file := pc.pr.EventFile
		n := validate.ContextUnavailable("", file, strings.Join(pc.notices, "; "))
		if pc.newOnly && pc.baseSHA != "" {
			n.Introduced = true
		}
		extra = append(extra, n)
	}
	addFindings(res, extra)
	return res, nil
}

// linkedFolder is the error for a touched connector folder that is (or lies under) a symbolic
// link: it is not followed.
func linkedFolder(dir string, err error) validate.Finding {
	r, _ := validate.LookupRule("FileUnreadable")
	p := path.Clean(filepath.ToSlash(dir))
	return validate.Finding{
		Rule: r.ID, Severity: r.Severity, Connector: p, File: p, Introduced: true,
		Message: "the connector folder can't be checked: " + err.Error() + "; a connector is a plain folder of plain files",
	}
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

// changedFiles lists the change's files: the compare API's list when the base input gave one,
// else the pull request files API with a token, else git diff BASE...HEAD. When none works the
// run stops with an error: checking everything instead would hide the PR rules, the breaking
// changes and the secret scan.
func (pc *prContext) changedFiles(ctx context.Context) ([]validate.ChangedFile, error) {
	if pc.files != nil {
		return pc.files, nil
	}
	if pc.api != nil && pc.isPR {
		files, err := (&prmode.APISource{API: pc.api, Number: pc.pr.Number}).Changed(ctx)
		if err == nil {
			return files, nil
		}
		if pc.baseSHA == "" || !prmode.HasCommit(pc.root, pc.baseSHA) {
			return nil, errNoChangeSource("listing the pull request's files failed (" + err.Error() + ") and git can't read the base commit")
		}
		pc.notices = append(pc.notices, "listing the changed files failed ("+err.Error()+"), git diff was used instead")
		pc.api = nil // a refused token won't read contents either
	} else if pc.isPR {
		pc.notices = append(pc.notices, "no GitHub token: the changed files come from git diff and base versions from git only")
	}
	if pc.baseSHA == "" {
		return nil, errNoChangeSource("no base commit")
	}
	files, err := prmode.GitSource{Root: pc.root, Base: pc.baseSHA, Head: pc.headSHA}.Changed(ctx)
	if err != nil {
		return nil, errNoChangeSource("git diff " + pc.baseSHA + "..." + orDefault(pc.headSHA, "HEAD") + " failed (" + err.Error() + ")")
	}
	return files, nil
}

// absentAtBase reports whether the connector folder at dir holds neither a swagger nor an
// apiProperties.json at the base commit: the change adds the connector. When the base can't be
// read, the answer is false (no escalation on a guess).
func (pc *prContext) absentAtBase(ctx context.Context, dir string) bool {
	folder, ok := pc.repoPath(dir)
	if !ok {
		return false
	}
	for _, name := range []string{validate.SwaggerName, validate.PropertiesName} {
		if _, err := pc.baseFile(ctx, path.Join(folder, name)); !errors.Is(err, errBaseAbsent) {
			return false
		}
	}
	return true
}

// repoPath is the repository path (forward slashes) of dir, a folder on disk.
func (pc *prContext) repoPath(dir string) (string, bool) {
	rel, err := filepath.Rel(pc.root, dir)
	return filepath.ToSlash(rel), err == nil
}

// git runs git in the repository at root the safe way (prmode.Git: no token variables, only the
// repository as safe.directory, bounded output and time).
func git(root string, args ...string) ([]byte, error) { return prmode.Git(root, args...) }

// errBaseAbsent: the path doesn't exist at the base commit.
var errBaseAbsent = prmode.ErrAbsent

// baseFile reads a repository path at the base commit: local git when the commit is there, else
// the contents API. errBaseAbsent means the file was added by the change.
func (pc *prContext) baseFile(ctx context.Context, repoPath string) ([]byte, error) {
	if pc.baseInGit == 0 {
		pc.baseInGit = -1
		if prmode.HasCommit(pc.root, pc.baseSHA) {
			pc.baseInGit = 1
		}
	}
	if pc.baseInGit > 0 {
		return prmode.GitSource{Root: pc.root, Base: pc.baseSHA}.BaseFile(ctx, repoPath)
	}
	if pc.api == nil {
		return nil, errors.New("the base commit isn't in the checkout (fetch-depth: 0 brings it) and there is no token for the contents API")
	}
	return (&prmode.APISource{API: pc.api, Base: pc.baseSHA}).BaseFile(ctx, repoPath)
}

// breaking compares the connector at dir with its base version whenever both swaggers can be
// read (the lenient parse suffices), whatever other findings the connector has. Only an
// unreadable side skips the comparison, with a notice naming the file; a connector absent at the
// base is new, so there is nothing to compare and nothing to say. Related places in the base
// version carry the base commit; acks turn the breaks they cover into warnings.
func (pc *prContext) breaking(ctx context.Context, dir string, kind validate.Kind, acks []validate.Acknowledgement) []validate.Finding {
	newC, err := validate.Load(dir, dir, kind)
	folder, ok := pc.repoPath(dir)
	if err != nil || !ok {
		return nil
	}
	notChecked := func(why string) []validate.Finding {
		pc.notices = append(pc.notices, "breaking changes of "+newC.Path+" not checked: "+why)
		return nil
	}
	name := validate.SwaggerName
	if newC.Swagger != nil {
		name = newC.Swagger.Name
	}
	swaggerPath := path.Join(folder, name)
	for _, f := range pc.pr.Files {
		if f.Path == swaggerPath && f.PreviousPath != "" {
			swaggerPath = f.PreviousPath
		}
	}
	oldSwagger, err := pc.baseFile(ctx, swaggerPath)
	if errors.Is(err, errBaseAbsent) {
		return nil // added in this change: nothing to compare
	}
	if err != nil {
		return notChecked("reading " + swaggerPath + " at the base commit " + pc.baseSHA + " failed (" + err.Error() + ")")
	}
	if newC.Swagger == nil {
		return notChecked(path.Join(newC.Path, name) + " is missing")
	}
	if newC.Swagger.JSON == nil || newC.Swagger.JSON.Root == nil {
		return notChecked(newC.Swagger.Path + " isn't JSON, even read leniently (JsonParseError shows where)")
	}
	files := map[string][]byte{validate.SwaggerName: oldSwagger}
	if newC.Properties != nil {
		if props, err := pc.baseFile(ctx, path.Join(folder, newC.Properties.Name)); err == nil {
			files[validate.PropertiesName] = props
		}
	}
	oldC := validate.FromFiles(newC.Path, dir, newC.Kind, files, path.Base(swaggerPath))
	if oldC.Swagger == nil || oldC.Swagger.JSON == nil || oldC.Swagger.JSON.Root == nil {
		return notChecked(swaggerPath + " at the base commit " + pc.baseSHA + " isn't JSON, even read leniently")
	}
	if newC.Properties != nil && oldC.Properties != nil {
		oldC.Properties.Path = newC.Properties.Path
	}
	changes := validate.BreakingChanges(oldC, newC)
	commit := pc.baseSHA
	if out, err := git(pc.root, "rev-parse", "--verify", "-q", pc.baseSHA+"^{commit}"); err == nil {
		commit = strings.TrimSpace(string(out))
	}
	for i := range changes {
		for j := range changes[i].Related { // every related place of a breaking change is in the base version
			changes[i].Related[j].Commit = commit
		}
	}
	return validate.AcknowledgeBreaking(changes, folder, acks)
}

// validateWithBase is `validate --base REF`: the local equivalent of pull-request mode. The changed
// files come from git diff --merge-base REF (the working tree against the merge base); the touched
// connectors under the paths (relative to the working directory) are validated and compared with
// their version at REF, and the configuration and baseline are read at REF. title, when given, is
// the pull request's title ("Proposal - <Name>" checks a proposal).
func validateWithBase(cfg *validateConfig, base, title string, newOnly bool) error {
	top, err := prmode.Git(".", "rev-parse", "--show-toplevel")
	if err != nil {
		return fmt.Errorf("--base needs a git repository: %v", err)
	}
	root := strings.TrimSpace(string(top))
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, root); err == nil {
			root = rel
		}
	}
	for _, p := range cfg.paths {
		if _, err := os.Lstat(p); err != nil {
			return fmt.Errorf("path %s: %v", p, err)
		}
	}
	pc := &prContext{root: root, scope: "changed", baseSHA: base, newOnly: newOnly} // head: the working tree
	pc.pr.Title = title
	if !prmode.HasCommit(root, base) {
		return fmt.Errorf("--base %s: no such commit in %s", base, root)
	}
	if cfg.report != nil {
		cfg.report.atBase = pc.settingsFile
		cfg.report.root = root
	}
	c := *cfg
	cfg.source = func(opts validate.Options) (*validate.Result, error) { return pc.run(c, opts) }
	return nil
}

// secrets scans the changed files that exist in the head for committed credentials.
func (pc *prContext) secrets(files []validate.ChangedFile, kind validate.Kind) []validate.Finding {
	var out []validate.Finding
	for _, f := range files {
		if f.Status == "removed" {
			continue
		}
		p := filepath.Join(pc.root, filepath.FromSlash(f.Path))
		if safefile.Inside(pc.root, filepath.FromSlash(f.Path)) != nil {
			continue // under a symbolic link: never read
		}
		data, err := safefile.ReadFile(p, validate.MaxFileSize)
		if err != nil {
			continue
		}
		connector := ""
		k := kind
		if folder, fk, ok := validate.ConnectorFolderOf(f.Path); ok {
			connector = filepath.ToSlash(filepath.Join(pc.root, filepath.FromSlash(folder)))
			if k == 0 {
				k = fk
			}
		}
		out = append(out, validate.CheckSecrets(connector, k, filepath.ToSlash(p), data)...)
	}
	return out
}
