// Command gen-history writes a synthetic post history and mention log for a
// strategy, in the canonical CSV of DESIGN.md, with the ground truth an
// audit of them must find. It makes the sample data under
// examples/<name>/history and the large inputs of the audit benchmark:
//
//	go run ./tools/gen-history -strategy examples/nordlys -from 2027-01-01 -to 2027-04-01 -seed 1 \
//	    -posts-out posts.csv -mentions-out mentions.csv -truth truth.json
//	go run ./tools/gen-history -strategy examples/nordlys -from 2027-01-01 -to 2027-04-01 -seed 1 \
//	    -posts 10000000 -posts-out /tmp/posts.csv -mentions-out /tmp/mentions.csv
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/pillar-strategy/pillar/internal/outfile"
	"github.com/pillar-strategy/pillar/internal/synth"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

// Exit codes, as the pillar command uses them.
const (
	exitOK       = 0
	exitFindings = 1 // the strategy has errors
	exitFailure  = 2 // bad flags, unreadable or unwritable files
)

const usage = `Usage: gen-history -strategy PATH -from DATE -to DATE -posts-out FILE [flags]

Writes a synthetic post history (and, with -mentions-out, a mention log) for
the strategy over the period [-from, -to), following the planner's calendar
with the misses a real team makes: a few missed and late posts, two short
weeks on one channel, a missed tactic, an over-represented pillar, posts
without a pillar, an influencer mentioned over the cap, a paid-partner post
without a disclosure tag, mentions answered late or never, and a few bad,
duplicate, out-of-period and unknown-channel rows. -clean leaves all that
out. The same flags and seed always give the same bytes.

-truth writes what an audit of the files must find, as JSON.

With -posts N the calendar is repeated, pass after pass over the same
period, until exactly N post rows are written; every post stays in the
period. Memory stays flat (about 15 MB), so -posts 10000000 is fine: about
1.9 GB of posts and 0.65 GB of mentions for examples/nordlys.

Examples:
  go run ./tools/gen-history -strategy examples/nordlys -from 2027-01-01 -to 2027-04-01 -seed 1 \
      -posts-out examples/nordlys/history/posts.csv -mentions-out examples/nordlys/history/mentions.csv \
      -truth examples/nordlys/history/truth.json
  go run ./tools/gen-history -strategy examples/nordlys -from 2027-01-01 -to 2027-04-01 -seed 1 \
      -posts 10000000 -posts-out /tmp/posts.csv -mentions-out /tmp/mentions.csv -truth /tmp/truth.json

Flags:
`

// config is what the flags ask for.
type config struct {
	strategy    string
	from, to    strategy.Date
	seed        uint64
	posts       int64
	postsOut    string
	mentionsOut string
	truthOut    string
	clean       bool
}

// errUsage is a flag error; the usage has been printed.
var errUsage = errors.New("usage")

// parseFlags reads the command line; it writes the usage (for -h, or with
// the error) to stderr.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	var from, to string
	fs := flag.NewFlagSet("gen-history", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	fs.StringVar(&c.strategy, "strategy", "", "the strategy: a `file`, or a folder holding strategy.yaml")
	fs.StringVar(&from, "from", "", "first `date` of the period, YYYY-MM-DD")
	fs.StringVar(&to, "to", "", "`date` after the period's last day, YYYY-MM-DD")
	fs.Uint64Var(&c.seed, "seed", 1, "random `seed`; the same seed gives the same bytes")
	fs.Int64Var(&c.posts, "posts", 0, "write exactly `N` post rows, repeating the calendar (0: one pass over it)")
	fs.StringVar(&c.postsOut, "posts-out", "", "write the post history to `file`")
	fs.StringVar(&c.mentionsOut, "mentions-out", "", "write the mention log to `file`")
	fs.StringVar(&c.truthOut, "truth", "", "write the ground truth as JSON to `file`")
	fs.BoolVar(&c.clean, "clean", false, "publish every slot on time, with no deliberate miss or bad row")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, err
		}
		return c, errUsage
	}
	fail := func(format string, a ...any) (config, error) {
		fmt.Fprintf(stderr, "gen-history: "+format+"\n", a...)
		fmt.Fprintln(stderr, "Try: gen-history -h")
		return c, errUsage
	}
	if fs.NArg() > 0 {
		return fail("unexpected argument %q: every input is a flag", fs.Arg(0))
	}
	if c.strategy == "" || c.postsOut == "" {
		return fail("-strategy and -posts-out are required")
	}
	if from == "" || to == "" {
		return fail("-from and -to are required, e.g. -from 2027-01-01 -to 2027-04-01")
	}
	var err error
	if c.from, err = strategy.ParseDate(from); err != nil {
		return fail("-from: %v", err)
	}
	if c.to, err = strategy.ParseDate(to); err != nil {
		return fail("-to: %v", err)
	}
	if !c.to.After(c.from) {
		return fail("-to %s is not after -from %s: the period is [from, to)", c.to, c.from)
	}
	if c.posts < 0 {
		return fail("-posts %d: the number of posts cannot be negative", c.posts)
	}
	return c, nil
}

// options are the generator's options for the configuration.
func (c config) options() synth.HistoryOptions {
	if c.clean {
		return synth.HistoryOptions{Seed: c.seed, From: c.from, To: c.to, Posts: c.posts, MentionRate: 0.8}
	}
	o := synth.DefaultHistoryOptions(c.seed, c.from, c.to)
	o.Posts = c.posts
	return o
}

// load reads and validates the strategy, printing its errors.
func load(path string, stderr io.Writer) (*strategy.Strategy, error) {
	doc, err := strategy.LoadDocument(path, strategy.DefaultLimits)
	if err != nil {
		return nil, err
	}
	res, s := schema.Validate(doc, schema.Options{})
	if res.Count(schema.Error) > 0 || s == nil {
		f, _ := schema.NewFormatter("text", stderr, schema.FormatOptions{})
		f.Write(res)
		f.Flush()
		return nil, errFindings
	}
	return s, nil
}

var errFindings = errors.New("the strategy has errors; fix them first (see 'pillar validate')")

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// run generates the files and prints what it wrote.
func run(c config, stdout, stderr io.Writer) error {
	s, err := load(c.strategy, stderr)
	if err != nil {
		return err
	}
	start := time.Now()
	var truth *synth.HistoryTruth
	var postBytes, mentionBytes int64
	generate := func(pw, mw io.Writer) error {
		pc := &countingWriter{w: pw}
		var mwc io.Writer
		var mc *countingWriter
		if mw != nil {
			mc = &countingWriter{w: mw}
			mwc = mc
		}
		t, err := synth.History(s, c.options(), pc, mwc)
		if err != nil {
			return err
		}
		truth, postBytes = t, pc.n
		if mc != nil {
			mentionBytes = mc.n
		}
		return nil
	}
	err = outfile.Write(c.postsOut, os.Stdout, func(pw io.Writer) error {
		if c.mentionsOut == "" {
			return generate(pw, nil)
		}
		return outfile.Write(c.mentionsOut, os.Stdout, func(mw io.Writer) error { return generate(pw, mw) })
	})
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	if c.truthOut != "" {
		var b bytes.Buffer
		if err := truth.WriteJSON(&b); err != nil {
			return err
		}
		if err := outfile.WriteBytes(c.truthOut, os.Stdout, b.Bytes()); err != nil {
			return err
		}
	}
	rows := truth.Posts.Rows + truth.Mentions.Rows
	fmt.Fprintf(stdout, "wrote %d posts (%s) to %s", truth.Posts.Rows, size(postBytes), c.postsOut)
	if c.mentionsOut != "" {
		fmt.Fprintf(stdout, " and %d mentions (%s) to %s", truth.Mentions.Rows, size(mentionBytes), c.mentionsOut)
	}
	fmt.Fprintf(stdout, " in %s, %.0f rows/s\n", elapsed.Round(time.Millisecond), float64(rows)/max(elapsed.Seconds(), 1e-9))
	return nil
}

func size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// main wires the process's streams into the command and exits with its code.
func main() { os.Exit(command(os.Args[1:], os.Stdout, os.Stderr)) }

// command runs gen-history and returns its exit code.
func command(args []string, stdout, stderr io.Writer) int {
	c, err := parseFlags(args, stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case err != nil:
		return exitFailure
	}
	if err := run(c, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "gen-history:", err)
		if errors.Is(err, errFindings) {
			return exitFindings
		}
		return exitFailure
	}
	return exitOK
}
