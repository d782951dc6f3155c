package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADMEListsEveryRule keeps the README's "Content rules and platform limits"
// table true: every rule, with its default severity.
func TestREADMEListsEveryRule(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "#### Content rules and platform limits")
	if !ok {
		t.Fatal("README.md has no Content rules and platform limits section")
	}
	for _, r := range Rules() {
		row := "| `" + r.ID + "` | " + r.Severity.String() + " |"
		if !strings.Contains(section, row) {
			t.Errorf("README.md's table has no row starting %s", row)
		}
	}
}
