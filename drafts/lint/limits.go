package lint

import (
	"strings"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/schema"
)

// limitRule says which of the drafts' rules reports each of package
// platform's problems.
var limitRule = map[string]rule{
	"text-too-long":       ruleTooLong,
	"text-too-many-bytes": ruleTooLong,
	"too-many-hashtags":   ruleTooMany,
	"too-many-mentions":   ruleTooMany,
	"too-many-links":      ruleTooMany,
	"link-not-clickable":  ruleNotClickable,
	"links-not-allowed":   ruleForbidden,
	"forbidden-character": ruleForbidden,
}

// checkLimits measures the draft against its channel's network limits
// (package platform: counted as the network counts, with the channel's
// overrides). A problem in the text points where it starts (for a text
// too long, where the count passes the limit); one about the link column,
// at the link.
func (l *Linter) checkLimits(d *drafts.Draft, emit func(schema.Diagnostic)) {
	if !l.on(ruleTooLong) && !l.on(ruleTooMany) && !l.on(ruleNotClickable) && !l.on(ruleForbidden) {
		return
	}
	lim, ok := l.limits[d.Channel]
	if !ok {
		return // an unknown channel: the engine reports it
	}
	for _, p := range lim.Check(d.Text, d.Links) {
		r, ok := limitRule[p.Rule]
		if !ok || !l.on(r) {
			continue
		}
		var at drafts.Position
		length := 1
		switch {
		case p.Length > 0 && p.Offset+p.Length <= len(d.Text):
			at = d.TextPos(p.Offset)
			seg := d.Text[p.Offset : p.Offset+p.Length]
			if i := strings.IndexByte(seg, '\n'); i >= 0 {
				seg = seg[:i]
			}
			length = utf8.RuneCountInString(seg)
		case len(d.Links) > 0 && d.Pos[drafts.FieldLink].Line > 0:
			at = d.Pos[drafts.FieldLink]
		default:
			at, _ = atField(d, drafts.FieldText, "", false)
		}
		emit(l.finding(r, d.File, at, length, p.Hint, "%s", p.Message))
	}
}
