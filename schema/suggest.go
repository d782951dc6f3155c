package schema

import (
	"fmt"
	"unicode"
)

// suggestion is "; did you mean "x"?" naming the candidate closest to a
// name, or "" when none is close enough to be a likely typo. It is worked
// out only when a message is written (fmt calls String), so a finding that
// is counted but not shown costs no search; the answer is kept for the
// finding's fix.
type suggestion struct {
	name       string
	candidates []string
	budget     *suggestBudget
	done       bool
	best       string
	unique     bool
}

func (s *suggestion) String() string {
	if best, _ := s.pick(); best != "" {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return ""
}

// pick returns the closest candidate and whether no other is as close.
func (s *suggestion) pick() (best string, unique bool) {
	if !s.done {
		s.best, s.unique = closestWithin(s.name, s.candidates, s.budget)
		s.done = true
	}
	return s.best, s.unique
}

// didYouMean suggests one of a short, fixed list of candidates (keys of
// the format, enum values, rule ids), which needs no budget.
func didYouMean(name string, candidates []string) *suggestion {
	return &suggestion{name: name, candidates: candidates}
}

// suggestCells is how much edit-distance work one validation may spend on
// suggestions, in cells of the distance table: about 50 ms. Candidates
// come from the strategy (ids), so a hostile one can offer a hundred
// thousand of them to each of a thousand misspelt references; past the
// budget, findings go without a suggestion.
const suggestCells = 20_000_000

// suggestBudget is what is left of suggestCells for one validation.
type suggestBudget struct{ left int }

func newSuggestBudget() *suggestBudget { return &suggestBudget{left: suggestCells} }

// spend takes n cells from the budget and reports whether there were
// enough. A nil budget is unlimited.
func (b *suggestBudget) spend(n int) bool {
	if b == nil {
		return true
	}
	if b.left < n {
		b.left = 0
		return false
	}
	b.left -= n
	return true
}

// typoLimit is the largest edit distance that still reads as a typo of a
// name of n code points.
func typoLimit(n int) int {
	switch {
	case n > 8:
		return 3
	case n <= 3:
		return 1
	}
	return 2
}

// closest returns the candidate with the smallest edit distance to name, if
// that distance is small relative to the name's length. Ties go to the
// earlier candidate, so the result is deterministic.
func closest(name string, candidates []string) string {
	best, _ := closestWithin(name, candidates, nil)
	return best
}

// closestWithin is closest within a budget, and reports whether the
// candidate it returns is the only one that close (a fix is offered only
// then). Each candidate costs at most its length times a band of
// 2·limit+1 cells, and most cost a length check: the distance is never
// computed beyond the limit.
func closestWithin(name string, candidates []string, budget *suggestBudget) (string, bool) {
	lname := appendLowerRunes(nil, name)
	limit := typoLimit(len(lname))
	best, bestD, ties := "", limit+1, 0
	var buf []rune
	var rows distanceRows
	for _, c := range candidates {
		if c == name {
			continue
		}
		// A candidate's length in code points is at most its length in
		// bytes and at least a quarter of it.
		if len(c) < len(lname)-limit || len(c) > 4*(len(lname)+limit) {
			continue
		}
		buf = appendLowerRunes(buf[:0], c)
		if diff := len(buf) - len(lname); diff > limit || -diff > limit {
			continue
		}
		if !budget.spend(1 + min(len(buf), len(lname))*(2*limit+1)) {
			break
		}
		// Bounded by the best so far (not one less), so that a tie shows.
		d := rows.bounded(lname, buf, min(bestD, limit))
		switch {
		case d < bestD:
			best, bestD, ties = c, d, 0
		case d == bestD && best != "" && c != best:
			ties++
		}
	}
	return best, best != "" && ties == 0
}

// appendLowerRunes appends s's code points in lower case: suggestions
// ignore case, since ids and keys are lower-case and people capitalise.
func appendLowerRunes(buf []rune, s string) []rune {
	for _, r := range s {
		buf = append(buf, unicode.ToLower(r))
	}
	return buf
}

// boundedDistance returns the Levenshtein distance between a and b when it
// is at most k, and k+1 otherwise. It strips the common prefix and
// suffix, then fills only the band of the table within max of the
// diagonal, and stops as soon as a whole row is past k (Ukkonen's cut-off).
func boundedDistance(a, b []rune, k int) int {
	var rows distanceRows
	return rows.bounded(a, b, k)
}

// distanceRows holds the two rows of the distance table between calls, so
// that comparing a name with a thousand candidates allocates them once.
type distanceRows struct{ prev, cur []int }

func (r *distanceRows) bounded(a, b []rune, k int) int {
	if k < 0 {
		return 0
	}
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	if d := len(a) - len(b); d > k || -d > k {
		return k + 1
	}
	if len(a) == 0 || len(b) == 0 {
		return len(a) + len(b)
	}
	const far = 1 << 30
	if cap(r.prev) < len(b)+1 {
		r.prev, r.cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	prev, cur := r.prev[:len(b)+1], r.cur[:len(b)+1]
	for j := range prev {
		prev[j] = j
		if j > k {
			prev[j] = far
		}
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-k), min(len(b), i+k)
		cur[lo-1] = far
		if lo == 1 {
			cur[0] = i
		}
		rowMin := far
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if hi < len(b) {
			cur[hi+1] = far
		}
		if rowMin > k {
			return k + 1
		}
		prev, cur = cur, prev
	}
	if d := prev[len(b)]; d <= k {
		return d
	}
	return k + 1
}

// levenshtein is the plain edit distance, kept as the reference the
// bounded one is tested against.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Suggest returns the candidate that name is most likely a typo of, or ""
// when none is close. The command line uses it for misspelt commands.
func Suggest(name string, candidates []string) string { return closest(name, candidates) }
