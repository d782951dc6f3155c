package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/planner"
)

// TestCalendarDropsBidiControls: a CSV cell or an ICS value cannot isolate
// a bidirectional control, so the calendar files drop them (and keep the
// letters, right-to-left ones too); a control can no longer hide a cell's
// formula start from the defusing either.
func TestCalendarDropsBidiControls(t *testing.T) {
	cal := bidiCalendar()
	cal.Brand = "\u202eBrand\u200f"
	cal.Slots[0].PillarName = "\u202b=HYPERLINK(\"x\")\u202c"
	cal.Slots[1].Brief = "שלום \u2067مرحبا\u2069 \u061c!"
	for _, format := range []string{"csv", "ics"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteCalendar(&buf, cal, format); err != nil {
				t.Fatal(err)
			}
			out := strings.ReplaceAll(buf.String(), "\r\n ", "") // unfold ICS lines
			if hasBidiControl(out) {
				i := strings.IndexFunc(out, isBidiControl)
				t.Errorf("a bidirectional control is left: %q", out[max(0, i-40):min(len(out), i+40)])
			}
			if !strings.Contains(out, "evilxy") || !strings.Contains(out, "שלום مرحبا !") {
				t.Error("the letters around the controls were not kept")
			}
			if format == "csv" && !strings.Contains(out, `'=HYPERLINK`) {
				t.Error("a formula behind a bidi control is not defused")
			}
		})
	}
}

// The calendar's HTML and Markdown isolate every value from the strategy,
// as the playbook does: no bidirectional control stands outside an
// isolate, so none reorders the page's own text around it.
func TestCalendarIsolatesBidiText(t *testing.T) {
	cal := bidiCalendar()
	cal.Warnings = []planner.Warning{{Message: "tactic " + bidiText + ": 1 occurrence falls on blackout days"}}
	for _, format := range []string{"html", "md"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteCalendar(&buf, cal, format); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if format == "html" {
				if bad := unisolated(out); len(bad) > 0 {
					t.Errorf("bidi controls outside an isolate:\n%s", strings.Join(bad, "\n"))
				}
			} else {
				for i, line := range strings.Split(out, "\n") {
					if hasBidiControl(withoutIsolates(line)) && balanceBidi(line) != line {
						t.Errorf("line %d leaves a bidi control open: %q", i+1, line)
					}
				}
			}
			if !strings.Contains(out, "\u2068"+balanceBidi(bidiText)+"\u2069") {
				t.Errorf("the values are not between FSI and PDI:\n%s", out)
			}
		})
	}
}
