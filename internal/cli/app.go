// Package cli is pillar's command line: flags, subcommands, exit codes and
// the wiring between the domain packages. It writes only to the streams in
// Env, so every command is testable without a subprocess.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

// Exit codes, as documented in the README.
const (
	// ExitOK means the command did its job and found nothing wanting.
	ExitOK = 0
	// ExitFindings means the input was checked and found wanting:
	// validation errors, an audit under its thresholds.
	ExitFindings = 1
	// ExitFailure means the command could not do its job: bad flags, an
	// unreadable file, a network failure.
	ExitFailure = 2
)

// Env is everything a command may touch outside its arguments. Tests fill
// it with buffers and fakes.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads an environment variable.
	Getenv func(string) string
	// Now returns the current time; staleness rules and defaults use it.
	Now func() time.Time
	// StdoutIsTerminal reports whether stdout is a terminal, for colour.
	StdoutIsTerminal bool
	// StderrIsTerminal reports whether stderr is a terminal, for progress.
	StderrIsTerminal bool

	// collect, when set, receives a command's flags instead of the command
	// running: shell completion learns every command's flags this way.
	collect func(*flag.FlagSet)
}

// OSEnv returns an Env wired to the process's streams and environment.
func OSEnv() *Env {
	return &Env{
		Stdin:            os.Stdin,
		Stdout:           os.Stdout,
		Stderr:           os.Stderr,
		Getenv:           os.Getenv,
		Now:              time.Now,
		StdoutIsTerminal: isTerminal(os.Stdout),
		StderrIsTerminal: isTerminal(os.Stderr),
	}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// color reports whether output to stdout may use ANSI colour: only on a
// terminal, never with NO_COLOR set (https://no-color.org) or TERM=dumb.
func (e *Env) color() bool {
	return e.StdoutIsTerminal && e.Getenv("NO_COLOR") == "" && e.Getenv("TERM") != "dumb"
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	usage   string // full help: synopsis, description, flags are appended, examples
	run     func(ctx context.Context, e *Env, args []string) error
}

func commands() []*command {
	return []*command{
		validateCommand(),
		fixCommand(),
		planCommand(),
		renderCommand(),
		buildCommand(),
		auditCommand(),
		draftsCommand(),
		diffCommand(),
		githubCommand(),
		serveCommand(),
		schemaCommand(),
		initCommand(),
		completionCommand(),
		versionCommand(),
	}
}

// usageError is a mistake in how the command was called. It prints the
// message, a hint and a pointer to --help, and exits 2.
type usageError struct {
	cmd  string
	msg  string
	hint string
}

func (e *usageError) Error() string { return e.msg }

func usagef(cmd, hint, format string, args ...any) error {
	return &usageError{cmd: cmd, msg: fmt.Sprintf(format, args...), hint: hint}
}

// exitError sets the exit code without printing anything more: the command
// already said what it had to.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

const mainUsage = `pillar — strategy as code for social media teams

Usage:
  pillar <command> [arguments]

Commands:
%s
Run 'pillar help <command>' or 'pillar <command> --help' for a command's flags and examples.

Examples:
  pillar init my-brand                  # a starter strategy to edit
  pillar validate                       # check ./strategy.yaml
  pillar validate brands/*              # check many strategies at once
  pillar build examples/nordlys -o dist # playbook and calendar files in dist/
  pillar plan examples/nordlys --from 2027-01-01 --to 2027-04-01 --format ics -o q1.ics
  pillar diff main HEAD                 # what a branch changes in ./strategy.yaml
  pillar audit --posts posts.csv --mentions mentions.csv   # last month against the plan
  pillar drafts calendar.csv            # drafted posts against the plan, before they go out
  pillar github                         # in a pull-request workflow: comment, check run, annotations
  pillar serve --open                   # live preview in the browser while you edit

Exit codes: 0 success, 1 the input was checked and found wanting, 2 the command could not run.
`

func mainHelp() string {
	var b strings.Builder
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-10s %s\n", c.name, c.summary)
	}
	return fmt.Sprintf(mainUsage, b.String())
}

// Run runs pillar with args (without the program name) and returns the exit
// code. It never panics: an internal failure is reported as exit 2.
func Run(ctx context.Context, args []string, e *Env) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(e.Stderr, "pillar: internal error: %v\nThis is a bug; please report it with the command you ran.\n", r)
			code = ExitFailure
		}
	}()
	if len(args) == 0 {
		fmt.Fprint(e.Stderr, mainHelp())
		return ExitFailure
	}
	if v := e.Getenv("PILLAR_NOW"); v != "" {
		now, err := parseNow(v)
		if err != nil {
			fmt.Fprintf(e.Stderr, "pillar: PILLAR_NOW=%q: %v\n  Give a date (2027-01-04) or a time (2027-01-04T09:00:00+01:00), or unset it to use the clock.\n", v, err)
			return ExitFailure
		}
		e.Now = func() time.Time { return now }
	}
	name, rest := args[0], args[1:]
	switch name {
	case "-h", "--help", "-help":
		fmt.Fprint(e.Stdout, mainHelp())
		return ExitOK
	case "help":
		if len(rest) == 0 {
			fmt.Fprint(e.Stdout, mainHelp())
			return ExitOK
		}
		name, rest = rest[0], []string{"--help"}
	case "-v", "--version":
		name = "version"
	}
	var cmd *command
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
		if c.name == name {
			cmd = c
		}
	}
	if cmd == nil {
		sort.Strings(names)
		fmt.Fprintf(e.Stderr, "pillar: unknown command %q%s\nCommands: %s. Run 'pillar --help' for more.\n",
			name, suggestion(name, names), strings.Join(names, ", "))
		return ExitFailure
	}
	err := cmd.run(ctx, e, rest)
	var ue *usageError
	var ee *exitError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ue):
		fmt.Fprintf(e.Stderr, "pillar %s: %s\n", cmd.name, ue.msg)
		if ue.hint != "" {
			fmt.Fprintf(e.Stderr, "  %s\n", ue.hint)
		}
		fmt.Fprintf(e.Stderr, "Run 'pillar %s --help' for usage.\n", cmd.name)
		return ExitFailure
	default:
		fmt.Fprintf(e.Stderr, "pillar %s: %v\n", cmd.name, err)
		return ExitFailure
	}
}

// parseNow reads PILLAR_NOW, which pins the time pillar takes for now (for
// staleness, default periods and the dates init writes), so that a run can
// be repeated exactly on another day. A date is that day at 12:00 UTC; a
// time is RFC 3339.
func parseNow(v string) (time.Time, error) {
	if d, err := strategy.ParseDate(v); err == nil {
		return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, errors.New("not a date (YYYY-MM-DD) or an RFC 3339 time")
	}
	return t, nil
}

// parse parses flags that may come before, between or after positional
// arguments (`pillar validate a b --format json`), which the flag package
// alone does not allow. --help prints the command's usage to stdout.
func parse(fs *flag.FlagSet, c *command, e *Env, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	if e.collect != nil {
		e.collect(fs)
		return nil, flag.ErrHelp
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printUsage(e.Stdout, fs, c)
				return nil, flag.ErrHelp
			}
			msg, hint := flagError(err, fs)
			return nil, usagef(c.name, hint, "%s", msg)
		}
		rest := fs.Args()
		// The flag package stops at "--" and drops it: everything after
		// it is positional, even what looks like a flag.
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		args = rest
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func printUsage(w io.Writer, fs *flag.FlagSet, c *command) {
	usage, examples, _ := strings.Cut(c.usage, "\nExamples:\n")
	fmt.Fprint(w, strings.TrimRight(usage, "\n")+"\n\nFlags:\n")
	printFlags(w, fs)
	if examples != "" {
		fmt.Fprint(w, "\nExamples:\n"+examples)
	}
}

func suggestion(name string, names []string) string {
	if best := schema.Suggest(name, names); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}

// version returns the module version and VCS revision the binary was built
// from, as far as the build recorded them.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
			if len(rev) > 12 {
				rev = rev[:12]
			}
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if rev != "" {
		return fmt.Sprintf("%s (%s%s, %s)", v, rev, dirty, info.GoVersion)
	}
	return fmt.Sprintf("%s (%s)", v, info.GoVersion)
}

func versionCommand() *command {
	c := &command{
		name:    "version",
		summary: "print pillar's version",
		usage: `Usage: pillar version

Prints the version and the commit pillar was built from.

Examples:
  pillar version
`,
	}
	c.run = func(ctx context.Context, e *Env, args []string) error {
		fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
		pos, err := parse(fs, c, e, args)
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			return usagef(c.name, "", "version takes no arguments")
		}
		fmt.Fprintf(e.Stdout, "pillar %s\n", version())
		return nil
	}
	return c
}
