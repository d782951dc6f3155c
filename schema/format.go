package schema

import (
	"fmt"
	"io"
	"strings"
)

// Formatter writes validation results in one output format. A command calls
// Write once per strategy, in the order the strategies were named, and then
// Flush once.
type Formatter interface {
	// Write adds the result of validating one strategy. Streaming formats
	// print it at once; document formats (json, sarif) hold it until Flush.
	Write(r Result) error
	// Flush ends the output: the summary line, or the whole JSON or SARIF
	// document.
	Flush() error
}

// FormatOptions tune a Formatter. The zero value gives plain, uncoloured
// output.
type FormatOptions struct {
	// Color turns on ANSI colour in the text format. The caller decides:
	// only on a terminal, and never when NO_COLOR is set.
	Color bool
	// Annotations makes the text format also print a GitHub workflow
	// command after each diagnostic, so that a plain `pillar validate` in
	// GitHub Actions annotates the pull request. Callers set it when
	// GITHUB_ACTIONS=true.
	Annotations bool
	// Strict counts warnings as failures. It changes the summary only; the
	// exit code is the caller's business.
	Strict bool
	// ToolVersion is the version of pillar, reported as the SARIF driver's
	// version. It may be empty.
	ToolVersion string
}

// formatNames lists the formats in the order help text shows them.
var formatNames = []string{"text", "json", "github", "sarif"}

// Formats returns the names NewFormatter accepts.
func Formats() []string {
	return append([]string(nil), formatNames...)
}

// NewFormatter returns a Formatter for the named format that writes to w.
func NewFormatter(name string, w io.Writer, opts FormatOptions) (Formatter, error) {
	switch name {
	case "text":
		return &textFormatter{w: w, opts: opts}, nil
	case "json":
		return &jsonFormatter{w: w, opts: opts}, nil
	case "github":
		return &githubFormatter{w: w}, nil
	case "sarif":
		return &sarifFormatter{w: w, opts: opts}, nil
	}
	return nil, fmt.Errorf("unknown format %q: choose one of %s", name, strings.Join(formatNames, ", "))
}

// tally counts what the formats summarise. Files are counted once however
// many strategies read them, since strategies often share a parent.
type tally struct {
	strategies int
	files      map[string]bool
	errors     int
	warnings   int
	infos      int
	omitted    int
	failed     bool
}

func (t *tally) add(r Result, strict bool) {
	if t.files == nil {
		t.files = make(map[string]bool)
	}
	t.strategies++
	if r.Path != "" {
		t.files[r.Path] = true
	}
	for _, f := range r.Files {
		t.files[f] = true
	}
	t.errors += r.Count(Error)
	t.warnings += r.Count(Warning)
	t.infos += r.Count(Info)
	t.omitted += r.OmittedCount()
	if r.Failed(strict) {
		t.failed = true
	}
}

// summary is the closing line of the text format, e.g.
// "2 errors, 1 warning in 3 strategies (7 files)" or
// "3 strategies valid (7 files), 1 warning".
func (t *tally) summary(strict bool) string {
	if t.strategies == 0 {
		return "no strategies to check"
	}
	var counts []string
	if t.errors > 0 {
		counts = append(counts, Plural(t.errors, "error", "errors"))
	}
	if t.warnings > 0 {
		counts = append(counts, Plural(t.warnings, "warning", "warnings"))
	}
	if t.infos > 0 {
		counts = append(counts, Plural(t.infos, "info", "infos"))
	}
	strategies := Plural(t.strategies, "strategy", "strategies")
	files := Plural(len(t.files), "file", "files")
	if t.errors > 0 || (strict && t.warnings > 0) {
		s := fmt.Sprintf("%s in %s (%s)", strings.Join(counts, ", "), strategies, files)
		if t.errors == 0 {
			// Without this a reader sees only warnings and wonders why the
			// run failed.
			s += "; warnings fail in strict mode"
		}
		return s
	}
	s := fmt.Sprintf("%s valid (%s)", strategies, files)
	if len(counts) > 0 {
		s += ", " + strings.Join(counts, ", ")
	}
	return s
}

// Plural writes a count with its noun as findings write it: "1 error",
// "1,024 warnings".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Thousands(n) + " " + many
}

// copyResult detaches a held result from the caller's slices, which the
// caller may reuse before Flush.
func copyResult(r Result) Result {
	r.Files = append([]string(nil), r.Files...)
	r.Diagnostics = append([]Diagnostic(nil), r.Diagnostics...)
	r.Omitted = append([]Omitted(nil), r.Omitted...)
	return r
}

// span returns how many code points a diagnostic covers; a Length below 1
// still marks one, so every finding is visible.
func span(d Diagnostic) int {
	if d.Length < 1 {
		return 1
	}
	return d.Length
}
