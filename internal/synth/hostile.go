package synth

import (
	"fmt"
	"strings"
)

// HostileCase is one input a hostile pull request could hold: a strategy
// folder written to make pillar slow, hungry or talkative. The end-to-end
// tests and bench/hostile.sh write every case to disk and run the binary
// on it; pillar must answer each in bounded time, memory and output.
type HostileCase struct {
	// Name is the case's folder name.
	Name string
	// Files maps paths inside the case's folder (slash-separated) to their
	// content; strategy.yaml is the main file.
	Files map[string]string
	// Valid marks a case that is a legitimate strategy, which may pass
	// (exit 0); every other case must end with findings (exit 1) or a
	// refusal (exit 2).
	Valid bool
}

// HostileN is how many of each thing the many-of-everything cases hold.
const HostileN = 10_000

// HostileCases returns the generated part of the hostile corpus: resource
// bombs shaped for YAML's every construct, many of everything, and each
// rule's worst case, sized to the loader's budgets (512 KiB a file, 2 MiB
// and 200,000 values a strategy) or as far past them as it takes to test
// the refusal. The small, hand-written cases live in testdata/hostile;
// cases that need symbolic links or special files are made by the tests.
func HostileCases() []HostileCase {
	var out []HostileCase
	out = append(out, yamlBombs()...)
	out = append(out, manyOfEverything()...)
	out = append(out, ruleWorstCases()...)
	return out
}

// head is a strategy's required start, with one channel and two pillars
// so that the semantic rules have something to work on.
const head = `version: 1
brand: {name: Hostile, timezone: Europe/Oslo}
`

const oneChannel = `channels:
  - {id: ig, platform: instagram, role: r, owner: o, personas: [p], response_sla: 4h, cadence: {min_per_week: 1, days: [mon], times: ["09:00"]}}
`

const twoPillars = `pillars:
  - {id: a, name: A, weight: 60, examples: {ig: x}}
  - {id: b, name: B, weight: 40, examples: {ig: y}}
`

const onePersona = `personas:
  - {id: p, name: P, last_reviewed: 2026-10-01}
`

// quiet is a strategy with no findings of its own, to which a case adds
// one section.
const quiet = head + onePersona + oneChannel + twoPillars

// repeat writes n lines made by line(i).
func repeat(n int, line func(i int) string) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(line(i))
	}
	return b.String()
}

func one(name, content string) HostileCase {
	return HostileCase{Name: name, Files: map[string]string{"strategy.yaml": content}}
}

// valid marks a case as a legitimate, if unusual, strategy.
func valid(c HostileCase) HostileCase {
	c.Valid = true
	return c
}

// split writes a list section of n items, in the main file when it fits
// and otherwise spread over included files of at most maxPart bytes each,
// since HostileN items of most kinds pass the 512 KiB a file may hold.
func split(name, main, section string, n int, item func(i int) string) HostileCase {
	const maxPart = 440 << 10
	c := HostileCase{Name: name, Files: map[string]string{}}
	var parts []string
	var b strings.Builder
	for i := 0; i < n; i++ {
		it := item(i)
		if b.Len()+len(it) > maxPart {
			parts = append(parts, b.String())
			b.Reset()
		}
		b.WriteString(it)
	}
	parts = append(parts, b.String())
	if len(parts) == 1 && len(main)+len(parts[0]) < maxPart {
		c.Files["strategy.yaml"] = main + nest(section, section+":\n"+parts[0])
		return c
	}
	var include []string
	for f, body := range parts {
		path := fmt.Sprintf("part/%03d.yaml", f)
		include = append(include, path)
		c.Files[path] = nest(section, section+":\n"+body)
	}
	c.Files["strategy.yaml"] = main + "include: [" + strings.Join(include, ", ") + "]\n"
	return c
}

// nest wraps a "calendar.campaigns"-style section path around its list.
func nest(section, body string) string {
	parent, child, ok := strings.Cut(section, ".")
	if !ok {
		return body
	}
	lines := strings.Split(strings.TrimSuffix(strings.TrimPrefix(body, section+":\n"), "\n"), "\n")
	return parent + ":\n  " + child + ":\n  " + strings.Join(lines, "\n  ") + "\n"
}

// yamlBombs are YAML built to exhaust a parser: aliases, merge keys,
// nesting, long lines, huge scalars, many documents.
func yamlBombs() []HostileCase {
	const kib = 1 << 10
	var out []HostileCase

	// Billion laughs, wider and deeper than testdata/bad/alias-bomb.
	var lol strings.Builder
	lol.WriteString("version: 1\nx-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 12; i++ {
		fmt.Fprintf(&lol, "x-a%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 10), ", "))
	}
	lol.WriteString("brand: {name: *a11, timezone: Europe/Oslo}\n")
	out = append(out, one("alias-billion-laughs", lol.String()))

	// One wide anchor used many times: quadratic rather than exponential.
	wide := "version: 1\nx-wide: &w [" + strings.TrimSuffix(strings.Repeat("v, ", 20_000), ", ") + "]\n" +
		"x-use: [" + strings.TrimSuffix(strings.Repeat("*w, ", 20_000), ", ") + "]\n"
	out = append(out, one("alias-wide", wide))

	// Merge keys that double at every level.
	var merge strings.Builder
	merge.WriteString("version: 1\nx-m0: &m0 {k0: 1, k1: 2, k2: 3, k3: 4}\n")
	for i := 1; i < 40; i++ {
		fmt.Fprintf(&merge, "x-m%d: &m%d {<<: [*m%d, *m%d], left: *m%d, right: *m%d}\n", i, i, i-1, i-1, i-1, i-1)
	}
	merge.WriteString("brand: {name: B, timezone: Europe/Oslo, <<: *m39}\n")
	out = append(out, one("merge-key-bomb", merge.String()))

	// Many merge keys into one mapping, each of a mapping of many keys.
	var mergeWide strings.Builder
	mergeWide.WriteString("version: 1\nx-base: &base {" + repeatJoin(2000, func(i int) string { return fmt.Sprintf("k%d: %d", i, i) }) + "}\n")
	mergeWide.WriteString("brand: {name: B, timezone: Europe/Oslo}\nx-many: {<<: [" + repeatJoin(500, func(int) string { return "*base" }) + "]}\n")
	out = append(out, one("merge-key-wide", mergeWide.String()))

	// An anchor whose value contains its own alias.
	out = append(out, one("alias-self", "version: 1\nx-a: &a [1, *a]\nbrand: {name: B, timezone: Europe/Oslo}\n"))

	// Nesting: flow sequences and mappings far past the depth limit, block
	// sequences on one line, block mappings indented to the size limit.
	out = append(out,
		one("deep-flow-seq", "version: 1\nx: "+strings.Repeat("[", 100_000)+strings.Repeat("]", 100_000)+"\n"),
		one("deep-flow-map", "version: 1\nx: "+strings.Repeat("{a: ", 60_000)+"1"+strings.Repeat("}", 60_000)+"\n"),
		one("deep-flow-unclosed", "version: 1\nx: "+strings.Repeat("[{", 100_000)+"\n"),
		one("deep-block-seq", "version: 1\nx:\n"+strings.Repeat("- ", 100_000)+"x\n"),
		one("deep-block-map", "version: 1\nx:\n"+repeat(700, func(i int) string { return strings.Repeat(" ", i+1) + "a:\n" })+strings.Repeat(" ", 701)+"b: 1\n"),
	)

	// Long lines: a flow list of 40,000 values on one line (each value's
	// underline is measured on that line), a 500 KiB scalar, a 500 KiB key.
	out = append(out,
		one("long-line-flow", head+"personas: ["+repeatJoin(25_000, func(i int) string { return fmt.Sprintf("{id: p%d}", i) })+"]\n"),
		valid(one("long-line-scalar", head+"personality: {vision: "+strings.Repeat("word ", 100*kib)+"}\n")),
		one("long-line-timezone", "version: 1\nbrand: {name: B, timezone: "+strings.Repeat("Europe/Oslo", 45*kib)+"}\n"),
		one("long-key", head+strings.Repeat("k", 500*kib)+": 1\n"),
		one("long-id", head+"personas:\n  - {id: "+strings.Repeat("p", 500*kib)+", name: P}\n"),
		one("long-reference", quiet+"tactics:\n  - {id: t, name: T, goal: engagement, pillar: "+strings.Repeat("a", 500*kib)+", channels: [ig], schedule: {date: 2027-01-01, time: \"09:00\"}}\n"),
	)

	// Huge scalars: a block literal and a double-quoted string full of
	// escapes, both just under the file limit.
	out = append(out,
		valid(one("huge-block-scalar", head+"personality:\n  vision: |\n"+repeat(8000, func(int) string { return "    " + strings.Repeat("x", 60) + "\n" }))),
		valid(one("huge-quoted-scalar", head+"personality: {vision: \""+strings.Repeat(`\u00e9\t\"`, 40*kib)+"\"}\n")),
		one("file-too-large", head+"personality:\n  vision: |\n"+repeat(9000, func(int) string { return "    " + strings.Repeat("x", 60) + "\n" })),
	)

	// Many documents, many anchors, many comments, many keys in one map.
	out = append(out,
		one("many-documents", head+strings.Repeat("---\nx: 1\n", 50_000)),
		valid(one("many-anchors", head+"x-list: ["+repeatJoin(30_000, func(i int) string { return fmt.Sprintf("&a%d %d", i, i) })+"]\n")),
		one("many-comments", head+strings.Repeat("# pillar:ignore "+strings.Repeat("persona-stale ", 30)+"\n", 600)+
			"personas:\n"+repeat(2000, func(i int) string {
			return fmt.Sprintf("  - {id: p%d, name: P}  # pillar:ignore-file %s\n", i, strings.Repeat("x ", 40))
		})),
		valid(one("many-keys", head+"x-map:\n"+repeat(30_000, func(i int) string { return fmt.Sprintf("  k%d: %d\n", i, i) }))),
		one("many-duplicate-keys", head+"x-map:\n"+strings.Repeat("  k: 1\n", 60_000)),
		valid(one("many-tags", head+"x-list: ["+repeatJoin(20_000, func(i int) string { return "!!binary aGVsbG8=" })+"]\n")),
	)

	// Bytes no YAML file should hold.
	out = append(out,
		one("nul-bytes", head+"personality: {vision: \"a\x00b\"}\n"+strings.Repeat("\x00", 1000)),
		one("control-characters", head+"personas:\n"+repeat(3000, func(i int) string {
			return fmt.Sprintf("  - {id: \"p\\e[2J\\e]0;owned\\a%d\", name: \"\\e[31mred\"}\n", i)
		})),
		one("bidi-and-wide", head+"personas:\n"+repeat(3000, func(i int) string {
			return fmt.Sprintf("  - {id: p%d, name: \"\u202eevil\u2066 表情 😀\", networks: [\u202eig]}\n", i)
		})),
	)
	return out
}

func repeatJoin(n int, item func(i int) string) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = item(i)
	}
	return strings.Join(parts, ", ")
}

// manyOfEverything holds HostileN of each kind of thing, as a real if
// oversized strategy would.
func manyOfEverything() []HostileCase {
	n := HostileN
	personas := split("many-personas", head+oneChannel+twoPillars, "personas", n, func(i int) string {
		return fmt.Sprintf("  - {id: persona-%05d, name: Persona %d, last_reviewed: 2026-10-01, networks: [instagram, tiktok]}\n", i, i)
	})
	channels := split("many-channels", head+onePersona+`pillars:
  - {id: a, name: A, weight: 60}
  - {id: b, name: B, weight: 40}
`, "channels", n, func(i int) string {
		return fmt.Sprintf("  - {id: ch-%05d, platform: instagram, personas: [p], cadence: {min_per_week: 2, days: [mon, thu], times: [\"09:00\"]}}\n", i)
	})
	campaigns := split("many-campaigns", quiet, "calendar.campaigns", n, func(i int) string {
		return fmt.Sprintf("  - {id: c%05d, name: Campaign %d, from: 2027-01-%02d, to: 2027-12-31, pillars: {a: 50, b: 50}}\n", i, i, 1+i%28)
	})
	tactics := split("many-tactics", quiet, "tactics", n, func(i int) string {
		return fmt.Sprintf("  - {id: t%05d, name: T, goal: engagement, pillar: a, channels: [ig], schedule: {rrule: \"FREQ=MONTHLY;BYDAY=1FR\", time: \"12:00\"}}\n", i)
	})
	influencers := split("many-influencers", quiet, "influencers", n, func(i int) string {
		return fmt.Sprintf("  - {handle: \"@creator%05d\", platform: instagram, status: partner, relationship: paid, max_mentions_per_month: 20, contract: {from: 2020-01-01, to: 2021-01-01}}\n", i)
	})
	// 1,440 distinct times fill a day; 10,000 spread over seven channels.
	var times strings.Builder
	times.WriteString(head + onePersona + twoPillars + "channels:\n")
	for ch := 0; ch < 7; ch++ {
		fmt.Fprintf(&times, "  - id: ch%d\n    platform: instagram\n    cadence:\n      min_per_week: 100\n      days: [mon, tue, wed, thu, fri, sat, sun]\n      times: [", ch)
		var ts []string
		for m := 0; m < 1440 && ch*1440+m < n; m++ {
			ts = append(ts, fmt.Sprintf("\"%02d:%02d\"", m/60, m%60))
		}
		times.WriteString(strings.Join(ts, ", ") + "]\n")
	}
	pillars := split("many-pillars", head+onePersona+oneChannel, "pillars", n, func(i int) string {
		return fmt.Sprintf("  - {id: p%05d, name: P, weight: 0.01, examples: {ig: x}}\n", i)
	})
	blackouts := split("many-blackouts", quiet, "calendar.blackouts", n, func(i int) string {
		return fmt.Sprintf("  - {from: 2027-%02d-%02d, to: 2027-12-31, reason: r%d}\n", 1+i%12, 1+i%28, i)
	})
	var holidays []string
	for i := 0; i < n; i++ {
		d := 2000 + i/365
		holidays = append(holidays, fmt.Sprintf("%04d-%02d-%02d", d, 1+(i%365)/31, 1+(i%365)%28))
	}
	return []HostileCase{personas, channels, campaigns, valid(tactics), influencers,
		one("many-times", times.String()), valid(pillars), valid(blackouts),
		valid(one("many-holidays", quiet+"community:\n  business_hours:\n    days: [mon]\n    start: \"09:00\"\n    end: \"17:00\"\n    holidays: ["+strings.Join(uniq(holidays), ", ")+"]\n")),
	}
}

func uniq(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
