package render

import (
	"bytes"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"text/template"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/strategy"
	"github.com/pillar-strategy/pillar/templates"
)

// PlaybookOptions say how to render a playbook.
type PlaybookOptions struct {
	// Format is "html" or "md": one of PlaybookFormats.
	Format string
	// Lang is the language of the playbook's own words: a tag LanguageOf
	// reads (nb-NO is nb). "" means the strategy's brand.language when
	// pillar has labels in it (nb, no and nn give nb), else English (see
	// LabelLanguage). The strategy's own text is marked with its
	// brand.language when that differs.
	Lang string
	// Templates holds overrides, e.g. os.DirFS(dir): a file there with the
	// same name as an embedded one (playbook.html.tmpl, sections.html.tmpl,
	// playbook.md.tmpl, sections.md.tmpl, style.css, i18n/<lang>.yaml)
	// replaces it; a dictionary there only replaces the keys it sets. A
	// file there that looks meant for the playbook under another name is
	// an error (see checkOverrides). Nil means the embedded files only.
	Templates fs.FS
	// Calendar, when set, is the plan whose first weeks (up to four weeks
	// from Calendar.From) the playbook shows; the cover states the whole
	// period it plans, Calendar.From to the day before Calendar.To.
	Calendar *planner.Calendar
	// Drafts, when set, is parallel to Calendar.Slots: each slot's draft,
	// or a zero SlotDraft for a slot without one. The calendar section
	// then has a draft column, which says "no draft yet" for the latter.
	Drafts []SlotDraft
	// Version, when set, is shown on the cover, e.g. a commit. The
	// playbook never shows the wall clock, so the same input always gives
	// the same file.
	Version string
}

// SlotDraft is the draft a planned slot has, as the playbook's calendar
// shows it (see package drafts, which finds it).
type SlotDraft struct {
	// ID is the draft's id, if it has one.
	ID string
	// Lead is the first words of the draft's text.
	Lead string
	// File and Line say where the draft is; File is empty for a slot
	// without a draft.
	File string
	Line int
}

// PlaybookFormats returns the formats Playbook writes, in the order a help
// text lists them.
func PlaybookFormats() []string { return []string{"html", "md"} }

// TemplateError is a broken template override: which file, which line
// (0 when unknown) and what is wrong.
type TemplateError struct {
	// Name is the file's path: the name inside PlaybookOptions.Templates,
	// joined to the folder when Templates is an os.DirFS, or
	// templates/playbook/<name> for an embedded file.
	Name string
	// Line is the 1-based line of the problem, or 0.
	Line int
	// Col is the 1-based column (in bytes) of the problem on Line, or 0.
	Col int
	// Err says what is wrong.
	Err error
}

// Error writes the problem as "file:line:col: message", or "file:line:
// message" when the column is unknown.
func (e *TemplateError) Error() string {
	if e.Line > 0 && e.Col > 0 {
		return fmt.Sprintf("%s:%d:%d: %v", e.Name, e.Line, e.Col, e.Err)
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Name, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Name, e.Err)
}

// Unwrap returns the underlying error.
func (e *TemplateError) Unwrap() error { return e.Err }

// Playbook writes the strategy's playbook to w: Markdown, or one
// self-contained HTML page with its stylesheet and charts inline. Sections
// the strategy leaves out are left out. The output is written only once it
// is complete, so a broken template leaves w untouched; such a template is
// reported as a *TemplateError.
func Playbook(w io.Writer, s *strategy.Strategy, opt PlaybookOptions) (err error) {
	if s == nil {
		return errors.New("render: no strategy to render")
	}
	lang := opt.Lang
	if lang == "" {
		lang = languageOf(s.Brand.Language)
		if lang == "" {
			lang = "en"
		}
	} else if lang = languageOf(opt.Lang); lang == "" {
		return fmt.Errorf("render: unknown language %q: use one of %s", opt.Lang, strings.Join(languages, ", "))
	}
	if opt.Format != "html" && opt.Format != "md" {
		return fmt.Errorf("render: unknown playbook format %q: use one of %s", opt.Format, strings.Join(PlaybookFormats(), ", "))
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("render: playbook: internal error: %v", r)
		}
	}()
	if opt.Templates != nil {
		if err := checkOverrides(opt.Templates); err != nil {
			return namedError(err, opt.Templates)
		}
	}
	d, err := loadDict(lang, opt.Templates)
	if err != nil {
		return namedError(err, opt.Templates)
	}
	view := buildView(s, d, opt)

	var buf bytes.Buffer
	buf.Grow(256 << 10)
	set, err := templateSet(opt.Format, opt.Templates)
	if err != nil {
		return namedError(err, opt.Templates)
	}
	if opt.Format == "html" {
		css, err := readTemplateFile("style.css", opt.Templates)
		if err != nil {
			return namedError(err, opt.Templates)
		}
		view.CSS = htmltemplate.CSS(strings.ReplaceAll(css, "</", `<\/`))
	}
	if err := set.execute(&buf, view); err != nil {
		return namedError(set.located(err), opt.Templates)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// templateFiles are the template files of each format, the first the one
// executed.
var templateFiles = map[string][]string{
	"html": {"playbook.html.tmpl", "sections.html.tmpl"},
	"md":   {"playbook.md.tmpl", "sections.md.tmpl"},
}

// executor is a parsed template set of either kind.
type executor struct {
	html *htmltemplate.Template
	text *template.Template
	main string
}

func (e *executor) execute(w io.Writer, data any) error {
	if e.html != nil {
		return e.html.ExecuteTemplate(w, e.main, data)
	}
	return e.text.ExecuteTemplate(w, e.main, data)
}

// located turns an error from text/template or html/template, which name
// the file and line in their message, into a *TemplateError.
func (e *executor) located(err error) error {
	te := locate(err)
	if te == nil {
		return &TemplateError{Name: e.main, Err: err}
	}
	return te
}

// templateLocation matches "template: name:12: …", "template: name:12:5:
// …" and html/template's "html/template:name:12:5: …" or, for a template
// that ends inside a tag, "html/template:name: …".
var templateLocation = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:html/)?template: ?([^:\s]+):(?:(\d+)(?::\d+)?:)? ?((?s).*)$`)
})

func locate(err error) *TemplateError {
	var te *TemplateError
	if errors.As(err, &te) {
		return te
	}
	m := templateLocation().FindStringSubmatch(err.Error())
	if m == nil {
		return nil
	}
	line, _ := strconv.Atoi(m[2])
	return &TemplateError{Name: m[1], Line: line, Err: errors.New(m[3])}
}

// namedError gives a *TemplateError its full path: in the override folder
// when the file came from there, else in the repository's templates.
func namedError(err error, over fs.FS) error {
	var te *TemplateError
	if !errors.As(err, &te) {
		return err
	}
	if over != nil {
		if _, statErr := fs.Stat(over, te.Name); statErr == nil {
			if v := reflect.ValueOf(over); v.Kind() == reflect.String && v.String() != "" {
				te.Name = path.Join(v.String(), te.Name)
			}
			return te
		}
	}
	te.Name = path.Join("templates/playbook", te.Name)
	return te
}

// readTemplateFile reads name from the overrides, else from the embedded
// templates.
func readTemplateFile(name string, over fs.FS) (string, error) {
	if over != nil {
		b, err := readLimited(over, name)
		if err == nil {
			return string(b), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", &TemplateError{Name: name, Err: err}
		}
	}
	b, err := fs.ReadFile(templates.Playbook, "playbook/"+name)
	if err != nil {
		return "", &TemplateError{Name: name, Err: err}
	}
	return string(b), nil
}

// maxTemplateBytes is the largest template or label file --templates may
// hold: the built-in ones are a few KB, and a template folder can come with
// a pull request, so a larger file is refused rather than copied into
// every playbook.
const maxTemplateBytes = 1 << 20

// readLimited reads name from fsys, refusing a file larger than
// maxTemplateBytes without reading more than that.
func readLimited(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxTemplateBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxTemplateBytes {
		return nil, fmt.Errorf("it is larger than %d KiB, the most a template or label file may be", maxTemplateBytes>>10)
	}
	return b, nil
}

var (
	embeddedOnce sync.Once
	embeddedSets map[string]*executor
	embeddedErr  error
)

// templateSet returns the parsed templates of format: the embedded set,
// parsed once, or a set parsed afresh when the overrides replace any of
// its files.
func templateSet(format string, over fs.FS) (*executor, error) {
	overridden := false
	if over != nil {
		for _, name := range templateFiles[format] {
			if _, err := fs.Stat(over, name); err == nil {
				overridden = true
			}
		}
	}
	if overridden {
		return parseSet(format, over)
	}
	embeddedOnce.Do(func() {
		embeddedSets = map[string]*executor{}
		for _, f := range PlaybookFormats() {
			set, err := parseSet(f, nil)
			if err != nil {
				embeddedErr = err
				return
			}
			embeddedSets[f] = set
		}
	})
	if embeddedErr != nil {
		return nil, embeddedErr
	}
	return embeddedSets[format], nil
}

func parseSet(format string, over fs.FS) (*executor, error) {
	files := templateFiles[format]
	e := &executor{main: files[0]}
	if format == "html" {
		e.html = htmltemplate.New(files[0]).Option("missingkey=error").Funcs(htmlFuncs)
	} else {
		e.text = template.New(files[0]).Option("missingkey=error").Funcs(markdownFuncs)
	}
	for i, name := range files {
		src, err := readTemplateFile(name, over)
		if err != nil {
			return nil, err
		}
		switch {
		case e.html != nil && i == 0:
			_, err = e.html.Parse(src)
		case e.html != nil:
			_, err = e.html.New(name).Parse(src)
		case i == 0:
			_, err = e.text.Parse(src)
		default:
			_, err = e.text.New(name).Parse(src)
		}
		if err != nil {
			te := locate(err)
			if te == nil {
				return nil, &TemplateError{Name: name, Err: err}
			}
			// text/template reports a block left open at the end of the
			// file; the action to fix is the one that opened it.
			if te.Err.Error() == "unexpected EOF" {
				if kw, line, col, ok := unclosedAction(src); ok {
					last := strings.Count(strings.TrimRight(src, "\n"), "\n") + 1
					msg := fmt.Sprintf("this {{%s}} has no {{end}} (the file ends at line %d)", kw, last)
					if kw == "{{" {
						msg = "this action has no closing }}"
					}
					te.Line, te.Col, te.Err = line, col, errors.New(msg)
				}
			}
			return nil, te
		}
	}
	return e, nil
}

// htmlFuncs are the HTML templates' functions. Only md and bdi make HTML:
// md from goldmark's output, bdi an escaped text in a <bdi>.
var htmlFuncs = htmltemplate.FuncMap{
	"md":  markdownHTML,
	"add": func(a, b int) int { return a + b },
	"bdi": isolatedHTML,
	"iso": isolate,
}

// markdownFuncs are the Markdown templates' functions: every string from
// the strategy goes through esc (inline text, table cells), line (text
// that starts a line or a list item), list, link, code or md (a Markdown
// block). Each isolates right-to-left text and bidirectional controls
// between FSI and PDI, and md balances them line by line (see bidi.go).
var markdownFuncs = template.FuncMap{
	"esc":   func(s string) string { return mdEscape(isolate(s)) },
	"line":  func(s string) string { return mdText(isolate(s)) },
	"md":    func(s string) string { return balanceLines(markdownMD(s)) },
	"quote": mdQuote,
	"code":  func(s string) string { return isolate(mdCode(s)) },
	"link":  mdLink,
	"list":  mdList,
	"add":   func(a, b int) int { return a + b },
}

// mdQuote puts a Markdown block in a block quote.
func mdQuote(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l == "" {
			lines[i] = ">"
		} else {
			lines[i] = "> " + l
		}
	}
	return strings.Join(lines, "\n")
}

// mdCode writes s as a code span, fenced with more backticks than it holds.
func mdCode(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if strings.IndexFunc(s, func(r rune) bool { return r < 0x80 && mdControl(byte(r)) }) >= 0 {
		s = strings.Map(func(r rune) rune {
			if r < 0x80 && mdControl(byte(r)) {
				return '\uFFFD'
			}
			return r
		}, s)
	}
	run, longest := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// mdLink writes a website as an autolink when it is a plain http(s)
// address, else as text.
func mdLink(u string) string {
	if webURL(u) {
		return isolate("<" + u + ">")
	}
	return mdText(isolate(u))
}

// mdList escapes each item and joins them with commas.
func mdList(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = mdEscape(isolate(s))
	}
	return strings.Join(out, ", ")
}
