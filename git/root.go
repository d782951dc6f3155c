package git

import (
	"os"
	"path/filepath"
)

// Root returns the repository root of path, a strategy file or a folder:
// the nearest folder at or above it that holds .git (a folder, or the file
// a linked worktree or submodule has), which is what git calls the work
// tree's top level; outside a repository, the folder itself (a file's
// folder). It looks at the path as written, without resolving symbolic
// links, so a link inside the repository cannot move the root; the result
// is absolute and clean.
//
// Every file a strategy names (include, extends) must lie inside the root;
// --root on the command line replaces it.
func Root(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	start := abs
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		start = filepath.Dir(abs)
	}
	for dir := start; ; {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return start, nil
		}
		dir = parent
	}
}
