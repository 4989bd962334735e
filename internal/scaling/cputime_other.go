//go:build !unix

package scaling

import "time"

var start = time.Now()

// usage falls back to wall time where getrusage is not available, and counts no page faults.
func usage() (cpu time.Duration, faults int64) { return time.Since(start), 0 }
