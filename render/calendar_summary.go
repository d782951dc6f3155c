package render

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/planner"
)

// WriteSummary writes a plan's summary as a text table, the output of
// `pillar plan --summary`: per channel with posts, the number of posts, each
// pillar's achieved share against its target, and how often each tactic
// runs; then the same for all channels together, and the channels with no
// posts. The headline counts the channels listed.
func WriteSummary(w io.Writer, sum planner.Summary) error {
	bw := bufio.NewWriter(w)
	var posting []planner.ChannelSummary
	var idle []string
	for _, c := range sum.Channels {
		if c.Posts > 0 {
			posting = append(posting, c)
		} else {
			idle = append(idle, oneLine(channelLabel(c.Channel, c.Platform)))
		}
	}
	if sum.Total.Posts == 0 {
		fmt.Fprintf(bw, "%s: no posts from %s to %s\n", oneLine(sum.Brand), sum.From, lastDaySummary(sum))
	} else {
		fmt.Fprintf(bw, "%s: %s from %s to %s on %s\n", oneLine(sum.Brand), count(sum.Total.Posts, "post", "posts"),
			sum.From, lastDaySummary(sum), count(len(posting), "channel", "channels"))
	}

	width := utf8.RuneCountInString("pillar")
	for _, c := range append(posting, sum.Total) {
		for _, p := range c.Pillars {
			width = max(width, utf8.RuneCountInString(mixName(p)))
		}
	}
	for _, c := range posting {
		fmt.Fprintf(bw, "\n%s: %s\n", oneLine(channelLabel(c.Channel, c.Platform)), count(c.Posts, "post", "posts"))
		writeMix(bw, c, width)
	}
	if len(posting) > 1 {
		fmt.Fprintf(bw, "\nAll channels: %s\n", count(sum.Total.Posts, "post", "posts"))
		writeMix(bw, sum.Total, width)
	}
	if len(idle) > 0 {
		fmt.Fprintf(bw, "\nNo posts on %s.\n", strings.Join(idle, ", "))
	}
	if sum.Warnings > 0 {
		fmt.Fprintf(bw, "\n%s: see the plan's warnings.\n", count(sum.Warnings, "warning", "warnings"))
	}
	return bw.Flush()
}

func writeMix(w io.Writer, c planner.ChannelSummary, width int) {
	header := false
	for _, p := range c.Pillars {
		if p.Posts == 0 && p.Target == 0 {
			continue // a pillar this channel does not use
		}
		if !header {
			fmt.Fprintf(w, "  %s  %5s  %8s  %6s\n", pad("pillar", width), "posts", "achieved", "target")
			header = true
		}
		fmt.Fprintf(w, "  %s  %5d  %7.1f%%  %5.1f%%\n", pad(mixName(p), width), p.Posts, p.Achieved, p.Target)
	}
	if c.Unassigned > 0 {
		fmt.Fprintf(w, "  %s with no pillar\n", count(c.Unassigned, "post", "posts"))
	}
	if len(c.Tactics) > 0 {
		parts := make([]string, len(c.Tactics))
		for i, t := range c.Tactics {
			name := t.Name
			if name == "" {
				name = t.Tactic
			}
			parts[i] = fmt.Sprintf("%s ×%d", oneLine(name), t.Occurrences)
		}
		fmt.Fprintf(w, "  tactics: %s\n", strings.Join(parts, ", "))
	}
}

func mixName(p planner.PillarMix) string {
	if p.Name != "" {
		return oneLine(p.Name)
	}
	return oneLine(p.Pillar)
}

// pad pads s with spaces to width runes.
func pad(s string, width int) string {
	if n := utf8.RuneCountInString(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
}

// oneLine keeps a name from breaking the table: line breaks and other
// control characters become spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

// plural is one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// count writes n and the noun that goes with it: "1 post", "2 posts".
func count(n int, one, many string) string {
	return strconv.Itoa(n) + " " + plural(n, one, many)
}

func lastDaySummary(sum planner.Summary) string {
	if sum.To.IsZero() {
		return ""
	}
	return sum.To.AddDays(-1).String()
}
