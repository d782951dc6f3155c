package github

import (
	"fmt"
	"strings"

	"github.com/pillar-strategy/pillar/schema"
)

// CommentLocations is how many findings of one rule the comment and the
// check run's summary list before they say how many more there are; the
// job summary lists them all, and the check run annotates them all.
const CommentLocations = 5

// group is the findings of one rule and severity: what a reviewer reads
// as one problem, however many places it is in.
type group struct {
	severity schema.Severity
	rule     string
	// hint is said once for the group: the findings' own when they share
	// one, else the rule's.
	hint     string
	findings []finding
	// unlisted counts the findings the results counted but do not list
	// (see schema.Options.MaxPerRule).
	unlisted int
}

// total is how many findings the group stands for.
func (g *group) total() int { return len(g.findings) + g.unlisted }

// groups gathers the findings at or above a severity by rule: errors
// first, then warnings, then notes, each severity's rules in the order
// their first finding comes (file order), with what the results count but
// do not list added to its rule's group.
func (r *Report) groups(least schema.Severity) []*group {
	var out []*group
	at := map[string]*group{}
	get := func(sev schema.Severity, rule string) *group {
		key := sev.String() + "\x00" + rule
		g := at[key]
		if g == nil {
			g = &group{severity: sev, rule: rule}
			at[key] = g
			out = append(out, g)
		}
		return g
	}
	for sev := schema.Error; sev <= least; sev++ {
		for _, f := range r.findings(sev) {
			if f.Severity == sev {
				g := get(sev, f.Rule)
				g.findings = append(g.findings, f)
			}
		}
		for _, u := range r.unlisted(sev) {
			if u.Severity == sev {
				get(sev, u.Rule).unlisted += u.Count
			}
		}
	}
	for _, g := range out {
		g.hint = sharedHint(g)
	}
	return out
}

// sharedHint is the hint said once for a group: the one all its findings
// carry, else the rule's own help (findings often word the rule's hint for
// the place they are in: "Add role: … what youtube does"), else the one
// most of them carry. The job summary keeps a finding's other hint beside
// it.
func sharedHint(g *group) string {
	if len(g.findings) > 0 {
		h := g.findings[0].Hint
		same := true
		for _, f := range g.findings[1:] {
			same = same && f.Hint == h
		}
		if same {
			return h
		}
	}
	if rule, ok := schema.LookupRule(g.rule); ok {
		return rule.Help
	}
	counts := map[string]int{}
	best := ""
	for _, f := range g.findings {
		counts[f.Hint]++
		if counts[f.Hint] > counts[best] {
			best = f.Hint
		}
	}
	return best
}

func severityWords(s schema.Severity, n int) string {
	switch s {
	case schema.Error:
		return plural(n, "error", "errors")
	case schema.Warning:
		return plural(n, "warning", "warnings")
	}
	return plural(n, "note", "notes")
}

func severityIcon(s schema.Severity) string {
	switch s {
	case schema.Error:
		return "❌"
	case schema.Warning:
		return "⚠️"
	}
	return "ℹ️"
}

// findingGroups writes the findings at or above least grouped by rule:
// a line with the count and the rule, its hint once, then up to limit
// findings (all when limit < 0) with their location and message, and how
// many more there are, which elsewhere says where to find. The job summary
// (limit < 0) also says why some findings are counted and not listed.
func (r *Report) findingGroups(b *strings.Builder, least schema.Severity, limit int, elsewhere string) {
	groups := r.groups(least)
	if len(groups) == 0 {
		return
	}
	if limit >= 0 {
		if link := r.checkRunLink(); link != "" {
			b.WriteString("\nEach finding is annotated on its line in " + link + ".\n")
		}
	}
	counted := false
	for _, g := range groups {
		fmt.Fprintf(b, "\n%s **%s** `%s`", severityIcon(g.severity), severityWords(g.severity, g.total()), strings.ReplaceAll(g.rule, "`", ""))
		if g.hint != "" {
			b.WriteString(" — *" + mdText(g.hint) + "*")
		}
		b.WriteString("\n\n")
		for i, f := range g.findings {
			if limit >= 0 && i == limit {
				break
			}
			line := "- " + r.location(f.Diagnostic) + ": " + mdText(f.Message)
			if limit < 0 && f.Hint != "" && f.Hint != g.hint {
				line += " — *" + mdText(f.Hint) + "*"
			}
			b.WriteString(line + "\n")
		}
		// Past the limit are findings listed elsewhere (hidden) and
		// findings no output lists, only counts (g.unlisted).
		hidden := 0
		if limit >= 0 {
			hidden = max(0, len(g.findings)-limit)
		}
		counted = counted || g.unlisted > 0
		switch {
		case hidden+g.unlisted == 0:
		case g.unlisted == 0:
			fmt.Fprintf(b, "- …and %s more in %s\n", schema.Thousands(hidden), elsewhere)
		case hidden == 0 && len(g.findings) == 0:
			fmt.Fprintf(b, "- all %s counted but not listed\n", schema.Thousands(g.unlisted))
		case hidden == 0:
			fmt.Fprintf(b, "- …and %s more, counted but not listed\n", schema.Thousands(g.unlisted))
		default:
			fmt.Fprintf(b, "- …and %s more: %s in %s, the other %s counted but not listed\n",
				schema.Thousands(hidden+g.unlisted), schema.Thousands(hidden), elsewhere, schema.Thousands(g.unlisted))
		}
	}
	if counted {
		b.WriteString("\nPillar lists the first " + schema.Thousands(schema.DefaultMaxPerRule) +
			" findings of each rule and " + schema.Thousands(schema.DefaultMaxFindings) + " in all for each strategy, and counts the rest.\n")
	}
}

// checkRunLink is a Markdown link to the check run, or "" when its address
// is not known (no check run made, or a dry run).
func (r *Report) checkRunLink() string {
	if r.Links.CheckRunURL == "" {
		return ""
	}
	return "[the check run](" + r.Links.CheckRunURL + ")"
}

// elsewhere names where the findings a comment leaves out are: the check
// run, which annotates every finding, and the job summary, which lists
// them, linked when their addresses are known.
func (r *Report) elsewhere() string {
	summary := "the job summary"
	if r.Links.RunURL != "" {
		summary = "[the job summary](" + r.Links.RunURL + ")"
	}
	if link := r.checkRunLink(); link != "" {
		return link + " and " + summary
	}
	return summary
}
