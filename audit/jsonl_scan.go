package audit

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/internal/jsonesc"
)

// This file is the JSON scanner under the JSON Lines reader: strings,
// numbers, literals and the values it skips, each checked against RFC 8259.

func (j *jsonReader) peek() byte {
	if j.i < len(j.b) {
		return j.b[j.i]
	}
	return 0
}

func (j *jsonReader) ws() {
	for j.i < len(j.b) {
		switch j.b[j.i] {
		case ' ', '\t', '\r', '\n':
			j.i++
		default:
			return
		}
	}
}

func (j *jsonReader) syntax(msg string) {
	if j.synErr == "" {
		j.synErr, j.synAt = msg, j.i
	}
}

func (j *jsonReader) wrongType(col int, what string) {
	if j.typeErr.kind == errNone {
		j.typeErr = rowErr{kind: errJSONType, col: col, detail: what}
	}
}

// str reads a string at j.i: a sub-slice of the line when it has no
// escapes, else unescaped into the scratch space.
func (j *jsonReader) str() ([]byte, bool) {
	b := j.b
	for k := plainRun(b, j.i+1); k < len(b); k++ {
		switch c := b[k]; {
		case c == '"':
			v := b[j.i+1 : k : k]
			j.i = k + 1
			return v, true
		case c == '\\':
			start := len(j.rd.scratch)
			var ok bool
			j.rd.scratch, ok = j.appendStr(j.rd.scratch)
			if !ok {
				return nil, false
			}
			return j.rd.scratch[start:len(j.rd.scratch):len(j.rd.scratch)], true
		case c < 0x20:
			j.i = k
			j.syntax("a control character inside a string")
			return nil, false
		}
	}
	j.i = len(b)
	j.syntax("a string that is never closed")
	return nil, false
}

// appendStr appends the string at j.i, unescaped, to dst.
func (j *jsonReader) appendStr(dst []byte) ([]byte, bool) {
	b := j.b
	k := j.i + 1
	for k < len(b) {
		c := b[k]
		switch {
		case c == '"':
			j.i = k + 1
			return dst, true
		case c < 0x20:
			j.i = k
			j.syntax("a control character inside a string")
			return dst, false
		case c != '\\':
			dst = append(dst, c)
			k++
			continue
		}
		if k+1 >= len(b) {
			break
		}
		e := b[k+1]
		if c, ok := jsonesc.Simple(e); ok {
			dst = append(dst, c)
			k += 2
			continue
		}
		if e != 'u' {
			j.i = k
			j.syntax("a bad escape inside a string")
			return dst, false
		}
		r, n, ok := jsonesc.Unicode(b, k+2)
		if !ok {
			j.i = k
			j.syntax("a bad \\u escape")
			return dst, false
		}
		dst = utf8.AppendRune(dst, r)
		k += 2 + n
	}
	j.i = len(b)
	j.syntax("a string that is never closed")
	return dst, false
}

// plainRun returns the index of the first byte at or after k that may end
// or escape a string: a quote, a backslash or a control character. It
// tests eight bytes at a time.
func plainRun(b []byte, k int) int {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	for ; k+8 <= len(b); k += 8 {
		x := binary.LittleEndian.Uint64(b[k:])
		q := x ^ (ones * '"')
		bs := x ^ (ones * '\\')
		// A byte of v is zero, or below 0x20 for x itself, exactly when
		// the subtraction borrows into its high bit (the high bit of x
		// is excluded so that bytes >= 0x80 do not count).
		hit := ((q - ones) &^ q) | ((bs - ones) &^ bs) | ((x - ones*0x20) &^ x)
		if hit&highs != 0 {
			break
		}
	}
	return k
}

// number checks a number at j.i against JSON's grammar and moves past it.
func (j *jsonReader) number() bool {
	b, i := j.b, j.i
	digits := func() bool {
		start := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i > start
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		digits()
	default:
		j.i = i
		j.syntax("a malformed number")
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			j.i = i
			j.syntax("a malformed number")
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			j.i = i
			j.syntax("a malformed number")
			return false
		}
	}
	j.i = i
	return true
}

func (j *jsonReader) literal(word string) {
	if bytes.HasPrefix(j.b[j.i:], []byte(word)) {
		j.i += len(word)
		return
	}
	j.syntax("expected a value")
}

// skip moves past a value of any kind, checking its syntax.
func (j *jsonReader) skip(depth int) {
	if depth > maxJSONDepth {
		j.syntax(tooDeep)
		return
	}
	switch c := j.peek(); {
	case c == '"':
		j.skipStr()
	case c == 'n':
		j.literal("null")
	case c == 't':
		j.literal("true")
	case c == 'f':
		j.literal("false")
	case c == '-' || (c >= '0' && c <= '9'):
		j.number()
	case c == '{' || c == '[':
		j.skipContainer(c, depth)
	default:
		j.syntax("expected a value")
	}
}

// skipStr moves past a string, checking its escapes, without keeping it.
func (j *jsonReader) skipStr() {
	b := j.b
	for k := j.i + 1; k < len(b); k++ {
		switch c := b[k]; {
		case c == '"':
			j.i = k + 1
			return
		case c == '\\':
			mark := len(j.rd.scratch)
			j.rd.scratch, _ = j.appendStr(j.rd.scratch)
			j.rd.scratch = j.rd.scratch[:mark]
			return
		case c < 0x20:
			j.i = k
			j.syntax("a control character inside a string")
			return
		}
	}
	j.i = len(b)
	j.syntax("a string that is never closed")
}

func (j *jsonReader) skipContainer(open byte, depth int) {
	closer := byte(']')
	if open == '{' {
		closer = '}'
	}
	j.i++
	j.ws()
	if j.peek() == closer {
		j.i++
		return
	}
	for {
		j.ws()
		if open == '{' {
			if j.peek() != '"' {
				j.syntax("expected a key in quotes")
				return
			}
			j.skipStr()
			j.ws()
			if j.peek() != ':' {
				j.syntax("expected ':' after a key")
				return
			}
			j.i++
			j.ws()
		}
		j.skip(depth + 1)
		if j.synErr != "" {
			return
		}
		j.ws()
		switch j.peek() {
		case ',':
			j.i++
			continue
		case closer:
			j.i++
			return
		}
		j.syntax(fmt.Sprintf("expected ',' or '%c'", closer))
		return
	}
}
