package strategy

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// maxGlobPaths is the most paths an include pattern may match, counting
// the folders its wildcards pass through. filepath.Glob has no limit: a
// folder holding 40 links to itself makes "l*/l*/l*/l*/x.yaml" match 2.5
// million paths, which it lists in full (minutes and gigabytes) before the
// loader could refuse the 501st file.
const maxGlobPaths = 10_000

// errTooManyPaths is returned by globLimited when a pattern matches more
// than its limit.
var errTooManyPaths = errors.New("too many matches")

// globLimited is filepath.Glob, stopping with errTooManyPaths as soon as
// the pattern has matched more than limit paths at any depth.
func globLimited(pattern string, limit int) ([]string, error) {
	n := 0
	return globDepth(pattern, 0, &n, limit)
}

// globError words what went wrong with an include pattern.
func globError(pattern string, err error) string {
	if errors.Is(err, errTooManyPaths) {
		return fmt.Sprintf("include %q matches more than %d paths", pattern, maxGlobPaths)
	}
	return fmt.Sprintf("include %q is not a valid pattern: %v", pattern, err)
}

// globDepth follows filepath.Glob (Go 1.23): the folder part of the
// pattern is globbed first, then the last element within each match.
func globDepth(pattern string, depth int, n *int, limit int) ([]string, error) {
	if _, err := filepath.Match(pattern, ""); err != nil {
		return nil, err
	}
	if depth > 10_000 {
		return nil, filepath.ErrBadPattern
	}
	if !hasMeta(pattern) {
		if _, err := os.Lstat(pattern); err != nil {
			return nil, nil
		}
		return []string{pattern}, nil
	}
	dir, file := filepath.Split(pattern)
	dir = cleanGlobPath(dir)
	if !hasMeta(dir) {
		return globIn(dir, file, nil, n, limit)
	}
	if dir == pattern {
		return nil, filepath.ErrBadPattern
	}
	dirs, err := globDepth(dir, depth+1, n, limit)
	if err != nil {
		return nil, err
	}
	var matches []string
	for _, d := range dirs {
		if matches, err = globIn(d, file, matches, n, limit); err != nil {
			return nil, err
		}
	}
	return matches, nil
}

// globIn appends the names in dir that match pattern.
func globIn(dir, pattern string, matches []string, n *int, limit int) ([]string, error) {
	fi, err := os.Stat(dir)
	if err != nil || !fi.IsDir() {
		return matches, nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return matches, nil
	}
	defer d.Close()
	names, _ := d.Readdirnames(-1)
	sort.Strings(names)
	for _, name := range names {
		ok, err := filepath.Match(pattern, name)
		if err != nil {
			return matches, err
		}
		if ok {
			if *n++; *n > limit {
				return matches, errTooManyPaths
			}
			matches = append(matches, filepath.Join(dir, name))
		}
	}
	return matches, nil
}

// hasMeta reports whether path contains any of the magic characters
// recognized by filepath.Match (a backslash escapes, except on Windows).
func hasMeta(path string) bool {
	magic := `*?[`
	if runtime.GOOS != "windows" {
		magic = `*?[\`
	}
	return strings.ContainsAny(path, magic)
}

// cleanGlobPath prepares a folder path for globbing, as filepath.Glob does.
func cleanGlobPath(path string) string {
	switch path {
	case "":
		return "."
	case string(filepath.Separator):
		return path
	}
	return path[:len(path)-1]
}
