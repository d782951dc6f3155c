package cli

import (
	"flag"
	"os"

	"github.com/pillar-strategy/pillar/git"
)

// rootUsage is the help of --root, the same on every command that reads
// strategies.
const rootUsage = "`folder` every file a strategy names (include, extends) must lie in; it must hold the strategy " +
	"(default the repository root: the enclosing git work tree, else the folder given)"

// rootFlag adds --root to a command that reads strategies.
func rootFlag(fs *flag.FlagSet, root *string) {
	fs.StringVar(root, "root", "", rootUsage)
}

// checkRoot refuses a --root that is not a folder.
func checkRoot(cmd, root string) error {
	if root == "" {
		return nil
	}
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		return usagef(cmd, "--root names the folder that holds the strategies and every file they name, e.g. --root . at the top of the repository.",
			"--root %s is not a folder", root)
	}
	return nil
}

// rootOf is the root that confines the strategy at path, as the user
// gave it on the command line: --root when given, else the repository
// root of path (package git defines it once for every command).
func rootOf(path, flagRoot string) string {
	if flagRoot != "" {
		return flagRoot
	}
	if r, err := git.Root(path); err == nil {
		return r
	}
	return "" // the loader finds it from the main file
}

// target is a strategy to read and the root that confines it.
type target struct {
	path string
	root string
}
