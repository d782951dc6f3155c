package export

import (
	"math/rand"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/internal/golden"
)

// buildFixture builds the format's files from the fixture, failing the
// test on a refusal.
func buildFixture(t *testing.T, format string, ds []drafts.Draft) ([]file, Result) {
	t.Helper()
	ex, ok := lookup(format)
	if !ok {
		t.Fatalf("no format %q", format)
	}
	files, res, err := build(ex, ds, fixtureStrategy(), Options{Now: fixtureNow})
	if err != nil {
		t.Fatal(err)
	}
	return files, res
}

// TestGolden holds every format's files and warnings for the fixture to
// goldens under testdata/<format>/, and checks that the drafts in another
// order give the same bytes.
func TestGolden(t *testing.T) {
	for _, f := range Formats() {
		t.Run(f.Name, func(t *testing.T) {
			ds := fixtureDrafts(t)
			files, res := buildFixture(t, f.Name, ds)
			var warnings strings.Builder
			for _, w := range res.Warnings {
				warnings.WriteString(w.String() + "\n")
			}
			golden.Check(t, filepath.Join("testdata", f.Name, "warnings.txt"), []byte(warnings.String()))
			for _, fl := range files {
				golden.Check(t, filepath.Join("testdata", f.Name, fl.name), fl.data)
			}
			r := rand.New(rand.NewSource(7))
			for range 5 {
				r.Shuffle(len(ds), func(i, j int) { ds[i], ds[j] = ds[j], ds[i] })
				again, _ := buildFixture(t, f.Name, ds)
				if len(again) != len(files) {
					t.Fatalf("shuffled drafts give %d files, not %d", len(again), len(files))
				}
				for i := range files {
					if again[i].name != files[i].name || string(again[i].data) != string(files[i].data) {
						t.Fatalf("shuffled drafts give other bytes in %s", files[i].name)
					}
				}
			}
		})
	}
}
