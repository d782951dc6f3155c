package lint

import (
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

// limitsStrategy has an X, a Bluesky and an Instagram channel, the last
// with overrides, and the networks' limits switched on.
func limitsStrategy() *strategy.Strategy {
	s := testStrategy()
	s.Rules = nil
	two, no := 2, false
	s.Channels = []strategy.Channel{
		{ID: "x", Platform: "x"},
		{ID: "bsky", Platform: "bluesky"},
		{ID: "instagram", Platform: "instagram"},
		{ID: "ig-strict", Platform: "instagram", Limits: &strategy.PostLimits{MaxHashtags: &two, Links: &no}},
	}
	return s
}

func TestLimits(t *testing.T) {
	family := "👨‍👩‍👧‍👦"
	for _, tc := range []struct {
		name, channel, text string
		links               []string
		rules               map[string]string
		want                string
	}{
		{name: "X: 280 weighted fits", channel: "x", text: strings.Repeat("a", 280)},
		{name: "X: 281 weighted is too long, from the 281st", channel: "x", text: strings.Repeat("a", 281),
			want: "2:310+1 draft-too-long"},
		{name: "X: a long URL counts 23", channel: "x", text: strings.Repeat("a", 250) + " https://example.com/" + strings.Repeat("p", 200)},
		{name: "X: CJK weighs 2", channel: "x", text: strings.Repeat("日", 141),
			want: "2:170+1 draft-too-long"},
		{name: "Bluesky: 300 family emoji are 300 graphemes", channel: "bsky", text: strings.Repeat(family, 100)},
		{name: "Instagram: a link in the caption is plain text", channel: "instagram", text: "Se https://nordlys.no/tur",
			want: "2:33+22 draft-link-not-clickable"},
		{name: "override: 3 hashtags over a cap of 2", channel: "ig-strict", text: "#a #b #c",
			want: "2:36+2 draft-too-many"},
		{name: "override: links refused, in the link column", channel: "ig-strict", text: "Tur", links: []string{"https://nordlys.no"},
			want: "2:60+1 draft-platform-forbids"},
		{name: "a rule switched off", channel: "instagram", text: "Se https://nordlys.no/tur",
			rules: map[string]string{"draft-link-not-clickable": "off"}},
		{name: "unknown channel: the engine's finding, not this one", channel: "snapchat", text: strings.Repeat("a", 100000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := limitsStrategy()
			s.Rules = tc.rules
			d := draft(tc.text)
			d.Channel, d.Links = tc.channel, tc.links
			var got []string
			for _, f := range run(New(s, Options{Now: now}), d) {
				if strings.HasPrefix(f.Rule, "draft-too-") || f.Rule == "draft-link-not-clickable" || f.Rule == "draft-platform-forbids" {
					got = append(got, brief([]schema.Diagnostic{f}))
				}
			}
			if g := strings.Join(got, "; "); g != tc.want {
				t.Errorf("got %q, want %q", g, tc.want)
			}
		})
	}
}

// TestLimitsMessage: the finding says the measure in the network's unit.
func TestLimitsMessage(t *testing.T) {
	d := draft(strings.Repeat("a", 281))
	d.Channel = "x"
	fs := only(run(New(limitsStrategy(), Options{Now: now}), d), "draft-too-long")
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "281 of 280") || fs[0].Hint == "" {
		t.Fatalf("findings %+v", fs)
	}
}
