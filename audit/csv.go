package audit

import (
	"bytes"
	"encoding/binary"
	"io"
	"math/bits"
	"unicode/utf8"
)

// This file is the CSV scanner. It works on one fixed buffer, refilled in
// place: a row's fields are sub-slices of the buffer, quoted fields with
// doubled quotes are unescaped in place, and nothing is allocated per row.
// encoding/csv is not used because it must hold a whole record in memory,
// however long, before it can refuse it.
//
// Dialect (RFC 4180, plus what spreadsheets write):
//   - rows end in LF or CRLF; the last row may lack one;
//   - a field may be quoted with "; inside quotes a quote is written "" and
//     delimiters and line breaks are data; a line break inside quotes
//     counts as a line, so reported line numbers match an editor's;
//   - a quote inside an unquoted field is data (a"b reads as a"b), as
//     with encoding/csv's LazyQuotes;
//   - text after a closing quote ("a"b) rejects the row: it is a quote
//     that was not doubled, and guessing would read the wrong value;
//   - blank lines, and rows whose fields are all empty (spreadsheets write
//     ,,,, for an empty row), are skipped and not counted as rows;
//   - a row must have as many fields as the header, no more and no fewer:
//     a short row is usually a line break that lost its quotes, and
//     reading it would put values in the wrong columns.

// source is the buffered input shared by the CSV and JSON Lines readers.
type source struct {
	r        io.Reader
	buf      []byte
	pos, end int // the unread bytes are buf[pos:end]
	eof      bool
	err      error // a read error other than io.EOF
	total    int64 // bytes read from r

	progress     func(int64)
	nextProgress int64
}

// fill moves the unread bytes to the front of the buffer and reads more
// after them. It returns false when nothing could be added: at the end of
// the input, on a read error, or when the buffer is full.
func (s *source) fill() bool {
	if s.eof || s.err != nil {
		return false
	}
	if s.pos > 0 {
		copy(s.buf, s.buf[s.pos:s.end])
		s.end -= s.pos
		s.pos = 0
	}
	if s.end == len(s.buf) {
		return false
	}
	for range 100 {
		n, err := s.r.Read(s.buf[s.end:])
		if n < 0 || n > len(s.buf)-s.end {
			s.err = io.ErrShortBuffer
			return false
		}
		s.end += n
		s.total += int64(n)
		if s.progress != nil && s.total >= s.nextProgress {
			s.progress(s.total)
			s.nextProgress = s.total + progressEvery
		}
		if err == io.EOF {
			s.eof = true
			return n > 0
		}
		if err != nil {
			s.err = err
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	s.err = io.ErrNoProgress
	return false
}

// span is a field's bytes in the buffer, before unescaping.
type span struct {
	start, end int32
	escaped    bool // quoted, with doubled quotes to undo
}

type parseStatus uint8

const (
	parsedRow parseStatus = iota
	parsedBlank
	needMore
)

// csvReader reads the rows of a CSV file.
type csvReader struct {
	rd       *reader
	delim    byte
	line     int64 // the line the next row starts on
	maxRow   int
	maxField int
	header   int   // number of header fields
	colOf    []int // colOf[c] is the field holding canonical column c, or -1

	// The current row.
	rowLine  int64 // the line it starts on
	spans    []span
	nfields  int   // fields in the row, which may exceed len(spans)
	quoteAt  int   // the field with a quote problem, or -1
	quoteErr uint8 // quoteAfter or quoteOpen
}

// next reads the next data row into rd.vals.
func (c *csvReader) next() (int64, rowStatus) {
	rd := c.rd
	for {
		st, end, nl := c.scan()
		if st == rowEOF {
			return 0, rowEOF
		}
		line := c.line
		if st == rowBad { // too long; scan has skipped it
			c.line += 1 + int64(nl)
			return line, rowBad
		}
		start := rd.src.pos
		rd.src.pos = end
		c.rowLine = line
		c.line += 1 + int64(nl)
		if c.isBlank() {
			continue
		}
		return line, c.values(start, end)
	}
}

// scan finds the next row, refilling the buffer as needed. It returns
// rowOK with the row's spans set and its end in the buffer, rowBad for a
// row longer than maxRow (already skipped), or rowEOF.
func (c *csvReader) scan() (rowStatus, int, int) {
	src := &c.rd.src
	for {
		if src.pos == src.end && !src.fill() {
			return rowEOF, 0, 0
		}
		st, end, nl := c.parse(src.buf[:src.end], src.pos, src.eof)
		switch st {
		case parsedRow:
			if end-src.pos > c.maxRow {
				c.rd.bad = rowErr{kind: errTooLong, n: int64(c.maxRow)}
				src.pos = end
				return rowBad, 0, nl
			}
			return rowOK, end, nl
		case parsedBlank:
			src.pos = end
			c.line++
			continue
		}
		if src.end-src.pos > c.maxRow {
			c.rd.bad = rowErr{kind: errTooLong, n: int64(c.maxRow)}
			return rowBad, 0, c.skip()
		}
		if !src.fill() && !src.eof {
			// A read error: end here; run reports it.
			return rowEOF, 0, 0
		}
	}
}

var lineBreak = []byte{'\n'}

// parse reads one row of buf starting at p. It returns needMore when the
// row does not end within buf and more input may come (atEOF false);
// otherwise the row's end (after its line break) and the number of line
// breaks inside quoted fields.
func (c *csvReader) parse(buf []byte, p int, atEOF bool) (parseStatus, int, int) {
	c.spans = c.spans[:0]
	c.nfields = 0
	c.quoteAt = -1
	delim := c.delim
	le := bytes.IndexByte(buf[p:], '\n')
	if le < 0 {
		if !atEOF {
			return needMore, 0, 0
		}
		le = len(buf)
	} else {
		le += p
	}
	// rowEnd is where the next row starts once the row ends at line end e.
	rowEnd := func(e int) int {
		if e < len(buf) {
			return e + 1
		}
		return e
	}
	if le == p || (le == p+1 && buf[p] == '\r') {
		return parsedBlank, rowEnd(le), 0
	}
	nl := 0
	for {
		if p < len(buf) && buf[p] == '"' {
			q := p + 1
			escaped := false
			for {
				i := bytes.IndexByte(buf[q:], '"')
				if i < 0 {
					if !atEOF {
						return needMore, 0, 0
					}
					// The quote is never closed: the rest of the input is
					// this field.
					nl += bytes.Count(buf[p+1:], lineBreak)
					c.quote(quoteOpen, c.nfields)
					c.add(p+1, len(buf), false)
					return parsedRow, len(buf), nl
				}
				q += i
				if q+1 < len(buf) && buf[q+1] == '"' {
					escaped = true
					q += 2
					continue
				}
				if q+1 == len(buf) && !atEOF {
					return needMore, 0, 0 // the next byte may be a quote
				}
				break
			}
			if q > le {
				// The field holds line breaks: count them, and find the
				// line the row now ends on.
				nl += bytes.Count(buf[p+1:q], lineBreak)
				i := bytes.IndexByte(buf[q+1:], '\n')
				switch {
				case i >= 0:
					le = q + 1 + i
				case atEOF:
					le = len(buf)
				default:
					return needMore, 0, 0
				}
			}
			c.add(p+1, q, escaped)
			p = q + 1
			switch {
			case p == le || (p+1 == le && buf[p] == '\r'):
				return parsedRow, rowEnd(le), nl
			case buf[p] == delim:
				p++
				continue
			}
			// Text after the closing quote: the row is refused; carry on
			// to the field's end to find the row's.
			c.quote(quoteAfter, c.nfields-1)
			i := bytes.IndexByte(buf[p:le], delim)
			if i < 0 {
				return parsedRow, rowEnd(le), nl
			}
			p += i + 1
			continue
		}
		i := indexDelim(buf[p:le], delim)
		if i < 0 {
			e := le
			if e > p && buf[e-1] == '\r' {
				e--
			}
			c.add(p, e, false)
			return parsedRow, rowEnd(le), nl
		}
		c.add(p, p+i, false)
		p += i + 1
	}
}

// indexDelim is bytes.IndexByte tuned for the fields of a CSV row, most of
// them short: the first 16 bytes are tested eight at a time in a register,
// where the call and set-up of the vectorised search would cost more than
// the search; beyond them the vectorised search wins.
func indexDelim(b []byte, d byte) int {
	const (
		ones = 0x0101010101010101
		low7 = 0x7F7F7F7F7F7F7F7F
	)
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if i == 16 {
			if j := bytes.IndexByte(b[i:], d); j >= 0 {
				return i + j
			}
			return -1
		}
		x := binary.LittleEndian.Uint64(b[i:]) ^ (ones * uint64(d))
		// The high bit of each byte of t is set exactly when that byte of
		// x is zero, that is, when the byte of b is d.
		t := ^((x&low7 + low7) | x | low7)
		if t != 0 {
			return i + bits.TrailingZeros64(t)/8
		}
	}
	for ; i < len(b); i++ {
		if b[i] == d {
			return i
		}
	}
	return -1
}

// add records a field, unless the row already has too many.
func (c *csvReader) add(start, end int, escaped bool) {
	c.nfields++
	if len(c.spans) < c.maxField {
		c.spans = append(c.spans, span{int32(start), int32(end), escaped})
	}
}

// quote records a quoting problem in field i, the first one of the row.
func (c *csvReader) quote(kind uint8, i int) {
	if c.quoteAt < 0 {
		c.quoteAt = i
		c.quoteErr = kind
	}
}

// isBlank reports whether every field of the row is empty.
func (c *csvReader) isBlank() bool {
	if c.quoteAt >= 0 || c.nfields > len(c.spans) {
		return false
	}
	for _, s := range c.spans {
		if s.end > s.start {
			return false
		}
	}
	return true
}

// values checks the row's shape and sets rd.vals from its fields.
func (c *csvReader) values(start, end int) rowStatus {
	rd := c.rd
	switch {
	case c.quoteAt >= 0:
		rd.bad = rowErr{kind: errQuote, n: int64(c.quoteErr), m: int64(c.quoteAt)}
		return rowBad
	case c.nfields > c.maxField:
		rd.bad = rowErr{kind: errTooManyFields, n: int64(c.maxField)}
		return rowBad
	case c.nfields != c.header:
		rd.bad = rowErr{kind: errFields, n: int64(c.nfields), m: int64(c.header)}
		return rowBad
	}
	buf := rd.src.buf
	rd.scratch = rd.scratch[:0]
	if rd.schema.cells {
		c.cellPositions(start)
	}
	rd.textEscapes = rd.textEscapes[:0]
	for col, f := range c.colOf {
		if f < 0 {
			rd.vals[col] = nil
			continue
		}
		s := &c.spans[f]
		if rd.schema == &draftSchema && col == dText {
			if s.escaped {
				rd.textEscapes = escapeOffsets(buf[s.start:s.end], rd.textEscapes)
			}
		}
		if s.escaped {
			s.end = int32(unescapeQuotes(buf[s.start:s.end])) + s.start
			s.escaped = false
		}
		rd.vals[col] = buf[s.start:s.end:s.end]
	}
	return rowOK
}

// escapeOffsets appends the offsets, in the unescaped value, of each ""
// of the quoted value b: there the file has one more character than the
// value, which a finding's column inside the value must count.
func escapeOffsets(b []byte, dst []int) []int {
	w := 0
	for r := 0; r < len(b); r++ {
		if b[r] == '"' && r+1 < len(b) && b[r+1] == '"' {
			dst = append(dst, w)
			r++
		}
		w++
	}
	return dst
}

// cellPositions notes where each mapped column's value starts in the row
// that starts at buf[start], in one pass over the row before its quoted
// values are unescaped in place.
func (c *csvReader) cellPositions(start int) {
	rd := c.rd
	buf := rd.src.buf
	type at struct{ field, col int }
	var order [maxCols]at
	n := 0
	for col, f := range c.colOf {
		rd.cells[col] = Cell{}
		if f >= 0 {
			order[n] = at{f, col}
			n++
		}
	}
	// Fields come in file order; sort the few mapped ones by field.
	for i := 1; i < n; i++ {
		for j := i; j > 0 && order[j].field < order[j-1].field; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	l, col, p := int(c.rowLine), 1, start
	for _, a := range order[:n] {
		to := int(c.spans[a.field].start)
		for p < to {
			b := buf[p]
			switch {
			case b == '\n':
				l++
				col = 1
				p++
			case b < utf8.RuneSelf:
				col++
				p++
			default:
				_, size := utf8.DecodeRune(buf[p:to])
				col++
				p += size
			}
		}
		rd.cells[a.col] = Cell{Line: l, Column: col}
	}
}

// unescapeQuotes turns each "" in b into ", in place, and returns the new
// length.
func unescapeQuotes(b []byte) int {
	w := 0
	for r := 0; r < len(b); r++ {
		b[w] = b[r]
		w++
		if b[r] == '"' && r+1 < len(b) && b[r+1] == '"' {
			r++
		}
	}
	return w
}

// skip consumes a row too long to hold, from the start of the unread
// bytes to its end, reading on as needed, and returns the number of line
// breaks inside its quoted fields. It follows the same quoting rules as
// parse, so the next row starts where parse would have started it.
func (c *csvReader) skip() int {
	const (
		fieldStart = iota
		unquoted
		quoted
		quoteSeen // a quote inside a quoted field: its end, or the first of ""
	)
	src := &c.rd.src
	state, nl := fieldStart, 0
	for {
		b := src.buf[src.pos:src.end]
		i, le := 0, -1 // le: the next line break at or after i, once found
		for i < len(b) {
			switch state {
			case fieldStart:
				if b[i] == '"' {
					state = quoted
					i++
					continue
				}
				state = unquoted
			case unquoted:
				if le < i {
					le = len(b)
					if e := bytes.IndexByte(b[i:], '\n'); e >= 0 {
						le = i + e
					}
				}
				d := bytes.IndexByte(b[i:le], c.delim)
				if d < 0 {
					i = le
					if i < len(b) {
						src.pos += i + 1
						return nl
					}
					continue
				}
				i += d + 1
				state = fieldStart
			case quoted:
				j := bytes.IndexByte(b[i:], '"')
				if j < 0 {
					nl += bytes.Count(b[i:], lineBreak)
					i = len(b)
					continue
				}
				nl += bytes.Count(b[i:i+j], lineBreak)
				i += j + 1
				state = quoteSeen
			case quoteSeen:
				switch b[i] {
				case '"':
					state = quoted
				case c.delim:
					state = fieldStart
				case '\n':
					src.pos += i + 1
					return nl
				default:
					state = unquoted
					continue
				}
				i++
			}
		}
		src.pos = src.end
		if !src.fill() {
			return nl
		}
	}
}
