package strategy

import (
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"30m", 30 * time.Minute, true},
		{"4h", 4 * time.Hour, true},
		{"1d", 24 * time.Hour, true},
		{"1d12h", 36 * time.Hour, true},
		{"2w", 14 * 24 * time.Hour, true},
		{"", 0, false},
		{"4", 0, false},
		{"h", 0, false},
		{"4 hours", 0, false},
		{"4x", 0, false},
		{"99999d", 0, false},
	} {
		got, err := ParseDuration(tc.in)
		if (err == nil) != tc.ok || (tc.ok && got.Std() != tc.want) {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v, ok=%v", tc.in, got.Std(), err, tc.want, tc.ok)
		}
		if tc.ok {
			back, err := ParseDuration(got.String())
			if err != nil || back != got {
				t.Errorf("%q does not round-trip through String: %q", tc.in, got.String())
			}
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"2027-01-31", true}, {"2028-02-29", true},
		{"2027-02-29", false}, {"2027-13-01", false}, {"27-01-01", false}, {"2027-1-1", false}, {"", false},
	} {
		d, err := ParseDate(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("ParseDate(%q): err = %v, want ok=%v", tc.in, err, tc.ok)
		}
		if tc.ok && d.String() != tc.in {
			t.Errorf("ParseDate(%q).String() = %q", tc.in, d)
		}
	}
	a, _ := ParseDate("2027-03-28")
	if got := a.AddDays(4).String(); got != "2027-04-01" {
		t.Errorf("AddDays = %s", got)
	}
}

func TestParseClock(t *testing.T) {
	for _, tc := range []struct {
		in   string
		h, m int
		ok   bool
	}{
		{"09:30", 9, 30, true}, {"00:00", 0, 0, true}, {"23:59", 23, 59, true},
		{"25:00", 0, 0, false}, {"9:30", 0, 0, false}, {"12:60", 0, 0, false}, {"noon", 0, 0, false},
	} {
		h, m, err := ParseClock(tc.in)
		if (err == nil) != tc.ok || h != tc.h || m != tc.m {
			t.Errorf("ParseClock(%q) = %d, %d, %v", tc.in, h, m, err)
		}
	}
}
