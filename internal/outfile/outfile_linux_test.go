package outfile

import (
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func lstat(t *testing.T, p string) *syscall.Stat_t {
	t.Helper()
	var st syscall.Stat_t
	if err := syscall.Lstat(p, &st); err != nil {
		t.Fatal(err)
	}
	return &st
}

// withUmask runs f with the process's umask set to m.
func withUmask(m int, f func()) {
	old := syscall.Umask(m)
	defer syscall.Umask(old)
	f()
}

func TestModes(t *testing.T) {
	for _, tc := range []struct {
		name  string
		old   fs.FileMode // 0: no file before
		umask int
		want  fs.FileMode
	}{
		{"new, umask 022", 0, 0o022, 0o644},
		{"new, umask 077", 0, 0o077, 0o600},
		{"new, umask 002", 0, 0o002, 0o644},
		{"0600 kept", 0o600, 0o022, 0o600},
		{"0755 kept", 0o755, 0o022, 0o755},
		{"0640 kept whatever the umask", 0o640, 0o077, 0o640},
		{"0444 kept", 0o444, 0o022, 0o444},
		{"setgid without group execute kept", 0o640 | fs.ModeSetgid, 0o022, 0o640 | fs.ModeSetgid},
		{"setgid with group execute dropped", 0o750 | fs.ModeSetgid, 0o022, 0o750},
		{"setuid dropped", 0o755 | fs.ModeSetuid, 0o022, 0o755},
		{"sticky kept", 0o644 | fs.ModeSticky, 0o022, 0o644 | fs.ModeSticky},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.old == 0o444 && os.Geteuid() != 0 {
				t.Skip("only root may replace a read-only file (TestPermissions covers the refusal)")
			}
			dir := t.TempDir()
			p := filepath.Join(dir, "out.txt")
			if tc.old != 0 {
				if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(p, tc.old); err != nil {
					t.Fatal(err)
				}
				if fi, _ := os.Stat(p); fi.Mode() != tc.old {
					t.Skipf("the file system does not keep mode %v (got %v)", tc.old, fi.Mode())
				}
			}
			var err error
			withUmask(tc.umask, func() { err = WriteBytes(p, nil, []byte("new")) })
			if err != nil {
				t.Fatal(err)
			}
			fi, _ := os.Stat(p)
			if fi.Mode() != tc.want || read(t, p) != "new" {
				t.Errorf("mode %v, content %q; want %v, new", fi.Mode(), read(t, p), tc.want)
			}
			noLeftovers(t, dir)
		})
	}
}

func TestOwnerKept(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give a file to another user; as anyone else the new file is theirs, as after any save")
	}
	p := filepath.Join(t.TempDir(), "out.txt")
	os.WriteFile(p, []byte("old"), 0o640)
	if err := os.Chown(p, 12345, 23456); err != nil {
		t.Fatal(err)
	}
	if err := WriteBytes(p, nil, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if st := lstat(t, p); st.Uid != 12345 || st.Gid != 23456 || st.Mode&0o7777 != 0o640 {
		t.Errorf("owner %d:%d mode %o, want 12345:23456 640", st.Uid, st.Gid, st.Mode&0o7777)
	}
}

// TestSymlinks: a link is written through to its final target, and stays
// the link it was.
func TestSymlinks(t *testing.T) {
	type links map[string]string // link → what it points at
	for _, tc := range []struct {
		name    string
		files   []string // regular files holding "old"
		dirs    []string
		links   links
		out     string
		written string // the file that must hold "new"
		wantErr string
	}{
		{name: "link to a file", files: []string{"real.ics"}, links: links{"q1.ics": "real.ics"}, out: "q1.ics", written: "real.ics"},
		{name: "absolute link", files: []string{"real.ics"}, links: links{"q1.ics": "@/real.ics"}, out: "q1.ics", written: "real.ics"},
		{name: "chain of links", files: []string{"c"}, links: links{"a": "b", "b": "sub/../c"}, dirs: []string{"sub"}, out: "a", written: "c"},
		{name: "link to a file in another folder", dirs: []string{"site"}, files: []string{"site/cal.ics"}, links: links{"q1.ics": "site/cal.ics"}, out: "q1.ics", written: "site/cal.ics"},
		{
			// ".." in a link is taken where the link really is (in
			// real/sub), not where the name used to reach it suggests.
			name: "relative link through a linked folder", dirs: []string{"real", "real/sub"}, files: []string{"real/target"},
			links: links{"alias": "real/sub", "real/sub/out": "../target"}, out: "alias/out", written: "real/target",
		},
		{name: "dangling link creates its target", links: links{"q1.ics": "made.ics"}, out: "q1.ics", written: "made.ics"},
		{name: "dangling link into a missing folder", links: links{"q1.ics": "gone/made.ics"}, out: "q1.ics",
			wantErr: "it is a symbolic link to @/gone/made.ics, and the folder @/gone does not exist; create it first"},
		{name: "loop", links: links{"a": "b", "b": "a"}, out: "a", wantErr: "its symbolic links form a loop"},
		{name: "link to itself", links: links{"a": "a"}, out: "a", wantErr: "its symbolic links form a loop"},
		{name: "link to a folder", dirs: []string{"dist"}, links: links{"q1.ics": "dist"}, out: "q1.ics", wantErr: "it is a folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			at := func(s string) string { return strings.ReplaceAll(s, "@", dir) }
			for _, d := range tc.dirs {
				os.Mkdir(filepath.Join(dir, d), 0o755)
			}
			for _, f := range tc.files {
				os.WriteFile(filepath.Join(dir, f), []byte("old"), 0o644)
			}
			for l, to := range tc.links {
				if err := os.Symlink(at(to), filepath.Join(dir, l)); err != nil {
					t.Fatal(err)
				}
			}
			out := filepath.Join(dir, tc.out)
			err := WriteBytes(out, nil, []byte("new"))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), at(tc.wantErr)) {
					t.Fatalf("err = %v, want %q", err, at(tc.wantErr))
				}
				if cerr := Check(out); cerr == nil || cerr.Error() != err.Error() {
					t.Errorf("Check says %v, Write %v", cerr, err)
				}
			} else if err != nil {
				t.Fatal(err)
			} else if got := read(t, filepath.Join(dir, tc.written)); got != "new" {
				t.Errorf("%s holds %q, want new", tc.written, got)
			}
			for l, to := range tc.links {
				if got, err := os.Readlink(filepath.Join(dir, l)); err != nil || got != at(to) {
					t.Errorf("link %s now %q (%v), want it to point at %q still", l, got, err, at(to))
				}
			}
			noLeftovers(t, dir)
		})
	}
}

// TestFIFO: a FIFO gets the output as a stream, while it is written, and
// stays a FIFO.
func TestFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "calendar.ics")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if !IsStream(fifo) || Check(fifo) != nil {
		t.Fatalf("the FIFO is not taken for a stream: %v", Check(fifo))
	}
	firstSeen := make(chan struct{})
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		defer f.Close()
		first := make([]byte, len("first\n"))
		if _, err := io.ReadFull(f, first); err != nil {
			got <- err.Error()
			return
		}
		close(firstSeen)
		rest, _ := io.ReadAll(f)
		got <- string(first) + string(rest)
	}()
	err := Write(fifo, nil, func(w io.Writer) error {
		io.WriteString(w, "first\n")
		// The reader has the first line before the writer goes on: the
		// output is streamed, not held until the end.
		select {
		case <-firstSeen:
		case <-time.After(30 * time.Second):
			return errors.New("the reader did not get the first line while the output was being written")
		}
		_, err := io.WriteString(w, "second\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-got:
		if s != "first\nsecond\n" {
			t.Errorf("the reader got %q", s)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the reader got nothing")
	}
	if fi, _ := os.Lstat(fifo); fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the FIFO became %v", fi.Mode())
	}
	noLeftovers(t, dir)
}

// sameNode fails unless p is still the node before describes.
func sameNode(t *testing.T, p string, before *syscall.Stat_t) {
	t.Helper()
	after := lstat(t, p)
	if after.Mode != before.Mode || after.Rdev != before.Rdev || after.Ino != before.Ino {
		t.Errorf("%s changed: mode %o rdev %d inode %d, was %o %d %d", p, after.Mode, after.Rdev, after.Ino, before.Mode, before.Rdev, before.Ino)
	}
}

// TestCharDevice: a character device is written, never replaced. A private
// null device is tried first, and the real /dev/null only when that
// passes, so a regression cannot replace the machine's /dev/null (which,
// as root, it could: the bug this guards against).
func TestCharDevice(t *testing.T) {
	ok := t.Run("private null device", func(t *testing.T) {
		dir := t.TempDir()
		null := filepath.Join(dir, "null")
		if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
			t.Skipf("cannot make a device node here (%v); only root can", err)
		}
		before := lstat(t, null)
		if err := WriteBytes(null, nil, []byte(strings.Repeat("x", 1<<20))); err != nil {
			t.Fatal(err)
		}
		sameNode(t, null, before)
		noLeftovers(t, dir)
	})
	if !ok {
		t.Fatal("not trying /dev/null itself")
	}
	t.Run("/dev/null", func(t *testing.T) {
		before := lstat(t, "/dev/null")
		if err := WriteBytes("/dev/null", nil, []byte("x")); err != nil {
			t.Fatal(err)
		}
		if !IsStream("/dev/null") {
			t.Error("/dev/null is not taken for a stream")
		}
		sameNode(t, "/dev/null", before)
	})
	t.Run("/dev/full names itself in the error", func(t *testing.T) {
		if _, err := os.Stat("/dev/full"); err != nil {
			t.Skip("no /dev/full")
		}
		err := WriteBytes("/dev/full", nil, []byte("x"))
		if err == nil || !strings.Contains(err.Error(), "/dev/full") || !errors.Is(err, syscall.ENOSPC) {
			t.Errorf("err = %v, want no space left on /dev/full", err)
		}
	})
}

// TestRefusedNodes: a socket or a block device is refused before it is
// opened, and stays as it was.
func TestRefusedNodes(t *testing.T) {
	dir := t.TempDir()
	sock := filepath.Join(dir, "pillar.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	nodes := map[string]string{sock: "it is a socket; pillar writes regular files, FIFOs and character devices only"}
	block := filepath.Join(dir, "disk")
	// 240–254 are block majors for local use (devices.txt): none behind it.
	if err := syscall.Mknod(block, syscall.S_IFBLK|0o600, 242<<8); err == nil {
		nodes[block] = "it is a block device; pillar writes regular files, FIFOs and character devices only"
	} else {
		t.Logf("no block device tried: cannot make a device node here (%v)", err)
	}
	for p, want := range nodes {
		before := lstat(t, p)
		for _, err := range []error{Check(p), WriteBytes(p, nil, []byte("x"))} {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: err = %v, want %q", p, err, want)
			}
		}
		sameNode(t, p, before)
	}
	noLeftovers(t, dir)
}

// TestOpenDescriptor: /proc/self/fd/N and /dev/fd/N (and so /dev/stderr)
// that lead to a file are written through that descriptor, at its offset,
// as pillar's own messages to it are: the file is neither replaced nor
// written over from its start. A descriptor open for reading is refused.
func TestOpenDescriptor(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "log.txt")
	f, err := os.Create(p) // like a shell's 2>log.txt: no O_APPEND
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fd := strconv.Itoa(int(f.Fd()))
	f.WriteString("before\n")
	before := lstat(t, p)
	for _, name := range []string{"/proc/self/fd/" + fd, "/dev/fd/" + fd} {
		if !IsStream(name) {
			t.Errorf("%s is not taken for a stream", name)
		}
		if err := WriteBytes(name, nil, []byte(name+"\n")); err != nil {
			t.Fatal(err)
		}
	}
	f.WriteString("after\n")
	want := "before\n/proc/self/fd/" + fd + "\n/dev/fd/" + fd + "\nafter\n"
	if got := read(t, p); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	sameNode(t, p, before)

	in := filepath.Join(dir, "input.txt")
	os.WriteFile(in, []byte("input"), 0o644)
	r, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	name := "/dev/fd/" + strconv.Itoa(int(r.Fd()))
	if err := WriteBytes(name, nil, []byte("output")); err == nil || !strings.Contains(err.Error(), "open for reading only") {
		t.Errorf("%s open for reading: err = %v", name, err)
	}
	if got := read(t, in); got != "input" {
		t.Errorf("the input became %q", got)
	}
	noLeftovers(t, dir)
}

// TestPermissions: what pillar may not do is refused up front, in words,
// with nothing left behind. Root may do all of it, so these run as any
// other user only.
func TestPermissions(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, which ignores file permissions: read-only folders and files are tested as any other user (TestCharDevice and TestOwnerKept cover what matters as root)")
	}
	for _, tc := range []struct {
		name  string
		setup func(dir string) (out string, undo func())
		want  string
	}{
		{"read-only folder, new file", func(dir string) (string, func()) {
			ro := filepath.Join(dir, "ro")
			os.Mkdir(ro, 0o555)
			return filepath.Join(ro, "q1.ics"), func() { os.Chmod(ro, 0o755) }
		}, "pillar may not create files in the folder @/ro (permission denied)"},
		{"read-only folder, existing file", func(dir string) (string, func()) {
			ro := filepath.Join(dir, "ro")
			os.Mkdir(ro, 0o755)
			os.WriteFile(filepath.Join(ro, "q1.ics"), []byte("old"), 0o644)
			os.Chmod(ro, 0o555)
			return filepath.Join(ro, "q1.ics"), func() { os.Chmod(ro, 0o755) }
		}, "make the folder writable or write elsewhere"},
		{"read-only file", func(dir string) (string, func()) {
			p := filepath.Join(dir, "q1.ics")
			os.WriteFile(p, []byte("old"), 0o444)
			return p, func() {}
		}, "the file is read-only; make it writable (chmod u+w) or write elsewhere"},
		{"cannot look", func(dir string) (string, func()) {
			shut := filepath.Join(dir, "shut")
			os.Mkdir(shut, 0o755)
			os.WriteFile(filepath.Join(shut, "q1.ics"), []byte("old"), 0o644)
			os.Chmod(shut, 0o600)
			return filepath.Join(shut, "q1.ics"), func() { os.Chmod(shut, 0o755) }
		}, "pillar may not look at it (permission denied)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out, undo := tc.setup(dir)
			want := strings.ReplaceAll(tc.want, "@", dir)
			for _, err := range []error{Check(out), WriteBytes(out, nil, []byte("new"))} {
				if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), ".tmp") {
					t.Errorf("err = %v, want %q", err, want)
				}
			}
			undo()
			if b, err := os.ReadFile(out); err == nil && string(b) != "old" {
				t.Errorf("the file changed to %q", b)
			}
			noLeftovers(t, dir)
		})
	}
}

func TestFolderThroughLinks(t *testing.T) {
	dir := t.TempDir()
	os.Symlink("public/site", filepath.Join(dir, "dist"))
	if err := Folder(filepath.Join(dir, "dist")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "public", "site")); err != nil || !fi.IsDir() {
		t.Errorf("the dangling link's target was not created: %v", err)
	}
	if l, _ := os.Readlink(filepath.Join(dir, "dist")); l != "public/site" {
		t.Errorf("the link changed to %q", l)
	}
	os.Symlink("loop", filepath.Join(dir, "loop"))
	if err := Folder(filepath.Join(dir, "loop")); err == nil || !strings.Contains(err.Error(), "loop") {
		t.Errorf("a link loop: %v", err)
	}
	if err := Folder("/dev/null"); err == nil || !strings.Contains(err.Error(), "it is a character device, not a folder") {
		t.Errorf("/dev/null: %v", err)
	}
}
