package render

import (
	"strings"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/internal/bidi"
)

// Text from the strategy may be written right to left (a brand name in
// Arabic or Hebrew) and may hold the Unicode bidirectional controls, so a
// brand name ending in U+202E RIGHT-TO-LEFT OVERRIDE would reverse the
// playbook's own words that follow it: its footer, its <title>. Each
// output keeps such text to itself, in the way its format allows
// (https://www.w3.org/International/articles/inline-bidi-markup/):
//
//   - HTML puts it in a <bdi> element (a Markdown block in an element with
//     dir="auto"), which isolates it, and where markup cannot go (<title>,
//     attributes, SVG titles) between U+2068 FIRST STRONG ISOLATE and
//     U+2069 POP DIRECTIONAL ISOLATE;
//   - Markdown, which pillar writes without raw HTML, puts it between FSI
//     and PDI, and closes at the end of each line of a Markdown block what
//     the line opens;
//   - CSV cells and ICS values, which have no way to isolate a part, drop
//     the controls: a spreadsheet cell or a calendar title is short, and a
//     control hidden in it can only mislead (Unicode Technical Standard #55
//     and CVE-2021-42574 describe the attack; the letters themselves,
//     right-to-left ones too, are kept).
//
// The controls (UAX #9, https://www.unicode.org/reports/tr9/) are the
// embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069 and
// the marks U+200E, U+200F and U+061C.

const (
	fsi = "\u2068" // FIRST STRONG ISOLATE
	pdi = "\u2069" // POP DIRECTIONAL ISOLATE
	pdf = "\u202c" // POP DIRECTIONAL FORMATTING
)

// isBidiControl reports whether r is one of the bidirectional controls.
func isBidiControl(r rune) bool { return bidi.IsControl(r) }

// isRTL reports whether r is a letter of a right-to-left script (Hebrew,
// Arabic, Syriac, Thaana, N'Ko and their neighbours, the presentation
// forms, and the historic scripts of the SMP's right-to-left blocks).
func isRTL(r rune) bool {
	return r >= 0x0590 && r <= 0x08ff || r >= 0xfb1d && r <= 0xfdff || r >= 0xfe70 && r <= 0xfefe ||
		r >= 0x10800 && r <= 0x10fff || r >= 0x1e800 && r <= 0x1efff
}

// needsIsolation reports whether s could reorder the text around it: it
// holds a bidirectional control or a right-to-left letter. Text without
// either reads the same isolated or not, so it is written as it is.
func needsIsolation(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0xd6 { // ASCII, Latin, Greek, Cyrillic: bytes below U+0590's lead byte
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isBidiControl(r) || isRTL(r) {
			return true
		}
		i += size - 1
	}
	return false
}

// balanceBidi returns s with every embedding, override or isolate it opens
// closed at its end, and every closer that closes nothing it opened
// dropped, so that s cannot reach outside itself.
func balanceBidi(s string) string {
	if !needsIsolation(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	var stack []bool // open scopes, true for an isolate
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		c := s[i : i+size]
		if r == utf8.RuneError && size == 1 {
			// Invalid UTF-8 becomes U+FFFD, so the bytes either side of a
			// dropped closer cannot join into a new control.
			c = "\ufffd"
		}
		i += size
		switch {
		case r >= 0x202a && r <= 0x202e && r != 0x202c: // LRE RLE LRO RLO
			stack = append(stack, false)
		case r >= 0x2066 && r <= 0x2068: // LRI RLI FSI
			stack = append(stack, true)
		case r == 0x202c: // PDF closes the last embedding, not across an isolate
			if len(stack) == 0 || stack[len(stack)-1] {
				continue
			}
			stack = stack[:len(stack)-1]
		case r == 0x2069: // PDI closes the last isolate and what it holds
			j := len(stack) - 1
			for j >= 0 && !stack[j] {
				j--
			}
			if j < 0 {
				continue
			}
			stack = stack[:j]
		}
		b.WriteString(c)
	}
	for i := len(stack) - 1; i >= 0; i-- {
		if stack[i] {
			b.WriteString(pdi)
		} else {
			b.WriteString(pdf)
		}
	}
	return b.String()
}

// isolate returns s between FSI and PDI, balanced, when it needs
// isolation; other text is returned as it is.
func isolate(s string) string {
	if !needsIsolation(s) {
		return s
	}
	return fsi + balanceBidi(s) + pdi
}

// balanceLines balances each line of s on its own (see balanceBidi): a
// Markdown block's lines become paragraphs, list items and table rows,
// and none may reach into the next.
func balanceLines(s string) string {
	if !needsIsolation(s) {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = balanceBidi(l)
	}
	return strings.Join(lines, "\n")
}

// dropBidiControls returns s without its bidirectional controls, for the
// CSV and ICS cells that cannot isolate them.
func dropBidiControls(s string) string { return bidi.DropControls(s) }

// hasBidiControl reports whether s holds a bidirectional control.
func hasBidiControl(s string) bool { return bidi.HasControl(s) }
