//go:build unix

package scaling

import (
	"syscall"
	"time"
)

// usage is the user and system CPU time the process has used, and the page faults it has had.
func usage() (cpu time.Duration, faults int64) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), ru.Minflt + ru.Majflt
}
