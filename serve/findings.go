package serve

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/pillar-strategy/pillar/internal/inputfile"
	"github.com/pillar-strategy/pillar/schema"
)

// findingView is one finding as the findings page shows it.
type findingView struct {
	Severity, Where, Message, Rule, Hint string
	Line                                 int
	Source, Caret                        string
	// Href links to the file and line: the editor when asked for, else
	// the source page.
	Href template.URL
	// SourceHref is the source page, when Href is the editor.
	SourceHref string
}

type findingsData struct {
	// Heading says why the page shows findings.
	Heading string
	// Instead is set when the findings stand in for another page.
	Instead  string
	ReadErr  string
	Path     string
	Findings []findingView
	Omitted  []schema.Omitted
	Files    []fileLink
	Errors   int
	Warnings int
	Infos    int
}

type fileLink struct {
	Name, Href string
}

var findingsTemplate = template.Must(template.New("findings").Parse(`<main>
<h1>{{.Heading}}</h1>
{{- if .Instead}}
<p class="notice">{{.Instead}}</p>
{{- end}}
{{- if .ReadErr}}
<p class="notice">{{.ReadErr}}</p>
{{- else}}
<p class="meta">{{.Path}}: {{.Errors}} error{{if ne .Errors 1}}s{{end}}, {{.Warnings}} warning{{if ne .Warnings 1}}s{{end}}, {{.Infos}} info{{if ne .Infos 1}}s{{end}}</p>
{{- if not .Findings}}
<p class="notice ok">No findings: the strategy passes every rule.</p>
{{- end}}
<ol class="findings">
{{- range .Findings}}
<li class="finding {{.Severity}}" data-line="{{.Line}}">
<div class="where"><a href="{{.Href}}">{{.Where}}</a>{{if .SourceHref}} · <a href="{{.SourceHref}}">source</a>{{end}}</div>
<div><span class="sev">{{.Severity}}</span>{{.Message}} <code class="rule">[{{.Rule}}]</code></div>
{{- if .Source}}
<pre><code>{{.Source}}
{{.Caret}}</code></pre>
{{- end}}
{{- if .Hint}}
<div class="hint">hint: {{.Hint}}</div>
{{- end}}
</li>
{{- end}}
</ol>
{{- range .Omitted}}
<p class="meta">and {{.Count}} more {{.Rule}} {{.Severity}}s, not listed</p>
{{- end}}
{{- end}}
{{- with .Files}}
<h2>Files read</h2>
<ul>
{{- range .}}
<li><a href="{{.Href}}">{{.Name}}</a></li>
{{- end}}
</ul>
{{- end}}
</main>
`))

// findings writes the findings page; instead names the page it stands in
// for ("" on /findings itself).
func (s *Server) findings(snap *snapshot, instead string) template.HTML {
	d := findingsData{Heading: "Findings", Path: s.site.cfg.Path}
	if instead != "" {
		d.Heading = "The strategy has errors"
		d.Instead = fmt.Sprintf("The %s is shown again as soon as the errors below are fixed and the file is saved.", instead)
	}
	if snap.readErr != nil {
		d.Heading = "The strategy cannot be read"
		d.ReadErr = readErrorText(s.site.cfg.Path, snap.readErr)
		return fill(findingsTemplate, d)
	}
	res := snap.result
	d.Errors, d.Warnings, d.Infos = res.Count(schema.Error), res.Count(schema.Warning), res.Count(schema.Info)
	d.Omitted = res.Omitted
	index := map[string]int{}
	if snap.source != nil {
		for i, f := range snap.source.Files {
			index[f] = i
			d.Files = append(d.Files, fileLink{Name: f, Href: sourceHref(i, 0)})
		}
	}
	for _, diag := range res.Diagnostics {
		f := findingView{Severity: diag.Severity.String(), Where: fmt.Sprintf("%s:%d:%d", diag.File, diag.Line, diag.Column),
			Message: diag.Message, Rule: diag.Rule, Hint: diag.Hint, Line: diag.Line, Source: diag.SourceLine}
		if f.Source != "" {
			f.Caret = caret(f.Source, diag.Column, diag.Length)
		}
		src := ""
		if i, ok := index[diag.File]; ok {
			src = sourceHref(i, diag.Line)
		}
		if link, err := EditorLink(s.site.cfg.EditorLinks, diag.File, diag.Line, diag.Column); err == nil && link != "" {
			f.Href = template.URL(link) // EditorLink allows only a checked scheme
			f.SourceHref = src
		} else {
			f.Href = template.URL(src)
		}
		d.Findings = append(d.Findings, f)
	}
	return fill(findingsTemplate, d)
}

// sourceHref is the source page of the i-th file read, at a line.
func sourceHref(i, line int) string {
	h := "/source?file=" + strconv.Itoa(i)
	if line > 0 {
		h += "&line=" + strconv.Itoa(line) + "#L" + strconv.Itoa(line)
	}
	return h
}

// readErrorText words an error reading the strategy's main file.
func readErrorText(path string, err error) string {
	var nr *inputfile.NotRegularError
	switch {
	case errors.As(err, &nr):
		return nr.Error() + "; pillar reads only regular files."
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("%s: no such file or folder. Create it (pillar init), or put the strategy back.", path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("%s: permission denied.", path)
	}
	return err.Error()
}

var sourceTemplate = template.Must(template.New("source").Funcs(template.FuncMap{"inc": func(i int) int { return i + 1 }}).Parse(`<main>
<h1>{{.Name}}</h1>
<p class="meta">{{.Lines}} line{{if ne .Lines 1}}s{{end}}, as pillar read it{{if .Editor}} · <a href="{{.Editor}}">open in the editor</a>{{end}}</p>
<ol class="source">
{{- range $i, $l := .Text}}
<li id="L{{inc $i}}"{{if eq (inc $i) $.Here}} class="here"{{end}}>{{$l}}</li>
{{- end}}
</ol>
</main>
`))

// source writes the source page of one file the strategy was read from:
// the lines the loader read, never the file system again, so only the
// strategy's own files can be shown, by their number.
func (s *Server) source(snap *snapshot, i, line int) (template.HTML, string, bool) {
	if snap.source == nil || i < 0 || i >= len(snap.source.Files) {
		return "", "", false
	}
	name := snap.source.Files[i]
	var text []string
	for n := 1; ; n++ {
		l, ok := snap.source.Line(name, n)
		if !ok {
			break
		}
		text = append(text, l)
	}
	var editor template.URL
	if link, err := EditorLink(s.site.cfg.EditorLinks, name, max(line, 1), 1); err == nil && link != "" {
		editor = template.URL(link)
	}
	return fill(sourceTemplate, struct {
		Name   string
		Lines  int
		Text   []string
		Here   int
		Editor template.URL
	}{name, len(text), text, line, editor}), name, true
}

// schemeRE is a URL scheme an editor link may use: letters first, then
// letters, digits, + - .
var schemeRE = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

// EditorLink builds the link that opens file at line and col in an
// editor, by the setting of --editor-links: "" for none; "vscode" for
// Visual Studio Code's vscode://file/PATH:LINE:COL
// (https://code.visualstudio.com/docs/configure/command-line#_opening-vs-code-with-urls);
// or a URL template in which {file} (the absolute path, each segment
// percent-encoded), {line} and {col} are replaced, such as
// "idea://open?file={file}&line={line}". A template must start with a URL
// scheme, and not one that runs or embeds content in the page
// (javascript:, data:, vbscript:, blob:).
func EditorLink(setting, file string, line, col int) (string, error) {
	if setting == "" || setting == "none" {
		return "", nil
	}
	tmpl := setting
	if setting == "vscode" {
		tmpl = "vscode://file{file}:{line}:{col}"
	}
	if err := CheckEditorLinks(tmpl); err != nil {
		return "", err
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", err
	}
	segs := strings.Split(filepath.ToSlash(abs), "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	p := strings.Join(segs, "/")
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: /C:/...
	}
	r := strings.NewReplacer("{file}", p, "{line}", strconv.Itoa(line), "{col}", strconv.Itoa(col))
	return r.Replace(tmpl), nil
}

// CheckEditorLinks refuses an --editor-links setting that is not "vscode",
// "none" or a URL template with a harmless scheme and {file}.
func CheckEditorLinks(setting string) error {
	switch setting {
	case "", "none", "vscode":
		return nil
	}
	m := schemeRE.FindString(setting)
	if m == "" {
		return fmt.Errorf("--editor-links %q is neither vscode nor a URL template such as idea://open?file={file}&line={line}", setting)
	}
	switch strings.ToLower(strings.TrimSuffix(m, ":")) {
	case "javascript", "data", "vbscript", "blob":
		return fmt.Errorf("--editor-links: the %s scheme would run in the page; give an editor's scheme, such as vscode or idea", m)
	}
	if !strings.Contains(setting, "{file}") {
		return fmt.Errorf("--editor-links %q does not say where the file goes: put {file} in it (and {line}, {col})", setting)
	}
	return nil
}
