package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// render and build --drafts show each slot's draft in the playbook's
// calendar, or that it has none; the sheet is read with the strategy's
// drafts.mapping. Without --drafts the playbook has no draft column.
func TestPlaybookDrafts(t *testing.T) {
	repo(t)
	run := func(args ...string) (int, string, string) {
		e, out, errb := testEnv(nil, false)
		code := Run(context.Background(), args, e)
		return code, out.String(), errb.String()
	}
	code, md, errs := run("render", "examples/nordlys", "--from", "2027-01-04", "--lang", "en", "--format", "md",
		"--drafts", "examples/nordlys/drafts/january.csv", "--drafts", "examples/nordlys/drafts/posts")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	for _, want := range []string{"| Format | Draft |", "| Mon 4 Jan | 11:30 | Instagram | Mote |  | reels | ig-0104: Én blazer, tre måter ✨", "(january.csv:2) |", "*no draft yet*"} {
		if !strings.Contains(md, want) {
			t.Errorf("the playbook lacks %q", want)
		}
	}
	if !strings.Contains(errs, "pillar render: ") || !strings.Contains(errs, " have a draft") {
		t.Errorf("stderr does not count the drafts: %s", errs)
	}
	_, plain, _ := run("render", "examples/nordlys", "--from", "2027-01-04", "--lang", "en", "--format", "md")
	if strings.Contains(plain, "| Draft |") || strings.Contains(plain, "no draft yet") {
		t.Error("without --drafts the playbook shows drafts")
	}
	if code, _, errs := run("render", "examples/nordlys", "--drafts", "nope.csv"); code != ExitFailure || !strings.Contains(errs, "nope.csv: no such file or folder") {
		t.Errorf("a missing drafts file: exit %d\n%s", code, errs)
	}

	dir := t.TempDir()
	code, _, errs = run("build", "examples/nordlys", "-o", dir, "--from", "2027-01-04", "--lang", "nb", "--drafts", "examples/nordlys/drafts/posts")
	if code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errs)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "playbook.html"))
	bmd, _ := os.ReadFile(filepath.Join(dir, "playbook.md"))
	if !strings.Contains(string(page), `<th scope="col">Utkast</th>`) || !strings.Contains(string(page), "ikke noe utkast ennå") {
		t.Error("build's HTML playbook has no draft column")
	}
	if !strings.Contains(string(bmd), "2027-01-05-hanne.md:") {
		t.Errorf("build's Markdown playbook does not show the post drafted for Tue 5 Jan")
	}
}
