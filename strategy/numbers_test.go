package strategy

import (
	"fmt"
	"strings"
	"testing"
)

// TestYAMLNumbers pins how each way of writing a plain number is read
// (the YAML library keeps YAML 1.1's octal and drops its base 60 and its
// yes/no), and which forms get a yaml-number finding: those read as a
// different number than they seem to say.
func TestYAMLNumbers(t *testing.T) {
	for _, tc := range []struct {
		text string
		want any    // as read
		msg  string // the yaml-number finding, "" for none
	}{
		{"60", int64(60), ""},
		{"060", int64(48), "060 is read as 48 (octal): YAML reads a whole number that starts with 0 in base 8; write 60"},
		{"0755", int64(493), "0755 is read as 493 (octal): YAML reads a whole number that starts with 0 in base 8; write 755"},
		{"-012", int64(-10), "-012 is read as -10 (octal): YAML reads a whole number that starts with 0 in base 8; write -12"},
		{"+0755", int64(493), "+0755 is read as 493 (octal): YAML reads a whole number that starts with 0 in base 8; write 755"},
		{"007", int64(7), ""}, // octal 7 is 7
		{"00", int64(0), ""},
		{"0", int64(0), ""},
		{"08", 8.0, ""}, // not octal, so a decimal float: read as written
		{"09", 9.0, ""},
		{"060.5", 60.5, ""},
		{"0o17", int64(15), "0o17 is read as 15 (octal); write 15 if that is the number you mean"},
		{"0x1F", int64(31), "0x1F is read as 31 (hexadecimal); write 31 if that is the number you mean"},
		{"0b101", int64(5), "0b101 is read as 5 (binary); write 5 if that is the number you mean"},
		{"1_000", int64(1000), ""}, // YAML 1.1's digit separator, read as meant
		{"+12", int64(12), ""},
		{"-0", int64(0), ""},
		{".5", 0.5, ""},
		{"1e3", 1000.0, ""},
		{"1.0", 1.0, ""},
		// YAML 1.2: base 60 and yes/no are text.
		{"1:30", "1:30", ""},
		{"190:20:30", "190:20:30", ""},
		{"09:00", "09:00", ""},
		{"yes", "yes", ""},
		{"no", "no", ""},
		{"on", "on", ""},
		// Quoted, a value is text whatever it looks like.
		{`"060"`, "060", ""},
		{`'0x1F'`, "0x1F", ""},
	} {
		t.Run(tc.text, func(t *testing.T) {
			dir := writeTree(t, map[string]string{"strategy.yaml": "version: 1\nx-v: " + tc.text + "\n"})
			doc, _ := load(t, dir)
			if got := doc.Value.(map[string]any)["x-v"]; got != tc.want {
				t.Errorf("read as %T %v, want %T %v", got, got, tc.want, tc.want)
			}
			var msgs []string
			for _, p := range doc.Problems {
				if p.Rule == "yaml-number" {
					msgs = append(msgs, p.Message)
					if p.Pos.Line != 2 || p.Pos.Col != 6 || p.Warning {
						t.Errorf("finding at %v (warning %v), want an error at 2:6", p.Pos, p.Warning)
					}
					if !strings.Contains(p.Hint, "quote the value") {
						t.Errorf("hint %q", p.Hint)
					}
				}
			}
			if got := strings.Join(msgs, "; "); got != tc.msg {
				t.Errorf("finding %q, want %q", got, tc.msg)
			}
		})
	}
}

func TestYAML11Reading(t *testing.T) {
	for _, tc := range []struct{ text, want, msg string }{
		{"1:30", "number", "YAML 1.1 tools read 1:30 as 90, a number in base 60; write 90 if that is what you mean"},
		{"190:20:30", "number", "YAML 1.1 tools read 190:20:30 as 685230, a number in base 60; write 685230 if that is what you mean"},
		{"-1:30", "number", "YAML 1.1 tools read -1:30 as -90, a number in base 60; write -90 if that is what you mean"},
		{"1:30.5", "number", "YAML 1.1 tools read 1:30.5 as 90.5, a number in base 60; write 90.5 if that is what you mean"},
		{"1:70", "number", ""}, // not base 60
		{"ten", "number", ""},
		{"yes", "boolean", "YAML 1.1 tools read yes as true; write true"},
		{"Off", "boolean", "YAML 1.1 tools read Off as false; write false"},
		{"yes", "number", ""},
		{"maybe", "boolean", ""},
	} {
		if got := YAML11Reading(tc.text, tc.want); got != tc.msg {
			t.Errorf("YAML11Reading(%q, %s) = %q, want %q", tc.text, tc.want, got, tc.msg)
		}
	}
}

func TestNumberFindingsOnEveryValue(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\nx-list: [")
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&b, "0%d1, ", i%8)
	}
	b.WriteString("1]\n")
	doc, _ := load(t, writeTree(t, map[string]string{"strategy.yaml": b.String()}))
	n := 0
	for _, p := range doc.Problems {
		if p.Rule == "yaml-number" {
			n++
		}
	}
	// 001 is read as 1, as written; 011 … 071 are not.
	if n != 20-3 {
		t.Errorf("%d yaml-number findings, want 17", n)
	}
}

func TestNumbersTooLarge(t *testing.T) {
	for _, text := range []string{"99999999999999999999999999", "-9223372036854775809", "1e19", "1.7976931348623157e308", "9223372036854775808"} {
		dir := writeTree(t, map[string]string{"strategy.yaml": "version: 1\nx-v: " + text + "\n"})
		doc, _ := load(t, dir)
		if len(doc.Problems) != 1 || doc.Problems[0].Message != text+" is too large a number" {
			t.Errorf("%s: problems %v", text, doc.Problems)
		}
	}
	for _, text := range []string{"9223372036854775807", "-9223372036854775808", "9.2e18", "1e10"} {
		dir := writeTree(t, map[string]string{"strategy.yaml": "version: 1\nx-v: " + text + "\n"})
		if doc, _ := load(t, dir); len(doc.Problems) != 0 {
			t.Errorf("%s: problems %v", text, doc.Problems)
		}
	}
}
