// Package outfile writes what pillar's commands produce (-o FILE, the files
// build writes into its folder, the strategy init writes), by one contract,
// so that an output goes where the user meant and nowhere else:
//
//   - "-" is standard output, and so are /dev/stdout, /dev/fd/1 and
//     /proc/self/fd/1: they are written through the stdout the command was
//     given, never opened or replaced.
//   - An existing character device or FIFO (/dev/null, a terminal, a named
//     pipe, a shell's process substitution) is opened and written directly,
//     as a stream: nothing is renamed over it, and nothing is held in memory
//     beyond what the command's own writer buffers.
//   - A regular file, new or existing, is replaced atomically: the output
//     goes to a temporary file in the same folder, which is synced and
//     renamed over it, so a reader sees the old file or the whole new one,
//     never half of it. A failure, or a panic, leaves the old file as it was
//     and no temporary file behind.
//   - An existing file keeps its permission bits, its sticky bit and, where
//     pillar may set them, its owner and group. Setuid, and setgid on a
//     group-executable file, are dropped, as the kernel drops them when a
//     program writes a file. A new file gets 0644 less the umask, as any file
//     a program creates. Hard links to the old file keep the old content, and
//     extended attributes and ACLs are not copied: the file is a new one.
//   - A symbolic link is written through: the chain of links is followed
//     (physically: ".." in a link's target is taken from where the link
//     really is) to its final target, which is replaced, or created when the
//     link dangles and the target's folder exists. The links stay as they are.
//   - An open file descriptor named through /proc/self/fd or /dev/fd (say
//     /dev/stderr redirected to a log file) is written through that
//     descriptor, at its offset, as pillar's own messages are: not replaced.
//   - Refused before anything is written, with a message that says what to
//     do and never names a temporary file: a folder, a socket, a block
//     device, a symbolic link loop, a missing folder ("create it first"), a
//     part of the path that is a file, a folder pillar may not create files
//     in, a read-only file, a path pillar may not look at.
package outfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/pillar-strategy/pillar/internal/inputfile"
)

// Error says why an output could not be written, in words for the user. It
// never names the temporary file.
type Error struct {
	// Op is what could not be done: "write" or "create the folder".
	Op string
	// Name is the output as the user gave it.
	Name string
	// Reason says what is wrong and, where there is something to do, what.
	Reason string
	// Err is the system's error behind Reason, if there is one.
	Err error
}

func (e *Error) Error() string { return "cannot " + e.Op + " " + e.Name + ": " + e.Reason }

// Unwrap returns the system's error, so errors.Is(err, fs.ErrNotExist)
// and the like still work.
func (e *Error) Unwrap() error { return e.Err }

// IsStdout reports whether name means standard output: "-", or one of the
// names Unix gives the process's own stdout. Those are written through the
// stdout writer rather than opened, so that a stdout redirected to a file
// is written at its offset, not truncated or replaced.
func IsStdout(name string) bool {
	switch name {
	case "-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1":
		return true
	}
	return false
}

// IsStream reports whether name is written as a stream, not replaced as a
// file: standard output, an existing character device or FIFO, or an open
// file descriptor. Commands use it to choose a default format for outputs
// whose name has no extension to tell it (-o /dev/null).
func IsStream(name string) bool {
	t, err := resolve(name)
	return err == nil && t.kind != toReplace && t.kind != toCreate
}

// Check returns the error Write would return for name before it writes
// anything: a missing folder, a folder given as the file, a read-only file
// and so on. It opens and creates nothing, so a command calls it before a
// long run to fail at once.
func Check(name string) error {
	_, err := resolve(name)
	return err
}

// Write writes what write produces to the output name, by the package's
// contract; stdout is what "-" (and /dev/stdout) write to. If write fails,
// a regular file is left as it was and its error is returned as it is, so
// that the command can report it.
func Write(name string, stdout io.Writer, write func(w io.Writer) error) error {
	t, err := resolve(name)
	if err != nil {
		return err
	}
	switch t.kind {
	case toStdout:
		if stdout == nil {
			return &Error{Op: "write", Name: name, Reason: "standard output cannot take this output; give a file name"}
		}
		return write(stdout)
	case toStream, toDescriptor:
		return stream(t, write)
	}
	return replace(t, write)
}

// WriteBytes writes b to the output name, as Write does.
func WriteBytes(name string, stdout io.Writer, b []byte) error {
	return Write(name, stdout, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// Folder makes sure dir is a folder that outputs can be written into,
// creating it and its parents if they are missing. A symbolic link to a
// folder is used as the folder; a dangling one is followed and its target
// created.
func Folder(dir string) error {
	fail := func(reason string, err error) error {
		return &Error{Op: "create the folder", Name: dir, Reason: reason, Err: err}
	}
	fi, err := os.Stat(dir)
	switch {
	case err == nil && fi.IsDir():
		return nil
	case err == nil:
		return fail("it is "+inputfile.Kind(fi.Mode())+", not a folder; give a folder", nil)
	case errors.Is(err, syscall.ELOOP):
		return fail(loopReason, err)
	case errors.Is(err, fs.ErrPermission):
		return fail(noLookReason, err)
	}
	target := dir
	for hop := 0; ; hop++ {
		li, err := os.Lstat(target)
		if err != nil || li.Mode()&os.ModeSymlink == 0 {
			break
		}
		if hop == maxLinks {
			return fail(loopReason, nil)
		}
		link, err := os.Readlink(target)
		if err != nil {
			return fail(reasonOf(err), err)
		}
		if !filepath.IsAbs(link) {
			parent, _ := split(target)
			if r, err := filepath.EvalSymlinks(parent); err == nil {
				parent = r
			}
			link = parent + string(filepath.Separator) + link
		}
		target = link
	}
	if err := os.MkdirAll(target, 0o755); err != nil {
		if a := notFolder(target); a != "" {
			return fail(a+" is not a folder", err)
		}
		if errors.Is(err, fs.ErrPermission) {
			return fail("permission denied; make its parent folder writable or give another folder", err)
		}
		return fail(reasonOf(err), err)
	}
	return nil
}
