package packaging

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/connector-check/connector-check/internal/scaling"
	"github.com/connector-check/connector-check/validate"
)

// BenchmarkLinearManyZips: a connector folder holding 1x, 2x and 4x as many package zips, each
// verified with a run budget large enough to read them all, so that what is measured is the cost
// per zip and not the budget cutting the work short (issue 17: ten copies of one zip in one folder
// took 51 s). Run it with
//
//	go test -run '^$' -bench Linear ./validate ./package
func BenchmarkLinearManyZips(b *testing.B) {
	pkg := tasksPackage(b)
	scaling.Linear(b, func(tb testing.TB, scale int) scaling.Case {
		dir := filepath.Join(tb.TempDir(), "independent-publisher-connectors", "Contoso Tasks")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			tb.Fatal(err)
		}
		des, err := os.ReadDir(tasksDir)
		if err != nil {
			tb.Fatal(err)
		}
		for _, de := range des {
			data, err := os.ReadFile(filepath.Join(tasksDir, de.Name()))
			if err != nil {
				tb.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, de.Name()), data, 0o644); err != nil {
				tb.Fatal(err)
			}
		}
		const zips = 16
		for i := range zips * scale {
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("package%03d.zip", i)), pkg, 0o644); err != nil {
				tb.Fatal(err)
			}
		}
		return scaling.Case{Size: int64(zips*scale) * int64(len(pkg)), Run: func() error {
			budget := NewBudget(1<<40, 1<<40)
			_, err := validate.Run([]string{dir}, validate.Options{VerifyPackage: budget.VerifyInFolder})
			return err
		}}
	})
}
