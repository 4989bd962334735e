package main

import (
	"context"
	"errors"
	"testing"

	"github.com/connector-check/connector-check/internal/ghapi"
	"github.com/connector-check/connector-check/validate"
)

// fakeSource is a ghapi.PRSource over a map of base files.
type fakeSource struct {
	files map[string][]byte
	err   error
	calls []string
}

func (f *fakeSource) ChangedFiles(context.Context, int) ([]ghapi.ChangedFile, error) {
	return nil, f.err
}
func (f *fakeSource) Compare(context.Context, string, string) (string, []ghapi.ChangedFile, error) {
	return "", nil, f.err
}
func (f *fakeSource) FileAt(_ context.Context, p, ref string) ([]byte, error) {
	f.calls = append(f.calls, p+"@"+ref)
	if f.err != nil {
		return nil, f.err
	}
	if data, ok := f.files[p]; ok {
		return data, nil
	}
	return nil, ghapi.ErrNotFound
}

func TestBaseFileAndAbsentAtBase(t *testing.T) {
	t.Chdir(t.TempDir()) // no git repository here: the API answers
	api := &fakeSource{files: map[string][]byte{
		"certified-connectors/Old/apiProperties.json": []byte("{}"),
		"certified-connectors/Big/apiProperties.json": make([]byte, validate.MaxFileSize+1),
	}}
	pc := &prContext{root: ".", baseSHA: "b4se", api: api}
	ctx := context.Background()
	if data, err := pc.baseFile(ctx, "certified-connectors/Old/apiProperties.json"); err != nil || string(data) != "{}" {
		t.Errorf("existing file: %q, %v", data, err)
	}
	if _, err := pc.baseFile(ctx, "certified-connectors/New/apiProperties.json"); !errors.Is(err, errBaseAbsent) {
		t.Errorf("added file: %v", err)
	}
	if _, err := pc.baseFile(ctx, "certified-connectors/Big/apiProperties.json"); err == nil {
		t.Error("a base file over MaxFileSize was accepted")
	}
	if api.calls[0] != "certified-connectors/Old/apiProperties.json@b4se" {
		t.Errorf("calls %q", api.calls)
	}
	if pc.absentAtBase(ctx, "certified-connectors/Old") {
		t.Error("an existing connector counted as new")
	}
	if !pc.absentAtBase(ctx, "certified-connectors/New") {
		t.Error("a new connector counted as existing")
	}
	// An unreadable base is no reason to escalate: not new.
	api.err = errors.New("rate limited")
	if pc.absentAtBase(ctx, "certified-connectors/New") {
		t.Error("an unreadable base made the connector new")
	}
	// Without a token and without git: a clear error.
	pc = &prContext{root: ".", baseSHA: "b4se"}
	if _, err := pc.baseFile(ctx, "x"); err == nil || errors.Is(err, errBaseAbsent) {
		t.Errorf("no source: %v", err)
	}
}
