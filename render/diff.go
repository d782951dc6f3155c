package render

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/strategy"
)

// StrategyDiff is what `pillar diff` reports: the changes from one strategy
// to another, the pillar weights side by side, and what the change does to
// the calendar. Its JSON form is a documented contract (see WriteDiff).
type StrategyDiff struct {
	// Brand is the new strategy's brand name.
	Brand string `json:"brand"`
	// Old names the strategy before, as the user gave it: a path or a git
	// revision.
	Old string `json:"old"`
	// New names the strategy after.
	New string `json:"new"`
	// Changes are the differences, in strategy order.
	Changes strategy.Changes `json:"changes"`
	// Weights are every pillar's weight before and after, in the new
	// strategy's order then the pillars it dropped; empty when no weight
	// changed.
	Weights []WeightChange `json:"weights"`
	// Impact is what the change does to the calendar; left out (zero, and
	// absent from the JSON) when it could not be computed, and Unplanned
	// says why.
	Impact Impact `json:"impact,omitzero"`
	// Unplanned says, for people, why Impact is missing: a version has
	// errors, so neither can be planned, though the changes can be told.
	// Empty when Impact is there.
	Unplanned string `json:"unplanned,omitempty"`
}

// WeightChange is one pillar's weight before and after; a weight is null
// (nil) where the pillar does not exist.
type WeightChange struct {
	// Pillar is the pillar's id.
	Pillar string `json:"pillar"`
	// Name is the pillar's display name.
	Name string `json:"name"`
	// Before is the weight in percent in the old strategy.
	Before *float64 `json:"before"`
	// After is the weight in percent in the new strategy.
	After *float64 `json:"after"`
}

// Impact compares the plans of two strategies over the same horizon.
type Impact struct {
	// From is the first day of the horizon.
	From strategy.Date `json:"from"`
	// To is the day after the horizon's last day.
	To strategy.Date `json:"to"`
	// Posts counts all planned posts.
	Posts Delta `json:"posts"`
	// Channels count posts per channel: the new strategy's channels in
	// order, then those it dropped.
	Channels []ChannelDelta `json:"channels"`
	// Pillars are the pillar mix of all posts, in the same order as
	// Weights.
	Pillars []PillarDelta `json:"pillars"`
	// Shared counts the posts both plans make: the same channel at the
	// same local time, so the same calendar event.
	Shared int `json:"shared"`
	// PillarChanged counts the shared posts whose pillar differs: events a
	// calendar imported from the old plan would see change.
	PillarChanged int `json:"pillar_changed"`
}

// Delta is a number of posts before and after.
type Delta struct {
	// Before is the count in the old strategy's plan.
	Before int `json:"before"`
	// After is the count in the new strategy's plan.
	After int `json:"after"`
	// Change is After minus Before.
	Change int `json:"change"`
}

// ChannelDelta is one channel's posts before and after.
type ChannelDelta struct {
	// Channel is the channel's id.
	Channel string `json:"channel"`
	// Platform is the channel's network.
	Platform string `json:"platform"`
	Delta
}

// PillarDelta is one pillar's posts and share of all posts, before and
// after.
type PillarDelta struct {
	// Pillar is the pillar's id.
	Pillar string `json:"pillar"`
	// Name is the pillar's display name.
	Name string `json:"name"`
	Delta
	// ShareBefore is the pillar's share of the old plan's posts in
	// percent, to one decimal.
	ShareBefore float64 `json:"share_before"`
	// ShareAfter is the pillar's share of the new plan's posts.
	ShareAfter float64 `json:"share_after"`
}

// ComparePlans builds the report of `pillar diff` from the two strategies
// and their plans over the same horizon, including how many of the posts
// both plan change pillar.
func ComparePlans(oldName, newName string, old, new *strategy.Strategy, before, after *planner.Calendar) *StrategyDiff {
	d := CompareStrategies(oldName, newName, old, new, before.Summary(), after.Summary())
	d.Impact.Shared, d.Impact.PillarChanged = planner.PillarChanges(before, after)
	return d
}

// CompareStrategies builds the report of `pillar diff` from the two
// strategies and the summaries of their plans over the same horizon; it
// cannot tell which posts change pillar (see ComparePlans).
func CompareStrategies(oldName, newName string, old, new *strategy.Strategy, before, after planner.Summary) *StrategyDiff {
	d := &StrategyDiff{Brand: new.Brand.Name, Old: oldName, New: newName, Changes: strategy.Diff(old, new)}
	if d.Changes == nil {
		d.Changes = strategy.Changes{}
	}
	d.Weights = weightChanges(old, new)
	d.Impact = impact(before, after)
	return d
}

// CompareUnplanned builds the report of `pillar diff` for two strategies
// that cannot both be planned, because one has errors: the changes and
// the weights, which need no valid plan, and why the calendar impact is
// missing (unplanned, a sentence such as "the calendar impact … cannot be
// computed until the errors are fixed").
func CompareUnplanned(oldName, newName string, old, new *strategy.Strategy, unplanned string) *StrategyDiff {
	d := &StrategyDiff{Brand: new.Brand.Name, Old: oldName, New: newName, Changes: strategy.Diff(old, new), Unplanned: unplanned}
	if d.Changes == nil {
		d.Changes = strategy.Changes{}
	}
	d.Weights = weightChanges(old, new)
	return d
}

func weightChanges(old, new *strategy.Strategy) []WeightChange {
	var out []WeightChange
	changed := false
	idx := map[string]int{}
	for _, p := range new.Pillars {
		if _, dup := idx[p.ID]; dup {
			continue
		}
		idx[p.ID] = len(out)
		w := p.Weight
		out = append(out, WeightChange{Pillar: p.ID, Name: p.Name, After: &w})
	}
	seen := map[string]bool{}
	for _, p := range old.Pillars {
		if seen[p.ID] {
			continue
		}
		seen[p.ID] = true
		w := p.Weight
		if i, ok := idx[p.ID]; ok {
			out[i].Before = &w
			changed = changed || *out[i].After != w
			continue
		}
		out = append(out, WeightChange{Pillar: p.ID, Name: p.Name, Before: &w})
		changed = true
	}
	for _, w := range out {
		changed = changed || w.Before == nil
	}
	if !changed {
		return []WeightChange{}
	}
	return out
}

func impact(before, after planner.Summary) Impact {
	im := Impact{From: after.From, To: after.To, Posts: delta(before.Total.Posts, after.Total.Posts),
		Channels: []ChannelDelta{}, Pillars: []PillarDelta{}}
	oldPosts := map[string]int{}
	for _, c := range before.Channels {
		oldPosts[c.Channel] += c.Posts
	}
	seen := map[string]bool{}
	for _, c := range after.Channels {
		if seen[c.Channel] {
			continue
		}
		seen[c.Channel] = true
		im.Channels = append(im.Channels, ChannelDelta{Channel: c.Channel, Platform: c.Platform, Delta: delta(oldPosts[c.Channel], c.Posts)})
	}
	for _, c := range before.Channels {
		if !seen[c.Channel] {
			seen[c.Channel] = true
			im.Channels = append(im.Channels, ChannelDelta{Channel: c.Channel, Platform: c.Platform, Delta: delta(c.Posts, 0)})
		}
	}
	oldMix := map[string]planner.PillarMix{}
	for _, p := range before.Total.Pillars {
		oldMix[p.Pillar] = p
	}
	done := map[string]bool{}
	for _, p := range after.Total.Pillars {
		if done[p.Pillar] {
			continue
		}
		done[p.Pillar] = true
		o := oldMix[p.Pillar]
		im.Pillars = append(im.Pillars, PillarDelta{Pillar: p.Pillar, Name: p.Name, Delta: delta(o.Posts, p.Posts),
			ShareBefore: round1(o.Achieved), ShareAfter: round1(p.Achieved)})
	}
	for _, p := range before.Total.Pillars {
		if !done[p.Pillar] {
			done[p.Pillar] = true
			im.Pillars = append(im.Pillars, PillarDelta{Pillar: p.Pillar, Name: p.Name, Delta: delta(p.Posts, 0), ShareBefore: round1(p.Achieved)})
		}
	}
	return im
}

func delta(before, after int) Delta {
	return Delta{Before: before, After: after, Change: after - before}
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// DiffFormats returns the formats WriteDiff accepts.
func DiffFormats() []string { return []string{"text", "md", "json"} }

// WriteDiff writes the report in format, one of DiffFormats: text for a
// terminal, md for a pull-request comment, json for tools. The JSON is the
// StrategyDiff as its field tags name it, with two-space indentation.
func WriteDiff(w io.Writer, d *StrategyDiff, format string) error {
	if d == nil {
		return errors.New("render: no diff to write")
	}
	switch format {
	case "text":
		return writeDiffText(w, d)
	case "md":
		return writeDiffMarkdown(w, d)
	case "json":
		return writeDiffJSON(w, d)
	}
	return fmt.Errorf("render: unknown diff format %q: use one of %s", format, strings.Join(DiffFormats(), ", "))
}

// sectionTitles names the strategy's sections for people.
var sectionTitles = map[string]string{
	"brand":       "Brand",
	"personality": "Personality and voice",
	"personas":    "Personas",
	"channels":    "Channels and cadence",
	"pillars":     "Content pillars",
	"tactics":     "Tactics",
	"influencers": "Influencers",
	"community":   "Community",
	"calendar":    "Calendar",
	"kpis":        "KPIs",
	"competitors": "Competitors",
	"rules":       "Validation rules",
}

func sectionTitle(s string) string {
	if t, ok := sectionTitles[s]; ok {
		return t
	}
	return s
}

// horizon names the plan's period: "in Q1 2027 (2027-01-01 to 2027-03-31)"
// when it is a calendar quarter, else "from 2027-01-01 to 2027-02-14".
func horizon(im Impact) string {
	if im.From.IsZero() || im.To.IsZero() {
		return "in the plan"
	}
	last := im.To.AddDays(-1)
	if im.From.Day == 1 && (im.From.Month-1)%3 == 0 && im.From.AddMonths(3) == im.To {
		return fmt.Sprintf("in Q%d %d (%s to %s)", (im.From.Month-1)/3+1, im.From.Year, im.From, last)
	}
	return fmt.Sprintf("from %s to %s", im.From, last)
}

// postsChange says what happens to the number of posts: "13 fewer posts",
// "2 more posts", "no change in posts".
func postsChange(n int) string {
	switch {
	case n > 0:
		return count(n, "more post", "more posts")
	case n < 0:
		return count(-n, "fewer post", "fewer posts")
	}
	return "the same number of posts"
}

// headline is the report in one line: "8 changes; 13 fewer posts in Q1
// 2027 (…): 220 → 207."
func headline(d *StrategyDiff) string {
	changes := "No changes"
	if len(d.Changes) > 0 {
		changes = count(len(d.Changes), "change", "changes")
	}
	if d.Unplanned != "" {
		return changes + "."
	}
	line := fmt.Sprintf("%s; %s %s: %d → %d", changes, postsChange(d.Impact.Posts.Change), horizon(d.Impact), d.Impact.Posts.Before, d.Impact.Posts.After)
	if n := d.Impact.PillarChanged; n > 0 {
		line += "; " + count(n, "post changes", "posts change") + " pillar"
	}
	return line + "."
}

// pillarChanges says how many of the posts both plans make change pillar,
// or "" when no post is in both.
func pillarChanges(im Impact) string {
	switch {
	case im.Shared == 0:
		return ""
	case im.PillarChanged == 0:
		return fmt.Sprintf("All %s planned in both keep their pillar.", count(im.Shared, "post", "posts"))
	}
	return fmt.Sprintf("%d of the %s planned in both %s pillar: a calendar imported from the old plan sees %s.",
		im.PillarChanged, count(im.Shared, "post", "posts"), plural(im.PillarChanged, "changes", "change"), count(im.PillarChanged, "event change", "events change"))
}

func signed(n int) string {
	if n > 0 {
		return fmt.Sprintf("+%d", n)
	}
	return fmt.Sprint(n)
}

func weightText(w *float64) string {
	if w == nil {
		return "—"
	}
	return fmt.Sprintf("%g%%", *w)
}

func labelOr(name, id string) string {
	if name != "" {
		return oneLine(name)
	}
	return oneLine(id)
}
