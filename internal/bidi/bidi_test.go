package bidi

import "testing"

func TestDropControls(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"שלום", "שלום"},
		{"a\u202ab\u202ec\u2066d\u2069e\u200ef\u200fg\u061ch", "abcdefgh"},
		{"x\xe2\u202e\x80y", "x\ufffd\ufffdy"}, // the bytes around a dropped control do not join
	} {
		if got := DropControls(tc.in); got != tc.want {
			t.Errorf("DropControls(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if HasControl(DropControls(tc.in)) {
			t.Errorf("DropControls(%q) keeps a control", tc.in)
		}
	}
	if !HasControl("a\u061cb") || HasControl("aب") {
		t.Error("HasControl tells U+061C from an Arabic letter wrongly")
	}
}
