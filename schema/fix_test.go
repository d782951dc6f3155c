package schema

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestFixKinds: each kind of finding that knows its fix carries it, with
// the exact bytes to replace and the replacement written as YAML; where
// the replacement is not certain there is none.
func TestFixKinds(t *testing.T) {
	const head = "version: 1\nbrand: {name: X, timezone: Europe/Oslo}\n"
	const pillars = "pillars:\n  - {id: brand, name: B, weight: 100}\n"
	ch := func(extra string) string {
		return pillars + "channels:\n  - id: ig\n    platform: instagram\n    owner: O\n    role: R\n    response_sla: 1h\n" + extra
	}
	for _, tc := range []struct {
		name     string
		yaml     string
		rule     string
		old, new string // "" when no fix is wanted
		safe     bool
	}{
		{"misspelt key", "pilars:\n  - {id: brand, name: B, weight: 100}\n", "unknown-key", "pilars", "pillars", true},
		{"misspelt key that would clash", pillars + "pillar:\n  - {id: x, name: B, weight: 100}\npilars: 1\n", "unknown-key", "", "", false},
		{"enum in the wrong case", ch("") + "rules: {persona-stale: Warning}\n", "invalid-value", "Warning", "warning", true},
		{"platform in the wrong case", strings.Replace(ch(""), "platform: instagram", "platform: LinkedIn", 1), "invalid-value", "LinkedIn", "linkedin", true},
		{"day written in full", ch("    cadence: {min_per_week: 1, days: [Tuesday], times: [\"09:00\"]}\n"), "invalid-value", "Tuesday", "tue", true},
		{"day in single quotes", ch("    cadence: {min_per_week: 1, days: ['monday'], times: [\"09:00\"]}\n"), "invalid-value", "'monday'", "'mon'", true},
		{"day in double quotes", ch("    cadence: {min_per_week: 1, days: [\"monday\"], times: [\"09:00\"]}\n"), "invalid-value", `"monday"`, `"mon"`, true},
		{"ambiguous enum", ch("    cadence: {min_per_week: 1, days: [t], times: [\"09:00\"]}\n"), "invalid-value", "", "", false},
		{"day the list has already has no fix", ch("    cadence: {min_per_week: 1, days: [mon, Monday], times: [\"09:00\"]}\n"), "invalid-value", "", "", false},
		{"time the list has already has no fix", ch("    cadence: {min_per_week: 1, days: [mon], times: [\"09:00\", 9am]}\n"), "invalid-value", "", "", false},
		{"the first of two days that fix alike keeps its fix", ch("    cadence: {min_per_week: 1, days: [Monday, monday], times: [\"09:00\"]}\n"), "invalid-value", "Monday", "mon", true},
		{"reference to an id the list has already has no fix", ch("    personas: [kari, karri]\npersonas:\n  - {id: kari, name: K, last_reviewed: 2026-11-01}\n"), "unknown-reference", "", "", false},
		{"duration in words", strings.Replace(ch(""), "1h", "4 hours", 1), "invalid-value", "4 hours", "4h", true},
		{"duration in two parts", strings.Replace(ch(""), "1h", "1 day and 12 hours", 1), "invalid-value", "1 day and 12 hours", "1d12h", true},
		{"time with am", ch("    cadence: {min_per_week: 1, days: [mon], times: [9am]}\n"), "invalid-value", "9am", `"09:00"`, true},
		{"time with a dot, quoted", ch("    cadence: {min_per_week: 1, days: [mon], times: ['7.30 pm']}\n"), "invalid-value", "'7.30 pm'", `'19:30'`, true},
		{"time with an escape is left alone", ch("    cadence: {min_per_week: 1, days: [mon], times: [\"9\\x61m\"]}\n"), "invalid-value", "", "", false},
		{"timezone by its city", strings.Replace(head, "Europe/Oslo", "Oslo", 1) + pillars, "timezone-invalid", "Oslo", "Europe/Oslo", true},
		{"timezone in the wrong case", strings.Replace(head, "Europe/Oslo", "europe/oslo", 1) + pillars, "timezone-invalid", "europe/oslo", "Europe/Oslo", true},
		{"timezone abbreviation has no fix", strings.Replace(head, "Europe/Oslo", "CET", 1) + pillars, "timezone-invalid", "", "", false},
		{"persona reference", ch("    personas: [karri]\npersonas:\n  - {id: kari, name: K, last_reviewed: 2026-11-01}\n"), "unknown-reference", "karri", "kari", true},
		{"pillar reference as a key", ch("    pillars: {brnd: 100}\n"), "unknown-reference", "brnd", "brand", true},
		{"reference with two candidates", ch("    personas: [kar]\npersonas:\n  - {id: kari, name: K, last_reviewed: 2026-11-01}\n  - {id: kare, name: K, last_reviewed: 2026-11-01}\n"), "unknown-reference", "", "", false},
		{"hashtags read as a comment", "pillars:\n  - id: brand\n    name: B\n    weight: 100\n    description: Out we go #nordlys #tur\n", "hashtag-comment", "Out we go #nordlys #tur", `"Out we go #nordlys #tur"`, true},
		{"misspelt rule id", pillars + "rules: {persona-stail: off}\n", "rules-unknown", "persona-stail", "persona-stale", true},
		{"tactic KPI metric in words", ch("tactics:\n  - {id: qa, name: Q, goal: community, pillar: brand, channels: [ig], schedule: {rrule: FREQ=WEEKLY, time: \"18:00\"}, kpis: [{metric: Engagement Rate, target: 4}]}\n"),
			"tactic-kpi-metric", "Engagement Rate", "engagement_rate", false},
		{"a hashtag without its #", "pillars:\n  - {id: brand, name: B, weight: 100, hashtags: [nordlys]}\n", "hashtag-no-hash", "nordlys", `"#nordlys"`, true},
		{"a quoted hashtag without its #", "pillars:\n  - {id: brand, name: B, weight: 100, hashtags: ['nordlys']}\n", "hashtag-no-hash", "'nordlys'", `'#nordlys'`, true},
		{"a hashtag without its # listed with it too has no fix", "pillars:\n  - {id: brand, name: B, weight: 100, hashtags: [\"#nordlys\", nordlys]}\n", "hashtag-no-hash", "", "", false},
		{"a hashtag item read as a comment", "pillars:\n  - id: brand\n    name: B\n    weight: 100\n    hashtags:\n      - #nordlys   \n      - \"#tur\"\n", "wrong-type", "#nordlys", `"#nordlys"`, true},
		{"an empty day with a hashtag comment has no fix", ch("    cadence:\n      min_per_week: 1\n      days:\n        - #TODO\n      times: [\"09:00\"]\n"), "wrong-type", "", "", false},
		{"an empty item with a comment in words has no fix", "pillars:\n  - id: brand\n    name: B\n    weight: 100\n    hashtags:\n      - # to do\n", "wrong-type", "", "", false},
		{"hashtags under a misspelt key are offered until the key is fixed", "pilars:\n  - id: brand\n    name: B\n    weight: 100\n    description: Out we go #nordlys #tur\n", "hashtag-comment", "Out we go #nordlys #tur", `"Out we go #nordlys #tur"`, false},
		{"a comment in words is offered, not applied", "pillars:\n  - id: brand\n    name: B\n    weight: 100\n    description: Out we go #todo ask Kari\n", "hashtag-comment", "Out we go #todo ask Kari", `"Out we go #todo ask Kari"`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := head + tc.yaml
			if strings.HasPrefix(tc.yaml, "version") {
				src = tc.yaml
			}
			res, _ := validateText(t, src)
			var d *Diagnostic
			for i := range res.Diagnostics {
				if res.Diagnostics[i].Rule == tc.rule {
					d = &res.Diagnostics[i]
					break
				}
			}
			if d == nil {
				t.Fatalf("no %s finding in %v", tc.rule, res.Diagnostics)
			}
			if tc.old == "" {
				if d.Fix != nil {
					t.Fatalf("%s: unexpected fix %+v", d, *d.Fix)
				}
				return
			}
			f := d.Fix
			if f == nil {
				t.Fatalf("%s: no fix", d)
			}
			if f.Old != tc.old || f.New != tc.new || f.Safe != tc.safe {
				t.Errorf("fix %q → %q (safe %v), want %q → %q (safe %v)", f.Old, f.New, f.Safe, tc.old, tc.new, tc.safe)
			}
			if got := src[f.Start:f.End]; got != f.Old {
				t.Errorf("bytes %d..%d read %q, not %q", f.Start, f.End, got, f.Old)
			}
			if f.File != d.File || f.Line != d.Line {
				t.Errorf("fix at %s:%d, finding at %s:%d", f.File, f.Line, d.File, d.Line)
			}
		})
	}
}

func TestHumanDuration(t *testing.T) {
	for in, want := range map[string]string{
		"4 hours": "4h", "4 Hours": "4h", "30 minutes": "30m", "1 day": "1d", "2 weeks": "2w",
		"1 day 12 hours": "1d12h", "1h 30m": "1h30m", "1 hour, 30 mins": "1h30m", "90 min": "90m",
		"soon": "", "4": "", "hours": "", "4 parsecs": "", "1.5 hours": "", "-1 h": "", "": "",
	} {
		if got := humanDuration(in); got != want {
			t.Errorf("humanDuration(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHumanClock(t *testing.T) {
	for in, want := range map[string]string{
		"9am": "09:00", "9 am": "09:00", "9AM": "09:00", "9pm": "21:00", "12am": "00:00", "12pm": "12:00",
		"9:30": "09:30", "9.30": "09:30", "7.30 pm": "19:30", "21.00": "21:00", "09:30:00": "09:30", "9 a.m.": "09:00",
		"9": "", "13pm": "", "25:00": "", "9:5": "", "9:60": "", "noon": "", "0am": "", "09:30:15": "", "": "",
	} {
		if got := humanClock(in); got != want {
			t.Errorf("humanClock(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEnumGuess(t *testing.T) {
	days := []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
	for _, tc := range []struct {
		got  string
		opts []string
		want string
	}{
		{"Tuesday", days, "tue"}, {"monday", days, "mon"}, {"MON", days, "mon"}, {"t", days, ""},
		{"LinkedIn", []string{"instagram", "linkedin"}, "linkedin"},
		{"insta", []string{"instagram", "linkedin"}, ""},
		{"instagarm", []string{"instagram", "linkedin"}, "instagram"},
		{"cat", []string{"bat", "hat"}, ""}, // two at one typo: no guess
		{"story", []string{"stories", "story-ads"}, ""},
		// More than one value written as one: no guess drops the rest.
		{"Mon-Fri", days, ""}, {"Saturday and Sunday", days, ""}, {"Thursdays", days, "thu"},
		{"Instagram Reels and TikTok", []string{"instagram", "tiktok"}, ""},
	} {
		if got := enumGuess(tc.got, tc.opts); got != tc.want {
			t.Errorf("enumGuess(%q) = %q, want %q", tc.got, got, tc.want)
		}
	}
}

func TestSingular(t *testing.T) {
	for in, want := range map[string]string{"days": "day", "formats": "format", "categories": "category", "address": "address", "platform": "platform"} {
		if got := singular(in); got != want {
			t.Errorf("singular(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPlainSafe(t *testing.T) {
	for in, want := range map[string]bool{
		"instagram": true, "Europe/Oslo": true, "4h": true, "1d12h": true, "America/Port-au-Prince": true,
		"09:00": false, "yes": false, "No": false, "null": false, "1e3": false, "0x1F": false, "123": false,
		"1_000": false, "-x": false, "a b": false, "#tag": false, "": false, ".5": false,
	} {
		if got := plainSafe(in); got != want {
			t.Errorf("plainSafe(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestHashtagFixGivesWayToTheValuesOwn: a value that is wrong and has a
// hashtag comment keeps its own fix safe; an allowed value takes no
// hashtag, so the comment is left a comment, with no finding of its own.
func TestHashtagFixGivesWayToTheValuesOwn(t *testing.T) {
	src := "version: 1\nbrand: {name: X, timezone: Europe/Oslo}\npillars:\n  - {id: brand, name: B, weight: 100}\nchannels:\n  - id: ig\n    platform: Instagram #ig\n    owner: O\n    role: R\n    response_sla: 1h\n"
	res, _ := validateText(t, src)
	safe := map[string]bool{}
	for _, d := range res.Diagnostics {
		if d.Fix != nil {
			safe[d.Rule] = d.Fix.Safe
		}
	}
	if want := map[string]bool{"invalid-value": true}; !reflect.DeepEqual(safe, want) {
		t.Errorf("safe fixes by rule: %v, want %v", safe, want)
	}
}

// TestFixOffsetsCountTheBOM: offsets are into the file as stored, so a
// byte order mark before the text counts.
func TestFixOffsetsCountTheBOM(t *testing.T) {
	src := "\ufeffversion: 1\r\nbrand: {name: Ærø, timezone: Oslo}\r\npillars:\r\n  - {id: brand, name: B, weight: 100}\r\n"
	res, _ := validateText(t, src)
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].Fix == nil {
		t.Fatalf("findings: %v", res.Diagnostics)
	}
	f := res.Diagnostics[0].Fix
	if src[f.Start:f.End] != "Oslo" || f.Line != 2 || f.Column != 30 || f.EndColumn != 34 {
		t.Errorf("fix %+v: bytes read %q", *f, src[f.Start:f.End])
	}
}

func TestZoneFix(t *testing.T) {
	for in, want := range map[string]string{
		"Oslo": "Europe/Oslo", "new york": "America/New_York", "europe/oslo": "Europe/Oslo", "Europe/Olso": "Europe/Oslo",
		"CET": "", "Europe/Oslo": "", "Nowhere": "",
	} {
		if got := zoneFix(in); got != want {
			t.Errorf("zoneFix(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFixesDoNotRepeatAnEntry: of two entries that would be fixed to the
// same value, only the first carries the fix; the next round finds the
// second repeated.
func TestFixesDoNotRepeatAnEntry(t *testing.T) {
	src := "version: 1\nbrand: {name: X, timezone: Europe/Oslo}\npillars:\n  - {id: brand, name: B, weight: 100}\n" +
		"channels:\n  - {id: ig, platform: instagram, cadence: {min_per_week: 1, days: [Monday, monday, Tuesday], times: [\"09:00\"]}}\n"
	res, _ := validateText(t, src)
	var got []string
	for _, d := range res.Diagnostics {
		if d.Fix != nil {
			got = append(got, d.Fix.Old+"→"+d.Fix.New)
		}
	}
	if want := "Monday→mon Tuesday→tue"; strings.Join(got, " ") != want {
		t.Errorf("fixes %q, want %q", strings.Join(got, " "), want)
	}
}

// TestHashtagCommentOnlyInText: a # comment after a number, an id, an
// allowed value, a date or a duration is a comment, not a hashtag the
// value lost: quoting it in would make the value invalid (and drop the
// comment). Only a value that takes any text gets the finding and its fix,
// also when a merge key uses it elsewhere.
func TestHashtagCommentOnlyInText(t *testing.T) {
	src := `version: 1
brand: {name: X, timezone: Europe/Oslo}
x-base: &base
  platform: instagram #ig
  role: Reach hikers #tur
pillars:
  - id: a
    name: A
    weight: 100 #main
    description: Boots in use #fjellsko
personas:
  - id: hiker #persona1
    name: H
    last_reviewed: 2026-11-01 #q4
channels:
  - <<: *base
    id: ig
    personas: [hiker]
    owner: K
    response_sla: 4h #sla
    cadence:
      min_per_week: 1 #x
      days: [mon]
      times: ["09:00"]
`
	res, _ := validateText(t, src)
	var got []string
	for _, d := range res.Diagnostics {
		if d.Rule == "hashtag-comment" {
			fix := "no fix"
			if d.Fix != nil {
				fix = d.Fix.New
			}
			got = append(got, fmt.Sprintf("%d: %s", d.Line, fix))
		}
	}
	if want := `5: "Reach hikers #tur"|10: "Boots in use #fjellsko"`; strings.Join(got, "|") != want {
		t.Errorf("hashtag-comment findings %q, want %q", strings.Join(got, "|"), want)
	}
}

// validateText writes src as a strategy.yaml of its own and validates it
// on the tests' pinned day; it returns the result and the file's path.
func validateText(t *testing.T, src string) (Result, string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "strategy.yaml")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := ValidateFile(p, Options{Now: benchNow})
	if err != nil {
		t.Fatal(err)
	}
	return res, p
}
