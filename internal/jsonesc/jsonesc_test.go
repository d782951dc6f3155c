package jsonesc

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// Every escape decodes as encoding/json decodes it.
func TestEscapesAsEncodingJSON(t *testing.T) {
	for _, esc := range []string{`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`,
		`\u0041`, `\u00e5`, `\u20AC`, `\ud83d\ude00`, `\ud83d`, `\ude00`, `\ud83dx`, `\ud83d\u0041`} {
		var want string
		if err := json.Unmarshal([]byte(`"`+esc+`"`), &want); err != nil {
			t.Fatalf("%s: %v", esc, err)
		}
		b := []byte(esc)
		var got []byte
		for i := 0; i < len(b); {
			if b[i] != '\\' {
				got = append(got, b[i])
				i++
				continue
			}
			if c, ok := Simple(b[i+1]); ok {
				got = append(got, c)
				i += 2
				continue
			}
			r, n, ok := Unicode(b, i+2)
			if !ok {
				t.Fatalf("%s: not read", esc)
			}
			got = utf8.AppendRune(got, r)
			i += 2 + n
		}
		if string(got) != want {
			t.Errorf("%s = %q, want %q", esc, got, want)
		}
	}
}

func TestBadEscapes(t *testing.T) {
	if _, ok := Simple('x'); ok {
		t.Error(`\x read`)
	}
	for _, s := range []string{"", "12", "12g4", "-123"} {
		if _, _, ok := Unicode([]byte(s), 0); ok {
			t.Errorf("\\u%s read", s)
		}
	}
}
