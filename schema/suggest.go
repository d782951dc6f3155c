package schema

import (
	"fmt"
	"strings"
)

// didYouMean returns ` (did you mean "x"?)`-style text naming the candidate
// closest to name, or "" when none is close enough to be a likely typo.
func didYouMean(name string, candidates []string) string {
	if s := closest(name, candidates); s != "" {
		return fmt.Sprintf("; did you mean %q?", s)
	}
	return ""
}

// closest returns the candidate with the smallest edit distance to name, if
// that distance is small relative to the name's length. Ties go to the
// earlier candidate, so the result is deterministic.
func closest(name string, candidates []string) string {
	best, bestD := "", 1<<30
	lname := strings.ToLower(name)
	for _, c := range candidates {
		if c == name {
			continue
		}
		d := levenshtein(lname, strings.ToLower(c))
		if d < bestD {
			best, bestD = c, d
		}
	}
	limit := 2
	if n := len([]rune(name)); n > 8 {
		limit = 3
	} else if n <= 3 {
		limit = 1
	}
	if bestD <= limit {
		return best
	}
	return ""
}

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
