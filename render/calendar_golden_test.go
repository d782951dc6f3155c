package render

import (
	"bufio"
	"bytes"
	"github.com/pillar-strategy/pillar/internal/golden"
	"path/filepath"
	"testing"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/planner/plantest"
)

// storeCalendar is the first quarter of plantest.Store: three channels in
// two zones, tactics, a campaign and blackouts.
func storeCalendar(t testing.TB) *planner.Calendar {
	t.Helper()
	cal, err := planner.Plan(plantest.Store(), planner.Options{From: plantest.Date(2027, 1, 1), To: plantest.Date(2027, 4, 1)})
	if err != nil {
		t.Fatal(err)
	}
	return cal
}

// checkGolden compares got with testdata/calendar/name (-update rewrites it).
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", "calendar", name), got)
}

// TestCalendarGolden writes the store's quarter in every format, twice, and
// compares with the golden files: the output must be byte-identical run
// after run.
func TestCalendarGolden(t *testing.T) {
	cal := storeCalendar(t)
	for _, format := range CalendarFormats() {
		t.Run(format, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := WriteCalendar(&a, cal, format); err != nil {
				t.Fatal(err)
			}
			if err := WriteCalendar(&b, storeCalendar(t), format); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatal("two runs differ")
			}
			checkGolden(t, "store-q1."+format, a.Bytes())
		})
	}
	t.Run("summary", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteSummary(&buf, cal.Summary()); err != nil {
			t.Fatal(err)
		}
		checkGolden(t, "store-q1-summary.txt", buf.Bytes())
	})
}

func newBufWriter(w *bytes.Buffer) *bufio.Writer { return bufio.NewWriter(w) }
