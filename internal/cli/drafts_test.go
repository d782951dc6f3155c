package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/internal/golden"
)

// The example's drafts, checked in every format: the goldens are what a
// reviewer, a CI log, GitHub and a code-scanning tool are shown.
func TestDraftsFormatsGolden(t *testing.T) {
	repo(t)
	for _, format := range []string{"text", "json", "github", "sarif"} {
		t.Run(format, func(t *testing.T) {
			e, out, errb := testEnv(nil, false)
			code := Run(context.Background(), []string{"drafts", "examples/nordlys", "examples/nordlys/drafts/january.csv",
				"--mapping", "examples/mappings/content-calendar.yaml", "--format", format}, e)
			if code != ExitFindings {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, ExitFindings, errb)
			}
			got := strings.ReplaceAll(out.String(), version(), "VERSION")
			golden.Check(t, filepath.Join("internal", "cli", "testdata", "drafts", "january."+format), []byte(got))
		})
	}
}

func TestDraftsMarkdownGolden(t *testing.T) {
	repo(t)
	e, out, errb := testEnv(nil, false)
	code := Run(context.Background(), []string{"drafts", "examples/nordlys", "examples/nordlys/drafts/posts"}, e)
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, ExitFindings, errb)
	}
	golden.Check(t, filepath.Join("internal", "cli", "testdata", "drafts", "posts.text"), out.Bytes())
}

func TestDraftsArguments(t *testing.T) {
	repo(t)
	cases := []struct {
		name string
		args []string
		code int
		want string // in stdout or stderr
	}{
		{"no drafts", []string{"drafts", "examples/fjord-coffee"}, ExitFailure, "no drafts to check: none named, and examples/fjord-coffee/strategy.yaml has no drafts.files"},
		{"missing file", []string{"drafts", "examples/nordlys", "nope.csv"}, ExitFailure, "nope.csv: no such file or folder"},
		{"empty period", []string{"drafts", "examples/nordlys", "examples/nordlys/drafts/posts", "--from", "2027-02-01", "--to", "2027-01-01"}, ExitFailure, "--to 2027-01-01 is not after --from 2027-02-01"},
		{"bad --map", []string{"drafts", "examples/nordlys", "examples/nordlys/drafts/posts", "--map", "scheduld_at=Date"}, ExitFailure, "did you mean scheduled_at?"},
		{"a sheet without its mapping", []string{"drafts", "examples/nordlys", "examples/nordlys/drafts/january.csv"}, ExitFailure, "january.csv:1: the drafts file has no column for channel, scheduled_at or text (required)"},
		{"outside the root", []string{"drafts", "examples/nordlys", "examples/mappings", "--root", "examples/nordlys"}, ExitFailure, "examples/mappings is outside the repository root examples/nordlys"},
		{"a period with no drafts in it", []string{"drafts", "examples/nordlys", "examples/nordlys/drafts/posts", "--from", "2027-03-01", "--to", "2027-03-08"}, ExitFindings, "0 of 24 planned slots from 2027-03-01 to 2027-03-07 have a draft, 24 are empty; 0 drafts beyond the plan; 3 drafts outside the period not checked"},
		{"list rules", []string{"drafts", "--list-rules"}, 0, "draft-off-slot"},
		{"list rules: the content rules and limits too", []string{"drafts", "--list-rules"}, 0, "draft-too-long               error    a draft's text is longer"},
		{"a flag typo", []string{"drafts", "--mappng", "x"}, ExitFailure, "mapping"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, out, errb := testEnv(nil, false)
			code := Run(context.Background(), c.args, e)
			all := out.String() + errb.String()
			if code != c.code || !strings.Contains(all, c.want) {
				t.Errorf("exit %d (want %d), output:\n%s\nwant it to contain %q", code, c.code, all, c.want)
			}
		})
	}
}

func TestDraftsTellsTheStrategyFromTheDrafts(t *testing.T) {
	repo(t)
	for _, c := range []struct {
		p    string
		want bool
	}{
		{"examples/nordlys", true},
		{"examples/nordlys/strategy.yaml", true},
		{"other.yml", true},
		{"examples/nordlys/drafts/posts", false},
		{"examples/nordlys/drafts/january.csv", false},
	} {
		if got := isStrategyPath(c.p); got != c.want {
			t.Errorf("isStrategyPath(%q) = %v", c.p, got)
		}
	}
}

// pillar plan --drafts shows each slot's draft, or that it has none, in
// the brief every calendar format prints.
func TestPlanWithDrafts(t *testing.T) {
	repo(t)
	for _, format := range []string{"md", "csv"} {
		t.Run(format, func(t *testing.T) {
			e, out, errb := testEnv(nil, false)
			code := Run(context.Background(), []string{"plan", "examples/nordlys", "--from", "2027-01-04", "--to", "2027-01-08",
				"--drafts", "examples/nordlys/drafts/january.csv", "--mapping", "examples/mappings/content-calendar.yaml", "--format", format}, e)
			if code != 0 {
				t.Fatalf("exit %d; stderr:\n%s", code, errb)
			}
			if want := "pillar plan: 12 of 13 slots have a draft; the drafts have 8 findings"; !strings.Contains(errb.String(), want) {
				t.Errorf("stderr:\n%s\nwant %q", errb, want)
			}
			golden.Check(t, filepath.Join("internal", "cli", "testdata", "drafts", "plan."+format), out.Bytes())
		})
	}
	e, _, errb := testEnv(nil, false)
	if code := Run(context.Background(), []string{"plan", "examples/nordlys", "--mapping", "x.yaml"}, e); code != ExitFailure || !strings.Contains(errb.String(), "there is no --drafts") {
		t.Errorf("--mapping without --drafts: exit %d\n%s", code, errb)
	}
}

// Warnings fail a run only with --strict, as in validate.
func TestDraftsStrict(t *testing.T) {
	repo(t)
	f := filepath.Join(t.TempDir(), "d.csv")
	// One draft, ten minutes off its slot: a warning, and the week's other
	// slots are empty (warnings too).
	if err := os.WriteFile(f, []byte("channel,scheduled_at,text\ninstagram,2027-01-04 11:40,Hei\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		strict bool
		code   int
	}{{false, 0}, {true, ExitFindings}} {
		args := []string{"drafts", "examples/nordlys", f}
		if c.strict {
			args = append(args, "--strict")
		}
		e, out, errb := testEnv(nil, false)
		if code := Run(context.Background(), args, e); code != c.code || !strings.Contains(out.String(), "[draft-off-slot]") {
			t.Errorf("strict %v: exit %d, want %d\n%s%s", c.strict, code, c.code, out, errb)
		}
	}
}

// TestDraftsTodayIsTheTeamsDay: --today is the start of that day in the
// brand's zone. For a Los Angeles brand, a draft for 18:00 on the 4th is
// gone by the start of the 5th there, whatever the hour in UTC.
func TestDraftsTodayIsTheTeamsDay(t *testing.T) {
	repo(t)
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("examples/nordlys")); err != nil {
		t.Fatal(err)
	}
	main := filepath.Join(dir, "strategy.yaml")
	src, err := os.ReadFile(main)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(main, []byte(strings.ReplaceAll(string(src), "Europe/Oslo", "America/Los_Angeles")), 0o644); err != nil {
		t.Fatal(err)
	}
	csv := "id,channel,scheduled_at,text,status\nd1,facebook,2027-01-04 18:00,Hei,draft\n"
	if err := os.WriteFile(filepath.Join(dir, "d.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	e, out, errb := testEnv(nil, false)
	Run(context.Background(), []string{"drafts", dir, filepath.Join(dir, "d.csv"), "--today", "2027-01-05", "--root", dir}, e)
	if !strings.Contains(out.String(), "[draft-missed]") || strings.Contains(out.String(), "[draft-not-approved]") {
		t.Errorf("want the draft reported as missed, not as due soon:\n%s%s", out.String(), errb.String())
	}
}
