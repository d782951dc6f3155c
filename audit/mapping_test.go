package audit

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestLoadMappingExamples(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "examples", "mappings", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no example mappings: %v", err)
	}
	for _, f := range files {
		m, err := LoadMapping(f)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		// An example maps some kind of file: post history, or drafts.
		if m.Name == "" || len(m.Posts)+len(m.Drafts) == 0 {
			t.Errorf("%s: loaded %+v", f, m)
		}
	}
}

func TestLoadMapping(t *testing.T) {
	m, err := parseMapping("m.yaml", []byte("posts:\n  published_at: Date\n  channel: Profile\nmentions:\n  received_at: Received\ntime_layout: \"2006-01-02 15:04\"\ntimezone: Europe/Oslo\nchannels:\n  \"Nordlys (Instagram)\": instagram\ntypes:\n  Klage: complaint\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := &Mapping{Name: "m.yaml", Posts: map[string]string{"published_at": "Date", "channel": "Profile"},
		Mentions: map[string]string{"received_at": "Received"}, TimeLayout: "2006-01-02 15:04", Timezone: "Europe/Oslo",
		Channels: map[string]string{"Nordlys (Instagram)": "instagram"}, Types: map[string]string{"Klage": "complaint"}}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("got %+v\nwant %+v", m, want)
	}
}

func TestLoadMappingErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"", "m.yaml: the mapping is empty"},
		{"- a\n- b\n", "m.yaml:1: a mapping is a YAML map"},
		{"posts:\n  published_at: Date\ncolumns:\n  x: y\n", "m.yaml:3: unknown key columns: a mapping has name, posts, mentions, drafts, time_layout, timezone, channel, channels, types"},
		{"posts:\n  id: ID\n  publshed_at: Date\n", "m.yaml:3: posts has no column \"publshed_at\" — did you mean published_at?"},
		{"posts:\n  colour: Red\n", "m.yaml:2: posts has no column \"colour\"; its columns are id, published_at, channel, pillar, tactic, text, mentions, likes, comments, shares, saves, clicks, impressions, reach, followers"},
		{"mentions:\n  published_at: Date\n", "m.yaml:2: mentions has no column \"published_at\""},
		{"posts:\n  id: \"\"\n", "m.yaml:2: posts.id names no column"},
		{"posts:\n  likes: Reactions\n  shares: reactions\n", "m.yaml:3: posts.likes and posts.shares both read column \"reactions\""},
		{"posts:\n  id: ID\ntimezone: Europe/Olso\n", "m.yaml:3: timezone \"Europe/Olso\" is not an IANA zone name"},
		{"posts:\n  id: ID\ntimezone: Local\n", "m.yaml:3: timezone \"Local\" is not an IANA zone name"},
		{"posts:\n  id: ID\n\ntime_layout: YYYY-MM-DD HH:mm\n", "m.yaml:4: time_layout \"YYYY-MM-DD HH:mm\" does not keep the date"},
		{"posts:\n  id: ID\ntime_layout: \"2006-01-02\"\n", "m.yaml:3: time_layout \"2006-01-02\" does not keep the time of day"},
		{"posts: [id, Date]\n", "m.yaml:1: wrong kind of value"},
		{"posts:\n  id: ID\n bad: indent\n", "m.yaml:2: did not find expected key"},
		{"channels:\n  Nordlys: \"\"\n", "m.yaml:2: channels: \"Nordlys\" is renamed to nothing"},
	} {
		_, err := parseMapping("m.yaml", []byte(c.src))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q:\n got %v\nwant %s…", c.src, err, c.want)
		}
	}
	if _, err := LoadMapping(filepath.Join(t.TempDir(), "none.yaml")); !os.IsNotExist(err) {
		t.Errorf("missing file: %v", err)
	}
	big := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(big, []byte("# "+strings.Repeat("x", maxMappingBytes)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadMapping(big); err == nil || !strings.Contains(err.Error(), "larger than 1 MiB") {
		t.Errorf("big file: %v", err)
	}
}

func TestParseMapFlag(t *testing.T) {
	for _, c := range []struct {
		in   string
		want map[string]string
		err  string
	}{
		{in: "published_at=Date,channel=Profile", want: map[string]string{"published_at": "Date", "channel": "Profile"}},
		{in: " published_at = Date , channel=Profile ", want: map[string]string{"published_at": "Date", "channel": "Profile"}},
		{in: "likes=Reactions, Comments and Shares,id=Post ID", want: map[string]string{"likes": "Reactions, Comments and Shares", "id": "Post ID"}},
		{in: "time_layout=Jan 2, 2006 15:04,timezone=Europe/Oslo", want: map[string]string{"time_layout": "Jan 2, 2006 15:04", "timezone": "Europe/Oslo"}},
		{in: "received_at=Received", want: map[string]string{"received_at": "Received"}},
		{in: "publshed_at=Date", err: "publshed_at is not a canonical column — did you mean published_at?"},
		{in: "colour=Red", err: "colour is not a canonical column; they are id, published_at"},
		{in: "published_at=", err: "published_at= names no column"},
		{in: "Date", err: "\"Date\" is not canonical=column pairs"},
		{in: "id=A,id=B", err: "id is named twice"},
	} {
		got, err := ParseMapFlag(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: err %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: got %v, %v; want %v", c.in, got, err, c.want)
		}
	}
}

func TestMappingWith(t *testing.T) {
	var none *Mapping
	m, err := none.With(map[string]string{"id": "ID", "published_at": "Date", "timezone": "Europe/Oslo", "time_layout": "2006-01-02 15:04"})
	if err != nil {
		t.Fatal(err)
	}
	want := &Mapping{Posts: map[string]string{"id": "ID", "published_at": "Date"}, Mentions: map[string]string{"id": "ID"}, Drafts: map[string]string{"id": "ID"},
		TimeLayout: "2006-01-02 15:04", Timezone: "Europe/Oslo"}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("got %+v, want %+v", m, want)
	}
	if _, err := m.With(map[string]string{"timezone": "Mars/Olympus"}); err == nil {
		t.Error("an unknown zone was accepted")
	}
	// With copies: the preset is not changed.
	p, _ := Preset("sprout-social")
	if _, err := p.With(map[string]string{"likes": "Reactions"}); err != nil {
		t.Fatal(err)
	}
	if p.Posts["likes"] != "Likes" {
		t.Error("With changed its receiver")
	}
}

func TestPresets(t *testing.T) {
	names := Presets()
	if !reflect.DeepEqual(names, []string{"meta-facebook", "meta-instagram", "sprout-social"}) {
		t.Errorf("presets %v", names)
	}
	for _, n := range names {
		m, ok := Preset(n)
		if !ok || m.Name != n {
			t.Fatalf("Preset(%q) = %+v, %v", n, m, ok)
		}
		if err := m.Validate(); err != nil {
			t.Errorf("%s: %v", n, err)
		}
		if m.Posts["id"] == "" || m.Posts["published_at"] == "" || (m.Posts["channel"] == "" && m.Channel == "") {
			t.Errorf("%s lacks a required column", n)
		}
		// Each call returns a fresh copy.
		m.Posts["id"] = "changed"
		if again, _ := Preset(n); again.Posts["id"] == "changed" {
			t.Errorf("%s: Preset returns a shared mapping", n)
		}
	}
	if _, ok := Preset("buffer"); ok {
		t.Error("a preset nobody wrote")
	}
}

func TestLayoutHasZone(t *testing.T) {
	for layout, want := range map[string]bool{
		"2006-01-02 15:04":          false,
		"2006-01-02T15:04:05Z07:00": true,
		"2006-01-02 15:04 -0700":    true,
		"2006-01-02 15:04 MST":      false, // abbreviations are ambiguous
		"1/2/2006 3:04 PM":          false,
	} {
		if got := layoutHasZone(layout); got != want {
			t.Errorf("%q: %v", layout, got)
		}
	}
}
