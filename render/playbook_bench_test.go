package render

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/strategy"
)

// largeStrategy is a big agency client: 50 personas, 15 channels, 8
// pillars with an example for every channel, 10 tactics, 200 influencers,
// 7 response rules and a full calendar section.
func largeStrategy() *strategy.Strategy {
	s := &strategy.Strategy{Version: 1, Brand: strategy.Brand{Name: "Large Brand", Timezone: "Europe/Oslo", Language: "en",
		Description: "A **large** brand with many markets. See [the site](https://example.com)."}}
	s.Personality = &strategy.Personality{Vision: "Vision text.", Values: []string{"One", "Two", "Three"},
		Person: &strategy.Person{Profession: "Editor", Age: "40", Hobbies: []string{"Running", "Reading"}}, LookAndFeel: "Calm.",
		Voice: &strategy.Voice{Tone: "Warm", Character: "Friend", Language: "Plain", Purpose: "Help",
			WordsToUse: []string{"a", "b"}, WordsToAvoid: []string{"c"}, Do: []string{"d"}, Dont: []string{"e"}}}
	for i := 0; i < 50; i++ {
		s.Personas = append(s.Personas, strategy.Persona{ID: fmt.Sprintf("p%d", i), Name: fmt.Sprintf("Persona %d", i),
			Summary:      "Who they are, in *Markdown*, with a second sentence.",
			Demographics: &strategy.Demographics{Age: "25-34", Location: "Oslo", Occupation: "Designer"},
			Interests:    []string{"Design", "Travel", "Food"}, PainPoints: []string{"Time", "Money"}, HowWeHelp: "We help.",
			Motivations: &strategy.Motivations{Like: "Like", Share: "Share", Buy: "Buy"}, Hangouts: []string{"Cafés"},
			Networks: []string{"instagram", "tiktok"}, LastReviewed: strategy.Date{Year: 2026, Month: 9, Day: 1}})
	}
	platforms := []string{"instagram", "tiktok", "facebook", "linkedin", "youtube"}
	for i := 0; i < 8; i++ {
		s.Pillars = append(s.Pillars, strategy.Pillar{ID: fmt.Sprintf("pillar%d", i), Name: fmt.Sprintf("Pillar %d", i), Weight: 12.5,
			Description: "What the pillar covers.", Topics: []string{"One", "Two"}, Hashtags: []string{"#x"}, Examples: map[string]string{}})
	}
	for i := 0; i < 15; i++ {
		c := strategy.Channel{ID: fmt.Sprintf("c%d", i), Platform: platforms[i%len(platforms)], Handle: "@large",
			Role: "The channel's role.", Owner: "Owner", Formats: []string{"video", "image"},
			Cadence:     strategy.Cadences{{MinPerWeek: 5, Days: []string{"mon", "tue", "wed", "thu", "fri"}, Times: []string{"09:00"}}},
			ResponseSLA: strategy.Duration(4 * time.Hour)}
		for j := 0; j < 50; j += 3 {
			c.Personas = append(c.Personas, fmt.Sprintf("p%d", (i+j)%50))
		}
		s.Channels = append(s.Channels, c)
		for p := range s.Pillars {
			s.Pillars[p].Examples[c.ID] = "**Post.** An example post with a [link](https://example.com) and a #hashtag."
		}
	}
	for i := 0; i < 10; i++ {
		s.Tactics = append(s.Tactics, strategy.Tactic{ID: fmt.Sprintf("t%d", i), Name: "Tactic", Goal: "engagement",
			Description: "How it works.", Pillar: "pillar0", Channels: []string{"c0", "c1"},
			Schedule: strategy.Schedule{RRule: "FREQ=MONTHLY;BYDAY=1FR", Time: "12:00"},
			KPIs:     []strategy.TacticKPI{{Metric: "entries", Target: 100}}, Example: "Example."})
	}
	for i := 0; i < 200; i++ {
		s.Influencers = append(s.Influencers, strategy.Influencer{Handle: fmt.Sprintf("@influencer%03d", i), Name: "Name",
			Platform: platforms[i%len(platforms)], Followers: int64(1000 + i*731%90000), FollowsUs: i%3 == 0,
			EngagesWithUs: i%5 == 0, Status: []string{"prospect", "engaged", "partner"}[i%3], Relationship: "organic",
			Niche: "Niche", Pillars: []string{"pillar1"}, MaxMentionsPerMonth: 2, Notes: "Notes about the relationship."})
	}
	s.Community = &strategy.Community{Hashtags: []string{"#large"}, Keywords: []string{"large"}, DefaultSLA: strategy.Duration(24 * time.Hour),
		BusinessHours: &strategy.BusinessHours{Days: []string{"mon", "fri"}, Start: "09:00", End: "17:00"}, DisclosureTags: []string{"#ad"}}
	for _, typ := range []string{"ugc", "feedback", "complaint", "help", "press", "question", "other"} {
		s.Community.Responses = append(s.Community.Responses, strategy.ResponseRule{Type: typ, SLA: strategy.Duration(time.Hour),
			Owner: "Team", Guideline: "Answer *kindly*."})
	}
	s.KPIs = &strategy.KPIs{EngagementRate: &strategy.EngagementKPI{Target: 3, Denominator: "reach", Aggregation: "ratio_of_sums"},
		ResponseWithinSLA: &strategy.Target{Target: 90}}
	s.Competitors = []strategy.Competitor{{Name: "Rival", Handles: map[string]string{"instagram": "@rival"}, Notes: "Notes."}}
	return s
}

// BenchmarkPlaybookHTML renders the large strategy's HTML playbook with a
// four-week calendar excerpt. The target is under 50 ms an operation.
func BenchmarkPlaybookHTML(b *testing.B) {
	s := largeStrategy()
	cal, err := planner.Plan(s, planner.Options{From: strategy.Date{Year: 2027, Month: 1, Day: 4}, To: strategy.Date{Year: 2027, Month: 2, Day: 1}})
	if err != nil {
		b.Fatal(err)
	}
	opt := PlaybookOptions{Format: "html", Calendar: cal}
	if err := Playbook(io.Discard, s, opt); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := Playbook(io.Discard, s, opt); err != nil {
			b.Fatal(err)
		}
	}
}
