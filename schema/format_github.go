package schema

import (
	"io"
	"path/filepath"
	"strconv"
	"strings"
)

// githubFormatter writes GitHub Actions workflow commands, one line per
// diagnostic, which the runner turns into annotations on the pull request:
//
//	::error file=strategy.yaml,line=42,col=9,endColumn=14,title=pillar-weights-sum::pillar weights add up to 99, not 100%0AAdjust the weights…
//
// It prints nothing else, so every line of its output is a command.
type githubFormatter struct {
	w io.Writer
}

func (f *githubFormatter) Write(r Result) error {
	var b strings.Builder
	for _, d := range r.Diagnostics {
		b.WriteString(githubCommand(d))
		b.WriteByte('\n')
	}
	if len(r.Omitted) > 0 {
		b.WriteString(omittedCommand(r))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(f.w, b.String())
	return err
}

// omittedCommand is a notice on the strategy's main file that says what
// the result found but does not list, so that the counts reach the pull
// request with the annotations.
func omittedCommand(r Result) string {
	parts := make([]string, len(r.Omitted))
	for i, o := range r.Omitted {
		parts[i] = o.Text()
	}
	msg := "Also found, not listed: " + strings.Join(parts, ", ") + ".\n" + omittedHint
	return "::notice file=" + escapeProperty(filepath.ToSlash(r.Path)) + ",title=" + escapeProperty("pillar: "+Thousands(r.OmittedCount())+" more findings") + "::" + escapeData(msg)
}

func (f *githubFormatter) Flush() error { return nil }

// githubCommand formats one diagnostic as a workflow command. endColumn is
// exclusive, like SARIF's. Positions below 1 (whole-file findings) are left
// out rather than sent as 0, which the runner would reject or misplace.
func githubCommand(d Diagnostic) string {
	command := "notice"
	switch d.Severity {
	case Error:
		command = "error"
	case Warning:
		command = "warning"
	}
	props := []string{"file=" + escapeProperty(filepath.ToSlash(d.File))}
	if d.Line > 0 {
		props = append(props, "line="+strconv.Itoa(d.Line))
		if d.Column > 0 {
			props = append(props,
				"col="+strconv.Itoa(d.Column),
				"endColumn="+strconv.Itoa(d.Column+span(d)))
		}
	}
	if d.Rule != "" {
		props = append(props, "title="+escapeProperty(d.Rule))
	}
	message := d.Message
	if d.Hint != "" {
		message += "\n" + d.Hint
	}
	return "::" + command + " " + strings.Join(props, ",") + "::" + escapeData(message)
}

// The escapes follow @actions/core's toCommandValue/escapeData and
// escapeProperty: the runner undoes exactly these.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(stripControls(s)) }
func escapeProperty(s string) string { return propertyEscaper.Replace(stripControls(s)) }

// stripControls turns control characters other than line breaks into
// spaces: the runner prints annotations in the log, where an escape
// sequence from a strategy file would otherwise recolour or rewrite it.
func stripControls(s string) string {
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\r' && isControl(r) {
			return ' '
		}
		return r
	}, s)
}
