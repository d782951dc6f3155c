package render

import (
	"regexp"
	"strings"
	"testing"
)

var langAttr = regexp.MustCompile(` lang="([^"]*)"`)

// TestPlaybookMarksTheStrategysLanguage: when the labels are in another
// language than the strategy's brand.language, every text from the
// strategy carries lang (WCAG 2.2 SC 3.1.2); in its own language nothing
// but <html> does.
func TestPlaybookMarksTheStrategysLanguage(t *testing.T) {
	ex := nordlysExample(t) // brand.language: nb
	for _, c := range []struct {
		brand, lang string
		want        string // lang of the strategy's text, "" for none
	}{
		{"nb", "el", "nb"},
		{"nb", "en", "nb"},
		{"nb", "nb", ""},
		{"nb-NO", "nb", ""},
		{"no", "nb", ""},
		{"nb-NO", "fi", "nb-NO"},
		{"de", "en", "de"},
		{"en-GB", "en", ""},
	} {
		t.Run(c.brand+"-in-"+c.lang, func(t *testing.T) {
			s := *ex.strategy
			s.Brand.Language = c.brand
			var buf strings.Builder
			if err := Playbook(&buf, &s, PlaybookOptions{Format: "html", Lang: c.lang, Calendar: ex.calendar}); err != nil {
				t.Fatal(err)
			}
			page := buf.String()
			if !strings.Contains(page, `<html lang="`+c.lang+`">`) {
				t.Errorf("<html> is not lang=%q", c.lang)
			}
			marks := map[string]int{}
			for _, m := range langAttr.FindAllStringSubmatch(page, -1) {
				marks[m[1]]++
			}
			delete(marks, c.lang) // <html>
			if c.want == "" {
				if len(marks) > 0 {
					t.Errorf("texts marked %v in a playbook in the strategy's own language", marks)
				}
				return
			}
			if len(marks) != 1 || marks[c.want] < 100 {
				t.Errorf("lang marks %v, want the strategy's texts marked %s", marks, c.want)
			}
			for _, want := range []string{
				`<h1><bdi lang="` + c.want + `">Nordlys</bdi></h1>`,
				`<div class="lede" lang="` + c.want + `" dir="auto"><p>Nordlys er en klesbutikk`,
				`<li><bdi lang="` + c.want + `">Kvalitet framfor kvantitet</bdi></li>`,
			} {
				if !strings.Contains(page, want) {
					t.Errorf("no %s", want)
				}
			}
		})
	}
}
