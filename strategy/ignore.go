package strategy

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
)

// IgnoreComment is one `# pillar:ignore` or `# pillar:ignore-file`
// comment: the rules it silences and where.
type IgnoreComment struct {
	// Line is the comment's line, 1-based.
	Line int
	// Target is the line it silences: its own for a comment after a
	// value, the next line that is neither blank nor a comment for one
	// alone on its line; 0 for pillar:ignore-file, and for a comment with
	// nothing after it.
	Target int
	// File reports a pillar:ignore-file comment, which silences its rules
	// in the whole file.
	File bool
	// Rules are the rule ids it names; none means every rule.
	Rules []string
}

var ignoreRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?:^|\s)#\s*pillar:ignore(-file)?\b([^#]*)`)
})

// IgnoreComments finds the pillar:ignore comments in a strategy file's
// bytes, in line order, as the loader reads them (a leading byte-order
// mark dropped, CRLF or LF line ends).
func IgnoreComments(src []byte) []IgnoreComment {
	return scanIgnoreComments(splitLines(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))))
}

// scanIgnoreComments finds `# pillar:ignore [rule …]` comments in a file's
// lines. Rule ids are separated by spaces, tabs or commas.
func scanIgnoreComments(lines []string) []IgnoreComment {
	var out []IgnoreComment
	var pending []int // comments alone on their line, waiting for the line they silence
	for i, text := range lines {
		trimmed := strings.TrimSpace(text)
		var m []string
		if strings.Contains(text, "pillar:ignore") {
			m = ignoreRe().FindStringSubmatch(text)
		}
		if m == nil {
			if len(pending) > 0 && trimmed != "" && !strings.HasPrefix(trimmed, "#") {
				for _, j := range pending {
					out[j].Target = i + 1
				}
				pending = nil
			}
			continue
		}
		c := IgnoreComment{Line: i + 1, File: m[1] != ""}
		c.Rules = strings.FieldsFunc(m[2], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
		switch {
		case c.File:
		case strings.HasPrefix(trimmed, "#"):
			pending = append(pending, len(out))
		default:
			c.Target = i + 1
			for _, j := range pending {
				out[j].Target = i + 1
			}
			pending = nil
		}
		out = append(out, c)
	}
	return out
}
