package render

import (
	"encoding/json"
	"io"
)

// writeDiffJSON writes the report as indented JSON: brand, old, new,
// changes (section, path, kind, old, new, summary), weights (pillar, name,
// before, after; null where the pillar does not exist) and impact (from,
// to, posts, channels, pillars, each with before, after and change). When
// a version has errors, impact is absent and unplanned says why.
func writeDiffJSON(w io.Writer, d *StrategyDiff) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(d)
}
