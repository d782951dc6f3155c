package render

import (
	"bytes"
	stdhtml "html"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/strategy"
)

// longWord is a word no layout can fit on a line: it must wrap.
var longWord = strings.Repeat("W", 5000)

// hostile is what every text field of the XSS corpus holds: markup that
// would run script, load something or format text if it were not escaped,
// a template action, and a 5,000-character word.
var hostile = "<script>alert(1)</script>\n\n" +
	"[x](javascript:alert(1)) [y](JAVASCRIPT:alert(2)) <javascript:alert(3)>\n\n" +
	"[c5](java&#x73;cript:alert(5)) [c6](&#106;avascript:alert(6)) [c8](javascript&colon;alert(8)) [c9](javascript\\:alert(9)) [ref][c7]\n\n" +
	"[c7]: java&#x73;cript:alert(7)\n\n" +
	`"><img src=x onerror=alert(1)>` + "\n\n" +
	"<b>raw</b> {{.}} ![pixel](https://tracker.example/p.gif) <iframe src=https://evil.example></iframe>\n\n" +
	longWord

// hostileStrategy returns a strategy in which every string, list entry and
// map key or value is hostile (ids too, so references still resolve), and
// every optional section is present.
func hostileStrategy() *strategy.Strategy {
	s := &strategy.Strategy{}
	fillHostile(reflect.ValueOf(s).Elem(), 0)
	s.Version = 1
	s.Brand.Timezone = "Europe/Oslo"
	s.Brand.Language = "en"
	s.Rules = nil
	return s
}

// fillHostile sets every field of v to a hostile or valid value.
func fillHostile(v reflect.Value, depth int) { fillWith(v, hostile, depth) }

// fillWith sets every string of v to text, and every other field to a
// valid value.
func fillWith(v reflect.Value, text string, depth int) {
	switch v.Type() {
	case reflect.TypeOf(strategy.Date{}):
		v.Set(reflect.ValueOf(strategy.Date{Year: 2027, Month: 1, Day: 4}))
		return
	case reflect.TypeOf(strategy.Duration(0)):
		v.Set(reflect.ValueOf(strategy.Duration(4 * time.Hour)))
		return
	case reflect.TypeOf(&strategy.Source{}):
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(text)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(5)
	case reflect.Float64:
		v.SetFloat(50)
	case reflect.Pointer:
		if depth < 8 {
			v.Set(reflect.New(v.Type().Elem()))
			fillWith(v.Elem(), text, depth+1)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fillWith(v.Field(i), text, depth+1)
			}
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fillWith(s.Index(i), text, depth+1)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k := reflect.New(v.Type().Key()).Elem()
		fillWith(k, text, depth+1)
		e := reflect.New(v.Type().Elem()).Elem()
		fillWith(e, text, depth+1)
		m.SetMapIndex(k, e)
		v.Set(m)
	}
}

// hostileCalendar is a hand-made plan whose slots carry hostile names.
func hostileCalendar() *planner.Calendar {
	cal := &planner.Calendar{Brand: hostile, From: strategy.Date{Year: 2027, Month: 1, Day: 4},
		To: strategy.Date{Year: 2027, Month: 2, Day: 1}, Timezone: hostile}
	for d := 4; d < 8; d++ {
		cal.Slots = append(cal.Slots, planner.Slot{Local: "2027-01-0" + string(rune('0'+d)) + "T09:00", Timezone: hostile,
			Channel: hostile, Platform: hostile, Pillar: hostile, PillarName: hostile, Tactic: hostile,
			TacticName: hostile, Campaign: hostile, Format: hostile, Brief: hostile})
	}
	return cal
}

var (
	javascriptHref = regexp.MustCompile(`(?i)(href|src)\s*=\s*["']?\s*javascript:`)
	anyScript      = regexp.MustCompile(`(?i)<\s*script`)
	anyTag         = regexp.MustCompile(`(?i)<\s*(img|iframe|b)[\s>/]`)
	hrefAttr       = regexp.MustCompile(`(?i)\s(href|src)\s*=\s*"([^"]*)"`)
)

func TestPlaybookEscapesHostileText(t *testing.T) {
	s := hostileStrategy()
	cal := hostileCalendar()
	for _, lang := range Languages() {
		t.Run("html-"+lang, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Playbook(&buf, s, PlaybookOptions{Format: "html", Lang: lang, Calendar: cal, Version: hostile}); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if anyScript.MatchString(out) {
				t.Errorf("the page holds a <script: %s", around(out, anyScript))
			}
			for _, name := range attributeNames(out) {
				if strings.HasPrefix(name, "on") {
					t.Errorf("a tag has the event handler %s", name)
				}
			}
			for _, m := range hrefAttr.FindAllStringSubmatch(out, -1) {
				if u := strings.ToLower(strings.Join(strings.Fields(stdhtml.UnescapeString(m[2])), "")); strings.HasPrefix(u, "javascript:") || strings.HasPrefix(u, "vbscript:") || strings.HasPrefix(u, "data:") {
					t.Errorf("a link or source resolves to %q", u)
				}
			}
			if javascriptHref.MatchString(out) {
				t.Errorf("the page links to javascript: %s", around(out, javascriptHref))
			}
			if m := anyTag.FindString(out); m != "" {
				t.Errorf("the page holds a %s tag from the input: %s", m, around(out, anyTag))
			}
			if strings.Contains(out, "tracker.example/p.gif\"") && strings.Contains(out, "<img") {
				t.Error("an image from the input is loaded")
			}
			// The markup shows as text.
			for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;raw&lt;/b&gt;", "{{.}}", longWord} {
				if !strings.Contains(out, want) {
					t.Errorf("the page does not show %.60q as text", want)
				}
			}
			checkWellFormed(t, out)
		})
		t.Run("md-"+lang, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Playbook(&buf, s, PlaybookOptions{Format: "md", Lang: lang, Calendar: cal, Version: hostile}); err != nil {
				t.Fatal(err)
			}
			// Render the Markdown the way a permissive viewer would, raw HTML
			// and every link allowed: nothing may come out as markup.
			var page bytes.Buffer
			md := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe()))
			if err := md.Convert(buf.Bytes(), &page); err != nil {
				t.Fatal(err)
			}
			out := page.String()
			if anyScript.MatchString(out) {
				t.Errorf("the Markdown renders a <script: %s", around(out, anyScript))
			}
			if javascriptHref.MatchString(out) {
				t.Errorf("the Markdown renders a javascript: link: %s", around(out, javascriptHref))
			}
			if m := anyTag.FindString(out); m != "" {
				t.Errorf("the Markdown renders a %s tag from the input: %s", m, around(out, anyTag))
			}
			for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;raw&lt;/b&gt;", "{{.}}", longWord} {
				if !strings.Contains(out, want) {
					t.Errorf("the Markdown does not show %.60q as text", want)
				}
			}
		})
	}
}

// around shows the first match of re in s with some context.
func around(s string, re *regexp.Regexp) string {
	loc := re.FindStringIndex(s)
	if loc == nil {
		return ""
	}
	a, b := max(0, loc[0]-80), min(len(s), loc[1]+80)
	return strings.ReplaceAll(s[a:b], longWord, "W…W")
}

// TestMarkdownMDDefusesMarkup checks the Markdown playbook's treatment of
// Markdown texts case by case.
func TestMarkdownMDDefusesMarkup(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Plain *emphasis* and a [link](https://example.com).", "Plain *emphasis* and a [link](https://example.com)."},
		{"a <b>raw</b> tag", `a \<b>raw\</b> tag`},
		{"<script>alert(1)</script>", `\<script>alert(1)\</script>`},
		{"[x](javascript:alert(1))", `\[x](javascript:alert(1))`},
		{"# Heading\n\ntext", "#### Heading\n\ntext"},
		{"Title\n=====\n\ntext", "#### Title\n\ntext"},
		{"```\nunclosed fence", "\\`\\`\\`\nunclosed fence"},
		{"1. one\n2. two", "1. one\n2. two"},
	} {
		if got := markdownMD(tc.in); got != tc.want {
			t.Errorf("markdownMD(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestMarkdownHTML checks the HTML playbook's rendering of Markdown texts.
func TestMarkdownHTML(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"**bold** and [a link](https://example.com)", `<p><strong>bold</strong> and <a href="https://example.com">a link</a></p>` + "\n"},
		{"[x](javascript:alert(1))", "<p>x</p>\n"},
		{"[x]( JaVaScRiPt:alert(1))", "<p>x</p>\n"},
		{"![pixel](https://tracker.example/p.gif)", `<p><a href="https://tracker.example/p.gif">pixel</a></p>` + "\n"},
		{"a <b>raw</b> tag", "<p>a &lt;b&gt;raw&lt;/b&gt; tag</p>\n"},
		{"<div onclick=x>", "<p>&lt;div onclick=x&gt;</p>\n"},
		{"# Title", "<h4>Title</h4>\n"},
	} {
		if got := string(markdownHTML(tc.in)); got != tc.want {
			t.Errorf("markdownHTML(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSafeURL(t *testing.T) {
	for u, want := range map[string]bool{
		"https://example.com": true, "http://x": true, "mailto:a@b.c": true, "tel:+47": true,
		"/relative": true, "#anchor": true, "page.html?q=a:b": true,
		"javascript:alert(1)": false, " JavaScript:x": false, "java\tscript:x": false,
		"vbscript:x": false, "data:text/html,x": false, "file:///etc/passwd": false,
	} {
		if got := safeURL(u); got != want {
			t.Errorf("safeURL(%q) = %v, want %v", u, got, want)
		}
	}
}

// attributeNames returns the lower-cased names of every attribute of every
// tag in a page, reading quoted values as values: text that merely looks
// like an attribute inside a value or in escaped text is not one.
func attributeNames(page string) []string {
	var names []string
	for i := 0; i < len(page); i++ {
		if page[i] != '<' || i+1 >= len(page) || !isASCIILetter(page[i+1]) {
			continue
		}
		j := i + 1
		for j < len(page) && !strings.ContainsRune(" \t\n\r/>", rune(page[j])) {
			j++
		}
		for j < len(page) && page[j] != '>' {
			switch c := page[j]; {
			case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/':
				j++
			default:
				k := j
				for k < len(page) && !strings.ContainsRune(" \t\n\r/>=", rune(page[k])) {
					k++
				}
				names = append(names, strings.ToLower(page[j:k]))
				j = k
				if j < len(page) && page[j] == '=' {
					j++
					if j < len(page) && (page[j] == '"' || page[j] == '\'') {
						q := page[j]
						end := strings.IndexByte(page[j+1:], q)
						if end < 0 {
							return names
						}
						j += end + 2
					} else {
						for j < len(page) && !strings.ContainsRune(" \t\n\r>", rune(page[j])) {
							j++
						}
					}
				}
			}
		}
		i = j
	}
	return names
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func TestAttributeNames(t *testing.T) {
	got := strings.Join(attributeNames(`<p class="x onerror=1" title='a>b'>&lt;img onerror=alert(1)&gt;<img src=x onload=y><br/>`), ",")
	if got != "class,title,src,onload" {
		t.Errorf("attributeNames = %s", got)
	}
}
