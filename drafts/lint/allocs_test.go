package lint

import (
	"testing"

	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

// TestCleanDraftAllocatesNothing: a draft without findings (words, a
// disclosed paid partner, an organic one, hashtags, a link that follows
// the UTM convention, media with alt text) costs no allocation, so the
// drafts engine's memory stays flat.
func TestCleanDraftAllocatesNothing(t *testing.T) {
	l := New(utmStrategy(&strategy.UTM{Source: "{platform}", Medium: "social"}), Options{Now: now})
	d := draft("Tur med @anna.outside og @fjelljenta i fjellet! Blåbær, sol og ΚΑΦΕΣ. #annonse #utepåtur https://nordlys.no/tur?utm_source=instagram&utm_medium=social")
	d.Links = []string{"https://www.nordlys.no/a?utm_medium=social&utm_source=instagram"}
	d.Media = []drafts.Media{{URL: "a.jpg", Alt: "To på tur"}}
	d.Partners = []string{"@anna.outside"}
	n := 0
	emit := func(schema.Diagnostic) { n++ }
	l.Check(d, emit) // warm the scratch buffers
	if n != 0 {
		t.Fatalf("the draft has %d findings", n)
	}
	if a := testing.AllocsPerRun(100, func() { l.Check(d, emit) }); a > 0 {
		t.Errorf("%.1f allocations a clean draft", a)
	}
}

// TestPublishedAllocatesNothing: counting a long post history costs no
// allocation a post once its months are known.
func TestPublishedAllocatesNothing(t *testing.T) {
	l := New(testStrategy(), Options{Now: now})
	mentions := []byte("@Anna.Outside, fjelljenta;@someone")
	l.Published(now, "instagram", mentions)
	if a := testing.AllocsPerRun(100, func() { l.Published(now, "instagram", mentions) }); a > 0 {
		t.Errorf("%.1f allocations a published post", a)
	}
}
