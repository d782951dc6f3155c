package serve

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestBrokenThenFixed: YAML that no longer parses shows the finding with
// its file and line in place of every view; fixed, the views come back.
func TestBrokenThenFixed(t *testing.T) {
	root := copyExamples(t, "nordlys")
	dir := filepath.Join(root, "examples", "nordlys")
	main := filepath.Join(dir, "strategy.yaml")
	srv := newTestServer(t, testConfig(dir, root))
	if v := srv.site.Version(); v != 1 {
		t.Fatalf("first version %d, want 1", v)
	}
	line := lineOf(t, main, "weight: 40")
	edit(t, main, "weight: 40", "weight: 40: x")
	if !srv.site.Reload() {
		t.Fatal("the broken file did not change the snapshot")
	}
	where := fmt.Sprintf("strategy.yaml:%d:", line)
	for _, target := range []string{"/", "/calendar", "/calendar?view=list"} {
		got := get(t, srv, "GET", target).Body.String()
		for _, want := range []string{`data-kind="findings"`, `data-version="2"`, "The strategy has errors", where, `data-line="` + fmt.Sprint(line) + `"`, "weight: 40: x", `<span class="ps-bad">`} {
			if !strings.Contains(got, want) {
				t.Errorf("GET %s with broken YAML: the page lacks %q", target, want)
			}
		}
		if strings.Contains(got, `<svg class="donut"`) || strings.Contains(got, `<section class="month">`) {
			t.Errorf("GET %s with broken YAML: the old page is still shown", target)
		}
	}
	// The finding links to its line in the source view, which shows the
	// broken line as read.
	got := get(t, srv, "GET", "/findings").Body.String()
	link := fmt.Sprintf(`href="/source?file=0&amp;line=%d#L%d"`, line, line)
	if !strings.Contains(got, link) {
		t.Errorf("the finding does not link to %s", link)
	}
	src := get(t, srv, "GET", fmt.Sprintf("/source?file=0&line=%d", line)).Body.String()
	if !strings.Contains(src, fmt.Sprintf(`<li id="L%d" class="here">    weight: 40: x</li>`, line)) {
		t.Error("the source view does not show the broken line marked")
	}

	edit(t, main, "weight: 40: x", "weight: 40")
	if !srv.site.Reload() {
		t.Fatal("the fixed file did not change the snapshot")
	}
	got = get(t, srv, "GET", "/").Body.String()
	if !strings.Contains(got, `<svg class="donut"`) || !strings.Contains(got, `data-kind="view"`) || !strings.Contains(got, `data-version="3"`) {
		t.Error("the playbook did not come back once the YAML was fixed")
	}
	if srv.site.Reload() {
		t.Error("a reload that read the same bytes made a new version")
	}
}

// TestReloadFollowsIncludesAndParents: a change to an included file or to
// a parent the strategy extends shows in the page.
func TestReloadFollowsIncludesAndParents(t *testing.T) {
	root := copyExamples(t, "nordlys", "fjord-group", "fjord-coffee")
	t.Run("include", func(t *testing.T) {
		dir := filepath.Join(root, "examples", "nordlys")
		srv := newTestServer(t, testConfig(dir, root))
		persona := filepath.Join(dir, "personas", "ingrid.yaml")
		b, _ := os.ReadFile(persona)
		name := strings.TrimSpace(strings.SplitN(strings.SplitN(string(b), "name:", 2)[1], "\n", 2)[0])
		edit(t, persona, "name: "+name, "name: Ingrid <Omdøpt>")
		if !srv.site.Reload() {
			t.Fatal("a change to an included file did not change the snapshot")
		}
		got := get(t, srv, "GET", "/").Body.String()
		if !strings.Contains(got, "Ingrid &lt;Omdøpt&gt;") {
			t.Error("the playbook does not show the included file's change")
		}
	})
	t.Run("extends", func(t *testing.T) {
		dir := filepath.Join(root, "examples", "fjord-coffee")
		srv := newTestServer(t, testConfig(dir, root))
		parent := filepath.Join(root, "examples", "fjord-group", "strategy.yaml")
		found := false
		for _, f := range srv.site.watched() {
			found = found || f == parent
		}
		if !found {
			t.Fatalf("the parent %s is not watched: %v", parent, srv.site.watched())
		}
		before := get(t, srv, "GET", "/?lang=en").Body.String()
		edit(t, parent, "Good, honest food from the North", "Parent vision marker")
		if !srv.site.Reload() {
			t.Fatal("a change to the parent did not change the snapshot")
		}
		after := get(t, srv, "GET", "/?lang=en").Body.String()
		if strings.Contains(before, "Parent vision marker") || !strings.Contains(after, "Parent vision marker") {
			t.Error("the child's playbook does not show the parent's change")
		}
	})
}

// TestConfinement: a strategy that includes a file outside the root is
// refused as validate refuses it, and the page shows that finding.
func TestConfinement(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.yaml"), []byte("personas:\n  - id: secret\n    name: TOP SECRET\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	root := copyExamples(t, "nordlys")
	dir := filepath.Join(root, "examples", "nordlys")
	rel, _ := filepath.Rel(dir, filepath.Join(outside, "secret.yaml"))
	edit(t, filepath.Join(dir, "strategy.yaml"), "include:\n", "include:\n  - "+rel+"\n")
	srv := newTestServer(t, testConfig(dir, root))
	got := get(t, srv, "GET", "/").Body.String()
	if strings.Contains(got, "TOP SECRET") || !strings.Contains(got, `data-kind="findings"`) || !strings.Contains(got, "outside") {
		t.Errorf("an include outside the root was not refused:\n%.2000s", got)
	}
}

// TestXSS: text from the strategy stays text on serve's own pages (the
// findings, the source view, the list, the bar), as render's pages keep
// it: the only script on any page is serve's.
func TestXSS(t *testing.T) {
	const evil = `<script>alert(1)</script><img src=x onerror=alert(2)>"'&`
	root := t.TempDir()
	dir := filepath.Join(root, "s")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	strategy := `version: 1
brand:
  name: "` + strings.ReplaceAll(evil, `"`, `\"`) + `"
  timezone: Europe/Oslo
  language: en
channels:
  - id: instagram
    platform: instagram
    role: "` + strings.ReplaceAll(evil, `"`, `\"`) + `"
    owner: x
    cadence: {min_per_week: 1, days: [mon], times: ["09:00"]}
pillars:
  - id: p
    name: "` + strings.ReplaceAll(evil, `"`, `\"`) + `"
    weight: 100
    examples:
      instagram: "` + strings.ReplaceAll(evil, `"`, `\"`) + `"
`
	file := filepath.Join(dir, "strategy.yaml")
	if err := os.WriteFile(file, []byte(strategy), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := newTestServer(t, testConfig(dir, root))
	check := func(target string) {
		t.Helper()
		got := get(t, srv, "GET", target).Body.String()
		if n := strings.Count(strings.ToLower(got), "<script"); n != 1 {
			t.Errorf("%s: %d script elements, want serve's one", target, n)
		}
		for _, bad := range []string{"<img", "onerror=alert"} {
			if strings.Contains(got, bad) && !strings.Contains(got, "&lt;img src=x onerror=alert(2)&gt;") {
				t.Errorf("%s: %q is markup, not text", target, bad)
			}
		}
		if strings.Contains(got, "<img") {
			t.Errorf("%s: an img element from the strategy", target)
		}
	}
	for _, target := range []string{"/", "/calendar", "/calendar?view=list", "/findings", "/source?file=0&line=3"} {
		check(target)
	}
	// Broken: the hostile text is in the findings and the source lines.
	writeFile(t, file, strategy+"\n"+evil+": [\n")
	srv.site.Reload()
	for _, target := range []string{"/", "/findings", "/source?file=0"} {
		check(target)
	}
	if got := get(t, srv, "GET", "/source?file=0").Body.String(); !strings.Contains(got, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the source view does not show the hostile line as text")
	}
}

// sse reads Server-Sent Events from a live server.
type sse struct {
	resp *http.Response
	r    *bufio.Reader
}

func openEvents(t *testing.T, base string) *sse {
	t.Helper()
	resp, err := http.Get(base + "/events")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("/events: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	t.Cleanup(func() { resp.Body.Close() })
	return &sse{resp: resp, r: bufio.NewReader(resp.Body)}
}

// next returns the data of the next version event; "" when the stream
// ended.
func (s *sse) next(t *testing.T) string {
	t.Helper()
	type line struct {
		s   string
		err error
	}
	// One deadline for the event, not one a line: the keep-alive comments
	// must not keep a test waiting for an event that never comes.
	deadline := time.After(30 * time.Second)
	for {
		ch := make(chan line, 1)
		go func() { l, err := s.r.ReadString('\n'); ch <- line{l, err} }()
		select {
		case l := <-ch:
			if l.err != nil {
				return ""
			}
			if d, ok := strings.CutPrefix(strings.TrimRight(l.s, "\n"), "data: "); ok {
				return d
			}
		case <-deadline:
			t.Fatal("no event in 30 s")
		}
	}
}

// liveServer runs srv on a loopback port until the test ends.
func liveServer(t *testing.T, cfg Config) (*Server, string, func()) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(NewSite(cfg), ln.Addr())
	srv.Logf = t.Logf
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx, ln) }()
	var once sync.Once
	stop := func() { once.Do(func() { stopRun(t, cancel, done) }) }
	t.Cleanup(stop)
	return srv, "http://" + ln.Addr().String(), stop
}

func stopRun(t *testing.T, cancel func(), done chan error) {
	{
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("Run did not return after its context ended")
		}
	}
}

// TestLiveReload: the running server watches the strategy's files, and a
// save of the main file, an included file or a parent (written as editors
// do, a temporary file renamed over it) reaches the open page as a new
// version; shutting down ends the stream.
func TestLiveReload(t *testing.T) {
	root := copyExamples(t, "fjord-group", "fjord-coffee", "nordlys")
	t.Run("include", func(t *testing.T) {
		dir := filepath.Join(root, "examples", "nordlys")
		_, base, stop := liveServer(t, testConfig(dir, root))
		ev := openEvents(t, base)
		if v := ev.next(t); v != "1" {
			t.Fatalf("first event %q, want the current version 1", v)
		}
		edit(t, filepath.Join(dir, "personas", "ingrid.yaml"), "name: Ingrid", "name: Endret Ingrid")
		if v := ev.next(t); v != "2" {
			t.Fatalf("after the include changed: %q, want 2", v)
		}
		edit(t, filepath.Join(dir, "strategy.yaml"), "weight: 40", "weight: 45")
		if v := ev.next(t); v != "3" {
			t.Fatalf("after the main file changed: %q, want 3", v)
		}
		stop()
		if v := ev.next(t); v != "" {
			t.Errorf("the stream goes on after shutdown: %q", v)
		}
	})
	t.Run("extends", func(t *testing.T) {
		dir := filepath.Join(root, "examples", "fjord-coffee")
		_, base, _ := liveServer(t, testConfig(dir, root))
		ev := openEvents(t, base)
		if v := ev.next(t); v != "1" {
			t.Fatalf("first event %q", v)
		}
		edit(t, filepath.Join(root, "examples", "fjord-group", "strategy.yaml"), "Good, honest food", "Honest food")
		if v := ev.next(t); v != "2" {
			t.Fatalf("after the parent changed: %q, want 2", v)
		}
	})
}

// startNordlys serves a copy of the Nordlys example on a real loopback
// port, for the tests of the update stream; it stops with the test.
func startNordlys(t *testing.T) (*Server, *httptest.Server) {
	t.Helper()
	root := copyExamples(t, "nordlys")
	srv := NewServer(NewSite(testConfig(filepath.Join(root, "examples", "nordlys"), root)), testAddr)
	ts := httptest.NewUnstartedServer(srv)
	ln, err := net.Listen("tcp", testAddr.IP.String()+":0")
	if err != nil {
		t.Fatal(err)
	}
	ts.Listener = ln
	srv.hosts = newHostCheck(ln.Addr())
	ts.Start()
	t.Cleanup(func() {
		srv.broker.close() // ends the open streams, which ts.Close waits for
		ts.Close()
	})
	return srv, ts
}

// TestEventClients: at most MaxClients pages listen at once; the next is
// told to come back later.
func TestEventClients(t *testing.T) {
	srv, ts := startNordlys(t)
	for range MaxClients {
		ev := openEvents(t, ts.URL)
		if v := ev.next(t); v != "1" {
			t.Fatalf("event %q", v)
		}
	}
	resp, err := http.Get(ts.URL + "/events")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Errorf("client %d: %d, want 503 with Retry-After", MaxClients+1, resp.StatusCode)
	}
	if n := srv.broker.count(); n != MaxClients {
		t.Errorf("%d listeners, want %d", n, MaxClients)
	}
}

// TestEventsRefuseOtherSites: a page of another site cannot hold one of
// the update stream's places; the preview's own page can, as can a client
// that names no site.
func TestEventsRefuseOtherSites(t *testing.T) {
	_, ts := startNordlys(t)
	for _, tc := range []struct {
		name   string
		header map[string]string
		want   int
	}{
		{"another site", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "http://evil.example"}, http.StatusForbidden},
		{"another origin of the same site", map[string]string{"Sec-Fetch-Site": "same-site"}, http.StatusForbidden},
		{"an origin alone", map[string]string{"Origin": "http://evil.example"}, http.StatusForbidden},
		{"another port", map[string]string{"Origin": "http://" + testAddr.IP.String() + ":1"}, http.StatusForbidden},
		{"a null origin", map[string]string{"Origin": "null"}, http.StatusForbidden},
		{"its own page", map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": ts.URL}, http.StatusOK},
		{"no site named", nil, http.StatusOK},
	} {
		req, _ := http.NewRequest("GET", ts.URL+"/events", nil)
		for k, v := range tc.header {
			req.Header.Set(k, v)
		}
		ctx, cancel := context.WithCancel(context.Background())
		resp, err := http.DefaultClient.Do(req.WithContext(ctx))
		if err != nil {
			cancel()
			t.Fatalf("%s: %v", tc.name, err)
		}
		if resp.StatusCode != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, resp.StatusCode, tc.want)
		}
		cancel()
		resp.Body.Close()
	}
}

// TestLiveReloadFolderReplaced: a folder of the strategy that goes away and
// comes back (a branch switched and switched back, a folder moved aside
// and restored) is watched again, so later saves still reach the page;
// the same for the strategy's own folder.
func TestLiveReloadFolderReplaced(t *testing.T) {
	root := copyExamples(t, "nordlys")
	dir := filepath.Join(root, "examples", "nordlys")
	aside := filepath.Join(t.TempDir(), "aside")
	_, base, _ := liveServer(t, testConfig(dir, root))
	ev := openEvents(t, base)
	want := 1
	step := func(what string, change func()) {
		t.Helper()
		change()
		want++
		if v := ev.next(t); v != fmt.Sprint(want) {
			t.Fatalf("after %s: version %q, want %d", what, v, want)
		}
	}
	if v := ev.next(t); v != "1" {
		t.Fatalf("first event %q", v)
	}
	personas := filepath.Join(dir, "personas")
	step("the included folder moved away", func() { rename(t, personas, aside) })
	step("the included folder moved back", func() { rename(t, aside, personas) })
	step("an included file saved", func() { edit(t, filepath.Join(personas, "ingrid.yaml"), "name: Ingrid", "name: Ingrid Again") })
	step("the strategy's folder moved away", func() { rename(t, dir, aside) })
	step("the strategy's folder moved back", func() { rename(t, aside, dir) })
	step("the main file saved", func() { edit(t, filepath.Join(dir, "strategy.yaml"), "weight: 40", "weight: 45") })
	step("an included file saved", func() { edit(t, filepath.Join(personas, "ingrid.yaml"), "name: Ingrid Again", "name: Ingrid") })
}

func rename(t *testing.T, from, to string) {
	t.Helper()
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
}
