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
	// Channels are the channels in declared order, then any channel that
	// has slots but is not among the calendar's Channels.
	Channels []ChannelSummary `json:"channels"`
	// Total sums the channels; like a channel's, its pillar targets are
	// the average of the weights that applied to each post.
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
	// Target is the share, in percent, that the weights which applied to
	// the posts ask of the pillar: the average over the posts of the
	// pillar's share in the campaign's weights for a post a re-weighting
	// campaign applies to (Slot.Campaign), and in the channel's weights for
	// any other post, tactic occurrences included. So a campaign does not
	// make the mix look off target. With no posts it is the channel's
	// weight.
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
	b := NewSummaryBuilder(c)
	for i := range c.Slots {
		b.Add(&c.Slots[i])
	}
	return b.Summary(len(c.Warnings))
}

// SummaryBuilder counts slots one at a time, so a Stream can be summed up
// without keeping its slots.
type SummaryBuilder struct {
	cal             *Calendar
	pillarIdx       map[string]int
	tacticIdx       map[string]int
	campaignTargets map[string][]float64
	channels        []ChannelPlan
	channelIdx      map[string]int
	per             []summaryCounts
}

type summaryCounts struct {
	posts, unassigned int
	pillars, tactics  []int
	target            []float64 // sum over the posts of the shares that applied
}

// NewSummaryBuilder starts a summary of a calendar described by c (its
// pillars, tactics, campaigns and channels); c's slots are not counted.
func NewSummaryBuilder(c *Calendar) *SummaryBuilder {
	b := &SummaryBuilder{cal: c, pillarIdx: make(map[string]int, len(c.Pillars)), tacticIdx: make(map[string]int, len(c.Tactics)),
		campaignTargets: make(map[string][]float64, len(c.Campaigns)), channelIdx: make(map[string]int, len(c.Channels))}
	for i, p := range c.Pillars {
		if _, dup := b.pillarIdx[p.ID]; !dup {
			b.pillarIdx[p.ID] = i
		}
	}
	for i, t := range c.Tactics {
		if _, dup := b.tacticIdx[t.ID]; !dup {
			b.tacticIdx[t.ID] = i
		}
	}
	for _, cp := range c.Campaigns {
		if _, dup := b.campaignTargets[cp.ID]; !dup {
			b.campaignTargets[cp.ID] = cp.Targets
		}
	}
	for _, ch := range c.Channels {
		b.addChannel(ch)
	}
	return b
}

func (b *SummaryBuilder) addChannel(ch ChannelPlan) {
	if _, dup := b.channelIdx[ch.ID]; !dup {
		b.channelIdx[ch.ID] = len(b.per)
	}
	b.channels = append(b.channels, ch)
	c := b.cal
	b.per = append(b.per, summaryCounts{pillars: make([]int, len(c.Pillars)), tactics: make([]int, len(c.Tactics)), target: make([]float64, len(c.Pillars))})
}

// Add counts one slot.
func (b *SummaryBuilder) Add(s *Slot) {
	ci, ok := b.channelIdx[s.Channel]
	if !ok {
		// A slot of a channel the calendar does not describe (one
		// built by hand or read back from JSON) still counts.
		ci = len(b.per)
		b.addChannel(ChannelPlan{ID: s.Channel, Platform: s.Platform})
	}
	n := &b.per[ci]
	n.posts++
	if pi, ok := b.pillarIdx[s.Pillar]; ok {
		n.pillars[pi]++
	} else {
		n.unassigned++
	}
	if s.Tactic != "" {
		if ti, ok := b.tacticIdx[s.Tactic]; ok {
			n.tactics[ti]++
		}
	}
	weights := b.channels[ci].Targets
	if t := b.campaignTargets[s.Campaign]; s.Campaign != "" && t != nil {
		weights = t
	}
	for i := 0; i < len(weights) && i < len(n.target); i++ {
		n.target[i] += weights[i]
	}
}

// Summary returns the summary of the slots added, for a plan with the
// given number of warnings.
func (b *SummaryBuilder) Summary(warnings int) Summary {
	c := b.cal
	sum := Summary{Brand: c.Brand, From: c.From, To: c.To, Warnings: warnings}
	total := summaryCounts{pillars: make([]int, len(c.Pillars)), tactics: make([]int, len(c.Tactics)), target: make([]float64, len(c.Pillars))}
	for ci, ch := range b.channels {
		n := b.per[ci]
		target := ch.Targets
		if n.posts > 0 {
			target = average(n.target, n.posts)
		}
		cs := ChannelSummary{Channel: ch.ID, Platform: ch.Platform, Posts: n.posts, Unassigned: n.unassigned}
		cs.Pillars = mix(c.Pillars, n.pillars, n.posts, target)
		cs.Tactics = tacticCounts(c.Tactics, n.tactics)
		sum.Channels = append(sum.Channels, cs)

		total.posts += n.posts
		total.unassigned += n.unassigned
		for i, v := range n.pillars {
			total.pillars[i] += v
			total.target[i] += n.target[i]
		}
		for i, v := range n.tactics {
			total.tactics[i] += v
		}
	}
	sum.Total = ChannelSummary{Posts: total.posts, Unassigned: total.unassigned,
		Pillars: mix(c.Pillars, total.pillars, total.posts, average(total.target, total.posts)), Tactics: tacticCounts(c.Tactics, total.tactics)}
	if sum.Channels == nil {
		sum.Channels = []ChannelSummary{}
	}
	return sum
}

// average divides sums by n, or gives zeros when n is 0.
func average(sums []float64, n int) []float64 {
	out := make([]float64, len(sums))
	if n > 0 {
		for i, v := range sums {
			out[i] = v / float64(n)
		}
	}
	return out
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
