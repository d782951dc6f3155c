package schema

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/strategy"
)

// checker runs the semantic rules over a decoded strategy whose structure
// the JSON Schema has already accepted.
type checker struct {
	s   *strategy.Strategy
	src *strategy.Source
	now time.Time
	// col takes the findings within the caps. Without one (in tests of
	// single rules) they go to out, every one in the order found.
	col *collector
	out []Diagnostic
	// budget bounds the work suggestions take over the whole strategy.
	budget *suggestBudget
}

// checks are the semantic rules, run in order. Each lives in a rule_*.go
// file named for what it checks; the order only matters for reading, since
// Validate sorts the diagnostics by position.
var checks = []func(*checker){
	checkVersion,         // rule_version.go
	checkDuplicateIDs,    // rule_ids.go
	checkPillarWeights,   // rule_weights.go
	checkReferences,      // rule_refs.go
	checkTimezones,       // rule_times.go
	checkTimes,           // rule_times.go
	checkCadences,        // rule_cadence.go
	checkSchedules,       // rule_cadence.go
	checkDates,           // rule_dates.go
	checkPeriods,         // rule_dates.go
	checkCampaignOverlap, // rule_campaigns.go
	checkAudience,        // rule_audience.go
	checkChannels,        // rule_channels.go
	checkExamples,        // rule_examples.go
	checkInfluencers,     // rule_influencers.go
	checkHashtags,        // rule_hashtags.go
	checkAvoidHints,      // rule_voice.go
	checkTacticKPIs,      // rule_tactic_kpis.go
	checkDraftsFiles,     // rule_drafts.go
}

// report records a finding at the value ptr points at (or at its key when
// onKey is set), with the rule's default severity. The message is written
// only when the finding will be listed: a finding past its rule's cap is
// counted without it, and a suggestion among its arguments is never worked
// out (see suggestion).
func (c *checker) report(rule, ptr string, onKey bool, hint, format string, args ...any) {
	c.reportFix(rule, ptr, onKey, nil, hint, format, args...)
}

// reportFix is report for a finding that knows its fix: fix is asked for
// it once the message is written (so a suggestion among args has been
// worked out) and may return nil.
func (c *checker) reportFix(rule, ptr string, onKey bool, fix func() *fixWant, hint, format string, args ...any) {
	sev := Error
	if r, ok := LookupRule(rule); ok {
		sev = r.Severity
	}
	sp := c.src.Span(ptr)
	p, n := sp.Value, sp.Len
	if onKey {
		p, n = sp.Key, sp.KeyLen
	}
	d := Diagnostic{File: p.File, Line: p.Line, Column: p.Col, Length: n, Rule: rule, Hint: hint, Path: ptr}
	if c.col == nil {
		d.Severity, d.Message = sev, fmt.Sprintf(format, args...)
		if fix != nil {
			d.want = fix()
		}
		c.out = append(c.out, d)
		return
	}
	sev, ok := c.col.admit(rule, sev, p)
	if !ok {
		return
	}
	d.Severity, d.Message = sev, fmt.Sprintf(format, args...)
	if fix != nil {
		d.want = fix()
	}
	c.col.add(d)
}

// didYouMean suggests one of the strategy's own ids, within the checker's
// budget.
func (c *checker) didYouMean(name string, candidates []string) *suggestion {
	return &suggestion{name: name, candidates: candidates, budget: c.budget}
}

// where names the place ptr was written for a message that refers to it
// from elsewhere: "line 12" in the same file as the finding at other, or
// "personas/kari.yaml:12" in another file.
func (c *checker) where(ptr, other string) string {
	p := c.src.Span(ptr).Value
	if p.File == c.src.Span(other).Value.File {
		return fmt.Sprintf("line %d", p.Line)
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// today is the checker's notion of the current day, for rules about
// staleness and expiry.
func (c *checker) today() strategy.Date { return strategy.DateOf(c.now) }

// known lists the ids a reference may use, in declared order so that
// did-you-mean ties resolve the same way every run.
type known struct {
	ids []string
	set map[string]bool
}

func newKnown(ids []string) known {
	k := known{ids: ids, set: make(map[string]bool, len(ids))}
	for _, id := range ids {
		k.set[id] = true
	}
	return k
}

func (k known) has(id string) bool { return k.set[id] }

// list writes the ids for a hint, shortened when there are many.
func (k known) list() string {
	const most = 12
	if len(k.ids) > most {
		return strings.Join(k.ids[:most], ", ") + fmt.Sprintf(" and %d more", len(k.ids)-most)
	}
	return strings.Join(k.ids, ", ")
}

func (c *checker) personaIDs() known {
	ids := make([]string, 0, len(c.s.Personas))
	for _, p := range c.s.Personas {
		ids = append(ids, p.ID)
	}
	return newKnown(ids)
}

func (c *checker) channelIDs() known {
	ids := make([]string, 0, len(c.s.Channels))
	for _, ch := range c.s.Channels {
		ids = append(ids, ch.ID)
	}
	return newKnown(ids)
}

func (c *checker) pillarIDs() known {
	ids := make([]string, 0, len(c.s.Pillars))
	for _, p := range c.s.Pillars {
		ids = append(ids, p.ID)
	}
	return newKnown(ids)
}

// keysInSourceOrder returns a map's keys in the order they were written,
// so that messages list them the way the strategist reads the file. Keys
// with no recorded position (a strategy built in code) sort by name. Each
// key's place is looked up once, not at every comparison of the sort.
func keysInSourceOrder[V any](c *checker, m map[string]V, base string) []string {
	type placed struct {
		key string
		pos strategy.Pos
	}
	keys := make([]placed, 0, len(m))
	for k := range m {
		keys = append(keys, placed{k, c.src.Span(base + strategy.Pointer(k)).Key})
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i].pos, keys[j].pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return keys[i].key < keys[j].key
	})
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.key
	}
	return out
}

// sortedKeys returns a map's keys by name.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// number writes a weight or sum the way a strategist wrote it: 40, 12.5,
// never 99.99999999999999.
func number(f float64) string {
	return strconv.FormatFloat(math.Round(f*1e6)/1e6, 'f', -1, 64)
}
