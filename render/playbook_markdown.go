package render

import (
	"bytes"
	"html"
	"html/template"
	"sort"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The strategy's longer texts (descriptions, summaries, guidelines, example
// posts) may be written in Markdown. In the HTML playbook goldmark renders
// them with GitHub Flavored Markdown; raw HTML stays disabled (goldmark's
// default), and safeMarkdown below goes further than goldmark's own rules:
// raw HTML is shown as the text it is rather than silently dropped, a link
// keeps its href only when its scheme is http, https, mailto or tel, and an
// image becomes a link to it, so the page never loads anything. Headings in
// a text are moved three levels down so they sit under the playbook's own.

// markdownSyntax reads Markdown as written, for the Markdown playbook.
var markdownSyntax = goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()

var markdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(headingShift{}, 100))),
	goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(safeMarkdown{}, 100))),
)

// markdownHTML renders a Markdown text as HTML that is safe to inline.
func markdownHTML(src string) template.HTML {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	// Each line closes the bidirectional controls it opens (see bidi.go).
	src = balanceLines(src)
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(src), &buf); err != nil {
		// goldmark fails only when the writer does; a bytes.Buffer does not.
		return template.HTML(template.HTMLEscapeString(src))
	}
	return template.HTML(buf.String())
}

// headingShift moves headings in a text three levels down (an h1 becomes
// an h4), so a text cannot break the playbook's outline.
type headingShift struct{}

func (headingShift) Transform(doc *ast.Document, _ gmtext.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			h.Level = min(6, h.Level+3)
		}
		return ast.WalkContinue, nil
	})
}

// safeMarkdown renders the nodes that could run code or load something.
type safeMarkdown struct{}

func (safeMarkdown) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, renderLink)
	reg.Register(ast.KindImage, renderImage)
	reg.Register(ast.KindAutoLink, renderAutoLink)
	reg.Register(ast.KindRawHTML, renderRawHTML)
	reg.Register(ast.KindHTMLBlock, renderHTMLBlock)
}

// escapeHTML escapes text for HTML.
func escapeHTML(b []byte) []byte { return util.EscapeHTML(b) }

func writeHref(w util.BufWriter, url []byte) {
	w.WriteString(`<a href="`)
	w.Write(util.EscapeHTML(util.URLEscape(url, true)))
	w.WriteString(`">`)
}

func renderLink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !safeURL(string(n.Destination)) {
		return ast.WalkContinue, nil // the text stays, the link goes
	}
	if entering {
		writeHref(w, n.Destination)
	} else {
		w.WriteString("</a>")
	}
	return ast.WalkContinue, nil
}

// renderImage writes an image as a link to it, labelled with its
// description: a playbook mailed to an agency loads nothing from elsewhere.
func renderImage(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Image)
	if !safeURL(string(n.Destination)) {
		return ast.WalkContinue, nil
	}
	if entering {
		writeHref(w, n.Destination)
		if n.FirstChild() == nil {
			w.Write(escapeHTML(n.Destination))
		}
	} else {
		w.WriteString("</a>")
	}
	return ast.WalkContinue, nil
}

func renderAutoLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	url, label := n.URL(source), n.Label(source)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
		url = append([]byte("mailto:"), url...)
	}
	if safeURL(string(url)) {
		writeHref(w, url)
		w.Write(escapeHTML(label))
		w.WriteString("</a>")
	} else {
		w.Write(escapeHTML(label))
	}
	return ast.WalkContinue, nil
}

func renderRawHTML(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		segs := node.(*ast.RawHTML).Segments
		for i := 0; i < segs.Len(); i++ {
			s := segs.At(i)
			w.Write(escapeHTML(s.Value(source)))
		}
	}
	return ast.WalkSkipChildren, nil
}

func renderHTMLBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.HTMLBlock)
	if entering {
		w.WriteString("<p>")
		for i := 0; i < n.Lines().Len(); i++ {
			s := n.Lines().At(i)
			w.Write(escapeHTML(s.Value(source)))
		}
		return ast.WalkContinue, nil
	}
	if n.HasClosure() {
		w.Write(escapeHTML(n.ClosureLine.Value(source)))
	}
	w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

// safeURL reports whether a link may keep its address: one with no scheme
// (relative, or a #fragment), or with http, https, mailto or tel. The
// scheme is read the way browsers read it, ignoring case, leading spaces
// and control characters and tabs or line breaks inside it.
func safeURL(u string) bool {
	// Check the address as a browser will see it: goldmark resolves
	// backslash escapes and character references (java&#x73;cript:,
	// javascript&colon;) when it writes the href, so resolve them here too.
	u = html.UnescapeString(unescapePunct(u))
	var b strings.Builder
	for _, r := range u {
		if r <= ' ' || r == 0x7f {
			if b.Len() == 0 || r == '\t' || r == '\n' || r == '\r' {
				continue
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	s := b.String()
	i := strings.IndexAny(s, ":/?#")
	if i < 0 || s[i] != ':' {
		return true
	}
	switch s[:i] {
	case "http", "https", "mailto", "tel":
		return true
	}
	return false
}

// unescapePunct drops the backslash of CommonMark's backslash escapes
// (\: is a colon), which apply to ASCII punctuation only.
func unescapePunct(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// markdownMD prepares a Markdown text for the Markdown playbook: it stays
// Markdown, but raw HTML, links and images with an unsafe address, and
// headings that would break the document's outline are defused, and a text
// that would swallow what follows it (an unclosed code fence) is escaped
// whole. The result reads the same in any Markdown renderer, permissive or
// not.
func markdownMD(src string) string {
	src = strings.TrimSpace(strings.ReplaceAll(src, "\r\n", "\n"))
	if src == "" {
		return ""
	}
	for pass := 0; pass < 8; pass++ {
		doc := markdownSyntax.Parse(gmtext.NewReader([]byte(src)))
		edits, ok := mdEdits(doc, []byte(src))
		if !ok {
			break
		}
		if len(edits) == 0 {
			if contained(src) {
				return src
			}
			break
		}
		src = applyEdits(src, edits)
	}
	return plainMarkdown(src)
}

// edit inserts ins at offset at, after deleting del bytes there.
type edit struct {
	at, del int
	ins     string
}

// mdEdits lists the edits that defuse one round of unsafe nodes; ok is
// false when a node cannot be defused in place.
func mdEdits(doc ast.Node, src []byte) (edits []edit, ok bool) {
	ok = true
	escapeAt := func(i int) {
		if i >= 0 && i < len(src) {
			edits = append(edits, edit{at: i, ins: `\`})
		}
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				escapeAt(n.Segments.At(0).Start)
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				s := lines.At(i)
				if j := bytes.IndexByte(src[s.Start:s.Stop], '<'); j >= 0 {
					escapeAt(s.Start + j)
				}
			}
			if n.HasClosure() {
				if j := bytes.IndexByte(src[n.ClosureLine.Start:n.ClosureLine.Stop], '<'); j >= 0 {
					escapeAt(n.ClosureLine.Start + j)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			if !safeURL(string(n.Destination)) && !escapeOpening(n, src, escapeAt) {
				ok = false
			}
		case *ast.Image:
			if !safeURL(string(n.Destination)) && !escapeOpening(n, src, escapeAt) {
				ok = false
			}
		case *ast.AutoLink:
			if !safeURL(string(n.URL(src))) {
				ok = false
			}
		case *ast.Heading:
			if !shiftHeading(n, src, &edits) {
				ok = false
			}
		}
		return ast.WalkContinue, nil
	})
	return edits, ok
}

// escapeOpening escapes the [ that opens a link's text, so the link is
// read as plain text.
func escapeOpening(n ast.Node, src []byte, escapeAt func(int)) bool {
	start := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering && start < 0 {
			start = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if start < 0 {
		return false
	}
	i := bytes.LastIndexByte(src[:start], '[')
	if i < 0 {
		return false
	}
	escapeAt(i)
	return true
}

// shiftHeading moves a heading three levels down: an ATX heading gets
// three more #, a setext heading (text over === or ---) becomes an ATX one.
func shiftHeading(h *ast.Heading, src []byte, edits *[]edit) bool {
	lines := h.Lines()
	if lines.Len() == 0 {
		return false
	}
	first := lines.At(0)
	ls := bytes.LastIndexByte(src[:first.Start], '\n') + 1
	indent := ls
	for indent < len(src) && src[indent] == ' ' {
		indent++
	}
	level := min(6, h.Level+3)
	if indent < len(src) && src[indent] == '#' {
		if h.Level < 4 {
			*edits = append(*edits, edit{at: indent, ins: strings.Repeat("#", level-h.Level)})
		}
		return true
	}
	if lines.Len() != 1 {
		return false // a setext heading over several lines: escape it whole
	}
	// Setext: prefix the text line and delete the underline.
	end := bytes.IndexByte(src[first.Stop:], '\n')
	if end < 0 {
		return false
	}
	ul := first.Stop + end + 1
	ulEnd := bytes.IndexByte(src[ul:], '\n')
	if ulEnd < 0 {
		ulEnd = len(src) - ul
	}
	*edits = append(*edits, edit{at: ls, ins: strings.Repeat("#", level) + " "}, edit{at: ul - 1, del: ulEnd + 1})
	return true
}

func applyEdits(src string, edits []edit) string {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].at < edits[j].at })
	var b strings.Builder
	pos := 0
	for _, e := range edits {
		if e.at < pos {
			continue
		}
		b.WriteString(src[pos:e.at])
		b.WriteString(e.ins)
		pos = min(len(src), e.at+e.del)
	}
	b.WriteString(src[pos:])
	return b.String()
}

// sentinel is a paragraph placed after a text to check that the text ends
// where it seems to.
const sentinel = "Pillar-sentinel-7f3a"

// contained reports whether a paragraph after src, past a blank line, is
// read as a paragraph of its own: src has no open code fence or other block
// that would swallow the rest of the document.
func contained(src string) bool {
	full := src + "\n\n" + sentinel + "\n"
	doc := markdownSyntax.Parse(gmtext.NewReader([]byte(full)))
	last := doc.LastChild()
	if p, ok := last.(*ast.Paragraph); ok && p.Lines().Len() == 1 {
		s := p.Lines().At(0)
		return string(s.Value([]byte(full))) == sentinel
	}
	return false
}

// plainMarkdown writes a text as Markdown that reads literally: every
// line escaped, blank lines kept as paragraph breaks.
func plainMarkdown(src string) string {
	lines := strings.Split(src, "\n")
	for i, l := range lines {
		lines[i] = mdText(strings.TrimSpace(l))
	}
	return strings.Join(lines, "\n")
}

// mdText escapes text for use inline in Markdown, also where it starts a
// line: what mdEscape escapes, plus a leading #, -, +, = or "1." that would
// start a heading or a list.
func mdText(s string) string {
	s = mdEscape(s)
	if s == "" {
		return s
	}
	switch s[0] {
	case '#', '-', '+', '=':
		return `\` + s
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + `\` + s[i:]
	}
	return s
}

// githubSlug is the anchor GitHub and most Markdown viewers give a
// heading: lower case, spaces as hyphens, punctuation dropped.
func githubSlug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}
