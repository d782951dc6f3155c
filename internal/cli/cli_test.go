package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/schema"
)

// testEnv returns an Env with buffers, a fixed clock and the given
// environment variables.
func testEnv(vars map[string]string, terminal bool) (*Env, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &Env{
		Stdin:            strings.NewReader(""),
		Stdout:           &out,
		Stderr:           &errb,
		Getenv:           func(k string) string { return vars[k] },
		Now:              func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) },
		StdoutIsTerminal: terminal,
	}, &out, &errb
}

// repo changes into the repository root for tests that read the examples.
func repo(t *testing.T) {
	t.Helper()
	wd, _ := os.Getwd()
	if err := os.Chdir(filepath.Join("..", "..")); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(wd) })
}

func TestParseValidate(t *testing.T) {
	c := validateCommand()
	for _, tc := range []struct {
		args    []string
		paths   []string
		format  string
		strict  bool
		wantErr string
	}{
		{nil, []string{"."}, "text", false, ""},
		{[]string{"a", "b"}, []string{"a", "b"}, "text", false, ""},
		{[]string{"a", "--format", "json", "b", "--strict"}, []string{"a", "b"}, "json", true, ""},
		{[]string{"--format=sarif", "--", "--odd-name"}, []string{"--odd-name"}, "sarif", false, ""},
		{[]string{"--", "a", "--strict"}, []string{"a", "--strict"}, "text", false, ""},
		{[]string{"a", "--", "b", "--strict"}, []string{"a", "b", "--strict"}, "text", false, ""},
		{[]string{"--format", "xml"}, nil, "", false, "unknown format"},
		{[]string{"--bogus"}, nil, "", false, "-bogus"},
		{[]string{"--today", "2026-02-30"}, nil, "", false, "not a date"},
	} {
		e, _, _ := testEnv(nil, false)
		o, err := parseValidate(c, e, tc.args)
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
		if strings.Join(o.paths, " ") != strings.Join(tc.paths, " ") || o.format != tc.format || o.strict != tc.strict {
			t.Errorf("%v: got %+v", tc.args, o)
		}
	}
}

func TestRunExitCodes(t *testing.T) {
	repo(t)
	for _, tc := range []struct {
		args []string
		code int
		out  string // expected in stdout
		err  string // expected in stderr
	}{
		{[]string{"--help"}, 0, "Commands:", ""},
		{[]string{}, 2, "", "Usage:"},
		{[]string{"help", "validate"}, 0, "--strict", ""},
		{[]string{"validate", "--help"}, 0, "Examples:", ""},
		{[]string{"valdate"}, 2, "", `did you mean "validate"`},
		{[]string{"validate", "examples/nordlys"}, 0, "1 strategy valid", ""},
		{[]string{"validate", "testdata/bad/weights-99"}, 1, "[pillar-weights-sum]", ""},
		{[]string{"validate", "testdata/bad/weights-99", "no/such"}, 2, "[pillar-weights-sum]", "no such file or folder"},
		{[]string{"validate", "--list-rules"}, 0, "pillar-weights-sum", ""},
		{[]string{"version"}, 0, "pillar ", ""},
		{[]string{"schema"}, 0, `"$schema"`, ""},
	} {
		e, out, errb := testEnv(nil, false)
		code := Run(context.Background(), tc.args, e)
		if code != tc.code || !strings.Contains(out.String(), tc.out) || !strings.Contains(errb.String(), tc.err) {
			t.Errorf("pillar %v: exit %d (want %d)\nstdout: %s\nstderr: %s", tc.args, code, tc.code, out, errb)
		}
	}
}

func TestColourOnlyOnATerminalWithoutNoColor(t *testing.T) {
	repo(t)
	for _, tc := range []struct {
		terminal bool
		vars     map[string]string
		want     bool
	}{
		{true, nil, true},
		{false, nil, false},
		{true, map[string]string{"NO_COLOR": "1"}, false},
		{true, map[string]string{"TERM": "dumb"}, false},
	} {
		e, out, _ := testEnv(tc.vars, tc.terminal)
		Run(context.Background(), []string{"validate", "testdata/bad/weights-99"}, e)
		if got := strings.Contains(out.String(), "\x1b["); got != tc.want {
			t.Errorf("terminal=%v vars=%v: colour=%v, want %v", tc.terminal, tc.vars, got, tc.want)
		}
	}
}

func TestConfigFileRegradesRules(t *testing.T) {
	repo(t)
	cfg := filepath.Join(t.TempDir(), "pillar.yaml")
	os.WriteFile(cfg, []byte("rules:\n  persona-network-no-channel: off\n"), 0o644)
	e, out, _ := testEnv(nil, false)
	Run(context.Background(), []string{"validate", "--config", cfg, "examples/nordlys"}, e)
	if strings.Contains(out.String(), "persona-network-no-channel") {
		t.Errorf("the config switched the rule off, but it was reported:\n%s", out)
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("rules:\n  no-such-rule: off\n"), 0o644)
	e, _, errb := testEnv(nil, false)
	if code := Run(context.Background(), []string{"validate", "--config", bad, "examples/nordlys"}, e); code != 2 || !strings.Contains(errb.String(), "no rule") {
		t.Errorf("unknown rule in config: exit %d, %s", code, errb)
	}
}

func TestParsePlan(t *testing.T) {
	c := planCommand()
	for _, tc := range []struct {
		args    []string
		path    string
		format  string
		summary bool
		wantErr string
	}{
		{nil, ".", "md", false, ""},
		{[]string{"examples/nordlys", "--format", "ics"}, "examples/nordlys", "ics", false, ""},
		{[]string{"-o", "q1.ICS", "x"}, "x", "ics", false, ""},
		{[]string{"-o", "cal.htm"}, ".", "html", false, ""},
		{[]string{"-o", "plan.csv", "--format", "json"}, ".", "json", false, ""},
		{[]string{"--summary"}, ".", "", true, ""},
		{[]string{"-o", "-", "--format", "csv"}, ".", "csv", false, ""},
		{[]string{"--summary", "--format", "csv"}, "", "", false, "cannot be used together"},
		{[]string{"-o", "plan.txt"}, "", "", false, "cannot tell the format"},
		{[]string{"--format", "pdf"}, "", "", false, "unknown format"},
		{[]string{"a", "b"}, "", "", false, "one strategy"},
	} {
		e, _, _ := testEnv(nil, false)
		o, err := parsePlan(c, e, tc.args)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%v: err = %v, want %q", tc.args, err, tc.wantErr)
			}
			continue
		}
		if err != nil || o.path != tc.path || o.format != tc.format || o.summary != tc.summary {
			t.Errorf("%v: got %+v, %v", tc.args, o, err)
		}
	}
}

// TestValidateAllKeepsFileOrder: files are validated in parallel, but the
// results come out in the order given, every one of them.
func TestValidateAllKeepsFileOrder(t *testing.T) {
	repo(t)
	dirs, _ := filepath.Glob("testdata/bad/*/strategy.yaml")
	ex, _ := filepath.Glob("examples/*/strategy.yaml")
	files := append(append(dirs, ex...), dirs...)
	files = append(files, "no/such/file.yaml")
	targets := make([]target, len(files))
	for i, f := range files {
		targets[i] = target{path: f}
	}
	var got []string
	for v := range validateAll(context.Background(), targets, schema.Options{}) {
		got = append(got, v.path)
	}
	if strings.Join(got, "\n") != strings.Join(files, "\n") {
		t.Errorf("results out of order or missing:\n%v", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	n := 0
	for range validateAll(ctx, targets, schema.Options{}) {
		n++
	}
	if n == len(files) {
		t.Errorf("a cancelled run still validated every file")
	}
}
