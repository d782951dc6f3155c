package synth

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/strategy"
)

// language holds the small talk posts are made of, in one language, beside
// the strategy's own topics and example posts.
type language struct {
	openers   []string
	closers   []string
	neutral   []string // says nothing about any pillar
	customers []string // handles of people who are not influencers
	credit    string   // "with", before a mentioned handle
	yesterday string   // how an export might write a relative date
}

var (
	norwegian = &language{
		openers: []string{"Hei, alle sammen!", "Psst!", "Et lite tips:", "Vi har gledet oss til å vise dere dette.",
			"Dette er en av favorittene våre akkurat nå.", "Visste du dette?", "Kort fortalt:", "Fra oss til deg 💚",
			"Sånn blir det hos oss denne uka:", "Nytt hos oss:"},
		closers: []string{"Hva synes du?", "Skriv i kommentarfeltet!", "Lagre innlegget til senere.", "Del med en venn som trenger det.",
			"Vi ses!", "Tagg noen som burde se dette 👇", "Fortell oss hva du vil se mer av.", "Velkommen innom!"},
		neutral: []string{"Takk for at dere heier på oss 💚", "God helg, alle sammen!", "Snart vår – vi teller dager 🌱",
			"Dagens lille glede: sol på fortauet.", "Åse, Øystein og Håkon sier hei! 👋", "«Fin dag i dag», sa Bjørn – og det var det.",
			"Kaffe og en god prat, ja takk ☕", "Vi er tilbake etter en rolig uke.", "Det er lov å ta det med ro.",
			"Takk for alle fine meldinger denne uka!", "Snø i Oslo igjen ❄️ Hvem andre elsker det?",
			"Små ting gjør en stor forskjell.", "Hva gleder du deg til i dag?", "Gratulerer med dagen, Ingrid! 🎉"},
		customers: []string{"@kari.nordmann", "@ola_hansen", "@linneas.verden", "@bjorn.e", "@mette_sol", "@siri.aas"},
		credit:    "Sammen med", yesterday: "i går",
	}
	english = &language{
		openers: []string{"Hi, everyone!", "New this week:", "A small tip:", "We've been looking forward to showing you this.",
			"One of our favourites right now.", "Did you know?", "Quick one:", "From us to you 💛",
			"Here's what's happening this week:", "Psst!"},
		closers: []string{"What do you think?", "Tell us in the comments.", "Save this for later.", "Share it with someone who needs it.",
			"See you soon!", "Tag someone who should see this 👇", "What should we do next?", "Come say hi."},
		neutral: []string{"Thank you for 10,000 followers 💛", "Happy weekend, everyone!", "Spring is around the corner 🌱",
			"Small things make a big difference.", "What are you looking forward to today?", "A good chat and a warm cup ☕",
			"Thanks to Zoë, Łukasz and Søren for the lovely messages!", "\"Best day,\" said Chloé – and it was.",
			"Snow again ❄️ Who else loves it?", "We're back after a quiet week.", "It's okay to slow down.",
			"Thanks for all the kind messages this week!", "Good things take time.", "Hello from all of us 👋"},
		customers: []string{"@jess.makes", "@tom_writes", "@zoe.reads", "@lukasz.w", "@mia_b", "@sam.k"},
		credit:    "With", yesterday: "yesterday",
	}
	polish = &language{
		openers: []string{"Cześć wszystkim!", "Nowość w tym tygodniu:", "Mała podpowiedź:", "Jedna z naszych ulubionych rzeczy.",
			"Czy wiesz, że…", "Od nas dla Ciebie 💚", "Krótko i na temat:"},
		closers: []string{"Co o tym myślisz?", "Napisz w komentarzu!", "Zapisz na później.", "Udostępnij znajomym.", "Do zobaczenia!"},
		neutral: []string{"Dziękujemy za wszystkie wiadomości 💚", "Miłego weekendu!", "Wiosna tuż-tuż 🌱",
			"Zażółć gęślą jaźń – sprawdzamy polskie litery.", "Małe rzeczy robią wielką różnicę.",
			"Na co czekasz dziś najbardziej?", "Śnieg znowu ❄️ Kto jeszcze to lubi?", "„Piękny dzień”, powiedziała Łucja."},
		customers: []string{"@ania.k", "@tomek_w", "@zosia.czyta", "@grzegorz.b"},
		credit:    "Razem z", yesterday: "wczoraj",
	}
)

// languageOf picks the small talk for a BCP 47 code; English for languages
// it has none for.
func languageOf(code string) *language {
	code = strings.ToLower(code)
	if i := strings.IndexAny(code, "-_"); i >= 0 {
		code = code[:i]
	}
	switch code {
	case "nb", "no", "nn":
		return norwegian
	case "pl":
		return polish
	}
	return english
}

// terms are the lower-cased hashtags (with #) and keywords of pillars. A
// text hits them when it holds one anywhere, even inside a longer word:
// stricter than an audit's whole-word match, so a text that misses them
// cannot be classified by accident under any reasonable matching.
type terms []string

func (ts terms) hit(text string) bool {
	if len(ts) == 0 {
		return false
	}
	lt := strings.ToLower(text)
	for _, t := range ts {
		if strings.Contains(lt, t) {
			return true
		}
	}
	return false
}

func pillarTerms(p strategy.Pillar) terms {
	var ts terms
	for _, h := range p.Hashtags {
		if h = strings.ToLower(strings.TrimSpace(h)); strings.TrimPrefix(h, "#") != "" {
			if !strings.HasPrefix(h, "#") {
				h = "#" + h
			}
			ts = append(ts, h)
		}
	}
	for _, k := range p.Keywords {
		if k = strings.ToLower(strings.TrimSpace(k)); k != "" {
			ts = append(ts, k)
		}
	}
	return ts
}

// isWord reports whether s is one word of letters, digits and underscores:
// the only hashtags and keywords whose whole-word match is beyond doubt.
func isWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// textPools are the texts posts are drawn from, made once per History
// call, so that writing millions of rows costs no text building.
type textPools struct {
	col    [][][]string // [pillar][channel]: the pillar column names the pillar
	byText [][]string   // [pillar]: empty column, the text names this pillar only
	uncl   []string     // empty column, no pillar in the text
	tactic [][]string   // [tactic]
}

const (
	colTexts    = 10
	byTextTexts = 8
	unclTexts   = 12
	tacticTexts = 6
)

func buildTexts(g *histGen, r *rng) *textPools {
	s, lang := g.s, g.lang
	tp := &textPools{}
	var community []string
	if s.Community != nil {
		community = s.Community.Hashtags
	}
	for pi := range s.Pillars {
		p := &s.Pillars[pi]
		perChan := make([][]string, len(s.Channels))
		for ci := range s.Channels {
			ex := exampleFor(p, s.Channels, ci)
			var list []string
			for k := 0; k < colTexts; k++ {
				var t string
				switch {
				case k%5 == 0 && len(ex) > 0:
					t = strings.Join(ex, "\n\n")
				case k%5 == 1 && len(ex) > 0:
					t = oneLine(pick(r, ex))
					t += hashtags(r, t, p.Hashtags, community)
				default:
					t = pick(r, lang.openers) + " " + sentence(topicOf(r, p)) + " " + pick(r, lang.closers)
					t += hashtags(r, t, p.Hashtags, community)
				}
				list = append(list, t)
			}
			perChan[ci] = list
		}
		tp.col = append(tp.col, perChan)
		tp.byText = append(tp.byText, byTextPool(g, r, pi))
	}
	tp.uncl = unclassifiedPool(g, r)
	for _, t := range s.Tactics {
		ex := cleanExample(t.Example)
		var list []string
		for k := 0; k < tacticTexts; k++ {
			switch {
			case k%3 == 0 && len(ex) > 0:
				list = append(list, strings.Join(ex, "\n\n"))
			case k%3 == 1 && len(ex) > 0:
				list = append(list, oneLine(pick(r, ex)))
			default:
				list = append(list, t.Name+"! "+pick(r, lang.closers))
			}
		}
		tp.tactic = append(tp.tactic, list)
	}
	return tp
}

// byTextPool makes texts for posts of pillar pi with an empty pillar
// column: one of the pillar's hashtags (or a keyword, when none of its
// hashtags is safe) and nothing any other pillar claims.
func byTextPool(g *histGen, r *rng, pi int) []string {
	p, others, lang := &g.s.Pillars[pi], g.others[pi], g.lang
	safe := func(list []string) []string {
		var out []string
		for _, t := range list {
			if t != "" && !others.hit(t) {
				out = append(out, t)
			}
		}
		return out
	}
	var tags, words []string
	for _, h := range p.Hashtags {
		h = strings.TrimSpace(h)
		if body := strings.TrimPrefix(h, "#"); isWord(body) {
			tags = append(tags, "#"+body)
		}
	}
	for _, k := range p.Keywords {
		if k = strings.TrimSpace(k); isWord(k) {
			words = append(words, k)
		}
	}
	tags, words = safe(tags), safe(words)
	if len(tags) == 0 && len(words) == 0 {
		return nil
	}
	leads := safe(append(append([]string{}, lang.openers...), lang.neutral...))
	closes := safe(lang.closers)
	var bodies []string
	for _, t := range p.Topics {
		bodies = append(bodies, sentence(t))
	}
	for _, c := range g.s.Channels {
		for _, para := range cleanExample(p.Examples[c.ID]) {
			bodies = append(bodies, oneLine(para))
		}
	}
	bodies = safe(bodies)
	var out []string
	for try := 0; len(out) < byTextTexts && try < 60; try++ {
		var b strings.Builder
		if len(leads) > 0 && r.intn(3) > 0 {
			b.WriteString(pick(r, leads))
			b.WriteByte(' ')
		}
		if len(tags) == 0 {
			b.WriteString(pick(r, words))
			b.WriteString(": ")
		}
		if len(bodies) > 0 {
			b.WriteString(pick(r, bodies))
			b.WriteByte(' ')
		}
		if len(closes) > 0 && r.intn(2) > 0 {
			b.WriteString(pick(r, closes))
			b.WriteByte(' ')
		}
		if len(tags) > 0 {
			if tag := pick(r, tags); !strings.Contains(strings.ToLower(b.String()), strings.ToLower(tag)) {
				b.WriteString(tag)
			}
		}
		t := strings.TrimSpace(b.String())
		if !others.hit(t) {
			out = append(out, t)
		}
	}
	return out
}

// unclassifiedPool makes texts that name no pillar at all.
func unclassifiedPool(g *histGen, r *rng) []string {
	lang, all := g.lang, g.all
	var lines, closes []string
	for _, t := range lang.neutral {
		if !all.hit(t) {
			lines = append(lines, t)
		}
	}
	for _, t := range lang.closers {
		if !all.hit(t) {
			closes = append(closes, t)
		}
	}
	var out []string
	for try := 0; len(lines) > 0 && len(out) < unclTexts && try < 60; try++ {
		t := pick(r, lines)
		if len(closes) > 0 && r.intn(2) == 0 {
			t += " " + pick(r, closes)
		}
		if !all.hit(t) {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		out = []string{"🙂", "👋 ✨"}
	}
	return out
}

// exampleFor returns the paragraphs of the pillar's example for channel
// ci, else of its first example on another channel in declared order.
func exampleFor(p *strategy.Pillar, chans []strategy.Channel, ci int) []string {
	if ex := cleanExample(p.Examples[chans[ci].ID]); len(ex) > 0 {
		return ex
	}
	for _, c := range chans {
		if ex := cleanExample(p.Examples[c.ID]); len(ex) > 0 {
			return ex
		}
	}
	return nil
}

// cleanExample turns an example post written in Markdown for the playbook
// into what would be published: paragraphs without the leading bold
// direction ("**Reels, 20 seconds.**") and without bold markers.
func cleanExample(md string) []string {
	md = strings.ReplaceAll(md, "\r\n", "\n")
	var out []string
	for _, para := range strings.Split(md, "\n\n") {
		para = strings.TrimSpace(para)
		if strings.HasPrefix(para, "**") {
			if j := strings.Index(para[2:], "**"); j >= 0 {
				para = strings.TrimSpace(para[2+j+2:])
			}
		}
		para = strings.TrimSpace(strings.ReplaceAll(para, "**", ""))
		for _, label := range captionLabels {
			para = strings.TrimSpace(strings.TrimPrefix(para, label))
		}
		if para != "" {
			out = append(out, para)
		}
	}
	return out
}

// captionLabels start the caption part of an example ("Caption: …"),
// which is not part of what is published.
var captionLabels = []string{"Bildetekst:", "Caption:", "Beskrivelse:", "Description:", "Podpis:", "Opis:"}

// oneLine joins a paragraph's lines.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// sentence ends s with a full stop unless it ends with punctuation.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	if unicode.IsPunct(r) && r != ')' && r != '"' && r != '»' {
		return s
	}
	return s + "."
}

func topicOf(r *rng, p *strategy.Pillar) string {
	if len(p.Topics) > 0 {
		return pick(r, p.Topics)
	}
	return p.Name
}

// hashtags returns one or two of the pillar's hashtags, and now and then a
// community hashtag, each after a space, leaving out those text has.
func hashtags(r *rng, text string, own, community []string) string {
	var b strings.Builder
	lower := strings.ToLower(text)
	add := func(tag string) {
		if l := strings.ToLower(tag); !strings.Contains(lower, l) {
			b.WriteString(" " + tag)
			lower += " " + l
		}
	}
	if len(own) > 0 {
		first := r.intn(len(own))
		add(own[first])
		if len(own) > 1 && r.intn(3) == 0 {
			add(own[(first+1)%len(own)])
		}
	}
	if len(community) > 0 && r.intn(4) == 0 {
		add(pick(r, community))
	}
	return b.String()
}

// capitalTag writes a hashtag with its first letter in upper case, as
// people sometimes do (#Annonse).
func capitalTag(tag string) string {
	body := strings.TrimPrefix(tag, "#")
	r, n := utf8.DecodeRuneInString(body)
	return "#" + string(unicode.ToUpper(r)) + body[n:]
}
