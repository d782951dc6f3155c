package platform

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/strategy"
)

func ptr[T any](v T) *T { return &v }

func TestFor(t *testing.T) {
	tests := []struct {
		name     string
		platform string
		o        *strategy.PostLimits
		check    func(t *testing.T, l Limits)
	}{
		{"the table's X", "x", nil, func(t *testing.T, l Limits) {
			if l.MaxChars != 280 || l.Counting != Weighted || l.URLLength != 23 || l.Name != "X" || l.Sources.Chars != srcXCounting {
				t.Errorf("X = %+v", l)
			}
		}},
		{"a longer X post for a subscriber", "x", &strategy.PostLimits{MaxChars: ptr(25000)}, func(t *testing.T, l Limits) {
			if l.MaxChars != 25000 || l.Counting != Weighted || l.Sources.Chars != OverrideSource {
				t.Errorf("X with max_chars 25000 = %+v", l)
			}
			if l.MaxHashtags != 50 || l.Sources.Hashtags != srcTweetypie {
				t.Errorf("an override of max_chars changed the hashtags: %+v", l)
			}
		}},
		{"counting changed", "instagram", &strategy.PostLimits{Counting: "graphemes"}, func(t *testing.T, l Limits) {
			if l.Counting != Graphemes || l.MaxChars != 2200 || l.Sources.Chars != OverrideSource {
				t.Errorf("Instagram counting graphemes = %+v", l)
			}
		}},
		{"every count overridden", "linkedin", &strategy.PostLimits{MaxHashtags: ptr(3), MaxMentions: ptr(2), MaxLinks: ptr(1)}, func(t *testing.T, l Limits) {
			if l.MaxHashtags != 3 || l.MaxMentions != 2 || l.MaxLinks != 1 ||
				l.Sources.Hashtags != OverrideSource || l.Sources.Mentions != OverrideSource || l.Sources.Links != OverrideSource {
				t.Errorf("LinkedIn with counts = %+v", l)
			}
		}},
		{"links refused", "linkedin", &strategy.PostLimits{Links: ptr(false)}, func(t *testing.T, l Limits) {
			if l.Links != LinksForbidden {
				t.Errorf("links: false gives %q", l.Links)
			}
		}},
		{"links taken on Instagram", "instagram", &strategy.PostLimits{Links: ptr(true)}, func(t *testing.T, l Limits) {
			if l.Links != LinksClickable {
				t.Errorf("links: true gives %q", l.Links)
			}
		}},
		{"a platform without limits", "newsletter", nil, func(t *testing.T, l Limits) {
			if l.MaxChars != 0 || l.MaxHashtags != 0 || l.Counting != Chars || l.Platform != "newsletter" {
				t.Errorf("newsletter = %+v", l)
			}
		}},
		{"a platform without limits, with the channel's", "other", &strategy.PostLimits{MaxChars: ptr(200), Counting: "utf16"}, func(t *testing.T, l Limits) {
			if l.MaxChars != 200 || l.Counting != UTF16 {
				t.Errorf("other with limits = %+v", l)
			}
		}},
		{"what the schema refuses is ignored", "x", &strategy.PostLimits{MaxChars: ptr(0), MaxHashtags: ptr(-1), Counting: "words"}, func(t *testing.T, l Limits) {
			if l.MaxChars != 280 || l.MaxHashtags != 50 || l.Counting != Weighted {
				t.Errorf("X with invalid overrides = %+v", l)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, For(tt.platform, tt.o)) })
	}
}

// TestForOverridesChangeCheck checks a draft both ways: within the
// network's limits, over the channel's.
func TestForOverridesChangeCheck(t *testing.T) {
	text := "Vinter i fjellet #ski #friluftsliv #nordlys @kari @lars https://nordlys.no"
	if ps := For("linkedin", nil).Check(text, nil); len(ps) != 0 {
		t.Fatalf("LinkedIn's own limits: %+v", ps)
	}
	o := &strategy.PostLimits{MaxChars: ptr(40), MaxHashtags: ptr(2), MaxMentions: ptr(1), Links: ptr(false)}
	var rules []string
	for _, p := range For("linkedin", o).Check(text, nil) {
		rules = append(rules, p.Rule)
		if p.Source != OverrideSource {
			t.Errorf("%s: source %q", p.Rule, p.Source)
		}
	}
	want := []string{"text-too-long", "too-many-hashtags", "too-many-mentions", "links-not-allowed"}
	if !slices.Equal(rules, want) {
		t.Errorf("rules = %v, want %v", rules, want)
	}
}

// TestTable holds the table to its promises: every network is one the
// schema accepts, every number has a public source, and the schema's
// counting names are the package's.
func TestTable(t *testing.T) {
	raw, err := os.ReadFile("../schema/strategy.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Defs map[string]struct {
			Enum       []string `json:"enum"`
			Properties map[string]struct {
				Properties map[string]struct {
					Enum []string `json:"enum"`
				} `json:"properties"`
			} `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	platforms := doc.Defs["platform"].Enum
	if len(platforms) == 0 {
		t.Fatal("the schema has no platform enum")
	}
	for _, l := range Table() {
		if !slices.Contains(platforms, l.Platform) {
			t.Errorf("%s is not a platform the schema accepts", l.Platform)
		}
		for _, n := range []struct {
			what  string
			value int
			src   string
		}{
			{"max chars", l.MaxChars, l.Sources.Chars},
			{"max bytes", l.MaxBytes, l.Sources.Bytes},
			{"max hashtags", l.MaxHashtags, l.Sources.Hashtags},
			{"max mentions", l.MaxMentions, l.Sources.Mentions},
			{"max links", l.MaxLinks, l.Sources.Links},
			{"link rule", len(l.Links), l.Sources.Links},
			{"forbidden", len(l.Forbidden), l.Sources.Forbidden},
		} {
			if n.value > 0 && !strings.HasPrefix(n.src, "https://") {
				t.Errorf("%s: %s %d has no public source (%q)", l.Platform, n.what, n.value, n.src)
			}
			if n.value == 0 && n.src != "" && n.what != "max links" && n.what != "link rule" {
				t.Errorf("%s: %s has a source but no limit", l.Platform, n.what)
			}
		}
		if l.MaxChars == 0 || !validCounting(l.Counting) {
			t.Errorf("%s: no length or an unknown counting %q", l.Platform, l.Counting)
		}
	}
	var counting []string
	for _, c := range Countings {
		counting = append(counting, string(c))
	}
	got := doc.Defs["channel"].Properties["limits"].Properties["counting"].Enum
	if !slices.Equal(got, counting) {
		t.Errorf("the schema's countings %v, the package's %v", got, counting)
	}
}
