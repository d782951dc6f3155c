//go:build linux

package main

// The output contract, end to end, for every command that writes: - and
// /dev/stdout are stdout, a character device or FIFO is written directly,
// a symbolic link is written through, an existing file keeps its mode, a
// missing folder is named. Device tests use a private null device first,
// and touch /dev/null itself only when that passes: a regression must not
// replace the machine's /dev/null (as root it could; that was the bug).

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// writingCommand is a command that writes one output given with -o.
type writingCommand struct {
	name string
	args func(out string) []string
}

func writingCommands() []writingCommand {
	ex := filepath.Join(root, "examples", "nordlys")
	return []writingCommand{
		{"plan", func(out string) []string {
			return []string{"plan", ex, "--from", "2027-01-04", "--to", "2027-01-18", "--format", "ics", "-o", out}
		}},
		{"render", func(out string) []string {
			return []string{"render", ex, "--from", "2027-01-04", "--label", "test", "--format", "md", "-o", out}
		}},
		{"audit", func(out string) []string {
			return []string{"audit", ex, "--posts", filepath.Join(ex, "history", "posts.csv"), "--from", "2027-01-01", "--to", "2027-02-01", "--format", "json", "-o", out}
		}},
		{"schema", func(out string) []string { return []string{"schema", "-o", out} }},
	}
}

// node is what lstat(2) says of a path: enough to tell it was not replaced.
type node struct {
	mode       uint32
	rdev, ino  uint64
	uid, gid   uint32
	linkTarget string
}

func nodeOf(t *testing.T, p string) node {
	t.Helper()
	var st syscall.Stat_t
	if err := syscall.Lstat(p, &st); err != nil {
		t.Fatal(err)
	}
	n := node{mode: st.Mode, rdev: st.Rdev, ino: st.Ino, uid: st.Uid, gid: st.Gid}
	n.linkTarget, _ = os.Readlink(p)
	return n
}

// privateNull makes a null character device in a temporary folder, or
// skips when this user may not (only root may).
func privateNull(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "null")
	if err := syscall.Mknod(p, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Skipf("cannot make a device node here (%v); only root can", err)
	}
	return p
}

// fifoReader makes a FIFO at p and reads it while the command runs; the
// function it returns gives what was written, once the command is done.
// Holding the FIFO open for writing lets the reader open it at once, and
// a command that never opens the FIFO gives an empty read instead of a
// hang.
func fifoReader(t *testing.T, p string) func() string {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
	holder, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	reader, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(reader)
		reader.Close()
		got <- string(b)
	}()
	return func() string {
		t.Helper()
		holder.Close()
		select {
		case s := <-got:
			return s
		case <-time.After(2 * time.Minute):
			t.Fatal("reading the FIFO did not end")
			return ""
		}
	}
}

func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestOutputContract(t *testing.T) {
	for _, c := range writingCommands() {
		t.Run(c.name, func(t *testing.T) {
			want := pillarAt(t, t.TempDir(), nil, c.args("-")...)
			if want.code > 1 || len(want.stdout) < 1000 {
				t.Fatalf("-o -: exit %d, %d bytes on stdout\n%s", want.code, len(want.stdout), want.stderr)
			}
			// ok runs the command writing to out and checks it did.
			ok := func(t *testing.T, dir, out string) run {
				t.Helper()
				r := pillarAt(t, dir, nil, c.args(out)...)
				if r.code != want.code {
					t.Fatalf("-o %s: exit %d, want %d\n%s", out, r.code, want.code, r.stderr)
				}
				return r
			}

			t.Run("- is stdout", func(t *testing.T) {
				dir := t.TempDir()
				r := ok(t, dir, "-")
				if r.stdout != want.stdout {
					t.Error("-o - does not write the output to stdout")
				}
				if entries, _ := os.ReadDir(dir); len(entries) != 0 {
					t.Errorf("-o - wrote a file: %v", entries)
				}
			})

			stdoutOK := t.Run("link to /proc/self/fd/1 is stdout", func(t *testing.T) {
				dir := t.TempDir()
				link := filepath.Join(dir, "stdout")
				os.Symlink("/proc/self/fd/1", link)
				r := ok(t, dir, link)
				if r.stdout != want.stdout {
					t.Errorf("a link to the process's stdout got %d bytes to stdout, want %d", len(r.stdout), len(want.stdout))
				}
				if n := nodeOf(t, link); n.linkTarget != "/proc/self/fd/1" {
					t.Errorf("the link was replaced (mode %o)", n.mode)
				}
				noTempFiles(t, dir)
			})
			t.Run("/dev/stdout is stdout", func(t *testing.T) {
				if !stdoutOK {
					t.Skip("not trying /dev/stdout itself: the private link to stdout failed")
				}
				before := nodeOf(t, "/dev/stdout")
				if r := ok(t, t.TempDir(), "/dev/stdout"); r.stdout != want.stdout {
					t.Error("-o /dev/stdout does not write the output to stdout")
				}
				if after := nodeOf(t, "/dev/stdout"); after != before {
					t.Errorf("/dev/stdout changed: %+v, was %+v", after, before)
				}
			})

			nullOK := t.Run("private character device stays one", func(t *testing.T) {
				null := privateNull(t)
				before := nodeOf(t, null)
				ok(t, t.TempDir(), null)
				if after := nodeOf(t, null); after != before {
					t.Errorf("the device changed: mode %o, was %o", after.mode, before.mode)
				}
				noTempFiles(t, filepath.Dir(null))
			})
			t.Run("/dev/null stays a character device", func(t *testing.T) {
				if !nullOK {
					t.Skip("not trying /dev/null itself: the private device failed")
				}
				before := nodeOf(t, "/dev/null")
				if before.mode&syscall.S_IFMT != syscall.S_IFCHR {
					t.Fatalf("this machine's /dev/null is not a character device (mode %o) before pillar ran: something replaced it; restore it with `mknod -m 666 /dev/null c 1 3`", before.mode)
				}
				ok(t, t.TempDir(), "/dev/null")
				if after := nodeOf(t, "/dev/null"); after != before || after.mode&syscall.S_IFMT != syscall.S_IFCHR {
					t.Errorf("/dev/null changed: %+v, was %+v", after, before)
				}
			})

			t.Run("FIFO gets the output", func(t *testing.T) {
				dir := t.TempDir()
				fifo := filepath.Join(dir, "out")
				got := fifoReader(t, fifo)
				ok(t, dir, fifo)
				if s := got(); s != want.stdout {
					t.Errorf("the FIFO got %d bytes, want the %d of stdout", len(s), len(want.stdout))
				}
				if n := nodeOf(t, fifo); n.mode&syscall.S_IFMT != syscall.S_IFIFO {
					t.Errorf("the FIFO became mode %o", n.mode)
				}
				noTempFiles(t, dir)
			})

			t.Run("symlink is written through", func(t *testing.T) {
				dir := t.TempDir()
				os.Mkdir(filepath.Join(dir, "site"), 0o755)
				real := filepath.Join(dir, "site", "published")
				os.WriteFile(real, []byte("old"), 0o644)
				link := filepath.Join(dir, "out")
				os.Symlink("site/published", link)
				ok(t, dir, link)
				if n := nodeOf(t, link); n.linkTarget != "site/published" {
					t.Errorf("the link was replaced (mode %o)", n.mode)
				}
				if b, _ := os.ReadFile(real); string(b) != want.stdout {
					t.Errorf("the link's target holds %d bytes, want the output's %d", len(b), len(want.stdout))
				}
				noTempFiles(t, dir)
				noTempFiles(t, filepath.Dir(real))
			})

			t.Run("0600 is kept", func(t *testing.T) {
				dir := t.TempDir()
				out := filepath.Join(dir, "out")
				os.WriteFile(out, []byte("old"), 0o600)
				ok(t, dir, out)
				fi, _ := os.Stat(out)
				if b, _ := os.ReadFile(out); fi.Mode() != 0o600 || string(b) != want.stdout {
					t.Errorf("mode %v, %d bytes; want -rw------- and the output", fi.Mode(), len(b))
				}
				noTempFiles(t, dir)
			})

			t.Run("missing folder is named", func(t *testing.T) {
				dir := t.TempDir()
				missing := filepath.Join(dir, "no", "such")
				r := pillarAt(t, dir, nil, c.args(filepath.Join(missing, "out"))...)
				wantMsg := "the folder " + missing + " does not exist; create it first"
				if r.code != 2 || !strings.Contains(r.stderr, wantMsg) || strings.Contains(r.stderr, ".tmp") {
					t.Errorf("exit %d, stderr %q; want exit 2 and %q", r.code, r.stderr, wantMsg)
				}
				if entries, _ := os.ReadDir(dir); len(entries) != 0 {
					t.Errorf("something was created: %v", entries)
				}
			})
		})
	}
}

// TestOutputFormatOfADevice: a device or FIFO has no extension to tell the
// format, so it gets the format stdout gets, as with > /dev/null.
func TestOutputFormatOfADevice(t *testing.T) {
	ex := filepath.Join(root, "examples", "nordlys")
	for _, args := range [][]string{
		{"plan", ex, "--from", "2027-01-04", "--to", "2027-01-18"},
		{"render", ex, "--from", "2027-01-04", "--label", "test"},
		{"audit", ex, "--posts", filepath.Join(ex, "history", "posts.csv"), "--from", "2027-01-01", "--to", "2027-02-01"},
	} {
		want := pillar(t, nil, args...)
		dir := t.TempDir()
		fifo := filepath.Join(dir, "out")
		got := fifoReader(t, fifo)
		r := pillar(t, nil, append(args, "-o", fifo)...)
		if s := got(); r.code != want.code || s != want.stdout {
			t.Errorf("%s -o FIFO: exit %d (want %d), %d bytes (want stdout's %d)\n%s", args[0], r.code, want.code, len(s), len(want.stdout), r.stderr)
		}
		null := "/dev/null"
		if os.Geteuid() == 0 { // a private one: as root a regression could replace /dev/null
			null = filepath.Join(dir, "null")
			if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
				t.Logf("cannot make a device node here (%v): no device tried", err)
				continue
			}
		}
		before := nodeOf(t, null)
		if r := pillar(t, nil, append(args, "-o", null)...); r.code != want.code {
			t.Errorf("%s -o %s: exit %d, want %d\n%s", args[0], null, r.code, want.code, r.stderr)
		}
		if after := nodeOf(t, null); after != before {
			t.Errorf("%s -o %s changed the device", args[0], null)
		}
	}
}

// TestBuildOutputs: every file build writes follows the contract; a file
// in the way stops the build before anything is written.
func TestBuildOutputs(t *testing.T) {
	args := func(out string) []string {
		return []string{"build", filepath.Join(root, "examples", "nordlys"), "-o", out, "--from", "2027-01-04", "--to", "2027-02-01", "--label", "test"}
	}
	ref := filepath.Join(t.TempDir(), "a", "b", "dist") // parents created too
	if r := pillar(t, nil, args(ref)...); r.code != 0 {
		t.Fatalf("build: exit %d\n%s", r.code, r.stderr)
	}
	want := func(name string) string {
		b, err := os.ReadFile(filepath.Join(ref, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}

	t.Run("links, modes, FIFOs and devices inside the folder", func(t *testing.T) {
		dir := t.TempDir()
		dist := filepath.Join(dir, "dist")
		os.MkdirAll(filepath.Join(dir, "site"), 0o755)
		os.Mkdir(dist, 0o755)
		os.WriteFile(filepath.Join(dir, "site", "cal.ics"), []byte("old"), 0o644)
		os.Symlink("../site/cal.ics", filepath.Join(dist, "calendar.ics"))
		os.WriteFile(filepath.Join(dist, "calendar.csv"), []byte("old"), 0o600)
		got := fifoReader(t, filepath.Join(dist, "playbook.md"))
		var null string
		var before node
		if os.Geteuid() == 0 {
			null = privateNull(t)
			before = nodeOf(t, null)
			os.Symlink(null, filepath.Join(dist, "playbook.html"))
		}
		if r := pillar(t, nil, args(dist)...); r.code != 0 {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		if l, _ := os.Readlink(filepath.Join(dist, "calendar.ics")); l != "../site/cal.ics" {
			t.Errorf("calendar.ics is no longer the link (%q)", l)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "site", "cal.ics")); string(b) != want("calendar.ics") {
			t.Error("the link's target does not hold the calendar")
		}
		fi, _ := os.Stat(filepath.Join(dist, "calendar.csv"))
		if b, _ := os.ReadFile(filepath.Join(dist, "calendar.csv")); fi.Mode() != 0o600 || string(b) != want("calendar.csv") {
			t.Errorf("calendar.csv: mode %v; want -rw------- kept and the calendar", fi.Mode())
		}
		if s := got(); s != want("playbook.md") {
			t.Errorf("the FIFO got %d bytes, want the playbook's %d", len(s), len(want("playbook.md")))
		}
		if null != "" {
			if after := nodeOf(t, null); after != before {
				t.Errorf("the device behind playbook.html changed: mode %o, was %o", after.mode, before.mode)
			}
		}
		noTempFiles(t, dist)
	})

	t.Run("a folder in the way stops the build before it writes", func(t *testing.T) {
		dist := t.TempDir()
		os.WriteFile(filepath.Join(dist, "playbook.html"), []byte("old"), 0o644)
		os.Mkdir(filepath.Join(dist, "calendar.csv"), 0o755)
		r := pillar(t, nil, args(dist)...)
		if r.code != 2 || !strings.Contains(r.stderr, "calendar.csv: it is a folder") {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
		if b, _ := os.ReadFile(filepath.Join(dist, "playbook.html")); string(b) != "old" {
			t.Error("playbook.html was written although the build failed")
		}
		if entries, _ := os.ReadDir(dist); len(entries) != 2 {
			t.Errorf("files were written: %v", entries)
		}
	})

	for _, tc := range []struct{ out, want string }{
		{"-", "build writes several files into a folder, not to stdout"},
		{"/dev/stdout", "build writes several files into a folder, not to stdout"},
		{"/dev/null", "-o /dev/null is not a folder"},
	} {
		before := nodeOf(t, "/dev/null")
		r := pillarAt(t, t.TempDir(), nil, args(tc.out)...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("build -o %s: exit %d, stderr %q; want %q", tc.out, r.code, r.stderr, tc.want)
		}
		if after := nodeOf(t, "/dev/null"); after != before {
			t.Errorf("build -o %s changed /dev/null", tc.out)
		}
	}
}

// TestInitOutputs: init writes through a linked strategy.yaml, keeps the
// schema file's mode, and checks both before writing either.
func TestInitOutputs(t *testing.T) {
	schema := pillar(t, nil, "schema").stdout

	dir := t.TempDir()
	brand := filepath.Join(dir, "brand")
	os.MkdirAll(filepath.Join(dir, "shared"), 0o755)
	os.Mkdir(brand, 0o755)
	os.WriteFile(filepath.Join(dir, "shared", "strategy.yaml"), []byte("old"), 0o644)
	os.Symlink("../shared/strategy.yaml", filepath.Join(brand, "strategy.yaml"))
	os.WriteFile(filepath.Join(brand, "strategy.schema.json"), []byte("old"), 0o600)
	if r := pillar(t, nil, "init", brand, "--force", "--today", "2027-01-04"); r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if l, _ := os.Readlink(filepath.Join(brand, "strategy.yaml")); l != "../shared/strategy.yaml" {
		t.Errorf("strategy.yaml is no longer the link (%q)", l)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "shared", "strategy.yaml")); !strings.HasPrefix(string(b), "# yaml-language-server") {
		t.Errorf("the link's target does not hold the starter: %.40q", b)
	}
	fi, _ := os.Stat(filepath.Join(brand, "strategy.schema.json"))
	if b, _ := os.ReadFile(filepath.Join(brand, "strategy.schema.json")); fi.Mode() != 0o600 || string(b) != schema {
		t.Errorf("strategy.schema.json: mode %v; want -rw------- kept and the schema", fi.Mode())
	}

	blocked := filepath.Join(dir, "blocked")
	os.MkdirAll(filepath.Join(blocked, "strategy.schema.json"), 0o755)
	r := pillar(t, nil, "init", blocked, "--today", "2027-01-04")
	if r.code != 2 || !strings.Contains(r.stderr, "strategy.schema.json: it is a folder") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if _, err := os.Lstat(filepath.Join(blocked, "strategy.yaml")); err == nil {
		t.Error("strategy.yaml was written although init failed")
	}
}
