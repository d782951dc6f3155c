package audit

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

func TestIndexDelim(t *testing.T) {
	for _, s := range []string{"", ",", "abc", "abcdefgh,", "abcdefghijklmnop", "abcdefg,ijk", "\x80\xff,,", "é,ø", "abcdefghabcdefgh,x", "\x2c\xac\x2c"} {
		for _, d := range []byte{',', ';', '\t', '|', 0xAC} {
			if got, want := indexDelim([]byte(s), d), bytes.IndexByte([]byte(s), d); got != want {
				t.Errorf("indexDelim(%q, %q) = %d, want %d", s, d, got, want)
			}
		}
	}
}

func FuzzIndexDelim(f *testing.F) {
	f.Add([]byte("abcdefgh,ijklmnop"), byte(','))
	f.Fuzz(func(t *testing.T, b []byte, d byte) {
		if got, want := indexDelim(b, d), bytes.IndexByte(b, d); got != want {
			t.Fatalf("indexDelim(%q, %q) = %d, want %d", b, d, got, want)
		}
	})
}

func FuzzValidUTF8(f *testing.F) {
	for _, s := range []string{"", "ascii only here", "Blåbær og €", "Bl\xe5b\xe6r", "12345678\xed\xa0\x80", "abcdefg\xf0\x9f\x98", "\xef\xbf\xbd"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := validUTF8(b), utf8.Valid(b); got != want {
			t.Fatalf("validUTF8(%q) = %v, want %v", b, got, want)
		}
	})
}
