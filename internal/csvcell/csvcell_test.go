package csvcell

import "testing"

func TestDefuse(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Hello", "Hello"},
		{"=SUM(A1)", "'=SUM(A1)"},
		{"+47 22", "'+47 22"},
		{"-20 %", "'-20 %"},
		{"@partner", "'@partner"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"a=b", "a=b"},
		{"\u202e=1+1", "'=1+1"}, // a control cannot hide a formula
		{"Ærø\u2067", "Ærø"},
	} {
		if got := Defuse(tc.in); got != tc.want {
			t.Errorf("Defuse(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
