package scaling

import (
	"testing"
	"time"
)

var sink int

// spin does n steps of work the compiler can't remove, and allocates n/8 bytes.
func spin(n int) {
	x := 0
	for i := range n {
		x += i ^ x>>3
	}
	b := make([]byte, n/8)
	b[len(b)-1] = byte(x)
	sink += int(b[len(b)-1])
}

// linearity runs Linear over cost(scale) as a benchmark and reports whether it passed.
func linearity(t *testing.T, cost func(scale int) int) bool {
	t.Helper()
	r := testing.Benchmark(func(b *testing.B) {
		Linear(b, func(tb testing.TB, scale int) Case {
			n := cost(scale)
			return Case{Size: int64(scale), Run: func() error { spin(n); return nil }}
		})
	})
	return r.N > 0 // a benchmark that failed has an empty result
}

// The check tells a linear cost from a quadratic one: a linear cost with a fixed part passes,
// a cost quadratic in the input (as the one-line columns were) fails.
func TestLinearTellsQuadratic(t *testing.T) {
	if testing.Short() {
		t.Skip("measures for a few seconds")
	}
	defer func(d time.Duration) { minTime = d }(minTime)
	minTime = 300 * time.Millisecond
	if !linearity(t, func(scale int) int { return 1_000_000 + 2_000_000*scale }) {
		t.Error("a linear cost failed the check")
	}
	if linearity(t, func(scale int) int { return 1_000_000 + 500_000*scale*scale }) {
		t.Error("a quadratic cost passed the check")
	}
}
