package render

import (
	"html/template"
	"regexp"
	"strings"
	"sync"

	"github.com/pillar-strategy/pillar/strategy"
)

// LanguageOf maps a language tag as BCP 47 writes it (nb-NO, en-GB, EL, no;
// case does not matter, and _ may stand for -) onto the language of one of
// the playbook's dictionaries, Languages, falling back from a region or
// script variant to its base language; it returns "" when pillar has no
// labels in that language. Norwegian in any written form (no, nb, nn) is
// shown in Bokmål.
func LanguageOf(tag string) string { return languageOf(tag) }

// LabelLanguage returns the language of the playbook's labels for s:
// lang (a tag LanguageOf reads) when given, else the strategy's
// brand.language, else English. fallback is true when brand.language
// names a language pillar has no labels in, so the labels are in English
// although the strategy is not: a caller should say so.
func LabelLanguage(s *strategy.Strategy, lang string) (code string, fallback bool) {
	if lang != "" {
		return languageOf(lang), false
	}
	if s == nil || strings.TrimSpace(s.Brand.Language) == "" {
		return "en", false
	}
	if code = languageOf(s.Brand.Language); code != "" {
		return code, false
	}
	return "en", true
}

var languageTag = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)
})

// textLanguage is the lang attribute for the strategy's own text in a
// playbook whose labels are in lang: the strategy's brand.language when it
// is another language, else "" (the page's lang covers it). WCAG 2.2
// success criterion 3.1.2, Language of Parts
// (https://www.w3.org/WAI/WCAG22/Understanding/language-of-parts), asks
// for the mark, so that a screen reader reads Norwegian text as Norwegian
// in a Greek playbook.
func textLanguage(s *strategy.Strategy, lang string) string {
	tag := strings.ReplaceAll(strings.TrimSpace(s.Brand.Language), "_", "-")
	if tag == "" || !languageTag().MatchString(tag) || languageOf(tag) == lang {
		return ""
	}
	return tag
}

// The HTML templates mark each text from the strategy with the methods
// below: Text (and Texts, Facts) for a value shown inline, Block for the
// element that holds a Markdown block. They isolate it (see bidi.go) and
// mark its language (see textLanguage).

// htmlFact is a fact whose label and value are marked for the page.
type htmlFact struct {
	Label, Value template.HTML
}

// Text returns s from the strategy, escaped, in a <bdi> element that
// isolates it and carries its language when either is needed; text that
// needs neither is written as it is.
func (v *playbookView) Text(s string) template.HTML {
	switch {
	case v.TextLang != "":
		return template.HTML(`<bdi lang="` + template.HTMLEscapeString(v.TextLang) + `">` + template.HTMLEscapeString(balanceBidi(s)) + `</bdi>`)
	case needsIsolation(s):
		return template.HTML(`<bdi>` + template.HTMLEscapeString(balanceBidi(s)) + `</bdi>`)
	}
	return template.HTML(template.HTMLEscapeString(s))
}

// Texts marks each text of a list, as Text does.
func (v *playbookView) Texts(list []string) []template.HTML {
	out := make([]template.HTML, len(list))
	for i, s := range list {
		out[i] = v.Text(s)
	}
	return out
}

// Facts marks the values of facts from the strategy, as Text does; a
// label (the playbook's own, or a network's name) is only isolated.
func (v *playbookView) Facts(list []fact) []htmlFact {
	out := make([]htmlFact, len(list))
	for i, f := range list {
		out[i] = htmlFact{Label: isolatedHTML(f.Label), Value: v.Text(f.Value)}
	}
	return out
}

// Block returns the attributes for the element holding a Markdown block
// from the strategy: its language, and dir="auto" so that a block written
// right to left reads so, when either is needed.
func (v *playbookView) Block(s string) template.HTMLAttr {
	switch {
	case v.TextLang != "":
		return template.HTMLAttr(` lang="` + template.HTMLEscapeString(v.TextLang) + `" dir="auto"`)
	case needsIsolation(s):
		return ` dir="auto"`
	}
	return ""
}

// isolatedHTML is s escaped, in a <bdi> when it needs isolation.
func isolatedHTML(s string) template.HTML {
	if needsIsolation(s) {
		return template.HTML(`<bdi>` + template.HTMLEscapeString(balanceBidi(s)) + `</bdi>`)
	}
	return template.HTML(template.HTMLEscapeString(s))
}
