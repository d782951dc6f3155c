package schema

import (
	"fmt"
	"strings"
	"sync"
	"time"
	// The embedded zone database makes a timezone valid or not regardless
	// of the machine: a CI image without /usr/share/zoneinfo, or Windows,
	// must give the same verdict as a laptop.
	_ "time/tzdata"

	"github.com/pillar-strategy/pillar/strategy"
)

// ambiguousZones are names the zone database accepts but that do not say
// which place's summer-time rules apply: CET is used by thirty countries
// that have changed their rules at different times. Local is whatever the
// machine running pillar is set to, which differs between a laptop and CI.
var ambiguousZones = map[string]bool{
	"CET": true, "EET": true, "MET": true, "WET": true,
	"EST": true, "MST": true, "HST": true,
	"CST6CDT": true, "EST5EDT": true, "MST7MDT": true, "PST8PDT": true,
	"Factory": true, "Local": true,
}

// zoneByFold finds a listed zone by its lower-case name, for names written
// in the wrong case: they load on a Mac's case-insensitive disk and then
// fail on Linux in CI.
var zoneByFold = sync.OnceValue(func() map[string]string {
	m := make(map[string]string, len(zoneNames)+1)
	for _, z := range append([]string{"UTC"}, zoneNames...) {
		m[strings.ToLower(z)] = z
	}
	return m
})

// zoneByCity finds a listed zone by its last part, so that "Oslo" or
// "new york" leads to Europe/Oslo or America/New_York.
var zoneByCity = sync.OnceValue(func() map[string]string {
	m := make(map[string]string, len(zoneNames))
	for _, z := range zoneNames {
		city := strings.ToLower(z[strings.LastIndexByte(z, '/')+1:])
		if _, dup := m[city]; !dup {
			m[city] = z
		}
	}
	return m
})

// checkTimezones requires every timezone to be an IANA zone that means the
// same thing on every machine.
func checkTimezones(c *checker) {
	s := c.s
	if s.Brand.Timezone != "" || c.src.Has("/brand/timezone") {
		c.timezone(s.Brand.Timezone, "/brand/timezone")
	}
	for i, ch := range s.Channels {
		if ch.Timezone != "" || c.src.Has(strategy.Pointer("channels", i, "timezone")) {
			c.timezone(ch.Timezone, strategy.Pointer("channels", i, "timezone"))
		}
	}
	if s.Community != nil && s.Community.BusinessHours != nil {
		bh := s.Community.BusinessHours
		if bh.Timezone != "" || c.src.Has("/community/business_hours/timezone") {
			c.timezone(bh.Timezone, "/community/business_hours/timezone")
		}
	}
}

func (c *checker) timezone(name, ptr string) {
	msg, hint := zoneText(name)
	if msg != nil {
		c.reportFix("timezone-invalid", ptr, false, func() *fixWant {
			if z := zoneFix(name); z != "" {
				return &fixWant{ptr: ptr, from: name, to: z, safe: true}
			}
			return nil
		}, hint, "%s", msg)
	}
}

// zoneFix is the zone a misspelt timezone name should read: the listed
// zone in its own case, a near miss, or the zone of a city written alone.
func zoneFix(name string) string {
	if right, ok := zoneByFold()[strings.ToLower(name)]; ok {
		if right != name {
			return right
		}
		return ""
	}
	if ambiguousZones[name] {
		return ""
	}
	if best, unique := closestWithin(name, zoneNames, nil); best != "" {
		if unique {
			return best
		}
		return ""
	}
	city := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(name), " ", "_"))
	city = city[strings.LastIndexByte(city, '/')+1:]
	if z, ok := zoneByCity()[city]; ok && citiesNamed()[city] == 1 {
		return z
	}
	return ""
}

// citiesNamed counts the listed zones whose last part is each city: a
// city written alone is fixed only when one zone has its name (the list
// has no city twice today; a later zone database might).
var citiesNamed = sync.OnceValue(func() map[string]int {
	m := make(map[string]int, len(zoneNames))
	for _, z := range zoneNames {
		m[strings.ToLower(z[strings.LastIndexByte(z, '/')+1:])]++
	}
	return m
})

// zoneProblem says what is wrong with a timezone name, or returns "" when
// it is a usable IANA zone.
func zoneProblem(name string) (msg, hint string) {
	m, hint := zoneText(name)
	if m == nil {
		return "", ""
	}
	return m.String(), hint
}

// text is a message known in full.
type text string

func (t text) String() string { return string(t) }

// unknownZone is the message for a name that is not a zone, with the
// zone it probably means: looking for that compares the name with 400
// zones, so it is done only when the message is written.
type unknownZone string

func (u unknownZone) String() string {
	name := string(u)
	if z := suggestZone(name); z != "" {
		return fmt.Sprintf("%q is not a known timezone; did you mean %q?", name, z)
	}
	return fmt.Sprintf("%q is not a known timezone", name)
}

// zoneText is zoneProblem with the message left unwritten until needed.
func zoneText(name string) (msg fmt.Stringer, hint string) {
	const generic = "Use an IANA zone name such as Europe/Oslo, America/New_York or Asia/Kolkata; the list is at https://en.wikipedia.org/wiki/List_of_tz_database_time_zones."
	switch {
	case strings.TrimSpace(name) == "":
		return text("the timezone is empty"), generic
	case ambiguousZones[name]:
		if name == "Local" {
			return text(`"Local" is not a timezone: it means whatever the computer running pillar is set to`),
				"Write the zone the brand posts in, e.g. Europe/Oslo, so that the plan is the same on every machine."
		}
		return text(fmt.Sprintf("%q is an abbreviation shared by several places, not a timezone", name)),
			"Write the zone of the city the times are meant for, e.g. Europe/Oslo rather than CET or America/New_York rather than EST; each place follows its own summer-time rules."
	}
	if right, ok := zoneByFold()[strings.ToLower(name)]; ok {
		if right == name {
			// A listed zone: no need to read the zone database.
			return nil, ""
		}
		return text(fmt.Sprintf("the timezone %q must be written %q", name, right)),
			"Zone names are case-sensitive on most systems; a name that works on one computer may fail in CI."
	}
	if zoneLoads(name) {
		return nil, ""
	}
	return unknownZone(name), generic
}

// loadedZones remembers which names time.LoadLocation accepts. A miss
// costs it a look in several folders and a zip file (about 60 µs), and a
// strategy names the same few zones on many channels.
var loadedZones = struct {
	sync.Mutex
	m map[string]bool
}{m: map[string]bool{}}

// maxLoadedZones bounds what loadedZones holds: real names are a few
// hundred, and hostile strategies may bring any number of others.
const maxLoadedZones = 4096

// zoneLoads reports whether time.LoadLocation accepts name.
func zoneLoads(name string) bool {
	loadedZones.Lock()
	ok, seen := loadedZones.m[name]
	loadedZones.Unlock()
	if seen {
		return ok
	}
	_, err := time.LoadLocation(name)
	ok = err == nil
	loadedZones.Lock()
	if len(loadedZones.m) < maxLoadedZones {
		loadedZones.m[name] = ok
	}
	loadedZones.Unlock()
	return ok
}

// suggestZone guesses the zone meant by a name that does not load: a
// near miss of a listed zone, or a city written without its region.
func suggestZone(name string) string {
	if z := closest(name, zoneNames); z != "" {
		return z
	}
	city := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(name), " ", "_"))
	city = city[strings.LastIndexByte(city, '/')+1:]
	if z, ok := zoneByCity()[city]; ok {
		return z
	}
	return ""
}

// checkTimes reads every time of day with the same parser the planner
// uses. The schema's pattern catches most mistakes first; this is the
// authoritative check, and the only one for strategies built in code.
func checkTimes(c *checker) {
	s := c.s
	for i, ch := range s.Channels {
		for k := range ch.Cadence {
			c.clocks(ch.Cadence[k].Times, c.cadencePointer(i, k)+"/times")
		}
	}
	for i, t := range s.Tactics {
		c.clock(t.Schedule.Time, strategy.Pointer("tactics", i, "schedule", "time"))
	}
	if s.Calendar != nil {
		for i, cp := range s.Calendar.Campaigns {
			if cp.Extra != nil {
				c.clocks(cp.Extra.Times, strategy.Pointer("calendar", "campaigns", i, "extra", "times"))
			}
		}
	}
	if s.Community != nil && s.Community.BusinessHours != nil {
		bh := s.Community.BusinessHours
		okStart := c.clock(bh.Start, "/community/business_hours/start")
		okEnd := c.clock(bh.End, "/community/business_hours/end")
		if okStart && okEnd && bh.End <= bh.Start {
			c.report("time-invalid", "/community/business_hours/end", false,
				"Business hours run from start to end on the same day. Hours past midnight are not supported; end at 23:59 instead.",
				"business hours end at %s, which is not after they start at %s", bh.End, bh.Start)
		}
	}
}

func (c *checker) clocks(times []string, ptr string) {
	for j, t := range times {
		c.clock(t, ptr+strategy.Pointer(j))
	}
}

// clock reports a time that does not parse and says whether it did.
func (c *checker) clock(t, ptr string) bool {
	if _, _, err := strategy.ParseClock(t); err != nil {
		c.report("time-invalid", ptr, false, "", "%s", err.Error())
		return false
	}
	return true
}
