package planner

import "github.com/pillar-strategy/pillar/strategy"

// Summary is what a reviewer wants to know about a plan: per channel, how
// many posts, how the pillar mix came out against its target, and how often
// each tactic runs; then the same for the whole plan.
type Summary struct {
	// Brand is the brand's name.
	Brand string `json:"brand"`
	// From is the first day of the horizon.
	From strategy.Date `json:"from"`
	// To is the day after the horizon's last day.
	To strategy.Date `json:"to"`
	// Channels are the channels in declared order.
	Channels []ChannelSummary `json:"channels"`
	// Total sums the channels: its pillar targets are the channels'
	// targets weighted by their number of posts.
	Total ChannelSummary `json:"total"`
	// Warnings is the number of warnings the plan has.
	Warnings int `json:"warnings"`
}

// ChannelSummary sums up one channel's plan.
type ChannelSummary struct {
	// Channel is the channel's id; empty in the total.
	Channel string `json:"channel,omitempty"`
	// Platform is the channel's network; empty in the total.
	Platform string `json:"platform,omitempty"`
	// Posts is the number of planned posts.
	Posts int `json:"posts"`
	// Pillars are the pillar mix in declared pillar order.
	Pillars []PillarMix `json:"pillars"`
	// Unassigned counts posts with no declared pillar.
	Unassigned int `json:"unassigned,omitempty"`
	// Tactics are the tactics with at least one occurrence, in declared
	// order.
	Tactics []TacticCount `json:"tactics"`
}

// PillarMix is one pillar's share of a channel's posts.
type PillarMix struct {
	// Pillar is the pillar's id.
	Pillar string `json:"pillar"`
	// Name is the pillar's display name.
	Name string `json:"name"`
	// Posts is the number of posts serving the pillar.
	Posts int `json:"posts"`
	// Achieved is Posts as a percentage of the channel's posts.
	Achieved float64 `json:"achieved"`
	// Target is the pillar's weight on the channel, in percent.
	Target float64 `json:"target"`
}

// TacticCount is how often a tactic runs.
type TacticCount struct {
	// Tactic is the tactic's id.
	Tactic string `json:"tactic"`
	// Name is the tactic's display name.
	Name string `json:"name"`
	// Occurrences is the number of posts carrying the tactic out.
	Occurrences int `json:"occurrences"`
}

// Summary counts the calendar's slots per channel and pillar.
func (c *Calendar) Summary() Summary {
	sum := Summary{Brand: c.Brand, From: c.From, To: c.To, Warnings: len(c.Warnings)}
	pillarIdx := make(map[string]int, len(c.Pillars))
	for i, p := range c.Pillars {
		if _, dup := pillarIdx[p.ID]; !dup {
			pillarIdx[p.ID] = i
		}
	}
	tacticIdx := make(map[string]int, len(c.Tactics))
	for i, t := range c.Tactics {
		if _, dup := tacticIdx[t.ID]; !dup {
			tacticIdx[t.ID] = i
		}
	}
	channelIdx := make(map[string]int, len(c.Channels))
	type counts struct {
		posts, unassigned int
		pillars, tactics  []int
	}
	per := make([]counts, len(c.Channels))
	for i, ch := range c.Channels {
		if _, dup := channelIdx[ch.ID]; !dup {
			channelIdx[ch.ID] = i
		}
		per[i] = counts{pillars: make([]int, len(c.Pillars)), tactics: make([]int, len(c.Tactics))}
	}
	for i := range c.Slots {
		s := &c.Slots[i]
		ci, ok := channelIdx[s.Channel]
		if !ok {
			continue
		}
		n := &per[ci]
		n.posts++
		if pi, ok := pillarIdx[s.Pillar]; ok {
			n.pillars[pi]++
		} else {
			n.unassigned++
		}
		if s.Tactic != "" {
			if ti, ok := tacticIdx[s.Tactic]; ok {
				n.tactics[ti]++
			}
		}
	}

	total := counts{pillars: make([]int, len(c.Pillars)), tactics: make([]int, len(c.Tactics))}
	totalTarget := make([]float64, len(c.Pillars))
	for ci, ch := range c.Channels {
		n := per[ci]
		cs := ChannelSummary{Channel: ch.ID, Platform: ch.Platform, Posts: n.posts, Unassigned: n.unassigned}
		cs.Pillars = mix(c.Pillars, n.pillars, n.posts, ch.Targets)
		cs.Tactics = tacticCounts(c.Tactics, n.tactics)
		sum.Channels = append(sum.Channels, cs)

		total.posts += n.posts
		total.unassigned += n.unassigned
		for i, v := range n.pillars {
			total.pillars[i] += v
			if i < len(ch.Targets) {
				totalTarget[i] += ch.Targets[i] * float64(n.posts)
			}
		}
		for i, v := range n.tactics {
			total.tactics[i] += v
		}
	}
	if total.posts > 0 {
		for i := range totalTarget {
			totalTarget[i] /= float64(total.posts)
		}
	}
	sum.Total = ChannelSummary{Posts: total.posts, Unassigned: total.unassigned,
		Pillars: mix(c.Pillars, total.pillars, total.posts, totalTarget), Tactics: tacticCounts(c.Tactics, total.tactics)}
	if sum.Channels == nil {
		sum.Channels = []ChannelSummary{}
	}
	return sum
}

func mix(pillars []PillarInfo, n []int, posts int, targets []float64) []PillarMix {
	out := make([]PillarMix, len(pillars))
	for i, p := range pillars {
		out[i] = PillarMix{Pillar: p.ID, Name: p.Name, Posts: n[i]}
		if posts > 0 {
			out[i].Achieved = float64(n[i]) / float64(posts) * 100
		}
		if i < len(targets) {
			out[i].Target = targets[i]
		}
	}
	return out
}

func tacticCounts(tactics []TacticInfo, n []int) []TacticCount {
	out := []TacticCount{}
	for i, t := range tactics {
		if n[i] > 0 {
			out = append(out, TacticCount{Tactic: t.ID, Name: t.Name, Occurrences: n[i]})
		}
	}
	return out
}
