package validate

import (
	"os"
	"testing"
)

func TestZZProf(t *testing.T) {
	p := os.Getenv("ZZ_PATH")
	if p == "" {
		t.Skip()
	}
	if _, err := Run([]string{p}, Options{}); err != nil {
		t.Fatal(err)
	}
}

func TestZZBreak(t *testing.T) {
	p := os.Getenv("ZZ_BREAK")
	if p == "" {
		t.Skip()
	}
	a, err := LoadSwaggerFile(p, p, IndependentPublisher)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := LoadSwaggerFile(p, p, IndependentPublisher)
	Breaking(a, b)
}
