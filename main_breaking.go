package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/connector-check/connector-check/internal/resultset"
	"github.com/connector-check/connector-check/report"
	"github.com/connector-check/connector-check/validate"
)

// cmdBreaking is `connector-check breaking [flags] OLD NEW`: the §15 breaking changes between two
// versions of a connector (swagger files or connector folders).
func cmdBreaking(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("breaking", flag.ContinueOnError)
	fs.SetOutput(stderr)
	of := addOutputFlags(fs, report.OneReportNames(), "NEW's parent folder")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: connector-check breaking [flags] OLD NEW\n\n"+
			"OLD and NEW are swagger files or connector folders. Findings point into NEW; something\n"+
			"deleted is reported at its nearest surviving parent in NEW, with its place in OLD as a\n"+
			"related location. docs/breaking.md explains what counts as breaking.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	paths, code, ok := parseCommandLine(fs, args)
	if !ok {
		return code
	}
	switch len(paths) {
	case 2:
	case 0:
		return fail(stderr, fmt.Errorf("breaking needs two arguments, OLD and NEW (swagger files or connector folders); see connector-check breaking -h"))
	case 1:
		return fail(stderr, fmt.Errorf("breaking needs two arguments, OLD and NEW: NEW is missing (got only %s)", paths[0]))
	default:
		return fail(stderr, fmt.Errorf("breaking takes two arguments, OLD and NEW; got %d", len(paths)))
	}
	cfg, err := of.config(paths)
	if err != nil {
		return fail(stderr, err)
	}
	cfg.source = func(validate.Options) (*validate.Result, error) {
		newC, err := loadVersion(paths[1], cfg.kind)
		if err != nil {
			return nil, err
		}
		oldC, err := loadVersion(paths[0], newC.Kind)
		if err != nil {
			return nil, err
		}
		res := &validate.Result{Connectors: []validate.ConnectorResult{{Path: newC.Path, Kind: newC.Kind}}}
		resultset.Add(res, validate.Breaking(oldC, newC))
		return res, nil
	}
	code, err = validateAndReport(cfg, stdout, stderr, getenv)
	if err != nil {
		return fail(stderr, err)
	}
	return code
}

// loadVersion loads a connector folder, or a lone swagger file.
func loadVersion(p string, kind validate.Kind) (*validate.Connector, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	var c *validate.Connector
	if info.IsDir() {
		if c, err = validate.Load(p, p, kind); err != nil {
			return nil, err
		}
		if c.Swagger == nil {
			return nil, fmt.Errorf("%s has no %s", p, validate.SwaggerName)
		}
	} else if c, err = validate.LoadSwaggerFile(p, p, kind); err != nil {
		return nil, err
	}
	if c.Swagger.JSON == nil || c.Swagger.JSON.Root == nil {
		return nil, fmt.Errorf("%s isn't JSON, so it can't be compared (connector-check validate shows where)", c.Swagger.Path)
	}
	return c, nil
}

// runChecks produces the result of a run: cfg.source when set, else a check of cfg.paths.
func runChecks(cfg validateConfig, opts validate.Options) (*validate.Result, error) {
	if cfg.source != nil {
		return cfg.source(opts)
	}
	return validate.Run(cfg.paths, opts)
}
