// Package prmode is what pull-request mode reads besides the checkout: the files a change touches
// and their versions at the base commit, from local git or the GitHub API. Everything it reads is
// bounded, and git runs without the job's secrets.
package prmode

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/connector-check/connector-check/validate"
)

// MaxGitOutput bounds what one git call may print: a base file is at most validate.MaxFileSize,
// and a diff's file list is far smaller.
const MaxGitOutput = validate.MaxFileSize + 1<<20

// GitTimeout bounds one git call: local only, but a huge repository or a stuck filesystem must
// not hang the check.
var GitTimeout = time.Minute

// gitEnv is git's whole environment: no token variable (GITHUB_TOKEN, INPUT_GITHUB-TOKEN,
// ACTIONS_RUNTIME_TOKEN, ...) reaches it, and neither the system nor the user's configuration is
// read, so a safe.directory=* there doesn't apply either.
func gitEnv() []string {
	env := []string{
		"LC_ALL=C", "GIT_TERMINAL_PROMPT=0", "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=" + os.DevNull,
		"GIT_NO_LAZY_FETCH=1", "GIT_OPTIONAL_LOCKS=0",
	}
	for _, k := range []string{"PATH", "HOME", "TMPDIR"} {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	return env
}

// Git runs git in the repository at root and returns its standard output. Only root is a safe
// directory (the container runs as root over a workspace the runner's user owns, so git asks);
// repository hooks and fsmonitor programs are off. The first line of git's error output is the
// error.
func Git(root string, args ...string) ([]byte, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), GitTimeout)
	defer cancel()
	pre := []string{"-C", abs, "-c", "safe.directory=" + abs, "-c", "core.fsmonitor=false", "-c", "core.hooksPath=" + os.DevNull}
	cmd := exec.CommandContext(ctx, "git", append(pre, args...)...)
	cmd.Env = gitEnv()
	stdout := &cappedBuffer{limit: MaxGitOutput}
	stderr := &cappedBuffer{limit: 64 << 10, drop: true}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	err = cmd.Run()
	if stdout.over {
		return nil, fmt.Errorf("git %s printed more than %d bytes", args[0], MaxGitOutput)
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.buf.String())
		if i := strings.IndexByte(msg, '\n'); i > 0 {
			msg = msg[:i]
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, errors.New(msg)
	}
	return stdout.buf.Bytes(), nil
}

// cappedBuffer keeps at most limit bytes; past it the write fails, which ends the command, or
// with drop the rest is discarded.
type cappedBuffer struct {
	buf   bytes.Buffer
	limit int
	drop  bool
	over  bool
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if b.buf.Len()+len(p) > b.limit {
		b.over = true
		if b.drop {
			b.buf.Write(p[:max(0, b.limit-b.buf.Len())])
			return len(p), nil
		}
		return 0, errors.New("output limit reached")
	}
	return b.buf.Write(p)
}

// gitStatus names git diff --name-status letters the way the pull request files API does.
var gitStatus = map[byte]string{'A': "added", 'D': "removed", 'M': "modified", 'R': "renamed", 'C': "copied", 'T': "changed"}

// GitDiff lists the files changed between the merge base of base and head, and head; head ""
// is the working tree.
func GitDiff(root, base, head string) ([]validate.ChangedFile, error) {
	args := []string{"diff", "--no-ext-diff", "--name-status", "-z", "-M", base + "..." + head}
	if head == "" { // the working tree against the merge base
		args = []string{"diff", "--no-ext-diff", "--name-status", "-z", "-M", "--merge-base", base}
	}
	out, err := Git(root, args...)
	if err != nil {
		return nil, err
	}
	return parseNameStatus(out), nil
}

func parseNameStatus(out []byte) []validate.ChangedFile {
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
	return files
}

// ErrAbsent: the path doesn't exist at the base commit (the change adds it).
var ErrAbsent = errors.New("absent at the base")

// HasCommit reports whether the commit is in the repository at root.
func HasCommit(root, commit string) bool {
	_, err := Git(root, "cat-file", "-e", commit+"^{commit}")
	return err == nil
}

// GitFile reads a repository path at a commit; ErrAbsent when it isn't there, an error when it is
// not a file (a folder, a link) or larger than validate.MaxFileSize.
func GitFile(root, commit, repoPath string) ([]byte, error) {
	spec := commit + ":" + repoPath
	typ, err := Git(root, "cat-file", "-t", spec)
	if err != nil {
		return nil, ErrAbsent
	}
	if t := strings.TrimSpace(string(typ)); t != "blob" {
		return nil, fmt.Errorf("%s at %s is a %s, not a file", repoPath, commit, t)
	}
	if mode, err := Git(root, "ls-tree", "-z", commit, "--", repoPath); err == nil && bytes.HasPrefix(mode, []byte("120000 ")) {
		return nil, fmt.Errorf("%s at %s is a symbolic link, which is not followed", repoPath, commit)
	}
	size, err := Git(root, "cat-file", "-s", spec)
	if err != nil {
		return nil, err
	}
	var n int64
	if _, err := fmt.Sscan(string(size), &n); err != nil || n > validate.MaxFileSize {
		return nil, fmt.Errorf("%s at %s is larger than %d bytes", repoPath, commit, validate.MaxFileSize)
	}
	return Git(root, "cat-file", "blob", spec)
}
