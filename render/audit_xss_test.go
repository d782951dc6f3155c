package render

import (
	"bytes"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
	gmtext "github.com/yuin/goldmark/text"

	"github.com/pillar-strategy/pillar/audit"
)

// hostileAuditReport is a report in which every string (brand, channel
// ids, pillar names, reject reasons, post ids, handles, file names, the
// footnote, advice, bucket labels, even the KPI keys) is the playbook
// corpus's hostile text: script, an image with onerror, javascript: links
// in several spellings, raw HTML, a template action and a 5,000-character
// word. Every list has two entries and every absent number is present.
func hostileAuditReport() *audit.Report {
	r := &audit.Report{}
	fillHostile(reflect.ValueOf(r).Elem(), 0)
	return r
}

var eventHandler = regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`)

// TestAuditHTMLEscapesHostileText: markup in any string of the report
// comes out as text on the page, which stays well-formed.
func TestAuditHTMLEscapesHostileText(t *testing.T) {
	page := writeAuditString(t, hostileAuditReport(), AuditOptions{Format: "html", Strategy: hostile})
	if m := anyScript.FindString(page); m != "" {
		t.Errorf("a script element: %q", m)
	}
	if m := anyTag.FindString(page); m != "" {
		t.Errorf("markup from the report became a tag: %q", m)
	}
	if m := javascriptHref.FindString(page); m != "" {
		t.Errorf("a javascript: link: %q", m)
	}
	if m := eventHandler.FindString(page); m != "" {
		t.Errorf("an event handler: %q", m)
	}
	for _, m := range hrefAttr.FindAllStringSubmatch(page, -1) {
		if !strings.HasPrefix(m[2], "#") {
			t.Errorf("a link out of the page: %s", m[0])
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;", "{{.}}"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks the escaped text %q", want)
		}
	}
	checkWellFormed(t, page)
}

// TestAuditMarkdownEscapesHostileText reads the Markdown report as GitHub
// would (GFM with footnotes) and as a permissive renderer would (raw HTML
// passed through): no element, link or heading comes from the report's
// text, the text is all there, and every row of every table has as many
// cells as its header.
func TestAuditMarkdownEscapesHostileText(t *testing.T) {
	src := writeAuditString(t, hostileAuditReport(), AuditOptions{Format: "md", Strategy: hostile})
	for name, md := range map[string]goldmark.Markdown{
		"github":     goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote)),
		"permissive": goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe())),
	} {
		t.Run(name, func(t *testing.T) {
			var out bytes.Buffer
			if err := md.Convert([]byte(src), &out); err != nil {
				t.Fatal(err)
			}
			page := out.String()
			for _, re := range []*regexp.Regexp{anyScript, anyTag, javascriptHref, eventHandler} {
				if m := re.FindString(page); m != "" {
					t.Errorf("markup from the report came through: %q", m)
				}
			}
			// A bare web address is a link in GFM, as in any comment on
			// GitHub; nothing else may be.
			for _, m := range hrefAttr.FindAllStringSubmatch(page, -1) {
				if !strings.HasPrefix(m[2], "#") && !strings.HasPrefix(m[2], "https://") {
					t.Errorf("a link from the report's text: %s", m[0])
				}
			}
			if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
				t.Error("the hostile text is not shown as text")
			}
			doc := md.Parser().Parse(gmtext.NewReader([]byte(src)))
			ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) { //nolint:errcheck
				if h, ok := n.(*ast.Heading); ok && entering {
					// Only the title holds a name from the report: the brand.
					text := nodeText(h, []byte(src))
					if h.Level < 2 || strings.Contains(text, "alert") && !(h.Level == 2 && strings.HasPrefix(text, "Audit: ")) {
						t.Errorf("a heading from the report's text: %q", text)
					}
				}
				return ast.WalkContinue, nil
			})
		})
	}
	checkMarkdownTables(t, src)
}

// checkMarkdownTables checks that each row of each table has as many
// unescaped pipes as the table's header: no text from the report ends a
// cell.
func checkMarkdownTables(t *testing.T, src string) {
	t.Helper()
	pipes := func(line string) int {
		n := 0
		for i := 0; i < len(line); i++ {
			switch line[i] {
			case '\\':
				i++
			case '|':
				n++
			}
		}
		return n
	}
	want := -1
	for i, line := range strings.Split(src, "\n") {
		if !strings.HasPrefix(line, "|") {
			want = -1
			continue
		}
		if want < 0 {
			want = pipes(line)
			continue
		}
		if got := pipes(line); got != want {
			t.Errorf("line %d has %d cell borders, its table's header %d: %.80q", i+1, got, want, line)
		}
	}
}

// TestAuditTextHostile: the terminal report of the hostile report has no
// control character but the line ends, and no line starts other than as
// the writer starts it.
func TestAuditTextHostile(t *testing.T) {
	out := writeAuditString(t, hostileAuditReport(), AuditOptions{Format: "text", Strategy: hostile})
	if strings.ContainsFunc(out, func(r rune) bool { return r < 0x20 && r != '\n' || r == 0x7f }) {
		t.Error("a control character in the text report")
	}
	if strings.Contains(out, "\n<script>") || strings.Contains(out, "\n[x]") {
		t.Error("a line break in a name started a new line")
	}
}
