package schema

import "github.com/pillar-strategy/pillar/strategy"

// checkVersion requires the top-level version and brand keys. The schema
// cannot: it also checks included files, which hold neither, so these two
// are checked here on the merged strategy.
func checkVersion(c *checker) {
	switch {
	case !c.src.Has("/version") && c.s.Version == 0:
		c.report("version", "", false, "Add `version: 1` as the first line of the main strategy file.",
			"the strategy does not say which format version it is written in")
	case c.s.Version != strategy.Version:
		c.report("version", "/version", false, "Write `version: 1`; it is the only version this build of pillar reads.",
			"version %d is not supported", c.s.Version)
	}
	if !c.src.Has("/brand") && c.s.Brand.Name == "" {
		c.report("missing-key", "", false, "Add `brand:` with the brand's name and timezone, e.g. `brand: {name: Nordlys, timezone: Europe/Oslo}`.",
			"the strategy is missing the required key %q", "brand")
	}
}
