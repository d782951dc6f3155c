// Command strategy-json writes, for each strategy below a folder, the merged
// value tree that pillar validates against its JSON Schema (includes and
// extends applied), as JSON. bench/validate-vs-ajv.sh uses it to give a
// JSON Schema validator such as ajv-cli the same input pillar's schema step
// sees:
//
//	go run ./tools/strategy-json -o /tmp/strategies-json /tmp/strategies
//
// Each strategy's main file a/b/strategy.yaml becomes a/b/strategy.json under
// the output folder. A strategy that cannot be read is reported and makes
// the command exit 1 (a benchmark must not time a partial corpus).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pillar-strategy/pillar/strategy"
)

func main() {
	out := flag.String("o", "", "output `folder` (required)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "Usage: strategy-json -o OUT FOLDER")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *out == "" || flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	n, err := run(flag.Arg(0), *out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "strategy-json:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d JSON copies to %s\n", n, *out)
}

// run converts every strategy.yaml below root and returns how many it wrote.
func run(root, out string) (int, error) {
	var mains []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (d.Name() == "strategy.yaml" || d.Name() == "strategy.yml") {
			mains = append(mains, path)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	sort.Strings(mains)
	for _, p := range mains {
		doc, err := strategy.LoadDocument(p, strategy.DefaultLimits)
		if err != nil {
			return 0, err
		}
		if doc.Fatal {
			return 0, fmt.Errorf("%s cannot be read: %v", p, doc.Problems)
		}
		b, err := json.Marshal(doc.Value)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", p, err)
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return 0, err
		}
		dst := filepath.Join(out, strings.TrimSuffix(rel, filepath.Ext(rel))+".json")
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return 0, err
		}
		if err := os.WriteFile(dst, append(b, '\n'), 0o644); err != nil {
			return 0, err
		}
	}
	return len(mains), nil
}
