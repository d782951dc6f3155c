package render

import (
	"io"
	"testing"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/planner/plantest"
)

// BenchmarkPlanAndICSTenYears is the planner's headline load: 20 channels ×
// 3 posts a day × 10 years (about 219,000 slots), planned and written as
// ICS. The target is under 0.5 s on the project's 2-core machines.
func BenchmarkPlanAndICSTenYears(b *testing.B) {
	s := plantest.Bulk(20, 3)
	opt := planner.Options{From: plantest.Date(2027, 1, 1), To: plantest.Date(2037, 1, 1)}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		cal, err := planner.Plan(s, opt)
		if err != nil {
			b.Fatal(err)
		}
		if err := WriteCalendar(io.Discard, cal, "ics"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanAndICSQuarter is one quarter of a typical strategy, planned
// and written as ICS; the target is under 10 ms.
func BenchmarkPlanAndICSQuarter(b *testing.B) {
	s := plantest.Store()
	opt := planner.Options{From: plantest.Date(2027, 1, 1), To: plantest.Date(2027, 4, 1)}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		cal, err := planner.Plan(s, opt)
		if err != nil {
			b.Fatal(err)
		}
		if err := WriteCalendar(io.Discard, cal, "ics"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCalendarFormatsQuarter(b *testing.B) {
	cal := storeCalendar(b)
	for _, f := range CalendarFormats() {
		b.Run(f, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := WriteCalendar(io.Discard, cal, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkICSTenYears writes the ten-year plan as ICS, planning excluded.
func BenchmarkICSTenYears(b *testing.B) {
	cal, err := planner.Plan(plantest.Bulk(20, 3), planner.Options{From: plantest.Date(2027, 1, 1), To: plantest.Date(2037, 1, 1)})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := WriteCalendar(io.Discard, cal, "ics"); err != nil {
			b.Fatal(err)
		}
	}
}

// tenYears is the planner's headline plan: 20 channels × 3 posts a day ×
// 10 years.
func tenYears(b *testing.B) *planner.Calendar {
	b.Helper()
	cal, err := planner.Plan(plantest.Bulk(20, 3), planner.Options{From: plantest.Date(2027, 1, 1), To: plantest.Date(2037, 1, 1)})
	if err != nil {
		b.Fatal(err)
	}
	return cal
}

// BenchmarkCalendarFormatsTenYears writes the ten-year plan in every
// format, planning excluded.
func BenchmarkCalendarFormatsTenYears(b *testing.B) {
	cal := tenYears(b)
	for _, f := range CalendarFormats() {
		b.Run(f, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := WriteCalendar(io.Discard, cal, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkStreamTenYears streams the ten-year plan into every streaming
// format: what `pillar plan -o` does, file system aside.
func BenchmarkStreamTenYears(b *testing.B) {
	s := plantest.Bulk(20, 3)
	opt := planner.Options{From: plantest.Date(2027, 1, 1), To: plantest.Date(2037, 1, 1)}
	for _, f := range []string{"ics", "json", "csv"} {
		b.Run(f, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				st, err := planner.NewStream(s, opt)
				if err != nil {
					b.Fatal(err)
				}
				if n, err := WriteCalendarStream(io.Discard, st, f); err != nil || n < 200_000 {
					b.Fatal(n, err)
				}
			}
		})
	}
}
