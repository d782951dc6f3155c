// Package numfmt writes counts for people, the same way in every report,
// warning and message pillar prints, so that one line never says 2 000 000
// where the next says 1850816.
package numfmt

import (
	"strconv"
	"strings"
)

// Space groups the digits of large counts: a narrow no-break space (U+202F),
// which reads as a thin gap and never breaks a line, and which no reader
// takes for a decimal separator, as it would a comma or a point in one
// language or another (SI Brochure, 9th edition, 5.4.4:
// https://www.bipm.org/en/publications/si-brochure).
const Space = "\u202f"

// Int writes n with its digits grouped in threes from five digits on
// (12 345, but 1234), as style guides for numbers in prose advise.
func Int[T ~int | ~int32 | ~int64](n T) string {
	s := strconv.FormatInt(int64(n), 10)
	digits := strings.TrimPrefix(s, "-")
	if len(digits) < 5 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(digits)/3*len(Space))
	if n < 0 {
		b.WriteByte('-')
	}
	for i := range len(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(Space)
		}
		b.WriteByte(digits[i])
	}
	return b.String()
}

// Count writes a count with its noun: "1 post", "0 posts", "12 345 posts".
// many is the plural; "" adds an s to one.
func Count[T ~int | ~int32 | ~int64](n T, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	if many == "" {
		many = one + "s"
	}
	return Int(n) + " " + many
}
