package schema

import (
	"strings"
	"testing"
	"time"
)

var cadenceCases = []ruleCase{
	{name: "rrule-invalid", rules: []string{"rrule-invalid"}},
	{name: "cadence-shape", rules: []string{"cadence-shape"}},
	{name: "schedule-shape", rules: []string{"schedule-shape"}},
	{name: "cadence-unreachable", rules: []string{"cadence-unreachable"}},
	{name: "cadence-clash", rules: []string{"cadence-clash", "cadence-unreachable"}},
}

func TestRuleCadence(t *testing.T) { runRuleCases(t, cadenceCases) }

func TestParseRRule(t *testing.T) {
	for _, tc := range []struct {
		rule    string
		cadence bool
		want    string
	}{
		{"FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=9;BYMINUTE=0", true, ""},
		{"RRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=9", true, ""},
		{"FREQ=MONTHLY;BYDAY=1FR", false, ""},
		{"FREQ=MONTHLY;BYDAY=1FR", true, "the rule has no BYHOUR, so it does not say at what time to post"},
		{"FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24", false, ""},
		{"DTSTART:20270104T090000Z\nRRULE:FREQ=WEEKLY", false, "the rule sets DTSTART"},
		{"FREQ=WEEKLY\r\n", false, "the rule spans more than one line"},
		{"FREQ=weekly", false, "the rule has lower-case letters; RRULE parts and values are written in capitals"},
		{"BYDAY=MO", false, "the rule has no FREQ"},
		{"FREQ=WEEKLY;;BYDAY=MO", false, "the rule has an empty part: a ; at the end, or two in a row"},
		{"FREQ=WEEKLY;BYDAY", false, `the part "BYDAY" is not written NAME=VALUE`},
		{"FREQ=WEEKLY;BYDAY=", false, `the part "BYDAY=" is not written NAME=VALUE`},
		{"FREQ=WEEKLY;BYDAY=MO=TU", false, `the part "BYDAY=MO=TU" is not written NAME=VALUE`},
		{"FREQ=WEEKLY;TZID=EUROPE", false, `"TZID" is not a part of an RRULE`},
		{"FREQ=WEEKY", false, `FREQ=WEEKY is not a frequency; did you mean "WEEKLY"?`},
		{"FREQ=MINUTELY", false, "FREQ=MINUTELY is too frequent for a posting schedule"},
		{"FREQ=SECONDLY;BYSECOND=0", false, "FREQ=SECONDLY is too frequent for a posting schedule"},
		{"FREQ=WEEKLY;BYDAY=XX", false, `"XX" is not a weekday`},
		{"FREQ=WEEKLY;INTERVAL=2.5", false, "the rule has a number that is not a whole number"},
		{"FREQ=MONTHLY;BYMONTHDAY=32", false, "BYMONTHDAY must be between 1 and 31 or -1 and -31"},
		{"FREQ=YEARLY;BYSETPOS=0;BYDAY=MO", false, "BYSETPOS must be between 1 and 366 or -1 and -366"},
	} {
		got, hint, opt := parseRRule(tc.rule, tc.cadence, false)
		if got != tc.want {
			t.Errorf("parseRRule(%q) = %q, want %q", tc.rule, got, tc.want)
		}
		if got != "" && (hint == "" || opt != nil) {
			t.Errorf("parseRRule(%q): a problem needs a hint and no rule (hint %q)", tc.rule, hint)
		}
		if got == "" && opt == nil {
			t.Errorf("parseRRule(%q) accepted the rule but returned none", tc.rule)
		}
	}
}

func TestLeanestWeek(t *testing.T) {
	for _, tc := range []struct {
		rule string
		want int
	}{
		{"FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=9", 3},
		{"FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=9,18", 6},
		{"FREQ=DAILY;BYHOUR=9", 7},
		{"FREQ=DAILY;INTERVAL=2;BYHOUR=9", 3},
		{"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;BYHOUR=9", 0},
		{"FREQ=MONTHLY;BYDAY=1FR;BYHOUR=9", 0},
		// COUNT and UNTIL end a tactic's rule, but do not change its rhythm.
		{"FREQ=DAILY;BYHOUR=9;COUNT=2", 7},
		{"FREQ=DAILY;BYHOUR=9;UNTIL=20200101T000000Z", 7},
		// A rule that never happens must not keep the validator busy.
		{"FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;BYHOUR=9", 0},
	} {
		_, _, opt := parseRRule(tc.rule, true, true)
		if opt == nil {
			t.Fatalf("parseRRule(%q) rejected the rule", tc.rule)
		}
		start := time.Now()
		if got := leanestWeek(opt); got != tc.want {
			t.Errorf("leanestWeek(%q) = %d, want %d", tc.rule, got, tc.want)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("leanestWeek(%q) took %v", tc.rule, d)
		}
	}
}

// FuzzParseRRule feeds arbitrary text to the rule parser and expands what
// it accepts: neither may panic, and an accepted rule must expand.
func FuzzParseRRule(f *testing.F) {
	for _, s := range []string{
		"FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=9;BYMINUTE=0",
		"FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=9",
		"FREQ=YEARLY;BYWEEKNO=53;BYDAY=SU;BYHOUR=0",
		"FREQ=DAILY;BYSETPOS=-1;BYHOUR=9,10",
		"FREQ=HOURLY;INTERVAL=24;BYHOUR=5",
		"FREQ=WEEKLY;INTERVAL=99999999;BYHOUR=1",
		"FREQ=DAILY;BYDAY=+99MO;BYHOUR=1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, rule string) {
		_, _, opt := parseRRule(rule, true, false)
		if opt != nil {
			leanestWeek(opt)
		}
	})
}

func TestCadenceRulesEndOnlyFromAStart(t *testing.T) {
	for _, rule := range []string{"FREQ=DAILY;BYHOUR=9;COUNT=3", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;UNTIL=20270301T000000Z"} {
		msg, _, opt := parseRRule(rule, true, false)
		if opt != nil || !strings.Contains(msg, "without a start cannot end") {
			t.Errorf("cadence rule %q without a start: got %q, want it refused", rule, msg)
		}
		if _, _, opt := parseRRule(rule, true, true); opt == nil {
			t.Errorf("cadence rule %q with a start should be accepted", rule)
		}
		if _, _, opt := parseRRule(rule, false, false); opt == nil {
			t.Errorf("tactic rule %q should be accepted", rule)
		}
	}
}

func TestRRuleSecondsAreRefused(t *testing.T) {
	for _, cadence := range []bool{true, false} {
		msg, _, opt := parseRRule("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=30", cadence, false)
		if opt != nil || msg != "BYSECOND=30 sets seconds, but posts are planned to the minute" {
			t.Errorf("BYSECOND=30 (cadence %v): got %q", cadence, msg)
		}
		if _, _, opt := parseRRule("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0", cadence, false); opt == nil {
			t.Errorf("BYSECOND=0 (cadence %v) should be accepted", cadence)
		}
	}
}
