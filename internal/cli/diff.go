package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pillar-strategy/pillar/git"
	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/render"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

type diffOptions struct {
	old, new string
	path     string
	format   string
	from, to string
	root     string
}

func diffCommand() *command {
	c := &command{
		name:    "diff",
		summary: "say what a change to the strategy does to the plan",
		usage: `Usage: pillar diff OLD NEW [PATH] [flags]

Compares two versions of a strategy and says what changed, in plain words:
personas, channels and their cadence, pillar weights, tactics, influencers,
community rules, the calendar, KPIs and rules ("Brand pillar 40% → 35%",
"Instagram: 5 → 4 posts a week", "Influencer @anna.style: prospect →
partner"). Items are matched by id (influencers by platform and handle),
never by their place in a list. Then it plans both versions over the same
period and compares the calendars: posts per channel and the pillar mix,
before and after ("13 fewer posts in Q1 2027").

OLD and NEW are each a strategy (a file, or a folder holding strategy.yaml)
or, when no such file or folder exists, a git revision: the strategy at PATH
(default the current folder) as it was in that commit, with its includes
and the strategies it extends read from the same commit. Both versions are
validated. A version with errors is reported, and its changes are still
told; only the calendars are not compared until the errors are fixed.

The period is the next calendar quarter unless --from or --to say
otherwise. The report is text for a terminal, md for a pull-request
comment, or json for tools (brand, old, new, changes, weights, impact).
The exit code is 0 whether or not anything changed; 1 when a version has
errors (the json then has "unplanned", saying why, in place of "impact");
2 when a version cannot be read (a path that does not exist, a revision git
does not know).

Examples:
  pillar diff main HEAD                        # the strategy in . on main and now
  pillar diff HEAD~1 HEAD examples/nordlys --format md
  pillar diff old/strategy.yaml strategy.yaml --format json
  pillar diff main HEAD brands/coffee --from 2027-01-01 --to 2028-01-01
`,
	}
	c.run = func(ctx context.Context, e *Env, args []string) error {
		o, err := parseDiff(c, e, args)
		if err != nil {
			return err
		}
		return runDiff(ctx, e, o)
	}
	return c
}

func parseDiff(c *command, e *Env, args []string) (diffOptions, error) {
	var o diffOptions
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	choiceVar(fs, &o.format, "format", "text", render.DiffFormats(), "output `format`: "+strings.Join(render.DiffFormats(), ", "))
	fs.StringVar(&o.from, "from", "", "first `date` of the period to plan, YYYY-MM-DD (default the first day of the next quarter)")
	fs.StringVar(&o.to, "to", "", "`date` after the period's last day, YYYY-MM-DD (default three months after --from)")
	rootFlag(fs, &o.root)
	pos, err := parse(fs, c, e, args)
	if err != nil {
		return o, err
	}
	if err := checkRoot(c.name, o.root); err != nil {
		return o, err
	}
	switch len(pos) {
	case 2:
		o.old, o.new, o.path = pos[0], pos[1], "."
	case 3:
		o.old, o.new, o.path = pos[0], pos[1], pos[2]
	default:
		return o, usagef(c.name, "Give the two versions to compare, e.g. 'pillar diff main HEAD' or 'pillar diff old.yaml new.yaml'.",
			"diff takes OLD and NEW and an optional PATH, got %d argument(s)", len(pos))
	}
	if !contains(render.DiffFormats(), o.format) {
		return o, usagef(c.name, "Use one of: "+strings.Join(render.DiffFormats(), ", ")+".", "unknown format %q", o.format)
	}
	return o, nil
}

// nextQuarter is the first day of the calendar quarter after the one day is
// in.
func nextQuarter(day strategy.Date) strategy.Date {
	first := strategy.Date{Year: day.Year, Month: (day.Month-1)/3*3 + 1, Day: 1}
	return first.AddMonths(3)
}

func runDiff(ctx context.Context, e *Env, o diffOptions) error {
	from, to, err := period("diff", o.from, o.to, nextQuarter(todayOf(e)))
	if err != nil {
		return err
	}
	var sides [2]*strategy.Strategy
	var broken []string // the versions with errors, by name
	for i, arg := range []string{o.old, o.new} {
		v, err := openVersion(ctx, arg, o.path, o.root)
		if v != nil && v.tmp != "" {
			defer os.RemoveAll(v.tmp)
		}
		if err != nil {
			return err
		}
		s, errs, err := v.load(e)
		if err != nil {
			return err
		}
		if errs {
			broken = append(broken, v.name)
		}
		sides[i] = s
	}
	if len(broken) > 0 {
		// The changes need no valid plan: tell them, and exit 1 for the
		// errors, which are on standard error.
		have := "has"
		if len(broken) > 1 {
			have = "have"
		}
		d := render.CompareUnplanned(o.old, o.new, sides[0], sides[1], fmt.Sprintf(
			"%s %s errors, so the calendar impact (posts planned, pillar mix) cannot be computed until they are fixed.",
			strings.Join(broken, " and "), have))
		if err := render.WriteDiff(e.Stdout, d, o.format); err != nil {
			return err
		}
		return &exitError{ExitFindings}
	}
	var cals [2]*planner.Calendar
	for i, s := range sides {
		cal, err := planner.Plan(s, planner.Options{From: from, To: to})
		if err != nil {
			return usagef("diff", "", "%s: %s", []string{o.old, o.new}[i], strings.TrimPrefix(err.Error(), "plan: "))
		}
		cals[i] = cal
	}
	d := render.ComparePlans(o.old, o.new, sides[0], sides[1], cals[0], cals[1])
	return render.WriteDiff(e.Stdout, d, o.format)
}

// diffSide is one side of a diff: a strategy on disk, or one written out of
// a git revision into a temporary folder.
type diffSide struct {
	name string // as the user gave it
	path string // what to load
	tmp  string // the temporary folder to remove, for a revision
	// show is how files in tmp are named for people: "REV:" and the path
	// from the repository's root, the way git names them.
	show string
	// root confines what the strategy reads: for a revision, its own
	// files (tmp), whatever --root says.
	root string
}

// openVersion reads arg as a path when one exists, else as a git revision
// of the strategy at path. root is --root.
func openVersion(ctx context.Context, arg, path, root string) (*diffSide, error) {
	if _, err := os.Stat(arg); err == nil {
		return &diffSide{name: arg, path: arg, root: rootOf(arg, root)}, nil
	}
	return checkout(ctx, arg, path)
}

// load validates the version like loadValid does, naming files of a
// revision as REV:path. A version with errors that still reads as a
// strategy is returned with errs set, its findings printed, so that its
// changes can be told; one that does not read as a strategy is an
// error.
func (v *diffSide) load(e *Env) (s *strategy.Strategy, errs bool, err error) {
	doc, err := strategy.LoadDocument(v.path, strategy.Limits{Root: v.root})
	if err != nil {
		if v.tmp != "" {
			return nil, false, usagef("diff", "Give the strategy's path inside the repository as PATH.", "%s: no strategy at %s", v.name, v.rename(v.path))
		}
		return nil, false, fmt.Errorf("%s", readError(v.path, err))
	}
	res, s := schema.Validate(doc, schema.Options{Now: e.Now()})
	if v.tmp != "" {
		res.Path = v.rename(res.Path)
		for i := range res.Files {
			res.Files[i] = v.rename(res.Files[i])
		}
		for i := range res.Diagnostics {
			d := &res.Diagnostics[i]
			d.File = v.rename(d.File)
			d.Message, d.Hint = v.renameText(d.Message), v.renameText(d.Hint)
		}
	}
	if res.Count(schema.Error) > 0 || s == nil {
		f, _ := schema.NewFormatter("text", e.Stderr, schema.FormatOptions{})
		f.Write(res)
		f.Flush()
		if s == nil {
			fmt.Fprintf(e.Stderr, "pillar diff: %s cannot be read as a strategy; fix the errors above before comparing\n", v.name)
			return nil, true, &exitError{ExitFindings}
		}
		fmt.Fprintf(e.Stderr, "pillar diff: %s has errors: the changes are compared, the calendars are not until the errors are fixed\n", v.name)
		return s, true, nil
	}
	return s, false, nil
}

// renameText names the revision's files in a message as rename does, and
// its folder, the repository at REV, as "REV:", git's name for it.
func (v *diffSide) renameText(s string) string {
	s = strings.ReplaceAll(s, v.tmp+string(filepath.Separator), v.show)
	return strings.ReplaceAll(s, v.tmp, v.show)
}

func (v *diffSide) rename(file string) string {
	if v.tmp == "" {
		return file
	}
	rel, err := filepath.Rel(v.tmp, file)
	if err != nil || !filepath.IsLocal(rel) {
		return file
	}
	return v.show + filepath.ToSlash(rel)
}

// checkout writes the YAML files of the repository holding path, as they
// are at rev, into a temporary folder, so that a strategy's includes and
// extends are read from the same commit. Only .yaml and .yml files (and
// path itself) are written: that is all a strategy can refer to.
func checkout(ctx context.Context, rev, path string) (*diffSide, error) {
	if strings.HasPrefix(rev, "-") {
		return nil, usagef("diff", "", "%s is not a file, a folder or a git revision", rev)
	}
	repo, err := git.Open(ctx, path)
	if err != nil {
		return nil, usagef("diff", "Give the path of a strategy file or folder, or run pillar diff inside a git repository.",
			"%s is not a file or folder, and %s is not in a git repository to read it as a revision (%v)", rev, path, err)
	}
	if _, err := repo.Commit(ctx, rev); err != nil {
		return nil, usagef("diff", "Give a branch, tag or commit that git knows (see 'git log --oneline'), or the path of a strategy.",
			"%s is neither a file or folder nor a revision git knows (%v)", rev, err)
	}
	rel, err := repo.Rel(path)
	if err != nil {
		return nil, usagef("diff", "", "%s is outside the git repository at %s", path, repo.Top)
	}
	want := filepath.ToSlash(rel)
	snap, err := repo.Snapshot(ctx, rev, func(name string) bool {
		ext := strings.ToLower(filepath.Ext(name))
		return ext == ".yaml" || ext == ".yml" || name == want
	})
	if err != nil {
		return nil, usagef("diff", "", "read %s at %s: %v", rel, rev, err)
	}
	return &diffSide{name: rev, tmp: snap.Dir, path: filepath.Join(snap.Dir, rel), show: rev + ":", root: snap.Dir}, nil
}
