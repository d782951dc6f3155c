package schema

import (
	"sort"
	"strings"

	"github.com/pillar-strategy/pillar/strategy"
)

// checkAvoidHints reports a key of voice.avoid_hints that is not one of
// the voice's words_to_avoid (compared case-insensitively): a hint for a
// word the list does not have is never shown, so it is most likely a typo.
func checkAvoidHints(c *checker) {
	p := c.s.Personality
	if p == nil || p.Voice == nil || len(p.Voice.AvoidHints) == 0 {
		return
	}
	words := make(map[string]bool, len(p.Voice.WordsToAvoid))
	for _, w := range p.Voice.WordsToAvoid {
		words[strings.ToLower(strings.TrimSpace(w))] = true
	}
	keys := make([]string, 0, len(p.Voice.AvoidHints))
	for k := range p.Voice.AvoidHints {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if words[strings.ToLower(strings.TrimSpace(k))] {
			continue
		}
		c.report("unknown-reference", strategy.Pointer("personality", "voice", "avoid_hints", k), true,
			"avoid_hints are keyed by a word or phrase of words_to_avoid. Fix the spelling, or add the word to words_to_avoid.",
			"%q is not one of the voice's words_to_avoid%s", k, c.didYouMean(k, p.Voice.WordsToAvoid))
	}
}
