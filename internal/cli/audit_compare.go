package cli

import (
	"strings"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/strategy"
)

// comparePeriod reads --compare: empty for none, "previous" (or "prev",
// in any case) for the period before [from, to) (audit.PreviousPeriod), or
// FROM..TO, spaces allowed around the dots. Either way the comparison
// period must lie in the years pillar plans for.
func comparePeriod(s string, from, to strategy.Date) (*audit.Period, error) {
	s = strings.TrimSpace(s)
	var p audit.Period
	switch strings.ToLower(s) {
	case "":
		return nil, nil
	case "previous", "prev":
		p = audit.PreviousPeriod(from, to)
	default:
		var err error
		if p, err = audit.ParsePeriod(strings.ReplaceAll(s, " ", "")); err != nil {
			return nil, usagef("audit", "Give --compare previous, or --compare FROM..TO such as 2027-02-01..2027-03-01.", "--compare: %v", err)
		}
	}
	for _, d := range []strategy.Date{p.From, p.To} {
		if d.Year < 2000 || d.Year > 2100 {
			return nil, usagef("audit", "Plans cover dates from 2000-01-01 to 2100-01-01.", "--compare %s is outside the years pillar plans for", p)
		}
	}
	return &p, nil
}
