package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/strategy"
)

// playbookOf renders s in English in format.
func playbookOf(t *testing.T, s *strategy.Strategy, format string, cal *planner.Calendar) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Playbook(&buf, s, PlaybookOptions{Format: format, Lang: "en", Calendar: cal}); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestPlaybookCoverStatesThePlannedPeriod: the cover states the period the
// plan covers (the quarter pillar build writes into calendar.ics), not
// only the four weeks the playbook shows of it.
func TestPlaybookCoverStatesThePlannedPeriod(t *testing.T) {
	ex := nordlysExample(t)
	md := playbookOf(t, ex.strategy, "md", ex.calendar) // 2027-01-04 to 2027-04-05
	if !strings.Contains(md, "- **Posting plan:** 4 January 2027 – 4 April 2027\n") {
		t.Errorf("the cover does not state the planned quarter:\n%s", md[:min(len(md), 600)])
	}
	if !strings.Contains(md, "4 January 2027 – 31 January 2027 · ") {
		t.Error("the next weeks no longer say which four weeks they show")
	}
	page := playbookOf(t, ex.strategy, "html", ex.calendar)
	if !strings.Contains(page, "<dd>4 January 2027 – 4 April 2027</dd>") {
		t.Error("the HTML cover does not state the planned quarter")
	}
}

// TestPlaybookBusinessHoursOnlyWhenDeclared: the business-hours heading
// (and the time zone of the hours) appear only when hours or days are
// declared; a default response time or holidays alone show without it.
func TestPlaybookBusinessHoursOnlyWhenDeclared(t *testing.T) {
	ex := nordlysExample(t)
	for _, c := range []struct {
		name  string
		hours *strategy.BusinessHours
		want  bool
	}{
		{"no business hours", nil, false},
		{"holidays only", &strategy.BusinessHours{Holidays: []strategy.Date{{Year: 2027, Month: 5, Day: 17}}}, false},
		{"hours", &strategy.BusinessHours{Days: []string{"mon", "tue"}, Start: "09:00", End: "17:00"}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := *ex.strategy
			com := *s.Community
			com.BusinessHours = c.hours
			com.DefaultSLA = strategy.Duration(4 * 3600e9)
			s.Community = &com
			md := playbookOf(t, &s, "md", nil)
			page := playbookOf(t, &s, "html", nil)
			if got := strings.Contains(md, "### Business hours\n"); got != c.want {
				t.Errorf("Markdown heading: %v, want %v", got, c.want)
			}
			if got := strings.Contains(page, "<h3>Business hours</h3>"); got != c.want {
				t.Errorf("HTML heading: %v, want %v", got, c.want)
			}
			community := md[strings.Index(md, "\n## Community management\n"):]
			community = community[:strings.Index(community[1:], "\n## ")+1]
			if !strings.Contains(community, "- **Default response time:** 4 hours") {
				t.Errorf("the default response time is missing:\n%s", community)
			}
			if got := strings.Contains(community, "- **Time zone:**"); got != c.want {
				t.Errorf("time zone of the hours shown: %v, want %v", got, c.want)
			}
		})
	}
}
