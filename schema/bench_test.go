package schema

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/internal/synth"
)

var benchNow = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

func writeSynth(tb testing.TB, n int) []string {
	tb.Helper()
	dir := tb.TempDir()
	paths := make([]string, n)
	for i := range paths {
		p := filepath.Join(dir, fmt.Sprintf("brand-%04d.yaml", i))
		if err := os.WriteFile(p, synth.Strategy(i, 3, 4, 8), 0o644); err != nil {
			tb.Fatal(err)
		}
		paths[i] = p
	}
	return paths
}

// TestSynthStrategiesAreValid keeps the benchmark honest: the synthetic
// strategies it validates must be clean, or it would time the error path.
func TestSynthStrategiesAreValid(t *testing.T) {
	for _, p := range writeSynth(t, 7) {
		res, err := ValidateFile(p, Options{Now: benchNow})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range res.Diagnostics {
			t.Errorf("%s", d)
		}
	}
}

// BenchmarkValidateTypical validates one typical strategy (3 personas,
// 4 channels, 4 pillars, 8 influencers). Target: under 5 ms.
func BenchmarkValidateTypical(b *testing.B) {
	p := writeSynth(b, 1)[0]
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ValidateFile(p, Options{Now: benchNow}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidateRepository validates a repository of 1,000 strategy
// files per iteration. Target: under 1 s on one core (-cpu 1).
func BenchmarkValidateRepository(b *testing.B) {
	paths := writeSynth(b, 1000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range paths {
			if _, err := ValidateFile(p, Options{Now: benchNow}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkHostile validates the hostile cases that once took longest:
// 3,000 campaigns on the same days (86 s and 18 GB before campaign-overlap
// swept the dates and findings were capped), misspelt references among
// 5,000 ids, and cadences whose rule never happens.
//
//	go test ./schema -run XXX -bench Hostile -benchmem -cpu 1
func BenchmarkHostile(b *testing.B) {
	cases := map[string]synth.HostileCase{}
	for _, c := range synth.HostileCases() {
		cases[c.Name] = c
	}
	for _, name := range []string{"campaign-overlap-3000", "unknown-reference-suggest", "rrule-never", "pillar-no-example-pairs"} {
		dir := b.TempDir()
		for f, content := range cases[name].Files {
			p := filepath.Join(dir, filepath.FromSlash(f))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := ValidateFile(dir, Options{Now: benchNow}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
