// Package inputfile opens the files pillar reads, and only regular files:
// a named pipe would block the read forever (nobody writes to it), a device
// such as /dev/zero never ends or yields garbage, and a socket or folder is
// not a document. Each file is checked before it is opened, opened without
// blocking, and checked again through the open descriptor, so a file
// swapped in between cannot slip through.
//
// Files named inside a folder that confines them (a strategy's includes
// inside the repository root, templates inside --templates) are opened
// through an os.Root, which refuses any path, symbolic links included, that
// leads outside the folder.
package inputfile

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"syscall"
)

// NotRegularError is a file pillar refuses to read because it is not a
// regular file.
type NotRegularError struct {
	// Path names the file as the caller named it.
	Path string
	// Mode is the file's type.
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	return e.Path + " is " + Kind(e.Mode) + ", not a regular file"
}

// Kind words a file's type for a message: "a named pipe (FIFO)", "a
// character device", "a folder"…
func Kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsRegular():
		return "a regular file"
	}
	return "a special file"
}

// ErrOutside is the error (inside an *fs.PathError) for a name that leads
// outside the folder it is read from: through "..", an absolute path, or a
// symbolic link.
var ErrOutside = errors.New("it leads outside the folder it is read from")

// nonblock opens named pipes without waiting for a writer; regular files
// ignore it.
const nonblock = syscall.O_NONBLOCK

// Open opens path for reading when it is a regular file, after following
// symbolic links. Anything else gives a *NotRegularError.
func Open(path string) (*os.File, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, asOpen(err)
	}
	if !fi.Mode().IsRegular() {
		return nil, &NotRegularError{Path: path, Mode: fi.Mode()}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|nonblock, 0)
	if err != nil {
		return nil, err
	}
	return checked(f, path)
}

// OpenIn opens name, a slash- or OS-separated path relative to root, for
// reading when it is a regular file inside root: a name that leads outside
// (see ErrOutside) or is not a regular file (*NotRegularError) is refused
// without being opened.
func OpenIn(root *os.Root, name string) (*os.File, error) {
	fi, err := root.Stat(name)
	if err != nil {
		return nil, outside(asOpen(err))
	}
	if !fi.Mode().IsRegular() {
		return nil, &NotRegularError{Path: name, Mode: fi.Mode()}
	}
	f, err := root.OpenFile(name, os.O_RDONLY|nonblock, 0)
	if err != nil {
		return nil, outside(err)
	}
	return checked(f, name)
}

// StatIn is root.Stat with ErrOutside for a name that leads outside root.
func StatIn(root *os.Root, name string) (fs.FileInfo, error) {
	fi, err := root.Stat(name)
	return fi, outside(err)
}

// asOpen words the failed look before opening as the open it stands for,
// so messages read as they would without it ("open x: no such file").
func asOpen(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &fs.PathError{Op: "open", Path: pe.Path, Err: pe.Err}
	}
	return err
}

// checked closes f and refuses it unless its descriptor is a regular file:
// the check before opening may have seen another file.
func checked(f *os.File, name string) (*os.File, error) {
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, &NotRegularError{Path: name, Mode: fi.Mode()}
	}
	return f, nil
}

// outside replaces os.Root's refusal of a path that escapes it, whose
// error the os package does not export, with ErrOutside.
func outside(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Err != nil && strings.Contains(pe.Err.Error(), "escapes from parent") {
		return &fs.PathError{Op: pe.Op, Path: pe.Path, Err: ErrOutside}
	}
	return err
}

// IsOutside reports whether err says a name leads outside its folder.
func IsOutside(err error) bool { return errors.Is(err, ErrOutside) }
