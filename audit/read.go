package audit

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// ReadOptions say how to read a post history or mention log.
type ReadOptions struct {
	// Format is "csv" or "jsonl" ("tsv" and "ndjson" are accepted too).
	// Empty means: from the name's extension (.jsonl and .ndjson are JSON
	// Lines; .csv, .tsv and .txt are CSV), else from the content: a file
	// whose first non-blank byte is '{' is JSON Lines.
	Format string
	// Mapping maps another tool's columns onto the canonical ones; nil
	// means the file uses the canonical names.
	Mapping *Mapping
	// Delimiter separates CSV fields. Zero means: detect it from the
	// header, choosing the one of , ; tab | that yields the most known
	// columns.
	Delimiter byte
	// Encoding is "" or "utf-8" (the default), or "latin1" for
	// ISO-8859-1 / Windows-1252 files, which are transcoded to UTF-8.
	Encoding string
	// MaxRowBytes is the longest row read; a longer one is rejected and
	// skipped without being held in memory. Zero means 1 MiB.
	MaxRowBytes int
	// MaxColumns is the most fields a row may have; a row with more is
	// rejected. Zero means 512.
	MaxColumns int
	// Progress, when set, is called with the number of bytes read so far
	// every few megabytes and once at the end.
	Progress func(bytesRead int64)
}

// ReadStats says what a reader saw.
type ReadStats struct {
	// Rows counts the data rows: those passed to the callback plus those
	// rejected. The header and blank lines are not rows.
	Rows int64
	// Rejected counts the rows that could not be read.
	Rejected int64
	// Rejects lists the first MaxRejectsListed rejected rows, in file
	// order.
	Rejects []Reject
	// Bytes is the size of the input.
	Bytes int64
	// Columns is the header as found (for JSON Lines, the first record's
	// keys).
	Columns []string
	// Ignored lists the columns (or keys) that map to nothing; they are
	// reported, not an error.
	Ignored []string
}

// FileError is a problem with a whole file rather than one row: it is
// empty, lacks required columns, cannot be read. Line is 0 when the problem
// has no line.
type FileError struct {
	File string
	Line int64
	Msg  string
	// Err is the underlying error, such as an I/O error, if any.
	Err error
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

func (e *FileError) Unwrap() error { return e.Err }

const (
	defaultMaxRowBytes = 1 << 20
	defaultMaxColumns  = 512
	minBufferSize      = 256 << 10
	progressEvery      = 4 << 20
)

// ReadPosts streams a post history to fn, one valid row at a time; rows
// that cannot be read are counted and listed in the stats instead. The
// Post and its byte slices are reused: they are valid only during the
// call. Memory does not grow with the file. An error returned by fn stops
// the read and is returned as it is; other errors are *FileError.
//
// What a row must be to be passed on:
//   - id, published_at and channel are not empty (values are trimmed of
//     spaces and tabs, except text);
//   - timestamps are RFC 3339 with a UTC offset (or the mapping's layout;
//     without an offset only when the mapping names the time zone), and
//     not before 1970;
//   - metrics are empty (absent) or whole numbers 0 or more; 12.0 is read
//     as 12, but 1,234, 1.5, -3 and 1e3 are refused;
//   - text values are UTF-8 (or the file is read as Latin-1);
//   - a CSV row has exactly the header's number of fields (see csv.go for
//     the CSV dialect), and a JSON Lines record is one valid JSON object
//     with values of the right types (see jsonl.go).
func ReadPosts(r io.Reader, name string, opt ReadOptions, fn func(*Post) error) (ReadStats, error) {
	rd, err := newReader(r, name, opt, &postSchema)
	if err != nil {
		return rd.stats, err
	}
	var p Post
	err = rd.run(func(line int64) (bool, error) {
		if !rd.post(&p) {
			return false, nil
		}
		p.Line = line
		return true, fn(&p)
	})
	return rd.stats, err
}

// ReadMentions streams a mention log to fn the way ReadPosts streams post
// history. A mention needs id, channel and received_at; responded_at may
// be empty (unanswered) but not before received_at.
func ReadMentions(r io.Reader, name string, opt ReadOptions, fn func(*Mention) error) (ReadStats, error) {
	rd, err := newReader(r, name, opt, &mentionSchema)
	if err != nil {
		return rd.stats, err
	}
	var m Mention
	err = rd.run(func(line int64) (bool, error) {
		if !rd.mention(&m) {
			return false, nil
		}
		m.Line = line
		return true, fn(&m)
	})
	return rd.stats, err
}

// schema describes one kind of file: its canonical columns and which are
// required.
type schema struct {
	noun     string // for messages: "post history"
	cols     []string
	required []bool
	mapping  func(*Mapping) map[string]string
	channel  int // the channel column
	// localTimes lets timestamps without a UTC offset through, when the
	// mapping names no zone, marked as local for the caller to place
	// (drafts are placed in their channel's zone).
	localTimes bool
	// cells asks the readers to note where each value starts (drafts
	// point findings at cells).
	cells bool
	// lists are the columns a JSON Lines record may give as a list of
	// strings, joined into one value with listSep.
	lists []int
}

// Column indexes of the two schemas, in the order of postColumns and
// mentionColumns.
const (
	pID = iota
	pPublishedAt
	pChannel
	pPillar
	pTactic
	pText
	pMentions
	pMetrics    // likes; metric m is pMetrics+m
	numPostCols = pMetrics + int(NumMetrics)
)

const (
	mID = iota
	mChannel
	mReceivedAt
	mRespondedAt
	mType
	mSentiment
	mAuthor
	mAuthorFollowers
	numMentionCols
)

// maxCols is the larger of the two schemas' column counts.
const maxCols = numPostCols

var postSchema = schema{
	noun:     "post history",
	cols:     postColumns,
	required: []bool{pID: true, pPublishedAt: true, pChannel: true, numPostCols - 1: false},
	mapping: func(m *Mapping) map[string]string {
		if m == nil {
			return nil
		}
		return m.Posts
	},
	channel: pChannel,
}

var mentionSchema = schema{
	noun:     "mention log",
	cols:     mentionColumns,
	required: []bool{mID: true, mChannel: true, mReceivedAt: true, numMentionCols - 1: false},
	mapping: func(m *Mapping) map[string]string {
		if m == nil {
			return nil
		}
		return m.Mentions
	},
	channel: mChannel,
}

// reader holds what both formats share: the input, the schema and how its
// values are converted, the stats, and the current row's values.
type reader struct {
	name   string
	schema *schema
	opt    ReadOptions
	src    source
	jsonl  bool
	latin1 bool

	// firstLine is the line the unread input starts on once leading
	// blank lines have been skipped.
	firstLine int64

	// sources[c] is the name of the export's column for canonical column
	// c; lookup maps lower-cased source names to canonical columns.
	sources []string
	lookup  map[string]int

	times    timeReader
	channels map[string][]byte
	types    map[string][]byte
	channel  []byte // the mapping's fixed channel, if any

	stats ReadStats

	// The current row: vals[c] is canonical column c's cell, nil when the
	// row has no value for it. scratch holds transcoded and unescaped
	// values for the row.
	vals    [maxCols][]byte
	scratch []byte
	// cells[c] is where canonical column c's value starts, when the
	// schema asks for cells: line and column (in code points).
	cells [maxCols]Cell
	// textEscapes are the escape offsets of the current drafts row's text
	// (see DraftRow.TextEscapes).
	textEscapes []int
	bad         rowErr // why the current row cannot be used
	fatal       error  // a problem found mid-read that ends it

	csv  csvReader
	json jsonReader
}

func newReader(r io.Reader, name string, opt ReadOptions, s *schema) (*reader, error) {
	rd := &reader{name: name, schema: s, opt: opt, firstLine: 1}
	rd.times.local = s.localTimes
	if rd.opt.MaxRowBytes <= 0 {
		rd.opt.MaxRowBytes = defaultMaxRowBytes
	}
	if rd.opt.MaxColumns <= 0 {
		rd.opt.MaxColumns = defaultMaxColumns
	}
	switch strings.ToLower(strings.ReplaceAll(opt.Encoding, "_", "-")) {
	case "", "utf-8", "utf8":
	case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "windows-1252", "cp1252":
		rd.latin1 = true
	default:
		return rd, rd.fileErr(0, fmt.Sprintf("unknown encoding %q: use utf-8 (the default) or latin1", opt.Encoding))
	}
	switch d := rd.opt.Delimiter; {
	case d == '"' || d == '\n' || d == '\r' || d >= utf8.RuneSelf:
		return rd, rd.fileErr(0, fmt.Sprintf("%q cannot separate columns: use one of , ; tab |", rune(d)))
	}
	if err := rd.setMapping(opt.Mapping); err != nil {
		return rd, err
	}
	size := max(minBufferSize, rd.opt.MaxRowBytes+64<<10)
	rd.src = source{r: r, buf: make([]byte, size), progress: opt.Progress, nextProgress: progressEvery}
	rd.scratch = make([]byte, 0, 4096)

	format := strings.ToLower(opt.Format)
	switch format {
	case "csv", "jsonl":
	case "tsv":
		format = "csv"
		if rd.opt.Delimiter == 0 {
			rd.opt.Delimiter = '\t'
		}
	case "ndjson":
		format = "jsonl"
	case "":
		switch strings.ToLower(filepath.Ext(name)) {
		case ".jsonl", ".ndjson":
			format = "jsonl"
		case ".csv", ".tsv", ".txt":
			format = "csv"
		}
	default:
		return rd, rd.fileErr(0, fmt.Sprintf("unknown format %q: use csv or jsonl", opt.Format))
	}
	if err := rd.start(); err != nil {
		return rd, err
	}
	if format == "" {
		format = "csv"
		if i := firstNonBlank(rd.src.buf[rd.src.pos:rd.src.end]); i >= 0 && rd.src.buf[rd.src.pos+i] == '{' {
			format = "jsonl"
		}
	}
	rd.jsonl = format == "jsonl"
	if rd.jsonl {
		rd.json.init(rd)
		return rd, nil
	}
	return rd, rd.readHeader()
}

// setMapping prepares the column names, time reader and renames of a
// mapping.
func (rd *reader) setMapping(m *Mapping) error {
	if err := m.Validate(); err != nil {
		return rd.fileErr(0, "the mapping "+mappingName(m)+" is wrong: "+err.Error())
	}
	s := rd.schema
	rd.sources = make([]string, len(s.cols))
	rd.lookup = make(map[string]int, len(s.cols))
	named := s.mapping(m)
	for c, canon := range s.cols {
		src := canon
		if v := strings.TrimSpace(named[canon]); v != "" {
			src = v
		}
		rd.sources[c] = src
		rd.lookup[strings.ToLower(src)] = c
	}
	if m == nil {
		return nil
	}
	rd.times.layout = m.TimeLayout
	if m.TimeLayout != "" {
		rd.times.layoutTZ = layoutHasZone(m.TimeLayout)
		rd.times.layoutPM = strings.Contains(m.TimeLayout, "PM") || strings.Contains(m.TimeLayout, "pm")
	}
	if m.Timezone != "" {
		loc, err := loadZone(m.Timezone)
		if err != nil {
			return rd.fileErr(0, err.Error())
		}
		rd.times.loc = loc
	}
	if m.TimeLayout != "" && !rd.times.layoutTZ && rd.times.loc == nil && !s.localTimes {
		return rd.fileErr(0, fmt.Sprintf("the mapping %s reads times with the layout %q, which has no UTC offset: say which time zone the export is in with timezone: in the mapping (or --map timezone=Europe/Oslo)", mappingName(m), m.TimeLayout))
	}
	rd.channels = byteValues(m.Channels)
	rd.types = byteValues(m.Types)
	if c := strings.TrimSpace(m.Channel); c != "" {
		rd.channel = []byte(c)
	}
	return nil
}

func byteValues(m map[string]string) map[string][]byte {
	if len(m) == 0 {
		return nil
	}
	b := make(map[string][]byte, len(m))
	for k, v := range m {
		b[strings.TrimSpace(k)] = []byte(strings.TrimSpace(v))
	}
	return b
}

func mappingName(m *Mapping) string {
	if m == nil || m.Name == "" {
		return "given"
	}
	return m.Name
}

// start fills the buffer for the first time, skips a UTF-8 byte-order
// mark and refuses empty and UTF-16 files.
func (rd *reader) start() error {
	for rd.src.end-rd.src.pos < 4 && rd.src.fill() {
	}
	if err := rd.ioErr(); err != nil {
		return err
	}
	b := rd.src.buf[rd.src.pos:rd.src.end]
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		rd.src.pos += 3
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return rd.fileErr(0, "the file is UTF-16; save it as UTF-8 (in Excel: CSV UTF-8) and try again")
	}
	// Find the first non-blank byte, reading on through leading blank
	// lines if need be. Blank bytes stay in the buffer (spaces before a
	// quote change how the field reads) unless the buffer fills with them;
	// then whole blank lines are dropped and counted.
	src := &rd.src
	for firstNonBlank(src.buf[src.pos:src.end]) < 0 {
		if src.end-src.pos == len(src.buf) {
			k := bytes.LastIndexByte(src.buf[src.pos:src.end], '\n') + 1
			if k == 0 {
				k = src.end - src.pos
			}
			rd.firstLine += int64(bytes.Count(src.buf[src.pos:src.pos+k], lineBreak))
			src.pos += k
		}
		if !src.fill() && (src.eof || src.err != nil) {
			if err := rd.ioErr(); err != nil {
				return err
			}
			return rd.emptyErr()
		}
	}
	return nil
}

func (rd *reader) emptyErr() error {
	req := rd.requiredNames()
	what := "a header row with " + strings.Join(req, ", ") + ", …"
	if rd.jsonl {
		what = "one JSON object per line with " + strings.Join(req, ", ") + ", …"
	}
	return rd.fileErr(0, "the file is empty: expected "+what)
}

// requiredNames returns the required columns as the file names them.
func (rd *reader) requiredNames() []string {
	var names []string
	for c, req := range rd.schema.required {
		if req {
			names = append(names, rd.sources[c])
		}
	}
	return names
}

func firstNonBlank(b []byte) int {
	for i, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n':
		default:
			return i
		}
	}
	return -1
}

func (rd *reader) fileErr(line int64, msg string) error {
	return &FileError{File: rd.name, Line: line, Msg: msg}
}

func (rd *reader) ioErr() error {
	if rd.src.err == nil {
		return nil
	}
	return &FileError{File: rd.name, Msg: "cannot read: " + rd.src.err.Error(), Err: rd.src.err}
}

// run reads the rows after the header and hands each to use, which
// converts the values and calls the caller's function. The format readers
// and use report a row they cannot read by returning false with rd.bad
// saying why.
func (rd *reader) run(use func(line int64) (bool, error)) error {
	defer func() {
		rd.stats.Bytes = rd.src.total
		if rd.src.progress != nil {
			rd.src.progress(rd.src.total)
		}
	}()
	for {
		var line int64
		var st rowStatus
		if rd.jsonl {
			line, st = rd.json.next()
		} else {
			line, st = rd.csv.next()
		}
		switch st {
		case rowEOF:
			if rd.fatal != nil {
				return rd.fatal
			}
			return rd.ioErr()
		case rowBad:
			rd.reject(line, rd.bad)
			continue
		}
		ok, err := use(line)
		if err != nil {
			rd.stats.Rows++
			return err
		}
		if !ok {
			rd.reject(line, rd.bad)
			continue
		}
		rd.stats.Rows++
	}
}

func (rd *reader) reject(line int64, e rowErr) {
	rd.stats.Rows++
	rd.stats.Rejected++
	if len(rd.stats.Rejects) < MaxRejectsListed {
		rd.stats.Rejects = append(rd.stats.Rejects, Reject{Line: line, Reason: rd.reason(e)})
	}
}
