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

func main() {
	if os.Getenv("GOGC") == "" && (len(os.Args) < 2 || os.Args[1] != "audit") {
		// pillar is a short-lived process whose live heap stays small (a
		// strategy is kilobytes); collecting less often roughly halves the
		// time spent validating a large repository. An audit is the
		// exception: it keeps eight bytes per row id, so it keeps Go's
		// default to stay within its memory budget on large histories.
		debug.SetGCPercent(400)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], cli.OSEnv())
	stop()
	os.Exit(code)
}
