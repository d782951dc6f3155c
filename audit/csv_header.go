package audit

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// candidateDelimiters are tried, in this order, when the delimiter is not
// given.
var candidateDelimiters = []byte{',', ';', '\t', '|'}

// headerTrial is the header as one delimiter splits it.
type headerTrial struct {
	delim byte
	names []string
	known int // names that are canonical or mapped columns
}

// readHeader reads the CSV header: it finds the delimiter, maps the
// columns onto canonical ones and refuses a header that lacks a required
// column.
func (rd *reader) readHeader() error {
	c := &rd.csv
	*c = csvReader{rd: rd, line: rd.firstLine, maxRow: rd.opt.MaxRowBytes, maxField: rd.opt.MaxColumns, spans: make([]span, 0, 64)}
	candidates := candidateDelimiters
	if rd.opt.Delimiter != 0 {
		candidates = []byte{rd.opt.Delimiter}
	}
	var trials []headerTrial
	for _, d := range candidates {
		c.delim = d
		names, _, _, err := rd.parseHeader()
		if err != nil {
			return err
		}
		t := headerTrial{delim: d, names: names}
		for _, n := range names {
			if _, ok := rd.lookup[strings.ToLower(n)]; ok {
				t.known++
			}
		}
		trials = append(trials, t)
	}
	best := trials[0]
	for _, t := range trials[1:] {
		if t.known > best.known || (best.known == 0 && t.known == 0 && len(t.names) > len(best.names)) {
			best = t
		}
	}
	c.delim = best.delim
	names, end, nl, err := rd.parseHeader()
	if err != nil {
		return err
	}
	rd.src.pos = end
	headerLine := c.line
	c.line += 1 + int64(nl)
	rd.stats.Columns = names
	c.header = len(names)

	c.colOf = make([]int, len(rd.schema.cols))
	for i := range c.colOf {
		c.colOf[i] = -1
	}
	for i, name := range names {
		col, ok := rd.lookup[strings.ToLower(name)]
		if !ok {
			if name == "" {
				name = fmt.Sprintf("(column %d, no name)", i+1)
			}
			rd.stats.Ignored = append(rd.stats.Ignored, name)
			continue
		}
		if prev := c.colOf[col]; prev >= 0 {
			return rd.fileErr(headerLine, fmt.Sprintf("columns %d (%q) and %d (%q) both give %s; keep one, or map the other elsewhere", prev+1, names[prev], i+1, name, rd.schema.cols[col]))
		}
		c.colOf[col] = i
	}
	if c.colOf[rd.schema.channel] >= 0 {
		rd.channel = nil // the file's own channel column wins over a fixed one
	}
	var missing []int
	for col, req := range rd.schema.required {
		if req && c.colOf[col] < 0 && !(col == rd.schema.channel && rd.channel != nil) {
			missing = append(missing, col)
		}
	}
	if len(missing) > 0 {
		return rd.fileErr(headerLine, rd.missingColumns(missing, names))
	}
	return nil
}

// parseHeader parses the first non-blank row with the current delimiter,
// reading on as needed, without consuming it. It returns the column names
// and where the header ends.
func (rd *reader) parseHeader() (names []string, end, nl int, err error) {
	c, src := &rd.csv, &rd.src
	p, line := src.pos, c.line
	for {
		st, e, n := c.parse(src.buf[:src.end], p, src.eof)
		switch st {
		case parsedBlank:
			// Blank lines before the header: skip them for good.
			p = e
			src.pos = e
			line++
			c.line = line
			continue
		case parsedRow:
			end, nl = e, n
			if end-p > c.maxRow {
				return nil, 0, 0, rd.headerTooLong(line)
			}
		case needMore:
			if src.end-p > c.maxRow {
				return nil, 0, 0, rd.headerTooLong(line)
			}
			if !src.fill() {
				if err := rd.ioErr(); err != nil {
					return nil, 0, 0, err
				}
			}
			p = src.pos
			continue
		}
		break
	}
	if c.nfields > c.maxField {
		return nil, 0, 0, rd.fileErr(line, fmt.Sprintf("the header has more than %d columns", c.maxField))
	}
	if c.quoteAt >= 0 {
		return nil, 0, 0, rd.fileErr(line, fmt.Sprintf("column %d of the header has a quote that is not closed, or text after its closing quote", c.quoteAt+1))
	}
	names = make([]string, len(c.spans))
	for i, s := range c.spans {
		raw := src.buf[s.start:s.end]
		var name string
		switch {
		case rd.latin1:
			rd.scratch = rd.scratch[:0]
			name = string(rd.fromLatin1(raw))
		case !utf8.Valid(raw):
			return nil, 0, 0, rd.fileErr(line, fmt.Sprintf("column %d of the header, %s, is not UTF-8 — if the file is Latin-1, pass --encoding latin1", i+1, quoteCell(raw)))
		default:
			name = string(raw)
		}
		if s.escaped {
			name = strings.ReplaceAll(name, `""`, `"`)
		}
		if strings.ContainsRune(name, '\r') {
			return nil, 0, 0, rd.fileErr(line, "the lines end in a carriage return alone (old Mac format): save the file with LF or CRLF line ends")
		}
		names[i] = strings.TrimSpace(strings.TrimPrefix(name, "\uFEFF"))
	}
	return names, end, nl, nil
}

func (rd *reader) headerTooLong(line int64) error {
	return rd.fileErr(line, fmt.Sprintf("the header is longer than %s: is this a %s file?", sizeText(int64(rd.csv.maxRow)), rd.schema.noun))
}

// missingColumns explains which required columns the header lacks, shows
// what it has, and says how to map them, spotting a wrong delimiter.
func (rd *reader) missingColumns(missing []int, names []string) string {
	var b strings.Builder
	var want []string
	for _, col := range missing {
		want = append(want, rd.schema.cols[col])
	}
	fmt.Fprintf(&b, "the %s has no column for %s (required)", rd.schema.noun, joinOr(want))
	if mapped := rd.mappedMissing(missing); mapped != "" {
		b.WriteString("; " + mapped)
	}
	fmt.Fprintf(&b, ".\nIts columns are: %s.", strings.Join(quoteNames(names), ", "))

	if len(names) == 1 {
		for _, d := range candidateDelimiters {
			if d != rd.csv.delim && strings.IndexByte(names[0], d) >= 0 {
				if rd.opt.Delimiter != 0 {
					fmt.Fprintf(&b, "\nOnly one column was found and its name holds a %s: the columns may be separated by %ss — pass --delimiter %q, or leave --delimiter out to detect it.", delimName(d), delimName(d), string(d))
				} else {
					fmt.Fprintf(&b, "\nOnly one column was found and its name holds a %s: is the file separated by %ss?", delimName(d), delimName(d))
				}
				break
			}
		}
	}
	guessFrom := names
	if len(names) == 1 {
		guessFrom = nil // one column is the whole header, not a guess
	}
	fmt.Fprintf(&b, "\nName the columns with --map %s, or use a mapping file or preset with --mapping (presets: %s).", rd.mapPairs(missing, guessFrom, "COLUMN"), strings.Join(Presets(), ", "))
	return b.String()
}

// mapPairs writes a --map value for the missing columns, guessing each
// one's source among names.
func (rd *reader) mapPairs(missing []int, names []string, placeholder string) string {
	var pairs []string
	for _, col := range missing {
		guess := placeholder
		if g := suggestColumn(rd.schema.cols[col], names); g != "" {
			guess = g
			if strings.ContainsAny(g, " ,;'\"") {
				guess = fmt.Sprintf("%q", g)
			}
		}
		pairs = append(pairs, rd.schema.cols[col]+"="+guess)
	}
	return strings.Join(pairs, ",")
}

// mappedMissing says which mapped column names were not found.
func (rd *reader) mappedMissing(missing []int) string {
	var parts []string
	for _, col := range missing {
		if src := rd.sources[col]; !strings.EqualFold(src, rd.schema.cols[col]) {
			parts = append(parts, fmt.Sprintf("the mapping %s reads %s from column %q, which is not there", mappingName(rd.opt.Mapping), rd.schema.cols[col], src))
		}
	}
	return strings.Join(parts, "; ")
}

// columnHints are words that, in another tool's column name, suggest a
// canonical column.
var columnHints = map[string][]string{
	"id":           {"id"},
	"published_at": {"publish", "posted", "date", "time", "created", "sent"},
	"received_at":  {"received", "date", "time", "created"},
	"responded_at": {"respon", "repl", "answer"},
	"channel":      {"channel", "network", "platform", "profile", "account", "page"},
	"text":         {"text", "message", "caption", "post", "content", "description"},
}

// suggestColumn returns the column of names most likely to hold canonical
// column canon: one spelled nearly the same, else one whose name holds a
// word that suggests it. It returns "" when none does.
func suggestColumn(canon string, names []string) string {
	if g := nearestName(canon, names); g != "" {
		return g
	}
	for _, w := range columnHints[canon] {
		for _, n := range names {
			if strings.Contains(strings.ToLower(n), w) {
				return n
			}
		}
	}
	return ""
}

func quoteNames(names []string) []string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	if len(q) > 30 {
		q = append(q[:30], fmt.Sprintf("… (%d more)", len(names)-30))
	}
	return q
}

func joinOr(s []string) string { return joinWords(s, "or") }
