package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADMEListsEveryRule keeps the README's copy of --list-rules true.
func TestREADMEListsEveryRule(t *testing.T) {
	r := pillar(t, nil, "validate", "--list-rules")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```\n"+r.stdout+"```\n") {
		t.Errorf("README.md does not hold the output of pillar validate --list-rules:\n%s", r.stdout)
	}
}
