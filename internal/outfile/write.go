package outfile

import (
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// stream writes to an existing FIFO or character device, or to the file an
// open descriptor points at, directly: open(2) on a FIFO waits for a
// reader, as any Unix tool's output does. One of pillar's own descriptors
// is written through a duplicate of it, sharing its offset (as opening
// /dev/fd/N does on the BSDs), so that /dev/stderr redirected to a file
// takes the output where pillar's own messages go, and a descriptor open
// only for reading (/dev/stdin) is refused by the kernel; another process's
// is opened for appending.
func stream(t target, write func(io.Writer) error) error {
	var f *os.File
	var err error
	switch {
	case t.kind == toDescriptor && t.fd >= 0:
		f, err = dup(t.fd, t.name)
	case t.kind == toDescriptor:
		f, err = os.OpenFile(t.name, os.O_WRONLY|os.O_APPEND, 0)
	default:
		f, err = os.OpenFile(t.name, os.O_WRONLY, 0)
	}
	if err != nil {
		return t.fail(reasonOf(err), err)
	}
	if fi, err := f.Stat(); t.kind == toStream && (err != nil || fi.Mode().IsRegular()) {
		// Swapped for a file between the look and the open: writing it
		// unatomically, without truncating, would leave a mix.
		f.Close()
		return t.fail("it changed while pillar was opening it; try again", err)
	}
	err = write(f)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = t.fail(reasonOf(cerr), cerr)
	}
	return err
}

// replace writes a regular file atomically: a temporary file beside the
// target, synced, given the old file's mode and owner, renamed over it.
func replace(t target, write func(io.Writer) error) error {
	dir, base := filepath.Dir(t.path), filepath.Base(t.path)
	perm := fs.FileMode(0o644) // less the umask, by the kernel
	if t.info != nil {
		perm = 0o600 // private until it has the old file's owner and mode
	}
	f, tmp, err := createTemp(dir, base, perm)
	if err != nil {
		return t.folderWriteError(dir, err)
	}
	done := false
	defer func() {
		// Also on a panic in write: no temporary file is left behind.
		if !done {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if t.info != nil {
		if err := keep(f, t.info); err != nil {
			return t.fail("cannot give the new file the old one's mode: "+reasonOf(err), err)
		}
	}
	if err := write(&namedWriter{f: f, name: t.name}); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return t.fail(reasonOf(err), err)
	}
	if err := f.Close(); err != nil {
		return t.fail(reasonOf(err), err)
	}
	if err := os.Rename(tmp, t.path); err != nil {
		return t.fail(reasonOf(err), err)
	}
	done = true
	syncFolder(dir)
	return nil
}

// createTemp creates a new file with a random name beside base in dir,
// opened with perm so that the kernel applies the umask (os.CreateTemp
// always uses 0600). The name starts with a dot and holds base, so a
// leftover from a killed run is recognisable.
func createTemp(dir, base string, perm fs.FileMode) (*os.File, string, error) {
	if len(base) > 100 {
		base = base[:100] // the name must stay under NAME_MAX
	}
	for range 100 {
		name := filepath.Join(dir, "."+base+".tmp-"+strconv.FormatUint(rand.Uint64(), 36))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, name, err
	}
	return nil, "", &fs.PathError{Op: "create", Path: dir, Err: fs.ErrExist}
}

// writebackEvery is how many bytes a replacement accumulates before
// pillar asks the kernel to start writing them to the disk.
const writebackEvery = 4 << 20

// startWriteback is writebackStart; tests watch the calls.
var startWriteback = writebackStart

// namedWriter names the target, not the temporary file, in write errors
// ("write q1.ics: no space left on device"), and starts the disk writing
// every writebackEvery bytes, so that a large output's fsync overlaps the
// work that produces it instead of following it.
type namedWriter struct {
	f       *os.File
	name    string
	written int64 // bytes written so far
	started int64 // bytes handed to startWriteback
}

func (w *namedWriter) Write(b []byte) (int, error) {
	n, err := w.f.Write(b)
	w.written += int64(n)
	if w.written-w.started >= writebackEvery {
		startWriteback(w.f, w.started, w.written-w.started)
		w.started = w.written
	}
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		err = &fs.PathError{Op: "write", Path: w.name, Err: err}
	}
	return n, err
}

// keptMode is the mode the new file takes from the old one: permission
// bits and the sticky bit; setgid only where it does not grant a group
// privileges (no group execute bit); never setuid. The kernel clears the
// same bits when a program without CAP_FSETID writes a file
// (https://man7.org/linux/man-pages/man2/write.2.html, "setuid").
func keptMode(m fs.FileMode) fs.FileMode {
	kept := m.Perm() | m&fs.ModeSticky
	if m&fs.ModeSetgid != 0 && m&0o010 == 0 {
		kept |= fs.ModeSetgid
	}
	return kept
}

// syncFolder makes the rename durable where the system allows it; a
// failure only loses durability across a crash, not atomicity.
func syncFolder(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
