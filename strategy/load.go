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
	// Rest, when set, is what the text from Pos to the end of its line
	// (trailing blanks left out) should become to resolve the problem: a
	// hashtag-comment's whole line, quoted.
	Rest string
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
// their value from DefaultLimits. An error means the strategy could not be
// read at all: the main file is missing, unreadable or outside
// limits.Root, or one of its files is not a regular file (a named pipe, a
// device); problems inside the files are in the Document.
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
	if err := l.openRoot(main); err != nil {
		return nil, err
	}
	defer l.root.Close()
	root := l.loadStrategy(main, nil, nil)
	if l.failed != nil {
		return nil, l.failed
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
	// root is the folder every file is opened through (Limits.Root), and
	// rootDir its absolute path spelt the way the main file's path is, so
	// that a file's path inside it is found from the file's path alone.
	root    *os.Root
	rootDir string
	// failed is set when the strategy cannot be read at all: the main
	// file cannot be opened, or a file is not a regular one. That is a
	// failure to run, not a finding.
	failed error
	// inParent is set while the files of a strategy the main one extends
	// are read (see Source.Inherited).
	inParent bool
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
// strategies that extend this one, to find cycles; from is the extends
// that named the file (nil for the main file).
func (l *loader) loadStrategy(file string, chain []string, from *node) *node {
	abs := l.abs(file)
	// A strategy's own file and its includes are read before its parent,
	// so from here on every file read belongs to a parent.
	l.inParent = len(chain) > 0
	root := l.parseFile(file, l.root, l.inRoot(file), from)
	if root == nil {
		return nil
	}
	l.includes(root, file, filepath.Dir(file), abs)
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
	parentMain, ok := l.resolveExtends(ext, file, target)
	if !ok {
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
	base := l.loadStrategy(parentMain, chain, ext)
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

// parseFile reads and parses one file: file is its path for people,
// name its path inside dir, which confines it. from is the include or
// extends node that named it, nil for the main file.
func (l *loader) parseFile(file string, dir *os.Root, name string, from *node) *node {
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
	f := l.open(file, dir, name, from)
	if f == nil {
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
	bom := 0
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		src, bom = src[3:], 3
	}
	body := string(src)
	lines := splitText(body)
	l.src.Files = append(l.src.Files, file)
	if l.inParent {
		if l.src.inherited == nil {
			l.src.inherited = map[string]bool{}
		}
		l.src.inherited[file] = true
	}
	l.src.lines[file] = lines
	l.src.texts[file] = text{body: body, skip: bom}
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

// keyIndex maps a mapping's keys to their places, so that merging two
// large mappings costs their sizes rather than the product of them.
func keyIndex(n *node) map[string]int {
	idx := make(map[string]int, len(n.keys))
	for i, k := range n.keys {
		if _, dup := idx[k]; !dup {
			idx[k] = i
		}
	}
	return idx
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
	idx := keyIndex(out)
	removed := false
	for i, key := range child.keys {
		cv := child.vals[i]
		j, ok := idx[key]
		switch {
		case !ok:
			if cv.kind == scalarNode && cv.value == nil {
				continue
			}
			idx[key] = len(out.keys)
			out.keys = append(out.keys, key)
			out.vals = append(out.vals, cv)
		case cv.kind == scalarNode && cv.value == nil:
			// Removed below, all at once: deleting here would shift the
			// places the index holds.
			out.vals[j] = nil
			removed = true
		default:
			out.vals[j] = overlay(out.vals[j], cv)
		}
	}
	if removed {
		keys, vals := out.keys[:0], out.vals[:0]
		for i, v := range out.vals {
			if v != nil {
				keys, vals = append(keys, out.keys[i]), append(vals, v)
			}
		}
		out.keys, out.vals = keys, vals
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
