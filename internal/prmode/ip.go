package prmode

import (
	"context"
	"path"
	"path/filepath"

	"github.com/connector-check/connector-check/internal/resultset"
	"github.com/connector-check/connector-check/validate"
)

// ipProcess runs the checks of Microsoft's independent-publisher certification article that need
// the pull request's context (validate/pr_ip.go), over the touched connector folders dirs:
//   - PublisherChanged: an existing connector's publisher against its base version's;
//   - ConnectorAlreadyExists, ConnectorNameNearExisting: a folder absent at the base against the
//     other connector folders of the checkout (no network);
//   - a proposal PR (title "Proposal - <Name>"): its intro.md, and the absence of the other
//     connector files dropped from res (they come with the submission);
//   - with validate --base, a new independent-publisher submission's package zip (in pull-request
//     mode PrIpPackageCount looks at the added files instead).
//
// It returns the new findings; res is changed only for a proposal.
func (m *Change) ipProcess(ctx context.Context, dirs []string, kind validate.Kind, res *validate.Result) []validate.Finding {
	_, proposal := validate.ProposalName(m.PR.Title)
	var out []validate.Finding
	isNew := map[string]bool{} // repository paths of the touched folders absent at the base
	if m.BaseSHA != "" {
		for _, dir := range dirs {
			if folder, ok := m.repoPath(dir); ok && m.absentAtBase(ctx, dir) {
				isNew[folder] = true
			}
		}
	}
	indexes := map[string]*validate.ConnectorIndex{} // per folder holding the kind folders
	proposalDirs := map[string]bool{}
	for _, dir := range dirs {
		c, err := validate.Load(dir, dir, kind)
		if err != nil {
			continue
		}
		folder, ok := m.repoPath(dir)
		if !ok {
			continue
		}
		if proposal && c.Kind == validate.IndependentPublisher { // proposals are the IP process's
			proposalDirs[c.Path] = true
			out = append(out, validate.CheckProposal(c, m.PR.Body)...)
		}
		switch {
		case m.BaseSHA == "":
		case isNew[folder]:
			parent := path.Dir(path.Dir(folder))
			idx := indexes[parent]
			if idx == nil {
				skip := map[string]bool{}
				for f := range isNew {
					if path.Dir(path.Dir(f)) == parent {
						skip[path.Join(path.Base(path.Dir(f)), path.Base(f))] = true
					}
				}
				idx = validate.IndexConnectors(filepath.Join(m.Root, filepath.FromSlash(parent)), skip)
				indexes[parent] = idx
			}
			out = append(out, validate.CheckConnectorExists(c, idx)...)
			if !m.IsPR && !proposal { // a pull request's added files are checked by CheckPullRequest
				out = append(out, validate.CheckSubmissionPackage(c)...)
			}
		case c.Properties != nil:
			old, err := m.baseFile(ctx, path.Join(folder, c.Properties.Name))
			if err != nil {
				continue // added in this change, or the base can't be read (the breaking check says so)
			}
			oldC := validate.FromFiles(c.Path, dir, c.Kind, map[string][]byte{validate.PropertiesName: old}, "")
			out = append(out, validate.CheckPublisherChanged(oldC, c)...)
		}
	}
	if len(proposalDirs) > 0 {
		kept := res.Findings[:0]
		for _, f := range res.Findings {
			if !(proposalDirs[f.Connector] && validate.ProposalExempt(f)) {
				kept = append(kept, f)
			}
		}
		res.Findings = kept
		resultset.Recount(res)
	}
	return out
}
