package schema

import (
	"github.com/pillar-strategy/pillar/internal/golden"
	"testing"
)

// checkGolden compares got with the golden file at path (-update rewrites it).
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	golden.Check(t, path, got)
}
