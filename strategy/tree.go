package strategy

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Limits bound what the loader accepts, so that a hostile or broken file
// (a YAML alias bomb, a 50 MB upload, 10,000 levels of nesting) is refused
// quickly instead of exhausting CI.
type Limits struct {
	// MaxFileSize is the largest file read, in bytes.
	MaxFileSize int64
	// MaxTotalSize is the most bytes one strategy may read across all its
	// files (includes and parents).
	MaxTotalSize int64
	// MaxNodes is the most values one strategy may expand to across all its
	// files, counting every alias expansion.
	MaxNodes int
	// MaxDepth is the deepest nesting of mappings and lists.
	MaxDepth int
	// MaxFiles is the most files one strategy may read through include
	// and extends.
	MaxFiles int
	// MaxExtends is the longest chain of extends.
	MaxExtends int
	// Root is the folder every file the strategy names (include, extends)
	// must lie in, after following "..", symbolic links and all: a
	// strategy's author cannot make pillar read, and quote, a file from
	// elsewhere on the machine. The main file must lie in it too. "" means
	// the repository root of the main file (see git.Root): the enclosing
	// git work tree, else the main file's folder.
	Root string
}

// DefaultLimits are generous for real strategies (a large one is a few
// hundred kilobytes and a few thousand values) and small enough to refuse a
// resource bomb in milliseconds.
var DefaultLimits = Limits{
	MaxFileSize:  512 << 10,
	MaxTotalSize: 2 << 20,
	MaxNodes:     200_000,
	MaxDepth:     64,
	MaxFiles:     500,
	MaxExtends:   8,
}

// yamlNode lets files that do not import yaml name its node type.
type yamlNode = yaml.Node

// orDefault fills zero fields from DefaultLimits, so callers set only the
// limits they care about.
func (l Limits) orDefault() Limits {
	d := DefaultLimits
	if l.MaxFileSize > 0 {
		d.MaxFileSize = l.MaxFileSize
	}
	if l.MaxTotalSize > 0 {
		d.MaxTotalSize = l.MaxTotalSize
	}
	if l.MaxNodes > 0 {
		d.MaxNodes = l.MaxNodes
	}
	if l.MaxDepth > 0 {
		d.MaxDepth = l.MaxDepth
	}
	if l.MaxFiles > 0 {
		d.MaxFiles = l.MaxFiles
	}
	if l.MaxExtends > 0 {
		d.MaxExtends = l.MaxExtends
	}
	d.Root = l.Root
	return d
}

type nodeKind uint8

const (
	scalarNode nodeKind = iota
	mapNode
	seqNode
)

// node is the loader's own YAML tree: every value with its position and
// file, so that merging includes and extends keeps each value's origin.
type node struct {
	kind   nodeKind
	pos    Pos
	len    int
	key    Pos // position of the mapping key naming this node, if any
	keyLen int
	keys   []string // mapNode, in source order
	vals   []*node  // mapNode
	items  []*node  // seqNode
	value  any      // scalarNode: string, int64, float64, bool or nil
}

// span reports where the node was written. List items and the root have no
// key; their key position is the value's own.
func (n *node) span() Span {
	key, keyLen := n.key, n.keyLen
	if !key.IsValid() {
		key, keyLen = n.pos, n.len
	}
	return Span{Key: key, Value: n.pos, Len: max(1, n.len), KeyLen: max(1, keyLen)}
}

func (n *node) get(key string) (*node, int) {
	if n == nil || n.kind != mapNode {
		return nil, -1
	}
	for i, k := range n.keys {
		if k == key {
			return n.vals[i], i
		}
	}
	return nil, -1
}

func (n *node) del(i int) {
	n.keys = append(n.keys[:i:i], n.keys[i+1:]...)
	n.vals = append(n.vals[:i:i], n.vals[i+1:]...)
}

// describe names a node's type for messages.
func (n *node) describe() string {
	switch n.kind {
	case mapNode:
		return "a mapping"
	case seqNode:
		return "a list"
	}
	switch n.value.(type) {
	case nil:
		return "empty"
	case string:
		return "text"
	case bool:
		return "true/false"
	}
	return "a number"
}

// fileParser turns one file's bytes into a node tree, enforcing Limits and
// reporting problems with positions.
type fileParser struct {
	alloc   treeAlloc // the tree's nodes
	file    string
	src     []byte
	lines   []string
	limits  Limits
	nodes   *int                // shared by every file of one strategy
	active  map[*yaml.Node]bool // anchors being expanded, to find alias cycles
	errs    *ErrorList
	aborted bool
	// runes caches how many code points each line holds (0 for a line not
	// yet counted): a line may hold 100,000 values, and counting it again
	// for each would cost the square of its length.
	runes []int
}

var errAbort = errors.New("aborted")

// maxWhole is 2⁶³: no number in a strategy comes near it (weights are at
// most 100, follower counts in the billions), and past it a float no
// longer fits the whole-number fields it may be meant for.
const maxWhole = 1 << 63

var numberLike = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)[eE][-+]?[0-9]+$`)
})

var yamlErrLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
})

// parse reads a whole file. It returns nil when the file cannot be used at
// all; the reasons are in p.errs.
func (p *fileParser) parse() *node {
	if !utf8.Valid(p.src) {
		off := 0
		for off < len(p.src) {
			r, size := utf8.DecodeRune(p.src[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		line := 1 + bytes.Count(p.src[:off], []byte("\n"))
		start := bytes.LastIndexByte(p.src[:off], '\n') + 1
		col := 1 + utf8.RuneCount(p.src[start:off])
		p.errs.add(Pos{p.file, line, col}, 1, "encoding",
			fmt.Sprintf("the file is not valid UTF-8 (byte 0x%02x at offset %d)", p.src[off], off),
			"Save the file as UTF-8; Latin-1 and Windows-1252 files need converting.")
		return nil
	}
	if isBlank(p.src) {
		p.errs.add(Pos{p.file, 1, 1}, 1, "empty-file", "the file is empty",
			"Write the strategy's sections into it, or run `pillar init` for a starter strategy.")
		return nil
	}
	top, release := fastParse(p.src)
	if top == nil {
		top = p.parseYAML()
		if top == nil {
			release()
			return nil
		}
	}
	root, err := p.convert(top, 0)
	release()
	if err != nil {
		return nil
	}
	if root.kind == scalarNode && root.value == nil {
		p.errs.add(Pos{p.file, 1, 1}, 1, "empty-file", "the file holds no values",
			"Write the strategy's sections into it, or run `pillar init` for a starter strategy.")
		return nil
	}
	if root.kind != mapNode {
		p.errs.add(root.pos, root.len, "wrong-type",
			fmt.Sprintf("a strategy file must be a mapping of sections (version, brand, pillars, …), not %s", root.describe()),
			"Start the file with `version: 1` and write each section as `name:` followed by its contents.")
		return nil
	}
	return root
}

// parseYAML reads the file with yaml.v3, for everything fastParse leaves
// to it, and returns the document's root node (nil after an error).
func (p *fileParser) parseYAML() *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(p.src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		p.syntaxError(err)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		line := extra.Line
		if len(extra.Content) > 0 {
			line = extra.Content[0].Line
		}
		p.errs.add(Pos{p.file, line, 1}, 3, "yaml-syntax",
			"the file holds more than one YAML document (a second one starts near here)",
			"Keep one document per file: remove the `---` separator, or move the second document to its own file and include it.")
		return nil
	} else if !errors.Is(err, io.EOF) {
		p.syntaxError(err)
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		p.errs.add(Pos{p.file, 1, 1}, 1, "empty-file", "the file holds no values, only comments",
			"Write the strategy's sections into it, or run `pillar init` for a starter strategy.")
		return nil
	}
	return doc.Content[0]
}

func isBlank(b []byte) bool {
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		t := bytes.TrimSpace(line)
		if len(t) > 0 && t[0] != '#' {
			return false
		}
	}
	return true
}

func (p *fileParser) syntaxError(err error) {
	msg := err.Error()
	line, col := 1, 1
	if m := yamlErrLine().FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	hint := "Check the indentation and quoting at this line and the one before it."
	line = min(max(line, 1), max(len(p.lines), 1))
	// The parser often notices a tab one line after it: look at both.
	for _, l := range []int{line, line + 1} {
		if l < 1 || l > len(p.lines) {
			continue
		}
		text := p.lines[l-1]
		if i := strings.IndexByte(text, '\t'); i >= 0 && strings.TrimLeft(text[:i], " ") == "" {
			line, col = l, 1+utf8.RuneCountInString(text[:i])
			msg = "this line is indented with a tab"
			hint = "YAML indents with spaces only. Replace the tab with spaces (most editors can convert indentation)."
			break
		}
	}
	if strings.Contains(msg, "exceeded max depth") {
		p.errs.add(Pos{p.file, line, col}, 1, "yaml-limit", "the file is nested too deeply",
			fmt.Sprintf("Strategies nest a few levels; more than %d is refused.", p.limits.MaxDepth))
		return
	}
	p.errs.add(Pos{p.file, line, col}, 1, "yaml-syntax", "not valid YAML: "+msg, hint)
}

func (p *fileParser) count(n *yaml.Node, depth int) error {
	*p.nodes++
	if *p.nodes > p.limits.MaxNodes {
		p.errs.add(Pos{p.file, n.Line, n.Column}, 1, "yaml-limit",
			fmt.Sprintf("the strategy expands to more than %d values", p.limits.MaxNodes),
			"This usually means YAML aliases (*name) that refer to each other many times over, a so-called alias bomb; a real strategy has a few thousand values.")
		return errAbort
	}
	if depth > p.limits.MaxDepth {
		p.errs.add(Pos{p.file, n.Line, n.Column}, 1, "yaml-limit",
			fmt.Sprintf("the file is nested more than %d levels deep", p.limits.MaxDepth),
			"Strategies nest a few levels; check for a runaway indentation or generated content.")
		return errAbort
	}
	return nil
}

// convert turns a yaml.v3 node into the loader's tree. While an anchored
// mapping or list is converted it is marked active, so that an alias inside
// it to itself is found. (Marking here rather than with a defer in
// convertNode spares every other node the cost of a deferred call.)
func (p *fileParser) convert(n *yaml.Node, depth int) (*node, error) {
	if n.Anchor != "" && (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) {
		p.active[n] = true
		out, err := p.convertNode(n, depth)
		delete(p.active, n)
		return out, err
	}
	return p.convertNode(n, depth)
}

func (p *fileParser) convertNode(n *yaml.Node, depth int) (*node, error) {
	if err := p.count(n, depth); err != nil {
		return nil, err
	}
	pos := Pos{p.file, n.Line, n.Column}
	switch n.Kind {
	case yaml.AliasNode:
		target := n.Alias
		if target == nil {
			return nil, p.fail(pos, "yaml-syntax", "an alias refers to no anchor", "Define the anchor (&name) before using it (*name).")
		}
		if p.active[target] {
			return nil, p.fail(pos, "yaml-limit", fmt.Sprintf("the alias *%s refers to a value that contains it", n.Value),
				"An anchor cannot contain an alias to itself; such a value would be infinite.")
		}
		p.active[target] = true
		out, err := p.convert(target, depth)
		delete(p.active, target)
		if err != nil {
			return nil, err
		}
		cp := p.alloc.node()
		*cp = *out
		cp.pos, cp.len = pos, utf8.RuneCountInString(n.Value)+1
		return cp, nil
	case yaml.MappingNode:
		out := p.alloc.node()
		*out = node{kind: mapNode, pos: pos, len: 1,
			keys: p.alloc.keys(len(n.Content) / 2), vals: p.alloc.nodes(len(n.Content) / 2)}
		seen := keySet{m: out}
		var merges []*node
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, p.fail(Pos{p.file, k.Line, k.Column}, "yaml-syntax", "a mapping key must be plain text",
					"Write keys as simple words, e.g. `name:`.")
			}
			val, err := p.convert(v, depth+1)
			if err != nil {
				return nil, err
			}
			if k.Tag == "!!merge" {
				merges = append(merges, val)
				continue
			}
			key := k.Value
			kp := Pos{p.file, k.Line, k.Column}
			if prev := seen.get(key); prev != nil {
				p.errs.add(kp, utf8.RuneCountInString(key), "duplicate-key",
					fmt.Sprintf("the key %q is already set at line %d", key, prev.key.Line),
					"YAML keys must be unique in a mapping; the second would silently replace the first. Remove or rename one.")
				continue
			}
			val.key, val.keyLen = kp, max(1, utf8.RuneCountInString(key))
			seen.add(key, val)
		}
		// Merge keys (<<: *base) fill in what the mapping does not set itself.
		for _, m := range merges {
			srcs := []*node{m}
			if m.kind == seqNode {
				srcs = m.items
			}
			for _, src := range srcs {
				if src.kind != mapNode {
					return nil, p.fail(m.pos, "yaml-syntax", "a merge key (<<) must refer to a mapping", "Use `<<: *anchor` where the anchor names a mapping.")
				}
				for i, key := range src.keys {
					if seen.get(key) == nil {
						seen.add(key, src.vals[i])
					}
				}
			}
		}
		return out, nil
	case yaml.SequenceNode:
		out := p.alloc.node()
		*out = node{kind: seqNode, pos: pos, len: 1, items: p.alloc.nodes(len(n.Content))}
		for _, c := range n.Content {
			v, err := p.convert(c, depth+1)
			if err != nil {
				return nil, err
			}
			out.items = append(out.items, v)
		}
		return out, nil
	case yaml.ScalarNode:
		v, err := p.scalar(n)
		if err != nil {
			return nil, err
		}
		// Blanks an editor left after the comment are no part of it.
		if comment := strings.TrimRight(n.LineComment, " \t\r"); n.Style == 0 && looksLikeHashtag(comment) {
			tag, _, _ := strings.Cut(comment, " ")
			*p.errs = append(*p.errs, &Error{Pos: Pos{p.file, n.Line, n.Column}, Len: p.scalarLen(n), Rule: "hashtag-comment", Warning: true,
				Message: fmt.Sprintf("the text from %s on is read as a comment, not as part of the value %q", tag, n.Value),
				Hint:    "In YAML, a # after a space starts a comment. Put the whole value in quotes to keep the hashtag: \"" + n.Value + " " + comment + "\".",
				Rest:    p.quotedRest(n, comment)})
		}
		out := p.alloc.node()
		*out = node{kind: scalarNode, pos: pos, len: p.scalarLen(n), value: v}
		return out, nil
	}
	return nil, p.fail(pos, "yaml-syntax", "unexpected YAML content", "")
}

// keySet appends a mapping's keys and values to it and finds keys already
// there: by looking through them while there are few (most mappings hold a
// handful of keys, and a map per mapping cost more than the search), by a
// map once there are many.
type keySet struct {
	m     *node
	index map[string]*node
}

const keySetScan = 16

func (s *keySet) get(key string) *node {
	if s.index != nil {
		return s.index[key]
	}
	for i, k := range s.m.keys {
		if k == key {
			return s.m.vals[i]
		}
	}
	return nil
}

func (s *keySet) add(key string, val *node) {
	s.m.keys = append(s.m.keys, key)
	s.m.vals = append(s.m.vals, val)
	if s.index != nil {
		s.index[key] = val
	} else if len(s.m.keys) > keySetScan {
		s.index = make(map[string]*node, 2*len(s.m.keys))
		for i, k := range s.m.keys {
			s.index[k] = s.m.vals[i]
		}
	}
}

func (p *fileParser) fail(pos Pos, rule, msg, hint string) error {
	p.errs.add(pos, 1, rule, msg, hint)
	return errAbort
}

func (p *fileParser) scalar(n *yaml.Node) (any, error) {
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		switch n.Value { // the words yaml.v3 reads as true/false, without a decoder
		case "true", "True", "TRUE":
			return true, nil
		case "false", "False", "FALSE":
			return false, nil
		}
		var b bool
		if err := n.Decode(&b); err == nil {
			return b, nil
		}
	case "!!int":
		if i, ok := plainDecimal(n.Value); ok {
			return i, nil
		}
		var i int64
		if err := n.Decode(&i); err == nil {
			if n.Style == 0 {
				if msg, hint := numberProblem(n.Value, i); msg != "" {
					*p.errs = append(*p.errs, &Error{Pos: Pos{p.file, n.Line, n.Column}, Len: p.scalarLen(n), Rule: "yaml-number", Message: msg, Hint: hint})
				}
			}
			return i, nil
		}
		return nil, p.fail(Pos{p.file, n.Line, n.Column}, "invalid-value",
			fmt.Sprintf("%s is too large a number", n.Value), "Numbers in a strategy are counts and percentages; check for extra digits.")
	case "!!float":
		var f float64
		err := n.Decode(&f)
		// A whole number past int64 (99999999999999999999 resolves as a
		// float) would be read as 0 into a count: too large, like 1e400.
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) || math.Abs(f) >= maxWhole {
			what := "not a finite number"
			if err != nil || (!math.IsInf(f, 0) && math.Abs(f) >= maxWhole) {
				what = "too large a number"
			}
			return nil, p.fail(Pos{p.file, n.Line, n.Column}, "invalid-value",
				fmt.Sprintf("%s is %s", n.Value, what), "Write an ordinary number, e.g. 40 or 3.5.")
		}
		return f, nil
	}
	// A plain scalar that reads as a number but did not resolve as one is
	// out of range (1e400): the YAML library then treats it as text, which
	// would make the message about its type, not its size.
	if n.Style == 0 && n.Value != "" && strings.IndexByte("+-.0123456789", n.Value[0]) >= 0 &&
		n.ShortTag() == "!!str" && numberLike().MatchString(n.Value) {
		return nil, p.fail(Pos{p.file, n.Line, n.Column}, "invalid-value",
			fmt.Sprintf("%s is too large a number", n.Value), "Write an ordinary number, e.g. 40 or 3.5.")
	}
	// Strings, timestamps (kept as written: dates are read as YYYY-MM-DD
	// text) and anything with a custom tag.
	return n.Value, nil
}

// plainDecimal reads an integer written as plain decimal digits (no
// leading zero, no underscores), which yaml.v3 would read the same way,
// without the cost of a yaml.v3 decoder per number.
func plainDecimal(s string) (int64, bool) {
	d := strings.TrimLeft(s, "+-")
	if len(s)-len(d) > 1 || d == "" || (d[0] == '0' && len(d) > 1) {
		return 0, false
	}
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return 0, false
		}
	}
	i, err := strconv.ParseInt(s, 10, 64)
	return i, err == nil
}

// looksLikeHashtag reports whether a line comment reads like a hashtag
// ("#nordlysstil …") rather than a comment ("# a note"): strategists write
// hashtags in plain values, and YAML silently cuts the value there.
func looksLikeHashtag(comment string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimPrefix(comment, "#"))
	return strings.HasPrefix(comment, "#") && len(comment) > 1 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// quotedRest is the rest of a plain scalar's line, from the scalar to the
// end of its comment, as one double-quoted YAML string: the fix for a
// hashtag read as a comment. It is "" when the line does not hold exactly
// the value, blanks and the comment (a value over several lines, say).
func (p *fileParser) quotedRest(n *yaml.Node, comment string) string {
	if n.Line < 1 || n.Line > len(p.lines) || n.Value == "" {
		return ""
	}
	line := p.lines[n.Line-1]
	off := 0
	for col := 1; col < n.Column && off < len(line); col++ {
		_, size := utf8.DecodeRuneInString(line[off:])
		off += size
	}
	rest := strings.TrimRight(line[off:], " \t\r")
	mid, ok := strings.CutPrefix(rest, n.Value)
	if !ok {
		return ""
	}
	if mid, ok = strings.CutSuffix(mid, comment); !ok || mid == "" || strings.Trim(mid, " \t") != "" {
		return ""
	}
	return QuoteYAML(rest)
}

// QuoteYAML writes s as a double-quoted YAML scalar. YAML's double-quoted
// style takes JSON's escapes (https://yaml.org/spec/1.2.2/#57-escaped-characters),
// so escaping as JSON does, but leaving non-ASCII text as it is, reads back
// as s.
func QuoteYAML(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xfeff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// scalarLen is how many code points of the scalar's line the value covers,
// for underlining.
func (p *fileParser) scalarLen(n *yaml.Node) int {
	l := runeCount(n.Value)
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		l += 2
	}
	if n.Line >= 1 && n.Line <= len(p.lines) {
		rest := p.lineRunes(n.Line) - (n.Column - 1)
		if l > rest {
			l = rest
		}
	}
	return max(1, l)
}

// lineRunes returns how many code points the 1-based line holds.
func (p *fileParser) lineRunes(line int) int {
	if p.runes == nil {
		p.runes = make([]int, len(p.lines))
	}
	if p.runes[line-1] == 0 {
		// An empty line counts as 1 so that it is counted only once too.
		p.runes[line-1] = 1 + utf8.RuneCountInString(p.lines[line-1])
	}
	return p.runes[line-1] - 1
}

// splitLines returns a file's lines without line endings.
func splitLines(src []byte) []string { return splitText(string(src)) }

// splitText is splitLines of a string; the lines share its memory.
func splitText(s string) []string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// scanIgnores maps the `# pillar:ignore` comments of a file to the lines
// they silence (see IgnoreComment): line → rule ids, "*" for every rule,
// line 0 for the whole file.
func scanIgnores(lines []string) map[int][]string {
	out := map[int][]string{}
	for _, c := range scanIgnoreComments(lines) {
		ids := c.Rules
		if len(ids) == 0 {
			ids = []string{"*"}
		}
		switch {
		case c.File:
			out[0] = append(out[0], ids...)
		case c.Target > 0:
			out[c.Target] = append(out[c.Target], ids...)
		}
	}
	return out
}
