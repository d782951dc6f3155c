package schema

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/strategy"
)

// Fix is a change to one file that resolves a finding: the bytes Start to
// End of File, which read Old, become New. Offsets count bytes of the file
// as it is on disk (a byte order mark included), so a tool can apply the
// fix without parsing YAML; Line and Column (1-based, code points) and
// EndLine and EndColumn (the column just after the last character) say
// the same for people and for formats that count that way.
type Fix struct {
	// File is the file to change, as Diagnostic.File names it.
	File string `json:"file"`
	// Start is the byte offset of the first byte replaced.
	Start int `json:"start"`
	// End is the byte offset just after the last byte replaced.
	End int `json:"end"`
	// Line and Column are where Start is.
	Line   int `json:"line"`
	Column int `json:"column"`
	// EndLine and EndColumn are where End is.
	EndLine   int `json:"end_line"`
	EndColumn int `json:"end_column"`
	// Old is the text replaced, byte for byte; a tool checks it before
	// applying the fix, so that a file edited since is never garbled.
	Old string `json:"old"`
	// New is the text that replaces it, written as YAML (quoted when the
	// value needs it).
	New string `json:"new"`
	// Description says what the fix does, e.g. `replace "Oslo" with
	// "Europe/Oslo"`.
	Description string `json:"description"`
	// Safe marks a fix that `pillar fix` applies without asking: the
	// replacement is the one plausible reading. Other fixes are offered
	// for a person to accept (in json, sarif and pull-request
	// suggestions) but not applied.
	Safe bool `json:"safe"`
}

// fixWant is a fix as a rule knows it: which value or key to change and
// into what. Validate turns it into a Fix with byte offsets once the
// finding is listed (see resolveFix).
type fixWant struct {
	ptr   string // the value (or, with onKey, its key) to replace
	onKey bool
	from  string // the value or key as read, to find its text
	to    string // what it should read
	quote bool   // write to double-quoted even where a plain scalar would do
	safe  bool
	// rest, when set, replaces the text from the finding's position (or
	// from at, when that is set) to the end of its line, trailing blanks
	// left as they are: a hashtag read as a comment.
	rest string
	at   strategy.Pos
}

// resolveFix finds the text a fixWant is about in its file and returns the
// Fix, or nil when the text is not where and as expected (a value over
// several lines, escapes in a quoted value, a merged value without a
// place): a fix is offered only when its bytes are certain.
func resolveFix(src *strategy.Source, d *Diagnostic) *Fix {
	w := d.want
	if w == nil {
		return nil
	}
	var pos strategy.Pos
	if w.rest != "" {
		pos = strategy.Pos{File: d.File, Line: d.Line, Col: d.Column}
		if w.at.IsValid() {
			pos = w.at
		}
	} else {
		if !src.Has(w.ptr) {
			return nil
		}
		sp := src.Span(w.ptr)
		pos = sp.Value
		if w.onKey {
			pos = sp.Key
		}
	}
	body, skip, ok := src.Content(pos.File)
	if !ok {
		return nil
	}
	start, ok := src.Offset(pos)
	if !ok {
		return nil
	}
	var old, repl string
	if w.rest != "" {
		end := strings.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		old = strings.TrimRight(body[start:end], " \t\r")
		repl = w.rest
	} else {
		var style byte
		old, style, ok = rawScalar(body[start:], w.from)
		if !ok {
			return nil
		}
		repl = writeScalar(w.to, style, w.quote)
	}
	if old == repl {
		return nil
	}
	end := start + len(old)
	endPos, ok := src.PosAt(pos.File, end)
	if !ok {
		return nil
	}
	return &Fix{
		File: pos.File, Start: start + skip, End: end + skip,
		Line: pos.Line, Column: pos.Col, EndLine: endPos.Line, EndColumn: endPos.Col,
		Old: old, New: repl, Safe: w.safe,
		Description: fmt.Sprintf("replace %s with %s", old, repl),
	}
}

// rawScalar returns the text at the start of s that YAML reads as the
// scalar value, and its style: '"' or '\” for the quoted styles, 0 for a
// plain one. It reports false when s does not start with value written
// on one line without escapes.
func rawScalar(s, value string) (string, byte, bool) {
	if value == "" || strings.ContainsAny(value, "\n\r") {
		return "", 0, false
	}
	if s == "" {
		return "", 0, false
	}
	switch q := s[0]; q {
	case '"', '\'':
		if strings.ContainsAny(value, `"'\`) {
			return "", 0, false
		}
		raw := string(q) + value + string(q)
		if !strings.HasPrefix(s, raw) {
			return "", 0, false
		}
		return raw, q, true
	}
	if !strings.HasPrefix(s, value) {
		return "", 0, false
	}
	// The plain scalar must end there: what follows is the end of the
	// line, a comment, a flow separator or a key's colon.
	if rest := s[len(value):]; rest != "" && !strings.ContainsRune(" \t\r\n,]}:", rune(rest[0])) {
		return "", 0, false
	}
	return value, 0, true
}

// writeScalar writes v as a YAML scalar in the style the old value had
// where that reads back as v, else double-quoted.
func writeScalar(v string, style byte, quote bool) string {
	switch {
	case style == '\'' && !strings.ContainsAny(v, "'\n\\") && isPrintable(v):
		return "'" + v + "'"
	case style == 0 && !quote && plainSafe(v):
		return v
	}
	return strategy.QuoteYAML(v)
}

func isPrintable(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	return utf8.ValidString(s)
}

// plainSafe reports whether v may be written unquoted and still read as
// the same text: a word of letters, digits and . _ / + - that no YAML
// reader, 1.1 or 1.2, takes for a number, a boolean or null.
func plainSafe(v string) bool {
	if v == "" || v[0] == '-' || v[0] == '.' || v[0] == '+' {
		return false
	}
	for _, r := range v {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._/+-", r)
		if !ok {
			return false
		}
	}
	switch strings.ToLower(v) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf":
		return false
	}
	if _, err := strconv.ParseFloat(strings.ReplaceAll(v, "_", ""), 64); err == nil {
		return false
	}
	if _, err := strconv.ParseInt(v, 0, 64); err == nil {
		return false
	}
	return true
}

// dropDuplicatingFixes takes the fix away from a finding about a list
// entry when the fix would write a value the list has already, or one an
// earlier finding's fix writes into it: entries must differ, so days:
// [mon, Monday] is not made [mon, mon], an error of its own. Each list is
// read once, however many of its entries have findings.
func dropDuplicatingFixes(root any, ds []Diagnostic) {
	lists := map[string]map[string]bool{} // the list's pointer → its texts
	for i := range ds {
		w := ds[i].want
		if w == nil || w.onKey || w.rest != "" || w.ptr == "" {
			continue
		}
		j := strings.LastIndexByte(w.ptr, '/')
		if j < 0 {
			continue
		}
		parent := w.ptr[:j]
		has, seen := lists[parent]
		if !seen {
			if v, ok := valueAt(root, parent); ok {
				if items, ok := v.([]any); ok {
					has = make(map[string]bool, len(items))
					for _, it := range items {
						if s, ok := it.(string); ok {
							has[s] = true
						}
					}
				}
			}
			lists[parent] = has
		}
		switch {
		case has == nil: // not a list entry
		case has[w.to]:
			ds[i].want = nil
		default:
			has[w.to] = true
		}
	}
}

// resolveFixes turns the fix each listed finding asked for into a Fix.
// Quoting a line whose value is also wrong (`platform: Instagram #ig`)
// would bury the value's own fix, so such a hashtag-comment fix is only
// offered, not applied.
func resolveFixes(src *strategy.Source, ds []Diagnostic) {
	type placed struct {
		file       string
		start, end int
	}
	var others []placed
	for i := range ds {
		ds[i].Fix = resolveFix(src, &ds[i])
		ds[i].want = nil
		if f := ds[i].Fix; f != nil && ds[i].Rule != "hashtag-comment" {
			others = append(others, placed{f.File, f.Start, f.End})
		}
	}
	sort.Slice(others, func(i, j int) bool {
		if others[i].file != others[j].file {
			return others[i].file < others[j].file
		}
		return others[i].start < others[j].start
	})
	for i := range ds {
		f := ds[i].Fix
		if f == nil || ds[i].Rule != "hashtag-comment" || !f.Safe {
			continue
		}
		// The first fix of the file that starts at or after f.Start, and
		// the one before it, are the only ones that may overlap f first.
		k := sort.Search(len(others), func(k int) bool {
			o := others[k]
			return o.file > f.File || o.file == f.File && o.start >= f.Start
		})
		for _, j := range []int{k - 1, k} {
			if j >= 0 && j < len(others) && others[j].file == f.File && others[j].start < f.End && f.Start < others[j].end {
				f.Safe = false
			}
		}
	}
}

// onlyHashtags reports whether the words after the first " #" of a quoted
// hashtag-comment line are all hashtags ("Summer sale #nordlys #tur"), so
// quoting them into the value is what the writer meant. A comment in
// words ("#todo ask Kari") may be a note; quoting it is offered, not
// applied.
func onlyHashtags(quoted string) bool {
	s, err := strconv.Unquote(quoted)
	if err != nil {
		return false
	}
	i := strings.Index(s, " #")
	if i < 0 {
		return false
	}
	for _, w := range strings.Fields(s[i:]) {
		if len(w) < 2 || w[0] != '#' {
			return false
		}
	}
	return true
}

// hashtagAfter finds a lone hashtag that follows p on its line, where YAML
// took it for a comment ("- #nordlys" is an empty item): the hashtag and
// where it starts. The rest of the line must be blanks and that one word.
func hashtagAfter(src *strategy.Source, p strategy.Pos) (string, strategy.Pos, bool) {
	line, ok := src.Line(p.File, p.Line)
	if !ok {
		return "", strategy.Pos{}, false
	}
	col, off := 1, 0
	for col < p.Col && off < len(line) {
		_, size := utf8.DecodeRuneInString(line[off:])
		off += size
		col++
	}
	for off < len(line) && (line[off] == ' ' || line[off] == '\t') {
		off++
		col++
	}
	word := strings.TrimRight(line[off:], " \t")
	r, _ := utf8.DecodeRuneInString(strings.TrimPrefix(word, "#"))
	if !strings.HasPrefix(word, "#") || len(word) < 2 || strings.ContainsAny(word, " \t\"'") || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
		return "", strategy.Pos{}, false
	}
	return word, strategy.Pos{File: p.File, Line: p.Line, Col: col}, true
}

// textPlace says what a hashtag-comment finding's value takes.
type textPlace int

const (
	notText     textPlace = iota // a number, an id, an allowed value, a date
	anyText                      // any text: a description, a name
	unknownText                  // a place the schema does not know (a misspelt key's)
)

// hashtagCommentsInText says, for the places of the loader's
// hashtag-comment findings, whether their value takes any text. After a
// number, an id, an allowed value, a date or a duration (weight: 100
// #main, platform: instagram #ig) the # starts a comment the writer
// meant, and quoting it into the value would make the value invalid. A
// value the merged strategy does not hold (a parent's value a child
// replaced, or a file whose strategy could not be merged) counts as text.
func hashtagCommentsInText(doc *strategy.Document) map[strategy.Pos]textPlace {
	var ps []strategy.Pos
	for _, p := range doc.Problems {
		if p.Rule == "hashtag-comment" {
			ps = append(ps, p.Pos)
		}
	}
	if len(ps) == 0 {
		return nil
	}
	ptrs := doc.Source.PointersAt(ps)
	out := make(map[strategy.Pos]textPlace, len(ps))
	for _, p := range ps {
		place := anyText
		for _, ptr := range ptrs[p] {
			switch freeText(ptr) {
			case notText:
				place = notText
			case unknownText:
				if place == anyText {
					place = unknownText
				}
			}
		}
		out[p] = place
	}
	return out
}

// freeText says whether the schema takes any text at the instance
// pointer ptr: a string with no enum, const, pattern or format, under
// every branch of an anyOf that reaches it. Keys starting with x- are
// pillar's to ignore, so any value goes there.
func freeText(ptr string) textPlace {
	place := unknownText
	for _, b := range schemasAt(ptr) {
		if b["type"] != nil && b["type"] != "string" || b["enum"] != nil || b["const"] != nil || b["pattern"] != nil || b["format"] != nil {
			return notText
		}
		place = anyText
	}
	return place
}

// takesText reports whether the schema takes the text v at the instance
// pointer ptr, as far as its type, enum, const and pattern tell: where an
// empty list item's hashtag comment ("- #nordlys") may be quoted in.
func takesText(ptr, v string) bool {
	bs := schemasAt(ptr)
	for _, b := range bs {
		if b["type"] != nil && b["type"] != "string" || b["const"] != nil && b["const"] != v || b["format"] != nil {
			return false
		}
		if enum, ok := b["enum"].([]any); ok && !slices.Contains(enum, any(v)) {
			return false
		}
		if pat, ok := b["pattern"].(string); ok {
			if re, err := regexp.Compile(pat); err != nil || !re.MatchString(v) {
				return false
			}
		}
	}
	return len(bs) > 0
}

// schemasAt returns the subschemas that apply at the instance pointer
// ptr, with their $ref followed and their anyOf and oneOf expanded.
func schemasAt(ptr string) []map[string]any {
	cands := []map[string]any{}
	if root, ok := raw().(map[string]any); ok {
		cands = append(cands, root)
	}
	if ptr != "" {
		for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
			tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
			var next []map[string]any
			for _, c := range cands {
				for _, b := range branches(c, 0) {
					next = append(next, step(b, tok)...)
				}
			}
			cands = next
		}
	}
	var out []map[string]any
	for _, c := range cands {
		out = append(out, branches(c, 0)...)
	}
	return out
}

// branches follows a subschema's $ref and expands its anyOf and oneOf
// into the subschemas a value may match.
func branches(sc map[string]any, depth int) []map[string]any {
	if depth > 8 {
		return nil
	}
	if ref, ok := sc["$ref"].(string); ok {
		target, _ := schemaAt(ref)
		t, ok := target.(map[string]any)
		if !ok {
			return nil
		}
		return branches(t, depth+1)
	}
	var out []map[string]any
	for _, kw := range []string{"anyOf", "oneOf"} {
		if list, ok := sc[kw].([]any); ok {
			for _, x := range list {
				if m, ok := x.(map[string]any); ok {
					out = append(out, branches(m, depth+1)...)
				}
			}
		}
	}
	if out == nil {
		out = []map[string]any{sc}
	}
	return out
}

// step returns the subschemas that apply to the member tok of a value the
// schema sc describes: a property, a pattern property, the additional
// properties, or a list's items.
func step(sc map[string]any, tok string) []map[string]any {
	if sc["type"] == nil && sc["properties"] == nil && sc["items"] == nil && sc["additionalProperties"] == nil {
		return []map[string]any{sc} // any value (an x- key's), and any member of it
	}
	if props, ok := sc["properties"].(map[string]any); ok {
		if m, ok := props[tok].(map[string]any); ok {
			return []map[string]any{m}
		}
	}
	if pats, ok := sc["patternProperties"].(map[string]any); ok {
		for pat, v := range pats {
			if re, err := regexp.Compile(pat); err == nil && re.MatchString(tok) {
				if m, ok := v.(map[string]any); ok {
					return []map[string]any{m}
				}
			}
		}
	}
	if m, ok := sc["additionalProperties"].(map[string]any); ok {
		return []map[string]any{m}
	}
	if m, ok := sc["items"].(map[string]any); ok {
		if _, err := strconv.Atoi(tok); err == nil {
			return []map[string]any{m}
		}
	}
	return nil
}
