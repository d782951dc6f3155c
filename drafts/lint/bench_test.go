package lint

import (
	"fmt"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

// benchDrafts are a month of varied Instagram and LinkedIn drafts for the
// Nordlys example: captions of 150–300 bytes with hashtags, an @mention of
// a paid partner in some (disclosed in most), a link, media with and
// without alt text, and a status; most are clean, as in a real sheet.
func benchDrafts(n int) []*drafts.Draft {
	texts := []string{
		"Høsten er her, og vi elsker lag på lag! Sjekk ut den nye kolleksjonen i butikken i Oslo – myke ullgensere, robuste jakker og skjerf i varme farger. #nordlys #høststil #oslo",
		"Takk til @stilmedsigrid for en fantastisk dag i studio! Se hele looken på bloggen hennes og hos oss. #annonse #samarbeid #stil",
		"Slik pleier du skinnjakken gjennom vinteren: børst av smuss, bruk fett to ganger i året og heng den luftig. Spørsmål? Skriv til oss i kommentarfeltet! 🧥✨",
		"Vi søker en ny butikkmedarbeider til Grünerløkka. Les mer og søk på https://www.nordlys.example/jobb?utm_source=linkedin innen 15. oktober.",
		"Helgens favoritter fra @helene.glow: serum, leppepomade og en duft som minner om sommer. Bare i dag – 20 % på hele hudpleieserien! #skjønnhet",
	}
	ds := make([]*drafts.Draft, n)
	base := time.Date(2027, 1, 4, 9, 30, 0, 0, oslo)
	for i := range ds {
		d := &drafts.Draft{File: "drafts.csv", Line: i + 2, ID: fmt.Sprint("d", i), Channel: "instagram",
			At: base.Add(time.Duration(i%40) * 18 * time.Hour), Text: texts[i%len(texts)], Status: "approved"}
		if i%5 == 3 {
			d.Channel = "linkedin"
		}
		if i%7 == 0 {
			d.Status = "draft"
		}
		d.Links = []string{fmt.Sprintf("https://www.nordlys.example/p/%d?utm_source=%s&utm_medium=social", i%50, d.Channel)}
		d.Media = []drafts.Media{{URL: "a.jpg", Alt: "Genser i ull"}}
		if i%10 == 0 {
			d.Media[0].Alt = ""
		}
		for f := drafts.Field(0); f < drafts.NumFields; f++ {
			d.Pos[f] = drafts.Position{Line: i + 2, Column: 1 + 12*int(f)}
		}
		ds[i] = d
	}
	return ds
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCheck measures Check on the Nordlys example's strategy; the
// ns/draft figure is what one draft costs the drafts engine.
func BenchmarkCheck(b *testing.B) {
	s, err := strategy.Load(filepath.Join("..", "..", "examples", "nordlys", "strategy.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	s.Links = &strategy.Links{UTM: &strategy.UTM{Source: "{platform}", Medium: "social"}}
	ds := benchDrafts(1000)
	l := New(s, Options{Now: time.Date(2027, 1, 1, 12, 0, 0, 0, oslo)})
	found := 0
	emit := func(schema.Diagnostic) { found++ }
	b.ReportAllocs()
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		l.Check(ds[i%len(ds)], emit)
	}
	b.StopTimer()
	// On a shared machine the wall clock counts other processes' turns
	// too; the process's CPU time does not.
	b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/draft")
	l.Finish(emit)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/draft")
	b.ReportMetric(float64(found)/float64(b.N), "findings/draft")
}
