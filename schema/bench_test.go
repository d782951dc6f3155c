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
