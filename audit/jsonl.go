package audit

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// This file reads JSON Lines: one object per line, with the canonical
// columns as keys (or the mapping's names for them, matched regardless of
// case). Metrics may be numbers or strings holding numbers, mentions a
// string or a list of strings, and null means absent. Keys that map to
// nothing are ignored and reported. The parser is hand-written, checks the
// whole line against the JSON grammar (RFC 8259), and allocates nothing
// per line: strings without escapes are sub-slices of the buffer, others
// are unescaped into the row's scratch space.

// maxJSONDepth bounds the nesting of values the reader skips over.
const maxJSONDepth = 64

// tooDeep is the "syntax error" of a line nested deeper than maxJSONDepth.
const tooDeep = "values nested too deeply"

// maxIgnoredKeys bounds the unknown keys remembered for the report.
const maxIgnoredKeys = 100

type jsonReader struct {
	rd      *reader
	line    int64 // the line the next record starts on
	started bool  // a record has been read
	cache   []cachedKey
	ignored map[string]bool
	keyBuf  []byte

	// The current line.
	b       []byte
	i       int
	present [maxCols]bool
	typeErr rowErr // the first value of the wrong type
	synErr  string // the first syntax error
	synAt   int
}

// cachedKey remembers which column the key at a position in the previous
// record was: exports write the same keys in the same order on every line.
type cachedKey struct {
	key []byte
	col int
}

func (j *jsonReader) init(rd *reader) {
	*j = jsonReader{rd: rd, line: rd.firstLine, ignored: map[string]bool{}}
}

// next reads the next record into rd.vals.
func (j *jsonReader) next() (int64, rowStatus) {
	rd, src := j.rd, &j.rd.src
	for {
		if src.pos == src.end && !src.fill() {
			return 0, rowEOF
		}
		buf := src.buf[src.pos:src.end]
		e := bytes.IndexByte(buf, '\n')
		if e < 0 && !src.eof {
			if len(buf) > rd.opt.MaxRowBytes {
				line := j.line
				j.line++
				j.skipLine()
				rd.bad = rowErr{kind: errTooLong, n: int64(rd.opt.MaxRowBytes)}
				return line, rowBad
			}
			if !src.fill() && src.err != nil {
				return 0, rowEOF
			}
			continue
		}
		next := src.pos + e + 1
		if e < 0 {
			e, next = len(buf), src.end
		}
		line := j.line
		j.line++
		src.pos = next
		text := buf[:e]
		if len(text) > rd.opt.MaxRowBytes {
			rd.bad = rowErr{kind: errTooLong, n: int64(rd.opt.MaxRowBytes)}
			return line, rowBad
		}
		if firstNonBlank(text) < 0 {
			continue
		}
		st := j.record(text)
		if rd.fatal != nil {
			return 0, rowEOF
		}
		return line, st
	}
}

// skipLine consumes the rest of an overlong line without holding it.
func (j *jsonReader) skipLine() {
	src := &j.rd.src
	for {
		if e := bytes.IndexByte(src.buf[src.pos:src.end], '\n'); e >= 0 {
			src.pos += e + 1
			return
		}
		src.pos = src.end
		if !src.fill() {
			return
		}
	}
}

// record parses one line holding one object.
func (j *jsonReader) record(line []byte) rowStatus {
	rd := j.rd
	j.b, j.i = line, 0
	j.typeErr.kind = errNone
	j.synErr = ""
	rd.scratch = rd.scratch[:0]
	ncols := len(rd.schema.cols)
	for c := 0; c < ncols; c++ {
		rd.vals[c] = nil
		j.present[c] = false
		rd.cells[c] = Cell{}
	}
	var keys []string // the first record's keys, for the report
	if !j.started {
		keys = []string{}
	}
	j.ws()
	if j.b[j.i] != '{' {
		rd.bad = rowErr{kind: errJSON, detail: fmt.Sprintf("the line is not a JSON object: it starts with %s", quoteCell(j.b[j.i:min(len(j.b), j.i+20)]))}
		return rowBad
	}
	j.i++
	j.ws()
	if j.peek() == '}' {
		j.i++
	} else {
		for idx := 0; ; idx++ {
			if j.peek() != '"' {
				j.syntax("expected a key in quotes")
				break
			}
			key, ok := j.key()
			if !ok {
				break
			}
			if keys != nil {
				keys = append(keys, string(key))
			}
			j.ws()
			if j.peek() != ':' {
				j.syntax("expected ':' after a key")
				break
			}
			j.i++
			j.ws()
			col := j.column(idx, key)
			if col < 0 {
				if len(j.ignored) < maxIgnoredKeys && !j.ignored[string(key)] {
					j.ignored[string(key)] = true
					rd.stats.Ignored = append(rd.stats.Ignored, shortName(key))
				}
				j.skip(0)
			} else {
				j.present[col] = true
				if rd.schema.cells {
					// next has counted this line already.
					rd.cells[col] = Cell{Line: int(j.line - 1), Column: utf8.RuneCount(j.b[:j.i]) + 1}
				}
				j.value(col)
			}
			if j.synErr != "" {
				break
			}
			j.ws()
			if c := j.peek(); c == ',' {
				j.i++
				j.ws()
				continue
			} else if c == '}' {
				j.i++
				break
			}
			j.syntax("expected ',' or '}' after a value")
			break
		}
	}
	if j.synErr == "" {
		j.ws()
		if j.i < len(j.b) {
			j.syntax("text after the object (one object per line)")
		}
	}
	switch {
	case j.synErr == tooDeep:
		rd.bad = rowErr{kind: errJSON, detail: fmt.Sprintf("the line nests values more than %d deep", maxJSONDepth)}
		return rowBad
	case j.synErr != "":
		rd.bad = rowErr{kind: errJSON, detail: fmt.Sprintf("the line is not valid JSON: %s at byte %d", j.synErr, j.synAt+1)}
		return rowBad
	}
	if !j.started {
		j.started = true
		rd.stats.Columns = keys
		if err := j.checkKeys(keys); err != nil {
			rd.fatal = err
			return rowBad
		}
	}
	if j.typeErr.kind != errNone {
		rd.bad = j.typeErr
		return rowBad
	}
	for c, req := range rd.schema.required {
		if req && !j.present[c] && !(c == rd.schema.channel && rd.channel != nil) {
			rd.bad = rowErr{kind: errMissingKey, col: c}
			return rowBad
		}
	}
	return rowOK
}

// checkKeys refuses a file whose first record lacks a required key: the
// keys are named differently, and every record would be rejected.
func (j *jsonReader) checkKeys(keys []string) error {
	rd := j.rd
	var missing []int
	for c, req := range rd.schema.required {
		if req && !j.present[c] && !(c == rd.schema.channel && rd.channel != nil) {
			missing = append(missing, c)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	var want []string
	for _, c := range missing {
		want = append(want, rd.schema.cols[c])
	}
	msg := fmt.Sprintf("the first record has no key for %s (required)", joinOr(want))
	if mapped := rd.mappedMissing(missing); mapped != "" {
		msg += "; " + strings.ReplaceAll(mapped, "from column", "from key")
	}
	msg += fmt.Sprintf(".\nIts keys are: %s.\nName the keys with --map %s, or use a mapping file or preset with --mapping.", strings.Join(quoteNames(keys), ", "), rd.mapPairs(missing, keys, "KEY"))
	return rd.fileErr(j.line-1, msg)
}

// column returns the canonical column of the idx-th key of the record, or
// -1 for a key that maps to nothing.
func (j *jsonReader) column(idx int, key []byte) int {
	if idx < len(j.cache) && bytes.Equal(j.cache[idx].key, key) {
		return j.cache[idx].col
	}
	col, ok := j.rd.lookup[string(key)]
	if !ok {
		j.keyBuf = append(j.keyBuf[:0], key...)
		for i, c := range j.keyBuf {
			if c >= 'A' && c <= 'Z' {
				j.keyBuf[i] = c + 'a' - 'A'
			}
		}
		col, ok = j.rd.lookup[string(j.keyBuf)]
		if !ok && j.rd.latin1 {
			col, ok = j.rd.lookup[strings.ToLower(string(j.rd.fromLatin1(key)))]
		}
		if !ok {
			col = -1
		}
	}
	if idx < 64 {
		for len(j.cache) <= idx {
			j.cache = append(j.cache, cachedKey{col: -2})
		}
		j.cache[idx].key = append(j.cache[idx].key[:0], key...)
		j.cache[idx].col = col
	}
	return col
}

// value reads the value of canonical column col.
func (j *jsonReader) value(col int) {
	rd := j.rd
	s := rd.schema
	switch c := j.peek(); {
	case c == '"':
		if v, ok := j.str(); ok {
			rd.vals[col] = v
		}
	case c == 'n':
		j.literal("null")
	case c == 't':
		j.literal("true")
		j.wrongType(col, "true")
	case c == 'f':
		j.literal("false")
		j.wrongType(col, "false")
	case c == '{':
		j.skip(0)
		j.wrongType(col, "an object")
	case c == '[':
		if s == &postSchema && col == pMentions {
			j.mentions(col, ' ')
			return
		}
		if slices.Contains(s.lists, col) {
			j.mentions(col, s.listSep(col))
			return
		}
		j.skip(0)
		j.wrongType(col, "a list")
	case c == '-' || (c >= '0' && c <= '9'):
		start := j.i
		if !j.number() {
			return
		}
		// A mention's author may be a numeric account id, and a sentiment
		// a score: both are read as their text (a score is then an
		// unknown sentiment, counted and listed, as in a CSV).
		if col == 0 || (s == &postSchema && col >= pMetrics) || (s == &mentionSchema && (col == mAuthorFollowers || col == mAuthor || col == mSentiment)) {
			rd.vals[col] = j.b[start:j.i:j.i]
			return
		}
		j.wrongType(col, "a number")
	default:
		j.syntax("expected a value")
	}
}

// expected says what JSON a column takes, for messages.
func (j *jsonReader) expected(col int) string {
	s := j.rd.schema
	switch {
	case col == 0, s == &mentionSchema && (col == mAuthor || col == mSentiment):
		return "a string or a number"
	case s == &postSchema && col >= pMetrics, s == &mentionSchema && col == mAuthorFollowers:
		return "a whole number, or a string holding one"
	case s == &postSchema && col == pMentions:
		return "a string of @handles or a list of them"
	case slices.Contains(s.lists, col):
		return "a string or a list of strings"
	case s == &postSchema && col == pPublishedAt, s == &mentionSchema && (col == mReceivedAt || col == mRespondedAt), s == &draftSchema && col == dAt:
		return "an RFC 3339 string such as \"2027-01-04T09:00:00+01:00\""
	}
	return "a string"
}

// mentions reads a list of strings (handles, links, …) into one value,
// separated by sep.
func (j *jsonReader) mentions(col int, sep byte) {
	rd := j.rd
	j.i++ // [
	start := len(rd.scratch)
	j.ws()
	if j.peek() == ']' {
		j.i++
		rd.vals[col] = rd.scratch[start:start:start]
		return
	}
	for n := 0; ; n++ {
		j.ws()
		if j.peek() != '"' {
			if j.synErr == "" && j.peek() != 0 {
				j.skip(1)
				j.wrongType(col, "a list holding something other than strings")
			} else {
				j.syntax("expected a value")
			}
		} else {
			if n > 0 {
				rd.scratch = append(rd.scratch, sep)
			}
			var ok bool
			if rd.scratch, ok = j.appendStr(rd.scratch); !ok {
				return
			}
		}
		if j.synErr != "" {
			return
		}
		j.ws()
		switch j.peek() {
		case ',':
			j.i++
			continue
		case ']':
			j.i++
			rd.vals[col] = rd.scratch[start:len(rd.scratch):len(rd.scratch)]
			return
		}
		j.syntax("expected ',' or ']' in a list")
		return
	}
}

// key reads an object key; one with escapes is unescaped into the
// scratch space like any string.
func (j *jsonReader) key() ([]byte, bool) {
	return j.str()
}
