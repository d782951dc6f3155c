// Package plantest builds strategies in Go for the tests and benchmarks of
// the planner and of the calendar exports, so they do not depend on the YAML
// loader.
package plantest

import (
	"fmt"
	"time"

	"github.com/pillar-strategy/pillar/strategy"
)

// Date returns the date y-m-d.
func Date(y, m, d int) strategy.Date {
	return strategy.Date{Year: y, Month: time.Month(m), Day: d}
}

// Store returns a typical strategy: a Norwegian fashion store with four
// pillars, three channels in two time zones (one with an RRULE cadence and
// its own pillar weights), three tactics, a blackout and a campaign. Every
// call returns a fresh value the caller may change. The calendar exports'
// golden files are its first quarter: change it and run go test ./render
// -update.
func Store() *strategy.Strategy {
	return &strategy.Strategy{
		Version: 1,
		Brand:   strategy.Brand{Name: "Nordlys Mote", Timezone: "Europe/Oslo", Language: "nb"},
		Channels: []strategy.Channel{
			{
				ID: "instagram", Platform: "instagram", Handle: "@nordlysmote",
				Formats: []string{"reel", "carousel", "story"},
				Cadence: strategy.Cadences{{MinPerWeek: 5, Days: []string{"mon", "tue", "wed", "thu", "fri"}, Times: []string{"09:00"}}},
			},
			{
				ID: "tiktok", Platform: "tiktok", Handle: "@nordlysmote",
				Formats: []string{"video"},
				Cadence: strategy.Cadences{{MinPerWeek: 3, RRule: "FREQ=WEEKLY;BYDAY=TU,TH,SA;BYHOUR=18;BYMINUTE=30"}},
				Pillars: map[string]float64{"brand": 20, "fashion": 50, "beauty": 30},
			},
			{
				ID: "linkedin", Platform: "linkedin", Timezone: "America/New_York",
				Cadence: strategy.Cadences{{MinPerWeek: 2, Days: []string{"tue", "thu"}, Times: []string{"08:30"}}},
			},
		},
		Pillars: []strategy.Pillar{
			{ID: "brand", Name: "Brand", Weight: 40, Description: "Who we are: the shop, the team, the craft.",
				Examples: map[string]string{"instagram": "Behind the counter: meet Ingrid, who has fitted coats for 20 years."}},
			{ID: "fashion", Name: "Fashion", Weight: 30, Description: "The season's looks and how to wear them.",
				Examples: map[string]string{"instagram": "Three ways to wear the wool coat, in a carousel.", "tiktok": "A 20-second outfit change, coat on, coat off."}},
			{ID: "beauty", Name: "Beauty", Weight: 20, Description: "Skin care for a Nordic winter."},
			{ID: "wellness", Name: "Wellness", Weight: 10, Description: "Walks, light, sleep: living well in the dark months."},
		},
		Tactics: []strategy.Tactic{
			{ID: "giveaway", Name: "Monthly giveaway", Goal: "engagement", Pillar: "fashion",
				Channels: []string{"instagram"},
				Schedule: strategy.Schedule{RRule: "FREQ=MONTHLY;BYDAY=1FR", Time: "09:00"},
				Example:  "Win the coat of the month: comment with your favourite colour, share to your story."},
			{ID: "qa", Name: "Thursday Q&A", Goal: "community", Pillar: "beauty",
				Channels: []string{"instagram", "tiktok"},
				Schedule: strategy.Schedule{RRule: "FREQ=WEEKLY;BYDAY=TH", Time: "18:30", Until: Date(2027, 2, 28)}},
			{ID: "launch", Name: "Spring collection launch", Goal: "conversions", Pillar: "fashion",
				Channels: []string{"instagram", "linkedin"},
				Schedule: strategy.Schedule{Date: Date(2027, 3, 4), Time: "12:00"},
				Example:  "It's here: the spring collection, in store and online from today."},
		},
		Calendar: &strategy.Calendar{
			Blackouts: []strategy.Blackout{
				{Date: Date(2027, 1, 1), Reason: "New Year's Day"},
				{From: Date(2027, 3, 24), To: Date(2027, 3, 29), Reason: "Easter", Channels: []string{"linkedin"}},
			},
			Campaigns: []strategy.Campaign{
				{ID: "winter-sale", Name: "Winter sale", From: Date(2027, 1, 18), To: Date(2027, 1, 31),
					Channels: []string{"instagram"},
					Pillars:  map[string]float64{"brand": 10, "fashion": 80, "beauty": 10},
					Extra:    &strategy.Cadence{Days: []string{"sat", "sun"}, Times: []string{"11:00"}}},
			},
		},
	}
}

// Bulk returns a strategy with channels channels posting times times a day
// (at 08:00, then every four hours), every day, four pillars, and one
// monthly tactic: the load behind the planner's benchmarks.
func Bulk(channels, times int) *strategy.Strategy {
	s := &strategy.Strategy{
		Version: 1,
		Brand:   strategy.Brand{Name: "Bulk", Timezone: "Europe/Oslo"},
		Pillars: []strategy.Pillar{
			{ID: "brand", Name: "Brand", Weight: 40, Description: "Who we are."},
			{ID: "product", Name: "Product", Weight: 30, Description: "What we sell."},
			{ID: "people", Name: "People", Weight: 20, Description: "The team."},
			{ID: "tips", Name: "Tips", Weight: 10, Description: "How to."},
		},
	}
	zones := []string{"Europe/Oslo", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"}
	var ids []string
	for i := 0; i < channels; i++ {
		c := strategy.Channel{
			ID: fmt.Sprintf("channel-%02d", i), Platform: "instagram", Timezone: zones[i%len(zones)],
			Formats: []string{"reel", "carousel", "story"},
			Cadence: strategy.Cadences{{MinPerWeek: 7 * times}},
		}
		for k := 0; k < times; k++ {
			c.Cadence[0].Times = append(c.Cadence[0].Times, fmt.Sprintf("%02d:00", (8+4*k)%24))
		}
		ids = append(ids, c.ID)
		s.Channels = append(s.Channels, c)
	}
	s.Tactics = []strategy.Tactic{{ID: "monthly", Name: "Monthly", Pillar: "product", Channels: ids,
		Schedule: strategy.Schedule{RRule: "FREQ=MONTHLY;BYMONTHDAY=15", Time: "12:00"}}}
	return s
}
