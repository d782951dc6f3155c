package cli

import (
	"flag"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/pillar-strategy/pillar/schema"
)

// flagName is how help, errors and the README write a flag: --name, or -o
// for a one-letter flag. The flag package accepts one dash or two for
// either; pillar shows one form.
func flagName(name string) string {
	if len([]rune(name)) == 1 {
		return "-" + name
	}
	return "--" + name
}

// printFlags lists fs's flags as flag.PrintDefaults does, but in the form
// flagName gives, so that --help matches the README and the examples.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		line := "  " + flagName(f.Name)
		if arg != "" {
			line += " " + arg
		}
		usage = strings.ReplaceAll(usage, "\n", "\n    \t")
		if d := defaultText(f); d != "" {
			usage += " (default " + d + ")"
		}
		fmt.Fprintf(w, "%s\n    \t%s\n", line, usage)
	})
}

// defaultText is a flag's default as help shows it, or "" for a zero
// value (false, 0, ""), which goes without saying.
func defaultText(f *flag.Flag) string {
	// The zero value of the flag's own type, as flag.PrintDefaults finds it.
	t := reflect.TypeOf(f.Value)
	var zero flag.Value
	if t.Kind() == reflect.Pointer {
		zero = reflect.New(t.Elem()).Interface().(flag.Value)
	} else {
		zero = reflect.Zero(t).Interface().(flag.Value)
	}
	if f.DefValue == zero.String() {
		return ""
	}
	if g, ok := f.Value.(flag.Getter); ok {
		if _, isString := g.Get().(string); isString {
			return fmt.Sprintf("%q", f.DefValue)
		}
	}
	return f.DefValue
}

// flagError rewrites the flag package's parse errors in pillar's words:
// the flag as flagName writes it, and for an unknown flag the closest known
// one as a hint.
func flagError(err error, fs *flag.FlagSet) (msg, hint string) {
	s := err.Error()
	// The flag package's messages (flag.go, (*FlagSet).parseOne) name the
	// flag with one dash: -name.
	if name, ok := strings.CutPrefix(s, "flag provided but not defined: -"); ok {
		return "unknown flag " + flagName(name), flagHint(name, fs)
	}
	if name, ok := strings.CutPrefix(s, "flag needs an argument: -"); ok {
		return flagName(name) + " needs a value", ""
	}
	for _, marker := range []string{" for flag -", " for -"} {
		if i := strings.Index(s, marker); i >= 0 {
			rest := s[i+len(marker):]
			name, reason, _ := strings.Cut(rest, ": ")
			return s[:i] + " for " + flagName(name) + ": " + reason, ""
		}
	}
	return s, ""
}

// flagHint suggests the flag closest to the unknown name, or lists the
// command's flags when none is close.
func flagHint(name string, fs *flag.FlagSet) string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if best := schema.Suggest(name, names); best != "" {
		return "Did you mean " + flagName(best) + "?"
	}
	forms := make([]string, len(names))
	for i, n := range names {
		forms[i] = flagName(n)
	}
	if len(forms) == 0 {
		return "This command takes no flags."
	}
	return "Its flags: " + strings.Join(forms, ", ") + "."
}

// choiceVar defines a string flag whose usual values are values: shell
// completion offers them. The command still checks the value itself, and
// may take others (a mapping preset or a file).
func choiceVar(fs *flag.FlagSet, p *string, name, value string, values []string, usage string) {
	*p = value
	fs.Var(&choiceValue{p: p, values: values}, name, usage)
}

// choiceValue is a string flag that knows its usual values.
type choiceValue struct {
	p      *string
	values []string
}

func (c *choiceValue) String() string {
	if c == nil || c.p == nil {
		return ""
	}
	return *c.p
}

func (c *choiceValue) Set(s string) error { *c.p = s; return nil }

// Get makes the flag a flag.Getter of a string, so help quotes its default
// like any string flag's.
func (c *choiceValue) Get() any { return *c.p }

// Choices returns the values completion offers.
func (c *choiceValue) Choices() []string { return c.values }
