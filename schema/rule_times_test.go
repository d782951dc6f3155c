package schema

import (
	"reflect"
	"testing"
)

var timeCases = []ruleCase{
	{name: "timezone-invalid", rules: []string{"timezone-invalid"}},
	{name: "time-invalid", rules: []string{"time-invalid"}},
}

func TestRuleTimes(t *testing.T) { runRuleCases(t, timeCases) }

func TestZoneProblem(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"Europe/Oslo", ""},
		{"America/New_York", ""},
		{"UTC", ""},
		{"Asia/Calcutta", ""}, // an old name tzdata still links
		{"Europe/Olso", `"Europe/Olso" is not a known timezone; did you mean "Europe/Oslo"?`},
		{"America/New_Yrok", `"America/New_Yrok" is not a known timezone; did you mean "America/New_York"?`},
		{"New York", `"New York" is not a known timezone; did you mean "America/New_York"?`},
		{"tokyo", `"tokyo" is not a known timezone; did you mean "Asia/Tokyo"?`},
		{"europe/oslo", `the timezone "europe/oslo" must be written "Europe/Oslo"`},
		{"utc", `the timezone "utc" must be written "UTC"`},
		{"CET", `"CET" is an abbreviation shared by several places, not a timezone`},
		{"EST5EDT", `"EST5EDT" is an abbreviation shared by several places, not a timezone`},
		{"Local", `"Local" is not a timezone: it means whatever the computer running pillar is set to`},
		{"", "the timezone is empty"},
		{"../../etc/passwd", `"../../etc/passwd" is not a known timezone`},
		{"Atlantis/Capital", `"Atlantis/Capital" is not a known timezone`},
	} {
		got, hint := zoneProblem(tc.name)
		if got != tc.want {
			t.Errorf("zoneProblem(%q) = %q, want %q", tc.name, got, tc.want)
		}
		if got != "" && hint == "" {
			t.Errorf("zoneProblem(%q) has no hint", tc.name)
		}
	}
}

// The schema's pattern stops malformed times before the rules run, so the
// rule's own parsing is tested on a strategy built in code.
func TestTimesOutsideTheSchema(t *testing.T) {
	s := cleanStrategy()
	s.Channels[0].Cadence[0].Times = []string{"09:00", "25:00", "9:30"}
	got := messages(check(s, ruleNow), "time-invalid")
	want := []string{
		`"25:00" is not a time of day: hours go from 00 to 23 and minutes from 00 to 59`,
		`"9:30" is not a time of day: write HH:MM, e.g. 09:30`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("messages = %q, want %q", got, want)
	}
}

func TestZoneNamesSorted(t *testing.T) {
	for i := 1; i < len(zoneNames); i++ {
		if zoneNames[i-1] >= zoneNames[i] {
			t.Fatalf("zoneNames not sorted or duplicated at %q, %q", zoneNames[i-1], zoneNames[i])
		}
	}
}
