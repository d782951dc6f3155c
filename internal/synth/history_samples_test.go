package synth_test

import (
	"path/filepath"
	"testing"

	"github.com/pillar-strategy/pillar/internal/golden"
	"github.com/pillar-strategy/pillar/internal/synth"
)

// TestHistorySamples keeps the committed sample data what the generator
// makes today. Regenerate it with go test ./internal/synth -update, or with
// the command in examples/<name>/history/README.md.
func TestHistorySamples(t *testing.T) {
	for _, name := range examples {
		t.Run(name, func(t *testing.T) {
			h := generate(t, example(t, name), synth.DefaultHistoryOptions(1, q1From, q1To))
			dir := filepath.Join("..", "..", "examples", name, "history")
			golden.Check(t, filepath.Join(dir, "posts.csv"), h.posts)
			golden.Check(t, filepath.Join(dir, "mentions.csv"), h.mentions)
			golden.Check(t, filepath.Join(dir, "truth.json"), h.truth)
			if len(h.posts)+len(h.mentions) > 300<<10 {
				t.Errorf("the sample is %d KB; keep it small", (len(h.posts)+len(h.mentions))>>10)
			}
		})
	}
}
