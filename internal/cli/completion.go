package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
)

// completionShells are the shells `pillar completion` writes a script for.
var completionShells = []string{"bash", "zsh", "fish"}

func completionCommand() *command {
	c := &command{
		name:    "completion",
		summary: "print a shell completion script (bash, zsh, fish)",
		usage: `Usage: pillar completion bash|zsh|fish

Prints a script that makes the shell complete pillar's commands, their
flags, and the values of flags that take one of a few (--format, --lang,
--mapping presets, --encoding); paths are completed as files. The script
is written from the commands of this pillar, so regenerate it after an
upgrade.

Examples:
  source <(pillar completion bash)                 # this bash session
  pillar completion bash > ~/.local/share/bash-completion/completions/pillar
  pillar completion zsh > "${fpath[1]}/_pillar"     # then start a new zsh
  pillar completion fish > ~/.config/fish/completions/pillar.fish
`,
	}
	c.run = func(ctx context.Context, e *Env, args []string) error {
		fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
		pos, err := parse(fs, c, e, args)
		if err != nil {
			return err
		}
		if len(pos) != 1 {
			return usagef(c.name, "Give one of: "+strings.Join(completionShells, ", ")+".", "which shell?")
		}
		cmds, err := completionModel(ctx)
		if err != nil {
			return err
		}
		switch pos[0] {
		case "bash":
			writeBashCompletion(e.Stdout, cmds)
		case "zsh":
			writeZshCompletion(e.Stdout, cmds)
		case "fish":
			writeFishCompletion(e.Stdout, cmds)
		default:
			return usagef(c.name, "Give one of: "+strings.Join(completionShells, ", ")+".", "no completion for shell %q%s", pos[0], suggestion(pos[0], completionShells))
		}
		return nil
	}
	return c
}

// compCommand is what completion knows of a command.
type compCommand struct {
	name, summary string
	flags         []compFlag
	// args is what the command's arguments are: "files", "commands" (help)
	// or "shells" (completion); "" for none.
	args string
}

// compFlag is what completion knows of a flag.
type compFlag struct {
	name    string   // without dashes
	summary string   // the usage's first clause
	value   string   // what its value is ("" for a boolean flag)
	choices []string // the values to offer, if it has a few
}

// file reports whether the flag's value is a path.
func (f compFlag) file() bool { return f.value == "file" || f.value == "folder" }

// completionModel asks every command for its flags (parse hands them to
// Env.collect instead of parsing) and reads their names, value names and
// choices, so the scripts always match the commands.
func completionModel(ctx context.Context) ([]compCommand, error) {
	var out []compCommand
	for _, c := range commands() {
		var got *flag.FlagSet
		e := &Env{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" },
			collect: func(fs *flag.FlagSet) { got = fs }}
		if err := c.run(ctx, e, []string{"--help"}); err != nil && err != flag.ErrHelp {
			return nil, fmt.Errorf("completion: %s: %w", c.name, err)
		}
		if got == nil {
			return nil, fmt.Errorf("completion: %s did not declare its flags", c.name)
		}
		cc := compCommand{name: c.name, summary: c.summary, args: "files"}
		switch c.name {
		case "version", "schema":
			cc.args = ""
		case "completion":
			cc.args = "shells"
		}
		got.VisitAll(func(f *flag.Flag) {
			value, usage := flag.UnquoteUsage(f)
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
				value = ""
			}
			cf := compFlag{name: f.Name, summary: firstClause(usage), value: value}
			if ch, ok := f.Value.(interface{ Choices() []string }); ok {
				cf.choices = ch.Choices()
			}
			cc.flags = append(cc.flags, cf)
		})
		out = append(out, cc)
	}
	out = append(out, compCommand{name: "help", summary: "show a command's flags and examples", args: "commands"})
	slices.SortFunc(out, func(a, b compCommand) int { return strings.Compare(a.name, b.name) })
	return out, nil
}

// firstClause shortens a flag's usage to what fits beside it in a menu:
// up to its first colon, semicolon or parenthesis.
func firstClause(s string) string {
	for _, sep := range []string{": ", "; ", " ("} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	return strings.TrimSpace(s)
}

func commandNames(cmds []compCommand) string {
	names := make([]string, len(cmds))
	for i, c := range cmds {
		names[i] = c.name
	}
	return strings.Join(names, " ")
}

// writeBashCompletion writes a bash completion function: commands first,
// then the command's flags for a word starting with -, the choices of the
// flag before the cursor (also as --flag=value), and files otherwise
// (`complete -o default`).
func writeBashCompletion(w io.Writer, cmds []compCommand) {
	var b strings.Builder
	b.WriteString(`# bash completion for pillar. Load it with
#   source <(pillar completion bash)
# or save it as ~/.local/share/bash-completion/completions/pillar.
_pillar() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	# bash splits --format=json at the =: complete the value after it.
	if [[ $cur == = ]]; then
		cur=
	elif [[ $prev == = && $COMP_CWORD -ge 2 ]]; then
		prev=${COMP_WORDS[COMP_CWORD-2]}
	fi
	if [[ $COMP_CWORD -eq 1 ]]; then
`)
	fmt.Fprintf(&b, "\t\tCOMPREPLY=($(compgen -W '%s' -- \"$cur\"))\n\t\treturn\n\tfi\n", commandNames(cmds))
	b.WriteString("\tlocal flags= values=\n\tcase ${COMP_WORDS[1]} in\n")
	for _, c := range cmds {
		fmt.Fprintf(&b, "\t%s)\n", c.name)
		switch c.args {
		case "commands":
			fmt.Fprintf(&b, "\t\tCOMPREPLY=($(compgen -W '%s' -- \"$cur\"))\n\t\treturn\n\t\t;;\n", commandNames(cmds))
			continue
		case "shells":
			fmt.Fprintf(&b, "\t\tCOMPREPLY=($(compgen -W '%s' -- \"$cur\"))\n\t\treturn\n\t\t;;\n", strings.Join(completionShells, " "))
			continue
		}
		var names []string
		for _, f := range c.flags {
			names = append(names, flagName(f.name))
		}
		fmt.Fprintf(&b, "\t\tflags='%s'\n", strings.Join(names, " "))
		var cases []string
		var plain []string
		for _, f := range c.flags {
			switch {
			case len(f.choices) > 0:
				cases = append(cases, fmt.Sprintf("\t\t%s) values='%s' ;;\n", flagName(f.name), strings.Join(f.choices, " ")))
			case f.value != "" && !f.file():
				plain = append(plain, flagName(f.name))
			}
		}
		if len(cases) > 0 || len(plain) > 0 {
			b.WriteString("\t\tcase $prev in\n")
			for _, cs := range cases {
				b.WriteString(cs)
			}
			if len(plain) > 0 {
				// A date, a number, a name: nothing to offer.
				fmt.Fprintf(&b, "\t\t%s) compopt +o default 2>/dev/null; return ;;\n", strings.Join(plain, "|"))
			}
			b.WriteString("\t\tesac\n")
		}
		b.WriteString("\t\t;;\n")
	}
	b.WriteString(`	esac
	if [[ -n $values ]]; then
		COMPREPLY=($(compgen -W "$values" -- "$cur"))
	elif [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$flags" -- "$cur"))
	fi
}
complete -o default -F _pillar pillar
`)
	io.WriteString(w, b.String())
}

// writeZshCompletion writes a zsh completion function for _arguments, to
// autoload from $fpath (as _pillar) or to source.
func writeZshCompletion(w io.Writer, cmds []compCommand) {
	var b strings.Builder
	b.WriteString(`#compdef pillar
# zsh completion for pillar. Save it as _pillar in a folder of $fpath, or
# load it with: source <(pillar completion zsh)
_pillar() {
	local -a commands
	commands=(
`)
	for _, c := range cmds {
		fmt.Fprintf(&b, "\t\t%s\n", zshQuote(c.name+":"+c.summary))
	}
	b.WriteString(`	)
	if (( CURRENT == 2 )); then
		_describe -t commands 'pillar command' commands
		return
	fi
	local cmd=${words[2]}
	words=("${words[1]}" "${(@)words[3,-1]}")
	(( CURRENT-- ))
	case $cmd in
`)
	for _, c := range cmds {
		fmt.Fprintf(&b, "\t%s)\n", c.name)
		switch c.args {
		case "commands":
			b.WriteString("\t\t_describe -t commands 'pillar command' commands\n\t\t;;\n")
			continue
		case "shells":
			fmt.Fprintf(&b, "\t\t_values shell %s\n\t\t;;\n", strings.Join(completionShells, " "))
			continue
		}
		b.WriteString("\t\t_arguments -s")
		for _, f := range c.flags {
			spec := flagName(f.name)
			if f.value != "" {
				if len(f.name) == 1 {
					spec += "+"
				} else {
					spec += "="
				}
			}
			spec += "[" + zshDescription(f.summary) + "]"
			switch {
			case len(f.choices) > 0:
				spec += ":" + f.value + ":(" + strings.Join(f.choices, " ") + ")"
			case f.file():
				spec += ":" + f.value + ":_files"
				if f.value == "folder" {
					spec += " -/"
				}
			case f.value != "":
				spec += ":" + f.value + ": "
			}
			fmt.Fprintf(&b, " \\\n\t\t\t%s", zshQuote(spec))
		}
		if c.args == "files" {
			b.WriteString(" \\\n\t\t\t'*:path:_files'")
		}
		b.WriteString("\n\t\t;;\n")
	}
	b.WriteString(`	esac
}
if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
	_pillar "$@"
else
	compdef _pillar pillar
fi
`)
	io.WriteString(w, b.String())
}

// zshQuote single-quotes s for zsh.
func zshQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// zshDescription keeps a description from closing _arguments' brackets.
func zshDescription(s string) string {
	return strings.NewReplacer("[", "(", "]", ")", `\`, "/").Replace(s)
}

// writeFishCompletion writes `complete` commands for fish.
func writeFishCompletion(w io.Writer, cmds []compCommand) {
	var b strings.Builder
	b.WriteString(`# fish completion for pillar. Save it as
# ~/.config/fish/completions/pillar.fish, or load it with:
#   pillar completion fish | source
complete -c pillar -f
`)
	for _, c := range cmds {
		fmt.Fprintf(&b, "complete -c pillar -n __fish_use_subcommand -a %s -d %s\n", c.name, fishQuote(c.summary))
	}
	var files []string
	for _, c := range cmds {
		cond := fishQuote("__fish_seen_subcommand_from " + c.name)
		switch c.args {
		case "commands":
			fmt.Fprintf(&b, "complete -c pillar -n %s -x -a %s\n", cond, fishQuote(commandNames(cmds)))
		case "shells":
			fmt.Fprintf(&b, "complete -c pillar -n %s -x -a %s\n", cond, fishQuote(strings.Join(completionShells, " ")))
		case "files":
			files = append(files, c.name)
		}
		for _, f := range c.flags {
			opt := "-l " + f.name
			if len(f.name) == 1 {
				opt = "-s " + f.name
			}
			var val string
			switch {
			case len(f.choices) > 0:
				val = " -x -a " + fishQuote(strings.Join(f.choices, " "))
			case f.file():
				val = " -r -F"
			case f.value != "":
				val = " -x"
			}
			fmt.Fprintf(&b, "complete -c pillar -n %s %s%s -d %s\n", cond, opt, val, fishQuote(f.summary))
		}
	}
	fmt.Fprintf(&b, "complete -c pillar -n %s -F\n", fishQuote("__fish_seen_subcommand_from "+strings.Join(files, " ")))
	io.WriteString(w, b.String())
}

// fishQuote single-quotes s for fish, where \ and ' are escaped.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
