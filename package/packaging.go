// Package packaging builds the certification package.zip of a connector folder and verifies
// any package (package-layout.md, rules.md §14). The directory is named package/ as in the
// design card; package is a Go keyword, hence the name.
//
// Build writes the nested zips deterministically: fixed entry order and timestamps, no
// directory entries, GUIDs derived from the connector name (UUIDv5). Verify reads a package
// from memory only (never extracting to disk), with caps on entry count, sizes and compression
// ratio, and reports through validate.Finding with File naming the zip entry, such as
// package.zip!package.zip!PkgAssets/FlowSolution.zip!customizations.xml. VerifyInFolder is a
// validate.PackageVerifier, which main passes in.
package packaging
