package lint

import (
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/schema"
)

func TestDisclosure(t *testing.T) {
	in := func(days int) time.Time { return now.AddDate(0, 0, days) }
	for _, tc := range []struct {
		name     string
		text     string
		partners []string
		channel  string
		at       time.Time
		want     string
	}{
		{name: "paid partner without a tag", text: "Tur med @anna.outside", want: "2:38+13 draft-undisclosed-partner"},
		{name: "with a tag", text: "Tur med @anna.outside #annonse"},
		{name: "tag in another case", text: "Tur med @anna.outside #ANNONSE"},
		{name: "tag declared in another case", text: "Tur med @anna.outside #ad"},
		{name: "a longer hashtag is not the tag", text: "Tur med @anna.outside #annonsering", want: "2:38+13 draft-undisclosed-partner"},
		{name: "the tag as a plain word is not a hashtag", text: "Annonse: tur med @anna.outside", want: "2:47+13 draft-undisclosed-partner"},
		{name: "handle in another case, then punctuation", text: "Takk, @Anna.Outside.", want: "2:36+13 draft-undisclosed-partner"},
		{name: "e-mail address is not a mention", text: "Skriv til post@anna.outside"},
		{name: "after punctuation", text: "Takk,@anna.outside!", want: "2:35+13 draft-undisclosed-partner"},
		{name: "organic influencer", text: "Takk @fjelljenta"},
		{name: "named in the partners field", text: "Tur", partners: []string{"@anna.outside"}, want: "2:100+13 draft-undisclosed-partner"},
		{name: "partners field with a tag in the text", text: "Tur #annonse", partners: []string{"anna.outside"}},
		{name: "another platform", text: "Tur med @anna.outside", channel: "linkedin"},
		{name: "an unknown channel matches every platform", text: "Tur med @anna.outside", channel: "tiktok", want: "2:38+13 draft-undisclosed-partner"},
		{name: "before the contract", text: "Tur med @anna.outside", at: time.Date(2026, 12, 31, 23, 0, 0, 0, oslo)},
		{name: "on the contract's last day", text: "Tur med @anna.outside", at: time.Date(2027, 3, 31, 23, 0, 0, 0, oslo), want: "2:38+13 draft-undisclosed-partner"},
		{name: "after the contract", text: "Tur med @anna.outside", at: time.Date(2027, 4, 1, 0, 30, 0, 0, oslo)},
		{name: "paid partner without a contract", text: "Med @evergreen", at: in(400), want: "2:34+10 draft-undisclosed-partner"},
		{name: "one finding a draft", text: "@anna.outside og @evergreen", want: "2:30+13 draft-undisclosed-partner"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := draft(tc.text)
			d.Partners = tc.partners
			if tc.channel != "" {
				d.Channel = tc.channel
			}
			if !tc.at.IsZero() {
				d.At = tc.at
			}
			got := brief(only(run(New(testStrategy(), Options{Now: now}), d), "draft-undisclosed-partner"))
			if got != tc.want {
				t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestDisclosureMessages(t *testing.T) {
	ds := run(New(testStrategy(), Options{Now: now}), draft("Med @anna.outside"))
	if len(ds) != 1 {
		t.Fatalf("got %v", ds)
	}
	if ds[0].Message != "the draft mentions the paid partner @anna.outside without a disclosure tag" || !strings.Contains(ds[0].Hint, "#annonse, #Ad") || ds[0].Severity.String() != "error" {
		t.Errorf("got %+v", ds[0])
	}
	s := testStrategy()
	s.Community = nil
	ds = run(New(s, Options{Now: now}), draft("Med @anna.outside #annonse"))
	if len(ds) != 1 || !strings.Contains(ds[0].Hint, "community.disclosure_tags") {
		t.Errorf("without declared tags nothing discloses, and the hint says to declare them: %v", ds)
	}
}

// mention is an approved Instagram draft mentioning @anna.outside (cap 2)
// at the given Oslo time, on the given line.
func mention(line int, at time.Time) *drafts.Draft {
	d := draft("Tur med @anna.outside #annonse")
	d.Line, d.Pos[drafts.FieldText].Line = line, line
	d.At = at
	return d
}

func TestMentionCaps(t *testing.T) {
	jan := func(day, hour int) time.Time { return time.Date(2027, 1, day, hour, 0, 0, 0, oslo) }
	type pub struct {
		at       time.Time
		channel  string
		mentions string
	}
	for _, tc := range []struct {
		name   string
		drafts []*drafts.Draft
		pubs   []pub
		want   string
	}{
		{name: "within the cap", drafts: []*drafts.Draft{mention(2, jan(5, 9)), mention(3, jan(6, 9))}},
		{name: "the third in time goes over, in any order",
			drafts: []*drafts.Draft{mention(2, jan(20, 9)), mention(3, jan(5, 9)), mention(4, jan(6, 9))},
			want:   "2:38+13 draft-mention-cap"},
		{name: "two over: the first is reported",
			drafts: []*drafts.Draft{mention(2, jan(20, 9)), mention(3, jan(5, 9)), mention(4, jan(6, 9)), mention(5, jan(19, 9))},
			want:   "5:38+13 draft-mention-cap"},
		{name: "other months", drafts: []*drafts.Draft{mention(2, jan(5, 9)), mention(3, jan(6, 9)), mention(4, jan(6, 9).AddDate(0, 1, 0))}},
		{name: "months in the brand's zone",
			drafts: []*drafts.Draft{mention(2, jan(5, 9)), mention(3, jan(6, 9)), mention(4, time.Date(2027, 1, 31, 23, 30, 0, 0, time.UTC))}},
		{name: "published posts count",
			drafts: []*drafts.Draft{mention(2, jan(5, 9)), mention(3, jan(6, 9))},
			pubs:   []pub{{jan(2, 9), "instagram", "@anna.outside"}},
			want:   "3:38+13 draft-mention-cap"},
		{name: "handles in the history's column, any separator and case",
			drafts: []*drafts.Draft{mention(2, jan(5, 9))},
			pubs:   []pub{{jan(2, 9), "instagram", "fjelljenta,@Anna.Outside"}, {jan(3, 9), "instagram", "x;  anna.outside"}},
			want:   "2:38+13 draft-mention-cap"},
		{name: "a post names an influencer once",
			drafts: []*drafts.Draft{mention(2, jan(5, 9))},
			pubs:   []pub{{jan(2, 9), "instagram", "@anna.outside @anna.outside"}}},
		{name: "published posts on other channels or platforms do not count",
			drafts: []*drafts.Draft{mention(2, jan(5, 9)), mention(3, jan(6, 9))},
			pubs:   []pub{{jan(2, 9), "linkedin", "@anna.outside"}, {jan(2, 9), "nowhere", "@anna.outside"}}},
		{name: "only the history over the cap is the audit's",
			drafts: []*drafts.Draft{mention(2, jan(2, 9))},
			pubs:   []pub{{jan(10, 9), "instagram", "@anna.outside"}, {jan(11, 9), "instagram", "@anna.outside"}}},
		{name: "a published post at the same second comes first",
			drafts: []*drafts.Draft{mention(2, jan(5, 9)), mention(3, jan(6, 9))},
			pubs:   []pub{{jan(6, 9), "instagram", "@anna.outside"}},
			want:   "3:38+13 draft-mention-cap"},
		{name: "a draft naming the influencer twice counts once",
			drafts: []*drafts.Draft{func() *drafts.Draft {
				d := mention(2, jan(5, 9))
				d.Text += " @anna.outside"
				d.Partners = []string{"@anna.outside"}
				return d
			}(), mention(3, jan(6, 9))}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := New(testStrategy(), Options{Now: now})
			for _, p := range tc.pubs {
				l.Published(p.at, p.channel, []byte(p.mentions))
			}
			got := brief(only(run(l, tc.drafts...), "draft-mention-cap"))
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestMentionCapMessage(t *testing.T) {
	l := New(testStrategy(), Options{Now: now})
	jan := func(day int) time.Time { return time.Date(2027, 1, day, 9, 0, 0, 0, oslo) }
	l.Published(jan(1), "instagram", []byte("@anna.outside"))
	ds := run(l, mention(2, jan(5)), mention(3, jan(6)), mention(4, jan(7)))
	if len(ds) != 1 {
		t.Fatalf("got %v", ds)
	}
	want := "@anna.outside is mentioned 4 times in 2027-01 (3 in drafts, 1 published), over the cap of 2 a month; this draft is the first over it"
	if ds[0].Message != want || ds[0].Line != 3 {
		t.Errorf("got %s, want line 3: %s", ds[0], want)
	}
}

// TestMentionCapMemory: a cell keeps at most its cap of mentions, however
// many drafts name the influencer.
func TestMentionCapMemory(t *testing.T) {
	l := New(testStrategy(), Options{Now: now})
	for i := 0; i < 1000; i++ {
		l.Check(mention(2+i, time.Date(2027, 1, 1+i%28, 9, 0, 0, 0, oslo)), func(schema.Diagnostic) {})
	}
	if len(l.caps) != 1 {
		t.Fatalf("%d cells", len(l.caps))
	}
	for _, c := range l.caps {
		if len(c.early) != 2 || c.drafts != 1000 {
			t.Errorf("a cell keeps %d mentions of %d", len(c.early), c.drafts)
		}
	}
}
