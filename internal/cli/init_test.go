package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

// TestStarterValidatesOnAnyDay writes the starter as if on days spread over
// seven years (leap days and year ends included) and validates it with the
// same day as today: it must be clean every time, or `pillar init` would
// hand new users a strategy that fails on their first run.
func TestStarterValidatesOnAnyDay(t *testing.T) {
	var days []time.Time
	for d := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC); d.Year() < 2033; d = d.AddDate(0, 0, 17) {
		days = append(days, d)
	}
	days = append(days,
		time.Date(2028, 2, 29, 12, 0, 0, 0, time.UTC),
		time.Date(2030, 12, 31, 12, 0, 0, 0, time.UTC),
		time.Date(2031, 1, 1, 12, 0, 0, 0, time.UTC))
	for _, day := range days {
		dir := t.TempDir()
		e, _, errb := testEnv(nil, false)
		e.Now = func() time.Time { return day }
		if code := Run(context.Background(), []string{"init", dir}, e); code != ExitOK {
			t.Fatalf("%s: init: exit %d\n%s", day.Format(time.DateOnly), code, errb)
		}
		res, err := schema.ValidateFile(filepath.Join(dir, "strategy.yaml"), schema.Options{Now: day})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range res.Diagnostics {
			t.Errorf("%s: %s", day.Format(time.DateOnly), d.Message)
		}
	}
}

func TestDateStarter(t *testing.T) {
	in := []byte("a:\n  last_reviewed: 2026-11-01\nb:\n  last_reviewed: 2026-03-02\nc: 2027-06-30\nd: 2028-02-29 # 2026-12-25\ne: 12026-01-011\n")
	for _, tc := range []struct {
		today string
		want  string
	}{
		{"2026-11-23", "a:\n  last_reviewed: 2026-11-23\nb:\n  last_reviewed: 2026-11-23\nc: 2027-06-30\nd: 2028-02-29 # 2026-12-25\ne: 12026-01-011\n"},
		{"2027-01-04", "a:\n  last_reviewed: 2027-01-04\nb:\n  last_reviewed: 2027-01-04\nc: 2028-06-30\nd: 2029-02-28 # 2027-12-25\ne: 12026-01-011\n"},
		{"2030-07-15", "a:\n  last_reviewed: 2030-07-15\nb:\n  last_reviewed: 2030-07-15\nc: 2031-06-30\nd: 2032-02-29 # 2030-12-25\ne: 12026-01-011\n"},
	} {
		t.Run(tc.today, func(t *testing.T) {
			today, err := strategy.ParseDate(tc.today)
			if err != nil {
				t.Fatal(err)
			}
			got := dateStarter(bytes.Clone(in), today)
			if string(got) != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestInitToday(t *testing.T) {
	dir := t.TempDir()
	e, _, errb := testEnv(nil, false)
	if code := Run(context.Background(), []string{"init", dir, "--today", "2029-05-06"}, e); code != ExitOK {
		t.Fatalf("exit %d\n%s", code, errb)
	}
	b, err := os.ReadFile(filepath.Join(dir, "strategy.yaml"))
	if err != nil || !bytes.Contains(b, []byte("last_reviewed: 2029-05-06")) {
		t.Errorf("--today 2029-05-06 is not the personas' review date (%v)", err)
	}
	e, _, errb = testEnv(nil, false)
	if code := Run(context.Background(), []string{"init", t.TempDir(), "--today", "2029-13-06"}, e); code != ExitFailure || !strings.Contains(errb.String(), "--today") {
		t.Errorf("a bad --today: exit %d, %q", code, errb)
	}
}
