package render

import (
	"bytes"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/internal/browsertest"
	"github.com/pillar-strategy/pillar/strategy"
)

// The browser test opens each example's playbook in headless Chromium and
// checks what a reader gets: the page loads with no console errors and no
// request but the file itself, every section heading is in the rendered
// page, and a screenshot and a PDF print come out. It drives Chromium
// through internal/browsertest.
//
// Without Chromium the test is skipped, unless CI=true: CI must run it.
//
//	go test ./render -run Browser -screenshot=../docs/playbook.png
//
// also writes the README's screenshot: the first screen of the nordlys
// example's playbook.

var screenshotPath = flag.String("screenshot", "", "write a PNG of the nordlys playbook's first screen (1280×900) to this path")

func TestPlaybookInBrowser(t *testing.T) {
	b := browsertest.Start(t)
	dir := t.TempDir()
	for _, ex := range examples(t) {
		for _, lang := range ex.langs() {
			name := ex.name + "." + lang
			t.Run(name, func(t *testing.T) {
				p, fileURL := show(t, b, dir, name, ex.strategy, PlaybookOptions{Format: "html", Lang: lang, Calendar: ex.calendar})
				defer p.Close(t)
				checkLoad(t, p, fileURL)

				var headings []string
				p.Eval(t, `Array.from(document.querySelectorAll("main > section > h2")).map(h => h.textContent.trim())`, &headings)
				var toc []string
				p.Eval(t, `Array.from(document.querySelectorAll("nav.toc a")).map(a => a.textContent.trim())`, &toc)
				want := wantSections(t, ex.strategy, ex.calendar, lang)
				if strings.Join(headings, "|") != strings.Join(want, "|") {
					t.Errorf("section headings in the page:\n%q\nwant\n%q", headings, want)
				}
				if strings.Join(toc, "|") != strings.Join(want, "|") {
					t.Errorf("table of contents:\n%q\nwant\n%q", toc, want)
				}
				var broken []string
				p.Eval(t, `Array.from(document.querySelectorAll('a[href^="#"]')).filter(a => !document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)))).map(a => a.getAttribute("href"))`, &broken)
				if len(broken) > 0 {
					t.Errorf("links to anchors that do not exist: %v", broken)
				}
				var overflow float64
				p.Eval(t, `document.documentElement.scrollWidth - document.documentElement.clientWidth`, &overflow)
				if overflow > 0 {
					t.Errorf("the page is %v px wider than the window: something does not wrap", overflow)
				}

				png := p.Data(t, "Page.captureScreenshot", map[string]any{"format": "png"}, filepath.Join(dir, name+".png"))
				if !bytes.HasPrefix(png, []byte("\x89PNG")) {
					t.Error("the screenshot is not a PNG")
				}
				pdf := p.Data(t, "Page.printToPDF", map[string]any{"printBackground": true, "preferCSSPageSize": true}, filepath.Join(dir, name+".pdf"))
				if !bytes.HasPrefix(pdf, []byte("%PDF-")) || bytes.Count(pdf, []byte("/Type /Page")) < 2 {
					t.Errorf("the PDF print is not a PDF of several pages (%d bytes)", len(pdf))
				}
				if *screenshotPath != "" && ex.name == "nordlys" && lang == ex.lang {
					p.Data(t, "Page.captureScreenshot", map[string]any{"format": "png"}, *screenshotPath)
					t.Logf("wrote %s", *screenshotPath)
				}
			})
		}
	}

	// The XSS corpus: the markup in every field stays text, nothing runs or
	// loads, and the 5,000-character words wrap.
	t.Run("hostile", func(t *testing.T) {
		p, fileURL := show(t, b, dir, "hostile", hostileStrategy(), PlaybookOptions{Format: "html", Calendar: hostileCalendar()})
		defer p.Close(t)
		checkLoad(t, p, fileURL)
		var found struct {
			Scripts, Images, Frames, Handlers, Bold int
			JSLinks                                 int
			Text                                    bool
		}
		p.Eval(t, `({
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
		p.Eval(t, `document.documentElement.scrollWidth - document.documentElement.clientWidth`, &overflow)
		if overflow > 0 {
			var wide []string
			p.Eval(t, `Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && (!e.closest(".scroll") || getComputedStyle(e).position === "absolute")).slice(0, 8).map(e => e.tagName + "." + e.className + " in " + e.parentElement.tagName + "." + e.parentElement.className)`, &wide)
			t.Errorf("the page is %v px wider than the window: the long words do not wrap (too wide: %v)", overflow, wide)
		}
	})
}

// show writes a playbook to dir and opens it in a new tab of 1280×900.
func show(t *testing.T, b *browsertest.Browser, dir, name string, s *strategy.Strategy, opt PlaybookOptions) (*browsertest.Page, string) {
	t.Helper()
	fileURL := writePlaybookFile(t, dir, name, s, opt)
	p := b.Open(t, 1280, 900)
	p.Load(t, fileURL)
	return p, fileURL
}

// writePlaybookFile writes the playbook of s to dir/name.html and returns
// its file: URL.
func writePlaybookFile(t *testing.T, dir, name string, s *strategy.Strategy, opt PlaybookOptions) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Playbook(&buf, s, opt); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, name+".html")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(file)}).String()
}

// checkLoad fails on console errors and on any request but the page's own.
func checkLoad(t *testing.T, p *browsertest.Page, fileURL string) {
	t.Helper()
	for _, pr := range p.Problems {
		t.Errorf("the page reported: %s", pr)
	}
	for _, r := range p.Requests {
		if r != fileURL {
			t.Errorf("the page requested %s: a playbook must load nothing but itself", r)
		}
	}
}
