package strategy

import (
	"reflect"
	"strings"
	"testing"
)

// base is a small strategy the diff tests change one thing at a time.
func base() *Strategy {
	return &Strategy{
		Version: 1,
		Brand:   Brand{Name: "Nordlys", Timezone: "Europe/Oslo", Language: "nb"},
		Personality: &Personality{
			Vision: "Dress well, for long.",
			Values: []string{"quality", "honesty"},
			Voice:  &Voice{Tone: "warm", WordsToAvoid: []string{"cheap", "must-have"}},
		},
		Personas: []Persona{{ID: "ingrid", Name: "Ingrid", Interests: []string{"design"}}},
		Channels: []Channel{
			{ID: "instagram", Platform: "instagram", Handle: "@nordlys", Owner: "Sofie",
				Cadence: Cadences{{MinPerWeek: 5, Days: []string{"mon", "tue", "wed", "thu", "fri"}, Times: []string{"11:30"}}}},
			{ID: "facebook", Platform: "facebook", ResponseSLA: Duration(2 * 3600e9),
				Cadence: Cadences{{MinPerWeek: 3, Days: []string{"mon", "wed", "fri"}, Times: []string{"12:00"}}},
				Pillars: map[string]float64{"brand": 50, "fashion": 50}},
		},
		Pillars: []Pillar{
			{ID: "brand", Name: "Brand", Weight: 40, Hashtags: []string{"#nordlys"}},
			{ID: "fashion", Name: "Fashion", Weight: 30},
			{ID: "beauty", Name: "Beauty", Weight: 30},
		},
		Tactics: []Tactic{{ID: "giveaway", Name: "Giveaway", Goal: "engagement", Pillar: "brand",
			Channels: []string{"instagram"}, Schedule: Schedule{RRule: "FREQ=MONTHLY;BYDAY=1FR", Time: "12:00"}}},
		Influencers: []Influencer{{Handle: "@anna.style", Platform: "instagram", Status: "prospect", Relationship: "organic", MaxMentionsPerMonth: 2}},
		Community: &Community{DefaultSLA: Duration(24 * 3600e9), Responses: []ResponseRule{
			{Type: "complaint", SLA: Duration(3600e9), MoveToPrivate: true, Owner: "Lars"},
		}},
		Calendar: &Calendar{Blackouts: []Blackout{{Date: Date{2027, 1, 1}, Reason: "New Year"}}},
		KPIs:     &KPIs{EngagementRate: &EngagementKPI{Target: 3.5, Denominator: "reach", Aggregation: "ratio_of_sums"}},
		Rules:    map[string]string{"persona-stale": "warning"},
	}
}

func TestDiff(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(s *Strategy)
		want   []Change // Section, Path, Kind, Old, New, Summary
	}{
		{"nothing", func(s *Strategy) {}, nil},
		{"reordered lists are no change", func(s *Strategy) {
			s.Channels[0], s.Channels[1] = s.Channels[1], s.Channels[0]
			s.Pillars[1], s.Pillars[2] = s.Pillars[2], s.Pillars[1]
			s.Personality.Values = []string{"honesty", "quality"}
		}, nil},
		{"pillar weight", func(s *Strategy) { s.Pillars[0].Weight = 35; s.Pillars[1].Weight = 35 }, []Change{
			{"pillars", "/pillars/brand/weight", Changed, "40%", "35%", "Brand pillar 40% → 35%"},
			{"pillars", "/pillars/fashion/weight", Changed, "30%", "35%", "Fashion pillar 30% → 35%"},
		}},
		{"cadence", func(s *Strategy) {
			s.Channels[0].Cadence[0].MinPerWeek = 4
			s.Channels[0].Cadence[0].Days = []string{"mon", "tue", "thu", "fri"}
		}, []Change{
			{"channels", "/channels/instagram/cadence/min_per_week", Changed, "5", "4", "Instagram: 5 → 4 posts a week"},
			{"channels", "/channels/instagram/cadence/days", Changed, "mon, tue, wed, thu, fri", "mon, tue, thu, fri", "Instagram: days mon, tue, wed, thu, fri → mon, tue, thu, fri"},
		}},
		{"cadence start and active period", func(s *Strategy) {
			s.Channels[0].Cadence[0].Start = Date{2027, 3, 29}
			s.Channels[1].Active = &ActivePeriod{From: Date{2027, 2, 15}}
		}, []Change{
			{"channels", "/channels/instagram/cadence/start", Added, "", "2027-03-29", "Instagram: cadence start set to 2027-03-29"},
			{"channels", "/channels/facebook/active/from", Added, "", "2027-02-15", "Facebook: launched set to 2027-02-15"},
		}},
		{"one cadence becomes two", func(s *Strategy) {
			s.Channels[0].Cadence = Cadences{
				{MinPerWeek: 5, Days: []string{"mon", "tue", "wed", "thu", "fri"}, Times: []string{"08:00"}},
				{MinPerWeek: 2, Days: []string{"sat", "sun"}, Times: []string{"11:00"}},
			}
		}, []Change{
			{"channels", "/channels/instagram/cadence/min_per_week", Changed, "5", "7", "Instagram: 5 → 7 posts a week in all"},
			{"channels", "/channels/instagram/cadence/1/times", Changed, "11:30", "08:00", "Instagram, cadence 1: times 11:30 → 08:00"},
			{"channels", "/channels/instagram/cadence/2", Added, "", "2 a week on sat, sun at 11:00", "Instagram: cadence 2 added (2 a week on sat, sun at 11:00)"},
		}},
		{"reordered cadences are no change, a changed one is named by its number", func(s *Strategy) {
			s.Channels[0].Cadence = Cadences{
				{MinPerWeek: 2, Days: []string{"sat", "sun"}, Times: []string{"11:00"}},
				{MinPerWeek: 5, Days: []string{"mon", "tue", "wed", "thu", "fri"}, Times: []string{"11:30"}},
			}
		}, []Change{
			{"channels", "/channels/instagram/cadence/min_per_week", Changed, "5", "7", "Instagram: 5 → 7 posts a week in all"},
			{"channels", "/channels/instagram/cadence/1", Added, "", "2 a week on sat, sun at 11:00", "Instagram: cadence 1 added (2 a week on sat, sun at 11:00)"},
		}},
		{"channel added", func(s *Strategy) {
			s.Channels = append(s.Channels, Channel{ID: "tiktok", Platform: "tiktok", Handle: "@nordlysoslo", Cadence: Cadences{{MinPerWeek: 4}}})
		}, []Change{
			{"channels", "/channels/tiktok", Added, "", "@nordlysoslo, 4 posts a week", "TikTok channel added"},
		}},
		{"changed id is removed and added", func(s *Strategy) { s.Channels[1].ID = "fb-page" }, []Change{
			{"channels", "/channels/fb-page", Added, "", "3 posts a week", "Facebook (fb-page) channel added"},
			{"channels", "/channels/facebook", Removed, "3 posts a week", "", "Facebook channel removed"},
		}},
		{"channel fields", func(s *Strategy) {
			s.Channels[0].Owner = "Emil"
			s.Channels[0].Formats = []string{"reels"}
			s.Channels[1].ResponseSLA = Duration(4 * 3600e9)
			s.Channels[1].Pillars = map[string]float64{"brand": 40, "fashion": 60}
		}, []Change{
			{"channels", "/channels/instagram/owner", Changed, "Sofie", "Emil", "Instagram: owner Sofie → Emil"},
			{"channels", "/channels/instagram/formats", Added, "", "reels", "Instagram: formats: added reels"},
			{"channels", "/channels/facebook/pillars/brand", Changed, "50%", "40%", "Facebook: Brand pillar 50% → 40%"},
			{"channels", "/channels/facebook/pillars/fashion", Changed, "50%", "60%", "Facebook: Fashion pillar 50% → 60%"},
			{"channels", "/channels/facebook/response_sla", Changed, "2h", "4h", "Facebook: response time 2h → 4h"},
		}},
		{"channel weights removed", func(s *Strategy) { s.Channels[1].Pillars = nil }, []Change{
			{"channels", "/channels/facebook/pillars", Removed, "brand 50%, fashion 50%", "", "Facebook: own pillar weights removed (was brand 50%, fashion 50%)"},
		}},
		{"influencer status", func(s *Strategy) {
			s.Influencers[0].Status = "partner"
			s.Influencers[0].Relationship = "paid"
			s.Influencers[0].Contract = &Period{From: Date{2027, 1, 1}, To: Date{2027, 6, 30}}
		}, []Change{
			{"influencers", "/influencers/instagram:@anna.style/status", Changed, "prospect", "partner", "Influencer @anna.style: prospect → partner"},
			{"influencers", "/influencers/instagram:@anna.style/relationship", Changed, "organic", "paid", "Influencer @anna.style: relationship organic → paid"},
			{"influencers", "/influencers/instagram:@anna.style/contract", Added, "", "2027-01-01 to 2027-06-30", "Influencer @anna.style: contract set to 2027-01-01 to 2027-06-30"},
		}},
		{"same handle on two platforms", func(s *Strategy) {
			s.Influencers = append(s.Influencers, Influencer{Handle: "@anna.style", Platform: "tiktok", Status: "prospect"})
		}, []Change{
			{"influencers", "/influencers/tiktok:@anna.style", Added, "", "prospect", "Influencer @anna.style on TikTok added as prospect"},
		}},
		{"voice and persona lists", func(s *Strategy) {
			s.Personality.Voice.WordsToAvoid = []string{"cheap", "limited offer"}
			s.Personas[0].Interests = nil
		}, []Change{
			{"personality", "/personality/voice/words_to_avoid", Changed, "cheap, must-have", "cheap, limited offer", `Voice: words to avoid: added "limited offer"; removed must-have`},
			{"personas", "/personas/ingrid/interests", Removed, "design", "", "Persona Ingrid: interests: removed design"},
		}},
		{"persona renamed and added, named by name", func(s *Strategy) {
			s.Personas[0].Name = "Ingrid, 29"
			s.Personas[0].Interests = append(s.Personas[0].Interests, "ceramics")
			s.Personas = append(s.Personas, Persona{ID: "maja", Name: "Maja"})
		}, []Change{
			{"personas", "/personas/ingrid/name", Changed, "Ingrid", "Ingrid, 29", `Persona Ingrid renamed to "Ingrid, 29"`},
			{"personas", "/personas/ingrid/interests", Changed, "design", "design, ceramics", `Persona "Ingrid, 29": interests: added ceramics`},
			{"personas", "/personas/maja", Added, "", "Maja", "Persona Maja added"},
		}},
		{"a channel's personas are named as the personas are", func(s *Strategy) {
			s.Personas = append(s.Personas, Persona{ID: "maja", Name: "Maja, 34"}, Persona{ID: "per"})
			s.Channels[0].Personas = []string{"maja", "per"}
		}, []Change{
			{"personas", "/personas/maja", Added, "", "Maja, 34", `Persona "Maja, 34" added`},
			{"personas", "/personas/per", Added, "", "", "Persona per added"},
			{"channels", "/channels/instagram/personas", Added, "", "maja, per", `Instagram: personas: added "Maja, 34", per`},
		}},
		{"prose is named, not quoted", func(s *Strategy) {
			s.Personality.Vision = "Make it easy to dress well for a long time, and to feel like yourself in what you wear."
		}, []Change{
			{"personality", "/personality/vision", Changed, "Dress well, for long.", "Make it easy to dress well for a long time, and to feel like yourself in what y…", "Personality: vision changed"},
		}},
		{"community, calendar, kpis, rules", func(s *Strategy) {
			s.Community.Responses[0].SLA = Duration(2 * 3600e9)
			s.Community.Responses[0].MoveToPrivate = false
			s.Community.Responses = append(s.Community.Responses, ResponseRule{Type: "press", SLA: Duration(24 * 3600e9)})
			s.Calendar.Blackouts = append(s.Calendar.Blackouts, Blackout{From: Date{2027, 3, 25}, To: Date{2027, 3, 29}, Channels: []string{"instagram"}})
			s.KPIs.EngagementRate.Target = 4
			s.KPIs.CadenceAdherence = &Target{Target: 90}
			s.KPIs.FollowerGrowth = &Target{Target: 5}
			s.KPIs.ClicksPerWeek = &Target{Target: 200}
			s.KPIs.NegativeShare = &Target{Target: 15}
			s.Rules = map[string]string{"persona-stale": "off", "examples-missing": "info"}
		}, []Change{
			{"community", "/community/responses/complaint/sla", Changed, "1h", "2h", "Community: complaint: response time 1h → 2h"},
			{"community", "/community/responses/complaint/move_to_private", Changed, "yes", "no", "Community: complaint: move to private messages yes → no"},
			{"community", "/community/responses/press", Added, "", "within 1d", "Community: response rule for press added (within 1d)"},
			{"calendar", "/calendar/blackouts/2027-03-25..2027-03-29", Added, "", "2027-03-25 to 2027-03-29 on Instagram", "Blackout added: 2027-03-25 to 2027-03-29 on Instagram"},
			{"kpis", "/kpis/engagement_rate/target", Changed, "3.5%", "4%", "KPIs: engagement rate target 3.5% → 4%"},
			{"kpis", "/kpis/cadence_adherence/target", Added, "", "90%", "KPIs: cadence adherence target set to 90%"},
			{"kpis", "/kpis/follower_growth/target", Added, "", "5%", "KPIs: follower growth target set to 5%"},
			{"kpis", "/kpis/clicks_per_week/target", Added, "", "200", "KPIs: link clicks a week target set to 200"},
			{"kpis", "/kpis/negative_share/target", Added, "", "15%", "KPIs: negative mentions ceiling set to 15%"},
			{"rules", "/rules/examples-missing", Added, "", "info", "Rule examples-missing set to info"},
			{"rules", "/rules/persona-stale", Changed, "warning", "off", "Rule persona-stale warning → off"},
		}},
		{"tactic", func(s *Strategy) {
			s.Tactics[0].Schedule.RRule = "FREQ=MONTHLY;BYDAY=2FR"
			s.Tactics[0].Channels = []string{"instagram", "facebook"}
		}, []Change{
			{"tactics", "/tactics/giveaway/channels", Changed, "instagram", "instagram, facebook", "Tactic Giveaway: channels: added facebook"},
			{"tactics", "/tactics/giveaway/schedule", Changed, "FREQ=MONTHLY;BYDAY=1FR at 12:00", "FREQ=MONTHLY;BYDAY=2FR at 12:00", "Tactic Giveaway: schedule FREQ=MONTHLY;BYDAY=1FR at 12:00 → FREQ=MONTHLY;BYDAY=2FR at 12:00"},
		}},
		{"section removed", func(s *Strategy) { s.KPIs = nil; s.Pillars[0].Hashtags = nil }, []Change{
			{"pillars", "/pillars/brand/hashtags", Removed, "#nordlys", "", "Brand pillar: hashtags: removed #nordlys"},
			{"kpis", "/kpis/engagement_rate/target", Removed, "3.5%", "", "KPIs: engagement rate target removed (was 3.5%)"},
			{"kpis", "/kpis/engagement_rate/denominator", Removed, "reach", "", "KPIs: engagement rate per removed (was reach)"},
			{"kpis", "/kpis/engagement_rate/aggregation", Removed, "ratio_of_sums", "", "KPIs: engagement rate aggregation removed (was ratio_of_sums)"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := base()
			tc.change(s)
			got := Diff(base(), s)
			if len(got) == 0 {
				got = nil
			}
			var want Changes
			for _, c := range tc.want {
				want = append(want, c)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got\n%s\nwant\n%s", dump(got), dump(want))
			}
		})
	}
}

func dump(cs Changes) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString("  " + c.Section + " " + c.Path + " " + string(c.Kind) + " [" + c.Old + "] [" + c.New + "] " + c.Summary + "\n")
	}
	return b.String()
}

func TestDiffSymmetric(t *testing.T) {
	// Every change from a to b has a counterpart from b to a with the
	// values swapped.
	a, b := base(), base()
	b.Pillars[0].Weight = 20
	b.Channels = b.Channels[:1]
	b.Influencers[0].Status = "partner"
	fwd, back := Diff(a, b), Diff(b, a)
	if len(fwd) != len(back) {
		t.Fatalf("%d changes one way, %d the other:\n%s\n%s", len(fwd), len(back), dump(fwd), dump(back))
	}
	for i := range fwd {
		f := fwd[i]
		var found bool
		for _, r := range back {
			if r.Path == f.Path && r.Old == f.New && r.New == f.Old {
				found = true
			}
		}
		if !found {
			t.Errorf("no reverse of %+v in\n%s", f, dump(back))
		}
	}
}

func TestDiffNil(t *testing.T) {
	if got := Diff(nil, nil); len(got) != 0 {
		t.Errorf("Diff(nil, nil) = %v", got)
	}
	got := Diff(nil, base())
	if len(got) == 0 || got[0].Section != "brand" || got[0].Kind != Added {
		t.Errorf("Diff(nil, s) starts with %+v", got)
	}
	if secs := got.Sections(); !reflect.DeepEqual(secs[:3], []string{"brand", "personality", "personas"}) {
		t.Errorf("sections %v", secs)
	}
}

func TestShort(t *testing.T) {
	long := strings.Repeat("word ", 30)
	if s := short(long); len([]rune(s)) != maxValue || !strings.HasSuffix(s, "…") {
		t.Errorf("short(long) = %q", s)
	}
	if s := short("two\nlines"); s != "two lines" {
		t.Errorf("short = %q", s)
	}
}

// TestDiffChannelTakesItsExamples: the pillar examples of a channel that
// comes or goes are part of that one change, not one more per pillar.
func TestDiffChannelTakesItsExamples(t *testing.T) {
	withExamples := func() *Strategy {
		s := base()
		for i := range s.Pillars {
			s.Pillars[i].Examples = map[string]string{"instagram": "A reel.", "facebook": "A post."}
		}
		return s
	}
	old, new := withExamples(), withExamples()
	new.Channels = new.Channels[:1] // facebook goes
	new.Channels = append(new.Channels, Channel{ID: "tiktok", Platform: "tiktok"})
	for i := range new.Pillars {
		delete(new.Pillars[i].Examples, "facebook")
		if i < 2 {
			new.Pillars[i].Examples["tiktok"] = "A video."
		}
	}
	// An example of a channel both keep still counts on its own.
	new.Pillars[2].Examples["instagram"] = "A carousel."
	got := Diff(old, new)
	want := Changes{
		{"channels", "/channels/tiktok", Added, "", "", "TikTok channel added (with its examples in 2 pillars)"},
		{"channels", "/channels/facebook", Removed, "3 posts a week", "", "Facebook channel removed (with its examples in 3 pillars)"},
		{"pillars", "/pillars/beauty/examples/instagram", Changed, "A reel.", "A carousel.", "Beauty pillar: example for Instagram A reel. → A carousel."},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", dump(got), dump(want))
	}
}
