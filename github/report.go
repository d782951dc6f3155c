package github

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	gh "github.com/google/go-github/v60/github"

	"github.com/pillar-strategy/pillar/render"
	"github.com/pillar-strategy/pillar/schema"
)

// Check-run conclusions pillar sets.
const (
	// Success: no errors and no warnings.
	Success = "success"
	// Failure: errors, or warnings under --strict. The run exits 1.
	Failure = "failure"
	// Neutral: warnings only. GitHub shows it as neither passed nor
	// failed, and a required check that ends neutral does not block a
	// merge, just as warnings do not fail `pillar validate`.
	Neutral = "neutral"
)

// CheckRunName is the name of pillar's check run.
const CheckRunName = "Pillar"

// Caps on what is listed where: the comment keeps to the first findings
// of each rule (CommentLocations), the check run to a bounded number of
// requests. The job summary lists everything.
const (
	// MaxAnnotations is how many annotations the check run gets: 20
	// requests of AnnotationsPerRequest.
	MaxAnnotations = 1000
	// maxAnnotationMessage keeps an annotation's message within GitHub's
	// 64 KB.
	maxAnnotationMessage = 60 << 10
)

// Report is what one run of `pillar github` found: the validation results
// of the strategies it checked and, for the ones a pull request changes,
// what the change does to them and to their plan. It renders the comment,
// the job summary and the check run; the rendering is deterministic.
type Report struct {
	// Results are the strategies checked, with file paths relative to the
	// repository's root and separated by slashes, as GitHub names files.
	Results []schema.Result
	// Strict makes warnings fail, as --strict does.
	Strict bool
	// Changes are the strategies the pull request changes, in order. Nil
	// when pillar did not compare (no pull request, no base commit).
	Changes []Change
	// Notes are things the reader should know, in plain sentences: that
	// pillar fell back to checking everything, or that no strategy
	// changed.
	Notes []string
	// Links make locations clickable.
	Links Links
	// Token is replaced by [redacted] wherever it would appear in what the
	// report renders: a git error or a path in a note, a strategy that
	// quotes it. The comment, the check run and the job summary are all
	// read by more people than the token is meant for.
	Token string
	// Silenced lists what the pull request does to keep findings from
	// being reported, in SortSilencings order; the comment and the job
	// summary show it.
	Silenced []Silencing
	// CommentKey tells this run's comment and check run apart from those
	// of other runs of pillar on the same pull request that check other
	// strategies (--comment-key); see MarkerFor. Empty for the one
	// comment most repositories need.
	CommentKey string
}

// Change is one strategy a pull request changes.
type Change struct {
	// Path is the strategy's main file, relative to the repository's root.
	Path string
	// Brand is the strategy's brand name, when known.
	Brand string
	// Diff is the comparison; nil when there is none, and Note says why.
	Diff *render.StrategyDiff
	// Note says why there is no Diff: a new strategy, a version with
	// errors.
	Note string
}

// Links are the addresses that make locations in the Markdown clickable.
// Empty fields leave links out.
type Links struct {
	// ServerURL is GitHub's web address, e.g. https://github.com.
	ServerURL string
	// Repo is owner/name.
	Repo string
	// SHA is the commit files are linked at.
	SHA string
	// RunURL is the workflow run, where the job summary is.
	RunURL string
	// CheckRunURL is the check run's page, which annotates every finding
	// on its line; known once the check run is made.
	CheckRunURL string
}

// file links to path at line (no line: the whole file), or is "".
func (l Links) file(path string, line int) string {
	if l.ServerURL == "" || l.Repo == "" || l.SHA == "" {
		return ""
	}
	u := strings.TrimRight(l.ServerURL, "/") + "/" + l.Repo + "/blob/" + l.SHA + "/" + escapePath(path)
	if line > 0 {
		u += "#L" + strconv.Itoa(line)
	}
	return u
}

// Tally counts a report's strategies, files and findings.
type Tally struct {
	// Strategies is the number of strategies checked.
	Strategies int
	// Files is the number of files they were read from, each counted once.
	Files int
	// Errors, Warnings and Infos count the findings by severity.
	Errors, Warnings, Infos int
}

// Tally counts the report. Files shared by several strategies (a parent)
// count once.
func (r *Report) Tally() Tally {
	var t Tally
	files := map[string]bool{}
	for _, res := range r.Results {
		t.Strategies++
		files[res.Path] = true
		for _, f := range res.Files {
			files[f] = true
		}
		t.Errors += res.Count(schema.Error)
		t.Warnings += res.Count(schema.Warning)
		t.Infos += res.Count(schema.Info)
	}
	delete(files, "")
	t.Files = len(files)
	return t
}

// Failed reports whether the run fails: errors, or warnings under Strict.
func (r *Report) Failed() bool {
	t := r.Tally()
	return t.Errors > 0 || (r.Strict && t.Warnings > 0)
}

// Conclusion is the check run's conclusion: Failure, Neutral or Success.
func (r *Report) Conclusion() string {
	switch t := r.Tally(); {
	case r.Failed():
		return Failure
	case t.Warnings > 0:
		return Neutral
	}
	return Success
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return schema.Thousands(n) + " " + many
}

// Title is the report in a few words, e.g. "2 errors, 1 warning in 3
// strategies" or "3 strategies valid, 1 warning".
func (r *Report) Title() string {
	t := r.Tally()
	if t.Strategies == 0 {
		return "No strategies to check"
	}
	var counts []string
	if t.Errors > 0 {
		counts = append(counts, plural(t.Errors, "error", "errors"))
	}
	if t.Warnings > 0 {
		counts = append(counts, plural(t.Warnings, "warning", "warnings"))
	}
	if t.Infos > 0 {
		counts = append(counts, plural(t.Infos, "note", "notes"))
	}
	strategies := plural(t.Strategies, "strategy", "strategies")
	if r.Failed() {
		s := strings.Join(counts, ", ") + " in " + strategies
		if t.Errors == 0 {
			s += " (warnings fail in strict mode)"
		}
		return s
	}
	s := strategies + " valid"
	if len(counts) > 0 {
		s += ", " + strings.Join(counts, ", ")
	}
	return s
}

// status is the first line of every output: an icon, the title, the files.
func (r *Report) status() string {
	icon := "✅"
	switch r.Conclusion() {
	case Failure:
		icon = "❌"
	case Neutral:
		icon = "⚠️"
	}
	t := r.Tally()
	if t.Strategies == 0 {
		return icon + " " + r.Title() + "."
	}
	return fmt.Sprintf("%s **%s** (%s).", icon, mdText(r.Title()), plural(t.Files, "file", "files"))
}

// finding is a diagnostic with the strategy it was found in.
type finding struct {
	schema.Diagnostic
}

// findings lists the diagnostics at or above a severity: errors first,
// then warnings, then notes, each in file order. Diagnostics can repeat
// across strategies that share a file (a parent); they are listed once.
func (r *Report) findings(least schema.Severity) []finding {
	var out []finding
	seen := map[string]bool{}
	for sev := schema.Error; sev <= least; sev++ {
		for _, res := range r.Results {
			for _, d := range res.Diagnostics {
				if d.Severity != sev {
					continue
				}
				key := d.String() + "\x00" + d.Hint
				if seen[key] {
					continue
				}
				seen[key] = true
				out = append(out, finding{d})
			}
		}
	}
	return out
}

// location writes file:line:col, linked to the line when links are known.
func (r *Report) location(d schema.Diagnostic) string {
	text := filepath.ToSlash(d.File)
	if d.Line > 0 {
		text += ":" + strconv.Itoa(d.Line)
		if d.Column > 0 {
			text += ":" + strconv.Itoa(d.Column)
		}
	}
	if u := r.Links.file(filepath.ToSlash(d.File), d.Line); u != "" {
		return "[" + mdText(text) + "](" + u + ")"
	}
	return mdCode(text)
}

// unlistedFindings are findings of one rule and severity that a strategy's
// result counts but does not list.
type unlistedFindings struct {
	path string
	schema.Omitted
}

// unlisted returns the findings at or above a severity that the results
// count but do not list: errors first, then warnings, then notes, each in
// the order of the results.
func (r *Report) unlisted(least schema.Severity) []unlistedFindings {
	var out []unlistedFindings
	for sev := schema.Error; sev <= least; sev++ {
		for _, res := range r.Results {
			for _, o := range res.Omitted {
				if o.Severity == sev {
					out = append(out, unlistedFindings{res.Path, o})
				}
			}
		}
	}
	return out
}

func (r *Report) notes(b *strings.Builder) {
	for _, n := range r.Notes {
		b.WriteString("\n> " + mdText(n) + "\n")
	}
}

// changes writes each changed strategy's diff in Markdown.
func (r *Report) changes(b *strings.Builder) {
	for _, c := range r.Changes {
		title := mdCode(c.Path)
		if c.Brand != "" {
			title = mdText(c.Brand) + " · " + title
		}
		fmt.Fprintf(b, "\n### %s\n\n", title)
		if c.Diff == nil {
			b.WriteString(mdText(c.Note) + "\n")
			continue
		}
		var md bytes.Buffer
		if err := render.WriteDiff(&md, c.Diff, "md"); err != nil {
			b.WriteString(mdText("The comparison could not be written: "+err.Error()) + "\n")
			continue
		}
		// The diff starts with its own heading; this one names the file.
		body := md.String()
		if strings.HasPrefix(body, "### ") {
			_, body, _ = strings.Cut(body, "\n")
			body = strings.TrimLeft(body, "\n")
		}
		b.WriteString(body)
	}
}

// Comment is the body of pillar's pull-request comment: Marker, the
// validation summary, every finding it counts grouped by rule (errors,
// warnings and notes; the first CommentLocations of each rule, then a
// count and a link to the check run), notes, and each changed strategy's
// diff, cut to CommentLimit. Handles
// are kept from notifying GitHub users (see quietMentions).
func (r *Report) Comment() string {
	var b strings.Builder
	b.WriteString(MarkerFor(r.CommentKey) + "\n## Pillar: strategy review" + r.keySuffix() + "\n\n")
	b.WriteString(r.status() + "\n")
	r.notes(&b)
	r.findingGroups(&b, schema.Info, CommentLocations, r.elsewhere())
	r.silenced(&b, SilencedInComment)
	r.changes(&b)
	body := r.public(b.String())
	footer := "\n---\n<sub>Updated by pillar on every push"
	if r.Links.SHA != "" {
		footer += "; last checked at " + ShortSHA(r.Links.SHA)
	}
	if r.Links.CheckRunURL != "" {
		footer += " (" + r.checkRunLink() + ")"
	}
	footer += ".</sub>\n"
	cut := "**The rest is cut: a comment holds at most 65,536 characters. The job summary has everything.**"
	return truncate(body, CommentLimit-len(footer), cut) + footer
}

// StepSummary is the Markdown for the job summary: the validation summary,
// every finding grouped by rule with the rule's hint (GitHub shows only the first 10 errors and
// 10 warnings of a step as annotations), notes and the diffs, cut to
// StepSummaryLimit.
func (r *Report) StepSummary() string {
	var b strings.Builder
	b.WriteString("## Pillar: strategy review" + r.keySuffix() + "\n\n")
	b.WriteString(r.status() + "\n")
	r.notes(&b)
	if len(r.groups(schema.Info)) > 0 {
		b.WriteString("\n### Findings\n")
		r.findingGroups(&b, schema.Info, -1, "")
	}
	r.silenced(&b, -1)
	r.changes(&b)
	return truncate(r.redact(b.String()), StepSummaryLimit, "**The rest is cut: a job summary holds at most 1 MiB.**")
}

// CheckRun is the check run for commit sha: the conclusion, the title, a
// summary with the first findings and the notes, the diffs as text, and up
// to MaxAnnotations annotations.
func (r *Report) CheckRun(sha string, completed time.Time) CheckRun {
	var sum strings.Builder
	sum.WriteString(r.status() + "\n")
	r.notes(&sum)
	anns := r.Annotations()
	counted := 0
	for _, u := range r.unlisted(schema.Info) {
		counted += u.Count
	}
	switch {
	case len(anns) > MaxAnnotations:
		fmt.Fprintf(&sum, "\n> Only the first %s findings are annotated; the job summary lists all %s", schema.Thousands(MaxAnnotations), schema.Thousands(len(anns)))
		if counted > 0 {
			fmt.Fprintf(&sum, " and counts %s more by rule", schema.Thousands(counted))
		}
		sum.WriteString(".\n")
		anns = anns[:MaxAnnotations]
	case counted > 0:
		fmt.Fprintf(&sum, "\n> %s more findings are counted but not annotated; the job summary counts them by rule.\n", schema.Thousands(counted))
	}
	// The check run is where this summary is read: its annotations
	// are the place for the rest, not a link to itself.
	self := *r
	self.Links.CheckRunURL = ""
	self.findingGroups(&sum, schema.Info, CommentLocations, "the annotations and "+self.elsewhere())
	var text strings.Builder
	r.changes(&text)
	cut := "**The rest is cut: a check run holds at most 65,535 characters here. The job summary has everything.**"
	return CheckRun{
		Name:        CheckRunName + r.keySuffix(),
		HeadSHA:     sha,
		Conclusion:  r.Conclusion(),
		Title:       r.redact(r.Title()),
		Summary:     truncate(r.public(sum.String()), CheckRunTextLimit, cut),
		Text:        truncate(r.public(strings.TrimLeft(text.String(), "\n")), CheckRunTextLimit, cut),
		Annotations: anns,
		CompletedAt: completed,
	}
}

// public readies Markdown for a pull request before it is cut to size,
// since both change its length: the token redacted, handles kept from
// notifying anyone.
func (r *Report) public(md string) string {
	return quietMentions(r.redact(md))
}

// redact replaces the token in s as written and as escaped for Markdown
// (a token's underscores become \_).
func (r *Report) redact(s string) string {
	s = Redact(s, r.Token)
	if esc := mdText(r.Token); esc != r.Token && len(r.Token) >= minSecret {
		s = Redact(s, esc)
	}
	return s
}

// keySuffix names the comment key in headings and the check run's name:
// " (KEY)", or "" without one.
func (r *Report) keySuffix() string {
	if r.CommentKey == "" {
		return ""
	}
	return " (" + r.CommentKey + ")"
}

// Annotations turns every diagnostic into a check-run annotation, errors
// first. Columns follow the workflow commands of package schema (end
// exclusive), since the runner turns those into the same annotations.
func (r *Report) Annotations() []*gh.CheckRunAnnotation {
	var out []*gh.CheckRunAnnotation
	for _, f := range r.findings(schema.Info) {
		d := f.Diagnostic
		line := max(d.Line, 1)
		level := "notice"
		switch d.Severity {
		case schema.Error:
			level = "failure"
		case schema.Warning:
			level = "warning"
		}
		msg := d.Message
		if d.Hint != "" {
			msg += "\n\n" + d.Hint
		}
		a := &gh.CheckRunAnnotation{
			Path:            gh.String(r.redact(filepath.ToSlash(d.File))),
			StartLine:       gh.Int(line),
			EndLine:         gh.Int(line),
			AnnotationLevel: gh.String(level),
			Message:         gh.String(cutRunes(r.redact(msg), maxAnnotationMessage)),
			Title:           gh.String(r.redact(d.Rule)),
		}
		if d.Line > 0 && d.Column > 0 {
			a.StartColumn = gh.Int(d.Column)
			a.EndColumn = gh.Int(d.Column + max(d.Length, 1))
		}
		out = append(out, a)
	}
	return out
}

// cutRunes cuts s to at most n bytes without splitting a character.
func cutRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
