package github

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/pillar-strategy/pillar/schema"
)

// Silencing is one way a pull request keeps findings from being reported:
// a rule switched off or made less severe in a rules map (a strategy's
// `rules:` or the config file's), or a new `# pillar:ignore` comment. A
// team may do so, but a reviewer should see it, since the findings it
// hides are the ones the pull request would otherwise fail on.
type Silencing struct {
	// Path is the file, relative to the repository's root.
	Path string
	// Line is the line in the pull request's head: the rules-map entry or
	// the comment. 0 names the file as a whole, where an entry was
	// removed.
	Line int

	// Rule is the rule re-graded in a rules map; empty for a comment.
	Rule string
	// From and To are its severity before and after the pull request:
	// error, warning, info or off.
	From, To string
	// Removed reports that the entry that set From is gone, and To is
	// what the rule falls back to.
	Removed bool

	// Comment is "pillar:ignore" or "pillar:ignore-file" for a new
	// comment; empty for a rules-map entry.
	Comment string
	// Rules are the rule ids the comment names; none means every rule.
	Rules []string
	// Target is the line a pillar:ignore comment silences.
	Target int
}

// SilencedInComment is how many silencings the comment lists; the job
// summary lists all.
const SilencedInComment = 30

// maxRulesShown bounds the rule ids shown for one comment, which a file
// can make as long as it likes.
const maxRulesShown = 5

// maxIDShown bounds a rule id as shown: a comment may name anything.
const maxIDShown = 64

// cutID is id cut to maxIDShown characters, marked when cut.
func cutID(id string) string {
	if r := []rune(id); len(r) > maxIDShown {
		return string(r[:maxIDShown]) + "…"
	}
	return id
}

// SortSilencings orders silencings by file, line and rule, so that the
// comment reads the same on every run.
func SortSilencings(s []Silencing) {
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Rule < b.Rule
	})
}

// what says in Markdown what a silencing does.
func (s Silencing) what() string {
	if s.Comment != "" {
		text := "# " + s.Comment
		rules := s.Rules
		more := 0
		if len(rules) > maxRulesShown {
			rules, more = rules[:maxRulesShown], len(rules)-maxRulesShown
		}
		for _, id := range rules {
			text += " " + cutID(id)
		}
		out := "new " + mdCode(text)
		if more > 0 {
			out += fmt.Sprintf(" (and %d more rules)", more)
		}
		which := "these rules"
		if len(s.Rules) == 0 {
			which = "every rule"
		} else if len(s.Rules) == 1 {
			which = "this rule"
		}
		if s.Comment == "pillar:ignore-file" {
			return out + ": silences " + which + " in the whole file"
		}
		return out + ": silences " + which + " on line " + strconv.Itoa(s.Target)
	}
	rule := mdCode(s.Rule)
	var out string
	if s.To == schema.Off.String() {
		out = rule + " switched off (was " + mdText(s.From) + ")"
	} else {
		out = rule + " downgraded: " + mdText(s.From) + " → " + mdText(s.To)
	}
	if s.Removed {
		out += ", as the entry that made it " + mdText(s.From) + " is removed"
	}
	return out
}

// silenced writes the section that lists what the pull request silences,
// up to limit entries (all when limit < 0); nothing when it silences
// nothing.
func (r *Report) silenced(b *strings.Builder, limit int) {
	if len(r.Silenced) == 0 {
		return
	}
	b.WriteString("\n### This pull request silences findings\n\n")
	fmt.Fprintf(b, "It switches rules off, makes them less severe or adds `pillar:ignore` comments (%s), "+
		"so findings these rules would report no longer show here or fail the check. That is the team's call: make sure each is meant.\n\n",
		plural(len(r.Silenced), "place", "places"))
	b.WriteString("| where | what |\n| --- | --- |\n")
	for i, s := range r.Silenced {
		if limit >= 0 && i == limit {
			break
		}
		fmt.Fprintf(b, "| %s | %s |\n", r.location(schema.Diagnostic{File: s.Path, Line: s.Line}), s.what())
	}
	if limit >= 0 && len(r.Silenced) > limit {
		more := "the job summary"
		if r.Links.RunURL != "" {
			more = "[the job summary](" + r.Links.RunURL + ")"
		}
		fmt.Fprintf(b, "\n…and %d more; %s lists them all.\n", len(r.Silenced)-limit, more)
	}
}
