package serve

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestRoutes(t *testing.T) {
	root := copyExamples(t, "nordlys")
	dir := filepath.Join(root, "examples", "nordlys")
	plain := newTestServer(t, testConfig(dir, root))
	audited := newTestServer(t, withAudit(testConfig(dir, root), dir))
	for _, c := range []struct {
		name, target string
		srv          *Server
		status       int
		want         []string // in the body
		not          []string
	}{
		{"playbook", "/", plain, 200, []string{`<svg class="donut"`, `id="pillar-serve-bar"`, `data-kind="view"`, `Merkevare`, `lang="nb"`}, nil},
		{"playbook in English", "/?lang=en", plain, 200, []string{`<svg class="donut"`, `lang="en"`, `class="ps-on" lang="en"`}, nil},
		{"calendar grid", "/calendar", plain, 200, []string{`<section class="month">`, `posting plan`, `2027-01-04 to 2027-01-31`, `<form method="get" action="/calendar">`}, []string{`class="list"`}},
		{"calendar list", "/calendar?view=list&from=2027-02-01&to=2027-03-01", plain, 200, []string{`<table class="list">`, `February 2027`, `class="swatch p0"`, `value="2027-02-01"`}, []string{`January 2027`}},
		{"findings", "/findings", plain, 200, []string{`<h1>Findings</h1>`, `0 errors`, `Files read`, `personas/ingrid.yaml`}, nil},
		{"source", "/source?file=0&line=3", plain, 200, []string{`<li id="L3" class="here">`, `strategy.yaml`}, nil},
		{"favicon", "/favicon.ico", plain, 204, nil, nil},
		{"no audit without history", "/audit", plain, 404, []string{`--posts`}, nil},
		{"audit", "/audit", audited, 200, []string{`<figure class="chart">`, `Audit`, `data-kind="view"`}, nil},
		{"audit link in the bar", "/", audited, 200, []string{`href="/audit"`}, nil},
		{"no audit link without history", "/", plain, 200, nil, []string{`href="/audit"`}},
		{"the bar keeps the language", "/calendar?lang=en", plain, 200, []string{`href="/?lang=en"`, `name="lang" value="en"`}, nil},
		{"a language tag with a region", "/?lang=nb-NO", plain, 200, []string{`<html lang="nb"`, `href="/calendar?lang=nb"`}, nil},

		{"unknown language", "/?lang=xx", plain, 400, []string{`no playbook labels for the language &#34;xx&#34;`}, nil},
		{"bad date", "/calendar?from=2027-13-01", plain, 400, []string{`from=&#34;2027-13-01&#34; is not a date`}, nil},
		{"backwards period", "/calendar?from=2027-03-01&to=2027-02-01", plain, 400, []string{`must come after`}, nil},
		{"too long a period", "/calendar?from=2027-01-01&to=2029-01-01", plain, 400, []string{`at most a year`}, nil},
		{"bad view", "/calendar?view=table", plain, 400, []string{`use grid or list`}, nil},
		{"no such file number", "/source?file=7", plain, 404, nil, []string{`class="source"`}},
		{"a file number that is not one", "/source?file=..%2Fstrategy.yaml", plain, 404, nil, []string{`class="source"`}},
		{"negative file number", "/source?file=-1", plain, 404, nil, []string{`class="source"`}},
		{"no file number, a line", "/source?file=x&line=3", plain, 404, nil, []string{`class="source"`}},
		{"a line that is not one", "/source?file=0&line=999999999999999999999", plain, 200, []string{`class="source"`}, []string{`class="here"`}},

		{"unknown route", "/nope", plain, 404, []string{`no page at this address`}, nil},
		{"route with a trailing slash", "/calendar/", plain, 404, nil, nil},
		{"dot-dot", "/../etc/passwd", plain, 404, nil, []string{"root:"}},
		{"encoded dot-dot", "/%2e%2e/%2e%2e/etc/passwd", plain, 404, nil, []string{"root:"}},
		{"encoded slashes", "/..%2f..%2fetc%2fpasswd", plain, 404, nil, []string{"root:"}},
		{"double slash", "//etc/passwd", plain, 404, nil, []string{"root:"}},
		{"a strategy file by name", "/strategy.yaml", plain, 404, nil, []string{"Merkevare"}},
		{"a file under the root by name", "/examples/nordlys/strategy.yaml", plain, 404, nil, []string{"Merkevare"}},
		{"source by path", "/source/../strategy.yaml", plain, 404, nil, []string{"Merkevare"}},
		{"backslashes", "/..\\..\\etc\\passwd", plain, 404, nil, []string{"root:"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := get(t, c.srv, "GET", c.target)
			if w.Code != c.status {
				t.Fatalf("GET %s: %d, want %d\n%.600s", c.target, w.Code, c.status, w.Body.String())
			}
			got := w.Body.String()
			for _, s := range c.want {
				if !strings.Contains(got, s) {
					t.Errorf("GET %s: the page lacks %q", c.target, s)
				}
			}
			for _, s := range c.not {
				if strings.Contains(got, s) {
					t.Errorf("GET %s: the page holds %q", c.target, s)
				}
			}
		})
	}
}

// TestPlaybookIsRendersOwn: the playbook in the preview is the one pillar
// render writes, byte for byte, with only the bar and the script added.
func TestPlaybookIsRendersOwn(t *testing.T) {
	root := copyExamples(t, "nordlys")
	dir := filepath.Join(root, "examples", "nordlys")
	srv := newTestServer(t, testConfig(dir, root))
	got := get(t, srv, "GET", "/?lang=en").Body.String()
	var want bytes.Buffer
	if err := srv.playbook(&want, srv.site.current(), query{lang: "en"}); err != nil {
		t.Fatal(err)
	}
	stripped := regexp.MustCompile(`(?s)<style id="pillar-serve-style">.*?</script>\n`).ReplaceAllString(got, "")
	stripped = regexp.MustCompile(`(?s)\n<div id="pillar-serve-bar".*?\n</div>\n`).ReplaceAllString(stripped, "")
	if stripped != want.String() {
		t.Errorf("the preview's playbook, without the bar and the script, differs from render.Playbook's (%d bytes against %d)", len(stripped), want.Len())
	}
}

// TestHeaders: every answer carries the safety headers, and every page's
// one script is the one the Content Security Policy allows by its hash.
func TestHeaders(t *testing.T) {
	root := copyExamples(t, "nordlys")
	dir := filepath.Join(root, "examples", "nordlys")
	srv := newTestServer(t, withAudit(testConfig(dir, root), dir))
	scriptRE := regexp.MustCompile(`(?s)<script>(.*?)</script>`)
	for _, target := range []string{"/", "/calendar", "/calendar?view=list", "/findings", "/audit", "/source?file=0", "/nope", "/?lang=xx"} {
		w := get(t, srv, "GET", target)
		h := w.Header()
		for k, v := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"Referrer-Policy":        "no-referrer",
			"Cache-Control":          "no-store",
			"X-Frame-Options":        "DENY",
			"Content-Type":           "text/html; charset=utf-8",
		} {
			if h.Get(k) != v {
				t.Errorf("%s: %s is %q, want %q", target, k, h.Get(k), v)
			}
		}
		csp := h.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: the CSP %q lacks %s", target, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-eval") || strings.Contains(regexp.MustCompile(`script-src [^;]*`).FindString(csp), "unsafe-inline") {
			t.Errorf("%s: the CSP lets scripts run that are not ours: %s", target, csp)
		}
		scripts := scriptRE.FindAllStringSubmatch(w.Body.String(), -1)
		if len(scripts) != 1 {
			t.Fatalf("%s: %d scripts in the page, want serve's one", target, len(scripts))
		}
		sum := sha256.Sum256([]byte(scripts[0][1]))
		if hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(csp, "script-src "+hash) {
			t.Errorf("%s: the CSP %q does not allow the page's script (%s)", target, csp, hash)
		}
	}
}

func TestMethods(t *testing.T) {
	root := copyExamples(t, "nordlys")
	srv := newTestServer(t, testConfig(filepath.Join(root, "examples", "nordlys"), root))
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND"} {
		for _, target := range []string{"/", "/events", "/source?file=0", "/nope"} {
			w := get(t, srv, m, target)
			if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s: %d, Allow %q; want 405 and GET, HEAD", m, target, w.Code, w.Header().Get("Allow"))
			}
		}
	}
	if w := get(t, srv, "HEAD", "/"); w.Code != 200 {
		t.Errorf("HEAD /: %d", w.Code)
	}
}

func TestHostCheck(t *testing.T) {
	for _, c := range []struct {
		bound string
		host  string
		want  bool
	}{
		{"127.0.0.1:4580", "127.0.0.1:4580", true},
		{"127.0.0.1:4580", "localhost:4580", true},
		{"127.0.0.1:4580", "LocalHost:4580", true},
		{"127.0.0.1:4580", "[::1]:4580", true},
		{"127.0.0.1:4580", "127.0.0.2:4580", true},
		{"127.0.0.1:4580", "127.0.0.1:4581", false},
		{"127.0.0.1:4580", "127.0.0.1", false},
		{"127.0.0.1:4580", "localhost", false},
		{"127.0.0.1:4580", "", false},
		{"127.0.0.1:4580", ":4580", false},
		{"127.0.0.1:4580", "evil.example:4580", false},
		{"127.0.0.1:4580", "localhost.evil.example:4580", false},
		{"127.0.0.1:4580", "127.0.0.1.nip.io:4580", false},
		{"127.0.0.1:4580", "localhost.:4580", false},
		{"127.0.0.1:4580", "192.168.1.5:4580", false},
		{"127.0.0.1:4580", "[fe80::1%25eth0]:4580", false},
		{"127.0.0.1:80", "localhost", true},
		{"127.0.0.1:80", "127.0.0.1", true},
		{"127.0.0.1:80", "evil.example", false},
		{"[::1]:4580", "[::1]:4580", true},
		{"[::1]:4580", "localhost:4580", true},
		{"0.0.0.0:4580", "192.168.1.5:4580", true},
		{"0.0.0.0:4580", "localhost:4580", true},
		{"0.0.0.0:4580", "evil.example:4580", false},
		{"0.0.0.0:4580", "192.168.1.5:80", false},
		{"192.168.1.5:4580", "192.168.1.5:4580", true},
		{"192.168.1.5:4580", "127.0.0.1:4580", false},
		{"192.168.1.5:4580", "localhost:4580", false},
		{"192.168.1.5:4580", "evil.example:4580", false},
	} {
		addr, err := net.ResolveTCPAddr("tcp", c.bound)
		if err != nil {
			t.Fatal(err)
		}
		if got := newHostCheck(addr).allowed(c.host); got != c.want {
			t.Errorf("bound to %s, Host %q: allowed %v, want %v", c.bound, c.host, got, c.want)
		}
	}

	// Through the handler: a rebound name gets 421 and nothing of the
	// strategy, on every route.
	root := copyExamples(t, "nordlys")
	srv := newTestServer(t, testConfig(filepath.Join(root, "examples", "nordlys"), root))
	for _, target := range []string{"/", "/calendar", "/findings", "/source?file=0", "/events", "/nope"} {
		r := httptest.NewRequest("GET", target, nil)
		r.Host = "attacker.example:4580"
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		if w.Code != http.StatusMisdirectedRequest || strings.Contains(w.Body.String(), "Merkevare") || strings.Contains(w.Body.String(), "nordlys") {
			t.Errorf("GET %s for attacker.example: %d %q", target, w.Code, w.Body.String())
		}
	}
}

func TestEditorLink(t *testing.T) {
	abs, _ := filepath.Abs(filepath.Join("my brand", "strategy.yaml"))
	escaped := strings.ReplaceAll(filepath.ToSlash(abs), " ", "%20")
	if !strings.HasPrefix(escaped, "/") {
		escaped = "/" + escaped
	}
	for _, c := range []struct {
		setting, want, err string
	}{
		{"", "", ""},
		{"none", "", ""},
		{"vscode", "vscode://file" + escaped + ":12:5", ""},
		{"idea://open?file={file}&line={line}", "idea://open?file=" + escaped + "&line=12", ""},
		{"subl://open?url=file://{file}&line={line}&column={col}", "subl://open?url=file://" + escaped + "&line=12&column=5", ""},
		{"javascript:alert({file})", "", "would run in the page"},
		{"JavaScript:alert({file})", "", "would run in the page"},
		{"data:text/html,{file}", "", "would run in the page"},
		{"vscode://file", "", "put {file} in it"},
		{"emacs", "", "neither vscode nor a URL template"},
		{"/local/{file}", "", "neither vscode nor a URL template"},
	} {
		got, err := EditorLink(c.setting, filepath.Join("my brand", "strategy.yaml"), 12, 5)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%q: error %v, want one saying %q", c.setting, err, c.err)
		case c.err == "" && err != nil:
			t.Errorf("%q: %v", c.setting, err)
		case got != c.want:
			t.Errorf("%q: %q, want %q", c.setting, got, c.want)
		}
	}
}

func TestCaret(t *testing.T) {
	for _, c := range []struct {
		line        string
		col, length int
		want        string
	}{
		{"pillars:", 1, 7, "^~~~~~~"},
		{"  weight: 99", 11, 2, "          ^~"},
		{"\tname: x", 2, 4, "\t^~~~"},
		{"navn: Ærlig", 7, 5, "      ^~~~~"},
		{"short", 3, 40, "  ^~~"},
		{"", 1, 1, "^"},
	} {
		if got := caret(c.line, c.col, c.length); got != c.want {
			t.Errorf("caret(%q, %d, %d) = %q, want %q", c.line, c.col, c.length, got, c.want)
		}
	}
}
