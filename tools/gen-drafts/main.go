// Command gen-drafts writes a synthetic drafts file for a strategy: one
// draft for each planned slot of the period, cycled until there are as many
// as asked, in the canonical CSV columns. It makes the large input of the
// drafts benchmark:
//
//	go run ./tools/gen-drafts -strategy examples/nordlys -from 2027-01-01 -to 2028-01-01 -drafts 100000 -o /tmp/drafts.csv
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/pillar-strategy/pillar/internal/synth"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen-drafts", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("strategy", ".", "the strategy `path`")
	from := fs.String("from", "", "first `date` of the period")
	to := fs.String("to", "", "`date` after the period's last day")
	n := fs.Int("drafts", 0, "number of drafts (default one a planned slot)")
	seed := fs.Uint64("seed", 1, "random `seed`")
	out := fs.String("o", "", "output `file` (default stdout)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	f, err1 := strategy.ParseDate(*from)
	t, err2 := strategy.ParseDate(*to)
	if err1 != nil || err2 != nil {
		fmt.Fprintln(stderr, "gen-drafts: -from and -to are dates, YYYY-MM-DD")
		return 2
	}
	doc, err := strategy.LoadDocument(*path, strategy.DefaultLimits)
	if err != nil {
		fmt.Fprintln(stderr, "gen-drafts:", err)
		return 2
	}
	res, s := schema.Validate(doc, schema.Options{})
	if res.Count(schema.Error) > 0 || s == nil {
		fmt.Fprintf(stderr, "gen-drafts: %s has errors; run pillar validate\n", *path)
		return 1
	}
	w := stdout
	if *out != "" {
		file, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(stderr, "gen-drafts:", err)
			return 2
		}
		defer file.Close()
		bw := bufio.NewWriter(file)
		defer bw.Flush()
		w = bw
	}
	if err := synth.Drafts(w, s, synth.DraftsOptions{Seed: *seed, From: f, To: t, Drafts: *n}); err != nil {
		fmt.Fprintln(stderr, "gen-drafts:", err)
		return 2
	}
	return 0
}
