package main

import "github.com/connector-check/connector-check/validate"

// acknowledgements are the intended breaking changes: the configuration's acknowledge-breaking
// entries (in pull-request mode the configuration comes from the base branch) and, on a pull
// request, the acknowledgement lines of its description (docs/breaking.md).
func (pc *prContext) acknowledgements(cfg validateConfig) []validate.Acknowledgement {
	var acks []validate.Acknowledgement
	if cfg.report != nil && cfg.report.cfg != nil {
		acks = append(acks, cfg.report.cfg.Acknowledge...)
	}
	if pc.isPR {
		acks = append(acks, validate.ParseAcknowledgements(pc.pr.Body)...)
	}
	return acks
}
