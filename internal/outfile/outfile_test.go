package outfile

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// noLeftovers fails when a temporary file is left anywhere under dir.
func noLeftovers(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".tmp-") {
			t.Errorf("temporary file left behind: %s", p)
		}
		return nil
	})
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteCreatesAndReplaces(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.txt")
	if err := WriteBytes(p, nil, []byte("old")); err != nil {
		t.Fatal(err)
	}
	if err := WriteBytes(p, nil, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, p); got != "new" {
		t.Fatalf("got %q, want new", got)
	}
	noLeftovers(t, dir)
}

func TestWriteFailureKeepsOldFileAndCleansUp(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.txt")
	if err := os.WriteFile(p, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(p, nil, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if err != boom {
		t.Fatalf("err = %v, want the writer's own error", err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the panic did not reach the caller")
			}
		}()
		Write(p, nil, func(w io.Writer) error {
			io.WriteString(w, "half")
			panic("render bug")
		})
	}()
	if got := read(t, p); got != "old" {
		t.Fatalf("target changed to %q", got)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode changed to %v", fi.Mode())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temporary file left behind: %v", entries)
	}
}

// TestRefusedOutputs: each output is refused with a message that names
// what is wrong and what to do, by Check and by Write alike, and leaves
// nothing behind.
func TestRefusedOutputs(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(dir string) string
		want  []string // in the message
	}{
		{"folder", func(dir string) string {
			os.Mkdir(filepath.Join(dir, "dist"), 0o755)
			return filepath.Join(dir, "dist")
		}, []string{"dist: it is a folder; give the name of a file"}},
		{"missing folder", func(dir string) string {
			return filepath.Join(dir, "no", "such", "q1.ics")
		}, []string{"the folder ", filepath.Join("no", "such") + " does not exist; create it first"}},
		{"trailing slash", func(dir string) string {
			return filepath.Join(dir, "new") + string(filepath.Separator)
		}, []string{"it names a folder"}},
		{"parent is a file", func(dir string) string {
			os.WriteFile(filepath.Join(dir, "README.md"), nil, 0o644)
			return filepath.Join(dir, "README.md", "q1.ics")
		}, []string{"README.md is not a folder"}},
		{"empty name", func(string) string { return "" }, []string{"no file name given"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out := tc.setup(dir)
			before, _ := os.ReadDir(dir)
			checkErr := Check(out)
			writeErr := WriteBytes(out, nil, []byte("x"))
			for _, err := range []error{checkErr, writeErr} {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("err = %v, want an *Error", err)
				}
				for _, w := range tc.want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("%q does not say %q", err, w)
					}
				}
				if strings.Contains(err.Error(), ".tmp") {
					t.Errorf("%q names a temporary file", err)
				}
			}
			if after, _ := os.ReadDir(dir); len(after) != len(before) {
				t.Errorf("the folder changed: %v → %v", before, after)
			}
			noLeftovers(t, dir)
		})
	}
}

func TestStdout(t *testing.T) {
	for _, name := range []string{"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"} {
		var b bytes.Buffer
		if err := WriteBytes(name, &b, []byte("calendar")); err != nil || b.String() != "calendar" {
			t.Errorf("%s: got %q, %v; want the output on the stdout writer", name, b.String(), err)
		}
		if !IsStdout(name) || !IsStream(name) {
			t.Errorf("%s is not taken for stdout", name)
		}
	}
	if err := WriteBytes("-", nil, nil); err == nil || !strings.Contains(err.Error(), "give a file name") {
		t.Errorf("- without a stdout: %v", err)
	}
	if IsStdout("out.txt") || IsStream(filepath.Join(t.TempDir(), "out.txt")) {
		t.Error("a file name is taken for a stream")
	}
}

// TestWriteErrorsNameTheTarget: a failing write (the disk full, say)
// names the output, not the temporary file it was going to.
func TestWriteErrorsNameTheTarget(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), ".q1.ics.tmp-")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = (&namedWriter{f: f, name: "out/q1.ics"}).Write([]byte("x"))
	if err == nil || !strings.HasPrefix(err.Error(), "write out/q1.ics: ") || strings.Contains(err.Error(), ".tmp") {
		t.Errorf("err = %v, want it to name out/q1.ics only", err)
	}
}

func TestFolder(t *testing.T) {
	dir := t.TempDir()
	deep := filepath.Join(dir, "a", "b", "dist")
	if err := Folder(deep); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(deep); err != nil || !fi.IsDir() {
		t.Fatalf("the folder and its parents were not created: %v", err)
	}
	if err := Folder(deep); err != nil {
		t.Errorf("an existing folder: %v", err)
	}
	file := filepath.Join(dir, "README.md")
	os.WriteFile(file, nil, 0o644)
	if err := Folder(file); err == nil || !strings.Contains(err.Error(), "it is a regular file, not a folder") {
		t.Errorf("a file: %v", err)
	}
	if err := Folder(filepath.Join(file, "dist")); err == nil || !strings.Contains(err.Error(), "README.md is not a folder") {
		t.Errorf("under a file: %v", err)
	}
}

// A large replacement asks the kernel to start writing back every
// writebackEvery bytes, each range once and in order, and the file still
// holds every byte.
func TestReplaceStartsWritebackAsItGoes(t *testing.T) {
	type call struct{ off, n int64 }
	var calls []call
	startWriteback = func(f *os.File, off, n int64) { calls = append(calls, call{off, n}) }
	t.Cleanup(func() { startWriteback = writebackStart })

	p := filepath.Join(t.TempDir(), "big.ics")
	chunk := bytes.Repeat([]byte("BEGIN:VEVENT\r\n"), 4681) // 65,534 bytes
	const chunks = 160                                      // 10.5 MB
	err := Write(p, nil, func(w io.Writer) error {
		for range chunks {
			if _, err := w.Write(chunk); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(p)
	if err != nil || fi.Size() != int64(len(chunk)*chunks) {
		t.Fatalf("file: %v, %v; want %d bytes", fi, err, len(chunk)*chunks)
	}
	var next int64
	for _, c := range calls {
		if c.off != next || c.n < writebackEvery || c.n >= writebackEvery+int64(len(chunk)) {
			t.Fatalf("writeback calls %v: each must follow the last and cover about %d bytes", calls, writebackEvery)
		}
		next = c.off + c.n
	}
	if len(calls) != 2 {
		t.Errorf("%d writeback calls for 10.5 MB, want 2: %v", len(calls), calls)
	}
}
