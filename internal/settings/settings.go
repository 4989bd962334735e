// Package settings is the step between the rules and the reporters: a run's configuration file
// and baseline, read from disk or (in pull-request mode and with validate --base) at the base
// commit, so that a change can't lower its own verdict; and their application to a result.
package settings

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/connector-check/connector-check/internal/baseline"
	"github.com/connector-check/connector-check/internal/config"
	"github.com/connector-check/connector-check/internal/prmode"
	"github.com/connector-check/connector-check/validate"
)

// Settings are a run's configuration and baseline.
type Settings struct {
	ConfigPath   string // "" looks for .connector-check.yml in the working directory
	BaselinePath string
	New          bool // check as a new submission (the catalog's ↑new rules become errors)

	// AtBase, in pull-request mode and with --base, reads a repository path at the base commit
	// (prmode.ErrAbsent when it isn't there): the configuration and the baseline come from
	// there. Root is the repository root on disk.
	AtBase func(repoPath string) ([]byte, error)
	Root   string

	Config   *config.Config
	Baseline *baseline.File
	FP       *baseline.Fingerprinter
	// Read maps the repository paths of the configuration and baseline read at the base to their
	// report paths (for PrSettingsChanged).
	Read            map[string]string
	BaselineMatched int // recorded findings that matched a finding of this run
}

// Load reads the configuration and the baseline. A configuration error names file:line:col.
func (s *Settings) Load() error {
	if s == nil {
		return nil
	}
	s.FP = &baseline.Fingerprinter{}
	if s.AtBase != nil {
		return s.loadAtBase()
	}
	var err error
	if s.ConfigPath != "" {
		s.Config, err = config.Load(s.ConfigPath)
	} else {
		s.Config, err = config.Find(".")
	}
	if err != nil {
		var ce config.Errors
		if errors.As(err, &ce) {
			return fmt.Errorf("configuration error:\n%w", err)
		}
		return err
	}
	if s.BaselinePath != "" {
		if s.Baseline, err = baseline.Load(s.BaselinePath); err != nil {
			return err
		}
	}
	return nil
}

// loadAtBase reads the configuration and the baseline at the base commit. A file outside the
// repository (a local --config) is read from disk; one inside is never read from the change.
func (s *Settings) loadAtBase() error {
	s.Read = map[string]string{}
	candidates := []string{s.ConfigPath}
	if s.ConfigPath == "" {
		candidates = []string{config.DefaultName, ".connector-check.yaml"}
	}
	for _, p := range candidates {
		data, found, err := s.readAtBase(p, "the configuration")
		if err != nil {
			return err
		}
		if !found && s.ConfigPath != "" {
			return fmt.Errorf("config %s: not in the base commit (the configuration is read there, so a change can't lower its own verdict; commit it in a change of its own first)", p)
		}
		if !found {
			continue
		}
		if data == nil { // outside the repository
			s.Config, err = config.Load(p)
		} else {
			s.Config, err = config.Parse(p, data)
		}
		if err != nil {
			var ce config.Errors
			if errors.As(err, &ce) {
				return fmt.Errorf("configuration error (at the base commit):\n%w", err)
			}
			return err
		}
		break
	}
	if s.BaselinePath != "" {
		data, found, err := s.readAtBase(s.BaselinePath, "the baseline")
		switch {
		case err != nil:
			return err
		case !found:
			return fmt.Errorf("baseline %s: not in the base commit (the baseline is read there; add it in a change of its own first)", s.BaselinePath)
		case data == nil:
			s.Baseline, err = baseline.Load(s.BaselinePath)
		default:
			s.Baseline, err = baseline.Parse(s.BaselinePath, data)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// readAtBase reads p (relative to the working directory) at the base commit when it is inside
// the repository, and records it as a settings file. data is nil and found true for a file
// outside the repository (read from disk by the caller); found is false when the base has no
// such file.
func (s *Settings) readAtBase(p, what string) (data []byte, found bool, err error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, false, err
	}
	root, err := filepath.Abs(s.Root)
	if err != nil {
		return nil, false, err
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		_, err := os.Lstat(p)
		return nil, err == nil, nil
	}
	repoPath := filepath.ToSlash(rel)
	s.Read[repoPath] = filepath.ToSlash(p)
	data, err = s.AtBase(repoPath)
	switch {
	case errors.Is(err, prmode.ErrAbsent):
		return nil, false, nil
	case err != nil:
		return nil, false, fmt.Errorf("reading %s (%s) at the base commit: %v", what, repoPath, err)
	}
	return data, true, nil
}

// Options are validate.Options with the configuration's kinds by path; verify looks into the
// zips in connector folders.
func (s *Settings) Options(kind validate.Kind, verify validate.PackageVerifier) validate.Options {
	opts := validate.Options{Kind: kind, VerifyPackage: verify}
	if s == nil {
		return opts
	}
	opts.New = s.New
	if s.Config != nil && len(s.Config.Kinds) > 0 {
		opts.KindFor = s.Config.KindFor
	}
	return opts
}

// Apply is the pure step between the rules and the reporters: configuration, then baseline.
func (s *Settings) Apply(res *validate.Result) *validate.Result {
	if s == nil {
		return res
	}
	before := len(res.Findings)
	res = s.Config.Apply(res)
	suppressed := validate.Suppressed{Config: before - len(res.Findings)}
	if s.Baseline != nil {
		res, s.BaselineMatched = baseline.Apply(res, s.Baseline, s.FP)
		suppressed.Baseline = s.BaselineMatched
	}
	res.Suppressed = suppressed
	return res
}

// BaselineNote says how much of the baseline matched: "baseline: 12 of 15 recorded findings
// matched". When none did, the baseline was most likely recorded with other paths (another
// working directory, other PATH arguments), which would otherwise silently fail every finding.
func (s *Settings) BaselineNote() (note string, noneMatched bool) {
	if s == nil || s.Baseline == nil {
		return "", false
	}
	total := len(s.Baseline.Findings)
	note = fmt.Sprintf("baseline %s: %d of %s matched", s.BaselinePath, s.BaselineMatched, Plural(total, "recorded finding"))
	if s.BaselineMatched == 0 && total > 0 {
		note += "; was it recorded with other paths? Record and check from the same folder with the same PATH arguments (connector-check baseline PATH... > baseline.json)"
		return note, true
	}
	return note, false
}

// Fingerprinter is the run's fingerprinter (a fresh one before Load).
func (s *Settings) Fingerprinter() *baseline.Fingerprinter {
	if s == nil || s.FP == nil {
		return &baseline.Fingerprinter{}
	}
	return s.FP
}

// Acknowledged are the configuration's acknowledge-breaking entries.
func (s *Settings) Acknowledged() []validate.Acknowledgement {
	if s == nil || s.Config == nil {
		return nil
	}
	return s.Config.Acknowledge
}

// Plural is "1 noun" or "n nouns".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
