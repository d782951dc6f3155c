package lint

import (
	"fmt"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/schema"
)

// checkStatus reports a draft that is not approved in time. A draft whose
// time is still ahead but closer than approveWithin is draft-not-approved;
// one whose time has passed unapproved is draft-missed, since its slot
// went by (the post either never went out or went out unreviewed). An
// approved draft in the past is the history of the sheet and not reported.
func (l *Linter) checkStatus(d *drafts.Draft, emit func(schema.Diagnostic)) {
	status := strings.ToLower(strings.TrimSpace(d.Status))
	if status == drafts.StatusApproved || d.At.IsZero() || l.now.IsZero() {
		return
	}
	if status == "" {
		status = drafts.StatusDraft
	}
	f := drafts.FieldStatus
	if d.Pos[f].Line == 0 {
		f = drafts.FieldAt
	}
	p, n := atField(d, f, d.Status, f == drafts.FieldStatus)
	when := d.At.Format("2006-01-02 15:04")
	left := d.At.Sub(l.now)
	switch {
	case left < 0:
		if l.on(ruleMissed) {
			emit(l.finding(ruleMissed, d.File, p, n, catalog[ruleMissed].Help,
				"the draft was due %s (%s) and is still %s", ago(-left), when, article(status)))
		}
	case left < l.approveWithin:
		if l.on(ruleApproval) {
			hint := fmt.Sprintf("Drafts are approved %s before they go out. Get it approved and set its status to approved, or move it later.", inWords(l.approveWithin))
			emit(l.finding(ruleApproval, d.File, p, n, hint,
				"the draft goes out in %s (%s) and is still %s", inWords(left), when, article(status)))
		}
	}
}

// inWords writes a duration in whole days, or hours under two days, or
// minutes under two hours.
func inWords(d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return plural(int(d/(24*time.Hour)), "day")
	case d >= 2*time.Hour:
		return plural(int(d/time.Hour), "hour")
	default:
		return plural(int(d/time.Minute), "minute")
	}
}

func ago(d time.Duration) string { return inWords(d) + " ago" }

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// article writes a status as the end of "is still …": "a draft", "an
// idea", or the status as written.
func article(status string) string {
	switch status {
	case drafts.StatusDraft:
		return "a draft"
	case drafts.StatusIdea:
		return "an idea"
	}
	return fmt.Sprintf("%q, not approved", status)
}
