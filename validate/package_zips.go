package validate

import (
	"path/filepath"
	"strings"
)

// PackageNotReadable is reported here for a zip in the folder that can't be read, and by the
// packaging package for one that can't be opened.
var PackageNotReadable = newRule(Rule{
	ID: "PackageNotReadable", Severity: Error, Kinds: Publishable, Section: "14", Scope: ScopePackage,
	Summary: "The outer or a nested zip can't be opened (corrupt, encrypted, not a zip), or an entry is too large or too compressed to read safely.",
	Basis:   BasisRejected, BasisReason: "the zip can't be opened",
	Example: Example{
		BadCase: &Case{Kind: IndependentPublisher, At: PkgConnector + "!solution.xml", Package: &PackageCase{Edits: []PackageEdit{
			{Entry: PkgConnector + "!solution.xml", New: "<ImportExportXml><SolutionManifest>"},
		}}},
		GoodCase: &Case{Kind: IndependentPublisher, Package: &PackageCase{}},
	},
})

// checkPackageZips verifies each .zip at the top of a connector folder through the pass's verifier.
func checkPackageZips(p *pass) {
	if p.verify == nil {
		return
	}
	c := p.c
	for _, e := range c.Entries {
		if !e.Mode.IsRegular() || !strings.EqualFold(filepath.Ext(e.Name), ".zip") {
			continue
		}
		data, tooLarge, err := readCapped(filepath.Join(c.Dir, e.Name), MaxFileSize)
		switch {
		case err != nil:
			p.report(PackageNotReadable, whole(c.FilePath(e.Name)), "%s can't be read: %v", e.Name, err)
		case tooLarge:
			p.report(PackageNotReadable, whole(c.FilePath(e.Name)), "%s is over %d MiB and was not read; a certification package is a few MiB at most", e.Name, MaxFileSize>>20)
		default:
			p.findings = append(p.findings, p.verify(c, e.Name, data)...)
		}
	}
}
