package outfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/pillar-strategy/pillar/internal/inputfile"
)

// kind is how an output is written.
type kind int

const (
	toStdout     kind = iota // the stdout writer
	toStream                 // an existing FIFO or character device, opened and written directly
	toDescriptor             // an open file descriptor onto a regular file, written through it
	toReplace                // an existing regular file, replaced atomically
	toCreate                 // a new regular file, created atomically
)

// target is where an output goes, once names and links are resolved.
type target struct {
	name string      // as the user gave it
	kind kind        // how it is written
	path string      // the final target, for toReplace and toCreate
	info fs.FileInfo // the existing file, for toReplace
	fd   int         // pillar's own descriptor, for toDescriptor; -1 for another process's
}

// maxLinks is how many symbolic links a chain may hold, as Linux's
// MAXSYMLINKS (path_resolution(7)).
const maxLinks = 40

const (
	loopReason   = "its symbolic links form a loop (or a chain longer than 40); point the link at a file"
	noLookReason = "pillar may not look at it (permission denied); check the permissions of the folders on its path"
)

// resolve finds where name leads and whether it may be written, without
// opening or creating anything.
func resolve(name string) (target, error) {
	t := target{name: name}
	if name == "" {
		return t, t.fail("no file name given", nil)
	}
	if IsStdout(name) {
		t.kind = toStdout
		return t, nil
	}
	// The kernel's view first: it follows every link, also the magic ones
	// under /proc/self/fd that name pipes and terminals.
	fi, err := os.Stat(name)
	switch {
	case err == nil:
		if k, reason := classify(fi.Mode()); reason != "" {
			return t, t.fail(reason, nil)
		} else if k == toStream {
			t.kind = toStream
			return t, nil
		}
	case errors.Is(err, syscall.ELOOP):
		return t, t.fail(loopReason, err)
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
		// walk names the folder that is missing or is not one.
	case errors.Is(err, fs.ErrPermission):
		return t, t.fail(noLookReason, err)
	default:
		return t, t.fail(reasonOf(err), err)
	}
	return walk(t)
}

// classify says how an existing file of mode m is written (toStream or
// toReplace), or why it is refused.
func classify(m fs.FileMode) (kind, string) {
	switch {
	case m.IsRegular():
		return toReplace, ""
	case m&fs.ModeNamedPipe != 0, m&fs.ModeCharDevice != 0:
		return toStream, ""
	case m.IsDir():
		return 0, "it is a folder; give the name of a file"
	}
	return 0, "it is " + inputfile.Kind(m) + "; pillar writes regular files, FIFOs and character devices only"
}

// walk follows name's chain of symbolic links to the regular file (or the
// missing name) at its end. Each folder on the way is resolved by the
// kernel (filepath.EvalSymlinks), and a link's relative target is joined to
// its folder's physical path, so that ".." means what it means to the
// kernel.
func walk(t target) (target, error) {
	p := t.name
	for hop := 0; hop <= maxLinks; hop++ {
		dir, base := split(p)
		if base == "" || base == "." || base == ".." {
			return t, t.fail("it names a folder; give the name of a file", nil)
		}
		rdir, err := filepath.EvalSymlinks(dir)
		if err != nil {
			return t, t.folderError(p, dir, hop, err)
		}
		real := filepath.Join(rdir, base)
		li, err := os.Lstat(real)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			t.kind, t.path = toCreate, real
			return t, t.writableFolder(rdir)
		case errors.Is(err, syscall.ENOTDIR):
			return t, t.folderError(p, dir, hop, err)
		case err != nil:
			return t, t.fail(reasonOf(err), err)
		case li.Mode()&fs.ModeSymlink != 0:
			if isDescriptorDir(rdir) {
				t.kind, t.fd = toDescriptor, ownDescriptor(rdir, base)
				return t, nil
			}
			link, err := os.Readlink(real)
			if err != nil {
				return t, t.fail(reasonOf(err), err)
			}
			if !filepath.IsAbs(link) {
				link = rdir + string(filepath.Separator) + link
			}
			p = link
			continue
		}
		k, reason := classify(li.Mode())
		if reason != "" {
			return t, t.fail(reason, nil)
		}
		if k == toStream { // it became one since os.Stat looked
			t.kind = toStream
			return t, nil
		}
		t.kind, t.path, t.info = toReplace, real, li
		if err := t.writableFolder(rdir); err != nil {
			return t, err
		}
		return t, t.writableFile()
	}
	return t, t.fail(loopReason, nil)
}

// split cuts p into its folder and its last element without cleaning it:
// cleaning "link/../x" to "x" would take ".." lexically, not physically.
func split(p string) (dir, base string) {
	i := len(p) - 1
	for i >= 0 && !os.IsPathSeparator(p[i]) {
		i--
	}
	switch {
	case i < 0:
		return ".", p
	case i == 0:
		return p[:1], p[1:]
	}
	return p[:i], p[i+1:]
}

// descriptorDir matches the folders whose links are a process's open file
// descriptors (proc(5)): /proc/self/fd and /dev/fd resolve to one of them.
var descriptorDir = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^/proc/[0-9]+(/task/[0-9]+)?/fd$`)
})

func isDescriptorDir(dir string) bool { return descriptorDir().MatchString(filepath.ToSlash(dir)) }

// ownDescriptor returns the number of the descriptor base names in dir
// when dir is pillar's own descriptor folder, else -1.
func ownDescriptor(dir, base string) int {
	pid := "/proc/" + strconv.Itoa(os.Getpid()) + "/"
	if !strings.HasPrefix(filepath.ToSlash(dir)+"/", pid) {
		return -1
	}
	fd, err := strconv.Atoi(base)
	if err != nil || fd < 0 {
		return -1
	}
	return fd
}

func (t target) fail(reason string, err error) error {
	return &Error{Op: "write", Name: t.name, Reason: reason, Err: err}
}

// folderError explains why the folder of p (the name given, or the hop-th
// link on the way) cannot be used.
func (t target) folderError(p, dir string, hop int, err error) error {
	via := ""
	if hop > 0 {
		via = fmt.Sprintf("it is a symbolic link to %s, and ", p)
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if a := notFolder(dir); a != "" {
			return t.fail(via+a+" is not a folder", err)
		}
		return t.fail(via+"the folder "+dir+" does not exist; create it first", err)
	case errors.Is(err, syscall.ENOTDIR):
		if a := notFolder(dir); a != "" {
			return t.fail(via+a+" is not a folder", err)
		}
	case errors.Is(err, fs.ErrPermission):
		return t.fail(via+noLookReason, err)
	case strings.Contains(err.Error(), "too many links"): // filepath.EvalSymlinks's own loop error
		return t.fail(loopReason, err)
	}
	return t.fail(via+"the folder "+dir+": "+reasonOf(err), err)
}

// notFolder returns the first path on the way to dir that exists but is
// not a folder, or "".
func notFolder(dir string) string {
	var chain []string
	for d := dir; ; {
		chain = append(chain, d)
		parent, _ := split(d)
		if parent == d {
			break
		}
		d = parent
	}
	for i := len(chain) - 1; i >= 0; i-- {
		fi, err := os.Stat(chain[i])
		if err != nil {
			return ""
		}
		if !fi.IsDir() {
			return chain[i]
		}
	}
	return ""
}

// writableFolder checks that pillar may create the temporary file in dir,
// so that a long command fails before its work, not after.
func (t target) writableFolder(dir string) error {
	if err := access(dir, wOK|xOK); err != nil {
		return t.folderWriteError(dir, err)
	}
	return nil
}

// folderWriteError explains why no file can be created in dir.
func (t target) folderWriteError(dir string, err error) error {
	switch {
	case errors.Is(err, syscall.EROFS):
		return t.fail("the folder "+dir+" is on a read-only file system; write elsewhere", err)
	case errors.Is(err, fs.ErrPermission):
		return t.fail("pillar may not create files in the folder "+dir+
			" (permission denied), which it needs to replace a file atomically; make the folder writable or write elsewhere", err)
	case errors.Is(err, fs.ErrNotExist):
		return t.fail("the folder "+dir+" does not exist; create it first", err)
	}
	return t.fail("cannot create a file in the folder "+dir+": "+reasonOf(err), err)
}

// writableFile refuses to replace a file its owner made read-only: a
// rename would overwrite it although the folder allows it.
func (t target) writableFile() error {
	err := access(t.path, wOK)
	if err != nil && errors.Is(err, fs.ErrPermission) {
		return t.fail("the file is read-only; make it writable (chmod u+w) or write elsewhere", err)
	}
	return nil
}

// reasonOf is the system's error without the path in it, which may be a
// temporary file's.
func reasonOf(err error) string {
	var pe *fs.PathError
	var le *os.LinkError
	var se *os.SyscallError
	switch {
	case errors.As(err, &pe):
		return pe.Err.Error()
	case errors.As(err, &le):
		return le.Err.Error()
	case errors.As(err, &se):
		return se.Err.Error()
	}
	return err.Error()
}
