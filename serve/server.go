package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/render"
	"github.com/pillar-strategy/pillar/strategy"
)

// excerptWeeks is how much of the calendar the playbook shows, as in
// pillar render.
const excerptWeeks = 4

// maxCalendarDays is the longest period the calendar page plans: a year
// and a day, so that a leap year fits. A longer page would be slow to
// build and to read; pillar plan writes any length.
const maxCalendarDays = 367

// Server answers the preview's requests for one Site.
type Server struct {
	site   *Site
	broker *broker
	hosts  hostCheck
	// Logf reports what the server could not do (a watch that failed);
	// nil drops it.
	Logf func(format string, args ...any)
}

// NewServer makes the handler for site, served at addr (the listener's
// address: the Host header of every request must name it).
func NewServer(site *Site, addr net.Addr) *Server {
	return &Server{site: site, broker: newBroker(), hosts: newHostCheck(addr)}
}

// contentSecurityPolicy lets a page run only serve's own script (by its
// hash), connect only to its own origin (for the event stream and the
// refresh), load nothing from elsewhere (no images, fonts or frames from
// the network: a strategy's Markdown cannot make the page call out), and
// not be framed. Styles may be inline: the pages render writes carry their
// stylesheet in a style element, which the script swaps when a template
// changes; no page has a style attribute.
var contentSecurityPolicy = "default-src 'none'; script-src " + scriptHash +
	"; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// ServeHTTP checks the request (Host, method) and answers it from its
// routes; any other path is 404. No part of the URL names a file.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	if !s.hosts.allowed(r.Host) {
		// DNS rebinding: a page elsewhere whose name now resolves to
		// this machine sends its own name as Host.
		http.Error(w, fmt.Sprintf("pillar serve answers only requests for %s, not %q", s.hosts.want(), r.Host), http.StatusMisdirectedRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "pillar serve only shows pages: use GET", http.StatusMethodNotAllowed)
		return
	}
	snap := s.site.current()
	switch r.URL.Path {
	case "/":
		s.page(w, r, snap, "playbook")
	case "/calendar":
		s.page(w, r, snap, "calendar")
	case "/findings":
		s.page(w, r, snap, "findings")
	case "/audit":
		if s.site.cfg.Audit == nil {
			s.message(w, snap, http.StatusNotFound, "No audit", "Start pillar serve with --posts FILE (and --mentions FILE) to see the audit of the post history here.")
			return
		}
		s.page(w, r, snap, "audit")
	case "/source":
		s.sourcePage(w, r, snap)
	case "/events":
		s.serveEvents(w, r)
	case "/favicon.ico":
		w.WriteHeader(http.StatusNoContent)
	default:
		s.message(w, snap, http.StatusNotFound, "Not found", "pillar serve has no page at this address.")
	}
}

// page answers one of the four views; a strategy with errors shows its
// findings in place of the playbook, the calendar and the audit.
func (s *Server) page(w http.ResponseWriter, r *http.Request, snap *snapshot, key string) {
	q, msg := s.parseQuery(r)
	if msg == "" && key == "calendar" {
		_, _, msg = s.period(q)
	}
	if msg != "" {
		s.messageOn(w, snap, http.StatusBadRequest, key, q, "Cannot show this page", msg)
		return
	}
	names := map[string]string{"playbook": "playbook", "calendar": "calendar", "audit": "audit"}
	if key == "findings" || !snap.ok() {
		title := "Findings"
		kind := "view"
		instead := ""
		if key != "findings" {
			kind, instead = "findings", names[key]
		}
		s.write(w, http.StatusOK, s.bar(snap, key, kind, q), own(title, s.findings(snap, instead)))
		return
	}
	var body bytes.Buffer
	var err error
	switch key {
	case "playbook":
		err = s.playbook(&body, snap, q)
	case "calendar":
		err = s.calendar(&body, snap, q)
	case "audit":
		if snap.auditErr != nil {
			s.messageOn(w, snap, http.StatusOK, key, q, "The history cannot be audited", snap.auditErr.Error())
			return
		}
		err = render.WriteAudit(&body, snap.report, render.AuditOptions{Format: "html", Strategy: s.site.cfg.Path})
	}
	if err != nil {
		var te *render.TemplateError
		if errors.As(err, &te) {
			s.messageOn(w, snap, http.StatusOK, key, q, "A template is broken", te.Error()+" — fix the template in the --templates folder, or remove it to use the built-in one.")
			return
		}
		s.messageOn(w, snap, http.StatusOK, key, q, "Cannot show the "+names[key], err.Error())
		return
	}
	s.write(w, http.StatusOK, s.bar(snap, key, "view", q), body.Bytes())
}

// parseQuery reads the page's choices: lang, from, to, view.
func (s *Server) parseQuery(r *http.Request) (query, string) {
	v := r.URL.Query()
	q := query{lang: v.Get("lang"), from: v.Get("from"), to: v.Get("to"), list: v.Get("view") == "list"}
	if q.lang != "" {
		code := render.LanguageOf(q.lang) // nb-NO is nb, as for --lang
		if code == "" {
			return q, fmt.Sprintf("There are no playbook labels for the language %q; use one of %s.", q.lang, strings.Join(render.Languages(), ", "))
		}
		q.lang = code
	}
	if view := v.Get("view"); view != "" && view != "grid" && view != "list" {
		return q, fmt.Sprintf("view=%q: use grid or list.", view)
	}
	for _, d := range []struct{ name, value string }{{"from", q.from}, {"to", q.to}} {
		if d.value == "" {
			continue
		}
		date, err := strategy.ParseDate(d.value)
		if err != nil || date.Year < 2000 || date.Year > 2100 {
			return q, fmt.Sprintf("%s=%q is not a date from 2000-01-01 to 2100-12-31 (YYYY-MM-DD).", d.name, d.value)
		}
	}
	return q, ""
}

// daysBetween counts the days from a to b.
func daysBetween(a, b strategy.Date) int { return int(b.Time().Sub(a.Time()).Hours() / 24) }

// period is the calendar's period: the query's, else the configured one;
// a from alone keeps the configured length.
func (s *Server) period(q query) (from, to strategy.Date, msg string) {
	from, to = s.site.cfg.From, s.site.cfg.To
	if q.from != "" {
		f, _ := strategy.ParseDate(q.from)
		to = f.AddDays(daysBetween(s.site.cfg.From, s.site.cfg.To))
		from = f
	}
	if q.to != "" {
		to, _ = strategy.ParseDate(q.to)
	}
	switch n := daysBetween(from, to); {
	case n <= 0:
		return from, to, fmt.Sprintf("The period is [from, to): to (%s) must come after from (%s).", to, from)
	case n > maxCalendarDays:
		return from, to, fmt.Sprintf("The preview plans at most a year at a time (%s to %s is %d days); pillar plan writes any period.", from, to, n)
	}
	return from, to, ""
}

// playbook renders the playbook as pillar render does.
func (s *Server) playbook(w *bytes.Buffer, snap *snapshot, q query) error {
	from := s.site.cfg.From
	cal, err := planner.Plan(snap.strategy, planner.Options{From: from, To: from.AddDays(7 * excerptWeeks)})
	if err != nil {
		return err
	}
	lang := q.lang
	if lang == "" {
		lang = s.site.cfg.Lang
	}
	return render.Playbook(w, snap.strategy, render.PlaybookOptions{Format: "html", Lang: lang, Templates: s.site.cfg.Templates, Calendar: cal, Version: snap.label})
}

// calendar renders the plan for the period as pillar plan --format html
// does, or as a list.
func (s *Server) calendar(w *bytes.Buffer, snap *snapshot, q query) error {
	from, to, msg := s.period(q)
	if msg != "" {
		return errors.New(msg)
	}
	cal, err := planner.Plan(snap.strategy, planner.Options{From: from, To: to})
	if err != nil {
		return err
	}
	if q.list {
		w.Write(own(cal.Brand+": posting plan", listPage(cal)))
		return nil
	}
	return render.WriteCalendar(w, cal, "html")
}

// sourcePage shows one of the strategy's files by its number.
func (s *Server) sourcePage(w http.ResponseWriter, r *http.Request, snap *snapshot) {
	v := r.URL.Query()
	i, err := strconv.Atoi(v.Get("file"))
	// A line that is not a number only marks no line; it must not stand
	// for the file's number either way.
	line, lerr := strconv.Atoi(v.Get("line"))
	if lerr != nil {
		line = 0
	}
	if err != nil {
		s.message(w, snap, http.StatusNotFound, "Not found", "Give the number of one of the strategy's files, as the findings page links them.")
		return
	}
	body, name, ok := s.source(snap, i, line)
	if !ok {
		s.message(w, snap, http.StatusNotFound, "Not found", "The strategy was not read from a file with this number; the findings page lists its files.")
		return
	}
	s.write(w, http.StatusOK, s.bar(snap, "", "view", query{}), own(name, body))
}

var messageTemplate = template.Must(template.New("message").Parse(`<main>
<h1>{{.Title}}</h1>
<p class="notice">{{.Text}}</p>
</main>
`))

// message answers with a short page of serve's own.
func (s *Server) message(w http.ResponseWriter, snap *snapshot, status int, title, text string) {
	s.messageOn(w, snap, status, "", query{}, title, text)
}

// messageOn answers with a short page in place of view key, whose bar
// keeps the page's choices (to correct a period, say).
func (s *Server) messageOn(w http.ResponseWriter, snap *snapshot, status int, key string, q query, title, text string) {
	body := fill(messageTemplate, struct{ Title, Text string }{title, text})
	s.write(w, status, s.bar(snap, key, "error", q), own(title, body))
}

// write sends a page with the bar and the live script injected.
func (s *Server) write(w http.ResponseWriter, status int, bar barData, page []byte) {
	out := inject(page, []byte(fill(barTemplate, bar)))
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("Content-Length", strconv.Itoa(len(out)))
	w.WriteHeader(status)
	w.Write(out) //nolint:errcheck // the page went away
}

// Run serves on ln until ctx ends, reloading the strategy whenever one of
// its files changes and telling the open pages. Then it closes the event
// streams, shuts the server down, stops watching and returns nil; an
// error means it could not serve or watch at all.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	w, err := newWatcher()
	if err != nil {
		ln.Close()
		return fmt.Errorf("watch the strategy's files: %w", err)
	}
	defer w.close()
	if s.watch(w) {
		s.broker.publish(s.site.Version())
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	changed := make(chan struct{}, 1)
	go w.run(ctx, changed, func(err error) { s.logf("watching: %v", err) })
	reloaded := make(chan struct{})
	go func() {
		defer close(reloaded)
		d := debouncer{quiet: Quiet, maxWait: MaxWait, after: time.After}
		d.run(ctx, changed, func() {
			changed := s.site.Reload()
			if s.watch(w) || changed {
				s.broker.publish(s.site.Version())
			}
		})
	}()
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          nil,
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err = <-served:
	case <-ctx.Done():
	}
	cancel()
	s.broker.close()
	shut, done := context.WithTimeout(context.Background(), 5*time.Second)
	defer done()
	if serr := hs.Shutdown(shut); serr != nil {
		hs.Close()
	}
	<-reloaded
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// watchRounds bounds how often watch reads the strategy again for
// folders it has just begun to watch (each round can only add folders).
const watchRounds = 4

// watch watches the folders of the files the snapshot was read from. A
// folder watched only now (new, or back after it went away) may have
// changed between the read and the watch, unseen: then the strategy is
// read again, until no new folder is needed. It reports whether that
// changed the snapshot.
func (s *Server) watch(w *watcher) bool {
	changed := false
	for range watchRounds {
		added, err := w.set(s.site.watched())
		if err != nil {
			s.logf("cannot watch every folder of the strategy: %v", err)
		}
		if !added || !s.site.Reload() {
			break
		}
		changed = true
	}
	return changed
}

func (s *Server) logf(format string, args ...any) {
	if s.Logf != nil {
		s.Logf(format, args...)
	}
}
