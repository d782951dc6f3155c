package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestParseServe(t *testing.T) {
	c := serveCommand()
	for _, tc := range []struct {
		args    []string
		wantErr string
	}{
		{nil, ""},
		{[]string{"examples/nordlys", "--port", "0", "--addr", "::1", "--lang", "en", "--editor-links", "vscode"}, ""},
		{[]string{"--editor-links", "idea://open?file={file}&line={line}"}, ""},
		{[]string{"a", "b"}, "takes one strategy"},
		{[]string{"--port", "-1"}, "not a port"},
		{[]string{"--port", "65536"}, "not a port"},
		{[]string{"--addr", "example.com"}, "not an IP address"},
		{[]string{"--addr", ""}, "not an IP address"},
		{[]string{"--lang", "de"}, "no playbook labels"},
		{[]string{"--lang", "nb-NO"}, ""},
		{[]string{"--editor-links", "javascript:alert({file})"}, "would run in the page"},
		{[]string{"--editor-links", "emacs"}, "neither vscode nor a URL template"},
		{[]string{"--today", "2027-02-30"}, "--today"},
		{[]string{"--mentions", "m.csv"}, "need --posts"},
		{[]string{"--posts", "-"}, "standard input"},
		{[]string{"--root", "no-such-folder"}, "not a folder"},
	} {
		e, _, _ := testEnv(nil, false)
		o, err := parseServe(c, e, tc.args)
		if err == nil && len(tc.args) == 2 && tc.args[0] == "--lang" && o.lang != "nb" {
			t.Errorf("--lang nb-NO: lang %q, want nb", o.lang)
		}
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%v: %v", tc.args, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%v: error %v, want one saying %q", tc.args, err, tc.wantErr)
		}
	}
}

// lockedBuffer is a buffer the command writes while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeCommand runs pillar serve in process: it prints the address,
// serves the playbook there, warns when it listens beyond loopback, and
// stops with exit 0 when its context ends (Ctrl-C).
func TestServeCommand(t *testing.T) {
	repo(t)
	for _, c := range []struct {
		addr string
		warn bool
	}{{"127.0.0.1", false}, {"0.0.0.0", true}} {
		t.Run(c.addr, func(t *testing.T) {
			e, _, _ := testEnv(nil, false)
			var out, errb lockedBuffer
			e.Stdout, e.Stderr = &out, &errb
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			code := make(chan int, 1)
			go func() {
				code <- Run(ctx, []string{"serve", "examples/nordlys", "--port", "0", "--addr", c.addr, "--from", "2027-01-04", "--today", "2026-11-23"}, e)
			}()
			var url string
			for deadline := time.Now().Add(30 * time.Second); url == ""; {
				url = regexp.MustCompile(`http://\S+/`).FindString(out.String())
				if time.Now().After(deadline) {
					t.Fatalf("no address printed: %q %q", out.String(), errb.String())
				}
				time.Sleep(10 * time.Millisecond)
			}
			if c.addr == "0.0.0.0" && !strings.HasPrefix(url, "http://127.0.0.1:") {
				t.Errorf("the address to open for 0.0.0.0 is %s, want this machine's loopback", url)
			}
			resp, err := http.Get(url)
			if err != nil {
				t.Fatal(err)
			}
			page, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !bytes.Contains(page, []byte(`<svg class="donut"`)) {
				t.Errorf("GET %s: %d, no playbook", url, resp.StatusCode)
			}
			if got := strings.Contains(errb.String(), "warning: listening on "+c.addr); got != c.warn {
				t.Errorf("warning on stderr %v, want %v: %q", got, c.warn, errb.String())
			}
			cancel()
			select {
			case n := <-code:
				if n != 0 || !strings.Contains(out.String(), "Stopped.") {
					t.Errorf("exit %d, stdout %q", n, out.String())
				}
			case <-time.After(30 * time.Second):
				t.Fatal("pillar serve did not stop when its context ended")
			}
		})
	}
}

func TestServeMissingStrategy(t *testing.T) {
	e, _, errb := testEnv(nil, false)
	if code := Run(context.Background(), []string{"serve", t.TempDir()}, e); code != ExitFailure || !strings.Contains(errb.String(), "no strategy.yaml") {
		t.Errorf("exit %d: %q", code, errb.String())
	}
}
