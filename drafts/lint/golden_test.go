package lint

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/internal/golden"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

// readSheet reads testdata's pipe-separated drafts sheet (a stand-in for
// the drafts readers, which live in package drafts): one draft a row,
// with each field's position in the file.
func readSheet(t *testing.T, path string, loc *time.Location) ([]*drafts.Draft, []string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []*drafts.Draft
	var lines []string
	sc := bufio.NewScanner(f)
	var header []string
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		lines = append(lines, line)
		cells := strings.Split(line, "|")
		if n == 1 {
			header = cells
			continue
		}
		d := &drafts.Draft{File: filepath.Base(path), Line: n}
		col := 1
		for i, c := range cells {
			at := drafts.Position{Line: n, Column: col}
			col += utf8.RuneCountInString(c) + 1
			if c == "" {
				continue
			}
			switch header[i] {
			case "id":
				d.ID = c
			case "channel":
				d.Channel, d.Pos[drafts.FieldChannel] = c, at
			case "scheduled_at":
				tm, err := time.ParseInLocation("2006-01-02 15:04", c, loc)
				if err != nil {
					t.Fatal(err)
				}
				d.At, d.Pos[drafts.FieldAt] = tm, at
			case "text":
				d.Text, d.Pos[drafts.FieldText] = c, at
			case "campaign":
				d.Campaign, d.Pos[drafts.FieldCampaign] = c, at
			case "link":
				d.Links, d.Pos[drafts.FieldLink] = strings.Fields(c), at
			case "media":
				for _, m := range strings.Fields(c) {
					d.Media = append(d.Media, drafts.Media{URL: m})
				}
				d.Pos[drafts.FieldMedia] = at
			case "alt_text":
				// One alt text, for the first media.
				if len(d.Media) > 0 {
					d.Media[0].Alt = c
				}
				d.Pos[drafts.FieldAlt] = at
			case "status":
				d.Status, d.Pos[drafts.FieldStatus] = c, at
			case "partners":
				d.Partners, d.Pos[drafts.FieldPartners] = strings.Fields(c), at
			}
		}
		out = append(out, d)
	}
	return out, lines
}

// TestGolden checks the fixture's drafts against its strategy (which
// validate accepts, new keys and all) on 2027-01-05 with a post history,
// and compares the findings, each under its source line, with the golden
// file.
func TestGolden(t *testing.T) {
	now := time.Date(2027, 1, 5, 12, 0, 0, 0, oslo)
	res, err := schema.ValidateFile(filepath.Join("testdata", "strategy.yaml"), schema.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		t.Errorf("the fixture's strategy: %s", d)
	}
	s, err := strategy.Load(filepath.Join("testdata", "strategy.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ds, lines := readSheet(t, filepath.Join("testdata", "drafts.txt"), oslo)
	l := New(s, Options{Now: now})
	l.Published(time.Date(2027, 1, 2, 10, 0, 0, 0, time.UTC), "instagram", []byte("@anna.outside"))
	var found []schema.Diagnostic
	emit := func(d schema.Diagnostic) { found = append(found, d) }
	for _, d := range ds {
		l.Check(d, emit)
	}
	l.Finish(emit)
	schema.Sort(found)
	var b strings.Builder
	for _, f := range found {
		fmt.Fprintf(&b, "%s\n", f)
		line := lines[f.Line-1]
		fmt.Fprintf(&b, "  | %s\n  | %s%s\n", line, strings.Repeat(" ", f.Column-1), "^"+strings.Repeat("~", f.Length-1))
		fmt.Fprintf(&b, "  hint: %s\n\n", f.Hint)
	}
	golden.Check(t, filepath.Join("testdata", "findings.golden"), []byte(b.String()))
}
