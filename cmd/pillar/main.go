// Command pillar validates social media strategies written as YAML, plans
// their posting calendars, renders playbooks and audits post history
// against the plan. Run `pillar --help` for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"

	"github.com/pillar-strategy/pillar/internal/cli"
)

// memoryLimit is the heap size past which the collector runs whatever GOGC
// says (see debug.SetMemoryLimit).
const memoryLimit = 96 << 20

func main() {
	if os.Getenv("GOGC") == "" {
		if len(os.Args) > 1 && os.Args[1] == "audit" {
			// An audit's heap is mostly its set of row ids: eight bytes a
			// row, with no pointers, so collecting often costs little and
			// keeps the garbage of the set's growth from adding to the
			// peak (10 million rows: about 175 MB instead of 240).
			debug.SetGCPercent(25)
		} else {
			// Otherwise pillar is a short-lived process whose live heap
			// stays small (a strategy is kilobytes); collecting less often
			// roughly halves the time spent validating a large repository.
			// A plan streams: its live heap is a few quarters of each
			// channel, in buffers it reuses, and it makes little garbage
			// (5 MB for 10 years of 20 channels), so collecting seldom
			// spares it the collections while it loads and validates,
			// without raising its peak (about 22 MB at any horizon).
			debug.SetGCPercent(400)
		}
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// Collecting seldom must not let a hostile strategy (tens of
		// thousands of values, each a finding) grow the heap to five times
		// what is live: past this soft limit the collector runs as often
		// as it needs to, so a large run stays within about 200 MB while a
		// small one never reaches the limit and keeps its speed.
		debug.SetMemoryLimit(memoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], cli.OSEnv())
	stop()
	os.Exit(code)
}
