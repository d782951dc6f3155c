package cli

import (
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/strategy"
)

func TestComparePeriod(t *testing.T) {
	d := func(s string) strategy.Date {
		v, err := strategy.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tt := range []struct {
		flag, from, to string
		want, wantErr  string
	}{
		{"", "2027-03-01", "2027-04-01", "", ""},
		{"previous", "2027-03-01", "2027-04-01", "2027-02-01..2027-03-01", ""},
		{"previous", "2027-04-01", "2027-07-01", "2027-01-01..2027-04-01", ""},
		{"previous", "2027-03-10", "2027-03-17", "2027-03-03..2027-03-10", ""},
		{" previous ", "2027-03-01", "2027-04-01", "2027-02-01..2027-03-01", ""},
		{"2026-03-01..2026-04-01", "2027-03-01", "2027-04-01", "2026-03-01..2026-04-01", ""},
		{"2027-03-15..2027-04-15", "2027-03-01", "2027-04-01", "2027-03-15..2027-04-15", ""},
		{"last-year", "2027-03-01", "2027-04-01", "", "write FROM..TO"},
		{"2027-04-01..2027-03-01", "2027-03-01", "2027-04-01", "", "is empty"},
		{"1999-01-01..1999-02-01", "2027-03-01", "2027-04-01", "", "outside the years"},
		{"Previous", "2027-03-01", "2027-04-01", "2027-02-01..2027-03-01", ""},
		{"2026-03-01 .. 2026-04-01", "2027-03-01", "2027-04-01", "2026-03-01..2026-04-01", ""},
		// previous of a period starting in 2000 reaches back into 1999.
		{"previous", "2000-01-01", "2000-02-01", "", "1999-12-01..2000-01-01 is outside the years"},
	} {
		p, err := comparePeriod(tt.flag, d(tt.from), d(tt.to))
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: err %v, want %q", tt.flag, err, tt.wantErr)
			}
			continue
		}
		got := ""
		if p != nil {
			got = p.String()
		}
		if err != nil || got != tt.want {
			t.Errorf("%q over %s..%s: %q %v, want %q", tt.flag, tt.from, tt.to, got, err, tt.want)
		}
	}
}
