// Package planner turns a strategy into a posting calendar.
//
// Plan expands every channel's cadence (days and times, or an RFC 5545 RRULE)
// over a horizon [From, To) in the channel's IANA time zone, adds the extra
// slots of campaigns and the occurrences of tactics, removes blackout days,
// and gives every slot a pillar so that each channel's mix follows its
// weights. The result is a Calendar: plain, sorted, deterministic data that
// the render package exports as ICS, CSV, JSON, Markdown and HTML.
//
// A cadence with times and no days posts every day. A tactic's time is the
// local time on each of its channels, in that channel's zone; when a tactic
// falls on a cadence slot of the same channel it takes that slot, and of two
// tactics at the same time the one declared first is planned (the other is a
// warning). Blackouts remove every post on their days, tactics included.
//
// Plan warns about every ISO week (Monday to Sunday in the channel's zone)
// lying wholly inside the horizon in which a channel has fewer posts than
// its cadence's min_per_week, unless a blackout for that channel falls in
// the week. The warning gives the likely reason when the planner can tell:
// two posting times that became one when the clocks went forward, or an
// RRULE whose COUNT or UNTIL ran out. A channel's first five short weeks
// are named one by one and the rest counted in one more warning.
//
// Times are expanded as wall-clock times and resolved to instants by Resolve,
// which follows RFC 5545 rather than Go's time.Date: a repeated local time
// (autumn) takes its first occurrence, and a skipped one (spring) moves
// forward by the length of the gap.
//
// An RRULE is written without DTSTART, and is anchored at one that does not
// depend on the horizon, so that its phase (every other day, every other
// Monday) and so its dates and UIDs are the same whether a quarter or a year
// is planned: a tactic's RRULE starts at its schedule.start at
// schedule.time; a channel's cadence and a tactic without a start start at
// the fixed epoch, Monday 2000-01-03 00:00 wall clock (at schedule.time for
// a tactic); a campaign's extra cadence starts on the campaign's first day.
// The rule's times come from BYHOUR and BYMINUTE, else from that DTSTART. A
// COUNT therefore counts from the start or the epoch, not from the first
// day planned: a cadence with a COUNT has long run out, so give a tactic
// with a COUNT a schedule.start. Expansion stays fast however far back the
// anchor lies: the rule is restarted at a whole number of its periods
// (INTERVAL × FREQ) after its DTSTART, which keeps its phase.
//
// Pillars are assigned one slot at a time with Tijdeman's solution of the
// chairman assignment problem (R. Tijdeman, "The chairman assignment
// problem", Discrete Mathematics 32, 1980), in integer arithmetic: after
// every slot of a channel, each pillar's count is within 1 − 1/(2n−2) of its
// ideal share for n pillars, and extending the horizon never changes a slot
// that was already planned. A campaign that re-weights pillars uses a
// sequence of its own for the slots it applies to. Tactic occurrences have
// their pillar fixed and are counted in the sequence of the slot they take,
// so the pillars around them make up for it.
//
// The campaign that applies to a slot is the one whose extra cadence made
// the slot (when no cadence slot is at the same time), else the first
// campaign in declared order that covers the slot's day on its channel and
// re-weights pillars. That campaign both labels the slot (Slot.Campaign)
// and chooses its pillar with its weights; a campaign with extra posts and
// no weights of its own leaves the choice to the channel's weights.
// Validation warns about campaigns that overlap and re-weight the same
// channel (rule campaign-overlap); the planner is deterministic either way.
//
// Every sequence starts on the horizon's first day, so the mix guarantees
// hold over the horizon planned, not over a larger period it is part of:
// plan a whole period (a quarter, a year) at once rather than piece by
// piece. Pieces planned apart still agree on their slots' days, times and
// UIDs (see above), and a UID does not depend on the pillar, so importing a
// re-planned calendar updates the events instead of duplicating them.
package planner
