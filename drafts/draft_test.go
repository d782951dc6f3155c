package drafts

import "testing"

func TestTextPos(t *testing.T) {
	d := Draft{Line: 7, Text: "Hei på deg\nsecond line\r\nåøæ word"}
	d.Pos[FieldText] = Position{Line: 7, Column: 12}
	tests := []struct {
		off  int
		want Position
	}{
		{0, Position{7, 12}},
		{4, Position{7, 16}},  // "Hei " is 4 code points
		{7, Position{7, 18}},  // "på " is 3 code points but 4 bytes: offset 7 is after "på"
		{11, Position{7, 22}}, // the newline itself
		{12, Position{8, 1}},  // start of the second line
		{31, Position{9, 4}},  // after "åøæ" (6 bytes), line 9
		{34, Position{9, 7}},
		{999, Position{9, 9}}, // past the end: the end
	}
	for _, tt := range tests {
		if got := d.TextPos(tt.off); got != tt.want {
			t.Errorf("TextPos(%d) = %+v, want %+v", tt.off, got, tt.want)
		}
	}
	// Inside a multi-byte rune: the rune's start.
	if got, want := d.TextPos(6), (Position{7, 17}); got != want {
		t.Errorf("TextPos(5) inside å = %+v, want %+v", got, want)
	}
	// No known text position: the draft's line.
	if got, want := (&Draft{Line: 3, Text: "x"}).TextPos(1), (Position{3, 1}); got != want {
		t.Errorf("TextPos without Pos = %+v, want %+v", got, want)
	}
	if FieldPartners.String() != "partners" || Field(99).String() != "field?" {
		t.Errorf("Field names wrong")
	}
}

// TestTextPosCountsEscapes: in a quoted CSV cell each "" is one quote of
// the text but two columns of the file; positions after it are the file's.
func TestTextPosCountsEscapes(t *testing.T) {
	// The cell "Si ""hei""\nog ""ja"" billig" starts at column 10 of line 2
	// (after its opening quote).
	d := Draft{Line: 2, Text: "Si \"hei\"\nog \"ja\" billig", TextEscapes: []int{3, 7, 12, 15}}
	d.Pos[FieldText] = Position{Line: 2, Column: 10}
	for _, tt := range []struct {
		off  int
		want Position
	}{
		{3, Position{2, 13}},  // the first quote: no escape before it yet
		{4, Position{2, 15}},  // "h": the quote took two columns
		{8, Position{2, 20}},  // the newline, after two escaped quotes
		{9, Position{3, 1}},   // "o" on the next line
		{17, Position{3, 11}}, // "billig": after two more escapes on this line
	} {
		if got := d.TextPos(tt.off); got != tt.want {
			t.Errorf("TextPos(%d) = %+v, want %+v", tt.off, got, tt.want)
		}
	}
}

// TestTextCursorMatchesTextPos: asked in text order, backwards, and for
// another draft, the cursor gives what TextPos gives from the start.
func TestTextCursorMatchesTextPos(t *testing.T) {
	a := Draft{Line: 2, Text: "Si \"hei\"\nog \"ja\" billig", TextEscapes: []int{3, 7, 12, 15}}
	a.Pos[FieldText] = Position{Line: 2, Column: 10}
	b := Draft{Line: 9, Text: "ære være\nbillig"}
	b.Pos[FieldText] = Position{Line: 9, Column: 4}
	var c TextCursor
	for _, q := range []struct {
		d   *Draft
		off int
	}{{&a, 0}, {&a, 4}, {&a, 17}, {&a, 9}, {&b, 3}, {&b, 11}, {&a, 23}, {&a, 99}} {
		if got, want := c.At(q.d, q.off), q.d.TextPos(q.off); got != want {
			t.Errorf("At(line %d draft, %d) = %+v, TextPos %+v", q.d.Line, q.off, got, want)
		}
	}
}
