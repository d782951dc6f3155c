package serve

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"
)

// MaxClients is how many pages may listen for updates at once. Each holds
// a connection open; beyond this a page is told to come back later (503),
// so a runaway tab or script cannot exhaust the process.
const MaxClients = 32

// keepAlive is how often an idle event stream sends a comment, so that
// the browser and anything between notice a dead connection.
const keepAlive = 25 * time.Second

// broker hands each new version to the pages listening on /events, as
// Server-Sent Events
// (https://html.spec.whatwg.org/multipage/server-sent-events.html).
type broker struct {
	mu      sync.Mutex
	clients map[chan int64]bool
	closed  bool
	done    chan struct{}
}

func newBroker() *broker {
	return &broker{clients: map[chan int64]bool{}, done: make(chan struct{})}
}

// subscribe adds a listener, or returns nil when MaxClients listen
// already or the broker is closed.
func (b *broker) subscribe() chan int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed || len(b.clients) >= MaxClients {
		return nil
	}
	ch := make(chan int64, 1)
	b.clients[ch] = true
	return ch
}

func (b *broker) unsubscribe(ch chan int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.clients, ch)
}

// count returns how many pages listen.
func (b *broker) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.clients)
}

// publish tells every listener about version v. A listener that has not
// taken the previous version yet gets only the newest.
func (b *broker) publish(v int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.clients {
		select {
		case <-ch:
		default:
		}
		ch <- v
	}
}

// close ends every event stream; later subscribers are refused.
func (b *broker) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.closed {
		b.closed = true
		close(b.done)
	}
}

// serveEvents streams versions to one page: the current version at once
// (a page that loaded just before a change catches up), then each new
// one.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if why := s.crossSite(r); why != "" {
		// A page of another site could open an EventSource here. It
		// cannot read the stream (there is no CORS answer), but it would
		// hold one of the MaxClients places the preview's own pages need.
		http.Error(w, "pillar serve sends updates only to its own pages: "+why, http.StatusForbidden)
		return
	}
	ch := s.broker.subscribe()
	if ch == nil {
		w.Header().Set("Retry-After", "5")
		http.Error(w, "too many pages are listening for updates; close some tabs", http.StatusServiceUnavailable)
		return
	}
	defer s.broker.unsubscribe(ch)
	rc := http.NewResponseController(w)
	// The stream stays open as long as the page does; the server's write
	// timeout is for pages.
	rc.SetWriteDeadline(time.Time{}) //nolint:errcheck // not every writer has deadlines
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	send := func(v int64) bool {
		if _, err := fmt.Fprintf(w, "event: version\ndata: %d\n\n", v); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	// retry: how soon the browser reconnects after the server restarts.
	fmt.Fprint(w, "retry: 1000\n\n")
	if !send(s.site.Version()) {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case v := <-ch:
			if !send(v) {
				return
			}
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		case <-r.Context().Done():
			return
		case <-s.broker.done:
			return
		}
	}
}

// crossSite says why r comes from a page of another site, or "" when it
// does not: browsers name the site a request comes from in Sec-Fetch-Site
// (https://www.w3.org/TR/fetch-metadata/#sec-fetch-site-header) and, for
// an EventSource of another origin, in Origin
// (https://html.spec.whatwg.org/multipage/server-sent-events.html#dom-eventsource).
// A request with neither (curl, a test) is taken as the preview's own.
func (s *Server) crossSite(r *http.Request) string {
	switch site := r.Header.Get("Sec-Fetch-Site"); site {
	case "", "same-origin", "none":
	default:
		return "the request comes from a " + site + " page"
	}
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Scheme != "http" || !s.hosts.allowed(u.Host) {
			return "the request comes from " + strconv.Quote(o)
		}
	}
	return ""
}
