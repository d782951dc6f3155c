package audit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pillar-strategy/pillar/internal/inputfile"
	validation "github.com/pillar-strategy/pillar/schema"
	"gopkg.in/yaml.v3"
)

// Mapping says how an export from another tool maps onto Pillar's
// canonical columns: which of its columns holds each value, how its
// timestamps are written, and how its channel and mention-type names
// translate. A nil *Mapping means the file uses the canonical names.
type Mapping struct {
	// Name is the preset's or file's name, used in messages.
	Name string
	// Posts maps a canonical post column (published_at) to the export's
	// column or JSON key (Date). Columns left out keep their canonical name.
	Posts map[string]string
	// Mentions maps canonical mention-log columns the same way.
	Mentions map[string]string
	// Drafts maps canonical drafts-file columns the same way (a
	// content-calendar sheet's "Publish date" to scheduled_at).
	Drafts map[string]string
	// TimeLayout is the Go time layout of the export's timestamps, written
	// with the reference time Mon Jan 2 15:04:05 MST 2006; empty means
	// RFC 3339.
	TimeLayout string
	// Timezone is the IANA zone of timestamps written without a UTC
	// offset. Without it such timestamps are refused.
	Timezone string
	// Channel is the channel id of every row when the export has no
	// channel column, as in a single network's own export.
	Channel string
	// Channels renames channel values: the export's name of a channel
	// (Nordlys Instagram) to the strategy's channel id (instagram). Values
	// not listed pass through unchanged.
	Channels map[string]string
	// Types renames mention types the same way.
	Types map[string]string
}

// postColumns and mentionColumns are the canonical columns, in the order
// DESIGN.md gives them.
var (
	postColumns    = []string{"id", "published_at", "channel", "pillar", "tactic", "text", "mentions", "likes", "comments", "shares", "saves", "clicks", "impressions", "reach", "followers"}
	mentionColumns = []string{"id", "channel", "received_at", "responded_at", "type", "sentiment", "author", "author_followers"}
)

// mappingFile is the YAML form of a Mapping.
type mappingFile struct {
	Name       string            `yaml:"name"`
	Posts      map[string]string `yaml:"posts"`
	Mentions   map[string]string `yaml:"mentions"`
	Drafts     map[string]string `yaml:"drafts"`
	TimeLayout string            `yaml:"time_layout"`
	Timezone   string            `yaml:"timezone"`
	Channel    string            `yaml:"channel"`
	Channels   map[string]string `yaml:"channels"`
	Types      map[string]string `yaml:"types"`
}

// maxMappingBytes bounds a mapping file; a real one is a few hundred bytes.
const maxMappingBytes = 1 << 20

// MappingError is a problem with a mapping: its file (empty for a preset
// or flag), the line, and what is wrong.
type MappingError struct {
	File string
	Line int
	Msg  string
}

func (e *MappingError) Error() string {
	switch {
	case e.File != "" && e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	case e.File != "":
		return e.File + ": " + e.Msg
	}
	return e.Msg
}

// LoadMapping reads a mapping from a YAML file, e.g.
//
//	posts:
//	  published_at: Date
//	  channel: Profile
//	time_layout: "2006-01-02 15:04"
//	timezone: Europe/Oslo
//
// Unknown keys, unknown canonical columns, a time zone Go does not know and
// a layout that loses the date or time of day are errors naming the line; a
// file that is not a regular one (a named pipe, a device) is refused.
func LoadMapping(path string) (*Mapping, error) {
	f, err := inputfile.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, maxMappingBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read mapping %s: %w", path, err)
	}
	if len(src) > maxMappingBytes {
		return nil, &MappingError{File: path, Msg: "the mapping is larger than 1 MiB; a mapping names a few columns"}
	}
	return parseMapping(path, src)
}

var yamlLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
})

func parseMapping(path string, src []byte) (*Mapping, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, yamlError(path, err)
	}
	if len(root.Content) == 0 {
		return nil, &MappingError{File: path, Msg: "the mapping is empty: write e.g. `posts: {published_at: Date}`"}
	}
	if root.Content[0].Kind != yaml.MappingNode {
		return nil, &MappingError{File: path, Line: root.Content[0].Line, Msg: "a mapping is a YAML map with keys such as posts, mentions, time_layout and timezone"}
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	var mf mappingFile
	if err := dec.Decode(&mf); err != nil {
		return nil, yamlError(path, err)
	}
	name := mf.Name
	if name == "" {
		name = path
	}
	m := &Mapping{Name: name, Posts: mf.Posts, Mentions: mf.Mentions, Drafts: mf.Drafts, TimeLayout: mf.TimeLayout,
		Timezone: mf.Timezone, Channel: mf.Channel, Channels: mf.Channels, Types: mf.Types}
	lineOf := func(section, key string) int { return nodeLine(root.Content[0], section, key) }
	if probs := m.problems(lineOf); len(probs) > 0 {
		for i := range probs {
			probs[i].File = path
		}
		return nil, probs[0]
	}
	return m, nil
}

// yamlError turns yaml.v3's "line 3: field x not found in type …" into
// file:3: messages.
func yamlError(path string, err error) error {
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	m := yamlLine().FindStringSubmatch(strings.TrimPrefix(msgs[0], "yaml: "))
	if m == nil {
		return &MappingError{File: path, Msg: strings.TrimPrefix(msgs[0], "yaml: ")}
	}
	line, _ := strconv.Atoi(m[1])
	msg := m[2]
	if k := regexp.MustCompile(`^field (\S+) not found in type`).FindStringSubmatch(msg); k != nil {
		msg = fmt.Sprintf("unknown key %s: a mapping has %s", k[1], strings.Join(mappingKeys, ", "))
	} else if strings.Contains(msg, "cannot unmarshal") {
		msg = "wrong kind of value: " + msg + " (posts, mentions, channels and types are maps of names; the others are strings)"
	}
	return &MappingError{File: path, Line: line, Msg: msg}
}

var mappingKeys = []string{"name", "posts", "mentions", "drafts", "time_layout", "timezone", "channel", "channels", "types"}

// nodeLine finds the line of key inside section (or of section itself when
// key is empty) in a YAML mapping node.
func nodeLine(doc *yaml.Node, section, key string) int {
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value != section {
			continue
		}
		if key == "" {
			return doc.Content[i].Line
		}
		v := doc.Content[i+1]
		for j := 0; j+1 < len(v.Content); j += 2 {
			if v.Content[j].Value == key {
				return v.Content[j].Line
			}
		}
		return doc.Content[i].Line
	}
	return 0
}

// Validate checks the mapping: canonical column names it knows, one
// source column per canonical one, a time zone Go knows and a time layout
// that keeps the date and the time of day.
func (m *Mapping) Validate() error {
	if m == nil {
		return nil
	}
	if probs := m.problems(func(string, string) int { return 0 }); len(probs) > 0 {
		return probs[0]
	}
	return nil
}

func (m *Mapping) problems(lineOf func(section, key string) int) []*MappingError {
	var probs []*MappingError
	add := func(line int, format string, args ...any) {
		probs = append(probs, &MappingError{Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	checkColumns := func(section string, cols []string, pairs map[string]string) {
		bySource := map[string]string{}
		for _, canon := range sortedNames(pairs) {
			src := strings.TrimSpace(pairs[canon])
			line := lineOf(section, canon)
			if !slices.Contains(cols, canon) {
				msg := fmt.Sprintf("%s has no column %q; its columns are %s", section, canon, strings.Join(cols, ", "))
				if s := nearestName(canon, cols); s != "" {
					msg = fmt.Sprintf("%s has no column %q — did you mean %s? Its columns are %s", section, canon, s, strings.Join(cols, ", "))
				}
				add(line, "%s", msg)
				continue
			}
			if src == "" {
				add(line, "%s.%s names no column: write the export's column name, e.g. %s: Date", section, canon, canon)
				continue
			}
			key := strings.ToLower(src)
			if other, dup := bySource[key]; dup {
				add(line, "%s.%s and %s.%s both read column %q; each column feeds one value", section, other, section, canon, src)
				continue
			}
			bySource[key] = canon
		}
	}
	checkColumns("posts", postColumns, m.Posts)
	checkColumns("mentions", mentionColumns, m.Mentions)
	checkColumns("drafts", draftColumns, m.Drafts)
	if m.TimeLayout != "" {
		if msg := checkLayout(m.TimeLayout); msg != "" {
			add(lineOf("time_layout", ""), "%s", msg)
		}
	}
	if m.Timezone != "" {
		if _, err := loadZone(m.Timezone); err != nil {
			add(lineOf("timezone", ""), "%s", err.Error())
		}
	}
	for _, section := range []struct {
		name  string
		pairs map[string]string
	}{{"channels", m.Channels}, {"types", m.Types}} {
		for _, k := range sortedNames(section.pairs) {
			if strings.TrimSpace(section.pairs[k]) == "" {
				add(lineOf(section.name, k), "%s: %q is renamed to nothing; write the strategy's id, e.g. %q: instagram", section.name, k, k)
			}
		}
	}
	return probs
}

// checkLayout returns what is wrong with a Go time layout, or "".
func checkLayout(layout string) string {
	ref := time.Date(2027, 3, 14, 15, 4, 5, 0, time.UTC)
	t, err := time.Parse(layout, ref.Format(layout))
	hint := "time_layout is a Go layout written with the reference time Mon Jan 2 15:04:05 MST 2006, e.g. \"2006-01-02 15:04\" for 2027-03-14 15:04, or \"1/2/2006 3:04 PM\" for 3/14/2027 3:04 PM"
	if err != nil || t.Year() != 2027 || t.Month() != 3 || t.Day() != 14 {
		return fmt.Sprintf("time_layout %q does not keep the date: %s", layout, hint)
	}
	if t.Hour() != 15 || t.Minute() != 4 {
		return fmt.Sprintf("time_layout %q does not keep the time of day (hours and minutes), which cadence and timing need: %s", layout, hint)
	}
	return ""
}

// loadZone loads an IANA zone, refusing "Local", which would make the
// result depend on the machine.
func loadZone(name string) (*time.Location, error) {
	if name == "Local" || name == "" {
		return nil, fmt.Errorf("timezone %q is not an IANA zone name such as Europe/Oslo", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		msg := fmt.Sprintf("timezone %q is not an IANA zone name such as Europe/Oslo or America/New_York", name)
		return nil, errors.New(msg)
	}
	return loc, nil
}

// ParseMapFlag reads the value of a --map flag: comma-separated
// canonical=source pairs, e.g. "published_at=Date,channel=Profile". A
// source column whose name holds a comma is kept whole: a piece without
// '=' belongs to the pair before it. time_layout=… and timezone=… set
// those fields. Apply the result with Mapping.With or MergeColumns. Errors
// do not repeat the flag's name; the caller adds it.
func ParseMapFlag(s string) (map[string]string, error) {
	pairs := map[string]string{}
	var pieces []string
	for _, p := range strings.Split(s, ",") {
		if len(pieces) > 0 && !strings.Contains(p, "=") {
			pieces[len(pieces)-1] += "," + p
			continue
		}
		pieces = append(pieces, p)
	}
	for _, p := range pieces {
		k, v, ok := strings.Cut(p, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || k == "" {
			return nil, fmt.Errorf("%q is not canonical=column pairs such as published_at=Date,channel=Profile", p)
		}
		if v == "" {
			return nil, fmt.Errorf("%s= names no column: write the export's column for %s, e.g. %s=Date", k, k, k)
		}
		if !slices.Contains(postColumns, k) && !slices.Contains(mentionColumns, k) && !slices.Contains(draftColumns, k) && k != "time_layout" && k != "timezone" {
			all := append(append([]string{}, postColumns...), mentionColumns[2:]...)
			for _, d := range draftColumns {
				if !slices.Contains(all, d) {
					all = append(all, d)
				}
			}
			msg := fmt.Sprintf("%s is not a canonical column; they are %s, plus time_layout and timezone", k, strings.Join(all, ", "))
			if c := nearestName(k, append(all, "time_layout", "timezone")); c != "" {
				msg = fmt.Sprintf("%s is not a canonical column — did you mean %s?", k, c)
			}
			return nil, errors.New(msg)
		}
		if _, dup := pairs[k]; dup {
			return nil, fmt.Errorf("%s is named twice", k)
		}
		pairs[k] = v
	}
	return pairs, nil
}

// With returns a copy of m (which may be nil) with the pairs of a --map
// flag applied, as MergeColumns does, and checks the result.
func (m *Mapping) With(pairs map[string]string) (*Mapping, error) {
	c := m.clone()
	c.MergeColumns(pairs)
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// MergeColumns applies the pairs of a --map flag to m: post, mention and
// drafts columns (a name the kinds share, such as id and channel, applies
// to each), time_layout and timezone. The
// readers validate the result.
func (m *Mapping) MergeColumns(pairs map[string]string) {
	c := m
	for _, k := range sortedNames(pairs) {
		v := pairs[k]
		switch {
		case k == "time_layout":
			c.TimeLayout = v
			continue
		case k == "timezone":
			c.Timezone = v
			continue
		}
		if slices.Contains(postColumns, k) {
			if c.Posts == nil {
				c.Posts = map[string]string{}
			}
			c.Posts[k] = v
		}
		if slices.Contains(mentionColumns, k) {
			if c.Mentions == nil {
				c.Mentions = map[string]string{}
			}
			c.Mentions[k] = v
		}
		if slices.Contains(draftColumns, k) {
			if c.Drafts == nil {
				c.Drafts = map[string]string{}
			}
			c.Drafts[k] = v
		}
	}
}

func (m *Mapping) clone() *Mapping {
	if m == nil {
		return &Mapping{}
	}
	c := *m
	c.Posts, c.Mentions, c.Drafts = copyNames(m.Posts), copyNames(m.Mentions), copyNames(m.Drafts)
	c.Channels, c.Types = copyNames(m.Channels), copyNames(m.Types)
	return &c
}

func copyNames(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	c := make(map[string]string, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

func sortedNames(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// nearestName returns the candidate s is most likely a typo of, or "".
func nearestName(s string, candidates []string) string {
	return validation.Suggest(s, candidates)
}
