package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/drafts/export"
	"github.com/pillar-strategy/pillar/drafts/lint"
	"github.com/pillar-strategy/pillar/internal/numfmt"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

type draftsOptions struct {
	path        string   // the strategy
	inputs      []string // drafts files and folders
	from, to    string
	format      string
	strict      bool
	mapping     string
	maps        []string
	inputFormat string
	delimiter   string
	encoding    string
	posts       string
	today       string
	root        string
	listRules   bool
	maxFindings int
	maxPerRule  int
	export      string // scheduler or file format to hand the drafts on in
	out         string // the folder (or - for csv and ics) it goes to
}

func draftsCommand() *command {
	c := &command{
		name:    "drafts",
		summary: "check drafted posts against the strategy and its plan",
		usage: `Usage: pillar drafts [PATH] [FILE|DIR...] [flags]

Checks the posts a team has drafted, before they go out: each draft's channel
exists and posts that day (no blackout, inside its active period), its time is
a planned slot (or the finding names the nearest one), its pillar exists (or
is found from its hashtags and keywords, as the audit finds it); then every
planned slot of the period has a draft (the empty ones are listed per channel
and week), the drafts beyond the plan are counted, and each channel's pillar
mix is held to the plan's within the strategy's kpis.pillar_tolerance.

PATH is the strategy: a YAML file or a folder holding strategy.yaml; when the
first argument is neither, the strategy is ./strategy.yaml and every argument
is drafts.

FILE is a content calendar in CSV or JSON Lines with the columns id, channel,
scheduled_at, text, pillar, tactic, campaign, link, media, alt_text, status,
owner and partners (channel, scheduled_at and text are required). A sheet with
its own column names is read through a mapping with a drafts: section
(--mapping) or --map scheduled_at="Publish date". A time without a UTC offset
is read in the channel's time zone, as the planner reads cadence times.
DIR is a folder of Markdown posts (one file a post, YAML front matter with the
same keys, the text as the body); it must lie inside the repository root.
With no FILE or DIR, the drafts are those the strategy lists in drafts.files
(globs and folders relative to its folder, inside the repository root), read
with its drafts.mapping unless --mapping is given.

The period is [--from, --to), by default the days the drafts cover.
Findings print as validate's do (text, json, github, sarif), at the drafts'
file:line:col, or at the channel in the strategy for empty slots and the mix.

Once the check passes (no errors; with --strict, no warnings), --export
FORMAT -o DIR writes the period's drafts for a scheduler: csv and ics for any
tool (-o - writes them to stdout, and the findings to stderr), or a bulk-import
file per channel for sprout (Sprout Social), friendsplus (Friends+Me) or
ayrshare, in the layout and within the limits each documents. --today is the
"now" the importers' lead times are measured from.

Exit status: 0 when no errors (and, with --strict, no warnings) were found,
1 when some were, 2 when the drafts or the strategy could not be read.

Examples:
  pillar drafts examples/nordlys examples/nordlys/drafts/january.csv --mapping examples/mappings/content-calendar.yaml
  pillar drafts examples/nordlys examples/nordlys/drafts/posts
  pillar drafts examples/nordlys --today 2027-01-05
  pillar drafts calendar.csv --from 2027-01-01 --to 2027-02-01 --format github
  pillar drafts strategy.yaml posts/ --format sarif > drafts.sarif
  pillar drafts examples/nordlys calendar.csv --export sprout -o out/sprout
  pillar drafts --list-rules
`,
	}
	c.run = func(ctx context.Context, e *Env, args []string) error {
		o, err := parseDrafts(c, e, args)
		if err != nil {
			return err
		}
		return runDrafts(e, o)
	}
	return c
}

func parseDrafts(c *command, e *Env, args []string) (draftsOptions, error) {
	var o draftsOptions
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.StringVar(&o.from, "from", "", "first `date` of the period, YYYY-MM-DD (default the first day a draft is for)")
	fs.StringVar(&o.to, "to", "", "`date` after the period's last day, YYYY-MM-DD (default the day after the last draft's)")
	choiceVar(fs, &o.format, "format", "text", schema.Formats(), "output `format`: "+strings.Join(schema.Formats(), ", "))
	fs.BoolVar(&o.strict, "strict", false, "treat warnings as failures (exit 1)")
	choiceVar(fs, &o.mapping, "mapping", "", audit.Presets(), "column mapping: a preset `name` or a YAML file with a drafts: section")
	fs.Var((*listFlag)(&o.maps), "map", "rename a column, `canonical=Column` (repeatable, or comma-separated)")
	choiceVar(fs, &o.inputFormat, "input-format", "", []string{"csv", "jsonl"}, "input `format`, csv or jsonl (default from the file name, else sniffed)")
	fs.StringVar(&o.delimiter, "delimiter", "", "CSV field `delimiter` (default found from the header: , ; tab or |)")
	choiceVar(fs, &o.encoding, "encoding", "", []string{"utf-8", "latin1"}, "input `encoding`: utf-8 (default) or latin1")
	fs.StringVar(&o.posts, "posts", "", "published post history `file`, for the rules that count drafts together with what went out (influencer caps)")
	fs.StringVar(&o.today, "today", "", "take `date` as today, YYYY-MM-DD, for rules that measure from it (approval before the date)")
	fs.BoolVar(&o.listRules, "list-rules", false, "list every rule with its id, severity and summary, then exit")
	fs.IntVar(&o.maxFindings, "max-findings", schema.DefaultMaxFindings, "list at most `n` findings and count the rest (0: no limit)")
	fs.IntVar(&o.maxPerRule, "max-per-rule", schema.DefaultMaxPerRule, "list at most `n` findings of one rule and count the rest (0: no limit)")
	rootFlag(fs, &o.root)
	choiceVar(fs, &o.export, "export", "", exportNames(), "once the check passes, write the period's drafts in `format` for a scheduler: "+export.FormatNames())
	fs.StringVar(&o.out, "o", "", "with --export, the `folder` the files go into; - writes csv or ics to stdout")
	pos, err := parse(fs, c, e, args)
	if err != nil {
		return o, err
	}
	if o.listRules {
		return o, nil
	}
	if err := checkRoot(c.name, o.root); err != nil {
		return o, err
	}
	if err := checkToday(c.name, o.today); err != nil {
		return o, err
	}
	if o.maxFindings < 0 || o.maxPerRule < 0 {
		return o, usagef(c.name, "Give a number of findings, or 0 to list them all.", "--max-findings and --max-per-rule cannot be negative")
	}
	o.path = "."
	if len(pos) > 0 && isStrategyPath(pos[0]) {
		o.path, pos = pos[0], pos[1:]
	}
	o.inputs = pos // none: the strategy's drafts.files
	switch {
	case o.export != "" && o.out == "":
		return o, usagef(c.name, "Name the folder the files go into, e.g. -o out/"+o.export+" (or -o - for csv and ics).", "--export needs -o")
	case o.export == "" && o.out != "":
		return o, usagef(c.name, "Give a format with --export: "+export.FormatNames()+".", "-o needs --export")
	}
	return o, nil
}

// isStrategyPath tells the strategy from the drafts among the arguments: a
// YAML file, or a folder holding strategy.yaml.
func isStrategyPath(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".yaml", ".yml":
		return true
	}
	for _, name := range []string{"strategy.yaml", "strategy.yml"} {
		if fi, err := os.Stat(filepath.Join(p, name)); err == nil && fi.Mode().IsRegular() {
			return true
		}
	}
	return false
}

func runDrafts(e *Env, o draftsOptions) error {
	if o.listRules {
		for _, r := range drafts.Rules() {
			fmt.Fprintf(e.Stdout, "%-28s %-8s %s\n", r.ID, r.Severity, r.Summary)
		}
		for _, r := range lint.Rules() {
			// The content rules' summaries are sentences (validate's
			// style); listed here they read like the engine's.
			sum := strings.TrimSuffix(r.Summary, ".")
			if sum != "" {
				sum = strings.ToLower(sum[:1]) + sum[1:]
			}
			fmt.Fprintf(e.Stdout, "%-28s %-8s %s\n", r.ID, r.Severity, sum)
		}
		return nil
	}
	var from, to strategy.Date
	var err error
	if from, err = dateFlag("drafts", "--from", o.from, from); err != nil {
		return err
	}
	if to, err = dateFlag("drafts", "--to", o.to, to); err != nil {
		return err
	}
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		return usagef("drafts", "The period is [from, to): --to is the day after the last day checked.", "--to %s is not after --from %s", to, from)
	}
	s, err := loadValid(e, "drafts", o.path, o.root)
	if err != nil {
		var ee *exitError
		if errors.As(err, &ee) && ee.code == ExitFindings {
			return &exitError{ExitFailure} // could not check the drafts at all
		}
		return err
	}
	if len(o.inputs) == 0 {
		if o, err = strategyDrafts(s, o); err != nil {
			return err
		}
	}
	ro, err := auditOptions{mapping: o.mapping, maps: o.maps, inputFormat: o.inputFormat, delimiter: o.delimiter, encoding: o.encoding}.readOptions()
	if err != nil {
		return retag(err, "drafts")
	}
	now := draftsNow(e, o.today, s)
	rep, sources, err := checkDrafts(e, "drafts", s, o, ro, from, to, now)
	if err != nil {
		return err
	}
	// With --export csv -o -, the drafts own stdout and the findings go to
	// stderr, so the file piped on is only the export.
	report, color := e.Stdout, e.color()
	if o.export != "" && o.out == "-" {
		report = e.Stderr
		color = color && e.StderrIsTerminal // colour follows the stream written to
	}
	f, err := schema.NewFormatter(o.format, report, schema.FormatOptions{
		Color:       o.format == "text" && color,
		Annotations: o.format == "text" && e.Getenv("GITHUB_ACTIONS") == "true",
		Strict:      o.strict,
		ToolVersion: version(),
	})
	if err != nil {
		return err
	}
	if err := f.Write(rep.Result); err != nil {
		return err
	}
	if err := f.Flush(); err != nil {
		return err
	}
	if rep.Result.Failed(o.strict) {
		if o.export != "" {
			fmt.Fprintf(e.Stderr, "pillar drafts: nothing exported: fix the findings above first\n")
		}
		return &exitError{ExitFindings}
	}
	if o.export != "" {
		return exportDrafts(e, o, s, sources, rep, now)
	}
	return nil
}

// exportNames lists the --export formats, for the flag's choices.
func exportNames() []string {
	var names []string
	for _, f := range export.Formats() {
		names = append(names, f.Name)
	}
	return names
}

// exportDrafts reads the sources again, keeps the drafts of the checked
// period, and writes them in the --export format. It runs only once the
// check passed, so a scheduler never receives a draft with an error. The
// drafts are held in memory here (the check itself streams them), which
// the importers' own limits keep small in practice.
func exportDrafts(e *Env, o draftsOptions, s *strategy.Strategy, sources []drafts.Source, rep *drafts.Report, now time.Time) error {
	zone := drafts.Zone(s)
	var ds []drafts.Draft
	for _, src := range sources {
		err := src.Each(func(d *drafts.Draft) error {
			day := strategy.DateOf(d.At.In(zone(d.Channel)))
			if day.Before(rep.From) || !day.Before(rep.To) {
				return nil
			}
			c := *d // the source reuses d
			c.Links = slices.Clone(d.Links)
			c.Media = slices.Clone(d.Media)
			c.Partners = slices.Clone(d.Partners)
			ds = append(ds, c)
			return nil
		}, func(drafts.Reject) {})
		if err != nil {
			fmt.Fprintf(e.Stderr, "pillar drafts: %v\n", err)
			return &exitError{ExitFailure}
		}
	}
	res, err := export.Export(o.export, ds, s, export.Options{Dir: o.out, Stdout: e.Stdout, Now: now})
	var refused *export.RefusedError
	switch {
	case errors.As(err, &refused):
		fmt.Fprintf(e.Stderr, "pillar drafts: %v\n", err)
		return &exitError{ExitFindings}
	case err != nil:
		fmt.Fprintf(e.Stderr, "pillar drafts: %v\n", err)
		return &exitError{ExitFailure}
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(e.Stderr, "%s: warning: %s\n", w.File+":"+strconv.Itoa(w.Line), w.Message)
	}
	for _, f := range res.Stale {
		fmt.Fprintf(e.Stderr, "pillar drafts: %s is left from an earlier export and holds none of these drafts: delete it before uploading the folder\n", f)
	}
	if o.out != "-" {
		fmt.Fprintf(e.Stderr, "pillar drafts: exported %s in %s: %s\n", numfmt.Count(res.Rows, "draft", "drafts"), o.export, strings.Join(res.Files, ", "))
	}
	return nil
}

// draftSources turns the drafts arguments into sources: a folder or a
// Markdown file is read as Markdown posts confined to the root, any other
// file as a CSV or JSON Lines drafts file. files are the latter, whose
// read stats the caller reports.
func draftSources(cmd string, inputs []string, ro drafts.ReadOptions, root string) ([]drafts.Source, []*drafts.FileSource, error) {
	var sources []drafts.Source
	var files []*drafts.FileSource
	for _, in := range inputs {
		fi, err := os.Stat(in)
		switch {
		case err != nil:
			return nil, nil, usagef(cmd, "Name a drafts file (CSV or JSON Lines) or a folder of Markdown posts.", "%s: no such file or folder", in)
		case fi.IsDir() || drafts.IsMarkdown(in):
			sources = append(sources, &drafts.DirSource{Path: in, Opt: drafts.DirOptions{Root: rootOf(in, root), Zone: ro.Zone}})
		default:
			f := &drafts.FileSource{Path: in, Read: ro}
			files = append(files, f)
			sources = append(sources, f)
		}
	}
	return sources, files, nil
}

// draftCheckers returns the rule sets run on every draft beside the
// engine's own: the content rules (package drafts/lint: voice, disclosure,
// influencer caps counted with the published history in --posts, alt
// text, links, UTM, approval measured from now) and the platform limits.
func draftCheckers(e *Env, s *strategy.Strategy, o draftsOptions, ro audit.ReadOptions, now time.Time) ([]drafts.Checker, error) {
	lt := lint.New(s, lint.Options{Now: now})
	if o.posts != "" {
		if err := readPublished(e, o.posts, ro, lt); err != nil {
			return nil, err
		}
	}
	return []drafts.Checker{lt}, nil
}

// readPublished hands the published posts of --posts to the content rules,
// so a month's influencer mentions count what already went out.
func readPublished(e *Env, name string, ro audit.ReadOptions, lt *lint.Linter) error {
	in, done, err := openInput(e, name)
	if err != nil {
		return retag(err, "drafts")
	}
	defer done()
	st, err := audit.ReadPosts(in.R, in.Name, ro, func(p *audit.Post) error {
		lt.Published(p.PublishedAt, string(p.Channel), p.Mentions)
		return nil
	})
	done()
	if err != nil {
		fmt.Fprintf(e.Stderr, "pillar drafts: %v\n", err)
		return &exitError{ExitFailure}
	}
	if st.Rejected > 0 {
		fmt.Fprintf(e.Stderr, "pillar drafts: warning: %s: %s of %s could not be read and do not count toward the mention caps\n",
			name, numfmt.Count(st.Rejected, "row", "rows"), numfmt.Int(st.Rows))
	}
	return nil
}

// strategyFile is the strategy's main file as loaded, for findings about
// the plan.
func strategyFile(s *strategy.Strategy, path string) string {
	if s.Source != nil && s.Source.Main != "" {
		return s.Source.Main
	}
	return path
}

// retag gives a usage error built for another command this one's name.
func retag(err error, cmd string) error {
	var ue *usageError
	if errors.As(err, &ue) {
		c := *ue
		c.cmd = cmd
		return &c
	}
	return err
}
