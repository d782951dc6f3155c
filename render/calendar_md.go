package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
)

// mdBriefRunes is how much of a brief the Markdown table shows.
const mdBriefRunes = 80

// writeMarkdown writes the calendar as Markdown: a heading, then a heading
// and a table per month (date, time, channel, pillar, tactic, format, and
// the first line of the brief), then the warnings. Text from the strategy
// is escaped so it cannot break the table or turn into HTML, and isolated
// (see bidi.go) so that right-to-left text or a stray control cannot
// reorder the cells around it.
func writeMarkdown(w io.Writer, v *planView) error {
	cal := v.cal
	bw := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(bw, "# %s: posting plan\n\n", mdEscape(isolate(cal.Brand)))
	fmt.Fprintf(bw, "%s to %s · %s", cal.From, lastDay(cal), count(v.posts, "post", "posts"))
	if cal.Timezone != "" {
		fmt.Fprintf(bw, " · times in %s unless a zone is given", cal.Timezone)
	}
	bw.WriteString("\n")
	err := v.months(func(m month) error {
		fmt.Fprintf(bw, "\n## %s\n\n", m.Title())
		if len(m.Slots) == 0 {
			bw.WriteString("No posts planned.\n")
			return nil
		}
		bw.WriteString("| Date | Time | Channel | Pillar | Tactic | Format | Brief |\n")
		bw.WriteString("| --- | --- | --- | --- | --- | --- | --- |\n")
		for _, s := range m.Slots {
			y, mo, d, _ := localDate(s)
			date := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC).Format("Mon 2 Jan")
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s | %s |\n", date, mdEscape(slotTime(cal, s)),
				mdEscape(isolate(channelLabel(s.Channel, s.Platform))), mdEscape(isolate(pillarLabel(s))),
				mdEscape(isolate(tacticLabel(s))), mdEscape(isolate(s.Format)), mdInline(isolate(excerpt(s.Brief, mdBriefRunes, true))))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if warnings := v.warnings(); len(warnings) > 0 {
		bw.WriteString("\n## Warnings\n\n")
		for _, wn := range warnings {
			bw.WriteString("- " + mdEscape(isolate(wn.Message)) + "\n")
		}
	}
	return bw.Flush()
}

// mdInline keeps the inline Markdown of a text the strategist wrote as
// Markdown (a brief's **bold**), escaping only what would end the table cell,
// start raw HTML or make a link, and folding line breaks into spaces.
func mdInline(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '|', '<', '>', '[', ']':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\r', '\n':
			if c == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteByte(' ')
		default:
			if mdControl(c) {
				b.WriteString(replacementChar)
				continue
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// MarkdownText escapes text for a GitHub-flavoured Markdown paragraph or
// table cell, on one line, as every Markdown writer here does (see
// mdEscape); the GitHub integration uses it for its comments.
func MarkdownText(s string) string { return mdEscape(s) }

// MarkdownCode writes s as an inline code span on one line, fenced with
// more backticks than it holds.
func MarkdownCode(s string) string { return mdCode(s) }

// mdEscape backslash-escapes what would end a table cell or turn text into
// emphasis, code, a link, raw HTML or an entity, and folds line breaks into
// spaces. It leaves alone what Markdown reads literally anyway (an
// underscore inside a word, an ampersand that starts no entity), so the
// file stays readable as plain text.
func mdEscape(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	word := func(i int) bool {
		if i < 0 || i >= len(s) {
			return false
		}
		c := s[i]
		return c >= 0x80 || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '|', '*', '`', '[', ']', '<', '>', '~':
			b.WriteByte('\\')
		case '_':
			if !word(i-1) || !word(i+1) {
				b.WriteByte('\\')
			}
		case '&':
			j := i + 1
			for j < len(s) && (word(j) && s[j] < 0x80 || s[j] == '#') {
				j++
			}
			if j > i+1 && j < len(s) && s[j] == ';' {
				b.WriteByte('\\')
			}
		case '\r', '\n':
			if c == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteByte(' ')
			continue
		default:
			if mdControl(c) {
				b.WriteString(replacementChar)
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// replacementChar stands in for a control character in Markdown output.
const replacementChar = "\uFFFD"

// mdControl reports whether c is a control character other than a tab or
// a line break: NUL, which CommonMark requires be read as U+FFFD
// (https://spec.commonmark.org/0.31.2/#insecure-characters), and the other
// C0 controls and DEL, which no viewer shows and a terminal may obey. They
// are written as U+FFFD, so the reader sees that something was there.
func mdControl(c byte) bool {
	return c < 0x20 && c != '\t' && c != '\r' && c != '\n' || c == 0x7f
}
