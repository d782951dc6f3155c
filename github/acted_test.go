package github

import (
	"context"
	"errors"
	"fmt"
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
		{"cut short by the deadline", &cutError{context.DeadlineExceeded}, true},
		{"not sent: the deadline had passed", context.DeadlineExceeded, false},
	} {
		if got := mayHaveActed(tc.err); got != tc.want {
			t.Errorf("%s: mayHaveActed = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestMissingAnnotations: an updated check run gets the annotations it
// lacks, each as often as it lacks it, and the count of those it holds
// that the run does not.
func TestMissingAnnotations(t *testing.T) {
	a := func(line int, msg string) *gh.CheckRunAnnotation {
		return &gh.CheckRunAnnotation{Path: gh.String("s.yaml"), StartLine: gh.Int(line), EndLine: gh.Int(line),
			AnnotationLevel: gh.String("warning"), Message: gh.String(msg), Title: gh.String("rule")}
	}
	col := a(1, "x")
	col.StartColumn, col.EndColumn = gh.Int(3), gh.Int(5)
	for _, tc := range []struct {
		name       string
		want, have []*gh.CheckRunAnnotation
		missing    []string
		extra      int
	}{
		{"none there", []*gh.CheckRunAnnotation{a(1, "x"), a(2, "y")}, nil, []string{"1 x", "2 y"}, 0},
		{"all there", []*gh.CheckRunAnnotation{a(1, "x"), a(2, "y")}, []*gh.CheckRunAnnotation{a(2, "y"), a(1, "x")}, nil, 0},
		{"one new, one gone", []*gh.CheckRunAnnotation{a(1, "x"), a(3, "z")}, []*gh.CheckRunAnnotation{a(1, "x"), a(2, "y")}, []string{"3 z"}, 1},
		{"repeats count", []*gh.CheckRunAnnotation{a(1, "x"), a(1, "x")}, []*gh.CheckRunAnnotation{a(1, "x")}, []string{"1 x"}, 0},
		{"columns tell apart", []*gh.CheckRunAnnotation{col}, []*gh.CheckRunAnnotation{a(1, "x")}, []string{"1 x"}, 1},
		{"message tells apart", []*gh.CheckRunAnnotation{a(1, "x")}, []*gh.CheckRunAnnotation{a(1, "x2")}, []string{"1 x"}, 1},
	} {
		missing, extra := missingAnnotations(tc.want, tc.have)
		var got []string
		for _, m := range missing {
			got = append(got, fmt.Sprintf("%d %s", m.GetStartLine(), m.GetMessage()))
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.missing) || extra != tc.extra {
			t.Errorf("%s: missing %v, extra %d; want %v, %d", tc.name, got, extra, tc.missing, tc.extra)
		}
	}
}
