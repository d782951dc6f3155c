package serve

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/render"
	"github.com/pillar-strategy/pillar/schema"
)

// The page's own script, stylesheet and the stylesheet of the pages render
// has no counterpart for, embedded so that no URL is ever a file.
var (
	//go:embed live.js
	liveJS string
	//go:embed bar.css
	barCSS string
	//go:embed page.css
	pageCSS string
)

// scriptHash is the CSP source that lets the one inline script run and
// nothing else
// (https://www.w3.org/TR/CSP3/#grammardef-hash-source).
var scriptHash = func() string {
	sum := sha256.Sum256([]byte(liveJS))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}()

// headExtra is what every page gets in its head: the bar's style and the
// live script.
var headExtra = `<style id="pillar-serve-style">` + barCSS + `</style>` + "\n" + `<script>` + liveJS + `</script>` + "\n"

// view names the pages in the bar, in its order.
type view struct {
	key, label, path string
}

var views = []view{
	{"playbook", "Playbook", "/"},
	{"calendar", "Calendar", "/calendar"},
	{"findings", "Findings", "/findings"},
	{"audit", "Audit", "/audit"},
}

// barData is what the bar shows.
type barData struct {
	Version  int64
	Kind     string // view, findings (in place of a view) or error
	Links    []barLink
	Errors   int
	Warnings int
	OK       bool
	ReadErr  bool
	Loaded   string
	// Langs are the playbook's languages, on the playbook only.
	Langs []barLink
	// Period is the calendar's form, on the calendar only.
	Period *periodForm
}

type barLink struct {
	Label, Href string
	On          bool
	Count       int
	Warn        bool
}

type periodForm struct {
	From, To, View string
	Lang           string
}

// query is what the page was asked for; the bar's links keep it, so
// moving between pages keeps the language and the period.
type query struct {
	lang     string
	from, to string
	list     bool
}

func (q query) values(path string) string {
	v := url.Values{}
	if q.lang != "" {
		v.Set("lang", q.lang)
	}
	if path == "/calendar" {
		if q.from != "" {
			v.Set("from", q.from)
		}
		if q.to != "" {
			v.Set("to", q.to)
		}
		if q.list {
			v.Set("view", "list")
		}
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// bar builds the bar for a page of view current.
func (s *Server) bar(snap *snapshot, current, kind string, q query) barData {
	b := barData{Version: snap.version, Kind: kind, OK: snap.ok(), ReadErr: snap.readErr != nil,
		Errors: snap.result.Count(schema.Error), Warnings: snap.result.Count(schema.Warning),
		Loaded: snap.loaded.Format("15:04:05")}
	for _, v := range views {
		if v.key == "audit" && s.site.cfg.Audit == nil {
			continue
		}
		l := barLink{Label: v.label, Href: q.values(v.path), On: v.key == current}
		if v.key == "findings" {
			l.Count = b.Errors + b.Warnings
			l.Warn = b.Errors == 0
		}
		b.Links = append(b.Links, l)
	}
	switch current {
	case "playbook":
		shown := q.lang
		if shown == "" {
			shown = s.site.cfg.Lang
		}
		if shown == "" && snap.strategy != nil {
			shown = strings.ToLower(snap.strategy.Brand.Language)
		}
		for _, lang := range render.Languages() {
			qq := q
			qq.lang = lang
			b.Langs = append(b.Langs, barLink{Label: lang, Href: qq.values("/"), On: lang == shown})
		}
	case "calendar":
		from, to, _ := s.period(q)
		p := &periodForm{From: from.String(), To: to.String(), View: "grid", Lang: q.lang}
		if q.list {
			p.View = "list"
		}
		b.Period = p
	}
	return b
}

var barTemplate = template.Must(template.New("bar").Parse(`<div id="pillar-serve-bar" data-version="{{.Version}}" data-kind="{{.Kind}}">
<span class="ps-name">pillar serve</span>
{{- range .Links}}
<a href="{{.Href}}"{{if .On}} class="ps-on" aria-current="page"{{end}}>{{.Label}}{{if .Count}}<span class="ps-count{{if .Warn}} ps-warn{{end}}">{{.Count}}</span>{{end}}</a>
{{- end}}
{{- with .Langs}}
<span class="ps-langs">{{range .}}<a href="{{.Href}}"{{if .On}} class="ps-on"{{end}} lang="{{.Label}}">{{.Label}}</a>{{end}}</span>
{{- end}}
{{- with .Period}}
<form method="get" action="/calendar">
{{- if .Lang}}<input type="hidden" name="lang" value="{{.Lang}}">{{end}}
<label>from <input type="date" name="from" value="{{.From}}"></label>
<label>to <input type="date" name="to" value="{{.To}}"></label>
<select name="view" aria-label="layout"><option value="grid"{{if eq .View "grid"}} selected{{end}}>month grid</option><option value="list"{{if eq .View "list"}} selected{{end}}>list</option></select>
<button type="submit">show</button>
</form>
{{- end}}
<span class="ps-status" role="status">
{{- if .ReadErr}}<span class="ps-bad">✗ the strategy cannot be read</span>
{{- else if not .OK}}<span class="ps-bad">✗ {{.Errors}} error{{if ne .Errors 1}}s{{end}}: showing the findings</span>
{{- else if .Warnings}}<span class="ps-ok">✓ valid</span>, {{.Warnings}} warning{{if ne .Warnings 1}}s{{end}}
{{- else}}<span class="ps-ok">✓ valid</span>{{end}} · read {{.Loaded}} <span id="pillar-serve-live"></span></span>
</div>
`))

// inject puts the bar at the top of a page's body and the live script and
// the bar's style at the end of its head. The pages render writes are
// used as they are otherwise.
func inject(page []byte, bar []byte) []byte {
	out := make([]byte, 0, len(page)+len(bar)+len(headExtra))
	lower := bytes.ToLower(page)
	head := bytes.Index(lower, []byte("</head>"))
	body := bytes.Index(lower, []byte("<body"))
	if body >= 0 {
		if end := bytes.IndexByte(page[body:], '>'); end >= 0 {
			body += end + 1
		} else {
			body = -1
		}
	}
	if head < 0 || body < 0 || body < head {
		// Not the shape of page pillar writes (a template override may
		// be anything): put both in front.
		out = append(out, headExtra...)
		out = append(out, bar...)
		return append(out, page...)
	}
	out = append(out, page[:head]...)
	out = append(out, headExtra...)
	out = append(out, page[head:body]...)
	out = append(out, '\n')
	out = append(out, bar...)
	return append(out, page[body:]...)
}

// ownPage is the frame of the pages serve writes itself.
var ownPage = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Pillar">
<title>{{.Title}}</title>
<style>{{.CSS}}</style>
</head>
<body>
{{.Body}}
</body>
</html>
`))

// own writes one of serve's own pages around body.
func own(title string, body template.HTML) []byte {
	var b bytes.Buffer
	err := ownPage.Execute(&b, struct {
		Title string
		CSS   template.CSS
		Body  template.HTML
	}{title, template.CSS(pageCSS + render.PillarColorsCSS + "\n"), body})
	if err != nil {
		panic("serve: page template: " + err.Error()) // the data cannot make it fail
	}
	return b.Bytes()
}

// fill runs a template of serve's own into HTML.
func fill(t *template.Template, data any) template.HTML {
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		panic("serve: template " + t.Name() + ": " + err.Error())
	}
	return template.HTML(b.String())
}

// caret underlines a finding on its source line, as the text output of
// pillar validate does: spaces (tabs kept) up to the column, then ^~~~.
func caret(line string, col, length int) string {
	var b strings.Builder
	i := 1
	for _, r := range line {
		if i >= col {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
		i++
	}
	for ; i < col; i++ {
		b.WriteByte(' ')
	}
	b.WriteByte('^')
	if n := min(length, utf8.RuneCountInString(line)-col+1); n > 1 {
		b.WriteString(strings.Repeat("~", n-1))
	}
	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }
