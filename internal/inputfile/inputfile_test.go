package inputfile

import (
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

type opened struct {
	f   *os.File
	err error
}

// promptly fails the test when f does not return within a generous time:
// opening a named pipe the wrong way blocks forever.
func promptly[T any](t *testing.T, f func() T) T {
	t.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-time.After(10 * time.Second):
		t.Fatal("blocked: a special file was opened as if it were a regular one")
	}
	panic("unreachable")
}

// specials makes a named pipe and a socket in dir and returns their paths
// with two character devices, by name.
func specials(t *testing.T, dir string) map[string]string {
	t.Helper()
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("named pipes not available:", err)
	}
	sock := filepath.Join(dir, "sock.yaml")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Skip("unix sockets not available:", err)
	}
	t.Cleanup(func() { l.Close() })
	return map[string]string{
		"a named pipe (FIFO)": fifo,
		"a socket":            sock,
		"a character device":  "/dev/null",
		"a folder":            dir,
	}
}

func TestOpenRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	regular := filepath.Join(dir, "ok.yaml")
	os.WriteFile(regular, []byte("version: 1\n"), 0o644)
	f, err := Open(regular)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(f)
	f.Close()
	if string(b) != "version: 1\n" {
		t.Errorf("read %q", b)
	}
	cases := specials(t, dir)
	cases["a character device (/dev/zero)"] = "/dev/zero"
	// A symbolic link is followed: what counts is what it leads to.
	link := filepath.Join(dir, "link.yaml")
	os.Symlink(cases["a named pipe (FIFO)"], link)
	cases["a named pipe (FIFO) behind a link"] = link
	for kind, path := range cases {
		t.Run(kind, func(t *testing.T) {
			err := promptly(t, func() error {
				f, err := Open(path)
				if err == nil {
					f.Close()
				}
				return err
			})
			var nr *NotRegularError
			if !errors.As(err, &nr) || nr.Path != path {
				t.Fatalf("Open(%s): %v, want a *NotRegularError naming it", path, err)
			}
			want := strings.TrimSuffix(strings.Split(kind, " (/")[0], " behind a link")
			if !strings.Contains(err.Error(), path+" is "+want+", not a regular file") {
				t.Errorf("message %q does not say %q", err, want)
			}
		})
	}
	if _, err := Open(filepath.Join(dir, "gone.yaml")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
}

func TestOpenIn(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "repo")
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "sub", "a.yaml"), []byte("a: 1\n"), 0o644)
	secret := filepath.Join(base, "secret.yaml")
	os.WriteFile(secret, []byte("SECRET\n"), 0o644)
	os.MkdirAll(filepath.Join(base, "elsewhere"), 0o755)
	os.WriteFile(filepath.Join(base, "elsewhere", "b.yaml"), []byte("b: 1\n"), 0o644)
	for name, target := range map[string]string{
		"abs.yaml":        secret,
		"abs-gone.yaml":   filepath.Join(base, "gone.yaml"),
		"up.yaml":         "../secret.yaml",
		"up-gone.yaml":    "../gone.yaml",
		"in.yaml":         "sub/a.yaml",
		"sub/deep.yaml":   "../../secret.yaml",
		"sub/inside.yaml": "../sub/a.yaml",
		"out":             "../elsewhere",
	} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skip("symbolic links not available:", err)
		}
	}
	specials(t, dir)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for _, tc := range []struct {
		name string
		want string // content, or the error expected
	}{
		{"sub/a.yaml", "a: 1\n"},
		{"in.yaml", "a: 1\n"},
		{"sub/inside.yaml", "a: 1\n"},
		{"sub/../sub/a.yaml", "a: 1\n"},
		{"abs.yaml", "outside"},
		// Whether the target exists outside makes no difference.
		{"abs-gone.yaml", "outside"},
		{"up.yaml", "outside"},
		{"up-gone.yaml", "outside"},
		{"sub/deep.yaml", "outside"},
		{"../secret.yaml", "outside"},
		{"out/b.yaml", "outside"},
		{"gone.yaml", "missing"},
		{"fifo.yaml", "a named pipe (FIFO)"},
		{"sock.yaml", "a socket"},
		{"sub", "a folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := promptly(t, func() opened { f, err := OpenIn(root, tc.name); return opened{f, err} })
			f, err := r.f, r.err
			switch tc.want {
			case "outside":
				if !IsOutside(err) {
					t.Errorf("err = %v, want ErrOutside", err)
				}
			case "missing":
				if !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("err = %v, want not exist", err)
				}
			default:
				if strings.HasPrefix(tc.want, "a ") {
					var nr *NotRegularError
					if !errors.As(err, &nr) || Kind(nr.Mode) != tc.want {
						t.Errorf("err = %v, want %s", err, tc.want)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(f)
				f.Close()
				if string(b) != tc.want {
					t.Errorf("read %q, want %q", b, tc.want)
				}
			}
		})
	}
}

func TestRootFSGlob(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "strategy")
	os.MkdirAll(filepath.Join(dir, "personas"), 0o755)
	os.MkdirAll(filepath.Join(base, "elsewhere"), 0o755)
	os.WriteFile(filepath.Join(dir, "personas", "a.yaml"), []byte("a\n"), 0o644)
	os.WriteFile(filepath.Join(base, "elsewhere", "b.yaml"), []byte("b\n"), 0o644)
	if err := os.Symlink("../elsewhere", filepath.Join(dir, "linked")); err != nil {
		t.Skip("symbolic links not available:", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	specials(t, filepath.Join(dir, "personas"))
	fsys := RootFS(root)
	got := promptly(t, func() []string {
		m, _ := fs.Glob(fsys, "*/*.yaml")
		return m
	})
	// The folder behind the link is outside: it is never listed.
	if want := []string{"personas/a.yaml", "personas/fifo.yaml", "personas/sock.yaml"}; !slices.Equal(got, want) {
		t.Errorf("Glob = %q, want %q", got, want)
	}
	if _, err := fs.ReadFile(fsys, "personas/fifo.yaml"); err == nil {
		t.Error("read a named pipe")
	}
	if _, err := fs.ReadFile(fsys, "linked/b.yaml"); !IsOutside(err) {
		t.Errorf("read through a link leading outside: %v", err)
	}
}

func TestDir(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "theme")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "style.css"), []byte("body{}\n"), 0o644)
	os.WriteFile(filepath.Join(base, "secret"), []byte("SECRET\n"), 0o644)
	if err := os.Symlink("../secret", filepath.Join(dir, "playbook.html.tmpl")); err != nil {
		t.Skip("symbolic links not available:", err)
	}
	specials(t, dir)
	d := Dir(dir)
	if b, err := fs.ReadFile(d, "style.css"); err != nil || string(b) != "body{}\n" {
		t.Errorf("style.css: %q, %v", b, err)
	}
	if _, err := fs.ReadFile(d, "playbook.html.tmpl"); !IsOutside(err) || !strings.HasPrefix(err.Error(), "open playbook.html.tmpl: ") {
		t.Errorf("a template leading outside: %v", err)
	}
	// Stat finds the link, so an override is not silently passed over.
	if fi, err := fs.Stat(d, "playbook.html.tmpl"); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Stat of a link leading outside: %v, %v", fi, err)
	}
	if _, err := fs.Stat(d, "gone.tmpl"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Stat of a missing file: %v", err)
	}
	err := promptly(t, func() error { _, err := fs.ReadFile(d, "fifo.yaml"); return err })
	var nr *NotRegularError
	if !errors.As(err, &nr) {
		t.Errorf("a named pipe: %v", err)
	}
	if fi, err := fs.Stat(d, "fifo.yaml"); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("Stat of a named pipe: %v, %v", fi, err)
	}
	if _, err := fs.ReadFile(d, "../secret"); err == nil {
		t.Error("read ../secret")
	}
}

func TestKind(t *testing.T) {
	for mode, want := range map[fs.FileMode]string{
		0:                                 "a regular file",
		fs.ModeDir:                        "a folder",
		fs.ModeNamedPipe:                  "a named pipe (FIFO)",
		fs.ModeSocket:                     "a socket",
		fs.ModeDevice | fs.ModeCharDevice: "a character device",
		fs.ModeDevice:                     "a block device",
		fs.ModeSymlink:                    "a symbolic link",
		fs.ModeIrregular:                  "a special file",
	} {
		if got := Kind(mode); got != want {
			t.Errorf("Kind(%v) = %q, want %q", mode, got, want)
		}
	}
}
