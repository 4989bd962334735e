package validate

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Kind is where a connector is published; it decides which rules apply and at what severity.
type Kind uint8

const (
	Certified Kind = 1 << iota
	IndependentPublisher
	Custom
)

// Kinds is a set of kinds (a rule's applies-to).
type Kinds = Kind

const (
	AllKinds    Kinds = Certified | IndependentPublisher | Custom
	Publishable Kinds = Certified | IndependentPublisher // certification rules: skipped for custom
)

func (k Kind) String() string {
	switch k {
	case Certified:
		return "certified"
	case IndependentPublisher:
		return "independent-publisher"
	case Custom:
		return "custom"
	}
	var parts []string
	for _, one := range []Kind{Certified, IndependentPublisher, Custom} {
		if k&one != 0 {
			parts = append(parts, one.Short())
		}
	}
	return strings.Join(parts, ", ")
}

// Short is the catalog's abbreviation: C, IP, CU; "all" for every kind.
func (k Kind) Short() string {
	switch k {
	case Certified:
		return "C"
	case IndependentPublisher:
		return "IP"
	case Custom:
		return "CU"
	case AllKinds:
		return "all"
	}
	return k.String()
}

// ParseKind accepts the --kind values; "auto" gives 0.
func ParseKind(s string) (Kind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return 0, nil
	case "certified":
		return Certified, nil
	case "independent-publisher":
		return IndependentPublisher, nil
	case "custom":
		return Custom, nil
	}
	return 0, fmt.Errorf("unknown kind %q (want auto, certified, independent-publisher or custom)", s)
}

var kindFolders = map[string]Kind{
	"certified-connectors":             Certified,
	"independent-publisher-connectors": IndependentPublisher,
	"custom-connectors":                Custom,
}

// KindFromPath returns the kind named by the nearest ancestor folder of dir (an absolute path),
// compared case-insensitively, or 0.
func KindFromPath(dir string) Kind {
	for d := filepath.Clean(dir); ; {
		parent := filepath.Dir(d)
		if parent == d {
			return 0
		}
		if k, ok := kindFolders[strings.ToLower(filepath.Base(parent))]; ok {
			return k
		}
		d = parent
	}
}
