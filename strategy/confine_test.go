package strategy

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// secret is written in files outside the repository: no finding, hint,
// error or source line may ever hold it.
const secret = "SECRET-7f3a"

// confineTree lays out base/secret.yaml and base/outside/strategy.yaml
// (both holding the secret), and base/repo, a repository (it has .git)
// holding s/strategy.yaml with main's text; links maps paths under base to
// symbolic link targets. It returns base and the repository.
func confineTree(t testing.TB, main string, links map[string]string) (string, string) {
	t.Helper()
	base := writeTree(t, map[string]string{
		"secret.yaml":              secret + ": do not publish\n",
		"outside/strategy.yaml":    "version: 1\nbrand: {name: " + secret + "}\n",
		"repo/.git/HEAD":           "ref: refs/heads/main\n",
		"repo/s/strategy.yaml":     main,
		"repo/other/strategy.yaml": "version: 1\nbrand: {name: Other, timezone: Europe/Oslo}\n",
		"repo/s/personas/a.yaml":   "personas: [{id: a, name: A}]\n",
	})
	for link, target := range links {
		p := filepath.Join(base, filepath.FromSlash(link))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.Symlink(strings.ReplaceAll(target, "BASE", base), p); err != nil {
			t.Skip("symbolic links not available:", err)
		}
	}
	return base, filepath.Join(base, "repo")
}

// noSecret fails the test when anything the loader produced holds the
// secret.
func noSecret(t testing.TB, doc *Document, err error) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), secret) {
		t.Errorf("the error quotes a file outside the repository: %v", err)
	}
	if doc == nil {
		return
	}
	for _, p := range doc.Problems {
		if strings.Contains(p.Message+p.Hint, secret) {
			t.Errorf("a finding quotes a file outside the repository: %v", p)
		}
	}
	for file, lines := range doc.Source.lines {
		if strings.Contains(strings.Join(lines, "\n"), secret) {
			t.Errorf("%s, outside the repository, was read", file)
		}
	}
}

func TestExtendsConfinedToRoot(t *testing.T) {
	for _, tc := range []struct {
		name   string
		target string
		links  map[string]string
		want   string // in the one finding; REPO stands for the root
	}{
		{"traversal", "../../secret.yaml", nil, `extends "../../secret.yaml" leads outside the repository root REPO`},
		{"traversal to nothing", "../../gone.yaml", nil, `extends "../../gone.yaml" leads outside the repository root REPO`},
		{"traversal far up", "../../../../../../../../../../etc/passwd", nil, `leads outside the repository root REPO`},
		{"traversal to a folder", "../../outside", nil, `extends "../../outside" leads outside the repository root REPO`},
		{"absolute", "BASE/secret.yaml", nil, `is an absolute path`},
		{"absolute inside", "BASE/repo/other", nil, `is an absolute path`},
		{"symlinked parent folder", "../linked", map[string]string{"repo/linked": "../outside"},
			`extends "../linked" leads outside the repository root REPO`},
		{"symlinked parent folder, absolute link", "../linked", map[string]string{"repo/linked": "BASE/outside"},
			`leads outside the repository root REPO`},
		{"symlinked folder on the way", "../mid/strategy.yaml", map[string]string{"repo/mid": "../outside"},
			`leads outside the repository root REPO`},
		{"symlink file", "../group.yaml", map[string]string{"repo/group.yaml": "../secret.yaml"},
			`extends "../group.yaml" leads outside the repository root REPO`},
		{"symlink file to nothing", "../group.yaml", map[string]string{"repo/group.yaml": "../gone.yaml"},
			`extends "../group.yaml" leads outside the repository root REPO`},
		{"strategy.yaml of the parent is a link out", "../p", map[string]string{"repo/p/strategy.yaml": "../../secret.yaml"},
			`extends "../p" leads outside the repository root REPO`},
		{"link climbing out and back", "../group.yaml", map[string]string{"repo/group.yaml": "../repo/other/strategy.yaml"},
			`leads outside the repository root REPO`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base, repo := confineTree(t, "", tc.links)
			target := strings.ReplaceAll(tc.target, "BASE", base)
			os.WriteFile(filepath.Join(repo, "s", "strategy.yaml"), []byte("version: 1\nextends: "+target+"\n"), 0o644)
			doc, err := LoadDocument(filepath.Join(repo, "s"), DefaultLimits)
			noSecret(t, doc, err)
			if err != nil {
				t.Fatal(err)
			}
			if !doc.Fatal || len(doc.Problems) != 1 {
				t.Fatalf("want one fatal finding, got %v", doc.Problems)
			}
			p := doc.Problems[0]
			want := strings.ReplaceAll(tc.want, "REPO", repo)
			if p.Rule != "extends" || p.Pos.Line != 2 || p.Pos.Col != 10 || !strings.Contains(p.Message, want) {
				t.Errorf("got %v, want %q at line 2", p, want)
			}
			if !strings.Contains(p.Hint, "--root") {
				t.Errorf("the hint does not say how to widen the root: %q", p.Hint)
			}
			if len(doc.Source.Files) != 1 {
				t.Errorf("files read: %v", doc.Source.Files)
			}
		})
	}
}

// TestOutsideSaysNothingOfTheTarget checks that a file outside the root
// gets the same words whether or not it exists.
func TestOutsideSaysNothingOfTheTarget(t *testing.T) {
	message := func(target string, links map[string]string) string {
		_, repo := confineTree(t, "version: 1\nextends: "+target+"\n", links)
		doc, err := LoadDocument(filepath.Join(repo, "s"), DefaultLimits)
		if err != nil || len(doc.Problems) != 1 {
			t.Fatalf("%s: %v %v", target, err, doc.Problems)
		}
		p := doc.Problems[0]
		return strings.ReplaceAll(p.Message+" "+p.Hint, repo, "REPO")
	}
	for _, pair := range [][2]string{
		{"../../secret.yaml", "../../nothere.yaml"},
		{"../../outside", "../../nowhere"},
	} {
		a := strings.ReplaceAll(message(pair[0], nil), pair[0], "T")
		b := strings.ReplaceAll(message(pair[1], nil), pair[1], "T")
		if a != b {
			t.Errorf("an existing and a missing file outside are told apart:\n%s\n%s", a, b)
		}
	}
	a := message("../l.yaml", map[string]string{"repo/l.yaml": "../secret.yaml"})
	b := message("../l.yaml", map[string]string{"repo/l.yaml": "../nothere.yaml"})
	if a != b {
		t.Errorf("links to an existing and a missing file outside are told apart:\n%s\n%s", a, b)
	}
}

func TestIncludeConfinedToFolder(t *testing.T) {
	for _, tc := range []struct {
		name    string
		include string
		links   map[string]string
		want    string
	}{
		{"symlink file", "persona.yaml", map[string]string{"repo/s/persona.yaml": "../../secret.yaml"},
			`include "persona.yaml" points outside the strategy's folder`},
		{"symlink file, absolute", "persona.yaml", map[string]string{"repo/s/persona.yaml": "BASE/secret.yaml"},
			`include "persona.yaml" points outside the strategy's folder`},
		{"symlink file to the repository", "persona.yaml", map[string]string{"repo/s/persona.yaml": "../other/strategy.yaml"},
			`include "persona.yaml" points outside the strategy's folder`},
		{"glob over a symlink", "personas/*.yaml", map[string]string{"repo/s/personas/evil.yaml": "../../../secret.yaml"},
			`include "personas/*.yaml" points outside the strategy's folder`},
		{"symlinked folder", "linked/*.yaml", map[string]string{"repo/s/linked": "../../outside"},
			`include "linked/*.yaml" points outside the strategy's folder`},
		{"symlinked folder, file named", "linked/strategy.yaml", map[string]string{"repo/s/linked": "../../outside"},
			`include "linked/strategy.yaml" points outside the strategy's folder`},
		{"traversal", "../../secret.yaml", nil, `include "../../secret.yaml" points outside the strategy's folder`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, repo := confineTree(t, "version: 1\ninclude: ["+tc.include+"]\n", tc.links)
			doc, err := LoadDocument(filepath.Join(repo, "s"), DefaultLimits)
			noSecret(t, doc, err)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, p := range doc.Problems {
				found = found || p.Rule == "include" && p.Pos.Line == 2 && strings.Contains(p.Message, tc.want)
			}
			if !found || !doc.Fatal {
				t.Errorf("want %q at line 2, got %v", tc.want, doc.Problems)
			}
		})
	}
}

func TestRootWidensAndAllows(t *testing.T) {
	// --root above the repository lets a strategy extend one outside it.
	base, repo := confineTree(t, "version: 1\nextends: ../../outside\n", nil)
	doc, err := LoadDocument(filepath.Join(repo, "s"), Limits{Root: base})
	if err != nil || len(doc.Problems) != 0 {
		t.Fatalf("with the root widened: %v %v", err, doc.Problems)
	}
	if s, _ := doc.Decode(); s.Brand.Name != secret {
		t.Errorf("the parent outside the repository was not read: %+v", s.Brand)
	}
	// Relative links that stay inside are followed, in extends and in
	// include.
	_, repo = confineTree(t, "version: 1\nextends: ../alias\ninclude: [persona.yaml]\n", map[string]string{
		"repo/alias":          "other",
		"repo/s/persona.yaml": "personas/a.yaml",
	})
	doc, err = LoadDocument(filepath.Join(repo, "s"), DefaultLimits)
	if err != nil || len(doc.Problems) != 0 {
		t.Fatalf("links inside: %v %v", err, doc.Problems)
	}
	if s, _ := doc.Decode(); s.Brand.Name != "Other" || len(s.Personas) != 1 {
		t.Errorf("decoded %+v", s)
	}
	// The root may be named by another path to the same folder.
	link := filepath.Join(t.TempDir(), "link")
	os.Symlink(repo, link)
	if _, err := LoadDocument(filepath.Join(repo, "s"), Limits{Root: link}); err != nil {
		t.Errorf("root through a link: %v", err)
	}
	if _, err := LoadDocument(filepath.Join(link, "s"), Limits{Root: repo}); err != nil {
		t.Errorf("strategy through a link: %v", err)
	}
}

func TestMainFileOutsideRoot(t *testing.T) {
	// The main file as a link out of the repository: a failure, not a
	// finding that would quote it.
	_, repo := confineTree(t, "", nil)
	os.Remove(filepath.Join(repo, "s", "strategy.yaml"))
	os.Symlink("../../secret.yaml", filepath.Join(repo, "s", "strategy.yaml"))
	doc, err := LoadDocument(filepath.Join(repo, "s"), DefaultLimits)
	noSecret(t, doc, err)
	if err == nil || !strings.Contains(err.Error(), "strategy.yaml leads outside the repository root "+repo+" through a symbolic link") {
		t.Errorf("err = %v", err)
	}
	// A root that does not hold the strategy.
	_, err = LoadDocument(filepath.Join(repo, "other"), Limits{Root: filepath.Join(repo, "s")})
	if err == nil || !strings.Contains(err.Error(), "is outside the root") || !strings.Contains(err.Error(), "--root") {
		t.Errorf("err = %v", err)
	}
}

// loadPromptly loads path and fails the test if that blocks.
func loadPromptly(t *testing.T, path string, limits Limits) (*Document, error) {
	t.Helper()
	type result struct {
		doc *Document
		err error
	}
	done := make(chan result, 1)
	go func() {
		doc, err := LoadDocument(path, limits)
		done <- result{doc, err}
	}()
	select {
	case r := <-done:
		return r.doc, r.err
	case <-time.After(10 * time.Second):
		t.Fatal("loading blocked on a special file")
	}
	return nil, nil
}

func TestSpecialFilesRefused(t *testing.T) {
	mkfifo := func(t *testing.T, path string) {
		t.Helper()
		if err := syscall.Mkfifo(path, 0o644); err != nil {
			t.Skip("named pipes not available:", err)
		}
	}
	t.Run("named pipe as the strategy", func(t *testing.T) {
		dir := t.TempDir()
		mkfifo(t, filepath.Join(dir, "strategy.yaml"))
		_, err := loadPromptly(t, dir, DefaultLimits)
		if err == nil || !strings.Contains(err.Error(), "strategy.yaml is a named pipe (FIFO), not a regular file") {
			t.Errorf("err = %v", err)
		}
	})
	for _, tc := range []struct {
		name, include, file string
	}{
		{"named pipe included", "fifo.yaml", "fifo.yaml"},
		{"named pipe matched by a glob", "personas/*.yaml", "personas/b.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeTree(t, map[string]string{"strategy.yaml": "version: 1\ninclude: [" + tc.include + "]\n", "personas/a.yaml": "personas: []\n"})
			mkfifo(t, filepath.Join(dir, tc.file))
			_, err := loadPromptly(t, dir, DefaultLimits)
			want := filepath.Join(dir, "strategy.yaml") + ":2:11: " + filepath.Join(dir, tc.file) + " is a named pipe (FIFO), not a regular file"
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("err = %v, want %q", err, want)
			}
		})
	}
	t.Run("socket included", func(t *testing.T) {
		// Unix socket paths are short: a folder of our own under /tmp.
		dir, err := os.MkdirTemp("", "pillar-sock-")
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(dir)
		os.WriteFile(filepath.Join(dir, "strategy.yaml"), []byte("version: 1\ninclude: [s.yaml]\n"), 0o644)
		l, err := net.Listen("unix", filepath.Join(dir, "s.yaml"))
		if err != nil {
			t.Skip("unix sockets not available:", err)
		}
		defer l.Close()
		_, err = loadPromptly(t, dir, DefaultLimits)
		if err == nil || !strings.Contains(err.Error(), "s.yaml is a socket, not a regular file") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("device as the strategy", func(t *testing.T) {
		for _, dev := range []string{"/dev/null", "/dev/zero"} {
			_, err := loadPromptly(t, dev, DefaultLimits)
			if err == nil || !strings.Contains(err.Error(), dev+" is a character device, not a regular file") {
				t.Errorf("%s: err = %v", dev, err)
			}
		}
	})
	t.Run("device as a parent", func(t *testing.T) {
		// A relative link to /dev/zero, followed because the root is /:
		// still refused, for what it is.
		dir := writeTree(t, map[string]string{"strategy.yaml": "version: 1\nextends: zero.yaml\n"})
		rel, _ := filepath.Rel(dir, "/dev/zero")
		if err := os.Symlink(rel, filepath.Join(dir, "zero.yaml")); err != nil {
			t.Skip(err)
		}
		_, err := loadPromptly(t, dir, Limits{Root: "/"})
		if err == nil || !strings.Contains(err.Error(), ":2:10: "+filepath.Join(dir, "zero.yaml")+" is a character device, not a regular file") {
			t.Errorf("err = %v", err)
		}
	})
}

// FuzzConfinement writes whatever path the fuzzer finds as a strategy's
// extends and include, in a repository whose neighbourhood holds a secret
// and links leading to it: no path may get the secret read.
func FuzzConfinement(f *testing.F) {
	for _, seed := range []string{
		// The strategy is two folders below the repository's top.
		"../../../secret.yaml", "../../../outside", "/etc/passwd", "../../up/secret.yaml", "../../abs",
		"../../abs/secret.yaml", "../../link.yaml", "../../linkdir/strategy.yaml", "../../linkdir",
		"./../../../secret.yaml", "../../s/../../secret.yaml", "*/../../../secret.yaml", "../*",
		"[a-z]*/*.yaml", "..", ".", "", "\x00", "C:\\secret.yaml",
	} {
		f.Add(seed)
	}
	_, repo := confineTree(f, "", map[string]string{
		"repo/up":        "..",
		"repo/abs":       "BASE",
		"repo/link.yaml": "../secret.yaml",
		"repo/linkdir":   "../outside",
	})
	f.Fuzz(func(t *testing.T, target string) {
		dir, err := os.MkdirTemp(filepath.Join(repo, "s"), "f")
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(dir)
		for _, key := range []string{"extends: ", "include: "} {
			text := "version: 1\n" + key + strconv.Quote(target) + "\n"
			if err := os.WriteFile(filepath.Join(dir, "strategy.yaml"), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			doc, err := LoadDocument(dir, DefaultLimits)
			noSecret(t, doc, err)
			if doc == nil {
				continue
			}
			real, _ := filepath.EvalSymlinks(repo)
			for _, file := range doc.Source.Files {
				r, err := filepath.EvalSymlinks(file)
				if err != nil {
					t.Fatalf("%s: read %s, which cannot be resolved: %v", text, file, err)
				}
				if rel, err := filepath.Rel(real, r); err != nil || !filepath.IsLocal(rel) {
					t.Errorf("%s: read %s, outside the repository", text, file)
				}
			}
		}
	})
}
