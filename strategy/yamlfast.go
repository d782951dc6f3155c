package strategy

import (
	"bytes"
	"encoding/binary"
	"sync"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// fastParse reads the YAML that strategies are written in — block mappings
// and lists, one-line flow lists and mappings, plain and quoted one-line
// scalars, literal and folded block scalars, comments — and returns the
// tree yaml.v3 would return for it: the same kinds, styles, tags, values
// and positions. Anything else (anchors and aliases, tags, multi-line plain
// or quoted scalars, escapes, tabs, document markers, a comment that looks
// like a hashtag, a root that is not a mapping) and anything not well
// formed makes it return nil, and the caller reads the file with yaml.v3,
// which then also words every syntax error. It exists for speed: yaml.v3's
// general scanner and event parser take about as long as everything else
// pillar validate does. A fuzz test holds it to yaml.v3's output.
//
// Comments are not kept: the loader only reads a plain scalar's line
// comment, to warn about a hashtag YAML took for a comment, and a file with
// such a comment takes the yaml.v3 path.
//
// The tree lives in memory the parser reuses: call release once it has
// been read, and do not keep any of its nodes.
func fastParse(src []byte) (root *yaml.Node, release func()) {
	f := fastParsers.Get().(*fastParser)
	f.reset(src)
	release = func() { fastParsers.Put(f) }
	if !f.splitLines() {
		return nil, release
	}
	f.all = string(src)
	i := f.nextContent(0)
	if i >= len(f.lines) {
		return nil, release
	}
	l := f.lines[i]
	if f.isSeqEntry(l, l.indent) {
		return nil, release
	}
	root, next, ok := f.mapping(i, l.indent, l.indent)
	if !ok || f.nextContent(next) < len(f.lines) || f.bad {
		return nil, release
	}
	return root, release
}

// fastParsers keeps parsers, with the memory their trees were built in,
// for the next file: a tree is only read until the loader has converted it.
var fastParsers = sync.Pool{New: func() any { return new(fastParser) }}

// fastLine is one line of the file: its bytes without the line break, and
// how many spaces indent it.
type fastLine struct {
	start  int // byte offset in the file
	text   []byte
	indent int
	blank  bool // only spaces, or only spaces and a comment
	eol    bool // ends with a line break (every line but possibly the last)
	ascii  bool // so columns are byte offsets plus one
}

type fastParser struct {
	src   []byte
	all   string // src as one string: scalars are cut from it, not copied
	lines []fastLine
	depth int
	bad   bool // a hashtag-like comment was seen
	// The last column computed, by col.
	colLine, colOff, colVal int

	// Nodes and the Content lists of mappings and lists are carved out of
	// chunks that are kept for the next file, so pointers into them stay
	// valid while a tree is read. Children are gathered on a stack until
	// their parent is complete.
	nodes    [][]yaml.Node
	nodeAt   [2]int // chunk, index of the next free node
	lists    [][]*yaml.Node
	listAt   [2]int
	children []*yaml.Node
}

func (f *fastParser) reset(src []byte) {
	f.src, f.all, f.lines, f.depth, f.bad = src, "", f.lines[:0], 0, false
	f.colLine, f.colOff, f.colVal = -1, 0, 0
	f.nodeAt, f.listAt, f.children = [2]int{}, [2]int{}, f.children[:0]
}

// maxFastDepth bounds recursion; deeper files take the yaml.v3 path (and
// the loader's own depth limit).
const maxFastDepth = 100

// splitLines splits the file into lines. It reports false when the file
// holds a character the fast path does not treat as yaml.v3 does: a tab, a
// control character, a carriage return but before a line feed, a byte
// order mark inside, or one of the characters YAML 1.1 takes for a line
// break (NEL, LS, PS).
func (f *fastParser) splitLines() bool {
	rest := f.src
	start := 0
	for len(rest) > 0 {
		at := start
		i := bytes.IndexByte(rest, '\n')
		var text []byte
		eol := i >= 0
		if eol {
			text, rest = rest[:i], rest[i+1:]
			start += i + 1
			text = bytes.TrimSuffix(text, []byte("\r"))
		} else {
			text, rest = rest, nil
		}
		ascii := true
		j := 0
		for j+8 <= len(text) && printableASCII(binary.LittleEndian.Uint64(text[j:])) {
			j += 8
		}
		for ; j < len(text); j++ {
			c := text[j]
			if c >= 0x20 && c < 0x7f {
				continue
			}
			if c < 0x80 {
				return false
			}
			r, size := utf8.DecodeRune(text[j:])
			if r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r >= 0xfffe && r <= 0xffff || r == utf8.RuneError {
				return false
			}
			ascii = false
			j += size - 1
		}
		ind := 0
		for ind < len(text) && text[ind] == ' ' {
			ind++
		}
		blank := ind == len(text) || text[ind] == '#'
		if ind == 0 && (bytes.HasPrefix(text, []byte("---")) || bytes.HasPrefix(text, []byte("..."))) &&
			(len(text) == 3 || text[3] == ' ') {
			f.bad = true // a document marker
		}
		f.lines = append(f.lines, fastLine{start: at, text: text, indent: ind, blank: blank, eol: eol, ascii: ascii})
	}
	return true
}

// printableASCII reports whether the eight bytes of w are all printable
// ASCII (0x20 to 0x7e), with the tests for "has a byte less than" and "has
// a byte more than" of Sean Eron Anderson's Bit Twiddling Hacks
// (https://graphics.stanford.edu/~seander/bithacks.html#HasLessInWord).
func printableASCII(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return (w-ones*0x20)&^w&highs == 0 && ((w+ones*(0x7f-0x7e))|w)&highs == 0
}

// nextContent returns the index of the first line at or after i that holds
// more than spaces and comments, checking the comments it passes.
func (f *fastParser) nextContent(i int) int {
	for ; i < len(f.lines); i++ {
		l := f.lines[i]
		if !l.blank {
			return i
		}
		if l.indent < len(l.text) {
			f.comment(l.text[l.indent:])
		}
	}
	return i
}

// comment notes a comment that reads like a hashtag ("#tag"), which the
// loader warns about and which yaml.v3 must therefore read.
func (f *fastParser) comment(c []byte) {
	r, _ := utf8.DecodeRune(c[1:])
	if len(c) > 1 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
		f.bad = true
	}
}

func (f *fastParser) node(kind yaml.Kind, style yaml.Style, tag, value string, line, col int) *yaml.Node {
	c, i := f.nodeAt[0], f.nodeAt[1]
	if c == len(f.nodes) {
		f.nodes = append(f.nodes, make([]yaml.Node, 512))
	}
	// Field by field: the node may hold a tree of an earlier file, and of
	// all its fields only Content can be set (comments and anchors never
	// are); copying a whole yaml.Node costs a write barrier per pointer.
	n := &f.nodes[c][i]
	n.Kind, n.Style, n.Tag, n.Value, n.Line, n.Column, n.Content = kind, style, tag, value, line, col, nil
	if i+1 == len(f.nodes[c]) {
		f.nodeAt = [2]int{c + 1, 0}
	} else {
		f.nodeAt[1] = i + 1
	}
	return n
}

// content gives n the children gathered since base, as its Content.
func (f *fastParser) content(n *yaml.Node, base int) {
	kids := f.children[base:]
	k := len(kids)
	c, i := f.listAt[0], f.listAt[1]
	for c < len(f.lists) && i+k > len(f.lists[c]) {
		c, i = c+1, 0
	}
	if c == len(f.lists) {
		f.lists = append(f.lists, make([]*yaml.Node, max(2048, k)))
	}
	n.Content = f.lists[c][i : i+k : i+k]
	copy(n.Content, kids)
	f.listAt = [2]int{c, i + k}
	f.children = f.children[:base]
}

// text returns bytes [from, to) of line i as a string that shares the
// file's memory.
func (f *fastParser) text(i, from, to int) string {
	at := f.lines[i].start
	return f.all[at+from : at+to]
}

// trimEnd moves end back over the spaces before it, down to at least from.
func trimEnd(t []byte, from, end int) int {
	for end > from && t[end-1] == ' ' {
		end--
	}
	return end
}

// col is the 1-based column, in characters, of byte offset off of line i.
// It counts on from the last column asked for when it can, since a long
// flow list asks for one column per item.
func (f *fastParser) col(i, off int) int {
	if f.lines[i].ascii {
		return off + 1
	}
	from, c := 0, 1
	if i == f.colLine && off >= f.colOff {
		from, c = f.colOff, f.colVal
	}
	t := f.lines[i].text[from:off]
	ascii := true
	for _, b := range t {
		if b >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		c += len(t)
	} else {
		c += utf8.RuneCount(t)
	}
	f.colLine, f.colOff, f.colVal = i, off, c
	return c
}

// isSeqEntry reports whether line l has a list entry ("-" then a space or
// the end of the line) at offset off.
func (f *fastParser) isSeqEntry(l fastLine, off int) bool {
	t := l.text
	return off < len(t) && t[off] == '-' && (off+1 == len(t) || t[off+1] == ' ')
}

// mapping reads a block mapping whose first key starts at byte offset off
// of line i, at indentation ind. It returns the node and the index of the
// first line after it.
func (f *fastParser) mapping(i, off, ind int) (*yaml.Node, int, bool) {
	if f.depth++; f.depth > maxFastDepth {
		return nil, 0, false
	}
	n, next, ok := f.mappingIn(i, off, ind)
	f.depth--
	return n, next, ok
}

func (f *fastParser) mappingIn(i, off, ind int) (*yaml.Node, int, bool) {
	m := f.node(yaml.MappingNode, 0, "!!map", "", i+1, f.col(i, off))
	base := len(f.children)
	for {
		l := f.lines[i]
		t := l.text
		end := keyEnd(t, off)
		if end < 0 {
			return nil, 0, false
		}
		key := f.text(i, off, trimEnd(t, off, end))
		if key == "<<" {
			return nil, 0, false
		}
		f.children = append(f.children, f.node(yaml.ScalarNode, 0, resolveTag(key), key, i+1, f.col(i, off)))
		val, next, ok := f.value(i, end+1, ind, true)
		if !ok {
			return nil, 0, false
		}
		f.children = append(f.children, val)
		j := f.nextContent(next)
		if j >= len(f.lines) || f.lines[j].indent < ind {
			f.content(m, base)
			return m, j, true
		}
		if f.lines[j].indent > ind || f.isSeqEntry(f.lines[j], ind) {
			return nil, 0, false
		}
		i, off = j, ind
	}
}

// keyEnd finds the colon that ends a plain key starting at off: the first
// ": " or a colon at the end of the line. It returns -1 when the line does
// not start with such a key.
func keyEnd(t []byte, off int) int {
	if off >= len(t) || !plainStart(t, off) {
		return -1
	}
	j := off
	for {
		k := bytes.IndexByte(t[j:], ':')
		if k < 0 {
			return -1
		}
		j += k
		if j+1 == len(t) || t[j+1] == ' ' {
			break
		}
		j++
	}
	if j-off > 1000 {
		// yaml.v3 gives up on a key after 1,024 characters; under 1,000
		// bytes is under that whatever the characters.
		return -1
	}
	for h := off; ; h++ {
		k := bytes.IndexByte(t[h:j], '#')
		if k < 0 {
			return j
		}
		if h += k; t[h-1] == ' ' {
			return -1 // a comment before the colon
		}
	}
}

// plainStart reports whether a plain scalar may start at t[off]: not with
// an indicator (flow indicators included, in either context), and, to stay
// clear of cases yaml.v3 reads in its own way, not with "-", "?" or ":" at
// all.
func plainStart(t []byte, off int) bool {
	switch t[off] {
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ':
		return false
	}
	return true
}

// value reads the value after a mapping key's colon (at byte offset off of
// line i; inMap) or after a list entry's dash (!inMap). ind is the
// indentation of the mapping or list holding it.
func (f *fastParser) value(i, off, ind int, inMap bool) (*yaml.Node, int, bool) {
	l := f.lines[i]
	t := l.text
	start := off
	for off < len(t) && t[off] == ' ' {
		off++
	}
	if off == len(t) || t[off] == '#' {
		if off < len(t) {
			f.comment(t[off:])
		}
		// The value is on the following lines, or empty.
		j := f.nextContent(i + 1)
		if j < len(f.lines) {
			nl := f.lines[j]
			if nl.indent > ind {
				if f.isSeqEntry(nl, nl.indent) {
					return f.sequence(j, nl.indent)
				}
				return f.mapping(j, nl.indent, nl.indent)
			}
			if inMap && nl.indent == ind && f.isSeqEntry(nl, ind) {
				return f.sequence(j, ind)
			}
		}
		return f.node(yaml.ScalarNode, 0, "!!null", "", i+1, f.col(i, start)), i + 1, true
	}
	if !inMap {
		if f.isSeqEntry(l, off) {
			return nil, 0, false // "- - x"
		}
		if end := keyEnd(t, off); end >= 0 {
			// "- key: value" starts a mapping inside the list entry.
			return f.mapping(i, off, off)
		}
	}
	switch t[off] {
	case '|', '>':
		return f.blockScalar(i, off, ind)
	case '[', '{':
		n, end, ok := f.flow(i, off)
		if !ok || !f.lineEnd(t, end) {
			return nil, 0, false
		}
		return n, i + 1, true
	case '"', '\'':
		n, end, ok := f.quoted(i, off)
		if !ok || !f.lineEnd(t, end) {
			return nil, 0, false
		}
		return n, i + 1, true
	}
	if !plainStart(t, off) {
		return nil, 0, false
	}
	end := len(t)
	for j := off; j < len(t); j++ {
		if t[j] == ':' && (j+1 == len(t) || t[j+1] == ' ') {
			return nil, 0, false // a second key on the line
		}
		if t[j] == '#' && t[j-1] == ' ' {
			f.comment(t[j:])
			end = j
			break
		}
	}
	v := f.text(i, off, trimEnd(t, off, end))
	// A more indented line after a plain scalar continues it.
	if j := f.nextContent(i + 1); j < len(f.lines) && f.lines[j].indent > ind {
		return nil, 0, false
	}
	return f.node(yaml.ScalarNode, 0, resolveTag(v), v, i+1, f.col(i, off)), i + 1, true
}

// lineEnd reports whether only spaces and a comment follow offset off.
func (f *fastParser) lineEnd(t []byte, off int) bool {
	sp := off
	for off < len(t) && t[off] == ' ' {
		off++
	}
	if off == len(t) {
		return true
	}
	if t[off] == '#' && off > sp {
		f.comment(t[off:])
		return true
	}
	return false
}

// sequence reads a block list whose first dash is at indentation ind of
// line i.
func (f *fastParser) sequence(i, ind int) (*yaml.Node, int, bool) {
	if f.depth++; f.depth > maxFastDepth {
		return nil, 0, false
	}
	n, next, ok := f.sequenceIn(i, ind)
	f.depth--
	return n, next, ok
}

func (f *fastParser) sequenceIn(i, ind int) (*yaml.Node, int, bool) {
	s := f.node(yaml.SequenceNode, 0, "!!seq", "", i+1, f.col(i, ind))
	base := len(f.children)
	for {
		item, next, ok := f.value(i, ind+1, ind, false)
		if !ok {
			return nil, 0, false
		}
		f.children = append(f.children, item)
		j := f.nextContent(next)
		if j >= len(f.lines) || f.lines[j].indent < ind {
			f.content(s, base)
			return s, j, true
		}
		if f.lines[j].indent > ind {
			return nil, 0, false
		}
		if !f.isSeqEntry(f.lines[j], ind) {
			// The next key of a mapping whose list is not indented.
			f.content(s, base)
			return s, j, true
		}
		i = j
	}
}
