package cli

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/strategy"
)

func TestAuditPeriod(t *testing.T) {
	today := strategy.Date{Year: 2027, Month: time.January, Day: 15}
	for _, tt := range []struct {
		from, to         string
		wantFrom, wantTo string
		wantErr          string
	}{
		{"", "", "2026-12-01", "2027-01-01", ""},
		{"2027-03-01", "", "2027-03-01", "2027-04-01", ""},
		{"", "2027-03-01", "2027-02-01", "2027-03-01", ""},
		{"2027-01-01", "2027-04-01", "2027-01-01", "2027-04-01", ""},
		{"2027-02-01", "2027-01-01", "", "", "not after"},
		{"2027-02-30", "", "", "", "not a date"},
	} {
		from, to, err := auditPeriod(auditOptions{from: tt.from, to: tt.to}, today)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q %q: err %v, want %q", tt.from, tt.to, err, tt.wantErr)
			}
			continue
		}
		if err != nil || from.String() != tt.wantFrom || to.String() != tt.wantTo {
			t.Errorf("%q %q: %s %s %v, want %s %s", tt.from, tt.to, from, to, err, tt.wantFrom, tt.wantTo)
		}
	}
}

func TestFailOn(t *testing.T) {
	if l, err := failOn("all"); l != nil || err != nil {
		t.Errorf("all: %v %v", l, err)
	}
	if l, err := failOn("none"); l == nil || len(l) != 0 || err != nil {
		t.Errorf("none: %#v %v", l, err)
	}
	if l, err := failOn("cadence_adherence, engagement_rate"); err != nil || strings.Join(l, ",") != "cadence_adherence,engagement_rate" {
		t.Errorf("list: %v %v", l, err)
	}
	if _, err := failOn("engagment_rate"); err == nil || !strings.Contains(err.Error(), "engagement_rate") {
		t.Errorf("a misspelt KPI: %v", err)
	}
}

func TestProgress(t *testing.T) {
	var out bytes.Buffer
	p := &progress{r: strings.NewReader(strings.Repeat("x", 1000)), w: &out, name: "posts.csv", size: 1000}
	if _, err := io.Copy(io.Discard, p); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "\rReading posts.csv:") || !strings.Contains(out.String(), "%") {
		t.Errorf("no progress line: %q", out.String())
	}
	p.finish()
	if !strings.HasSuffix(out.String(), "\r") {
		t.Errorf("the progress line is not cleared: %q", out.String())
	}
}

// On a terminal, the progress lines of both files are erased before the
// audit says what it wrote, and each erasure covers the longest line.
func TestAuditProgressIsErasedBeforeMessages(t *testing.T) {
	repo(t)
	old := progressMinBytes
	progressMinBytes = 0
	t.Cleanup(func() { progressMinBytes = old })
	e, _, errb := testEnv(nil, false)
	e.StderrIsTerminal = true
	out := filepath.Join(t.TempDir(), "audit.json")
	code := Run(context.Background(), []string{"audit", "examples/nordlys",
		"--posts", "examples/nordlys/history/posts.csv", "--mentions", "examples/nordlys/history/mentions.csv",
		"--from", "2027-01-01", "--to", "2027-04-01", "-o", out}, e)
	if code != ExitFindings {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
	s := errb.String()
	wrote := strings.Index(s, "Wrote the audit")
	if wrote < 0 {
		t.Fatalf("no message: %q", s)
	}
	progress, after := s[:wrote], s[wrote:]
	if strings.Contains(after, "Reading ") || strings.Contains(after, "\r") {
		t.Errorf("a progress line after the message: %q", after)
	}
	for _, file := range []string{"posts.csv", "mentions.csv"} {
		if !strings.Contains(progress, "Reading examples/nordlys/history/"+file+":") {
			t.Errorf("no progress line for %s: %q", file, progress)
		}
	}
	// Every line shown is followed by an erasure at least as wide.
	longest := 0
	for _, seg := range strings.Split(progress, "\r") {
		if strings.HasPrefix(seg, "Reading ") {
			longest = max(longest, utf8.RuneCountInString(seg))
			continue
		}
		if strings.Trim(seg, " ") == "" && seg != "" {
			if len(seg) < longest {
				t.Errorf("an erasure of %d spaces after a line of %d", len(seg), longest)
			}
			longest = 0
		}
	}
	if longest != 0 || !strings.HasSuffix(progress, "\r") {
		t.Errorf("the last progress line is not erased: %q", progress)
	}
}
