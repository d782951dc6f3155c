package render

import (
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/internal/browsertest"
	"github.com/pillar-strategy/pillar/strategy"
)

// The layout tests open playbooks in headless Chromium (see browser_test.go)
// at a phone's width (390 px), a laptop's (1280 px) and as printed on A4,
// and measure what a reader would see: nothing wider than the window, and
// no table header or KPI card that breaks a word in two.

// printWidth is the width of A4's printable area in CSS pixels (210 mm
// less the stylesheet's 15 mm margins on each side, at 96 px an inch).
const printWidth = 680

// showAt writes a playbook to dir and opens it in a tab width px wide,
// emulating print media when print is set.
func showAt(t *testing.T, b *browsertest.Browser, dir, name string, s *strategy.Strategy, opt PlaybookOptions, width int, print bool) *browsertest.Page {
	t.Helper()
	fileURL := writePlaybookFile(t, dir, name, s, opt)
	p := b.Open(t, width, 900)
	if print {
		if err := b.Call(p.Session, "Emulation.setEmulatedMedia", map[string]any{"media": "print"}, nil); err != nil {
			t.Fatal(err)
		}
	}
	p.Load(t, fileURL)
	checkLoad(t, p, fileURL)
	return p
}

// overflow returns how many px the page is wider than its window, and
// what sticks out.
func overflow(t *testing.T, p *browsertest.Page) (float64, []string) {
	t.Helper()
	var over float64
	p.Eval(t, `document.documentElement.scrollWidth - document.documentElement.clientWidth`, &over)
	var wide []string
	if over > 0 {
		p.Eval(t, `Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && (getComputedStyle(e.closest(".scroll") || document.body).overflowX == "visible")).slice(0, 6).map(e => e.tagName + "." + e.className + " in " + e.parentElement.tagName + "." + e.parentElement.className)`, &wide)
	}
	return over, wide
}

// longCodeLine is a line of code no phone can show whole.
var longCodeLine = "curl -s https://api.example.com/v1/campaigns/2027-q1/posts?channel=instagram&pillar=product&fields=caption,hashtags,scheduled_at,status&limit=500 | jq '.data[] | {caption, hashtags}'"

// withCodeBlocks returns a copy of s whose Markdown fields hold a fenced
// code block, an indented one and a long address, each with a long line.
func withCodeBlocks(s *strategy.Strategy) *strategy.Strategy {
	c := *s
	fenced := "Before the block.\n\n```sh\n" + longCodeLine + "\n```\n\nAfter: https://example.com/" + strings.Repeat("segment/", 30)
	indented := "Before the block.\n\n    " + longCodeLine + "\n\nAfter the block."
	c.Brand.Description = fenced
	c.Pillars = append(c.Pillars[:0:0], s.Pillars...)
	c.Pillars[0].Description = indented
	c.Personas = append(c.Personas[:0:0], s.Personas...)
	c.Personas[0].Summary = fenced
	c.Tactics = append(c.Tactics[:0:0], s.Tactics...)
	c.Tactics[0].Description = indented
	if c.Community != nil {
		com := *c.Community
		com.Responses = append(com.Responses[:0:0], com.Responses...)
		com.Responses[0].Guideline = fenced
		c.Community = &com
	}
	return &c
}

func nordlysExample(t *testing.T) example {
	t.Helper()
	for _, ex := range examples(t) {
		if ex.name == "nordlys" {
			return ex
		}
	}
	t.Fatal("the nordlys example is missing")
	return example{}
}

// TestPlaybookCodeBlocksFit: a code block with a long line, in any
// Markdown field, wraps inside the page on a phone, on a laptop and on
// paper instead of widening the page.
func TestPlaybookCodeBlocksFit(t *testing.T) {
	b := browsertest.Start(t)
	dir := t.TempDir()
	ex := nordlysExample(t)
	s := withCodeBlocks(ex.strategy)
	for _, c := range []struct {
		name  string
		width int
		print bool
	}{{"390px", 390, false}, {"1280px", 1280, false}, {"print", printWidth, true}} {
		t.Run(c.name, func(t *testing.T) {
			p := showAt(t, b, dir, "code-"+c.name, s, PlaybookOptions{Format: "html", Lang: "en", Calendar: ex.calendar}, c.width, c.print)
			defer p.Close(t)
			var pres int
			p.Eval(t, `document.querySelectorAll("pre").length`, &pres)
			if pres < 5 {
				t.Fatalf("%d code blocks in the page, want at least 5", pres)
			}
			if over, wide := overflow(t, p); over > 0 {
				t.Errorf("the page is %v px wider than its %d px window (too wide: %v)", over, c.width, wide)
			}
			// Nothing of the code is hidden either: every block shows all
			// of its text without scrolling.
			var clipped []string
			p.Eval(t, `Array.from(document.querySelectorAll("pre")).filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.slice(0, 30))`, &clipped)
			if len(clipped) > 0 {
				t.Errorf("code blocks cut at their edge: %q", clipped)
			}
		})
	}
}

// splitWords lists the words of the elements matching selector that are
// broken across lines inside the word (a break after a hyphen or a slash
// is a word boundary), as "element text: word".
const splitWordsJS = `((selector) => {
	const out = [];
	for (const el of document.querySelectorAll(selector)) {
		if (el.getClientRects().length === 0) continue;
		const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			for (const m of n.data.matchAll(/[^\s\-\u2010\u2011/]+/g)) {
				const r = document.createRange();
				r.setStart(n, m.index);
				r.setEnd(n, m.index + m[0].length);
				const tops = new Set(Array.from(r.getClientRects()).filter(q => q.width > 0).map(q => Math.round(q.top)));
				if (tops.size > 1) out.push(el.textContent.trim() + ": " + m[0]);
			}
		}
	}
	return out;
})`

// TestPlaybookHeadersKeepWords: in Polish, Finnish and Greek, whose labels
// are long, no table header or KPI card breaks a word in two, on a phone
// or on paper, and on paper no table is cut at the page's edge (a wide
// table scrolls in its box on screen; paper cannot scroll).
func TestPlaybookHeadersKeepWords(t *testing.T) {
	b := browsertest.Start(t)
	dir := t.TempDir()
	ex := nordlysExample(t)
	for _, lang := range []string{"pl", "fi", "el"} {
		for _, c := range []struct {
			name  string
			width int
			print bool
		}{{"320px", 320, false}, {"390px", 390, false}, {"1280px", 1280, false}, {"print", printWidth, true}} {
			t.Run(lang+"-"+c.name, func(t *testing.T) {
				p := showAt(t, b, dir, "headers-"+lang+"-"+c.name, ex.strategy, PlaybookOptions{Format: "html", Lang: lang, Calendar: ex.calendar}, c.width, c.print)
				defer p.Close(t)
				var headers int
				p.Eval(t, `document.querySelectorAll("thead th").length`, &headers)
				if headers < 20 {
					t.Fatalf("%d table headers in the page, want the playbook's tables", headers)
				}
				var split []string
				p.Eval(t, splitWordsJS+`("thead th, .stat .label, .stat .value, th[scope=row]")`, &split)
				for _, s := range split {
					t.Errorf("a word breaks inside: %s", s)
				}
				if over, wide := overflow(t, p); over > 0 {
					t.Errorf("the page is %v px wider than its %d px window (too wide: %v)", over, c.width, wide)
				}
			})
		}
	}
}
