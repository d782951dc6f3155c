package render

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	gmtext "github.com/yuin/goldmark/text"
)

// voidElements never have an end tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// svgElements may close themselves with "/>", as foreign elements do.
var svgElements = map[string]bool{"circle": true, "rect": true, "path": true, "line": true, "text": true, "g": true}

var (
	tagName  = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9-]*`)
	attrName = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:.-]*`)
	entity   = regexp.MustCompile(`^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)
)

// checkWellFormed checks that a page is well-formed HTML in the strict
// sense this package writes it: one doctype, every element closed in order
// (void elements excepted), attribute values quoted and not repeated, every
// & an entity, ids unique and every #link pointing at one. It reads the
// page with a small tokenizer of its own, enough for the markup html/template
// and goldmark write, so the check needs no HTML parser dependency.
func checkWellFormed(t *testing.T, page string) {
	t.Helper()
	if err := wellFormed(page); err != nil {
		t.Error(err)
	}
}

func wellFormed(page string) error {
	line := func(i int) int { return strings.Count(page[:i], "\n") + 1 }
	if !strings.HasPrefix(page, "<!DOCTYPE html>\n") {
		return fmt.Errorf("the page does not start with <!DOCTYPE html>")
	}
	var stack []string
	ids := map[string]bool{}
	var links []string
	i := len("<!DOCTYPE html>\n")
	for i < len(page) {
		c := page[i]
		switch {
		case c == '&':
			if entity.FindString(page[i:]) == "" {
				return fmt.Errorf("line %d: a bare & that starts no entity: %.30q", line(i), page[i:])
			}
			i++
		case c != '<':
			i++
		case strings.HasPrefix(page[i:], "<!--"):
			end := strings.Index(page[i:], "-->")
			if end < 0 {
				return fmt.Errorf("line %d: an unclosed comment", line(i))
			}
			i += end + 3
		case strings.HasPrefix(page[i:], "</"):
			name := tagName.FindString(page[i+2:])
			end := strings.IndexByte(page[i:], '>')
			if name == "" || end < 0 {
				return fmt.Errorf("line %d: a broken end tag %.30q", line(i), page[i:])
			}
			if len(stack) == 0 || stack[len(stack)-1] != strings.ToLower(name) {
				return fmt.Errorf("line %d: </%s> closes <%s>", line(i), name, strings.Join(stack[max(0, len(stack)-1):], ""))
			}
			stack = stack[:len(stack)-1]
			i += end + 1
		default:
			name := strings.ToLower(tagName.FindString(page[i+1:]))
			if name == "" {
				return fmt.Errorf("line %d: a < that starts no tag: %.30q", line(i), page[i:])
			}
			j := i + 1 + len(name)
			seen := map[string]bool{}
			selfClosing := false
			for {
				for j < len(page) && strings.IndexByte(" \t\n", page[j]) >= 0 {
					j++
				}
				if j >= len(page) {
					return fmt.Errorf("line %d: <%s> is not closed", line(i), name)
				}
				if page[j] == '>' {
					j++
					break
				}
				if strings.HasPrefix(page[j:], "/>") {
					selfClosing = true
					j += 2
					break
				}
				an := attrName.FindString(page[j:])
				if an == "" {
					return fmt.Errorf("line %d: a broken attribute in <%s>: %.30q", line(j), name, page[j:])
				}
				if seen[strings.ToLower(an)] {
					return fmt.Errorf("line %d: <%s> repeats the attribute %s", line(j), name, an)
				}
				seen[strings.ToLower(an)] = true
				j += len(an)
				if j < len(page) && page[j] == '=' {
					j++
					if j >= len(page) || page[j] != '"' {
						return fmt.Errorf("line %d: the value of %s in <%s> is not in double quotes", line(j), an, name)
					}
					end := strings.IndexByte(page[j+1:], '"')
					if end < 0 {
						return fmt.Errorf("line %d: an unclosed attribute value", line(j))
					}
					val := page[j+1 : j+1+end]
					if strings.ContainsAny(val, "<>") {
						return fmt.Errorf("line %d: an unescaped < or > in %s=%.30q", line(j), an, val)
					}
					switch strings.ToLower(an) {
					case "id":
						if ids[val] {
							return fmt.Errorf("line %d: the id %q is used twice", line(j), val)
						}
						ids[val] = true
					case "href":
						if strings.HasPrefix(val, "#") {
							links = append(links, val[1:])
						}
					}
					j += end + 2
				}
			}
			switch {
			case voidElements[name]:
			case selfClosing && !svgElements[name]:
				return fmt.Errorf("line %d: <%s/> closes itself, which only void and SVG elements may", line(i), name)
			case selfClosing:
			case name == "style" || name == "script" || name == "textarea":
				end := strings.Index(strings.ToLower(page[j:]), "</"+name)
				if end < 0 {
					return fmt.Errorf("line %d: <%s> is never closed", line(i), name)
				}
				j += end
				stack = append(stack, name)
			default:
				stack = append(stack, name)
			}
			i = j
		}
	}
	if len(stack) > 0 {
		return fmt.Errorf("elements left open at the end: %v", stack)
	}
	for _, l := range links {
		if !ids[l] {
			return fmt.Errorf("a link to #%s, which no element has as id", l)
		}
	}
	return nil
}

// TestWellFormedChecker: the checker itself catches what it is for.
func TestWellFormedChecker(t *testing.T) {
	ok := "<!DOCTYPE html>\n<html><body><p id=\"a\">x &amp; y<br><a href=\"#a\">a</a></p><svg><circle r=\"1\"/></svg></body></html>"
	if err := wellFormed(ok); err != nil {
		t.Fatalf("a good page: %v", err)
	}
	for _, bad := range []string{
		"<!DOCTYPE html>\n<p><b>x</p></b>",
		"<!DOCTYPE html>\n<p>x",
		"<!DOCTYPE html>\n<p class=x>y</p>",
		"<!DOCTYPE html>\n<p>a & b</p>",
		"<!DOCTYPE html>\n<p id=\"a\"></p><p id=\"a\"></p>",
		"<!DOCTYPE html>\n<a href=\"#nowhere\">x</a>",
		"<!DOCTYPE html>\n<div/>",
	} {
		if wellFormed(bad) == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestPlaybookHTMLWellFormed checks every example's HTML playbook.
func TestPlaybookHTMLWellFormed(t *testing.T) {
	for _, ex := range examples(t) {
		for _, lang := range Languages() {
			var buf bytes.Buffer
			if err := Playbook(&buf, ex.strategy, PlaybookOptions{Format: "html", Lang: lang, Calendar: ex.calendar}); err != nil {
				t.Fatal(err)
			}
			if err := wellFormed(buf.String()); err != nil {
				t.Errorf("%s in %s: %v", ex.name, lang, err)
			}
		}
	}
}

// TestPlaybookMarkdownRoundTrip parses every example's Markdown playbook
// with goldmark: each section heading comes out as a heading of level 2,
// in order, and each entry of the table of contents links to one of them.
func TestPlaybookMarkdownRoundTrip(t *testing.T) {
	for _, ex := range examples(t) {
		for _, lang := range Languages() {
			t.Run(ex.name+"."+lang, func(t *testing.T) {
				var buf bytes.Buffer
				if err := Playbook(&buf, ex.strategy, PlaybookOptions{Format: "md", Lang: lang, Calendar: ex.calendar}); err != nil {
					t.Fatal(err)
				}
				src := buf.Bytes()
				doc := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(gmtext.NewReader(src))
				var h1, h2, tocLinks []string
				tables := 0
				ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) { //nolint:errcheck
					if !entering {
						return ast.WalkContinue, nil
					}
					switch n := n.(type) {
					case *ast.Heading:
						text := nodeText(n, src)
						switch n.Level {
						case 1:
							h1 = append(h1, text)
						case 2:
							h2 = append(h2, text)
						}
					case *ast.Link:
						if d := string(n.Destination); strings.HasPrefix(d, "#") {
							tocLinks = append(tocLinks, d[1:])
						}
					}
					if n.Kind().String() == "Table" {
						tables++
					}
					return ast.WalkContinue, nil
				})
				if len(h1) != 1 || h1[0] != ex.strategy.Brand.Name {
					t.Errorf("level-1 headings %q, want just the brand", h1)
				}
				d, _ := embeddedDict(lang)
				want := append([]string{d.Labels["contents"]}, wantSections(t, ex.strategy, ex.calendar, lang)...)
				if strings.Join(h2, "|") != strings.Join(want, "|") {
					t.Errorf("section headings\n%q\nwant\n%q", h2, want)
				}
				slugs := map[string]bool{}
				for _, h := range h2 {
					slugs[githubSlug(h)] = true
				}
				if len(tocLinks) != len(want)-1 {
					t.Errorf("%d links in the table of contents, want %d", len(tocLinks), len(want)-1)
				}
				for _, l := range tocLinks {
					if !slugs[l] {
						t.Errorf("the table of contents links to #%s, which is no heading's anchor", l)
					}
				}
				if len(ex.strategy.Channels) > 0 && tables == 0 {
					t.Error("no table was read as a table")
				}
			})
		}
	}
}

// nodeText is the plain text of a node's inline children.
func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) { //nolint:errcheck
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
		}
		if s, ok := c.(*ast.String); ok && entering {
			b.Write(s.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
