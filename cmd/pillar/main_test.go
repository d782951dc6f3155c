package main

// End-to-end tests: they build the pillar binary once and run it the way a
// user or a CI job does, from the repository root, on the bundled examples
// and on the corpus of broken strategies under testdata/bad.

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"github.com/pillar-strategy/pillar/internal/golden"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var (
	binary string // path of the built pillar binary
	root   string // repository root, where commands run
)

func TestMain(m *testing.M) {
	if os.Getenv(launcherEnv) != "" {
		os.Exit(launcherMain(os.Args[1:]))
	}
	flag.Parse()
	dir, err := os.MkdirTemp("", "pillar-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	binary = filepath.Join(dir, "pillar")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build pillar:", err)
		os.Exit(2)
	}
	root, _ = filepath.Abs(filepath.Join("..", ".."))
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type run struct {
	stdout, stderr string
	code           int
	maxRSSKiB      int64
}

// pillar runs the binary from the repository root with a clean, colourless
// environment plus the given variables.
func pillar(t *testing.T, env []string, args ...string) run {
	t.Helper()
	return pillarAt(t, root, env, args...)
}

// gitEnv keeps the user's and the system's git configuration out of the
// tests that run git.
var gitEnv = []string{"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=" + os.DevNull}

// hangGuard is how long a run may take before the test calls it stuck:
// far beyond any real run, it ends one blocked reading a named pipe.
const hangGuard = 2 * time.Minute

// pillarAt runs the binary in dir with a clean, colourless environment
// plus env, and returns its output, exit code and peak memory.
func pillarAt(t *testing.T, dir string, env []string, args ...string) run {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	env = append(append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "NO_COLOR=1"}, clockEnv()...), env...)
	l, err := launch(ctx, dir, env, args...)
	if l.timedOut {
		t.Fatalf("pillar %v did not finish within %v: it is stuck", args, hangGuard)
	}
	if err != nil {
		t.Fatalf("run pillar %v: %v", args, err)
	}
	return run{stdout: l.stdout, stderr: l.stderr, code: l.code, maxRSSKiB: l.maxRSSKiB}
}

// clockEnv passes PILLAR_NOW and TZ on to the binary, so that the whole
// suite can be run as if on another day or in another timezone (see
// .ci/any-day): a test that depends on either fails there.
func clockEnv() []string {
	var env []string
	for _, k := range []string{"PILLAR_NOW", "TZ", "LANG", "LC_ALL"} {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	return env
}

// goldenFile compares got with the golden file at path (-update rewrites it).
func goldenFile(t *testing.T, path string, got string) {
	t.Helper()
	golden.Check(t, path, []byte(got))
}

func examples(t *testing.T) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(root, "examples", "*", "strategy.yaml"))
	if err != nil || len(dirs) < 3 {
		t.Fatalf("want at least three examples, found %d (%v)", len(dirs), err)
	}
	var out []string
	for _, d := range dirs {
		rel, _ := filepath.Rel(root, filepath.Dir(d))
		out = append(out, rel)
	}
	return out
}

func TestExamplesAreValid(t *testing.T) {
	for _, ex := range examples(t) {
		t.Run(filepath.Base(ex), func(t *testing.T) {
			r := pillar(t, nil, "validate", "--strict", "--today", "2026-11-23", ex)
			if r.code != 0 {
				t.Fatalf("pillar validate --strict %s: exit %d\n%s%s", ex, r.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, "valid") {
				t.Errorf("no summary line in %q", r.stdout)
			}
		})
	}
}

// TestBadCorpus runs validate on every broken strategy under testdata/bad and
// compares exit code and output with the .out file beside it.
func TestBadCorpus(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join(root, "testdata", "bad", "*", "strategy.yaml"))
	if err != nil || len(cases) == 0 {
		t.Fatal("no cases under testdata/bad")
	}
	for _, c := range cases {
		dir := filepath.Dir(c)
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			rel, _ := filepath.Rel(root, dir)
			r := pillar(t, nil, "validate", "--today", "2026-11-23", rel)
			if r.code == 0 {
				t.Errorf("exit 0 for a broken strategy")
			}
			if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine ") {
				t.Fatalf("crashed:\n%s", r.stderr)
			}
			goldenFile(t, dir+".out", fmt.Sprintf("exit %d\n%s%s", r.code, r.stdout, r.stderr))
		})
	}
}

// TestResourceBombs checks that hostile inputs are refused without using
// much memory: the alias bomb, deep nesting and a 50 MB file each stay
// under 100 MB of peak memory.
func TestResourceBombs(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big")
	os.MkdirAll(big, 0o755)
	f, err := os.Create(filepath.Join(big, "strategy.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	line := "# " + strings.Repeat("x", 1022) + "\n"
	f.WriteString("version: 1\n")
	for i := 0; i < 50*1024; i++ {
		f.WriteString(line)
	}
	f.Close()
	for _, path := range []string{"testdata/bad/alias-bomb", "testdata/bad/deep-nesting", big} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			r := pillar(t, nil, "validate", path)
			if r.code != 1 {
				t.Fatalf("exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, "[yaml-limit]") {
				t.Errorf("want a yaml-limit finding, got\n%s", r.stdout)
			}
			if r.maxRSSKiB > 100*1024 {
				t.Errorf("peak memory %d MiB, want under 100 MiB", r.maxRSSKiB/1024)
			}
		})
	}
}

func TestFormats(t *testing.T) {
	// SARIF names the tool's version, which is whatever the build stamped
	// (a pseudo-version from git, "(devel)" without VCS information): the
	// golden holds a placeholder for what `pillar version` says.
	v := pillar(t, nil, "version")
	stamp := strings.TrimSpace(strings.TrimPrefix(v.stdout, "pillar "))
	if v.code != 0 || stamp == "" {
		t.Fatalf("pillar version: exit %d, %q", v.code, v.stdout)
	}
	for _, format := range []string{"text", "json", "github", "sarif"} {
		t.Run(format, func(t *testing.T) {
			r := pillar(t, nil, "validate", "--format", format, "testdata/bad/weights-99", "testdata/bad/unknown-key")
			if r.code != 1 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			if format == "sarif" && !strings.Contains(r.stdout, `"version": "`+stamp+`"`) {
				t.Errorf("the SARIF driver does not carry pillar's version %q", stamp)
			}
			out := strings.ReplaceAll(r.stdout, `"version": "`+stamp+`"`, `"version": "<pillar version>"`)
			goldenFile(t, filepath.Join("testdata", "formats."+format+".golden"), out)
		})
	}
}

func TestGitHubActionsAnnotatesTextOutput(t *testing.T) {
	r := pillar(t, []string{"GITHUB_ACTIONS=true"}, "validate", "testdata/bad/weights-101")
	if !strings.Contains(r.stdout, "::error file=testdata/bad/weights-101/strategy.yaml,line=") {
		t.Errorf("no workflow annotation in\n%s", r.stdout)
	}
}

func TestDeterministic(t *testing.T) {
	args := []string{"validate", "--format", "json", "testdata/bad", "examples"}
	a, b := pillar(t, nil, args...), pillar(t, nil, args...)
	if a.stdout != b.stdout {
		t.Error("two runs over the same input gave different output")
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help", "validate"}, {"validate", "--help"}, {"schema", "-h"}, {"init", "--help"}, {"version", "--help"}} {
		r := pillar(t, nil, args...)
		if r.code != 0 {
			t.Errorf("pillar %v: exit %d", args, r.code)
		}
		if !strings.Contains(r.stdout, "Usage:") {
			t.Errorf("pillar %v: no usage in %q", args, r.stdout)
		}
		if len(args) > 1 || args[0] != "--help" {
			if !strings.Contains(r.stdout, "Examples:") {
				t.Errorf("pillar %v: no examples in help", args)
			}
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"valdiate"}, `did you mean "validate"`},
		{[]string{"validate", "--format", "xml"}, "unknown format"},
		{[]string{"validate", "--nope"}, "-nope"},
		{[]string{"validate", "no/such/path"}, "no such file or folder"},
		{[]string{"validate", "--today", "2026-13-01"}, "not a date"},
	} {
		r := pillar(t, nil, tc.args...)
		if r.code != 2 {
			t.Errorf("pillar %v: exit %d, want 2", tc.args, r.code)
		}
		if !strings.Contains(r.stderr, tc.want) {
			t.Errorf("pillar %v: stderr %q does not mention %q", tc.args, r.stderr, tc.want)
		}
	}
}

func TestInitWritesAValidStrategy(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  []string
		init []string // flags of init
		day  string   // the day init should write and validate measures from
	}{
		{"--today", nil, []string{"--today", "2026-11-23"}, "2026-11-23"},
		{"PILLAR_NOW", []string{"PILLAR_NOW=2031-12-06"}, nil, "2031-12-06"},
		{"--today beats PILLAR_NOW", []string{"PILLAR_NOW=2031-12-06"}, []string{"--today", "2029-02-28"}, "2029-02-28"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "new-brand")
			r := pillar(t, tc.env, append([]string{"init", dir}, tc.init...)...)
			if r.code != 0 {
				t.Fatalf("init: exit %d\n%s", r.code, r.stderr)
			}
			b, err := os.ReadFile(filepath.Join(dir, "strategy.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte("# yaml-language-server: $schema=strategy.schema.json")) {
				t.Errorf("the starter does not point at the schema written beside it")
			}
			if n := strings.Count(string(b), "last_reviewed: "+tc.day); n < 2 {
				t.Errorf("want every persona reviewed on %s, found %d", tc.day, n)
			}
			r = pillar(t, nil, "validate", "--strict", "--today", tc.day, dir)
			if r.code != 0 {
				t.Fatalf("the starter strategy does not validate cleanly:\n%s%s", r.stdout, r.stderr)
			}
			r = pillar(t, tc.env, "init", dir)
			if r.code != 2 || !strings.Contains(r.stderr, "already exists") {
				t.Errorf("init over an existing strategy: exit %d, %q", r.code, r.stderr)
			}
		})
	}
}

func TestPillarNowMustBeATime(t *testing.T) {
	r := pillar(t, []string{"PILLAR_NOW=next tuesday"}, "validate", "examples/nordlys")
	if r.code != 2 || !strings.Contains(r.stderr, "PILLAR_NOW") || !strings.Contains(r.stderr, "RFC 3339") {
		t.Errorf("exit %d, stderr %q: want exit 2 naming PILLAR_NOW and the forms it takes", r.code, r.stderr)
	}
}

func TestSchemaCommandPrintsEmbeddedSchema(t *testing.T) {
	want, err := os.ReadFile(filepath.Join(root, "schema", "strategy.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	r := pillar(t, nil, "schema")
	if r.code != 0 || r.stdout != string(want) {
		t.Errorf("pillar schema differs from schema/strategy.schema.json (exit %d)", r.code)
	}
}

func TestPlanEveryExampleInEveryFormat(t *testing.T) {
	for _, ex := range examples(t) {
		for _, format := range []string{"ics", "csv", "json", "md", "html"} {
			t.Run(filepath.Base(ex)+"/"+format, func(t *testing.T) {
				args := []string{"plan", ex, "--from", "2027-01-01", "--to", "2027-04-01", "--format", format}
				a := pillar(t, nil, args...)
				if a.code != 0 || len(a.stdout) < 200 {
					t.Fatalf("exit %d, %d bytes\n%s", a.code, len(a.stdout), a.stderr)
				}
				if b := pillar(t, nil, args...); b.stdout != a.stdout {
					t.Error("two runs gave different output")
				}
			})
		}
	}
}

// TestPlanGolden pins two weeks of the Nordlys plan in every format.
func TestPlanGolden(t *testing.T) {
	for _, format := range []string{"ics", "csv", "json", "md", "html"} {
		t.Run(format, func(t *testing.T) {
			r := pillar(t, nil, "plan", "examples/nordlys", "--from", "2027-01-04", "--to", "2027-01-18", "--format", format)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			goldenFile(t, filepath.Join("testdata", "plan", "nordlys."+format), r.stdout)
		})
	}
	r := pillar(t, nil, "plan", "examples/nordlys", "--from", "2027-01-01", "--to", "2027-04-01", "--summary")
	if r.code != 0 {
		t.Fatalf("summary: exit %d\n%s", r.code, r.stderr)
	}
	goldenFile(t, filepath.Join("testdata", "plan", "nordlys.summary"), r.stdout)
}

// TestPlanGoldenPeriods pins a plan of cadences with a start (every other
// Monday from 29 March, six episodes; a campaign's every third day from its
// own start) and a channel with an active period, with its warnings.
func TestPlanGoldenPeriods(t *testing.T) {
	for _, format := range []string{"csv", "ics"} {
		t.Run(format, func(t *testing.T) {
			// Its persona's last review is recent on this day (the
			// validation warnings on stale personas would join the plan's).
			r := pillar(t, []string{"PILLAR_NOW=2027-01-01"}, "plan", "cmd/pillar/testdata/plan/periods", "--from", "2027-03-01", "--to", "2027-06-01", "--format", format)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			goldenFile(t, filepath.Join("testdata", "plan", "periods."+format), r.stdout)
			goldenFile(t, filepath.Join("testdata", "plan", "periods.warnings"), r.stderr)
		})
	}
}

// TestPlanGoldenCadences pins a plan of channels with several cadences
// across the spring's clock changes in New York (14 March) and Oslo (28
// March): weekdays at 08:00 and weekends at 11:00, a daily clip beside an
// episode every other Monday from its start, and two Sunday cadences whose
// 02:30 and 03:30 the New York change makes one post (counted for the
// first; the second's week falls short, which the warning explains). The
// summary's weekly counts and the warnings come from the same plan.
func TestPlanGoldenCadences(t *testing.T) {
	for _, format := range []string{"csv", "ics", "summary"} {
		t.Run(format, func(t *testing.T) {
			args := []string{"plan", "cmd/pillar/testdata/plan/cadences", "--from", "2027-03-01", "--to", "2027-04-12"}
			if format == "summary" {
				args = append(args, "--summary")
			} else {
				args = append(args, "--format", format)
			}
			r := pillar(t, []string{"PILLAR_NOW=2027-01-01"}, args...)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			goldenFile(t, filepath.Join("testdata", "plan", "cadences."+format), r.stdout)
			goldenFile(t, filepath.Join("testdata", "plan", "cadences.warnings"), r.stderr)
		})
	}
}

func TestPlanWritesFileByExtension(t *testing.T) {
	out := filepath.Join(t.TempDir(), "q1.ics")
	r := pillar(t, nil, "plan", "examples/cloudbase", "--from", "2027-01-01", "--to", "2027-04-01", "-o", out)
	if r.code != 0 || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q\n%s", r.code, r.stdout, r.stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("BEGIN:VCALENDAR\r\n")) {
		t.Errorf("-o q1.ics did not write an ICS file (%v)", err)
	}
	if !strings.Contains(r.stderr, "Wrote ") {
		t.Errorf("no confirmation on stderr: %q", r.stderr)
	}
}

func TestPlanBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"plan", "examples/nordlys", "--from", "2027-04-01", "--to", "2027-01-01"}, 2, "not after --from"},
		{[]string{"plan", "examples/nordlys", "--from", "2027-01-01", "--to", "2207-01-01"}, 2, "outside the years"},
		{[]string{"plan", "examples/nordlys", "--from", "2027-02-30"}, 2, "not a date"},
		{[]string{"plan", "examples/nordlys", "--format", "pdf"}, 2, "unknown format"},
		{[]string{"plan", "testdata/bad/weights-99", "--from", "2027-01-01"}, 1, "fix them first"},
		{[]string{"plan", "no/such/strategy"}, 2, "no such file or folder"},
		{[]string{"plan", "examples/nordlys", "--summary", "--format", "ics"}, 2, "cannot be used together"},
		{[]string{"plan", "examples/nordlys", "-o", "plan.txt"}, 2, "cannot tell the format"},
		{[]string{"plan", "examples/nordlys", "--format", "ics", "-o", "examples"}, 2, "is a folder"},
		{[]string{"plan", "examples/nordlys", "--from", "1999-12-01", "--to", "2000-02-01"}, 2, "outside the years"},
	} {
		r := pillar(t, nil, tc.args...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("pillar %v: exit %d (want %d), stderr %q (want %q)", tc.args, r.code, tc.code, r.stderr, tc.want)
		}
	}
}

func TestRenderEveryExampleInEveryLanguage(t *testing.T) {
	for _, ex := range examples(t) {
		for _, lang := range []string{"en", "nb", "pl", "el", "fi"} {
			for _, format := range []string{"html", "md"} {
				t.Run(filepath.Base(ex)+"/"+lang+"/"+format, func(t *testing.T) {
					args := []string{"render", ex, "--lang", lang, "--format", format, "--from", "2027-01-04", "--label", "test"}
					a := pillar(t, nil, args...)
					if a.code != 0 || len(a.stdout) < 1000 {
						t.Fatalf("exit %d, %d bytes\n%s", a.code, len(a.stdout), a.stderr)
					}
					if b := pillar(t, nil, args...); b.stdout != a.stdout {
						t.Error("two runs gave different output")
					}
				})
			}
		}
	}
}

func TestRenderBadInput(t *testing.T) {
	broken := t.TempDir()
	os.WriteFile(filepath.Join(broken, "playbook.html.tmpl"), []byte("<html>\n{{ .Nope\n</html>\n"), 0o644)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"render", "examples/nordlys", "--lang", "sv"}, 2, `no playbook labels for the language "sv"`},
		{[]string{"render", "examples/nordlys", "-o", "playbook.pdf"}, 2, "cannot tell the format"},
		{[]string{"render", "examples/nordlys", "--templates", "no/such/folder"}, 2, "is not a folder"},
		{[]string{"render", "examples/nordlys", "--templates", broken}, 2, "playbook.html.tmpl:3: unexpected"},
		{[]string{"render", "testdata/bad/weights-101"}, 1, "fix them first"},
		{[]string{"build", "testdata/bad/weights-101", "-o", t.TempDir()}, 1, "fix them first"},
		{[]string{"build", "examples/nordlys", "-o", "README.md"}, 2, "is not a folder"},
	} {
		r := pillar(t, nil, tc.args...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("pillar %v: exit %d (want %d), stderr %q (want %q)", tc.args, r.code, tc.code, r.stderr, tc.want)
		}
	}
}

func TestBuildWritesPlaybookAndCalendar(t *testing.T) {
	out := filepath.Join(t.TempDir(), "dist")
	r := pillar(t, nil, "build", "examples/nordlys", "-o", out, "--from", "2027-01-04", "--to", "2027-04-01", "--label", "test")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, name := range []string{"playbook.html", "playbook.md", "calendar.ics", "calendar.csv"} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || len(b) < 1000 {
			t.Errorf("%s: %v, %d bytes", name, err, len(b))
		}
		if !strings.Contains(r.stdout, filepath.Join(out, name)) {
			t.Errorf("the output does not list %s:\n%s", name, r.stdout)
		}
	}
	html, _ := os.ReadFile(filepath.Join(out, "playbook.html"))
	if !bytes.Contains(html, []byte("Nordlys")) || bytes.Contains(html, []byte("<script")) {
		t.Error("the playbook should name the brand and hold no scripts")
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 4 {
		t.Errorf("want exactly four files (no temporary ones left), got %d", len(entries))
	}
}
