package config

import (
	"strconv"

	"github.com/connector-check/connector-check/validate"
	"go.yaml.in/yaml/v3"
)

// maxAcknowledgements bounds the acknowledge-breaking list.
const maxAcknowledgements = 1000

// acknowledgements reads acknowledge-breaking: a list of {connector, operation, rule, reason}
// entries that turn the breaking changes they cover into warnings (validate.AcknowledgeBreaking).
// connector, operation (an operationId or *) and reason are required; rule is a §15 rule ID.
func (p *parser) acknowledgements(n *yaml.Node, cfg *Config) {
	if !p.want(n, yaml.SequenceNode, "acknowledge-breaking is a list of {connector, operation, rule, reason} entries") {
		return
	}
	for _, item := range n.Content {
		if !p.want(item, yaml.MappingNode, "an acknowledge-breaking entry is a mapping with connector, operation, reason and optionally rule") {
			continue
		}
		if len(cfg.Acknowledge) == maxAcknowledgements {
			p.errorf(item, "acknowledge-breaking has more than %d entries", maxAcknowledgements)
			return
		}
		a := validate.Acknowledgement{Source: p.file + ":" + strconv.Itoa(item.Line)}
		p.scalarEntries(item, func(k, v *yaml.Node) {
			switch k.Value {
			case "connector":
				a.Connector = cleanPath(v.Value)
			case "operation":
				a.Operation = v.Value
			case "rule":
				if r, ok := validate.LookupRule(v.Value); !ok || r.Scope != validate.ScopeBreaking {
					p.errorf(v, "rule %q is not a breaking-change rule (catalog §15: OperationDeleted, InputDeleted, ...)%s", v.Value, suggest(v.Value))
				}
				a.Rule = v.Value
			case "reason":
				a.Reason = v.Value
			default:
				p.errorf(k, "unknown key %q in an acknowledge-breaking entry (want connector, operation, rule or reason)", k.Value)
			}
		})
		switch {
		case a.Connector == "":
			p.errorf(item, "an acknowledge-breaking entry needs connector: the connector folder (its repository path or name)")
		case a.Operation == "":
			p.errorf(item, "an acknowledge-breaking entry needs operation: an operationId, or * for every change of the connector")
		case a.Reason == "":
			p.errorf(item, "an acknowledge-breaking entry needs reason: why the break is intended (reviewers read it)")
		default:
			cfg.Acknowledge = append(cfg.Acknowledge, a)
		}
	}
}
