package strategy

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// The YAML library pillar reads with (gopkg.in/yaml.v3) follows YAML 1.2
// for most plain values (yes and no are text, 1:30 is text) but keeps two
// YAML 1.1 habits for whole numbers: a leading 0 means octal (060 is 48,
// 0755 is 493), and 0x, 0o and 0b prefixes give hexadecimal, octal and
// binary. A strategist who writes weight: 060 means sixty. The library's
// resolver is in resolve.go of gopkg.in/yaml.v3 (v3.0.1); TestYAMLNumbers
// pins what it does with each form.

// numberProblem says how a plain whole number was read when that is not
// how it reads to people, and what to write instead; it returns "" for a
// number written in decimal. text is the value as written, v as read.
func numberProblem(text string, v int64) (msg, hint string) {
	sign, digits := "", text
	if strings.HasPrefix(digits, "-") || strings.HasPrefix(digits, "+") {
		sign, digits = digits[:1], digits[1:]
	}
	var base string
	switch {
	case len(digits) > 2 && (digits[:2] == "0x" || digits[:2] == "0X"):
		base = "hexadecimal"
	case len(digits) > 2 && (digits[:2] == "0o" || digits[:2] == "0O"):
		base = "octal"
	case len(digits) > 2 && (digits[:2] == "0b" || digits[:2] == "0B"):
		base = "binary"
	case len(digits) > 1 && digits[0] == '0':
		// 007 and 00 are read as written; 060 is not.
		dec, err := strconv.ParseInt(sign+strings.ReplaceAll(digits, "_", ""), 10, 64)
		if err == nil && dec == v {
			return "", ""
		}
		meant := strings.TrimLeft(strings.ReplaceAll(digits, "_", ""), "0")
		if sign == "-" {
			meant = "-" + meant
		}
		return fmt.Sprintf("%s is read as %d (octal): YAML reads a whole number that starts with 0 in base 8; write %s", text, v, meant),
			fmt.Sprintf("Write %s without the leading zero, or quote the value (\"%s\") if it is text rather than a number.", meant, text)
	default:
		return "", ""
	}
	return fmt.Sprintf("%s is read as %d (%s); write %d if that is the number you mean", text, v, base, v),
		fmt.Sprintf("Write %d if that is the number you mean, or quote the value (\"%s\") if it is text.", v, text)
}

// sexagesimal matches the YAML 1.1 base-60 numbers (1:30 is 90,
// 190:20:30 is 685,230) that YAML 1.2, and so pillar, reads as text.
var sexagesimal = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$`)
})

// yaml11Booleans are the YAML 1.1 words for true and false that YAML 1.2,
// and so pillar, reads as text.
var yaml11Booleans = map[string]bool{
	"y": true, "Y": true, "yes": true, "Yes": true, "YES": true, "on": true, "On": true, "ON": true,
	"n": false, "N": false, "no": false, "No": false, "NO": false, "off": false, "Off": false, "OFF": false,
}

// YAML11Reading explains, for a text value found where a number (want
// "number") or true or false (want "boolean") belongs, that YAML 1.1 tools
// would have read it as one and what to write instead: "1:30" was 90 in
// base 60, "yes" was true. It returns "" for any other text.
func YAML11Reading(s string, want string) string {
	switch want {
	case "number":
		if !sexagesimal().MatchString(s) {
			return ""
		}
		v, ok := base60(s)
		if !ok {
			return ""
		}
		return fmt.Sprintf("YAML 1.1 tools read %s as %s, a number in base 60; write %s if that is what you mean", s, v, v)
	case "boolean":
		b, ok := yaml11Booleans[s]
		if !ok {
			return ""
		}
		return fmt.Sprintf("YAML 1.1 tools read %s as %t; write %t", s, b, b)
	}
	return ""
}

// base60 evaluates a sexagesimal number as YAML 1.1 did.
func base60(s string) (string, bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(s, "+-")
	s = strings.ReplaceAll(s, "_", "")
	frac := ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s, frac = s[:i], s[i:]
	}
	var v int64
	for _, part := range strings.Split(s, ":") {
		n, err := strconv.ParseInt(part, 10, 64)
		if err != nil || v > (1<<62)/60 {
			return "", false
		}
		v = v*60 + n
	}
	if neg {
		v = -v
	}
	out := strconv.FormatInt(v, 10)
	if frac != "" && frac != "." {
		out += frac
	}
	return out, true
}
