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

// redactError returns err with the token removed from its text, keeping
// the original in the chain for errors.As.
func redactError(err error, token string) error {
	if err == nil || len(token) < minSecret || !strings.Contains(err.Error(), token) {
		return err
	}
	return &redactedError{msg: Redact(err.Error(), token), err: err}
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }
