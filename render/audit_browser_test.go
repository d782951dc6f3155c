package render

import (
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/internal/browsertest"
)

// TestAuditInBrowser opens the audit pages in headless Chromium, as
// TestPlaybookInBrowser does the playbooks: each loads with no console
// error and no request but itself, is no wider than a desktop or a phone
// window, shows its three charts (or none, with no data) at a size that
// can be read, and prints. The hostile report's markup stays text.
func TestAuditInBrowser(t *testing.T) {
	b := browsertest.Start(t)
	dir := t.TempDir()
	for _, c := range []struct {
		name   string
		report *audit.Report
		charts int
	}{
		{"full", fullAuditReport(), 3},
		{"minimal", minimalAuditReport(), 0},
		{"hostile", hostileAuditReport(), 3},
	} {
		for _, width := range []int{1280, 390} {
			t.Run(c.name+"-"+strconv.Itoa(width), func(t *testing.T) {
				page := writeAuditString(t, c.report, AuditOptions{Format: "html", Strategy: "examples/nordlys"})
				file := filepath.Join(dir, c.name+".html")
				if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
					t.Fatal(err)
				}
				fileURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(file)}).String()
				p := b.Open(t, width, 900)
				defer p.Close(t)
				p.Load(t, fileURL)
				checkLoad(t, p, fileURL)

				var overflow float64
				p.Eval(t, `document.documentElement.scrollWidth - document.documentElement.clientWidth`, &overflow)
				if overflow > 0 {
					var wide []string
					p.Eval(t, `Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest(".scroll")).slice(0, 8).map(e => e.tagName + "." + e.getAttribute("class"))`, &wide)
					t.Errorf("the page is %v px wider than the window (too wide: %v)", overflow, wide)
				}
				var charts []struct {
					Width float64
					Label string
				}
				p.Eval(t, `Array.from(document.querySelectorAll("figure.chart > svg")).map(s => ({Width: s.getBoundingClientRect().width, Label: s.getAttribute("aria-labelledby").split(" ").map(id => document.getElementById(id).textContent).join(" ")}))`, &charts)
				if len(charts) != c.charts {
					t.Errorf("%d charts, want %d", len(charts), c.charts)
				}
				for _, ch := range charts {
					if ch.Width < 300 || ch.Label == "" {
						t.Errorf("a chart %v px wide labelled %q", ch.Width, ch.Label)
					}
				}
				if c.name == "hostile" {
					var found struct{ Elements, JSLinks int }
					p.Eval(t, `({
						Elements: document.querySelectorAll("script, img, iframe, b, [onerror], [onload], [onclick]").length,
						JSLinks: Array.from(document.querySelectorAll("a[href]")).filter(a => /^\s*javascript:/i.test(a.getAttribute("href"))).length,
					})`, &found)
					if found.Elements+found.JSLinks > 0 {
						t.Errorf("markup from the report became elements: %+v", found)
					}
				}
				if width == 1280 {
					pdf := p.Data(t, "Page.printToPDF", map[string]any{"printBackground": true, "preferCSSPageSize": true}, filepath.Join(dir, c.name+".pdf"))
					if len(pdf) < 5 || string(pdf[:5]) != "%PDF-" {
						t.Error("the print is not a PDF")
					}
				}
			})
		}
	}
}
