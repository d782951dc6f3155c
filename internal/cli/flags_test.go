package cli

import (
	"bytes"
	"context"
	"flag"
	"regexp"
	"strings"
	"testing"
)

func TestFlagErrorsInPillarsWords(t *testing.T) {
	tests := []struct {
		args      []string
		msg, hint string
	}{
		{[]string{"--frm", "2027-01-01"}, "unknown flag --frm", "Did you mean --from?"},
		{[]string{"-frm"}, "unknown flag --frm", "Did you mean --from?"},
		{[]string{"--fromat", "ics"}, "unknown flag --fromat", "Did you mean --format?"},
		{[]string{"--zzzzzzzz"}, "unknown flag --zzzzzzzz", "Its flags: --format, --from, -o, --summary, --to."},
		{[]string{"--from"}, "--from needs a value", ""},
		{[]string{"-o"}, "-o needs a value", ""},
		{[]string{"--summary=maybe"}, `invalid boolean value "maybe" for --summary: parse error`, ""},
		{[]string{"--count", "x"}, `invalid value "x" for --count: parse error`, ""},
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("plan", flag.ContinueOnError)
		fs.SetOutput(new(bytes.Buffer))
		fs.String("format", "", "")
		fs.String("from", "", "")
		fs.String("to", "", "")
		fs.String("o", "", "")
		fs.Bool("summary", false, "")
		if tt.args[0] == "--count" {
			fs.Int("count", 0, "")
		}
		err := fs.Parse(tt.args)
		if err == nil {
			t.Fatalf("%v: no error", tt.args)
		}
		msg, hint := flagError(err, fs)
		if tt.args[0] == "--count" {
			tt.hint = ""
		}
		if msg != tt.msg || hint != tt.hint {
			t.Errorf("%v: got %q, %q; want %q, %q", tt.args, msg, hint, tt.msg, tt.hint)
		}
	}
}

func TestPrintFlagsShowsDefaultsLikeTheFlagPackage(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.String("format", "text", "output `format`")
	fs.String("o", "", "write to `file`")
	fs.Int("max", 100, "at most `n`")
	fs.Int("zero", 0, "nothing")
	fs.Bool("strict", false, "be strict")
	fs.Bool("on", true, "on by default")
	var b bytes.Buffer
	printFlags(&b, fs)
	want := `  --format format
    	output format (default "text")
  --max n
    	at most n (default 100)
  -o file
    	write to file
  --on
    	on by default (default true)
  --strict
    	be strict
  --zero int
    	nothing
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// Every command's --help writes its long flags with two dashes, as the
// README does, and a mistyped flag of any command gets a did-you-mean.
func TestEveryCommandsHelpUsesDoubleDashes(t *testing.T) {
	singleDashLong := regexp.MustCompile(`(?m)(^|[\s(\[])-[a-z][a-z-]+\b`)
	for _, c := range commands() {
		var out, errb bytes.Buffer
		e := &Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
		if code := Run(context.Background(), []string{c.name, "--help"}, e); code != 0 {
			t.Fatalf("%s --help: exit %d: %s", c.name, code, errb.String())
		}
		flags, _, _ := strings.Cut(out.String()[strings.Index(out.String(), "\nFlags:\n"):], "\nExamples:\n")
		if m := singleDashLong.FindString(flags); m != "" {
			t.Errorf("%s --help writes a long flag with one dash: %q in\n%s", c.name, m, flags)
		}
	}
}

func TestUnknownFlagOfACommandSuggests(t *testing.T) {
	var out, errb bytes.Buffer
	e := &Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code := Run(context.Background(), []string{"validate", "--strct", "x"}, e)
	want := "pillar validate: unknown flag --strct\n  Did you mean --strict?\nRun 'pillar validate --help' for usage.\n"
	if code != ExitFailure || errb.String() != want {
		t.Errorf("exit %d, stderr %q; want 2, %q", code, errb.String(), want)
	}
}
