package github

import "strings"

// minSecret is the shortest token that is redacted. Shorter strings are
// not real tokens, and replacing every "ab" in the output would garble it.
const minSecret = 6

// redacted stands in for the token wherever it would appear.
const redacted = "[redacted]"

// Redact replaces every occurrence of token in s. Everything pillar prints
// about a request passes through it, so the token cannot reach a log even
// when a server echoes it back in an error message.
func Redact(s, token string) string {
	if len(token) < minSecret {
		return s
	}
	return strings.ReplaceAll(s, token, redacted)
}
