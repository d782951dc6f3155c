package strategy

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// Pos is a place in a source file. Line and Col are 1-based; Col counts
// Unicode code points.
type Pos struct {
	File string
	Line int
	Col  int
}

// IsValid reports whether the position names a line.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String formats the position as file:line:col.
func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// Span is where a value sits in its file: the key that names it (for a
// mapping entry) and the value itself.
type Span struct {
	// Key is the position of the mapping key; it equals Value for list items
	// and the document root.
	Key Pos
	// Value is the position of the value.
	Value Pos
	// Len is the length of the value's first line in code points, at least 1.
	Len int
	// KeyLen is the length of the key in code points, at least 1.
	KeyLen int
}

// Source records where every value of a loaded strategy came from. Values
// are addressed by JSON pointer (RFC 6901) into the merged strategy, e.g.
// "/pillars/0/weight".
type Source struct {
	// Main is the strategy's main file, as the caller named it.
	Main string
	// Files lists every file read, main file first, in the order read.
	Files []string

	root    *node // the merged tree; spans are looked up in it on demand
	lines   map[string][]string
	texts   map[string]text
	ignores map[string]map[int][]string // file → line → rule ids ("*" for all)
	// inherited holds the files read for a strategy this one extends
	// (the parent's own file and its includes), which other strategies
	// may extend as well.
	inherited map[string]bool

	// mu guards the indexes below, built on first use so that a strategy
	// with a few findings pays nothing for them.
	mu sync.Mutex
	// keyIndex maps the keys of each large mapping to their places, so
	// that a lookup costs the same in a mapping of 40,000 keys as in one
	// of 4: findings about every key of a large mapping would otherwise
	// cost the square of its size.
	keyIndex map[*node]map[string]int
	// ignoreSets holds the rule ids of each pillar:ignore comment as a set:
	// a hostile comment may name 50,000 rules, and a file-wide one is
	// consulted for every finding in the file.
	ignoreSets map[string]map[int]map[string]bool
}

// indexedKeys is the number of keys from which a mapping's keys are
// looked up through an index rather than by a scan.
const indexedKeys = 16

func newSource(main string) *Source {
	return &Source{
		Main:    main,
		lines:   make(map[string][]string),
		texts:   make(map[string]text),
		ignores: make(map[string]map[int][]string),
	}
}

// Span returns where the value at ptr was written. For a pointer that names
// no value (a missing key, say) it returns the span of the nearest ancestor
// that exists, so a finding always has a place to point at.
func (s *Source) Span(ptr string) Span {
	if s == nil {
		return Span{}
	}
	for {
		if n := s.lookup(ptr); n != nil {
			return n.span()
		}
		if ptr == "" {
			return Span{Key: Pos{File: s.Main, Line: 1, Col: 1}, Value: Pos{File: s.Main, Line: 1, Col: 1}, Len: 1, KeyLen: 1}
		}
		i := strings.LastIndexByte(ptr, '/')
		if i < 0 {
			ptr = ""
		} else {
			ptr = ptr[:i]
		}
	}
}

// Inherited reports whether file was read for a strategy this one
// extends, rather than for the strategy itself: its text is shared with
// every other strategy that extends the same parent, so a change that is
// right only for this strategy's values does not belong there.
func (s *Source) Inherited(file string) bool { return s != nil && s.inherited[file] }

// PointersAt returns, for each of the positions ps, the JSON pointers of
// the scalar values of the merged strategy written there: none for a
// value the merge left out (a parent's value a child replaced), several
// for one a merge key brings into several mappings. It walks the merged
// tree once.
func (s *Source) PointersAt(ps []Pos) map[Pos][]string {
	out := map[Pos][]string{}
	if s == nil || s.root == nil || len(ps) == 0 {
		return out
	}
	want := make(map[Pos]bool, len(ps))
	for _, p := range ps {
		want[p] = true
	}
	var walk func(n *node, ptr string)
	walk = func(n *node, ptr string) {
		switch {
		case n == nil:
		case n.kind == mapNode:
			for i, k := range n.keys {
				walk(n.vals[i], ptr+"/"+escapeToken(k))
			}
		case n.kind == seqNode:
			for i, v := range n.items {
				walk(v, ptr+"/"+strconv.Itoa(i))
			}
		case want[n.pos]:
			out[n.pos] = append(out[n.pos], ptr)
		}
	}
	walk(s.root, "")
	return out
}

// Has reports whether a value exists at ptr.
func (s *Source) Has(ptr string) bool {
	if s == nil {
		return false
	}
	return s.lookup(ptr) != nil
}

// lookup finds the node a JSON pointer names in the merged tree. Findings
// are rare, so walking the tree for each is cheaper than indexing every
// value up front.
func (s *Source) lookup(ptr string) *node {
	n := s.root
	if n == nil || ptr == "" {
		return n
	}
	if ptr[0] != '/' {
		return nil
	}
	for _, tok := range strings.Split(ptr[1:], "/") {
		if strings.Contains(tok, "~") {
			tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		}
		switch n.kind {
		case mapNode:
			n = s.child(n, tok)
		case seqNode:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n.items) {
				return nil
			}
			n = n.items[i]
		default:
			return nil
		}
		if n == nil {
			return nil
		}
	}
	return n
}

// child returns the value of key in the mapping n, or nil.
func (s *Source) child(n *node, key string) *node {
	if len(n.keys) < indexedKeys {
		v, _ := n.get(key)
		return v
	}
	s.mu.Lock()
	idx, ok := s.keyIndex[n]
	if !ok {
		if s.keyIndex == nil {
			s.keyIndex = make(map[*node]map[string]int)
		}
		idx = make(map[string]int, len(n.keys))
		for i, k := range n.keys {
			if _, dup := idx[k]; !dup {
				idx[k] = i
			}
		}
		s.keyIndex[n] = idx
	}
	s.mu.Unlock()
	if i, ok := idx[key]; ok {
		return n.vals[i]
	}
	return nil
}

// Line returns the text of a 1-based line of a file that was read, without
// its line ending.
func (s *Source) Line(file string, line int) (string, bool) {
	if s == nil {
		return "", false
	}
	ls := s.lines[file]
	if line < 1 || line > len(ls) {
		return "", false
	}
	return ls[line-1], true
}

// Ignored reports whether a `# pillar:ignore` comment switches the rule off
// at this position: a comment at the end of the line, a comment alone on the
// line before, or a `# pillar:ignore-file` comment anywhere in the file.
// Without rule ids the comment silences every rule; the validator decides
// which rules may be silenced at all.
func (s *Source) Ignored(p Pos, rule string) bool {
	if s == nil {
		return false
	}
	byLine := s.ignoreSet(p.File)
	for _, line := range []int{p.Line, 0} {
		if ids := byLine[line]; ids["*"] || ids[rule] {
			return true
		}
	}
	return false
}

// ignoreSet returns a file's pillar:ignore comments as sets of rule ids.
func (s *Source) ignoreSet(file string) map[int]map[string]bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sets, ok := s.ignoreSets[file]; ok {
		return sets
	}
	if s.ignoreSets == nil {
		s.ignoreSets = make(map[string]map[int]map[string]bool)
	}
	sets := make(map[int]map[string]bool, len(s.ignores[file]))
	for line, ids := range s.ignores[file] {
		set := make(map[string]bool, len(ids))
		for _, id := range ids {
			set[id] = true
		}
		sets[line] = set
	}
	s.ignoreSets[file] = sets
	return sets
}

// Pointer builds an RFC 6901 JSON pointer from its tokens.
func Pointer(tokens ...any) string {
	// Rules build a pointer for every reference they check, so this avoids
	// fmt and writes into one buffer.
	var buf [64]byte
	b := buf[:0]
	for _, t := range tokens {
		b = append(b, '/')
		switch v := t.(type) {
		case string:
			b = append(b, escapeToken(v)...)
		case int:
			b = strconv.AppendInt(b, int64(v), 10)
		default:
			b = append(b, escapeToken(fmt.Sprint(v))...)
		}
	}
	return string(b)
}

func escapeToken(s string) string {
	if strings.IndexByte(s, '~') < 0 && strings.IndexByte(s, '/') < 0 {
		return s
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}
