package schema

import (
	"container/heap"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/pillar-strategy/pillar/strategy"
)

// The caps on what a Result lists. A strategy with 3,000 overlapping
// campaigns or 10,000 misspelt references is not helped by seeing every
// finding, and CI is not helped by 2 GB of output: a Result lists the
// first findings in output order and counts the rest by rule.
const (
	// DefaultMaxPerRule is how many findings of one rule a Result lists.
	DefaultMaxPerRule = 100
	// DefaultMaxFindings is how many findings a Result lists in all.
	DefaultMaxFindings = 1000
)

// Omitted counts the findings of one rule and severity that a Result found
// but does not list, because of the caps in Options.
type Omitted struct {
	// Rule is the rule's id.
	Rule string `json:"rule"`
	// Severity is the findings' severity.
	Severity Severity `json:"severity"`
	// Count is how many were left out.
	Count int `json:"count"`
}

// Text says what was left out, e.g. "4,499,000 more campaign-overlap
// warnings"; every output format and the GitHub report use these words.
func (o Omitted) Text() string {
	noun := o.Severity.String()
	if o.Count != 1 {
		noun += "s"
	}
	return fmt.Sprintf("%s more %s %s", Thousands(o.Count), o.Rule, noun)
}

// Thousands writes n with commas between groups of three digits, the way
// the counts of left-out findings are written.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// caps reads the limits from Options: zero means the default, a negative
// number no limit.
func caps(opts Options) (perRule, total int) {
	perRule, total = opts.MaxPerRule, opts.MaxFindings
	if perRule == 0 {
		perRule = DefaultMaxPerRule
	}
	if total == 0 {
		total = DefaultMaxFindings
	}
	return perRule, total
}

// collector gathers a strategy's findings within the caps. It re-grades
// and silences them as they come (so that a rule switched off costs
// nothing), keeps the first perRule of each rule in output order, and
// counts the others without keeping them: memory stays bounded however many
// findings a rule makes, and a finding that will not be shown need not
// even have its message written (see admit).
type collector struct {
	src     *strategy.Source
	grade   map[string]Severity
	perRule int // < 0: no cap
	total   int // < 0: no cap
	rules   map[string]*ruleFindings
	// omitted counts the findings the total cap leaves out; filled by list.
	omitted map[omittedKey]int
}

type omittedKey struct {
	rule string
	sev  Severity
}

// ruleFindings holds one rule's findings: those kept, as a heap whose top
// is the last in output order (the first to give way), and how many were
// left out, by severity.
type ruleFindings struct {
	kept    findingHeap
	seen    map[string]bool // identity of each kept finding, to drop repeats
	omitted [Off]int
}

func newCollector(src *strategy.Source, grade map[string]Severity, perRule, total int) *collector {
	return &collector{src: src, grade: grade, perRule: perRule, total: total,
		rules: make(map[string]*ruleFindings), omitted: make(map[omittedKey]int)}
}

func (c *collector) findings(rule string) *ruleFindings {
	f := c.rules[rule]
	if f == nil {
		f = &ruleFindings{seen: make(map[string]bool)}
		c.rules[rule] = f
	}
	return f
}

// admit decides, before a finding's message is written, whether it may be
// listed: it returns the finding's severity after re-grading, and false
// when the finding is switched off, silenced by a pillar:ignore comment,
// or certain to fall outside its rule's cap (then it is counted here).
func (c *collector) admit(rule string, sev Severity, p strategy.Pos) (Severity, bool) {
	if g, ok := c.grade[rule]; ok {
		sev = g
	}
	if sev < Error || sev >= Off {
		return sev, false
	}
	if r, ok := LookupRule(rule); ok && r.Configurable && c.src.Ignored(p, rule) {
		return sev, false
	}
	f := c.findings(rule)
	if c.perRule < 0 || len(f.kept) < c.perRule {
		return sev, true
	}
	// At the same place the message decides the order, so it must be
	// written; that is rare enough not to matter.
	if comparePos(p.File, p.Line, p.Col, f.kept[0]) > 0 {
		f.omitted[sev]++
		return sev, false
	}
	return sev, true
}

// add records a finding that admit let through, with the severity admit
// returned.
func (c *collector) add(d Diagnostic) {
	f := c.findings(d.Rule)
	id := identity(d)
	if f.seen[id] {
		return
	}
	if c.perRule < 0 || len(f.kept) < c.perRule {
		f.seen[id] = true
		heap.Push(&f.kept, d)
		return
	}
	top := f.kept[0]
	if !before(d, top) {
		f.omitted[d.Severity]++
		return
	}
	delete(f.seen, identity(top))
	f.omitted[top.Severity]++
	f.seen[id] = true
	f.kept[0] = d
	heap.Fix(&f.kept, 0)
}

// offer records a finding that was written in full before it came here:
// the problems of the loader and the JSON Schema's findings.
func (c *collector) offer(d Diagnostic) {
	sev, ok := c.admit(d.Rule, d.Severity, strategy.Pos{File: d.File, Line: d.Line, Col: d.Column})
	if !ok {
		return
	}
	d.Severity = sev
	c.add(d)
}

// list returns the findings to show, in output order and within the total
// cap, and what was left out, by rule and severity.
func (c *collector) list() ([]Diagnostic, []Omitted) {
	var all []Diagnostic
	for _, f := range c.rules {
		all = append(all, f.kept...)
	}
	Sort(all)
	if c.total >= 0 && len(all) > c.total {
		for _, d := range all[c.total:] {
			c.omitted[omittedKey{d.Rule, d.Severity}]++
		}
		all = all[:c.total:c.total]
	}
	for rule, f := range c.rules {
		for sev, n := range f.omitted {
			if n > 0 {
				c.omitted[omittedKey{rule, Severity(sev)}] += n
			}
		}
	}
	var out []Omitted
	for k, n := range c.omitted {
		out = append(out, Omitted{Rule: k.rule, Severity: k.sev, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Severity != out[j].Severity {
			return out[i].Severity < out[j].Severity
		}
		return out[i].Rule < out[j].Rule
	})
	return all, out
}

// identity tells repeats apart: the same rule, place and message.
func identity(d Diagnostic) string {
	return d.File + "\x00" + strconv.Itoa(d.Line) + ":" + strconv.Itoa(d.Column) + "\x00" + d.Message
}

// comparePos orders a place against a kept finding's, as Sort does.
func comparePos(file string, line, col int, d Diagnostic) int {
	switch {
	case file != d.File:
		return strings.Compare(file, d.File)
	case line != d.Line:
		return line - d.Line
	}
	return col - d.Column
}

// before reports whether a comes before b in output order (see Sort).
func before(a, b Diagnostic) bool {
	if c := comparePos(a.File, a.Line, a.Column, b); c != 0 {
		return c < 0
	}
	if a.Rule != b.Rule {
		return a.Rule < b.Rule
	}
	return a.Message < b.Message
}

// findingHeap is a max-heap in output order: its top is the finding that
// comes last, which a finding that comes earlier replaces.
type findingHeap []Diagnostic

func (h findingHeap) Len() int           { return len(h) }
func (h findingHeap) Less(i, j int) bool { return before(h[j], h[i]) }
func (h findingHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *findingHeap) Push(x any)        { *h = append(*h, x.(Diagnostic)) }
func (h *findingHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
