package schema

import (
	"strings"
	"testing"
)

// TestChannelLimits holds a channel's post limits (channels[].limits) to
// the schema: every key is taken, a maximum must be positive, counting is
// one of the platform package's countings, and an unknown key is named.
func TestChannelLimits(t *testing.T) {
	const at = "    response_sla: 1h\n"
	tests := []struct {
		name   string
		limits string
		rule   string // the one rule reported, "" for none
		msg    string // a part of its message
	}{
		{"every key", "{max_chars: 280, counting: weighted, max_hashtags: 5, max_mentions: 10, max_links: 2, links: false}", "", ""},
		{"one key", "{max_chars: 1000}", "", ""},
		{"a maximum of 0", "{max_hashtags: 0}", "invalid-value", "at least 1"},
		{"a negative maximum", "{max_chars: -5}", "invalid-value", "at least 1"},
		{"an unknown counting", "{counting: words}", "invalid-value", "counting"},
		{"a misspelt key", "{max_char: 280}", "unknown-key", "max_char"},
		{"no keys keeps the network's", "{}", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(cascadeBase, at) {
				t.Fatalf("the base has no %q", at)
			}
			src := strings.Replace(cascadeBase, at, at+"    limits: "+tt.limits+"\n", 1)
			res, _ := validateText(t, src)
			if tt.rule == "" {
				if len(res.Diagnostics) != 0 {
					t.Fatalf("findings for valid limits: %+v", res.Diagnostics)
				}
				return
			}
			if len(res.Diagnostics) != 1 {
				t.Fatalf("want one finding, got %+v", res.Diagnostics)
			}
			d := res.Diagnostics[0]
			if d.Rule != tt.rule || !strings.Contains(d.Message, tt.msg) || !strings.HasPrefix(d.Path, "/channels/0/limits") {
				t.Errorf("finding = %s %s %q, want %s at /channels/0/limits with %q", d.Rule, d.Path, d.Message, tt.rule, tt.msg)
			}
			if d.Line != 16 {
				t.Errorf("finding on line %d, want the limits line 16", d.Line)
			}
		})
	}
}
