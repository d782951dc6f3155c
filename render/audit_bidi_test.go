package render

import (
	"reflect"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/audit"
)

// bidiAuditReport is a report whose every string is the bidi corpus's
// text (see bidiText).
func bidiAuditReport() *audit.Report {
	r := &audit.Report{}
	fillWith(reflect.ValueOf(r).Elem(), bidiText, 0)
	return r
}

// The audit's HTML and Markdown isolate every name from the strategy and
// the history, as the playbook and the calendar do; the text report and
// JSON keep the strings as they are, and the report given is not changed.
func TestAuditIsolatesBidiText(t *testing.T) {
	r := bidiAuditReport()
	before := writeAuditString(t, r, AuditOptions{Format: "json"})

	page := writeAuditString(t, r, AuditOptions{Format: "html"})
	if bad := unisolated(page); len(bad) > 0 {
		t.Errorf("bidi controls outside an isolate in the HTML report (%d places), e.g.:\n%s", len(bad), strings.Join(bad[:min(5, len(bad))], "\n"))
	}
	md := writeAuditString(t, r, AuditOptions{Format: "md"})
	for i, line := range strings.Split(md, "\n") {
		if hasBidiControl(withoutIsolates(line)) {
			t.Errorf("Markdown line %d has a bidi control outside an isolate: %q", i+1, line)
			break
		}
	}
	if !strings.Contains(md, "\u2068"+balanceBidi(bidiText)+"\u2069") {
		t.Error("the Markdown report does not isolate the names")
	}
	if after := writeAuditString(t, r, AuditOptions{Format: "json"}); after != before {
		t.Error("writing the HTML and Markdown reports changed the report")
	}
	if !strings.Contains(before, `\u202eevil`) && !strings.Contains(before, "\u202eevil") {
		t.Error("the JSON report does not keep the strings as they are")
	}
}

// A report without right-to-left text or controls is not copied.
func TestIsolatedReportKeepsAPlainReport(t *testing.T) {
	r := &audit.Report{Brand: "Nordlys", Timezone: "Europe/Oslo"}
	if isolatedReport(r) != r {
		t.Error("a plain report was copied")
	}
}
