package strategy

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"strings"
)

// maxGlobPaths is the most paths an include pattern may match, counting
// the folders its wildcards pass through. fs.Glob has no limit: a folder
// holding 40 links to itself makes "l*/l*/l*/l*/x.yaml" match 2.5 million
// paths, which it lists in full (minutes and gigabytes) before the loader
// could refuse the 501st file.
const maxGlobPaths = 10_000

// errTooManyPaths is returned by globLimited when a pattern matches more
// than its limit.
var errTooManyPaths = errors.New("too many matches")

// globLimited is fs.Glob, stopping with errTooManyPaths as soon as the
// pattern has matched more than limit paths at any depth.
func globLimited(fsys fs.FS, pattern string, limit int) ([]string, error) {
	n := 0
	return globDepth(fsys, pattern, 0, &n, limit)
}

// globError words what went wrong with an include pattern.
func globError(pattern string, err error) string {
	if errors.Is(err, errTooManyPaths) {
		return fmt.Sprintf("include %q matches more than %d paths", pattern, maxGlobPaths)
	}
	return fmt.Sprintf("include %q is not a valid pattern: %v", pattern, err)
}

// globDepth follows fs.Glob (Go 1.24): the folder part of the pattern is
// globbed first, then the last element within each match.
func globDepth(fsys fs.FS, pattern string, depth int, n *int, limit int) ([]string, error) {
	if _, err := path.Match(pattern, ""); err != nil {
		return nil, err
	}
	if depth > 10_000 {
		return nil, path.ErrBadPattern
	}
	if !hasMeta(pattern) {
		if _, err := fs.Stat(fsys, pattern); err != nil {
			return nil, nil
		}
		return []string{pattern}, nil
	}
	dir, file := path.Split(pattern)
	dir = cleanGlobPath(dir)
	if !hasMeta(dir) {
		return globIn(fsys, dir, file, nil, n, limit)
	}
	if dir == pattern {
		return nil, path.ErrBadPattern
	}
	dirs, err := globDepth(fsys, dir, depth+1, n, limit)
	if err != nil {
		return nil, err
	}
	var matches []string
	for _, d := range dirs {
		if matches, err = globIn(fsys, d, file, matches, n, limit); err != nil {
			return nil, err
		}
	}
	return matches, nil
}

// globIn appends the names in dir that match pattern, in sorted order.
func globIn(fsys fs.FS, dir, pattern string, matches []string, n *int, limit int) ([]string, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return matches, nil
	}
	for _, e := range entries {
		ok, err := path.Match(pattern, e.Name())
		if err != nil {
			return matches, err
		}
		if ok {
			if *n++; *n > limit {
				return matches, errTooManyPaths
			}
			matches = append(matches, path.Join(dir, e.Name()))
		}
	}
	return matches, nil
}

// hasMeta reports whether p holds glob syntax: the magic characters of
// path.Match (a backslash escapes, except on Windows).
func hasMeta(p string) bool {
	magic := `*?[`
	if runtime.GOOS != "windows" {
		magic = `*?[\`
	}
	return strings.ContainsAny(p, magic)
}

// cleanGlobPath prepares a folder path for globbing, as fs.Glob does.
func cleanGlobPath(p string) string {
	switch p {
	case "":
		return "."
	default:
		return p[:len(p)-1] // chop off trailing separator
	}
}
