// Package browsertest drives a headless Chromium for the browser tests:
// render's playbooks and audit pages, serve's live preview. It speaks the
// DevTools protocol over --remote-debugging-pipe (fd 3 and 4, messages
// ending in a NUL byte), which needs no port and no library.
//
// Without Chromium a browser test is skipped, unless CI=true: CI must run
// it (.ci/run installs Chromium). PILLAR_CHROMIUM names another browser.
package browsertest

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// ChromiumPath finds Chromium, or "" when it is not installed.
func ChromiumPath() string {
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

// Browser is a headless Chromium driven over the DevTools pipe.
type Browser struct {
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

func start(t *testing.T, path string) *Browser {
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
	b := &Browser{in: cmdW, out: outR, wait: map[int]chan cdpMessage{}, events: make(chan cdpMessage, 4096), done: make(chan struct{})}
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
		b.Call("", "Browser.close", nil, nil) //nolint:errcheck // the process is killed below if this fails
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

func (b *Browser) read() {
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

// Call sends a command (to a page when session is set) and decodes its
// result into result.
func (b *Browser) Call(session, method string, params, result any) error {
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

// Page is one tab, with what it reported while loading.
type Page struct {
	b      *Browser
	target string
	// Session is the tab's DevTools session, for Browser.Call.
	Session string
	// Problems are the console errors, exceptions and error log entries
	// the page reported.
	Problems []string
	// Requests are the URLs the page asked for.
	Requests []string
}

// Open opens a new tab of width × height CSS pixels.
func (b *Browser) Open(t *testing.T, width, height int) *Page {
	t.Helper()
	var target struct {
		TargetID string `json:"targetId"`
	}
	if err := b.Call("", "Target.createTarget", map[string]any{"url": "about:blank"}, &target); err != nil {
		t.Fatal(err)
	}
	var attached struct {
		SessionID string `json:"sessionId"`
	}
	if err := b.Call("", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached); err != nil {
		t.Fatal(err)
	}
	p := &Page{b: b, target: target.TargetID, Session: attached.SessionID}
	for _, m := range []string{"Page.enable", "Runtime.enable", "Log.enable", "Network.enable"} {
		if err := b.Call(p.Session, m, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Call(p.Session, "Emulation.setDeviceMetricsOverride",
		map[string]any{"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}, nil); err != nil {
		t.Fatal(err)
	}
	return p
}

// Load navigates to u and waits for the load event, noting Problems and
// Requests on the way.
func (p *Page) Load(t *testing.T, u string) {
	t.Helper()
	// Drop what earlier pages of this browser reported.
	for len(p.b.events) > 0 {
		<-p.b.events
	}
	if err := p.b.Call(p.Session, "Page.navigate", map[string]any{"url": u}, nil); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(30 * time.Second)
	for {
		select {
		case m := <-p.b.events:
			if m.SessionID != p.Session {
				continue
			}
			if p.note(m) {
				// Let late events (console messages from the load) arrive.
				p.Drain(200 * time.Millisecond)
				return
			}
		case <-deadline:
			t.Fatalf("%s did not finish loading in 30 s", u)
		}
	}
}

// Drain notes what the page reports for d.
func (p *Page) Drain(d time.Duration) {
	end := time.After(d)
	for {
		select {
		case m := <-p.b.events:
			if m.SessionID == p.Session {
				p.note(m)
			}
		case <-end:
			return
		}
	}
}

// note records an event and reports whether it is the load event.
func (p *Page) note(m cdpMessage) bool {
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
		p.Requests = append(p.Requests, e.Request.URL)
	case "Runtime.consoleAPICalled":
		var e struct {
			Type string `json:"type"`
			Args []struct {
				Value any `json:"value"`
			} `json:"args"`
		}
		json.Unmarshal(m.Params, &e) //nolint:errcheck
		if e.Type == "error" || e.Type == "assert" {
			p.Problems = append(p.Problems, fmt.Sprintf("console.%s %v", e.Type, e.Args))
		}
	case "Runtime.exceptionThrown":
		p.Problems = append(p.Problems, "exception: "+string(m.Params))
	case "Log.entryAdded":
		var e struct {
			Entry struct {
				Level, Source, Text, URL string
			} `json:"entry"`
		}
		json.Unmarshal(m.Params, &e) //nolint:errcheck
		if e.Entry.Level == "error" {
			p.Problems = append(p.Problems, fmt.Sprintf("%s error: %s %s", e.Entry.Source, e.Entry.Text, e.Entry.URL))
		}
	}
	return false
}

// Eval runs a JavaScript expression in the page and decodes its value.
func (p *Page) Eval(t *testing.T, expr string, v any) {
	t.Helper()
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails json.RawMessage `json:"exceptionDetails"`
	}
	if err := p.b.Call(p.Session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true}, &r); err != nil {
		t.Fatal(err)
	}
	if len(r.ExceptionDetails) > 0 {
		t.Fatalf("%s: %s", expr, r.ExceptionDetails)
	}
	if err := json.Unmarshal(r.Result.Value, v); err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
}

// Data calls a method that returns a file as base64 and writes it to path.
func (p *Page) Data(t *testing.T, method string, params map[string]any, path string) []byte {
	t.Helper()
	var r struct {
		Data string `json:"data"`
	}
	if err := p.b.Call(p.Session, method, params, &r); err != nil {
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

// Start starts headless Chromium for a browser test, or skips the
// test when Chromium is missing (fails it when CI=true, where .ci/run
// installs it) or with -short.
func Start(t *testing.T) *Browser {
	t.Helper()
	path := ChromiumPath()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("Chromium is not installed, and CI must run the browser test: install the Debian package chromium (or set PILLAR_CHROMIUM)")
		}
		t.Skip("Chromium is not installed: skipping the browser test (apt-get install chromium, or set PILLAR_CHROMIUM)")
	}
	if testing.Short() {
		t.Skip("the browser test is slow; not run with -short")
	}
	return start(t, path)
}

// Close closes the tab.
func (p *Page) Close(t *testing.T) {
	if err := p.b.Call("", "Target.closeTarget", map[string]any{"targetId": p.target}, nil); err != nil {
		t.Log(err)
	}
}
