package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/audit"
)

// auditArgs audits an example's committed sample history over Q1 2027.
func auditArgs(example string, extra ...string) []string {
	h := filepath.Join("examples", example, "history")
	return append([]string{"audit", filepath.Join("examples", example),
		"--posts", filepath.Join(h, "posts.csv"), "--mentions", filepath.Join(h, "mentions.csv"),
		"--from", "2027-01-01", "--to", "2027-04-01"}, extra...)
}

func TestAuditGolden(t *testing.T) {
	for _, format := range []string{"text", "json", "md", "html"} {
		r := pillar(t, nil, auditArgs("nordlys", "--format", format)...)
		// The nordlys sample misses its pillar tolerance on purpose.
		if r.code != 1 {
			t.Fatalf("%s: exit %d, want 1\n%s", format, r.code, r.stderr)
		}
		out := r.stdout
		if format == "html" {
			// The stylesheet is checked by render's tests.
			start, end := strings.Index(out, "<style>"), strings.Index(out, "</style>")
			if start < 0 || end < start {
				t.Fatal("the page has no <style> block")
			}
			out = out[:start+len("<style>")] + "\n/* the stylesheet, checked by render's tests */\n" + out[end:]
		}
		goldenFile(t, filepath.Join("testdata", "audit", "nordlys."+format), out)
	}
}

// TestAuditEveryExample audits every example's sample and checks the exit
// code against the report's verdict, and that each report reconciles.
func TestAuditEveryExample(t *testing.T) {
	met, missed := 0, 0
	for _, dir := range examples(t) {
		name := filepath.Base(dir)
		if _, err := os.Stat(filepath.Join(root, dir, "history", "posts.csv")); err != nil {
			t.Errorf("%s has no sample history (history/posts.csv)", dir)
			continue
		}
		r := pillar(t, nil, auditArgs(name, "--format", "json")...)
		var rep audit.Report
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, r.stderr)
		}
		want := 1
		if rep.Verdict.Pass {
			want = 0
		}
		for _, c := range rep.Verdict.Checks {
			if c.Met {
				met++
			} else if c.Measured {
				missed++
			}
		}
		if r.code != want {
			t.Errorf("%s: exit %d with verdict pass=%v", name, r.code, rep.Verdict.Pass)
		}
		p := rep.Posts
		if p.Read == 0 || p.Read != p.Used+p.OutsidePeriod+p.UnknownChannel+p.Rejected {
			t.Errorf("%s: posts do not reconcile: %+v", name, p)
		}
		if !strings.Contains(r.stderr, "rejected") {
			t.Errorf("%s: the rejected rows are not mentioned on stderr: %q", name, r.stderr)
		}
		if r := pillar(t, nil, auditArgs(name, "--fail-on", "none")...); r.code != 0 {
			t.Errorf("%s --fail-on none: exit %d", name, r.code)
		}
	}
	if met == 0 || missed == 0 {
		t.Errorf("the samples meet %d KPI targets and miss %d; they should show both", met, missed)
	}
}

func TestAuditWritesFileByExtension(t *testing.T) {
	dir := t.TempDir()
	for _, ext := range []string{"html", "md", "json", "txt"} {
		out := filepath.Join(dir, "report."+ext)
		r := pillar(t, nil, auditArgs("fjord-coffee", "-o", out, "--fail-on", "none")...)
		if r.code != 0 || r.stdout != "" {
			t.Fatalf("%s: exit %d, stdout %q, stderr %s", ext, r.code, r.stdout, r.stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(r.stderr, "Wrote the audit") || !strings.Contains(r.stderr, "KPI targets met") {
			t.Errorf("%s: stderr %q", ext, r.stderr)
		}
		head := map[string]string{"html": "<!DOCTYPE html>", "md": "## Audit: Fjord Coffee", "json": "{", "txt": "Fjord Coffee: audit"}[ext]
		if !strings.HasPrefix(string(b), head) {
			t.Errorf("%s: file starts %q", ext, string(b[:min(40, len(b))]))
		}
	}
}

// TestAuditPeriodDefault: without --from and --to the audit covers last
// month; the sample history is Q1 2027, so "today" in April audits March.
func TestAuditPeriodDefault(t *testing.T) {
	h := filepath.Join("examples", "fjord-coffee", "history")
	r := pillar(t, nil, "audit", "examples/fjord-coffee", "--posts", filepath.Join(h, "posts.csv"), "--today", "2027-04-15", "--format", "json", "--fail-on", "none")
	var rep audit.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, r.stderr)
	}
	if rep.From.String() != "2027-03-01" || rep.To.String() != "2027-04-01" {
		t.Errorf("period %s to %s, want March 2027", rep.From, rep.To)
	}
}

func TestAuditBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	missing := write("missing.csv", "id,date,network,text\n1,2027-01-04,instagram,hei\n")
	empty := write("empty.csv", "")
	semi := write("semi.csv", "id;published_at;channel\nP1;2027-01-04T09:00:00+01:00;instagram\n")
	nul := write("nul.csv", "id,published_at,channel\nP1,2027-01-04T09:00:00+01:00,insta\x00gram\n")
	header := write("header.csv", "id,published_at,channel\r\n")
	latin := write("latin.csv", "id,published_at,channel,text\nP1,2027-01-04T09:00:00+01:00,instagram,bl\xe5b\xe6r\n")
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"no posts flag", []string{"audit", "examples/nordlys"}, 2, []string{"--posts is required"}},
		{"missing file", []string{"audit", "examples/nordlys", "--posts", filepath.Join(dir, "nope.csv")}, 2, []string{"nope.csv: no such file"}},
		{"missing columns", []string{"audit", "examples/nordlys", "--posts", missing, "--from", "2027-01-01"}, 2, []string{"published_at", "channel", "--map"}},
		{"empty file", []string{"audit", "examples/nordlys", "--posts", empty, "--from", "2027-01-01"}, 2, []string{"empty"}},
		{"bad format", []string{"audit", "examples/nordlys", "--posts", semi, "--format", "pdf"}, 2, []string{`unknown format "pdf"`}},
		{"bad fail-on", []string{"audit", "examples/nordlys", "--posts", semi, "--fail-on", "cadence"}, 2, []string{"unknown KPI", "cadence_adherence"}},
		{"bad period", []string{"audit", "examples/nordlys", "--posts", semi, "--from", "2027-02-01", "--to", "2027-01-01"}, 2, []string{"not after"}},
		{"bad mapping", []string{"audit", "examples/nordlys", "--posts", semi, "--mapping", "bufer"}, 2, []string{"neither a preset nor a file"}},
		{"invalid strategy", []string{"audit", "testdata/bad/weights-99", "--posts", semi}, 2, []string{"fix them first"}},
		{"nothing used", []string{"audit", "examples/nordlys", "--posts", semi, "--from", "2026-01-01", "--to", "2026-02-01", "--fail-on", "none"}, 0, []string{"no row is used, of 1: 1 outside the period"}},
		{"header only", []string{"audit", "examples/nordlys", "--posts", header, "--from", "2027-01-01", "--to", "2027-02-01", "--fail-on", "none"}, 0, []string{"header.csv: no row is used: the file has no data rows, only its header"}},
		{"a NUL byte in Markdown", []string{"audit", "examples/nordlys", "--posts", nul, "--from", "2027-01-01", "--to", "2027-01-08", "--fail-on", "none", "--format", "md"}, 0, []string{"does not have: insta\uFFFDgram (1)"}},
		{"sub-second tolerance", []string{"audit", "examples/nordlys", "--posts", semi, "--tolerance", "500ms"}, 2, []string{"whole number of seconds"}},
		{"semicolons are found", []string{"audit", "examples/nordlys", "--posts", semi, "--from", "2027-01-01", "--to", "2027-01-08", "--fail-on", "none"}, 0, []string{"1 read = 1 used"}},
		{"latin-1 without the flag", []string{"audit", "examples/nordlys", "--posts", latin, "--from", "2027-01-01", "--to", "2027-01-08", "--fail-on", "none"}, 0, []string{"line 2", "UTF-8", "--encoding latin1"}},
		{"latin-1 with the flag", []string{"audit", "examples/nordlys", "--posts", latin, "--encoding", "latin1", "--from", "2027-01-01", "--to", "2027-01-08", "--fail-on", "none"}, 0, []string{"1 read = 1 used"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := pillar(t, nil, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tt.code, r.stdout, r.stderr)
			}
			out := r.stdout + r.stderr
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if strings.Contains(out, "panic") || strings.Contains(out, "goroutine") {
				t.Errorf("a panic:\n%s", out)
			}
		})
	}
}

// TestBuildWithAudit: given the history, pillar build adds the audit in
// three formats, and exits 1 (after writing everything) when it misses.
func TestBuildWithAudit(t *testing.T) {
	dir := t.TempDir()
	h := filepath.Join("examples", "nordlys", "history")
	r := pillar(t, nil, "build", "examples/nordlys", "-o", dir, "--from", "2027-04-01",
		"--posts", filepath.Join(h, "posts.csv"), "--mentions", filepath.Join(h, "mentions.csv"),
		"--audit-from", "2027-01-01", "--audit-to", "2027-04-01")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (the sample misses its pillar tolerance and clicks per week)\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, name := range []string{"playbook.html", "playbook.md", "calendar.ics", "calendar.csv", "audit.html", "audit.md", "audit.json"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s not written: %v", name, err)
		}
	}
	// 6 of the strategy's 8 KPIs, and 1 of the 3 tactic KPIs the history
	// measures; the other 6 tactic KPIs need a tactic results file.
	if !strings.Contains(r.stdout, "Audit of 2027-01-01 to 2027-03-31: 7 of 11 KPI targets met, 6 not measured.") {
		t.Errorf("stdout lacks the verdict:\n%s", r.stdout)
	}
	if !strings.Contains(r.stderr, "pillar build: warning:") {
		t.Errorf("stderr: %s", r.stderr)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "audit.md"))
	want := pillar(t, nil, auditArgs("nordlys", "--format", "md")...)
	if string(got) != want.stdout {
		t.Error("build's audit.md differs from pillar audit --format md")
	}
}
