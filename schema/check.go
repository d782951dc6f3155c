package schema

import (
	"fmt"
	"time"

	"github.com/pillar-strategy/pillar/strategy"
)

// checker runs the semantic rules over a decoded strategy whose structure
// the JSON Schema has already accepted.
type checker struct {
	s   *strategy.Strategy
	src *strategy.Source
	now time.Time
	out []Diagnostic
}

// checks are the semantic rules, run in order. Each lives in a rule_*.go
// file named for what it checks.
var checks []func(*checker)

// report records a finding at the value ptr points at (or at its key when
// onKey is set), with the rule's default severity.
func (c *checker) report(rule, ptr string, onKey bool, hint, format string, args ...any) {
	sev := Error
	if r, ok := LookupRule(rule); ok {
		sev = r.Severity
	}
	sp := c.src.Span(ptr)
	p, n := sp.Value, sp.Len
	if onKey {
		p, n = sp.Key, sp.KeyLen
	}
	c.out = append(c.out, Diagnostic{File: p.File, Line: p.Line, Column: p.Col, Length: n,
		Rule: rule, Severity: sev, Message: fmt.Sprintf(format, args...), Hint: hint, Path: ptr})
}
