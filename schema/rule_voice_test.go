package schema

import (
	"strings"
	"testing"
)

func TestAvoidHintsReferToWordsToAvoid(t *testing.T) {
	const head = "version: 1\nbrand: {name: T, timezone: Europe/Oslo}\npillars:\n  - {id: brand, name: B, weight: 100}\n"
	for _, tc := range []struct {
		name, voice string
		want        []string
	}{
		{"known, in another case", "words_to_avoid: [cheap, game changer]\n    avoid_hints: {Cheap: x, game changer: y}", nil},
		{"a typo", "words_to_avoid: [cheap]\n    avoid_hints: {chaep: x}", []string{`8:19: "chaep" is not one of the voice's words_to_avoid; did you mean "cheap"?`}},
		{"no words to avoid", "avoid_hints: {cheap: x}", []string{`7:19: "cheap" is not one of the voice's words_to_avoid`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, _ := validateText(t, head+"personality:\n  voice:\n    "+tc.voice+"\n")
			var got []string
			for _, d := range res.Diagnostics {
				if d.Rule == "unknown-reference" {
					got = append(got, strings.Join([]string{itoa(d.Line), itoa(d.Column)}, ":")+": "+d.Message)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
