package strategy

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pillar-strategy/pillar/internal/inputfile"
)

// includes merges the files named by root's include key into root. dir is
// the strategy's folder, as its path is written: includes may not reach
// outside it, neither through ".." nor through a symbolic link. abs is
// file's absolute path.
func (l *loader) includes(root *node, file, dir, abs string) {
	inc, i := root.get("include")
	if inc == nil {
		return
	}
	patterns, ok := l.patterns(inc)
	if !ok {
		return
	}
	root.del(i)
	if len(patterns) == 0 {
		return
	}
	folder, err := l.root.OpenRoot(l.inRoot(dir))
	if err != nil {
		l.errs.add(inc.pos, inc.len, "include", fmt.Sprintf("the strategy's folder %s cannot be read: %s", dir, plainErr(err)), "")
		l.fatal = true
		return
	}
	defer folder.Close()
	l.includeFrom(root, file, dir, folder, patterns, []string{realPath(abs)})
}

// includeFrom merges the files patterns name into root, file being the
// file that names them; folder is the strategy's folder dir, opened.
func (l *loader) includeFrom(root *node, file, dir string, folder *os.Root, patterns []*node, stack []string) {
	absDir := l.abs(dir)
	outside := func(pn *node, pat string) {
		l.errs.add(pn.pos, pn.len, "include", fmt.Sprintf("include %q points outside the strategy's folder", pat),
			"Included files must live in the strategy's folder or below it. To share sections between strategies, use extends.")
		l.fatal = true
	}
	for _, pn := range patterns {
		pat, ok := pn.value.(string)
		if !ok || pat == "" {
			l.errs.add(pn.pos, pn.len, "wrong-type", "each include entry must be a file name or glob pattern", "")
			l.fatal = true
			continue
		}
		if filepath.IsAbs(pat) || strings.HasPrefix(pat, "/") {
			l.errs.add(pn.pos, pn.len, "include", fmt.Sprintf("include %q is an absolute path", pat),
				"Write include paths relative to the strategy file, inside its folder.")
			l.fatal = true
			continue
		}
		full := filepath.Join(filepath.Dir(file), filepath.FromSlash(pat))
		rel, err := filepath.Rel(absDir, l.abs(full))
		if err != nil || !filepath.IsLocal(rel) {
			outside(pn, pat)
			continue
		}
		matches := []string{filepath.ToSlash(rel)}
		if hasMeta(rel) {
			// A folder the pattern names outright that leads out of the
			// strategy's folder is said so, rather than matching nothing.
			if fixed := fixedDir(rel); fixed != "" {
				if _, err := inputfile.StatIn(folder, fixed); inputfile.IsOutside(err) {
					l.errs.add(pn.pos, pn.len, "include", fmt.Sprintf("include %q points outside the strategy's folder: %s leads out of it through a symbolic link", pat, filepath.Join(dir, fixed)),
						"Included files must live in the strategy's folder or below it. To share sections between strategies, use extends.")
					l.fatal = true
					continue
				}
			}
			matches, err = globLimited(inputfile.RootFS(folder), filepath.ToSlash(rel), maxGlobPaths)
			if err != nil {
				l.errs.add(pn.pos, pn.len, "include", globError(pat, err), "")
				l.fatal = true
				continue
			}
			if len(matches) == 0 {
				l.errs.add(pn.pos, pn.len, "include", fmt.Sprintf("include %q matches no file", pat),
					"Check the path: it is relative to the file that includes it.")
				l.fatal = true
				continue
			}
		}
		for _, name := range matches {
			m := filepath.Join(dir, filepath.FromSlash(name))
			fi, err := inputfile.StatIn(folder, name)
			switch {
			case inputfile.IsOutside(err):
				// A symbolic link leading out of the folder: said without
				// a word on where it leads or whether that exists.
				l.errs.add(pn.pos, pn.len, "include", fmt.Sprintf("include %q points outside the strategy's folder: %s leads out of it through a symbolic link", pat, m),
					"Included files must live in the strategy's folder or below it. To share sections between strategies, use extends.")
				l.fatal = true
				continue
			case errors.Is(err, fs.ErrNotExist) && !hasMeta(rel):
				l.errs.add(pn.pos, pn.len, "include", fmt.Sprintf("include %q matches no file", pat),
					"Check the path: it is relative to the file that includes it.")
				l.fatal = true
				continue
			case err == nil && fi.IsDir():
				l.errs.add(pn.pos, pn.len, "include", fmt.Sprintf("include %q names a folder (%s), not files", pat, m),
					fmt.Sprintf("Name the files, e.g. %s/*.yaml.", strings.TrimSuffix(pat, "/")))
				l.fatal = true
				continue
			}
			abs := realPath(l.abs(m))
			if slices.Contains(stack, abs) {
				l.errs.add(pn.pos, pn.len, "include", fmt.Sprintf("include %q includes itself", pat), "A file cannot include itself, directly or through others.")
				l.fatal = true
				continue
			}
			frag := l.parseFile(m, folder, name, pn)
			if frag == nil {
				continue
			}
			if ext, _ := frag.get("extends"); ext != nil {
				l.errs.add(ext.key, ext.keyLen, "include", "extends belongs in a strategy's main file, not in an included file",
					"Move extends to the main strategy.yaml.")
				l.fatal = true
				continue
			}
			if inc, i := frag.get("include"); inc != nil {
				if nested, ok := l.patterns(inc); ok {
					frag.del(i)
					l.includeFrom(frag, m, dir, folder, nested, append(stack, abs))
				}
			}
			l.mergeInclude(root, frag)
		}
	}
}

// patterns are the entries of an include key: a list, or one string. A
// value of another kind is a finding, and false.
func (l *loader) patterns(inc *node) ([]*node, bool) {
	switch inc.kind {
	case seqNode:
		return inc.items, true
	case scalarNode:
		if _, ok := inc.value.(string); ok {
			return []*node{inc}, true
		}
		if inc.value == nil {
			return nil, true
		}
	}
	l.errs.add(inc.pos, inc.len, "wrong-type", fmt.Sprintf("include must be a list of files or patterns, not %s", inc.describe()),
		"Write e.g. `include: [personas/*.yaml, channels.yaml]`.")
	l.fatal = true
	return nil, false
}

// fixedDir is the folders a pattern names before its first glob syntax:
// "linked" for linked/*.yaml, "" for *.yaml or */a.yaml.
func fixedDir(pattern string) string {
	parts := strings.Split(pattern, string(filepath.Separator))
	n := 0
	for n < len(parts)-1 && !hasMeta(parts[n]) {
		n++
	}
	return filepath.Join(parts[:n]...)
}

// realPath resolves symbolic links so that a loop through a link is seen as
// the same file; a path that cannot be resolved is used as it is.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

// mergeInclude merges an included fragment into dst: lists are joined, maps
// merged, and a single value set in both is a conflict unless equal.
func (l *loader) mergeInclude(dst, src *node) {
	idx := keyIndex(dst)
	for i, key := range src.keys {
		sv := src.vals[i]
		j, ok := idx[key]
		if !ok {
			idx[key] = len(dst.keys)
			dst.keys = append(dst.keys, key)
			dst.vals = append(dst.vals, sv)
			continue
		}
		switch dv := dst.vals[j]; {
		case dv.kind == mapNode && sv.kind == mapNode:
			l.mergeInclude(dv, sv)
		case dv.kind == seqNode && sv.kind == seqNode:
			dv.items = append(dv.items, sv.items...)
		case dv.kind == scalarNode && sv.kind == scalarNode && dv.value == sv.value:
		default:
			l.errs.add(sv.key, sv.keyLen, "merge-conflict",
				fmt.Sprintf("%q is also set in %s", key, dv.key),
				"Lists from included files are joined and mappings merged, but a single value may be set in one file only.")
		}
	}
}
