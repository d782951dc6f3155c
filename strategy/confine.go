package strategy

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pillar-strategy/pillar/git"
	"github.com/pillar-strategy/pillar/internal/inputfile"
)

// Every file a strategy reads is opened through one os.Root, the
// repository root (Limits.Root), so that no path written in a strategy, be
// it "../../../etc/passwd", an absolute path or a symbolic link, makes
// pillar read a file elsewhere on the machine and quote it in a finding.
// Findings about such a path say that it leads outside, never what is
// there or whether anything is.

// openRoot finds the root for the strategy whose main file is main and
// opens it.
func (l *loader) openRoot(main string) error {
	want := l.limits.Root
	if want == "" {
		r, err := git.Root(main)
		if err != nil {
			return err
		}
		want = r
	}
	dir, err := l.placeRoot(main, l.abs(want))
	if err != nil {
		return err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("the root %s cannot be read: %s", want, plainErr(err))
	}
	l.root, l.rootDir = root, dir
	return nil
}

// placeRoot spells the root dir the way the main file's path spells it:
// dir itself when the path runs through it, else the folder above main
// that is dir by another name (through a symbolic link, say). A main file
// outside dir is an error: the root is the user's own choice.
func (l *loader) placeRoot(main, dir string) (string, error) {
	abs := l.abs(main)
	if rel, err := filepath.Rel(dir, abs); err == nil && filepath.IsLocal(rel) {
		return dir, nil
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		for up := filepath.Dir(abs); ; up = filepath.Dir(up) {
			if r, err := filepath.EvalSymlinks(up); err == nil && r == real {
				return up, nil
			}
			if filepath.Dir(up) == up {
				break
			}
		}
	}
	return "", fmt.Errorf("%s is outside the root %s, the folder whose files pillar may read; give a --root that holds the strategy, or leave --root out", main, dir)
}

// inRoot is file's path inside the root. Paths are joined from the main
// file's path, which lies in the root as spelt, so this never leaves it
// for a path that stays inside by its text: callers check that first.
func (l *loader) inRoot(file string) string {
	rel, err := filepath.Rel(l.rootDir, l.abs(file))
	if err != nil {
		return file
	}
	return rel
}

// leavesRoot reports whether file, by its text alone, lies outside the
// root: "../" too many, whether or not anything is there.
func (l *loader) leavesRoot(file string) bool {
	rel, err := filepath.Rel(l.rootDir, l.abs(file))
	return err != nil || !filepath.IsLocal(rel)
}

// open opens file, at name inside dir, for parseFile. Whatever stops it
// is recorded and the result is nil: for the main file (from nil) and for
// a file that is not a regular one, as the failure LoadDocument returns;
// otherwise as a finding at from.
func (l *loader) open(file string, dir *os.Root, name string, from *node) *os.File {
	f, err := inputfile.OpenIn(dir, name)
	if err == nil {
		return f
	}
	// Parents are opened through the root itself, included files
	// through their strategy's folder.
	rule := "include"
	if dir == l.root {
		rule = "extends"
	}
	var nr *inputfile.NotRegularError
	switch {
	case errors.As(err, &nr) && from == nil:
		l.failed = fmt.Errorf("%s is %s, not a regular file; pillar reads strategies only from regular files", file, inputfile.Kind(nr.Mode))
	case errors.As(err, &nr):
		l.failed = fmt.Errorf("%s: %s is %s, not a regular file; pillar reads strategies only from regular files", from.pos, file, inputfile.Kind(nr.Mode))
	case inputfile.IsOutside(err) && from == nil:
		l.failed = fmt.Errorf("%s leads outside the repository root %s through a symbolic link; pillar reads only files inside the root (give --root to widen it)", file, l.rootDir)
	case inputfile.IsOutside(err) && rule == "extends":
		l.outsideRoot(from, from.value)
	case inputfile.IsOutside(err):
		l.errs.add(from.pos, from.len, "include", fmt.Sprintf("%s points outside the strategy's folder", file),
			"Included files must live in the strategy's folder or below it. To share sections between strategies, use extends.")
	case from == nil:
		l.failed = &fs.PathError{Op: "open", Path: file, Err: unwrapPath(err)}
	default:
		l.errs.add(from.pos, from.len, rule, fmt.Sprintf("%s cannot be read: %s", file, plainErr(err)), "")
	}
	return nil
}

// unwrapPath is the error inside a *fs.PathError, whose path is the one
// inside the root rather than the caller's.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// outsideRoot records that the path written at n leads outside the root.
func (l *loader) outsideRoot(n *node, target any) {
	l.errs.add(n.pos, n.len, "extends", fmt.Sprintf("extends %q leads outside the repository root %s", target, l.rootDir),
		"A strategy may read only files inside the repository root: the enclosing git work tree, or outside one the folder given on the command line. Move the parent strategy into it, or widen the root with --root DIR.")
}

// resolveExtends turns the target of file's extends (node ext) into the
// parent's main file: the file, or strategy.yaml in the folder. Findings
// say why not, and the result is then false.
func (l *loader) resolveExtends(ext *node, file, target string) (string, bool) {
	if filepath.IsAbs(target) || strings.HasPrefix(target, "/") || filepath.VolumeName(target) != "" {
		l.errs.add(ext.pos, ext.len, "extends", fmt.Sprintf("extends %q is an absolute path", target),
			fmt.Sprintf("Write the parent's path relative to this file, inside the repository root %s (or widen the root with --root DIR).", l.rootDir))
		return "", false
	}
	parent := filepath.Join(filepath.Dir(file), filepath.FromSlash(target))
	if l.leavesRoot(parent) {
		l.outsideRoot(ext, target)
		return "", false
	}
	cannot := func(why string) (string, bool) {
		l.errs.add(ext.pos, ext.len, "extends", fmt.Sprintf("the parent strategy %q cannot be read: %s", target, why),
			"extends names a strategy file, or a folder holding strategy.yaml, relative to this file.")
		return "", false
	}
	fi, err := inputfile.StatIn(l.root, l.inRoot(parent))
	switch {
	case inputfile.IsOutside(err):
		l.outsideRoot(ext, target)
		return "", false
	case err != nil:
		return cannot(plainErr(err))
	case !fi.IsDir():
		return parent, true
	}
	for _, name := range []string{"strategy.yaml", "strategy.yml"} {
		p := filepath.Join(parent, name)
		if _, err := inputfile.StatIn(l.root, l.inRoot(p)); err == nil || inputfile.IsOutside(err) {
			return p, true
		}
	}
	return cannot(fmt.Sprintf("no strategy.yaml in %s", parent))
}
