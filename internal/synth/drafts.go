package synth

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/strategy"
)

// DraftsOptions say what Drafts writes.
type DraftsOptions struct {
	// Seed chooses every random draw; the same inputs give the same bytes.
	Seed uint64
	// From and To are the period, [From, To), whose slots the drafts fill.
	From, To strategy.Date
	// Drafts is the number of rows to write; the calendar is cycled (a
	// second draft for a slot, a third, …) until there are that many.
	// Zero writes one a slot.
	Drafts int
}

// Drafts writes a drafts file in the canonical CSV columns for the
// strategy's plan of the period: one draft a slot, at the slot's local
// time without an offset (read in the channel's zone), mostly with the
// slot's pillar, a few without one (to be classified by hashtag) and a
// few off their slot, each with a caption, a link and an image with alt
// text. It is the input of the drafts benchmark. Memory is the plan's,
// not the drafts'.
func Drafts(w io.Writer, s *strategy.Strategy, opt DraftsOptions) error {
	cal, err := planner.Plan(s, planner.Options{From: opt.From, To: opt.To})
	if err != nil {
		return err
	}
	if len(cal.Slots) == 0 {
		return fmt.Errorf("the plan of %s to %s has no slots to draft for", opt.From, opt.To)
	}
	tags := map[string]string{}
	for _, p := range s.Pillars {
		if len(p.Hashtags) > 0 {
			tags[p.ID] = p.Hashtags[0]
		}
	}
	if opt.Drafts <= 0 {
		opt.Drafts = len(cal.Slots)
	}
	r := newRNG(opt.Seed, 7)
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("id,channel,scheduled_at,text,pillar,tactic,campaign,link,media,alt_text,status,owner,partners\n")
	var b []byte
	for i := 0; i < opt.Drafts; i++ {
		sl := &cal.Slots[i%len(cal.Slots)]
		b = b[:0]
		b = append(b, 'd')
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, ',')
		b = appendField(b, sl.Channel)
		b = append(b, ',')
		local := sl.Local
		if r.intn(50) == 0 { // two in a hundred are off their slot
			local = strings.Replace(local, ":", ":1", 1)[:16]
		}
		b = append(b, local...)
		b = append(b, ',')
		pillar := sl.Pillar
		text := "Ny uke, nye plagg: " + sl.PillarName + " i fokus. Kom innom butikken!"
		if r.intn(10) == 0 && tags[pillar] != "" { // one in ten left to the classifier
			text += " " + tags[pillar]
			pillar = ""
		}
		b = appendField(b, text)
		b = append(b, ',')
		b = appendField(b, pillar)
		b = append(b, ',')
		b = appendField(b, sl.Tactic)
		b = append(b, ',')
		b = appendField(b, sl.Campaign)
		b = append(b, ",https://www.example.com/p/"...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, ",img/"...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, ".jpg,Et bilde av dagens plagg,approved,team,\n"...)
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	return bw.Flush()
}
