package render

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/pillar-strategy/pillar/planner"
)

// writeJSON writes the calendar as one JSON document, indented by two
// spaces. The document is a contract other tools rely on; keys are only
// ever added:
//
//	{
//	  "brand": "Nordlys Mote",
//	  "from": "2027-01-01",          // first day of the horizon
//	  "to": "2027-04-01",            // day after the last day
//	  "timezone": "Europe/Oslo",     // the brand's IANA zone
//	  "slots": [                     // sorted by start, channel, tactic
//	    {
//	      "start": "2027-01-04T08:00:00Z",  // RFC 3339, UTC
//	      "local": "2027-01-04T09:00",      // wall clock in "timezone"
//	      "timezone": "Europe/Oslo",        // the channel's zone
//	      "channel": "instagram", "platform": "instagram",
//	      "pillar": "brand", "pillar_name": "Brand",
//	      "tactic": "", "tactic_name": "",  // empty for a cadence slot
//	      "campaign": "",                   // campaign id or empty
//	      "format": "reel", "brief": "…",
//	      "uid": "359b4859b1843eb60138@pillar" // stable across runs
//	    }
//	  ],
//	  "warnings": [ { "channel": "…", "tactic": "…", "message": "…" } ]
//	}
//
// Every slot key is always present; a warning's channel and tactic are left
// out when empty. slots and warnings are [] rather than null when empty.
func writeJSON(w io.Writer, cal *planner.Calendar) error {
	doc := *cal
	if doc.Slots == nil {
		doc.Slots = []planner.Slot{}
	}
	if doc.Warnings == nil {
		doc.Warnings = []planner.Warning{}
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&doc); err != nil {
		return err
	}
	return bw.Flush()
}
