package export

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/internal/outfile"
	"github.com/pillar-strategy/pillar/strategy"
)

// Format is one export format, for --help, completion and the README.
type Format struct {
	// Name is what --export takes, e.g. "csv" or "sprout".
	Name string
	// Summary says in a line what the format is and how to use its files.
	Summary string
	// Source is the public page the format follows; empty for pillar's
	// own formats.
	Source string
}

// Options are what an export needs beyond the drafts and the strategy.
type Options struct {
	// Dir is the folder the files go into, created if missing. "-" writes
	// a single-file format (csv, ics) to Stdout instead.
	Dir string
	// Stdout is where Dir "-" writes.
	Stdout io.Writer
	// Now is the current time, for the importers that refuse posts
	// scheduled too soon; the zero Time skips that check.
	Now time.Time
}

// Result is what an export wrote.
type Result struct {
	// Files are the paths written, in order; "-" for standard output.
	Files []string
	// Rows is the number of drafts written.
	Rows int
	// Warnings name the drafts written with a change or a caveat.
	Warnings []Note
	// Stale are files in the folder that an earlier export in the same
	// format wrote and this one did not (a channel with fewer drafts now):
	// the user deletes them before uploading the folder, or the scheduler
	// gets old posts. Pillar does not delete them itself.
	Stale []string
}

// Note is a message about one draft, placed at the draft's file and line.
type Note struct {
	// File and Line are where the draft is (drafts.Draft.File and Line).
	File string
	Line int
	// ID is the draft's id, which may be empty.
	ID string
	// Message says what happened, or what is wrong and what to do.
	Message string
}

// String returns the note as file:line: message.
func (n Note) String() string {
	return n.File + ":" + strconv.Itoa(n.Line) + ": " + n.Message
}

// RefusedError is returned when some drafts cannot be written in the
// format as they are; it lists every one of them, and nothing is written.
type RefusedError struct {
	// Format is the format asked for.
	Format string
	// Problems name each draft that cannot be written and why.
	Problems []Note
}

// Error says how many drafts were refused and lists each as file:line:
// message, one a line.
func (e *RefusedError) Error() string {
	var b strings.Builder
	n := len(e.Problems)
	fmt.Fprintf(&b, "cannot export to %s: %d draft", e.Format, n)
	if n != 1 {
		b.WriteString("s")
	}
	b.WriteString(" cannot be written as they are; nothing was written:")
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}

// file is one output of an export, built in memory before anything is
// written, so a refused export writes nothing.
type file struct {
	name string
	data []byte
}

// exporter builds a format's files from the sorted drafts.
type exporter struct {
	Format
	// single is true for a format that writes one file, which may go to
	// standard output.
	single bool
	build  func(ds []drafts.Draft, x *run) []file
}

// exporters are the formats, in the order Formats lists them.
var exporters = []exporter{
	{Format: Format{Name: "csv", Summary: "every field of every draft, with the channel's platform and handle (RFC 4180, UTF-8, RFC 3339 times)"}, single: true, build: buildCSV},
	{Format: Format{Name: "ics", Summary: "an RFC 5545 calendar with one event per draft, for calendar apps"}, single: true, build: buildICS},
	{Format: sproutFormat, build: buildSprout},
	{Format: friendsplusFormat, build: buildFriendsplus},
	{Format: ayrshareFormat, build: buildAyrshare},
}

// Formats lists the export formats with a one-line description each, for
// --help and completion.
func Formats() []Format {
	out := make([]Format, len(exporters))
	for i, e := range exporters {
		out[i] = e.Format
	}
	return out
}

// FormatNames returns the formats' names, comma-separated, for messages.
func FormatNames() string {
	names := make([]string, len(exporters))
	for i, e := range exporters {
		names[i] = e.Name
	}
	return strings.Join(names, ", ")
}

// run is one export under way: what the builders read and the notes they
// leave.
type run struct {
	strategy *strategy.Strategy
	opt      Options
	channels map[string]*strategy.Channel
	warnings []Note
	problems []Note
}

func (x *run) note(d *drafts.Draft, format string, args ...any) Note {
	return Note{File: d.File, Line: d.Line, ID: d.ID, Message: fmt.Sprintf(format, args...)}
}

// warn records that d was written with a change or a caveat.
func (x *run) warn(d *drafts.Draft, format string, args ...any) {
	x.warnings = append(x.warnings, x.note(d, format, args...))
}

// refuse records that d cannot be written.
// fetchable reports whether a media value is a URL a scheduler can fetch
// (http or https with a host), not a file name in the team's folder.
func fetchable(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "https" || p.Scheme == "http") && p.Host != ""
}

// isVideo reports whether a media URL names a video file, by its ending.
func isVideo(u string) bool {
	if p, err := url.Parse(u); err == nil {
		u = p.Path
	}
	switch strings.ToLower(path.Ext(u)) {
	case ".mp4", ".mov", ".m4v", ".webm", ".avi":
		return true
	}
	return false
}

func (x *run) refuse(d *drafts.Draft, format string, args ...any) {
	x.problems = append(x.problems, x.note(d, format, args...))
}

// channel returns the strategy's channel with the id, or nil.
func (x *run) channel(id string) *strategy.Channel {
	return x.channels[id]
}

// Export writes the drafts in the format into files under opt.Dir (each
// replaced atomically, see internal/outfile) and returns the files written
// and the warnings, each naming its draft by file:line. The drafts are
// written sorted by time, channel and id, whatever their order in ds. When
// a draft cannot be written as it is, Export writes nothing and returns a
// *RefusedError that names every such draft.
func Export(format string, ds []drafts.Draft, s *strategy.Strategy, opt Options) (Result, error) {
	ex, ok := lookup(format)
	if !ok {
		return Result{}, fmt.Errorf("unknown export format %q; use one of %s", format, FormatNames())
	}
	if opt.Dir == "" {
		return Result{}, errors.New("no output folder: give one with -o DIR")
	}
	stdout := outfile.IsStdout(opt.Dir)
	if stdout && !ex.single {
		return Result{}, fmt.Errorf("%s writes one file per channel and cannot go to standard output; give a folder with -o DIR", ex.Name)
	}
	files, res, err := build(ex, ds, s, opt)
	if err != nil {
		return res, err
	}
	if stdout {
		if err := outfile.WriteBytes(opt.Dir, opt.Stdout, files[0].data); err != nil {
			return res, err
		}
		res.Files = []string{"-"}
		return res, nil
	}
	if err := outfile.Folder(opt.Dir); err != nil {
		return res, err
	}
	for _, f := range files {
		p := filepath.Join(opt.Dir, f.name)
		if err := outfile.WriteBytes(p, nil, f.data); err != nil {
			return res, err
		}
		res.Files = append(res.Files, p)
	}
	if !ex.single {
		res.Stale = stale(opt.Dir, ex.Name, files)
	}
	return res, nil
}

// stale lists the files in dir named as the format names its files
// (format-channel-NNN.csv) that are not among the ones just written.
func stale(dir, format string, written []file) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	ours := map[string]bool{}
	for _, f := range written {
		ours[f.name] = true
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if ours[n] || !e.Type().IsRegular() || !strings.HasPrefix(n, format+"-") || !strings.HasSuffix(n, ".csv") {
			continue
		}
		num := strings.TrimSuffix(n, ".csv")
		if i := strings.LastIndexByte(num, '-'); i < 0 || len(num)-i-1 < 3 || strings.Trim(num[i+1:], "0123456789") != "" {
			continue
		}
		out = append(out, filepath.Join(dir, n))
	}
	return out
}

func lookup(name string) (exporter, bool) {
	for _, e := range exporters {
		if e.Name == name {
			return e, true
		}
	}
	return exporter{}, false
}

// build sorts the drafts and builds the format's files in memory.
func build(ex exporter, ds []drafts.Draft, s *strategy.Strategy, opt Options) ([]file, Result, error) {
	x := &run{strategy: s, opt: opt, channels: map[string]*strategy.Channel{}}
	if s != nil {
		for i := range s.Channels {
			c := &s.Channels[i]
			if _, dup := x.channels[c.ID]; !dup {
				x.channels[c.ID] = c
			}
		}
	}
	sorted := sortDrafts(ds)
	if s != nil {
		// Every format writes wall-clock times in the channel's zone (or
		// names the zone), whatever offset the sheet gave: 11:00Z is
		// 12:00 for an Oslo channel.
		zone := drafts.Zone(s)
		for i := range sorted {
			if !sorted[i].At.IsZero() {
				sorted[i].At = sorted[i].At.In(zone(sorted[i].Channel))
			}
		}
	}
	files := ex.build(sorted, x)
	res := Result{Rows: len(sorted), Warnings: x.warnings}
	if len(x.problems) > 0 {
		return nil, Result{Warnings: x.warnings}, &RefusedError{Format: ex.Name, Problems: x.problems}
	}
	return files, res, nil
}

// sortDrafts returns a copy of ds sorted by time, channel and id, then by
// file and line, so the same drafts in any order give the same bytes.
func sortDrafts(ds []drafts.Draft) []drafts.Draft {
	out := append([]drafts.Draft(nil), ds...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		if !a.At.Equal(b.At) {
			return a.At.Before(b.At)
		}
		if a.Channel != b.Channel {
			return a.Channel < b.Channel
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	return out
}
