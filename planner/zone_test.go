package planner

import (
	"testing"
	"time"
)

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := loadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestResolve(t *testing.T) {
	for _, tc := range []struct {
		name      string
		zone      string
		wall      string // local wall-clock time asked for
		wantUTC   string
		wantLocal string // the wall clock the slot actually shows
	}{
		// The four cases from the planner notes.
		{"Oslo spring gap moves forward", "Europe/Oslo", "2027-03-28 02:30", "2027-03-28 01:30", "03:30"},
		{"Oslo autumn repeat takes the first", "Europe/Oslo", "2027-10-31 02:30", "2027-10-31 00:30", "02:30"},
		{"New York spring gap moves forward", "America/New_York", "2027-03-14 02:30", "2027-03-14 07:30", "03:30"},
		{"New York autumn repeat takes the first", "America/New_York", "2027-11-07 01:30", "2027-11-07 05:30", "01:30"},
		// Ordinary times on both sides of a change stay at their wall time.
		{"Oslo before spring change", "Europe/Oslo", "2027-03-27 09:00", "2027-03-27 08:00", "09:00"},
		{"Oslo after spring change", "Europe/Oslo", "2027-03-29 09:00", "2027-03-29 07:00", "09:00"},
		{"Oslo just before the gap", "Europe/Oslo", "2027-03-28 01:59", "2027-03-28 00:59", "01:59"},
		{"Oslo at the end of the gap", "Europe/Oslo", "2027-03-28 03:00", "2027-03-28 01:00", "03:00"},
		// Lord Howe Island: +10:30 in winter, +11 in summer, a 30-minute change
		// at 02:00 local (first Sunday of October, first Sunday of April).
		{"Lord Howe gap moves forward 30 minutes", "Australia/Lord_Howe", "2027-10-03 02:15", "2027-10-02 15:45", "02:45"},
		{"Lord Howe repeat takes the first", "Australia/Lord_Howe", "2027-04-04 01:45", "2027-04-03 14:45", "01:45"},
		{"Lord Howe ordinary summer time", "Australia/Lord_Howe", "2027-01-04 09:00", "2027-01-03 22:00", "09:00"},
		{"Lord Howe ordinary winter time", "Australia/Lord_Howe", "2027-07-05 09:00", "2027-07-04 22:30", "09:00"},
		// Kolkata: +05:30 all year, no DST.
		{"Kolkata half-hour offset", "Asia/Kolkata", "2027-03-14 02:30", "2027-03-13 21:00", "02:30"},
		{"Kolkata midnight", "Asia/Kolkata", "2027-11-07 00:00", "2027-11-06 18:30", "00:00"},
		{"UTC", "UTC", "2027-01-01 00:00", "2027-01-01 00:00", "00:00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			loc := mustZone(t, tc.zone)
			w, err := time.Parse("2006-01-02 15:04", tc.wall)
			if err != nil {
				t.Fatal(err)
			}
			got := Resolve(loc, w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute())
			if s := got.UTC().Format("2006-01-02 15:04"); s != tc.wantUTC {
				t.Errorf("Resolve(%s %s) = %sZ, want %sZ", tc.zone, tc.wall, s, tc.wantUTC)
			}
			if s := got.Format("15:04"); s != tc.wantLocal {
				t.Errorf("Resolve(%s %s) shows %s local, want %s", tc.zone, tc.wall, s, tc.wantLocal)
			}
			if got.Location() != loc {
				t.Errorf("result is in %v, want %v", got.Location(), loc)
			}
			// The cached day resolver must agree with Resolve.
			r := dayResolver{loc: loc}
			inst, local := r.resolve(w.Unix())
			if inst != got.Unix() {
				t.Errorf("dayResolver gives %v, Resolve %v", time.Unix(inst, 0).UTC(), got.UTC())
			}
			if s := time.Unix(local, 0).UTC().Format("15:04"); s != tc.wantLocal {
				t.Errorf("dayResolver shows %s local, want %s", s, tc.wantLocal)
			}
		})
	}
}

// TestResolveAgreesWithTimeOutsideTransitions checks every quarter hour of
// two years in zones with and without DST: where a wall time happens exactly
// once, Resolve and time.Date must agree; where it happens twice or never,
// Resolve must give the first occurrence or move forward.
func TestResolveAgreesWithTimeOutsideTransitions(t *testing.T) {
	for _, zone := range []string{"Europe/Oslo", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "America/Santiago", "Pacific/Chatham"} {
		loc := mustZone(t, zone)
		r := dayResolver{loc: loc}
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
		for w := start; w < start+2*366*secondsPerDay; w += 15 * 60 {
			u := time.Unix(w, 0).UTC()
			got := Resolve(loc, u.Year(), u.Month(), u.Day(), u.Hour(), u.Minute())
			inst, local := r.resolve(w)
			if inst != got.Unix() {
				t.Fatalf("%s %v: dayResolver %d, Resolve %d", zone, u, inst, got.Unix())
			}
			gy, gm, gd := got.Date()
			gh, gmin, _ := got.Clock()
			shown := time.Date(gy, gm, gd, gh, gmin, 0, 0, time.UTC).Unix()
			if shown != local {
				t.Fatalf("%s %v: local %d, shown %d", zone, u, local, shown)
			}
			switch {
			case shown == w:
				// Exists: must be the first occurrence.
				if earlier := got.Add(-time.Hour); earlier.Format("2006-01-02 15:04") == got.Format("2006-01-02 15:04") {
					t.Fatalf("%s %v: not the first occurrence", zone, u)
				}
				if earlier := got.Add(-30 * time.Minute); earlier.Format("2006-01-02 15:04") == got.Format("2006-01-02 15:04") {
					t.Fatalf("%s %v: not the first occurrence", zone, u)
				}
			case shown > w && shown-w <= 2*3600:
				// In a gap: moved forward by at most the gap.
			default:
				t.Fatalf("%s %v resolved to %v (local %v)", zone, u, got.UTC(), time.Unix(local, 0).UTC())
			}
		}
	}
}

func TestLoadLocationRefusesMachineZones(t *testing.T) {
	for _, name := range []string{"", "Local", "Mars/Olympus_Mons", "../../etc/passwd"} {
		if _, err := loadLocation(name); err == nil {
			t.Errorf("loadLocation(%q): want an error", name)
		}
	}
	a := mustZone(t, "Europe/Oslo")
	if b := mustZone(t, "Europe/Oslo"); a != b {
		t.Error("zones are not cached")
	}
}

// TestCivil: the date arithmetic agrees with the time package on every day
// from 1600 to 2400 and on random days far beyond.
func TestCivil(t *testing.T) {
	check := func(day int64) {
		y, m, d := civil(day)
		want := time.Unix(day*secondsPerDay, 0).UTC()
		if int(y) != want.Year() || time.Month(m) != want.Month() || d != want.Day() {
			t.Fatalf("day %d: %04d-%02d-%02d, want %s", day, y, m, d, want.Format("2006-01-02"))
		}
	}
	for day := int64(-135_000); day < 157_000; day++ {
		check(day)
	}
	for day := int64(-3_000_000); day < 3_000_000; day += 997 {
		check(day)
	}
}

// TestDayResolverAgrees: the day resolver, with its caches, resolves every
// wall time as resolveWall does, walking through years of transitions in
// zones with and without daylight saving.
func TestDayResolverAgrees(t *testing.T) {
	for _, zone := range []string{"Europe/Oslo", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC",
		"America/Santiago", "Asia/Tehran", "Pacific/Chatham", "America/Havana", "Africa/Cairo", "Pacific/Kiritimati"} {
		loc := mustZone(t, zone)
		r := dayResolver{loc: loc}
		start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
		for w := start; w < start+6*366*secondsPerDay; w += 37 * 60 {
			inst, local := r.resolve(w)
			wantInst, off := resolveWall(loc, w)
			if inst != wantInst || local != wantInst+off {
				t.Fatalf("%s %s: %d %s, want %d %s", zone, formatLocal(w), inst, formatLocal(local), wantInst, formatLocal(wantInst+off))
			}
		}
	}
}
