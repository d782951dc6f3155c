package render

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pillar-strategy/pillar/planner/plantest"
	"github.com/pillar-strategy/pillar/strategy"
)

func renderPlaybook(t *testing.T, s *strategy.Strategy, opt PlaybookOptions) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Playbook(&buf, s, opt); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestPlaybookRefusesBadOptions(t *testing.T) {
	s := plantest.Store()
	err := Playbook(&bytes.Buffer{}, s, PlaybookOptions{Format: "pdf"})
	if err == nil || !strings.Contains(err.Error(), "html, md") {
		t.Errorf("unknown format: %v", err)
	}
	err = Playbook(&bytes.Buffer{}, s, PlaybookOptions{Format: "html", Lang: "de"})
	if err == nil || !strings.Contains(err.Error(), `"de"`) || !strings.Contains(err.Error(), "en, nb, pl, el, fi") {
		t.Errorf("unknown language: %v", err)
	}
	if err := Playbook(&bytes.Buffer{}, nil, PlaybookOptions{Format: "md"}); err == nil {
		t.Error("nil strategy: want an error")
	}
	if strings.Join(PlaybookFormats(), ",") != "html,md" || strings.Join(Languages(), ",") != "en,nb,pl,el,fi" {
		t.Errorf("PlaybookFormats %v, Languages %v", PlaybookFormats(), Languages())
	}
}

func TestPlaybookReportsWriteErrors(t *testing.T) {
	for _, f := range PlaybookFormats() {
		if err := Playbook(failWriter{}, plantest.Store(), PlaybookOptions{Format: f}); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s: error %v", f, err)
		}
	}
}

// TestPlaybookLanguage: the language comes from Lang, else from the brand's
// language when the playbook speaks it, else it is English.
func TestPlaybookLanguage(t *testing.T) {
	for _, tc := range []struct{ brand, opt, want string }{
		{"nb", "", "nb"}, {"no", "", "nb"}, {"nn-NO", "", "nb"}, {"pl-PL", "", "pl"}, {"el", "", "el"},
		{"fi_FI", "", "fi"}, {"de", "", "en"}, {"", "", "en"}, {"nb", "en", "en"}, {"en", "EL", "el"}, {"en", "no", "nb"},
	} {
		s := plantest.Store()
		s.Brand.Language = tc.brand
		out := renderPlaybook(t, s, PlaybookOptions{Format: "html", Lang: tc.opt})
		if !strings.Contains(out, `<html lang="`+tc.want+`">`) {
			t.Errorf("brand %q, Lang %q: want %s, got %s", tc.brand, tc.opt, tc.want, regexp.MustCompile(`<html lang="[^"]*">`).FindString(out))
		}
	}
}

// TestPlaybookLeavesOutMissingSections: a strategy with a brand and one
// channel has no heading for anything else, in either format.
func TestPlaybookLeavesOutMissingSections(t *testing.T) {
	s := &strategy.Strategy{Version: 1, Brand: strategy.Brand{Name: "Minimal", Timezone: "Europe/Oslo"},
		Channels: []strategy.Channel{{ID: "instagram", Platform: "instagram"}},
		// Present but empty: must be left out too.
		Personality: &strategy.Personality{Voice: nil, Values: []string{" "}},
		Community:   &strategy.Community{},
		KPIs:        &strategy.KPIs{},
		Calendar:    &strategy.Calendar{},
	}
	d, _ := embeddedDict("en")
	html := renderPlaybook(t, s, PlaybookOptions{Format: "html"})
	md := renderPlaybook(t, s, PlaybookOptions{Format: "md"})
	if n := strings.Count(html, "<h2"); n != 2 { // the contents and the channels
		t.Errorf("%d h2 headings in the HTML, want 2", n)
	}
	for _, key := range []string{"personality", "voice", "personas", "pillars", "examples", "tactics", "influencers",
		"community", "dates", "kpis", "competitors", "next_weeks", "matrix", "website", "plan_period", "version"} {
		label := d.Labels[key]
		if strings.Contains(html, ">"+label+"<") {
			t.Errorf("the HTML shows %q", label)
		}
		if strings.Contains(md, label) {
			t.Errorf("the Markdown shows %q", label)
		}
	}
	if !strings.Contains(md, "\n## Channel ecosystem\n") || strings.Count(md, "\n## ") != 2 {
		t.Errorf("Markdown headings: %q", regexp.MustCompile(`(?m)^##+ .*$`).FindAllString(md, -1))
	}
	// Without channels either, there is no table of contents at all.
	s.Channels = nil
	if out := renderPlaybook(t, s, PlaybookOptions{Format: "html"}); strings.Contains(out, "<nav") || strings.Contains(out, "<h2") {
		t.Error("an empty strategy still has a table of contents")
	}
	if out := renderPlaybook(t, s, PlaybookOptions{Format: "md"}); strings.Contains(out, "## ") {
		t.Error("an empty strategy still has headings in Markdown")
	}
}

// TestInfluencerOrder: untapped prospects (following, not engaging) come
// first, largest audience first; then partners, engaged and other
// prospects, each by followers; ties by handle.
func TestInfluencerOrder(t *testing.T) {
	list := []strategy.Influencer{
		{Handle: "@engaged-big", Status: "engaged", Followers: 900000, FollowsUs: true, EngagesWithUs: true},
		{Handle: "@untapped-small", Status: "prospect", Followers: 1000, FollowsUs: true},
		{Handle: "@cold-prospect", Status: "prospect", Followers: 500000},
		{Handle: "@partner", Status: "partner", Followers: 10, FollowsUs: true},
		{Handle: "@untapped-big", Status: "prospect", Followers: 50000, FollowsUs: true},
		{Handle: "@b-tie", Status: "prospect", Followers: 1000, FollowsUs: true},
		{Handle: "@odd", Status: "paused", Followers: 5},
		{Handle: "@engaging-prospect", Status: "prospect", Followers: 800000, FollowsUs: true, EngagesWithUs: true},
	}
	var got []string
	for _, in := range sortInfluencers(list) {
		got = append(got, in.Handle)
	}
	want := "@untapped-big @b-tie @untapped-small @partner @engaged-big @engaging-prospect @cold-prospect @odd"
	if strings.Join(got, " ") != want {
		t.Errorf("order\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
}

// TestPlaybookTemplateOverrides: a style.css in the override folder
// replaces the embedded one, other files stay embedded.
func TestPlaybookTemplateOverrides(t *testing.T) {
	over := fstest.MapFS{"style.css": {Data: []byte("body { color: rebeccapurple; } </style><script>x</script>")}}
	out := renderPlaybook(t, plantest.Store(), PlaybookOptions{Format: "html", Templates: over})
	if !strings.Contains(out, "rebeccapurple") || strings.Contains(out, "--accent") {
		t.Error("the override stylesheet was not used instead of the embedded one")
	}
	if strings.Contains(out, "</style><script>") {
		t.Error("an override stylesheet can close the style element")
	}
	if !strings.Contains(out, `<nav class="toc"`) {
		t.Error("the embedded templates were not used")
	}

	cover := fstest.MapFS{"playbook.md.tmpl": {Data: []byte("# {{esc .Brand.Name}} for the agency\n{{template \"channels\" .}}\n")}}
	md := renderPlaybook(t, plantest.Store(), PlaybookOptions{Format: "md", Lang: "en", Templates: cover})
	if !strings.HasPrefix(md, "# Nordlys Mote for the agency\n") || !strings.Contains(md, "## Channel ecosystem") {
		t.Errorf("the override template was not used, or cannot call the embedded sections:\n%.300s", md)
	}

	words := fstest.MapFS{"i18n/en.yaml": {Data: []byte("labels:\n  channels: Where we post\n")}}
	md = renderPlaybook(t, plantest.Store(), PlaybookOptions{Format: "md", Lang: "en", Templates: words})
	if !strings.Contains(md, "## Where we post") || !strings.Contains(md, "## Content pillars") {
		t.Error("a dictionary override must replace its own keys and keep the rest")
	}
}

// TestPlaybookBrokenTemplate: a broken override names the file and line.
func TestPlaybookBrokenTemplate(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name, format, file, body string
		line, col                int
		msg                      string
	}{
		// text/template says "unexpected EOF" at the end of the file; the
		// error names the action left open.
		{"parse", "html", "playbook.html.tmpl", "<!DOCTYPE html>\n<p>\n{{if .Brand}}\n", 3, 1, "this {{if}} has no {{end}} (the file ends at line 3)"},
		{"unclosed range", "html", "sections.html.tmpl", "{{define \"x\"}}{{end}}\n" + strings.Repeat("<p>{{/* }} {{end}} */}}</p>\n", 28) +
			"  {{- range .Pillars}}{{if .Name}}{{\"{{end}}\"}}{{end}}\n" + strings.Repeat("<p>{{`{{end}}`}}\n", 19) + "{{with .Brand}}{{end}}\n", 30, 3, "this {{range}} has no {{end}} (the file ends at line 50)"},
		{"function", "md", "sections.md.tmpl", "{{define \"x\"}}\n\n{{nosuch .}}{{end}}", 3, 0, `"nosuch" not defined`},
		{"execute", "html", "playbook.html.tmpl", "<!DOCTYPE html>\n<title>{{.Title}}</title>\n\n{{.L.no_such_label}}\n", 4, 0, "no_such_label"},
		{"missing field", "md", "playbook.md.tmpl", "# {{.Brand.Nme}}\n", 1, 0, "Nme"},
		{"html context", "html", "playbook.html.tmpl", "<!DOCTYPE html>\n<a href=\"{{.Title}}\n", 0, 0, "non-text context"},
		{"dictionary", "md", "i18n/en.yaml", "labels:\n  pillars: Pillars\n  channels: [a, b]\n", 3, 0, "cannot unmarshal"},
		// yaml.v3 names the line where the mapping it was reading starts.
		{"dictionary syntax", "md", "i18n/en.yaml", "labels:\n  pillars: Pillars\n channels: b\n", 2, 0, "did not find expected key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.RemoveAll(dir)
			write(tc.file, tc.body)
			var buf bytes.Buffer
			err := Playbook(&buf, plantest.Store(), PlaybookOptions{Format: tc.format, Lang: "en", Templates: os.DirFS(dir)})
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Fatalf("error %v (%T), want a *TemplateError", err, err)
			}
			wantName := filepath.ToSlash(filepath.Join(dir, tc.file))
			if te.Name != wantName || te.Line != tc.line || te.Col != tc.col || !strings.Contains(te.Err.Error(), tc.msg) {
				t.Errorf("TemplateError{%q, %d, %d, %v}, want %s:%d:%d: …%s…", te.Name, te.Line, te.Col, te.Err, wantName, tc.line, tc.col, tc.msg)
			}
			prefix := wantName + ":" + strconv.Itoa(tc.line) + ": "
			if tc.col > 0 {
				prefix = wantName + ":" + strconv.Itoa(tc.line) + ":" + strconv.Itoa(tc.col) + ": "
			}
			if tc.line == 0 {
				prefix = wantName + ": "
			}
			if !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("Error() = %q", err.Error())
			}
			if buf.Len() != 0 {
				t.Error("a broken template left half a playbook in the writer")
			}
		})
	}
	// A name inside an fs.FS that is not a folder is the bare file name.
	err := Playbook(&bytes.Buffer{}, plantest.Store(), PlaybookOptions{Format: "md",
		Templates: fstest.MapFS{"playbook.md.tmpl": {Data: []byte("{{end}}")}}})
	if err == nil || !strings.HasPrefix(err.Error(), "playbook.md.tmpl:1: ") {
		t.Errorf("error %v", err)
	}
}

// TestEmbeddedTemplatesParse: the embedded files parse and every file the
// docs name exists.
func TestEmbeddedTemplatesParse(t *testing.T) {
	for _, f := range PlaybookFormats() {
		if _, err := templateSet(f, nil); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"playbook.html.tmpl", "sections.html.tmpl", "playbook.md.tmpl", "sections.md.tmpl", "style.css"} {
		if _, err := readTemplateFile(name, nil); err != nil {
			t.Error(err)
		}
	}
}

// TestPlaybookConcurrent renders in several languages at once: the shared
// templates and dictionaries must be safe for concurrent use (go test -race).
func TestPlaybookConcurrent(t *testing.T) {
	s := plantest.Store()
	done := make(chan string)
	for i := 0; i < 8; i++ {
		go func(i int) {
			var buf bytes.Buffer
			opt := PlaybookOptions{Format: PlaybookFormats()[i%2], Lang: Languages()[i%5]}
			if err := Playbook(&buf, s, opt); err != nil {
				done <- err.Error()
				return
			}
			done <- ""
		}(i)
	}
	for i := 0; i < 8; i++ {
		if msg := <-done; msg != "" {
			t.Error(msg)
		}
	}
}
