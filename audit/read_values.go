package audit

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// rowStatus is what a format reader found next.
type rowStatus uint8

const (
	rowOK  rowStatus = iota // a row whose values are in rd.vals
	rowBad                  // a row that cannot be read; rd.bad says why
	rowEOF                  // the end of the input (or a read error)
)

// errKind is why a row was rejected.
type errKind uint8

const (
	errNone            errKind = iota
	errEmpty                   // a required value is empty
	errMissingKey              // a JSON record lacks a required key
	errTime                    // n is the timeProblem
	errCount                   // n is the countProblem
	errRespondedBefore         // t1 (responded) is before t2 (received)
	errUTF8                    // the value is not UTF-8
	errFields                  // the row has n fields, the header m
	errTooManyFields           // more than n fields
	errTooLong                 // longer than n bytes
	errQuote                   // n: quoteAfter or quoteOpen; m is the field's position
	errJSON                    // detail says what
	errJSONType                // col's value is of JSON type detail
)

const (
	quoteAfter = iota // text after a closing quote
	quoteOpen         // a quote that is never closed
)

// rowErr says why a row was rejected. It holds the offending value as it
// was in the row; it is turned into a sentence only for the rows listed.
type rowErr struct {
	kind   errKind
	col    int // canonical column, when the problem is in one
	val    []byte
	n, m   int64
	t1, t2 time.Time
	detail string
}

// text returns canonical column c's value as UTF-8, transcoding it from
// Latin-1 when the file is, and refusing invalid UTF-8 otherwise.
func (rd *reader) text(c int, trim bool) ([]byte, bool) {
	v := rd.vals[c]
	if trim {
		v = trimBlanks(v)
	}
	if len(v) == 0 {
		return v, true
	}
	if rd.latin1 {
		return rd.fromLatin1(v), true
	}
	if !validUTF8(v) {
		rd.bad = rowErr{kind: errUTF8, col: c, val: v}
		return nil, false
	}
	return v, true
}

// validUTF8 is utf8.Valid, faster on text that is mostly ASCII with a few
// other letters (utf8.Valid goes a byte at a time after the first): it
// skips ASCII eight bytes at a time and decodes only the other runes.
func validUTF8(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b)&0x8080808080808080 == 0 {
			b = b[8:]
			continue
		}
		for b[0] < utf8.RuneSelf {
			b = b[1:]
		}
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			return false
		}
		b = b[size:]
	}
	return utf8.Valid(b)
}

func trimBlanks(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// win1252 maps the bytes 0x80–0x9F to the characters Windows-1252 gives
// them; the five it leaves undefined stay the C1 controls ISO-8859-1 has.
var win1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

// fromLatin1 transcodes a Latin-1 (Windows-1252) value to UTF-8 in the
// row's scratch space; an ASCII value is returned as it is.
func (rd *reader) fromLatin1(v []byte) []byte {
	i := 0
	for i < len(v) && v[i] < 0x80 {
		i++
	}
	if i == len(v) {
		return v
	}
	start := len(rd.scratch)
	rd.scratch = append(rd.scratch, v[:i]...)
	for _, b := range v[i:] {
		switch {
		case b < 0x80:
			rd.scratch = append(rd.scratch, b)
		case b < 0xA0:
			rd.scratch = utf8.AppendRune(rd.scratch, win1252[b-0x80])
		default:
			rd.scratch = utf8.AppendRune(rd.scratch, rune(b))
		}
	}
	return rd.scratch[start:len(rd.scratch):len(rd.scratch)]
}

// countProblem says why a metric cell is not a count.
type countProblem uint8

const (
	countOK countProblem = iota
	countEmpty
	countNegative
	countFraction
	countThousands
	countTooLarge
	countNaN
)

// maxCountDigits keeps counts far from int64 overflow; no post has a
// billion billion likes.
const maxCountDigits = 18

// parseCount reads a metric cell: a non-negative whole number, optionally
// written with a zero fraction (12.0) as spreadsheets do.
func parseCount(b []byte) (int64, countProblem) {
	b = trimBlanks(b)
	if len(b) == 0 {
		return 0, countEmpty
	}
	neg := false
	if b[0] == '-' {
		neg = true
		b = b[1:]
	}
	var n int64
	i := 0
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		if i == maxCountDigits {
			return 0, countTooLarge
		}
		n = n*10 + int64(b[i]-'0')
		i++
	}
	if i == 0 {
		return 0, countNaN
	}
	if i < len(b) {
		switch b[i] {
		case '.':
			// 12.0 and 12.00 are whole numbers, but 1.000 may be a
			// thousand written with a dot: check that reading first.
			if isThousands(b, '.') {
				return 0, countThousands
			}
			j := i + 1
			for j < len(b) && b[j] == '0' {
				j++
			}
			if j == len(b) && j > i+1 {
				break
			}
			if isThousands(b, '.') {
				return 0, countThousands
			}
			if isDigits(b[i+1:]) && len(b) > i+1 {
				return 0, countFraction
			}
			return 0, countNaN
		case ',', ' ', '\'':
			if isThousands(b, b[i]) {
				return 0, countThousands
			}
			if b[i] == ',' && isDigits(b[i+1:]) && len(b) > i+1 {
				return 0, countFraction
			}
			return 0, countNaN
		default:
			return 0, countNaN
		}
	}
	if neg && n != 0 {
		return 0, countNegative
	}
	return n, countOK
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// isThousands reports whether b looks like a number with sep between
// groups of three digits: 1,234 or 12.345.678.
func isThousands(b []byte, sep byte) bool {
	groups := strings.Split(string(b), string(sep))
	if len(groups) < 2 || len(groups[0]) == 0 || len(groups[0]) > 3 || !isDigits([]byte(groups[0])) {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 || !isDigits([]byte(g)) {
			return false
		}
	}
	return true
}

// colDesc names canonical column c for a message, with the export's name
// for it when a mapping renamed it.
func (rd *reader) colDesc(c int) string {
	canon, src := rd.schema.cols[c], rd.sources[c]
	if strings.EqualFold(canon, src) {
		return canon
	}
	kind := "column"
	if rd.jsonl {
		kind = "key"
	}
	return fmt.Sprintf("%s (%s %q)", canon, kind, src)
}

// fieldDesc names the CSV field at position i (0-based) by its header.
func (rd *reader) fieldDesc(i int64) string {
	if i >= 0 && i < int64(len(rd.stats.Columns)) && rd.stats.Columns[i] != "" {
		return fmt.Sprintf("column %q", rd.stats.Columns[i])
	}
	return fmt.Sprintf("column %d", i+1)
}

// maxValueRunes is how much of a value a message quotes.
const maxValueRunes = 40

// quoteCell quotes a cell for a message: shortened to maxValueRunes,
// with control characters and invalid bytes escaped.
func quoteCell(v []byte) string {
	s := string(v)
	if utf8.RuneCountInString(s) > maxValueRunes {
		n := 0
		for i := range s {
			if n == maxValueRunes {
				s = s[:i] + "…"
				break
			}
			n++
		}
	}
	return strconv.Quote(s)
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func delimName(d byte) string {
	switch d {
	case ',':
		return "comma"
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	case '|':
		return "bar (|)"
	}
	return strconv.QuoteRune(rune(d))
}

// reason writes a rejected row's problem as a sentence that says what is
// wrong and, where it can, what to do.
func (rd *reader) reason(e rowErr) string {
	switch e.kind {
	case errEmpty:
		return fmt.Sprintf("%s is empty; every row needs one", rd.colDesc(e.col))
	case errMissingKey:
		return fmt.Sprintf("the record has no %s; every record needs one", rd.colDesc(e.col))
	case errTime:
		col, val := rd.colDesc(e.col), quoteCell(e.val)
		switch timeProblem(e.n) {
		case timeNoOffset:
			return fmt.Sprintf("%s %s has no UTC offset: write it with one, e.g. 2027-01-04T09:00:00+01:00, or give the export's time zone in the mapping (timezone: Europe/Oslo)", col, val)
		case timeTooEarly:
			return fmt.Sprintf("%s %s is before %d: a placeholder for a missing time?", col, val, minYear)
		}
		if rd.times.layout != "" {
			return fmt.Sprintf("%s %s does not match the mapping's time layout %q", col, val, rd.times.layout)
		}
		return fmt.Sprintf("%s %s is not a time: expected RFC 3339 with a UTC offset, e.g. 2027-01-04T09:00:00+01:00", col, val)
	case errCount:
		col, val := rd.colDesc(e.col), quoteCell(e.val)
		switch countProblem(e.n) {
		case countNegative:
			return fmt.Sprintf("%s %s is negative: counts are 0 or more", col, val)
		case countFraction:
			return fmt.Sprintf("%s %s is not a whole number", col, val)
		case countThousands:
			return fmt.Sprintf("%s %s has a thousands separator: write whole numbers without one, e.g. 1234", col, val)
		case countTooLarge:
			return fmt.Sprintf("%s %s is too large to be a count", col, val)
		}
		return fmt.Sprintf("%s %s is not a number: write a whole number, or leave it empty when unknown", col, val)
	case errRespondedBefore:
		return fmt.Sprintf("responded_at %s is before received_at %s", e.t1.Format(time.RFC3339), e.t2.Format(time.RFC3339))
	case errUTF8:
		return fmt.Sprintf("%s %s is not UTF-8 — if the file is Latin-1, pass --encoding latin1", rd.colDesc(e.col), quoteCell(e.val))
	case errFields:
		if e.n < e.m {
			return fmt.Sprintf("the row has %d fields and the header %d: a line break in a value that is not in quotes, or a missing %s?", e.n, e.m, delimName(rd.csv.delim))
		}
		return fmt.Sprintf("the row has %d fields and the header %d: a value with a %s in it that is not in quotes?", e.n, e.m, delimName(rd.csv.delim))
	case errTooManyFields:
		return fmt.Sprintf("the row has more than %d fields; skipped", e.n)
	case errTooLong:
		return fmt.Sprintf("the row is longer than %s; skipped (a quote that is never closed?)", sizeText(e.n))
	case errQuote:
		if e.n == quoteOpen {
			return fmt.Sprintf("%s: a quoted value is never closed", rd.fieldDesc(e.m))
		}
		return fmt.Sprintf("%s: text after a closing quote; inside a quoted value write a quote as two (\"\")", rd.fieldDesc(e.m))
	case errJSON:
		return e.detail
	case errJSONType:
		return fmt.Sprintf("%s is %s; expected %s", rd.colDesc(e.col), e.detail, rd.json.expected(e.col))
	}
	return "unreadable row"
}
