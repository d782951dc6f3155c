package schema

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestClosest(t *testing.T) {
	ids := []string{"instagram", "tiktok", "facebook", "linkedin", "x"}
	for _, tc := range []struct{ name, want string }{
		{"instagrm", "instagram"},
		{"Instagram", "instagram"}, // case is ignored
		{"instagram", ""},
		{"tiktk", "tiktok"},
		{"facebok", "facebook"},
		{"linkdin", "linkedin"},
		{"y", "x"},
		{"youtube", ""},
		{"", "x"},
		{strings.Repeat("a", 100_000), ""},
		{"fb", ""},
	} {
		if got := closest(tc.name, ids); got != tc.want {
			t.Errorf("closest(%.20q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	// Ties go to the earlier candidate.
	if got := closest("cat", []string{"bat", "hat"}); got != "bat" {
		t.Errorf("tie went to %q", got)
	}
	if got := Suggest("valdiate", []string{"plan", "validate", "render"}); got != "validate" {
		t.Errorf("Suggest = %q", got)
	}
}

// TestBoundedDistance compares the banded, cut-off distance with the plain
// one on random strings: equal when within the bound, past it otherwise.
func TestBoundedDistance(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	word := func() []rune {
		r := make([]rune, rng.IntN(12))
		for i := range r {
			r[i] = []rune("abcæ東")[rng.IntN(5)]
		}
		return r
	}
	var rows distanceRows
	for i := 0; i < 20000; i++ {
		a, b := word(), word()
		if rng.IntN(3) == 0 { // a near miss
			b = append([]rune(nil), a...)
			if len(b) > 0 {
				b[rng.IntN(len(b))] = 'z'
			}
		}
		k := rng.IntN(5)
		full := levenshtein(string(a), string(b))
		want := full
		if full > k {
			want = k + 1
		}
		if got := rows.bounded(a, b, k); got != want {
			t.Fatalf("bounded(%q, %q, %d) = %d, want %d (distance %d)", string(a), string(b), k, got, want, full)
		}
	}
}

// TestSuggestionBudget: past the budget, findings go without a suggestion
// rather than costing more; the first ones still get theirs.
func TestSuggestionBudget(t *testing.T) {
	var ids []string
	for i := 0; i < 1000; i++ {
		ids = append(ids, fmt.Sprintf("persona-%04d", i))
	}
	budget := &suggestBudget{left: 50_000}
	suggested := 0
	for i := 0; i < 100; i++ {
		if s := (&suggestion{name: fmt.Sprintf("persona-%04dx", i), candidates: ids, budget: budget}).String(); s != "" {
			suggested++
			if want := fmt.Sprintf("; did you mean %q?", fmt.Sprintf("persona-%04d", i)); i < 3 && s != want {
				t.Errorf("suggestion %d = %q, want %q", i, s, want)
			}
		}
	}
	if suggested == 0 || suggested == 100 || budget.left != 0 {
		t.Errorf("%d of 100 suggested, %d cells left: want the budget spent part way", suggested, budget.left)
	}
}
