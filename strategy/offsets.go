package strategy

import (
	"sort"
	"unicode/utf8"
)

// text is a file's content as it was parsed (after a byte order mark) and
// the number of bytes before it on disk, so that offsets into the content
// can be turned into offsets into the file.
type text struct {
	body  string
	skip  int
	lines []int // byte offset in body where each line starts, built on first use
}

// Content returns the text of a file that was read, without a leading
// byte order mark, and the number of bytes that mark took on disk (0 or 3):
// an offset o into the text is the byte o+skip of the file.
func (s *Source) Content(file string) (body string, skip int, ok bool) {
	if s == nil {
		return "", 0, false
	}
	t, ok := s.texts[file]
	return t.body, t.skip, ok
}

// Offset returns the byte offset into the file's Content of a position:
// the start of its 1-based line, then Col-1 code points along it, which
// is how the YAML parser counts columns. Lines end at "\n"; a "\r" before
// it belongs to the line ending, so CRLF files give the same columns as
// LF ones. It reports false for a position outside the file, or past the
// end of its line.
func (s *Source) Offset(p Pos) (int, bool) {
	if s == nil || p.Line < 1 || p.Col < 1 {
		return 0, false
	}
	s.mu.Lock()
	t, ok := s.texts[p.File]
	if ok && t.lines == nil {
		t.lines = lineStarts(t.body)
		s.texts[p.File] = t
	}
	s.mu.Unlock()
	if !ok || p.Line > len(t.lines) {
		return 0, false
	}
	start := t.lines[p.Line-1]
	end := len(t.body)
	if p.Line < len(t.lines) {
		end = t.lines[p.Line] - 1 // the "\n"
	}
	if end > start && t.body[end-1] == '\r' {
		end--
	}
	off := start
	for col := 1; col < p.Col; col++ {
		if off >= end {
			return 0, false
		}
		_, size := utf8.DecodeRuneInString(t.body[off:end])
		off += size
	}
	return off, true
}

// PosAt is Offset's inverse: the line and column of a byte offset into
// the file's Content. An offset inside a character, or past the end,
// reports false.
func (s *Source) PosAt(file string, off int) (Pos, bool) {
	if s == nil {
		return Pos{}, false
	}
	s.mu.Lock()
	t, ok := s.texts[file]
	if ok && t.lines == nil {
		t.lines = lineStarts(t.body)
		s.texts[file] = t
	}
	s.mu.Unlock()
	if !ok || off < 0 || off > len(t.body) || (off < len(t.body) && !utf8.RuneStart(t.body[off])) {
		return Pos{}, false
	}
	i := sort.Search(len(t.lines), func(i int) bool { return t.lines[i] > off }) - 1
	return Pos{File: file, Line: i + 1, Col: 1 + utf8.RuneCountInString(t.body[t.lines[i]:off])}, true
}

// lineStarts lists where each line of s starts.
func lineStarts(s string) []int {
	starts := []int{0}
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' && i+1 < len(s) {
			starts = append(starts, i+1)
		}
	}
	return starts
}
