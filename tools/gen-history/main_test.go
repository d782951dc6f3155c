package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/internal/synth"
)

func TestParseFlags(t *testing.T) {
	base := []string{"-strategy", "s", "-from", "2027-01-01", "-to", "2027-04-01", "-posts-out", "p.csv"}
	for name, tc := range map[string]struct {
		args []string
		want string // in stderr; empty for success
	}{
		"ok":             {base, ""},
		"no strategy":    {[]string{"-from", "2027-01-01", "-to", "2027-04-01", "-posts-out", "p.csv"}, "-strategy and -posts-out are required"},
		"no period":      {[]string{"-strategy", "s", "-posts-out", "p.csv"}, "-from and -to are required"},
		"bad date":       {append(append([]string{}, base...), "-from", "2027-02-30"), "-from"},
		"reversed":       {append(append([]string{}, base...), "-to", "2026-12-01"), "is not after"},
		"negative posts": {append(append([]string{}, base...), "-posts", "-5"), "cannot be negative"},
		"stray argument": {append(append([]string{}, base...), "extra"), `unexpected argument "extra"`},
		"unknown flag":   {append(append([]string{}, base...), "-nope"), "flag provided but not defined"},
	} {
		t.Run(name, func(t *testing.T) {
			var stderr bytes.Buffer
			c, err := parseFlags(tc.args, &stderr)
			if tc.want == "" {
				if err != nil || c.strategy != "s" || c.from.String() != "2027-01-01" || c.to.String() != "2027-04-01" || c.seed != 1 {
					t.Fatalf("parseFlags: %+v, %v, %s", c, err, stderr.String())
				}
				return
			}
			if err == nil || !strings.Contains(stderr.String(), tc.want) {
				t.Fatalf("error %v, stderr %q; want %q", err, stderr.String(), tc.want)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := command([]string{"-h"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(stderr.String(), "Usage: gen-history") || !strings.Contains(stderr.String(), "-posts-out") {
		t.Errorf("help:\n%s", stderr.String())
	}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	out := func(name string) string { return filepath.Join(dir, name) }
	var stdout, stderr bytes.Buffer
	code := command([]string{"-strategy", "../../examples/fjord-bakery", "-from", "2027-01-01", "-to", "2027-02-01",
		"-seed", "3", "-posts", "1000", "-posts-out", out("posts.csv"), "-mentions-out", out("mentions.csv"), "-truth", out("truth.json")},
		&stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "wrote 1000 posts") {
		t.Errorf("stdout: %s", stdout.String())
	}
	var truth synth.HistoryTruth
	b, err := os.ReadFile(out("truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatal(err)
	}
	mentions, err := os.ReadFile(out("mentions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if truth.Posts.Rows != 1000 || truth.Mentions.Rows == 0 || !bytes.HasPrefix(mentions, []byte("id,channel,received_at")) {
		t.Errorf("truth %+v %+v", truth.Posts, truth.Mentions)
	}
}

func TestRunRefusesAnInvalidStrategy(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "strategy.yaml")
	if err := os.WriteFile(bad, []byte("version: 1\nbrand: {name: X, timezone: Mars/Olympus}\nchannels: 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := command([]string{"-strategy", bad, "-from", "2027-01-01", "-to", "2027-02-01", "-posts-out", filepath.Join(dir, "p.csv")}, &stdout, &stderr)
	if code != exitFindings || !strings.Contains(stderr.String(), "the strategy has errors") {
		t.Fatalf("exit %d, stderr %s", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "p.csv")); !os.IsNotExist(err) {
		t.Error("a posts file was written for an invalid strategy")
	}
}
