// Command gen-strategies writes a folder of synthetic strategies for
// benchmarks and load tests:
//
//	go run ./tools/gen-strategies -n 1000 -o /tmp/strategies
//	go run ./cmd/pillar validate /tmp/strategies
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pillar-strategy/pillar/internal/synth"
)

func main() {
	n := flag.Int("n", 1000, "number of strategies")
	out := flag.String("o", "testdata/bench/strategies", "output folder")
	personas := flag.Int("personas", 3, "personas per strategy")
	channels := flag.Int("channels", 4, "channels per strategy")
	influencers := flag.Int("influencers", 8, "influencers per strategy")
	flag.Parse()
	if *personas < 1 || *channels < 1 || *n < 1 {
		fmt.Fprintln(os.Stderr, "gen-strategies: -n, -personas and -channels must be at least 1")
		os.Exit(2)
	}
	for i := 0; i < *n; i++ {
		dir := filepath.Join(*out, fmt.Sprintf("brand-%04d", i))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "gen-strategies:", err)
			os.Exit(2)
		}
		data := synth.Strategy(i, *personas, *channels, *influencers)
		if err := os.WriteFile(filepath.Join(dir, "strategy.yaml"), data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gen-strategies:", err)
			os.Exit(2)
		}
	}
	fmt.Printf("wrote %d strategies to %s\n", *n, *out)
}
