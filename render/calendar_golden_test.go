package render

import (
	"bufio"
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/planner/plantest"
)

// updateGolden is the render package's -update flag: `go test ./render
// -update` rewrites the golden files under testdata/ from the current
// output. Tests of other outputs in this package should use it too (a
// second flag named "update" would panic).
var updateGolden = flag.Bool("update", false, "rewrite the golden files under testdata/")

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

// checkGolden compares got with testdata/calendar/name, or rewrites the
// file under -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "calendar", name)
	if *updateGolden {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./render -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		line, col := 1, 1
		for i := 0; i < len(got) && i < len(want); i++ {
			if got[i] != want[i] {
				break
			}
			if got[i] == '\n' {
				line, col = line+1, 0
			}
			col++
		}
		t.Errorf("%s differs from the golden file from line %d, column %d (run go test ./render -update if the change is intended)", path, line, col)
	}
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
