// Command gen-hostile writes the generated part of the hostile corpus (see
// synth.HostileCases) to a folder, one subfolder a case, for measuring
// pillar on it by hand or with bench/hostile.sh:
//
//	go run ./tools/gen-hostile -o /tmp/hostile
//	pillar validate /tmp/hostile/campaign-overlap-3000
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pillar-strategy/pillar/internal/synth"
)

func main() {
	out := flag.String("o", "", "output `folder` (required)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gen-hostile: -o is required")
		os.Exit(2)
	}
	n := 0
	for _, c := range synth.HostileCases() {
		for name, content := range c.Files {
			path := filepath.Join(*out, c.Name, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				fmt.Fprintln(os.Stderr, "gen-hostile:", err)
				os.Exit(2)
			}
			if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
				fmt.Fprintln(os.Stderr, "gen-hostile:", err)
				os.Exit(2)
			}
		}
		n++
	}
	fmt.Printf("wrote %d cases to %s\n", n, *out)
}
