// Package synth generates synthetic but realistic strategies for benchmarks
// and load tests: the same shape as a real team's strategy (personas,
// channels with cadences, four pillars, tactics, influencers, community
// rules), varied by a seed so that no two files are identical.
package synth

import (
	"fmt"
	"strings"
)

var (
	platforms = []string{"instagram", "tiktok", "facebook", "linkedin", "youtube", "pinterest", "x", "threads"}
	zones     = []string{"Europe/Oslo", "Europe/Warsaw", "Europe/Athens", "Europe/Helsinki", "America/New_York", "Asia/Kolkata", "Australia/Sydney"}
	days      = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
)

// Strategy returns a valid strategy document for seed n with the given
// number of personas, channels and influencers.
func Strategy(n, personas, channels, influencers int) []byte {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("version: 1\nbrand:\n  name: Brand %d\n  timezone: %s\n  language: en\n  description: A synthetic brand number %d.\n", n, zones[n%len(zones)], n)
	w("personality:\n  vision: Make everyday things better, one post at a time.\n  values: [honesty, craft, warmth]\n")
	w("  voice:\n    tone: warm and direct\n    character: a knowledgeable friend\n    words_to_use: [together, made to last]\n    words_to_avoid: [cheap, hurry]\n")
	w("personas:\n")
	for p := 0; p < personas; p++ {
		w("  - id: persona-%d\n    name: Persona %d\n    summary: Someone who cares about quality, number %d.\n", p, p, p)
		w("    interests: [design, travel, food]\n    pain_points: [too little time]\n    networks: [%s]\n    last_reviewed: 2026-%02d-15\n", platforms[p%len(platforms)], 1+(n+p)%11)
	}
	w("channels:\n")
	for c := 0; c < channels; c++ {
		w("  - id: ch-%d\n    platform: %s\n    handle: \"@brand%d\"\n    role: Reach persona %d\n    owner: Team %d\n", c, platforms[c%len(platforms)], n, c%personas, c%3)
		w("    personas: [persona-%d]\n    formats: [image, video]\n    response_sla: 4h\n", c%personas)
		w("    cadence:\n      min_per_week: 3\n      days: [%s, %s, %s]\n      times: [\"09:%02d\", \"18:30\"]\n", days[c%7], days[(c+2)%7], days[(c+4)%7], (n+c)%60)
	}
	weights := []int{40, 30, 20, 10}
	names := []string{"brand", "product", "community", "lifestyle"}
	w("pillars:\n")
	for i, id := range names {
		w("  - id: %s\n    name: %s\n    weight: %d\n    description: Posts about %s.\n    hashtags: [\"#%s%d\"]\n    examples:\n", id, strings.ToUpper(id[:1])+id[1:], weights[i], id, id, n)
		for c := 0; c < channels; c++ {
			w("      ch-%d: An example %s post for channel %d.\n", c, id, c)
		}
	}
	w("tactics:\n  - id: giveaway\n    name: Monthly giveaway\n    goal: engagement\n    pillar: community\n    channels: [ch-0]\n    schedule: {rrule: \"FREQ=MONTHLY;BYDAY=1FR\", time: \"12:00\"}\n")
	w("    kpis: [{metric: entries, target: 200}]\n")
	w("influencers:\n")
	for i := 0; i < influencers; i++ {
		status := []string{"prospect", "engaged", "partner"}[i%3]
		w("  - handle: \"@creator%d_%d\"\n    platform: %s\n    followers: %d\n    follows_us: %v\n    status: %s\n    relationship: %s\n    pillars: [lifestyle]\n    max_mentions_per_month: 2\n",
			n, i, platforms[i%3], 1000+(i*7919)%90000, i%2 == 0, status, []string{"organic", "paid"}[i%2])
	}
	w("community:\n  hashtags: [\"#brand%d\"]\n  keywords: [brand %d]\n  default_sla: 1d\n  disclosure_tags: [\"#ad\"]\n", n, n)
	w("  responses:\n    - {type: complaint, sla: 1h, move_to_private: true, owner: Support}\n    - {type: ugc, sla: 4h, owner: Community}\n")
	w("kpis:\n  engagement_rate: {target: 3.5, denominator: reach, aggregation: ratio_of_sums}\n  response_within_sla: {target: 90}\n  cadence_adherence: {target: 90}\n")
	return []byte(b.String())
}
