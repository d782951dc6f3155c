package drafts

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/pillar-strategy/pillar/internal/inputfile"
	"github.com/pillar-strategy/pillar/schema"
)

// This file reads a folder of Markdown posts, one file a post: YAML front
// matter between two --- lines with the canonical columns as keys, then
// the post's text as the body.
//
//	---
//	id: ig-0104
//	channel: instagram
//	scheduled_at: 2027-01-04 09:00
//	pillar: brand
//	media:
//	  - url: img/jan.jpg
//	    alt: A knitted sweater on a snowy bench
//	links: [https://nordlys.example/jan]
//	partners: ["@ingrid.knits"]
//	status: approved
//	---
//	The post's text.
//
// Every file is hostile (a pull request's author wrote it): the folder is
// confined to the repository root (a symbolic link out of it is refused,
// as validate refuses one in a strategy), only regular files are read,
// and files and their number are bounded.

// DirOptions say how to read a folder of Markdown posts.
type DirOptions struct {
	// Root is the folder every post must lie in (the repository root);
	// empty means the folder itself.
	Root string
	// Zone places scheduled times written without a UTC offset, as in
	// ReadOptions.
	Zone func(channel string) *time.Location
	// MaxFiles is the most posts read; zero means DefaultMaxFiles.
	MaxFiles int
	// MaxFileBytes is the largest post read; zero means DefaultMaxFileBytes.
	MaxFileBytes int64
}

// The default bounds of a folder of posts: far above a real content
// calendar, far below what would exhaust the machine.
const (
	DefaultMaxFiles     = 20000
	DefaultMaxFileBytes = 256 << 10
)

// postKeys are the front-matter keys a post may have; links is accepted
// for link, alt for alt_text.
var postKeys = []string{"id", "channel", "scheduled_at", "pillar", "tactic", "campaign", "link", "links", "media", "alt_text", "alt", "status", "owner", "partners"}

// IsMarkdown reports whether a file name is a Markdown post's.
func IsMarkdown(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		return true
	}
	return false
}

// ReadDir streams the Markdown posts under dir (and its subfolders), in
// lexical order, to fn; the Draft is fresh for each call. A post that
// cannot be read is passed to bad with where and why; README files are
// skipped. It returns the number of files read. A folder outside the root,
// or more posts than MaxFiles, is an error.
func ReadDir(dir string, opt DirOptions, fn func(*Draft) error, bad func(Reject)) (int, error) {
	if opt.MaxFiles <= 0 {
		opt.MaxFiles = DefaultMaxFiles
	}
	if opt.MaxFileBytes <= 0 {
		opt.MaxFileBytes = DefaultMaxFileBytes
	}
	rootDir := opt.Root
	if rootDir == "" {
		rootDir = dir
	}
	absRoot, err := filepath.Abs(rootDir)
	if err != nil {
		return 0, err
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return 0, err
	}
	rel, err := filepath.Rel(absRoot, absDir)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return 0, fmt.Errorf("%s is outside the repository root %s: pillar reads drafts only inside it (--root sets it)", dir, rootDir)
	}
	root, err := os.OpenRoot(absRoot)
	if err != nil {
		return 0, err
	}
	defer root.Close()
	n := 0
	err = fs.WalkDir(root.FS(), filepath.ToSlash(rel), func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if inputfile.IsOutside(err) || errors.Is(err, fs.ErrNotExist) && p == filepath.ToSlash(rel) {
				return fmt.Errorf("%s: %w", dir, err)
			}
			bad(Reject{File: display(dir, rel, p), Reason: "cannot read: " + err.Error()})
			return nil
		}
		if e.IsDir() || !IsMarkdown(p) || strings.EqualFold(strings.TrimSuffix(path.Base(p), path.Ext(p)), "readme") {
			return nil
		}
		n++
		if n > opt.MaxFiles {
			return fmt.Errorf("%s holds more than %d Markdown posts; check a smaller folder", dir, opt.MaxFiles)
		}
		name := display(dir, rel, p)
		src, why := readPost(root, p, opt.MaxFileBytes)
		if why != "" {
			bad(Reject{File: name, Reason: why})
			return nil
		}
		d, rejects := ParsePost(name, src, opt.Zone)
		if len(rejects) > 0 {
			for _, r := range rejects {
				bad(r)
			}
			return nil
		}
		return fn(&d)
	})
	return min(n, opt.MaxFiles), err
}

// display is a post's name as the user would write it: under dir as they
// named it.
func display(dir, rel, p string) string {
	sub := strings.TrimPrefix(strings.TrimPrefix(p, filepath.ToSlash(rel)), "/")
	if rel == "." {
		sub = p
	}
	return filepath.Join(dir, filepath.FromSlash(sub))
}

// readPost reads one post inside root: a regular file within the bounds.
// It returns why it cannot, or "".
func readPost(root *os.Root, p string, maxBytes int64) ([]byte, string) {
	f, err := inputfile.OpenIn(root, p)
	var nr *inputfile.NotRegularError
	switch {
	case inputfile.IsOutside(err):
		return nil, "it leads outside the repository root (a symbolic link?); pillar reads drafts only inside it"
	case errors.As(err, &nr):
		return nil, fmt.Sprintf("it is %s, not a regular file; pillar reads only regular files", inputfile.Kind(nr.Mode))
	case err != nil:
		return nil, "cannot read: " + err.Error()
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, maxBytes+1))
	if err != nil {
		return nil, "cannot read: " + err.Error()
	}
	if int64(len(src)) > maxBytes {
		return nil, fmt.Sprintf("the post is larger than %d KiB; a post is a caption and its front matter", maxBytes>>10)
	}
	return src, ""
}

// ParsePost reads one Markdown post: its front matter and body. It returns
// the draft, or the reasons it cannot be used, each with its position.
func ParsePost(name string, src []byte, zone func(string) *time.Location) (Draft, []Reject) {
	d := Draft{File: name, Line: 1}
	rej := func(line, col int, format string, args ...any) []Reject {
		return []Reject{{File: name, Pos: Position{Line: line, Column: col}, Reason: fmt.Sprintf(format, args...)}}
	}
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(src) {
		return d, rej(1, 0, "the post is not UTF-8; save it as UTF-8")
	}
	front, body, bodyLine, ok := splitFrontMatter(src)
	if !ok {
		return d, rej(1, 1, "the post has no front matter: start it with a line ---, then keys such as channel: and scheduled_at:, then another ---")
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(front, &doc); err != nil {
		line, msg := yamlProblem(err)
		return d, rej(line+1, 0, "the front matter is not valid YAML: %s", msg)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return d, rej(2, 1, "the front matter is not a map of keys such as channel: and scheduled_at:")
	}
	m := doc.Content[0]
	var probs []Reject
	add := func(n *yaml.Node, format string, args ...any) {
		probs = append(probs, Reject{File: name, Pos: Position{Line: n.Line + 1, Column: n.Column}, Reason: fmt.Sprintf(format, args...)})
	}
	at := func(f Field, n *yaml.Node) { d.Pos[f] = Position{Line: n.Line + 1, Column: n.Column} }
	var whenNode *yaml.Node
	var alt string
	var unknown []string
	unknownAt := map[string]*yaml.Node{}
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		switch k.Value {
		case "id", "channel", "pillar", "tactic", "campaign", "status", "owner", "scheduled_at", "alt_text", "alt":
			if v.Kind != yaml.ScalarNode {
				add(v, "%s is a single value, not a list or map", k.Value)
				continue
			}
			s := strings.TrimSpace(v.Value)
			switch k.Value {
			case "id":
				d.ID = s
				at(FieldID, v)
			case "channel":
				d.Channel = s
				at(FieldChannel, v)
			case "pillar":
				d.Pillar = s
				at(FieldPillar, v)
			case "tactic":
				d.Tactic = s
				at(FieldTactic, v)
			case "campaign":
				d.Campaign = s
				at(FieldCampaign, v)
			case "status":
				d.Status = strings.ToLower(s)
				at(FieldStatus, v)
			case "owner":
				d.Owner = s
				at(FieldOwner, v)
			case "scheduled_at":
				whenNode = v
				at(FieldAt, v)
			default:
				alt = s
				at(FieldAlt, v)
			}
		case "link", "links":
			at(FieldLink, v)
			d.Links = append(d.Links, stringsOf(v, add, k.Value)...)
		case "partners":
			at(FieldPartners, v)
			d.Partners = append(d.Partners, stringsOf(v, add, k.Value)...)
		case "media":
			at(FieldMedia, v)
			d.Media = mediaNodes(v, add)
		default:
			unknown = append(unknown, k.Value)
			unknownAt[k.Value] = k
		}
		seen[k.Value] = true
	}
	if d.Pos[FieldChannel].Line == 0 || d.Channel == "" {
		probs = append(probs, missingKey(name, "channel", unknown, unknownAt))
	}
	if whenNode == nil || strings.TrimSpace(whenNode.Value) == "" {
		probs = append(probs, missingKey(name, "scheduled_at", unknown, unknownAt))
	}
	// A key close to one pillar reads is a typo that would drop the value
	// silently (pilar: keeps the draft from its pillar); other keys a
	// team's front matter carries (title:, notes:) are left alone.
	for _, k := range unknown {
		if sug := schema.Suggest(k, frontMatterKeys); sug != "" && !seen[sug] && sug != "channel" && sug != "scheduled_at" {
			add(unknownAt[k], "front matter key %s is not one pillar reads — did you mean %s?", k, sug)
		}
	}
	if whenNode != nil && strings.TrimSpace(whenNode.Value) != "" {
		if t, local, ok := parseWhen(whenNode.Value); !ok {
			add(whenNode, "scheduled_at %s is not a time: write it as 2027-01-04 09:00 (in the channel's time zone) or 2027-01-04T09:00:00+01:00", short(whenNode.Value))
		} else {
			d.At = t
			if local {
				d.At = placeLocal(t, d.Channel, zone)
			}
		}
	}
	if len(probs) > 0 {
		return d, probs
	}
	if alt != "" {
		if len(d.Media) == 0 {
			d.Media = []Media{{Alt: alt}}
		} else if d.Media[0].Alt == "" {
			d.Media[0].Alt = alt
		}
	}
	if d.ID == "" {
		d.ID = strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	}
	// The text starts at the body's first non-blank line.
	for len(body) > 0 {
		nl := bytes.IndexByte(body, '\n')
		if nl < 0 || len(bytes.TrimSpace(body[:nl])) > 0 {
			break
		}
		body = body[nl+1:]
		bodyLine++
	}
	d.Text = strings.TrimRight(string(body), " \t\r\n")
	d.Pos[FieldText] = Position{Line: bodyLine, Column: 1}
	return d, nil
}

// missingKey says a required key is missing, naming a key that looks
// like a typo of it.
func missingKey(name, key string, unknown []string, at map[string]*yaml.Node) Reject {
	msg := fmt.Sprintf("the front matter has no %s: every post needs one", key)
	pos := Position{Line: 1, Column: 1}
	if s := schema.Suggest(key, unknown); s != "" {
		msg = fmt.Sprintf("the front matter has no %s — is %s a typo of it?", key, s)
		if n := at[s]; n != nil {
			pos = Position{Line: n.Line + 1, Column: n.Column} // at the misspelt key
		}
	}
	return Reject{File: name, Pos: pos, Reason: msg}
}

// frontMatterKeys are the keys a Markdown post's front matter may hold.
var frontMatterKeys = []string{"id", "channel", "scheduled_at", "pillar", "tactic", "campaign", "status", "owner",
	"link", "links", "media", "alt", "alt_text", "partners"}

// splitFrontMatter splits a post into its front matter (without the ---
// lines) and body, and returns the line the body starts on.
func splitFrontMatter(src []byte) (front, body []byte, bodyLine int, ok bool) {
	first, rest, found := bytes.Cut(src, []byte("\n"))
	if !found || string(bytes.TrimRight(first, " \t\r")) != "---" {
		return nil, nil, 0, false
	}
	line := 2
	start := len(first) + 1
	for off := 0; off <= len(rest); line++ {
		l := rest[off:]
		end := bytes.IndexByte(l, '\n')
		if end < 0 {
			end = len(l)
		}
		t := string(bytes.TrimRight(l[:end], " \t\r"))
		if t == "---" || t == "..." {
			front = src[start : start+off]
			bodyStart := start + off + end + 1
			if bodyStart > len(src) {
				bodyStart = len(src)
			}
			return front, src[bodyStart:], line + 1, true
		}
		if end == len(l) {
			break
		}
		off += end + 1
	}
	return nil, nil, 0, false
}

// stringsOf reads a string or a list of strings.
func stringsOf(v *yaml.Node, add func(*yaml.Node, string, ...any), key string) []string {
	switch v.Kind {
	case yaml.ScalarNode:
		return strings.Fields(v.Value)
	case yaml.SequenceNode:
		var out []string
		for _, it := range v.Content {
			if it.Kind != yaml.ScalarNode {
				add(it, "each of %s is a single value", key)
				continue
			}
			if s := strings.TrimSpace(it.Value); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	add(v, "%s is a value or a list of values, not a map", key)
	return nil
}

// mediaNodes reads media: a URL, a list of URLs, or a list of {url, alt}.
func mediaNodes(v *yaml.Node, add func(*yaml.Node, string, ...any)) []Media {
	items := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		items = v.Content
	}
	var out []Media
	for _, it := range items {
		switch it.Kind {
		case yaml.ScalarNode:
			if s := strings.TrimSpace(it.Value); s != "" {
				out = append(out, Media{URL: s})
			}
		case yaml.MappingNode:
			var m Media
			for i := 0; i+1 < len(it.Content); i += 2 {
				k, val := it.Content[i].Value, it.Content[i+1]
				if val.Kind != yaml.ScalarNode {
					add(val, "media %s is a single value", k)
					continue
				}
				switch k {
				case "url", "src", "file":
					m.URL = strings.TrimSpace(val.Value)
				case "alt", "alt_text":
					m.Alt = strings.TrimSpace(val.Value)
				}
			}
			out = append(out, m)
		default:
			add(it, "each medium is a URL or a map with url: and alt:")
		}
	}
	return out
}

// whenLayouts are the ways a scheduled time may be written without an
// offset; with one, RFC 3339.
var whenLayouts = []string{"2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02 15:04:05"}

// parseWhen reads a scheduled time. A time without a UTC offset comes back
// in UTC with local set, for placeLocal.
func parseWhen(s string) (t time.Time, local, ok bool) {
	s = strings.TrimSpace(s)
	for _, l := range []string{time.RFC3339, "2006-01-02 15:04:05Z07:00", "2006-01-02T15:04Z07:00", "2006-01-02 15:04Z07:00"} {
		if t, err := time.Parse(l, s); err == nil {
			return t, false, t.Year() >= 1970
		}
	}
	for _, l := range whenLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true, t.Year() >= 1970
		}
	}
	return time.Time{}, false, false
}

// yamlProblem turns yaml.v3's "yaml: line 3: …" into the line and the
// message.
func yamlProblem(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if _, e := fmt.Sscanf(msg, "line %d:", &line); e == nil {
		if i := strings.Index(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
		return line, msg
	}
	return 1, msg
}
