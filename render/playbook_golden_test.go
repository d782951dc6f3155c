package render

import (
	"bytes"
	"github.com/pillar-strategy/pillar/internal/golden"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/strategy"
	"github.com/pillar-strategy/pillar/templates"
)

// example is one of the repository's example strategies, loaded, with the
// plan whose first weeks its playbook shows.
type example struct {
	name     string
	lang     string // the playbook language its brand.language gives
	strategy *strategy.Strategy
	calendar *planner.Calendar
}

// langs are the languages the tests render the example in: English and
// its own.
func (e example) langs() []string {
	if e.lang == "en" {
		return []string{"en"}
	}
	return []string{"en", e.lang}
}

// examplePlan is the horizon of the examples' calendars: a quarter from a
// Monday, of which the playbook shows the first four weeks.
var examplePlan = planner.Options{
	From: strategy.Date{Year: 2027, Month: 1, Day: 4},
	To:   strategy.Date{Year: 2027, Month: 4, Day: 5},
}

// examples loads every strategy under ../examples.
func examples(t testing.TB) []example {
	t.Helper()
	dirs, err := filepath.Glob("../examples/*/strategy.yaml")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no examples found: %v", err)
	}
	sort.Strings(dirs)
	var out []example
	for _, path := range dirs {
		name := filepath.Base(filepath.Dir(path))
		s, err := strategy.Load(filepath.Dir(path))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		cal, err := planner.Plan(s, examplePlan)
		if err != nil {
			t.Fatalf("%s: plan: %v", name, err)
		}
		lang := languageOf(s.Brand.Language)
		if lang == "" {
			lang = "en"
		}
		out = append(out, example{name: name, lang: lang, strategy: s, calendar: cal})
	}
	return out
}

// wantSections lists the section headings a playbook of s should have, in
// order, worked out from the strategy itself rather than from the view.
func wantSections(t testing.TB, s *strategy.Strategy, cal *planner.Calendar, lang string) []string {
	t.Helper()
	d, err := embeddedDict(lang)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	add := func(ok bool, key string) {
		if ok {
			out = append(out, d.Labels[key])
		}
	}
	p := s.Personality
	add(p != nil && (p.Vision != "" || len(p.Values)+len(p.Beliefs) > 0 || p.Person != nil || p.LookAndFeel != ""), "personality")
	add(p != nil && p.Voice != nil, "voice")
	add(len(s.Personas) > 0, "personas")
	add(len(s.Channels) > 0, "channels")
	add(len(s.Pillars) > 0, "pillars")
	examples := false
	for _, pl := range s.Pillars {
		examples = examples || len(pl.Examples) > 0
	}
	add(examples, "examples")
	add(len(s.Tactics) > 0, "tactics")
	add(len(s.Influencers) > 0, "influencers")
	add(s.Community != nil, "community")
	add(s.Calendar != nil && len(s.Calendar.Campaigns)+len(s.Calendar.Blackouts) > 0, "dates")
	add(s.KPIs != nil, "kpis")
	add(len(s.Competitors) > 0, "competitors")
	add(cal != nil, "next_weeks")
	return out
}

// checkPlaybookGolden compares got with testdata/playbook/name, or
// rewrites it under -update.
func checkPlaybookGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	if strings.HasSuffix(name, ".html") {
		got = withoutStylesheet(t, got)
	}
	golden.Check(t, filepath.Join("testdata", "playbook", name), got)
}

// TestPlaybookGolden renders every example in English and in its own
// language, in both formats, twice, and compares with the golden files
// under testdata/playbook: the output is byte-identical run after run.
func TestPlaybookGolden(t *testing.T) {
	for _, ex := range examples(t) {
		for _, lang := range ex.langs() {
			for _, format := range PlaybookFormats() {
				name := ex.name + "." + lang + "." + format
				t.Run(name, func(t *testing.T) {
					opt := PlaybookOptions{Format: format, Lang: lang, Calendar: ex.calendar, Version: "v1.0.0-test"}
					var a, b bytes.Buffer
					if err := Playbook(&a, ex.strategy, opt); err != nil {
						t.Fatal(err)
					}
					if err := Playbook(&b, ex.strategy, opt); err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(a.Bytes(), b.Bytes()) {
						t.Fatal("two runs differ")
					}
					checkPlaybookGolden(t, name, a.Bytes())
				})
			}
		}
	}
}

// TestPlaybookEveryLanguage renders the nordlys example in every language:
// no label is missing (a missing one would show its key) and the golden
// files let a translator review each language's playbook as a whole.
func TestPlaybookEveryLanguage(t *testing.T) {
	var nordlys example
	for _, ex := range examples(t) {
		if ex.name == "nordlys" {
			nordlys = ex
		}
	}
	if nordlys.strategy == nil {
		t.Fatal("the nordlys example is missing")
	}
	for _, lang := range Languages() {
		t.Run(lang, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Playbook(&buf, nordlys.strategy, PlaybookOptions{Format: "md", Lang: lang, Calendar: nordlys.calendar}); err != nil {
				t.Fatal(err)
			}
			for _, want := range wantSections(t, nordlys.strategy, nordlys.calendar, lang) {
				if !strings.Contains(buf.String(), "\n## "+mdEscape(want)+"\n") {
					t.Errorf("no heading %q", want)
				}
			}
			if lang != "en" && lang != "nb" {
				checkPlaybookGolden(t, "nordlys."+lang+".md", buf.Bytes())
				// The HTML too: labels in Polish, Greek and Finnish are long,
				// and a translator reviews the page as readers see it.
				var page bytes.Buffer
				if err := Playbook(&page, nordlys.strategy, PlaybookOptions{Format: "html", Lang: lang, Calendar: nordlys.calendar}); err != nil {
					t.Fatal(err)
				}
				checkPlaybookGolden(t, "nordlys."+lang+".html", page.Bytes())
			}
		})
	}
}

// stylesheetPlaceholder stands in the HTML goldens for the inlined
// stylesheet, so that a change to style.css is one diff in style.css, not
// one in every golden file.
const stylesheetPlaceholder = "/* templates/playbook/style.css, inlined: checked against the embedded file */"

// withoutStylesheet checks that a page inlines the embedded style.css
// exactly, then replaces it with stylesheetPlaceholder.
func withoutStylesheet(t *testing.T, page []byte) []byte {
	t.Helper()
	css, err := templates.Playbook.ReadFile("playbook/style.css")
	if err != nil {
		t.Fatal(err)
	}
	start := bytes.Index(page, []byte("<style>\n"))
	end := bytes.Index(page, []byte("</style>"))
	if start < 0 || end < start {
		t.Fatal("the page has no <style> block")
	}
	inlined := page[start+len("<style>\n") : end]
	if want := strings.ReplaceAll(string(css), "</", `<\/`); strings.TrimSpace(string(inlined)) != strings.TrimSpace(want) {
		t.Fatal("the page's <style> is not the embedded templates/playbook/style.css")
	}
	out := append([]byte(nil), page[:start+len("<style>\n")]...)
	out = append(out, stylesheetPlaceholder+"\n"...)
	return append(out, page[end:]...)
}
