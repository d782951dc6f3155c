package render

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/internal/golden"
)

// nordlysWithDrafts is the Nordlys example and its calendar, the first
// two slots with a draft (one hostile: markup and a right-to-left
// override in its text) and the rest without.
func nordlysWithDrafts(t *testing.T) (example, []SlotDraft) {
	t.Helper()
	var nordlys example
	for _, ex := range examples(t) {
		if ex.name == "nordlys" {
			nordlys = ex
		}
	}
	if nordlys.strategy == nil {
		t.Fatal("no nordlys example")
	}
	ds := make([]SlotDraft, len(nordlys.calendar.Slots))
	ds[0] = SlotDraft{ID: "jan-01", Lead: "Ny uke, nye turer: se pakkelista …", File: "drafts/january.csv", Line: 2}
	ds[1] = SlotDraft{Lead: "<script>alert(1)</script> \u202eevil | pipe", File: "drafts/posts/2027-01-05-hanne.md", Line: 6}
	return nordlys, ds
}

// The playbook's calendar shows each slot's draft, or that it has none,
// in the playbook's language; without drafts it has no such column.
func TestPlaybookCalendarDrafts(t *testing.T) {
	nordlys, ds := nordlysWithDrafts(t)
	for _, lang := range []string{"en", "nb"} {
		var buf bytes.Buffer
		if err := Playbook(&buf, nordlys.strategy, PlaybookOptions{Format: "md", Lang: lang, Calendar: nordlys.calendar, Drafts: ds}); err != nil {
			t.Fatal(err)
		}
		md := buf.String()
		section := md[strings.Index(md, "\n## "+map[string]string{"en": "The next weeks", "nb": "De neste ukene"}[lang]):]
		golden.Check(t, filepath.Join("testdata", "playbook", "drafts-calendar."+lang+".md"), []byte(section))
	}
	var plain bytes.Buffer
	if err := Playbook(&plain, nordlys.strategy, PlaybookOptions{Format: "md", Lang: "en", Calendar: nordlys.calendar}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "no draft yet") || strings.Contains(plain.String(), "| Draft |") {
		t.Error("a playbook without drafts has a draft column")
	}
}

// A draft's text is the sheet's, written by anyone: the HTML playbook
// escapes it and isolates its direction, as the rest of the strategy's
// text.
func TestPlaybookCalendarDraftsHTML(t *testing.T) {
	nordlys, ds := nordlysWithDrafts(t)
	var buf bytes.Buffer
	if err := Playbook(&buf, nordlys.strategy, PlaybookOptions{Format: "html", Lang: "en", Calendar: nordlys.calendar, Drafts: ds}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if strings.Contains(page, "<script>alert") {
		t.Error("a draft's markup reached the page")
	}
	for _, want := range []string{
		`<th scope="col">Draft</th>`,
		`jan-01: Ny uke, nye turer: se pakkelista …`,
		"&lt;script&gt;alert(1)&lt;/script&gt;",
		`<em class="no-draft">no draft yet</em>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if !regexp.MustCompile(`<span class="where">\((<bdi[^>]*>)?january\.csv:2(</bdi>)?\)</span>`).MatchString(page) {
		t.Error("the page does not say where the first draft is")
	}
	if !regexp.MustCompile("<bdi[^>]*>&lt;script&gt;[^<]*\u202e[^<]*\u202c</bdi>").MatchString(page) {
		t.Error("the draft with a right-to-left override is not isolated and closed in a <bdi>")
	}
}
