package drafts

import (
	"sort"

	"github.com/pillar-strategy/pillar/schema"
)

// collector keeps the findings of a run within caps, as validate does: the
// first MaxPerRule of each rule and MaxFindings in all, in the order they
// come (file order, since drafts stream in it); the rest are counted by
// rule and severity. So 100,000 drafts that all miss their slot cost the
// memory of a hundred findings, not of 100,000.
type collector struct {
	perRule, total int // < 0: no cap
	kept           []schema.Diagnostic
	perRuleKept    map[string]int
	omitted        map[omitKey]int
	counts         [schema.Off]int
}

type omitKey struct {
	rule string
	sev  schema.Severity
}

func newCollector(perRule, total int) *collector {
	if perRule == 0 {
		perRule = schema.DefaultMaxPerRule
	}
	if total == 0 {
		total = schema.DefaultMaxFindings
	}
	return &collector{perRule: perRule, total: total, perRuleKept: map[string]int{}, omitted: map[omitKey]int{}}
}

// add keeps or counts a finding. Positions are 1-based: a finding with no
// known column points at the line's start.
func (c *collector) add(d schema.Diagnostic) {
	if d.Severity < schema.Error || d.Severity >= schema.Off {
		return
	}
	if d.Line < 1 {
		d.Line = 1
	}
	if d.Column < 1 {
		d.Column = 1
	}
	if d.Length < 1 {
		d.Length = 1
	}
	c.counts[d.Severity]++
	if (c.perRule >= 0 && c.perRuleKept[d.Rule] >= c.perRule) || (c.total >= 0 && len(c.kept) >= c.total) {
		c.omitted[omitKey{d.Rule, d.Severity}]++
		return
	}
	c.perRuleKept[d.Rule]++
	c.kept = append(c.kept, d)
}

// full reports whether a finding of the rule would only be counted, so
// the caller need not write its message: the rule's cap or the total cap
// is reached.
func (c *collector) full(rule string) bool {
	return (c.perRule >= 0 && c.perRuleKept[rule] >= c.perRule) || (c.total >= 0 && len(c.kept) >= c.total)
}

// omit counts a finding that full said would not be listed.
func (c *collector) omit(rule string, sev schema.Severity) {
	c.counts[sev]++
	c.omitted[omitKey{rule, sev}]++
}

// result sorts what was kept into a schema.Result, so validate's
// formatters print it.
func (c *collector) result(path string, files []string) schema.Result {
	ds := append([]schema.Diagnostic(nil), c.kept...)
	schema.Sort(ds)
	var om []schema.Omitted
	for k, n := range c.omitted {
		om = append(om, schema.Omitted{Rule: k.rule, Severity: k.sev, Count: n})
	}
	sort.Slice(om, func(i, j int) bool {
		if om[i].Severity != om[j].Severity {
			return om[i].Severity < om[j].Severity
		}
		return om[i].Rule < om[j].Rule
	})
	return schema.Result{Path: path, Files: files, Diagnostics: ds, Omitted: om}
}
