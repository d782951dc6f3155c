package cli

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/strategy"
)

func TestAuditPeriod(t *testing.T) {
	today := strategy.Date{Year: 2027, Month: time.January, Day: 15}
	for _, tt := range []struct {
		from, to         string
		wantFrom, wantTo string
		wantErr          string
	}{
		{"", "", "2026-12-01", "2027-01-01", ""},
		{"2027-03-01", "", "2027-03-01", "2027-04-01", ""},
		{"", "2027-03-01", "2027-02-01", "2027-03-01", ""},
		{"2027-01-01", "2027-04-01", "2027-01-01", "2027-04-01", ""},
		{"2027-02-01", "2027-01-01", "", "", "not after"},
		{"2027-02-30", "", "", "", "not a date"},
	} {
		from, to, err := auditPeriod(auditOptions{from: tt.from, to: tt.to}, today)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q %q: err %v, want %q", tt.from, tt.to, err, tt.wantErr)
			}
			continue
		}
		if err != nil || from.String() != tt.wantFrom || to.String() != tt.wantTo {
			t.Errorf("%q %q: %s %s %v, want %s %s", tt.from, tt.to, from, to, err, tt.wantFrom, tt.wantTo)
		}
	}
}

func TestFailOn(t *testing.T) {
	if l, err := failOn("all"); l != nil || err != nil {
		t.Errorf("all: %v %v", l, err)
	}
	if l, err := failOn("none"); l == nil || len(l) != 0 || err != nil {
		t.Errorf("none: %#v %v", l, err)
	}
	if l, err := failOn("cadence_adherence, engagement_rate"); err != nil || strings.Join(l, ",") != "cadence_adherence,engagement_rate" {
		t.Errorf("list: %v %v", l, err)
	}
	if _, err := failOn("engagment_rate"); err == nil || !strings.Contains(err.Error(), "engagement_rate") {
		t.Errorf("a misspelt KPI: %v", err)
	}
}

func TestProgress(t *testing.T) {
	var out bytes.Buffer
	p := &progress{r: strings.NewReader(strings.Repeat("x", 1000)), w: &out, name: "posts.csv", size: 1000}
	if _, err := io.Copy(io.Discard, p); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "\rReading posts.csv:") || !strings.Contains(out.String(), "%") {
		t.Errorf("no progress line: %q", out.String())
	}
	p.finish()
	if !strings.HasSuffix(out.String(), "\r") {
		t.Errorf("the progress line is not cleared: %q", out.String())
	}
}
