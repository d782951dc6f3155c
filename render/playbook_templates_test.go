package render

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"text/template"

	"github.com/pillar-strategy/pillar/planner/plantest"
)

// TestPlaybookUnknownOverride: a file in the --templates folder that looks
// meant for the playbook but has a name pillar does not read is named,
// with the name it most likely meant, instead of being silently ignored.
// Other files (a README, a logo, dot-files) are left alone.
func TestPlaybookUnknownOverride(t *testing.T) {
	for _, tc := range []struct{ file, msg string }{
		{"sections.html.tpl", "pillar does not read this file, so it would be ignored: did you mean sections.html.tmpl?"},
		{"playbook.md", "did you mean playbook.md.tmpl?"},
		{"styles.css", "did you mean style.css?"},
		{"theme.css", "the files it reads are playbook.html.tmpl, sections.html.tmpl, playbook.md.tmpl, sections.md.tmpl, style.css, i18n/en.yaml"},
		{"i18n/nb-NO.yaml", "did you mean i18n/nb.yaml?"},
		{"i18n/de.yaml", `pillar has no playbook labels in "de", so this file would be ignored`},
		{"i18n/EL.yml", "did you mean i18n/el.yaml?"},
		{"README.md", ""},
		{"logo.png", ""},
		{".draft.tmpl", ""},
		{"i18n/notes.txt", ""},
	} {
		t.Run(tc.file, func(t *testing.T) {
			dir := t.TempDir()
			os.MkdirAll(filepath.Join(dir, "i18n"), 0o755)
			os.WriteFile(filepath.Join(dir, tc.file), []byte("x"), 0o644)
			var buf bytes.Buffer
			err := Playbook(&buf, plantest.Store(), PlaybookOptions{Format: "html", Lang: "en", Templates: os.DirFS(dir)})
			if tc.msg == "" {
				if err != nil {
					t.Fatalf("a file pillar has no use for stopped the playbook: %v", err)
				}
				return
			}
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Fatalf("error %v, want a *TemplateError", err)
			}
			if want := filepath.ToSlash(filepath.Join(dir, tc.file)); te.Name != want || !strings.Contains(te.Err.Error(), tc.msg) {
				t.Errorf("got %v\nwant %s: …%s…", err, want, tc.msg)
			}
			if buf.Len() != 0 {
				t.Error("the playbook was written")
			}
		})
	}
}

// FuzzUnclosedAction: the scan for the action a template leaves open never
// panics, and a position it returns is an action's opening braces; when
// text/template parses the input, nothing is left open.
func FuzzUnclosedAction(f *testing.F) {
	for _, s := range []string{"", "{{if .X}}", "a\n{{range .}}{{end}}", "{{/* {{if}} */}}", "{{`{{end}}`}}{{with .}}", "{{- define \"x\" -}}\n{{end}}", "{{\"}}\"", "{{'}'}}{{block \"b\" .}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		kw, line, col, ok := unclosedAction(src)
		if !ok {
			return
		}
		lines := strings.Split(src, "\n")
		if line < 1 || line > len(lines) || col < 1 || col > len(lines[line-1]) || !strings.HasPrefix(lines[line-1][col-1:], "{{") {
			t.Fatalf("%q: {{%s}} at %d:%d is not an action's start", src, kw, line, col)
		}
		if _, err := template.New("x").Parse(src); err == nil && kw != "{{" {
			t.Fatalf("%q parses, but {{%s}} at %d:%d is said to be open", src, kw, line, col)
		}
	})
}

// A template or label file may be up to maxTemplateBytes; one byte more is
// refused, for templates and label files alike.
func TestTemplateFilesAreBounded(t *testing.T) {
	fsys := fstest.MapFS{
		"style.css":    {Data: bytes.Repeat([]byte("x"), maxTemplateBytes)},
		"i18n/en.yaml": {Data: append([]byte("# "), bytes.Repeat([]byte("x"), maxTemplateBytes)...)},
	}
	if b, err := readLimited(fsys, "style.css"); err != nil || len(b) != maxTemplateBytes {
		t.Errorf("a file of the largest size: %d bytes, %v", len(b), err)
	}
	fsys["style.css"] = &fstest.MapFile{Data: bytes.Repeat([]byte("x"), maxTemplateBytes+1)}
	if _, err := readLimited(fsys, "style.css"); err == nil || !strings.Contains(err.Error(), "larger than 1024 KiB") {
		t.Errorf("a file one byte too large: %v", err)
	}
	if _, err := readDict(fsys, "i18n/en.yaml", "i18n/en.yaml"); err == nil || !strings.Contains(err.Error(), "larger than 1024 KiB") {
		t.Errorf("a label file too large: %v", err)
	}
}
