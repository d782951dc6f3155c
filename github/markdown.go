package github

import (
	"net/url"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/render"
)

// Size limits of what GitHub accepts or shows. Markdown is cut to them in
// bytes, which never undercounts characters, so a cut text always fits.
const (
	// CommentLimit is the most characters a pull-request comment holds
	// (65,536), less room for the note that says it was cut.
	CommentLimit = 65536 - 512
	// CheckRunTextLimit is the most characters of a check run's summary or
	// text (65,535), likewise.
	CheckRunTextLimit = 65535 - 512
	// StepSummaryLimit is the most a step may add to the job summary
	// (1 MiB), likewise.
	StepSummaryLimit = 1<<20 - 512
)

// mdText escapes s for a Markdown paragraph or table cell, on one line,
// with control characters turned into spaces.
func mdText(s string) string {
	return render.MarkdownText(stripControls(s))
}

// mdCode writes s as an inline code span, safe in a table cell: GitHub
// splits table cells before it reads code spans, so a | is escaped even
// there.
func mdCode(s string) string {
	return strings.ReplaceAll(render.MarkdownCode(stripControls(s)), "|", `\|`)
}

// stripControls turns control characters other than line breaks into
// spaces.
func stripControls(s string) string {
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\r' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)) {
			return ' '
		}
		return r
	}, s)
}

// mention is an @handle GitHub would turn into a mention of one of its
// users: an @ after a non-word character, before a letter or digit.
var mention = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile("(^|[^A-Za-z0-9_`/.@-])@([A-Za-z0-9])")
})

// quietMentions puts a zero-width space after the @ of every handle, so
// that a strategy's Instagram handles (@anna.style) do not notify the
// GitHub users who happen to share the name when pillar comments on a pull
// request. The text reads the same.
func quietMentions(s string) string {
	return mention().ReplaceAllString(s, "$1@\u200b$2")
}

// truncate cuts s to at most limit bytes at a line break and ends it with
// note, when it is longer.
func truncate(s string, limit int, note string) string {
	if len(s) <= limit {
		return s
	}
	cut := max(0, limit-len(note)-2)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if i := strings.LastIndexByte(s[:cut], '\n'); i > 0 {
		cut = i + 1
	}
	return s[:cut] + "\n" + note + "\n"
}

// escapePath escapes each segment of a slash-separated path for a URL.
func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}
