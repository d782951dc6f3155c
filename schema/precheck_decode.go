package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/internal/jsonesc"
)

// decodeForPrecheck reads a schema document as encoding/json with
// UseNumber would, but without the values of its annotations (title,
// description, examples, default, $comment), which are two thirds of the
// embedded schema's bytes and never change a verdict. Every command that
// validates compiles the precheck once, and decoding the whole document
// with encoding/json was most of that: a millisecond of start-up. A key
// is an annotation only where it is a keyword of a schema object, not
// where it names a property (a pillar's "description").
func decodeForPrecheck(doc []byte) (map[string]any, error) {
	d := &schemaDecoder{b: doc}
	d.space()
	v, err := d.value(true)
	if err != nil {
		return nil, err
	}
	if d.space(); d.i != len(d.b) {
		return nil, d.errorf("data after the document")
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("the schema is not a JSON object")
	}
	return m, nil
}

type schemaDecoder struct {
	b []byte
	i int
}

func (d *schemaDecoder) errorf(format string, args ...any) error {
	return fmt.Errorf("schema: byte %d: %s", d.i, fmt.Sprintf(format, args...))
}

func (d *schemaDecoder) space() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// schemaMaps are the keywords whose value maps names to schemas.
var schemaMaps = map[string]bool{"properties": true, "patternProperties": true, "$defs": true, "dependentSchemas": true}

// value reads one value. schema tells that an object here is a schema (its
// annotation keywords are skipped), not a map of names.
func (d *schemaDecoder) value(schema bool) (any, error) {
	if d.i >= len(d.b) {
		return nil, d.errorf("unexpected end")
	}
	switch c := d.b[d.i]; {
	case c == '{':
		return d.object(schema)
	case c == '[':
		d.i++
		out := []any{}
		d.space()
		if d.i < len(d.b) && d.b[d.i] == ']' {
			d.i++
			return out, nil
		}
		for {
			d.space()
			v, err := d.value(true)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
			d.space()
			if d.i >= len(d.b) {
				return nil, d.errorf("unexpected end in a list")
			}
			if d.b[d.i] == ']' {
				d.i++
				return out, nil
			}
			if d.b[d.i] != ',' {
				return nil, d.errorf("want , or ] in a list")
			}
			d.i++
		}
	case c == '"':
		return d.str()
	case c == 't' || c == 'f' || c == 'n':
		for _, lit := range []struct {
			text string
			v    any
		}{{"true", true}, {"false", false}, {"null", nil}} {
			if len(d.b)-d.i >= len(lit.text) && string(d.b[d.i:d.i+len(lit.text)]) == lit.text {
				d.i += len(lit.text)
				return lit.v, nil
			}
		}
		return nil, d.errorf("not a value")
	default:
		start := d.i
		for d.i < len(d.b) && (d.b[d.i] == '-' || d.b[d.i] == '+' || d.b[d.i] == '.' || d.b[d.i] == 'e' || d.b[d.i] == 'E' || d.b[d.i] >= '0' && d.b[d.i] <= '9') {
			d.i++
		}
		n := json.Number(d.b[start:d.i])
		if _, err := strconv.ParseFloat(string(n), 64); err != nil || start == d.i {
			return nil, d.errorf("not a number")
		}
		return n, nil
	}
}

func (d *schemaDecoder) object(schema bool) (any, error) {
	d.i++
	out := map[string]any{}
	d.space()
	if d.i < len(d.b) && d.b[d.i] == '}' {
		d.i++
		return out, nil
	}
	for {
		d.space()
		if d.i >= len(d.b) || d.b[d.i] != '"' {
			return nil, d.errorf("want a key")
		}
		k, err := d.str()
		if err != nil {
			return nil, err
		}
		d.space()
		if d.i >= len(d.b) || d.b[d.i] != ':' {
			return nil, d.errorf("want :")
		}
		d.i++
		d.space()
		if schema && annotations[k] && k != "$defs" && k != "$schema" && k != "$id" {
			if err := d.skip(); err != nil {
				return nil, err
			}
		} else {
			v, err := d.value(!schema || !schemaMaps[k])
			if err != nil {
				return nil, err
			}
			out[k] = v
		}
		d.space()
		if d.i >= len(d.b) {
			return nil, d.errorf("unexpected end in an object")
		}
		if d.b[d.i] == '}' {
			d.i++
			return out, nil
		}
		if d.b[d.i] != ',' {
			return nil, d.errorf("want , or } in an object")
		}
		d.i++
	}
}

// skip passes over one value, checking only its nesting and strings.
func (d *schemaDecoder) skip() error {
	if d.i >= len(d.b) {
		return d.errorf("unexpected end")
	}
	switch d.b[d.i] {
	case '"':
		return d.skipStr()
	case '{', '[':
	default:
		// A number or a literal: read it to check it.
		_, err := d.value(false)
		return err
	}
	depth := 0
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case '"':
			if err := d.skipStr(); err != nil {
				return err
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				d.i++
				return nil
			}
		}
		d.i++
	}
	return d.errorf("unexpected end")
}

func (d *schemaDecoder) skipStr() error {
	for d.i++; d.i < len(d.b); d.i++ {
		switch d.b[d.i] {
		case '\\':
			d.i++
		case '"':
			d.i++
			return nil
		}
	}
	return d.errorf("unterminated string")
}

// str reads a string, unescaping it as JSON does.
func (d *schemaDecoder) str() (string, error) {
	start := d.i + 1
	for j := start; j < len(d.b); j++ {
		switch d.b[j] {
		case '"':
			if !utf8.Valid(d.b[start:j]) {
				return d.escaped(start)
			}
			d.i = j + 1
			return string(d.b[start:j]), nil
		case '\\':
			return d.escaped(start)
		}
	}
	return "", d.errorf("unterminated string")
}

func (d *schemaDecoder) escaped(start int) (string, error) {
	out := make([]byte, 0, 32)
	for j := start; j < len(d.b); j++ {
		c := d.b[j]
		switch {
		case c == '"':
			d.i = j + 1
			return string(out), nil
		case c >= utf8.RuneSelf:
			// As encoding/json: each byte of invalid UTF-8 is U+FFFD.
			r, n := utf8.DecodeRune(d.b[j:])
			out = utf8.AppendRune(out, r)
			j += n - 1
			continue
		case c != '\\':
			out = append(out, c)
			continue
		}
		if j++; j >= len(d.b) {
			break
		}
		e := d.b[j]
		if c, ok := jsonesc.Simple(e); ok {
			out = append(out, c)
			continue
		}
		if e != 'u' {
			d.i = j
			return "", d.errorf("bad escape")
		}
		r, n, ok := jsonesc.Unicode(d.b, j+1)
		if !ok {
			d.i = j
			return "", d.errorf("bad \\u escape")
		}
		out = utf8.AppendRune(out, r)
		j += n
	}
	return "", d.errorf("unterminated string")
}
