package strategy

import (
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// The fast reader's scalars and one-line collections: quoted scalars, flow
// lists and mappings, block scalars, and the tags of plain scalars.

// quoted reads a single- or double-quoted scalar that ends on its line; a
// double-quoted one with escapes is left to yaml.v3.
func (f *fastParser) quoted(i, off int) (*yaml.Node, int, bool) {
	t := f.lines[i].text
	q := t[off]
	if q == '"' {
		for j := off + 1; j < len(t); j++ {
			switch t[j] {
			case '\\':
				return nil, 0, false
			case '"':
				return f.node(yaml.ScalarNode, yaml.DoubleQuotedStyle, "!!str", f.text(i, off+1, j), i+1, f.col(i, off)), j + 1, true
			}
		}
		return nil, 0, false
	}
	var b []byte
	from := off + 1
	for j := off + 1; j < len(t); j++ {
		if t[j] != '\'' {
			continue
		}
		if j+1 < len(t) && t[j+1] == '\'' {
			b = append(b, t[from:j+1]...)
			from = j + 2
			j++
			continue
		}
		var v string
		if b == nil {
			v = f.text(i, from, j)
		} else {
			v = string(append(b, t[from:j]...))
		}
		return f.node(yaml.ScalarNode, yaml.SingleQuotedStyle, "!!str", v, i+1, f.col(i, off)), j + 1, true
	}
	return nil, 0, false
}

// flow reads a flow list or mapping that ends on its line, starting at
// byte offset off; it returns the node and the offset after it.
func (f *fastParser) flow(i, off int) (*yaml.Node, int, bool) {
	if f.depth++; f.depth > maxFastDepth {
		return nil, 0, false
	}
	n, end, ok := f.flowIn(i, off)
	f.depth--
	return n, end, ok
}

func (f *fastParser) flowIn(i, off int) (*yaml.Node, int, bool) {
	t := f.lines[i].text
	open := t[off]
	kind, closer := yaml.SequenceNode, byte(']')
	tag := "!!seq"
	if open == '{' {
		kind, closer, tag = yaml.MappingNode, '}', "!!map"
	}
	n := f.node(kind, yaml.FlowStyle, tag, "", i+1, f.col(i, off))
	base := len(f.children)
	j := off + 1
	skip := func() {
		for j < len(t) && t[j] == ' ' {
			j++
		}
	}
	for {
		skip()
		if j >= len(t) {
			return nil, 0, false
		}
		if t[j] == closer {
			f.content(n, base)
			return n, j + 1, true
		}
		if kind == yaml.MappingNode {
			k, end, ok := f.flowPlain(i, j, true)
			if !ok || end >= len(t) || t[end] != ':' || end+1 >= len(t) || t[end+1] != ' ' {
				return nil, 0, false
			}
			f.children = append(f.children, k)
			j = end + 1
			skip()
		}
		var item *yaml.Node
		var ok bool
		switch {
		case j >= len(t):
			return nil, 0, false
		case t[j] == '[' || t[j] == '{':
			item, j, ok = f.flow(i, j)
		case t[j] == '"' || t[j] == '\'':
			item, j, ok = f.quoted(i, j)
		default:
			item, j, ok = f.flowPlain(i, j, false)
		}
		if !ok {
			return nil, 0, false
		}
		f.children = append(f.children, item)
		skip()
		if j >= len(t) {
			return nil, 0, false
		}
		switch t[j] {
		case ',':
			j++
		case closer:
		default:
			return nil, 0, false
		}
	}
}

// flowPlain reads a plain scalar inside a flow collection. A colon ends a
// mapping key (isKey); anywhere else it is left to yaml.v3.
func (f *fastParser) flowPlain(i, off int, isKey bool) (*yaml.Node, int, bool) {
	t := f.lines[i].text
	if !plainStart(t, off) {
		return nil, 0, false
	}
	j := off
loop:
	for ; j < len(t); j++ {
		switch t[j] {
		case ',', '[', ']', '{', '}':
			break loop
		case '?':
			return nil, 0, false // yaml.v3 ends the scalar here, and then fails
		case ':':
			if isKey && j+1 < len(t) && t[j+1] == ' ' && j-off <= 1000 { // as in keyEnd
				break loop
			}
			return nil, 0, false
		case '#':
			if t[j-1] == ' ' {
				return nil, 0, false
			}
		}
	}
	v := f.text(i, off, trimEnd(t, off, j))
	return f.node(yaml.ScalarNode, 0, resolveTag(v), v, i+1, f.col(i, off)), j, true
}

// blockScalar reads a literal (|) or folded (>) scalar whose indicator is
// at offset off of line i, in a block at indentation ind. It follows
// yaml.v3's scanner (yaml_parser_scan_block_scalar) step by step, so that
// indentation, folding and chomping come out the same.
func (f *fastParser) blockScalar(i, off, ind int) (*yaml.Node, int, bool) {
	t := f.lines[i].text
	literal := t[off] == '|'
	chomp := 0
	j := off + 1
	if j < len(t) && (t[j] == '+' || t[j] == '-') {
		chomp = 1
		if t[j] == '-' {
			chomp = -1
		}
		j++
	}
	if j < len(t) && t[j] != ' ' {
		return nil, 0, false // an indentation indicator, or junk
	}
	if !f.lineEnd(t, j) {
		return nil, 0, false
	}
	style := yaml.FoldedStyle
	if literal {
		style = yaml.LiteralStyle
	}
	n := f.node(yaml.ScalarNode, style, "!!str", "", i+1, f.col(i, off))
	if !f.lines[i].eol {
		return n, i + 1, true
	}

	var s, leadingBreak, trailingBreaks []byte
	indent := 0
	k := i + 1 // the line being read
	col := 0   // offset in it
	// breaks eats indentation and empty lines, as
	// yaml_parser_scan_block_scalar_breaks does.
	breaks := func() {
		maxIndent := 0
		for k < len(f.lines) {
			lt := f.lines[k].text
			col = 0
			for (indent == 0 || col < indent) && col < len(lt) && lt[col] == ' ' {
				col++
			}
			maxIndent = max(maxIndent, col)
			if col < len(lt) || !f.lines[k].eol {
				break
			}
			trailingBreaks = append(trailingBreaks, '\n')
			k++
		}
		if indent == 0 {
			indent = max(maxIndent, ind+1, 1)
		}
	}
	breaks()
	leadingBlank := false
	for k < len(f.lines) && col == indent && (col < len(f.lines[k].text) || f.lines[k].eol) {
		lt := f.lines[k].text
		trailingBlank := col < len(lt) && lt[col] == ' '
		if !literal && len(leadingBreak) > 0 && leadingBreak[0] == '\n' && !leadingBlank && !trailingBlank {
			if len(trailingBreaks) == 0 {
				s = append(s, ' ')
			}
		} else {
			s = append(s, leadingBreak...)
		}
		leadingBreak = leadingBreak[:0]
		s = append(s, trailingBreaks...)
		trailingBreaks = trailingBreaks[:0]
		leadingBlank = col < len(lt) && lt[col] == ' '
		s = append(s, lt[col:]...)
		if !f.lines[k].eol {
			k++
			col = 0
			break
		}
		leadingBreak = append(leadingBreak, '\n')
		k++
		breaks()
	}
	if chomp != -1 {
		s = append(s, leadingBreak...)
	}
	if chomp == 1 {
		s = append(s, trailingBreaks...)
	}
	n.Value = string(s)
	// The scalar ends at line k, whose indentation (col) is below the
	// scalar's: it must also be below the block holding the scalar.
	if k < len(f.lines) && !f.lines[k].blank && f.lines[k].indent > ind {
		return nil, 0, false
	}
	return n, k, true
}

// resolveTag returns the tag yaml.v3 gives a plain scalar. Its resolver
// (resolve in yaml.v3's resolve.go) looks at the first byte: text starting
// with a byte outside its table is text; text starting with one of
// yYnNtTfFoO~ is text unless it is one of the words of its resolveMap.
// Anything else (digits, signs, dots) is left to yaml.v3 itself.
func resolveTag(v string) string {
	if v == "" {
		return "!!null"
	}
	switch resolveHint[v[0]] {
	case 0:
		if v == "<<" {
			return "!!merge" // yaml.v3's parser gives a plain << this tag
		}
		return "!!str"
	case 'M':
		switch v {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return "!!bool"
		case "~", "null", "Null", "NULL":
			return "!!null"
		}
		return "!!str"
	}
	if tag := numberTag(v); tag != "" {
		return tag
	}
	n := yaml.Node{Kind: yaml.ScalarNode, Value: v}
	return n.ShortTag()
}

// numberTag tags, without yaml.v3's resolver (which tries dates in four
// layouts and numbers in several bases, allocating an error for each
// miss), the common cases of scalars that start with a digit, sign or dot:
// the infinities and not-a-number of its resolveMap, text with a
// character no number or timestamp can hold (4h, 30m), whole
// numbers of up to 18 plain digits, and YYYY-MM-DD dates. It returns ""
// for the rest.
func numberTag(v string) string {
	switch v {
	case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
		return "!!float" // in yaml.v3's resolveMap
	}
	digits := 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !numberByte[c] {
			return "!!str"
		}
		if c >= '0' && c <= '9' {
			digits++
		}
	}
	d := strings.TrimLeft(v, "+-")
	if len(v)-len(d) <= 1 && digits == len(d) && digits >= 1 && digits <= 18 && (d[0] != '0' || len(d) == 1) {
		return "!!int"
	}
	if len(v) == 10 && digits == 8 && v[4] == '-' && v[7] == '-' {
		if _, err := time.Parse("2006-01-02", v); err == nil {
			return "!!timestamp"
		}
	}
	return ""
}

// numberByte holds the bytes yaml.v3's numbers (any base, underscores,
// exponents) and timestamps are written with.
var numberByte = func() (t [256]bool) {
	for _, c := range "0123456789abcdefABCDEFxXoO_+-.:TtZz " {
		t[c] = true
	}
	return t
}()

var resolveHint = func() (t [256]byte) {
	for _, c := range "yYnNtTfFoO~" {
		t[c] = 'M'
	}
	for _, c := range "+-0123456789." {
		t[c] = 'D'
	}
	return t
}()
