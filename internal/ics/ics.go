// Package ics writes RFC 5545 iCalendar content lines
// (https://www.rfc-editor.org/rfc/rfc5545#section-3.1): TEXT values
// escaped, UTC date-times, and lines folded at 75 octets. The posting
// plan's calendar and the drafts' calendar both write through it, so the
// two files follow the same rules byte for byte.
package ics

import (
	"time"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/internal/bidi"
)

// Writer is what WriteFolded writes to: a bufio.Writer, a bytes.Buffer.
type Writer interface {
	Write([]byte) (int, error)
	WriteString(string) (int, error)
}

// WriteFolded writes line and its CRLF, folded at 75 octets: every
// continuation line starts with a space and carries at most 74 more. A
// fold never splits a UTF-8 sequence, so a continuation line may be a
// little shorter. It returns the error of the final write, which a
// buffered writer keeps from the first failed one.
func WriteFolded(w Writer, line []byte) error {
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		w.Write(line[:cut])
		w.WriteString("\r\n ")
		line = line[cut:]
		limit = 74
	}
	w.Write(line)
	_, err := w.WriteString("\r\n")
	return err
}

// textClass sorts bytes for AppendText: 0 copies as is, 1 gets a
// backslash, 2 is a control character to drop or translate, 3 starts a
// multi-byte sequence to check.
var textClass = func() (t [256]uint8) {
	for c := 0; c < 0x20; c++ {
		t[c] = 2
	}
	t['\t'] = 0
	t[0x7f] = 2
	t['\\'], t[';'], t[','] = 1, 1, 1
	for c := 0x80; c < 0x100; c++ {
		t[c] = 3
	}
	return t
}()

// AppendText appends s escaped as an RFC 5545 TEXT value: backslash,
// semicolon and comma get a backslash, a line break (LF, CRLF or CR)
// becomes \n, other control characters (not allowed in TEXT) and the
// bidirectional controls (a calendar title cannot isolate them, see
// package bidi) are dropped, and invalid UTF-8 becomes U+FFFD.
func AppendText(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		// Copy the run of plain bytes in one go.
		j := i
		for j < len(s) && textClass[s[j]] == 0 {
			j++
		}
		b = append(b, s[i:j]...)
		if i = j; i >= len(s) {
			break
		}
		c := s[i]
		switch textClass[c] {
		case 1:
			b = append(b, '\\', c)
			i++
		case 2:
			if c == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				i++ // CRLF is one line break
			}
			if c == '\r' || c == '\n' {
				b = append(b, '\\', 'n')
			}
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				b = utf8.AppendRune(b, utf8.RuneError)
			case r < 0xa0: // C1 controls
			case bidi.IsControl(r):
			default:
				b = append(b, s[i:i+size]...)
			}
			i += size
		}
	}
	return b
}

// AppendUTC appends t in UTC as YYYYMMDDTHHMMSSZ, the form of a DATE-TIME
// in UTC; a year outside 0–9999 is written as 0000.
func AppendUTC(b []byte, t time.Time) []byte {
	t = t.UTC()
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	if y < 0 || y > 9999 {
		y = 0
	}
	return append(b,
		byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10),
		byte('0'+int(mo)/10), byte('0'+int(mo)%10), byte('0'+d/10), byte('0'+d%10), 'T',
		byte('0'+h/10), byte('0'+h%10), byte('0'+mi/10), byte('0'+mi%10), byte('0'+s/10), byte('0'+s%10), 'Z')
}

// AppendCategories appends a CATEGORIES property (RFC 5545 §3.8.1.2),
// unfolded, listing the non-empty values as escaped text. It reports false,
// and appends nothing, when every value is empty: the property is left out
// then.
func AppendCategories(b []byte, values ...string) ([]byte, bool) {
	start := len(b)
	b = append(b, "CATEGORIES:"...)
	n := 0
	for _, v := range values {
		if v == "" {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		b = AppendText(b, v)
		n++
	}
	if n == 0 {
		return b[:start], false
	}
	return b, true
}
