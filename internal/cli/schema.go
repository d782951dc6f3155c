package cli

import (
	"context"
	"flag"

	"github.com/pillar-strategy/pillar/internal/outfile"
	"github.com/pillar-strategy/pillar/schema"
)

func schemaCommand() *command {
	c := &command{
		name:    "schema",
		summary: "print the strategy format's JSON Schema",
		usage: `Usage: pillar schema [-o FILE]

Prints the JSON Schema (draft 2020-12) that describes the strategy format.
Editors with YAML support use it for completion and inline checks: put
  # yaml-language-server: $schema=strategy.schema.json
at the top of a strategy file, with the path to the saved schema.

Examples:
  pillar schema > strategy.schema.json
  pillar schema -o .pillar/strategy.schema.json
`,
	}
	c.run = func(ctx context.Context, e *Env, args []string) error {
		fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
		out := fs.String("o", "", "write to `file` instead of stdout (- is stdout; a file is replaced atomically, a device or FIFO written directly)")
		pos, err := parse(fs, c, e, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			return usagef(c.name, "", "schema takes no arguments")
		}
		if *out == "" {
			*out = "-"
		}
		return outfile.WriteBytes(*out, e.Stdout, schema.JSON)
	}
	return c
}
