package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/internal/synth"
)

// corpusEdits turn a synthetic strategy into one with a mistake of each
// stage (YAML, schema, rules) or into YAML that the fast reader leaves to
// yaml.v3 (tabs, anchors, hashtag comments, quoted keys, multi-line plain
// text), so that the corpus goes through every path validation can take.
var corpusEdits = []struct {
	name     string
	old, new string
}{
	{"clean", "", ""},
	{"weights", "weight: 40", "weight: 45"},
	{"unknown-key", "personality:\n", "slogan: Always on\npersonality:\n"},
	{"hour-25", `times: ["09:`, `times: ["25:`},
	{"timezone", "  timezone: ", "  timezone: Mars/"},
	{"tab", "\n  language: en", "\n\tlanguage: en"},
	{"hashtag-comment", "description: Posts about brand.", "description: Posts about #brand every week"},
	{"duplicate-key", "  language: en\n", "  language: en\n  language: nb\n"},
	{"crlf", "\n", "\r\n"},
	{"anchors", "personality:\n", "x-team: &team Team 0\nx-owner: *team\npersonality:\n"},
	{"block-scalars", "  description: A synthetic brand number", "  description: |-\n    A synthetic brand\n    number"},
	{"folded", "personality:\n", "x-folded: >-\n  A synthetic\n\n  brand,\n    indented,\n  and folded\nx-kept: |+\n  kept\n  as written\n\npersonality:\n"},
	{"quoted-keys", "personality:\n", "x-map: {\"a\": 1, 'b': [2, 3]}\npersonality:\n"},
	{"missing-key", "  - id: persona-0\n    name: Persona 0\n", "  - id: persona-0\n"},
	{"unknown-ref", "personas: [persona-0]", "personas: [persona-9]"},
	{"continued-text", "summary: Someone who cares about quality,", "summary: Someone who cares\n      about quality,"},
	{"float-count", "min_per_week: 3", "min_per_week: 3.0"},
	{"version-2", "version: 1", "version: 2"},
	{"not-yaml", "values: [honesty, craft, warmth]", "values: [honesty, craft, warmth"},
	{"wrong-type", "followers: ", "followers: many "},
	{"null-and-empty", "  language: en\n", "  language:\n  website: ''\n"},
}

// writeCorpus writes one strategy per edit, each from its own seed, under
// dir/strategies.
func writeCorpus(t *testing.T, dir string) {
	t.Helper()
	for i, e := range corpusEdits {
		src := string(synth.Strategy(i, 1+i%3, 1+i%4, 1+i%5))
		if e.old != "" {
			edited := strings.ReplaceAll(src, e.old, e.new)
			if e.name != "crlf" {
				edited = strings.Replace(src, e.old, e.new, 1)
			}
			if edited == src {
				t.Fatalf("edit %s changes nothing: the synthetic strategies no longer hold %q", e.name, e.old)
			}
			src = edited
		}
		p := filepath.Join(dir, "strategies", fmt.Sprintf("%02d-%s", i, e.name), "strategy.yaml")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCorpusOutput pins what pillar validate prints, in text and JSON, for
// a repository of generated strategies with mistakes of every kind. The
// golden files were written before validation was made faster (the fast
// YAML reader, the schema precheck, the parallel writer), so that work can
// be seen to change nothing a user sees; a second run checks the output is
// the same from run to run.
func TestCorpusOutput(t *testing.T) {
	dir := t.TempDir()
	writeCorpus(t, dir)
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			args := []string{"validate", "--today", "2026-11-23", "--format", format, "strategies"}
			r := pillarAt(t, dir, nil, args...)
			if r.code != 1 {
				t.Errorf("exit %d, want 1 (findings)\n%s", r.code, r.stderr)
			}
			got := r.stdout + r.stderr
			goldenFile(t, filepath.Join("testdata", "corpus."+format+".golden"), got)
			if again := pillarAt(t, dir, nil, args...); again.stdout+again.stderr != got {
				t.Errorf("a second run printed something else")
			}
		})
	}
}
