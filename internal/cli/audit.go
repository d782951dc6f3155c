package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/internal/inputfile"
	"github.com/pillar-strategy/pillar/internal/numfmt"
	"github.com/pillar-strategy/pillar/internal/outfile"
	"github.com/pillar-strategy/pillar/render"
	"github.com/pillar-strategy/pillar/strategy"
)

type auditOptions struct {
	path        string
	posts       string
	mentions    string
	from, to    string
	format      string
	out         string
	mapping     string
	maps        []string
	inputFormat string
	delimiter   string
	encoding    string
	tolerance   time.Duration
	failOn      string
	minSample   int
	today       string
	root        string
	compare     string

	// tacticResults is the tactic results file (--tactic-results).
	tacticResults string
}

var auditFormats = render.AuditFormats()

func auditCommand() *command {
	c := &command{
		name:    "audit",
		summary: "check post history and mentions against the strategy",
		usage: `Usage: pillar audit [PATH] --posts FILE [--mentions FILE] [flags]

Reads the post history (and the mention log) exported from the networks or a
scheduling tool and checks the period [--from, --to) against the strategy
and its plan: did every channel keep its cadence, is the pillar mix on
target, did posts go out near their slots, were tactics run, were
influencers mentioned as planned and not too often, do posts with paid
partners carry a disclosure tag, were mentions answered within their SLAs,
and is engagement on target. Each KPI target the strategy declares is met,
missed, or not measured (nothing to measure it on); the exit code is 1 when
a counted one is missed (--fail-on).

The files are CSV (comma, semicolon, tab or pipe separated, found from the
header) or JSON Lines, read as a stream: any size works, in memory that grows
only by some 20 bytes a row (to find repeated ids).
The columns are those of the canonical format (see the README); exports with
other column names are read through a mapping: --mapping names a preset or a
small YAML file, --map renames single columns. Rows that cannot be read are
counted and listed with their line numbers, never silently dropped: the
report reconciles rows read = used + outside the period + unknown channel +
rejected.

--from defaults to the first day of last month and --to to one month after
--from, so a monthly job needs neither.

--compare previous audits the period just before as well, from the same
files in the same pass, and gives every headline figure its change
("Engagement rate 3.1% → 3.6%, +0.5 pp"). When --from and --to are both the
first of a month, "previous" is the same number of calendar months before
(2027-03-01..2027-04-01 compares with 2027-02-01..2027-03-01, a quarter with
the quarter before); otherwise the same number of days before. --compare
FROM..TO names the comparison period itself (TO exclusive, as --to; it may
overlap the audited one). A period the files have no rows for shows "no
data", not zero. The report is text on the terminal,
or JSON (for dashboards), Markdown or HTML (for the team) with --format or
by -o's extension (a device or FIFO without one, such as /dev/null, gets
text, as stdout does).

Examples:
  pillar audit examples/nordlys --posts examples/nordlys/history/posts.csv --mentions examples/nordlys/history/mentions.csv --from 2027-01-01 --to 2027-04-01
  pillar audit examples/nordlys --posts posts.csv --from 2027-01-01 --to 2027-02-01 -o january.html
  pillar audit --posts export.csv --mapping sprout-social --map timezone=Europe/Oslo
  pillar audit --posts posts.csv --mentions mentions.csv --format json --fail-on response_within_sla
  pillar audit examples/nordlys --posts posts.csv --from 2027-03-01 --to 2027-04-01 --compare previous
  pillar audit examples/nordlys --posts posts.csv --from 2027-03-01 --to 2027-04-01 --tactic-results giveaway.csv --fail-on tactics
`,
	}
	c.run = func(ctx context.Context, e *Env, args []string) error {
		o, err := parseAudit(c, e, args)
		if err != nil {
			return err
		}
		return runAudit(e, o)
	}
	return c
}

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func parseAudit(c *command, e *Env, args []string) (auditOptions, error) {
	var o auditOptions
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.StringVar(&o.posts, "posts", "", "post history `file` (CSV or JSON Lines; - reads stdin)")
	fs.StringVar(&o.mentions, "mentions", "", "mention log `file` (CSV or JSON Lines)")
	fs.StringVar(&o.tacticResults, "tactic-results", "", "CSV `file` of tactic KPI values per occurrence: tactic,channel,date,metric,value")
	fs.StringVar(&o.from, "from", "", "first `date` of the period, YYYY-MM-DD (default the first day of last month)")
	fs.StringVar(&o.to, "to", "", "`date` after the period's last day, YYYY-MM-DD (default one month after --from)")
	choiceVar(fs, &o.format, "format", "", auditFormats, "report `format`: "+strings.Join(auditFormats, ", ")+" (default from the extension of -o, else text)")
	fs.StringVar(&o.out, "o", "", "write the report to `file` instead of stdout (- is stdout; a file is replaced atomically, a device or FIFO written directly)")
	choiceVar(fs, &o.mapping, "mapping", "", audit.Presets(), "column mapping: a preset `name` ("+strings.Join(audit.Presets(), ", ")+") or a YAML file")
	fs.Var((*listFlag)(&o.maps), "map", "rename a column, `canonical=Column` (repeatable, or comma-separated)")
	choiceVar(fs, &o.inputFormat, "input-format", "", []string{"csv", "jsonl"}, "input `format`, csv or jsonl (default from the file name, else sniffed)")
	fs.StringVar(&o.delimiter, "delimiter", "", "CSV field `delimiter` (default found from the header: , ; tab or |)")
	choiceVar(fs, &o.encoding, "encoding", "", []string{"utf-8", "latin1"}, "input `encoding`: utf-8 (default) or latin1")
	fs.DurationVar(&o.tolerance, "tolerance", audit.DefaultTolerance, "how far from a planned slot a post still counts as on time")
	fs.StringVar(&o.failOn, "fail-on", "all", "KPIs whose miss exits 1: all, none, or a comma-separated `list` of "+strings.Join(audit.KPIs, ", ")+", tactics (every tactic KPI) or tactic:ID:METRIC")
	fs.IntVar(&o.minSample, "min-sample", audit.DefaultMinSample, "fewest posts in an hour of the week before a recommendation relies on it")
	fs.StringVar(&o.today, "today", "", "take `date` as today for the default period, YYYY-MM-DD")
	fs.StringVar(&o.compare, "compare", "", "also audit a comparison `period`: previous, or FROM..TO; each headline figure gets its change")
	rootFlag(fs, &o.root)
	pos, err := parse(fs, c, e, args)
	if err != nil {
		return o, err
	}
	if err := checkRoot(c.name, o.root); err != nil {
		return o, err
	}
	if o.path, err = onePath(c.name, pos); err != nil {
		return o, err
	}
	if o.posts == "" {
		return o, usagef(c.name, "Export the post history as CSV or JSON Lines and pass it with --posts FILE.", "--posts is required")
	}
	if o.tacticResults == "-" && (o.posts == "-" || o.mentions == "-") {
		return o, usagef(c.name, "Give the tactic results file by name.", "only one file can be read from stdin (-)")
	}
	o.out = stdoutName(o.out)
	if o.format == "" {
		o.format = "text"
		if o.out != "" {
			ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(o.out)), ".")
			switch ext {
			case "htm":
				ext = "html"
			case "txt":
				ext = "text"
			case "markdown":
				ext = "md"
			}
			if !contains(auditFormats, ext) && !outfile.IsStream(o.out) {
				return o, usagef(c.name, "Name the file .txt, .json, .md or .html, or give --format.", "cannot tell the format from the file name %q", o.out)
			}
			if contains(auditFormats, ext) {
				o.format = ext
			}
		}
	}
	if !contains(auditFormats, o.format) {
		return o, usagef(c.name, "Use one of: "+strings.Join(auditFormats, ", ")+".", "unknown format %q", o.format)
	}
	if o.tolerance < 0 || o.tolerance%time.Second != 0 {
		return o, usagef(c.name, "Give whole seconds or more, such as 90s, 30m or 2h; 0 asks for the slot's exact time.", "--tolerance %s is not a whole number of seconds 0 or more", o.tolerance)
	}
	if o.minSample < 1 {
		return o, usagef(c.name, "", "--min-sample must be at least 1")
	}
	return o, nil
}

// auditPeriod reads --from and --to for an audit: by default last month.
func auditPeriod(o auditOptions, today strategy.Date) (from, to strategy.Date, err error) {
	lastMonth := strategy.Date{Year: today.Year, Month: today.Month, Day: 1}.AddMonths(-1)
	if o.from == "" && o.to != "" {
		to, err = dateFlag("audit", "--to", o.to, to)
		if err != nil {
			return
		}
		return to.AddMonths(-1), to, nil
	}
	if from, err = dateFlag("audit", "--from", o.from, lastMonth); err != nil {
		return
	}
	if to, err = dateFlag("audit", "--to", o.to, from.AddMonths(1)); err != nil {
		return
	}
	if !from.Before(to) {
		err = usagef("audit", "The period is [from, to): --to is the day after the last day audited.", "--to %s is not after --from %s", to, from)
	}
	return
}

// failOn turns --fail-on into the audit's list: nil for all.
func failOn(s string) ([]string, error) {
	switch strings.TrimSpace(s) {
	case "", "all":
		return nil, nil
	case "none":
		return []string{}, nil
	}
	var out []string
	for _, k := range strings.Split(s, ",") {
		k = strings.TrimSpace(k)
		if !contains(audit.KPIs, k) && k != audit.KPITactics && !strings.HasPrefix(k, "tactic:") {
			return nil, usagef("audit", "Use all, none, or a comma-separated list of "+strings.Join(audit.KPIs, ", ")+".",
				"unknown KPI %q in --fail-on%s", k, suggestion(k, audit.KPIs))
		}
		out = append(out, k)
	}
	return out, nil
}

// readOptions builds how the inputs are read from the flags.
func (o auditOptions) readOptions() (audit.ReadOptions, error) {
	var ro audit.ReadOptions
	switch o.inputFormat {
	case "", "csv", "jsonl":
		ro.Format = o.inputFormat
	case "ndjson", "json":
		ro.Format = "jsonl"
	default:
		return ro, usagef("audit", "Use csv or jsonl.", "unknown --input-format %q", o.inputFormat)
	}
	switch o.delimiter {
	case "":
	case `\t`, "tab", "\t":
		ro.Delimiter = '\t'
	default:
		if len(o.delimiter) != 1 {
			return ro, usagef("audit", `Give one character, e.g. --delimiter ';' or --delimiter tab.`, "--delimiter %q is not one character", o.delimiter)
		}
		ro.Delimiter = o.delimiter[0]
	}
	switch strings.ToLower(o.encoding) {
	case "", "utf-8", "utf8":
	case "latin1", "latin-1", "iso-8859-1", "windows-1252", "cp1252":
		ro.Encoding = "latin1"
	default:
		return ro, usagef("audit", "Use utf-8 or latin1.", "unknown --encoding %q", o.encoding)
	}
	if o.mapping != "" {
		m, ok := audit.Preset(o.mapping)
		if !ok {
			if _, err := os.Stat(o.mapping); err != nil {
				return ro, usagef("audit", "Presets: "+strings.Join(audit.Presets(), ", ")+"; or give a mapping YAML file.",
					"--mapping %s is neither a preset nor a file%s", o.mapping, suggestion(o.mapping, audit.Presets()))
			}
			var err error
			if m, err = audit.LoadMapping(o.mapping); err != nil {
				return ro, err
			}
		}
		ro.Mapping = m
	}
	for _, s := range o.maps {
		cols, err := audit.ParseMapFlag(s)
		if err != nil {
			return ro, usagef("audit", "Write --map canonical=Column, e.g. --map published_at=Date.", "%v", err)
		}
		m, err := ro.Mapping.With(cols)
		if err != nil {
			return ro, usagef("audit", "", "%v", err)
		}
		if m.Name == "" {
			m.Name = "--map"
		}
		ro.Mapping = m
	}
	return ro, nil
}

func runAudit(e *Env, o auditOptions) error {
	today, err := dateFlag("audit", "--today", o.today, todayOf(e))
	if err != nil {
		return err
	}
	from, to, err := auditPeriod(o, today)
	if err != nil {
		return err
	}
	fail, err := failOn(o.failOn)
	if err != nil {
		return err
	}
	cmp, err := comparePeriod(o.compare, from, to)
	if err != nil {
		return err
	}
	ro, err := o.readOptions()
	if err != nil {
		return err
	}
	if o.out != "" {
		if err := outfile.Check(o.out); err != nil {
			return err
		}
	}
	s, err := loadValid(e, "audit", o.path, o.root)
	if err != nil {
		// The audit could not be done: that is exit 2, never the exit 1
		// of a missed KPI, so a scheduled job tells the two apart.
		var ee *exitError
		if errors.As(err, &ee) && ee.code == ExitFindings {
			return &exitError{ExitFailure}
		}
		return err
	}
	posts, closePosts, err := openInput(e, o.posts)
	if err != nil {
		return err
	}
	defer closePosts()
	opt := audit.Options{
		From:      from,
		To:        to,
		Posts:     posts,
		Read:      ro,
		Tolerance: o.tolerance,
		FailOn:    fail,
		MinSample: o.minSample,
		Compare:   cmp,
	}
	closeMentions := func() {}
	if o.mentions != "" {
		m, done, err := openInput(e, o.mentions)
		if err != nil {
			return err
		}
		closeMentions = done
		defer closeMentions()
		opt.Mentions = &m
	}
	closeResults := func() {}
	if o.tacticResults != "" {
		tr, done, err := openInput(e, o.tacticResults)
		if err != nil {
			return err
		}
		closeResults = done
		defer closeResults()
		opt.TacticResults = &tr
	}
	rep, err := runAuditOn(s, opt)
	// The files are read: their progress lines go before any message.
	closePosts()
	closeMentions()
	closeResults()
	if err != nil {
		return err
	}
	ropt := render.AuditOptions{Format: o.format, Color: o.out == "" && e.color(), Strategy: o.path}
	write := func(w io.Writer) error { return render.WriteAudit(w, rep, ropt) }
	if o.out == "" {
		err = write(e.Stdout)
	} else if err = outfile.Write(o.out, e.Stdout, write); err == nil {
		fmt.Fprintf(e.Stderr, "Wrote the audit of %s to %s to %s: %s.\n", from, to.AddDays(-1), o.out, verdictLine(rep))
	}
	if err != nil {
		return err
	}
	warnRejects(e, "audit", rep)
	if !rep.Verdict.Pass {
		return &exitError{ExitFindings}
	}
	return nil
}

// runAuditOn runs the audit; a file the readers cannot use is a usage
// error (exit 2) that names the file and line.
func runAuditOn(s *strategy.Strategy, opt audit.Options) (*audit.Report, error) {
	rep, err := audit.Run(s, opt)
	if err != nil {
		var fe *audit.FileError
		if errors.As(err, &fe) {
			return nil, usagef("audit", "", "%v", err)
		}
		return nil, err
	}
	return rep, nil
}

// verdictLine sums the verdict up: "3 of 4 KPI targets met", with the
// KPIs that could not be measured apart.
func verdictLine(r *audit.Report) string {
	met, measured := 0, 0
	for _, c := range r.Verdict.Checks {
		if c.Measured {
			measured++
			if c.Met {
				met++
			}
		}
	}
	unmeasured := len(r.Verdict.Checks) - measured
	switch {
	case len(r.Verdict.Checks) == 0:
		return "the strategy declares no KPI targets"
	case measured == 0:
		return "no KPI target could be measured"
	case unmeasured > 0:
		return fmt.Sprintf("%d of %d KPI targets met, %d not measured", met, measured, unmeasured)
	}
	return fmt.Sprintf("%d of %d KPI targets met", met, measured)
}

// warnRejects says on stderr when rows were rejected, or none was used, so
// a job log shows it even when the report went to a file.
func warnRejects(e *Env, cmd string, r *audit.Report) {
	for _, rec := range []*audit.Reconciliation{&r.Posts, r.Mentions} {
		if rec != nil && rec.Read == 0 {
			fmt.Fprintf(e.Stderr, "pillar %s: warning: %s: no row is used: the file has no data rows, only its header\n", cmd, rec.File)
		}
		if rec != nil && rec.Read > 0 && rec.Used == 0 {
			fmt.Fprintf(e.Stderr, "pillar %s: warning: %s: no row is used, of %s: %s outside the period %s to %s, %s on channels the strategy does not have, %s rejected\n",
				cmd, rec.File, numfmt.Int(rec.Read), numfmt.Int(rec.OutsidePeriod), r.From, r.To.AddDays(-1), numfmt.Int(rec.UnknownChannel), numfmt.Int(rec.Rejected))
		}
		if rec != nil && rec.Rejected > 0 {
			fmt.Fprintf(e.Stderr, "pillar %s: warning: %s: %s of %s rejected; the report lists the first with their reasons\n",
				cmd, rec.File, numfmt.Count(rec.Rejected, "row", ""), numfmt.Int(rec.Read))
		}
	}
	if f := r.TacticResults; f != nil && f.Rejected > 0 {
		fmt.Fprintf(e.Stderr, "pillar %s: warning: %s: %s of %s rejected; the report lists the first with their reasons\n",
			cmd, f.File, numfmt.Count(f.Rejected, "row", ""), numfmt.Int(f.Read))
	}
	if c := r.Compare; c != nil && c.TacticResults != nil && c.TacticResults.Rejected > 0 {
		f := c.TacticResults
		fmt.Fprintf(e.Stderr, "pillar %s: warning: %s: %s rejected for the comparison period; the report lists the first with their reasons\n",
			cmd, f.File, numfmt.Count(f.Rejected, "row", ""))
	}
}

// openInput opens a history file (- is stdin) with a progress indicator on
// a terminal.
func openInput(e *Env, name string) (audit.Input, func(), error) {
	if name == "-" {
		return audit.Input{Name: "stdin", R: e.Stdin}, func() {}, nil
	}
	f, err := inputfile.Open(name)
	var nr *inputfile.NotRegularError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return audit.Input{}, nil, usagef("audit", "", "%s: no such file", name)
	case errors.As(err, &nr) && nr.Mode.IsDir():
		return audit.Input{}, nil, usagef("audit", "Give the CSV or JSON Lines file itself.", "%s is a folder", name)
	case errors.As(err, &nr):
		return audit.Input{}, nil, usagef("audit", "To read the history from a pipe, give - and pipe it to pillar's standard input, e.g. zcat posts.csv.gz | pillar audit --posts -.",
			"%v; pillar reads history only from regular files", err)
	case err != nil:
		return audit.Input{}, nil, fmt.Errorf("%s", readError(name, err))
	}
	in := audit.Input{Name: name, R: f}
	closed := false
	done := func() {
		if !closed {
			closed = true
			f.Close()
		}
	}
	if e.StderrIsTerminal {
		if fi, err := f.Stat(); err == nil && fi.Size() > progressMinBytes {
			p := &progress{r: f, w: e.Stderr, name: name, size: fi.Size()}
			in.R = p
			done = func() {
				p.finish()
				if !closed {
					closed = true
					f.Close()
				}
			}
		}
	}
	return in, done, nil
}

// progressMinBytes is the smallest file that gets a progress indicator.
var progressMinBytes int64 = 32 << 20

// progress reports how much of a file has been read, on one stderr line
// rewritten at most a few times a second, and erases the line when the
// file has been read, before anything else is written to stderr.
type progress struct {
	r     io.Reader
	w     io.Writer
	name  string
	size  int64
	read  int64
	last  time.Time
	width int // the longest line written, in runes; 0 when none is showing
}

func (p *progress) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.read += int64(n)
	if err != nil {
		p.finish()
		return n, err
	}
	if now := time.Now(); now.Sub(p.last) >= 250*time.Millisecond {
		p.last = now
		line := fmt.Sprintf("Reading %s: %3d%% (%s of %s)", p.name, 100*p.read/max(p.size, 1), sizeWords64(p.read), sizeWords64(p.size))
		p.width = max(p.width, utf8.RuneCountInString(line))
		fmt.Fprint(p.w, "\r"+line)
	}
	return n, err
}

// finish erases the progress line, if one is showing, and leaves the
// cursor at the start of the line for the next message.
func (p *progress) finish() {
	if p.width > 0 {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.width))
		p.width = 0
	}
}

// sizeWords64 writes a byte count for people: 512 KB, 1.4 GB.
func sizeWords64(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.0f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", n>>10)
}
