package golden

import (
	"strings"
	"testing"
)

func TestFirstDifference(t *testing.T) {
	got := firstDifference("a\nb\nc\nX\ne", "a\nb\nc\nd\ne")
	if !strings.Contains(got, "line 4") || !strings.Contains(got, "X") || !strings.Contains(got, "d") {
		t.Errorf("firstDifference = %q", got)
	}
	if got := firstDifference("a\nb", "a\nb\nc"); !strings.Contains(got, "line 3") || !strings.HasSuffix(got, "a\nb\nc") {
		t.Errorf("a shorter output: %q", got)
	}
}

// failRecorder records Errorf instead of failing the test.
type failRecorder struct {
	testing.TB
	failed bool
}

func (r *failRecorder) Helper()               {}
func (r *failRecorder) Errorf(string, ...any) { r.failed = true }
func (r *failRecorder) Fatalf(string, ...any) { r.failed = true }
func (r *failRecorder) Fatal(...any)          { r.failed = true }

func TestCheckReportsADifference(t *testing.T) {
	r := &failRecorder{TB: t}
	Check(r, "testdata/hello.golden", []byte("hello, world\n"))
	if r.failed {
		t.Fatal("equal output was reported as different")
	}
	Check(r, "testdata/hello.golden", []byte("goodbye\n"))
	if !r.failed {
		t.Error("a different output was not reported")
	}
}
