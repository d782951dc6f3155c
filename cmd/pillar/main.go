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
	if os.Getenv("GOGC") == "" {
		// pillar is a short-lived process whose live heap stays small (a
		// strategy is kilobytes); collecting less often roughly halves the
		// time spent validating a large repository.
		debug.SetGCPercent(400)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], cli.OSEnv())
	stop()
	os.Exit(code)
}
