package strategy

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/pillar-strategy/pillar/internal/inputfile"
)

// A strategy's drafts.files and drafts.mapping come with the pull request
// that changes them, so they are read as include is: written relative to
// the strategy's folder, and never leading outside the repository root,
// by "..", an absolute path or a symbolic link.

// DraftsPattern checks one drafts.files entry by its text: a non-empty,
// slash-separated path or glob pattern, relative to the strategy's
// folder. Whether it stays inside the root is known only with the folder:
// see DraftsFiles and DraftsMatch.
func DraftsPattern(p string) error {
	switch {
	case p == "":
		return errors.New("a drafts.files entry is empty")
	case filepath.IsAbs(p) || strings.HasPrefix(p, "/") || filepath.VolumeName(p) != "":
		return fmt.Errorf("drafts.files %q is an absolute path; write it relative to the strategy's folder", p)
	case strings.ContainsRune(p, '\\'):
		return fmt.Errorf("drafts.files %q holds a backslash; write paths with slashes", p)
	}
	if _, err := path.Match(p, ""); err != nil {
		return fmt.Errorf("drafts.files %q is not a valid pattern: %v", p, err)
	}
	return nil
}

// inRootPattern is pattern p of the strategy folder dirInRoot (relative
// to the root, with slashes) as a path relative to the root, or an error
// when its text leads outside the root.
func inRootPattern(dirInRoot, p string) (string, error) {
	if err := DraftsPattern(p); err != nil {
		return "", err
	}
	full := path.Join(dirInRoot, p)
	if full != "." && !filepath.IsLocal(filepath.FromSlash(full)) {
		return "", fmt.Errorf("drafts.files %q leads outside the repository root; drafts must live inside it", p)
	}
	return full, nil
}

// DraftsFiles expands the drafts.files patterns of the strategy whose
// folder is dir into the files and folders they name, inside the
// repository root root: files and folders that exist, each once, in the
// order of the patterns (a glob's matches sorted), spelt from dir. A
// pattern that matches nothing adds nothing: next month's sheet may not
// be written yet. A pattern that leads outside the root, by its text or
// through a symbolic link, is an error.
func DraftsFiles(dir, root string, patterns []string) ([]string, error) {
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	relDir, err := filepath.Rel(absRoot, absDir)
	if err != nil || (relDir != "." && !filepath.IsLocal(relDir)) {
		return nil, fmt.Errorf("the strategy's folder %s is outside the repository root %s", dir, root)
	}
	r, err := os.OpenRoot(absRoot)
	if err != nil {
		return nil, fmt.Errorf("the root %s cannot be read: %s", root, plainErr(err))
	}
	defer r.Close()
	var out []string
	seen := map[string]bool{}
	for _, p := range patterns {
		full, err := inRootPattern(filepath.ToSlash(relDir), p)
		if err != nil {
			return nil, err
		}
		matches := []string{full}
		if hasMeta(full) {
			// A folder the pattern names outright that leads out of the
			// root is said so, rather than matching nothing.
			if fixed := fixedDir(filepath.FromSlash(full)); fixed != "" {
				if _, err := inputfile.StatIn(r, fixed); inputfile.IsOutside(err) {
					return nil, fmt.Errorf("drafts.files %q leads outside the repository root through a symbolic link (%s); drafts must live inside it", p, fixed)
				}
			}
			if matches, err = globLimited(inputfile.RootFS(r), full, maxGlobPaths); err != nil {
				if errors.Is(err, errTooManyPaths) {
					return nil, fmt.Errorf("drafts.files %q matches more than %d paths", p, maxGlobPaths)
				}
				return nil, fmt.Errorf("drafts.files %q is not a valid pattern: %v", p, err)
			}
		}
		for _, m := range matches {
			_, err := inputfile.StatIn(r, filepath.FromSlash(m))
			switch {
			case inputfile.IsOutside(err):
				return nil, fmt.Errorf("drafts.files %q leads outside the repository root through a symbolic link (%s); drafts must live inside it", p, m)
			case err != nil:
				continue // not there (yet)
			}
			rel, err := filepath.Rel(relDir, filepath.FromSlash(m))
			if err != nil {
				continue
			}
			name := filepath.Join(dir, rel)
			if !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
		}
	}
	return out, nil
}

// DraftsMatch says whether file, a path relative to the repository root
// with slashes, is among the drafts that patterns name for the strategy
// whose folder is dirInRoot (relative to the root, with slashes), and as
// which input: the file itself when a pattern names it, or the folder a
// pattern names that holds it when it is a Markdown post, since a folder
// of posts is checked whole (its empty slots are those no post fills).
// Patterns whose text leads outside the root match nothing.
func DraftsMatch(dirInRoot string, patterns []string, file string) (string, bool) {
	for _, p := range patterns {
		full, err := inRootPattern(dirInRoot, p)
		if err != nil {
			continue
		}
		if ok, _ := path.Match(full, file); ok {
			return file, true
		}
		if !isMarkdownName(file) {
			continue
		}
		for d := path.Dir(file); d != "." && d != "/"; d = path.Dir(d) {
			if ok, _ := path.Match(full, d); ok {
				return d, true
			}
		}
	}
	return "", false
}

// isMarkdownName reports whether name is a Markdown post by its
// extension, as package drafts reads folders.
func isMarkdownName(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown":
		return true
	}
	return false
}
