package schema

import (
	"io"
	"strconv"
	"strings"
)

// ANSI escapes for the text format.
const (
	ansiReset  = "\x1b[0m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiDim    = "\x1b[2m"
)

// textFormatter writes diagnostics for people, in the style of actionlint
// and rustc: a grep-friendly first line, then the source line with the
// finding underlined, then the hint.
//
//	examples/nordlys/strategy.yaml:42:9: error: pillar weights add up to 99, not 100 [pillar-weights-sum]
//	   |
//	42 |   - id: brand
//	   |         ^~~~~
//	   = hint: Adjust the weights so they add up to exactly 100.
//
// A finding that knows its fix ends with it: "= fix: Oslo → Europe/Oslo
// (pillar fix applies it)".
type textFormatter struct {
	w     io.Writer
	opts  FormatOptions
	tally tally
}

func (f *textFormatter) Write(r Result) error {
	f.tally.add(r, f.opts.Strict)
	gutter := gutterWidth(r.Diagnostics)
	var b strings.Builder
	for _, d := range r.Diagnostics {
		f.writeDiagnostic(&b, d, gutter)
		if f.opts.Annotations {
			b.WriteString(githubCommand(d))
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	if len(r.Omitted) > 0 {
		writeOmitted(&b, r)
		if f.opts.Annotations {
			b.WriteString(omittedCommand(r))
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(f.w, b.String())
	return err
}

// writeOmitted says, one line a rule, what a result found but does not
// list, e.g.
//
//	strategy.yaml: and 2,899 more campaign-overlap warnings
//	  = hint: Pillar lists the first findings of each rule (100 by default) and of each strategy (1,000), and counts the rest; …
func writeOmitted(b *strings.Builder, r Result) {
	for _, o := range r.Omitted {
		b.WriteString(sanitizeLine(r.Path) + ": and " + o.Text() + "\n")
	}
	b.WriteString("  = hint: " + omittedHint + "\n")
}

// omittedHint says why findings are counted rather than listed, and how to
// list them.
var omittedHint = "Pillar lists the first findings of each rule (" + Thousands(DefaultMaxPerRule) + " by default) and of each strategy (" +
	Thousands(DefaultMaxFindings) + "), and counts the rest; `pillar validate --max-per-rule 0 --max-findings 0` lists every one."

func (f *textFormatter) Flush() error {
	_, err := io.WriteString(f.w, f.tally.summary(f.opts.Strict)+"\n")
	return err
}

func (f *textFormatter) writeDiagnostic(b *strings.Builder, d Diagnostic, gutter int) {
	b.WriteString(sanitizeLine(d.File))
	if d.Line > 0 {
		b.WriteString(":" + strconv.Itoa(d.Line))
		if d.Column > 0 {
			b.WriteString(":" + strconv.Itoa(d.Column))
		}
	}
	b.WriteString(": ")
	b.WriteString(f.paint(severityColor(d.Severity), d.Severity.String()))
	b.WriteString(": ")
	b.WriteString(sanitizeLine(d.Message))
	b.WriteString(" ")
	b.WriteString(f.paint(ansiDim, "["+sanitizeLine(d.Rule)+"]"))
	b.WriteByte('\n')

	pad := strings.Repeat(" ", gutter)
	if d.SourceLine != "" && d.Line > 0 {
		line, caret := snippet(d.SourceLine, d.Column, span(d))
		b.WriteString(pad + " |\n")
		b.WriteString(padLeft(strconv.Itoa(d.Line), gutter) + " | " + line + "\n")
		b.WriteString(pad + " | " + caret + "\n")
	}
	if d.Hint != "" {
		lines := strings.Split(strings.TrimRight(d.Hint, "\n"), "\n")
		b.WriteString(pad + " = hint: " + sanitizeLine(lines[0]) + "\n")
		for _, l := range lines[1:] {
			// Continuation lines line up under the first word of the hint.
			b.WriteString(pad + "         " + sanitizeLine(l) + "\n")
		}
	}
	if fx := d.Fix; fx != nil {
		// Say that the fix is known, and who applies it.
		who := "pillar fix applies it"
		if !fx.Safe {
			who = "pillar fix leaves it to you"
		}
		b.WriteString(pad + " = fix: " + sanitizeLine(fx.Old) + " → " + sanitizeLine(fx.New) + " (" + who + ")\n")
	}
}

func (f *textFormatter) paint(color, s string) string {
	if !f.opts.Color || color == "" {
		return s
	}
	return color + s + ansiReset
}

func severityColor(s Severity) string {
	switch s {
	case Error:
		return ansiRed
	case Warning:
		return ansiYellow
	case Info:
		return ansiCyan
	}
	return ""
}

// gutterWidth fits the largest line number shown in a result, so that the
// bars of all its snippets line up.
func gutterWidth(ds []Diagnostic) int {
	w := 1
	for _, d := range ds {
		if d.SourceLine != "" && d.Line > 0 {
			if n := len(strconv.Itoa(d.Line)); n > w {
				w = n
			}
		}
	}
	return w
}

func padLeft(s string, width int) string {
	if len(s) >= width {
		return s
	}
	return strings.Repeat(" ", width-len(s)) + s
}

// snippet renders a source line for the terminal and the underline beneath
// it: spaces up to column (1-based, in code points), then "^" and one "~"
// for each further cell the next length code points take on screen. Cells,
// not code points, because a CJK character or an emoji is two columns wide
// and the caret must still land under it.
func snippet(source string, column, length int) (line, caret string) {
	source = strings.TrimRight(source, "\r\n")
	if column < 1 {
		column = 1
	}
	var shown strings.Builder
	before, under := 0, 0
	i := 0
	for _, r := range source {
		i++
		text, w := displayRune(r)
		shown.WriteString(text)
		switch {
		case i < column:
			before += w
		case i < column+length:
			under += w
		}
	}
	// A finding may point past the end of the line, e.g. at a missing
	// value; count the absent code points as one cell each.
	for ; i < column+length-1; i++ {
		if i+1 < column {
			before++
		} else {
			under++
		}
	}
	if under < 1 {
		under = 1
	}
	line = strings.TrimRight(shown.String(), " ")
	caret = strings.Repeat(" ", before) + "^" + strings.Repeat("~", under-1)
	return line, caret
}

// displayRune returns how a rune of a source line is shown and how many
// terminal cells it takes. A tab becomes one space so that it keeps its one
// column; other control characters become a space too, so that a hostile
// file cannot send escape sequences to the terminal. Bidirectional controls
// are dropped: they could reorder what the reader sees.
func displayRune(r rune) (string, int) {
	switch {
	case r == '\t', isControl(r):
		return " ", 1
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f:
		return "", 0
	}
	return string(r), runeWidth(r)
}

// sanitizeLine keeps text from the strategy on one line and free of
// terminal control sequences.
func sanitizeLine(s string) string {
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return ' '
		}
		return r
	}, s)
}

// isControl covers the C0 and C1 controls and the Unicode line and paragraph
// separators, which some terminals treat as line breaks.
func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029
}

// runeWidth returns how many terminal cells r takes: 0 for combining marks
// and other zero-width characters, 2 for East Asian wide and fullwidth
// characters and emoji, 1 otherwise. It covers the common ranges, not the
// whole of Unicode's East Asian Width table; an odd symbol may be off by a
// cell, which only shifts the underline.
func runeWidth(r rune) int {
	if r < 0x300 {
		return 1
	}
	if inRanges(r, zeroWidth) {
		return 0
	}
	if inRanges(r, wideRanges) {
		return 2
	}
	return 1
}

type runeRange struct{ lo, hi rune }

func inRanges(r rune, ranges []runeRange) bool {
	for _, rg := range ranges {
		if r < rg.lo {
			return false
		}
		if r <= rg.hi {
			return true
		}
	}
	return false
}

// zeroWidth and wideRanges are sorted, which inRanges relies on.
var zeroWidth = []runeRange{
	{0x0300, 0x036f}, // combining diacritical marks
	{0x0483, 0x0489},
	{0x0591, 0x05bd},
	{0x0610, 0x061a},
	{0x064b, 0x065f},
	{0x0e31, 0x0e31},
	{0x0e34, 0x0e3a},
	{0x0e47, 0x0e4e},
	{0x1ab0, 0x1aff},
	{0x1dc0, 0x1dff},
	{0x200b, 0x200f}, // zero-width space, joiners, direction marks
	{0x2028, 0x202e},
	{0x2060, 0x2064},
	{0x2066, 0x206f},
	{0x20d0, 0x20ff},
	{0xfe00, 0xfe0f}, // variation selectors
	{0xfe20, 0xfe2f},
	{0xfeff, 0xfeff},
	{0xe0100, 0xe01ef},
}

var wideRanges = []runeRange{
	{0x1100, 0x115f}, // Hangul Jamo
	{0x231a, 0x231b},
	{0x2329, 0x232a},
	{0x23e9, 0x23ec},
	{0x23f0, 0x23f0},
	{0x23f3, 0x23f3},
	{0x25fd, 0x25fe},
	{0x2614, 0x2615},
	{0x2648, 0x2653},
	{0x267f, 0x267f},
	{0x2693, 0x2693},
	{0x26a1, 0x26a1},
	{0x26aa, 0x26ab},
	{0x26bd, 0x26be},
	{0x26c4, 0x26c5},
	{0x26ce, 0x26ce},
	{0x26d4, 0x26d4},
	{0x26ea, 0x26ea},
	{0x26f2, 0x26f3},
	{0x26f5, 0x26f5},
	{0x26fa, 0x26fa},
	{0x26fd, 0x26fd},
	{0x2705, 0x2705},
	{0x270a, 0x270b},
	{0x2728, 0x2728},
	{0x274c, 0x274c},
	{0x274e, 0x274e},
	{0x2753, 0x2755},
	{0x2757, 0x2757},
	{0x2795, 0x2797},
	{0x27b0, 0x27b0},
	{0x27bf, 0x27bf},
	{0x2b1b, 0x2b1c},
	{0x2b50, 0x2b50},
	{0x2b55, 0x2b55},
	{0x2e80, 0x303e}, // CJK radicals, symbols and punctuation
	{0x3041, 0x33ff}, // kana, bopomofo, CJK compatibility
	{0x3400, 0x4dbf}, // CJK extension A
	{0x4e00, 0x9fff}, // CJK unified ideographs
	{0xa000, 0xa4cf}, // Yi
	{0xa960, 0xa97f},
	{0xac00, 0xd7a3}, // Hangul syllables
	{0xf900, 0xfaff}, // CJK compatibility ideographs
	{0xfe10, 0xfe19},
	{0xfe30, 0xfe6f},
	{0xff00, 0xff60}, // fullwidth forms
	{0xffe0, 0xffe6},
	{0x16fe0, 0x16fe4},
	{0x17000, 0x18cff}, // Tangut
	{0x1b000, 0x1b2ff}, // kana supplement
	{0x1f004, 0x1f004},
	{0x1f0cf, 0x1f0cf},
	{0x1f18e, 0x1f18e},
	{0x1f191, 0x1f19a},
	{0x1f200, 0x1f251},
	{0x1f300, 0x1f64f}, // pictographs and emoticons
	{0x1f680, 0x1f6ff}, // transport and map symbols
	{0x1f7e0, 0x1f7eb},
	{0x1f900, 0x1f9ff}, // supplemental symbols and pictographs
	{0x1fa70, 0x1faff},
	{0x20000, 0x2fffd}, // CJK extensions B and later
	{0x30000, 0x3fffd},
}
