// Package jsonesc decodes the escapes of a JSON string (RFC 8259, section
// 7: https://www.rfc-editor.org/rfc/rfc8259#section-7), for the hand-written
// JSON readers of the audit's history files and the schema's precheck,
// which read strings without encoding/json's reflection.
package jsonesc

import (
	"unicode/utf16"
	"unicode/utf8"
)

// Simple returns the byte a one-character escape \e stands for: \" \\ \/
// \b \f \n \r \t. ok is false for any other e (u included: see Unicode).
func Simple(e byte) (c byte, ok bool) {
	switch e {
	case '"', '\\', '/':
		return e, true
	case 'b':
		return '\b', true
	case 'f':
		return '\f', true
	case 'n':
		return '\n', true
	case 'r':
		return '\r', true
	case 't':
		return '\t', true
	}
	return 0, false
}

// Unicode decodes the four hexadecimal digits of a \u escape at b[at:]
// (just after the "\u"). A high surrogate followed by a \u escape of a low
// one is joined into one code point; a surrogate left alone is U+FFFD, as
// encoding/json reads it. n is how many bytes from at the escape took: 4,
// or 10 for a joined pair. ok is false when the four digits are not there.
func Unicode(b []byte, at int) (r rune, n int, ok bool) {
	r, ok = hex4(b, at)
	if !ok {
		return 0, 0, false
	}
	n = 4
	if utf16.IsSurrogate(r) {
		if k := at + 4; k+1 < len(b) && b[k] == '\\' && b[k+1] == 'u' {
			if r2, ok2 := hex4(b, k+2); ok2 {
				if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
					return d, 10, true
				}
			}
		}
		r = utf8.RuneError
	}
	return r, n, true
}

// hex4 reads four hexadecimal digits at b[at:].
func hex4(b []byte, at int) (rune, bool) {
	if at < 0 || at+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[at : at+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r*16 + rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r*16 + rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r*16 + rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
