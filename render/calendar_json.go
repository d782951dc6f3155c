package render

import (
	"bufio"
	"bytes"
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
//
// The document is written a slot at a time, so a plan of hundreds of
// thousands of slots needs no second copy of itself in memory; the bytes are
// those json.Encoder gives for the whole calendar with the same indent.
func writeJSON(w io.Writer, cal *planner.Calendar) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	// value writes v as it would appear prefix-indented inside the
	// document, without the encoder's final newline.
	value := func(v any, prefix string) error {
		buf.Reset()
		enc.SetIndent(prefix, "  ")
		if err := enc.Encode(v); err != nil {
			return err
		}
		_, err := bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		return err
	}
	bw.WriteString("{\n")
	for _, f := range []struct {
		key string
		v   any
	}{{"brand", cal.Brand}, {"from", cal.From}, {"to", cal.To}, {"timezone", cal.Timezone}} {
		bw.WriteString(`  "` + f.key + `": `)
		if err := value(f.v, "  "); err != nil {
			return err
		}
		bw.WriteString(",\n")
	}
	bw.WriteString(`  "slots": [`)
	for i := range cal.Slots {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		if err := value(&cal.Slots[i], "    "); err != nil {
			return err
		}
	}
	if len(cal.Slots) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("],\n  \"warnings\": ")
	warnings := cal.Warnings
	if warnings == nil {
		warnings = []planner.Warning{}
	}
	if err := value(warnings, "  "); err != nil {
		return err
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}
