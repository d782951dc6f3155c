package render

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/strategy"
)

// The browser test opens each example's playbook in headless Chromium and
// checks what a reader gets: the page loads with no console errors and no
// request but the file itself, every section heading is in the rendered
// page, and a screenshot and a PDF print come out. It drives Chromium over
// the DevTools protocol on --remote-debugging-pipe (fd 3 and 4, messages
// ending in a NUL byte), which needs no port and no library.
//
// Without Chromium the test is skipped, unless CI=true: CI must run it.
//
//	go test ./render -run Browser -screenshot=../docs/playbook.png
//
// also writes the README's screenshot: the first screen of the nordlys
// example's playbook.

var screenshotPath = flag.String("screenshot", "", "write a PNG of the nordlys playbook's first screen (1280×900) to this path")

// chromiumPath finds Chromium, or "" when it is not installed.
func chromiumPath() string {
	if p := os.Getenv("PILLAR_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser is a headless Chromium driven over the DevTools pipe.
type browser struct {
	cmd    *exec.Cmd
	in     *os.File // we write commands here (Chromium's fd 3)
	out    *os.File // Chromium writes replies here (its fd 4)
	mu     sync.Mutex
	nextID int
	wait   map[int]chan cdpMessage
	events chan cdpMessage
	done   chan struct{}
	stderr bytes.Buffer
}

type cdpMessage struct {
	ID        int             `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

func startBrowser(t *testing.T, path string) *browser {
	t.Helper()
	profile := t.TempDir()
	cmdR, cmdW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	b := &browser{in: cmdW, out: outR, wait: map[int]chan cdpMessage{}, events: make(chan cdpMessage, 4096), done: make(chan struct{})}
	b.cmd = exec.Command(path,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
		"--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
		"--user-data-dir="+profile, "--remote-debugging-pipe", "about:blank")
	b.cmd.ExtraFiles = []*os.File{cmdR, outW}
	b.cmd.Stderr = &b.stderr
	if err := b.cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	cmdR.Close()
	outW.Close()
	go b.read()
	t.Cleanup(func() {
		b.call("", "Browser.close", nil, nil) //nolint:errcheck // the process is killed below if this fails
		b.in.Close()
		exited := make(chan struct{})
		go func() { b.cmd.Wait(); close(exited) }() //nolint:errcheck
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			b.cmd.Process.Kill() //nolint:errcheck
			<-exited
		}
		b.out.Close()
	})
	return b
}

func (b *browser) read() {
	defer close(b.done)
	r := bufio.NewReaderSize(b.out, 1<<20)
	for {
		msg, err := r.ReadBytes(0)
		if err != nil {
			return
		}
		var m cdpMessage
		if json.Unmarshal(msg[:len(msg)-1], &m) != nil {
			continue
		}
		if m.ID != 0 {
			b.mu.Lock()
			ch := b.wait[m.ID]
			delete(b.wait, m.ID)
			b.mu.Unlock()
			if ch != nil {
				ch <- m
			}
			continue
		}
		select {
		case b.events <- m:
		default: // a flood of events must not block replies
		}
	}
}

// call sends a command (to a page when session is set) and decodes its
// result into result.
func (b *browser) call(session, method string, params, result any) error {
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	ch := make(chan cdpMessage, 1)
	b.wait[id] = ch
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	data, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	if _, err := b.in.Write(append(data, 0)); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			return fmt.Errorf("%s: %s", method, m.Error.Message)
		}
		if result != nil {
			return json.Unmarshal(m.Result, result)
		}
		return nil
	case <-b.done:
		return fmt.Errorf("%s: the browser closed the pipe (stderr: %s)", method, lastLines(b.stderr.String(), 5))
	case <-time.After(60 * time.Second):
		return fmt.Errorf("%s: no answer in 60 s", method)
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}

// page is one tab, with what it reported while loading.
type page struct {
	b        *browser
	target   string
	session  string
	problems []string // console errors, exceptions, error log entries
	requests []string // every URL the page asked for
}

func (b *browser) open(t *testing.T, width, height int) *page {
	t.Helper()
	var target struct {
		TargetID string `json:"targetId"`
	}
	if err := b.call("", "Target.createTarget", map[string]any{"url": "about:blank"}, &target); err != nil {
		t.Fatal(err)
	}
	var attached struct {
		SessionID string `json:"sessionId"`
	}
	if err := b.call("", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached); err != nil {
		t.Fatal(err)
	}
	p := &page{b: b, target: target.TargetID, session: attached.SessionID}
	for _, m := range []string{"Page.enable", "Runtime.enable", "Log.enable", "Network.enable"} {
		if err := b.call(p.session, m, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.call(p.session, "Emulation.setDeviceMetricsOverride",
		map[string]any{"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}, nil); err != nil {
		t.Fatal(err)
	}
	return p
}

// load navigates to u and waits for the load event, noting problems and
// requests on the way.
func (p *page) load(t *testing.T, u string) {
	t.Helper()
	// Drop what earlier pages of this browser reported.
	for len(p.b.events) > 0 {
		<-p.b.events
	}
	if err := p.b.call(p.session, "Page.navigate", map[string]any{"url": u}, nil); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(30 * time.Second)
	for {
		select {
		case m := <-p.b.events:
			if m.SessionID != p.session {
				continue
			}
			if p.note(m) {
				// Let late events (console messages from the load) arrive.
				p.drain(200 * time.Millisecond)
				return
			}
		case <-deadline:
			t.Fatalf("%s did not finish loading in 30 s", u)
		}
	}
}

func (p *page) drain(d time.Duration) {
	end := time.After(d)
	for {
		select {
		case m := <-p.b.events:
			if m.SessionID == p.session {
				p.note(m)
			}
		case <-end:
			return
		}
	}
}

// note records an event and reports whether it is the load event.
func (p *page) note(m cdpMessage) bool {
	switch m.Method {
	case "Page.loadEventFired":
		return true
	case "Network.requestWillBeSent":
		var e struct {
			Request struct {
				URL string `json:"url"`
			} `json:"request"`
		}
		json.Unmarshal(m.Params, &e) //nolint:errcheck
		p.requests = append(p.requests, e.Request.URL)
	case "Runtime.consoleAPICalled":
		var e struct {
			Type string `json:"type"`
			Args []struct {
				Value any `json:"value"`
			} `json:"args"`
		}
		json.Unmarshal(m.Params, &e) //nolint:errcheck
		if e.Type == "error" || e.Type == "assert" {
			p.problems = append(p.problems, fmt.Sprintf("console.%s %v", e.Type, e.Args))
		}
	case "Runtime.exceptionThrown":
		p.problems = append(p.problems, "exception: "+string(m.Params))
	case "Log.entryAdded":
		var e struct {
			Entry struct {
				Level, Source, Text, URL string
			} `json:"entry"`
		}
		json.Unmarshal(m.Params, &e) //nolint:errcheck
		if e.Entry.Level == "error" {
			p.problems = append(p.problems, fmt.Sprintf("%s error: %s %s", e.Entry.Source, e.Entry.Text, e.Entry.URL))
		}
	}
	return false
}

// eval runs a JavaScript expression in the page and decodes its value.
func (p *page) eval(t *testing.T, expr string, v any) {
	t.Helper()
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails json.RawMessage `json:"exceptionDetails"`
	}
	if err := p.b.call(p.session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true}, &r); err != nil {
		t.Fatal(err)
	}
	if len(r.ExceptionDetails) > 0 {
		t.Fatalf("%s: %s", expr, r.ExceptionDetails)
	}
	if err := json.Unmarshal(r.Result.Value, v); err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
}

// data calls a method that returns a file as base64 and writes it to path.
func (p *page) data(t *testing.T, method string, params map[string]any, path string) []byte {
	t.Helper()
	var r struct {
		Data string `json:"data"`
	}
	if err := p.b.call(p.session, method, params, &r); err != nil {
		t.Fatal(err)
	}
	b, err := base64.StdEncoding.DecodeString(r.Data)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return b
}

// browserOrSkip starts headless Chromium for a browser test, or skips the
// test when Chromium is missing (fails it when CI=true, where .ci/run
// installs it) or with -short.
func browserOrSkip(t *testing.T) *browser {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("Chromium is not installed, and CI must run the browser test: install the Debian package chromium (or set PILLAR_CHROMIUM)")
		}
		t.Skip("Chromium is not installed: skipping the browser test (apt-get install chromium, or set PILLAR_CHROMIUM)")
	}
	if testing.Short() {
		t.Skip("the browser test is slow; not run with -short")
	}
	return startBrowser(t, path)
}

func TestPlaybookInBrowser(t *testing.T) {
	b := browserOrSkip(t)
	dir := t.TempDir()
	for _, ex := range examples(t) {
		for _, lang := range ex.langs() {
			name := ex.name + "." + lang
			t.Run(name, func(t *testing.T) {
				p, fileURL := b.show(t, dir, name, ex.strategy, PlaybookOptions{Format: "html", Lang: lang, Calendar: ex.calendar})
				defer p.close(t)
				p.checkLoad(t, fileURL)

				var headings []string
				p.eval(t, `Array.from(document.querySelectorAll("main > section > h2")).map(h => h.textContent.trim())`, &headings)
				var toc []string
				p.eval(t, `Array.from(document.querySelectorAll("nav.toc a")).map(a => a.textContent.trim())`, &toc)
				want := wantSections(t, ex.strategy, ex.calendar, lang)
				if strings.Join(headings, "|") != strings.Join(want, "|") {
					t.Errorf("section headings in the page:\n%q\nwant\n%q", headings, want)
				}
				if strings.Join(toc, "|") != strings.Join(want, "|") {
					t.Errorf("table of contents:\n%q\nwant\n%q", toc, want)
				}
				var broken []string
				p.eval(t, `Array.from(document.querySelectorAll('a[href^="#"]')).filter(a => !document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)))).map(a => a.getAttribute("href"))`, &broken)
				if len(broken) > 0 {
					t.Errorf("links to anchors that do not exist: %v", broken)
				}
				var overflow float64
				p.eval(t, `document.documentElement.scrollWidth - document.documentElement.clientWidth`, &overflow)
				if overflow > 0 {
					t.Errorf("the page is %v px wider than the window: something does not wrap", overflow)
				}

				png := p.data(t, "Page.captureScreenshot", map[string]any{"format": "png"}, filepath.Join(dir, name+".png"))
				if !bytes.HasPrefix(png, []byte("\x89PNG")) {
					t.Error("the screenshot is not a PNG")
				}
				pdf := p.data(t, "Page.printToPDF", map[string]any{"printBackground": true, "preferCSSPageSize": true}, filepath.Join(dir, name+".pdf"))
				if !bytes.HasPrefix(pdf, []byte("%PDF-")) || bytes.Count(pdf, []byte("/Type /Page")) < 2 {
					t.Errorf("the PDF print is not a PDF of several pages (%d bytes)", len(pdf))
				}
				if *screenshotPath != "" && ex.name == "nordlys" && lang == ex.lang {
					p.data(t, "Page.captureScreenshot", map[string]any{"format": "png"}, *screenshotPath)
					t.Logf("wrote %s", *screenshotPath)
				}
			})
		}
	}

	// The XSS corpus: the markup in every field stays text, nothing runs or
	// loads, and the 5,000-character words wrap.
	t.Run("hostile", func(t *testing.T) {
		p, fileURL := b.show(t, dir, "hostile", hostileStrategy(), PlaybookOptions{Format: "html", Calendar: hostileCalendar()})
		defer p.close(t)
		p.checkLoad(t, fileURL)
		var found struct {
			Scripts, Images, Frames, Handlers, Bold int
			JSLinks                                 int
			Text                                    bool
		}
		p.eval(t, `({
			Scripts: document.querySelectorAll("script").length,
			Images: document.querySelectorAll("img").length,
			Frames: document.querySelectorAll("iframe").length,
			Handlers: document.querySelectorAll("[onerror], [onload], [onclick]").length,
			Bold: document.querySelectorAll("b").length,
			JSLinks: Array.from(document.querySelectorAll("a[href]")).filter(a => /^\s*javascript:/i.test(a.getAttribute("href"))).length,
			Text: document.body.innerText.includes("<script>alert(1)</script>") && document.body.innerText.includes("<b>raw</b>"),
		})`, &found)
		if found.Scripts+found.Images+found.Frames+found.Handlers+found.Bold+found.JSLinks > 0 {
			t.Errorf("markup from the strategy became elements: %+v", found)
		}
		if !found.Text {
			t.Error("the markup from the strategy does not show as text")
		}
		var overflow float64
		p.eval(t, `document.documentElement.scrollWidth - document.documentElement.clientWidth`, &overflow)
		if overflow > 0 {
			var wide []string
			p.eval(t, `Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && (!e.closest(".scroll") || getComputedStyle(e).position === "absolute")).slice(0, 8).map(e => e.tagName + "." + e.className + " in " + e.parentElement.tagName + "." + e.parentElement.className)`, &wide)
			t.Errorf("the page is %v px wider than the window: the long words do not wrap (too wide: %v)", overflow, wide)
		}
	})
}

// show writes a playbook to dir and opens it in a new tab of 1280×900.
func (b *browser) show(t *testing.T, dir, name string, s *strategy.Strategy, opt PlaybookOptions) (*page, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := Playbook(&buf, s, opt); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, name+".html")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	fileURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(file)}).String()
	p := b.open(t, 1280, 900)
	p.load(t, fileURL)
	return p, fileURL
}

// checkLoad fails on console errors and on any request but the page's own.
func (p *page) checkLoad(t *testing.T, fileURL string) {
	t.Helper()
	for _, pr := range p.problems {
		t.Errorf("the page reported: %s", pr)
	}
	for _, r := range p.requests {
		if r != fileURL {
			t.Errorf("the page requested %s: a playbook must load nothing but itself", r)
		}
	}
}

func (p *page) close(t *testing.T) {
	if err := p.b.call("", "Target.closeTarget", map[string]any{"targetId": p.target}, nil); err != nil {
		t.Log(err)
	}
}
