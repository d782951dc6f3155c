package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/internal/numfmt"
	"github.com/pillar-strategy/pillar/internal/outfile"
	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/render"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

type planOptions struct {
	path     string
	from, to string
	format   string
	summary  bool
	out      string
	root     string
	// drafts, with the mapping flags, shows each slot's draft.
	drafts  string
	mapping string
	maps    []string
}

func planCommand() *command {
	c := &command{
		name:    "plan",
		summary: "turn the strategy into a posting calendar",
		usage: `Usage: pillar plan [PATH] [flags]

Expands every channel's cadence over the period [--from, --to) in the
channel's timezone (09:00 stays 09:00 local time across daylight-saving
changes), removes blackout dates, adds campaign slots and tactics, and
assigns a content pillar to every post so that the mix follows the weights
exactly and evenly over time. The strategy is validated first; a strategy
with errors is not planned.

The calendar is written as ICS (import into Google Calendar or Outlook; a
re-import updates events instead of duplicating them), CSV (one row per
post, safe to open in a spreadsheet), JSON, Markdown (a table per month) or
HTML (a printable month grid). With -o the format follows the file's
extension unless --format is given (a device or FIFO without one, such as
/dev/null, gets md, as stdout does). --summary prints the numbers a reviewer
wants instead: posts per channel, pillar mix achieved against target, and
tactic occurrences.

--drafts FILE|DIR shows in each slot's brief the draft that fills it (its id,
file and first words) or "No draft yet." (see pillar drafts; --mapping and --map
read a sheet's own columns), in every format.

--from defaults to today and --to to three months after --from; plans reach
at most 100 years. The plan is written as it is made, so a long one takes
no more memory than a short one.

Examples:
  pillar plan examples/nordlys --from 2027-01-01 --to 2027-04-01 --format ics -o q1.ics
  pillar plan examples/nordlys --from 2027-01-01 --to 2027-04-01 --summary
  pillar plan examples/cloudbase --from 2027-01-01 --to 2027-02-01 -o january.csv
  pillar plan --from 2027-01-01 --to 2028-01-01 --format html -o calendar.html
  pillar plan examples/nordlys --from 2027-01-04 --to 2027-01-11 --drafts examples/nordlys/drafts/posts
`,
	}
	c.run = func(ctx context.Context, e *Env, args []string) error {
		o, err := parsePlan(c, e, args)
		if err != nil {
			return err
		}
		return runPlan(ctx, e, o)
	}
	return c
}

func parsePlan(c *command, e *Env, args []string) (planOptions, error) {
	var o planOptions
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.StringVar(&o.from, "from", "", "first `date` of the plan, YYYY-MM-DD (default today)")
	fs.StringVar(&o.to, "to", "", "`date` after the plan's last day, YYYY-MM-DD (default three months after --from)")
	choiceVar(fs, &o.format, "format", "", render.CalendarFormats(), "output `format`: "+strings.Join(render.CalendarFormats(), ", ")+" (default from the extension of -o, else md)")
	fs.BoolVar(&o.summary, "summary", false, "print posts per channel, pillar mix and tactic counts instead of the calendar")
	fs.StringVar(&o.out, "o", "", "write to `file` instead of stdout (- is stdout; a file is replaced atomically, a device or FIFO written directly)")
	fs.StringVar(&o.drafts, "drafts", "", "show each slot's draft from `file`: a drafts CSV or JSON Lines file, or a folder of Markdown posts")
	choiceVar(fs, &o.mapping, "mapping", "", audit.Presets(), "column mapping of the drafts file: a preset `name` or a YAML file with a drafts: section")
	fs.Var((*listFlag)(&o.maps), "map", "rename a drafts column, `canonical=Column` (repeatable, or comma-separated)")
	rootFlag(fs, &o.root)
	pos, err := parse(fs, c, e, args)
	if err != nil {
		return o, err
	}
	if err := checkRoot(c.name, o.root); err != nil {
		return o, err
	}
	if o.drafts == "" && (o.mapping != "" || len(o.maps) > 0) {
		return o, usagef(c.name, "Give the drafts file with --drafts FILE.", "--mapping and --map read a drafts file, and there is no --drafts")
	}
	if o.drafts != "" && o.summary {
		return o, usagef(c.name, "Leave out --summary, or run pillar drafts for the numbers.", "--summary and --drafts cannot be used together")
	}
	o.out = stdoutName(o.out)
	switch len(pos) {
	case 0:
		o.path = "."
	case 1:
		o.path = pos[0]
	default:
		return o, usagef(c.name, "Plan one strategy at a time.", "plan takes one strategy, got %d", len(pos))
	}
	if o.summary && o.format != "" {
		return o, usagef(c.name, "Leave out --format: the summary is a text table.", "--summary and --format cannot be used together")
	}
	if o.format == "" && !o.summary {
		o.format = "md"
		if o.out != "" {
			ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(o.out)), ".")
			if ext == "htm" {
				ext = "html"
			}
			if !contains(render.CalendarFormats(), ext) && !outfile.IsStream(o.out) {
				return o, usagef(c.name, "Name the file with one of the extensions .ics, .csv, .json, .md or .html, or give --format.",
					"cannot tell the format from the file name %q", o.out)
			}
			if contains(render.CalendarFormats(), ext) {
				o.format = ext
			}
		}
	}
	if !o.summary && !contains(render.CalendarFormats(), o.format) {
		return o, usagef(c.name, "Use one of: "+strings.Join(render.CalendarFormats(), ", ")+".", "unknown format %q", o.format)
	}
	return o, nil
}

func runPlan(ctx context.Context, e *Env, o planOptions) error {
	from, to, err := period("plan", o.from, o.to, todayOf(e))
	if err != nil {
		return err
	}
	if o.out != "" {
		if err := outfile.Check(o.out); err != nil {
			return err
		}
	}
	s, err := loadValid(e, "plan", o.path, o.root)
	if err != nil {
		return err
	}
	if o.drafts != "" {
		return planWithDrafts(e, o, s, from, to)
	}
	// The plan is streamed: each slot is written as it is planned, so
	// memory stays flat however long the horizon. Everything that can stop
	// the plan is checked before the first slot.
	st, err := planner.NewStream(s, planner.Options{From: from, To: to})
	if err != nil {
		return usagef("plan", "", "%s", strings.TrimPrefix(err.Error(), "plan: "))
	}
	if (o.format == "md" || o.format == "html") && e.Getenv("GOGC") == "" {
		// Markdown and HTML keep a month of built slots and read the plan
		// twice, making garbage all along: the default rate keeps their
		// peak near the streamed formats' (the command runs at 400).
		debug.SetGCPercent(100)
	}
	defer st.Close()
	posts := 0
	write := func(w io.Writer) error {
		var err error
		if o.summary {
			err = writeSummary(w, st, &posts)
		} else {
			posts, err = render.WriteCalendarStream(w, st, o.format)
		}
		if err != nil {
			return fmt.Errorf("plan: %w", err)
		}
		return nil
	}
	if o.out == "" {
		err = write(e.Stdout)
	} else {
		err = outfile.Write(o.out, e.Stdout, write)
	}
	if err != nil {
		return err
	}
	for _, w := range st.Warnings() {
		fmt.Fprintf(e.Stderr, "pillar plan: warning: %s\n", w.Message)
	}
	if o.out != "" {
		fmt.Fprintf(e.Stderr, "Wrote %s from %s to %s to %s.\n", numfmt.Count(posts, "post", ""), from, to.AddDays(-1), o.out)
	}
	return nil
}

// writeSummary sums the stream up and writes the summary.
func writeSummary(w io.Writer, st *planner.Stream, posts *int) error {
	b := planner.NewSummaryBuilder(st.Calendar())
	for {
		s, err := st.Next()
		if err != nil {
			return err
		}
		if s == nil {
			break
		}
		b.Add(s)
		*posts++
	}
	return render.WriteSummary(w, b.Summary(len(st.Warnings())))
}

// loadValid loads and validates the strategy at path, confined to --root
// (root) or its repository root, for a command that builds on it. Errors
// are printed (as pillar validate would) and stop the command with exit 1;
// warnings are counted in one line on stderr.
func loadValid(e *Env, cmd, path, root string) (*strategy.Strategy, error) {
	go schema.Prepare() // on the other core while the files are read
	doc, err := strategy.LoadDocument(path, strategy.Limits{Root: rootOf(path, root)})
	if err != nil {
		return nil, fmt.Errorf("%s", readError(path, err))
	}
	res, s := schema.Validate(doc, schema.Options{Now: e.Now()})
	if res.Count(schema.Error) > 0 || s == nil {
		f, _ := schema.NewFormatter("text", e.Stderr, schema.FormatOptions{})
		f.Write(res)
		f.Flush()
		fmt.Fprintf(e.Stderr, "pillar %s: the strategy has errors; fix them first (see 'pillar validate %s')\n", cmd, path)
		return nil, &exitError{ExitFindings}
	}
	if n := res.Count(schema.Warning); n > 0 {
		fmt.Fprintf(e.Stderr, "pillar %s: the strategy has %s; 'pillar validate %s' lists them\n", cmd, numfmt.Count(n, "warning", ""), path)
	}
	return s, nil
}

// planWithDrafts plans the period whole, marks each slot with its draft
// (or none) and writes it. A plan with drafts is held in memory, as the
// drafts check holds it; the horizon is at most MaxHorizonYears.
func planWithDrafts(e *Env, o planOptions, s *strategy.Strategy, from, to strategy.Date) error {
	ro, err := auditOptions{mapping: o.mapping, maps: o.maps}.readOptions()
	if err != nil {
		return retag(err, "plan")
	}
	rep, err := slotDrafts(e, "plan", s, o.path, []string{o.drafts}, ro, o.root, from, to)
	if err != nil {
		return err
	}
	drafts.Annotate(rep.Calendar, rep.SlotDrafts)
	write := func(w io.Writer) error { return render.WriteCalendar(w, rep.Calendar, o.format) }
	if o.out == "" {
		err = write(e.Stdout)
	} else {
		err = outfile.Write(o.out, e.Stdout, write)
	}
	if err != nil {
		return err
	}
	for _, w := range rep.Calendar.Warnings {
		fmt.Fprintf(e.Stderr, "pillar plan: warning: %s\n", w.Message)
	}
	fmt.Fprintf(e.Stderr, "pillar plan: %d of %s have a draft", rep.Filled, numfmt.Count(rep.Slots, "slot", ""))
	if n := rep.Result.Count(schema.Error) + rep.Result.Count(schema.Warning); n > 0 {
		fmt.Fprintf(e.Stderr, "; the drafts have %s ('pillar drafts %s %s' lists them)", numfmt.Count(n, "finding", ""), o.path, o.drafts)
	}
	fmt.Fprintln(e.Stderr)
	if o.out != "" {
		fmt.Fprintf(e.Stderr, "Wrote %s from %s to %s to %s.\n", numfmt.Count(rep.Slots, "post", ""), from, to.AddDays(-1), o.out)
	}
	return nil
}
