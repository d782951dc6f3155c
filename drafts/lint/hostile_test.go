package lint

import (
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/schema"
)

// TestHostileTexts: texts built to make a careless scan quadratic (a link
// followed by brackets, thousands of mentions, findings or separators)
// are checked in linear time; quadratic work on these sizes would not
// finish before the test run's timeout.
func TestHostileTexts(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       int
	}{
		{"brackets after a link", "http://x.no/" + strings.Repeat(")", 200000), 1},
		{"many mentions", strings.Repeat("@anna.outside ", 50000), 1},
		{"many findings", strings.Repeat("cheap ", 100000), 100000},
		{"many phrase starts", strings.Repeat("game ", 100000), 100000},
		{"many hashtags", strings.Repeat("#a", 100000) + " @anna.outside", 1},
		{"long separators", strings.Repeat("24"+strings.Repeat("/", 1000)+"7 ", 100), 0},
		{"many lines", strings.Repeat("cheap\n", 100000), 100000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := New(testStrategy(), Options{Now: now})
			n := 0
			l.Check(draft(tc.text), func(schema.Diagnostic) { n++ })
			if n != tc.want {
				t.Errorf("%d findings, want %d", n, tc.want)
			}
		})
	}
}
