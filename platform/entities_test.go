package platform

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func tokens(text string, ts []Token) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Text(text))
	}
	return out
}

// The hashtag and mention cases follow twitter-text 3's extractHashtags
// and extractMentions, except where a note says otherwise.
func TestScanHashtags(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"#ski #Skiløping #日本 C#sharp #1 #_x &#39; ＃fullwidth #a#b", []string{"#ski", "#Skiløping", "#日本", "#_x", "＃fullwidth"}},
		{"Ut på tur! #friluftsliv, #nordlys.", []string{"#friluftsliv", "#nordlys"}},
		{"#Καλοκαίρι #été", []string{"#Καλοκαίρι", "#été"}},
		{"https://nordlys.no/#anchor #tur", []string{"#tur"}},
		{"#", nil},
		{"(#tur)", []string{"#tur"}},
	}
	for _, tt := range tests {
		if got := tokens(tt.text, Scan(tt.text).Hashtags); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("hashtags of %q = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestScanMentions(t *testing.T) {
	tests := []struct {
		text string
		want []string
		dom  []int
	}{
		// twitter-text takes "@ingrid" of "@ingrid-b"; Bluesky and
		// Mastodon handles have hyphens and dots, so the whole is taken.
		{"@kari @Nordlys_AS. kari@x.no @@x .@y @ingrid-b", []string{"@kari", "@Nordlys_AS", "@y", "@ingrid-b"}, []int{0, 0, 0, 0}},
		{"Takk @kari.bsky.social og @lars@nordlys.social!", []string{"@kari.bsky.social", "@lars@nordlys.social"}, []int{0, len("@nordlys.social")}},
		{"@lars@localhost", []string{"@lars"}, []int{0}},
		{"see https://x.com/@nordlys", nil, nil},
	}
	for _, tt := range tests {
		ms := Scan(tt.text).Mentions
		if got := tokens(tt.text, ms); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("mentions of %q = %q, want %q", tt.text, got, tt.want)
			continue
		}
		for i, m := range ms {
			if m.Domain != tt.dom[i] {
				t.Errorf("%q: domain of %q = %d, want %d", tt.text, m.Text(tt.text), m.Domain, tt.dom[i])
			}
		}
	}
}

func TestScanURLs(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Se https://nordlys.no/turer?utm_source=x&utm_medium=social for mer", []string{"https://nordlys.no/turer?utm_source=x&utm_medium=social"}},
		{"Les nordlys.no i dag", []string{"nordlys.no"}},
		{"www.nordlys.no.", []string{"www.nordlys.no"}},
		{"HTTPS://EXAMPLE.COM/X", []string{"HTTPS://EXAMPLE.COM/X"}},
		{"(see https://example.com/a_(b))", []string{"https://example.com/a_(b)"}},
		{"mail kari@nordlys.no now", nil},
		{"e.g. f.eks. bl.a. kl.10", nil},
		{"x.com, and shop.nordlys.store!", []string{"x.com", "shop.nordlys.store"}},
		{"«https://nordlys.no/fjelltur»", []string{"https://nordlys.no/fjelltur"}},
		{"https://nordlys.no/turer/fjellløype", []string{"https://nordlys.no/turer/fjellløype"}},
		{"https:// nothing", nil},
		{"www. nothing", nil},
		{"a-.no -a.no", nil},
	}
	for _, tt := range tests {
		if got := tokens(tt.text, Scan(tt.text).URLs); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("URLs of %q = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestScanHostileTextIsLinear feeds texts built to make a naive scanner
// quadratic; a hang-guard, not a timing.
func TestScanHostileTextIsLinear(t *testing.T) {
	for _, text := range []string{
		"https://a.no/" + strings.Repeat(")", 200000),
		strings.Repeat("a.", 200000),
		strings.Repeat("#a", 200000),
		strings.Repeat("@a@", 100000),
		strings.Repeat("x ", 200000),
		"#" + strings.Repeat("é", 100000) + "#",
	} {
		done := make(chan struct{})
		go func() {
			defer close(done)
			_ = For("mastodon", nil).Check(text, nil)
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("Check took over 20 s on a text of %d bytes starting %q", len(text), text[:20])
		}
	}
}

// TestScanURLsAsTwitterText holds the URL shapes that twitter-text 3
// (extractUrls) was seen to take, so X's count of 23 a URL is spent where
// X spends it.
func TestScanURLsAsTwitterText(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"fjelletf.eks.https://nordlys.no/a?b=c", []string{"https://nordlys.no/a?b=c"}},   // a scheme after a full stop
		{"のnordlys.no/path", []string{"nordlys.no/path"}},                                 // after another script
		{"https://nordlys.no/a?b=cの", []string{"https://nordlys.no/a?b=c"}},               // a query is ASCII
		{"x.com/pathf.eks.a.b山nordlys.no", []string{"x.com/pathf.eks.a.b", "nordlys.no"}}, // a path stops at CJK
		{"nordlys.no#ski", []string{"nordlys.no"}},                                        // a fragment needs a path
		{"https://nordlys.no/turer#vinter.", []string{"https://nordlys.no/turer#vinter"}},
		{"https://nordlys.no:8080/x", []string{"https://nordlys.no:8080/x"}},
		{"https://localhost/x", nil},
		{"se https://nordlys.no?", []string{"https://nordlys.no"}},
	}
	for _, tt := range tests {
		if got := tokens(tt.text, Scan(tt.text).URLs); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("URLs of %q = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestMastodonBareDomain: Mastodon counts 23 only for URLs with their
// scheme; X for bare domains too.
func TestMastodonBareDomain(t *testing.T) {
	text := "Les nordlys.no i dag"
	if got := For("mastodon", nil).Count(text); got != len(text) {
		t.Errorf("Mastodon counts %d, want %d", got, len(text))
	}
	if got := For("x", nil).Count(text); got != 33 {
		t.Errorf("X counts %d, want 33", got)
	}
}
