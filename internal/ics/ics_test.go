package ics

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestAppendText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{`a\b;c,d`, `a\\b\;c\,d`},
		{"one\ntwo\r\nthree\rfour", `one\ntwo\nthree\nfour`},
		{"tab\tkept, bell\a dropped", `tab` + "\t" + `kept\, bell dropped`},
		{"Ærø – 東京", "Ærø – 東京"},
		{"a\u202eb\u2066c", "abc"},
		{"bad\xffbyte", "bad\ufffdbyte"},
		{"c1\u0085x", "c1x"},
	} {
		if got := string(AppendText(nil, tc.in)); got != tc.want {
			t.Errorf("AppendText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWriteFolded(t *testing.T) {
	for _, n := range []int{0, 74, 75, 76, 149, 150, 300} {
		for _, unit := range []string{"a", "ø", "東", "🙂"} {
			line := []byte("X:" + strings.Repeat(unit, n))
			var b bytes.Buffer
			if err := WriteFolded(&b, line); err != nil {
				t.Fatal(err)
			}
			out := b.Bytes()
			if !bytes.HasSuffix(out, []byte("\r\n")) {
				t.Fatalf("no CRLF at the end: %q", out)
			}
			phys := strings.Split(string(out[:len(out)-2]), "\r\n")
			var joined strings.Builder
			for i, p := range phys {
				if len(p) > 75 || !utf8.ValidString(p) {
					t.Errorf("%d × %q: line %d is %d octets or splits a character: %q", n, unit, i+1, len(p), p)
				}
				if i > 0 {
					if !strings.HasPrefix(p, " ") {
						t.Errorf("continuation line %d does not start with a space", i+1)
					}
					p = p[1:]
				}
				joined.WriteString(p)
			}
			if joined.String() != string(line) {
				t.Errorf("%d × %q: unfolding gives %q", n, unit, joined.String())
			}
		}
	}
}

func TestAppendUTC(t *testing.T) {
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Skip(err)
	}
	at := time.Date(2027, 3, 28, 3, 30, 5, 0, oslo)
	if got := string(AppendUTC(nil, at)); got != "20270328T013005Z" {
		t.Errorf("AppendUTC = %s", got)
	}
	if got := string(AppendUTC(nil, time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))); got != "00000101T000000Z" {
		t.Errorf("a year past 9999: %s", got)
	}
}

func TestAppendCategories(t *testing.T) {
	for _, tc := range []struct {
		values []string
		want   string
		ok     bool
	}{
		{[]string{"brand", "", "giveaway"}, "x CATEGORIES:brand,giveaway", true},
		{[]string{"a,b", "c;d"}, `x CATEGORIES:a\,b,c\;d`, true},
		{[]string{"", ""}, "x ", false},
		{nil, "x ", false},
	} {
		got, ok := AppendCategories([]byte("x "), tc.values...)
		if string(got) != tc.want || ok != tc.ok {
			t.Errorf("AppendCategories(%q) = %q, %v; want %q, %v", tc.values, got, ok, tc.want, tc.ok)
		}
	}
}
