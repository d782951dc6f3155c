package lint

import (
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/strategy"
)

func TestStatus(t *testing.T) {
	for _, tc := range []struct {
		name     string
		status   string
		at       time.Duration // from now
		noAt     bool
		strategy time.Duration // drafts.approve_within
		option   time.Duration // Options.ApproveWithin
		noPos    bool          // the draft has no status field
		want     string
	}{
		{name: "approved and soon", status: "approved", at: time.Hour},
		{name: "approved in another case", status: " Approved", at: time.Hour},
		{name: "a draft in a day", status: "draft", at: 26 * time.Hour, want: "2:90+5 draft-not-approved: the draft goes out in 26 hours (2027-01-05 11:00) and is still a draft"},
		{name: "no status counts as a draft", at: 50 * time.Hour, want: "2:37+1 draft-not-approved: the draft goes out in 2 days (2027-01-06 11:00) and is still a draft"},
		{name: "an idea in 30 minutes", status: "idea", at: 30 * time.Minute, want: "2:90+4 draft-not-approved: the draft goes out in 30 minutes (2027-01-04 09:30) and is still an idea"},
		{name: "another status as written", status: "Ready", at: time.Hour, want: `2:90+5 draft-not-approved: the draft goes out in 60 minutes (2027-01-04 10:00) and is still "ready", not approved`},
		{name: "beyond the default window", status: "draft", at: 72 * time.Hour},
		{name: "just inside the default window", status: "draft", at: 72*time.Hour - time.Minute, want: "2:90+5 draft-not-approved: the draft goes out in 2 days (2027-01-07 08:59) and is still a draft"},
		{name: "the strategy's window", status: "draft", at: 6 * 24 * time.Hour, strategy: 7 * 24 * time.Hour, want: "2:90+5 draft-not-approved: the draft goes out in 6 days (2027-01-10 09:00) and is still a draft"},
		{name: "the option wins over the strategy", status: "draft", at: 6 * 24 * time.Hour, strategy: 7 * 24 * time.Hour, option: 24 * time.Hour},
		{name: "in the past", status: "draft", at: -49 * time.Hour, want: "2:90+5 draft-missed: the draft was due 2 days ago (2027-01-02 08:00) and is still a draft"},
		{name: "approved in the past is history", status: "approved", at: -49 * time.Hour},
		{name: "no time", status: "draft", noAt: true},
		{name: "no status field: at the time", status: "draft", at: time.Hour, noPos: true, want: "2:20+1 draft-not-approved: the draft goes out in 60 minutes (2027-01-04 10:00) and is still a draft"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := testStrategy()
			if tc.strategy > 0 {
				s.Drafts = &strategy.Drafts{ApproveWithin: strategy.Duration(tc.strategy)}
			}
			d := draft("Tur")
			d.Status = tc.status
			d.At = now.Add(tc.at)
			if tc.noAt {
				d.At = time.Time{}
			}
			d.Pos[drafts.FieldAt] = drafts.Position{Line: 2, Column: 20}
			if tc.status == "" {
				d.Pos[drafts.FieldStatus] = drafts.Position{}
				d.Pos[drafts.FieldAt] = drafts.Position{Line: 2, Column: 37}
			}
			if tc.noPos {
				d.Pos[drafts.FieldStatus] = drafts.Position{}
			}
			got := ""
			for _, f := range run(New(s, Options{Now: now, ApproveWithin: tc.option}), d) {
				got += brief(append(f0(), f)) + ": " + f.Message
			}
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestStatusWithoutAClock(t *testing.T) {
	d := draft("Tur")
	d.Status = "draft"
	d.At = now.Add(time.Hour)
	if ds := run(New(testStrategy(), Options{}), d); len(ds) != 0 {
		t.Errorf("without Now the status rules cannot judge: %v", ds)
	}
}
