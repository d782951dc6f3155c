package render

import (
	"bytes"
	"encoding/json"
	"io"
	"time"

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
// Slots of a plan that share their Variant differ only in start, local and
// uid, so their object is encoded once as a template and each slot fills in
// its own values, which need no escaping.
func writeJSON(w io.Writer, st CalendarStream) (int, error) {
	cal := st.Calendar()
	bw := newOutBuf(w)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	// value writes v as it would appear prefix-indented inside the
	// document, without the encoder's final newline.
	encode := func(v any, prefix string) ([]byte, error) {
		buf.Reset()
		enc.SetIndent(prefix, "  ")
		if err := enc.Encode(v); err != nil {
			return nil, err
		}
		return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
	}
	value := func(v any, prefix string) error {
		b, err := encode(v, prefix)
		if err == nil {
			_, err = bw.Write(b)
		}
		return err
	}
	bw.WriteString("{\n")
	for _, f := range []struct {
		key string
		v   any
	}{{"brand", cal.Brand}, {"from", cal.From}, {"to", cal.To}, {"timezone", cal.Timezone}} {
		bw.WriteString(`  "` + f.key + `": `)
		if err := value(f.v, "  "); err != nil {
			return 0, err
		}
		bw.WriteString(",\n")
	}
	bw.WriteString(`  "slots": [`)
	templates := new(byVariant[jsonTemplate])
	var clock utcClock
	walk := newSlotWalker(st)
	n := 0
	for {
		k, ok, err := walk.next()
		if err != nil {
			return n, err
		}
		if !ok {
			break
		}
		if n > 0 {
			bw.WriteByte(',')
		}
		n++
		bw.WriteString("\n    ")
		t, seen := templates.get(k.Variant)
		if !seen && k.Variant != 0 {
			b, err := encode(walk.slot(), "    ")
			if err != nil {
				return n, err
			}
			t = newJSONTemplate(b, walk.slot())
			templates.put(k.Variant, t)
		}
		if t == nil {
			if err := value(walk.slot(), "    "); err != nil {
				return n, err
			}
			continue
		}
		bw.b = t.fill(bw.b, &k, &clock)
		bw.spill()
	}
	if n > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("],\n  \"warnings\": ")
	warnings := st.Warnings()
	if warnings == nil {
		warnings = []planner.Warning{}
	}
	if err := value(warnings, "  "); err != nil {
		return n, err
	}
	bw.WriteString("\n}\n")
	return n, bw.Flush()
}

// jsonTemplate is a variant's slot object as json.Encoder writes it, cut
// where a slot's own start, local and uid go.
type jsonTemplate struct {
	afterStart, afterLocal, afterUID []byte
	head                             []byte
}

// newJSONTemplate cuts the encoded object b of slot s, or returns nil when
// its values are not where they should be.
func newJSONTemplate(b []byte, s *planner.Slot) *jsonTemplate {
	start := []byte(`"start": "` + s.Start.UTC().Format(time.RFC3339) + `"`)
	local := []byte(`"local": "` + s.Local + `"`)
	uid := []byte(`"uid": "` + s.UID + `"`)
	i, j, k := bytes.Index(b, start), bytes.Index(b, local), bytes.LastIndex(b, uid)
	if i < 0 || j < i || k < j || len(start) != len(`"start": "`)+21 {
		return nil
	}
	i += len(`"start": "`)
	j += len(`"local": "`)
	k += len(`"uid": "`)
	return &jsonTemplate{
		head:       append([]byte(nil), b[:i]...),
		afterStart: append([]byte(nil), b[i+20:j]...),
		afterLocal: append([]byte(nil), b[j+16:k]...),
		afterUID:   append([]byte(nil), b[k+27:]...),
	}
}

// fill appends the object of the slot with key k to b.
func (t *jsonTemplate) fill(b []byte, k *planner.SlotKey, clock *utcClock) []byte {
	b = append(b, t.head...)
	b = clock.appendRFC3339(b, k.Start)
	b = append(b, t.afterStart...)
	b = append(b, k.Local...)
	b = append(b, t.afterLocal...)
	b = append(b, k.UID...)
	return append(b, t.afterUID...)
}
