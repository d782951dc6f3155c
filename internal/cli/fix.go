package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/pillar-strategy/pillar/schema"
)

type fixOptions struct {
	paths  []string
	dryRun bool
	config string
	today  string
	root   string
}

// maxFixRounds bounds how often fix validates again after applying fixes:
// a fix can uncover findings the one before hid (the semantic rules run
// only once the structure is sound), and a fixed point comes within two
// or three rounds; the bound keeps two fixes that undo each other from
// running forever.
const maxFixRounds = 10

func fixCommand() *command {
	c := &command{
		name:    "fix",
		summary: "apply the fixes findings carry, touching only those bytes",
		usage: `Usage: pillar fix [PATH...] [flags]

Validates each strategy and applies the safe fixes its findings carry: a
misspelt key (pilars → pillars), id, timezone (Oslo → Europe/Oslo) or
allowed value (LinkedIn → linkedin, Tuesday → tue), a duration or time
written the human way (4 hours → 4h, 9am → "09:00"), hashtags that YAML
read as a comment (the value is quoted). Only the bytes of each fix
change: comments, order, quoting and blank lines stay as they were.
It validates again after each round, since one fix can uncover another,
until nothing is left to apply. Fixes in included and extended files are
made in those files, never outside the repository root.

It prints each change as file:line:col: old → new, and lists the fixes
it leaves to you: those that are a guess (a comment that may be a note),
and those that overlap an earlier fix.

PATH is as for validate. With --dry-run nothing is written: the changes
are printed as a unified diff (git apply and patch -p1 read it, from the
repository root).

Exit status: 0 when the strategies are valid and nothing is left to fix,
1 when errors or fixes remain, 2 when a strategy could not be read or a
file could not be written.

Examples:
  pillar fix
  pillar fix examples/nordlys
  pillar fix --dry-run > fixes.diff
  pillar fix brands/*
`,
	}
	c.run = func(ctx context.Context, e *Env, args []string) error {
		var o fixOptions
		fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
		fs.BoolVar(&o.dryRun, "dry-run", false, "print the changes as a unified diff and write nothing")
		fs.StringVar(&o.config, "config", "", "config `file` with a rules map (default .pillar.yaml if present)")
		fs.StringVar(&o.today, "today", "", "the `date` (YYYY-MM-DD) staleness rules measure from (default today)")
		rootFlag(fs, &o.root)
		pos, err := parse(fs, c, e, args)
		if err != nil {
			return err
		}
		if err := checkRoot(c.name, o.root); err != nil {
			return err
		}
		if err := checkToday(c.name, o.today); err != nil {
			return err
		}
		o.paths = pos
		if len(o.paths) == 0 {
			o.paths = []string{"."}
		}
		return runFix(ctx, e, o)
	}
	return c
}

func runFix(ctx context.Context, e *Env, o fixOptions) error {
	rules, err := loadConfig(o.config)
	if err != nil {
		return err
	}
	now := nowOf(e, o.today)
	targets, failed := findStrategiesFor("fix", e, o.paths, func(p string) string { return rootOf(p, o.root) })
	opts := schema.Options{Now: now, Rules: rules, MaxFindings: -1, MaxPerRule: -1}
	// Files changed by an earlier strategy of this run (a parent that two
	// strategies extend), by real path: a later strategy starts from
	// their new content, so that --dry-run shows each change once.
	done := map[string][]byte{}
	remains := false
	for _, t := range targets {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		r, err := fixStrategy(e, t, opts, o.dryRun, done)
		if err != nil {
			fmt.Fprintf(e.Stderr, "pillar fix: %v\n", err)
			failed = true
			continue
		}
		remains = remains || r
	}
	switch {
	case failed:
		return &exitError{ExitFailure}
	case remains:
		return &exitError{ExitFindings}
	}
	return nil
}
