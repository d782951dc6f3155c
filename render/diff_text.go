package render

import (
	"bufio"
	"fmt"
	"io"
	"unicode/utf8"
)

// writeDiffText writes the report for a terminal: a headline, the changes
// grouped by section, then the calendar impact as two small tables.
func writeDiffText(w io.Writer, d *StrategyDiff) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s: %s → %s\n", oneLine(d.Brand), oneLine(d.Old), oneLine(d.New))
	fmt.Fprintln(bw, headline(d))
	for _, sec := range d.Changes.Sections() {
		fmt.Fprintf(bw, "\n%s\n", sectionTitle(sec))
		for _, c := range d.Changes.In(sec) {
			fmt.Fprintf(bw, "  - %s\n", oneLine(c.Summary))
		}
	}

	if d.Unplanned != "" {
		fmt.Fprintf(bw, "\nCalendar\n  %s\n", oneLine(d.Unplanned))
		return bw.Flush()
	}
	im := d.Impact
	fmt.Fprintf(bw, "\nCalendar %s\n", horizon(im))
	width := utf8.RuneCountInString("all channels")
	for _, c := range im.Channels {
		width = max(width, utf8.RuneCountInString(oneLine(channelLabel(c.Channel, c.Platform))))
	}
	for _, p := range im.Pillars {
		width = max(width, utf8.RuneCountInString(labelOr(p.Name, p.Pillar)))
	}
	fmt.Fprintf(bw, "  %s  %6s  %6s  %6s\n", pad("channel", width), "before", "after", "change")
	for _, c := range im.Channels {
		fmt.Fprintf(bw, "  %s  %6d  %6d  %6s\n", pad(oneLine(channelLabel(c.Channel, c.Platform)), width), c.Before, c.After, signed(c.Change))
	}
	fmt.Fprintf(bw, "  %s  %6d  %6d  %6s\n", pad("all channels", width), im.Posts.Before, im.Posts.After, signed(im.Posts.Change))
	if s := pillarChanges(im); s != "" {
		fmt.Fprintf(bw, "  %s\n", s)
	}
	if len(im.Pillars) > 0 {
		fmt.Fprintf(bw, "\n  %s  %13s  %13s\n", pad("pillar", width), "before", "after")
		for _, p := range im.Pillars {
			fmt.Fprintf(bw, "  %s  %5d %6.1f%%  %5d %6.1f%%\n", pad(labelOr(p.Name, p.Pillar), width), p.Before, p.ShareBefore, p.After, p.ShareAfter)
		}
	}
	return bw.Flush()
}
