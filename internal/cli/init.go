package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"github.com/pillar-strategy/pillar/internal/outfile"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
	"github.com/pillar-strategy/pillar/templates"
)

func initCommand() *command {
	c := &command{
		name:    "init",
		summary: "write a starter strategy to edit",
		usage: `Usage: pillar init [DIR] [flags]

Writes a complete, commented starter strategy to DIR/strategy.yaml (DIR
defaults to the current folder and is created if needed), and the JSON
Schema beside it as strategy.schema.json so that editors complete and check
the file. The starter validates cleanly; replace its example brand with yours.

Examples:
  pillar init
  pillar init brands/nordlys
  pillar init . --force
  pillar init brands/nordlys --today 2027-01-04   # personas reviewed on that day
`,
	}
	c.run = func(ctx context.Context, e *Env, args []string) error {
		fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
		force := fs.Bool("force", false, "overwrite an existing strategy.yaml")
		today := fs.String("today", "", "the `date` (YYYY-MM-DD) written as the personas' last review (default today)")
		pos, err := parse(fs, c, e, args)
		if err != nil {
			return err
		}
		reviewed, err := dateFlag(c.name, "--today", *today, strategy.DateOf(e.Now()))
		if err != nil {
			return err
		}
		if len(pos) > 1 {
			return usagef(c.name, "", "init takes one folder, got %d arguments", len(pos))
		}
		dir := "."
		if len(pos) == 1 {
			dir = pos[0]
		}
		return runInit(e, dir, *force, reviewed)
	}
	return c
}

var (
	schemaComment = regexp.MustCompile(`(?m)^# yaml-language-server: \$schema=.*$`)
	lastReviewed  = regexp.MustCompile(`(?m)^(\s*last_reviewed:\s*)(\d{4})-\d{2}-\d{2}`)
	anyDate       = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`)
)

// dateStarter moves the starter's dates to the year of today: the
// personas were reviewed today, and every other date (contracts,
// campaigns, holidays) moves by as many years as the first review did, so
// that a starter written in any year validates cleanly and keeps its
// seasons (Christmas stays in December).
func dateStarter(starter []byte, today strategy.Date) []byte {
	m := lastReviewed.FindSubmatch(starter)
	if m == nil {
		return starter
	}
	base, _ := strconv.Atoi(string(m[2]))
	shift := today.Year - base
	starter = anyDate.ReplaceAllFunc(starter, func(b []byte) []byte {
		d, err := strategy.ParseDate(string(b))
		if err != nil {
			return b
		}
		t := time.Date(d.Year+shift, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
		if t.Day() != d.Day { // 29 February into a year without one
			t = t.AddDate(0, 0, -t.Day())
		}
		return []byte(strategy.DateOf(t).String())
	})
	return lastReviewed.ReplaceAll(starter, []byte("${1}"+today.String()))
}

func runInit(e *Env, dir string, force bool, today strategy.Date) error {
	target := filepath.Join(dir, "strategy.yaml")
	if _, err := os.Stat(target); err == nil && !force {
		return usagef("init", "Edit the existing file, choose another folder, or pass --force to overwrite it.",
			"%s already exists", target)
	}
	starter, err := templates.Starter.ReadFile("starter/strategy.yaml")
	if err != nil {
		return fmt.Errorf("read the starter strategy: %w", err)
	}
	starter = schemaComment.ReplaceAllLiteral(starter, []byte("# yaml-language-server: $schema=strategy.schema.json"))
	// A persona reviewed "today" is what a new strategy honestly has; the
	// starter's fixed dates would read as stale, or its partner's contract
	// as expired, a year after release.
	starter = dateStarter(starter, today)
	if err := outfile.Folder(dir); err != nil {
		return err
	}
	schemaPath := filepath.Join(dir, "strategy.schema.json")
	for _, p := range []string{target, schemaPath} {
		if err := outfile.Check(p); err != nil {
			return err
		}
	}
	if err := outfile.WriteBytes(target, nil, starter); err != nil {
		return err
	}
	if err := outfile.WriteBytes(schemaPath, nil, schema.JSON); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "Wrote %s and %s.\nNext: edit the strategy, then run 'pillar validate %s'.\n", target, schemaPath, dir)
	return nil
}
