package export

import (
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/strategy"
)

// fixtureNow is the injected clock: Friday 1 January 2027, 12:00 in Oslo.
var fixtureNow = time.Date(2027, 1, 1, 11, 0, 0, 0, time.UTC)

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// fixtureStrategy has three channels in two timezones.
func fixtureStrategy() *strategy.Strategy {
	return &strategy.Strategy{
		Brand: strategy.Brand{Name: "Nordlys Outdoor", Timezone: "Europe/Oslo"},
		Channels: []strategy.Channel{
			{ID: "instagram", Platform: "instagram", Handle: "@nordlys"},
			{ID: "li-company", Platform: "linkedin", Handle: "nordlys-outdoor"},
			{ID: "x-us", Platform: "x", Handle: "@nordlys_us", Timezone: "America/New_York"},
		},
	}
}

// fixtureDrafts are drafts as the readers give them, out of order, with
// what the formats must cope with: Norwegian and Japanese text, a
// multi-line caption with quotes and semicolons, a text a spreadsheet would
// run as a formula, links and media, and a time in each zone.
func fixtureDrafts(t testing.TB) []drafts.Draft {
	oslo, ny := zone(t, "Europe/Oslo"), zone(t, "America/New_York")
	return []drafts.Draft{
		{File: "drafts.csv", Line: 4, ID: "d3", Channel: "li-company", At: time.Date(2027, 1, 5, 8, 30, 0, 0, oslo),
			Text:   "Tre tips for vinterturen: \"lag på lag\"; ull innerst,\nvindtett ytterst.\nLes mer: https://nordlys.example/vinter",
			Pillar: "gear", Campaign: "winter-27", Links: []string{"https://nordlys.example/vinter"}, Status: drafts.StatusApproved, Owner: "kari"},
		{File: "drafts.csv", Line: 2, ID: "d1", Channel: "instagram", At: time.Date(2027, 1, 4, 9, 0, 0, 0, oslo),
			Text: "Første snø på Ærøya ❄️ 北海道から", Pillar: "trips", Tactic: "weekly-photo",
			Media:    []drafts.Media{{URL: "https://cdn.nordlys.example/snø.jpg", Alt: "Snow on a red cabin"}},
			Partners: []string{"@fjellguide"}, Status: drafts.StatusApproved, Owner: "ola"},
		{File: "drafts.csv", Line: 3, ID: "d2", Channel: "x-us", At: time.Date(2027, 1, 4, 9, 0, 0, 0, ny),
			Text: "=HYPERLINK(\"https://evil.example\",\"win\")", Links: []string{"https://nordlys.example/us"}},
		{File: "posts/2027-01-06-fjord.md", Line: 1, ID: "fjord", Channel: "instagram", At: time.Date(2027, 1, 6, 18, 45, 0, 0, oslo),
			Text: "Fjorden i kveld.\n\nHva er din favorittfjord?", Pillar: "trips",
			Media: []drafts.Media{{URL: "https://cdn.nordlys.example/fjord.jpg"}, {URL: "https://cdn.nordlys.example/fjord2.jpg", Alt: "Boats"}}},
	}
}
