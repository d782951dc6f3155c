package github

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/schema"
)

// SuggestionMarker starts each review comment pillar writes with a
// suggested change; like Marker it is an HTML comment GitHub does not
// show. SuggestionMarkerFor adds the comment key and the suggestion's id.
const SuggestionMarker = "<!-- pillar:suggestion"

// ReviewMarker starts the body of the review that carries new
// suggestions.
const ReviewMarker = "<!-- pillar:review -->"

// maxSuggestions bounds the suggestions one run offers: a strategy with a
// thousand misspelt days does not need a thousand review comments, and
// GitHub limits how fast comments may be created. The rest are in the
// annotations, and pillar fix applies them all.
const maxSuggestions = 50

// Lines is a run of lines of a file, 1-based and inclusive.
type Lines struct{ Start, End int }

// Suggestion is a review comment offering findings' fixes as a change
// GitHub applies with one click: the lines StartLine to Line of Path, as
// the pull request's head has them, replaced by Text.
type Suggestion struct {
	// Path is the file, relative to the repository's root.
	Path string
	// StartLine and Line are the first and last line replaced; they are
	// equal for one line.
	StartLine, Line int
	// Text is what the lines become, without a final line break.
	Text string
	// Body is the comment: the marker, what the findings say, and the
	// ```suggestion block.
	Body string
	// ID tells the suggestion apart from others: a hash of where it is
	// and what it changes, so that the same suggestion on a later run is
	// recognised and kept rather than posted again.
	ID string
}

// Suggestions turns the fixes the findings carry into review comments on
// the lines the pull request changed (changed, by file): a fix on a line
// outside the diff is left to the annotations, since GitHub takes review
// comments only on the diff. Fixes that touch the same lines share one
// comment (GitHub applies one suggestion per line). lines returns a
// file's lines as the head has them; a fix whose text is not there, or
// that overlaps another on the same lines, is left out.
func Suggestions(results []schema.Result, changed map[string][]Lines, lines func(path string) ([]string, bool), key string) []Suggestion {
	type finding struct {
		d   schema.Diagnostic
		fix schema.Fix
	}
	byFile := map[string][]finding{}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if d.Fix != nil {
				byFile[d.Fix.File] = append(byFile[d.Fix.File], finding{d, *d.Fix})
			}
		}
	}
	files := make([]string, 0, len(byFile))
	for f := range byFile {
		files = append(files, f)
	}
	sort.Strings(files)
	var out []Suggestion
	for _, file := range files {
		text, ok := lines(file)
		if !ok {
			continue
		}
		fs := byFile[file]
		sort.SliceStable(fs, func(i, j int) bool { return fs[i].fix.Start < fs[j].fix.Start })
		// Group fixes whose lines overlap: one comment per group.
		for i := 0; i < len(fs); {
			start, end := fs[i].fix.Line, fs[i].fix.EndLine
			j := i + 1
			for j < len(fs) && fs[j].fix.Line <= end {
				end = max(end, fs[j].fix.EndLine)
				j++
			}
			group := fs[i:j]
			i = j
			if !inDiff(changed[file], start, end) || start < 1 || end > len(text) {
				continue
			}
			var fixes []schema.Fix
			var ds []schema.Diagnostic
			for _, f := range group {
				fixes = append(fixes, f.fix)
				ds = append(ds, f.d)
			}
			newText, applied, ok := replaceLines(text[start-1:end], start, fixes)
			if !ok || len(applied) == 0 {
				continue
			}
			out = append(out, suggestion(file, start, end, newText, ds, applied, key))
			if len(out) == maxSuggestions {
				return out
			}
		}
	}
	return out
}

// inDiff reports whether lines start to end all lie in one run of
// changed lines.
func inDiff(runs []Lines, start, end int) bool {
	for _, r := range runs {
		if r.Start <= start && end <= r.End {
			return true
		}
	}
	return false
}

// replaceLines applies fixes to the lines (the first of which is line
// first of the file), each located by its line and column, in order; a
// fix that overlaps one before it, or whose text is not Old, is left out.
// It reports false when no fix could be placed.
func replaceLines(lines []string, first int, fixes []schema.Fix) (string, []schema.Fix, bool) {
	joined := strings.Join(lines, "\n")
	// offset is the byte offset in joined of a line and column.
	offset := func(line, col int) (int, bool) {
		if line < first || line >= first+len(lines) {
			return 0, false
		}
		off := 0
		for k := first; k < line; k++ {
			off += len(lines[k-first]) + 1
		}
		l := lines[line-first]
		at := 0
		for c := 1; c < col; c++ {
			if at >= len(l) {
				return 0, false
			}
			_, size := utf8.DecodeRuneInString(l[at:])
			at += size
		}
		return off + at, true
	}
	var b strings.Builder
	var applied []schema.Fix
	at := 0
	for _, f := range fixes {
		s, ok1 := offset(f.Line, f.Column)
		e, ok2 := offset(f.EndLine, f.EndColumn)
		// The lines come without their endings; a CRLF file's fix across
		// lines has them in Old.
		if !ok1 || !ok2 || s < at || e < s || joined[s:e] != strings.ReplaceAll(f.Old, "\r\n", "\n") {
			continue
		}
		b.WriteString(joined[at:s])
		b.WriteString(f.New)
		at = e
		applied = append(applied, f)
	}
	b.WriteString(joined[at:])
	return b.String(), applied, len(applied) > 0
}

// suggestion writes the review comment for fixes on lines start to end.
func suggestion(file string, start, end int, text string, ds []schema.Diagnostic, fixes []schema.Fix, key string) Suggestion {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d\x00%d\x00%s", file, start, end, text)))
	id := hex.EncodeToString(sum[:6])
	var b strings.Builder
	b.WriteString(SuggestionMarkerFor(key, id) + "\n")
	guess := false
	said := map[string]bool{}
	for _, d := range ds {
		// Strategies that extend one parent each report its findings:
		// one line says it.
		line := fmt.Sprintf("**%s** `%s`: %s\n", severityWord(d.Severity), d.Rule, quietMentions(mdText(d.Message)))
		if !said[line] {
			said[line] = true
			b.WriteString(line)
		}
	}
	for _, f := range fixes {
		guess = guess || !f.Safe
	}
	if guess {
		b.WriteString("\nThis change is a guess (`pillar fix` leaves it to you): check it before you apply it.\n")
	}
	fence := "```"
	for strings.Contains(text, fence) {
		fence += "`"
	}
	fmt.Fprintf(&b, "\n%ssuggestion\n%s\n%s\n", fence, text, fence)
	return Suggestion{Path: file, StartLine: start, Line: end, Text: text, Body: b.String(), ID: id}
}

func severityWord(s schema.Severity) string {
	switch s {
	case schema.Error:
		return "Error"
	case schema.Warning:
		return "Warning"
	}
	return "Note"
}

// SuggestionMarkerFor is the marker of a suggestion with id, among the
// suggestions of the comment key (see MarkerFor).
func SuggestionMarkerFor(key, id string) string {
	if key == "" {
		return SuggestionMarker + " " + id + " -->"
	}
	return SuggestionMarker + " " + key + " " + id + " -->"
}

// suggestionID returns the id in a comment body that starts with a
// suggestion marker of key, or "" when it has none.
func suggestionID(body, key string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(body), "\n")
	rest, ok := strings.CutPrefix(strings.TrimSpace(first), SuggestionMarker+" ")
	if !ok {
		return ""
	}
	rest, ok = strings.CutSuffix(rest, " -->")
	if !ok {
		return ""
	}
	f := strings.Fields(rest)
	switch {
	case key == "" && len(f) == 1:
		return f[0]
	case key != "" && len(f) == 2 && f[0] == key:
		return f[1]
	}
	return ""
}
