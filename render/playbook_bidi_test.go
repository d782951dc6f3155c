package render

import (
	"bytes"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/internal/browsertest"
	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/strategy"
)

// bidiText is what every text field of the bidi corpus holds: a
// right-to-left override never closed, a stray pop of an isolate that
// would end the isolate it is put in, and a right-to-left isolate never
// closed.
const bidiText = "\u202eevil\u2069x\u2067y"

// bidiStrategy returns a strategy whose every string is bidiText (ids too,
// so references resolve), with every optional section present.
func bidiStrategy() *strategy.Strategy {
	s := &strategy.Strategy{}
	fillWith(reflect.ValueOf(s).Elem(), bidiText, 0)
	s.Version = 1
	s.Brand.Timezone = "Europe/Oslo"
	s.Brand.Language = "en"
	s.Rules = nil
	return s
}

func bidiCalendar() *planner.Calendar {
	cal := &planner.Calendar{Brand: bidiText, From: strategy.Date{Year: 2027, Month: 1, Day: 4},
		To: strategy.Date{Year: 2027, Month: 2, Day: 1}, Timezone: "Europe/Oslo"}
	for d := 4; d < 8; d++ {
		cal.Slots = append(cal.Slots, planner.Slot{Local: "2027-01-0" + string(rune('0'+d)) + "T09:00", Timezone: "Europe/Oslo",
			Channel: bidiText, Platform: bidiText, Pillar: bidiText, PillarName: bidiText, Tactic: bidiText,
			TacticName: bidiText, Campaign: bidiText, Format: bidiText, Brief: bidiText})
	}
	return cal
}

// withoutIsolates removes every FSI … PDI span (matched, outermost) from
// s: what is left is outside any isolate.
func withoutIsolates(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '\u2068' || r == '\u2066' || r == '\u2067':
			depth++
		case r == '\u2069' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

var (
	htmlTag  = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*?)(/?)>`)
	attrPart = regexp.MustCompile(`\s([a-zA-Z-]+)="([^"]*)"`)
)

// unisolated lists the places in an HTML page where a bidirectional
// control stands outside any isolate: in text not inside a <bdi> or an
// element with a dir attribute and not between FSI and PDI, or in an
// attribute value not between FSI and PDI.
func unisolated(page string) []string {
	var out []string
	type el struct {
		name     string
		isolates bool
	}
	var stack []el
	isolated := func() bool {
		for _, e := range stack {
			if e.isolates {
				return true
			}
		}
		return false
	}
	check := func(where, s string) {
		if hasBidiControl(withoutIsolates(s)) {
			out = append(out, where+": "+strings.ToValidUTF8(s, "?"))
		}
	}
	last := 0
	for _, m := range htmlTag.FindAllStringSubmatchIndex(page, -1) {
		if text := page[last:m[0]]; !isolated() {
			where := "document"
			if len(stack) > 0 {
				where = stack[len(stack)-1].name
			}
			check("text in <"+where+">", text)
		}
		last = m[1]
		closing, name, attrs, self := page[m[2]:m[3]] == "/", strings.ToLower(page[m[4]:m[5]]), page[m[6]:m[7]], page[m[8]:m[9]] == "/"
		for _, a := range attrPart.FindAllStringSubmatch(attrs, -1) {
			check("attribute "+a[1]+" of <"+name+">", a[2])
		}
		switch {
		case closing:
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].name == name {
					stack = stack[:i]
					break
				}
			}
		case self || voidElements[name]:
		default:
			stack = append(stack, el{name: name, isolates: name == "bdi" || strings.Contains(attrs, ` dir="`)})
		}
	}
	return out
}

// TestPlaybookIsolatesBidiText: with bidirectional controls in every
// field, no control in the HTML playbook stands outside an isolate (a
// <bdi>, an element with dir, or FSI … PDI where markup cannot go), none
// is left unbalanced, and the Markdown playbook isolates every inline text
// with FSI … PDI and balances each line of a Markdown block; the <title>
// and footer hold the brand name isolated.
func TestPlaybookIsolatesBidiText(t *testing.T) {
	s := bidiStrategy()
	cal := bidiCalendar()
	for _, lang := range []string{"en", "el"} {
		t.Run("html-"+lang, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Playbook(&buf, s, PlaybookOptions{Format: "html", Lang: lang, Calendar: cal}); err != nil {
				t.Fatal(err)
			}
			page := buf.String()
			checkWellFormed(t, page)
			if strings.Contains(page, "\u2069x") {
				t.Error("a stray PDI from the strategy is left in the page: it would end the isolate around it")
			}
			for _, u := range unisolated(page) {
				t.Errorf("not isolated: %s", u)
			}
			if !strings.Contains(page, "<title>\u2068"+balanceBidi(bidiText)+"\u2069 – ") {
				t.Error("the <title> does not isolate the brand name")
			}
			if !regexp.MustCompile(`<footer class="wrap">\n<p><bdi( lang="en")?>`).MatchString(page) {
				t.Error("the footer does not isolate the brand name")
			}
		})
		t.Run("md-"+lang, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Playbook(&buf, s, PlaybookOptions{Format: "md", Lang: lang, Calendar: cal}); err != nil {
				t.Fatal(err)
			}
			md := buf.String()
			for i, line := range strings.Split(md, "\n") {
				if balanceBidi(line) != line {
					t.Errorf("line %d leaves a control open or closes one it did not open: %q", i+1, line)
				}
			}
			iso := "\u2068" + balanceBidi(bidiText) + "\u2069"
			if !strings.HasPrefix(md, "# "+iso+"\n") {
				t.Errorf("the title does not isolate the brand name: %q", md[:min(len(md), 60)])
			}
			if !strings.Contains(md, "\n*"+iso+" · ") {
				t.Error("the footer does not isolate the brand name")
			}
		})
	}
}

// footerWordsJS returns, for each of the footer's own words outside the
// brand name's <bdi>, its first and last letter's left edges.
const footerWordsJS = `((words) => {
	const p = document.querySelector("footer p");
	const out = [];
	const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
	for (let n = w.nextNode(); n; n = w.nextNode()) {
		if (n.parentElement.closest("bdi")) continue;
		for (const word of words) {
			const i = n.data.indexOf(word);
			if (i < 0) continue;
			const r = document.createRange();
			r.setStart(n, i); r.setEnd(n, i + 1);
			const first = r.getBoundingClientRect().left;
			r.setStart(n, i + word.length - 1); r.setEnd(n, i + word.length);
			out.push({Word: word, First: first, Last: r.getBoundingClientRect().left});
		}
	}
	return out;
})`

// TestPlaybookBidiFooterInBrowser: a brand name ending in U+202E RIGHT-TO-
// LEFT OVERRIDE leaves the footer's own words in reading order in a real
// browser: each word reads left to right, and the words follow each other.
func TestPlaybookBidiFooterInBrowser(t *testing.T) {
	b := browsertest.Start(t)
	ex := nordlysExample(t)
	s := *ex.strategy
	s.Brand.Name = "Nordlys \u202eevil\u2069"
	p := showAt(t, b, t.TempDir(), "bidi", &s, PlaybookOptions{Format: "html", Lang: "en", Calendar: ex.calendar, Version: "v1.2.3"}, 1280, false)
	defer p.Close(t)
	var words []struct {
		Word        string
		First, Last float64
	}
	p.Eval(t, footerWordsJS+`(["Social", "playbook", "Version", "Made", "Pillar"])`, &words)
	if len(words) != 5 {
		t.Fatalf("found %d of the footer's 5 words: %+v", len(words), words)
	}
	for i, w := range words {
		if w.First >= w.Last {
			t.Errorf("%q reads right to left (first letter at %v px, last at %v px)", w.Word, w.First, w.Last)
		}
		if i > 0 && words[i-1].Last >= w.First {
			t.Errorf("%q comes before %q on screen", w.Word, words[i-1].Word)
		}
	}
	var title string
	p.Eval(t, `document.title`, &title)
	if want := "\u2068Nordlys \u202eevil\u202c\u2069 – Social media playbook"; title != want {
		t.Errorf("title %q, want %q", title, want)
	}
}

// FuzzBalanceBidi: balancing keeps every character but the closers that
// close nothing, adds only closers, and leaves nothing open: balancing
// again changes nothing, and an isolated text ends the isolate it opens.
func FuzzBalanceBidi(f *testing.F) {
	for _, s := range []string{"", bidiText, "a\u202ab\u202cc\u202c", "\u2066\u202e\u2069x", "\u2069\u2069\u2068", "שלום", "\xff\u202e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := balanceBidi(s)
		if balanceBidi(b) != b {
			t.Fatalf("%q balanced is %q, which is not balanced", s, b)
		}
		if dropBidiControls(b) != dropBidiControls(s) && needsIsolation(s) {
			t.Fatalf("%q balanced to %q lost or gained text", s, b)
		}
		iso := isolate(s)
		if needsIsolation(s) && (!strings.HasPrefix(iso, fsi) || !strings.HasSuffix(iso, pdi) || withoutIsolates(iso) != "") {
			t.Fatalf("isolate(%q) = %q does not keep the text inside one isolate", s, iso)
		}
		if hasBidiControl(dropBidiControls(s)) {
			t.Fatalf("dropBidiControls(%q) keeps a control", s)
		}
	})
}
