package lint

import (
	"encoding/csv"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/schema"
)

// TestDisclosureAgreesWithTheAudit runs the same posts through the audit
// (as post history, with a mentions column) and through Check (as drafts
// naming the same handles as partners): both must find the same posts
// undisclosed, so a post passes the pre-flight check exactly when it will
// pass the audit. The influencers have no contract dates, which only the
// drafts' rule reads.
func TestDisclosureAgreesWithTheAudit(t *testing.T) {
	s := testStrategy()
	s.Influencers[0].Contract = nil
	rows := [][]string{
		{"id", "published_at", "channel", "text", "mentions"},
		{"p1", "2027-01-05T09:00:00+01:00", "instagram", "Tur", "@anna.outside"},
		{"p2", "2027-01-05T10:00:00+01:00", "instagram", "Tur #annonse", "@anna.outside"},
		{"p3", "2027-01-05T11:00:00+01:00", "instagram", "Tur #ANNONSE!", "Anna.Outside"},
		{"p4", "2027-01-05T12:00:00+01:00", "instagram", "Tur #annonsering", "@anna.outside"},
		{"p5", "2027-01-05T13:00:00+01:00", "instagram", "Annonse: tur", "@ANNA.OUTSIDE"},
		{"p6", "2027-01-06T09:00:00+01:00", "instagram", "Tur #ad", "fjelljenta,@anna.outside"},
		{"p7", "2027-01-06T10:00:00+01:00", "instagram", "Tur", "@fjelljenta"},
		{"p8", "2027-01-06T11:00:00+01:00", "linkedin", "Tur", "@anna.outside"},
		{"p9", "2027-01-06T12:00:00+01:00", "instagram", "Tur med #Ad.", "@evergreen;@anna.outside"},
		{"p10", "2027-01-06T13:00:00+01:00", "instagram", "Tur #ad#annonse", "@evergreen"},
		{"p11", "2027-01-06T14:00:00+01:00", "instagram", "Tur # annonse", "@evergreen"},
		{"p12", "2027-01-06T15:00:00+01:00", "instagram", "Tur #annonse_no", "@evergreen"},
		{"p13", "2027-01-06T16:00:00+01:00", "instagram", "Tur#ad", "@evergreen"},
		{"p14", "2027-01-06T17:00:00+01:00", "instagram", "Tur ##annonse og #ÅR", "@evergreen"},
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	rep, err := audit.Run(s, audit.Options{From: date("2027-01-01"), To: date("2027-02-01"), FailOn: []string{},
		Posts: audit.Input{Name: "posts.csv", R: strings.NewReader(b.String())}})
	if err != nil {
		t.Fatal(err)
	}
	var byAudit []string
	for _, u := range rep.Disclosure.Missing {
		byAudit = append(byAudit, u.ID)
	}
	l := New(s, Options{Now: now})
	var byLint []string
	for _, r := range rows[1:] {
		at, err := time.Parse(time.RFC3339, r[1])
		if err != nil {
			t.Fatal(err)
		}
		d := &drafts.Draft{File: "drafts.csv", Line: 2, ID: r[0], Channel: r[2], At: at, Text: r[3], Status: drafts.StatusApproved,
			Partners: strings.FieldsFunc(r[4], func(c rune) bool { return c == ',' || c == ';' || c == ' ' })}
		l.Check(d, func(f schema.Diagnostic) {
			if f.Rule == "draft-undisclosed-partner" {
				byLint = append(byLint, d.ID)
			}
		})
	}
	t.Logf("undisclosed: %v", byAudit)
	sort.Strings(byAudit)
	sort.Strings(byLint)
	if strings.Join(byAudit, " ") != strings.Join(byLint, " ") || len(byAudit) < 3 {
		t.Errorf("undisclosed by the audit: %v; by the drafts' rule: %v", byAudit, byLint)
	}
}
