package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/pillar-strategy/pillar/strategy"
)

// writeDiffMarkdown writes the report for a pull-request comment: a
// headline, the pillar weights as a table when any changed, the changes as
// lists per section, and the calendar impact as tables.
func writeDiffMarkdown(w io.Writer, d *StrategyDiff) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "### Strategy changes: %s\n\n", mdEscape(d.Brand))
	fmt.Fprintf(bw, "%s → %s: %s\n", mdCode(d.Old), mdCode(d.New), mdEscape(headline(d)))

	if len(d.Weights) > 0 {
		fmt.Fprint(bw, "\n#### Pillar weights\n\n| pillar | before | after |\n| --- | ---: | ---: |\n")
		for _, p := range d.Weights {
			before, after := weightText(p.Before), weightText(p.After)
			if before != after {
				after = "**" + after + "**"
			}
			fmt.Fprintf(bw, "| %s | %s | %s |\n", mdEscape(labelOr(p.Name, p.Pillar)), before, after)
		}
	}
	// The table above shows every weight that changed; its sentence is
	// left out of the list below so that no change is read twice.
	listed := d.Changes
	if len(d.Weights) > 0 {
		listed = make(strategy.Changes, 0, len(d.Changes))
		for _, c := range d.Changes {
			if !isPillarWeight(c) {
				listed = append(listed, c)
			}
		}
	}
	for _, sec := range listed.Sections() {
		fmt.Fprintf(bw, "\n#### %s\n\n", sectionTitle(sec))
		for _, c := range listed.In(sec) {
			fmt.Fprintf(bw, "- %s\n", mdEscape(c.Summary))
		}
	}

	if d.Unplanned != "" {
		fmt.Fprintf(bw, "\n#### Calendar\n\n%s\n", mdEscape(d.Unplanned))
		return bw.Flush()
	}
	im := d.Impact
	fmt.Fprintf(bw, "\n#### Calendar %s\n\n", mdEscape(horizon(im)))
	fmt.Fprint(bw, "| channel | before | after | change |\n| --- | ---: | ---: | ---: |\n")
	for _, c := range im.Channels {
		fmt.Fprintf(bw, "| %s | %d | %d | %s |\n", mdEscape(channelLabel(c.Channel, c.Platform)), c.Before, c.After, signed(c.Change))
	}
	fmt.Fprintf(bw, "| **all channels** | **%d** | **%d** | **%s** |\n", im.Posts.Before, im.Posts.After, signed(im.Posts.Change))
	if s := pillarChanges(im); s != "" {
		fmt.Fprintf(bw, "\n%s\n", mdEscape(s))
	}
	if len(im.Pillars) > 0 {
		fmt.Fprint(bw, "\n| pillar mix | before | after |\n| --- | ---: | ---: |\n")
		for _, p := range im.Pillars {
			fmt.Fprintf(bw, "| %s | %d (%.1f%%) | %d (%.1f%%) |\n", mdEscape(labelOr(p.Name, p.Pillar)), p.Before, p.ShareBefore, p.After, p.ShareAfter)
		}
	}
	return bw.Flush()
}

// isPillarWeight reports whether c is a change of a pillar's weight, the
// one kind of change the weights table shows in full.
func isPillarWeight(c strategy.Change) bool {
	return c.Section == "pillars" && c.Kind == strategy.Changed && strings.HasSuffix(c.Path, "/weight") && strings.Count(c.Path, "/") == 3
}
