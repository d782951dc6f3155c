// Package planner turns a strategy into a posting calendar.
//
// Plan expands every channel's cadence (days and times, or an RFC 5545 RRULE)
// over a horizon [From, To) in the channel's IANA time zone, adds the extra
// slots of campaigns and the occurrences of tactics, removes blackout days,
// and gives every slot a pillar so that each channel's mix follows its
// weights. The result is a Calendar: plain, sorted, deterministic data that
// the render package exports as ICS, CSV, JSON, Markdown and HTML. Stream
// gives the same slots one at a time, in order, in memory that does not
// grow with the horizon.
//
// A channel with an active period posts only in it, from the day it is
// launched (active.from) to the day it is retired (active.to), both
// included: outside it the channel has no post and no position, its
// tactics and campaigns' extra posts included (the plan warns with their
// numbers), and its weeks that touch the days outside are not held to its
// cadence's minimum. A pause is a blackout for the channel.
//
// A channel may have several cadences (weekdays at 08:00 and weekends at
// 11:00), each with its own days and times or RRULE, minimum and start. Its
// posts are theirs side by side: two cadences of a channel never share a
// wall time. For cadences that repeat with a fixed period (days and times
// every week; an RRULE weekly or finer every INTERVAL × FREQ and week) that
// is a proof: two such sets meet if and only if a time of one's first
// period is one of the other's, or two of their times agree modulo the
// greatest common divisor of the periods, and then (the Chinese remainder
// theorem) again every least common multiple. Plan refuses such a pair, as
// validation does (Clashes). An RRULE without a fixed period (monthly,
// yearly, or ending) is listed rather than counted, and its times are
// merged with the others' as they are listed: a time it shares with another
// cadence is one position and one post, counted for the first, and the plan
// warns.
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
// the week. With several cadences each is held to its own minimum by the
// posts at its own times (a post two of its times became counts for the
// first), in the weeks it posts in; Slot.Cadence says which cadence a
// post counts for. The warning gives the likely reason when the planner can tell:
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
// schedule.time; a cadence's (a channel's or a campaign's extra) starts at
// its start; a channel's cadence and a tactic without a start start at the
// fixed epoch, Monday 2000-01-03 00:00 wall clock (at schedule.time for a
// tactic); a campaign's extra cadence without a start starts on the
// campaign's first day. The rule's times come from BYHOUR and BYMINUTE,
// else from that DTSTART. A COUNT or UNTIL therefore counts from the start,
// not from the first day planned (validation allows them in a cadence only
// with a start). A cadence posts nothing before its start, and the weeks
// before it are not held to its minimum. Expansion stays fast however far back the
// anchor lies: a rule whose occurrences repeat with a fixed period (weekly
// or finer, without month or year parts) is counted and listed from its
// first two periods, and any other is restarted at a whole number of its
// periods (INTERVAL × FREQ) after its DTSTART, which keeps its phase.
//
// # Pillars: one sequence per channel, anchored
//
// A channel's pillars come from one sequence laid on its positions: the
// distinct wall-clock times at which it posts as written (its cadences',
// its tactics' and the extra times of campaigns that do not re-weight
// pillars), numbered from the anchor: the day the channel is launched
// (active.from), else the first of its cadences' starts (a cadence without
// one counting from Monday 2000-01-03 00:00), else that Monday, in the
// channel's zone. The number of a position is a count, not a walk: each
// cadence's times are counted in closed form (several cadences share no
// time, so their union's count is the sum of theirs) and only the tactics'
// and extras' (a few a week) one by one, so planning 2037 costs no more
// than planning 2027. A campaign that re-weights pillars has a sequence of its
// own, anchored on its first day, over the positions of its days and its
// extra times. So the pillar of a post depends on the strategy only, never
// on the horizon: two plans of any two horizons agree on every post they
// share, time, UID and pillar.
//
// A position whose post is not made keeps its number and its turn: a
// blackout day, a day a re-weighting campaign takes over (in the channel's
// sequence), two times that daylight saving made one. Adding a blackout or
// a campaign therefore moves no other post's pillar; changing the weights,
// the cadence or the tactics may, and PillarChanges (pillar diff) counts how
// many posts it moves.
//
// The sequence is Tijdeman's solution of the chairman assignment problem
// (R. Tijdeman, "The chairman assignment problem", Discrete Mathematics 32,
// 1980) for the weights as integers w_i with sum W, in integer arithmetic:
// position t goes to the pillar with the earliest deadline
// (x_i + 1 − 1/(2n−2)) / λ_i among those whose share is due, λ_i·t − x_i ≥
// 1/(2n−2), where λ_i = w_i/W and x_i counts pillar i among the positions
// before; ties go to the pillar declared first. It is periodic: after W
// positions every x_i equals w_i exactly (|x_i − λ_i·W| < 1 and λ_i·W is an
// integer), and the choice depends only on the deviations λ_i·t − x_i, now
// all 0 as at the anchor. One period is computed once per set of weights;
// the pillar at any position is read from it.
//
// # The mix guarantee
//
// For n pillars with a positive weight, and counting positions:
//
//   - from the anchor, after every position, each pillar's count is within
//     1 − 1/(2n−2) of its ideal share λ_i·t (Tijdeman's theorem);
//   - over any run of consecutive positions, and so over any horizon, each
//     pillar's count is within 2 − 1/(n−1) of its share: the difference of
//     two prefixes, each within 1 − 1/(2n−2). That is 1 for two pillars,
//     and below 2 for any number.
//
// Both are property tests over random weights, horizons and window starts.
// They hold for the posts of a channel's own sequence on the days it has
// to itself; a blackout or a re-weighting campaign inside a window splits
// it into runs, each within the bound. A channel with several cadences has
// one sequence over the union of their positions, so the bounds are the
// channel's, as with one cadence (property tests with two to four cadences
// of every kind); they are not each cadence's: the posts of one cadence
// alone may lean to some pillars (two cadences that alternate, with two
// equal pillars, can each get one pillar).
//
// # Tactics inside the guarantee
//
// A tactic's post has its pillar fixed, and counts toward it. A calendar
// quarter is one block of every sequence (a campaign's part of a quarter
// is one block of its own), and all of a block's tactics are known before
// any of its posts gets a pillar. A block without tactics takes the
// sequence as it is. In a block with tactics each pillar gets exactly the
// posts the sequence gives it there, its tactics counted, so the block
// ends with the sequence's own counts. Hence, whenever no pillar's tactics
// pass its share of a quarter:
//
//   - at the start of every quarter the bound from the anchor,
//     1 − 1/(2n−2), holds, tactics included;
//   - over any horizon of whole quarters (a quarter, a year) the bound over
//     a run, 2 − 1/(n−1), holds, tactics included.
//
// Inside the block the choice is Tijdeman's rule from the sequence's counts
// at the block's start, with two changes: a pillar whose tactic comes soon
// enough to stand for its next post (no later than half a position after
// that post's ideal place k/λ, where waiting for the tactic leaves the
// pillar less far behind than posting first would put it ahead) counts the
// tactic already, so it gets no post just before its tactic; and a pillar
// that has had its share of the block is not chosen again. Inside a
// quarter a short run can still stray further where the tactics themselves
// crowd together: their posts are where the strategy puts them.
//
// When a pillar's tactics alone give it more posts in the horizon than its
// share plus 1 − 1/(2n−2), no choice of the other posts can keep it within
// the guarantee; the plan says so in a warning with the numbers: the
// tactics' posts, the posts of the sequence, and what the weight allows.
// In a block where that happens the other pillars share the rest in
// proportion, and the next block starts from the sequence's counts again.
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
// A slot's format is the channel's formats taken in turn from the first
// post of the horizon. A UID does not depend on the pillar or the format, so
// importing a re-planned calendar updates the events instead of duplicating
// them.
package planner
