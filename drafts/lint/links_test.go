package lint

import (
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/strategy"
)

func TestMediaAlt(t *testing.T) {
	for _, tc := range []struct {
		name  string
		media []drafts.Media
		noAlt bool // the draft has no alt field position
		want  []string
	}{
		{name: "with alt text", media: []drafts.Media{{URL: "a.jpg", Alt: "Two hikers on a ridge"}}},
		{name: "without", media: []drafts.Media{{URL: "a.jpg"}}, want: []string{"2:80+1 the media (a.jpg) has no alt text"}},
		{name: "blank alt", media: []drafts.Media{{URL: "a.jpg", Alt: " \t"}}, want: []string{"2:80+1 the media (a.jpg) has no alt text"}},
		{name: "the second of two", media: []drafts.Media{{URL: "a.jpg", Alt: "x"}, {URL: "b.mp4"}}, want: []string{"2:80+1 media 2 of 2 (b.mp4) has no alt text"}},
		{name: "no alt column: at the media", media: []drafts.Media{{URL: "a.jpg"}}, noAlt: true, want: []string{"2:70+5 the media (a.jpg) has no alt text"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := draft("Tur")
			d.Media = tc.media
			if tc.noAlt {
				d.Pos[drafts.FieldAlt] = drafts.Position{}
			}
			var got []string
			for _, f := range run(New(testStrategy(), Options{Now: now}), d) {
				got = append(got, strings.TrimSuffix(brief(append(f0(), f)), " draft-media-no-alt")+" "+f.Message)
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func utmStrategy(utm *strategy.UTM) *strategy.Strategy {
	s := testStrategy()
	s.Links = &strategy.Links{UTM: utm}
	return s
}

var convention = &strategy.UTM{Source: "{platform}", Medium: "social", Campaign: "{campaign}"}

func TestLinks(t *testing.T) {
	for _, tc := range []struct {
		name     string
		utm      *strategy.UTM
		link     string
		text     string
		campaign string
		want     []string
	}{
		{name: "https link", link: "https://example.com/a"},
		{name: "http link", link: "http://example.com/a", want: []string{"2:60+20 draft-link-not-https: the link http://example.com/a uses http, not https"}},
		{name: "no scheme", link: "example.com/a", want: []string{"2:60+13 draft-link-not-https: the link example.com/a has no scheme; write it as https://example.com/a"}},
		{name: "http in the text, without the full stop", text: "Se http://example.com/a.", want: []string{"2:33+20 draft-link-not-https: the link http://example.com/a uses http, not https"}},
		{name: "www in the text is the platform's", text: "Se www.example.com"},
		{name: "brackets", text: "Se (http://example.com/a_(b)).", want: []string{"2:34+24 draft-link-not-https: the link http://example.com/a_(b) uses http, not https"}},
		{name: "utm: the brand's site from its website", utm: convention, campaign: "vinter", link: "https://nordlys.no/jakker",
			want: []string{"2:60+25 draft-link-utm: the link https://nordlys.no/jakker needs utm_source=instagram, utm_medium=social, utm_campaign=vinter"}},
		{name: "utm: all there", utm: convention, campaign: "vinter", link: "https://www.nordlys.no/j?utm_source=instagram&utm_medium=social&utm_campaign=vinter"},
		{name: "utm: a wrong value, in a subdomain", utm: convention, campaign: "vinter", link: "https://shop.nordlys.no/j?utm_source=IG&utm_medium=social&utm_campaign=vinter",
			want: []string{`2:60+77 draft-link-utm: the link https://shop.nordlys.no/j?utm_source=IG&utm_medium=social&ut… needs utm_source=instagram (not "IG")`}},
		{name: "utm: another site", utm: convention, link: "https://example.com/"},
		{name: "utm: a look-alike site", utm: convention, link: "https://notnordlys.no/", want: nil},
		{name: "utm: a draft without a campaign leaves it unchecked", utm: convention, link: "https://nordlys.no/?utm_source=instagram&utm_medium=social"},
		{name: "utm: required", utm: &strategy.UTM{Campaign: "required"}, link: "https://nordlys.no/",
			want: []string{"2:60+19 draft-link-utm: the link https://nordlys.no/ needs utm_campaign"}},
		{name: "utm: required with a value", utm: &strategy.UTM{Campaign: "required"}, link: "https://nordlys.no/?utm_campaign=x"},
		{name: "utm: placeholders inside a value", utm: &strategy.UTM{Content: "{channel}-{platform}-x"}, link: "https://nordlys.no/?utm_content=instagram-instagram-x"},
		{name: "utm: placeholders inside a wrong value", utm: &strategy.UTM{Content: "{channel}-x"}, link: "https://nordlys.no/?utm_content=linkedin-x",
			want: []string{`2:60+42 draft-link-utm: the link https://nordlys.no/?utm_content=linkedin-x needs utm_content=instagram-x (not "linkedin-x")`}},
		{name: "utm: a placeholder the draft has no value for", utm: &strategy.UTM{Content: "{channel}-{pillar}"}, link: "https://nordlys.no/"},
		{name: "utm: declared domains", utm: &strategy.UTM{Domains: []string{"nordlys.com"}, Medium: "social"}, link: "https://nordlys.no/ https://a.nordlys.com/x",
			want: []string{"2:60+1 draft-link-utm: the link https://a.nordlys.com/x needs utm_medium=social"}},
		{name: "utm: in the text, both rules", utm: &strategy.UTM{Medium: "social"}, text: "Les mer: http://nordlys.no/x!",
			want: []string{"2:39+19 draft-link-not-https: the link http://nordlys.no/x uses http, not https", "2:39+19 draft-link-utm: the link http://nordlys.no/x needs utm_medium=social"}},
		{name: "utm: a link without a scheme in the field is read as https", utm: &strategy.UTM{Medium: "social"}, link: "nordlys.no/x",
			want: []string{"2:60+12 draft-link-not-https: the link nordlys.no/x has no scheme; write it as https://nordlys.no/x", "2:60+12 draft-link-utm: the link nordlys.no/x needs utm_medium=social"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := testStrategy()
			if tc.utm != nil {
				s = utmStrategy(tc.utm)
			}
			d := draft(tc.text)
			if tc.link != "" {
				d.Links = strings.Fields(tc.link)
			}
			d.Campaign = tc.campaign
			var got []string
			for _, f := range run(New(s, Options{Now: now}), d) {
				got = append(got, brief(append(f0(), f))+": "+f.Message)
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestSplitURL(t *testing.T) {
	for _, tc := range []struct{ raw, host, query string }{
		{"https://nordlys.no", "nordlys.no", ""},
		{"https://nordlys.no/a/b?x=1&y=2#frag?z", "nordlys.no", "x=1&y=2"},
		{"https://user:pw@shop.nordlys.no:8443/?q", "shop.nordlys.no", "q"},
		{"https://nordlys.no?utm_source=a", "nordlys.no", "utm_source=a"},
		{"https://[::1]:80/x", "[::1]", ""},
		{"nordlys.no/x", "", ""},
	} {
		host, query := splitURL(tc.raw)
		if host != tc.host || query != tc.query {
			t.Errorf("splitURL(%q) = %q, %q; want %q, %q", tc.raw, host, query, tc.host, tc.query)
		}
	}
	for _, tc := range []struct {
		query, key, want string
		ok               bool
	}{
		{"utm_source=instagram&utm_medium=social", "utm_medium", "social", true},
		{"utm_source=a&utm_source=b", "utm_source", "a", true},
		{"utm_campaign=v%C3%A5r+2027", "utm_campaign", "vår 2027", true},
		{"utm%5Fsource=x", "utm_source", "x", true},
		{"utm_source", "utm_source", "", true},
		{"xutm_source=a", "utm_source", "", false},
	} {
		got, ok := queryValue(tc.query, tc.key)
		if got != tc.want || ok != tc.ok {
			t.Errorf("queryValue(%q, %q) = %q, %v; want %q, %v", tc.query, tc.key, got, ok, tc.want, tc.ok)
		}
	}
}
