package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/internal/numfmt"
	"github.com/pillar-strategy/pillar/internal/outfile"
	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/render"
	"github.com/pillar-strategy/pillar/strategy"
)

func buildCommand() *command {
	c := &command{
		name:    "build",
		summary: "validate, then write the playbook and the calendar into a folder",
		usage: `Usage: pillar build [PATH] [flags]

Validates the strategy (and stops, printing the errors, if it has any), plans
the period [--from, --to), and writes into the output folder:

  playbook.html   the playbook, one self-contained file to mail to an agency
  playbook.md     the same playbook in Markdown
  calendar.ics    the plan, to import into a calendar app
  calendar.csv    the plan, one row per post, for a spreadsheet

The folder is created if needed, with its parents. Everything is rendered
before anything is written, and every file is checked before the first is
written. Each is written as -o FILE is by the other commands: a file is
replaced atomically and keeps its mode, a symbolic link is written through
to its target, a FIFO or device is written directly. The list of files
written is printed. --from defaults to today and --to to three months later.

With --posts (and --mentions) the build also audits the post history, as
pillar audit does, over [--audit-from, --audit-to) (default last month) and
writes audit.html, audit.md and audit.json; the exit code is then 1 when the
audit misses a KPI target, after every file is written.

--drafts FILE|DIR adds a draft column to the playbook's calendar, as pillar
render --drafts does: each slot's draft, or "no draft yet".

Examples:
  pillar build examples/nordlys -o dist
  pillar build examples/nordlys -o dist --from 2027-01-01 --to 2027-04-01 --lang en
  pillar build examples/nordlys -o dist --from 2027-01-04 --drafts examples/nordlys/drafts/posts
  pillar build examples/nordlys -o dist --from 2027-04-01 --posts examples/nordlys/history/posts.csv --mentions examples/nordlys/history/mentions.csv --audit-from 2027-01-01 --audit-to 2027-04-01
`,
	}
	c.run = func(ctx context.Context, e *Env, args []string) error {
		fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
		out := fs.String("o", "dist", "output `folder`, created if needed (with its parents)")
		from := fs.String("from", "", "first `date` planned, YYYY-MM-DD (default today)")
		to := fs.String("to", "", "`date` after the last day planned (default three months after --from)")
		lang := new(string)
		choiceVar(fs, lang, "lang", "", render.Languages(), "`language` of the playbook's headings: "+strings.Join(render.Languages(), ", ")+" (default the strategy's language)")
		tmplDir := fs.String("templates", "", "`folder` of templates that replace the built-in ones")
		label := fs.String("label", "", "`text` shown on the playbook's cover as the version (default the strategy's Git commit, if any)")
		var root string
		rootFlag(fs, &root)
		var draftInputs []string
		fs.Var((*listFlag)(&draftInputs), "drafts", "show each slot's draft in the playbook's calendar, from `file` (a drafts sheet, read with the strategy's drafts.mapping, or a folder of Markdown posts; repeatable)")
		var ao auditOptions
		fs.StringVar(&ao.posts, "posts", "", "post history `file` to audit (see pillar audit)")
		fs.StringVar(&ao.mentions, "mentions", "", "mention log `file` to audit with the posts")
		choiceVar(fs, &ao.mapping, "mapping", "", audit.Presets(), "column mapping for the history: a preset `name` or a YAML file")
		fs.StringVar(&ao.from, "audit-from", "", "first `date` audited (default the first day of last month)")
		fs.StringVar(&ao.to, "audit-to", "", "`date` after the last day audited (default one month after --audit-from)")
		pos, err := parse(fs, c, e, args)
		if err != nil {
			return err
		}
		path, err := onePath(c.name, pos)
		if err != nil {
			return err
		}
		if err := checkRoot(c.name, root); err != nil {
			return err
		}
		if err := langFlag(c.name, *lang); err != nil {
			return err
		}
		f, t, err := period(c.name, *from, *to, todayOf(e))
		if err != nil {
			return err
		}
		tmpl, err := templatesDir(c.name, *tmplDir)
		if err != nil {
			return err
		}
		if strings.TrimSpace(*out) == "" {
			return usagef(c.name, "Give the folder to write into, e.g. -o dist.", "-o is empty")
		}
		if outfile.IsStdout(*out) {
			return usagef(c.name, "Give a folder with -o; pillar render and pillar plan write one file to stdout.", "build writes several files into a folder, not to stdout")
		}
		if fi, err := os.Stat(*out); err == nil && !fi.IsDir() {
			return usagef(c.name, "Give a folder with -o.", "-o %s is not a folder", *out)
		}
		if ao.posts == "" && (ao.mentions != "" || ao.mapping != "" || ao.from != "" || ao.to != "") {
			return usagef(c.name, "Give the post history with --posts to audit it.", "--mentions, --mapping, --audit-from and --audit-to need --posts")
		}
		s, err := loadValid(e, c.name, path, root)
		if err != nil {
			return err
		}
		warnLabelLanguage(e, c.name, s, *lang)
		var rep *audit.Report
		if ao.posts != "" {
			if rep, err = buildAudit(e, s, ao); err != nil {
				return err
			}
		}
		var cal *planner.Calendar
		var slotDrafts []render.SlotDraft
		if len(draftInputs) > 0 {
			if cal, slotDrafts, err = playbookDrafts(e, c.name, s, path, draftInputs, root, f, t); err != nil {
				return err
			}
		} else if cal, err = planner.Plan(s, planner.Options{From: f, To: t}); err != nil {
			return usagef(c.name, "", "%s", strings.TrimPrefix(err.Error(), "plan: "))
		}
		for _, w := range cal.Warnings {
			fmt.Fprintf(e.Stderr, "pillar build: warning: %s\n", w.Message)
		}
		// The playbook shows the first weeks of the same plan, and its
		// cover the period the calendar files cover.
		opt := render.PlaybookOptions{Lang: *lang, Templates: tmpl, Calendar: cal, Drafts: slotDrafts, Version: coverLabel(ctx, *label, path)}
		outputs := []struct {
			name  string
			write func(io.Writer) error
		}{
			{"playbook.html", func(w io.Writer) error { o := opt; o.Format = "html"; return playbook(w, s, o) }},
			{"playbook.md", func(w io.Writer) error { o := opt; o.Format = "md"; return playbook(w, s, o) }},
			{"calendar.ics", func(w io.Writer) error { return render.WriteCalendar(w, cal, "ics") }},
			{"calendar.csv", func(w io.Writer) error { return render.WriteCalendar(w, cal, "csv") }},
		}
		if rep != nil {
			for _, format := range []string{"html", "md", "json"} {
				outputs = append(outputs, struct {
					name  string
					write func(io.Writer) error
				}{"audit." + format, func(w io.Writer) error {
					return render.WriteAudit(w, rep, render.AuditOptions{Format: format, Strategy: path})
				}})
			}
		}
		// Render everything before writing anything, so that a broken
		// template leaves the folder as it was.
		contents := make([][]byte, len(outputs))
		for i, o := range outputs {
			var b bytes.Buffer
			if err := o.write(&b); err != nil {
				return err
			}
			contents[i] = b.Bytes()
		}
		if err := outfile.Folder(*out); err != nil {
			return err
		}
		// A folder or a read-only file in the way stops the build before
		// any file is written, not halfway.
		for _, o := range outputs {
			if err := outfile.Check(filepath.Join(*out, o.name)); err != nil {
				return err
			}
		}
		for i, o := range outputs {
			p := filepath.Join(*out, o.name)
			if err := outfile.WriteBytes(p, nil, contents[i]); err != nil {
				return err
			}
			fmt.Fprintf(e.Stdout, "wrote %s (%s)\n", p, sizeWords(len(contents[i])))
		}
		fmt.Fprintf(e.Stdout, "%s planned from %s to %s.\n", numfmt.Count(len(cal.Slots), "post", ""), f, t.AddDays(-1))
		if rep != nil {
			fmt.Fprintf(e.Stdout, "Audit of %s to %s: %s.\n", rep.From, rep.To.AddDays(-1), verdictLine(rep))
			warnRejects(e, c.name, rep)
			if !rep.Verdict.Pass {
				return &exitError{ExitFindings}
			}
		}
		return nil
	}
	return c
}

// buildAudit audits the history pillar build was given.
func buildAudit(e *Env, s *strategy.Strategy, o auditOptions) (*audit.Report, error) {
	o.failOn = "all"
	from, to, err := auditPeriod(o, todayOf(e))
	if err != nil {
		return nil, err
	}
	ro, err := o.readOptions()
	if err != nil {
		return nil, err
	}
	posts, closePosts, err := openInput(e, o.posts)
	if err != nil {
		return nil, err
	}
	defer closePosts()
	opt := audit.Options{From: from, To: to, Posts: posts, Read: ro, Tolerance: audit.DefaultTolerance}
	if o.mentions != "" {
		m, closeMentions, err := openInput(e, o.mentions)
		if err != nil {
			return nil, err
		}
		defer closeMentions()
		opt.Mentions = &m
	}
	return runAuditOn(s, opt)
}

func sizeWords(n int) string {
	if n >= 10<<10 {
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func todayOf(e *Env) strategy.Date { return strategy.DateOf(e.Now()) }
