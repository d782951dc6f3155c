package drafts

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

// Checker is a set of per-draft rules that plugs into the engine: the
// content rules (package drafts/lint) and the platform limits (package
// platform) are Checkers. The engine calls Check once for each draft it
// reads inside the period, in file order, after its own checks, and Finish
// once after the last draft, for rules that count across drafts (monthly
// caps). A Checker keeps what it needs, bounded: the drafts are not kept.
//
// emit reports a finding; the engine fills in nothing, so a Checker sets
// File, Line, Column (Draft.Pos, Draft.TextPos), Rule, Severity, Message
// and Hint itself, and the engine keeps it within the caps.
type Checker interface {
	Check(d *Draft, emit func(schema.Diagnostic))
	Finish(emit func(schema.Diagnostic))
}

// Source is a drafts input the engine can read more than once: when the
// period is not given, a first pass finds the days the drafts cover.
type Source interface {
	// Name is the file or folder as the user named it.
	Name() string
	// Each streams the drafts to fn and the unreadable ones to bad.
	Each(fn func(*Draft) error, bad func(Reject)) error
}

// Options say what to check drafts against.
type Options struct {
	// Strategy is the valid strategy.
	Strategy *strategy.Strategy
	// StrategyFile is its main file, where findings about the plan (empty
	// slots, the pillar mix) point when the strategy has no position for
	// the channel.
	StrategyFile string
	// From and To bound the period, [From, To); zero values mean the days
	// the drafts cover.
	From, To strategy.Date
	// Checkers are further rule sets, run on each draft in the period.
	Checkers []Checker
	// MaxPerRule and MaxFindings cap the findings listed, as validate's
	// flags do: 0 is the default, a negative number no cap.
	MaxPerRule, MaxFindings int
}

// MaxPeriodDays is the longest period planned from the drafts' own dates:
// a longer span is more likely a mistyped year than a content calendar.
const MaxPeriodDays = 2 * 366

// Report is what a check found: the findings, in validate's Result so its
// formatters print them, and the counts behind the coverage summary.
type Report struct {
	// Result holds the findings.
	Result schema.Result
	// From and To are the period checked, [From, To).
	From, To strategy.Date
	// Drafts counts the drafts read; Rejected the rows and posts that
	// could not be; Outside the drafts outside the period (not checked).
	Drafts, Rejected, Outside int
	// Slots counts the planned slots of the period, Filled those with a
	// draft.
	Slots, Filled int
	// OffSlot counts drafts at no planned slot, Doubled second drafts for
	// a slot, Blocked drafts on a day their channel does not post
	// (blackout, outside its active period): together, the drafts beyond
	// the plan.
	OffSlot, Doubled, Blocked int
	// Calendar is the plan of the period.
	Calendar *planner.Calendar
	// SlotDrafts gives, per slot of Calendar.Slots, the first draft for
	// it; the zero SlotDraft for an empty slot.
	SlotDrafts []SlotDraft
}

// ErrNoDrafts is returned when the sources hold no readable draft and no
// period is given, so there is nothing to plan.
var ErrNoDrafts = errors.New("no readable drafts, so no period to plan: give --from and --to")

// Check reads the drafts of the sources and checks them against the
// strategy and the plan of the period. Memory grows with the plan (a few
// words a slot) and the capped findings, not with the drafts.
func Check(opt Options, sources []Source) (*Report, error) {
	s := opt.Strategy
	e := newEngine(opt)
	from, to := opt.From, opt.To
	if from.IsZero() || to.IsZero() {
		first, last, ok, err := e.span(sources)
		if err != nil {
			return nil, err
		}
		if !ok {
			if from.IsZero() && to.IsZero() {
				return e.onlyRejects(sources)
			}
			first, last = from, to.AddDays(-1)
			if from.IsZero() {
				first = last
			} else {
				last = first
			}
		}
		if from.IsZero() {
			from = first
		}
		if to.IsZero() {
			to = last.AddDays(1)
		}
		if days := int(to.Time().Sub(from.Time()).Hours() / 24); days > MaxPeriodDays {
			return nil, fmt.Errorf("the drafts span %s to %s, over two years: a mistyped year? Give --from and --to to check a part of them", from, to.AddDays(-1))
		}
	}
	if !from.Before(to) {
		return nil, fmt.Errorf("the period is empty: --to %s is not after --from %s", to, from)
	}
	cal, err := planner.Plan(s, planner.Options{From: from, To: to})
	if err != nil {
		return nil, fmt.Errorf("plan %s to %s: %w", from, to, err)
	}
	e.start(cal, from, to)
	var files []string
	if len(sources) > 0 {
		e.firstFile = sources[0].Name()
	}
	for _, src := range sources {
		files = append(files, src.Name())
		if err := src.Each(e.check, e.reject); err != nil {
			return nil, err
		}
	}
	e.finish()
	path := ""
	if len(files) > 0 {
		path = files[0]
	}
	if opt.StrategyFile != "" {
		files = append(files, opt.StrategyFile)
	}
	r := e.rep
	r.Result = e.col.result(path, files)
	r.From, r.To, r.Calendar = from, to, cal
	r.Slots = len(cal.Slots)
	r.SlotDrafts = e.slots.first
	for _, n := range e.slots.filled {
		if n > 0 {
			r.Filled++
		}
	}
	return &r, nil
}

// onlyRejects is Check when no draft could be read and no period was
// given: there is no plan to check against, but the rows that could not
// be read are still findings (a sheet whose every date misses the layout
// says so, with the line), not a bare "give --from and --to".
// ErrNoDrafts remains for sources that hold nothing at all.
func (e *engine) onlyRejects(sources []Source) (*Report, error) {
	var files []string
	for _, src := range sources {
		files = append(files, src.Name())
		if err := src.Each(func(*Draft) error { return nil }, e.reject); err != nil {
			return nil, err
		}
	}
	if e.rep.Rejected == 0 {
		return nil, ErrNoDrafts
	}
	if e.opt.StrategyFile != "" {
		files = append(files, e.opt.StrategyFile)
	}
	r := e.rep
	r.Result = e.col.result(files[0], files)
	return &r, nil
}

// engine holds a run's state: what it knows of the strategy, the plan's
// index, the pillar tallies and the findings.
type engine struct {
	opt      Options
	s        *strategy.Strategy
	col      *collector
	emit     func(schema.Diagnostic)
	channels map[string]*channelInfo
	ids      []string // channel ids, for did-you-mean
	pillars  map[string]int
	pillarID []string
	tactics  map[string]bool
	camps    map[string]bool
	classify *audit.Classifier
	sev      map[string]schema.Severity // the engine's rules after the strategy's rules map
	slots    *slotIndex
	from, to strategy.Date
	rep      Report
	// firstFile is the first source's name, where the summary points.
	firstFile string
}

type channelInfo struct {
	index   int
	ch      *strategy.Channel
	loc     *time.Location
	pillars []int // drafts per pillar in the period
	unclass int   // drafts no pillar could be found for
}

func newEngine(opt Options) *engine {
	s := opt.Strategy
	e := &engine{opt: opt, s: s, col: newCollector(opt.MaxPerRule, opt.MaxFindings),
		channels: map[string]*channelInfo{}, pillars: map[string]int{}, tactics: map[string]bool{}, camps: map[string]bool{}}
	e.regrade()
	brand := zoneOf(s.Brand.Timezone, time.UTC)
	for i := range s.Channels {
		c := &s.Channels[i]
		e.channels[c.ID] = &channelInfo{index: i, ch: c, loc: zoneOf(c.Timezone, brand), pillars: make([]int, len(s.Pillars))}
		e.ids = append(e.ids, c.ID)
	}
	for i, p := range s.Pillars {
		e.pillars[p.ID] = i
		e.pillarID = append(e.pillarID, p.ID)
	}
	for _, t := range s.Tactics {
		e.tactics[t.ID] = true
	}
	if s.Calendar != nil {
		for _, c := range s.Calendar.Campaigns {
			e.camps[c.ID] = true
		}
	}
	e.classify = audit.NewClassifier(s.Pillars)
	return e
}

// Zone returns the zone a channel's local times are read in: its own,
// else the brand's; the brand's for a channel the strategy lacks.
func Zone(s *strategy.Strategy) func(channel string) *time.Location {
	brand := zoneOf(s.Brand.Timezone, time.UTC)
	zones := map[string]*time.Location{}
	for _, c := range s.Channels {
		zones[c.ID] = zoneOf(c.Timezone, brand)
	}
	return func(ch string) *time.Location {
		if l, ok := zones[ch]; ok {
			return l
		}
		return brand
	}
}

func zoneOf(name string, fallback *time.Location) *time.Location {
	if name == "" || name == "Local" {
		return fallback
	}
	if l, err := time.LoadLocation(name); err == nil {
		return l
	}
	return fallback
}

// span reads the sources once for the first and last day the drafts are
// scheduled on, each in its channel's zone.
func (e *engine) span(sources []Source) (first, last strategy.Date, ok bool, err error) {
	var lo, hi time.Time
	for _, src := range sources {
		err = src.Each(func(d *Draft) error {
			day := e.localDay(d)
			if !ok || day.Before(lo) {
				lo = day
			}
			if !ok || day.After(hi) {
				hi = day
			}
			ok = true
			return nil
		}, func(Reject) {})
		if err != nil {
			return
		}
	}
	if ok {
		first, last = strategy.DateOf(lo), strategy.DateOf(hi)
	}
	return
}

// localDay is the draft's day in its channel's zone, as a UTC midnight.
func (e *engine) localDay(d *Draft) time.Time {
	t := d.At
	if c := e.channels[d.Channel]; c != nil {
		t = t.In(c.loc)
	}
	y, m, day := t.Date()
	return time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
}

func (e *engine) start(cal *planner.Calendar, from, to strategy.Date) {
	e.slots = newSlotIndex(cal)
	e.from, e.to = from, to
}

// regrade applies the strategy's rules map to the engine's own rules, as
// validate applies it to its rules: "off" drops a rule's findings, a
// severity replaces the rule's. draft-unreadable is not configurable: a
// row that cannot be read is never silently skipped. Other findings (the
// Checkers', which grade their own) pass through unchanged.
func (e *engine) regrade() {
	e.sev = map[string]schema.Severity{}
	for _, r := range rules {
		sev := r.Severity
		if v, ok := e.s.Rules[r.ID]; ok && r.ID != RuleUnreadable {
			if x, ok := schema.ParseSeverity(v); ok {
				sev = x
			}
		}
		e.sev[r.ID] = sev
	}
	e.emit = func(d schema.Diagnostic) {
		if sev, ok := e.sev[d.Rule]; ok {
			if sev == schema.Off {
				return
			}
			d.Severity = sev
		}
		e.col.add(d)
	}
}

// report emits the finding build makes, or only counts it when it would
// not be listed: 100,000 drafts off their slot cost a count each, not a
// message each.
func (e *engine) report(rule string, build func() schema.Diagnostic) {
	if e.sev[rule] == schema.Off {
		return
	}
	if e.col.full(rule) {
		e.col.omit(rule, e.sev[rule])
		return
	}
	e.emit(build())
}

// at builds a finding at a field of a draft.
func at(d *Draft, f Field, rule, format string, args ...any) schema.Diagnostic {
	p := d.Pos[f]
	if p.Line == 0 {
		p = Position{Line: d.Line, Column: 1}
	}
	r := ruleByID(rule)
	n := 1
	switch f {
	case FieldChannel:
		n = utf8.RuneCountInString(d.Channel)
	case FieldPillar:
		n = utf8.RuneCountInString(d.Pillar)
	case FieldTactic:
		n = utf8.RuneCountInString(d.Tactic)
	case FieldCampaign:
		n = utf8.RuneCountInString(d.Campaign)
	}
	return schema.Diagnostic{File: d.File, Line: p.Line, Column: p.Column, Length: n, Rule: rule, Severity: r.Severity,
		Message: fmt.Sprintf(format, args...), Hint: r.Hint}
}

func (e *engine) reject(r Reject) {
	e.rep.Rejected++
	e.emit(schema.Diagnostic{File: r.File, Line: r.Pos.Line, Column: r.Pos.Column, Rule: RuleUnreadable,
		Severity: schema.Error, Message: r.Reason, Hint: ruleByID(RuleUnreadable).Hint})
}

// check runs every rule on one draft.
func (e *engine) check(d *Draft) error {
	e.rep.Drafts++
	c := e.channels[d.Channel]
	day := strategy.DateOf(e.localDay(d))
	if day.Before(e.from) || !day.Before(e.to) {
		e.rep.Outside++
		return nil
	}
	if c == nil {
		e.report(RuleUnknownChannel, func() schema.Diagnostic {
			return at(d, FieldChannel, RuleUnknownChannel, "channel %s is not one of the strategy's channels%s", short(d.Channel), didYouMean(d.Channel, e.ids))
		})
	} else {
		e.schedule(d, c, day)
	}
	e.pillar(d, c)
	if d.Tactic != "" && !e.tactics[d.Tactic] {
		e.report(RuleUnknownTactic, func() schema.Diagnostic {
			return at(d, FieldTactic, RuleUnknownTactic, "tactic %s is not one of the strategy's tactics%s", short(d.Tactic), didYouMean(d.Tactic, keys(e.tactics)))
		})
	}
	if d.Campaign != "" && !e.camps[d.Campaign] {
		e.report(RuleUnknownCampaign, func() schema.Diagnostic {
			return at(d, FieldCampaign, RuleUnknownCampaign, "campaign %s is not one of the strategy's campaigns%s", short(d.Campaign), didYouMean(d.Campaign, keys(e.camps)))
		})
	}
	for _, ck := range e.opt.Checkers {
		ck.Check(d, e.emit)
	}
	return nil
}

// maxQuoted is how much of a value a message quotes: a hostile sheet's
// megabyte cell must not make a megabyte message.
const maxQuoted = 40

// short quotes a value for a message, cut at maxQuoted code points.
func short(s string) string {
	if utf8.RuneCountInString(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	n := 0
	for i := range s {
		if n == maxQuoted {
			return strconv.Quote(s[:i]) + "…"
		}
		n++
	}
	return strconv.Quote(s)
}

func didYouMean(name string, candidates []string) string {
	if len(name) > 4*maxQuoted {
		return "" // far from any id; not worth comparing
	}
	if s := schema.Suggest(name, candidates); s != "" {
		return " — did you mean " + s + "?"
	}
	return ""
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// finish runs the rules that look at all drafts at once, then the
// Checkers' own.
func (e *engine) finish() {
	e.coverage()
	e.mix()
	for _, ck := range e.opt.Checkers {
		ck.Finish(e.emit)
	}
}
