package schema

import (
	"encoding/json"
	"fmt"
	"sort"
)

// Severity grades a diagnostic. Only errors fail a run, unless --strict makes
// warnings fail it too.
type Severity int

// Severities, from most to least severe. The zero value is an error so that a
// diagnostic built without one is never quietly ignored.
const (
	Error Severity = iota
	Warning
	Info
	// Off switches a rule off; diagnostics are never reported with it.
	Off
)

var severityNames = [...]string{"error", "warning", "info", "off"}

// String returns the lower-case name used in every output format.
func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads a severity name as written in a strategy's rules map.
func ParseSeverity(name string) (Severity, bool) {
	for i, n := range severityNames {
		if n == name {
			return Severity(i), true
		}
	}
	return Error, false
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, ok := ParseSeverity(string(b))
	if !ok {
		return fmt.Errorf("unknown severity %q", b)
	}
	*s = v
	return nil
}

// Diagnostic is one finding about a strategy: where it is, which rule found
// it, how bad it is and what to do about it. Diagnostics are values, not Go
// errors: a strategy with diagnostics was still read successfully.
type Diagnostic struct {
	// File is the path of the file the finding is in, as the user named it
	// (relative paths stay relative).
	File string `json:"file"`
	// Line is the 1-based line of the finding.
	Line int `json:"line"`
	// Column is the 1-based column, counted in Unicode code points.
	Column int `json:"column"`
	// Length is how many code points the finding spans on its line, at
	// least 1; text output underlines that many.
	Length int `json:"length"`
	// Rule is the stable id of the rule, e.g. "pillar-weights-sum".
	Rule string `json:"rule"`
	// Severity is error, warning or info.
	Severity Severity `json:"severity"`
	// Message says what is wrong, in plain words.
	Message string `json:"message"`
	// Hint says what to do about it. It may be empty.
	Hint string `json:"hint,omitempty"`
	// Path is the JSON pointer of the value in the merged strategy, e.g.
	// "/pillars/0/weight". It is empty for findings about a whole file.
	Path string `json:"path,omitempty"`
	// Fix, when set, is a change to the file that resolves the finding;
	// Fix.Safe says whether `pillar fix` applies it on its own.
	Fix *Fix `json:"fix,omitempty"`
	// SourceLine is the text of the offending line, for display; it is not
	// part of the JSON output.
	SourceLine string `json:"-"`

	// want is the fix as the rule asked for it, until Validate resolves
	// it into Fix.
	want *fixWant
}

// String formats the diagnostic as file:line:col: severity: message [rule].
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", d.File, d.Line, d.Column, d.Severity, d.Message, d.Rule)
}

// Result is the outcome of validating one strategy.
type Result struct {
	// Path is the strategy's main file as the user named it.
	Path string `json:"path"`
	// Files lists every file the strategy was read from: the main file,
	// its includes and the strategies it extends.
	Files []string `json:"files"`
	// Diagnostics are the findings, sorted by file, line, column and rule:
	// all of them, or the first within the caps (see Options.MaxPerRule
	// and Options.MaxFindings).
	Diagnostics []Diagnostic `json:"diagnostics"`
	// Omitted counts the findings that Diagnostics leaves out, by rule and
	// severity, errors first.
	Omitted []Omitted `json:"omitted"`
}

// Count returns how many findings have the given severity, listed or not.
func (r Result) Count(s Severity) int {
	n := 0
	for _, d := range r.Diagnostics {
		if d.Severity == s {
			n++
		}
	}
	for _, o := range r.Omitted {
		if o.Severity == s {
			n += o.Count
		}
	}
	return n
}

// OmittedCount returns how many findings Diagnostics leaves out.
func (r Result) OmittedCount() int {
	n := 0
	for _, o := range r.Omitted {
		n += o.Count
	}
	return n
}

// Failed reports whether the result should fail a run: any error, or any
// warning when strict is set.
func (r Result) Failed(strict bool) bool {
	return r.Count(Error) > 0 || (strict && r.Count(Warning) > 0)
}

// Sort orders diagnostics by file, line, column, rule and message so that
// output is byte-identical from run to run.
func Sort(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

// MarshalJSON keeps an empty diagnostics list as [] rather than null, so that
// consumers of the JSON output never need a null check.
func (r Result) MarshalJSON() ([]byte, error) {
	type plain Result
	if r.Diagnostics == nil {
		r.Diagnostics = []Diagnostic{}
	}
	if r.Files == nil {
		r.Files = []string{}
	}
	if r.Omitted == nil {
		r.Omitted = []Omitted{}
	}
	return json.Marshal(plain(r))
}
