package render

import (
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/pillar-strategy/pillar/strategy"
)

// TestDictionariesComplete: every language has every label and plural of
// the English dictionary, the plural forms its grammar needs, and full
// lists of months, weekdays and ordinals.
func TestDictionariesComplete(t *testing.T) {
	en, err := embeddedDict("en")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Languages() {
		t.Run(lang, func(t *testing.T) {
			d, err := embeddedDict(lang)
			if err != nil {
				t.Fatal(err)
			}
			var missing []string
			for k := range en.Labels {
				if strings.TrimSpace(d.Labels[k]) == "" {
					missing = append(missing, k)
				}
			}
			for k := range d.Labels {
				if _, ok := en.Labels[k]; !ok {
					t.Errorf("label %q is not in en.yaml", k)
				}
			}
			for k := range en.Plurals {
				for _, form := range pluralForms(lang) {
					if strings.TrimSpace(d.Plurals[k][form]) == "" {
						missing = append(missing, k+"."+form)
					}
				}
			}
			sort.Strings(missing)
			if len(missing) > 0 {
				t.Errorf("missing: %s", strings.Join(missing, ", "))
			}
			for name, list := range map[string][]string{"months": d.Months, "months_short": d.MonthsShort} {
				if len(list) != 12 {
					t.Errorf("%s has %d entries, want 12", name, len(list))
				}
			}
			for name, list := range map[string][]string{"weekdays": d.Weekdays, "weekdays_short": d.WeekdaysShort, "every_weekday": d.EveryWeekday} {
				if len(list) != 7 {
					t.Errorf("%s has %d entries, want 7", name, len(list))
				}
			}
			for wd := 0; wd < 7; wd++ {
				for _, n := range []int{1, 2, 3, 4, 5, -1} {
					if d.ordinal(n, wd) == "" {
						t.Errorf("no ordinal %d for weekday %d", n, wd)
					}
				}
			}
			if d.Number.Decimal == "" || d.Number.Group == "" || !strings.Contains(d.Number.Percent, "{n}") ||
				d.Date.Long == "" || d.Date.Short == "" || d.Date.Clock == "" {
				t.Error("number or date patterns missing")
			}
		})
	}
}

func TestDates(t *testing.T) {
	for lang, want := range map[string][2]string{
		"en": {"4 January 2027", "Mon 4 Jan"},
		"nb": {"4. januar 2027", "man. 4. jan."},
		"pl": {"4 stycznia 2027", "pon. 4 sty"},
		"el": {"4 Ιανουαρίου 2027", "Δευ 4 Ιαν"},
		"fi": {"4. tammikuuta 2027", "ma 4.1."},
	} {
		d, _ := embeddedDict(lang)
		if got := d.date(2027, time.January, 4); got != want[0] {
			t.Errorf("%s: date %q, want %q", lang, got, want[0])
		}
		if got := d.shortDate(2027, time.January, 4); got != want[1] {
			t.Errorf("%s: short date %q, want %q", lang, got, want[1])
		}
	}
}

func TestNumbersAndPlurals(t *testing.T) {
	for _, tc := range []struct {
		lang, got, want string
	}{
		{"en", dictOf("en").integer(48000), "48,000"},
		{"nb", dictOf("nb").integer(48000), "48\u00a0000"},
		{"nb", dictOf("nb").integer(9400), "9400"},
		{"el", dictOf("el").integer(9400), "9.400"},
		{"en", dictOf("en").percent(12.5), "12.5%"},
		{"fi", dictOf("fi").percent(12.5), "12,5\u00a0%"},
		{"pl", dictOf("pl").plural("posts", 1), "1 post"},
		{"pl", dictOf("pl").plural("posts", 3), "3 posty"},
		{"pl", dictOf("pl").plural("posts", 5), "5 postów"},
		{"pl", dictOf("pl").plural("posts", 12), "12 postów"},
		{"pl", dictOf("pl").plural("posts", 22), "22 posty"},
		{"pl", dictOf("pl").pluralf("points", 2.5), "2,5 punktu procentowego"},
		{"fi", dictOf("fi").plural("hours", 4), "4 tuntia"},
		{"el", dictOf("el").plural("days", 1), "1 ημέρα"},
		{"en", dictOf("en").list([]string{"a", "b", "c"}), "a, b and c"},
		{"nb", dictOf("nb").clock("09:30"), "09.30"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.lang, tc.got, tc.want)
		}
	}
}

func dictOf(lang string) *dict {
	d, err := embeddedDict(lang)
	if err != nil {
		panic(err)
	}
	return d
}

// TestScheduleWords: the RRULEs people write read as sentences in every
// language; other rules are shown as written.
func TestScheduleWords(t *testing.T) {
	b := func(lang string) *viewBuilder {
		return &viewBuilder{s: &strategy.Strategy{}, d: dictOf(lang), ids: map[string]bool{}}
	}
	for _, tc := range []struct{ lang, rule, clock, want string }{
		{"en", "FREQ=MONTHLY;BYDAY=1FR", "12:00", "first Friday of every month at 12:00"},
		{"en", "FREQ=WEEKLY;BYDAY=WE", "19:30", "every Wednesday at 19:30"},
		{"en", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=10,15;BYMINUTE=0", "", "Mon–Fri at 10:00 and 15:00"},
		{"en", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", "", "every other week: Tue, Thu"},
		{"en", "FREQ=MONTHLY;BYDAY=-1WE", "", "last Wednesday of every month"},
		{"en", "FREQ=MONTHLY;BYMONTHDAY=15", "", "day 15 of every month"},
		{"en", "FREQ=DAILY;INTERVAL=3", "", "every 3 days"},
		{"en", "FREQ=WEEKLY;BYDAY=SU;UNTIL=20270630T000000Z", "", "every Sunday, until 30 June 2027"},
		{"nb", "FREQ=MONTHLY;BYDAY=1FR", "12.00", "første fredag i måneden kl. 12.00"},
		{"pl", "FREQ=MONTHLY;BYDAY=1FR", "12:00", "pierwszy piątek miesiąca, godz. 12:00"},
		{"pl", "FREQ=MONTHLY;BYDAY=-1WE", "", "ostatnia środa miesiąca"},
		{"pl", "FREQ=WEEKLY;BYDAY=SA", "", "w każdą sobotę"},
		{"el", "FREQ=MONTHLY;BYDAY=2TH", "13:00", "δεύτερη Πέμπτη κάθε μήνα, στις 13:00"},
		{"el", "FREQ=MONTHLY;BYDAY=1SA", "", "πρώτο Σάββατο κάθε μήνα"},
		{"fi", "FREQ=MONTHLY;BYDAY=-1TU", "", "kuukauden viimeinen tiistai"},
	} {
		got, ok := b(tc.lang).ruleWords(tc.rule, tc.clock)
		if !ok || got != tc.want {
			t.Errorf("%s %s: %q (%v), want %q", tc.lang, tc.rule, got, ok, tc.want)
		}
	}
	for _, rule := range []string{"FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU", "FREQ=HOURLY", "FREQ=WEEKLY;COUNT=3", "nonsense", "FREQ=MONTHLY;BYDAY=1FR,3FR"} {
		if got, ok := b("en").ruleWords(rule, ""); ok {
			t.Errorf("%s: %q, want it shown as written", rule, got)
		}
	}
	if got := b("en").days([]string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}); got != "every day" {
		t.Errorf("all days: %q", got)
	}
	if got := b("en").days([]string{"sun", "mon", "wed", "tue"}); got != "Mon–Wed, Sun" {
		t.Errorf("days: %q", got)
	}
}

// loanwords are the labels a language writes as English does, on purpose:
// the same word is at home there too.
var loanwords = map[string][]string{
	"nb": {"format", "persona", "status", "status_partner", "tone"},
	"pl": {"format", "persona", "status", "status_partner", "plural posts.one"},
}

// TestDictionariesTranslated: no label or plural of a language other than
// English reads exactly as the English one (an untranslated label, as
// Greek's "Influencers" and "Hashtags" were), unless the language lists it
// among its loanwords; a label with no letters ("{from} – {to}") is the
// same everywhere.
func TestDictionariesTranslated(t *testing.T) {
	en, err := embeddedDict("en")
	if err != nil {
		t.Fatal(err)
	}
	noLetters := func(s string) bool {
		for _, r := range regexp.MustCompile(`\{[a-z_]+\}`).ReplaceAllString(s, "") {
			if unicode.IsLetter(r) {
				return false
			}
		}
		return true
	}
	for _, lang := range Languages() {
		if lang == "en" {
			continue
		}
		t.Run(lang, func(t *testing.T) {
			d, err := embeddedDict(lang)
			if err != nil {
				t.Fatal(err)
			}
			same := map[string]string{}
			for k, v := range d.Labels {
				if v == en.Labels[k] && !noLetters(v) {
					same[k] = v
				}
			}
			for k, forms := range d.Plurals {
				for f, v := range forms {
					if v == en.Plurals[k][f] && !noLetters(v) {
						same["plural "+k+"."+f] = v
					}
				}
			}
			for _, k := range loanwords[lang] {
				if _, ok := same[k]; !ok {
					t.Errorf("loanword %q is no longer the English label: take it off the list", k)
				}
				delete(same, k)
			}
			for k, v := range same {
				t.Errorf("%s reads %q, as in English: translate it, or list it in loanwords", k, v)
			}
		})
	}
}

// TestTacticMetricsTranslated: a tactic's KPI metric id is shown by its
// name in the playbook's language; an id with no name is shown as written.
func TestTacticMetricsTranslated(t *testing.T) {
	ex := nordlysExample(t)
	s := *ex.strategy
	s.Tactics = append(s.Tactics[:0:0], s.Tactics...)
	s.Tactics[0].KPIs = []strategy.TacticKPI{{Metric: "new_followers", Target: 100}, {Metric: "engagement_rate", Target: 4}, {Metric: "box_openings", Target: 3}}
	for lang, want := range map[string][]string{
		"en": {"New followers", "Engagement rate", "box openings"},
		"el": {"Νέοι ακόλουθοι", "Ποσοστό αλληλεπίδρασης", "box openings"},
		"pl": {"Nowi obserwujący", "Wskaźnik zaangażowania", "box openings"},
	} {
		var buf strings.Builder
		if err := Playbook(&buf, &s, PlaybookOptions{Format: "md", Lang: lang}); err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(buf.String(), "| "+w+" |") {
				t.Errorf("%s: no metric %q in the tactic's targets", lang, w)
			}
		}
		if strings.Contains(buf.String(), "new_followers") || strings.Contains(buf.String(), "engagement_rate") {
			t.Errorf("%s: a metric is shown as its id", lang)
		}
	}
}

// TestGrowthAndClicksKPIs: the follower_growth and clicks_per_week targets
// are in the playbook's KPI section, labelled in every language.
func TestGrowthAndClicksKPIs(t *testing.T) {
	ex := nordlysExample(t)
	s := *ex.strategy
	k := *s.KPIs
	k.FollowerGrowth = &strategy.Target{Target: 5}
	k.ClicksPerWeek = &strategy.Target{Target: 250}
	s.KPIs = &k
	for lang, want := range map[string][]string{
		"en": {"Follower growth over the audited period, all channels together", "Link clicks a week, all channels together"},
		"nb": {"Følgervekst over perioden som revideres, alle kanaler samlet", "Lenkeklikk per uke, alle kanaler samlet"},
		"fi": {"Seuraajamäärän kasvu tarkastelujaksolla kaikissa kanavissa yhteensä", "Linkkiklikkaukset viikossa kaikissa kanavissa yhteensä"},
		"pl": {"Wzrost liczby obserwujących w badanym okresie we wszystkich kanałach łącznie", "Kliknięcia w linki tygodniowo we wszystkich kanałach łącznie"},
		"el": {"Αύξηση ακολούθων στην περίοδο ελέγχου σε όλα τα κανάλια μαζί", "Κλικ σε συνδέσμους την εβδομάδα σε όλα τα κανάλια μαζί"},
	} {
		for _, format := range []string{"md", "html"} {
			var buf strings.Builder
			if err := Playbook(&buf, &s, PlaybookOptions{Format: format, Lang: lang}); err != nil {
				t.Fatal(err)
			}
			for _, w := range want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("%s %s: no KPI %q", lang, format, w)
				}
			}
		}
	}
	var buf strings.Builder
	if err := Playbook(&buf, &s, PlaybookOptions{Format: "md", Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"5%", "250"} {
		if !strings.Contains(buf.String(), w) {
			t.Errorf("no target %q in the KPI section", w)
		}
	}
}

// TestNegativeShareKPI: the negative_share ceiling is in the playbook's KPI
// section, labelled in every language and shown as a ceiling.
func TestNegativeShareKPI(t *testing.T) {
	ex := nordlysExample(t)
	s := *ex.strategy
	k := *s.KPIs
	k.NegativeShare = &strategy.Target{Target: 12.5}
	s.KPIs = &k
	for lang, want := range map[string]string{
		"en": "Negative mentions at most, share of those with a known sentiment",
		"nb": "Negative omtaler høyst, andel av dem med kjent stemning",
		"fi": "Kielteisiä mainintoja enintään, osuus niistä, joiden sävy tiedetään",
		"pl": "Negatywne wzmianki najwyżej, udział wśród tych o znanym wydźwięku",
		"el": "Αρνητικές αναφορές το πολύ, μερίδιο όσων έχουν γνωστό συναίσθημα",
	} {
		for _, format := range []string{"md", "html"} {
			var buf strings.Builder
			if err := Playbook(&buf, &s, PlaybookOptions{Format: format, Lang: lang}); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(buf.String(), want) {
				t.Errorf("%s %s: no KPI %q", lang, format, want)
			}
		}
	}
	var buf strings.Builder
	if err := Playbook(&buf, &s, PlaybookOptions{Format: "md", Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "≤\u00a012.5%") {
		t.Errorf("no ceiling ≤ 12.5%% in the KPI section")
	}
}
