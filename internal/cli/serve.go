package cli

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/render"
	"github.com/pillar-strategy/pillar/serve"
	"github.com/pillar-strategy/pillar/strategy"
)

type serveOptions struct {
	path        string
	port        int
	addr        string
	open        bool
	lang        string
	from, to    string
	templates   string
	label       string
	root        string
	config      string
	today       string
	editorLinks string
	audit       auditOptions
}

func serveCommand() *command {
	c := &command{
		name:    "serve",
		summary: "live preview in the browser: playbook, calendar, findings, audit",
		usage: `Usage: pillar serve [PATH] [flags]

Starts a local web server that shows the strategy at PATH as the other
commands would write it: the playbook (as pillar render), the calendar for a
period as a month grid or a list (as pillar plan), the findings of pillar
validate, each linked to its file and line, and, with --posts, the audit of
the post history. Save any file of the strategy — the main file, an
included file, a parent it extends — and the open page updates within a
second, where it was scrolled to, without reloading. A strategy with errors
shows its findings in place of the page until they are fixed.

It listens on 127.0.0.1 (this machine only) at port 4580, or the next free
port, and prints the address. --addr 0.0.0.0 shares it on the network
(with a warning: anyone who can reach the machine can read the strategy).
It answers only requests that name the address it serves, writes nothing,
and stops with Ctrl-C.

Examples:
  pillar serve examples/nordlys --open
  pillar serve --lang en --from 2027-01-01 --to 2027-04-01
  pillar serve --editor-links vscode          # findings open the file in VS Code
  pillar serve examples/nordlys --posts examples/nordlys/history/posts.csv --mentions examples/nordlys/history/mentions.csv --audit-from 2027-01-01 --audit-to 2027-04-01
  pillar serve --port 0                       # any free port
`,
	}
	c.run = func(ctx context.Context, e *Env, args []string) error {
		o, err := parseServe(c, e, args)
		if err != nil {
			return err
		}
		return runServe(ctx, e, o)
	}
	return c
}

func parseServe(c *command, e *Env, args []string) (serveOptions, error) {
	var o serveOptions
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.IntVar(&o.port, "port", serve.DefaultPort, "`port` to listen on; the next free one when it is taken, 0 for any")
	fs.StringVar(&o.addr, "addr", "127.0.0.1", "`address` to listen on; anything but loopback shares the preview with the network")
	fs.BoolVar(&o.open, "open", false, "open the page in the browser")
	choiceVar(fs, &o.lang, "lang", "", render.Languages(), "`language` of the playbook's headings: "+strings.Join(render.Languages(), ", ")+" (default the strategy's language)")
	fs.StringVar(&o.from, "from", "", "first `date` of the calendar and of the playbook's excerpt, YYYY-MM-DD (default today)")
	fs.StringVar(&o.to, "to", "", "`date` after the calendar's last day (default three months after --from; at most a year)")
	fs.StringVar(&o.templates, "templates", "", "`folder` of templates that replace the built-in ones")
	fs.StringVar(&o.label, "label", "", "`text` shown on the playbook's cover as the version (default the strategy's Git commit, if any)")
	fs.StringVar(&o.config, "config", "", "config `file` with a rules map (default .pillar.yaml if present)")
	fs.StringVar(&o.today, "today", "", "the `date` (YYYY-MM-DD) staleness rules measure from (default today)")
	choiceVar(fs, &o.editorLinks, "editor-links", "", []string{"vscode"}, "link findings to an `editor`: vscode, or a URL template with {file}, {line}, {col} (default: the page's own view of the file)")
	rootFlag(fs, &o.root)
	fs.StringVar(&o.audit.posts, "posts", "", "post history `file` to audit (see pillar audit)")
	fs.StringVar(&o.audit.mentions, "mentions", "", "mention log `file` to audit with the posts")
	choiceVar(fs, &o.audit.mapping, "mapping", "", audit.Presets(), "column mapping for the history: a preset `name` or a YAML file")
	fs.StringVar(&o.audit.from, "audit-from", "", "first `date` audited (default the first day of last month)")
	fs.StringVar(&o.audit.to, "audit-to", "", "`date` after the last day audited (default one month after --audit-from)")
	pos, err := parse(fs, c, e, args)
	if err != nil {
		return o, err
	}
	if o.path, err = onePath(c.name, pos); err != nil {
		return o, err
	}
	if err := checkRoot(c.name, o.root); err != nil {
		return o, err
	}
	if o.port < 0 || o.port > 65535 {
		return o, usagef(c.name, "Give a port from 1 to 65535, or 0 for any free one.", "--port %d is not a port", o.port)
	}
	if o.addr == "" || (net.ParseIP(o.addr) == nil && o.addr != "localhost") {
		return o, usagef(c.name, "Give an IP address: 127.0.0.1 (this machine only, the default), ::1, or 0.0.0.0 to share it on the network.", "--addr %q is not an IP address", o.addr)
	}
	if err := langFlag(c.name, o.lang); err != nil {
		return o, err
	}
	if o.lang != "" {
		o.lang = render.LanguageOf(o.lang) // nb-NO is nb
	}
	if err := serve.CheckEditorLinks(o.editorLinks); err != nil {
		return o, usagef(c.name, "", "%v", err)
	}
	if err := checkToday(c.name, o.today); err != nil {
		return o, err
	}
	if o.audit.posts == "" && (o.audit.mentions != "" || o.audit.mapping != "" || o.audit.from != "" || o.audit.to != "") {
		return o, usagef(c.name, "Give the post history with --posts to audit it.", "--mentions, --mapping, --audit-from and --audit-to need --posts")
	}
	if o.audit.posts == "-" || o.audit.mentions == "-" {
		return o, usagef(c.name, "Give the history as a file: the preview reads it again on every change.", "serve cannot read the history from standard input")
	}
	return o, nil
}

// serveConfig turns the flags into what the preview needs, reading
// everything the other commands would read up front (config, templates,
// mapping) so that a mistake in them stops the command before it serves.
func serveConfig(ctx context.Context, e *Env, o serveOptions) (serve.Config, error) {
	cfg := serve.Config{Path: o.path, Root: rootOf(o.path, o.root), Now: e.Now, Lang: o.lang, EditorLinks: o.editorLinks}
	var err error
	if cfg.From, cfg.To, err = period("serve", o.from, o.to, todayOf(e)); err != nil {
		return cfg, err
	}
	if n := cfg.To.Time().Sub(cfg.From.Time()).Hours() / 24; n > 367 {
		return cfg, usagef("serve", "The preview shows at most a year at a time; pillar plan writes any period.", "--from %s to --to %s is more than a year", cfg.From, cfg.To)
	}
	if o.today != "" {
		d, _ := strategy.ParseDate(o.today)
		cfg.Today = &d
	}
	if cfg.Templates, err = templatesDir("serve", o.templates); err != nil {
		return cfg, err
	}
	if cfg.Rules, err = loadConfig(o.config); err != nil {
		return cfg, err
	}
	cfg.Label = func() string { return coverLabel(ctx, o.label, o.path) }
	if o.audit.posts != "" {
		from, to, err := auditPeriod(o.audit, todayOf(e))
		if err != nil {
			return cfg, err
		}
		ro, err := o.audit.readOptions()
		if err != nil {
			return cfg, err
		}
		cfg.Audit = &serve.AuditConfig{Posts: o.audit.posts, Mentions: o.audit.mentions, Read: ro, From: from, To: to}
	}
	return cfg, nil
}

func runServe(ctx context.Context, e *Env, o serveOptions) error {
	if _, err := strategy.Resolve(o.path); err != nil {
		return usagef("serve", "Give a strategy file, or a folder holding strategy.yaml (pillar init creates one).", "%s", readError(o.path, err))
	}
	cfg, err := serveConfig(ctx, e, o)
	if err != nil {
		return err
	}
	// Ctrl-C (SIGINT, which main turns into ctx's end) and SIGTERM (a
	// service manager, a container stop) both stop the server cleanly.
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
	defer stop()
	if !serve.IsLoopback(o.addr) {
		fmt.Fprintf(e.Stderr, "pillar serve: warning: listening on %s: anyone who can reach this machine can read the strategy and its history; use --addr 127.0.0.1 to keep it to this machine\n", o.addr)
	}
	ln, moved, err := serve.Listen(o.addr, o.port)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %v", net.JoinHostPort(o.addr, strconv.Itoa(o.port)), err)
	}
	site := serve.NewSite(cfg)
	srv := serve.NewServer(site, ln.Addr())
	srv.Logf = func(format string, args ...any) { fmt.Fprintf(e.Stderr, "pillar serve: "+format+"\n", args...) }
	url := pageURL(ln.Addr())
	if moved {
		fmt.Fprintf(e.Stderr, "pillar serve: port %d is taken; using %s\n", o.port, url)
	}
	fmt.Fprintf(e.Stdout, "Serving %s at %s\n", o.path, url)
	fmt.Fprintf(e.Stdout, "The page updates when a file of the strategy is saved. Press Ctrl-C to stop.\n")
	if o.open {
		if err := serve.OpenBrowser(url); err != nil {
			fmt.Fprintf(e.Stderr, "pillar serve: cannot open a browser (%v); open %s yourself\n", err, url)
		}
	}
	if err := srv.Run(ctx, ln); err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, "Stopped.")
	return nil
}

// pageURL is the address to open: localhost's loopback address as bound,
// and for an address that means every interface, this machine's loopback.
func pageURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}
