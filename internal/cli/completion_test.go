package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/render"
	"github.com/pillar-strategy/pillar/schema"
)

// The model is read from the commands themselves: every command is in it
// with every flag its --help lists, and the choices are the lists the
// commands check against.
func TestCompletionModelIsTheCommands(t *testing.T) {
	cmds, err := completionModel(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]compCommand{}
	for _, c := range cmds {
		byName[c.name] = c
	}
	for _, c := range commands() {
		cc, ok := byName[c.name]
		if !ok {
			t.Errorf("command %s is not in the completion model", c.name)
			continue
		}
		var help bytes.Buffer
		e := &Env{Stdout: &help, Stderr: &help, Getenv: func(string) string { return "" }}
		Run(context.Background(), []string{c.name, "--help"}, e)
		for _, f := range cc.flags {
			if !strings.Contains(help.String(), "\n  "+flagName(f.name)) {
				t.Errorf("%s: flag %s is not in --help", c.name, flagName(f.name))
			}
		}
		_, flags, _ := strings.Cut(help.String(), "\nFlags:\n")
		if n := strings.Count("\n"+flags, "\n  -"); n != len(cc.flags) {
			t.Errorf("%s: --help lists %d flags, the model %d", c.name, n, len(cc.flags))
		}
	}
	choices := func(cmd, flag string) []string {
		for _, f := range byName[cmd].flags {
			if f.name == flag {
				return f.choices
			}
		}
		t.Errorf("%s has no flag %s", cmd, flag)
		return nil
	}
	for _, tt := range []struct {
		cmd, flag string
		want      []string
	}{
		{"plan", "format", render.CalendarFormats()},
		{"validate", "format", schema.Formats()},
		{"render", "format", render.PlaybookFormats()},
		{"render", "lang", render.Languages()},
		{"build", "lang", render.Languages()},
		{"serve", "lang", render.Languages()},
		{"audit", "format", render.AuditFormats()},
		{"diff", "format", render.DiffFormats()},
	} {
		if got := choices(tt.cmd, tt.flag); !slices.Equal(got, tt.want) {
			t.Errorf("%s --%s offers %v, want %v", tt.cmd, tt.flag, got, tt.want)
		}
	}
	if !slices.IsSortedFunc(cmds, func(a, b compCommand) int { return strings.Compare(a.name, b.name) }) {
		t.Error("commands are not sorted: the scripts would not be deterministic")
	}
}

func TestCompletionRefusesUnknownShell(t *testing.T) {
	e, out, errb := testEnv(nil, false)
	if code := Run(context.Background(), []string{"completion", "bsh"}, e); code != ExitFailure || out.Len() > 0 ||
		!strings.Contains(errb.String(), `no completion for shell "bsh" (did you mean "bash"?)`) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errb)
	}
	e, _, errb = testEnv(nil, false)
	if code := Run(context.Background(), []string{"completion"}, e); code != ExitFailure || !strings.Contains(errb.String(), "bash, zsh, fish") {
		t.Errorf("no shell: exit %d, stderr %q", code, errb)
	}
}

// script writes pillar's completion script for shell into a temporary file.
func script(t *testing.T, shell string) string {
	t.Helper()
	e, out, errb := testEnv(nil, false)
	if code := Run(context.Background(), []string{"completion", shell}, e); code != 0 {
		t.Fatalf("completion %s: exit %d: %s", shell, code, errb)
	}
	p := filepath.Join(t.TempDir(), "pillar."+shell)
	if err := os.WriteFile(p, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// shell finds a shell for the test; without it the test is skipped, unless
// CI=true, where .ci/run installs bash, zsh and fish.
func shell(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed; .ci/run installs it", name)
		}
		t.Skipf("%s is not installed", name)
	}
	return p
}

// runShell runs a shell and returns what it wrote to stdout; stderr, where
// a shell warns about the machine (a locale it cannot set), is shown only
// when the shell fails.
func runShell(name string, args ...string) ([]byte, error) {
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, fmt.Errorf("%s: %v\n%s%s", name, err, out, stderr.Bytes())
	}
	return out, nil
}

var completionCases = []struct {
	line string // the command line, the cursor at its end
	want string // the candidates, space-separated, sorted
}{
	{"pillar pl", "plan"},
	{"pillar v", "validate version"},
	{"pillar plan --f", "--format --from"},
	{"pillar plan --format ", "csv html ics json md"},
	{"pillar plan --format j", "json"},
	{"pillar validate --format ", "github json sarif text"},
	{"pillar render --lang ", "el en fi nb pl"},
	{"pillar audit --mapping meta", "meta-facebook meta-instagram"},
	{"pillar audit --encoding ", "latin1 utf-8"},
	{"pillar help val", "validate"},
	{"pillar completion ", "bash fish zsh"},
}

func TestBashCompletion(t *testing.T) {
	bash := shell(t, "bash")
	p := script(t, "bash")
	var prog strings.Builder
	prog.WriteString("source " + p + "\n")
	for _, tc := range completionCases {
		words := strings.Split(tc.line, " ")
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = "'" + w + "'"
		}
		prog.WriteString("COMP_WORDS=(" + strings.Join(quoted, " ") + "); COMP_CWORD=" + strconv.Itoa(len(words)-1) +
			"; COMPREPLY=(); _pillar; printf '%s\\n' \"$(printf '%s\\n' \"${COMPREPLY[@]}\" | sort | xargs)\"\n")
	}
	// bash splits --format=j at the =.
	prog.WriteString("COMP_WORDS=(pillar plan --format = j); COMP_CWORD=4; COMPREPLY=(); _pillar; echo \"${COMPREPLY[*]}\"\n")
	out, err := runShell(bash, "--norc", "--noprofile", "-c", prog.String())
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(completionCases)+1 {
		t.Fatalf("%d lines of output for %d cases:\n%s", len(lines), len(completionCases)+1, out)
	}
	for i, tc := range completionCases {
		if lines[i] != tc.want {
			t.Errorf("bash: %q completes to %q, want %q", tc.line, lines[i], tc.want)
		}
	}
	if last := lines[len(lines)-1]; last != "json" {
		t.Errorf("bash: --format=j completes to %q, want json", last)
	}
}

func TestFishCompletion(t *testing.T) {
	fish := shell(t, "fish")
	p := script(t, "fish")
	for _, tc := range completionCases {
		out, err := runShell(fish, "--no-config", "-c", "source "+p+"; complete -C '"+tc.line+"'")
		if err != nil {
			t.Fatalf("%q: %v", tc.line, err)
		}
		var got []string
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if c, _, _ := strings.Cut(l, "\t"); c != "" {
				got = append(got, c)
			}
		}
		slices.Sort(got)
		if strings.Join(got, " ") != tc.want {
			t.Errorf("fish: %q completes to %q, want %q", tc.line, strings.Join(got, " "), tc.want)
		}
	}
}

// zsh's completion system needs a terminal; the test stands in for its
// functions, so it checks what _pillar hands them: the command list, and
// _arguments' specs for the command being completed.
func TestZshCompletion(t *testing.T) {
	zsh := shell(t, "zsh")
	p := script(t, "zsh")
	if out, err := exec.Command(zsh, "-n", p).CombinedOutput(); err != nil {
		t.Fatalf("zsh -n: %v\n%s", err, out)
	}
	prog := `
compdef() { }
_describe() { print -r -- "describe ${(j:|:)${(P)${@[-1]}}}" }
_arguments() { print -rl -- "arguments" "$@" }
_values() { print -r -- "values $*" }
source ` + p + `
words=(pillar ''); CURRENT=2; _pillar
words=(pillar plan --format ''); CURRENT=4; _pillar
words=(pillar completion ''); CURRENT=3; _pillar
`
	out, err := runShell(zsh, "-f", "-c", prog)
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{
		"describe audit:",
		"|plan:turn the strategy into a posting calendar|",
		"arguments\n-s\n--drafts=[show each slot's draft from file]:file:_files\n--format=[output format]:format:(ics csv json md html)\n--from=[first date of the plan, YYYY-MM-DD]:date: \n",
		"-o+[write to file instead of stdout]:file:_files\n",
		"--to=[date after the plan's last day, YYYY-MM-DD]:date: \n*:path:_files\n",
		"values shell bash zsh fish\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("zsh: output lacks %q:\n%s", want, s)
		}
	}
}
