package packaging

import (
	"bytes"
	"errors"
	"io"

	"github.com/go-json-experiment/json/jsontext"
)

// flowRef is one entry of a flow's properties.connectionReferences.
type flowRef struct{ logicalName, refName string }

// flowScan is what the verifier needs from a workflow JSON file: its connection references and
// every {"host": {"connectionName", "operationId"}} call. scanFlow reads the file as a token
// stream, so memory stays at the nesting depth whatever the file holds (issue 17: parsing it
// into a tree cost about 16 bytes per input byte).
type flowScan struct {
	refs  map[string]flowRef
	calls []hostCall
}

var errTooDeep = errors.New("nested deeper than 256 levels")

func scanFlow(data []byte) (*flowScan, error) {
	d := jsontext.NewDecoder(bytes.NewReader(stripBOM(data)), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	s := &flowScan{refs: map[string]flowRef{}}
	var path []string // member names from the root; "" for array items
	if err := s.value(d, &path); err != nil {
		return nil, err
	}
	if _, err := d.ReadToken(); err != io.EOF {
		if err == nil {
			err = errors.New("data after the top-level value")
		}
		return nil, err
	}
	return s, nil
}

// value reads one value at *path.
func (s *flowScan) value(d *jsontext.Decoder, path *[]string) error {
	if len(*path) > maxJSONDepth {
		return errTooDeep
	}
	tok, err := d.ReadToken()
	if err != nil {
		return err
	}
	switch tok.Kind() {
	case '{':
		var host *hostCall
		if p := *path; len(p) > 0 && p[len(p)-1] == "host" {
			host = &hostCall{}
		}
		for d.PeekKind() != '}' {
			nt, err := d.ReadToken()
			if err != nil {
				return err
			}
			name := nt.String()
			*path = append(*path, name)
			if host != nil && (name == "connectionName" || name == "operationId") && d.PeekKind() == '"' {
				vt, err := d.ReadToken()
				if err != nil {
					return err
				}
				if name == "connectionName" {
					host.connection = vt.String()
				} else {
					host.operation = vt.String()
				}
				s.ref(*path, vt.String())
			} else if k := d.PeekKind(); k == '"' && len(*path) == 5 {
				vt, err := d.ReadToken()
				if err != nil {
					return err
				}
				s.ref(*path, vt.String())
			} else if k != '{' && k != '[' {
				if err := d.SkipValue(); err != nil {
					return err
				}
			} else if err := s.value(d, path); err != nil {
				return err
			}
			*path = (*path)[:len(*path)-1]
		}
		if _, err := d.ReadToken(); err != nil {
			return err
		}
		if host != nil && host.operation != "" {
			s.calls = append(s.calls, *host)
		}
	case '[':
		*path = append(*path, "")
		for k := d.PeekKind(); k != ']'; k = d.PeekKind() {
			var err error
			if k == '{' || k == '[' {
				err = s.value(d, path)
			} else {
				err = d.SkipValue() // array items hold no connection reference
			}
			if err != nil {
				return err
			}
		}
		*path = (*path)[:len(*path)-1]
		if _, err := d.ReadToken(); err != nil {
			return err
		}
	case 0:
		return errors.New("invalid token")
	}
	return nil
}

// ref records the strings under properties.connectionReferences.<key>.
func (s *flowScan) ref(path []string, v string) {
	if len(path) != 5 || path[0] != "properties" || path[1] != "connectionReferences" {
		return
	}
	r := s.refs[path[2]]
	switch {
	case path[3] == "api" && path[4] == "logicalName":
		r.logicalName = v
	case path[3] == "connection" && path[4] == "connectionReferenceLogicalName":
		r.refName = v
	default:
		return
	}
	s.refs[path[2]] = r
}
