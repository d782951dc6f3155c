package strategy

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
)

// Error is a problem found while reading a strategy's files: bad YAML, a
// missing include, an extends cycle. It carries the position and the rule id
// that validation reports it under.
type Error struct {
	Pos     Pos
	Len     int
	Rule    string
	Message string
	Hint    string
	// Warning marks a problem that does not stop the strategy from being
	// read, such as a hashtag the YAML parser took for a comment.
	Warning bool
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s [%s]", e.Pos, e.Message, e.Rule) }

// ErrorList is every problem found while reading a strategy.
type ErrorList []*Error

func (l *ErrorList) add(p Pos, length int, rule, msg, hint string) {
	*l = append(*l, &Error{Pos: p, Len: max(1, length), Rule: rule, Message: msg, Hint: hint})
}

// Error joins the problems, one per line.
func (l ErrorList) Error() string {
	s := make([]string, len(l))
	for i, e := range l {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Document is a strategy as read from its files, before it is checked: the
// merged value tree (maps, lists, strings, int64, float64, bool and nil, the
// shape JSON Schema validation expects), where each value came from, and the
// problems found while reading.
type Document struct {
	// Value is the merged strategy. It is nil when Fatal is set.
	Value any
	// Source records every value's position and the files read.
	Source *Source
	// Problems lists what was wrong with the files themselves.
	Problems ErrorList
	// Fatal is set when the problems leave nothing to validate.
	Fatal bool
}

// Resolve turns a strategy path into the main file to read: a folder means
// the strategy.yaml inside it.
func Resolve(path string) (string, error) {
	if path == "" {
		path = "."
	}
	fi, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	if fi.IsDir() {
		for _, name := range []string{"strategy.yaml", "strategy.yml"} {
			p := filepath.Join(path, name)
			if _, err := os.Stat(p); err == nil {
				return p, nil
			}
		}
		return "", fmt.Errorf("%s: no strategy.yaml in this folder (run `pillar init %s` to create one)", path, path)
	}
	return path, nil
}

// LoadDocument reads the strategy at path (a file, or a folder holding
// strategy.yaml) with its includes and extends. Zero fields of limits take
// their value from DefaultLimits. An error means the main file
// could not be read at all; problems inside the files are in the Document.
func LoadDocument(path string, limits Limits) (*Document, error) {
	main, err := Resolve(path)
	if err != nil {
		return nil, err
	}
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	l := &loader{limits: limits.orDefault(), src: newSource(main), parsed: map[string]bool{}, cwd: cwd}
	root := l.loadStrategy(main, nil)
	if l.mainErr != nil {
		return nil, l.mainErr
	}
	doc := &Document{Source: l.src, Problems: l.errs}
	if root == nil || l.fatal {
		doc.Fatal = true
		return doc, nil
	}
	doc.Value = l.finish(root)
	return doc, nil
}

// Load reads and decodes the strategy at path. Any problem in its files
// other than a warning is returned as an ErrorList. It does not validate: use package schema for that.
func Load(path string) (*Strategy, error) {
	doc, err := LoadDocument(path, DefaultLimits)
	if err != nil {
		return nil, err
	}
	var errs ErrorList
	for _, p := range doc.Problems {
		if !p.Warning {
			errs = append(errs, p)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return doc.Decode()
}

// Decode converts the merged value tree into a Strategy. Decoding is
// best-effort: a value of the wrong type is left at its zero value (the
// schema reports it with its position), so the error is only for a tree
// that is not a strategy at all.
func (d *Document) Decode() (*Strategy, error) {
	if d.Value == nil {
		return nil, errors.New("the strategy could not be read")
	}
	if _, ok := d.Value.(map[string]any); !ok {
		return nil, errors.New("the strategy is not a mapping of sections")
	}
	var s Strategy
	decodeValue(reflect.ValueOf(&s).Elem(), d.Value)
	s.Source = d.Source
	return &s, nil
}

type loader struct {
	limits Limits
	src    *Source
	errs   ErrorList
	fatal  bool
	parsed map[string]bool // absolute paths parsed, to bound MaxFiles
	files  int
	bytes  int64 // read so far, across files
	// Once a budget shared by all files is spent, loading stops: one
	// finding says so, not one per remaining file.
	nodes int // values expanded so far, across files
	cwd   string
	// mainErr is set when the main file itself cannot be opened: that is a
	// failure to run, not a finding.
	mainErr error
}

// exhausted reports whether a budget shared by all the strategy's files
// has been spent.
func (l *loader) exhausted() bool {
	return l.files > l.limits.MaxFiles || l.bytes > l.limits.MaxTotalSize || l.nodes > l.limits.MaxNodes
}

// abs is filepath.Abs without a Getwd system call per path.
func (l *loader) abs(p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(l.cwd, p)
}

// loadStrategy reads one strategy file with its includes, then overlays it
// on the strategy it extends. chain holds the absolute paths of the
// strategies that extend this one, to find cycles.
func (l *loader) loadStrategy(file string, chain []string) *node {
	abs := l.abs(file)
	root := l.parseFile(file, nil)
	if root == nil {
		return nil
	}
	l.includes(root, file, filepath.Dir(abs), []string{realPath(abs)})
	ext, i := root.get("extends")
	if ext == nil {
		return root
	}
	root.del(i)
	target, ok := ext.value.(string)
	if !ok || target == "" {
		l.errs.add(ext.pos, ext.len, "wrong-type", fmt.Sprintf("extends must name a strategy file or folder, not %s", ext.describe()),
			"Write the path of the parent strategy, e.g. `extends: ../corporate`.")
		l.fatal = true
		return nil
	}
	parent := filepath.Join(filepath.Dir(file), filepath.FromSlash(target))
	parentMain, err := Resolve(parent)
	if err != nil {
		l.errs.add(ext.pos, ext.len, "extends", fmt.Sprintf("the parent strategy %q cannot be read: %s", target, plainErr(err)),
			"extends names a strategy file, or a folder holding strategy.yaml, relative to this file.")
		l.fatal = true
		return nil
	}
	parentAbs := l.abs(parentMain)
	chain = append(chain, abs)
	for _, c := range chain {
		if c == parentAbs {
			l.errs.add(ext.pos, ext.len, "extends", fmt.Sprintf("extends %q makes a cycle: %s", target, cycleText(chain, parentAbs)),
				"A strategy cannot extend itself, directly or through its parents. Remove one of the extends.")
			l.fatal = true
			return nil
		}
	}
	if len(chain) > l.limits.MaxExtends {
		l.errs.add(ext.pos, ext.len, "extends", fmt.Sprintf("extends goes more than %d levels deep", l.limits.MaxExtends),
			"Flatten the chain of parent strategies.")
		l.fatal = true
		return nil
	}
	base := l.loadStrategy(filepath.Clean(parentMain), chain)
	if base == nil {
		return nil
	}
	return overlay(base, root)
}

func cycleText(chain []string, back string) string {
	var parts []string
	for _, c := range chain {
		parts = append(parts, filepath.Base(filepath.Dir(c))+"/"+filepath.Base(c))
	}
	return strings.Join(append(parts, filepath.Base(filepath.Dir(back))+"/"+filepath.Base(back)), " → ")
}

func plainErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if errors.Is(err, fs.ErrNotExist) {
			return "no such file or folder"
		}
		return pe.Err.Error()
	}
	return err.Error()
}

// parseFile reads and parses one file. from is the include or extends node
// that named it, for errors about reading it.
func (l *loader) parseFile(file string, from *node) *node {
	if l.exhausted() {
		return nil
	}
	abs := l.abs(file)
	l.files++
	if l.files > l.limits.MaxFiles {
		l.errs.add(posOf(from, file), 1, "yaml-limit", fmt.Sprintf("the strategy reads more than %d files", l.limits.MaxFiles),
			"Check include patterns for a runaway glob.")
		l.fatal = true
		return nil
	}
	l.parsed[abs] = true
	f, err := os.Open(file)
	if err != nil && from == nil && len(l.src.Files) == 0 {
		l.mainErr = err
		return nil
	}
	if err != nil {
		l.errs.add(posOf(from, file), 1, "include", fmt.Sprintf("%s cannot be read: %s", file, plainErr(err)), "")
		l.fatal = true
		return nil
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, l.limits.MaxFileSize+1))
	if err != nil {
		l.errs.add(posOf(from, file), 1, "include", fmt.Sprintf("%s cannot be read: %s", file, plainErr(err)), "")
		l.fatal = true
		return nil
	}
	if int64(len(src)) > l.limits.MaxFileSize {
		l.errs.add(Pos{file, 1, 1}, 1, "yaml-limit",
			fmt.Sprintf("the file is larger than %s, the most a strategy file may be", sizeText(l.limits.MaxFileSize)),
			"Strategy files are small documents; split a very large strategy with include, and keep data such as post history out of it.")
		l.fatal = true
		return nil
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	lines := splitLines(src)
	l.src.Files = append(l.src.Files, file)
	l.src.lines[file] = lines
	if ig := scanIgnores(lines); len(ig) > 0 {
		l.src.ignores[file] = ig
	}
	l.bytes += int64(len(src))
	if l.bytes > l.limits.MaxTotalSize {
		l.errs.add(posOf(from, file), 1, "yaml-limit",
			fmt.Sprintf("the strategy's files add up to more than %s", sizeText(l.limits.MaxTotalSize)),
			"Strategies are small documents; keep data such as post history out of them.")
		l.fatal = true
		return nil
	}
	p := &fileParser{file: file, src: src, lines: lines, limits: l.limits, nodes: &l.nodes, active: map[*yamlNode]bool{}, errs: &l.errs}
	root := p.parse()
	if root == nil {
		l.fatal = true
	}
	return root
}

func posOf(n *node, file string) Pos {
	if n != nil {
		return n.pos
	}
	return Pos{file, 1, 1}
}

// includes merges the files named by root's include key into root. dir is
// the strategy's folder: includes may not reach outside it.
func (l *loader) includes(root *node, file, dir string, stack []string) {
	inc, i := root.get("include")
	if inc == nil {
		return
	}
	var patterns []*node
	switch inc.kind {
	case seqNode:
		patterns = inc.items
	case scalarNode:
		if _, ok := inc.value.(string); ok {
			patterns = []*node{inc}
		}
	}
	if patterns == nil && inc.value != nil {
		l.errs.add(inc.pos, inc.len, "wrong-type", fmt.Sprintf("include must be a list of files or patterns, not %s", inc.describe()),
			"Write e.g. `include: [personas/*.yaml, channels.yaml]`.")
		l.fatal = true
		return
	}
	root.del(i)
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
		if !insideLexically(dir, l.abs(full)) {
			l.errs.add(pn.pos, pn.len, "include", fmt.Sprintf("include %q points outside the strategy's folder", pat),
				"Included files must live in the strategy's folder or below it. To share sections between strategies, use extends.")
			l.fatal = true
			continue
		}
		matches, err := filepath.Glob(full)
		if err != nil {
			l.errs.add(pn.pos, pn.len, "include", fmt.Sprintf("include %q is not a valid pattern: %v", pat, err), "")
			l.fatal = true
			continue
		}
		if len(matches) == 0 {
			l.errs.add(pn.pos, pn.len, "include", fmt.Sprintf("include %q matches no file", pat),
				"Check the path: it is relative to the file that includes it.")
			l.fatal = true
			continue
		}
		sort.Strings(matches)
		for _, m := range matches {
			if !inside(dir, m) {
				l.errs.add(pn.pos, pn.len, "include", fmt.Sprintf("include %q points outside the strategy's folder (%s)", pat, m),
					"Included files must live in the strategy's folder or below it. To share sections between strategies, use extends.")
				l.fatal = true
				continue
			}
			if fi, err := os.Stat(m); err == nil && fi.IsDir() {
				l.errs.add(pn.pos, pn.len, "include", fmt.Sprintf("include %q names a folder (%s), not files", pat, m),
					fmt.Sprintf("Name the files, e.g. %s/*.yaml.", strings.TrimSuffix(pat, "/")))
				l.fatal = true
				continue
			}
			abs := realPath(l.abs(m))
			if contains(stack, abs) {
				l.errs.add(pn.pos, pn.len, "include", fmt.Sprintf("include %q includes itself", pat), "A file cannot include itself, directly or through others.")
				l.fatal = true
				continue
			}
			frag := l.parseFile(filepath.Clean(m), pn)
			if frag == nil {
				continue
			}
			if ext, _ := frag.get("extends"); ext != nil {
				l.errs.add(ext.key, ext.keyLen, "include", "extends belongs in a strategy's main file, not in an included file",
					"Move extends to the main strategy.yaml.")
				l.fatal = true
				continue
			}
			l.includes(frag, m, dir, append(stack, abs))
			l.mergeInclude(root, frag)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// realPath resolves symbolic links so that a loop through a link is seen as
// the same file; a path that cannot be resolved is used as it is.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

// insideLexically reports whether a path (or pattern) stays inside dir
// going by its text alone: "../x" does not, whether or not it exists.
func insideLexically(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// inside reports whether path lies in dir or below it, after resolving
// symbolic links, so a link cannot smuggle a file in from elsewhere.
func inside(dir, path string) bool {
	d, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return false
	}
	p, err := filepath.EvalSymlinks(path)
	if err != nil {
		return false
	}
	d, _ = filepath.Abs(d)
	p, _ = filepath.Abs(p)
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// mergeInclude merges an included fragment into dst: lists are joined, maps
// merged, and a single value set in both is a conflict unless equal.
func (l *loader) mergeInclude(dst, src *node) {
	for i, key := range src.keys {
		sv := src.vals[i]
		dv, j := dst.get(key)
		switch {
		case j < 0:
			dst.keys = append(dst.keys, key)
			dst.vals = append(dst.vals, sv)
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

// overlay applies a child strategy on its parent: mappings merge key by key,
// anything else in the child (lists included) replaces the parent's value,
// and an explicit null removes an inherited key.
func overlay(parent, child *node) *node {
	if parent.kind != mapNode || child.kind != mapNode {
		return child
	}
	out := &node{kind: mapNode, pos: child.pos, len: child.len, key: child.key, keyLen: child.keyLen}
	out.keys = append(out.keys, parent.keys...)
	out.vals = append(out.vals, parent.vals...)
	for i, key := range child.keys {
		cv := child.vals[i]
		pv, j := out.get(key)
		switch {
		case j < 0:
			if cv.kind == scalarNode && cv.value == nil {
				continue
			}
			out.keys = append(out.keys, key)
			out.vals = append(out.vals, cv)
		case cv.kind == scalarNode && cv.value == nil:
			out.del(j)
		default:
			out.vals[j] = overlay(pv, cv)
		}
	}
	return out
}

// finish records every value's span by JSON pointer and converts the tree
// into plain Go values.
func (l *loader) finish(root *node) any {
	l.src.root = root
	return plain(root)
}

// plain converts the tree into maps, slices and scalars.
func plain(n *node) any {
	switch n.kind {
	case mapNode:
		m := make(map[string]any, len(n.keys))
		for i, k := range n.keys {
			m[k] = plain(n.vals[i])
		}
		return m
	case seqNode:
		s := make([]any, len(n.items))
		for i, it := range n.items {
			s[i] = plain(it)
		}
		return s
	}
	return n.value
}

func sizeText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	if n >= 1<<10 && n%(1<<10) == 0 {
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
