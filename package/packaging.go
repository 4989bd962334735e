// Package packaging will build and verify the certification package.zip (package-layout.md).
// The directory is named package/ as in the design card; package is a Go keyword, hence the name.
package packaging
