package git

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// Repo is a git work tree that git itself has found.
type Repo struct {
	// Top is the work tree's top level as git names it.
	Top string
	// RealTop is Top with symbolic links resolved, for comparing paths.
	RealTop string
}

// Open finds the repository holding path by asking git. Path need not
// exist: git starts from the nearest folder above it that does, since a
// strategy gone from the working tree may still be in a revision.
func Open(ctx context.Context, path string) (*Repo, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	dir := existing(abs)
	out, err := run(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	r := &Repo{Top: strings.TrimSpace(string(out))}
	r.RealTop = r.Top
	if real, err := filepath.EvalSymlinks(r.Top); err == nil {
		r.RealTop = real
	}
	return r, nil
}

// existing is the nearest folder at or above abs that exists.
func existing(abs string) string {
	dir := abs
	for {
		if fi, err := os.Stat(dir); err == nil {
			if !fi.IsDir() {
				dir = filepath.Dir(dir)
			}
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return dir
		}
		dir = parent
	}
}

// ErrOutside is returned by Rel for a path outside the work tree.
var ErrOutside = errors.New("outside the repository")

// Rel is path relative to the work tree's top level, with symbolic links
// in the part of it that exists resolved the way git resolves the top
// level ("." for the top level itself). A path outside gives ErrOutside.
func (r *Repo) Rel(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	dir := existing(abs)
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", err
	}
	rest, err := filepath.Rel(dir, abs)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(r.RealTop, filepath.Join(realDir, rest))
	if err != nil || (rel != "." && !filepath.IsLocal(rel)) {
		return "", ErrOutside
	}
	return rel, nil
}

// Commit resolves rev to the commit it names.
func (r *Repo) Commit(ctx context.Context, rev string) (string, error) {
	out, err := run(ctx, r.Top, "rev-parse", "--verify", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// HasCommit reports whether rev names a commit in the repository.
func (r *Repo) HasCommit(ctx context.Context, rev string) bool {
	_, err := run(ctx, r.Top, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	return err == nil
}

// MergeBase is the best common ancestor of a and b.
func (r *Repo) MergeBase(ctx context.Context, a, b string) (string, error) {
	out, err := run(ctx, r.Top, "merge-base", "--end-of-options", a, b)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// Changed lists the files that differ between the commits from and to,
// relative to the top level with slashes, as git names them. To "" means
// the working tree: uncommitted changes and untracked files (those not
// ignored) count too. Renames count as a deletion and an addition.
func (r *Repo) Changed(ctx context.Context, from, to string) ([]string, error) {
	args := []string{"diff", "--name-only", "-z", "--no-renames", "--end-of-options", from}
	if to != "" {
		args = append(args, to)
	}
	out, err := run(ctx, r.Top, args...)
	if err != nil {
		return nil, err
	}
	names := strings.Split(string(out), "\x00")
	if to == "" {
		if untracked, err := run(ctx, r.Top, "ls-files", "-z", "--others", "--exclude-standard"); err == nil {
			names = append(names, strings.Split(string(untracked), "\x00")...)
		}
	}
	var files []string
	for _, n := range names {
		if n != "" {
			files = append(files, n)
		}
	}
	return files, nil
}

// Describe names the commit the work tree holding path (a file or a
// folder) is at, for a playbook's cover (`git describe --always --dirty`):
// a tag when there is one, else the abbreviated commit, with -dirty for
// uncommitted changes. It is "" outside a repository or without git. It
// never uses the clock, so output stays reproducible.
func Describe(ctx context.Context, path string) string {
	dir := path
	if fi, err := os.Stat(path); err == nil && !fi.IsDir() {
		dir = filepath.Dir(path)
	}
	out, err := run(ctx, dir, "describe", "--always", "--dirty", "--abbrev=12")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
