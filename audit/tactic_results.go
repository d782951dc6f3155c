package audit

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/strategy"
)

// MaxTacticResultsBytes bounds the tactic results file. It holds a row per
// occurrence and metric, a few thousand rows for a year of weekly tactics:
// a larger file is a mistake (or hostile), refused before it is read.
const MaxTacticResultsBytes = 8 << 20

// tacticResultsColumns are the results file's required columns.
var tacticResultsColumns = []string{"tactic", "channel", "date", "metric", "value"}

// readTacticResults reads the tactic results file: a CSV with the columns
// tactic, channel, date (the occurrence's local day, YYYY-MM-DD), metric
// and value (a number 0 or more, with a dot for decimals), in any order,
// other columns ignored. Each row gives one KPI of one executed occurrence
// a value. A row that cannot be used is rejected with its line and the
// reason, and the audit goes on; a file without the columns, too large or
// not UTF-8 stops it. It runs after the posts are read, so it knows which
// occurrences were executed.
func (a *auditor) readTacticResults(in Input) error {
	b, err := io.ReadAll(io.LimitReader(in.R, MaxTacticResultsBytes+1))
	if err != nil {
		return fmt.Errorf("%s: %w", in.Name, err)
	}
	if len(b) > MaxTacticResultsBytes {
		return fmt.Errorf("%s: the tactic results file is larger than %d MiB: give one row per occurrence and metric, for the audited period", in.Name, MaxTacticResultsBytes>>20)
	}
	if !utf8.Valid(b) {
		line := 1 + bytes.Count(b[:firstInvalidUTF8(b)], []byte("\n"))
		return fmt.Errorf("%s:%d: the tactic results file is not UTF-8: save it as UTF-8", in.Name, line)
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	rf := &TacticResultsFile{File: in.Name, Rejects: []Reject{}}
	a.tk.results = rf
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: the tactic results file is empty: its first line is the header %s", in.Name, strings.Join(tacticResultsColumns, ","))
	}
	if err != nil {
		return fmt.Errorf("%s: %v", in.Name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if _, dup := col[h]; dup && h != "" {
			return fmt.Errorf("%s:1:%d: column %q appears twice in the header", in.Name, i+1, h)
		}
		col[h] = i
	}
	for _, c := range tacticResultsColumns {
		if _, ok := col[c]; !ok {
			return fmt.Errorf("%s:1: the header has no %q column: it needs %s", in.Name, c, strings.Join(tacticResultsColumns, ", "))
		}
	}
	seen := map[suppliedKey]int64{} // first line of each occurrence and metric
	reject := func(line int64, format string, args ...any) {
		rf.Rejected++
		if len(rf.Rejects) < MaxRejectsListed {
			rf.Rejects = append(rf.Rejects, Reject{Line: line, Reason: fmt.Sprintf(format, args...)})
		}
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		rf.Read++
		if err != nil {
			var pe *csv.ParseError
			line := int64(0)
			if errors.As(err, &pe) {
				line = int64(pe.StartLine)
				err = pe.Err
			}
			reject(line, "cannot be read as CSV: %v", err)
			continue
		}
		line64, _ := cr.FieldPos(0)
		line := int64(line64)
		if len(rec) != len(header) {
			reject(line, "has %d fields, the header has %d", len(rec), len(header))
			continue
		}
		field := func(name string) string { return strings.TrimSpace(rec[col[name]]) }
		key, ok, outside, why := a.resultKey(field("tactic"), field("channel"), field("date"), field("metric"))
		switch {
		case outside:
			rf.OutsidePeriod++
			continue
		case !ok:
			reject(line, "%s", why)
			continue
		}
		v, err := parseResultValue(field("value"))
		if err != nil {
			reject(line, "%v", err)
			continue
		}
		if first, dup := seen[key]; dup {
			reject(line, "repeats the tactic, channel, date and metric of line %d; the first row is used", first)
			continue
		}
		seen[key] = line
		if a.tk.supplied == nil {
			a.tk.supplied = make(map[suppliedKey]float64)
		}
		a.tk.supplied[key] = v
		rf.Used++
	}
	return nil
}

// resultKey finds the executed occurrence and KPI a results row names. It
// reports outside for a readable row dated outside the period, and why a
// row cannot be used otherwise.
func (a *auditor) resultKey(tactic, channel, date, metric string) (k suppliedKey, ok, outside bool, why string) {
	ti, known := a.tacticIdx[tactic]
	if !known {
		return k, false, false, fmt.Sprintf("tactic %s is not in the strategy", quoteValue([]byte(tactic)))
	}
	t := &a.s.Tactics[ti]
	ci, known := a.channelOf([]byte(channel))
	if !known {
		return k, false, false, fmt.Sprintf("channel %s is not in the strategy", quoteValue([]byte(channel)))
	}
	d, err := strategy.ParseDate(date)
	if err != nil {
		return k, false, false, fmt.Sprintf("date %v", err)
	}
	if d.Before(a.opt.From) || !d.Before(a.opt.To) {
		return k, false, true, ""
	}
	declared := false
	var metrics []string
	for _, kpi := range t.KPIs {
		declared = declared || kpi.Metric == metric
		metrics = append(metrics, kpi.Metric)
	}
	if !declared {
		if len(metrics) == 0 {
			return k, false, false, fmt.Sprintf("tactic %s declares no KPIs", t.ID)
		}
		return k, false, false, fmt.Sprintf("tactic %s has no KPI %s: its KPIs are %s", t.ID, quoteValue([]byte(metric)), joinAnd(metrics))
	}
	day := int(d.Time().Sub(a.opt.From.Time()).Hours()/24 + 0.5)
	ch := a.channels[ci].c.ID
	oi, planned := a.occIdx[occKey{tactic: ti, channel: ci, day: day}]
	if !planned {
		return k, false, false, fmt.Sprintf("tactic %s has no occurrence planned on %s on %s", t.ID, ch, d)
	}
	if !a.occs[oi].done {
		return k, false, false, fmt.Sprintf("tactic %s was not executed on %s on %s (no post tagged with it that day), so its results are not judged: tag the post in the history", t.ID, ch, d)
	}
	return suppliedKey{occ: oi, metric: metric}, true, false, ""
}

// parseResultValue reads a value: digits with at most one decimal point,
// 0 or more. Thousands separators and decimal commas are refused rather
// than guessed.
func parseResultValue(s string) (float64, error) {
	if s == "" {
		return 0, errors.New("value is empty: give a number, or leave the row out")
	}
	dots := 0
	for _, c := range []byte(s) {
		switch {
		case c == '.':
			dots++
		case c < '0' || c > '9':
			return 0, fmt.Errorf("value %s is not a number 0 or more: write digits with a dot for decimals, e.g. 412 or 3.5", quoteValue([]byte(s)))
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || dots > 1 || s == "." || math.IsInf(v, 0) {
		return 0, fmt.Errorf("value %s is not a number 0 or more: write digits with a dot for decimals, e.g. 412 or 3.5", quoteValue([]byte(s)))
	}
	if v > MaxResultValue {
		return 0, fmt.Errorf("value %s is larger than %g: no occurrence's count gets there; check the cell", quoteValue([]byte(s)), float64(MaxResultValue))
	}
	return v, nil
}

// MaxResultValue is the largest value a tactic results row may give
// (10^15): far beyond any post's count, and small enough that every count
// the reports print stays exact as a whole number.
const MaxResultValue = 1e15

// firstInvalidUTF8 returns the offset of the first byte of b that is not
// valid UTF-8.
func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}
