package github

import (
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"testing"

	gh "github.com/google/go-github/v60/github"
)

// TestMayHaveActed: a request is not sent again when GitHub may have
// carried it out (a server error, an answer that never came), and is when
// it certainly did not (no connection, no name, a refusal).
func TestMayHaveActed(t *testing.T) {
	urlErr := func(err error) error { return &url.Error{Op: "Patch", URL: "https://api.github.com/x", Err: err} }
	resp := func(code int) error {
		return &gh.ErrorResponse{Response: &http.Response{StatusCode: code, Request: &http.Request{Method: "PATCH", URL: &url.URL{}}}}
	}
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"server error", resp(502), true},
		{"client error", resp(422), false},
		{"rate limit", resp(429), false},
		{"connection dropped mid-request", urlErr(io.ErrUnexpectedEOF), true},
		{"connection refused", urlErr(&net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}), false},
		{"no such host", urlErr(&net.DNSError{Err: "no such host", Name: "api.github.com"}), false},
		{"timeout", &timeoutError{}, true},
	} {
		if got := mayHaveActed(tc.err); got != tc.want {
			t.Errorf("%s: mayHaveActed = %v, want %v", tc.name, got, tc.want)
		}
	}
}
