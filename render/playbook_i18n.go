package render

import (
	"errors"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/pillar-strategy/pillar/templates"
)

// languages are the playbook's languages, in the order a help text lists
// them. Each has a dictionary templates/playbook/i18n/<code>.yaml.
var languages = []string{"en", "nb", "pl", "el", "fi"}

// Languages returns the codes of the languages a playbook can be written
// in: English, Norwegian Bokmål, Polish, Greek and Finnish.
func Languages() []string { return append([]string(nil), languages...) }

// languageOf maps a BCP 47 tag such as "nb-NO", "no" or "EN_gb" onto one
// of Languages, or "" when none fits. Norwegian in any written form is
// shown in Bokmål.
func languageOf(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	switch tag {
	case "no", "nn":
		tag = "nb"
	}
	for _, l := range languages {
		if l == tag {
			return l
		}
	}
	return ""
}

// dict is one language's dictionary: the playbook's own words and how the
// language writes dates and numbers.
type dict struct {
	// Lang is the language's code, e.g. nb.
	Lang string `yaml:"-"`
	// Name is the language's name in itself, e.g. norsk bokmål.
	Name string `yaml:"name"`
	// Number says how numbers and percentages are written.
	Number struct {
		Decimal string `yaml:"decimal"`
		Group   string `yaml:"group"`
		Percent string `yaml:"percent"` // with {n}
	} `yaml:"number"`
	// Date holds the patterns for a long date ({d} {month} {y}), a short
	// one with the weekday ({wd} {d} {mon} {m}) and a time of day ({h}
	// {m}).
	Date struct {
		Long  string `yaml:"long"`
		Short string `yaml:"short"`
		Clock string `yaml:"clock"`
	} `yaml:"date"`
	// Months are the month names as written in a date (genitive where the
	// language has one), January first.
	Months []string `yaml:"months"`
	// MonthsShort are the abbreviated month names, as written in a date.
	MonthsShort []string `yaml:"months_short"`
	// Weekdays are the weekday names as written in running text, Monday
	// first.
	Weekdays []string `yaml:"weekdays"`
	// WeekdaysShort are the abbreviated weekday names, Monday first.
	WeekdaysShort []string `yaml:"weekdays_short"`
	// EveryWeekday says "every Monday" and so on, Monday first.
	EveryWeekday []string `yaml:"every_weekday"`
	// WeekdayGender is the grammatical gender class of each weekday,
	// Monday first, that picks its ordinals; empty means one class "x".
	WeekdayGender []string `yaml:"weekday_gender"`
	// Ordinals are first, second, third, fourth, fifth and last, per
	// gender class.
	Ordinals map[string][]string `yaml:"ordinals"`
	// Labels are the headings, table headers and phrases, by key.
	Labels map[string]string `yaml:"labels"`
	// Plurals are phrases with a number {n}, by key and plural form (one,
	// few, many, other: see pluralForms); an optional "fraction" form is
	// used for numbers with decimals.
	Plurals map[string]map[string]string `yaml:"plurals"`
}

// pluralForms are the plural forms a language's Plurals must give, as
// pluralForm picks them.
func pluralForms(lang string) []string {
	if lang == "pl" {
		return []string{"one", "few", "many"}
	}
	return []string{"one", "other"}
}

// pluralForm picks the plural form for n: English, Norwegian, Greek and
// Finnish have one and other; Polish has one (1), few (2–4, 22–24, … but
// not 12–14) and many.
func pluralForm(lang string, n int64) string {
	if n < 0 {
		n = -n
	}
	if lang == "pl" {
		switch {
		case n == 1:
			return "one"
		case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
			return "few"
		}
		return "many"
	}
	if n == 1 {
		return "one"
	}
	return "other"
}

// i18nFile is where a language's dictionary lives in the template folder.
func i18nFile(lang string) string { return "i18n/" + lang + ".yaml" }

var (
	dictMu    sync.Mutex
	dictCache = map[string]*dict{}
)

// embeddedDict returns the embedded dictionary of lang, read once.
func embeddedDict(lang string) (*dict, error) {
	dictMu.Lock()
	defer dictMu.Unlock()
	if d, ok := dictCache[lang]; ok {
		return d, nil
	}
	d, err := readDict(templates.Playbook, "playbook/"+i18nFile(lang), i18nFile(lang))
	if err != nil {
		return nil, err
	}
	d.Lang = lang
	dictCache[lang] = d
	return d, nil
}

// loadDict returns lang's dictionary: the embedded one, with the keys of an
// override file of the same name in over laid on top of it, so an agency
// can reword a few labels without copying the rest.
func loadDict(lang string, over fs.FS) (*dict, error) {
	base, err := embeddedDict(lang)
	if err != nil {
		return nil, err
	}
	if over == nil {
		return base, nil
	}
	if _, err := fs.Stat(over, i18nFile(lang)); errors.Is(err, fs.ErrNotExist) {
		return base, nil
	}
	o, err := readDict(over, i18nFile(lang), i18nFile(lang))
	if err != nil {
		return nil, err
	}
	return base.overlay(o), nil
}

var yamlLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^line (\d+)`)
})

// readDict reads a dictionary file; a broken one is a *TemplateError.
func readDict(fsys fs.FS, path, name string) (*dict, error) {
	b, err := readLimited(fsys, path)
	if err != nil {
		return nil, &TemplateError{Name: name, Err: err}
	}
	var d dict
	if err := yaml.Unmarshal(b, &d); err != nil {
		msg := err.Error()
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			msg = te.Errors[0] // "line 3: cannot unmarshal …"
		}
		msg = strings.TrimPrefix(msg, "yaml: ")
		line := 0
		if m := yamlLine().FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = strings.TrimPrefix(msg, m[0]+": ")
		}
		return nil, &TemplateError{Name: name, Line: line, Err: errors.New(msg)}
	}
	return &d, nil
}

// overlay returns a copy of d with every value o sets.
func (d *dict) overlay(o *dict) *dict {
	n := *d
	n.Labels = map[string]string{}
	for k, v := range d.Labels {
		n.Labels[k] = v
	}
	for k, v := range o.Labels {
		n.Labels[k] = v
	}
	n.Plurals = map[string]map[string]string{}
	for k, v := range d.Plurals {
		n.Plurals[k] = v
	}
	for k, v := range o.Plurals {
		n.Plurals[k] = v
	}
	if o.Ordinals != nil {
		n.Ordinals = o.Ordinals
	}
	str := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	str(&n.Name, o.Name)
	str(&n.Number.Decimal, o.Number.Decimal)
	str(&n.Number.Group, o.Number.Group)
	str(&n.Number.Percent, o.Number.Percent)
	str(&n.Date.Long, o.Date.Long)
	str(&n.Date.Short, o.Date.Short)
	str(&n.Date.Clock, o.Date.Clock)
	list := func(dst *[]string, v []string) {
		if len(v) > 0 {
			*dst = v
		}
	}
	list(&n.Months, o.Months)
	list(&n.MonthsShort, o.MonthsShort)
	list(&n.Weekdays, o.Weekdays)
	list(&n.WeekdaysShort, o.WeekdaysShort)
	list(&n.EveryWeekday, o.EveryWeekday)
	list(&n.WeekdayGender, o.WeekdayGender)
	return &n
}

// label returns the label for key, or the key itself when the dictionary
// lacks it (the i18n test keeps that from happening in the embedded ones).
func (d *dict) label(key string) string {
	if v, ok := d.Labels[key]; ok {
		return v
	}
	return key
}

// fill replaces {name} placeholders in pattern, pairs given as name, value.
func fill(pattern string, pairs ...string) string {
	if !strings.Contains(pattern, "{") {
		return pattern
	}
	r := make([]string, 0, len(pairs))
	for i := 0; i+1 < len(pairs); i += 2 {
		r = append(r, "{"+pairs[i]+"}", pairs[i+1])
	}
	return strings.NewReplacer(r...).Replace(pattern)
}

// labelf fills the label for key with pairs.
func (d *dict) labelf(key string, pairs ...string) string { return fill(d.label(key), pairs...) }

// plural writes n with the phrase for key in the right plural form, e.g.
// "5 posts a week".
func (d *dict) plural(key string, n int64) string {
	forms := d.Plurals[key]
	p, ok := forms[pluralForm(d.Lang, n)]
	if !ok {
		p, ok = forms["other"]
	}
	if !ok {
		p = "{n} " + key
	}
	return fill(p, "n", d.integer(n))
}

// pluralf is plural for a number that may have decimals: those take the
// "fraction" form where the language has one, else the form for many.
func (d *dict) pluralf(key string, v float64) string {
	if v == float64(int64(v)) {
		return d.plural(key, int64(v))
	}
	forms := d.Plurals[key]
	p, ok := forms["fraction"]
	if !ok {
		f := pluralForms(d.Lang)
		p, ok = forms[f[len(f)-1]]
	}
	if !ok {
		p = "{n} " + key
	}
	return fill(p, "n", d.number(v))
}

// clock writes a time of day given as HH:MM the way the language does,
// e.g. 11:30 or 11.30; anything else is returned as it is.
func (d *dict) clock(hhmm string) string {
	if len(hhmm) != 5 || hhmm[2] != ':' || d.Date.Clock == "" {
		return isolate(hhmm) // as written in the strategy
	}
	return fill(d.Date.Clock, "h", hhmm[:2], "m", hhmm[3:])
}

// integer writes n with the language's digit grouping, e.g. 48,000 or
// 48 000. Four-digit numbers are not grouped in the languages that use a
// space (2000, not 2 000), as their style guides recommend.
func (d *dict) integer(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	if len(s) > 4 || len(s) == 4 && !strings.ContainsAny(d.Number.Group, " \u00a0\u202f") {
		var b strings.Builder
		for i, c := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteString(d.Number.Group)
			}
			b.WriteRune(c)
		}
		s = b.String()
	}
	if neg {
		s = "−" + s
	}
	return s
}

// number writes v with at most two decimals, in the language's notation.
func (d *dict) number(v float64) string {
	whole := int64(v)
	if float64(whole) == v {
		return d.integer(whole)
	}
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	i := strings.IndexByte(s, '.')
	intPart, _ := strconv.ParseInt(strings.TrimPrefix(s[:i], "-"), 10, 64)
	out := d.integer(intPart) + d.Number.Decimal + s[i+1:]
	if v < 0 {
		out = "−" + out
	}
	return out
}

// percent writes v as a percentage, e.g. 40% or 40 %.
func (d *dict) percent(v float64) string { return fill(d.Number.Percent, "n", d.number(v)) }

// date writes a long date, e.g. 4 January 2027 or 4. januar 2027.
func (d *dict) date(y int, m time.Month, day int) string {
	return fill(d.Date.Long, "d", strconv.Itoa(day), "month", d.Months[m-1], "y", strconv.Itoa(y))
}

// shortDate writes a short date with its weekday, e.g. Mon 4 Jan.
func (d *dict) shortDate(y int, m time.Month, day int) string {
	wd := (int(time.Date(y, m, day, 0, 0, 0, 0, time.UTC).Weekday()) + 6) % 7
	return fill(d.Date.Short, "wd", d.WeekdaysShort[wd], "d", strconv.Itoa(day),
		"mon", d.MonthsShort[m-1], "m", strconv.Itoa(int(m)), "y", strconv.Itoa(y))
}

// ordinal is first … fifth or last (n = -1) for the weekday wd (0 is
// Monday), or "" for any other n.
func (d *dict) ordinal(n, wd int) string {
	gender := "x"
	if wd < len(d.WeekdayGender) {
		gender = d.WeekdayGender[wd]
	}
	forms := d.Ordinals[gender]
	i := n - 1
	if n == -1 {
		i = 5
	}
	if n == 0 || n < -1 || i >= len(forms) {
		return ""
	}
	return forms[i]
}

// list joins items the way the language writes a list: "a, b and c".
func (d *dict) list(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + d.label("and") + " " + items[len(items)-1]
}
