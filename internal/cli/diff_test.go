package cli

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/strategy"
)

func TestParseDiff(t *testing.T) {
	c := diffCommand()
	for _, tc := range []struct {
		args           []string
		old, new, path string
		format         string
		wantErr        string
	}{
		{[]string{"main", "HEAD"}, "main", "HEAD", ".", "text", ""},
		{[]string{"main", "--format", "md", "HEAD", "brands/coffee"}, "main", "HEAD", "brands/coffee", "md", ""},
		{[]string{"a.yaml", "b.yaml", "--format=json", "--from", "2027-01-01"}, "a.yaml", "b.yaml", ".", "json", ""},
		{[]string{"main"}, "", "", "", "", "OLD and NEW"},
		{[]string{"a", "b", "c", "d"}, "", "", "", "", "got 4"},
		{[]string{"a", "b", "--format", "html"}, "", "", "", "", "unknown format"},
	} {
		e, _, _ := testEnv(nil, false)
		o, err := parseDiff(c, e, tc.args)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%v: err = %v, want %q", tc.args, err, tc.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%v: %v", tc.args, err)
			continue
		}
		if o.old != tc.old || o.new != tc.new || o.path != tc.path || o.format != tc.format {
			t.Errorf("%v: got %+v", tc.args, o)
		}
	}
}

func TestNextQuarter(t *testing.T) {
	for _, tc := range []struct{ day, want string }{
		{"2026-11-23", "2027-01-01"},
		{"2027-01-01", "2027-04-01"},
		{"2027-03-31", "2027-04-01"},
		{"2027-06-30", "2027-07-01"},
		{"2027-08-15", "2027-10-01"},
	} {
		d, _ := strategy.ParseDate(tc.day)
		if got := nextQuarter(d).String(); got != tc.want {
			t.Errorf("nextQuarter(%s) = %s, want %s", tc.day, got, tc.want)
		}
	}
}

func TestRunDiff(t *testing.T) {
	repo(t)
	for _, tc := range []struct {
		name string
		args []string
		code int
		out  string // expected in stdout
		err  string // expected in stderr
	}{
		{"same", []string{"diff", "examples/nordlys", "examples/nordlys"}, 0,
			"No changes; the same number of posts in Q1 2027 (2027-01-01 to 2027-03-31): 248 → 248.", ""},
		{"other brand", []string{"diff", "examples/fjord-coffee", "examples/fjord-bakery", "--from", "2027-02-01", "--to", "2027-03-01"}, 0,
			"from 2027-02-01 to 2027-02-28", ""},
		{"old has errors", []string{"diff", "testdata/bad/unknown-channel", "examples/nordlys"}, 1,
			"", "testdata/bad/unknown-channel has errors"},
		{"new missing", []string{"diff", "examples/nordlys", "no-such-thing"}, 2,
			"", "no-such-thing is neither a file or folder nor a revision git knows"},
		{"folder without strategy", []string{"diff", "examples", "examples/nordlys"}, 2,
			"", "no strategy.yaml"},
		{"empty period", []string{"diff", "examples/nordlys", "examples/nordlys", "--from", "2027-05-01", "--to", "2027-04-01"}, 2,
			"", "--to 2027-04-01 is not after --from 2027-05-01"},
		{"option as revision", []string{"diff", "examples/nordlys", "--", "-x"}, 2, "", "-x is not a file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if strings.Contains(tc.name, "missing") {
				if _, err := exec.LookPath("git"); err != nil {
					t.Skip("git is not installed")
				}
			}
			e, out, errb := testEnv(nil, false)
			code := Run(context.Background(), tc.args, e)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, errb)
			}
			if !strings.Contains(out.String(), tc.out) {
				t.Errorf("stdout lacks %q:\n%s", tc.out, out)
			}
			if !strings.Contains(errb.String(), tc.err) {
				t.Errorf("stderr lacks %q:\n%s", tc.err, errb)
			}
		})
	}
}

// gitRepo makes a temporary repository and returns a function that runs git
// in it.
func gitRepo(t *testing.T) (string, func(args ...string)) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=Test", "-c", "user.email=test@example.com",
			"-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run("init", "-q")
	return dir, run
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDiffRevisions(t *testing.T) {
	dir, git := gitRepo(t)
	// A sub-brand in a subfolder that extends a parent and includes a
	// persona file: both must be read at the revision, not from the
	// working tree.
	parent := `version: 1
brand: {name: Group, timezone: Europe/Oslo}
pillars:
  - {id: brand, name: Brand, weight: 60}
  - {id: product, name: Product, weight: 40}
`
	child := `version: 1
extends: ../group
include: [personas.yaml]
brand: {name: Coffee, timezone: Europe/Oslo}
channels:
  - id: instagram
    platform: instagram
    personas: [commuter]
    cadence: {min_per_week: 3, days: [mon, wed, fri], times: ["09:00"]}
`
	persona := "personas:\n  - {id: commuter, name: Commuter}\n"
	writeFile(t, filepath.Join(dir, "group", "strategy.yaml"), parent)
	writeFile(t, filepath.Join(dir, "coffee", "strategy.yaml"), child)
	writeFile(t, filepath.Join(dir, "coffee", "personas.yaml"), persona)
	git("add", ".")
	git("commit", "-q", "-m", "first")
	writeFile(t, filepath.Join(dir, "group", "strategy.yaml"), strings.NewReplacer("60", "50", "40}", "50}").Replace(parent))
	writeFile(t, filepath.Join(dir, "coffee", "personas.yaml"), persona+"  - {id: student, name: Student}\n")
	git("commit", "-q", "-am", "second")
	// The working tree differs from both commits: the diff must not see it.
	writeFile(t, filepath.Join(dir, "coffee", "strategy.yaml"), strings.Replace(child, "min_per_week: 3", "min_per_week: 1", 1))

	e, out, errb := testEnv(nil, false)
	code := Run(context.Background(), []string{"diff", "HEAD~1", "HEAD", filepath.Join(dir, "coffee")}, e)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errb)
	}
	for _, want := range []string{"Coffee: HEAD~1 → HEAD", "Brand pillar 60% → 50%", "Product pillar 40% → 50%", "Persona Student added"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	if strings.Contains(out.String(), "posts a week") {
		t.Errorf("the working tree's change leaked into the diff:\n%s", out)
	}

	// A revision against the working tree's file.
	e, out, errb = testEnv(nil, false)
	if code := Run(context.Background(), []string{"diff", "HEAD", filepath.Join(dir, "coffee"), filepath.Join(dir, "coffee")}, e); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errb)
	}
	if !strings.Contains(out.String(), "Instagram: 3 → 1 posts a week") {
		t.Errorf("HEAD against the working tree:\n%s", out)
	}

	// A revision whose strategy has errors is reported with the revision
	// and the path in the repository; its changes are told, its calendar
	// is not compared.
	writeFile(t, filepath.Join(dir, "coffee", "strategy.yaml"), strings.Replace(child, "personas: [commuter]", "personas: [nobody]", 1))
	git("commit", "-q", "-am", "broken")
	e, out, errb = testEnv(nil, false)
	if code := Run(context.Background(), []string{"diff", "HEAD~1", "HEAD", filepath.Join(dir, "coffee")}, e); code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out, errb)
	}
	if !strings.Contains(errb.String(), "HEAD:coffee/strategy.yaml:") || strings.Contains(errb.String(), os.TempDir()) {
		t.Errorf("errors not named by revision and repository path:\n%s", errb)
	}
	if !strings.Contains(out.String(), "Channels and cadence\n  - Instagram: personas: added nobody; removed Commuter\n") ||
		!strings.Contains(out.String(), "\nCalendar\n  HEAD has errors, so the calendar impact (posts planned, pillar mix) cannot be computed until they are fixed.\n") ||
		strings.Contains(out.String(), "before") {
		t.Errorf("the changes of a broken version are not told, or its calendar is compared:\n%s", out)
	}
	if !strings.Contains(errb.String(), "pillar diff: HEAD has errors: the changes are compared, the calendars are not until the errors are fixed\n") {
		t.Errorf("stderr does not say what was compared:\n%s", errb)
	}

	// A path that is not in the revision, and a revision git does not know.
	for _, tc := range []struct {
		args []string
		err  string
	}{
		{[]string{"diff", "HEAD~2", "HEAD", filepath.Join(dir, "tea")}, "HEAD~2: no strategy at HEAD~2:tea"},
		{[]string{"diff", "v9", "HEAD", filepath.Join(dir, "coffee")}, "v9 is neither a file or folder nor a revision git knows (git: fatal:"},
	} {
		e, out, errb = testEnv(nil, false)
		if code := Run(context.Background(), tc.args, e); code != 2 {
			t.Fatalf("%v: exit %d, want 2\n%s%s", tc.args, code, out, errb)
		}
		if !strings.Contains(errb.String(), tc.err) {
			t.Errorf("%v: stderr lacks %q:\n%s", tc.args, tc.err, errb)
		}
	}
}
