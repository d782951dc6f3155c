package lint

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

// utmRule is the strategy's links.utm convention, prepared.
type utmRule struct {
	domains []string // lower-case hosts; nil means every link
	params  []utmParam
	shown   string // the convention, for hints
}

// utmParam is one parameter of the convention.
type utmParam struct {
	key  string // utm_source…
	want string // "required", or a value with placeholders
}

// newUTMRule prepares links.utm, or returns nil when the strategy has
// none. Without domains, the host of brand.website is the brand's site;
// without either, every link is.
func newUTMRule(s *strategy.Strategy) *utmRule {
	if s.Links == nil || s.Links.UTM == nil {
		return nil
	}
	u := s.Links.UTM
	r := &utmRule{}
	for _, p := range []utmParam{{"utm_source", u.Source}, {"utm_medium", u.Medium}, {"utm_campaign", u.Campaign}, {"utm_term", u.Term}, {"utm_content", u.Content}} {
		if p.want != "" {
			r.params = append(r.params, p)
		}
	}
	if len(r.params) == 0 {
		return nil
	}
	for _, d := range u.Domains {
		r.domains = append(r.domains, strings.ToLower(strings.TrimPrefix(d, "www.")))
	}
	if len(r.domains) == 0 && s.Brand.Website != "" {
		if w, err := url.Parse(s.Brand.Website); err == nil && w.Hostname() != "" {
			r.domains = []string{strings.TrimPrefix(strings.ToLower(w.Hostname()), "www.")}
		}
	}
	parts := make([]string, len(r.params))
	for i, p := range r.params {
		parts[i] = p.key + "=" + p.want
	}
	r.shown = strings.Join(parts, "&")
	return r
}

// covers reports whether links to host must follow the convention.
func (r *utmRule) covers(host string) bool {
	if r.domains == nil {
		return true
	}
	host = strings.ToLower(host)
	for _, d := range r.domains {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

// checkLinks checks the draft's link field and the links in its text:
// https, then the UTM convention.
func (l *Linter) checkLinks(d *drafts.Draft, emit func(schema.Diagnostic)) {
	https, utm := l.on(ruleHTTPS), l.on(ruleUTM) && l.utm != nil
	if !https && !utm {
		return
	}
	for _, link := range d.Links {
		link = strings.TrimSpace(link)
		if link == "" {
			continue
		}
		p, n := atField(d, drafts.FieldLink, link, len(d.Links) == 1)
		l.checkLink(d, link, p, n, true, https, utm, emit)
	}
	for _, sp := range l.sc.links {
		p, n := l.atText(d, sp.start, sp.end)
		l.checkLink(d, d.Text[sp.start:sp.end], p, n, false, https, utm, emit)
	}
}

// checkLink checks one link; field says it is the link column's, where
// an address without a scheme is a finding (in the text, a link written
// www.… is left to the platform).
func (l *Linter) checkLink(d *drafts.Draft, link string, p drafts.Position, n int, field, https, utm bool, emit func(schema.Diagnostic)) {
	raw := link
	scheme, _, ok := strings.Cut(link, "://")
	switch {
	case ok && strings.EqualFold(scheme, "https"):
	case ok:
		if https {
			emit(l.finding(ruleHTTPS, d.File, p, n, catalog[ruleHTTPS].Help, "the link %s uses %s, not https", shorten(link), strings.ToLower(scheme)))
		}
	case field:
		if https {
			emit(l.finding(ruleHTTPS, d.File, p, n, catalog[ruleHTTPS].Help, "the link %s has no scheme; write it as https://%s", shorten(link), shorten(link)))
		}
		raw = "https://" + link
	default:
		raw = "https://" + link
	}
	if !utm {
		return
	}
	host, query := splitURL(raw)
	if host == "" || !l.utm.covers(host) {
		return
	}
	var problems []string
	for _, prm := range l.utm.params {
		want, ok := l.expand(prm.want, d)
		has, present := queryValue(query, prm.key)
		switch {
		case !ok:
			// A placeholder the draft has no value for: unchecked.
		case !present || has == "":
			if prm.want == "required" {
				problems = append(problems, prm.key)
			} else {
				problems = append(problems, prm.key+"="+string(want))
			}
		case prm.want != "required" && has != string(want):
			problems = append(problems, fmt.Sprintf("%s=%s (not %q)", prm.key, want, has))
		}
	}
	if len(problems) == 0 {
		return
	}
	hint := "The strategy's links.utm convention is " + l.utm.shown + ", so web analytics attribute the visit to this post. Add or correct the parameters."
	emit(l.finding(ruleUTM, d.File, p, n, hint, "the link %s needs %s", shorten(link), strings.Join(problems, ", ")))
}

// expand fills a value's placeholders from the draft into a scratch
// buffer, valid until the next call; ok is false when a placeholder has
// no value. "required" comes back as it is.
func (l *Linter) expand(want string, d *drafts.Draft) (b []byte, ok bool) {
	b = l.want[:0]
	defer func() { l.want = b }()
	for {
		i := strings.IndexByte(want, '{')
		j := strings.IndexByte(want[max(i, 0):], '}')
		if i < 0 || j < 0 {
			return append(b, want...), true // no placeholder left (or a brace the schema refuses)
		}
		var v string
		switch want[i+1 : i+j] {
		case "platform":
			v = l.platform[d.Channel]
		case "channel":
			v = d.Channel
		case "campaign":
			v = d.Campaign
		case "pillar":
			v = d.Pillar
		case "tactic":
			v = d.Tactic
		}
		if v == "" {
			return b, false
		}
		b = append(b, want[:i]...)
		b = append(b, v...)
		want = want[i+j+1:]
	}
}

// splitURL returns the host (without user info or port) and the query
// of an absolute URL. It is net/url's split without the allocations,
// since every link of every draft goes through it.
func splitURL(raw string) (host, query string) {
	_, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return "", ""
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	host = rest[:end]
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = host[i+1:]
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.Contains(host[i:], "]") {
		host = host[:i]
	}
	rest = rest[end:]
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		query = rest[i+1:]
	}
	return host, query
}

// queryValue returns the first value of key in a query string, decoded
// as a form value (+ is a space, %XX a byte).
func queryValue(query, key string) (string, bool) {
	for query != "" {
		var kv string
		kv, query, _ = strings.Cut(query, "&")
		k, v, _ := strings.Cut(kv, "=")
		if strings.ContainsAny(k, "%+") {
			if dk, err := url.QueryUnescape(k); err == nil {
				k = dk
			}
		}
		if k != key {
			continue
		}
		if strings.ContainsAny(v, "%+") {
			if dv, err := url.QueryUnescape(v); err == nil {
				v = dv
			}
		}
		return v, true
	}
	return "", false
}

// shorten keeps a long link readable in a message.
func shorten(link string) string {
	const most = 60
	if len(link) <= most {
		return link
	}
	cut := most
	for cut > 0 && link[cut]&0xC0 == 0x80 {
		cut--
	}
	return link[:cut] + "…"
}
