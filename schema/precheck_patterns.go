package schema

import (
	"regexp"
	"strings"
)

// knownPatterns match the schema's own patterns without the regexp
// package, whose matching took a tenth of a whole validation: most values a
// strategy holds are ids, and each is checked against a pattern. They are
// keyed by the pattern's exact text, so a pattern edited in the schema
// goes back to the regexp package until its matcher here is updated.
// FuzzKnownPatterns holds each to the regexp package (RE2 syntax, where \s
// is [\t\n\f\r ] and $ is the end of the text).
var knownPatterns = map[string]func(string) bool{
	`^[a-z0-9][a-z0-9_-]*$`:            matchID,
	`^([01][0-9]|2[0-3]):[0-5][0-9]$`:  matchTimeOfDay,
	`^([0-9]+[wdhm])+$`:                matchDuration,
	`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`: matchLanguage,
	`^@?[A-Za-z0-9._-]+$`:              matchHandle,
	`^#?[^\s#]+$`:                      matchHashtag,
	`^https?://[^\s]+$`:                matchWebAddress,
	`^x-`:                              func(s string) bool { return strings.HasPrefix(s, "x-") },
	`^([^{}\s]|\{(platform|channel|campaign|pillar|tactic)\})+$`:  matchUTMValue,
	`^([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$`: matchDomain,
}

// matcher returns the fastest exact matcher for a pattern.
func matcher(pattern string) (func(string) bool, error) {
	if m, ok := knownPatterns[pattern]; ok {
		return m, nil
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, err
	}
	return re.MatchString, nil
}

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isAlnum(c byte) bool { return isLower(c) || isDigit(c) || c >= 'A' && c <= 'Z' }

func matchID(s string) bool {
	if s == "" || !isLower(s[0]) && !isDigit(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isLower(c) && !isDigit(c) && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

func matchTimeOfDay(s string) bool {
	if len(s) != 5 || s[2] != ':' || !isDigit(s[1]) || s[3] < '0' || s[3] > '5' || !isDigit(s[4]) {
		return false
	}
	return s[0] == '0' || s[0] == '1' || s[0] == '2' && s[1] <= '3'
}

func matchDuration(s string) bool {
	i := 0
	for i < len(s) {
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j == i || j == len(s) || strings.IndexByte("wdhm", s[j]) < 0 {
			return false
		}
		i = j + 1
	}
	return s != ""
}

func matchLanguage(s string) bool {
	i := 0
	for i < len(s) && isLower(s[i]) {
		i++
	}
	if i < 2 || i > 3 {
		return false
	}
	for i < len(s) {
		if s[i] != '-' {
			return false
		}
		j := i + 1
		for j < len(s) && isAlnum(s[j]) {
			j++
		}
		if n := j - i - 1; n < 2 || n > 8 {
			return false
		}
		i = j
	}
	return true
}

func matchHandle(s string) bool {
	s = strings.TrimPrefix(s, "@")
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isAlnum(c) && c != '.' && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

// noSpace reports whether s is not empty and holds none of RE2's \s
// characters nor any of also.
func noSpace(s, also string) bool {
	return s != "" && !strings.ContainsAny(s, "\t\n\f\r "+also)
}

func matchHashtag(s string) bool {
	return noSpace(strings.TrimPrefix(s, "#"), "#")
}

func matchWebAddress(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		rest, ok = strings.CutPrefix(s, "http://")
	}
	return ok && noSpace(rest, "")
}

// matchUTMValue matches a UTM value of links.utm: no spaces, and braces
// only around a known placeholder.
func matchUTMValue(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\f', '\r', '}':
			return false
		case '{':
			j := strings.IndexByte(s[i:], '}')
			if j < 0 {
				return false
			}
			switch s[i+1 : i+j] {
			case "platform", "channel", "campaign", "pillar", "tactic":
			default:
				return false
			}
			i += j
		}
	}
	return s != ""
}

// matchDomain matches a host name of two or more labels whose last is 2
// to 63 letters.
func matchDomain(s string) bool {
	dot := strings.LastIndexByte(s, '.')
	if dot < 0 {
		return false
	}
	tld := s[dot+1:]
	if len(tld) < 2 || len(tld) > 63 {
		return false
	}
	for i := 0; i < len(tld); i++ {
		if !isAlnum(tld[i]) || isDigit(tld[i]) {
			return false
		}
	}
	for _, label := range strings.Split(s[:dot], ".") {
		if label == "" || !isAlnum(label[0]) || !isAlnum(label[len(label)-1]) {
			return false
		}
		for i := 0; i < len(label); i++ {
			if !isAlnum(label[i]) && label[i] != '-' {
				return false
			}
		}
	}
	return true
}
