// Package bidi knows the Unicode bidirectional controls (UAX #9,
// https://www.unicode.org/reports/tr9/): the embeddings and overrides
// U+202A–U+202E, the isolates U+2066–U+2069 and the marks U+200E, U+200F
// and U+061C. A control hidden in text from a strategy or a drafts file can
// reorder what a reader sees around it (Unicode Technical Standard #55,
// CVE-2021-42574), so every output either isolates such text (render does
// so in HTML and Markdown) or, where its format has no way to isolate a
// part (a CSV cell, an ICS value), drops the controls with DropControls.
package bidi

import (
	"strings"
	"unicode/utf8"
)

// IsControl reports whether r is one of the bidirectional controls.
func IsControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}

// DropControls returns s without its bidirectional controls, for the CSV
// and ICS cells that cannot isolate them. Invalid UTF-8 becomes U+FFFD, so
// the bytes either side of a dropped control cannot join into a new one.
func DropControls(s string) string {
	if !HasControl(s) && utf8.ValidString(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if IsControl(r) {
			return -1
		}
		return r
	}, s)
}

// HasControl reports whether s holds a bidirectional control: only their
// lead bytes (0xD8 for U+061C, 0xE2 for the others) are decoded.
func HasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == 0xe2 || c == 0xd8 {
			if r, _ := utf8.DecodeRuneInString(s[i:]); IsControl(r) {
				return true
			}
		}
	}
	return false
}
