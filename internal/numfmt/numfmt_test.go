package numfmt

import (
	"math"
	"strings"
	"testing"
)

func TestInt(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0"},
		{7, "7"},
		{1234, "1234"},
		{-1234, "-1234"},
		{12345, "12 345"},
		{-12345, "-12 345"},
		{123456, "123 456"},
		{1850816, "1 850 816"},
		{2000000, "2 000 000"},
		{math.MaxInt64, "9 223 372 036 854 775 807"},
		{math.MinInt64, "-9 223 372 036 854 775 808"},
	}
	for _, tt := range tests {
		got := strings.ReplaceAll(Int(tt.n), Space, " ")
		if got != tt.want {
			t.Errorf("Int(%d) = %q, want %q", tt.n, got, tt.want)
		}
		if strings.Contains(Int(tt.n), " ") {
			t.Errorf("Int(%d) has a breaking space", tt.n)
		}
	}
}

func TestCount(t *testing.T) {
	for _, tt := range []struct {
		n         int
		one, many string
		want      string
	}{
		{1, "post", "", "1 post"},
		{0, "post", "", "0 posts"},
		{2, "reply", "replies", "2 replies"},
		{12345, "row", "", "12" + Space + "345 rows"},
	} {
		if got := Count(tt.n, tt.one, tt.many); got != tt.want {
			t.Errorf("Count(%d, %q) = %q, want %q", tt.n, tt.one, got, tt.want)
		}
	}
}
