package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunWritesMergedStrategies converts the examples: one JSON file per
// strategy, beside where its strategy.yaml sits, holding the merged tree
// (nordlys's personas come from included files).
func TestRunWritesMergedStrategies(t *testing.T) {
	out := t.TempDir()
	n, err := run(filepath.Join("..", "..", "examples"), out)
	if err != nil {
		t.Fatal(err)
	}
	if n != 5 {
		t.Errorf("converted %d strategies, want the 5 examples", n)
	}
	b, err := os.ReadFile(filepath.Join(out, "nordlys", "strategy.json"))
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Version  int              `json:"version"`
		Include  []string         `json:"include"`
		Personas []map[string]any `json:"personas"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if v.Version != 1 || v.Include != nil || len(v.Personas) != 3 {
		t.Errorf("nordlys: version %d, include %v, %d personas; want 1, none (merged), 3", v.Version, v.Include, len(v.Personas))
	}
}

// TestRunRefusesUnreadableStrategies keeps a benchmark from timing a
// partial corpus.
func TestRunRefusesUnreadableStrategies(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "bad"), 0o755)
	os.WriteFile(filepath.Join(dir, "bad", "strategy.yaml"), []byte("version: [1\n"), 0o644)
	_, err := run(dir, t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "cannot be read") {
		t.Fatalf("err = %v, want a strategy that cannot be read", err)
	}
}
