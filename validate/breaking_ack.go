package validate

import (
	"path"
	"strings"
)

// Acknowledgement says that a breaking change of one connector is intended: the upstream process
// asks the submitter and the reviewer to acknowledge a breaking change. It comes from
// .connector-check.yml (acknowledge-breaking:, read from the base branch in pull-request mode) or
// from a line of the pull request description (ParseAcknowledgements).
type Acknowledgement struct {
	Connector string // the connector folder: its repository path or its folder name
	Operation string // an operationId, or "*" for every change of the connector
	Rule      string // a §15 rule ID; "" for every rule
	Reason    string
	Source    string // where it was given, for the message: ".connector-check.yml:12", "the pull request description"
}

// AckLinePrefix starts an acknowledgement line in a pull request description:
//
//	connector-check: acknowledge-breaking <operationId|*> <connector folder>
//
// The operationId comes first because folder names may hold spaces: the folder is the rest of
// the line (its repository path, certified-connectors/Contoso Tasks, or its name, Contoso Tasks).
const AckLinePrefix = "connector-check: acknowledge-breaking"

// maxAcks bounds what one description or configuration can acknowledge (the description is the
// PR author's text).
const maxAcks = 1000

// ParseAcknowledgements reads the acknowledgement lines of a pull request description. A line is
// one when, after leading blanks, it starts with AckLinePrefix followed by a blank, an
// operationId (or *) and a connector folder; anything else is ignored.
func ParseAcknowledgements(body string) []Acknowledgement {
	var out []Acknowledgement
	for line := range strings.Lines(body) {
		line = strings.TrimSpace(line)
		rest, ok := strings.CutPrefix(line, AckLinePrefix)
		if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t') {
			continue
		}
		op, folder, ok := strings.Cut(strings.TrimSpace(rest), " ")
		folder = strings.TrimSpace(folder)
		if !ok || op == "" || folder == "" {
			continue
		}
		out = append(out, Acknowledgement{Connector: folder, Operation: op, Source: "the pull request description"})
		if len(out) == maxAcks {
			break
		}
	}
	return out
}

// Matches reports whether the acknowledgement covers a change of the connector at folder (its
// repository path).
func (a *Acknowledgement) Matches(folder string, c *Change) bool {
	want := strings.Trim(strings.TrimPrefix(strings.TrimSpace(a.Connector), "./"), "/")
	folder = strings.Trim(path.Clean("/"+folder), "/")
	if want == "" || (want != folder && want != path.Base(folder)) {
		return false
	}
	if a.Rule != "" && a.Rule != c.Rule {
		return false
	}
	return a.Operation == "*" || (a.Operation != "" && a.Operation == c.Operation)
}

// AcknowledgeBreaking returns the findings of the changes of the connector at folder (its
// repository path), with those an acknowledgement covers turned into warnings whose message says
// where they were acknowledged. Notices stay notices; unacknowledged changes keep their severity.
func AcknowledgeBreaking(cs []Change, folder string, acks []Acknowledgement) []Finding {
	out := make([]Finding, len(cs))
	for i := range cs {
		f := cs[i].Finding
		if f.Severity > Notice {
			for j := range acks {
				if !acks[j].Matches(folder, &cs[i]) {
					continue
				}
				f.Severity = Warning
				f.Message += "; acknowledged as an intended breaking change in " + acks[j].Source
				if r := strings.TrimSpace(acks[j].Reason); r != "" {
					f.Message += " (" + r + ")"
				}
				if len(f.Message) > MaxMessageLength {
					f.Message = strings.ToValidUTF8(f.Message[:MaxMessageLength], "") + "…"
				}
				break
			}
		}
		out[i] = f
	}
	return out
}
