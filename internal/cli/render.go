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

	"github.com/pillar-strategy/pillar/git"
	"github.com/pillar-strategy/pillar/internal/inputfile"
	"github.com/pillar-strategy/pillar/internal/outfile"
	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/render"
	"github.com/pillar-strategy/pillar/strategy"
)

// excerptWeeks is how much of the calendar a playbook shows.
const excerptWeeks = 4

type renderOptions struct {
	path      string
	format    string
	lang      string
	templates string
	from      string
	label     string
	out       string
	root      string
	drafts    []string // shown in the calendar
}

func renderCommand() *command {
	c := &command{
		name:    "render",
		summary: "render the strategy as a playbook (HTML or Markdown)",
		usage: `Usage: pillar render [PATH] [flags]

Renders the strategy as a playbook an agency or a new team member can read:
the brand's personality and voice, personas, channels, pillars with their
weights, example posts, tactics, influencers, the community playbook, KPIs
and the next four weeks of the calendar. The HTML is one self-contained file
(no scripts, no external assets) that reads well on screen and on paper;
the Markdown suits a wiki or a pull request.

The playbook's own headings are in the strategy's language when it is one of
en, nb, pl, el or fi (or as --lang says). --templates DIR replaces any of the
built-in templates with a file of the same name in DIR, for an agency's own
branding. The strategy is validated first; one with errors is not rendered.

--drafts FILE|DIR adds a draft column to the calendar: each slot's draft (its
id, first words, file and line) or "no draft yet" (see pillar drafts). A
sheet is read with the strategy's drafts.mapping. The strategy's drafts.files
are not read unless named: a playbook shows drafts only when asked to.

Examples:
  pillar render examples/nordlys -o playbook.html
  pillar render examples/nordlys --lang en --format md -o playbook.md
  pillar render examples/cloudbase --from 2027-01-04 > playbook.html
  pillar render examples/nordlys --from 2027-01-04 --drafts examples/nordlys/drafts/january.csv -o playbook.html
  pillar render --templates agency-theme -o playbook.html
`,
	}
	c.run = func(ctx context.Context, e *Env, args []string) error {
		var o renderOptions
		fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
		choiceVar(fs, &o.format, "format", "", render.PlaybookFormats(), "output `format`: html or md (default from the extension of -o, else html)")
		choiceVar(fs, &o.lang, "lang", "", render.Languages(), "`language` of the playbook's headings: "+strings.Join(render.Languages(), ", ")+" (default the strategy's language)")
		fs.StringVar(&o.templates, "templates", "", "`folder` of templates that replace the built-in ones")
		fs.StringVar(&o.from, "from", "", "first `date` of the calendar excerpt, YYYY-MM-DD (default today)")
		fs.StringVar(&o.label, "label", "", "`text` shown on the cover as the version (default the strategy's Git commit, if any)")
		fs.StringVar(&o.out, "o", "", "write to `file` instead of stdout (- is stdout; a file is replaced atomically, a device or FIFO written directly)")
		rootFlag(fs, &o.root)
		fs.Var((*listFlag)(&o.drafts), "drafts", "show each calendar slot's draft from `file` (a drafts sheet, read with the strategy's drafts.mapping, or a folder of Markdown posts; repeatable)")
		pos, err := parse(fs, c, e, args)
		if err != nil {
			return err
		}
		if err := checkRoot(c.name, o.root); err != nil {
			return err
		}
		o.out = stdoutName(o.out)
		if o.path, err = onePath(c.name, pos); err != nil {
			return err
		}
		if o.format == "" {
			o.format = "html"
			if o.out != "" {
				switch strings.ToLower(filepath.Ext(o.out)) {
				case ".html", ".htm":
				case ".md", ".markdown":
					o.format = "md"
				default:
					if !outfile.IsStream(o.out) {
						return usagef(c.name, "Name the file .html or .md, or give --format.", "cannot tell the format from the file name %q", o.out)
					}
				}
			}
		}
		if !contains(render.PlaybookFormats(), o.format) {
			return usagef(c.name, "Use html or md.", "unknown format %q", o.format)
		}
		if err := langFlag(c.name, o.lang); err != nil {
			return err
		}
		return runRender(ctx, e, o)
	}
	return c
}

func onePath(cmd string, pos []string) (string, error) {
	switch len(pos) {
	case 0:
		return ".", nil
	case 1:
		return pos[0], nil
	}
	return "", usagef(cmd, "Give one strategy at a time.", "%s takes one strategy, got %d", cmd, len(pos))
}

func runRender(ctx context.Context, e *Env, o renderOptions) error {
	from, err := dateFlag("render", "--from", o.from, strategy.DateOf(e.Now()))
	if err != nil {
		return err
	}
	tmpl, err := templatesDir("render", o.templates)
	if err != nil {
		return err
	}
	if o.out != "" {
		if err := outfile.Check(o.out); err != nil {
			return err
		}
	}
	s, err := loadValid(e, "render", o.path, o.root)
	if err != nil {
		return err
	}
	warnLabelLanguage(e, "render", s, o.lang)
	to := from.AddDays(7 * excerptWeeks)
	var slotDrafts []render.SlotDraft
	var cal *planner.Calendar
	if len(o.drafts) > 0 {
		cal, slotDrafts, err = playbookDrafts(e, "render", s, o.path, o.drafts, o.root, from, to)
	} else {
		cal, err = planner.Plan(s, planner.Options{From: from, To: to})
		if err != nil {
			err = usagef("render", "", "%s", strings.TrimPrefix(err.Error(), "plan: "))
		}
	}
	if err != nil {
		return err
	}
	opt := render.PlaybookOptions{Format: o.format, Lang: o.lang, Templates: tmpl, Calendar: cal, Drafts: slotDrafts, Version: coverLabel(ctx, o.label, o.path)}
	write := func(w io.Writer) error { return playbook(w, s, opt) }
	if o.out == "" {
		return write(e.Stdout)
	}
	if err := outfile.Write(o.out, e.Stdout, write); err != nil {
		return err
	}
	fmt.Fprintf(e.Stderr, "Wrote %s.\n", o.out)
	return nil
}

// langFlag checks --lang: a BCP 47 tag (any case) of a language the
// playbook has labels in; a region or script variant (nb-NO, en-GB) is read
// as its base language.
func langFlag(cmd, lang string) error {
	if lang == "" || render.LanguageOf(lang) != "" {
		return nil
	}
	return usagef(cmd, "Use one of: "+strings.Join(render.Languages(), ", ")+" (a tag with a region, such as nb-NO, is read as its language).", "no playbook labels for the language %q", lang)
}

// warnLabelLanguage says so when the strategy's brand.language has no
// playbook labels and none was asked for, so the labels fall back to
// English.
func warnLabelLanguage(e *Env, cmd string, s *strategy.Strategy, lang string) {
	if _, fallback := render.LabelLanguage(s, lang); fallback {
		fmt.Fprintf(e.Stderr, "pillar %s: warning: no playbook labels in %q (brand.language), so the playbook's labels are in English; --lang picks one of %s\n",
			cmd, s.Brand.Language, strings.Join(render.Languages(), ", "))
	}
}

// playbook renders and turns a broken template override into a finding the
// user can act on, rather than a bare error.
func playbook(w io.Writer, s *strategy.Strategy, opt render.PlaybookOptions) error {
	err := render.Playbook(w, s, opt)
	var te *render.TemplateError
	if errors.As(err, &te) {
		return usagef("render", "Fix the template in your --templates folder, or remove it to use the built-in one.", "%v", te)
	}
	return err
}

func dateFlag(cmd, name, value string, def strategy.Date) (strategy.Date, error) {
	if value == "" {
		return def, nil
	}
	d, err := strategy.ParseDate(value)
	if err != nil {
		return d, usagef(cmd, "", "%s: %v", name, err)
	}
	if d.Year < 2000 || d.Year > 2100 {
		return d, usagef(cmd, "Plans cover dates from 2000-01-01 to 2100-01-01.", "%s %s is outside the years pillar plans for", name, d)
	}
	return d, nil
}

// checkToday reads --today, the day staleness rules measure from (any
// date: a strategy may be checked as of a day outside the years plans
// cover).
func checkToday(cmd, today string) error {
	if today == "" {
		return nil
	}
	if _, err := strategy.ParseDate(today); err != nil {
		return usagef(cmd, "", "--today: %v", err)
	}
	return nil
}

// nowOf is the time staleness rules measure from: --today (checked by
// checkToday) when given, else the Env's clock.
func nowOf(e *Env, today string) time.Time {
	if d, err := strategy.ParseDate(today); today != "" && err == nil {
		return d.Time()
	}
	return e.Now()
}

// period reads --from and --to: from defaults to today and to to three
// months after from; the period [from, to) must not be empty.
func period(cmd, fromFlag, toFlag string, today strategy.Date) (from, to strategy.Date, err error) {
	if from, err = dateFlag(cmd, "--from", fromFlag, today); err != nil {
		return
	}
	if to, err = dateFlag(cmd, "--to", toFlag, from.AddMonths(3)); err != nil {
		return
	}
	if !from.Before(to) {
		err = usagef(cmd, "The period is [from, to): --to is the day after the last day planned.", "--to %s is not after --from %s", to, from)
	}
	return
}

func templatesDir(cmd, dir string) (fs.FS, error) {
	if dir == "" {
		return nil, nil
	}
	fi, err := os.Stat(dir)
	if err != nil || !fi.IsDir() {
		return nil, usagef(cmd, "--templates names a folder holding templates with the built-in names (see templates/playbook in the source).", "--templates %s is not a folder", dir)
	}
	// Confined to the folder and to regular files: a template that is a
	// link out of it, or a named pipe, is refused rather than rendered.
	return inputfile.Dir(dir), nil
}

// stdoutName reads -o: "-", /dev/stdout and the like mean stdout, which
// is then written exactly as without -o.
func stdoutName(out string) string {
	if outfile.IsStdout(out) {
		return ""
	}
	return out
}

// coverLabel is the version a playbook's cover shows: --label, else the
// commit the strategy is at when it lives in a Git repository.
func coverLabel(ctx context.Context, label, path string) string {
	if label != "" {
		return label
	}
	return git.Describe(ctx, path)
}
