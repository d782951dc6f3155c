package synth

import (
	"fmt"
	"strings"
)

// ruleWorstCases give each rule as many findings, and each finding as
// much work, as the loader's budgets allow: the case where a rule that
// compares pairs, suggests spellings or expands recurrences would blow up.
func ruleWorstCases() []HostileCase {
	n := HostileN
	var out []HostileCase
	add := func(c HostileCase) { out = append(out, c) }

	// Every campaign overlaps every other: 4.5 million pairs for 3,000.
	add(split("campaign-overlap-3000", quiet, "calendar.campaigns", 3000, func(i int) string {
		return fmt.Sprintf("    - {id: c%04d, name: Campaign c%04d for the season, from: 2027-01-01, to: 2027-12-31, pillars: {a: 50, b: 50}}\n", i, i)
	}))
	// Overlaps that need the channels to tell: each campaign on its own
	// channel, so that no two share one, and all on the same days.
	var chans strings.Builder
	chans.WriteString(head + onePersona + twoPillars + "channels:\n")
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&chans, "  - {id: ch%04d, platform: instagram}\n", i)
	}
	chans.WriteString("calendar:\n  campaigns:\n")
	for i := 0; i < 4000; i++ {
		fmt.Fprintf(&chans, "    - {id: c%04d, name: C, from: 2027-01-01, to: 2027-12-31, channels: [ch%04d], pillars: {a: 50, b: 50}}\n", i, i%2000)
	}
	add(one("campaign-overlap-channels", chans.String()))

	// A pillar without examples on each of 2,000 channels, 200 times over.
	var examples strings.Builder
	examples.WriteString(head + onePersona + "channels:\n")
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&examples, "  - {id: ch%04d, platform: instagram, personas: [p], cadence: {min_per_week: 1, days: [mon], times: [\"09:00\"]}}\n", i)
	}
	examples.WriteString("pillars:\n")
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&examples, "  - {id: p%03d, name: P, weight: 0.5}\n", i)
	}
	add(one("pillar-no-example-pairs", examples.String()))

	// Did-you-mean over long candidate lists: 5,000 personas and 5,000
	// references that each miss by one letter.
	var refs strings.Builder
	refs.WriteString(head + twoPillars + "personas:\n")
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&refs, "  - {id: persona-%05d, name: P}\n", i)
	}
	refs.WriteString("channels:\n  - id: ig\n    platform: instagram\n    personas: [" +
		repeatJoin(5000, func(i int) string { return fmt.Sprintf("persona-%05dx", i) }) + "]\n")
	add(one("unknown-reference-suggest", refs.String()))

	// The same with long ids, where a full edit distance is expensive.
	var longRefs strings.Builder
	longRefs.WriteString(head + twoPillars + "personas:\n")
	for i := 0; i < 400; i++ {
		fmt.Fprintf(&longRefs, "  - {id: %s-%04d, name: P}\n", strings.Repeat("p", 200), i)
	}
	longRefs.WriteString("channels:\n  - id: ig\n    platform: instagram\n    personas: [" +
		repeatJoin(400, func(i int) string { return fmt.Sprintf("%s-%04d", strings.Repeat("q", 200), i) }) + "]\n")
	add(one("unknown-reference-long-ids", longRefs.String()))

	// Reference keys written in reverse order, so that findings arrive
	// last-first: a channel's weights over 20,000 unknown pillars.
	add(one("unknown-reference-reverse", head+onePersona+twoPillars+"channels:\n  - id: ig\n    platform: instagram\n    pillars:\n"+
		repeat(20_000, func(i int) string { return fmt.Sprintf("      z%05d: 0.005\n", 20_000-i) })))

	add(split("unknown-key-many", head, "personas", n, func(i int) string {
		return fmt.Sprintf("  - {id: p%05d, name: P, nmae: Q, lastreviewed: 2026-01-01}\n", i)
	}))
	add(split("invalid-enum-many", head, "channels", n, func(i int) string {
		return fmt.Sprintf("  - {id: ch%05d, platform: instagrm}\n", i)
	}))
	add(split("wrong-type-many", head, "personas", n*2, func(i int) string { return "  - 1\n" }))
	add(split("missing-key-many", head, "personas", n*2, func(i int) string { return "  - {summary: s}\n" }))
	add(split("duplicate-id-many", head, "personas", n*2, func(i int) string { return "  - {id: same, name: P}\n" }))
	add(split("duplicate-influencer-many", quiet, "influencers", n, func(i int) string {
		return "  - {handle: \"@Same\", platform: instagram, status: engaged}\n"
	}))
	add(one("unique-items-late", quiet+"community:\n  hashtags: ["+repeatJoin(30_000, func(i int) string { return fmt.Sprintf("\"#h%d\"", i) })+", \"#h0\"]\n"))
	add(split("timezone-invalid-many", head, "channels", n, func(i int) string {
		return fmt.Sprintf("  - {id: ch%05d, platform: instagram, timezone: Europe/Olso%d}\n", i, i)
	}))
	add(split("time-invalid-many", quiet, "tactics", n/2, func(i int) string {
		return fmt.Sprintf("  - {id: t%05d, name: T, goal: engagement, pillar: a, channels: [ig], schedule: {date: 2027-01-01, time: \"24:%02d\"}}\n", i, i%60)
	}))
	add(split("rrule-every-second", quiet, "calendar.campaigns", 2000, func(i int) string {
		return fmt.Sprintf("    - {id: c%04d, name: C, from: 2027-01-01, to: 2027-01-31, extra: {min_per_week: 100, rrule: \"FREQ=DAILY;BYHOUR=%s;BYMINUTE=%s;BYSECOND=%s\"}}\n",
			i, seq(24), seq(60), seq(60))
	}))
	add(split("rrule-never", quiet, "calendar.campaigns", 2000, func(i int) string {
		return fmt.Sprintf("    - {id: c%04d, name: C, from: 2027-01-01, to: 2027-01-31, extra: {min_per_week: 1, rrule: \"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;BYHOUR=9\"}}\n", i)
	}))
	add(valid(split("rrule-long", quiet, "tactics", 200, func(i int) string {
		return fmt.Sprintf("  - {id: t%03d, name: T, goal: engagement, pillar: a, channels: [ig], schedule: {rrule: \"FREQ=YEARLY;BYYEARDAY=%s;BYSETPOS=%s\", time: \"09:00\"}}\n",
			i, seqFrom(1, 366), seqFrom(1, 366))
	})))
	add(split("pillar-weights-many", quiet, "calendar.campaigns", n/2, func(i int) string {
		return fmt.Sprintf("    - {id: c%05d, name: C, from: 2027-01-01, to: 2027-01-02, channels: [ig], pillars: {a: 1, b: 1}}\n", i)
	}))
	add(one("pillar-weights-wide", head+onePersona+"pillars:\n  - {id: a, name: A, weight: 100}\nchannels:\n  - id: ig\n    platform: instagram\n    pillars:\n"+
		repeat(20_000, func(i int) string { return fmt.Sprintf("      a%05d: 0.001\n", i) })))
	add(split("persona-rules-many", head+oneChannel+twoPillars, "personas", n, func(i int) string {
		return fmt.Sprintf("  - {id: p%05d, name: P, last_reviewed: 2001-01-01, networks: [tiktok, youtube, linkedin, pinterest, x, threads, facebook]}\n", i)
	}))
	add(split("channel-rules-many", head+onePersona+twoPillars, "channels", n, func(i int) string {
		return fmt.Sprintf("  - {id: ch%05d, platform: instagram}\n", i)
	}))
	add(split("hashtag-comment-many", head, "personality.values", n*2, func(i int) string {
		return fmt.Sprintf("    - Photos with #tag%d\n", i)
	}))
	add(split("rules-unknown-many", quiet, "rules", n*2, func(i int) string {
		return fmt.Sprintf("  persona-stal%d: off\n", i)
	}))
	add(split("period-order-many", quiet, "calendar.blackouts", n, func(i int) string {
		return "    - {from: 2027-02-01, to: 2027-01-01}\n"
	}))
	add(one("date-out-of-range-many", quiet+"community:\n  business_hours:\n    days: [mon]\n    start: \"09:00\"\n    end: \"17:00\"\n    holidays: ["+
		repeatJoin(n, func(i int) string { return fmt.Sprintf("%04d-%02d-%02d", 2100+i/336, 1+(i/28)%12, 1+i%28) })+"]\n"))
	add(split("schedule-shape-many", quiet, "tactics", n/2, func(i int) string {
		return fmt.Sprintf("  - {id: t%05d, name: T, goal: engagement, pillar: a, channels: [ig], schedule: {time: \"09:00\"}}\n", i)
	}))
	add(split("cadence-unreachable-many", head+onePersona+twoPillars, "channels", n/2, func(i int) string {
		return fmt.Sprintf("  - {id: ch%05d, platform: instagram, cadence: {min_per_week: 100, days: [mon], times: [\"09:00\"]}}\n", i)
	}))
	add(split("influencer-rules-many", quiet, "influencers", n, func(i int) string {
		return fmt.Sprintf("  - {handle: \"@c%05d\", platform: instagram, status: partner, relationship: paid, max_mentions_per_month: 99, contract: {from: 2020-01-01, to: 2020-02-01}}\n", i)
	}))

	// An ignore comment naming 50,000 rules, and a file-wide one, over
	// thousands of findings.
	add(one("ignore-comment-wide", head+oneChannel+twoPillars+"# pillar:ignore-file "+strings.Repeat("no-such-rule ", 25_000)+"\npersonas:\n"+
		repeat(5000, func(i int) string { return fmt.Sprintf("  - {id: p%05d, name: P}\n", i) })))

	// Merge conflicts between included files, and maps merged key by key.
	conflicts := HostileCase{Name: "merge-conflict-many", Files: map[string]string{
		"strategy.yaml": quiet + "include: [a.yaml, b.yaml]\n",
		"a.yaml":        "x-map:\n" + repeat(20_000, func(i int) string { return fmt.Sprintf("  k%05d: 1\n", i) }),
		"b.yaml":        "x-map:\n" + repeat(20_000, func(i int) string { return fmt.Sprintf("  k%05d: 2\n", i) }),
	}}
	add(conflicts)
	merged := HostileCase{Name: "include-merge-wide", Files: map[string]string{
		"strategy.yaml": quiet + "include: [a.yaml, b.yaml]\n",
		"a.yaml":        "x-map:\n" + repeat(30_000, func(i int) string { return fmt.Sprintf("  a%05d: 1\n", i) }),
		"b.yaml":        "x-map:\n" + repeat(30_000, func(i int) string { return fmt.Sprintf("  b%05d: 1\n", i) }),
	}}
	add(valid(merged))
	extends := HostileCase{Name: "extends-overlay-wide", Files: map[string]string{
		"strategy.yaml":        "extends: parent\nx-map:\n" + repeat(30_000, func(i int) string { return fmt.Sprintf("  b%05d: 1\n", i) }),
		"parent/strategy.yaml": quiet + "x-map:\n" + repeat(30_000, func(i int) string { return fmt.Sprintf("  a%05d: 1\n", i) }),
	}}
	add(valid(extends))

	// Octal- and sexagesimal-looking numbers, everywhere a number goes.
	add(split("yaml-number-many", head+onePersona+oneChannel, "pillars", n, func(i int) string {
		return fmt.Sprintf("  - {id: p%05d, name: P, weight: 0%d, examples: {ig: x}}\n", i, i%8)
	}))
	return out
}

// seq lists 0 … n-1 separated by commas, for RRULE BY-parts.
func seq(n int) string { return seqFrom(0, n) }

func seqFrom(from, n int) string {
	parts := make([]string, 0, n)
	for i := from; i < from+n; i++ {
		parts = append(parts, fmt.Sprint(i))
	}
	return strings.Join(parts, ",")
}
