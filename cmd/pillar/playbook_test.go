package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildPlaybookStatesThePlannedPeriod: pillar build plans a quarter
// into calendar.ics and calendar.csv; the playbook beside them states that
// quarter on its cover, not only the four weeks it shows.
func TestBuildPlaybookStatesThePlannedPeriod(t *testing.T) {
	dist := t.TempDir()
	r := pillar(t, nil, "build", filepath.Join(root, "examples", "nordlys"), "-o", dist, "--from", "2027-01-04", "--to", "2027-04-01", "--lang", "en", "--label", "test")
	if r.code != 0 {
		t.Fatalf("build: exit %d\n%s", r.code, r.stderr)
	}
	md, err := os.ReadFile(filepath.Join(dist, "playbook.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "- **Posting plan:** 4 January 2027 – 31 March 2027\n") {
		t.Errorf("the playbook's cover does not state the planned period:\n%.600s", md)
	}
	csv, err := os.ReadFile(filepath.Join(dist, "calendar.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(csv), "2027-03-3") || strings.Contains(string(csv), "2027-04-01") {
		t.Error("calendar.csv does not run to the end of March")
	}
}

// TestRenderTemplateMistakes: a misnamed override and a block left open
// are reported where the mistake is, with exit code 2.
func TestRenderTemplateMistakes(t *testing.T) {
	nordlys := filepath.Join(root, "examples", "nordlys")
	t.Run("misnamed file", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "sections.html.tpl"), []byte("{{define \"x\"}}{{end}}"), 0o644)
		r := pillar(t, nil, "render", nordlys, "--templates", dir, "--from", "2027-01-04")
		want := filepath.Join(dir, "sections.html.tpl") + ": pillar does not read this file, so it would be ignored: did you mean sections.html.tmpl?"
		if r.code != 2 || !strings.Contains(r.stderr, want) || r.stdout != "" {
			t.Errorf("exit %d, stdout %d bytes, stderr %q; want %q", r.code, len(r.stdout), r.stderr, want)
		}
	})
	t.Run("a file too large", func(t *testing.T) {
		dir := t.TempDir()
		big := "/* " + strings.Repeat("x", 1<<20) + " */\n"
		os.WriteFile(filepath.Join(dir, "style.css"), []byte(big), 0o644)
		r := pillar(t, nil, "render", nordlys, "--templates", dir, "--from", "2027-01-04")
		want := filepath.Join(dir, "style.css") + ": it is larger than 1024 KiB, the most a template or label file may be"
		if r.code != 2 || !strings.Contains(r.stderr, want) || r.stdout != "" {
			t.Errorf("exit %d, stdout %d bytes, stderr %q; want %q", r.code, len(r.stdout), r.stderr, want)
		}
	})
	t.Run("unclosed range", func(t *testing.T) {
		dir := t.TempDir()
		src := strings.Repeat("<p>\n", 29) + "{{range .Pillars}}\n" + strings.Repeat("<p>\n", 20)
		os.WriteFile(filepath.Join(dir, "playbook.html.tmpl"), []byte(src), 0o644)
		r := pillar(t, nil, "render", nordlys, "--templates", dir, "--from", "2027-01-04")
		want := filepath.Join(dir, "playbook.html.tmpl") + ":30:1: this {{range}} has no {{end}} (the file ends at line 50)"
		if r.code != 2 || !strings.Contains(r.stderr, want) {
			t.Errorf("exit %d, stderr %q; want %q", r.code, r.stderr, want)
		}
	})
}

// TestRenderLanguages: --lang takes a BCP 47 tag as brand.language does
// (any case, a region read as its language); a language without labels is
// refused there, and in brand.language gives English labels with a warning.
func TestRenderLanguages(t *testing.T) {
	nordlys := filepath.Join(root, "examples", "nordlys")
	for _, tc := range []struct{ lang, want string }{{"nb-NO", "nb"}, {"EL", "el"}, {"fi_FI", "fi"}, {"en-GB", "en"}} {
		r := pillar(t, nil, "render", nordlys, "--lang", tc.lang, "--from", "2027-01-04")
		if r.code != 0 || !strings.Contains(r.stdout, `<html lang="`+tc.want+`">`) {
			t.Errorf("--lang %s: exit %d, stderr %q; want a playbook in %s", tc.lang, r.code, r.stderr, tc.want)
		}
	}
	r := pillar(t, nil, "render", nordlys, "--lang", "de", "--from", "2027-01-04")
	if r.code != 2 || !strings.Contains(r.stderr, `no playbook labels for the language "de"`) || !strings.Contains(r.stderr, "nb-NO") {
		t.Errorf("--lang de: exit %d, stderr %q", r.code, r.stderr)
	}

	dir := filepath.Join(t.TempDir(), "de")
	copyTree(t, nordlys, dir)
	yaml := filepath.Join(dir, "strategy.yaml")
	b, _ := os.ReadFile(yaml)
	os.WriteFile(yaml, []byte(strings.Replace(string(b), "  language: nb\n", "  language: de\n", 1)), 0o644)
	r = pillar(t, nil, "render", dir, "--from", "2027-01-04")
	warning := `pillar render: warning: no playbook labels in "de" (brand.language), so the playbook's labels are in English; --lang picks one of en, nb, pl, el, fi`
	if r.code != 0 || !strings.Contains(r.stderr, warning) || !strings.Contains(r.stdout, `<html lang="en">`) || !strings.Contains(r.stdout, `<h1><bdi lang="de">Nordlys</bdi></h1>`) {
		t.Errorf("brand.language de: exit %d, stderr %q; want English labels, the text marked de and the warning", r.code, r.stderr)
	}
	if r := pillar(t, nil, "render", dir, "--lang", "en", "--from", "2027-01-04"); strings.Contains(r.stderr, "no playbook labels") {
		t.Errorf("--lang en still warns: %q", r.stderr)
	}
}
