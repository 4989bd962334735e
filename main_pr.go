package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/connector-check/connector-check/internal/ghapi"
	"github.com/connector-check/connector-check/validate"
)

// Pull-request mode. On pull_request events the action reads the event payload, lists the PR's
// changed files (REST API, or git diff without a token), validates only the connectors the PR
// touches (scope: changed), runs the §16 PR rules, and compares each touched connector with its
// version at the base commit (§15). What can't be read (no token, a refused call, a missing
// commit) becomes one PrContextUnavailable notice, and the check goes on with what it has.

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

	baseInGit int // 1: the base commit is in the local repository, -1: it isn't, 0: not asked yet
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
	if !isPR && base == "" {
		return nil // scope defaults to all outside pull requests
	}
	if scope == "" {
		scope = "changed"
	}
	pc := &prContext{isPR: isPR, root: ".", scope: scope}
	if isPR {
		if err := pc.readEvent(getenv("GITHUB_EVENT_PATH")); err != nil {
			return err
		}
		pc.pr.Repository = getenv("GITHUB_REPOSITORY")
	}
	if base != "" {
		pc.baseSHA, pc.headSHA = base, "HEAD"
	}
	pc.pr.Upstream = validate.IsUpstreamRepository(pc.pr.Repository)
	if isPR && cfg.report != nil && cfg.report.token != "" {
		client, err := ghapi.New(cfg.report.token, getenv("GITHUB_API_URL"), pc.pr.Repository)
		if err != nil {
			pc.notices = append(pc.notices, err.Error())
		} else {
			pc.api = client
		}
	}
	cfg.source = func(opts validate.Options) (*validate.Result, error) { return pc.run(*cfg, opts) }
	return nil
}

// readPREvent reads the pull_request event payload at p (GITHUB_EVENT_PATH).
func readPREvent(p string) (prEvent, error) {
	var ev prEvent
	if p == "" {
		return ev, errors.New("pull_request event without GITHUB_EVENT_PATH")
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return ev, fmt.Errorf("reading the event payload: %v", err)
	}
	if err := json.Unmarshal(data, &ev); err != nil {
		return ev, fmt.Errorf("reading the event payload %s: %v", p, err)
	}
	return ev, nil
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
	files, known := pc.changedFiles(ctx)
	pc.pr.Files = files
	var extra []validate.Finding
	if pc.isPR && known {
		extra = append(extra, validate.CheckPullRequest(&pc.pr)...)
	}
	if known {
		extra = append(extra, pc.secrets(files, cfg.kind)...)
	}

	// What to validate: the touched connectors that exist in the head (scope changed), else cfg.paths.
	var dirs []string
	if known {
		for _, folder := range validate.ConnectorFolders(files) {
			dir := filepath.Join(pc.root, filepath.FromSlash(folder))
			if info, err := os.Stat(dir); err != nil || !info.IsDir() || !within(dir, cfg.paths) {
				continue
			}
			dirs = append(dirs, dir)
		}
	}
	// A touched connector whose folder is absent at the base is a new submission: the catalog's
	// ↑new rules are errors for it (unless --new already says so for every connector).
	if known && pc.baseSHA != "" && !opts.New {
		isNew := map[string]bool{}
		for _, dir := range dirs {
			if pc.absentAtBase(ctx, dir) {
				isNew[path.Clean(filepath.ToSlash(dir))] = true
			}
		}
		opts.IsNew = func(connector string) bool { return isNew[connector] }
	}
	var res *validate.Result
	var err error
	switch {
	case pc.scope == "changed" && known && len(dirs) == 0:
		res = &validate.Result{} // the PR touches no connector under the paths
	case pc.scope == "changed" && known:
		res, err = validate.Run(dirs, opts)
	default:
		res, err = validate.Run(cfg.paths, opts)
	}
	if err != nil {
		return nil, err
	}

	// Breaking changes of each touched connector against its base version.
	if known && pc.baseSHA != "" {
		acks := pc.acknowledgements(cfg)
		for _, dir := range dirs {
			extra = append(extra, pc.breaking(ctx, dir, cfg.kind, acks)...)
		}
	}
	// The independent-publisher certification article's checks: publisher, existing connectors, proposals.
	if known {
		extra = append(extra, pc.ipProcess(ctx, dirs, cfg.kind, res)...)
	}
	if len(pc.notices) > 0 {
		file := pc.pr.EventFile
		extra = append(extra, validate.ContextUnavailable("", file, strings.Join(pc.notices, "; ")))
	}
	addFindings(res, extra)
	return res, nil
}

// within reports whether dir is inside one of paths.
func within(dir string, paths []string) bool {
	if len(paths) == 0 {
		return true
	}
	for _, p := range paths {
		if _, ok := relInside(p, dir); ok {
			return true
		}
	}
	return false
}

// changedFiles lists the PR's files: the REST API with a token, else git diff BASE...HEAD. known
// is false when neither worked (then everything under the paths is validated).
func (pc *prContext) changedFiles(ctx context.Context) ([]validate.ChangedFile, bool) {
	if pc.api != nil {
		files, err := pc.api.ChangedFiles(ctx, pc.pr.Number)
		if err == nil {
			out := make([]validate.ChangedFile, len(files))
			for i, f := range files {
				out[i] = validate.ChangedFile{Path: f.Path, Status: f.Status, PreviousPath: f.PreviousPath}
			}
			return out, true
		}
		pc.notices = append(pc.notices, "listing the changed files failed ("+err.Error()+"), git diff was used instead")
		pc.api = nil // a refused token won't read contents either
	} else if pc.isPR {
		pc.notices = append(pc.notices, "no GitHub token: the changed files come from git diff and base versions from git only")
	}
	if pc.baseSHA == "" {
		pc.notices = append(pc.notices, "no base commit: only the folders were checked")
		return nil, false
	}
	files, err := gitDiff(pc.root, pc.baseSHA, pc.headSHA)
	if err != nil {
		pc.notices = append(pc.notices, "git diff "+pc.baseSHA+"..."+orDefault(pc.headSHA, "HEAD")+" failed ("+err.Error()+"): every connector under the paths was validated, PR and breaking-change rules were skipped")
		return nil, false
	}
	return files, true
}

func git(root string, args ...string) ([]byte, error) {
	// Local only, but a huge repository or a stuck filesystem must not hang the check.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", root, "-c", "safe.directory=*"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if i := strings.IndexByte(msg, '\n'); i > 0 {
			msg = msg[:i]
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, errors.New(msg)
	}
	return out, nil
}

// gitStatus names git diff --name-status letters the way the pull request files API does.
var gitStatus = map[byte]string{'A': "added", 'D': "removed", 'M': "modified", 'R': "renamed", 'C': "copied", 'T': "changed"}

// gitDiff lists the files changed between the merge base of base and head, and head.
func gitDiff(root, base, head string) ([]validate.ChangedFile, error) {
	args := []string{"diff", "--name-status", "-z", "-M", base + "..." + head}
	if head == "" { // the working tree against the merge base
		args = []string{"diff", "--name-status", "-z", "-M", "--merge-base", base}
	}
	out, err := git(root, args...)
	if err != nil {
		return nil, err
	}
	var files []validate.ChangedFile
	fields := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	for i := 0; i < len(fields); {
		st := fields[i]
		if st == "" {
			i++
			continue
		}
		status := gitStatus[st[0]]
		if status == "" {
			status = "modified"
		}
		if (st[0] == 'R' || st[0] == 'C') && i+2 < len(fields) {
			files = append(files, validate.ChangedFile{Path: fields[i+2], Status: status, PreviousPath: fields[i+1]})
			i += 3
			continue
		}
		if i+1 < len(fields) {
			files = append(files, validate.ChangedFile{Path: fields[i+1], Status: status})
		}
		i += 2
	}
	return files, nil
}

var errBaseAbsent = errors.New("absent at the base")

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

// baseFile reads a repository path at the base commit: local git when the commit is there, else
// the contents API. errBaseAbsent means the file was added by the change.
func (pc *prContext) baseFile(ctx context.Context, repoPath string) ([]byte, error) {
	if pc.baseInGit == 0 {
		pc.baseInGit = -1
		if _, err := git(pc.root, "cat-file", "-e", pc.baseSHA+"^{commit}"); err == nil {
			pc.baseInGit = 1
		}
	}
	if pc.baseInGit > 0 {
		if _, err := git(pc.root, "cat-file", "-e", pc.baseSHA+":"+repoPath); err != nil {
			return nil, errBaseAbsent
		}
		return git(pc.root, "show", pc.baseSHA+":"+repoPath)
	}
	if pc.api == nil {
		return nil, errors.New("the base commit isn't in the checkout (fetch-depth: 0 brings it) and there is no token for the contents API")
	}
	data, err := pc.api.FileAt(ctx, repoPath, pc.baseSHA)
	if errors.Is(err, ghapi.ErrNotFound) {
		return nil, errBaseAbsent
	}
	return data, err
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
// connectors are validated and compared with their version at REF.
// title, when given, is the pull request's title ("Proposal - <Name>" checks a proposal).
func validateWithBase(cfg *validateConfig, base, title string) error {
	top, err := git(".", "rev-parse", "--show-toplevel")
	if err != nil {
		return fmt.Errorf("--base needs a git repository: %v", err)
	}
	root := strings.TrimSpace(string(top))
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, root); err == nil {
			root = rel
		}
	}
	pc := &prContext{root: root, scope: "changed", baseSHA: base} // head: the working tree
	pc.pr.Title = title
	if _, err := git(root, "cat-file", "-e", base+"^{commit}"); err != nil {
		return fmt.Errorf("--base %s: no such commit (%v)", base, err)
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
		info, err := os.Lstat(p)
		if err != nil || !info.Mode().IsRegular() || info.Size() > validate.MaxFileSize {
			continue
		}
		data, err := os.ReadFile(p)
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
