//go:build unix

package outfile

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

const (
	wOK = 0x2 // W_OK, access(2)
	xOK = 0x1 // X_OK
)

// access asks the kernel whether pillar may write path, as it would judge
// an open(2) or a create in it (root passes; a read-only mount does not).
func access(path string, mode uint32) error {
	if err := syscall.Access(path, mode); err != nil {
		return &fs.PathError{Op: "access", Path: path, Err: err}
	}
	return nil
}

// keep gives f the owner, group and mode of the file it replaces. The
// owner can only be given by root; a member of the group can give the
// group; otherwise the new file is pillar's, as after any save.
func keep(f *os.File, old fs.FileInfo) error {
	if st, ok := old.Sys().(*syscall.Stat_t); ok {
		uid, gid := int(st.Uid), int(st.Gid)
		if uid != os.Geteuid() || gid != os.Getegid() {
			if f.Chown(uid, gid) != nil {
				f.Chown(-1, gid)
			}
		}
	}
	// After chown, which clears setgid.
	return f.Chmod(keptMode(old.Mode()))
}

// dup duplicates pillar's descriptor fd, to write through it.
func dup(fd int, name string) (*os.File, error) {
	nfd, err := syscall.Dup(fd)
	if err != nil {
		return nil, &fs.PathError{Op: "dup", Path: name, Err: err}
	}
	syscall.CloseOnExec(nfd)
	// Linux checks that a descriptor is open for writing before it looks
	// at the length, so an empty write tells, and writes nothing.
	if _, err := syscall.Write(nfd, nil); err == syscall.EBADF {
		syscall.Close(nfd)
		return nil, errors.New("it is open for reading only")
	}
	return os.NewFile(uintptr(nfd), name), nil
}
